"""`vvgctl new-meeting`, driven through the CLI in temporary git repositories."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MEETING_MD, PEOPLE_YAML
from tests.gitrepo import git, init_repo, use_git_env
from vvgctl.cli.app import app
from vvgctl.source.loading import load_meeting

runner = CliRunner()

ORGANS = """\
organs:
  - id: vvg
    name: Vårdsamverkan Västra Götaland
    short_name: VVG
    delegations:
      - {id: vastkom, name: VästKom}
      - {id: fyrbodal, name: Fyrbodal}
      - {id: administration, name: Administration}
    members:
      - {name: Kristina Lännergren, delegation: vastkom, role: chair, start: 2025-01-01}
      - {name: Tanja Mattsson, delegation: fyrbodal, affiliation: Mellerud/Bengtsfors,
         end: 2025-12-31}
      - {name: Lotta Hjöberg, delegation: fyrbodal, affiliation: Skövde, start: 2026-01-01}
      - {name: Åsa Jackson, delegation: administration, role: secretary}
"""

PREVIOUS_WITH_ACTION = MEETING_MD.replace(
    "        text: Vårdsamverkan Västra Götaland noterar informationen.\n",
    "        text: Vårdsamverkan Västra Götaland noterar informationen.\n"
    "    actions:\n"
    "      - {id: enkat, text: Ta fram ett enkätförslag, owner: Åsa Jackson, "
    "due_meeting: next}\n",
)

DAY = "2026-02-11"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose minutes/ hold the registry and one approved meeting."""
    use_git_env(monkeypatch)
    top = init_repo(
        tmp_path / "project",
        {
            "minutes/registry/organs.yaml": ORGANS,
            "minutes/registry/people.yaml": PEOPLE_YAML,
            "minutes/vvg/2025/2025-10-22.md": PREVIOUS_WITH_ACTION,
        },
    )
    return top / "minutes"


def new(repo: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["new-meeting", "--organ", "vvg", "--repo", str(repo), *extra])
    return result.exit_code, result.output


def target(repo: Path) -> Path:
    return repo / "vvg" / "2026" / f"{DAY}.md"


WHERE = ("--date", DAY, "--place", "Teams", "--mode", "remote", "--time", "09:00-11:00")


def test_generated_file_validates_and_is_prefilled(repo: Path) -> None:
    code, out = new(repo, *WHERE)
    assert code == 0, out
    check = runner.invoke(app, ["check", str(repo)])
    assert check.exit_code == 0, check.output
    meeting = load_meeting(target(repo)).model
    assert meeting is not None
    assert (meeting.status.value, meeting.place, meeting.mode.value) == (
        "planned",
        "Teams",
        "remote",
    )
    assert meeting.time is not None and f"{meeting.time.start:%H:%M}" == "09:00"
    # the roster as it stands on the date, in the registry's delegation order
    roster = {g.delegation: [m.name for m in g.members] for g in meeting.roster}
    assert list(roster) == ["vastkom", "fyrbodal", "administration"]
    assert roster["fyrbodal"] == ["Lotta Hjöberg"]  # Tanja Mattsson left in 2025
    assert meeting.chair is not None and meeting.chair.name == "Kristina Lännergren"
    assert meeting.secretary is not None and meeting.secretary.name == "Åsa Jackson"
    assert meeting.previous is not None and str(meeting.previous.date) == "2025-10-22"
    assert meeting.previous.link == "../2025/2025-10-22.md"
    titles = [i.title for i in meeting.items]
    assert titles[:3] == [
        "Mötets öppnande",
        "Godkännande av dagens agenda",
        "Föregående mötesanteckning",
    ]
    assert [s.title for s in meeting.items[0].subitems] == ["Närvaro/upprop", "Övriga frågor"]
    assert "Uppföljning av åtgärder från tidigare möten" in titles  # the open action is due
    assert titles[-1] == "Mötets avslutande" and "Övriga frågor" not in titles  # once, in 1 b
    text = target(repo).read_text(encoding="utf-8")
    assert "Ta fram ett enkätförslag (ansvarig: Åsa Jackson)" in text
    for item in meeting.items:
        assert f"\n## {item.number}. {item.title}\n" in text


def test_kallelse_lists_the_previous_minutes_once(repo: Path) -> None:
    from vvgctl.render.pipeline import prepare

    assert new(repo, *WHERE)[0] == 0
    markdown = prepare(target(repo), agenda=True).markdown
    section = markdown[markdown.index("Föregående mötesanteckning") :]
    section = section[: section.index("\n#")]
    assert section.count("](") == 1 and "2025/2025-10-22.md" in section


def test_second_call_refuses_and_leaves_the_file_byte_identical(repo: Path) -> None:
    assert new(repo, *WHERE)[0] == 0
    before = target(repo).read_bytes()
    code, out = new(repo, *WHERE[:2], "--place", "Göteborg", "--mode", "in_person")
    assert code == 1
    assert "already exists" in out and "--force" in out
    assert target(repo).read_bytes() == before
    code, out = new(repo, *WHERE[:2], "--place", "Göteborg", "--mode", "in_person", "--force")
    assert code == 0, out
    assert "place: Göteborg" in target(repo).read_text(encoding="utf-8")


