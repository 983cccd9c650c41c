"""previous-link: the link to the previous minutes resolves to the organ's earlier meeting.

``previous.date`` must name a meeting of the same organ in the repository, before this one. When
the repository holds no earlier meeting of the organ at all (its history starts here), the link
cannot be checked and is accepted.
"""

from __future__ import annotations

from collections.abc import Iterator

from vvgctl.checking.rules.base import RepositoryContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.repository.records import MeetingRecord

CODE = "previous-link"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR,)


def check(ctx: RepositoryContext) -> Iterator[Diagnostic]:
    for organ, facts in ctx.by_organ.items():  # each list is sorted by date
        dates = {f.date for f in facts}
        latest_before: MeetingRecord | None = None
        for index, fact in enumerate(facts):
            if index and facts[index - 1].date < fact.date:
                latest_before = facts[index - 1]
            if fact.previous_date is None:
                continue
            where = (fact.path, fact.previous_line, fact.previous_column)
            if fact.previous_date >= fact.date:
                yield Diagnostic(*where, Severity.ERROR, CODE,
                                 f"the previous minutes ({fact.previous_date}) are not before "
                                 f"this meeting ({fact.date})", None, "previous.date")
            elif fact.previous_date not in dates and latest_before is not None:
                yield Diagnostic(
                    *where, Severity.ERROR, CODE,
                    f"no meeting of {organ} on {fact.previous_date} in the repository",
                    f"did you mean {latest_before.date} ({latest_before.path})?",
                    "previous.date")
