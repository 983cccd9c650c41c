"""One meeting file -> the rows the query index keeps (plain tuples, cheap to pickle).

Everything a query answers is taken here, once per file version: items and their cases,
positions (with their parts), actions, references that close actions, follow-ups, and the
passages of text that full-text search ranks (item titles, positions, the paragraphs of the
Markdown body, tables, the roster, invited guests, attendance and corrections: every word a
reader sees), each with the file line it stands on.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vvgctl.index.record import MeetingRecord
from vvgctl.models.item import Decision, Item, SubItem, action_id
from vvgctl.models.meeting import Correction, Meeting
from vvgctl.repository.records import settles
from vvgctl.source.document import SplitDocument
from vvgctl.source.loading import LoadedMeeting, load_meeting, parse_meeting, read_source
from vvgctl.swedish.stemming import normalise

_nfc = unicodedata.normalize
_BLOCK_INDICATOR = re.compile(r"(^|:|-)\s*[|>][-+0-9]*\s*(#.*)?$")


_LINES: list[Any] = [None, []]


def text_line(loaded: LoadedMeeting, *path: str | int) -> int:
    """The file line where a text value starts: below ``text: >-`` for a block scalar."""
    line = loaded.at(*path)[0]
    document = loaded.document
    if document is not None:
        if _LINES[0] is not document:  # split each front matter once, not once per value
            _LINES[:] = [document, document.front_matter.split("\n")]
        lines = _LINES[1]
        offset = line - document.front_matter_line
        if 0 <= offset < len(lines) - 1 and _BLOCK_INDICATOR.search(lines[offset]):
            return line + 1
    return line


def full_text(decision: Decision) -> str:
    """A position as one text: the text, then its numbered parts and their sub-positions."""
    lines = [decision.text]
    for number, part in enumerate(decision.parts, 1):
        lines.append(f"{number}. {part.text}")
        lines += [f"   {chr(ord('a') + i)}) {sub}" for i, sub in enumerate(part.parts)]
    return "\n".join(lines)


def _contents(item: Item, index: int) -> list[tuple[str, tuple[str | int, ...], SubItem | Item]]:
    found: list[tuple[str, tuple[str | int, ...], SubItem | Item]] = [
        (item.number, ("items", index), item)
    ]
    for s, sub in enumerate(item.subitems):
        found.append((f"{item.number}{sub.number}", ("items", index, "subitems", s), sub))
    return found


def _add_items(record: MeetingRecord, loaded: LoadedMeeting, meeting: Meeting) -> None:
    for index, item in enumerate(meeting.items):
        for number, base, content in _contents(item, index):
            case = content.case or (item.case if content is not item else None)
            presenters = content.presenters or (item.presenters if content is not item else [])
            names = "; ".join(p.name for p in presenters)
            line = loaded.at(*base, "title")[0]
            record.items.append(
                (
                    number,
                    content.title,
                    content.kind.value if content.kind else "",
                    case,
                    names,
                    line,
                    any(settles(d) for d in content.decisions),
                )
            )
            record.passages.append(
                ("title", number, content.title, line, _nfc("NFC", content.title))
            )
            _add_references(record, loaded, content, number, base)
            place = _Place(number, base, case)
            _add_decisions(record, loaded, content, place, names)
            _add_tasks(record, loaded, content, place)


@dataclass(frozen=True)
class _Place:
    """Where an item's rows stand: its number, its path in the front matter, its case."""

    number: str
    base: tuple[str | int, ...]
    case: str | None


