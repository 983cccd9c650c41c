"""Read a PDF as the line-oriented text the other readers give (see :mod:`convert`).

The characters and their boxes come from PDFium (the ``pypdfium2`` wheel: no system package).
Of the libraries compared (``benchmarks/pdf_readers.py``), it keeps the reading order of both
layouts tried and is 25-50 times faster than pdfminer.six and pdfplumber; the layout below is
worked out here from the positions:

- **page furniture**: a line that recurs (digits aside) at the top or bottom of most pages,
  and a page number at a page's edge, are taken out; the notes name them;
- **columns and tables**: where the text stands in two or more columns side by side, a column
  of prose (most lines run to its right edge) is read down, left column first; anything else
  (a roster, a table) becomes rows of tab-separated cells, a cell's wrapped lines joined;
- **paragraphs** from the lines: a line that runs to the right edge continues on the next,
  a larger gap or a change of font starts a new paragraph (a blank line), a short line ends
  its line;
- **hyphenation** at a line end is joined ("för-/valtning" -> "förvaltning") unless it is a
  real hyphen: the next line starts with a capital ("VVG-/Mötet"), the part before is an
  abbreviation or a number ("VVG-/möte"), the next word is a conjunction ("hälso- och"), or
  the document writes the word with the hyphen elsewhere ("forms-enkät");
- **markup** as pandoc's tree is written: headings (a font larger than the body's) as '#',
  '##', … by size, a bold line as ``**…**``, bullets as '- '.

Bounded work: at most :data:`MAX_PAGES` pages (the file's size is bounded as a .docx's).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from vvgctl.errors import UsageError, VvgError
from vvgctl.runtime.i18n import N_

#: the pages import reads from one PDF: the minutes of one meeting are 5-15 pages
MAX_PAGES = 200

_BULLETS = "•◦▪‣∙·–"
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:sida|page|s\.)?\s*\d{1,3}(?:\s*(?:av|/|of)\s*\d{1,3})?"
                          r"(?:\s*-)?$", re.IGNORECASE)
_CONJUNCTIONS = {"och", "eller", "samt", "respektive", "resp", "till", "som", "and", "or"}
_UPPER = re.compile(r"^[A-ZÅÄÖÉÜ]")
_WORD = re.compile(r"[^\W\d_]+")
#: PDFium's mark for a hyphen at a line end, where it has joined the two lines itself
_SOFT_HYPHEN = re.compile(r"(\S*)\ufffe\s*(\S*)")


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


def pdf_text(path: Path) -> tuple[str, list[str]]:
    """The text of the PDF at ``path`` and notes on how it was read."""
    pages = read_pages(path)
    if not any(page.runs for page in pages):
        raise UsageError(N_("cannot import {path}: the PDF has no text (a scanned image?)")
                         .format(path=path),
                         hint=N_("run text recognition (OCR) on it first, or import the "
                                 "original document"))
    furniture = remove_furniture(pages)
    body = body_size(pages)
    sizes = heading_sizes(pages, body)
    vocabulary = hyphenated_words(pages)
    for page in pages:
        for run in page.runs:
            run.text = _SOFT_HYPHEN.sub(lambda m: join(m.group(1) + "-", m.group(2),
                                                       vocabulary), run.text)
    lines: list[str] = []
    for page in pages:
        page_lines = layout(page, body, sizes, vocabulary)
        if lines and page_lines and _continues_page(lines[-1], page_lines[0]):
            lines[-1] = join(lines[-1], page_lines[0], vocabulary)
            page_lines = page_lines[1:]
        if lines and lines[-1]:
            lines.append("")
        lines += page_lines
    notes = []
    if furniture:
        shown = "; ".join(repr(text) for text in furniture[:4])
        notes.append(f"page headers, footers and page numbers of the PDF were left out: {shown}")
    text = "\n".join(lines).strip("\n") + "\n"
    return re.sub(r"\n{3,}", "\n\n", text), notes


def read_pages(path: Path) -> list[Page]:
    """The pages of the PDF with their runs (at most :data:`MAX_PAGES`)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise VvgError(N_("cannot read the PDF {path}: {reason}").format(path=path, reason=exc),
                       hint=N_("is it a PDF that is not password protected? Open it and "
                               "export it again"), path=str(path)) from None
    try:
        if len(document) > MAX_PAGES:
            raise UsageError(N_("cannot import {path}: it has {pages} pages; import reads at "
                                "most {limit}").format(path=path, pages=len(document),
                                                       limit=MAX_PAGES),
                             hint=N_("is it the minutes of one meeting? Save that meeting "
                                     "alone"))
        return [_page(document[index]) for index in range(len(document))]
    finally:
        document.close()


