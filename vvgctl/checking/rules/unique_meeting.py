"""unique-meeting: one meeting per organ and date.

Two files for the same meeting make every question about it ambiguous.
"""

from __future__ import annotations

from collections.abc import Iterator

from vvgctl.checking.rules.base import RepositoryContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

CODE = "unique-meeting"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR,)


def check(ctx: RepositoryContext) -> Iterator[Diagnostic]:
    for organ, facts in ctx.by_organ.items():
        seen: dict[object, str] = {}
        for fact in facts:
            if fact.date in seen:
                yield Diagnostic(
                    fact.path,
                    fact.date_line,
                    1,
                    Severity.ERROR,
                    CODE,
                    Message(
                        N_("a second meeting of {organ} on {date}; the first is {seen}"),
                        {"organ": organ, "date": fact.date, "seen": seen[fact.date]},
                    ),
                    Message(N_("merge the two files or correct the date")),
                    "date",
                )
            else:
                seen[fact.date] = fact.path
