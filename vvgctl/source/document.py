"""A meeting file: bytes -> text -> front matter + Markdown body, with line offsets kept."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass
class SourceProblem(Exception):
    message: Message | str
    line: int
    column: int
    code: str
    hint: Message | str | None = None


@dataclass
class Section:
    """A level-2 heading of the body and the text under it."""

    heading: str
    line: int
    number: str | None
    title: str
    text: str = ""


@dataclass
class SplitDocument:
    front_matter: str
    front_matter_line: int  # the file line on which the front matter's first line stands
    body: str
    body_line: int
    sections: list[Section] = field(default_factory=list)


def decode(raw: bytes) -> str:
    """UTF-8 with or without a BOM; CRLF and CR become LF. Invalid UTF-8 is an error."""
    if len(raw) > MAX_FILE_BYTES:
        raise SourceProblem(
            Message(
                N_("the file is {count} KiB; the limit is {MAX_FILE_BYTES} KiB"),
                {"count": len(raw) // 1024, "MAX_FILE_BYTES": MAX_FILE_BYTES // 1024},
            ),
            1,
            1,
            "file-too-large",
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise SourceProblem(
            N_("the file contains a NUL byte: it is binary, not text"),
            line,
            1,
            "encoding",
            N_("save the file as UTF-8 text"),
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise SourceProblem(
            Message(N_("invalid UTF-8 (byte 0x{raw:02x})"), {"raw": raw[exc.start]}),
            line,
            column,
            "encoding",
            N_("save the file as UTF-8 (in Word or Notepad: 'Spara som' > UTF-8)"),
        ) from None
    if "\r" not in text:  # (one search, where the two replacements would make two)
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


_FENCE = re.compile(r"^---[ \t]*$")
_END = re.compile(r"(---|\.\.\.)[ \t]*$")
_H2 = re.compile(r"^##(?!#)[ \t]+(.*?)[ \t#]*$")
_H2_LINE = re.compile(_H2.pattern, re.MULTILINE)  # matched where a line begins
_ITEM_HEADING = re.compile(r"^(\d+)\s*([a-z])?[.):]?\s+(.*)$")


def split(text: str) -> SplitDocument:
    """Split ``---``-fenced YAML front matter from the Markdown body."""
    first_break = text.find("\n")
    if not _FENCE.match(text if first_break < 0 else text[:first_break]):
        raise SourceProblem(
            N_("the file does not start with front matter"),
            1,
            1,
            "front-matter",
            N_("begin the file with a line '---', the YAML fields, and a closing '---'"),
        )
    end = None if first_break < 0 else _closing_line(text, first_break)
    if end is None:
        raise SourceProblem(
            N_("the front matter is not closed"),
            text.count("\n") + 1,
            1,
            "front-matter",
            N_("add a line '---' after the last YAML field"),
        )
    start, stop = end
    index = text.count("\n", 0, start)  # the closing line's, counted from 0
    front = text[first_break + 1 : max(start - 1, first_break + 1)]
    body = text[stop + 1 :]
    doc = SplitDocument(front, 2, body, index + 2)
    doc.sections = sections(body, index + 2)
    return doc


def _closing_line(text: str, newline: int) -> tuple[int, int] | None:
    """Where the first line after the line break at ``newline`` that reads ``---`` or ``...``
    (and blanks) starts and ends: only a line beginning with one of them is looked at."""
    while True:
        dashes = text.find("\n---", newline)
        # a line of dots counts only before the dashes (no search of the rest of the file)
        dots = text.find("\n...", newline, len(text) if dashes < 0 else dashes)
        if dots < 0 and dashes < 0:
            return None
        newline = dots if dots >= 0 else dashes
        stop = text.find("\n", newline + 1)
        stop = len(text) if stop < 0 else stop
        if _END.match(text, newline + 1, stop):
            return newline + 1, stop
        newline = stop if stop < len(text) else newline + 1


def sections(body: str, first_line: int) -> list[Section]:
    """The level-2 sections of a Markdown body (fenced code blocks are skipped)."""
    if ("`" in body and "```" in body) or ("~" in body and "~~~" in body):
        return _sections_by_line(body, first_line)
    # No fence: only the lines that begin with # are matched, and each section's text is cut
    # from the body, instead of splitting, matching and joining every line. (A search for one
    # character is many times faster than for two or three, so # and ` are looked for alone.)
    found: list[Section] = []
    line, counted, end = first_line, 0, 0
    for start in _line_starts(body, "#"):
        match = _H2_LINE.match(body, start)
        if match is None:
            continue
        line += body.count("\n", counted, start)
        counted = start
        if found:
            found[-1].text = body[end + 1 : start - 1].strip("\n")
        found.append(_section(match.group(1), line))
        end = match.end()  # where the heading's line ends
    if found:
        found[-1].text = body[end + 1 :].strip("\n")
    return found


def _line_starts(text: str, char: str) -> Iterator[int]:
    """Where the lines of ``text`` that begin with ``char`` begin."""
    at = text.find(char)
    while at >= 0:
        if at == 0 or text[at - 1] == "\n":
            yield at
        at = text.find(char, at + 1)


def _section(heading: str, line: int) -> Section:
    item = _ITEM_HEADING.match(heading)
    number = (item.group(1) + (item.group(2) or "")) if item else None
    return Section(heading, line, number, item.group(3) if item else heading)


def _sections_by_line(body: str, first_line: int) -> list[Section]:
    """:func:`sections` line by line, keeping track of the code fences."""
    found: list[Section] = []
    in_fence = False
    buffer: list[str] = []
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else _H2.match(line)
        if match:
            if found:
                found[-1].text = "\n".join(buffer).strip("\n")
            buffer = []
            found.append(_section(match.group(1), first_line + offset))
        elif found:
            buffer.append(line)
    if found:
        found[-1].text = "\n".join(buffer).strip("\n")
    return found
