"""Grow a minutes repository to N meetings by replicating its real meetings under new dates.

Each copy is the real file with its top-level ``date`` (and ``previous.date``, and
``approval.meeting``) rewritten in place at the positions vvgctl's own loader reports, so the
copies are as valid as the originals and chain to each other like a real history.

    python benchmarks/grow.py minutes benchmarks/out/repo 10000
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

from vvgctl.repository.discovery import meeting_files
from vvgctl.source.document import decode, split
from vvgctl.source.yaml import load


def _replace_at(lines: list[str], line: int, column: int, old: str, new: str) -> None:
    text = lines[line - 1]
    start = text.index(old, column - 1)
    lines[line - 1] = text[:start] + new + text[start + len(old):]


def retarget(text: str, date: dt.date, previous: dt.date | None) -> str:
    """The meeting text with its date (and its previous-minutes date) changed."""
    doc = split(text)
    data, positions = load(doc.front_matter)
    lines = text.split("\n")
    offset = doc.front_matter_line - 1
    edits: list[tuple[tuple[str, ...], str | None]] = [(("date",), date.isoformat())]
    if isinstance(data.get("previous"), dict):
        edits.append((("previous", "date"), previous.isoformat() if previous else None))
    if isinstance(data.get("approval"), dict):
        edits.append((("approval", "meeting"), (date + dt.timedelta(days=49)).isoformat()))
    for path, value in edits:
        old = data
        for step in path:
            old = old[step]
        line, column = positions.values[path]
        if value is None:  # the first meeting of a history has no previous one in the repo
            value = (date - dt.timedelta(days=42)).isoformat()
        _replace_at(lines, line + offset, column, str(old), value)
    return "\n".join(lines)


def grow(source_root: Path, target_root: Path, count: int) -> list[Path]:
    """Write ``count`` meetings into ``target_root`` (replaced), with the source registry."""
    if target_root.exists():
        shutil.rmtree(target_root)
    shutil.copytree(source_root / "registry", target_root / "registry")
    originals = [decode(p.read_bytes()) for p in sorted(meeting_files([source_root]))]
    if not originals:
        raise SystemExit(f"no meetings in {source_root}")
    written: list[Path] = []
    last: dict[str, dt.date] = {}
    day = dt.date(1990, 1, 3)
    for index in range(count):
        text = originals[index % len(originals)]
        organ = str(load(split(text).front_matter)[0]["organ"])
        date = day + dt.timedelta(days=7 * (index // len(originals)))
        target = target_root / organ / str(date.year) / f"{date.isoformat()}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(retarget(text, date, last.get(organ)), encoding="utf-8")
        last[organ] = date
        written.append(target)
    return written


if __name__ == "__main__":
    source, target, number = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    print(f"{len(grow(source, target, number))} meetings in {target}")
