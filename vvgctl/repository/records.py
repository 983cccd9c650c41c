"""What the rest of the repository needs of one meeting, read once and kept in the cache.

A :class:`MeetingRecord` holds the facts that rules across files (previous links, case flow,
governing-document references, the plan against the minutes) and the årshjul (items held,
follow-ups set) read of a valid meeting. It is made where the file is parsed (in a worker
during a cold run), kept in the result cache with the file's diagnostics as plain values
(:data:`Row`, JSON on disk), and never needs the file to be parsed again in the same command.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, NamedTuple

from pydantic import Field

from vvgctl.models.item import Decision, DecisionType, Item, ItemKind, SubItem, action_id
from vvgctl.source.loading import LoadedMeeting

#: position types that settle nothing: information noted, a task given, sent back, tabled
NOT_SETTLING = frozenset(
    {DecisionType.NOTED, DecisionType.ASSIGNED, DecisionType.REFERRED, DecisionType.POSTPONED}
)

#: item kinds that bring a case as information (before a position), as a record holds them
INFORMATION_KINDS = frozenset(
    kind.value
    for kind in (
        ItemKind.INFORMATION,
        ItemKind.DIALOG,
        ItemKind.INFORMATION_AND_DIALOG,
        ItemKind.INFORMATION_AND_DECISION,
        ItemKind.WRITTEN_INFORMATION,
    )
)


def settles(decision: Decision) -> bool:
    """True when a position settles the case (it endorses, approves, recommends, rejects…)."""
    return decision.type not in NOT_SETTLING


class HeldItem(NamedTuple):
    """An agenda item a meeting took up."""

    number: str  # "4", or "1b" for a sub-item
    title: str
    kind: str | None  # an ItemKind's value
    case: str | None


class SetFollowUp(NamedTuple):
    """A follow-up a meeting set: a topic aimed at a later meeting of an organ."""

    organ: str
    meeting: str  # next | after-next | YYYY-MM | YYYY-MM-DD
    text: str
    case: str | None
    item: str
    line: int


@dataclass(frozen=True)
class MeetingRecord:
    """One valid meeting as the repository's cross-file rules and the årshjul see it."""

    path: str
    organ: str
    date: dt.date
    status: str
    previous_date: dt.date | None = None
    previous_line: int = 0
    previous_column: int = 0
    date_line: int = 0
    #: (case id, item number, has a settling position, line) per item or sub-item with a case
    cases: tuple[tuple[str, str, bool, int], ...] = ()
    #: (governing document id, line, column) per id a position names
    documents: tuple[tuple[str, int, int], ...] = ()
    #: every item and sub-item, in order (as plain tuples: see :attr:`items`)
    item_rows: tuple[tuple[Any, ...], ...] = ()
    #: the follow-ups the meeting set (as plain tuples: see :attr:`follow_ups`)
    follow_up_rows: tuple[tuple[Any, ...], ...] = ()
    #: the id of every action the meeting opened (written, or derived: models.item.action_id)
    action_ids: tuple[str, ...] = ()
    #: (action id, line, column) per entry of an item's ``closes_actions``
    closes: tuple[tuple[str, int, int], ...] = ()

    # The items and follow-ups are kept as the plain tuples the cache holds and named when
    # first asked for: most commands never look at them, and naming 15 of them for each of
    # 10,000 meetings took 0.3 s of a warm check.

    @cached_property
    def items(self) -> tuple[HeldItem, ...]:
        """Every item and sub-item, in order."""
        return tuple(HeldItem._make(i) for i in self.item_rows)

    @cached_property
    def follow_ups(self) -> tuple[SetFollowUp, ...]:
        """The follow-ups the meeting set."""
        return tuple(SetFollowUp._make(f) for f in self.follow_up_rows)

    def to_row(self) -> Row:
        """The record as plain values (what the cache keeps: read three times faster than
        the dataclass)."""
        return (
            self.path,
            self.organ,
            self.date.toordinal(),
            self.status,
            self.previous_date.toordinal() if self.previous_date else 0,
            self.previous_line,
            self.previous_column,
            self.date_line,
            self.cases,
            self.documents,
            self.item_rows,
            self.follow_up_rows,
            self.action_ids,
            self.closes,
        )

    @classmethod
    def from_row(cls, row: Row, path: str | None = None) -> MeetingRecord:
        (
            shown,
            organ,
            date,
            status,
            previous,
            previous_line,
            previous_column,
            date_line,
            cases,
            documents,
            items,
            follow_ups,
            action_ids,
            closes,
        ) = row
        return cls(
            path or shown,
            organ,
            dt.date.fromordinal(date),
            status,
            dt.date.fromordinal(previous) if previous else None,
            previous_line,
            previous_column,
            date_line,
            cases,
            documents,
            items,
            follow_ups,
            action_ids,
            closes,
        )


