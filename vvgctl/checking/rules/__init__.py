"""Check rules, one module per rule. Each module has ``CODE`` and a ``check`` function; its
docstring is the rule's documentation (``vvgctl rules`` prints them).

File rules get a :class:`~vvgctl.checking.rules.base.FileContext` (one valid meeting);
repository rules get the :class:`~vvgctl.checking.rules.base.RepositoryContext`
(the facts of every meeting).
"""

from __future__ import annotations

from types import ModuleType

from vvgctl.checking.rules import (
    approval_date,
    attendance,
    body_sections,
    case_flow,
    closes_actions,
    document_refs,
    file_location,
    item_order,
    position_required,
    previous_link,
    references,
    registry_refs,
    timebox,
    unfinished,
    unique_meeting,
)

FILE_RULES: list[ModuleType] = [
    item_order, timebox, body_sections, position_required, registry_refs, references,
    attendance, file_location, approval_date, unfinished,
]
REPOSITORY_RULES: list[ModuleType] = [unique_meeting, previous_link, case_flow, document_refs,
                                      closes_actions]
ALL_RULES = FILE_RULES + REPOSITORY_RULES
