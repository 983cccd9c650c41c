"""Benchmark `vvgctl publish` on a repository grown to N meetings (default 1,000).

Prints medians of: a cold publish (empty output folder), a rebuild with nothing changed, and
a rebuild after one meeting file changed. Each run is `python -m vvgctl publish` in a fresh
process, on this machine, in this one run.

    .venv/bin/python benchmarks/bench_publish.py [--meetings 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.grow import grow  # noqa: E402


def timed(repo: Path, out: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "vvgctl", "publish", str(repo), "--out", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"publish failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--source", type=Path, default=ROOT / "minutes")
    parser.add_argument("--work", type=Path, default=HERE / "out")
    args = parser.parse_args()

    repo, out = args.work / "publish-repo", args.work / "publish-site"
    files = grow(args.source, repo, args.meetings)
    print(f"repository: {len(files)} meetings, {os.cpu_count()} cores")
    env = dict(os.environ, NO_COLOR="1")
    cold, unchanged, changed = [], [], []
    for run in range(args.repeat):
        shutil.rmtree(out, ignore_errors=True)
        cold.append(timed(repo, out, env))
        unchanged.append(timed(repo, out, env))
        target = files[len(files) // 2]
        target.write_text(
            target.read_text(encoding="utf-8") + f"\nÄndring {run}.\n", encoding="utf-8"
        )
        changed.append(timed(repo, out, env))
    pages = sum(1 for _ in out.rglob("*.html"))
    pdfs = sum(1 for _ in out.rglob("*.pdf"))
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"site: {pages} HTML pages, {pdfs} PDFs, {size / 1e6:.1f} MB")
    print(f"cold publish:              median {statistics.median(cold):6.2f} s  {cold}")
    print(f"rebuild, nothing changed:  median {statistics.median(unchanged):6.2f} s")
    print(f"rebuild, one file changed: median {statistics.median(changed):6.2f} s")


if __name__ == "__main__":
    main()
