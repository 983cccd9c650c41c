"""Median times of `vvgctl arshjul` on the real repository: merge, and each format.

Run: .venv/bin/python benchmarks/bench_arshjul.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from vvgctl.arshjul.build import build
from vvgctl.arshjul.ics import to_ics
from vvgctl.arshjul.svg import to_svg
from vvgctl.arshjul.text import to_markdown
from vvgctl.repository.repo import Repository

MINUTES = Path(__file__).resolve().parent.parent / "minutes"


def median_ms(work: Callable[[], object], runs: int = 30) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    arshjul = build(Repository(MINUTES), "vvg", 2026)
    print(
        f"build (read schedule, plan, minutes; merge): "
        f"{median_ms(lambda: build(Repository(MINUTES), 'vvg', 2026)):.1f} ms"
    )
    print(f"markdown: {median_ms(lambda: to_markdown(arshjul)):.2f} ms")
    print(f"svg:      {median_ms(lambda: to_svg(arshjul)):.2f} ms")
    print(f"ics:      {median_ms(lambda: to_ics(arshjul)):.2f} ms")


if __name__ == "__main__":
    main()
