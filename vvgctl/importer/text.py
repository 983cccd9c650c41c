"""Text normalisation before parsing: table rows, hyphenation, page breaks, stray spaces.

Every change keeps the words: a table row becomes cells separated by tabs, a page break (a run
of blank lines) becomes one blank line, and a paragraph split by a page break is joined again.
Hyphenation left by a PDF (``läns-gemensamma``, ``sam-`` at a line end) is joined only when the
joined word occurs elsewhere in the same document, so real compounds (``forms-enkät``) stay.
:func:`words` is the yardstick for "nothing is lost": it compares words with hyphens removed.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass


@dataclass
class Line:
    """One line of normalised text and the line of the input it came from (1-based)."""

    no: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


_WORD = re.compile(r"\w+")
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)|(?<=\w)-[ \t]*(?:\n[ \t]*)+(?=[a-zåäöéü])|\u00ad")
_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)|\u00ad")


def words(text: str, *, join_lines: bool = True) -> Counter[str]:
    """The words of ``text``, case-folded, with hyphens inside words removed.

    With ``join_lines`` a hyphen at the end of a line joins the word to the next line's
    first word (hyphenation); without it, the two stay separate words.
    """
    hyphens = _INNER_HYPHEN if join_lines else _WORD_HYPHEN
    return Counter(w.casefold() for w in _WORD.findall(hyphens.sub("", text)))


_PIPE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MID_HYPHEN = re.compile(r"\b([a-zåäöéü]{2,})-([a-zåäöéü]{2,})\b")
_END_HYPHEN = re.compile(r"([A-Za-zÅÄÖåäöéü]{2,})-$")
_TERMINAL = (".", ":", "!", "?", ";", ")", "*", "]", "”", '"')
_SUBITEM_START = re.compile(r"^[a-z][.)]\s")
_LOWER_START = re.compile(r"^[a-zåäöéü]")


class Vocabulary:
    """The document's own words, for deciding whether a hyphen is hyphenation."""

    def __init__(self, text: str) -> None:
        self.sorted = sorted({w.casefold() for w in re.findall(r"[^\W\d_]+", text)})
        self.known = set(self.sorted)

    def has_form_of(self, word: str) -> bool:
        word = word.casefold()
        if word in self.known:
            return True
        stem = word[:-2] if len(word) >= 8 else word
        index = bisect.bisect_left(self.sorted, stem)
        return index < len(self.sorted) and self.sorted[index].startswith(stem)


def _table_rows(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        if _PIPE_RULE.match(line) and "-" in line:
            out.append("")
            continue
        row = _PIPE_ROW.match(line)
        if row and "|" in row.group(1).replace("\\|", ""):
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", row.group(1))]
            out.append("\t".join(cells).rstrip())
        else:
            out.append(line)
    return out


def _dehyphenate_inline(text: str, vocabulary: Vocabulary) -> str:
    def join(match: re.Match[str]) -> str:
        joined = match.group(1) + match.group(2)
        return joined if vocabulary.has_form_of(joined) else match.group(0)

    return _MID_HYPHEN.sub(join, text)


def _is_prose(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith(("#", "|")) and "\t" not in text


def normalise(text: str) -> list[Line]:
    """Normalised lines of a document's text, each with its input line number."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\f", "\n")
    raw = _table_rows(text.split("\n"))
    vocabulary = Vocabulary(text)
    lines = [
        Line(i + 1, _dehyphenate_inline(line.rstrip(), vocabulary)) for i, line in enumerate(raw)
    ]
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.blank:
            run_end = index
            while run_end < len(lines) and lines[run_end].blank:
                run_end += 1
            following = lines[run_end] if run_end < len(lines) else None
            previous = out[-1] if out else None
            if previous is None or following is None:
                index = run_end
                continue
            if _continues(previous.text, following.text):
                join_line(previous, following.text.strip(), vocabulary)
                index = run_end + 1
                continue
            out.append(Line(line.no, ""))
            index = run_end
            continue
        previous = out[-1] if out else None
        if (
            previous is not None
            and _END_HYPHEN.search(previous.text)
            and _LOWER_START.match(line.text.strip())
            and _is_prose(line.text)
        ):
            join_line(previous, line.text.strip(), vocabulary)
        else:
            out.append(Line(line.no, line.text))
        index += 1
    return out


def _continues(previous: str, following: str) -> bool:
    """A paragraph cut by a page break: no sentence end before, a lower-case word after."""
    before, after = previous.rstrip(), following.strip()
    return (
        _is_prose(previous)
        and _is_prose(following)
        and not before.endswith(_TERMINAL)
        and bool(_LOWER_START.match(after))
        and not _SUBITEM_START.match(after)
        and not before.lstrip().startswith(("-", "*", "•"))
        and len(before) > 40
    )


def join_line(previous: Line, text: str, vocabulary: Vocabulary) -> None:
    hyphen = _END_HYPHEN.search(previous.text)
    if hyphen:
        first = hyphen.group(1)
        rest = re.match(r"[^\W\d_]+", text)
        if rest and vocabulary.has_form_of(first + rest.group(0)):
            previous.text = previous.text[:-1] + text
            return
        previous.text = previous.text + text
        return
    previous.text = previous.text.rstrip() + " " + text


_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))(\d{1,2})\.\s+(?=[A-ZÅÄÖ])")
_SENTENCE_WORD = re.compile(r"[A-ZÅÄÖ][a-zåäöéü]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


def _title_and_body(piece: str) -> tuple[str, str]:
    """'Godkännande av dagordning Dagordningen godkänns.' -> the title and the text: the title
    ends before the first capitalised word that follows the title's first word or a word in
    lower case (an acronym in capitals does not end it)."""
    words = piece.split()
    for n in range(1, len(words)):
        if _SENTENCE_WORD.match(words[n]) and (n == 1 or not _SENTENCE_WORD.match(words[n - 1])):
            return " ".join(words[:n]), " ".join(words[n:])
    return piece.strip(), ""


def unflatten_items(lines: list[Line]) -> list[Line]:
    """A paragraph holding the numbered items one after another ('DAGORDNING 1. Godkännande
    av dagordning Dagordningen godkänns. 2. Presentationsrunda …'), as a PDF or a web page
    gives a list, becomes one heading line and one text line an item, as a heading list."""
    out: list[Line] = []
    for line in lines:
        marks = [m for m in _INLINE_NUMBER.finditer(line.text)]
        chain: list[re.Match[str]] = []
        for mark in marks:
            if int(mark.group(1)) == len(chain) + 1:
                chain.append(mark)
        if len(chain) < 3 or len(line.text) < 120:
            out.append(line)
            continue
        lead = line.text[: chain[0].start()].strip()
        if lead:
            out += [Line(line.no, lead), Line(line.no, "")]
        ends = [m.start() for m in chain[1:]] + [len(line.text)]
        for mark, end in zip(chain, ends, strict=True):
            title, body = _title_and_body(line.text[mark.end() : end])
            out += [Line(line.no, f"{mark.group(1)}. {title}"), Line(line.no, "")]
            for sentence in _SENTENCE_END.split(body) if body else []:
                out += [Line(line.no, sentence), Line(line.no, "")]  # a sentence may be a position
    return out
