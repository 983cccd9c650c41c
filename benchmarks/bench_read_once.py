"""One reading of each file (issue 27, part 2): this tree against another, side by side.

On a grown repository (default 3,000 meetings) with two jobs, each tree with a cache folder of
its own, the runs alternating between the trees:

- ``check+query, one command``: a cold check and then a query over the same open repository
  in one process (as ``new-meeting`` does): the repository's workers parse each meeting, and
  the index should not parse them again. A tree without ``Repository.project`` shares the
  repository through ``keep_loaded``, as it did.
- ``decisions, cold``: the first query in an empty cache (it builds the index).
- ``check, cold`` then ``decisions``: the two commands one after the other.
- ``decisions, warm``: the query over an unchanged repository (the discovery and nothing else).

Prints medians of wall time and of CPU time (user + system, workers included).

    .venv/bin/python benchmarks/bench_read_once.py --compare /tmp/base [--meetings 3000]
        [--cold 3] [--warm 9]
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
from vvgctl.repository.discovery import meeting_files  # noqa: E402

#: check and then a query in one process, sharing the open repository
ONE_COMMAND = """
import sys
from pathlib import Path
from vvgctl.checking.check import CHECK, check_repository
from vvgctl.index import open_index
from vvgctl.query.decisions import DecisionFilter, find_decisions
from vvgctl.repository.repo import Repository

root = Path(sys.argv[1])
try:
    from vvgctl.index.rows import project

    repository = Repository(root, analysis=CHECK, jobs=2, project=project)
except ImportError:  # a tree from before Repository.project
    repository = Repository(root, analysis=CHECK, jobs=2, keep_loaded=True)
check_repository(repository, [root])
index = open_index([root], repository=repository)
find_decisions(index, DecisionFilter(text="enkät"))
"""

STEPS = ("check+query, one command", "decisions, cold", "check, cold", "then decisions")


def _env(tree: Path, cache: Path, lexicon: str) -> dict[str, str]:
    environment = dict(
        os.environ,
        NO_COLOR="1",
        PYTHONPATH=str(tree),
        VVGCTL_CACHE_DIR=str(cache),
        VVGCTL_LEXICON_DIR=lexicon,
    )
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def _vvgctl(*args: str) -> list[str]:
    return [sys.executable, "-m", "vvgctl", *args]


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """``python -m`` and ``-c`` put the working folder first on the path: each run starts in
    the scratch folder, so that ``PYTHONPATH`` picks the tree (not a checkout one stands in)."""
    return timed_run(command, env, cwd=str(Path(env["VVGCTL_CACHE_DIR"]).parent))


def _cold(
    trees: dict[str, Path], repo: Path, scratch: Path, run: int, lexicon: str
) -> dict[str, dict[str, tuple[float, float]]]:
    """One cold round of every step for each tree, each step in an empty cache."""
    found: dict[str, dict[str, tuple[float, float]]] = {name: {} for name in trees}
    query = ("decisions", str(repo), "--text", "enkät", "--format", "json")
    for name in trees if run % 2 == 0 else list(trees)[::-1]:
        tree = trees[name]
        env = _env(tree, scratch / f"{name}-{run}-one", lexicon)
        found[name][STEPS[0]] = _timed([sys.executable, "-c", ONE_COMMAND, str(repo)], env)
        env = _env(tree, scratch / f"{name}-{run}-query", lexicon)
        found[name][STEPS[1]] = _timed(_vvgctl(*query), env)
        env = _env(tree, scratch / f"{name}-{run}-both", lexicon)
        found[name][STEPS[2]] = _timed(_vvgctl("check", str(repo)), env)
        found[name][STEPS[3]] = _timed(_vvgctl(*query), env)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--compare", type=Path, required=True, help="another vvgctl tree")
    parser.add_argument("--meetings", type=int, default=3000)
    parser.add_argument("--cold", type=int, default=3)
    parser.add_argument("--warm", type=int, default=9)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "read-once")
    args = parser.parse_args()
    if not args.out.exists() or len(list(meeting_files([args.out]))) != args.meetings:
        grow(ROOT / "minutes", args.out, args.meetings)
    repo = args.out.resolve()
    trees = {"this": ROOT, "other": args.compare.resolve()}
    runs: dict[str, dict[str, list[tuple[float, float]]]] = {name: {} for name in trees}
    with tempfile.TemporaryDirectory() as folder:
        scratch, lexicon = Path(folder), str(Path(folder) / "lexicon")
        for tree in trees.values():  # the lexicon, built once per machine: not timed
            _timed(_vvgctl("search", "x", str(ROOT / "minutes")), _env(tree, scratch, lexicon))
        for run in range(args.cold):
            for name, steps in _cold(trees, repo, scratch, run, lexicon).items():
                for step, value in steps.items():
                    runs[name].setdefault(step, []).append(value)
        query = _vvgctl("decisions", str(repo), "--text", "enkät", "--format", "json")
        for run in range(args.warm):
            for name in trees if run % 2 == 0 else list(trees)[::-1]:
                env = _env(trees[name], scratch / f"{name}-0-query", lexicon)
                runs[name].setdefault("decisions, warm", []).append(_timed(query, env))
    print(f"{args.meetings} meetings, {os.cpu_count()} cores; medians: wall / CPU seconds")
    print(f"{'':<28}{'this tree':>22}{'other tree':>22}{'ratio (CPU)':>13}")
    for step in runs["this"]:
        cells = []
        for name in trees:
            values = runs[name][step]
            wall = statistics.median(v[0] for v in values)
            cpu = statistics.median(v[1] for v in values)
            cells.append((wall, cpu))
        ratio = cells[0][1] / cells[1][1]
        print(
            f"{step:<28}"
            + "".join(f"{wall:>10.3f} / {cpu:>7.3f}" for wall, cpu in cells)
            + f"{ratio:>13.2f}   n={len(runs['this'][step])}"
        )


if __name__ == "__main__":
    main()
