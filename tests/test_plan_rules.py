"""The rules of a plan (årshjul) file, each with its message: the model's own validation
(models/plan.py, in the order the rules run) and the check against the schedule
(planning/plan.py: a dated meeting missing from the schedule is an error, a planned month
without a meeting in a complete schedule a warning)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from tests.conftest import RepoFactory
from vvgctl.checking.check import run_check
from vvgctl.models.plan import PlanFile
from vvgctl.runtime.i18n import render


def _plan(**fields: Any) -> dict[str, Any]:
    return {"organ": "vvg", "year": 2026, "categories": [{"id": "a", "name": "A"}]} | fields


def _error(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        PlanFile.model_validate(data)
    return str(render(caught.value.errors()[0]["ctx"]["error"].args[0]))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"categories": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]},
            "the category 'a' is listed twice",
        ),
        ({"start": "2026-03", "end": "2026-02"}, "'end' (2026-02) is before 'start' (2026-03)"),
        (
            {"start": "2025-01", "end": "2026-01"},
            "an årshjul covers at most twelve months; split it per year",
        ),
        (
            {"start": "2024-01", "end": "2024-12"},
            "the period 2024-01 – 2024-12 does not touch the plan's year 2026",
        ),
        (
            {"meetings": [{"date": "2026-05-06"}, {"month": "2027-01"}]},
            "the meeting 2027-01 is outside the plan's period 2026-01 – 2026-12",
        ),
        (
            {"recurring": [{"title": "x", "category": "a", "month": 4, "case": "x {year}"}]},
            "the case 'x {year}' does not give a valid case id",
        ),
    ],
)
def test_a_plan_breaking_a_rule_is_refused_with_its_message(
    fields: dict[str, Any], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert _error(_plan(**fields)) == message


def test_the_first_rule_broken_is_the_one_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    twice = [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]
    assert "listed twice" in _error(_plan(categories=twice, start="2026-03", end="2026-02"))
    assert "is before" in _error(
        _plan(start="2026-03", end="2026-02", meetings=[{"month": "2030-01"}])
    )


def test_a_plan_within_its_rules_is_accepted() -> None:
    plan = PlanFile.model_validate(
        _plan(
            start="2025-09",
            end="2026-06",
            meetings=[{"date": "2025-10-22"}, {"month": "2026-06"}],
            recurring=[{"title": "x", "category": "a", "quarter": 1, "case": "x-{year}"}],
        )
    )
    assert plan.period == ((2025, 9), (2026, 6))


PLAN = """\
organ: vvg
year: 2026
categories:
  - {id: a, name: A}
meetings:
  - date: 2026-02-11
  - month: 2026-04
  - month: 2026-05
"""

SCHEDULE = """\
organ: vvg
year: 2026
complete: true
meetings:
  - {date: 2026-02-11, time: {start: "09:00", end: "11:00"}, place: Teams, mode: remote}
  - {date: 2026-04-15, time: {start: "09:00", end: "11:00"}, place: Teams, mode: remote}
"""


def _findings(root: Path) -> list[tuple[int, str, str, str]]:
    return [
        (d.line, d.code, d.severity.value, str(render(d.message)))
        for d in run_check([root], use_cache=False).diagnostics
        if d.path.endswith("plan.yaml")
    ]


def test_a_planned_month_without_a_meeting_in_a_complete_schedule_is_a_warning(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    root = make_repo({"vvg/2026/plan.yaml": PLAN, "vvg/2026/schedule.yaml": SCHEDULE})
    assert _findings(root) == [
        (
            8,
            "plan-unscheduled",
            "warning",
            "the schedule of 2026 has no meeting in 2026-05, the month this meeting is planned for",
        )
    ]
    incomplete = SCHEDULE.replace("complete: true", "complete: false")
    root = make_repo({"vvg/2026/plan.yaml": PLAN, "vvg/2026/schedule.yaml": incomplete})
    assert _findings(root) == []


def test_a_planned_date_without_a_schedule_is_an_error(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    root = make_repo({"vvg/2026/plan.yaml": PLAN})
    assert _findings(root) == [
        (6, "plan-unscheduled", "error", "the planned meeting 2026-02-11 is not in the schedule")
    ]
