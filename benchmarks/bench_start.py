"""Benchmark how fast vvgctl starts, on the bundled minutes, beside the floor (issue 27).

The floor is the interpreter importing vvgctl's own dependencies (``python -c 'import typer,
pydantic, rich, ruamel.yaml'``); every command is timed as a whole process and printed as a
median of --repeat runs and as a ratio to the floor's median. The runs are interleaved (one of
each per round), so a machine whose speed moves moves every row alike:

- ``--help``;
- ``check minutes`` and ``show FILE``, with a warm cache (one check ran before the rounds);
- the first ``decisions --text X`` in an empty cache (a new one each round: the query index and
  the Swedish lexicon are both made), and the same once more, warm.

It prints the medians of the clock, then of the CPU time (user + system) the same runs took:
on a machine shared with other work the clock also counts the waits for a core and the disk.

    .venv/bin/python benchmarks/bench_start.py [--repeat 5] [--compare OTHER_TREE]

--compare runs every row with the vvgctl of another source tree too (say, an export of main:
``git archive main | tar -x -C /tmp/base``), right after this tree's, each with a cache of its
own, and prints both medians: the one comparison a shared, noisy machine allows.
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

from benchmarks.timing import timed_run  # noqa: E402

MINUTES = ROOT / "minutes"
SHOWN = MINUTES / "vvg" / "2025" / "2025-10-22.md"
PYTHON = sys.executable
FLOOR = "floor: import typer, pydantic, rich, ruamel.yaml"

#: the rows: name, the arguments of ``python``, and the goal as a ratio to the floor (None:
#: a goal in milliseconds, see GOAL_MS)
ROWS: list[tuple[str, list[str], float | None]] = [
    (FLOOR, ["-c", "import typer, pydantic, rich, ruamel.yaml"], None),
    ("--help", ["-m", "vvgctl", "--help"], 1.5),
    ("check minutes (warm cache)", ["-m", "vvgctl", "check", str(MINUTES)], 2.0),
    ("show FILE", ["-m", "vvgctl", "show", str(SHOWN)], 2.0),
    ("first decisions --text, empty cache", [], None),
    ("decisions --text, warm", [], 2.0),
]
GOAL_MS = {"first decisions --text, empty cache": 1000}


def timed(args: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """Seconds of the clock and of the CPU (user + system) the process took."""
    return timed_run([PYTHON, *args], env, cwd)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--text", default="enkät", help="the word decisions asks for")
    parser.add_argument(
        "--compare", type=Path, default=None, help="another vvgctl source tree to run side by side"
    )
    args = parser.parse_args()
    decisions = ["-m", "vvgctl", "decisions", str(MINUTES), "--text", args.text]
    trees = (
        {"this": ROOT} if args.compare is None else {"this": ROOT, "other": args.compare.resolve()}
    )
    runs: dict[str, dict[str, list[float]]] = {tree: {} for tree in trees}
    cpu: dict[str, dict[str, list[float]]] = {tree: {} for tree in trees}
    with tempfile.TemporaryDirectory() as scratch:
        envs = {}
        for tree, source in trees.items():
            # `python -m` puts the working folder first on the path: the commands run in the
            # scratch folder, with the tree's own code on PYTHONPATH
            env = {k: v for k, v in os.environ.items() if not k.startswith("VVGCTL_")}
            env.update(
                NO_COLOR="1",
                PYTHONPATH=str(source),
                VVGCTL_CACHE_DIR=str(Path(scratch) / tree / "warm"),
            )
            envs[tree] = env
            timed(ROWS[2][1], env, scratch)  # the warm cache: the check's results
            timed(decisions, env, scratch)  # and the index, with the lexicon
        for round_ in range(args.repeat):
            for name, command, _ in ROWS:
                for tree, env in envs.items():
                    if name.startswith("first decisions"):
                        cold = dict(env, VVGCTL_CACHE_DIR=str(Path(scratch) / tree / str(round_)))
                        seconds, used = timed(decisions, cold, scratch)
                    else:
                        seconds, used = timed(command or decisions, env, scratch)
                    runs[tree].setdefault(name, []).append(seconds)
                    cpu[tree].setdefault(name, []).append(used)
    report("wall clock", runs, args.repeat)
    print()
    report(
        "CPU time (user + system; steadier than the clock on a shared machine)", cpu, args.repeat
    )


def report(what: str, runs: dict[str, dict[str, list[float]]], repeat: int) -> None:
    columns = list(runs)
    print(
        f"{what}: medians of {repeat}, side by side, {os.cpu_count()} cores; "
        f"the ratio is to the floor of the same tree"
    )
    print(f"{'':<38}" + "".join(f"{tree + ' tree':>25}" for tree in columns) + "   goal")
    floors = {tree: statistics.median(runs[tree][FLOOR]) for tree in columns}
    for name, _, goal in ROWS:
        line = f"{name:<38}"
        for tree in columns:
            median = statistics.median(runs[tree][name])
            ratio = "" if name == FLOOR else f" = {median / floors[tree]:.2f}x"
            line += f"{median * 1000:>12,.0f} ms{ratio:>10}"
        target = f"<= {goal}x" if goal else f"<= {GOAL_MS[name]:,} ms" if name in GOAL_MS else ""
        print(f"{line}   {target}")


if __name__ == "__main__":
    main()
