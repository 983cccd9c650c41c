"""The layout of a PDF's page from the boxes of its text (see :mod:`vvgctl.importer.pdf`):
rows, columns and tables, paragraphs, headings and bullets, hyphens at line ends."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_BULLETS = "•◦▪‣∙·–"
_CONJUNCTIONS = {"och", "eller", "samt", "respektive", "resp", "till", "som", "and", "or"}
_UPPER = re.compile(r"^[A-ZÅÄÖÉÜ]")


@dataclass
class Run:
    """A piece of a line as PDFium gives it: text with its box and font."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    space: float = 3.0  # the width of a space in this font, for the wrap test
    first_word: float = 0.0  # the width of the first word
    first_bottom: float = 0.0  # the baseline of its first line (PDFium joins hyphenated lines)

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass
class Page:
    runs: list[Run] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0


Row = list[Run]


def _rows(runs: list[Run]) -> list[Row]:
    """Runs on the same line (their vertical middles within half a line), top to bottom."""
    rows: list[Row] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.x0)):
        middle = (run.top + run.bottom) / 2
        if rows:
            last = rows[-1]
            lm = (last[0].top + last[0].bottom) / 2
            if abs(lm - middle) < max(run.height, last[0].height) * 0.5:
                last.append(run)
                last.sort(key=lambda r: r.x0)
                continue
        rows.append([run])
    return rows


def _column_starts(rows: list[Row], left: float) -> list[float]:
    """The x where a second, third, … column starts: a left edge shared by several runs that
    do not start a row's text, or a cell of a row of three or more (a table's head)."""
    starts: Counter[int] = Counter()
    for row in rows:
        for run in row:
            if run.x0 > left + 40:
                starts[round(run.x0 / 4)] += 2 if len(row) >= 3 else 1
    found: list[float] = []
    for x in sorted(k * 4.0 for k, n in starts.items() if n >= 2):
        if not found or x > found[-1] + 30:  # an indent inside a column is no column
            found.append(x)
    return found


def _spans(run: Run, starts: list[float]) -> bool:
    return any(run.x0 < x - 4 and run.x1 > x + 4 for x in starts)


def layout(page: Page, body: float, sizes: list[float], vocabulary: set[str]) -> list[str]:
    """The lines of one page: full-width text as paragraphs, column regions read down or
    as table rows."""
    rows = _rows(page.runs)
    if not rows:
        return []
    left = min(r.x0 for r in page.runs)
    right = max(r.x1 for r in page.runs)
    starts = _column_starts(rows, left)
    out: list[str] = []
    region: list[Row] = []
    flow: list[Row] = []

    def close() -> None:
        if region:
            out.extend(_region(region, starts, left, right, body, sizes, vocabulary))
            region.clear()
        if flow:
            out.extend(_paragraphs(flow, right, body, sizes, vocabulary))
            flow.clear()

    for row in rows:
        in_columns = bool(starts) and not any(_spans(run, starts) for run in row)
        if in_columns and not region and all(run.x0 < starts[0] - 4 for run in row):
            in_columns = False  # a line above the columns ("Kallade") belongs to the flow
        if (in_columns and flow) or (not in_columns and region):
            close()
        (region if in_columns else flow).append(row)
    close()
    return _merge_paragraphs(out)


def _region(
    rows: list[Row],
    starts: list[float],
    left: float,
    right: float,
    body: float,
    sizes: list[float],
    vocabulary: set[str],
) -> list[str]:
    edges = [left, *[x for x in starts if x > left + 4]]
    columns: list[list[Run]] = [[] for _ in edges]
    for row in rows:
        for run in row:
            index = max(i for i, x in enumerate(edges) if run.x0 >= x - 4)
            columns[index].append(run)
    used = [c for c in columns if c]
    if len(used) < 2:
        return _paragraphs(rows, right, body, sizes, vocabulary)
    rights = [(edges[i + 1] - 8 if i + 1 < len(edges) else right) for i in range(len(edges))]
    full = sum(
        1 for i, col in enumerate(columns) for r in col if r.x1 >= rights[i] - max(r.size * 2, 12)
    )
    narrowest = min(rights[i] - edges[i] for i, col in enumerate(columns) if col)
    if (
        full * 2 >= sum(len(c) for c in columns)
        and len(used) <= 3
        and narrowest >= (right - left) * 0.28
    ):  # prose set in columns: read each down
        out: list[str] = []
        for i, col in enumerate(columns):
            if col:
                out += _paragraphs([[r] for r in col], rights[i], body, sizes, vocabulary)
                out.append("")
        return out
    # a roster or a table: each column's lines (wraps joined) side by side as rows
    cells: list[list[tuple[float, str]]] = []
    for i, col in enumerate(columns):
        cells.append(_cells(col, rights[i], body, sizes, vocabulary))
    return _table_rows(cells)


def _cells(
    runs: list[Run], right: float, body: float, sizes: list[float], vocabulary: set[str]
) -> list[tuple[float, str]]:
    """The lines of one column with wrapped lines joined, each with the top of its first."""
    out: list[tuple[float, str, Run]] = []
    for run in sorted(runs, key=lambda r: -r.top):
        if (
            out
            and _wraps(out[-1][2], run, right)
            and not (_UPPER.match(run.text) and "," in run.text and "," in out[-1][1])
        ):
            top, text, _ = out[-1]
            out[-1] = (top, join(text, _markup(run, body, sizes), vocabulary), run)
        else:
            out.append((run.top, _markup(run, body, sizes), run))
    return [(top, text) for top, text, _ in out]


