"""case-flow: a case is brought as information before it gets a position.

Seed 002 describes how a case moves: a proposal is first brought as information, anchored in
the delregional areas, and comes back to a later meeting for a position. A case (``case:`` on
an item) whose *first* appearance in the repository already carries a settling position
(anything but 'noterar informationen', a task given, a referral or a postponement) gets a
warning. When that first appearance is at the organ's earliest meeting in the repository, its
history starts there and the earlier information cannot be seen: no warning.

Per organ: ``information_before_position: false`` in ``registry/organs.yaml`` turns the rule off
for that organ (e.g. a political body that only confirms).
"""

from __future__ import annotations

from collections.abc import Iterator

from vvgctl.checking.rules.base import RepositoryContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

CODE = "case-flow"
#: how severe its findings can be
SEVERITIES = (Severity.WARNING,)


def check(ctx: RepositoryContext) -> Iterator[Diagnostic]:
    first: dict[str, tuple[str, str, str, str, bool, int]] = {}
    for fact in sorted(ctx.facts, key=lambda f: (f.date, f.organ, f.path)):
        for case, number, settles, line in fact.cases:
            if case not in first:
                first[case] = (fact.path, fact.organ, fact.date.isoformat(), number, settles, line)
    for case, (path, organ_id, date, number, settling, line) in sorted(first.items()):
        organ = ctx.registry.organ(organ_id)
        if not settling or (organ is not None and not organ.information_before_position):
            continue
        history = ctx.by_organ.get(organ_id, [])
        if history and history[0].date.isoformat() == date:
            continue  # the organ's history in the repository starts with this meeting
        yield Diagnostic(
            path,
            line,
            1,
            Severity.WARNING,
            CODE,
            Message(
                N_(
                    "case {case} gets a position at its first appearance ({organ_id} {date}, item "
                    "{number}); the case flow brings it as information first"
                ),
                {"case": case, "organ_id": organ_id, "date": date, "number": number},
            ),
            Message(
                N_(
                    "bring the case as information at an earlier meeting, or set "
                    "'information_before_position: false' for {organ_id} in "
                    "registry/organs.yaml"
                ),
                {"organ_id": organ_id},
            ),
        )
