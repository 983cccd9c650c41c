"""unique-meeting: one meeting per organ and date.

Two files for the same meeting make every question about it ambiguous.
"""

from __future__ import annotations

from collections.abc import Iterator

from vvgctl.checking.rules.base import RepositoryContext
from vvgctl.diagnostics import Diagnostic, Severity

CODE = "unique-meeting"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR,)


def check(ctx: RepositoryContext) -> Iterator[Diagnostic]:
    for organ, facts in ctx.by_organ.items():
        seen: dict[object, str] = {}
        for fact in facts:
            if fact.date in seen:
                yield Diagnostic(fact.path, fact.date_line, 1, Severity.ERROR, CODE,
                                 f"a second meeting of {organ} on {fact.date}; the first is "
                                 f"{seen[fact.date]}", "merge the two files or correct the date",
                                 "date")
            else:
                seen[fact.date] = fact.path
