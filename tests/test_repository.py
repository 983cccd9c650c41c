"""The open Repository: a command reads each file once, and the cross-file rules, the plan's
check and the årshjul read the records the repository already made."""

from __future__ import annotations

import collections
import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest

from vvgctl.arshjul.build import build
from vvgctl.checking.check import run_check
from vvgctl.repository.repo import Repository
from vvgctl.source import loading

MINUTES = Path(__file__).resolve().parent.parent / "minutes"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> collections.Counter[str]:
    """How often each distinct YAML text is parsed (meetings' front matter and data files)."""
    counter: collections.Counter[str] = collections.Counter()
    real = loading.load

    def counting(text: str, *args: Any, **kwargs: Any) -> Any:
        counter[hashlib.sha256(text.encode()).hexdigest()] += 1
        return real(text, *args, **kwargs)

    monkeypatch.setattr(loading, "load", counting)
    return counter


@pytest.fixture
def meeting_parses(monkeypatch: pytest.MonkeyPatch) -> collections.Counter[str]:
    """How often each meeting file is parsed, by the path it is shown as."""
    counter: collections.Counter[str] = collections.Counter()
    real = loading.parse_meeting

    def counting(raw: bytes, shown: str) -> loading.LoadedMeeting:
        counter[shown] += 1
        return real(raw, shown)

    monkeypatch.setattr(loading, "parse_meeting", counting)
    return counter


def test_check_parses_every_file_once(tmp_path: Path, parses: collections.Counter[str]) -> None:
    root = shutil.copytree(MINUTES, tmp_path / "minutes")
    yaml_files = [p for p in root.rglob("*.y*ml")]
    meetings = [p for p in root.rglob("*.md") if p.name != "README.md"]
    assert any(p.name == "plan.yaml" for p in yaml_files)  # the plan's checks read the minutes
    report = run_check([root], use_cache=False, jobs=1)
    assert not [d for d in report.diagnostics if d.severity.value == "error"]
    assert len(parses) == len(yaml_files) + len(meetings)
    assert set(parses.values()) == {1}, parses


def test_the_arshjul_reads_the_records_check_made(
    tmp_path: Path, parses: collections.Counter[str]
) -> None:
    root = shutil.copytree(MINUTES, tmp_path / "minutes")
    repository = Repository(root, jobs=1)
    first = build(repository, "vvg", 2026)
    after_first = sum(parses.values())
    second = build(repository, "vvg", 2025)
    assert sum(parses.values()) == after_first  # the second year read nothing again
    assert first.columns and second.columns
    # the follow-ups the 2025-10-22 minutes set stand in the årshjul, from the records
    follow_ups = [
        t
        for c in first.columns
        for t in c.topics
        if any(o.source.value == "follow_up" for o in t.origins)
    ]
    assert follow_ups
    assert any(c.minutes for c in second.columns)  # the meeting whose minutes exist


def test_records_come_from_the_cache_when_nothing_changed(
    tmp_path: Path, meeting_parses: collections.Counter[str]
) -> None:
    root = shutil.copytree(MINUTES, tmp_path / "minutes")
    cold = Repository(root).records()
    assert sum(meeting_parses.values()) == len(cold) >= 2
    warm = Repository(root)
    assert warm.records() == cold
    assert warm.cached == len(warm.meeting_files)
    assert sum(meeting_parses.values()) == len(cold)  # the warm run parsed no meeting
    (root / "vvg" / "2025" / "2025-10-22.md").write_text(
        (root / "vvg" / "2025" / "2025-10-22.md")
        .read_text(encoding="utf-8")
        .replace("title: Mötesanteckning", "title: Mötesanteckningar"),
        encoding="utf-8",
    )
    edited = Repository(root)
    edited.records()
    assert edited.cached == len(edited.meeting_files) - 1
    assert sum(meeting_parses.values()) == len(cold) + 1


