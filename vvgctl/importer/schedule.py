"""The schedule ('Mötestider', 'Nästa möte …'): dated lines with time and place."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import ValidationError

from vvgctl.importer import labels as L
from vvgctl.importer.dates import find_date, find_time_range
from vvgctl.importer.people import strip_markup
from vvgctl.models.meeting import ScheduledMeeting

#: a change to a scheduled meeting, to the end of its line
_CHANGE = re.compile(
    r"(?:^|[\s(–-])((?:ändras|ändrad|ändrat|flyttas|flyttad|flyttat|ny tid|"
    r"nytt datum|ny plats|inställ[dt]?|ställs in)\b.*)$",
    re.IGNORECASE,
)


def schedule_lines(texts: list[str], after: dt.date) -> list[dict[str, Any]]:
    """A scheduled meeting for each text that names a day ('25 juni kl. 11 – 12, digitalt')."""
    found: list[dict[str, Any]] = []
    for raw in texts:
        text = strip_markup(raw).strip(" -•")
        day = find_date(text, after.year)
        if day is None:
            continue
        if day < after and not re.search(r"\d{4}", text):
            day = day.replace(year=day.year + 1)
        entry: dict[str, Any] = {"date": day.isoformat()}
        change = _CHANGE.search(text)
        if change:  # '4 nov 13.00-16.00 - Ändras till 12.00-16.00. Stationshuset Göteborg'
            entry["note"] = change.group(1).strip(" .")
            text = text[: change.start()].rstrip(" -–")
        times = find_time_range(text)
        if times:
            entry["time"] = {"start": times[0], "end": times[1]}
        note = re.search(r"\(([^()]+)\)", text)
        if note and not change:
            entry["note"] = note.group(1).strip()
        if "," in text:
            place = re.sub(r"\([^()]*\)", "", text.rsplit(",", 1)[1]).strip(" .")
            if place and not find_date(place, after.year) and not find_time_range(place):
                entry["place"] = place
        try:
            ScheduledMeeting.model_validate(entry)
        except ValidationError:
            continue
        found.append(entry)
    return found


def listed_schedule(prose: list[str]) -> list[str]:
    """The lines under a short line that names the schedule ('Mötestider 2025:'), to the
    first line without a date."""
    found: list[str] = []
    under = False
    for text in prose:
        if not under:
            under = len(text) < 60 and bool(L.SCHEDULE_TITLE.search(text))
            continue
        if not find_date(text, 2000):
            break
        found.append(text)
    return found
