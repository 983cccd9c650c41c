"""Swedish month names, dates and times: the one place that spells them.

- :data:`MONTHS` names the months as minutes write them, ``januari`` … ``december``;
  :data:`MONTH_NUMBERS` reads those names and their abbreviations (``okt``, ``sept``) back.
- :func:`long_date` ``22 oktober 2025``, :func:`month_year` ``december 2025``.
- :func:`clock` ``9.00``, :func:`span` ``9.00–11.00``, :func:`time_range` ``kl. 9.00–11.00``:
  the rendered minutes and the site. :func:`written_time_range` ``kl. 09.05 – 09.35`` is the
  form the minutes' own text uses (a timebox, a line of Mötestider).
- :func:`meeting_target` ``nästa möte``, ``mötet i december 2025``: where a follow-up is due.
"""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)

#: a month's name or abbreviation ('okt', 'sept'), lower case, to its number 1–12
MONTH_NUMBERS: dict[str, int] = {
    **{name: number for number, name in enumerate(MONTHS, 1)},
    **{name[:3]: number for number, name in enumerate(MONTHS, 1)},
    "sept": 9,
}


def month_name(month: int) -> str:
    """1 -> 'januari'."""
    return MONTHS[month - 1]


def month_abbreviation(month: int) -> str:
    """10 -> 'okt': the first three letters, as the year wheels label their months."""
    return MONTHS[month - 1][:3]


def long_date(day: dt.date) -> str:
    """'22 oktober 2025'."""
    return f"{day.day} {month_name(day.month)} {day.year}"


def month_year(year: int, month: int) -> str:
    """'december 2025'."""
    return f"{month_name(month)} {year}"


def clock(moment: dt.time) -> str:
    """'9.00', '10.35': hours without a leading zero, a dot between."""
    return f"{moment.hour}.{moment.minute:02d}"


def span(start: dt.time, end: dt.time) -> str:
    """'9.00–11.00'."""
    return f"{clock(start)}–{clock(end)}"


def time_range(start: dt.time, end: dt.time) -> str:
    """'kl. 9.00–11.00'."""
    return f"kl. {span(start, end)}"


def written_time_range(start: dt.time, end: dt.time) -> str:
    """'kl. 09.05 – 09.35', as the minutes' own text writes a time."""
    return f"kl. {start:%H.%M} – {end:%H.%M}"


def meeting_target(target: str) -> str:
    """'next' -> 'nästa möte', '2025-12' -> 'mötet i december 2025'."""
    if target == "next":
        return "nästa möte"
    if target == "after-next":
        return "nästkommande möte"
    parts = [int(p) for p in target.split("-")]
    if len(parts) == 2:
        return f"mötet i {month_year(parts[0], parts[1])}"
    return f"mötet den {long_date(dt.date(*parts))}"
