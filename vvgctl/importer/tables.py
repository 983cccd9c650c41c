"""A table kept as data (the årshjul): columns from the first row, a label per row.

Text exported from a PDF flattens the row label into every cell ('Uppföljning Länsgemensam
riktlinje …'); the label is then the words all cells of the row begin with.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from vvgctl.importer.people import strip_markup
from vvgctl.importer.text import Line
from vvgctl.models.item import Table


def _common_prefix(cells: list[str]) -> str:
    filled = [c.split() for c in cells if c]
    if not filled:
        return ""
    prefix: list[str] = []
    for words in zip(*filled, strict=False):
        if len(set(words)) != 1:
            break
        prefix.append(words[0])
    return " ".join(prefix)


def table_from(block: list[Line], title: str | None) -> dict[str, Any] | None:
    """The table in ``block`` (tab-separated rows), or None if it is not a table."""
    if len(block) < 2:
        return None
    rows = [[strip_markup(c) for c in line.text.split("\t")] for line in block]
    header = rows[0]
    while header and not header[-1]:
        header = header[:-1]
    label_column = bool(header) and not header[0]
    columns = header[1:] if label_column else header
    if len(columns) < 2 or not all(columns):
        return None
    table_rows: list[dict[str, Any]] = []
    for row in rows[1:]:
        if label_column:
            label, cells = row[0], row[1:]
        else:
            cells = row
            label = ""
        if any(cells[len(columns) :]):
            return None
        cells = (cells + [""] * len(columns))[: len(columns)]
        if not label_column:
            label = _common_prefix(cells)
            cells = [c[len(label) :].strip() if c.startswith(label) else c for c in cells]
        table_rows.append({"label": label, "cells": [[c] if c else [] for c in cells]})
    table: dict[str, Any] = {"columns": columns, "rows": table_rows}
    if title:
        table = {"title": strip_markup(title.strip().lstrip("-*• ")), **table}
    try:
        Table.model_validate(table)
    except ValidationError:
        return None
    return table
