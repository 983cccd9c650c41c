"""`vvgctl check --base REV`: approved minutes change only through an approved correction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MEETING_MD, ORGANS_YAML, PEOPLE_YAML
from tests.gitrepo import git, init_repo, use_git_env
from vvgctl.cli.app import app

runner = CliRunner()

APPROVED = MEETING_MD.replace(
    "chair: Kristina Lännergren\n", "chair: Kristina Lännergren\napproval:\n  meeting: 2025-12-10\n"
)
DRAFT = APPROVED.replace("status: approved", "status: draft").replace(
    "approval:\n  meeting: 2025-12-10\n", ""
)
# the meeting that approved RECORD, its minutes in review; and the meeting after it
LATER = (
    MEETING_MD.replace("date: 2025-10-22", "date: 2025-12-10")
    .replace("status: approved", "status: review")
    .replace("roster:", "previous:\n  date: 2025-10-22\n  link: 2025-10-22.md\nroster:", 1)
)
NEXT = (
    LATER.replace("date: 2025-12-10", "date: 2026-02-11")
    .replace("status: review", "status: draft")
    .replace(
        "  date: 2025-10-22\n  link: 2025-10-22.md\n",
        "  date: 2025-12-10\n  link: ../2025/2025-12-10.md\n  approved: false\n",
    )
)
RECORD = "minutes/vvg/2025/2025-10-22.md"
LATER_FILE = "minutes/vvg/2025/2025-12-10.md"
NEXT_FILE = "minutes/vvg/2026/2026-02-11.md"
CORRECTION = (
    '  corrections:\n    - text: Rättelse i punkt 2\n      item: "2"\n'
    "      quote: Bakgrund.\n      replacement: Bakgrund och syfte.\n"
)


@pytest.fixture
def top(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    use_git_env(monkeypatch)
    return init_repo(
        tmp_path / "project",
        {
            "minutes/registry/organs.yaml": ORGANS_YAML,
            "minutes/registry/people.yaml": PEOPLE_YAML,
            RECORD: APPROVED,
            LATER_FILE: LATER,
            NEXT_FILE: NEXT,
            "minutes/vvg/2025/2025-11-05.md": DRAFT.replace("2025-10-22", "2025-11-05"),
        },
    )


def check(
    top: Path, *extra: str, code: str = "frozen-record"
) -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(
        app, ["check", str(top / "minutes"), "--base", "HEAD", "--format", "json", *extra]
    )
    data = json.loads(result.stdout)
    found = [d for d in data["diagnostics"] if d["code"] == code]
    return result.exit_code, found


def approve_later(top: Path) -> None:
    """Approve LATER's minutes at the next meeting, as `vvgctl approve` does."""
    result = runner.invoke(app, ["approve", str(top / LATER_FILE), "--at", "2026-02-11"])
    assert result.exit_code == 0, result.output


def edit(top: Path, path: str, old: str, new: str) -> None:
    file = top / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")


def test_unchanged_repository_is_clean(top: Path) -> None:
    assert check(top) == (0, [])


def test_a_change_to_approved_minutes_is_reported_at_its_line(top: Path) -> None:
    edit(top, RECORD, "Bakgrund.", "Bakgrund, omskriven i efterhand.")
    code, frozen = check(top)
    assert code == 1
    [finding] = frozen
    lines = (top / RECORD).read_text(encoding="utf-8").split("\n")
    assert finding["line"] == lines.index("Bakgrund, omskriven i efterhand.") + 1
    assert str(finding["path"]).endswith("2025-10-22.md")
    assert "frozen" in str(finding["message"])


def test_a_front_matter_change_is_reported_too(top: Path) -> None:
    edit(top, RECORD, "noterar informationen.", "ställer sig bakom förslaget.")
    code, frozen = check(top)
    assert code == 1 and len(frozen) == 1


def test_unapproving_is_a_change(top: Path) -> None:
    edit(top, RECORD, "status: approved", "status: review")
    edit(top, RECORD, "approval:\n  meeting: 2025-12-10\n", "")
    assert check(top)[0] == 1


def test_a_correction_the_record_declares_itself_counts_for_nothing(top: Path) -> None:
    # issue 13, bypass (a): a change and a self-made approval with its "correction"
    edit(
        top,
        RECORD,
        "approval:\n  meeting: 2025-12-10\n",
        "approval:\n  meeting: 2099-01-01\n" + CORRECTION,
    )
    edit(top, RECORD, "\nBakgrund.\n", "\nBakgrund och syfte.\n")
    code, frozen = check(top)
    assert code == 1 and len(frozen) == 1
    assert check(top, code="approval-date")[1], "an approval in 2099 is in the future"
    # the same without moving the approval: still the record's own word
    edit(top, RECORD, "  meeting: 2099-01-01\n", "  meeting: 2025-12-10\n")
    assert check(top)[0] == 1


def test_a_correction_in_a_draft_counts_for_nothing(top: Path) -> None:
    # issue 13, bypass (b): the correction only in the approving meeting's unapproved minutes
    edit(top, LATER_FILE, "  link: 2025-10-22.md\n", "  link: 2025-10-22.md\n" + CORRECTION)
    edit(top, RECORD, "Bakgrund.", "Bakgrund och syfte.")
    code, frozen = check(top)
    assert code == 1 and len(frozen) == 1
    assert "approving meeting" in str(frozen[0]["hint"])


