"""``vvgctl review``: what a change to the minutes means, in the minutes' own terms.

Against a git revision (the pull request's base): first the files of the change that do not
load (a YAML error, a field the schema refuses: the change fails, whatever else it does); the
meetings added, removed and changed; each one's status move; the items whose title or prose
changed, with the paragraphs added and removed; the people added to and removed from the
roster, the invited guests and the attendance lists; the positions (ställningstaganden) added,
changed (old and new text) and removed; the actions opened and closed; and the verdicts of the
checks that only a revision can give (``approval-flow``, ``frozen-record``). Pure data: the
command formats it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path

from vvgctl.checking.check import check_revision
from vvgctl.checking.revision import Revision
from vvgctl.cycle.review_content import ItemChange, PeopleChange, compare_items, compare_people
from vvgctl.diagnostics import Diagnostic, Severity, display_path
from vvgctl.models import Meeting
from vvgctl.models.item import Action, Decision
from vvgctl.repository.discovery import DATA_SUFFIXES, is_meeting_file
from vvgctl.repository.file_result import links_outside, outside_link, read_meeting
from vvgctl.repository.repo import Repository
from vvgctl.source.document import SourceProblem, SplitDocument, decode, split
from vvgctl.source.loading import yaml_problems

FORMAT = "vvgctl.review/1"


@dataclass(frozen=True)
class PositionChange:
    item: str  # "4" or "1 b"
    change: str  # added | changed | removed
    old_text: str | None
    new_text: str | None
    old_type: str | None
    new_type: str | None


@dataclass(frozen=True)
class ActionChange:
    item: str
    change: str  # opened | closed
    id: str | None
    text: str | None


@dataclass
class MeetingChange:
    path: str
    organ: str
    date: dt.date | None
    change: str  # added | removed | changed | unreadable
    status_before: str | None
    status_after: str | None
    positions: list[PositionChange] = field(default_factory=list)
    actions: list[ActionChange] = field(default_factory=list)
    items: list[ItemChange] = field(default_factory=list)
    people: list[PeopleChange] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data


@dataclass
class Review:
    base: str
    meetings: list[MeetingChange]
    verdicts: list[Diagnostic]
    #: why each file of the change that does not load does not (its errors, with their places)
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """The errors the change has: files that do not load and the verdicts' errors."""
        return len(self.problems) + sum(d.severity is Severity.ERROR for d in self.verdicts)

    def as_dict(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "base": self.base,
            "problems": [d.as_dict() for d in self.problems],
            "meetings": [m.as_dict() for m in self.meetings],
            "verdicts": [d.as_dict() for d in self.verdicts],
            "summary": {
                "added": sum(m.change == "added" for m in self.meetings),
                "removed": sum(m.change == "removed" for m in self.meetings),
                "changed": sum(m.change == "changed" for m in self.meetings),
                "unreadable": len({d.path for d in self.problems}),
                "positions": sum(len(m.positions) for m in self.meetings),
                "errors": self.errors,
            },
        }


def _positions(meeting: Meeting | None) -> dict[tuple[str, int], Decision]:
    found: dict[tuple[str, int], Decision] = {}
    for item in meeting.items if meeting else []:
        for index, decision in enumerate(item.decisions):
            found[(item.number, index)] = decision
        for sub in item.subitems:
            for index, decision in enumerate(sub.decisions):
                found[(f"{item.number} {sub.number}", index)] = decision
    return found


def _actions(meeting: Meeting | None) -> tuple[dict[str, tuple[str, Action]], set[str]]:
    opened: dict[str, tuple[str, Action]] = {}
    closed: set[str] = set()
    for item in meeting.items if meeting else []:
        for number, content in [
            (item.number, item),
            *((f"{item.number} {s.number}", s) for s in item.subitems),
        ]:
            for action in content.actions:
                opened[action.id or action.text] = (number, action)
            closed.update(content.closes_actions)
    return opened, closed


def _item_order(key: tuple[str, int]) -> tuple[int, str, int]:
    number, index = key
    head, _, letter = number.partition(" ")
    return (int(head) if head.isdigit() else 0, letter, index)


