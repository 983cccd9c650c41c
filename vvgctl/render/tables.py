"""A table of the minutes (the årshjul) as a pandoc grid table, whose cells hold lists.

Pipe tables cannot hold a list of topics in a cell; grid tables can. Every cell text is
escaped first (:mod:`vvgctl.render.escape`) and wrapped on spaces, never inside an escape.
"""

from __future__ import annotations

import textwrap

from vvgctl.models.item import Table
from vvgctl.render import escape

MIN_WIDTH = 10
MAX_WIDTH = 26
CORNER_LABEL = "Område"


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def _cell_lines(topics: list[str], width: int) -> list[str]:
    lines: list[str] = []
    for topic in topics:
        wrapped = _wrap(escape.inline(topic), width - 2)
        lines.append(f"- {wrapped[0]}")
        lines += [f"  {rest}" for rest in wrapped[1:]]
    return lines


def _width(texts: list[str]) -> int:
    """The content width of a column (the bullet's two characters included)."""
    words = [w for text in texts for w in escape.inline(text).split()]
    longest_word = max((len(w) for w in words), default=0) + 2
    natural = max((len(escape.inline(t)) + 2 for t in texts), default=0)
    return max(MIN_WIDTH, longest_word, min(natural, MAX_WIDTH))


def grid_table(table: Table) -> str:
    """``table`` as pandoc grid-table Markdown: a header row, one row per label."""
    headers = [CORNER_LABEL, *table.columns]
    columns: list[list[str]] = [[CORNER_LABEL] + [row.label for row in table.rows]]
    for index, title in enumerate(table.columns):
        columns.append([title] + [t for row in table.rows for t in row.cells[index]])
    inner = [_width(texts) for texts in columns]
    # the meetings' columns share one width, so that the year reads evenly
    if len(inner) > 1:
        inner[1:] = [max(inner[1:])] * (len(inner) - 1)

    def rule(char: str) -> str:
        return "+" + "+".join(char * (w + 2) for w in inner) + "+"

    def row_lines(cells: list[list[str]]) -> list[str]:
        height = max(len(c) for c in cells)
        out = []
        for i in range(height):
            parts = [
                (c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, inner, strict=True)
            ]
            out.append("| " + " | ".join(parts) + " |")
        return out

    lines = [rule("-")]
    lines += row_lines([_wrap(escape.inline(h), w) for h, w in zip(headers, inner, strict=True)])
    lines.append(rule("="))
    for row in table.rows:
        cells = [_wrap(escape.inline(row.label), inner[0])]
        cells += [_cell_lines(topics, w) for topics, w in zip(row.cells, inner[1:], strict=True)]
        lines += row_lines(cells)
        lines.append(rule("-"))
    return "\n".join(lines)
