"""The items of a document read from evidence: the numbered sequence of headings.

Minutes number their items 1, 2, 3 … in order; how a heading is written varies (``4.``,
``4)``, ``§ 4``, ``Punkt 4``, in bold, as ``##``, with trailing spaces, the title wrapped over
two lines or standing alone under ``§ 4``). Every numbered line is a candidate; each gets a
score from what makes it look like a heading (a mark such as ``##`` or ``§``, blank lines
around it, a short title) or like an entry of a list (a neighbouring line numbered one less or
one more, a long sentence). The items are the sequence 1, 2, … N through the candidates, in
document order, with the highest total score: a list inside an item restarts its numbering,
so its entries only enter the sequence where no better heading with their number follows.
When no sequence scores above zero, the longest sequence is the fallback, so a document with
a numbered sequence of items never yields zero items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vvgctl.importer import labels as L
from vvgctl.importer import vocabulary as V
from vvgctl.importer.people import parse_names, strip_markup
from vvgctl.importer.text import Line
from vvgctl.repository.registry import fold

_WORDS = "|".join(re.escape(w) for w in ("§", "punkt", "ärende", "p."))
HEADING = re.compile(
    rf"^\s*(?P<hash>#{{1,6}}\s*)?(?P<bold>\*\*)?\s*(?:(?P<word>{_WORDS})\s*)?"
    r"(?P<num>\d{1,3})(?![\d,])\s*(?P<delim>[.):]|\s[–-](?=\s))?\s*(?P<title>.*?)\s*$",
    re.IGNORECASE,
)
_BASE = 3.0


@dataclass
class Heading:
    """An item heading: its first and last line (index into the lines), number and title."""

    start: int
    end: int
    number: str
    title: str
    score: float = 0.0


def _title_ok(title: str) -> bool:
    return (
        bool(title)
        and len(title) <= 200
        and bool(re.match(r"[^\W\d_]|[\"”'(«]", title))
        and bool(re.search(r"[^\W\d_]{2,}", title))
    )


def _next(lines: list[Line], index: int) -> int | None:
    return next((k for k in range(index + 1, len(lines)) if not lines[k].blank), None)


def _is_part(text: str) -> bool:
    """A kind or timebox line, a bullet or a numbered line: no title."""
    clean = strip_markup(text.strip())
    numbered = HEADING.match(clean)
    return bool(
        L.KIND_LINE.match(clean)
        or clean.startswith(("(", "-", "•", "*"))
        or (numbered and numbered.group("delim"))
    )


def _is_label(text: str) -> bool:
    return _is_part(text) or bool(re.match(r"^[\wåäöÅÄÖ ]{2,40}:", strip_markup(text.strip())))


def _candidate(lines: list[Line], index: int) -> Heading | None:
    text = lines[index].text
    match = HEADING.match(text)
    if not match:
        return None
    marked = bool(match.group("hash") or match.group("word"))
    if not (marked or match.group("delim")):
        return None
    title = strip_markup(match.group("title")).strip(" *")
    end = index
    if not title:
        if not marked and not match.group("delim"):
            return None
        following = _next(lines, index)
        if following is None or following - index > 2:
            return None
        title = strip_markup(lines[following].text).strip(" *")
        if _is_part(lines[following].text) or len(title) > 150:
            return None
        end = following
    if not _title_ok(title):
        return None
    heading = Heading(index, end, match.group("num").lstrip("0") or "0", title)
    heading.score = _score(lines, heading, match)
    _wrapped(lines, heading)
    return heading


def _wrapped(lines: list[Line], heading: Heading) -> None:
    """A title that goes on, without a blank line, on the next line."""
    nxt = heading.end + 1
    if nxt >= len(lines) or lines[nxt].blank or heading.title.endswith((".", ":", "**")):
        return
    text = lines[nxt].text.strip()
    after = nxt + 1
    if after < len(lines) and not lines[after].blank and not _is_label(lines[after].text):
        return
    if (
        _is_label(text)
        or "\t" in lines[nxt].text
        or len(text) > 120
        or text.endswith(".")
        or parse_names(text)
        or L.PRESENTERS.match(text)
        or any(p.match(strip_markup(text)) for p in L.NOTES)
        or re.match(r"^[a-z][.)]\s", text)
    ):
        return
    if _remark(heading.title, strip_markup(text).strip(" *")):
        return
    heading.title = f"{heading.title} {strip_markup(text).strip(' *')}"
    heading.end = nxt


_CONNECTORS = {
    "och",
    "för",
    "av",
    "i",
    "om",
    "till",
    "med",
    "på",
    "samt",
    "inom",
    "vid",
    "från",
    "mellan",
    "kring",
    "under",
    "efter",
    "inför",
    "–",
    "-",
    "den",
    "det",
    "de",
}


def _remark(title: str, text: str) -> bool:
    """A line under a title that is a remark of its own ('Inga övriga frågor'), not the rest
    of a title a narrow column broke: the line starts a sentence (a capitalised word after a
    title that ends in a word in lower case that does not lead on)."""
    last = title.split()[-1]
    return (
        bool(re.match(r"[A-ZÅÄÖ][a-zåäö]", text))
        and last.islower()
        and last not in _CONNECTORS
        and not title.endswith((",", "–", "-"))
    )


def _numbered(lines: list[Line], index: int) -> int | None:
    if index < 0 or index >= len(lines) or lines[index].blank:
        return None
    match = HEADING.match(lines[index].text)
    if match and (match.group("delim") or match.group("word")):
        return int(match.group("num"))
    return None


def _score(lines: list[Line], heading: Heading, match: re.Match[str]) -> float:
    score = _BASE
    if match.group("hash") or match.group("word"):
        score += 2
    if match.group("bold") and lines[heading.start].text.rstrip().endswith("**"):
        score += 2
    before = heading.start - 1
    if before < 0 or lines[before].blank:
        score += 1
    after = heading.end + 1
    if after >= len(lines) or lines[after].blank:
        score += 1
    number = int(heading.number)
    if _numbered(lines, before) in (number - 1, number) or _numbered(lines, after) in (
        number + 1,
        1,
    ):
        score -= 6  # an entry of a list
    if len(heading.title) > 120:
        score -= 3
    if heading.title.endswith(".") and len(heading.title) > 60:
        score -= 2
    return score


def find_headings(lines: list[Line]) -> list[Heading]:
    """The item headings, numbered 1, 2, 3 … in document order."""
    candidates = [c for c in (_candidate(lines, i) for i in range(len(lines))) if c]
    best = _sequence(candidates, lambda c: c.score)
    if not best:
        best = _sequence(candidates, lambda c: 1.0)
    return best


def _sequence(candidates: list[Heading], weight: object) -> list[Heading]:
    """The sequence 1, 2, … through ``candidates`` with the highest total weight (> 0)."""
    assert callable(weight)
    totals: list[float] = []
    back: list[int | None] = []
    for index, cand in enumerate(candidates):
        number = int(cand.number)
        own = float(weight(cand))
        if number == 1:
            totals.append(own)
            back.append(None)
            continue
        best_prev: int | None = None
        for prev in range(index):
            if (
                int(candidates[prev].number) == number - 1
                and candidates[prev].end < cand.start
                and (best_prev is None or totals[prev] > totals[best_prev])
            ):
                best_prev = prev
        if best_prev is None:
            totals.append(float("-inf"))
            back.append(None)
        else:
            totals.append(totals[best_prev] + own)
            back.append(best_prev)
    if not totals or max(totals) <= 0:
        return []
    at: int | None = max(range(len(totals)), key=lambda i: (totals[i], -i))
    chain: list[Heading] = []
    while at is not None:
        chain.append(candidates[at])
        at = back[at]
    return chain[::-1]


def is_credible(headings: list[Heading]) -> bool:
    """Whether the sequence looks like items rather than one list (for documents that do not
    say they are minutes)."""
    return len(headings) >= 2 and sum(h.score > _BASE - 1 for h in headings) * 2 >= len(headings)


_SECTION = re.compile(rf"^({L.alternatives(tuple(w for w, _ in V.SECTIONS))})\s*:?$", re.IGNORECASE)


def sections(lines: list[Line], headings: list[Heading]) -> dict[int, tuple[int, str]]:
    """The section lines that group the items ('Inledande formalia', 'Beslutsärenden'): for
    the index of each such line, the index of the first heading under it and the kind the
    section gives its items."""
    found: dict[int, tuple[int, str]] = {}
    starts = [h.start for h in headings]
    for index, line in enumerate(lines):
        match = _SECTION.match(strip_markup(line.text.strip().lstrip("#").strip()))
        if not match or line.blank:
            continue
        following = next((n for n, start in enumerate(starts) if start > index), None)
        if following is not None:
            kind = next(k for w, k in V.SECTIONS if fold(w) == fold(match.group(1)))
            found[index] = (following, kind)
    return found
