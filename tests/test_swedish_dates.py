"""The one place that spells Swedish months, dates and times."""

from __future__ import annotations

import datetime as dt

from vvgctl.swedish.dates import (
    MONTH_NUMBERS,
    MONTHS,
    long_date,
    meeting_target,
    month_abbreviation,
    month_year,
    span,
    time_range,
    written_time_range,
)
from vvgctl.swedish.labels import join_names


def test_dates() -> None:
    assert long_date(dt.date(2025, 10, 22)) == "22 oktober 2025"
    assert long_date(dt.date(2026, 3, 5)) == "5 mars 2026"
    assert month_year(2025, 12) == "december 2025"
    assert [month_abbreviation(m) for m in (1, 5, 9, 10)] == ["jan", "maj", "sep", "okt"]


def test_times() -> None:
    nine, eleven = dt.time(9, 0), dt.time(11, 0)
    assert span(nine, eleven) == "9.00–11.00"
    assert time_range(nine, eleven) == "kl. 9.00–11.00"
    assert written_time_range(dt.time(9, 5), dt.time(9, 35)) == "kl. 09.05 – 09.35"


def test_month_numbers_read_names_and_abbreviations() -> None:
    assert all(MONTH_NUMBERS[name] == n for n, name in enumerate(MONTHS, 1))
    assert MONTH_NUMBERS["okt"] == 10 and MONTH_NUMBERS["sept"] == 9 and MONTH_NUMBERS["maj"] == 5
    assert len(MONTH_NUMBERS) == 24


def test_meeting_target_and_names() -> None:
    assert meeting_target("next") == "nästa möte"
    assert meeting_target("2025-12") == "mötet i december 2025"
    assert meeting_target("2026-02-04") == "mötet den 4 februari 2026"
    assert join_names(["A", "B", "C"]) == "A, B och C"
