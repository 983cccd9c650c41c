"""Organs' plans (årshjul): ``<organ>/<year>/plan.yaml`` read, checked and queried.

``vvgctl check`` validates every plan (the kind is registered here) and cross-checks it against
the repository, each finding with its own code:

- ``plan-location`` / ``plan-organ``: the file stands at ``<organ>/<year>/plan.yaml`` of a
  known organ;
- ``plan-unknown-category``: a topic, a recurring topic or ``follow_up_category`` names a
  category the plan does not list;
- ``plan-unscheduled``: a planned meeting date is missing from the organ's schedule (an error),
  or a planned month has no meeting in a complete schedule of that year (a warning);
- ``plan-position-without-information``: a planned position (``kind: decision`` or
  ``information_and_decision``) on a case that no earlier meeting took up as information, in
  the minutes or earlier in the plan (a warning: a case is first brought as information).

:func:`planned_topics` gives what the merged årshjul plans for one meeting (used by
``vvgctl new-meeting``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from vvgctl.diagnostics import Diagnostic, Severity, display_path
from vvgctl.models.item import KINDS_REQUIRING_DECISION, ItemKind
from vvgctl.models.plan import PlanFile
from vvgctl.repository.datafiles import DataFileKind, register
from vvgctl.repository.registry import RegistryIndex
from vvgctl.source.loading import Loaded, load_yaml_file

PLAN_FILE = "plan.yaml"

CODE_CATEGORY = "plan-unknown-category"
CODE_UNSCHEDULED = "plan-unscheduled"
CODE_POSITION = "plan-position-without-information"


@dataclass(frozen=True)
class PlannedTopic:
    """A topic the årshjul plans for a meeting."""

    category: str  # the category's name, e.g. "Uppföljning"
    title: str
    case: str | None = None
    kind: ItemKind | None = None


def plan_path(root: Path, organ: str, year: int) -> Path:
    return root / organ / f"{year:04d}" / PLAN_FILE


def load_plans(root: Path, organ: str, *, strict: bool = False) -> list[Loaded[PlanFile]]:
    """The organ's valid plans, by year. An invalid plan is skipped, or raised if ``strict``."""
    from vvgctl.planning.schedule import invalid_file_error

    found: list[Loaded[PlanFile]] = []
    folder = root / organ
    for path in sorted(folder.glob(f"*/{PLAN_FILE}")) if folder.is_dir() else []:
        loaded = load_yaml_file(path, PlanFile, display_path(path))
        if loaded.model is None:
            if strict:
                raise invalid_file_error(loaded, "plan")
            continue
        found.append(loaded)
    return sorted(found, key=lambda p: p.model.year if p.model else 0)


def planned_topics(root: Path, organ: str, on: dt.date) -> list[PlannedTopic]:
    """What the merged årshjul plans for the organ's meeting on ``on`` (empty if nothing)."""
    from vvgctl.arshjul.build import build
    from vvgctl.arshjul.minutes import read_minutes

    minutes = read_minutes(root)
    fallback: list[PlannedTopic] | None = None
    for year in (on.year, on.year + 1):  # the plan of the next year may begin in December
        arshjul = build(root, organ, year, extra_dates=[on], minutes=minutes)
        names = {r.id: r.name for r in arshjul.rows}
        column = next((c for c in arshjul.columns if c.date == on), None)
        if column is None:
            continue
        topics = [PlannedTopic(names.get(t.category, t.category), t.title, t.case, t.kind)
                  for t in column.topics]
        if arshjul.own_plan:
            return topics
        fallback = topics if fallback is None else fallback
    if fallback is not None:
        return fallback
    return []


def _categories(loaded: Loaded[BaseModel], plan: PlanFile) -> list[Diagnostic]:
    known = [c.id for c in plan.categories]
    hint = "the plan's categories: " + ", ".join(known)
    found = []
    places: list[tuple[str, tuple[str | int, ...]]] = []
    for m, meeting in enumerate(plan.meetings):
        places += [(t.category, ("meetings", m, "topics", t_, "category"))
                   for t_, t in enumerate(meeting.topics)]
    places += [(r.category, ("recurring", i, "category")) for i, r in enumerate(plan.recurring)]
    if plan.follow_up_category:
        places.append((plan.follow_up_category, ("follow_up_category",)))
    for category, node in places:
        if category not in known:
            found.append(loaded.error(CODE_CATEGORY, f"unknown category {category!r}", *node,
                                      hint=hint + " (add it under 'categories' or correct it)"))
    return found


