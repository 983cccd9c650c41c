"""What a run of ``vvgctl publish`` did: counts, files written and removed, problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vvgctl.diagnostics import Diagnostic, Severity


@dataclass
class PublishReport:
    out: Path
    published: int = 0
    unpublished: int = 0
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if any(p.severity is Severity.ERROR for p in self.problems) else 0
