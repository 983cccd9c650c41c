"""Data files other than meetings (schedules, plans, registers): each kind is a pattern, a
model and an optional cross-check, so that ``vvgctl check`` validates them all the same way.

A module that adds a kind defines it (``KIND``) and registers nothing: the composition module
:mod:`vvgctl.checking.registry` lists every kind, with the cross-checks other features add.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import BaseModel

from vvgctl.diagnostics import Diagnostic, RuleCode, Severity, display_path
from vvgctl.message import Message
from vvgctl.repository.discovery import REGISTRY_DIR
from vvgctl.repository.repo import Repository
from vvgctl.runtime.i18n import N_
from vvgctl.source.loading import Loaded

CrossCheck = Callable[[Loaded[BaseModel], Repository], list[Diagnostic]]


@dataclass(frozen=True)
class DataFileKind:
    name: str
    pattern: str  # a glob relative to the repository root, e.g. "*/*/schedule.yaml"
    model: type[BaseModel]
    cross_checks: tuple[CrossCheck, ...] = ()
    #: the codes its cross-checks report, each with what it means (listed by `vvgctl rules`)
    codes: tuple[RuleCode, ...] = ()


#: what the repository's own reading reports, beside the kinds' cross-checks
CODES = (
    RuleCode(
        "registry",
        N_("registry/organs.yaml and people.yaml read together: no organ or person listed twice"),
    ),
    RuleCode(
        "unknown-file",
        N_("a YAML file that is no known kind of data file is not checked"),
        (Severity.WARNING,),
    ),
)


def with_cross_check(
    kind: DataFileKind, cross_check: CrossCheck, codes: tuple[RuleCode, ...]
) -> DataFileKind:
    """``kind`` with one more cross-check (and the codes it reports): for checks that need
    more than the kind's own module holds (the plan against the merged årshjul)."""
    return replace(kind, cross_checks=(*kind.cross_checks, cross_check), codes=kind.codes + codes)


def check_data_files(
    repository: Repository, kinds: list[DataFileKind]
) -> tuple[int, list[Diagnostic]]:
    """Validate every known data file of the repository; warn about unknown YAML files.

    Each file is read through :meth:`Repository.data`, so a cross-check that reads another data
    file (a plan its organ's schedule) finds it parsed already.
    """
    root = repository.root
    diagnostics: list[Diagnostic] = []
    known: set[Path] = set()
    count = 0
    for kind in kinds:
        for path in sorted(root.glob(kind.pattern)):
            known.add(path)
            count += 1
            loaded = repository.data(path, kind.model)
            diagnostics += loaded.diagnostics
            if loaded.model is not None:
                for cross_check in kind.cross_checks:
                    diagnostics += cross_check(loaded, repository)
    for path in sorted(root.rglob("*.y*ml")):
        relative = path.relative_to(root)
        if (
            path in known
            or relative.parts[0] == REGISTRY_DIR
            or any(p.startswith(".") for p in relative.parts)
        ):
            continue
        diagnostics.append(
            Diagnostic(
                display_path(path),
                0,
                0,
                Severity.WARNING,
                "unknown-file",
                Message(N_("vvgctl does not know this kind of file, so it is not checked")),
                Message(
                    N_("the known kinds of data file: {kinds}"),
                    {"kinds": ", ".join(k.pattern for k in kinds)},
                )
                if kinds
                else None,
            )
        )
    return count, diagnostics
