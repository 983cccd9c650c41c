"""What the merged årshjul adds to the plans: the check of planned positions, and the topics
planned for one meeting.

- ``plan-position-without-information`` (added to the plan's data file kind): a planned
  position (``kind: decision`` or ``information_and_decision``) on a case that no earlier
  meeting took up as information, in the minutes or earlier in the plan (a warning: a case is
  first brought as information). It reads the minutes' records the repository already holds.
- :func:`planned_topics`: what the merged årshjul plans for an organ's meeting on a day (used
  by ``vvgctl new-meeting``).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from vvgctl.arshjul.build import build, merge
from vvgctl.arshjul.model import Arshjul, Column, Origin, Source, Topic
from vvgctl.diagnostics import Diagnostic, RuleCode, Severity
from vvgctl.message import Message
from vvgctl.models.item import KINDS_REQUIRING_DECISION, ItemKind
from vvgctl.models.plan import PlanFile
from vvgctl.models.schedule import ScheduleEntry
from vvgctl.planning.schedule import load_schedule
from vvgctl.repository.records import INFORMATION_KINDS, MeetingRecord
from vvgctl.repository.repo import Repository
from vvgctl.runtime.i18n import N_
from vvgctl.source.loading import Loaded

CODE_POSITION = "plan-position-without-information"


@dataclass(frozen=True)
class PlannedTopic:
    """A topic the årshjul plans for a meeting."""

    category: str  # the category's name, e.g. "Uppföljning"
    title: str
    case: str | None = None
    kind: ItemKind | None = None
    #: the follow-ups in minutes that aim at the meeting: (their sentence, where they were set)
    follow_ups: tuple[tuple[str, str], ...] = ()
    #: nothing but follow-ups set it (its title is then a follow-up's sentence)
    from_follow_up: bool = False


def planned_topics(repository: Repository, organ: str, on: dt.date) -> list[PlannedTopic]:
    """What the merged årshjul plans for the organ's meeting on ``on`` (empty if nothing)."""
    fallback: list[PlannedTopic] | None = None
    for year in (on.year, on.year + 1):  # the plan of the next year may begin in December
        arshjul = build(repository, organ, year, extra_dates=[on])
        names = {r.id: r.name for r in arshjul.rows}
        column = next((c for c in arshjul.columns if c.date == on), None)
        if column is None:
            continue
        topics = [
            PlannedTopic(
                names.get(t.category, t.category),
                t.title,
                t.case,
                t.kind,
                tuple((o.text or t.title, o.label()) for o in t.follow_ups),
                bool(t.origins) and t.from_follow_up_only,
            )
            for t in column.topics
        ]
        if arshjul.own_plan:
            return topics
        fallback = topics if fallback is None else fallback
    return fallback or []


def _first_information(repository: Repository) -> dict[str, dt.date]:
    """Each case's first meeting that took it up as information (once per command)."""
    first: dict[str, dt.date] = {}
    for record in repository.records():  # oldest first
        for _number, _title, kind, case in record.item_rows:  # rows: no item named
            if case and kind in INFORMATION_KINDS:
                first.setdefault(case, record.date)
    return first


def _dates(repository: Repository) -> list[dt.date]:
    return [r.date for r in repository.records()]


def _around(repository: Repository, year: int) -> list[MeetingRecord]:
    """The records from the year before ``year`` to the year after (sorted by date): all that
    can place a column in the plan's period (a plan may begin in December of the year before;
    the schedule is cut to the same years).
    Follow-ups set further back only add topics without a kind, which this check ignores;
    leaving them out keeps it from reading years of minutes for every plan."""
    dates = repository.derived("record-dates", _dates)
    first = bisect.bisect_left(dates, dt.date(year - 1, 1, 1))
    last = bisect.bisect_right(dates, dt.date(year + 1, 12, 31))
    return repository.records()[first:last]


def _schedule_around(repository: Repository, organ: str, year: int) -> list[ScheduleEntry]:
    """The organ's scheduled meetings in the same years as :func:`_around`."""
    entries = load_schedule(repository, organ)  # sorted by date
    dates = repository.derived(f"schedule-dates:{organ}", lambda r: [e.date for e in entries])
    first = bisect.bisect_left(dates, dt.date(year - 1, 1, 1))
    last = bisect.bisect_right(dates, dt.date(year + 1, 12, 31))
    return entries[first:last]


def _positions(loaded: Loaded[BaseModel], repository: Repository) -> list[Diagnostic]:
    plan = loaded.model
    assert isinstance(plan, PlanFile)
    wanted = [
        *(
            t.case
            for m in plan.meetings
            for t in m.topics
            if t.case and t.kind in KINDS_REQUIRING_DECISION
        ),
        *(r.case for r in plan.recurring if r.case and r.kind in KINDS_REQUIRING_DECISION),
    ]
    if not wanted:
        return []
    typed: Loaded[PlanFile] = loaded  # type: ignore[assignment]
    arshjul = merge(
        plan.organ,
        plan.year,
        plans=[typed],
        schedule=_schedule_around(repository, plan.organ, plan.year),
        minutes=_around(repository, plan.year),
        planned_only=True,
    )
    first_information = repository.derived("first-information", _first_information)
    found = []
    for column, topic, origin in _uninformed(arshjul, first_information):
        found.append(
            loaded.error(
                CODE_POSITION,
                Message(
                    N_(
                        "the position {title!r} ({label}) is planned on the case {case!r}, "
                        "which no earlier meeting took up as information"
                    ),
                    {"title": topic.title, "label": column.label(), "case": topic.case},
                ),
                *origin.node,
                "kind",
                severity=Severity.WARNING,
                hint=N_(
                    "plan an information item on the case at an earlier meeting (a "
                    "case is brought as information before a position)"
                ),
            )
        )
    return found


def _uninformed(
    arshjul: Arshjul, first_information: dict[str, dt.date]
) -> Iterator[tuple[Column, Topic, Origin]]:
    """Each planned position (its column, topic and the plan's entry it comes from, each entry
    once) on a case that neither the minutes nor the plan took up as information before it."""
    reported: set[tuple[str | int, ...]] = set()
    informed: dict[str, dt.date] = {}  # case -> first month start where information was planned
    for column in arshjul.columns:
        start = column.date or dt.date(column.year, column.month, 1)
        for topic in column.topics:
            if topic.case and topic.kind is not None and topic.kind not in KINDS_REQUIRING_DECISION:
                informed.setdefault(topic.case, start)
        for topic in column.topics:
            if not topic.case or topic.kind not in KINDS_REQUIRING_DECISION:
                continue
            held_on = first_information.get(topic.case)
            held = held_on is not None and held_on < start
            planned_before = topic.case in informed and informed[topic.case] < start
            if held or planned_before:
                continue
            for origin in topic.origins:
                if origin.source is Source.FOLLOW_UP or origin.node in reported:
                    continue
                reported.add(origin.node)
                yield column, topic, origin


#: the plan's cross-check against the merged årshjul, and its codes (added to the plan's kind
#: by :mod:`vvgctl.checking.registry`)
POSITION_CHECK = _positions
POSITION_CODES = (
    RuleCode(
        CODE_POSITION,
        N_("a planned position has an information item on its case before it"),
        (Severity.WARNING,),
    ),
)
