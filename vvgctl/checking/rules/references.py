"""references: references inside a meeting resolve: a guest's items, the item an interlude
follows, a correction's item.
"""

from __future__ import annotations

from collections.abc import Iterator

from vvgctl.checking.rules.base import FileContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

CODE = "references"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR,)


def check(ctx: FileContext) -> Iterator[Diagnostic]:
    meeting = ctx.meeting
    numbers = {item.number for item in meeting.items}
    for g, guest in enumerate(meeting.invited):
        for n, number in enumerate(guest.items):
            if number not in numbers:
                yield ctx.loaded.error(
                    CODE,
                    Message(
                        N_("{name} is invited to item {number}, which the meeting does not have"),
                        {"name": guest.name, "number": number},
                    ),
                    "invited",
                    g,
                    "items",
                    n,
                )
    for i, interlude in enumerate(meeting.interludes):
        if interlude.after not in numbers:
            yield ctx.loaded.error(
                CODE,
                Message(
                    N_("the interlude follows item {after}, which the meeting does not have"),
                    {"after": interlude.after},
                ),
                "interludes",
                i,
                "after",
            )
    if meeting.previous:
        for c, correction in enumerate(meeting.previous.corrections):
            if correction.item is not None and not correction.quote:
                yield ctx.loaded.error(
                    CODE,
                    N_("a correction should quote the changed sentence"),
                    "previous",
                    "corrections",
                    c,
                    hint=N_("add 'quote:' with the sentence as it stood"),
                )
