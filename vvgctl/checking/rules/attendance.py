"""attendance: people marked absent or remote are on the roster, and nobody is both.

A name under ``attendance.absent`` that is not among ``roster`` (or ``invited``) is usually a
misspelling or a member who should have been on the roster.
"""

from __future__ import annotations

from collections.abc import Iterator

from vvgctl.checking.rules.base import FileContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

CODE = "attendance"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR, Severity.WARNING)


def check(ctx: FileContext) -> Iterator[Diagnostic]:
    meeting = ctx.meeting
    if not meeting.roster:
        return
    called = {m.name for g in meeting.roster for m in g.members}
    called |= {g.name for g in meeting.invited}
    absent = {p.name for p in meeting.attendance.absent}
    for key in ("absent", "remote"):
        for i, person in enumerate(getattr(meeting.attendance, key)):
            if person.name not in called:
                yield ctx.loaded.error(
                    CODE,
                    Message(
                        N_("{name} is listed as {key} but is not on the roster"),
                        {"name": person.name, "key": key},
                    ),
                    "attendance",
                    key,
                    i,
                    severity=Severity.WARNING,
                    hint=N_("add the person to 'roster' or correct the name"),
                )
            if key == "remote" and person.name in absent:
                yield ctx.loaded.error(
                    CODE,
                    Message(N_("{name} is both absent and remote"), {"name": person.name}),
                    "attendance",
                    key,
                    i,
                )
