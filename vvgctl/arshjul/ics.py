"""The årshjul's meetings as an iCalendar file (RFC 5545) that members can subscribe to.

One writer for ``vvgctl arshjul --format ics`` (one year) and the site's ``kalender/<organ>.ics``
(every year of the organ), so a meeting is the same event in both:

- **UID** ``<organ>-<YYYY-MM-DD>@vvgctl`` (:func:`uid`, the one scheme): a calendar that
  subscribes updates the same events, from either file.
- **Time**: Swedish local time (``TZID=Europe/Stockholm``) with a VTIMEZONE written as yearly
  rules (the EU rule since 1996: summer time from the last Sunday of March 02:00, standard time
  from the last Sunday of October 03:00), so it holds for every year, also after 2038 (the
  transitions Python's zone data lists end in 2037). A meeting without a time is an all-day
  event; a meeting known only by its month has no event.
- **DTSTAMP** is the time the data was last revised, not the time of the run, so two runs
  over the same data give the same bytes (:func:`revision_stamp`).
- **No dated meeting, no file**: RFC 5545 asks for at least one component, so a calendar
  without an event is refused (:class:`EmptyCalendarError`, exit code 1) instead of written
  with nothing in it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import icalendar

from vvgctl.arshjul.model import Arshjul, Column
from vvgctl.arshjul.text import topic_text
from vvgctl.errors import VvgError
from vvgctl.message import Message
from vvgctl.repository import git
from vvgctl.repository.repo import PLAN_FILE, SCHEDULE_FILE, Repository
from vvgctl.runtime.i18n import N_

TIMEZONE = "Europe/Stockholm"


class EmptyCalendarError(VvgError):
    """No meeting of the period has a date: there is no event to write."""


def uid(organ: str, day: dt.date) -> str:
    """The UID of an organ's meeting on ``day``, in every calendar vvgctl writes."""
    return f"{organ}-{day.isoformat()}@vvgctl"


def revision_stamp(repository: Repository, organ: str) -> dt.datetime:
    """DTSTAMP: when the organ's data was last revised (UTC, whole seconds).

    ``SOURCE_DATE_EPOCH`` when set (reproducible builds); else the time of the last git commit
    that touched the organ's folder (its schedules, plans and minutes: the same in every clone,
    and uncommitted edits do not move it); outside git, the newest modification time of the
    organ's schedules and plans (1 January 1970 when it has none)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    folder = repository.root / organ
    if folder.is_dir():
        try:
            out = git.run(folder, "log", "-1", "--format=%ct", "--", ".", check=False).strip()
        except VvgError:  # git is not installed
            out = b""
        if out.isdigit():
            return dt.datetime.fromtimestamp(int(out), dt.UTC)
    files = repository.organ_files(organ, SCHEDULE_FILE) + repository.organ_files(organ, PLAN_FILE)
    newest = max((int(p.stat().st_mtime) for p in files), default=0)
    return dt.datetime.fromtimestamp(newest, dt.UTC)


def vtimezone() -> icalendar.Timezone:
    """Europe/Stockholm as yearly rules, without an end."""
    zone = icalendar.Timezone()
    zone.add("tzid", TIMEZONE)
    for part, name, start, before, after, month in (
        (icalendar.TimezoneDaylight, "CEST", dt.datetime(1996, 3, 31, 2), 1, 2, 3),
        (icalendar.TimezoneStandard, "CET", dt.datetime(1996, 10, 27, 3), 2, 1, 10),
    ):
        rule = part()
        rule.add("tzname", name)
        rule.add("dtstart", start)
        rule.add("tzoffsetfrom", dt.timedelta(hours=before))
        rule.add("tzoffsetto", dt.timedelta(hours=after))
        rule.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(rule)
    return zone


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


def dated_meetings(years: Sequence[Arshjul]) -> list[tuple[Arshjul, Column]]:
    """Each dated meeting once, by date. A meeting in the period of two years' årshjul (a plan
    from December to November) is taken from the year with a plan of its own, then from its
    own calendar year."""
    chosen: dict[dt.date, tuple[Arshjul, Column]] = {}
    ranked = sorted(years, key=lambda a: not a.own_plan)
    for arshjul in ranked:
        for column in arshjul.columns:
            if column.date is None:
                continue
            held = chosen.get(column.date)
            if held is None or (
                held[0].own_plan == arshjul.own_plan
                and held[0].year != column.date.year
                and arshjul.year == column.date.year
            ):
                chosen[column.date] = (arshjul, column)
    return [chosen[day] for day in sorted(chosen)]


def undated_months(years: Sequence[Arshjul]) -> int:
    """How many meetings are known only by their month (and so have no event)."""
    return len({(c.year, c.month) for a in years for c in a.columns if c.date is None})


def to_ics(years: Arshjul | Sequence[Arshjul], *, stamp: dt.datetime) -> bytes:
    """The calendar of one year's årshjul, or of several (the site's calendar of an organ).

    Raises :class:`EmptyCalendarError` when no meeting has a date."""
    single = isinstance(years, Arshjul)
    many = [years] if isinstance(years, Arshjul) else list(years)
    meetings = dated_meetings(many)
    if not many or not meetings:
        first = many[0] if many else None
        what = f"{first.organ_name} {first.year}" if first is not None else "the period"
        raise EmptyCalendarError(
            Message(
                N_("no meeting of {what} has a date: an iCalendar file needs at least one event"),
                {"what": what},
            ),
            hint=N_(
                "date the meetings in <organ>/<year>/schedule.yaml (a plan's month gives no event)"
            ),
        )
    head = many[0]
    zone = ZoneInfo(TIMEZONE)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//vvgctl//årshjul//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add(
        "x-wr-calname",
        f"{head.organ_name}: möten, {head.title}" if single else f"{head.organ_name}: möten",
    )
    calendar.add("x-wr-timezone", TIMEZONE)
    timed = False
    for arshjul, column in meetings:
        assert column.date is not None
        entry = column.entry
        event = icalendar.Event()
        event.add("uid", uid(arshjul.organ, column.date))
        event.add("dtstamp", stamp)
        if entry is not None and entry.time is not None:
            timed = True
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
    if timed:
        calendar.subcomponents.insert(0, vtimezone())
    data: bytes = calendar.to_ical()
    return data
