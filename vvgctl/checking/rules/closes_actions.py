"""closes-actions: an action closed by ``closes_actions`` is one an earlier meeting opened.

A meeting closes an action by its id: the ``id`` written on the action, or the id it has
anyway (``<organ>-<date>-<item>-<n>``, e.g. ``vvg-2025-10-22-4-1``; ``vvgctl actions`` and
``vvgctl new-meeting`` show it). An id that no earlier meeting in the repository has opened is
a typo or a meeting that is not in the repository: the action it meant stays open. With a
"did you mean" when an open id is close.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator

from vvgctl.checking.rules.base import RepositoryContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

CODE = "closes-actions"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR,)


def check(ctx: RepositoryContext) -> Iterator[Diagnostic]:
    if not any(fact.closes for fact in ctx.facts):
        return
    opened: dict[str, dt.date] = {}
    for fact in ctx.facts:
        for action in fact.action_ids:
            opened.setdefault(action, fact.date)
    for fact in ctx.facts:
        for action, line, column in fact.closes:
            when = opened.get(action)
            if when is not None and when < fact.date:
                continue
            if when is not None:
                message = Message(
                    N_("closes_actions names {action}, an action of this meeting or a later one"),
                    {"action": action},
                )
                hint = Message(
                    N_("an action is closed by a later meeting than the one that opened it")
                )
            else:
                message = Message(
                    N_("closes_actions names {action}, which no earlier meeting opened"),
                    {"action": action},
                )
                close = difflib.get_close_matches(action, list(opened), n=1, cutoff=0.8)
                hint = (
                    Message(N_("did you mean {close}?"), {"close": close[0]})
                    if close
                    else Message(N_("use the id `vvgctl actions --open` shows"))
                )
            yield Diagnostic(fact.path, line, column, Severity.ERROR, CODE, message, hint)
