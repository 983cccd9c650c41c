"""What a new meeting is built from: the schedule, the årshjul, open actions, earlier meetings.

Each source is read through one function here, so that :mod:`vvgctl.cycle.scaffold` works on plain
values. A source the repository does not have (no schedule for the year, no plan) gives nothing
and :class:`Inputs.notes` says so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from vvgctl.arshjul.checks import planned_topics
from vvgctl.index import open_index
from vvgctl.models import Organ
from vvgctl.models.common import TimeRange
from vvgctl.models.item import ItemKind
from vvgctl.models.meeting import MeetingMode
from vvgctl.models.schedule import ScheduleEntry
from vvgctl.planning.schedule import load_schedule
from vvgctl.query.actions import find_actions
from vvgctl.repository.repo import Repository


@dataclass(frozen=True)
class Slot:
    """When and where a meeting is held."""

    date: dt.date
    time: TimeRange | None = None
    place: str | None = None
    mode: MeetingMode | None = None
    note: str | None = None


@dataclass(frozen=True)
class Topic:
    """A topic the årshjul plans for the meeting, or a follow-up aimed at it."""

    title: str
    category: str | None = None
    case: str | None = None
    kind: ItemKind | None = None
    follow_ups: tuple[tuple[str, str], ...] = ()  # (the sentence, where it was set)
    from_follow_up: bool = False  # only follow-ups set it: its title is their sentence
    case_title: str | None = None  # the title of the case's latest item, if it has a case


@dataclass(frozen=True)
class OpenAction:
    """An action of an earlier meeting that is still open and due at this one."""

    text: str
    owner: str | None = None
    origin: str | None = None  # where it was set, e.g. "2025-10-22, punkt 4"
    id: str | None = None  # written or derived (vvgctl.models.item.action_id)


@dataclass(frozen=True)
class Previous:
    """The organ's latest meeting before this one."""

    date: dt.date
    path: Path
    title: str | None = None


@dataclass
class Inputs:
    """Everything :func:`vvgctl.cycle.scaffold.build` needs to write one meeting file."""

    root: Path
    organ: Organ
    slot: Slot
    previous: Previous | None = None
    topics: list[Topic] = field(default_factory=list)
    actions: list[OpenAction] = field(default_factory=list)
    coming: list[Slot] = field(default_factory=list)  # the meetings after this one (Mötestider)
    notes: list[str] = field(default_factory=list)


def previous_meeting(repository: Repository, organ: str, day: dt.date) -> Previous | None:
    """The organ's latest meeting file dated before ``day`` (its title read when valid)."""
    earlier = [(d, p) for d, p in repository.dated_meetings(organ) if d < day]
    if not earlier:
        return None
    date, path = earlier[-1]
    loaded = repository.load(path)
    title = loaded.model.title if loaded.model is not None else None
    return Previous(date, path, title)


def _slot(entry: ScheduleEntry) -> Slot:
    """A schedule entry as a :class:`Slot`."""
    return Slot(entry.date, entry.time, entry.place, entry.mode, entry.change)


def schedule(repository: Repository, organ: str) -> list[Slot]:
    """The organ's scheduled meetings, in date order."""
    return sorted((_slot(e) for e in load_schedule(repository, organ)), key=lambda s: s.date)


def next_slot(repository: Repository, organ: str, after: dt.date) -> Slot | None:
    """The organ's first scheduled meeting on or after ``after``."""
    return next((s for s in schedule(repository, organ) if s.date >= after), None)


_OTHER_QUESTION = re.compile(r"^övriga? frågor?\s*:\s*", re.IGNORECASE)


def case_titles(repository: Repository, organ: str, before: dt.date) -> dict[str, str]:
    """Each case's title as the organ's latest item on it before ``before`` names it (an
    'Övrig fråga: ' in front left off)."""
    titles: dict[str, str] = {}
    for record in repository.records():  # oldest first
        if record.organ != organ or record.date >= before:
            continue
        for _number, title, _kind, case in record.item_rows:
            if case and title:
                titles[case] = _OTHER_QUESTION.sub("", str(title)).strip() or str(title)
    return titles


def topics(repository: Repository, organ: str, day: dt.date) -> list[Topic]:
    """What the årshjul plans for the meeting, with the follow-ups aimed at it."""
    planned = planned_topics(repository, organ, day)
    titles = case_titles(repository, organ, day) if any(t.case for t in planned) else {}
    return [
        Topic(
            t.title,
            t.category,
            t.case,
            t.kind,
            t.follow_ups,
            t.from_follow_up,
            titles.get(t.case) if t.case else None,
        )
        for t in planned
    ]


def open_actions(repository: Repository, organ: str, day: dt.date) -> list[OpenAction]:
    """The organ's open actions that are due by ``day``, or due at its next meeting.

    ``due_meeting: next`` of the latest meeting is due at this one: the query index cannot
    resolve it to a date before this meeting's file exists, and says "nästa möte".
    """
    index = open_index([repository.root], repository=repository)
    try:
        rows = find_actions(index, open_only=True, organ=organ, today=day)
    finally:
        index.connection.close()
    found = []
    for row in rows:
        due_date, due = row.get("due_date"), row.get("due")
        if row["date"] >= day.isoformat():
            continue
        if (due_date and due_date <= day.isoformat()) or (not due_date and due == "nästa möte"):
            owner = row.get("owner") or row.get("owner_group")
            origin = f"mötet {row['date']}" + (f", punkt {row['item']}" if row.get("item") else "")
            found.append(OpenAction(str(row["text"]), owner, origin, row.get("id")))
    return found


def gather(repository: Repository, organ: Organ, day: dt.date, slot: Slot) -> Inputs:
    """Collect the inputs for the organ's meeting on ``day`` held at ``slot``."""
    root = repository.root
    inputs = Inputs(root, organ, slot, previous_meeting(repository, organ.id, day))
    inputs.coming = [
        s for s in schedule(repository, organ.id) if day < s.date <= day + dt.timedelta(days=366)
    ]
    inputs.topics = topics(repository, organ.id, day)
    inputs.actions = open_actions(repository, organ.id, day)
    return inputs
