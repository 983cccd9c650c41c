"""Cold and warm `vvgctl check`, this source tree against another one, side by side.

For a change to the result cache: both trees run on the same grown repository (default 10,000
meetings, see grow.py) and on the bundled minutes, each with a cache folder of its own. The
runs alternate between the trees (and which goes first), so that the load of a shared machine
hits both alike. Prints medians of wall time and of CPU time (user + system of the process and
its workers): on a busy machine the CPU time is the steadier figure.

    .venv/bin/python benchmarks/bench_check_compare.py --compare ../main [--meetings 10000]
        [--cold 3] [--warm 10] [--touch]

With ``--touch`` each warm run follows a new mtime on one meeting: the whole run's stored
outcome is then a miss, and the per-file result cache serves every other file (what a warm
check after an edit costs).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.grow import grow  # noqa: E402
from benchmarks.timing import timed_run  # noqa: E402


def timed(tree: Path, repo: Path, cache: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one `vvgctl check` with the vvgctl of ``tree`` (run in the cache's
    folder: `python -m` puts the working folder first on the path, and a source tree there
    would win over PYTHONPATH)."""
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(tree), VVGCTL_CACHE_DIR=str(cache))
    return timed_run(
        [sys.executable, "-m", "vvgctl", "check", str(repo)], env, cwd=str(cache.parent)
    )


def _touch(repo: Path) -> None:
    """A new mtime on the first meeting (its contents, and so its result, unchanged)."""
    first = min(repo.glob("*/*/*.md"))
    found = first.stat()
    os.utime(first, ns=(found.st_atime_ns, found.st_mtime_ns + 1_000_000))


def compare(
    repo: Path, trees: dict[str, Path], cold_runs: int, warm_runs: int, touch: bool = False
) -> None:
    cold: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
    warm: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(max(cold_runs, 1)):
            order = list(trees) if run % 2 == 0 else list(trees)[::-1]
            for name in order:
                cache = Path(scratch) / f"{name}-{run}"
                cold[name].append(timed(trees[name], repo, cache))
        for run in range(warm_runs):
            order = list(trees) if run % 2 == 0 else list(trees)[::-1]
            for name in order:
                if touch:
                    _touch(repo)
                warm[name].append(timed(trees[name], repo, Path(scratch) / f"{name}-0"))

    def median(values: list[tuple[float, float]], i: int) -> float:
        return statistics.median(v[i] for v in values)

    for label, runs in (("cold", cold), ("warm", warm)):
        print(
            f"  {label}: "
            + "   ".join(
                f"{name} {median(runs[name], 0):6.2f} s wall, {median(runs[name], 1):6.2f} s cpu"
                for name in trees
            )
            + f"   (median of {len(runs[next(iter(trees))])})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--compare", type=Path, required=True, help="the other source tree")
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--cold", type=int, default=3)
    parser.add_argument("--warm", type=int, default=10)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "repo")
    parser.add_argument("--touch", action="store_true", help="a new mtime before each warm run")
    args = parser.parse_args()
    trees = {"this": ROOT, "other": args.compare.resolve()}
    grow(ROOT / "minutes", args.out, args.meetings)
    for repo in (ROOT / "minutes", args.out):
        print(f"vvgctl check {repo} ({os.cpu_count()} cores):")
        compare(repo, trees, args.cold, args.warm, args.touch)


if __name__ == "__main__":
    main()
