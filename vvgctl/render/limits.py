"""How much a document may be before render refuses it: bytes, table cells and time.

Minutes come from pull requests, and a preview renders each changed meeting: one file must
not be able to hold every preview for minutes or take gigabytes. A meeting is refused, before
pandoc or Typst sees a byte of it, when

- its file is larger than :data:`MAX_BYTES` (1 MiB; the largest real minutes are ~30 KiB, and
  `check` reads files up to 5 MiB), or
- its tables hold more than :data:`MAX_TABLE_CELLS` cells (20,000): the tables of the front
  matter count a cell per topic (an empty cell and a row's label count one each), and a table
  of the body counts, for each line with a ``|``, one cell more than it has ``|``. A 5-column
  table of 1,500 rows is ~9,000; the årshjul of a year is ~40.

Pandoc, the slow part, gets :data:`TIMEOUT_SECONDS`; a run past it is refused with the same
kind of message. Typst's time follows from the size limits (a document at both limits
compiles in seconds: ``benchmarks/bench_render.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from vvgctl.errors import UsageError, VvgError, os_error
from vvgctl.message import Message
from vvgctl.models import Item, Meeting, SubItem
from vvgctl.runtime.i18n import N_
from vvgctl.source.fileio import FileTooLarge, NotARegularFile, read_limited

MAX_BYTES = 1024 * 1024
MAX_TABLE_CELLS = 20_000
TIMEOUT_SECONDS = 60


class TooLargeToRender(VvgError):
    """The document is past a limit of :mod:`vvgctl.render.limits`: the user's to split."""


def _too_large(path: Path, size: int) -> TooLargeToRender:
    return TooLargeToRender(
        Message(
            N_("the file is {size} KiB; render takes meetings of at most {limit} KiB"),
            {"size": size // 1024, "limit": MAX_BYTES // 1024},
        ),
        hint=N_("split the meeting, or move long appendices to documents it links to"),
        path=str(path),
    )


def check_size(path: Path) -> None:
    """Refuse ``path`` when its file is larger than :data:`MAX_BYTES` (before it is read)."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading it says why, with the file's name
    if size > MAX_BYTES:
        raise _too_large(path, size)


def read(path: Path) -> bytes:
    """The bytes of the meeting file ``path``: a regular file of at most :data:`MAX_BYTES`,
    or an error that names it (a FIFO or a device is refused before a byte is read)."""
    try:
        return read_limited(path, MAX_BYTES)
    except FileTooLarge as exc:
        raise _too_large(path, exc.size) from None
    except NotARegularFile:
        raise UsageError(
            N_("not a regular file (a FIFO, a device or a folder): render reads meeting files"),
            hint=N_("give the path of the file itself"),
            path=str(path),
        ) from None
    except OSError as exc:
        raise os_error(exc, path) from None


def _contents(meeting: Meeting) -> Iterable[Item | SubItem]:
    for item in meeting.items:
        yield item
        yield from item.subitems


def table_cells(meeting: Meeting, prose: Iterable[str]) -> int:
    """The cells of the meeting's tables, counted as the module's docstring says."""
    cells = 0
    for content in _contents(meeting):
        for table in content.tables:
            cells += len(table.columns) + 1
            for row in table.rows:
                cells += 1 + sum(max(1, len(topics)) for topics in row.cells)
    for text in prose:
        if "|" in text:
            cells += sum(line.count("|") + 1 for line in text.split("\n") if "|" in line)
    return cells


def check_tables(path: Path, meeting: Meeting, prose: Iterable[str]) -> None:
    """Refuse the meeting when its tables hold more than :data:`MAX_TABLE_CELLS` cells."""
    cells = table_cells(meeting, prose)
    if cells > MAX_TABLE_CELLS:
        raise TooLargeToRender(
            Message(
                N_("the tables hold {cells} cells; render takes at most {limit}"),
                {"cells": cells, "limit": MAX_TABLE_CELLS},
            ),
            hint=N_("split the table, or keep it in a document the meeting links to"),
            path=str(path),
        )


def timed_out(label: str) -> TooLargeToRender:
    """The refusal when pandoc ran past :data:`TIMEOUT_SECONDS` on ``label``."""
    return TooLargeToRender(
        Message(
            N_("rendering took more than {limit} s, the limit for one document"),
            {"limit": TIMEOUT_SECONDS},
        ),
        hint=N_("make the document smaller or simpler (fewer tables, lists and links)"),
        path=label,
    )
