"""Two edges the speed work found: a cached result never outlives the day it holds on, and a
meeting file that is a link ending outside the repository is never read, whichever command
reads meetings."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MINUTES
from vvgctl.checking import whole_run
from vvgctl.cli.app import app
from vvgctl.repository import file_result
from vvgctl.repository.repo import Repository

runner = CliRunner()
MEETING = Path("vvg/2025/2025-10-22.md")
APPROVED_AT = dt.date(2025, 12, 10)
SECRET = "HEMLIGTINNEHALL"


def _on(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    """Move the clock the file rules, the result cache and the whole-run cache read."""
    monkeypatch.setattr(file_result, "today", lambda: day, raising=False)
    monkeypatch.setattr(whole_run, "_today", lambda: day.isoformat())


def _invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def _checked(root: str, fmt: str, *options: str) -> tuple[int, str]:
    """``check``'s exit code and output (in JSON, without the count of cached results)."""
    code, out = _invoke("check", root, "--format", fmt, *options)
    if fmt == "json":
        found = json.loads(out)
        del found["summary"]["cached"]
        out = json.dumps(found)
    return code, out


@pytest.fixture
def approved_later(tmp_path: Path) -> Path:
    """The bundled minutes, the meeting of 2025-10-22 approved at the meeting of 2025-12-10."""
    root = shutil.copytree(MINUTES, tmp_path / "minutes")
    meeting = root / MEETING
    text = meeting.read_text(encoding="utf-8")
    text = text.replace(
        "status: approved\n", f"status: approved\napproval: {{meeting: {APPROVED_AT}}}\n", 1
    )
    meeting.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab"])
