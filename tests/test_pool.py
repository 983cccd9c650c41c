"""The worker pool with real processes: workers die with their parent, an error stops the pool."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from vvgctl.runtime.pool import parallel_map

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="forked workers and PR_SET_PDEATHSIG are Linux's"
)

#: a parent that hands slow tasks to two workers; each worker notes its pid in a folder
PARENT = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from vvgctl.runtime.pool import parallel_map

    folder = Path(sys.argv[1])

    def slow(n: int) -> int:
        (folder / str(os.getpid())).touch()
        time.sleep(60)
        return n

    list(parallel_map(slow, range(4), jobs=2, threshold=1))
""")


def _alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie waiting for its reaper does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def _pids(folder: Path) -> list[int]:
    return [int(path.name) for path in folder.iterdir()]


def _kill(pids: list[int]) -> None:
    """Clean up after a failed test: no worker may outlive it."""
    for pid in pids:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


def test_workers_die_when_their_parent_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(PARENT, encoding="utf-8")
    folder = tmp_path / "pids"
    folder.mkdir()
    parent = subprocess.Popen([sys.executable, str(script), str(folder)])
    workers: list[int] = []
    try:
        assert _wait_for(lambda: len(_pids(folder)) == 2, 10), "the workers did not start"
        workers = _pids(folder)
        assert parent.pid not in workers and all(_alive(pid) for pid in workers)
        parent.send_signal(signal.SIGKILL)  # no chance to stop its pool
        parent.wait(timeout=5)
        assert _wait_for(lambda: not any(_alive(pid) for pid in workers), 3), (
            f"workers {[pid for pid in workers if _alive(pid)]} outlived their parent"
        )
    finally:
        parent.kill()
        parent.wait(timeout=5)
        _kill(workers)


class Broken(Exception):
    pass


def _fail_or_sleep(task: tuple[str, int]) -> int:
    """Task 0 fails once the other worker is busy; the others would sleep for a minute."""
    folder, n = Path(task[0]), task[1]
    (folder / str(os.getpid())).touch()
    if n == 0:
        _wait_for(lambda: len(_pids(folder)) == 2, 5)
        raise Broken("task 0 failed")
    time.sleep(60)
    return n


def test_an_error_in_a_task_stops_the_pool_and_is_raised(tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(Broken, match="task 0 failed"):
        list(
            parallel_map(
                _fail_or_sleep, [(str(tmp_path), n) for n in range(6)], jobs=2, threshold=1
            )
        )
    workers = _pids(tmp_path)
    try:
        assert len(workers) == 2 and os.getpid() not in workers
        assert time.monotonic() - started < 10, "the pool waited for the sleeping tasks"
        assert not any(_alive(pid) for pid in workers), "a worker still runs"
    finally:
        _kill(workers)


def test_a_small_batch_runs_in_this_process() -> None:
    seen: list[tuple[int, int]] = []
    results = list(
        parallel_map(
            _pid_of, range(3), jobs=2, threshold=4, progress=lambda d, t: seen.append((d, t))
        )
    )
    assert results == [os.getpid()] * 3
    assert seen == [(1, 3), (2, 3), (3, 3)]


def _pid_of(_: int) -> int:
    return os.getpid()


def _inner_pids(_: int) -> tuple[int, list[int]]:
    return os.getpid(), list(parallel_map(lambda _: os.getpid(), range(4), jobs=2))


def _with_context(context: dict[str, int], task: int) -> tuple[int, int, int]:
    return os.getpid(), context["base"], task


def test_workers_get_their_context_from_the_initializer_and_start_no_pool() -> None:
    """Issue 27: map_with hands each forked worker the context once (no module global of the
    caller); a worker's own parallel_map runs in that worker."""
    from vvgctl.runtime.pool import map_with

    context = {"base": 7}
    results = list(map_with(context, _with_context, range(6), jobs=2))
    assert [(base, task) for _, base, task in results] == [(7, n) for n in range(6)]
    assert os.getpid() not in {pid for pid, _, _ in results}
    for worker, inner in parallel_map(_inner_pids, range(4), jobs=2):
        assert worker != os.getpid() and set(inner) == {worker}
    assert list(map_with(context, _with_context, range(2), jobs=1)) == [
        (os.getpid(), 7, 0),
        (os.getpid(), 7, 1),
    ]
