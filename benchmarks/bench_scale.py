"""Print issue 27's table "at scale": check and decisions on grown repositories, each row
beside its goal (the first table, on the bundled minutes, is benchmarks/bench_start.py's).

| row (N_SMALL: --meetings-small, N: --meetings) | measured | goal |
|---|---|---|
| cold `check -j 1`, N_SMALL meetings / libyaml composing their front matter | ratio | ≤ 1.5× |
| warm `check -j 1` / `--help` (N_SMALL meetings) | ratio | ≤ 2× |
| N meetings, 2 cores (`check -j 2`): cold / warm check | seconds | ≤ 10 s / ≤ 1 s |
| warm `decisions --text X --format json` over N meetings | seconds | ≤ 0.3 s |

The floor of the first row is PyYAML's libyaml (``yaml.compose`` with ``CSafeLoader``) composing
the front matter of each of the same files, read from disk, in a process of its own: what
parsing the files costs with nothing else. Every process is timed whole (the interpreter's start
included), by the clock and by the CPU (user + system, workers included). Each round runs every
row's two sides one after the other (interleaved), so that a shared machine's load falls on both
alike; the table gives the medians of --repeat rounds, wall and CPU. "Cold" is an empty cache
folder of its own each round; "warm" runs right after a run that filled the cache.

    .venv/bin/python benchmarks/bench_scale.py [--meetings-small 3000] [--meetings 10000]
        [--repeat 3] [--keep] [--text enkät] [--compare OTHER_TREE]

The repositories are grown by benchmarks/grow.py into benchmarks/out/scale-N (a git repository,
as a real one is); --keep reuses one that already holds N meetings. About 5 minutes at the
defaults on an idle 2-core machine, with --keep. --compare runs every row with the vvgctl of
another source tree too (say, ``git archive main | tar -x -C /tmp/base``), in the same rounds,
each tree with caches of its own, and prints its table after this tree's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.grow import grow  # noqa: E402
from benchmarks.timing import timed_run  # noqa: E402
from vvgctl.repository.discovery import meeting_files  # noqa: E402

PYTHON = sys.executable
VVGCTL = [PYTHON, "-m", "vvgctl"]

#: the floor of the first row: libyaml composing each listed file's front matter (the lines
#: between the first ``---`` and the next), read from disk, and nothing else
LIBYAML = """\
import sys
import yaml
loader = yaml.CSafeLoader
with open(sys.argv[1], encoding="utf-8") as listing:
    paths = listing.read().splitlines()
for path in paths:
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8")
    if text.startswith("---\\n"):
        end = text.find("\\n---\\n", 3)
        yaml.compose(text[4 : end + 1 if end >= 0 else len(text)], Loader=loader)
"""

Timing = tuple[float, float]  # wall, CPU seconds


@dataclass
class Row:
    """One row of the table: its two sides (one when there is no ratio) and its goal."""

    name: str
    sides: tuple[str, ...]
    goal: str
    check: Callable[[list[float]], bool]
    ratio: bool
    runs: dict[str, list[Timing]] = field(default_factory=dict)

    def add(self, side: str, timing: Timing) -> None:
        self.runs.setdefault(side, []).append(timing)

    def medians(self, which: int) -> list[float]:
        return [statistics.median(t[which] for t in self.runs[side]) for side in self.sides]


def repository(source: Path, out: Path, count: int, keep: bool) -> list[Path]:
    """``count`` meetings grown from ``source`` into ``out``, a git repository (kept when
    ``keep`` and it holds ``count`` meetings already)."""
    start = time.perf_counter()
    files = sorted(meeting_files([out])) if keep and (out / ".git").is_dir() else []
    if len(files) != count:
        files = grow(source, out, count)
        subprocess.run(["git", "init", "-q", str(out)], check=True)
    size = sum(f.stat().st_size for f in files)
    print(
        f"{out}: {len(files):,} meetings, {size / 1e6:.1f} MB "
        f"(ready in {time.perf_counter() - start:.1f} s)",
        flush=True,
    )
    return files


def environment(tree: Path, cache: Path) -> dict[str, str]:
    """The vvgctl of the source tree ``tree``, with ``cache`` as its cache folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VVGCTL_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # else every run compiles ~80 modules again
    env.update(NO_COLOR="1", PYTHONPATH=str(tree), VVGCTL_CACHE_DIR=str(cache))
    return env


def rows(small: int, large: int) -> list[Row]:
    def ratio_at_most(goal: float) -> Callable[[list[float]], bool]:
        return lambda m: m[0] / m[1] <= goal

    return [
        Row(
            f"cold `check -j 1`, {small:,} meetings / libyaml composing their front matter alone",
            ("check", "libyaml"),
            "≤ 1.5×",
            ratio_at_most(1.5),
            ratio=True,
        ),
        Row(
            f"warm `check -j 1` / `--help` ({small:,} meetings)",
            ("check", "--help"),
            "≤ 2×",
            ratio_at_most(2.0),
            ratio=True,
        ),
        Row(
            f"{large:,} meetings, 2 cores: cold / warm check",
            ("cold", "warm"),
            "≤ 10 s / ≤ 1 s",
            lambda m: m[0] <= 10 and m[1] <= 1,
            ratio=False,
        ),
        Row(
            f"warm `decisions` over {large:,} meetings",
            ("decisions",),
            "≤ 0.3 s",
            lambda m: m[0] <= 0.3,
            ratio=False,
        ),
    ]


