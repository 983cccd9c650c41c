"""Benchmark the query commands on a repository grown to N meetings (default 10,000).

Per repeat, with an empty cache: a cold `vvgctl check`, then a cold `vvgctl decisions --text X
--format json` (it builds the query index), then warm runs of `decisions`, `search` and
`check`, and a `search` after one file changed. Prints medians, all measured in this one run on
this machine, side by side.

    .venv/bin/python benchmarks/bench_query.py [--meetings 10000] [--repeat 3] [--keep]

--keep reuses the grown repository in benchmarks/out/repo when it already holds N meetings.
"""

from __future__ import annotations

import argparse
import os
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
from vvgctl.repository.discovery import meeting_files  # noqa: E402

VVGCTL = [sys.executable, "-m", "vvgctl"]


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.decode()[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--warm", type=int, default=5, help="warm runs per repeat")
    parser.add_argument("--text", default="enkät", help="the word to ask for")
    parser.add_argument("--source", type=Path, default=ROOT / "minutes")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "repo")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    start = time.perf_counter()
    files = sorted(meeting_files([args.out])) if args.keep and args.out.exists() else []
    if len(files) != args.meetings:
        files = grow(args.source, args.out, args.meetings)
    size = sum(f.stat().st_size for f in files)
    print(f"repository: {len(files)} meetings, {size / 1e6:.1f} MB "
          f"(ready in {time.perf_counter() - start:.1f} s), {os.cpu_count()} cores")

    repo = str(args.out)
    decisions = [*VVGCTL, "decisions", repo, "--text", args.text, "--format", "json"]
    search = [*VVGCTL, "search", args.text, repo]
    check = [*VVGCTL, "check", repo]
    env = dict(os.environ, NO_COLOR="1")
    runs: dict[str, list[float]] = {}

    def add(name: str, seconds: float) -> None:
        runs.setdefault(name, []).append(seconds)

    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as cache:
            env["VVGCTL_CACHE_DIR"] = cache
            add("check, cold", timed(check, env))
            add("decisions --text --format json, cold", timed(decisions, env))
            for _ in range(args.warm):
                add("decisions --text --format json, warm", timed(decisions, env))
                add("search, warm", timed(search, env))
            add("check, warm", timed(check, env))
            files[0].write_text(files[0].read_text(encoding="utf-8") + "\n", encoding="utf-8")
            add("search, warm (one file changed)", timed(search, env))
    targets = {
        "check, cold": "-", "decisions --text --format json, cold": "<= check, cold",
        "decisions --text --format json, warm": "<= 0.5 s", "search, warm": "<= 0.3 s",
        "check, warm": "-", "search, warm (one file changed)": "-",
    }
    for name, values in runs.items():
        print(f"{name:<40} median {statistics.median(values):7.2f} s "
              f"(min {min(values):.2f}, n={len(values)})   target {targets[name]}")
    ratio = (statistics.median(runs["decisions --text --format json, cold"])
             / statistics.median(runs["check, cold"]))
    print(f"cold decisions / cold check: {ratio:.2f}")


if __name__ == "__main__":
    main()