def compare(
    old: Meeting | None, new: Meeting | None
) -> tuple[list[PositionChange], list[ActionChange]]:
    """The positions and actions that differ between two versions of a meeting."""
    before, after = _positions(old), _positions(new)
    positions = []
    for key in sorted(before.keys() | after.keys(), key=_item_order):
        was, now = before.get(key), after.get(key)
        if was is not None and now is not None and (was.text, was.type) == (now.text, now.type):
            continue
        change = "added" if was is None else "removed" if now is None else "changed"
        positions.append(
            PositionChange(
                key[0],
                change,
                was.text if was else None,
                now.text if now else None,
                was.type.value if was else None,
                now.type.value if now else None,
            )
        )
    old_open, old_closed = _actions(old)
    new_open, new_closed = _actions(new)
    actions = [
        ActionChange(number, "opened", action.id, action.text)
        for key, (number, action) in new_open.items()
        if key not in old_open
    ]
    item_of = {i: n for n, i in ((n, a.id) for n, a in new_open.values()) if i}
    actions += [
        ActionChange(item_of.get(i, ""), "closed", i, None) for i in sorted(new_closed - old_closed)
    ]
    return positions, actions


def _document(raw: bytes | None) -> SplitDocument | None:
    try:
        return split(decode(raw)) if raw is not None else None
    except SourceProblem:
        return None


def _meeting_change(
    revision: Revision, path: Path
) -> tuple[MeetingChange | None, list[Diagnostic]]:
    """What the change does to one meeting file, and why its new version does not load."""
    old = revision.old_meeting(path)
    # a link that ends outside the repository is never read: unreadable, its one finding says why
    root = revision.repository.root
    there = path.exists() or links_outside(path, root)
    loaded = read_meeting(path, root) if there else None
    new = loaded.model if loaded else None
    problems = (
        [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
        if (loaded and new is None)
        else []
    )
    if loaded is None:
        change = "removed"
    elif new is None:
        change = "unreadable"
    else:
        change = "added" if path not in revision.blobs else "changed"
    if new is None and old is None and not problems:
        return None, []  # neither side is a meeting
    shown = new or old
    positions, actions = compare(old, new)
    items: list[ItemChange] = []
    people: list[PeopleChange] = []
    if new is not None and old is None:
        items = compare_items(None, None, new, None)  # a new meeting: its agenda
    elif new is not None and old is not None:
        items = compare_items(
            old, _document(revision.old_bytes(path)), new, loaded.document if loaded else None
        )
        people = compare_people(old, new)
    date = shown.date if shown else _date_of(path)
    return MeetingChange(
        display_path(path),
        shown.organ if shown else path.parent.parent.name,
        date,
        change,
        old.status.value if old else None,
        new.status.value if new else None,
        positions,
        actions,
        items,
        people,
    ), problems


def _date_of(path: Path) -> dt.date | None:
    try:
        return dt.date.fromisoformat(path.stem)
    except ValueError:
        return None


def review(repository: Repository, rev: str) -> Review:
    """What the working tree changes against ``rev``."""
    revision = Revision.read(repository, rev)
    meetings = []
    problems: list[Diagnostic] = []
    for path in revision.changed([repository.root]):
        if path.suffix in DATA_SUFFIXES:
            if links_outside(path, repository.root):
                problems += outside_link(path).diagnostics
            elif path.is_file():
                problems += yaml_problems(path, display_path(path))
            continue
        if not is_meeting_file(path):
            continue
        meeting, found = _meeting_change(revision, path)
        problems += found
        if meeting is not None:
            meetings.append(meeting)
    meetings.sort(key=lambda m: (m.organ, m.date or dt.date.min, m.path))
    verdicts = check_revision(repository, [repository.root], rev)
    return Review(rev, meetings, sorted(verdicts), sorted(problems))


def changed_meeting_files(result: Review) -> list[Path]:
    """The meetings of the review that exist in the working tree (for the preview)."""
    return [Path(m.path) for m in result.meetings if m.change in ("added", "changed")]
