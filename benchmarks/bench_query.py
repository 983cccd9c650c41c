"""Benchmark the query commands on a repository grown to N meetings (default 10,000).

Per repeat, with an empty cache: a cold `vvgctl check`, then a cold `vvgctl decisions --text X
--format json` (it builds the query index), then warm runs of `decisions`, `search` and
`check`, and a `search` after one file changed. Prints medians, all measured in this one run on
this machine, side by side.

    .venv/bin/python benchmarks/bench_query.py [--meetings 10000] [--repeat 3] [--keep]
        [--compare OTHER_TREE]

--keep reuses the grown repository in benchmarks/out/repo when it already holds N meetings.
--compare runs every step with the vvgctl of another source tree too (say, a worktree of the
last release), right after this tree's, with a cache of its own, and prints both medians and
their ratio: the one comparison a shared, noisy machine allows.
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


def timed(args: list[str], env: dict[str, str], cwd: str | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, cwd=cwd
    )
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
    parser.add_argument(
        "--distinct",
        action="store_true",
        help="grow copies whose prose differs (see benchmarks/grow.py)",
    )
    parser.add_argument(
        "--compare", type=Path, default=None, help="another vvgctl source tree to run side by side"
    )
    args = parser.parse_args()

    start = time.perf_counter()
    files = sorted(meeting_files([args.out])) if args.keep and args.out.exists() else []
    if len(files) != args.meetings:
        files = grow(args.source, args.out, args.meetings, vary=args.distinct)
    size = sum(f.stat().st_size for f in files)
    print(
        f"repository: {len(files)} meetings, {size / 1e6:.1f} MB "
        f"(ready in {time.perf_counter() - start:.1f} s), {os.cpu_count()} cores"
    )

    repo = str(args.out.resolve())
    trees = {"this": None} if args.compare is None else {"this": None, "other": args.compare}
    runs: dict[str, dict[str, list[float]]] = {tree: {} for tree in trees}

    lexicon = tempfile.TemporaryDirectory()  # built once per machine: timed apart
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as scratch:
            envs = {}
            for tree, source in trees.items():
                # each tree's own code: `python -m` puts the working folder first on the path,
                # so the commands run in the scratch folder with the tree on PYTHONPATH
                env = dict(
                    os.environ,
                    NO_COLOR="1",
                    VVGCTL_LEXICON_DIR=lexicon.name,
                    VVGCTL_CACHE_DIR=str(Path(scratch) / tree),
                    PYTHONPATH=str((source or ROOT).resolve()),
                )
                envs[tree] = env
            if not runs["this"]:
                start = time.perf_counter()
                timed([*VVGCTL, "search", "x", str(ROOT / "minutes")], envs["this"], scratch)
                print(
                    f"lexicon built in {time.perf_counter() - start:.1f} s (once per machine, "
                    f"with a search of the bundled minutes)"
                )

            def step(name: str, command: list[str], envs: dict[str, dict[str, str]] = envs) -> None:
                for tree, env in envs.items():
                    runs[tree].setdefault(name, []).append(timed(command, env, scratch))

            step("check, cold", [*VVGCTL, "check", repo])
            step(
                "decisions --text --format json, cold",
                [*VVGCTL, "decisions", repo, "--text", args.text, "--format", "json"],
            )
            for _ in range(args.warm):
                step(
                    "decisions --text --format json, warm",
                    [*VVGCTL, "decisions", repo, "--text", args.text, "--format", "json"],
                )
                step("search, warm", [*VVGCTL, "search", args.text, repo])
            step("check, warm", [*VVGCTL, "check", repo])
            files[0].write_text(files[0].read_text(encoding="utf-8") + "\n", encoding="utf-8")
            step("search, warm (one file changed)", [*VVGCTL, "search", args.text, repo])
    targets = {
        "check, cold": "-",
        "decisions --text --format json, cold": "<= 1.3 x check, cold",
        "decisions --text --format json, warm": "<= 0.5 s",
        "search, warm": "<= 0.3 s",
        "check, warm": "-",
        "search, warm (one file changed)": "-",
    }
    print(
        f"{'':<40} {'this tree':>16}"
        + (f" {'other tree':>16} {'ratio':>6}" if args.compare else "")
        + "   target"
    )
    for name, values in runs["this"].items():
        line = f"{name:<40} {statistics.median(values):7.2f} s (min {min(values):.2f})"
        if args.compare:
            other = runs["other"][name]
            line += (
                f" {statistics.median(other):7.2f} s (min {min(other):.2f})"
                f" {statistics.median(values) / statistics.median(other):6.2f}"
            )
        print(f"{line}   {targets[name]}  n={len(values)}")
    for tree in trees:
        ratio = statistics.median(
            runs[tree]["decisions --text --format json, cold"]
        ) / statistics.median(runs[tree]["check, cold"])
        print(f"cold decisions / cold check ({tree} tree): {ratio:.2f}")
    lexicon.cleanup()


if __name__ == "__main__":
    main()
