"""An organ's meeting schedule for one year (mötestider): ``<organ>/<year>/schedule.yaml``."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from vvgctl.models.common import Identifier, Model, TimeRange
from vvgctl.models.meeting import MeetingMode


class ScheduleEntry(Model):
    """One meeting of the schedule: when, where, and any change announced since."""

    date: dt.date = Field(title="Datum")
    time: TimeRange | None = Field(None, title="Tid")
    place: str | None = Field(
        None, min_length=1, title="Plats", description="'Teams', en adress eller lokal"
    )
    mode: MeetingMode | None = Field(None, title="Mötesform")
    change: str | None = Field(
        None,
        min_length=1,
        title="Ändring",
        description="En ändring som meddelats, t.ex. 'ändras till 9.00–12.00, lokal i GR-huset'",
    )
    tentative: bool = Field(
        False,
        title="Preliminärt",
        description="Datumet är inte fastställt (t.ex. härlett ur årshjulets månad)",
    )
    cancelled: bool = Field(False, title="Inställt")
    note: str | None = Field(
        None, title="Anmärkning", description="Varifrån uppgiften kommer, eller annat"
    )


class ScheduleFile(Model):
    """``<organ>/<year>/schedule.yaml``: the organ's meetings of one calendar year."""

    organ: Identifier = Field(title="Organ", description="Organets id i registret")
    year: int = Field(ge=2000, le=2100, title="År")
    complete: bool = Field(
        True,
        title="Komplett",
        description="Schemat tar upp årets alla möten; 'false' när bara några datum är kända "
        "(då varnar kontrollen inte för planerade månader utan möte)",
    )
    meetings: list[ScheduleEntry] = Field(default_factory=list, title="Möten")