#: a day as :meth:`datetime.date.toordinal` gives it (0: none, where a day is optional)
Day = Annotated[int, Field(ge=1, le=dt.date.max.toordinal())]
MaybeDay = Annotated[int, Field(ge=0, le=dt.date.max.toordinal())]

#: a record as plain values (see :meth:`MeetingRecord.to_row`): also the shape the result
#: cache checks a stored record against, so that a record read back always makes a
#: :class:`MeetingRecord`
Row = tuple[
    str,
    str,
    Day,
    str,
    MaybeDay,
    int,
    int,
    int,
    tuple[tuple[str, str, bool, int], ...],  # cases
    tuple[tuple[str, int, int], ...],  # documents
    tuple[tuple[str, str, str | None, str | None], ...],  # items (HeldItem)
    tuple[tuple[str, str, str, str | None, str, int], ...],  # follow-ups (SetFollowUp)
    tuple[str, ...],  # action ids
    tuple[tuple[str, int, int], ...],
]  # closes


Contents = list[tuple[str, tuple[str | int, ...], Item | SubItem]]


def _contents(item: Item, i: int) -> Contents:
    """The item and its sub-items: (number, path in the front matter, content)."""
    found: Contents = [(item.number, ("items", i), item)]
    found += [
        (f"{item.number}{sub.number}", ("items", i, "subitems", s), sub)
        for s, sub in enumerate(item.subitems)
    ]
    return found


def record_of(loaded: LoadedMeeting) -> MeetingRecord | None:
    """The record of a parsed meeting, or None when it did not validate."""
    meeting = loaded.model
    if meeting is None:
        return None
    cases: list[tuple[str, str, bool, int]] = []
    documents: list[tuple[str, int, int]] = []
    items: list[HeldItem] = []
    follow_ups: list[SetFollowUp] = []
    action_ids: list[str] = []
    closes: list[tuple[str, int, int]] = []
    for i, item in enumerate(meeting.items):
        for number, base, content in _contents(item, i):
            case = content.case or (item.case if content is not item else None)
            kind = content.kind or (item.kind if content is not item else None)
            items.append(HeldItem(number, content.title, kind.value if kind else None, case))
            if case is not None:
                settling = any(settles(d) for d in content.decisions)
                where = (*base, "case") if content.case else (*base, "title")
                cases.append((case, number, settling, loaded.at(*where)[0]))
            for d, decision in enumerate(content.decisions):
                for k, doc_id in enumerate(decision.governing_documents):
                    documents.append(
                        (doc_id, *loaded.at(*base, "decisions", d, "governing_documents", k))
                    )
            action_ids += [
                a.id or action_id(meeting.organ, meeting.date, number, n + 1)
                for n, a in enumerate(content.actions)
            ]
            closes += [
                (closed, *loaded.at(*base, "closes_actions", c))
                for c, closed in enumerate(content.closes_actions)
            ]
            for f, follow_up in enumerate(content.follow_ups):
                follow_ups.append(
                    SetFollowUp(
                        follow_up.organ or meeting.organ,
                        follow_up.meeting,
                        follow_up.text,
                        follow_up.case or content.case,
                        item.number,
                        loaded.at(*base, "follow_ups", f)[0],
                    )
                )
    previous_line, previous_column = loaded.at("previous", "date") if meeting.previous else (0, 0)
    return MeetingRecord(
        path=loaded.path,
        organ=meeting.organ,
        date=meeting.date,
        status=meeting.status.value,
        previous_date=meeting.previous.date if meeting.previous else None,
        previous_line=previous_line,
        previous_column=previous_column,
        date_line=loaded.at("date")[0],
        cases=tuple(cases),
        documents=tuple(documents),
        item_rows=tuple(tuple(i) for i in items),
        follow_up_rows=tuple(tuple(f) for f in follow_ups),
        action_ids=tuple(action_ids),
        closes=tuple(closes),
    )