def _add_decisions(
    record: MeetingRecord,
    loaded: LoadedMeeting,
    content: SubItem | Item,
    place: _Place,
    names: str,
) -> None:
    """An item's positions, each also a passage of text."""
    number, base = place.number, place.base
    for d, decision in enumerate(content.decisions):
        text = full_text(decision)
        parts = json.dumps([p.model_dump(mode="json") for p in decision.parts], ensure_ascii=False)
        d_line = text_line(loaded, *base, "decisions", d, "text")
        record.decisions.append(
            (
                number,
                content.title,
                decision.type.value,
                decision.label,
                text,
                parts,
                decision.after_dialog,
                decision.confirm_by,
                decision.deadline.isoformat() if decision.deadline else None,
                json.dumps(decision.governing_documents),
                place.case,
                names,
                d_line,
                normalise(f"{content.title}\n{text}"),
            )
        )
        record.passages.append(("decision", number, content.title, d_line, _nfc("NFC", text)))


def _add_tasks(
    record: MeetingRecord, loaded: LoadedMeeting, content: SubItem | Item, place: _Place
) -> None:
    """An item's actions, the actions it closes and its follow-ups."""
    number, base, case = place.number, place.base, place.case
    for a, action in enumerate(content.actions):
        record.actions.append(
            (
                number,
                action.id or action_id(record.organ, record.date, number, a + 1),
                action.text,
                action.label,
                action.owner.name if action.owner else None,
                action.owner_group,
                action.due.isoformat() if action.due else None,
                action.due_meeting,
                case,
                text_line(loaded, *base, "actions", a, "text"),
            )
        )
    for c, closed in enumerate(content.closes_actions):
        record.closes.append((number, closed, loaded.at(*base, "closes_actions", c)[0]))
    for f, follow in enumerate(content.follow_ups):
        record.follow_ups.append(
            (
                number,
                follow.text,
                follow.meeting,
                follow.organ,
                follow.case or case,
                text_line(loaded, *base, "follow_ups", f, "text"),
            )
        )


def _add_references(
    record: MeetingRecord,
    loaded: LoadedMeeting,
    content: SubItem | Item,
    number: str,
    base: tuple[str | int, ...],
) -> None:
    """An item's other searchable texts: its presenters, question, documents, actions and
    follow-ups (a member searching for "informationsdelning" finds the item whose document
    bears that title)."""
    found: list[tuple[str, tuple[str | int, ...], str]] = []
    if content.presenters:
        found.append(
            (
                "presenters",
                ("presenters",),
                "; ".join(
                    p.name + (f" ({p.organisation})" if p.organisation else "")
                    for p in content.presenters
                ),
            )
        )
    if content.question:
        found.append(("question", ("question",), content.question))
    found += [
        ("document", ("documents", d, "title"), doc.title)
        for d, doc in enumerate(content.documents)
    ]
    found += [
        ("action", ("actions", a, "text"), action.text) for a, action in enumerate(content.actions)
    ]
    found += [
        ("follow_up", ("follow_ups", f, "text"), follow.text)
        for f, follow in enumerate(content.follow_ups)
    ]
    for t, table in enumerate(content.tables):
        head = [table.title] if table.title else []
        found.append(
            (
                "table",
                ("tables", t, "title" if table.title else "columns"),
                "\n".join([*head, " | ".join(table.columns)]),
            )
        )
        found += [
            (
                "table",
                ("tables", t, "rows", r, "label"),
                "\n".join([row.label, *("; ".join(cell) for cell in row.cells if cell)]),
            )
            for r, row in enumerate(table.rows)
        ]
    for kind, path, text in found:
        record.passages.append(
            (kind, number, content.title, text_line(loaded, *base, *path), _nfc("NFC", text))
        )


def _named(name: str, *details: str | None) -> str:
    return ", ".join([name, *(d for d in details if d)])


