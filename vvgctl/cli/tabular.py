"""Rows out in five formats: a rich table on a terminal (plain, stable lines when piped), JSON,
CSV, Markdown and an Excel workbook (CSV and xlsx in :mod:`vvgctl.cli.spreadsheet`). Shared by
the query commands (decisions, cases, actions, documents, search) and summary.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from vvgctl.cli.formats import TableFormat
from vvgctl.cli.output import visible
from vvgctl.runtime.i18n import _ as tr
from vvgctl.runtime.inert import markdown

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # Swedish, for people
    value: Callable[[Row], str] | None = None
    wrap: bool = False

    def text(self, row: Row) -> str:
        """The cell as text, control characters written out (see :func:`output.visible`)."""
        if self.value is not None:
            return visible(self.value(row))
        value = row.get(self.key)
        return "" if value is None else visible(str(value))


def where(row: Row) -> str:
    return f"{row['file']}:{row['line']}"


def _spread(columns: Sequence[Column]) -> list[Column]:
    """The columns of a spreadsheet: a place (``file:line``) as its file and its line."""
    return [
        part
        for c in columns
        for part in (
            (Column("file", tr("File")), Column("line", tr("Line"))) if c.key == "where" else (c,)
        )
    ]


def _md_cell(text: str) -> str:
    """A cell of a Markdown table a forge shows: one line, markup, HTML and ``|`` escaped,
    mentions broken (:func:`vvgctl.runtime.inert.markdown`)."""
    return markdown(text)


def _markdown(rows: Sequence[Row], columns: Sequence[Column]) -> None:
    out = [
        "| " + " | ".join(c.header for c in columns) + " |",
        "|" + "|".join("---" for _ in columns) + "|",
    ]
    out += ["| " + " | ".join(_md_cell(c.text(row)) for c in columns) + " |" for row in rows]
    sys.stdout.write("\n".join(out) + "\n")


def _rich(rows: Sequence[Row], columns: Sequence[Column], title: str | None) -> None:
    from rich.table import Table
    from rich.text import Text

    from vvgctl.cli import output

    def cell(value: str) -> Text:
        text = Text(value)  # never parsed as markup: minutes may hold [brackets]
        text.highlight_regex(r"«[^»]*»", "bold")
        return text

    table = Table(title=title, show_lines=True)
    for column in columns:
        table.add_column(
            column.header,
            overflow="fold",
            ratio=3 if column.wrap else None,
            no_wrap=not column.wrap,
        )
    for row in rows:
        table.add_row(*(cell(column.text(row)) for column in columns))
    output.stdout().print(table)


def print_rows_json(rows: Sequence[Row]) -> None:
    """A JSON list with one object per line: fast (the C encoder) and easy to diff or grep."""
    import json

    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str).encode
    print_json_lines([encode(row) for row in rows])


def print_json_lines(objects: Sequence[str]) -> None:
    """Encoded JSON objects as one list, an object a line (the form of every ``--format json``
    of the query commands)."""
    sys.stdout.write("[\n  " + ",\n  ".join(objects) + "\n]\n" if objects else "[]\n")


def print_json_utf8(objects: Sequence[bytes]) -> None:
    """:func:`print_json_lines` of objects already encoded in UTF-8 (as SQLite holds them),
    the same bytes: handed to stdout's byte stream in one write, as the text layer hands on
    a long text (a reader that goes away meets the same write), when stdout writes UTF-8, so
    that 12 MB of JSON is neither decoded nor encoded again."""
    import codecs

    out = getattr(sys.stdout, "buffer", None)
    encoding = getattr(sys.stdout, "encoding", None)
    if out is None or not encoding or codecs.lookup(encoding).name != "utf-8":
        print_json_lines([o.decode("utf-8") for o in objects])
        return
    sys.stdout.flush()  # whatever went through the text layer before goes first
    out.write(b"[\n  " + b",\n  ".join(objects) + b"\n]\n" if objects else b"[]\n")


def emit(
    rows: Sequence[Row],
    columns: Sequence[Column],
    fmt: TableFormat,
    *,
    plain: Callable[[Row], str],
    title: str | None = None,
    json_rows: Sequence[Row] | None = None,
    empty: str | None = None,
) -> None:
    """Print ``rows``: ``plain`` gives the line of one row when a table goes to a pipe."""
    from vvgctl.cli import output

    if fmt is TableFormat.json:
        print_rows_json(json_rows if json_rows is not None else rows)
    elif fmt is TableFormat.csv:
        from vvgctl.cli.spreadsheet import write_csv

        write_csv(rows, _spread(columns))
    elif fmt is TableFormat.xlsx:
        from vvgctl.cli.spreadsheet import write_xlsx

        write_xlsx(rows, _spread(columns), title or "vvgctl")
    elif fmt is TableFormat.md:
        _markdown(rows, columns)
    elif not rows:
        output.stderr().print(empty or tr("No hits."), markup=False)
    elif output.is_tty():
        _rich(rows, columns, title)
    else:
        # a row is one line, and no line a CI runner's workflow command
        sys.stdout.write("".join(output.inert(output.one_line(plain(row))) + "\n" for row in rows))
