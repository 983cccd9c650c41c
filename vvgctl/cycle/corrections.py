"""Corrections made at approval, applied to the minutes' text where the sentence stands.

``vvgctl approve --quote OLD --replacement NEW`` changes OLD into NEW in the record, in the
same write that records the approval. A correction changes words, never structure:

- In the front matter the quote is looked for in the parsed value of a text field (a
  position, a title, an action, a follow-up, a question, a name, a table cell: a field the
  models type as plain text, not an id, a number, a date, a link, a kind or a type), never in a
  key or in the YAML around the value, and not in ``previous`` or ``approval``.
- In the body it is looked for inside one paragraph, list item or quoted line (not in a
  heading, a fenced block, a table or HTML).
- With ``--item`` only that item's values and its body section are searched.

The quote must stand exactly once. Neither quote nor replacement may hold a line break or
another control character (a sentence the file wraps over lines is found all the same), and a
replacement may not begin a line of the body with the mark of a heading, a list, a quote, a
table or a fence. The replacement is written where the quote stands, as it is (so that
``check --base`` sees exactly the quoted change), and the value is read back: when YAML would
read anything but the corrected value (a ``: `` in an unquoted value, a quote character in a
quoted one), the correction is refused. Whatever is refused, nothing is written.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from vvgctl.diagnostics import format_field
from vvgctl.errors import UsageError, VvgError
from vvgctl.message import Message
from vvgctl.models.meeting import Correction
from vvgctl.runtime.i18n import N_
from vvgctl.source import corrections as text_places
from vvgctl.source import frontmatter_edit
from vvgctl.source.document import sections
from vvgctl.source.loading import LoadedMeeting
from vvgctl.source.text_fields import CONTROL, is_text_field
from vvgctl.source.yaml import YamlProblem, load

#: a body line that is structure, not prose: a heading, a table row, HTML, a rule or underline
_STRUCTURE = re.compile(r"^\s{0,3}(#|\||<|([-*_]\s*){3,}$|=+\s*$)")
#: the mark of a list item or a quoted line; the prose follows it
_ITEM_MARK = re.compile(r"^\s*([-*+]|\d{1,9}[.)]|>)(\s+|$)")
#: what a replacement may not begin a line with: an indented code block, a heading, a list item
#: (also pandoc's ``a.``, ``iv)``, ``#.``, ``(@)``, a definition's ``:``), a quote, a table or a
#: line block, HTML, a fence, a rule or a setext underline
_LINE_MARK = re.compile(
    r"^(\s{4}|\t|\s*(#|([-*+:]|\d{1,9}[.)]|[A-Za-z][.)]|[ivxlcdmIVXLCDM]+[.)]|\(@\w*\))(\s|$)"
    r"|>|\||<|```|~~~|=+\s*$|[-*_]{3}))"
)
_FENCES = ("```", "~~~")


@dataclass
class _Place:
    """Where a quote stands: offsets in the front matter or the body (``tail``)."""

    start: int
    end: int
    path: tuple[str | int, ...] | None = None  # the front matter value's field
    node: ScalarNode | None = None
    in_body: bool = False


def check_shape(correction: Correction) -> None:
    """Refuse a quote or replacement that is not one line of text (a :class:`UsageError`)."""
    for given in (correction.quote, correction.replacement):
        if given and CONTROL.search(given):
            raise UsageError(
                N_(
                    "--quote and --replacement are one line of text each: a correction changes "
                    "words, not lines, headings or fields"
                ),
                hint=N_(
                    "quote the words within one sentence; a sentence the file wraps over "
                    "lines is found all the same"
                ),
            )


def _scalars(
    node: Node, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], ScalarNode]]:
    """Every scalar value (not key) under ``node``, with its field path."""
    if isinstance(node, ScalarNode):
        yield path, node
    elif isinstance(node, SequenceNode):
        for index, child in enumerate(node.value):
            yield from _scalars(child, (*path, index))
    elif isinstance(node, MappingNode):
        for key, child in node.value:
            if isinstance(key, ScalarNode):
                yield from _scalars(child, (*path, key.value))


def _front_places(front: str, numbers: list[str], quote: str, item: str | None) -> list[_Place]:
    root = YAML(typ="safe", pure=True).compose(front)
    found: list[_Place] = []
    for path, node in _scalars(root) if root is not None else ():
        if item is not None and not (
            len(path) > 1
            and path[0] == "items"
            and isinstance(path[1], int)
            and path[1] < len(numbers)
            and numbers[path[1]] == item
        ):
            continue
        if is_text_field(path):
            found += [_Place(s, e, path, node) for s, e in text_places.places(node.value, quote)]
    return found


def _paragraphs(tail: str) -> list[tuple[int, int, str | None]]:
    """(start, end, item number) of each run of prose in the body (``tail`` begins with the
    closing fence line); a list item or a quoted line begins a run of its own."""
    runs: list[list[Any]] = []
    offset, number, fenced, open_run = 0, None, False, False
    for index, line in enumerate(tail.splitlines(keepends=True)):
        content = line.rstrip("\r\n")
        start, offset = offset, offset + len(line)
        if index == 0:
            continue
        if content.lstrip().startswith(_FENCES):
            fenced, open_run = not fenced, False
            continue
        heading = [] if fenced else sections(content, 1)
        if heading:
            number = heading[0].number
        mark = _ITEM_MARK.match(content)
        if fenced or heading or not content.strip() or _STRUCTURE.match(content):
            open_run = False
        elif mark or not open_run:
            lead = mark.end() if mark else len(content) - len(content.lstrip())
            runs.append([start + lead, start + len(content), number])
            open_run = True
        else:
            runs[-1][1] = start + len(content)
    return [(run[0], run[1], run[2]) for run in runs]


def _body_places(tail: str, quote: str, item: str | None) -> list[_Place]:
    found: list[_Place] = []
    for start, end, number in _paragraphs(tail):
        if item is not None and (
            number is None or number.rstrip("abcdefghijklmnopqrstuvwxyz") != item
        ):
            continue
        found += [
            _Place(start + s, start + e) for s, e in text_places.places(tail[start:end], quote)
        ]
    return found


def _not_once(path: str, correction: Correction, count: int) -> VvgError:
    quote, item = correction.quote, correction.item
    if count and item:
        message = Message(
            N_("the quote {quote!r} stands {count} times in item {item}"),
            {"quote": quote, "count": count, "item": item},
        )
    elif count:
        message = Message(
            N_("the quote {quote!r} stands {count} times in the record"),
            {"quote": quote, "count": count},
        )
    elif item:
        message = Message(
            N_("the quote {quote!r} does not stand in a text of item {item}"),
            {"quote": quote, "item": item},
        )
    else:
        message = Message(
            N_("the quote {quote!r} does not stand in a text of the record"), {"quote": quote}
        )
    return VvgError(
        message,
        path=path,
        hint=N_(
            "quote the words as the record has them, within one text (a position, a title, an "
            "action) or one paragraph, with enough words to find them once; field names and values "
            "such as a type, a date or an id are not corrected; nothing was written"
        ),
    )


def _reads_as(old: str, new: str, path: tuple[str | int, ...], wanted: str) -> bool:
    """Whether front matter ``new`` is ``old`` with the value at ``path`` made ``wanted``."""
    try:
        before, after = load(old)[0], load(new)[0]
    except YamlProblem:
        return False
    expected = copy.deepcopy(before)
    target = expected
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = wanted
    if after == expected:
        return True
    target[path[-1]] = None  # an unquoted value made empty reads as no value
    return not wanted.strip() and after == expected


def _replace_in_front(front: str, place: _Place, quote: str, replacement: str, shown: str) -> str:
    node, field = place.node, place.path
    assert node is not None and field is not None
    wanted = node.value[: place.start] + replacement + node.value[place.end :]
    start, end = node.start_mark.index, node.end_mark.index
    found = text_places.places(front[start:end], quote)
    if len(found) == 1:
        new = front[: start + found[0][0]] + replacement + front[start + found[0][1] :]
        if _reads_as(front, new, field, wanted):
            return new
    raise VvgError(
        Message(
            N_(
                "the replacement cannot be written into {field} as the value is written in the "
                "file: YAML would read it otherwise; nothing was written"
            ),
            {"field": format_field(field)},
        ),
        path=shown,
        line=node.start_mark.line + 2,
        hint=N_("leave out ': ', ' #' and quote characters, or correct fewer words"),
    )


def _replace_in_body(tail: str, place: _Place, replacement: str, shown: str) -> str:
    line_start = tail.rfind("\n", 0, place.start) + 1
    before = tail[line_start : place.start]
    if (not before.strip() or _ITEM_MARK.fullmatch(before)) and _LINE_MARK.match(replacement):
        raise VvgError(
            Message(
                N_(
                    "the replacement {replacement!r} would begin a line with the mark of a "
                    "heading, a list, a quote, a table or a fence; nothing was written"
                ),
                {"replacement": replacement},
            ),
            path=shown,
            hint=N_("a correction changes words; begin the replacement with a word"),
        )
    return tail[: place.start] + replacement + tail[place.end :]


def apply(
    source: frontmatter_edit.Source, loaded: LoadedMeeting, corrections: list[Correction]
) -> frontmatter_edit.Source:
    """``source`` with each correction's quote replaced; a :class:`VvgError` (nothing
    written) when a quote does not stand exactly once in a text, or its replacement would
    change more than the text."""
    shown = str(source.path)
    numbers = [item.number for item in loaded.model.items] if loaded.model else []
    front = "".join(line + "\n" for line in source.front)
    tail = source.tail
    for correction in corrections:
        check_shape(correction)
        if not correction.quote:
            continue
        if correction.replacement is None:
            raise VvgError(
                N_("a correction with a quote needs its replacement"),
                path=shown,
                hint=N_("give --replacement with the corrected sentence"),
            )
        quote, item = correction.quote, correction.item
        found = _front_places(front, numbers, quote, item)
        found += [
            dataclasses.replace(place, in_body=True) for place in _body_places(tail, quote, item)
        ]
        if len(found) != 1:
            raise _not_once(shown, correction, len(found))
        if found[0].in_body:
            tail = _replace_in_body(tail, found[0], correction.replacement, shown)
        else:
            front = _replace_in_front(front, found[0], quote, correction.replacement, shown)
    return dataclasses.replace(source, front=front.split("\n")[:-1], tail=tail)
