"""Organs' plans (årshjul): ``<organ>/<year>/plan.yaml`` read, checked and queried.

``vvgctl check`` validates every plan (the kind is registered here) and cross-checks it against
the repository, each finding with its own code:

- ``plan-location`` / ``plan-organ``: the file stands at ``<organ>/<year>/plan.yaml`` of a
  known organ;
- ``plan-unknown-category``: a topic, a recurring topic or ``follow_up_category`` names a
  category the plan does not list;
- ``plan-unscheduled``: a planned meeting date is missing from the organ's schedule (an error),
  or a planned month has no meeting in a complete schedule of that year (a warning);

The check of planned positions against the minutes (``plan-position-without-information``)
needs the merged årshjul: :mod:`vvgctl.arshjul.checks` adds it to this kind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel

from vvgctl.diagnostics import Diagnostic, RuleCode, Severity
from vvgctl.message import Message
from vvgctl.models.plan import PlanFile
from vvgctl.models.schedule import ScheduleFile
from vvgctl.planning.schedule import location_problems, organ_data_files
from vvgctl.repository.datafiles import DataFileKind
from vvgctl.repository.repo import PLAN_FILE, Repository
from vvgctl.runtime.i18n import N_
from vvgctl.source.loading import Loaded

CODE_CATEGORY = "plan-unknown-category"
CODE_UNSCHEDULED = "plan-unscheduled"


def load_plans(
    repository: Repository, organ: str, *, strict: bool = False
) -> list[Loaded[PlanFile]]:
    """The organ's valid plans, by year. An invalid plan is skipped, or raised if ``strict``."""
    found = organ_data_files(repository, organ, PLAN_FILE, PlanFile, "plan", strict=strict)
    return sorted(found, key=lambda p: p.model.year if p.model else 0)


def _categories(loaded: Loaded[BaseModel], plan: PlanFile) -> list[Diagnostic]:
    known = [c.id for c in plan.categories]
    hint = Message(
        N_("the plan's categories: {categories} (add it under 'categories' or correct it)"),
        {"categories": ", ".join(known)},
    )
    found = []
    places: list[tuple[str, tuple[str | int, ...]]] = []
    for m, meeting in enumerate(plan.meetings):
        places += [
            (t.category, ("meetings", m, "topics", t_, "category"))
            for t_, t in enumerate(meeting.topics)
        ]
    places += [(r.category, ("recurring", i, "category")) for i, r in enumerate(plan.recurring)]
    if plan.follow_up_category:
        places.append((plan.follow_up_category, ("follow_up_category",)))
    for category, node in places:
        if category not in known:
            found.append(
                loaded.error(
                    CODE_CATEGORY,
                    Message(N_("unknown category {category!r}"), {"category": category}),
                    *node,
                    hint=hint,
                )
            )
    return found


@dataclass
class _Scheduled:
    """The meetings an organ's schedule of a year holds (None: no schedule), and whether the
    schedule says it is complete."""

    dates: set[dt.date] | None
    complete: bool


def _scheduled(repository: Repository, organ: str, year: int) -> _Scheduled:
    path = repository.schedule_path(organ, year)
    model = repository.data(path, ScheduleFile).model if path.exists() else None
    if model is None:
        return _Scheduled(None, False)
    return _Scheduled({e.date for e in model.meetings if not e.cancelled}, model.complete)


def _unscheduled(
    loaded: Loaded[BaseModel], plan: PlanFile, repository: Repository
) -> list[Diagnostic]:
    found = []
    schedules: dict[int, _Scheduled] = {}
    for m, meeting in enumerate(plan.meetings):
        year, month = meeting.year_month
        if year not in schedules:
            schedules[year] = _scheduled(repository, plan.organ, year)
        scheduled = schedules[year]
        dates = scheduled.dates
        where = f"{plan.organ}/{year}/schedule.yaml"
        if meeting.date is not None and (dates is None or meeting.date not in dates):
            found.append(_date_not_scheduled(loaded, m, meeting.date, where))
        elif (
            meeting.date is None
            and dates is not None
            and scheduled.complete
            and not any((d.year, d.month) == (year, month) for d in dates)
        ):
            found.append(_month_not_scheduled(loaded, m, (year, month), where))
    return found


def _date_not_scheduled(loaded: Loaded[BaseModel], m: int, date: dt.date, where: str) -> Diagnostic:
    return loaded.error(
        CODE_UNSCHEDULED,
        Message(
            N_("the planned meeting {date} is not in the schedule"),
            {"date": date},
        ),
        "meetings",
        m,
        "date",
        hint=Message(
            N_(
                "add it to {where}, or plan by month ('month: {year}-{month:02d}') "
                "while the date is not fixed"
            ),
            {"where": where, "year": date.year, "month": date.month},
        ),
    )


def _month_not_scheduled(
    loaded: Loaded[BaseModel], m: int, year_month: tuple[int, int], where: str
) -> Diagnostic:
    year, month = year_month
    return loaded.error(
        CODE_UNSCHEDULED,
        Message(
            N_(
                "the schedule of {year} has no meeting in "
                "{year}-{month:02d}, the month this meeting is planned "
                "for"
            ),
            {"year": year, "month": month},
        ),
        "meetings",
        m,
        "month",
        severity=Severity.WARNING,
        hint=Message(
            N_("add the meeting to {where}, or move the topics to a scheduled month"),
            {"where": where},
        ),
    )


def _cross_check(loaded: Loaded[BaseModel], repository: Repository) -> list[Diagnostic]:
    plan = loaded.model
    assert isinstance(plan, PlanFile)
    found = location_problems(loaded, repository.registry, plan.organ, plan.year, PLAN_FILE)
    found += _categories(loaded, plan)
    found += _unscheduled(loaded, plan, repository)
    return found


#: the plan as a data file kind (listed, with the årshjul's check, by
#: :mod:`vvgctl.checking.registry`)
KIND = DataFileKind(
    "plan",
    f"*/*/{PLAN_FILE}",
    PlanFile,
    (_cross_check,),
    codes=(
        RuleCode(
            "plan-location",
            N_("a plan stands at <organ>/<year>/plan.yaml of its own organ and year"),
        ),
        RuleCode("plan-organ", N_("the plan's organ is in the registry")),
        RuleCode(CODE_CATEGORY, N_("every topic's category is one of the plan's categories")),
        RuleCode(
            CODE_UNSCHEDULED,
            N_(
                "a meeting the plan dates is in the organ's schedule (a "
                "planned month without a meeting in a complete schedule: a "
                "warning)"
            ),
            (Severity.ERROR, Severity.WARNING),
        ),
    ),
)
