"""Benchmark `vvgctl approve` in process: a record in review approved at a later meeting, with a
correction in a position (front matter) and one in a paragraph (body), the files put back
between runs. Prints the median of each.

    .venv/bin/python benchmarks/bench_approve.py [--repeat 20]

To compare with older code, run it with that code first on the path (``PYTHONPATH=OLD_TREE``);
before issue 26 ``approve`` lived in ``vvgctl.cycle.lifecycle``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # the tests' sample meeting; the code under test comes first

from tests.conftest import ORGANS_YAML, PEOPLE_YAML, write_tree  # noqa: E402
from tests.test_lifecycle import LATER, REVIEW  # noqa: E402
from vvgctl.models.meeting import Correction  # noqa: E402


def _approve() -> Any:
    try:
        from vvgctl.cycle.approval import approve
    except ImportError:  # the code before issue 26
        from vvgctl.cycle.lifecycle import approve  # type: ignore[attr-defined,no-redef]
    return approve


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    approve = _approve()
    with tempfile.TemporaryDirectory() as scratch:
        root = write_tree(
            Path(scratch) / "minutes",
            {
                "registry/organs.yaml": ORGANS_YAML,
                "registry/people.yaml": PEOPLE_YAML,
                "vvg/2025/2025-11-05.md": REVIEW,
                "vvg/2026/2026-02-11.md": LATER.replace("date: 2025-12-10", "date: 2026-02-11"),
            },
        )
        record = root / "vvg/2025/2025-11-05.md"
        later = root / "vvg/2026/2026-02-11.md"
        originals = record.read_bytes(), later.read_bytes()
        cases = {
            "no correction": [Correction(text="Godkänd")],
            "a position corrected": [
                Correction(
                    text="Rättelse",
                    item="2",
                    quote="noterar informationen",
                    replacement="noterar informationen med tack",
                )
            ],
            "a paragraph corrected": [
                Correction(
                    text="Rättelse", item="2", quote="Bakgrund.", replacement="Bakgrund och syfte."
                )
            ],
        }
        for name, corrections in cases.items():
            times = []
            for _ in range(args.repeat):
                record.write_bytes(originals[0])
                later.write_bytes(originals[1])
                start = time.perf_counter()
                approve(record, dt.date(2026, 2, 11), corrections)
                times.append(time.perf_counter() - start)
            print(
                f"{name:24} median {statistics.median(times) * 1000:6.1f} ms "
                f"(min {min(times) * 1000:.1f}, {args.repeat} runs)"
            )


if __name__ == "__main__":
    main()
