"""Dates, times and labels as a Swedish reader of minutes expects them."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from vvgctl.models.common import TimeRange

ROLE_LABELS = {
    "chair": "ordförande", "vice_chair": "vice ordförande", "secretary": "sekreterare",
    "substitute": "ersättare",
}


def long_date(day: dt.date) -> str:
    """'22 oktober 2025' (babel's Swedish month names)."""
    return str(format_date(day, "d MMMM y", locale="sv_SE"))


def month_year(day: dt.date) -> str:
    """'december 2025'."""
    return str(format_date(day, "MMMM y", locale="sv_SE"))


def clock(moment: dt.time) -> str:
    """'9.00', '10.35': hours without a leading zero, a dot between."""
    return f"{moment.hour}.{moment.minute:02d}"


def span(start: dt.time, end: dt.time) -> str:
    return f"{clock(start)}–{clock(end)}"


def time_range(times: TimeRange) -> str:
    """'kl. 9.00–11.00'."""
    return f"kl. {span(times.start, times.end)}"


def meeting_target(target: str) -> str:
    """'next' -> 'nästa möte', '2025-12' -> 'mötet i december 2025'."""
    if target == "next":
        return "nästa möte"
    if target == "after-next":
        return "nästkommande möte"
    parts = [int(p) for p in target.split("-")]
    if len(parts) == 2:
        return f"mötet i {month_year(dt.date(parts[0], parts[1], 1))}"
    return f"mötet den {long_date(dt.date(*parts))}"


def join_names(names: list[str]) -> str:
    """'A, B och C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} och {names[-1]}"
