"""Text as a PDF export leaves it: page furniture taken out of the flow, hard wraps joined.

A PDF's text comes with a page number and often a repeated header or footer at each page
break (a form feed, ``\\f``, where the export keeps it). Those lines are taken out of the text
the items are read from and kept, verbatim and with their line numbers, for the review
section. Lines broken at a fixed width (every full line ends where the next word would not
have fitted) are joined into their paragraphs again; a hyphen at such a break is joined as
:mod:`text` joins hyphenation. Documents that are not hard-wrapped are left as they are.
"""

from __future__ import annotations

import re

from vvgctl.importer import labels as L
from vvgctl.importer.text import Line, Vocabulary, join_line, normalise

_PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*)?(?:sida\s+)?(\d{1,3})(?:\s*(?:av|/)\s*\d{1,3}|"
    r"\s*\(\d{1,3}\))?(?:\s*-)?\s*$",
    re.IGNORECASE,
)
_BARE = re.compile(r"^\s*\d{1,3}\s*$")
#: a footer that ends in the page number: "Vårdsamverkan Västra Götaland | Sida 2 av 5"
_FOOTER = re.compile(r"^.{0,80}\bsida\s+\d{1,3}(?:\s*(?:av|/)\s*\d{1,3})?\s*$", re.IGNORECASE)
_NEAR = 3


def _page_numbers(raw: list[str], breaks: set[int]) -> set[int]:
    found: set[int] = set()
    bare: list[int] = []
    for index, line in enumerate(raw):
        if _FOOTER.match(line) and not _PAGE_NUMBER.match(line):
            found.add(index)
            continue
        if not _PAGE_NUMBER.match(line):
            continue
        if not _BARE.match(line) or any(abs(index - b) <= _NEAR for b in breaks):
            found.add(index)
        else:
            bare.append(index)
    values = [int(raw[i]) for i in bare]
    if len(bare) >= 2 and values == sorted(set(values)):
        found.update(bare)
    return found


def _headers(raw: list[str], breaks: set[int], numbers: set[int]) -> set[int]:
    """Lines repeated at page boundaries (next to a page number or a form feed) and nowhere
    else; the document's own header on its first page stays."""
    edges = breaks | numbers
    first_edge = min(edges) if edges else len(raw)
    places: dict[str, list[int]] = {}
    for index, line in enumerate(raw):
        if len(line.strip()) >= 6:
            places.setdefault(line.strip(), []).append(index)
    found: set[int] = set()
    for text, where in places.items():
        later = [i for i in where if i >= first_edge or i in breaks]
        if len(later) < 2 or L.KIND_LINE.match(text) or L.DIALOG.match(text):
            continue
        if all(i in breaks or _beside(raw, i, numbers) for i in later):
            found.update(later)
    return found


def _beside(raw: list[str], index: int, numbers: set[int]) -> bool:
    """Whether the nearest non-blank line above or below ``index`` is a page number."""
    for step in (-1, 1):
        k = index + step
        while 0 <= k < len(raw) and not raw[k].strip():
            k += step
        if k in numbers:
            return True
    return False


def split_furniture(text: str) -> tuple[list[str], list[Line]]:
    """The document's lines with page numbers and repeated page headers blanked out, and
    those lines (1-based line numbers) for the review."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    breaks = {i for i, line in enumerate(raw) if "\f" in line}
    raw = [line.replace("\f", "") for line in raw]
    numbers = _page_numbers(raw, breaks)
    gone = numbers | _headers(raw, breaks, numbers)
    if not breaks and len(numbers) < 2:
        gone = set()
    furniture = [Line(i + 1, raw[i].strip()) for i in sorted(gone)]
    return ["" if i in gone else line for i, line in enumerate(raw)], furniture


_STRUCTURE = re.compile(
    r"^\s*(?:[-•*]\s|\d{1,3}[.)]\s|[a-zA-Z][.)]\s|§|\(|punkt\s+\d)", re.IGNORECASE
)
_LABEL_START = re.compile(r"^\s*[\wåäöÅÄÖ/]+(?:\s+[\wåäöÅÄÖ/]+){0,3}\s*:(?:\s|$)")


_LABELS = (
    L.KIND_LINE,
    L.POSITION,
    L.POSITION_SENTENCE,
    L.PROPOSAL,
    L.PRESENTERS,
    L.ABSENT,
    L.REMOTE,
    L.NEW_MEMBERS,
    L.DIALOG,
    L.ACTION,
    L.QUESTION,
    L.SECRETARY,
)


def wrap_width(lines: list[Line]) -> int | None:
    """The width the text was hard-wrapped at, or None when it was not."""
    lengths = sorted(
        len(line.text.rstrip()) for line in lines if not line.blank and "\t" not in line.text
    )
    if len(lengths) < 40:
        return None
    high = lengths[int(len(lengths) * 0.9) - 1]
    if high > 120 or high < 40:
        return None
    width = max(n for n in lengths if n <= high * 1.1)
    full = sum(width - 15 <= n <= width for n in lengths)
    longer = sum(n > width * 1.5 for n in lengths)
    return width if full * 4 >= len(lengths) and longer * 10 < len(lengths) else None


def _wrapped(tail: str, following: str, width: int) -> bool:
    if "\t" in tail or "\t" in following or not following.strip():
        return False
    nxt = following.strip()
    indented = following.startswith((" ", "\t")) and bool(re.match(r"^\s*[-•*]\s|^\s", tail))
    if not indented and (
        _STRUCTURE.match(following)
        or _LABEL_START.match(following)
        or any(p.match(nxt) for p in _LABELS)
    ):
        return False
    first = nxt.split()[0]
    if tail.rstrip().endswith("-"):
        return len(tail.rstrip()) >= width - 15
    return len(tail.rstrip()) + 1 + len(first) > width - 2


def unwrap(lines: list[Line], vocabulary: Vocabulary) -> list[Line]:
    """Join the lines of hard-wrapped paragraphs; other documents come back unchanged."""
    width = wrap_width(lines)
    if width is None:
        return lines
    out: list[Line] = []
    tail = ""
    for line in lines:
        if (
            len(out) >= 2
            and out[-1].blank
            and re.match(r"^\s{2,}\S", line.text)
            and re.match(r"^\s*[-•*]\s", out[-2].text)
            and _wrapped(tail, line.text, width)
        ):
            out.pop()  # a list entry cut by a page break
        previous = out[-1] if out else None
        if (
            previous is not None
            and not previous.blank
            and not line.blank
            and _wrapped(tail, line.text, width)
        ):
            join_line(previous, line.text.strip(), vocabulary)
        else:
            out.append(Line(line.no, line.text))
        if not line.blank:
            tail = line.text
    return out


def read_lines(text: str) -> tuple[list[Line], list[Line]]:
    """The normalised lines of ``text`` and its page furniture."""
    raw, furniture = split_furniture(text)
    cleaned = "\n".join(raw)
    return unwrap(normalise(cleaned), Vocabulary(cleaned)), furniture
