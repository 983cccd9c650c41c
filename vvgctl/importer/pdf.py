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
  real hyphen: the next line starts with a capital ("EU-/Kommissionen"), the part before is an
  abbreviation or a number ("EU-/möte"), the next word is a conjunction ("hälso- och"), or
  the document writes the word with the hyphen elsewhere ("forms-enkät");
- **markup** as pandoc's tree is written: headings (a font larger than the body's) as '#',
  '##', … by size, a bold line as ``**…**``, bullets as '- '.

Bounded work: at most :data:`MAX_PAGES` pages (the file's size is bounded as a .docx's).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from statistics import median

from vvgctl.errors import UsageError, VvgError
from vvgctl.importer.pdflayout import Page, Run, continues_page, join, layout
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

#: the pages import reads from one PDF: the minutes of one meeting are 5-15 pages
MAX_PAGES = 200

_PAGE_NUMBER = re.compile(
    r"^(?:-\s*)?(?:sida|page|s\.)?\s*\d{1,3}(?:\s*(?:av|/|of)\s*\d{1,3})?"
    r"(?:\s*-)?$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
#: PDFium's mark for a hyphen at a line end, where it has joined the two lines itself
_SOFT_HYPHEN = re.compile(r"(\S*)\ufffe\s*(\S*)")


def pdf_text(path: Path) -> tuple[str, list[Message | str]]:
    """The text of the PDF at ``path`` and notes on how it was read."""
    pages = read_pages(path)
    if not any(page.runs for page in pages):
        raise UsageError(
            Message(
                N_("cannot import {path}: the PDF has no text (a scanned image?)"), {"path": path}
            ),
            hint=N_("run text recognition (OCR) on it first, or import the original document"),
        )
    furniture = remove_furniture(pages)
    body = body_size(pages)
    sizes = heading_sizes(pages, body)
    vocabulary = hyphenated_words(pages)
    for page in pages:
        for run in page.runs:
            run.text = _SOFT_HYPHEN.sub(
                lambda m: join(m.group(1) + "-", m.group(2), vocabulary), run.text
            )
    lines: list[str] = []
    for page in pages:
        page_lines = layout(page, body, sizes, vocabulary)
        if lines and page_lines and continues_page(lines[-1], page_lines[0]):
            lines[-1] = join(lines[-1], page_lines[0], vocabulary)
            page_lines = page_lines[1:]
        if lines and lines[-1]:
            lines.append("")
        lines += page_lines
    notes: list[Message | str] = []
    if furniture:
        shown = "; ".join(repr(text) for text in furniture[:4])
        notes.append(
            Message(
                N_("page headers, footers and page numbers of the PDF were left out: {texts}"),
                {"texts": shown},
            )
        )
    text = "\n".join(lines).strip("\n") + "\n"
    return re.sub(r"\n{3,}", "\n\n", text), notes


def read_pages(path: Path) -> list[Page]:
    """The pages of the PDF with their runs (at most :data:`MAX_PAGES`)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise VvgError(
            Message(N_("cannot read the PDF {path}: {reason}"), {"path": path, "reason": str(exc)}),
            hint=N_("is it a PDF that is not password protected? Open it and export it again"),
        ) from None
    try:
        if len(document) > MAX_PAGES:
            raise UsageError(
                Message(
                    N_("cannot import {path}: it has {pages} pages; import reads at most {limit}"),
                    {"path": path, "pages": len(document), "limit": MAX_PAGES},
                ),
                hint=N_("is it the minutes of one meeting? Save that meeting alone"),
            )
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


def _runs(pieces: list[tuple[str, tuple[float, float, float, float], float, bool]]) -> list[Run]:
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
        first = next((p[1][2] for p in reversed(inked[: _first_word_end(chunk)])), boxes[0][2])
        out.append(
            Run(
                text,
                min(b[0] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
                min(b[1] for b in boxes),
                median(sizes),
                sum(p[3] for p in inked) * 2 > len(inked),
                space=median(sizes) * 0.28,
                first_word=first - boxes[0][0],
                first_bottom=boxes[0][1],
            )
        )
    return out


def _first_word_end(chunk: list[tuple[str, tuple[float, float, float, float], float, bool]]) -> int:
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
        gone = [
            r
            for r in top + bottom
            if (len(pages) > 1 and counts[_key(r)] >= many) or _PAGE_NUMBER.match(r.text.strip())
        ]
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
    found = {
        round(r.size * 2) / 2
        for page in pages
        for r in page.runs
        if r.size > body * 1.08 and len(r.text) < 150
    }
    return sorted(found, reverse=True)[:6]


def hyphenated_words(pages: list[Page]) -> set[str]:
    """Words the document writes with a hyphen inside a line ("forms-enkät")."""
    found: set[str] = set()
    for page in pages:
        for run in page.runs:
            found.update(
                m.group(0).casefold() for m in re.finditer(r"[^\W\d_]+-[^\W\d_]+", run.text)
            )
            found.update(w.casefold() for w in _WORD.findall(run.text.replace("-", " ")))
    return found
