"""Merge the schedule, the plan, its recurring rules and the minutes' follow-ups.

The timeline of an organ's meetings is the union of its schedule, its minutes and the meetings
its plans name; a plan's month without a date joins the first dated meeting of that month. The
årshjul of a year is the part of the timeline inside the plan's period (January–December when
there is no plan), each meeting with its topics:

1. the plan's topics for that meeting;
2. the recurring topics of the latest plan up to that year ("every year at the April meeting"):
   a month or quarter without a known meeting gets a column of its own, dated only by month;
3. the follow-ups set in minutes and aimed at that meeting ("next", "after-next", a month or a
   date). A follow-up on a case the meeting already plans joins that topic; any other gets a
   topic of its own in the plan's ``follow_up_category`` (or a row of its own).

A meeting whose minutes exist marks each topic held (an agenda item with the same case, or a
title that shares most of its words) or slipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from vvgctl.arshjul.model import (
    FOLLOW_UP_ROW,
    FOLLOW_UP_ROW_NAME,
    Arshjul,
    Column,
    Origin,
    Row,
    Source,
    Topic,
    TopicStatus,
)
from vvgctl.arshjul.timeline import Timeline, YearMonth, months
from vvgctl.message import Message
from vvgctl.models.meeting import Status
from vvgctl.models.plan import Occurrence, PlanFile
from vvgctl.models.schedule import ScheduleEntry
from vvgctl.planning.plan import load_plans
from vvgctl.planning.schedule import load_schedule
from vvgctl.repository.records import MeetingRecord, SetFollowUp
from vvgctl.repository.repo import Repository
from vvgctl.runtime.i18n import N_
from vvgctl.source.loading import Loaded

#: category colours: dark enough for white text and for lines on white paper (contrast >= 4.5)
PALETTE = ("#1f5c99", "#9c4a00", "#2e7d32", "#7b3294", "#b3123a", "#00696b", "#5d4037", "#4a4a4a")


@lru_cache(maxsize=4096)
def _tokens(text: str) -> frozenset[str]:
    """The words of a title that say something (four letters or more); titles recur in every
    year's årshjul, so each is cut into words once."""
    return frozenset(w for w in re.findall(r"[a-zåäöéü0-9]+", text.casefold()) if len(w) >= 4)


def matches(topic: Topic, title: str, case: str | None) -> bool:
    """Does an agenda item (title, case) take up the topic?"""
    if topic.case and case:
        return topic.case == case
    mine, theirs = _tokens(topic.title), _tokens(title)
    if not mine:
        return False
    shared = len(mine & theirs)
    return shared >= min(2, len(mine)) and shared / len(mine) >= 0.6


def _add(column: Column, topic: Topic) -> None:
    """Add a topic; the same title in the same row joins the topic already there."""
    for present in column.topics:
        if (
            present.category == topic.category
            and present.title.casefold() == topic.title.casefold()
        ):
            present.origins += topic.origins
            present.case = present.case or topic.case
            present.kind = present.kind or topic.kind
            return
    column.topics.append(topic)


def _target(
    timeline: Timeline, follow_up: SetFollowUp, set_on: dt.date, window: Sequence[YearMonth]
) -> Column | None:
    """The meeting a follow-up aims at, or None when it lies outside the window."""
    target = follow_up.meeting
    if target in ("next", "after-next"):
        later = timeline.after(set_on)
        wanted = 0 if target == "next" else 1
        column = later[wanted] if len(later) > wanted else None
    elif len(target) == 7:
        year, month = int(target[:4]), int(target[5:])
        if (year, month) not in window:
            return None
        column = timeline.in_month(year, month)[0]
    else:
        day = dt.date.fromisoformat(target)
        if (day.year, day.month) not in window:
            return None
        column = timeline.dated(day)
    if column is None or (column.year, column.month) not in window:
        return None
    return column


def _plan_for(plans: Sequence[Loaded[PlanFile]], year: int) -> Loaded[PlanFile] | None:
    """The plan of ``year``, else the latest plan before it (whose rules still hold)."""
    best: Loaded[PlanFile] | None = None
    for loaded in plans:
        plan = loaded.model
        assert plan is not None
        if plan.year == year:
            return loaded
        if plan.year < year and (best is None or best.model is None or plan.year > best.model.year):
            best = loaded
    return best


