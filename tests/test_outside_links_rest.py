"""The readers of a meeting file that came after discovery's rule (a link that ends outside the
repository is never read): ``check --base`` and ``review --base``, which run in CI on a pull
request that may plant ``x.md -> /etc/passwd``, ``review --preview``, and the commands that
edit a record in place (``status``, ``attend``, ``approve``): each names the link, reads
nothing through it and writes nothing through it (a write by rename would replace it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import RepoFactory
from tests.gitrepo import git
from tests.test_approve_safety import APPROVING
from tests.test_frozen import APPROVED, RECORD, top
from tests.test_lifecycle import DRAFT, REVIEW
from vvgctl.cli.app import app

runner = CliRunner()
__all__ = ["top"]  # the fixture
SECRET = "HEMLIGTINNEHALL"
OUTSIDE = "the file is a link to a place outside the repository"
PLANTED = "minutes/vvg/2025/2025-11-20.md"


def _invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def _secret(text: str) -> str:
    """``text`` with the marker in an item's title and heading and in its prose."""
    marked = text.replace("Egenvård", SECRET).replace("Bakgrund.", f"{SECRET} i texten.")
    assert marked.count(SECRET) >= 3
    return marked


def _plant(link: Path, target: Path, text: str) -> Path:
    """``link`` made a link to ``target``, outside the repository, holding ``text``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    if link.exists() or link.is_symlink():
        link.unlink()
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    return target


# -- check --base and review --base: in CI, on an untrusted pull request ----------------------


@pytest.fixture
def planted(top: Path) -> tuple[Path, str]:
    """The project with a pull request that plants a link to an approved meeting outside (a
    new file) and turns the approved 2025-10-22 into a link to a changed copy outside; the
    base commit is returned with it."""
    base = git(top, "rev-parse", "HEAD").strip()
    approved = _secret(APPROVED).replace("date: 2025-10-22", "date: 2025-11-20")
    _plant(top / PLANTED, top.parent / "elsewhere/new.md", approved)
    _plant(top / RECORD, top.parent / "elsewhere/old.md", _secret(APPROVED))
    git(top, "add", "-A")
    git(top, "commit", "--quiet", "-m", "plant")
    return top, base


def _untouched(top: Path) -> None:
    for name in ("new.md", "old.md"):
        assert SECRET in (top.parent / "elsewhere" / name).read_text(encoding="utf-8")
    assert (top / PLANTED).is_symlink() and (top / RECORD).is_symlink()


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_check_base_reads_no_link_out_of_the_repository(
    planted: tuple[Path, str], fmt: str
) -> None:
    top, base = planted
    code, said = _invoke("check", str(top / "minutes"), "--base", base, "--format", fmt)
    assert code == 1 and SECRET not in said, said
    assert "2025-11-20.md" in said and "2025-10-22.md" in said and OUTSIDE in said, said
    assert "approval-flow" not in said and "frozen-record" not in said, said  # nothing read
    if fmt == "json":
        found = json.loads(said)["diagnostics"]
        linked = [d["code"] for d in found if d["path"].endswith(("11-20.md", "10-22.md"))]
        assert linked == ["io", "io"], found  # no approval-flow, no frozen-record: not read
    _untouched(top)


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
@pytest.mark.parametrize("committed", [True, False])
def test_review_base_reads_no_link_out_of_the_repository(
    planted: tuple[Path, str], fmt: str, committed: bool
) -> None:
    top, base = planted
    if not committed:  # planted in the working tree only: named all the same
        git(top, "reset", "--quiet", "--mixed", base)
    code, said = _invoke("review", str(top / "minutes"), "--base", base, "--format", fmt)
    assert code == 1 and SECRET not in said, said
    assert "2025-11-20.md" in said and "2025-10-22.md" in said and OUTSIDE in said, said
    if fmt == "json":
        review = json.loads(said)
        changes = {m["path"].rsplit("/", 1)[-1]: m["change"] for m in review["meetings"]}
        assert changes.get("2025-11-20.md") == "unreadable", changes
        assert changes.get("2025-10-22.md") == "unreadable", changes
    _untouched(top)


def test_review_preview_renders_no_link_out_of_the_repository(
    planted: tuple[Path, str], tmp_path: Path
) -> None:
    top, base = planted
    out = tmp_path / "preview"
    code, said = _invoke("review", str(top / "minutes"), "--base", base, "--preview", str(out))
    assert code == 1 and SECRET not in said and OUTSIDE in said, said
    for page in out.rglob("*") if out.exists() else []:
        assert "2025-11-20" not in page.name and "2025-10-22" not in page.name, page
        if page.is_file() and page.suffix != ".pdf":
            assert SECRET not in page.read_text(encoding="utf-8", errors="replace"), page
    _untouched(top)


def test_a_data_file_linked_out_is_named_not_read(planted: tuple[Path, str]) -> None:
    top, base = planted
    people = top / "minutes/registry/people.yaml"
    _plant(people, top.parent / "elsewhere/people.yaml", f"people: [{SECRET}: {{\n")
    code, said = _invoke("review", str(top / "minutes"), "--base", base, "--format", "json")
    assert code == 1 and SECRET not in said and "people.yaml" in said and OUTSIDE in said, said


# -- status, attend, approve: a record edited in place ---------------------------------------


def _edit(*args: str) -> tuple[int, str]:
    code, said = _invoke(*args)
    assert "Traceback" not in said, said
    return code, said


@pytest.mark.parametrize(
    "args",
    [
        ["status", "{record}", "review"],
        ["attend", "{record}", "--remote", "Tanja Mattsson"],
        ["approve", "{record}", "--at", "2026-02-11"],
    ],
)
def test_an_edit_refuses_a_record_linked_out(
    make_repo: RepoFactory, tmp_path: Path, args: list[str]
) -> None:
    root = make_repo({"vvg/2026/2026-02-11.md": APPROVING})
    record = root / "vvg/2025/2025-11-05.md"
    text = _secret(REVIEW if args[0] == "approve" else DRAFT)
    target = _plant(record, tmp_path / "elsewhere/record.md", text)
    approving = (root / "vvg/2026/2026-02-11.md").read_bytes()
    code, said = _edit(*(a.format(record=record) for a in args))
    assert code == 1 and "2025-11-05.md" in said and OUTSIDE in said, said
    assert SECRET not in said, said
    assert record.is_symlink() and target.read_text(encoding="utf-8") == text
    assert (root / "vvg/2026/2026-02-11.md").read_bytes() == approving


def test_approve_refuses_approving_minutes_linked_out(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    root = make_repo({"vvg/2025/2025-11-05.md": REVIEW})
    record = root / "vvg/2025/2025-11-05.md"
    approving = root / "vvg/2026/2026-02-11.md"
    text = _secret(APPROVING)
    target = _plant(approving, tmp_path / "elsewhere/approving.md", text)
    code, said = _edit("approve", str(record), "--at", "2026-02-11")
    assert code == 1 and "2026-02-11.md" in said and OUTSIDE in said, said
    assert SECRET not in said, said
    assert approving.is_symlink() and target.read_text(encoding="utf-8") == text
    assert record.read_text(encoding="utf-8") == REVIEW


def test_a_link_inside_the_repository_is_still_edited(make_repo: RepoFactory) -> None:
    root = make_repo({"vvg/2025/drafts/real.md": DRAFT})
    record = root / "vvg/2025/2025-11-05.md"
    record.symlink_to(root / "vvg/2025/drafts/real.md")
    code, said = _edit("status", str(record), "review")
    assert code == 0, said