def test_dry_run_prints_and_writes_nothing(repo: Path) -> None:
    result = runner.invoke(
        app, ["new-meeting", "--organ", "vvg", "--repo", str(repo), *WHERE, "--dry-run"]
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("---\norgan: vvg\n")
    assert not target(repo).exists()


def test_values_are_quoted_as_yaml_needs(repo: Path) -> None:
    place = 'Sal "A": plan 3, #1 {ny}'
    code, out = new(repo, "--date", DAY, "--place", place, "--mode", "hybrid")
    assert code == 0, out
    meeting = load_meeting(target(repo)).model
    assert meeting is not None and meeting.place == place


def test_without_a_terminal_it_never_waits(repo: Path) -> None:
    # stdin stays open and empty: a prompt would block until the timeout
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "vvgctl",
            "new-meeting",
            "--organ",
            "vvg",
            "--repo",
            str(repo),
            "--date",
            DAY,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        code = proc.wait(timeout=60)
    finally:
        proc.kill()
    assert proc.stderr is not None and proc.stdin is not None and proc.stdout is not None
    err = proc.stderr.read()
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        stream.close()
    assert code == 2
    assert "--place and --mode" in err and "Traceback" not in err
    assert not target(repo).exists()


def test_without_schedule_or_date_it_asks_for_the_date(repo: Path) -> None:
    code, out = new(repo, "--place", "Teams", "--mode", "remote")
    assert code == 2
    assert "--date" in out


def test_on_a_terminal_it_asks(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vvgctl.cli import new_meeting

    monkeypatch.setattr(new_meeting, "interactive", lambda: True)
    result = runner.invoke(
        app,
        ["new-meeting", "--organ", "vvg", "--repo", str(repo)],
        input=f"{DAY}\nTeams\nhybrid\n13:00-15:30\n",
    )
    assert result.exit_code == 0, result.output
    meeting = load_meeting(target(repo)).model
    assert meeting is not None
    assert (meeting.place, meeting.mode.value) == ("Teams", "hybrid")
    assert meeting.time is not None and f"{meeting.time.end:%H:%M}" == "15:30"


def test_branch_commits_the_file_on_a_new_branch(repo: Path) -> None:
    top = repo.parent
    code, out = new(repo, *WHERE, "--branch")
    assert code == 0, out
    assert git(top, "branch", "--show-current").strip() == f"meeting/vvg-{DAY}"
    assert git(top, "status", "--porcelain") == ""
    files = git(top, "show", "--name-only", "--format=", "HEAD").split()
    assert files == [f"minutes/vvg/2026/{DAY}.md"]


def test_branch_refuses_a_dirty_tree_and_writes_nothing(repo: Path) -> None:
    (repo / "notes.txt").write_text("wip\n", encoding="utf-8")
    code, out = new(repo, *WHERE, "--branch")
    assert code == 1
    assert "uncommitted changes" in out
    assert not target(repo).exists()
    assert git(repo.parent, "branch", "--show-current").strip() == "main"


def test_branch_outside_git_is_a_usage_error(tmp_path: Path) -> None:
    root = tmp_path / "minutes"
    root.mkdir()
    (root / "registry").mkdir()
    (root / "registry" / "organs.yaml").write_text(ORGANS, encoding="utf-8")
    (root / "registry" / "people.yaml").write_text(PEOPLE_YAML, encoding="utf-8")
    code, out = new(root, *WHERE, "--branch")
    assert code == 2
    assert "not inside a git repository" in out


def test_unknown_organ_names_the_known_ones(repo: Path) -> None:
    result = runner.invoke(app, ["new-meeting", "--organ", "vgg", "--repo", str(repo)])
    assert result.exit_code == 2
    assert "known organs: vvg" in result.output


def test_members_without_a_delegation_are_one_group_after_the_delegations(repo: Path) -> None:
    organs = repo / "registry/organs.yaml"
    organs.write_text(
        ORGANS + "      - {name: Nils Holm, affiliation: Kansliet}\n", encoding="utf-8"
    )
    code, out = new(repo, *WHERE)
    assert code == 0 and "Nils Holm" not in out, out
    meeting = load_meeting(target(repo)).model
    assert meeting is not None
    assert [(g.delegation, [m.name for m in g.members]) for g in meeting.roster] == [
        ("vastkom", ["Kristina Lännergren"]),
        ("fyrbodal", ["Lotta Hjöberg"]),
        ("administration", ["Åsa Jackson"]),
        (None, ["Nils Holm"]),
    ]
    check = runner.invoke(app, ["check", str(repo)])
    assert check.exit_code == 0, check.output
    agenda = runner.invoke(
        app,
        [
            "render",
            str(target(repo)),
            "--agenda",
            "--format",
            "html",
            "-o",
            str(repo.parent / "out"),
        ],
    )
    assert agenda.exit_code == 0, agenda.output
    html = (repo.parent / "out" / f"vvg-{DAY}-kallelse.html").read_text(encoding="utf-8")
    assert html.count('class="doc-delegation"') == 4 and "Nils Holm, Kansliet" in html


def test_new_meeting_parses_the_previous_meeting_once(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 27: the records and the query index (its open actions) are read from one
    parse of each meeting in the command."""
    import collections

    from vvgctl.index import extract
    from vvgctl.source import loading

    counter: collections.Counter[str] = collections.Counter()
    real = loading.parse_meeting

    def counting(raw: bytes, shown: str) -> loading.LoadedMeeting:
        counter[Path(shown).name] += 1
        return real(raw, shown)

    monkeypatch.setattr(loading, "parse_meeting", counting)
    monkeypatch.setattr(extract, "parse_meeting", counting)
    code, out = new(repo, *WHERE)
    assert code == 0, out
    assert counter["2025-10-22.md"] == 1, counter
