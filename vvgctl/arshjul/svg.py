"""The årshjul as a wheel: an SVG for an A4 landscape page.

The year is a ring of twelve months (January at the top, clockwise); each meeting is a numbered
marker at its day (a dashed marker in the middle of its month while the date is not fixed). The
topics of each meeting stand in a box beside the wheel, joined to its marker by a line: the
first half of the year to the right, the second to the left, each topic with its category's
colour. The text is real ``<text>`` (searchable, read aloud), the image has a ``<title>`` and a
``<desc>`` that say everything the picture shows, and the font sizes are 9 pt and up on A4 (the
boxes shrink to 7.5 pt before anything is left out).
"""

from __future__ import annotations

import calendar
import itertools
import math
import textwrap
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from vvgctl.arshjul.model import Arshjul, Column
from vvgctl.arshjul.text import column_heading, topic_text
from vvgctl.swedish.dates import month_abbreviation, month_year

WIDTH, HEIGHT = 1123, 794  # A4 landscape at 96 units per inch: 297 x 210 mm
CX, CY, R_OUT, R_IN = 561.5, 330, 175, 128
TOP, BOTTOM = 92, 780
BOX_WIDTH = 345
LEFT_X, RIGHT_X = 14, WIDTH - 14 - BOX_WIDTH
FONT = "Arial, Helvetica, 'Liberation Sans', sans-serif"
INK, MUTED, RING, RING_OFF = "#1a1a1a", "#4d4d4d", "#dce6f2", "#f2f2f2"


def _angle(column: Column) -> float:
    """Degrees clockwise from the top: the day in its month, or the middle of the month."""
    days = calendar.monthrange(column.year, column.month)[1]
    day = column.date.day - 0.5 if column.date else days / 2
    return (column.month - 1 + day / days) * 30


def _point(angle: float, radius: float) -> tuple[float, float]:
    rad = math.radians(angle - 90)
    return CX + radius * math.cos(rad), CY + radius * math.sin(rad)


@dataclass
class _Box:
    number: int
    column: Column
    angle: float
    lines: list[tuple[str | None, str]] = field(default_factory=list)  # (colour, text)
    y: float = 0
    height: float = 0


def _wrap(text: str, size: float) -> list[str]:
    width = max(20, int((BOX_WIDTH - 26) / (size * 0.49)))
    return textwrap.wrap(text, width, break_long_words=True) or [""]


def _fill(box: _Box, arshjul: Arshjul, size: float) -> None:
    box.lines = []
    for row in arshjul.rows:
        for topic in arshjul.cell(box.column, row.id):
            for i, part in enumerate(_wrap(topic_text(topic), size)):
                box.lines.append((row.colour if i == 0 else "", part))
    if not box.lines:
        box.lines.append((None, "Inga planerade ämnen"))
    box.height = size * 1.5 + len(box.lines) * size * 1.28 + 10


def _place(boxes: list[_Box]) -> None:
    """Near its marker's height, without overlaps, inside the page."""
    gap = 10.0
    for box in boxes:
        marker_y = _point(box.angle, R_OUT)[1]
        box.y = min(max(marker_y - box.height / 2, TOP), BOTTOM - box.height)
    for prev, box in itertools.pairwise(boxes):
        box.y = max(box.y, prev.y + prev.height + gap)
    overflow = boxes[-1].y + boxes[-1].height - BOTTOM if boxes else 0
    if overflow > 0:
        for box in reversed(boxes):
            box.y -= overflow
            index = boxes.index(box)
            if index == 0:
                break
            prev = boxes[index - 1]
            overflow = prev.y + prev.height + gap - box.y
            if overflow <= 0:
                break


def _layout(arshjul: Arshjul) -> tuple[list[_Box], list[_Box], float]:
    boxes = [_Box(i + 1, c, _angle(c)) for i, c in enumerate(arshjul.columns)]
    right = sorted((b for b in boxes if b.angle < 180), key=lambda b: b.angle)
    left = sorted((b for b in boxes if b.angle >= 180), key=lambda b: -b.angle)
    size = 12.5
    while True:
        for box in boxes:
            _fill(box, arshjul, size)
        needed = max((sum(b.height + 10 for b in side) for side in (left, right)), default=0)
        if needed <= BOTTOM - TOP or size <= 10:
            break
        size -= 0.5
    for side in (left, right):
        while sum(b.height + 10 for b in side) > BOTTOM - TOP:  # still too much: shorten
            longest = max(side, key=lambda b: len(b.lines))
            if len(longest.lines) <= 2:
                break
            cut = longest.lines[:-2]
            longest.lines = [*cut, (None, "… fler ämnen i tabellen (--format md)")]
            longest.height -= size * 1.28
        _place(side)
    return left, right, size


def _text(
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    weight: str = "normal",
    anchor: str = "start",
    fill: str = INK,
    style: str = "normal",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" font-weight="{weight}" '
        f'text-anchor="{anchor}" fill="{fill}" font-style="{style}">{escape(text)}</text>'
    )


def _description(arshjul: Arshjul) -> str:
    parts = [
        f"{arshjul.title}, {arshjul.organ_name}. Årets månader som ett hjul med "
        f"{len(arshjul.columns)} möten markerade."
    ]
    for i, column in enumerate(arshjul.columns, 1):
        topics = []
        for row in arshjul.rows:
            topics += [f"{row.name}: {topic_text(t)}" for t in arshjul.cell(column, row.id)]
        parts.append(
            f"Möte {i}, {column_heading(column)}: "
            + ("; ".join(topics) if topics else "inga planerade ämnen")
            + "."
        )
    return " ".join(parts)


