"""previous-link: the link to the previous minutes resolves to the organ's earlier meeting.

``previous.date`` must name a meeting of the same organ in the repository, before this one. When
the repository holds no earlier meeting of the organ at all (its history starts here), the link
cannot be checked and is accepted.
"""

from __future__ import annotations

from collections.abc import Iterator

from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.rules.base import RepositoryContext

CODE = "previous-link"


def check(ctx: RepositoryContext) -> Iterator[Diagnostic]:
    for organ, facts in ctx.by_organ.items():
        dates = {f.date: f for f in facts}
        for fact in facts:
            if fact.previous_date is None:
                continue
            where = (fact.path, fact.previous_line, fact.previous_column)
            if fact.previous_date >= fact.date:
                yield Diagnostic(*where, Severity.ERROR, CODE,
                                 f"the previous minutes ({fact.previous_date}) are not before "
                                 f"this meeting ({fact.date})", None, "previous.date")
                continue
            earlier = [f for f in facts if f.date < fact.date]
            if fact.previous_date in dates or not earlier:
                continue
            latest = earlier[-1]
            yield Diagnostic(*where, Severity.ERROR, CODE,
                             f"no meeting of {organ} on {fact.previous_date} in the repository",
                             f"did you mean {latest.date} ({latest.path})?", "previous.date")