def _page(page: object) -> Page:
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()  # type: ignore[attr-defined]
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    result = Page(width=width, height=height)
    pieces: list[tuple[str, tuple[float, float, float, float], float, bool]] = []

    def flush() -> None:
        if pieces:
            result.runs += _runs(pieces)
            pieces.clear()

    for index in range(min(count, len(text))):
        char = text[index]
        if char in "\r\n":
            flush()
            continue
        x0, _, x1, _ = textpage.get_charbox(index)
        _, bottom, _, top = textpage.get_charbox(index, loose=True)
        box = (x0, bottom, x1, top)
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
        bold = pdfium_c.FPDFText_GetFontWeight(textpage.raw, index) >= 600
        pieces.append((char, box, size, bold))
    flush()
    textpage.close()
    return result


def _runs(pieces: list[tuple[str, tuple[float, float, float, float], float, bool]]
          ) -> list[Run]:
    """The runs of one PDFium line: split where a gap is wider than three spaces (the cells
    of a table row may share a line)."""
    out: list[Run] = []
    start = 0
    for index in range(1, len(pieces) + 1):
        if index < len(pieces):
            gap = pieces[index][1][0] - pieces[index - 1][1][2]
            limit = max(pieces[index][2], 4.0) * 1.5
            if pieces[index - 1][0] != " " and pieces[index][0] != " " and gap <= limit:
                continue
            if " " in (pieces[index][0], pieces[index - 1][0]) and gap <= limit * 2:
                continue
        chunk = pieces[start:index]
        start = index
        text = "".join(char for char, *_ in chunk).strip()
        if not text:
            continue
        inked = [p for p in chunk if p[0].strip()]
        boxes = [p[1] for p in inked]
        sizes = [p[2] for p in inked]
        first = next((p[1][2] for p in reversed(inked[:_first_word_end(chunk)])), boxes[0][2])
        out.append(Run(text, min(b[0] for b in boxes), max(b[2] for b in boxes),
                       max(b[3] for b in boxes), min(b[1] for b in boxes), median(sizes),
                       sum(p[3] for p in inked) * 2 > len(inked),
                       space=median(sizes) * 0.28, first_word=first - boxes[0][0],
                       first_bottom=boxes[0][1]))
    return out


def _first_word_end(chunk: list[tuple[str, tuple[float, float, float, float], float, bool]]
                    ) -> int:
    seen = False
    for index, piece in enumerate(chunk):
        if piece[0].strip():
            seen = True
        elif seen:
            return index
    return len(chunk)


def _key(run: Run) -> tuple[str, int]:
    """A run as it recurs on every page: its text, digits aside, and its height on the page."""
    return re.sub(r"\d+", "#", run.text.strip().casefold()), round(run.top / 6)


