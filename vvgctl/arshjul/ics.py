"""The årshjul's meetings as an iCalendar file (RFC 5545) that members can subscribe to.

One event per dated meeting: Swedish local time (``TZID=Europe/Stockholm`` with its
VTIMEZONE), the place, the schedule's change and the planned topics by category. A meeting
without a time is an all-day event; a meeting known only by its month has no event. UIDs are
``<organ>-<date>@vvgctl``, so a calendar that subscribes updates the same events.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from vvgctl.arshjul.model import Arshjul, Column
from vvgctl.arshjul.text import topic_text

TIMEZONE = "Europe/Stockholm"


def uid(organ: str, day: dt.date) -> str:
    return f"{organ}-{day.isoformat()}@vvgctl"


def _stamp() -> dt.datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _description(arshjul: Arshjul, column: Column) -> str:
    lines = []
    if column.entry is not None and column.entry.change:
        lines += [f"Ändring: {column.entry.change}", ""]
    for row in arshjul.rows:
        topics = arshjul.cell(column, row.id)
        if topics:
            lines.append(f"{row.name}:")
            lines += [f"- {topic_text(t)}" for t in topics]
    if not lines or lines[-1] == "":
        lines.append("Inga planerade ämnen i årshjulet.")
    return "\n".join(lines)


def to_ics(arshjul: Arshjul, *, stamp: dt.datetime | None = None) -> tuple[bytes, int]:
    """The calendar, and how many meetings had no date (and so no event)."""
    import icalendar

    zone = ZoneInfo(TIMEZONE)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//vvgctl//årshjul//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{arshjul.organ_name}: möten, {arshjul.title}")
    calendar.add("x-wr-timezone", TIMEZONE)
    when = stamp or _stamp()
    skipped = 0
    for column in arshjul.columns:
        if column.date is None:
            skipped += 1
            continue
        entry = column.entry
        event = icalendar.Event()
        event.add("uid", uid(arshjul.organ, column.date))
        event.add("dtstamp", when)
        if entry is not None and entry.time is not None:
            event.add("dtstart", dt.datetime.combine(column.date, entry.time.start, zone))
            event.add("dtend", dt.datetime.combine(column.date, entry.time.end, zone))
        else:
            event.add("dtstart", column.date)
            event.add("dtend", column.date + dt.timedelta(days=1))
        event.add("summary", f"{arshjul.organ_name}: möte")
        if entry is not None and entry.place:
            event.add("location", entry.place)
        event.add("description", _description(arshjul, column))
        tentative = entry.tentative if entry is not None else column.minutes is None
        event.add("status", "TENTATIVE" if tentative else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical(), skipped
