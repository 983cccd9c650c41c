"""Every check ``vvgctl check`` runs, listed in one place (as yamllint lists its rules).

The features define their checks beside what they check and register nothing at import:
this module composes them, and :mod:`vvgctl.checking.check` runs and
:mod:`vvgctl.checking.catalogue` documents exactly what it lists.

- file rules, one valid meeting at a time, and repository rules, across meetings (one module
  each under :mod:`vvgctl.checking.rules`);
- data file kinds: the schedule and the plan (:mod:`vvgctl.planning`; the plan with the
  årshjul's check of planned positions, :mod:`vvgctl.arshjul.checks`), the register of
  governing documents and the site settings (:mod:`vvgctl.repository`);
- revision checks, against a git revision (``--base``): the approval flow and frozen records.
"""

from __future__ import annotations

from types import ModuleType

from vvgctl.arshjul import checks as arshjul_checks
from vvgctl.checking import approval_flow, frozen
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
from vvgctl.planning import plan, schedule
from vvgctl.repository import governing_documents, site
from vvgctl.repository.datafiles import DataFileKind, with_cross_check

FILE_RULES: tuple[ModuleType, ...] = (
    item_order,
    timebox,
    body_sections,
    position_required,
    registry_refs,
    references,
    attendance,
    file_location,
    approval_date,
    unfinished,
)
REPOSITORY_RULES: tuple[ModuleType, ...] = (
    unique_meeting,
    previous_link,
    case_flow,
    document_refs,
    closes_actions,
)
#: by name
DATA_FILE_KINDS: tuple[DataFileKind, ...] = (
    governing_documents.KIND,
    with_cross_check(plan.KIND, arshjul_checks.POSITION_CHECK, arshjul_checks.POSITION_CODES),
    schedule.KIND,
    site.KIND,
)
REVISION_CHECKS: tuple[ModuleType, ...] = (approval_flow, frozen)
