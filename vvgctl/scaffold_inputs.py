"""What a new meeting is built from: the schedule, the årshjul, open actions, earlier meetings.

Each source is read through one function here, so that :mod:`vvgctl.scaffold` works on plain
values. A source the repository does not have (no schedule for the year, no plan) gives nothing
and :class:`Inputs.notes` says so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from vvgctl.models import Organ
from vvgctl.models.common import TimeRange
from vvgctl.models.meeting import MeetingMode

_DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})\.md$")


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
    """A topic the årshjul plans for the meeting."""

    title: str
    category: str | None = None
    case: str | None = None


@dataclass(frozen=True)
class OpenAction:
    """An action of an earlier meeting that is still open and due at this one."""

    text: str
    owner: str | None = None
    origin: str | None = None  # where it was set, e.g. "2025-10-22, punkt 4"
    id: str | None = None


@dataclass(frozen=True)
class Previous:
    """The organ's latest meeting before this one."""

    date: dt.date
    path: Path
    title: str | None = None


@dataclass
class Inputs:
    """Everything :func:`vvgctl.scaffold.build` needs to write one meeting file."""

    root: Path
    organ: Organ
    slot: Slot
    previous: Previous | None = None
    topics: list[Topic] = field(default_factory=list)
    actions: list[OpenAction] = field(default_factory=list)
    coming: list[Slot] = field(default_factory=list)  # the meetings after this one (Mötestider)
    notes: list[str] = field(default_factory=list)


def meeting_path(root: Path, organ: str, day: dt.date) -> Path:
    """Where the organ's meeting on ``day`` lives: ``<root>/<organ>/<year>/<date>.md``."""
    return root / organ / f"{day.year:04d}" / f"{day.isoformat()}.md"


def meeting_dates(root: Path, organ: str) -> list[tuple[dt.date, Path]]:
    """The organ's meeting files by the date in their name, oldest first."""
    found: list[tuple[dt.date, Path]] = []
    folder = root / organ
    if not folder.is_dir():
        return found
    for path in folder.glob("*/*.md"):
        match = _DATED.match(path.name)
        if not match:
            continue
        try:
            found.append((dt.date.fromisoformat(match.group(1)), path))
        except ValueError:
            continue
    return sorted(found)


def previous_meeting(root: Path, organ: str, day: dt.date) -> Previous | None:
    """The organ's latest meeting file dated before ``day`` (its title read when valid)."""
    from vvgctl.loading import load_meeting

    earlier = [(d, p) for d, p in meeting_dates(root, organ) if d < day]
    if not earlier:
        return None
    date, path = earlier[-1]
    loaded = load_meeting(path)
    title = loaded.model.title if loaded.model is not None else None
    return Previous(date, path, title)


def _slot(entry: object) -> Slot:
    """A schedule entry (``vvgctl.schedule.ScheduleEntry``) as a :class:`Slot`."""
    mode = getattr(entry, "mode", None)
    if isinstance(mode, str) and not isinstance(mode, MeetingMode):
        mode = MeetingMode(mode)
    day = getattr(entry, "date")  # noqa: B009 - the entry type belongs to another module
    return Slot(day, getattr(entry, "time", None), getattr(entry, "place", None), mode,
                getattr(entry, "change", None))


def _module(name: str) -> object | None:
    """A sibling module that may not be installed yet (schedule, plan, actions)."""
    import importlib

    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None


def schedule_supported() -> bool:
    return _module("vvgctl.schedule") is not None


def schedule(root: Path, organ: str) -> list[Slot] | None:
    """The organ's scheduled meetings, or None when vvgctl has no schedule support."""
    module = _module("vvgctl.schedule")
    if module is None:
        return None
    entries = getattr(module, "load_schedule")(root, organ)  # noqa: B009
    return sorted((_slot(e) for e in entries), key=lambda s: s.date)


def next_slot(root: Path, organ: str, after: dt.date) -> Slot | None:
    """The organ's first scheduled meeting on or after ``after``."""
    slots = schedule(root, organ) or []
    return next((s for s in slots if s.date >= after), None)


def topics(root: Path, organ: str, day: dt.date) -> list[Topic] | None:
    """What the årshjul plans for the meeting, or None without plan support."""
    module = _module("vvgctl.plan")
    if module is None:
        return None
    found = getattr(module, "planned_topics")(root, organ, day)  # noqa: B009
    return [Topic(str(t.title), getattr(t, "category", None), getattr(t, "case", None))
            for t in found]


def open_actions(root: Path, organ: str, day: dt.date) -> list[OpenAction]:
    """The organ's open actions that are due by ``day``, or due at its next meeting.

    ``due_meeting: next`` of the latest meeting is due at this one: the query index cannot
    resolve it to a date before this meeting's file exists, and says "nästa möte".
    """
    from vvgctl.index import open_index
    from vvgctl.query.actions import find_actions

    index = open_index([root])
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


def gather(root: Path, organ: Organ, day: dt.date, slot: Slot) -> Inputs:
    """Collect the inputs for the organ's meeting on ``day`` held at ``slot``."""
    inputs = Inputs(root, organ, slot, previous_meeting(root, organ.id, day))
    slots = schedule(root, organ.id)
    if slots is None:
        inputs.notes.append("vvgctl cannot read schedules yet: 'Mötestider' is left empty")
    else:
        inputs.coming = [s for s in slots
                         if day < s.date <= day + dt.timedelta(days=366)]
    planned = topics(root, organ.id, day)
    if planned is None:
        inputs.notes.append("vvgctl cannot read the årshjul yet: no planned topics")
    else:
        inputs.topics = planned
    inputs.actions = open_actions(root, organ.id, day)
    return inputs
