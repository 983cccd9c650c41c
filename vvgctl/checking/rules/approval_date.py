"""approval-date: an approval names a later meeting that has taken place, in an approved record.

Minutes are approved at a later meeting ("Föregående mötesanteckningar godkänns"), so the
approving meeting's date lies after the record's own date and not in the future; an ``approval``
block belongs to a record whose status is ``approved`` (``vvgctl approve`` sets both).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from vvgctl.checking.rules.base import FileContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.models.meeting import Status

CODE = "approval-date"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR,)


def check(ctx: FileContext) -> Iterator[Diagnostic]:
    meeting, approval = ctx.meeting, ctx.meeting.approval
    if approval is None:
        return
    if meeting.status is not Status.APPROVED:
        yield ctx.loaded.error(
            CODE, f"the record is '{meeting.status.value}' but has an approval", "approval",
            hint="remove 'approval:', or approve the record with `vvgctl approve`")
    if approval.meeting <= meeting.date:
        yield ctx.loaded.error(
            CODE, f"the minutes of {meeting.date} cannot be approved at a meeting on "
            f"{approval.meeting}: it must come after them", "approval", "meeting",
            hint="give the date of the later meeting that approved them")
    elif approval.meeting > dt.date.today():
        yield ctx.loaded.error(
            CODE, f"the approval names a meeting on {approval.meeting}, which has not taken "
            "place yet", "approval", "meeting",
            hint="approve the minutes at (or after) the meeting that approves them")
