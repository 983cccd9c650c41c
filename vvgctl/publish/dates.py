"""Dates and times as a Swedish reader expects them on the site: '22 oktober 2025', '9.00–11.00'."""

from __future__ import annotations

import datetime as dt

from vvgctl.cycle.scaffold import swedish_date
from vvgctl.models.common import TimeRange


def long_date(day: dt.date) -> str:
    return swedish_date(day)


def clock(moment: dt.time) -> str:
    return f"{moment.hour}.{moment.minute:02d}"


def time_range(span: TimeRange) -> str:
    return f"{clock(span.start)}–{clock(span.end)}"