def _unscheduled(loaded: Loaded[BaseModel], plan: PlanFile, root: Path) -> list[Diagnostic]:
    from vvgctl.planning.schedule import load_schedule_file, schedule_path

    found = []
    schedules: dict[int, set[dt.date] | None] = {}
    complete: dict[int, bool] = {}
    for m, meeting in enumerate(plan.meetings):
        year, month = meeting.year_month
        if year not in schedules:
            path = schedule_path(root, plan.organ, year)
            model = load_schedule_file(path).model if path.exists() else None
            schedules[year] = {e.date for e in model.meetings if not e.cancelled} \
                if model is not None else None
            complete[year] = model is not None and model.complete
        dates = schedules[year]
        where = f"{plan.organ}/{year}/schedule.yaml"
        if meeting.date is not None and (dates is None or meeting.date not in dates):
            found.append(loaded.error(
                CODE_UNSCHEDULED, f"the planned meeting {meeting.date} is not in the schedule",
                "meetings", m, "date",
                hint=f"add it to {where}, or plan by month ('month: {year}-{month:02d}') "
                     "while the date is not fixed"))
        elif meeting.date is None and dates is not None and complete[year] and \
                not any((d.year, d.month) == (year, month) for d in dates):
            found.append(loaded.error(
                CODE_UNSCHEDULED, f"the schedule of {year} has no meeting in "
                f"{year}-{month:02d}, the month this meeting is planned for",
                "meetings", m, "month", severity=Severity.WARNING,
                hint=f"add the meeting to {where}, or move the topics to a scheduled month"))
    return found


def _positions(loaded: Loaded[PlanFile], root: Path) -> list[Diagnostic]:
    from vvgctl.arshjul.build import merge
    from vvgctl.arshjul.minutes import INFORMATION_KINDS, read_minutes
    from vvgctl.arshjul.model import Source
    from vvgctl.planning.schedule import load_schedule

    plan = loaded.model
    assert plan is not None
    wanted = [
        *(t.case for m in plan.meetings for t in m.topics
          if t.case and t.kind in KINDS_REQUIRING_DECISION),
        *(r.case for r in plan.recurring if r.case and r.kind in KINDS_REQUIRING_DECISION)]
    if not wanted:
        return []
    minutes = read_minutes(root)
    arshjul = merge(plan.organ, plan.year, plans=[loaded], schedule=load_schedule(root, plan.organ),
                    minutes=minutes)
    found = []
    reported: set[tuple[str | int, ...]] = set()
    informed: dict[str, dt.date] = {}  # case -> first month start where information was planned
    for column in arshjul.columns:
        start = column.date or dt.date(column.year, column.month, 1)
        for topic in column.topics:
            if topic.case and topic.kind is not None and \
                    topic.kind not in KINDS_REQUIRING_DECISION:
                informed.setdefault(topic.case, start)
        for topic in column.topics:
            if not topic.case or topic.kind not in KINDS_REQUIRING_DECISION:
                continue
            first_of_month = dt.date(column.year, column.month, 1)
            held = any(i.case == topic.case and i.kind in INFORMATION_KINDS
                       for f in minutes if f.date < (column.date or first_of_month)
                       for i in f.items)
            planned_before = topic.case in informed and informed[topic.case] < start
            if held or planned_before:
                continue
            for origin in topic.origins:
                if origin.source is Source.FOLLOW_UP or origin.node in reported:
                    continue
                reported.add(origin.node)
                found.append(loaded.error(
                    CODE_POSITION, f"the position {topic.title!r} ({column.label()}) is planned "
                    f"on the case {topic.case!r}, which no earlier meeting took up as "
                    "information", *origin.node, "kind", severity=Severity.WARNING,
                    hint="plan an information item on the case at an earlier meeting "
                         "(a case is brought as information before a position)"))
    return found


def _cross_check(loaded: Loaded[BaseModel], root: Path,
                 registry: RegistryIndex) -> list[Diagnostic]:
    from vvgctl.planning.schedule import location_problems

    plan = loaded.model
    assert isinstance(plan, PlanFile)
    found = location_problems(loaded, root, registry, plan.organ, plan.year, PLAN_FILE)
    found += _categories(loaded, plan)
    found += _unscheduled(loaded, plan, root)
    typed: Loaded[PlanFile] = loaded  # type: ignore[assignment]
    found += _positions(typed, root)
    return found


register(DataFileKind("plan", f"*/*/{PLAN_FILE}", PlanFile, _cross_check, codes=(
    ("plan-location", "a plan stands at <organ>/<year>/plan.yaml of its own organ and year"),
    ("plan-organ", "the plan's organ is in the registry"),
    (CODE_CATEGORY, "every topic's category is one of the plan's categories"),
    (CODE_UNSCHEDULED, "a meeting the plan dates is in the organ's schedule"),
    (CODE_POSITION, "a planned position has an information item on its case before it"),
)))