def _check_within(root: Path, seconds: float = 20) -> tuple[int, str]:
    """``vvgctl check`` in a process of its own, so that a hang fails the test, not the run."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "vvgctl", "check", str(root), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=seconds,
        check=False,
    )
    return proc.returncode, proc.stdout + proc.stderr


def test_a_fifo_named_like_minutes_is_reported_not_waited_for(tmp_path: Path) -> None:
    import os

    root = shutil.copytree(MINUTES, tmp_path / "minutes")
    os.mkfifo(root / "vvg" / "2025" / "2025-11-01.md")
    code, out = _check_within(root)
    assert code == 1, out
    assert "2025-11-01.md" in out and "not a regular file" in out and "Traceback" not in out


def test_links_out_of_the_repository_are_not_read(tmp_path: Path) -> None:
    root = shutil.copytree(MINUTES, tmp_path / "minutes")
    secret = tmp_path / "secret.md"
    secret.write_text("---\norgan: vvg\n---\nhemligt\n", encoding="utf-8")
    (root / "vvg" / "2025" / "2025-11-01.md").symlink_to(secret)
    (root / "vvg" / "2025" / "2025-11-02.md").symlink_to("/dev/zero")
    code, out = _check_within(root)
    assert code == 1, out
    assert out.count("outside the repository") == 2, out
    assert "hemligt" not in out


def test_a_file_past_the_limit_is_not_read(tmp_path: Path) -> None:
    from vvgctl.source.document import MAX_FILE_BYTES

    root = shutil.copytree(MINUTES, tmp_path / "minutes")
    big = root / "vvg" / "2025" / "2025-11-01.md"
    big.write_bytes(b"---\n" + b"x" * (MAX_FILE_BYTES + 10))
    code, out = _check_within(root)
    assert code == 1 and "file-too-large" in out, out


@pytest.mark.slow
def test_control_characters_in_a_title_never_reach_the_terminal(tmp_path: Path) -> None:
    """A title from a pull request with escape sequences (clear the screen, retitle the
    window, ring the bell) is printed with them written out, by every command that prints
    titles (issue 14, item 4)."""
    import subprocess
    import sys

    root = shutil.copytree(MINUTES, tmp_path / "minutes")
    meeting = root / "vvg" / "2025" / "2025-10-22.md"
    text = meeting.read_text(encoding="utf-8")
    hostile = "Info \\e[2J\\e]0;OWNED\\a om egenvård"
    title = "title: Förvaltningsplan Samordnad hälsa vård och omsorg 2026\n"
    assert title in text  # item 4, which has a position
    meeting.write_text(
        text.replace(title, f'title: "{hostile} {title[7:-1]}"\n', 1), encoding="utf-8"
    )
    outputs = {}
    for args in (
        ["show", str(meeting)],
        ["summary", str(root)],
        ["summary", str(root), "-f", "md"],
        ["decisions", str(root), "-f", "csv"],
        ["cases", str(root), "-f", "md"],
        ["search", "egenvård", str(root)],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "vvgctl", *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        out = outputs[args[0] + args[-1]] = proc.stdout + proc.stderr
        assert proc.returncode == 0, (args, out)
        assert "\x1b" not in out and "\x07" not in out, (args, out)
    # the titles are there, their escapes written out
    assert "Info \\x1b[2J\\x1b]0;OWNED\\x07" in outputs["show" + str(meeting)]
    assert "\\x1b]0;OWNED" in outputs["decisionscsv"]


def test_dangling_links_and_loops_are_reported(tmp_path: Path) -> None:
    """Issue 14, item 3: dangling links and loops of links were skipped silently (exit 0)."""
    root = shutil.copytree(MINUTES, tmp_path / "minutes")
    folder = root / "vvg" / "2025"
    (folder / "2025-11-01.md").symlink_to(folder / "gone.md")
    (folder / "2025-11-02.md").symlink_to(folder / "2025-11-03.md")
    (folder / "2025-11-03.md").symlink_to(folder / "2025-11-02.md")
    code, out = _check_within(root)
    assert code == 1, out
    for name in ("2025-11-01.md", "2025-11-02.md", "2025-11-03.md"):
        assert f"{name}:" in out or f"{name} " in out, (name, out)
    assert "Traceback" not in out


@pytest.mark.slow
def test_findings_in_a_ci_log_have_control_characters_written_out(tmp_path: Path) -> None:
    """A name with escape sequences reaches the finding's message: the text and GitHub
    reporters write them out (a CI log is a terminal too)."""
    import subprocess
    import sys

    root = shutil.copytree(MINUTES, tmp_path / "minutes")
    meeting = root / "vvg" / "2025" / "2025-10-22.md"
    text = meeting.read_text(encoding="utf-8")
    assert "    - Jörgen Thorn\n" in text
    meeting.write_text(
        text.replace("    - Jörgen Thorn\n", '    - "Ola\\e]0;OWNED\\a"\n', 1), encoding="utf-8"
    )
    for fmt in ("text", "github"):
        proc = subprocess.run(
            [sys.executable, "-m", "vvgctl", "check", str(root), "--format", fmt],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1 and "Ola\\x1b]0;OWNED\\x07" in out, (fmt, out)
        assert "\x1b" not in out and "\x07" not in out, (fmt, out)


def test_a_folder_that_cannot_be_read_is_reported_at_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14, item 3: an unreadable folder was passed over in silence. The tests run as
    root, who reads every folder, so the refusal os.scandir reports is made here."""
    import os as real_os

    from vvgctl.repository import discovery

    root = shutil.copytree(MINUTES, tmp_path / "minutes")
    (root / "vvg" / "2024").mkdir()
    scandir = real_os.scandir

    def refusing_scandir(path: Any) -> Any:
        if real_os.fspath(path).endswith(real_os.sep + "2024"):
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(discovery.os, "scandir", refusing_scandir)
    report = run_check([root], use_cache=False, jobs=1)
    found = [d for d in report.diagnostics if d.path.endswith("2024")]
    assert [d.code for d in found] == ["io"], report.diagnostics
    assert report.exit_code() == 1


@pytest.fixture
def parses_by_file(monkeypatch: pytest.MonkeyPatch) -> collections.Counter[str]:
    """How often each meeting file is parsed, by its absolute path: by the repository
    (:func:`vvgctl.source.loading.parse_meeting`) and by the query index alike."""
    from vvgctl.index import extract

    counter: collections.Counter[str] = collections.Counter()
    real = loading.parse_meeting

    def counting(raw: bytes, shown: str) -> loading.LoadedMeeting:
        counter[str(Path(shown).resolve())] += 1
        return real(raw, shown)

    monkeypatch.setattr(loading, "parse_meeting", counting)
    monkeypatch.setattr(extract, "parse_meeting", counting)
    return counter


def test_the_index_projects_the_meetings_the_repository_read(
    tmp_path: Path, parses_by_file: collections.Counter[str]
) -> None:
    """Issue 27: in one command the query index neither discovers nor parses again a meeting
    the repository already read; it holds the same files."""
    from vvgctl.index import open_index

    root = shutil.copytree(MINUTES, tmp_path / "minutes")
    meetings = {str(p) for p in Repository(root).meeting_files}
    repository = Repository(root, keep_loaded=True, use_cache=False, jobs=1)
    assert repository.records()
    index = open_index([root], repository=repository)
    try:
        indexed = {row[0] for row in index.connection.execute("SELECT path FROM files")}
    finally:
        index.connection.close()
    assert indexed == meetings
    assert set(parses_by_file) == meetings
    assert set(parses_by_file.values()) == {1}, parses_by_file
