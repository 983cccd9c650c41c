"""Every command finds the minutes repository from wherever the user stands, the way git does:
the one at or above the working folder, else ``./minutes``; outside any, a Swedish usage error
(exit 2). Run on a git repository holding a copy of the bundled minutes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.gitrepo import bundled_project
from vvgctl.cli.app import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent

NEW_MEETING = ["--place", "Teams", "--mode", "remote", "--time", "09:00-11:00"]

#: each command with no path, and the argument that names the repository explicitly
COMMANDS: dict[str, tuple[list[str], list[str]]] = {
    "check": (["check", "--no-cache"], []),
    "decisions": (["decisions"], []),
    "actions": (["actions", "--open"], []),
    "search": (["search", "enkät"], []),
    "cases": (["cases"], []),
    "summary": (["summary"], []),
    "documents": (["documents"], []),
    "arshjul": (["arshjul", "--organ", "vvg", "--year", "2025", "--format", "md"], ["--root"]),
    "review": (["review", "--base", "HEAD"], []),
    "new-meeting": (
        ["new-meeting", "--organ", "vvg", "--date", "2026-01-14", "--dry-run", *NEW_MEETING],
        ["--repo"],
    ),
}

#: where the user stands, relative to the project, and how they would name the minutes there
PLACES = {
    "root": ("minutes", "."),
    "year folder": ("minutes/vvg/2025", "../.."),
    "parent": (".", "minutes"),
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding a copy of the bundled minutes in ``minutes/``."""
    return bundled_project(tmp_path, monkeypatch)


def run(args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, args)
    return result.exit_code, result.output


def explicit(command: str, named: str) -> list[str]:
    args, option = COMMANDS[command]
    return [*args, *option, named]


@pytest.mark.slow
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_without_a_path_reads_the_repository_the_user_stands_in(
    project: Path, monkeypatch: pytest.MonkeyPatch, command: str, place: str
) -> None:
    folder, named = PLACES[place]
    monkeypatch.chdir(project / folder)
    code, said = run(COMMANDS[command][0])
    assert code == 0, said
    assert (code, said) == run(explicit(command, named))


@pytest.mark.parametrize("place", PLACES)
def test_render_without_a_path_renders_every_meeting(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, place: str
) -> None:
    monkeypatch.chdir(project / PLACES[place][0])
    out = tmp_path / "out"
    code, said = run(["render", "-o", str(out), "--format", "html"])
    assert code == 0, said
    meetings = sorted((project / "minutes").glob("*/*/20*.md"))
    assert len(meetings) > 1
    assert sorted(p.name for p in out.glob("*.html")) == [
        f"{m.parent.parent.name}-{m.stem}.html" for m in meetings
    ]


def uncounted(outcome: tuple[int, str]) -> tuple[int, str]:
    """The outcome without json's count of cached results (the one thing --no-cache changes)."""
    code, said = outcome
    return code, re.sub(r'\n    "cached": \d+\n', "\n", said)


@pytest.mark.parametrize("place", PLACES)
def test_a_warm_check_prints_what_no_cache_prints(
    project: Path, monkeypatch: pytest.MonkeyPatch, place: str
) -> None:
    monkeypatch.chdir(project / PLACES[place][0])
    for format in ("text", "json", "github", "gitlab"):
        cold = uncounted(run(["check", "--no-cache", "--format", format]))
        run(["check", "--format", format])  # stores the run
        assert uncounted(run(["check", "--format", format])) == cold
        assert uncounted(run(["check", PLACES[place][1], "--format", format])) == cold


def test_a_warm_check_from_another_folder_shows_its_own_paths(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = project / "minutes/vvg/2025/2025-10-22.md"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("status: approved", "status: bogus", 1), encoding="utf-8")
    seen = {}
    for place, (folder, _) in PLACES.items():
        monkeypatch.chdir(project / folder)
        cold = run(["check", "--no-cache"])
        assert cold[0] == 1, cold
        assert run(["check"]) == cold  # the first stores; the second reads the stored outcome
        assert run(["check"]) == cold
        seen[place] = cold[1]
    assert "minutes/vvg/2025/2025-10-22.md:" in seen["parent"]
    assert "\nvvg/2025/2025-10-22.md:" in "\n" + seen["root"]
    assert "\n2025-10-22.md:" in "\n" + seen["year folder"]


@pytest.mark.parametrize("command", [*COMMANDS, "render", "publish"])
def test_outside_any_repository_a_command_says_so_in_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swedish: None, command: str
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    args = COMMANDS[command][0] if command in COMMANDS else [command, "-o", str(tmp_path / "o")]
    code, said = run(args)
    assert code == 2, said
    assert "inget förråd med mötesanteckningar hittades" in said
    assert "kör vvgctl i mappen med mötesanteckningarna eller ange dess sökväg" in said


def test_a_schedule_checked_from_its_own_year_folder_is_where_it_belongs(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the location rule read the path as shown (relative to the working folder): here it
    # was "schedule.yaml", and the rule said the file stood in the wrong place
    monkeypatch.chdir(project / "minutes/vvg/2025")
    code, said = run(["check", "--no-cache", "../..", "schedule.yaml"])
    assert code == 0, said
    assert "schedule-location" not in said
