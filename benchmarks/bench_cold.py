"""A cold `vvgctl check -j 1` at scale beside the libyaml floor (issue 27).

The floor is libyaml composing the meetings' front matter alone: one process that reads each
grown meeting file from disk, cuts out its front matter and hands it to PyYAML's
``yaml.compose`` with the C ``CSafeLoader``. The goal: a cold ``check -j 1`` (a new, empty
cache folder each run, one process) over the same files within 1.5x the floor.

Both are timed as whole processes (benchmarks/timing.py), interleaved round by round (and the
order turned each round), so that a shared machine's load hits every row alike; the medians of
the clock and of the CPU time (user + system) are printed, and the ratios to the floor.

    .venv/bin/python benchmarks/bench_cold.py [--meetings 3000] [--repeat 5]
        [--compare OTHER_TREE] [--out DIR]

--compare runs the check of another source tree too (say an export of main: ``git archive
main | tar -x -C /tmp/base``), in the same rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.grow import grow  # noqa: E402
from benchmarks.timing import timed_run  # noqa: E402

GOAL = 1.5
FLOOR = "floor: libyaml compose"

#: the floor's process: read every meeting file, compose its front matter with libyaml
FLOOR_CODE = """
import sys, pathlib, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.md')):
    text = path.read_text(encoding='utf-8')
    if text.startswith('---\\n'):
        yaml.compose(text[4:text.find('\\n---\\n', 4)], Loader=yaml.CSafeLoader)
"""


def rows(repo: Path, trees: dict[str, Path]) -> dict[str, list[str]]:
    """Each row's command line."""
    found = {FLOOR: [sys.executable, "-c", FLOOR_CODE, str(repo)]}
    for name, tree in trees.items():
        found[f"cold check -j 1 ({name})"] = [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {str(tree)!r}); from vvgctl.cli.app import main; "
            "main()",
            "check",
            "-j",
            "1",
            str(repo),
        ]
    return found


def measure(commands: dict[str, list[str]], repeat: int) -> dict[str, list[tuple[float, float]]]:
    """``repeat`` rounds of every command, a new cache folder for each check."""
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    env = dict(os.environ, NO_COLOR="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure what a user runs: compiled modules
    with tempfile.TemporaryDirectory() as scratch:
        for turn in range(repeat):
            order = list(commands) if turn % 2 == 0 else list(commands)[::-1]
            for name in order:
                cache = Path(scratch) / f"{turn}-{len(runs[name])}-{abs(hash(name))}"
                runs[name].append(timed_run(commands[name], dict(env, VVGCTL_CACHE_DIR=str(cache))))
    return runs


def report(runs: dict[str, list[tuple[float, float]]]) -> None:
    def median(name: str, i: int) -> float:
        return statistics.median(run[i] for run in runs[name])

    print(f"{'':28s} {'wall s':>8s} {'cpu s':>8s} {'wall x':>7s} {'cpu x':>7s}  (goal {GOAL}x)")
    for name in runs:
        wall, cpu = median(name, 0), median(name, 1)
        ratios = f"{wall / median(FLOOR, 0):7.2f} {cpu / median(FLOOR, 1):7.2f}"
        verdict = (
            "" if name == FLOOR else ("  met" if cpu / median(FLOOR, 1) <= GOAL else "  not met")
        )
        print(f"{name:28s} {wall:8.2f} {cpu:8.2f} {ratios}{verdict}")
    print(f"(medians of {len(runs[FLOOR])}; {os.cpu_count()} cores)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--meetings", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--compare", type=Path, default=None, help="another vvgctl source tree")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "cold")
    args = parser.parse_args()
    trees = {"this": ROOT}
    if args.compare is not None:
        trees["other"] = args.compare.resolve()
    for tree in trees.values():  # compiled once, as an installed vvgctl is
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "vvgctl")], check=True)
    grow(ROOT / "minutes", args.out, args.meetings)
    subprocess.run(["git", "init", "-q", str(args.out)], check=True)
    print(f"{args.meetings} meetings in {args.out}")
    report(measure(rows(args.out, trees), args.repeat))


if __name__ == "__main__":
    main()
