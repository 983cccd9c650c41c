"""Issue 27, part 2: one parse of each meeting file per command, also with a pool of workers.

The workers are forked, so a parse counter in the parent's memory would miss theirs: each
parse appends the meeting's path to a file (a short ``O_APPEND`` write is atomic), which the
parent reads when the command is done.
"""

from __future__ import annotations

import collections
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.grow import grow
from vvgctl.checking.check import CHECK, check_repository
from vvgctl.cli.app import app
from vvgctl.index import extract, open_index, rows, shards, update
from vvgctl.index.record import MeetingRecord
from vvgctl.query.actions import find_actions
from vvgctl.query.decisions import DecisionFilter, find_decisions
from vvgctl.query.search import search
from vvgctl.repository import repo
from vvgctl.repository.file_result import FileResult
from vvgctl.repository.repo import Analysis, Repository, read_record
from vvgctl.source import loading

MINUTES = Path(__file__).resolve().parent.parent / "minutes"
MEETINGS = 12

pytestmark = pytest.mark.slow


@pytest.fixture
def grown(tmp_path: Path) -> Path:
    root = tmp_path / "minutes"
    grow(MINUTES, root, MEETINGS)
    return root.resolve()


@pytest.fixture
def pool_of_two(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real pool of two workers for the repository's analysis and the index's build alike,
    on any machine and for a dozen files."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(repo, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(update, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(shards, "SHARD_SIZE", 2)


@pytest.fixture
def parse_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file with a line for each meeting parsed, in this process or a forked worker."""
    log = tmp_path / "parses.log"
    log.touch()
    real = loading.parse_meeting

    def counting(raw: bytes, shown: str) -> loading.LoadedMeeting:
        handle = os.open(log, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(handle, f"{Path(shown).resolve()} {os.getpid()}\n".encode())
        finally:
            os.close(handle)
        return real(raw, shown)

    monkeypatch.setattr(loading, "parse_meeting", counting)
    monkeypatch.setattr(extract, "parse_meeting", counting)
    return log


def _parses(log: Path) -> tuple[collections.Counter[str], set[str]]:
    """How often each file was parsed, and the processes that parsed them."""
    lines = [line.rsplit(" ", 1) for line in log.read_text(encoding="utf-8").splitlines()]
    return collections.Counter(path for path, _ in lines), {pid for _, pid in lines}


def _answers(root: Path, repository: Repository | None = None) -> list[object]:
    index = open_index([root], repository=repository)
    try:
        return [
            find_decisions(index, DecisionFilter()),
            find_actions(index),
            search(index, "enkät"),
        ]
    finally:
        index.connection.close()


@pytest.mark.usefixtures("pool_of_two")
def test_check_then_a_query_in_one_command_parse_each_meeting_once(
    grown: Path, parse_log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers that check the meetings also make the index's rows of each (the
    repository's ``project``), so the index parses none again; the answers are those of an
    index built on its own."""
    meetings = {str(p) for p in Repository(grown).meeting_files}
    assert len(meetings) == MEETINGS
    repository = Repository(grown, analysis=CHECK, jobs=2, project=rows.project)
    report = check_repository(repository, [grown])
    assert report.meetings
    shared = _answers(grown, repository)
    counted, processes = _parses(parse_log)
    assert set(counted) == meetings
    assert set(counted.values()) == {1}, counted
    assert str(os.getpid()) not in processes  # the workers parsed them
    monkeypatch.setenv("VVGCTL_CACHE_DIR", str(tmp_path / "alone"))
    assert _answers(grown) == shared


@pytest.mark.usefixtures("pool_of_two")
def test_a_cold_query_with_two_jobs_parses_each_meeting_once(grown: Path, parse_log: Path) -> None:
    result = CliRunner().invoke(app, ["decisions", str(grown), "--format", "json"])
    assert result.exit_code == 0, result.output
    counted, processes = _parses(parse_log)
    assert set(counted) == {str(p) for p in Repository(grown).meeting_files}
    assert set(counted.values()) == {1}, counted
    assert str(os.getpid()) not in processes  # the index's workers parsed them


@pytest.mark.usefixtures("pool_of_two")
def test_a_warm_check_and_a_cold_index_parse_each_meeting_once(
    grown: Path, parse_log: Path
) -> None:
    """The check's results come from its cache; the index reads the meetings itself."""
    check_repository(Repository(grown, analysis=CHECK, jobs=2), [grown])
    parse_log.write_text("", encoding="utf-8")
    repository = Repository(grown, analysis=CHECK, jobs=2, project=rows.project)
    check_repository(repository, [grown])
    assert repository.cached == MEETINGS
    _answers(grown, repository)
    counted, _ = _parses(parse_log)
    assert len(counted) == MEETINGS and set(counted.values()) == {1}, counted


def test_the_project_hands_back_each_meeting_once(grown: Path) -> None:
    """In one process too: the repository keeps what it made until the index takes it."""
    repository = Repository(grown, use_cache=False, jobs=1, project=rows.project)
    first = repository.meeting_files[0]
    repository.results()
    record = repository.projected(first)
    assert isinstance(record, MeetingRecord) and record.path == str(first)
    assert repository.projected(first) is None


def _kept_while_analysing(repository: Repository, path: Path) -> FileResult:
    """The record, shown under the number of meetings the repository keeps parsed."""
    result = read_record(repository, path)
    return FileResult(str(len(repository._loaded)), result.diagnostics, result.record)


@pytest.mark.usefixtures("pool_of_two")
def test_a_worker_keeps_no_parsed_meeting(grown: Path) -> None:
    """Only the parent's kept meetings serve the command; a worker's kept alive made every
    garbage collection walk them (a check over 3,000 meetings took 2.5 times the CPU)."""
    probe = Analysis("probe", _kept_while_analysing)
    repository = Repository(grown, analysis=probe, use_cache=False, jobs=2, keep_loaded=True)
    assert {result.path for result in repository.results().values()} == {"1"}


@pytest.mark.usefixtures("pool_of_two")
def test_new_meeting_with_two_jobs_parses_each_meeting_once(grown: Path, parse_log: Path) -> None:
    """new-meeting reads the records (the previous meeting, the roster's history) and the
    query index (the open actions): its workers make the index's rows as they parse."""
    result = CliRunner().invoke(
        app,
        [
            *("new-meeting", "--organ", "vvg", "--repo", str(grown), "--date", "2026-02-11"),
            *("--place", "Teams", "--mode", "remote", "--time", "09:00-11:00"),
        ],
    )
    assert result.exit_code == 0, result.output
    counted, _ = _parses(parse_log)
    assert counted and set(counted.values()) == {1}, counted
