"""The organs' meeting schedules as iCalendar files (RFC 5545), one per organ.

The schedule is the one the latest *approved* minutes of the organ publish under Mötestider
(``schedule``): dates that are public once those minutes are. Times are Swedish local time
(``TZID=Europe/Stockholm`` with its VTIMEZONE); a day without a time is an all-day event.
"""

from __future__ import annotations

from typing import Any

VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Stockholm
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""


def escape(text: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma and newlines."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Lines longer than 75 octets are folded (continuation lines start with a space)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not parts else 74
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return "\r\n ".join(parts)


def _compact(day: str, clock: str | None = None) -> str:
    return day.replace("-", "") + (f"T{clock.replace(':', '')}00" if clock else "")


def schedule_ics(organ_id: str, organ_name: str, events: list[dict[str, Any]],
                 stamp: str) -> str:
    """An iCalendar file of ``events`` (dicts with date, start, end, place, note)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//VVG//vvgctl publish//SV",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{escape(organ_name)}",
             "X-WR-TIMEZONE:Europe/Stockholm", *VTIMEZONE.split("\n")]
    for event in sorted(events, key=lambda e: (e["date"], e.get("start") or "")):
        lines += ["BEGIN:VEVENT",
                  f"UID:{organ_id}-{_compact(event['date'])}@vardsamverkan.se",
                  f"DTSTAMP:{_compact(stamp)}T000000Z"]
        if event.get("start") and event.get("end"):
            lines += [f"DTSTART;TZID=Europe/Stockholm:{_compact(event['date'], event['start'])}",
                      f"DTEND;TZID=Europe/Stockholm:{_compact(event['date'], event['end'])}"]
        else:
            lines.append(f"DTSTART;VALUE=DATE:{_compact(event['date'])}")
        lines.append(f"SUMMARY:{escape('Möte: ' + organ_name)}")
        if event.get("place"):
            lines.append(f"LOCATION:{escape(event['place'])}")
        if event.get("note"):
            lines.append(f"DESCRIPTION:{escape(event['note'])}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
