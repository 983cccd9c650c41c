"""previous-link: the link to the previous minutes resolves to the organ's earlier meeting.

``previous.date`` must name a meeting of the same organ in the repository, before this one. When
the repository holds no earlier meeting of the organ at all (its history starts here), the link
cannot be checked and is accepted.
"""

from __future__ import annotations

from collections.abc import Iterator

from vvgctl.checking.rules.base import RepositoryContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message
from vvgctl.repository.records import MeetingRecord
from vvgctl.runtime.i18n import N_

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
                yield Diagnostic(
                    *where,
                    Severity.ERROR,
                    CODE,
                    Message(
                        N_(
                            "the previous minutes ({previous_date}) are not before "
                            "this meeting ({date})"
                        ),
                        {"previous_date": fact.previous_date, "date": fact.date},
                    ),
                    None,
                    N_("previous.date"),
                )
            elif fact.previous_date not in dates and latest_before is not None:
                yield Diagnostic(
                    *where,
                    Severity.ERROR,
                    CODE,
                    Message(
                        N_("no meeting of {organ} on {previous_date} in the repository"),
                        {"organ": organ, "previous_date": fact.previous_date},
                    ),
                    Message(
                        N_("did you mean {date} ({path})?"),
                        {"date": latest_before.date, "path": latest_before.path},
                    ),
                    N_("previous.date"),
                )
