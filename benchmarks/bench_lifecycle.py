"""Benchmark the meeting cycle: `check --base` (frozen records), an in-place edit, new-meeting.

A git repository of N meetings is grown from the real minutes (or, while minutes/ holds none,
from the test suite's sample meeting), committed, and then `changed` of its files are edited.
Prints medians of: the frozen-record comparison alone (in process), `vvgctl check --base HEAD`
and `vvgctl check` (warm cache) side by side, `vvgctl status` on one file, and
`vvgctl new-meeting --dry-run`.

    .venv/bin/python benchmarks/bench_lifecycle.py [--meetings 2000] [--changed 20] [--repeat 5]
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
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def source_repo(given: Path, scratch: Path) -> Path:
    if any(meeting_files([given])) if given.exists() else False:
        return given
    from tests.conftest import MEETING_MD, ORGANS_YAML, PEOPLE_YAML, write_tree

    return write_tree(
        scratch / "seed",
        {
            "registry/organs.yaml": ORGANS_YAML,
            "registry/people.yaml": PEOPLE_YAML,
            "vvg/2025/2025-10-22.md": MEETING_MD,
        },
    )


def median_of(repeat: int, run: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=2000)
    parser.add_argument("--changed", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--source", type=Path, default=ROOT / "minutes")
    args = parser.parse_args()
    env = {**os.environ, **GIT_ENV}
    os.environ.update(GIT_ENV)
    with tempfile.TemporaryDirectory() as scratch:
        scratch_path = Path(scratch)
        env["VVGCTL_CACHE_DIR"] = str(scratch_path / "cache")
        os.environ["VVGCTL_CACHE_DIR"] = env["VVGCTL_CACHE_DIR"]
        top = scratch_path / "project"
        minutes = top / "minutes"
        files = grow(source_repo(args.source, scratch_path), minutes, args.meetings)
        for command in (
            ["init", "--quiet", "-b", "main"],
            ["add", "-A"],
            ["commit", "--quiet", "-m", "grown"],
        ):
            subprocess.run(["git", "-C", str(top), *command], check=True, env=env)
        for path in files[:: max(1, len(files) // args.changed)][: args.changed]:
            path.write_text(
                path.read_text(encoding="utf-8") + "\nTillagt i efterhand.\n", encoding="utf-8"
            )

        from vvgctl.checking.check import check_revision
        from vvgctl.repository.repo import Repository

        def against_head() -> list[object]:
            repository = Repository.open(minutes)
            return list(check_revision(repository, [minutes.resolve()], "HEAD"))

        found = against_head()
        frozen_s = median_of(args.repeat, against_head)

        def cli(*extra: str) -> None:
            subprocess.run(
                [*VVGCTL, *extra],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )

        cli("check", str(minutes))  # fill the cache
        warm_s = median_of(args.repeat, lambda: cli("check", str(minutes)))
        base_s = median_of(args.repeat, lambda: cli("check", str(minutes), "--base", "HEAD"))
        target = files[-1]
        statuses = iter(["draft", "review"] * args.repeat)
        status_s = median_of(args.repeat, lambda: cli("status", str(target), next(statuses)))
        organ = target.parent.parent.name
        new_s = median_of(
            args.repeat,
            lambda: cli(
                "new-meeting",
                "--organ",
                organ,
                "--repo",
                str(minutes),
                "--date",
                "2099-01-14",
                "--place",
                "Teams",
                "--mode",
                "remote",
                "--dry-run",
            ),
        )
    print(
        f"meetings: {len(files)}, changed: {args.changed}, frozen findings: {len(found)}, "
        f"repeat: {args.repeat} (medians)"
    )
    print(f"  approval-flow + frozen-record (in process): {frozen_s * 1000:5.1f} ms")
    print(f"  vvgctl check, warm cache:              {warm_s * 1000:8.1f} ms")
    print(f"  vvgctl check --base HEAD, warm cache:  {base_s * 1000:8.1f} ms")
    print(f"  vvgctl status (one in-place edit):     {status_s * 1000:8.1f} ms")
    print(f"  vvgctl new-meeting --dry-run:          {new_s * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
