"""Benchmark `vvgctl check` on a repository grown to N meetings (default 10,000).

Prints medians of: cold check (empty cache), warm check (nothing changed), a warm check after
one file changed, peak memory (largest process), `vvgctl --help` start-up and the ratio of a
warm check to it (target <= 2). Every figure is
measured in this one run, on this machine, side by side.

The grown repository keeps its data files (a schedule and a plan per organ and year, see
grow.py). What they cost is measured apart: the same meetings are grown a second time without
them, and cold checks of the two alternate (`--pairs` of each); the ratio of their medians is
the figure to hold to (target <= 1.2).

    .venv/bin/python benchmarks/bench_check.py [--meetings 10000] [--repeat 3] [--pairs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.grow import grow  # noqa: E402

VVGCTL = [sys.executable, "-m", "vvgctl"]


def timed(args: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Seconds, exit code and the peak RSS (KiB) of the largest process (parent or worker)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.decode()[-2000:]}")
    return elapsed, proc.returncode, max(after, before)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--pairs", type=int, default=5, help="cold checks with and without data files, alternating"
    )
    parser.add_argument("--source", type=Path, default=ROOT / "minutes")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "repo")
    args = parser.parse_args()
    bare = args.out.with_name(args.out.name + "-without-data-files")

    start = time.perf_counter()
    files = grow(args.source, args.out, args.meetings)
    grow(args.source, bare, args.meetings, data_files=False)
    size = sum(f.stat().st_size for f in files)
    data = list(args.out.glob("*/*/*.yaml"))
    print(
        f"repository: {len(files)} meetings, {size / 1e6:.1f} MB, {len(data)} schedules "
        f"and plans, {sum(p.stat().st_size for p in data) / 1e3:.0f} kB "
        f"(grown twice in {time.perf_counter() - start:.1f} s), {os.cpu_count()} cores"
    )

    env = dict(os.environ, NO_COLOR="1")
    cold, warm, changed, peak = [], [], [], 0
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as cache:
            env["VVGCTL_CACHE_DIR"] = cache
            seconds, code, rss = timed([*VVGCTL, "check", str(args.out)], env)
            cold.append(seconds)
            peak = max(peak, rss)
            for _ in range(2):
                warm.append(timed([*VVGCTL, "check", str(args.out)], env)[0])
            files[0].write_text(files[0].read_text(encoding="utf-8") + "\n", encoding="utf-8")
            changed.append(timed([*VVGCTL, "check", str(args.out)], env)[0])
    help_runs = [timed([*VVGCTL, "--help"], env)[0] for _ in range(7)]
    with_data: list[float] = []
    without_data: list[float] = []
    for pair in range(args.pairs):  # alternate, and which goes first, so drift hits both
        runs = [(args.out, with_data), (bare, without_data)]
        for repo, times in runs if pair % 2 == 0 else runs[::-1]:
            with tempfile.TemporaryDirectory() as cache:
                env["VVGCTL_CACHE_DIR"] = cache
                times.append(timed([*VVGCTL, "check", str(repo)], env)[0])

    def row(name: str, values: list[float], target: str) -> None:
        print(
            f"{name:<34} median {statistics.median(values):7.2f} s "
            f"(min {min(values):.2f}, n={len(values)})   target {target}"
        )

    print(f"check exit code: {code}")
    row("check, cold (empty cache)", cold, "<= 30 s")
    row("check, warm (nothing changed)", warm, "<= 2 s")
    row("check, warm (one file changed)", changed, "-")
    print(f"{'peak memory (largest process)':<34} {peak / 1024:7.0f} MiB   target <= 1024 MiB")
    row("vvgctl --help", help_runs, "<= 0.25 s")
    print(f"ratio cold/warm: {statistics.median(cold) / statistics.median(warm):.0f}x")
    print(
        f"ratio warm check / --help: "
        f"{statistics.median(warm) / statistics.median(help_runs):.2f}x   target <= 2"
    )
    row("check, cold, with data files", with_data, "-")
    row("check, cold, without data files", without_data, "-")
    print(
        f"ratio cold with/without data files: "
        f"{statistics.median(with_data) / statistics.median(without_data):.2f}x   "
        "target <= 1.2"
    )


if __name__ == "__main__":
    main()