def _months_in(first: tuple[int, int], last: tuple[int, int]) -> set[int]:
    """The months (1–12) the period from ``first`` to ``last`` (year, month) covers."""
    months_in = set()
    y, m = first
    while (y, m) <= last:
        months_in.add(m)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months_in


def _ring(months_in: set[int]) -> list[str]:
    """The ring of twelve months, those outside the period greyed."""
    out = []
    for month in range(1, 13):
        a0, a1 = (month - 1) * 30, month * 30
        p0, p1 = _point(a0, R_OUT), _point(a1, R_OUT)
        q1, q0 = _point(a1, R_IN), _point(a0, R_IN)
        colour = RING if month in months_in else RING_OFF
        out.append(
            f'<path d="M{p0[0]:.1f},{p0[1]:.1f} A{R_OUT},{R_OUT} 0 0 1 {p1[0]:.1f},{p1[1]:.1f} '
            f'L{q1[0]:.1f},{q1[1]:.1f} A{R_IN},{R_IN} 0 0 0 {q0[0]:.1f},{q0[1]:.1f} Z" '
            f'fill="{colour}" stroke="#ffffff" stroke-width="2"/>'
        )
        lx, ly = _point(a0 + 15, (R_OUT + R_IN) / 2)
        out.append(
            _text(
                lx,
                ly + 4.5,
                month_abbreviation(month),
                13,
                anchor="middle",
                fill=INK if month in months_in else MUTED,
            )
        )
    return out


def _legend(arshjul: Arshjul) -> list[str]:
    """The categories' colours under the wheel, and the note on dashed marks."""
    legend_y = CY + R_OUT + 48
    out = [_text(CX, legend_y, "Kategorier", 14, weight="bold", anchor="middle")]
    for i, row in enumerate(arshjul.rows):
        ry = legend_y + 12 + i * 21
        out.append(
            f'<rect x="{CX - 110}" y="{ry:.1f}" width="14" height="14" rx="2" fill="{row.colour}"/>'
        )
        out.append(_text(CX - 88, ry + 12, row.name, 13))
    note_y = legend_y + 12 + len(arshjul.rows) * 21 + 16
    out.append(
        _text(
            CX,
            min(note_y, HEIGHT - 10),
            "Streckad markering: datum ej fastställt",
            11,
            anchor="middle",
            fill=MUTED,
        )
    )
    return out


def to_svg(arshjul: Arshjul) -> str:
    """The årshjul as an accessible SVG document."""
    left, right, size = _layout(arshjul)
    first, last = arshjul.start, arshjul.end
    period = f"{month_year(*first)} – {month_year(*last)}"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="297mm" height="210mm" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="arshjul-title '
        f'arshjul-desc" lang="sv" xml:lang="sv" font-family={quoteattr(FONT)}>',
        f'<title id="arshjul-title">{escape(arshjul.title)} – {escape(arshjul.organ_name)}</title>',
        f'<desc id="arshjul-desc">{escape(_description(arshjul))}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        _text(CX, 42, arshjul.title, 26, weight="bold", anchor="middle"),
        _text(CX, 68, f"{arshjul.organ_name} · {period}", 15, anchor="middle", fill=MUTED),
    ]
    out += _ring(_months_in(first, last))
    years = sorted({first[0], last[0]})
    out.append(_text(CX, CY - 4, "Årshjul", 15, anchor="middle", fill=MUTED))
    out.append(
        _text(CX, CY + 20, " / ".join(str(y) for y in years), 20, weight="bold", anchor="middle")
    )
    for side, x in ((left, LEFT_X), (right, RIGHT_X)):
        for box in side:
            out += _box(box, x, size, side is left)
    out += _legend(arshjul)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _box(box: _Box, x: float, size: float, on_left: bool) -> list[str]:
    out = []
    mx, my = _point(box.angle, R_OUT + 14)
    edge_x = x + BOX_WIDTH if on_left else x
    head_y = box.y + size * 1.2 + 4
    out.append(
        f'<line x1="{mx:.1f}" y1="{my:.1f}" x2="{edge_x:.1f}" y2="{head_y - 5:.1f}" '
        f'stroke="{MUTED}" stroke-width="1"/>'
    )
    dashed = ' stroke-dasharray="3 2"' if box.column.tentative else ""
    out.append(
        f'<circle cx="{mx:.1f}" cy="{my:.1f}" r="11" fill="#ffffff" stroke="{INK}" '
        f'stroke-width="1.6"{dashed}/>'
    )
    out.append(_text(mx, my + 4.5, str(box.number), 12, weight="bold", anchor="middle"))
    out.append(
        f'<rect x="{x:.1f}" y="{box.y:.1f}" width="{BOX_WIDTH}" height="{box.height:.1f}" '
        f'rx="6" fill="#ffffff" stroke="#8c8c8c" stroke-width="1"{dashed}/>'
    )
    out.append(
        _text(
            x + 10,
            head_y,
            f"{box.number} · {column_heading(box.column)}",
            size + 1.5,
            weight="bold",
        )
    )
    ly = head_y + size * 1.35
    for colour, line in box.lines:
        if colour:
            side = size * 0.75
            out.append(
                f'<rect x="{x + 10:.1f}" y="{ly - size * 0.8:.1f}" width="{side:.1f}" '
                f'height="{side:.1f}" rx="1.5" fill="{colour}"/>'
            )
        out.append(
            _text(
                x + 10 + size * 1.2,
                ly,
                line,
                size,
                fill=INK if colour is not None else MUTED,
                style="normal" if colour is not None else "italic",
            )
        )
        ly += size * 1.28
    return out