def test_a_cached_finding_about_a_meeting_yet_to_come_ends_on_its_day(
    approved_later: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    root = str(approved_later)
    days = [APPROVED_AT - dt.timedelta(days=1), APPROVED_AT, APPROVED_AT + dt.timedelta(days=30)]
    for day in [*days, days[0]]:  # (and back: a clock set back)
        _on(monkeypatch, day)
        fresh = _checked(root, fmt, "--no-cache")
        for _ in range(2):  # the run that fills the cache, and a warm one
            assert _checked(root, fmt) == fresh, day
        assert ("has not taken place yet" in fresh[1]) is (day < APPROVED_AT), fresh
        assert fresh[0] == (1 if day < APPROVED_AT else 0), fresh


def test_the_result_cache_alone_never_gives_a_result_past_its_day(
    approved_later: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the whole-run cache: the per-file results, read on the day after."""
    _on(monkeypatch, APPROVED_AT - dt.timedelta(days=1))
    from vvgctl.checking.check import CHECK

    def findings() -> tuple[list[str], int]:
        opened = Repository.open(approved_later, analysis=CHECK)
        found = [d.code for r in opened.results().values() for d in r.diagnostics]
        return found, opened.cached

    assert findings() == (["approval-date"], 0)
    assert findings() == (["approval-date"], 2)
    _on(monkeypatch, APPROVED_AT)
    assert findings() == ([], 1)  # the other meeting still comes from the cache
    assert findings() == ([], 2)


def test_days_held() -> None:
    assert file_result.days_held(None) == file_result.ALWAYS


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """The bundled minutes with a meeting file that is a link to a valid meeting outside."""
    root = shutil.copytree(MINUTES, tmp_path / "minutes")
    text = (root / MEETING).read_text(encoding="utf-8")
    text = text.replace("2025-10-22", "2025-11-05").replace("Frågan tas tillbaka", SECRET)
    assert SECRET in text
    secret = tmp_path / "secret.md"
    secret.write_text(text, encoding="utf-8")
    (root / "vvg/2025/2025-11-05.md").symlink_to(secret)
    return root


LINKED = "2025-11-05.md: error the file is a link to a place outside the repository"


@pytest.mark.parametrize(
    "args",
    [
        ["decisions", "--format", "json"],
        ["decisions"],
        ["search", SECRET],
        ["search", "tas tillbaka"],
        ["actions", "--format", "json"],
        ["cases", "--format", "json"],
    ],
)
def test_the_query_index_never_reads_a_link_out_of_the_repository(
    planted: Path, args: list[str]
) -> None:
    for _ in range(2):  # a first build, and a refresh
        code, out = _invoke(*args, str(planted))
        assert SECRET not in out and "2025-11-05" not in out.replace(LINKED, ""), out
        assert code in (0, 1) and LINKED in out, out


def test_an_index_that_read_the_link_drops_it(planted: Path) -> None:
    link = planted / "vvg/2025/2025-11-05.md"
    target = link.resolve()
    link.unlink()
    shutil.copy(target, link)  # the file itself: read
    assert SECRET in _invoke("decisions", "--format", "json", str(planted))[1]
    link.unlink()
    link.symlink_to(target)  # a link again: its rows go
    out = _invoke("decisions", "--format", "json", str(planted))[1]
    assert SECRET not in out and LINKED in out
    assert all(row["date"] != "2025-11-05" for row in json.loads(out[out.index("\n[") + 1 :]))


def test_commands_that_read_meetings_through_the_repository_never_read_the_link(
    planted: Path,
) -> None:
    opened = Repository.open(planted)
    link = planted / "vvg/2025/2025-11-05.md"
    loaded = opened.load(link)
    assert loaded.model is None and [d.code for d in loaded.diagnostics] == ["io"]
    assert all(r.date != dt.date(2025, 11, 5) for r in opened.records())
    assert link in opened.meeting_files  # check reports it at its place
    assert str(link) not in opened.discovery.files


def test_render_refuses_a_link_out_of_the_repository(planted: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, said = _invoke("render", str(planted / "vvg"), "-o", str(out), "--format", "html")
    assert code == 1 and "2025-11-05.md" in said and "outside the repository" in said, said
    written = [p.name for p in out.iterdir()]
    assert written and not any("2025-11-05" in name for name in written)
    assert all(SECRET not in p.read_text(encoding="utf-8") for p in out.iterdir())


def test_check_and_render_refuse_a_link_into_another_repository(tmp_path: Path) -> None:
    """The repository is found from the link's own folder, not from where the link ends: a
    link to a meeting inside another minutes repository is outside this one."""
    root = shutil.copytree(MINUTES, tmp_path / "minutes")
    other = shutil.copytree(MINUTES, tmp_path / "other" / "minutes")
    secret = other / "vvg/2025/2025-11-05.md"
    text = (other / MEETING).read_text(encoding="utf-8")
    secret.write_text(
        text.replace("2025-10-22", "2025-11-05").replace("Frågan tas tillbaka", SECRET),
        encoding="utf-8",
    )
    link = root / "vvg/2025/2025-11-05.md"
    link.symlink_to(secret)
    out = tmp_path / "out"
    for _ in range(2):  # cold, then from the whole run's stored outcome
        code, said = _invoke("check", str(link))
        assert code == 1 and "outside the repository" in said and SECRET not in said, said
    code, said = _invoke("check", str(secret))  # the target, in its own repository
    assert "outside the repository" not in said and "2025-11-05.md" in said, said
    for target in (link, root / "vvg"):
        code, said = _invoke("render", str(target), "-o", str(out), "--format", "html")
        assert code == 1 and "outside the repository" in said, said
        assert not out.exists() or all(
            SECRET not in p.read_text(encoding="utf-8") for p in out.iterdir()
        )


def test_publish_reports_a_link_out_of_the_repository(planted: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    _code, said = _invoke("publish", str(planted), "--out", str(site))
    assert "2025-11-05.md" in said and "outside the repository" in said, said
    for page in site.rglob("*"):
        assert "2025-11-05" not in page.name
        if page.is_file() and page.suffix != ".pdf":
            assert SECRET not in page.read_text(encoding="utf-8", errors="replace"), page


def test_the_arshjul_never_reads_a_link_out_of_the_repository(planted: Path) -> None:
    code, said = _invoke(
        "arshjul", "--organ", "vvg", "--year", "2025", "--format", "json", "--root", str(planted)
    )
    assert code == 0 and "2025-11-05" not in said and SECRET not in said, said


@pytest.mark.parametrize("command", ["summary", "show"])
def test_summary_and_show_never_read_a_link_out_of_the_repository(
    planted: Path, command: str
) -> None:
    named = planted / "vvg/2025/2025-11-05.md" if command == "show" else planted
    if command == "show":  # the file itself, shown first: what show keeps of it stays its own
        assert SECRET in _invoke("show", str(named.resolve()), "--format", "json")[1]
    code, said = _invoke(command, str(named), "--format", "json")
    assert SECRET not in said and "Teams" not in said.split("2025-10-22")[0], said
    if command == "show":
        assert code == 1 and "outside the repository" in said, said
    else:
        rows = json.loads(said)
        assert [r["status"] for r in rows if "2025-11-05" in r["file"]] == ["invalid"], rows


def test_a_query_says_in_swedish_which_link_it_left_unread(planted: Path, swedish: None) -> None:
    said = _invoke("decisions", str(planted))[1]
    assert "2025-11-05.md: fel filen är en länk till en plats utanför förrådet" in said, said
