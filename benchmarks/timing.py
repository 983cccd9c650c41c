"""One process timed by the clock and by the CPU, for the benchmarks that compare trees."""

from __future__ import annotations

import resource
import subprocess
import time


def timed_run(
    command: list[str], env: dict[str, str], cwd: str | None = None
) -> tuple[float, float]:
    """Seconds of the clock and of the CPU (user + system, workers included) that ``command``
    took; a run that exits with neither 0 nor 1 stops the benchmark with its error output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {proc.stderr.decode()[-2000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