@dataclass
class Commands:
    """The commands of the rows, run in ``cwd`` (a scratch folder, so that ``python -m``
    imports the tree on PYTHONPATH, not the working folder's)."""

    cwd: str
    check_small: list[str]
    libyaml: list[str]
    check_large: list[str]
    decisions: list[str]


def commands(args: argparse.Namespace, scratch: Path) -> Commands:
    """The grown repositories (made or kept) and the commands that run on them."""
    source = ROOT / "minutes"
    small_root = args.out / f"scale-{args.meetings_small}"
    large_root = args.out / f"scale-{args.meetings}"
    small = repository(source, small_root, args.meetings_small, args.keep)
    repository(source, large_root, args.meetings, args.keep)
    listing = scratch / "small-files.txt"
    listing.write_text("\n".join(str(p) for p in small) + "\n", encoding="utf-8")
    return Commands(
        cwd=str(scratch),
        check_small=[*VVGCTL, "check", "-j", "1", str(small_root)],
        libyaml=[PYTHON, "-c", LIBYAML, str(listing)],
        check_large=[*VVGCTL, "check", "-j", "2", str(large_root)],
        decisions=[*VVGCTL, "decisions", str(large_root), "--text", args.text, "--format", "json"],
    )


def measure(
    args: argparse.Namespace, scratch: Path, trees: dict[str, Path], tables: dict[str, list[Row]]
) -> None:
    """Every row of every tree, --repeat rounds; within a round each row's sides run one after
    the other, tree after tree (which tree goes first alternates)."""
    run = commands(args, scratch)
    start = time.perf_counter()
    for name, tree in trees.items():
        # the warm small check's cache and the query index, filled once
        timed_run(run.check_small, environment(tree, scratch / name / "warm-small"), run.cwd)
        timed_run(run.decisions, environment(tree, scratch / name / "query"), run.cwd)
    print(f"caches filled in {time.perf_counter() - start:.1f} s", flush=True)
    for round_ in range(args.repeat):
        start = time.perf_counter()
        order = list(trees) if round_ % 2 == 0 else list(trees)[::-1]
        for row in range(len(ROWS)):
            for name in order:
                folder = scratch / name
                ROWS[row](run, tables[name][row], trees[name], folder, round_)
        print(
            f"round {round_ + 1} of {args.repeat}: {time.perf_counter() - start:.1f} s", flush=True
        )


def _cold_check(run: Commands, row: Row, tree: Path, folder: Path, round_: int) -> None:
    row.add(
        "check", timed_run(run.check_small, environment(tree, folder / f"cold-{round_}"), run.cwd)
    )
    row.add("libyaml", timed_run(run.libyaml, environment(tree, folder / "warm-small"), run.cwd))


def _warm_check(run: Commands, row: Row, tree: Path, folder: Path, round_: int) -> None:
    warm = environment(tree, folder / "warm-small")
    row.add("check", timed_run(run.check_small, warm, run.cwd))
    row.add("--help", timed_run([*VVGCTL, "--help"], warm, run.cwd))


def _large_check(run: Commands, row: Row, tree: Path, folder: Path, round_: int) -> None:
    cold = environment(tree, folder / f"cold-large-{round_}")
    row.add("cold", timed_run(run.check_large, cold, run.cwd))
    row.add("warm", timed_run(run.check_large, cold, run.cwd))


def _decisions(run: Commands, row: Row, tree: Path, folder: Path, round_: int) -> None:
    row.add("decisions", timed_run(run.decisions, environment(tree, folder / "query"), run.cwd))


#: how each row of :func:`rows` is measured, in its order
ROWS: list[Callable[[Commands, Row, Path, Path, int], None]] = [
    _cold_check,
    _warm_check,
    _large_check,
    _decisions,
]


def cell(row: Row, which: int) -> str:
    """The medians of the clock (``which`` 0) or the CPU (1), and whether they meet the goal."""
    medians = row.medians(which)
    text = " / ".join(f"{m:.2f} s" for m in medians)
    if row.ratio:
        text += f" = {medians[0] / medians[1]:.2f}×"
    return f"{text} {'✓' if row.check(medians) else '✗'}"


def report(table: list[Row], repeat: int, tree: str) -> None:
    print(
        f"\nAt scale, {tree}: medians of {repeat} interleaved rounds, {os.cpu_count()} cores "
        "(wall: the clock; CPU: user + system, workers included)\n"
    )
    print("| at scale, same files | wall | CPU | goal |")
    print("|---|---|---|---|")
    for row in table:
        print(f"| {row.name} | {cell(row, 0)} | {cell(row, 1)} | {row.goal} |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--meetings-small", type=int, default=3_000)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="reuse grown repositories")
    parser.add_argument("--text", default="enkät", help="the word decisions asks for")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument(
        "--compare",
        type=Path,
        default=None,
        help="another vvgctl source tree (say, an export of main) to run side by side",
    )
    args = parser.parse_args()
    trees = {"this tree": ROOT}
    if args.compare is not None:
        trees["other tree"] = args.compare.resolve()
    tables = {name: rows(args.meetings_small, args.meetings) for name in trees}
    with tempfile.TemporaryDirectory() as scratch:
        measure(args, Path(scratch), trees, tables)
    for name, table in tables.items():
        report(table, args.repeat, f"{name} ({trees[name]})")


if __name__ == "__main__":
    main()
