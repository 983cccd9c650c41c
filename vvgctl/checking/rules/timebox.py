"""timebox: every item's timebox falls inside the meeting's time, and starts do not go back.

"kl. 09.05 – 09.35" outside a meeting held 9.00 – 11.00 is a typing error in one of the two.
"""

from __future__ import annotations

from collections.abc import Iterator

from vvgctl.checking.rules.base import FileContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

CODE = "timebox"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR, Severity.WARNING)


def check(ctx: FileContext) -> Iterator[Diagnostic]:
    meeting = ctx.meeting
    previous_start = None
    for index, item in enumerate(meeting.items):
        box = item.timebox
        if box is None:
            continue
        if meeting.time is not None:
            for name in ("start", "end"):
                value = getattr(box, name)
                if value is not None and not (meeting.time.start <= value <= meeting.time.end):
                    yield ctx.loaded.error(
                        CODE,
                        Message(
                            N_(
                                "item {number}: {name} {value:%H:%M} is outside the meeting's time "
                                "{start:%H:%M}–{end:%H:%M}"
                            ),
                            {
                                "number": item.number,
                                "name": name,
                                "value": value,
                                "start": meeting.time.start,
                                "end": meeting.time.end,
                            },
                        ),
                        "items",
                        index,
                        "timebox",
                        name,
                        hint=N_("correct the timebox or the meeting's 'time'"),
                    )
        if box.start is not None:
            if previous_start is not None and box.start < previous_start:
                yield ctx.loaded.error(
                    CODE,
                    Message(
                        N_(
                            "item {number} starts at {start:%H:%M}, before the item ahead of "
                            "it ({previous_start:%H:%M})"
                        ),
                        {
                            "number": item.number,
                            "start": box.start,
                            "previous_start": previous_start,
                        },
                    ),
                    "items",
                    index,
                    "timebox",
                    "start",
                    severity=Severity.WARNING,
                    hint=N_(
                        "if the items were reordered, record it as an interlude (kind: reordered)"
                    ),
                )
            previous_start = box.start
