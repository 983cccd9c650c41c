"""Swedish dates and times as minutes write them.

'22 oktober 2025', '2025-10-22', 'kl. 9.00 – 11.00', '09:00-10:00'.
"""

from __future__ import annotations

import datetime as dt
import re

from vvgctl.swedish.dates import MONTH_NUMBERS

_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_LONG = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*(?:e|:e)?\s+({_MONTH})\.?(?:\s+(\d{{4}}))?(?![\wåäö])", re.IGNORECASE
)
_SLASH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})[\s-]+(\d{4})(?!\d)")
_SPACED = re.compile(r"^\s*(\d{4})\s(\d{2})\s(\d{2})\s*$")
MONTH_ONLY = re.compile(rf"\b({_MONTH})(?:\s+(\d{{4}}))?\b", re.IGNORECASE)

_CLOCK = r"(\d{1,2})(?:[.:](\d{2}))?"
_RANGE = re.compile(
    rf"(?<![\d.:\-–/])(kl\.?\s*|klockan\s+)?{_CLOCK}\s*(?:–|—|-|till)\s*(?:kl\.?\s*)?{_CLOCK}"
    rf"(?![\d\-–/]|[.:]\d)",
    re.IGNORECASE,
)
_MINUTES = re.compile(r"(?<!\d)(\d{1,3})\s*(?:minuter|min\b|minutes)", re.IGNORECASE)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_date(text: str, default_year: int | None = None) -> dt.date | None:
    """The first date in ``text``; a date without a year takes ``default_year``."""
    best: tuple[int, dt.date] | None = None
    for pattern in (_ISO, _SLASH):
        match = pattern.search(text)
        if match:
            if pattern is _ISO:
                y, m, d = int(match.group(1)), int(match.group(2)), int(match.group(3))
            else:
                d, m, y = int(match.group(1)), int(match.group(2)), int(match.group(3))
            found = _safe_date(y, m, d)
            if found and (best is None or match.start() < best[0]):
                best = (match.start(), found)
    for match in _LONG.finditer(text):
        year = int(match.group(3)) if match.group(3) else default_year
        if year is None:
            continue
        found = _safe_date(year, MONTH_NUMBERS[match.group(2).lower()], int(match.group(1)))
        if found and (best is None or match.start() < best[0]):
            best = (match.start(), found)
        break
    if best is None:
        spaced = _SPACED.match(text)
        if spaced:
            found = _safe_date(int(spaced.group(1)), int(spaced.group(2)), int(spaced.group(3)))
            return found
    return best[1] if best else None


def _clock(hour: str, minute: str | None) -> str | None:
    h, m = int(hour), int(minute or 0)
    if h > 23 or m > 59:
        return None
    return f"{h:02d}:{m:02d}"


def find_time_range(text: str) -> tuple[str, str] | None:
    """'9.00 – 11.00', 'kl. 11 – 12', '08:00-09:00' -> ('09:00', '11:00'); None if absent."""
    for match in _RANGE.finditer(text):
        has_kl = bool(match.group(1))
        if not has_kl and match.group(3) is None and match.group(5) is None:
            continue  # '1 – 2' without 'kl.' or minutes is not a time
        start = _clock(match.group(2), match.group(3))
        end = _clock(match.group(4), match.group(5))
        if start and end and end > start:
            return start, end
    return None


def find_minutes(text: str) -> int | None:
    match = _MINUTES.search(text)
    return int(match.group(1)) if match else None


def month_target(month: int, year: int | None, after: dt.date) -> str:
    """'december' in minutes of 2025-10-22 means 2025-12; 'februari' means 2026-02."""
    if year is None:
        year = after.year if month > after.month else after.year + 1
    return f"{year:04d}-{month:02d}"
