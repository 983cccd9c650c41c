"""The merged årshjul as plain values: columns (meetings), rows (categories), topics."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from vvgctl.message import Message
from vvgctl.models.item import ItemKind
from vvgctl.models.schedule import ScheduleEntry
from vvgctl.swedish.dates import long_date, month_year

#: the row of follow-ups that no planned topic covers, when the plan names no category for them
FOLLOW_UP_ROW = "uppfoljning-fran-anteckningar"
FOLLOW_UP_ROW_NAME = "Uppföljning från mötesanteckningar"


class TopicStatus(str, enum.Enum):
    HELD = "held"  # an agenda item of the meeting took it up
    SLIPPED = "slipped"  # the meeting was held (its minutes exist) without it
    PLANNED = "planned"  # the meeting is still to come (or has no minutes yet)


STATUS_LABELS = {
    TopicStatus.HELD: "behandlat",
    TopicStatus.SLIPPED: "ej behandlat",
    TopicStatus.PLANNED: "planerat",
}


class Source(str, enum.Enum):
    PLAN = "plan"
    RECURRING = "recurring"
    FOLLOW_UP = "follow_up"


@dataclass
class Origin:
    """Where a topic was set: the plan, a recurring rule, or a follow-up in minutes."""

    source: Source
    path: str
    line: int
    text: str | None = None  # the follow-up's own words
    meeting: dt.date | None = None  # the minutes that set the follow-up
    item: str | None = None
    node: tuple[str | int, ...] = ()  # the plan's YAML node (for diagnostics)

    def label(self) -> str:
        if self.source is Source.FOLLOW_UP and self.meeting:
            item = f" p. {self.item}" if self.item else ""
            return f"uppföljning från {self.meeting.isoformat()}{item}"
        return "återkommande" if self.source is Source.RECURRING else "plan"


@dataclass
class Topic:
    title: str
    category: str
    case: str | None = None
    kind: ItemKind | None = None
    origins: list[Origin] = field(default_factory=list)
    status: TopicStatus = TopicStatus.PLANNED
    held_item: str | None = None  # the agenda item that took it up

    @property
    def follow_ups(self) -> list[Origin]:
        return [o for o in self.origins if o.source is Source.FOLLOW_UP]

    @property
    def from_follow_up_only(self) -> bool:
        return all(o.source is Source.FOLLOW_UP for o in self.origins)


@dataclass
class Column:
    """One meeting of the årshjul: a date, or a month while the date is not fixed."""

    year: int
    month: int
    date: dt.date | None = None
    entry: ScheduleEntry | None = None
    minutes: str | None = None  # the path of the meeting's minutes, when they exist
    topics: list[Topic] = field(default_factory=list)

    @property
    def key(self) -> tuple[int, int, int]:
        return self.year, self.month, self.date.day if self.date else 0

    @property
    def tentative(self) -> bool:
        return self.date is None or (self.entry is not None and self.entry.tentative)

    def label(self) -> str:
        """'December 2025' as the minutes head the column, or '10 december 2025'."""
        if self.date is None:
            return month_year(self.year, self.month).capitalize()
        return long_date(self.date)

    def after(self, day: dt.date) -> bool:
        if self.date is not None:
            return self.date > day
        return (self.year, self.month) > (day.year, day.month)


@dataclass
class Row:
    id: str
    name: str
    colour: str


@dataclass
class Arshjul:
    organ: str
    organ_name: str
    year: int
    title: str
    rows: list[Row]
    columns: list[Column]
    start: tuple[int, int]
    end: tuple[int, int]
    notes: list[Message] = field(default_factory=list)
    own_plan: bool = False  # the year has a plan of its own (not only an earlier plan's rules)

    def row(self, row_id: str) -> Row | None:
        return next((r for r in self.rows if r.id == row_id), None)

    def cell(self, column: Column, row_id: str) -> list[Topic]:
        return [t for t in column.topics if t.category == row_id]