def _table_rows(columns: list[list[tuple[float, str]]]) -> list[str]:
    """Rows of tab-separated cells, a column's lines in their order. Two columns (a roster:
    lists side by side, whose lines drift apart under their headings) pair their lines in
    turn; a table of more lines them up where they start at the same height (a cell of
    several lines gives several rows, as pandoc's tables are written)."""
    if len([c for c in columns if c]) == 2:
        pair = [c for c in columns if c]
        return [
            "",
            *(
                "\t".join(c[i][1] if i < len(c) else "" for c in pair).rstrip()
                for i in range(max(len(c) for c in pair))
            ),
            "",
        ]
    placed = sorted(
        ((top, index, text) for index, column in enumerate(columns) for top, text in column),
        key=lambda cell: (-cell[0], cell[1]),
    )
    rows: list[tuple[float, dict[int, str]]] = []
    for top, index, text in placed:
        if not rows or rows[-1][0] - top > 3 or index in rows[-1][1]:
            rows.append((top, {}))
        rows[-1][1][index] = text
    width = len(columns)
    lines = ["\t".join(cells.get(i, "") for i in range(width)).rstrip() for _, cells in rows]
    return ["", *lines, ""]


def _wraps(previous: Run, run: Run, right: float) -> bool:
    """Whether ``run`` continues the line of ``previous``: the next word would not have fitted
    at its end, the font is the same and the gap is no wider than a line's."""
    if previous.bold != run.bold or abs(previous.size - run.size) > 0.6:
        return False
    if run.text.startswith(tuple(_BULLETS)) or re.match(r"^(?:\d{1,3}[.)]|[a-z][.)])\s", run.text):
        return False
    if _pitch(previous, run) > _PARAGRAPH:
        return False
    return previous.x1 + previous.space + run.first_word > right - 2


def _markup(run: Run, body: float, sizes: list[float]) -> str:
    text = run.text
    if text[:1] in _BULLETS and text[1:2] == " ":
        return "- " + text[2:].lstrip()
    rounded = round(run.size * 2) / 2
    if rounded in sizes:
        return "#" * (sizes.index(rounded) + 1) + " " + text
    if run.bold:
        return f"**{text}**"
    return text


def join(before: str, after: str, vocabulary: set[str]) -> str:
    """Two lines of one paragraph joined: at a hyphen, hyphenation joined and real hyphens
    kept (see the module's docstring)."""
    after = after.strip()
    bold = before.endswith("**") and after.startswith("**") and not after.startswith("***")
    if bold:
        before, after = before[:-2], after[2:]
    if after.startswith(("#", "- ")):
        after = after.lstrip("#").lstrip() if after.startswith("#") else after
    heading = re.match(r"^#+ ", after)
    if heading:
        after = after[heading.end() :]
    stem = re.search(r"([^\W_]+)-$", before)
    if stem is None:
        return before.rstrip() + " " + after
    first = re.match(r"[^\W_]+", after)
    word = first.group(0) if first else ""
    if not word or word.casefold() in _CONJUNCTIONS:
        return before + " " + after
    if (
        _UPPER.match(word)
        or not stem.group(1)[-1:].islower()
        or f"{stem.group(1)}-{word}".casefold() in vocabulary
    ):
        return before + after
    return before[:-1] + after


def _paragraphs(
    rows: list[Row], right: float, body: float, sizes: list[float], vocabulary: set[str]
) -> list[str]:
    """Rows of one column as lines: wrapped lines joined, a blank line where a paragraph
    ends; a row of several runs is a row of cells."""
    out: list[str] = []
    previous: Run | None = None
    singles = [row[0] for row in rows if len(row) == 1]
    for row in rows:
        if len(row) > 1:
            out += ["\t".join(_markup(r, body, sizes) for r in row)]
            previous = None
            continue
        run = row[0]
        text = _markup(run, body, sizes)
        heading = re.match(r"^#+ ", text)
        if (
            heading
            and previous is not None
            and out
            and out[-1].startswith(heading.group(0))
            and previous.size == run.size
            and _pitch(previous, run) <= _PARAGRAPH
        ):
            out[-1] += " " + text[heading.end() :]
        elif (
            previous is not None
            and out
            and out[-1]
            and _wraps(previous, run, _edge(previous, singles, right))
            and not text.startswith("#")
        ):
            out[-1] = join(out[-1], text, vocabulary)
        else:
            if previous is not None and (
                _pitch(previous, run) > _PARAGRAPH
                or text.startswith("#")
                or out[-1].startswith("#")
            ):
                out.append("")
            out.append(text)
        previous = run
    return out


#: the distance from a line's baseline to the next one's, in font sizes, past which a
#: paragraph ends (lines of one paragraph are ~1.2-1.3 apart, paragraphs ~1.6 and more)
_PARAGRAPH = 1.42


def _pitch(previous: Run, run: Run) -> float:
    return (previous.bottom - run.first_bottom) / max(previous.size, run.size, 1.0)


def _edge(run: Run, runs: list[Run], right: float) -> float:
    """The right edge of the text ``run`` stands in: the page's, or a box's inside it (a
    framed position) when the lines starting where it starts all end short of the page's."""
    local = max(r.x1 for r in runs if abs(r.x0 - run.x0) <= 3)
    left = min(r.x0 for r in runs)
    return local if local >= left + (right - left) * 0.85 else right


def _merge_paragraphs(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line.startswith("#") and out and out[-1]:
            out.append("")
        out.append(line)
        if line.startswith("#"):
            out.append("")
    return out


def continues_page(before: str, after: str) -> bool:
    """A paragraph that runs on over a page break: no sentence end, a lower-case start."""
    return (
        bool(before)
        and bool(after)
        and not before.startswith("#")
        and "\t" not in before + after
        and before.rstrip()[-1:] not in '.:!?;)”"*'
        and bool(re.match(r"^[a-zåäöéü]", after))
    )
