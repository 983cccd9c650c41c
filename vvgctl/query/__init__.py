"""Questions the repository answers from its index: decisions, cases, actions, governing
documents and full-text search. Each module takes an :class:`~vvgctl.index.Index` and returns
plain rows (dicts with English keys); the CLI renders them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from vvgctl.errors import UsageError
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_day(value: str, option: str, *, end: bool = False) -> str:
    """'2025', '2025-10' or '2025-10-22' as an ISO day: the first day, or with ``end`` the last."""
    match = _DAY.match(value.strip())
    try:
        if not match:
            raise ValueError
        year = int(match.group(1))
        month = int(match.group(2) or (12 if end else 1))
        if match.group(3):
            day = int(match.group(3))
        else:
            day = calendar.monthrange(year, month)[1] if end else 1
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise UsageError(
            Message(N_("{option} {value!r} is not a date"), {"option": option, "value": value}),
            hint=N_("write a day as 2025-10-22, a month as 2025-10 or a year as 2025"),
        ) from None
