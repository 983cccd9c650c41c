"""Schedules (`<organ>/<year>/schedule.yaml`): loading, the next meeting, and `vvgctl check`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.conftest import MINUTES, RepoFactory
from vvgctl.checking.check import run_check
from vvgctl.planning.schedule import load_schedule, next_meeting
from vvgctl.repository.repo import Repository

SCHEDULE_2025 = """\
organ: vvg
year: 2025
meetings:
  - date: 2025-12-10
    time: {start: "09:00", end: "12:00"}
    place: GR-huset
    mode: in_person
    change: ändras till 9.00–12.00, lokal i GR-huset
  - date: 2025-10-22
    time: {start: "9.00", end: "11.00"}
    place: Teams
    mode: remote
  - date: 2025-11-05
    cancelled: true
"""

SCHEDULE_2026 = """\
organ: vvg
year: 2026
meetings:
  - {date: 2026-02-11, time: {start: "09:00", end: "11:00"}, place: Teams, mode: remote}
"""


def test_load_schedule_joins_years_sorted_without_cancelled(make_repo: RepoFactory) -> None:
    root = make_repo(
        {"vvg/2025/schedule.yaml": SCHEDULE_2025, "vvg/2026/schedule.yaml": SCHEDULE_2026}
    )
    entries = load_schedule(Repository(root), "vvg")
    assert [e.date.isoformat() for e in entries] == ["2025-10-22", "2025-12-10", "2026-02-11"]
    assert entries[1].change == "ändras till 9.00–12.00, lokal i GR-huset"
    assert entries[1].time is not None and entries[1].time.start == dt.time(9, 0)
    assert load_schedule(Repository(root), "sro") == []


def test_next_meeting_crosses_the_year(make_repo: RepoFactory) -> None:
    root = make_repo(
        {"vvg/2025/schedule.yaml": SCHEDULE_2025, "vvg/2026/schedule.yaml": SCHEDULE_2026}
    )
    found = next_meeting(Repository(root), "vvg", dt.date(2025, 12, 11))
    assert found is not None and found.date == dt.date(2026, 2, 11)
    same_day = next_meeting(Repository(root), "vvg", dt.date(2025, 12, 10))
    assert same_day is not None and same_day.date == dt.date(2025, 12, 10)
    assert next_meeting(Repository(root), "vvg", dt.date(2026, 2, 12)) is None


def test_real_steering_group_schedule_has_the_june_meeting() -> None:
    found = next_meeting(Repository(MINUTES), "styrgrupp-hos", dt.date(2026, 5, 14))
    assert found is not None
    assert found.date == dt.date(2026, 6, 25)
    assert found.time is not None
    assert (found.time.start, found.time.end) == (dt.time(11, 0), dt.time(12, 0))
    assert found.mode is not None and found.mode.value == "remote"


def test_check_reports_a_meeting_outside_the_year_with_its_line(make_repo: RepoFactory) -> None:
    root = make_repo({"vvg/2026/schedule.yaml": SCHEDULE_2026 + "  - date: 2027-01-10\n"})
    report = run_check([root], use_cache=False)
    found = [d for d in report.diagnostics if d.path.endswith("schedule.yaml")]
    assert found and found[0].severity.value == "error"
    assert "2027-01-10" in found[0].message and found[0].line >= 3


def test_check_reports_a_misplaced_schedule_and_an_unknown_organ(make_repo: RepoFactory) -> None:
    root = make_repo(
        {"vvg/2025/schedule.yaml": SCHEDULE_2026.replace("organ: vvg", "organ: nobody")}
    )
    codes = {d.code for d in run_check([root], use_cache=False).diagnostics}
    assert {"schedule-organ", "schedule-location"} <= codes


def test_check_accepts_a_valid_schedule(make_repo: RepoFactory) -> None:
    root = make_repo({"vvg/2025/schedule.yaml": SCHEDULE_2025})
    report = run_check([root], use_cache=False)
    assert not [d for d in report.diagnostics if "schedule" in d.path], report.diagnostics


def test_the_real_repository_schedules_and_plan_are_clean() -> None:
    report = run_check([MINUTES], use_cache=False)
    mine = [d for d in report.diagnostics if Path(d.path).name in ("schedule.yaml", "plan.yaml")]
    assert mine == []
