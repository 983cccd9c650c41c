"""item-order: agenda items are numbered 1, 2, 3 … in order, and sub-items a, b, c … in order.

A gap or a repeat usually means an item was deleted or copied without renumbering.
"""

from __future__ import annotations

from collections.abc import Iterator

from vvgctl.checking.rules.base import FileContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

CODE = "item-order"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR,)


def check(ctx: FileContext) -> Iterator[Diagnostic]:
    for index, item in enumerate(ctx.meeting.items):
        expected = str(index + 1)
        if item.number != expected:
            yield ctx.loaded.error(
                CODE,
                Message(
                    N_("item number {number} stands where {expected} is expected"),
                    {"number": item.number, "expected": expected},
                ),
                "items",
                index,
                "number",
                hint=N_("number the items 1, 2, 3 … in the order they were handled"),
            )
        for s, sub in enumerate(item.subitems):
            letter = chr(ord("a") + s)
            if sub.number != letter:
                yield ctx.loaded.error(
                    CODE,
                    Message(
                        N_("sub-item {number} {number2} stands where {letter} is expected"),
                        {"number": item.number, "number2": sub.number, "letter": letter},
                    ),
                    "items",
                    index,
                    "subitems",
                    s,
                    "number",
                    hint=N_("letter the sub-items a, b, c … in order"),
                )