def _add_planned(
    timeline: Timeline, plans: Sequence[Loaded[PlanFile]], window: list[YearMonth]
) -> None:
    """Step 1 of :func:`merge`: the plans' own topics (every plan's meetings that fall in the
    window)."""
    for other in plans:
        assert other.model is not None
        for m, meeting in enumerate(other.model.meetings):
            if meeting.year_month not in window:
                continue
            column = (
                timeline.dated(meeting.date)
                if meeting.date is not None
                else timeline.in_month(*meeting.year_month)[0]
            )
            for t, entry_topic in enumerate(meeting.topics):
                _add(
                    column,
                    Topic(
                        entry_topic.title,
                        entry_topic.category,
                        entry_topic.case,
                        entry_topic.kind,
                        [
                            Origin(
                                Source.PLAN,
                                other.path,
                                other.at("meetings", m, "topics", t)[0],
                                node=("meetings", m, "topics", t),
                            )
                        ],
                    ),
                )


def _add_recurring(
    timeline: Timeline, loaded: Loaded[PlanFile], plan: PlanFile, window: list[YearMonth]
) -> None:
    """Step 2 of :func:`merge`: the recurring topics of the plan in force."""
    first_year = plan.period[0][0]
    for r, rule in enumerate(plan.recurring):
        for rule_year in sorted({y for y, _ in window}):
            if not rule.applies(rule_year, first_year):
                continue
            months = [(rule_year, m) for m in rule.months()]
            if not all(ym in window for ym in months):
                continue
            candidates = [c for ym in months for c in timeline.in_month(*ym, create=False)]
            if not candidates:
                candidates = timeline.in_month(*months[0])
            chosen = (
                candidates
                if rule.meeting is Occurrence.EVERY
                else [candidates[0] if rule.meeting is Occurrence.FIRST else candidates[-1]]
            )
            title, case = rule.render(rule_year)
            for column in chosen:
                _add(
                    column,
                    Topic(
                        title,
                        rule.category,
                        case,
                        rule.kind,
                        [
                            Origin(
                                Source.RECURRING,
                                loaded.path,
                                loaded.at("recurring", r)[0],
                                node=("recurring", r),
                            )
                        ],
                    ),
                )


def _add_follow_ups(
    timeline: Timeline,
    organ: str,
    plan: PlanFile | None,
    minutes: Sequence[MeetingRecord],
    window: list[YearMonth],
) -> None:
    """Step 3 of :func:`merge`: the follow-ups set in minutes, each in the meeting it aims at
    (beside a topic on the same case, else in the follow-up row)."""
    follow_row = (
        plan.follow_up_category
        if plan is not None and plan.follow_up_category and plan.category(plan.follow_up_category)
        else None
    )
    for facts in minutes:
        for follow_up in facts.follow_ups:
            if follow_up.organ != organ:
                continue
            aimed = _target(timeline, follow_up, facts.date, window)
            if aimed is None:
                continue
            origin = Origin(
                Source.FOLLOW_UP,
                facts.path,
                follow_up.line,
                follow_up.text,
                facts.date,
                follow_up.item,
            )
            same_case = [t for t in aimed.topics if follow_up.case and t.case == follow_up.case]
            if same_case:
                same_case[0].origins.append(origin)
                continue
            row_id = follow_row or _category_of_case(timeline, follow_up.case) or FOLLOW_UP_ROW
            _add(aimed, Topic(follow_up.text, row_id, follow_up.case, None, [origin]))


def merge(
    organ: str,
    year: int,
    *,
    plans: Sequence[Loaded[PlanFile]],
    schedule: Iterable[ScheduleEntry],
    minutes: Sequence[MeetingRecord],
    organ_name: str | None = None,
    extra_dates: Iterable[dt.date] = (),
    planned_only: bool = False,
) -> Arshjul:
    """The årshjul of ``organ`` for ``year`` from values already read (see :func:`build`).

    ``planned_only``: what the plans and the schedule put in the period, the minutes only as
    dated meetings; no follow-ups, and no topic marked held or slipped (the plan's check of
    planned positions needs no more, and runs once per plan)."""
    loaded = _plan_for(plans, year)
    plan = loaded.model if loaded is not None else None
    own = plan is not None and plan.year == year
    start, end = plan.period if plan is not None and own else ((year, 1), (year, 12))
    window = months(start, end)
    timeline = _timeline(plans, schedule, [f for f in minutes if f.organ == organ], extra_dates)
    _add_planned(timeline, plans, window)
    if plan is not None and loaded is not None:
        _add_recurring(timeline, loaded, plan, window)
    if not planned_only:
        _add_follow_ups(timeline, organ, plan, minutes, window)
    columns = [c for c in timeline.columns if (c.year, c.month) in window]
    rows = _rows(plan, plans, [t.category for c in columns for t in c.topics])
    by_path = {f.path: f for f in minutes}
    for column in () if planned_only else columns:
        if column.minutes is not None:
            _mark(column, by_path[column.minutes])
    title = plan.title if plan is not None and own and plan.title else f"Årshjul {year}"
    result = Arshjul(
        organ, organ_name or organ, year, title, rows, columns, start, end, own_plan=own
    )
    if plan is None:
        result.notes.append(
            Message(
                N_("no plan for {organ} {year} or earlier: no recurring topics"),
                {"organ": organ, "year": year},
            )
        )
    elif not own:
        result.notes.append(
            Message(
                N_(
                    "no plan for {organ} {year}: the recurring topics of the plan "
                    "for {year2} are used"
                ),
                {"organ": organ, "year": year, "year2": plan.year},
            )
        )
    return result


