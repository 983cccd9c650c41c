"""Benchmark `vvgctl render`: one meeting (whole process) and a batch of 50 meetings.

Prints medians of:
- one meeting, whole process: `vvgctl render FILE --format pdf --force` (Python start-up,
  Markdown, pandoc, Typst, PDF/UA + PDF/A written);
- the same Markdown through pandoc + xelatex (whole process), only when `xelatex` is on PATH
  (a TeX installation is not needed by vvgctl; without it this line says "skipped");
- a batch of 50 copies of the meeting (distinct dates): seconds per document;
- a large table: the meeting with a front-matter table of 5 columns x 1,500 rows, whole
  process, PDF and HTML (wall and CPU, pandoc's included), and the time to refuse a
  60 x 1,500 table (past render's 20,000 cells; issue 26).

    .venv/bin/python benchmarks/bench_render.py [--meeting minutes/vvg/2025/2025-10-22.md]
                                                [--repeat 5] [--batch 50] [--jobs 0]
                                                [--only-large-table]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

VVGCTL = [sys.executable, "-m", "vvgctl"]


def timed(args: list[str], *, stdin: bytes | None = None, cwd: Path | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        args, input=stdin, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.decode()[-2000:]}")
    return elapsed


def median(values: list[float]) -> float:
    return statistics.median(values)


def one_meeting(meeting: Path, repeat: int) -> float:
    with tempfile.TemporaryDirectory() as out:
        return median(
            [timed([*VVGCTL, "render", str(meeting), "-o", out, "--force"]) for _ in range(repeat)]
        )


def xelatex(meeting: Path, repeat: int) -> float | None:
    if shutil.which("xelatex") is None:
        return None
    from vvgctl.render import pandoc
    from vvgctl.render.pipeline import prepare

    markdown = prepare(meeting).markdown.encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        args = [
            pandoc.executable(),
            "--from",
            pandoc.READER,
            "--to",
            "pdf",
            "--pdf-engine=xelatex",
            "-V",
            "lang=sv-SE",
            "-V",
            "mainfont=DejaVu Sans",
            "-o",
            str(Path(tmp) / "out.pdf"),
        ]
        return median([timed(args, stdin=markdown, cwd=Path(tmp)) for _ in range(repeat)])


def batch(meeting: Path, count: int, jobs: int, repeat: int) -> float:
    """Seconds per document for ``count`` copies of ``meeting`` in a fresh repository."""
    from vvgctl.repository.discovery import find_root

    source_root = find_root(meeting)
    assert source_root is not None
    text = meeting.read_text(encoding="utf-8")
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            repo = Path(tmp) / "minutes"
            shutil.copytree(source_root / "registry", repo / "registry")
            organ = meeting.parent.parent.name
            start = dt.date(2030, 1, 1)
            for n in range(count):
                day = start + dt.timedelta(days=7 * n)
                path = repo / organ / str(day.year) / f"{day.isoformat()}.md"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(
                    text.replace(meeting.stem, day.isoformat(), 1).replace(
                        f"date: {meeting.stem}", f"date: {day.isoformat()}"
                    ),
                    encoding="utf-8",
                )
            seconds = timed(
                [*VVGCTL, "render", str(repo), "-o", str(Path(tmp) / "out"), "--jobs", str(jobs)]
            )
            rendered = len(list((Path(tmp) / "out").glob("*.pdf")))
            if rendered != count:
                raise SystemExit(f"the batch wrote {rendered} PDFs, not {count}")
            times.append(seconds / count)
    return median(times)


def table_meeting(meeting: Path, columns: int, rows: int, day: str, topic: str = "Ämne ") -> str:
    """``meeting`` with a front-matter table of ``columns`` x ``rows`` (one topic a cell,
    ``topic`` and a number) in its first item, dated ``day``."""
    text = meeting.read_text(encoding="utf-8")
    lines = [
        "    tables:",
        "      - title: Stor tabell",
        "        columns: [" + ", ".join(f"Kolumn {c}" for c in range(columns)) + "]",
        "        rows:",
    ]
    for row in range(rows):
        lines.append(f"          - label: Rad {row}")
        lines.append(
            "            cells: ["
            + ", ".join(f"[{topic}{(row * 7 + c) % 100}]" for c in range(columns))
            + "]"
        )
    first_item = text.index("  - number: ", text.index("\nitems:"))
    after_title = text.index("\n", text.index("    title:", first_item)) + 1
    text = text[:after_title] + "\n".join(lines) + "\n" + text[after_title:]
    return text.replace(f"date: {meeting.stem}", f"date: {day}", 1)


def timed_cpu(args: list[str], *, expect: int = 0) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its children) of one run."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != expect:
        raise SystemExit(
            f"{' '.join(args)} exited {proc.returncode}, not {expect}: "
            f"{proc.stderr.decode()[-2000:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def large_table(meeting: Path, repeat: int) -> None:
    """A 5 x 1,500 table rendered (PDF, HTML) and a 60 x 1,500 one refused, whole process."""
    from vvgctl.repository.discovery import find_root

    source_root = find_root(meeting)
    assert source_root is not None
    organ, year = meeting.parent.parent.name, meeting.parent.name
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "minutes"
        shutil.copytree(source_root / "registry", repo / "registry")
        folder = repo / organ / year
        folder.mkdir(parents=True)
        legit = folder / f"{year}-01-05.md"
        legit.write_text(table_meeting(meeting, 5, 1500, legit.stem), encoding="utf-8")
        hostile = folder / f"{year}-01-06.md"
        hostile.write_text(
            table_meeting(meeting, 60, 1500, hostile.stem, topic=""), encoding="utf-8"
        )  # ~600 KiB: inside the size limit, past the cells
        out = str(Path(tmp) / "out")
        for fmt in ("pdf", "html"):
            runs = [
                timed_cpu([*VVGCTL, "render", str(legit), "-o", out, "--force", "--format", fmt])
                for _ in range(repeat)
            ]
            print(
                f"5 x 1,500 table ({legit.stat().st_size // 1024} KiB), {fmt}, whole process: "
                f"{median([w for w, _ in runs]):.2f} s wall, "
                f"{median([c for _, c in runs]):.2f} s CPU, median of {repeat}"
            )
        runs = [
            timed_cpu([*VVGCTL, "render", str(hostile), "-o", out, "--force"], expect=1)
            for _ in range(repeat)
        ]
        print(
            f"60 x 1,500 table ({hostile.stat().st_size // 1024} KiB), refused: "
            f"{median([w for w, _ in runs]):.2f} s wall, "
            f"{median([c for _, c in runs]):.2f} s CPU, median of {repeat}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--meeting", type=Path, default=ROOT / "minutes" / "vvg" / "2025" / "2025-10-22.md"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: per core)")
    parser.add_argument("--only-large-table", action="store_true", help="only the large-table case")
    args = parser.parse_args()

    if args.only_large_table:
        large_table(args.meeting, args.repeat)
        return

    single = one_meeting(args.meeting, args.repeat)
    print(
        f"one meeting, whole process (vvgctl render, PDF/UA-1 + PDF/A-2a): "
        f"{single:.3f} s median of {args.repeat}"
    )
    tex = xelatex(args.meeting, args.repeat)
    if tex is None:
        print("pandoc + xelatex on the same Markdown: skipped (xelatex is not on PATH)")
    else:
        print(
            f"pandoc + xelatex on the same Markdown, whole process: {tex:.3f} s median of "
            f"{args.repeat} ({tex / single:.1f}x slower than vvgctl render)"
        )
    per_doc = batch(args.meeting, args.batch, args.jobs, max(1, args.repeat // 2))
    print(
        f"batch of {args.batch} meetings (--jobs {args.jobs}): {per_doc:.3f} s per document "
        f"(median of {max(1, args.repeat // 2)})"
    )
    large_table(args.meeting, max(1, args.repeat // 2))


if __name__ == "__main__":
    main()
