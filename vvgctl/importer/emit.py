"""Write the draft: front matter through ruamel, provenance comments, body and review section.

A structured field that does not hold every word of the input it came from (a date written out
in words, a label such as 'Föredragande:', a roster note in parentheses) gets the input line as a
YAML comment above it, so nothing of the input is lost and the reviewer sees the source.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

from vvgctl.importer.draft import Draft, Path_
from vvgctl.importer.text import Line, words
from vvgctl.source.yaml import load, round_trip

REVIEW_HEADING = "Att granska (import)"
REVIEW_INTRO = (
    "Texten nedan kunde inte placeras av importen och står här ordagrant. "
    "Flytta den till rätt ställe eller ta bort den vid granskningen."
)

MEETING_KEYS = (
    "organ",
    "title",
    "date",
    "time",
    "place",
    "mode",
    "status",
    "chair",
    "secretary",
    "invited_note",
    "invited",
    "roster_note",
    "roster",
    "attendance",
    "previous",
    "approval",
    "items",
    "interludes",
    "schedule",
    "people",
    "imported_from",
)
ITEM_KEYS = (
    "number",
    "title",
    "kind",
    "timebox",
    "presenters",
    "documents",
    "case",
    "question",
    "decisions",
    "actions",
    "follow_ups",
    "closes_actions",
    "tables",
    "subitems",
)


_NUMBER_LIKE = re.compile(r"^[\d.:+-]+$")


def _ordered(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    out = {k: data[k] for k in keys if k in data and data[k] not in (None, [], {})}
    out.update({k: v for k, v in data.items() if k not in out and v not in (None, [], {})})
    return out


def _plain(value: Any) -> Any:
    """Data ready for the dumper: multi-line text as literal blocks, item keys in order."""
    if isinstance(value, dict):
        keys = ITEM_KEYS if "number" in value and "title" in value else tuple(value)
        return {k: _plain(v) for k, v in _ordered(value, keys).items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString("\n".join(line.rstrip() for line in value.split("\n")))
    if isinstance(value, str) and _NUMBER_LIKE.match(value):
        return SingleQuotedScalarString(value)
    return value


def front_matter_data(draft: Draft) -> dict[str, Any]:
    data: dict[str, Any] = _plain(_ordered(draft.data, MEETING_KEYS))
    return data


def dump(data: dict[str, Any]) -> str:
    yaml = round_trip()
    yaml.allow_unicode = True
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _flatten(value: Any) -> str:
    if isinstance(value, dict):
        return "\n".join(_flatten(v) for v in value.values())
    if isinstance(value, list):
        return "\n".join(_flatten(v) for v in value)
    return str(value)


def _get(data: Any, path: Path_) -> Any:
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _contains(available: Counter[str], wanted: Counter[str]) -> bool:
    return all(available[w] >= n for w, n in wanted.items())


def with_comments(text: str, data: dict[str, Any], credits: dict[Path_, list[Line]]) -> str:
    """Put each input fragment whose words a field does not hold as a comment above it."""
    _, positions = load(text)
    inserts: dict[int, list[str]] = {}
    for path, fragments in credits.items():
        available = words(_flatten(_get(data, path)))
        missing: list[Line] = []
        for fragment in fragments:
            wanted = words(fragment.text)
            if _contains(available, wanted):
                available -= wanted
            else:
                missing.append(fragment)
        if not missing:
            continue
        pos = positions.of_key(path) if isinstance(path[-1], str) else positions.of_value(path)
        line, column = pos or (1, 1)
        indent = " " * max(column - 1, 0)
        for fragment in missing:
            source = " ".join(fragment.text.replace("\t", "  ").split("\n")).strip()
            inserts.setdefault(line, []).append(f"{indent}# rad {fragment.no}: {source}")
    out: list[str] = []
    for number, line_text in enumerate(text.split("\n"), start=1):
        out.extend(inserts.get(number, []))
        out.append(line_text)
    return "\n".join(out)


_HEADING = re.compile(r"^\s{0,3}#{1,2}(?=\s|$)")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def body_line(text: str) -> str:
    """A verbatim line made safe for the body: no level-1/2 heading, no code fence."""
    if _HEADING.match(text):
        return "### " + text.lstrip().lstrip("#").strip()
    if _FENCE.match(text):
        return "\\" + text.lstrip()
    return text


def _block(lines: list[Line]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line.blank:
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(body_line(line.text))
    while out and out[-1] == "":
        out.pop()
    return out


def body(draft: Draft) -> tuple[list[str], dict[tuple[str, str | int], int]]:
    """The body lines and, for notes, the body line of each item and review piece."""
    lines: list[str] = []
    where: dict[tuple[str, str | int], int] = {}
    for item in draft.items:
        where[("item", item.number)] = len(lines) + 1
        lines += [f"## {item.number}. {item.title}", ""]
        block = _block(item.lines)
        if block:
            lines += [*block, ""]
    if draft.review:
        lines += [f"## {REVIEW_HEADING}", "", REVIEW_INTRO, ""]
        for index, piece in enumerate(draft.review):
            where[("review", index)] = len(lines) + 1
            lines += [*_block(piece), ""]
    return lines, where
