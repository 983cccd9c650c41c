"""Rows as a spreadsheet a person opens: CSV with a UTF-8 BOM, and an Excel workbook (xlsx).

Both head their columns in the user's language (``--format json`` stays English and stable).
The CSV starts with a byte order mark so that Excel reads å, ä and ö as UTF-8; the workbook
(written by openpyxl, imported only here) holds dates as dates (``2025-10-22`` sorts and
filters as a day), numbers as numbers and the header row frozen and bold.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from collections.abc import Sequence
from typing import Any, Protocol

Row = dict[str, Any]


class Column(Protocol):
    """A column of :mod:`vvgctl.cli.tabular`: its key, its header and its text of a row."""

    @property
    def key(self) -> str: ...

    @property
    def header(self) -> str: ...

    @property
    def value(self) -> Any: ...

    def text(self, row: Row) -> str: ...


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Excel's limit of a cell, and the width of a column we let it grow to
_CELL_LIMIT = 32_767
_WIDEST = 80


def write_csv(rows: Sequence[Row], columns: Sequence[Column]) -> None:
    """CSV on standard output: a BOM, the headers as people read them, one row a line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow([c.text(row) for c in columns])
    sys.stdout.write("\ufeff" + out.getvalue())


def _typed(column: Column, row: Row) -> Any:
    """A cell's value as the workbook keeps it: a date, a whole number, else the text."""
    if column.value is None:
        raw = row.get(column.key)
        if isinstance(raw, dt.date | int) and not isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and _DATE.fullmatch(raw):
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                return raw
    return column.text(row)[:_CELL_LIMIT]


def workbook(rows: Sequence[Row], columns: Sequence[Column], title: str) -> bytes:
    """The rows as an xlsx workbook of one sheet named ``title``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Sheet"
    sheet.append([c.header for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(c.header) for c in columns]
    for row in rows:
        values = [_typed(c, row) for c in columns]
        sheet.append(values)
        for index, value in enumerate(values):
            widths[index] = max(widths[index], len(str(value)))
    for index, cells in enumerate(sheet.iter_cols(min_row=2), start=0):
        for cell in cells:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
        letter = sheet.cell(row=1, column=index + 1).column_letter
        sheet.column_dimensions[letter].width = min(widths[index] + 2, _WIDEST)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_xlsx(rows: Sequence[Row], columns: Sequence[Column], title: str) -> None:
    """The workbook on standard output, which must not be a terminal."""
    from vvgctl.errors import UsageError
    from vvgctl.runtime.i18n import N_

    if sys.stdout.isatty():
        raise UsageError(
            N_("an xlsx workbook is binary: send it to a file"),
            hint=N_("add > file.xlsx to the command"),
        )
    data = workbook(rows, columns, title)
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # pragma: no cover - a text-only stream
        raise UsageError(
            N_("an xlsx workbook is binary: send it to a file"),
            hint=N_("add > file.xlsx to the command"),
        )
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()
