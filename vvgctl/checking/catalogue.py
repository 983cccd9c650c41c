"""Every code ``vvgctl check`` can report, in one list: what it means and how severe it is.

The list is gathered from where each check lives, so that a code and its documentation stay
together: the reading of files (:mod:`vvgctl.source.codes`), the rules (one module each, the
module's docstring is its documentation and ``SEVERITIES`` its levels), the repository's own
reading and each data file kind's cross-checks (:mod:`vvgctl.repository.datafiles`), and the
revision checks: all as :mod:`vvgctl.checking.registry` lists them. ``vvgctl rules`` prints it.
"""

from __future__ import annotations

import enum
import inspect
from dataclasses import dataclass
from types import ModuleType

from vvgctl.checking.registry import (
    DATA_FILE_KINDS,
    FILE_RULES,
    REPOSITORY_RULES,
    REVISION_CHECKS,
)
from vvgctl.diagnostics import RuleCode, Severity
from vvgctl.repository import datafiles
from vvgctl.repository.datafiles import DataFileKind
from vvgctl.source import codes as reading


class Scope(str, enum.Enum):
    READING = "reading"  # any file, before the rules
    FILE = "file"  # one meeting
    REPOSITORY = "repository"  # across meetings
    DATA = "data"  # a data file (schedule, plan, register)
    REVISION = "revision"  # against a git revision (--base)


@dataclass(frozen=True)
class Rule:
    code: str
    scope: Scope
    summary: str  # one line
    documentation: str
    severities: tuple[Severity, ...]
    applies_to: str = ""  # the files, for data file kinds


def _from_module(module: ModuleType, scope: Scope) -> Rule:
    doc = inspect.getdoc(module) or ""
    summary = doc.split("\n\n")[0].replace("\n", " ")
    summary = summary.split(": ", 1)[1] if summary.startswith(module.CODE + ":") else summary
    return Rule(module.CODE, scope, summary, doc, tuple(module.SEVERITIES))


def _from_code(code: RuleCode, scope: Scope, applies_to: str = "") -> Rule:
    return Rule(code.code, scope, code.meaning, code.meaning, code.severities, applies_to)


def catalogue() -> list[Rule]:
    """Every code, in the order `vvgctl rules` lists them; each code once."""
    rules = [_from_code(c, Scope.READING) for c in reading.CODES]
    rules += [_from_module(m, Scope.FILE) for m in FILE_RULES]
    rules += [_from_module(m, Scope.REPOSITORY) for m in REPOSITORY_RULES]
    rules += [_from_code(c, Scope.DATA, "registry/") for c in datafiles.CODES]
    for kind in registered_kinds():
        rules += [_from_code(c, Scope.DATA, kind.pattern) for c in kind.codes]
    rules += [_from_module(m, Scope.REVISION) for m in REVISION_CHECKS]
    return rules


def registered_kinds() -> list[DataFileKind]:
    """Every data file kind, by name (:data:`vvgctl.checking.registry.DATA_FILE_KINDS`)."""
    return sorted(DATA_FILE_KINDS, key=lambda k: k.name)


def codes() -> set[str]:
    return {rule.code for rule in catalogue()}


__all__ = ["Rule", "Scope", "catalogue", "codes", "registered_kinds"]