def test_a_correction_approved_in_the_same_change_allows_exactly_that_change(top: Path) -> None:
    edit(top, LATER_FILE, "  link: 2025-10-22.md\n", "  link: 2025-10-22.md\n" + CORRECTION)
    edit(top, RECORD, "Bakgrund.", "Bakgrund och syfte.")
    approve_later(top)
    assert check(top) == (0, [])
    # the record may copy the counted correction into its own approval block
    edit(top, RECORD, "  meeting: 2025-12-10\n", "  meeting: 2025-12-10\n" + CORRECTION)
    assert check(top) == (0, [])
    edit(top, RECORD, "Mötet öppnas.", "Mötet öppnas kl. 9.")
    code, frozen = check(top)
    assert code == 1 and len(frozen) == 1


def test_a_correction_approved_before_allows_the_change(top: Path) -> None:
    edit(top, LATER_FILE, "  link: 2025-10-22.md\n", "  link: 2025-10-22.md\n" + CORRECTION)
    approve_later(top)
    git(top, "commit", "--quiet", "-am", "approve the December minutes with a correction")
    edit(top, RECORD, "Bakgrund.", "Bakgrund och syfte.")
    assert check(top) == (0, [])


def test_a_correction_does_not_cover_more_than_it_quotes(top: Path) -> None:
    edit(top, LATER_FILE, "  link: 2025-10-22.md\n", "  link: 2025-10-22.md\n" + CORRECTION)
    approve_later(top)
    edit(top, RECORD, "Bakgrund.", "Bakgrund och syfte. Och något mer.")
    assert check(top)[0] == 1


def test_drafts_change_freely_and_line_endings_do_not_count(top: Path) -> None:
    edit(top, "minutes/vvg/2025/2025-11-05.md", "Bakgrund.", "Ny bakgrund.")
    record = top / RECORD
    record.write_bytes(record.read_bytes().replace(b"\n", b"\r\n"))
    assert check(top) == (0, [])


def test_a_removed_record_is_reported(top: Path) -> None:
    (top / RECORD).unlink()
    code, frozen = check(top)
    assert code == 1
    assert "removed" in str(frozen[0]["message"])


def test_a_record_approved_in_the_change_is_not_frozen_yet(top: Path) -> None:
    edit(top, LATER_FILE, "Bakgrund.", "Bakgrund, rättad före godkännandet.")
    approve_later(top)
    assert check(top) == (0, [])
    assert check(top, code="approval-flow") == (0, [])


def test_base_compares_with_an_older_commit(top: Path) -> None:
    edit(top, RECORD, "Bakgrund.", "Bakgrund, omskriven.")
    git(top, "commit", "--quiet", "-am", "rewrite approved minutes")
    assert check(top)[1] == []  # HEAD has the change already
    result = runner.invoke(app, ["check", str(top / "minutes"), "--base", "HEAD~1"])
    assert result.exit_code == 1
    assert "[frozen-record]" in result.output


def test_unknown_revision_and_no_git_are_usage_errors(top: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(top / "minutes"), "--base", "nosuchrev"])
    assert result.exit_code == 2
    assert "no revision 'nosuchrev'" in result.output
    plain = tmp_path / "plain"
    (plain / "registry").mkdir(parents=True)
    for name, text in (("organs.yaml", ORGANS_YAML), ("people.yaml", PEOPLE_YAML)):
        (plain / "registry" / name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(plain), "--base", "HEAD"])
    assert result.exit_code == 2
    assert "not inside a git repository" in result.output


def test_a_recorded_correction_changes_words_not_fields(top: Path) -> None:
    """A correction that an approved meeting records explains a change of text only: quoting
    YAML (``type: noted`` -> ``type: rejected``) or a line break changes structure, and
    counts for nothing (issue 26: the frozen check as strict as `vvgctl approve`)."""
    structural = (
        '  corrections:\n    - text: Rättelse i punkt 2\n      item: "2"\n'
        '      quote: "type: noted"\n      replacement: "type: rejected"\n'
    )
    edit(top, LATER_FILE, "  link: 2025-10-22.md\n", "  link: 2025-10-22.md\n" + structural)
    approve_later(top)
    git(top, "commit", "--quiet", "-am", "approve the December minutes with the correction")
    edit(top, RECORD, "      - type: noted", "      - type: rejected")
    code, frozen = check(top)
    assert code == 1 and len(frozen) == 1, frozen


def test_a_recorded_correction_with_a_line_break_counts_for_nothing(top: Path) -> None:
    broken = (
        '  corrections:\n    - text: Rättelse i punkt 2\n      item: "2"\n'
        '      quote: Bakgrund.\n      replacement: "Bakgrund.\\n\\n## 9. Falsk punkt"\n'
    )
    edit(top, LATER_FILE, "  link: 2025-10-22.md\n", "  link: 2025-10-22.md\n" + broken)
    approve_later(top)
    git(top, "commit", "--quiet", "-am", "approve the December minutes with the correction")
    edit(top, RECORD, "Bakgrund.", "Bakgrund.\n\n## 9. Falsk punkt")
    code, frozen = check(top)
    assert code == 1 and len(frozen) == 1, frozen
