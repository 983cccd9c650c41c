"""approval-date: an approval names a later meeting that has taken place, in an approved record.

Minutes are approved at a later meeting ("Föregående mötesanteckningar godkänns"), so the
approving meeting's date lies after the record's own date and not in the future; an ``approval``
block belongs to a record whose status is ``approved`` (``vvgctl approve`` sets both).
"""

from __future__ import annotations

from collections.abc import Iterator

from vvgctl.checking.rules.base import FileContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message
from vvgctl.models.meeting import Status
from vvgctl.repository.file_result import has_taken_place
from vvgctl.runtime.i18n import N_

CODE = "approval-date"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR,)


def check(ctx: FileContext) -> Iterator[Diagnostic]:
    meeting, approval = ctx.meeting, ctx.meeting.approval
    if approval is None:
        return
    if meeting.status is not Status.APPROVED:
        yield ctx.loaded.error(
            CODE,
            Message(
                N_("the record is '{value}' but has an approval"), {"value": meeting.status.value}
            ),
            "approval",
            hint=N_("remove 'approval:', or approve the record with `vvgctl approve`"),
        )
    if approval.meeting <= meeting.date:
        yield ctx.loaded.error(
            CODE,
            Message(
                N_(
                    "the minutes of {date} cannot be approved at a meeting on {meeting}: it "
                    "must come after them"
                ),
                {"date": meeting.date, "meeting": approval.meeting},
            ),
            "approval",
            "meeting",
            hint=N_("give the date of the later meeting that approved them"),
        )
    elif not has_taken_place(approval.meeting):  # (the result cache holds it until that day)
        yield ctx.loaded.error(
            CODE,
            Message(
                N_("the approval names a meeting on {meeting}, which has not taken place yet"),
                {"meeting": approval.meeting},
            ),
            "approval",
            "meeting",
            hint=N_("approve the minutes at (or after) the meeting that approves them"),
        )