def remove_furniture(pages: list[Page]) -> list[str]:
    """Take page headers, footers and page numbers out of ``pages``; their texts."""
    edges: list[tuple[list[Run], list[Run]]] = []
    for page in pages:
        ordered = sorted(page.runs, key=lambda r: -r.top)
        top = [r for r in ordered[:4] if r.top > page.height * 0.85]
        bottom = [r for r in ordered[-4:] if r.bottom < page.height * 0.15]
        edges.append((top, bottom))
    counts: Counter[tuple[str, int]] = Counter()
    for top, bottom in edges:
        counts.update({_key(r) for r in top + bottom})
    many = max(2, (len(pages) + 1) // 2)
    removed: list[str] = []
    for page, (top, bottom) in zip(pages, edges, strict=True):
        gone = [r for r in top + bottom
                if (len(pages) > 1 and counts[_key(r)] >= many)
                or _PAGE_NUMBER.match(r.text.strip())]
        for run in gone:
            if run in page.runs:
                page.runs.remove(run)
                if run.text not in removed:
                    removed.append(run.text)
    return removed


def body_size(pages: list[Page]) -> float:
    """The font size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for run in page.runs:
            sizes[round(run.size * 2) / 2] += len(run.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def heading_sizes(pages: list[Page], body: float) -> list[float]:
    """The sizes larger than the body's that stand on their own lines, largest first."""
    found = {round(r.size * 2) / 2 for page in pages for r in page.runs
             if r.size > body * 1.08 and len(r.text) < 150}
    return sorted(found, reverse=True)[:6]


def hyphenated_words(pages: list[Page]) -> set[str]:
    """Words the document writes with a hyphen inside a line ("forms-enkät")."""
    found: set[str] = set()
    for page in pages:
        for run in page.runs:
            found.update(m.group(0).casefold() for m in
                         re.finditer(r"[^\W\d_]+-[^\W\d_]+", run.text))
            found.update(w.casefold() for w in _WORD.findall(run.text.replace("-", " ")))
    return found


# --- the layout of one page -----------------------------------------------------------------

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
    do not start a row's text."""
    starts: Counter[int] = Counter()
    for row in rows:
        for run in row:
            if run.x0 > left + 40:
                starts[round(run.x0 / 4)] += 1
    found: list[float] = []
    for x in sorted(k * 4.0 for k, n in starts.items() if n >= 3):
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


def _region(rows: list[Row], starts: list[float], left: float, right: float, body: float,
            sizes: list[float], vocabulary: set[str]) -> list[str]:
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
    full = sum(1 for i, col in enumerate(columns) for r in col
               if r.x1 >= rights[i] - max(r.size * 2, 12))
    if full * 2 >= sum(len(c) for c in columns):  # prose set in columns: read each down
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


def _cells(runs: list[Run], right: float, body: float, sizes: list[float],
           vocabulary: set[str]) -> list[tuple[float, str]]:
    """The lines of one column with wrapped lines joined, each with the top of its first."""
    out: list[tuple[float, str, Run]] = []
    for run in sorted(runs, key=lambda r: -r.top):
        if out and _wraps(out[-1][2], run, right) and not (
                _UPPER.match(run.text) and "," in run.text and "," in out[-1][1]):
            top, text, _ = out[-1]
            out[-1] = (top, join(text, _markup(run, body, sizes), vocabulary), run)
        else:
            out.append((run.top, _markup(run, body, sizes), run))
    return [(top, text) for top, text, _ in out]


def _table_rows(columns: list[list[tuple[float, str]]]) -> list[str]:
    """Rows of tab-separated cells: the columns' lines side by side by their order."""
    height = max(len(c) for c in columns)
    rows = []
    for index in range(height):
        cells = [c[index][1] if index < len(c) else "" for c in columns]
        rows.append("\t".join(cells).rstrip())
    return ["", *rows, ""]


def _wraps(previous: Run, run: Run, right: float) -> bool:
    """Whether ``run`` continues the line of ``previous``: the next word would not have fitted
    at its end, the font is the same and the gap is no wider than a line's."""
    if previous.bold != run.bold or abs(previous.size - run.size) > 0.6:
        return False
    if run.text.startswith(tuple(_BULLETS)) or re.match(r"^(?:\d{1,3}[.)]|[a-z][.)])\s",
                                                        run.text):
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
        after = after[heading.end():]
    stem = re.search(r"([^\W_]+)-$", before)
    if stem is None:
        return before.rstrip() + " " + after
    first = re.match(r"[^\W_]+", after)
    word = first.group(0) if first else ""
    if not word or word.casefold() in _CONJUNCTIONS:
        return before + " " + after
    if _UPPER.match(word) or not stem.group(1)[-1:].islower() \
            or f"{stem.group(1)}-{word}".casefold() in vocabulary:
        return before + after
    return before[:-1] + after


def _paragraphs(rows: list[Row], right: float, body: float, sizes: list[float],
                vocabulary: set[str]) -> list[str]:
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
        if heading and previous is not None and out and out[-1].startswith(heading.group(0)) \
                and previous.size == run.size and _pitch(previous, run) <= _PARAGRAPH:
            out[-1] += " " + text[heading.end():]
        elif previous is not None and out and out[-1] \
                and _wraps(previous, run, _edge(previous, singles, right)) \
                and not text.startswith("#"):
            out[-1] = join(out[-1], text, vocabulary)
        else:
            if previous is not None and (
                    _pitch(previous, run) > _PARAGRAPH
                    or text.startswith("#") or out[-1].startswith("#")):
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


def _continues_page(before: str, after: str) -> bool:
    """A paragraph that runs on over a page break: no sentence end, a lower-case start."""
    return bool(before) and bool(after) and not before.startswith("#") and \
        "\t" not in before + after and before.rstrip()[-1:] not in ".:!?;)”\"*" and \
        bool(re.match(r"^[a-zåäöéü]", after))