def _timeline(
    plans: Sequence[Loaded[PlanFile]],
    schedule: Iterable[ScheduleEntry],
    held: Sequence[MeetingRecord],
    extra_dates: Iterable[dt.date],
) -> Timeline:
    """The columns of the scheduled, held, extra and planned meetings, before any topic."""
    entries = {e.date: e for e in schedule}
    timeline = Timeline.of([*entries, *(facts.date for facts in held), *extra_dates])
    for day, entry in entries.items():
        timeline.dated(day).entry = entry
    for facts in held:
        timeline.dated(facts.date).minutes = facts.path
    for other in plans:
        assert other.model is not None
        for meeting in other.model.meetings:
            if meeting.date is not None:
                timeline.dated(meeting.date)
            else:
                timeline.in_month(*meeting.year_month)
    return timeline


def _rows(plan: PlanFile | None, plans: Sequence[Loaded[PlanFile]], used: list[str]) -> list[Row]:
    """The plan's categories, then those of other plans that topics in the window use, then
    any other category a topic names (a follow-up's row among them)."""
    rows: list[Row] = []
    if plan is not None:
        for i, category in enumerate(plan.categories):
            rows.append(
                Row(category.id, category.name, category.colour or PALETTE[i % len(PALETTE)])
            )
    for other in plans:  # rows of other plans whose meetings fall in the window
        assert other.model is not None
        for category in other.model.categories:
            if category.id in used and all(r.id != category.id for r in rows):
                rows.append(
                    Row(
                        category.id,
                        category.name,
                        category.colour or PALETTE[len(rows) % len(PALETTE)],
                    )
                )
    for row_id in dict.fromkeys(used):
        if all(r.id != row_id for r in rows):
            name = FOLLOW_UP_ROW_NAME if row_id == FOLLOW_UP_ROW else row_id
            rows.append(Row(row_id, name, PALETTE[len(rows) % len(PALETTE)]))
    return rows


def _category_of_case(timeline: Timeline, case: str | None) -> str | None:
    if case is None:
        return None
    for column in timeline.columns:
        for topic in column.topics:
            if topic.case == case and not topic.from_follow_up_only:
                return topic.category
    return None


def _mark(column: Column, facts: MeetingRecord) -> None:
    for topic in column.topics:
        item = next((i for i in facts.items if matches(topic, i.title, i.case)), None)
        if item is None:
            topic.status = TopicStatus.SLIPPED
        else:
            topic.status, topic.held_item = TopicStatus.HELD, item.number


def build(
    repository: Repository,
    organ: str,
    year: int,
    *,
    extra_dates: Iterable[dt.date] = (),
    approved_only: bool = False,
) -> Arshjul:
    """Merge the årshjul of ``organ`` for ``year`` from what the repository holds.

    The minutes' records are read once per repository (and cached between runs), so building
    several years or organs costs one reading of the minutes. ``approved_only`` (the published
    site) reads approved minutes only: a planned, draft or in-review record gives no meeting,
    no follow-up and no held topic."""
    found = repository.registry.organ(organ)
    name = organ
    if found is not None:
        name = f"{found.name} ({found.short_name})" if found.short_name else found.name
    return merge(
        organ,
        year,
        plans=load_plans(repository, organ, strict=True),
        schedule=load_schedule(repository, organ, strict=True),
        minutes=[
            r
            for r in repository.records()
            if not approved_only or r.status == Status.APPROVED.value
        ],
        organ_name=name,
        extra_dates=extra_dates,
    )
