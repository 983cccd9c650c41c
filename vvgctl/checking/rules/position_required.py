"""position-required: in approved minutes, every item whose kind asks for a position has one.

Kinds ``information_and_decision`` and ``decision`` ask for a position (ställningstagande);
approving minutes without it leaves the decision unrecorded.
"""

from __future__ import annotations

from collections.abc import Iterator

from vvgctl.checking.rules.base import FileContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message
from vvgctl.models.item import ITEM_KIND_LABELS, KINDS_REQUIRING_DECISION
from vvgctl.models.meeting import Status
from vvgctl.runtime.i18n import N_

CODE = "position-required"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR,)


def check(ctx: FileContext) -> Iterator[Diagnostic]:
    if ctx.meeting.status is not Status.APPROVED:
        return
    for index, item in enumerate(ctx.meeting.items):
        for s, content in [(None, item), *enumerate(item.subitems)]:
            if content.kind in KINDS_REQUIRING_DECISION and not content.decisions:
                path: tuple[str | int, ...] = ("items", index, "kind")
                if s is not None:
                    path = ("items", index, "subitems", s, "kind")
                label = ITEM_KIND_LABELS[content.kind]
                yield ctx.loaded.error(
                    CODE,
                    Message(
                        N_("item {number}{value} is '{label}' but has no position"),
                        {
                            "number": item.number,
                            "value": "" if s is None else " " + str(content.title),
                            "label": label,
                        },
                    ),
                    *path,
                    hint=N_("add 'decisions:' with the ställningstagande, or change the kind"),
                )
