"""Benchmark `vvgctl check` on a repository grown to N meetings (default 10,000).

Prints medians of: cold check (empty cache), warm check (nothing changed), a warm check after
one file changed, peak memory (largest process), and `vvgctl --help` start-up. Every figure is
measured in this one run, on this machine, side by side.

    .venv/bin/python benchmarks/bench_check.py [--meetings 10000] [--repeat 3]
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
    proc = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.decode()[-2000:]}")
    return elapsed, proc.returncode, max(after, before)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--source", type=Path, default=ROOT / "minutes")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "repo")
    args = parser.parse_args()

    start = time.perf_counter()
    files = grow(args.source, args.out, args.meetings)
    size = sum(f.stat().st_size for f in files)
    print(f"repository: {len(files)} meetings, {size / 1e6:.1f} MB "
          f"(grown in {time.perf_counter() - start:.1f} s), {os.cpu_count()} cores")

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

    def row(name: str, values: list[float], target: str) -> None:
        print(f"{name:<34} median {statistics.median(values):7.2f} s "
              f"(min {min(values):.2f}, n={len(values)})   target {target}")

    print(f"check exit code: {code}")
    row("check, cold (empty cache)", cold, "<= 30 s")
    row("check, warm (nothing changed)", warm, "<= 2 s")
    row("check, warm (one file changed)", changed, "-")
    print(f"{'peak memory (largest process)':<34} {peak / 1024:7.0f} MiB   target <= 1024 MiB")
    row("vvgctl --help", help_runs, "<= 0.25 s")
    print(f"ratio cold/warm: {statistics.median(cold) / statistics.median(warm):.0f}x")


if __name__ == "__main__":
    main()