def _add_people(record: MeetingRecord, loaded: LoadedMeeting, meeting: Meeting) -> None:
    """The record's texts outside its items: the roster (kallade), the invited guests, the
    attendance lists and the corrections, one passage per person or correction."""
    found: list[tuple[str, tuple[str | int, ...], str]] = []
    for g, group in enumerate(meeting.roster):
        found += [
            (
                "roster",
                ("roster", g, "members", m, "name"),
                _named(
                    member.name,
                    member.affiliation,
                    member.substitutes_for.name if member.substitutes_for else None,
                    member.substitute_note,
                ),
            )
            for m, member in enumerate(group.members)
        ]
    found += [
        ("invited", ("invited", g, "name"), _named(guest.name, guest.organisation))
        for g, guest in enumerate(meeting.invited)
    ]
    for key in ("absent", "remote", "new_members", "others"):
        found += [
            ("attendance", ("attendance", key, i), _named(person.name, person.organisation))
            for i, person in enumerate(getattr(meeting.attendance, key))
        ]
    corrections: list[tuple[tuple[str | int, ...], Correction]] = []
    if meeting.approval is not None:
        corrections += [
            (("approval", "corrections", c), correction)
            for c, correction in enumerate(meeting.approval.corrections)
        ]
    if meeting.previous is not None:
        corrections += [
            (("previous", "corrections", c), correction)
            for c, correction in enumerate(meeting.previous.corrections)
        ]
    for kind, path, text in found:  # a name is one line: no block scalar to step below
        record.passages.append((kind, None, None, loaded.at(*path)[0], _nfc("NFC", text)))
    for base, correction in corrections:
        text = "\n".join(
            t for t in (correction.text, correction.quote, correction.replacement) if t
        )
        record.passages.append(
            ("correction", None, None, text_line(loaded, *base, "text"), _nfc("NFC", text))
        )


def paragraphs(document: SplitDocument) -> list[tuple[str | None, int, str]]:
    """The body's paragraphs: (item number of the ``##`` section, first line, text).

    ``##`` headings end a paragraph and are not part of one (item titles are indexed from the
    front matter); fenced code blocks are kept whole.
    """
    headings = {s.line: s.number for s in document.sections}
    found: list[tuple[str | None, int, str]] = []
    current: str | None = None
    buffer: list[str] = []
    start = 0
    in_fence = False

    def flush() -> None:
        if buffer and any(line.strip() for line in buffer):
            found.append((current, start, "\n".join(buffer)))
        buffer.clear()

    for offset, line in enumerate(document.body.split("\n")):
        number = document.body_line + offset
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence and number in headings:
            flush()
            current = headings[number]
            continue
        if not in_fence and not line.strip():
            flush()
            continue
        if not buffer:
            start = number
        buffer.append(line)
    flush()
    return found


def extract(loaded: LoadedMeeting) -> MeetingRecord:
    """The index rows of one loaded meeting."""
    record = MeetingRecord(loaded.path)
    meeting = loaded.model
    if meeting is None:
        return record
    record.organ, record.date = meeting.organ, meeting.date.isoformat()
    record.status, record.valid = meeting.status.value, True
    _add_items(record, loaded, meeting)
    _add_people(record, loaded, meeting)
    titles = {number: title for number, title, *_ in record.items}
    if loaded.document is not None:
        for number, first, text in paragraphs(loaded.document):
            record.passages.append(
                ("body", number, titles.get(number or ""), first, _nfc("NFC", text))
            )
    return record


def extract_parsed(path: str, loaded: LoadedMeeting) -> MeetingRecord:
    """The rows of a meeting the repository already parsed in this command (its bytes are
    read again only for their SHA-256, never parsed again)."""
    record = extract(loaded)
    record.path = path
    try:
        with open(path, "rb") as handle:
            record.sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        record.sha256 = ""
    return record


def extract_file(path: str) -> MeetingRecord:
    """Read, validate and extract one file (the unit of work of a parallel build), with the
    SHA-256 of the bytes it was made from."""
    try:
        raw = read_source(Path(path))
    except OSError:
        return extract(load_meeting(Path(path), path))  # it says why the file cannot be read
    record = extract(parse_meeting(raw, path))
    record.sha256 = hashlib.sha256(raw).hexdigest()
    return record
