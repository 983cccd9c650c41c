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
        [--repeat 3] [--keep] [--text enkät]

The repositories are grown by benchmarks/grow.py into benchmarks/out/scale-N (a git repository,
as a real one is); --keep reuses one that already holds N meetings. About 5 minutes at the
defaults on an idle 2-core machine, with --keep.
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


def environment(cache: Path) -> dict[str, str]:
    """This tree's vvgctl, with ``cache`` as its cache folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VVGCTL_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # else every run compiles ~80 modules again
    env.update(NO_COLOR="1", PYTHONPATH=str(ROOT), VVGCTL_CACHE_DIR=str(cache))
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


def measure(args: argparse.Namespace, scratch: Path, table: list[Row]) -> None:
    source = ROOT / "minutes"
    small_root = args.out / f"scale-{args.meetings_small}"
    large_root = args.out / f"scale-{args.meetings}"
    small = repository(source, small_root, args.meetings_small, args.keep)
    repository(source, large_root, args.meetings, args.keep)
    listing = scratch / "small-files.txt"
    listing.write_text("\n".join(str(p) for p in small) + "\n", encoding="utf-8")
    cwd = str(scratch)
    check_small = [*VVGCTL, "check", "-j", "1", str(small_root)]
    check_large = [*VVGCTL, "check", "-j", "2", str(large_root)]
    decisions = [*VVGCTL, "decisions", str(large_root), "--text", args.text, "--format", "json"]
    warm_small, warm_query = environment(scratch / "warm-small"), environment(scratch / "query")
    start = time.perf_counter()
    timed_run(check_small, warm_small, cwd)  # fills the cache of the warm small check
    timed_run(decisions, warm_query, cwd)  # builds the query index
    print(f"caches filled in {time.perf_counter() - start:.1f} s", flush=True)
    first, second, third, fourth = table
    for round_ in range(args.repeat):
        start = time.perf_counter()
        cold_small = environment(scratch / f"cold-small-{round_}")
        first.add("check", timed_run(check_small, cold_small, cwd))
        first.add("libyaml", timed_run([PYTHON, "-c", LIBYAML, str(listing)], warm_small, cwd))
        second.add("check", timed_run(check_small, warm_small, cwd))
        second.add("--help", timed_run([*VVGCTL, "--help"], warm_small, cwd))
        cold_large = environment(scratch / f"cold-large-{round_}")
        third.add("cold", timed_run(check_large, cold_large, cwd))
        third.add("warm", timed_run(check_large, cold_large, cwd))
        fourth.add("decisions", timed_run(decisions, warm_query, cwd))
        print(
            f"round {round_ + 1} of {args.repeat}: {time.perf_counter() - start:.1f} s", flush=True
        )


def cell(row: Row, which: int) -> str:
    """The medians of the clock (``which`` 0) or the CPU (1), and whether they meet the goal."""
    medians = row.medians(which)
    text = " / ".join(f"{m:.2f} s" for m in medians)
    if row.ratio:
        text += f" = {medians[0] / medians[1]:.2f}×"
    return f"{text} {'✓' if row.check(medians) else '✗'}"


def report(table: list[Row], repeat: int) -> None:
    print(
        f"\nAt scale: medians of {repeat} interleaved rounds, {os.cpu_count()} cores "
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
    args = parser.parse_args()
    table = rows(args.meetings_small, args.meetings)
    with tempfile.TemporaryDirectory() as scratch:
        measure(args, Path(scratch), table)
    report(table, args.repeat)


if __name__ == "__main__":
    main()
