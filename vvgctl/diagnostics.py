"""Diagnostics: problems as data with a place (file, line, column), a severity and a stable code."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class RuleCode:
    """A finding's code as `vvgctl rules` lists it: what it means and how severe it can be."""

    code: str
    meaning: str
    severities: tuple[Severity, ...] = (Severity.ERROR,)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in one file.

    ``line`` and ``column`` are 1-based; 0 means "the file as a whole".
    ``field`` is the dotted path of the YAML node at fault (``items[3].timebox.start``).
    """

    path: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    code: str = field(compare=False)
    message: str = field(compare=False)
    hint: str | None = field(default=None, compare=False)
    field: str | None = field(default=None, compare=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "field": self.field,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Diagnostic:
        return cls(
            path=str(data["path"]),
            line=int(data["line"]),  # type: ignore[call-overload]
            column=int(data["column"]),  # type: ignore[call-overload]
            severity=Severity(data["severity"]),
            code=str(data["code"]),
            message=str(data["message"]),
            hint=None if data.get("hint") is None else str(data["hint"]),
            field=None if data.get("field") is None else str(data["field"]),
        )


def display_path(path: Path | str) -> str:
    """A path as the user should see it: relative to the working directory where possible."""
    import os

    text = os.fspath(path)
    if not os.path.isabs(text):
        return text
    cwd = os.getcwd()
    if text.startswith(cwd + os.sep):
        return text[len(cwd) + 1:]
    return text


def format_field(loc: tuple[str | int, ...]) -> str:
    """``('items', 3, 'timebox')`` -> ``items[3].timebox``."""
    out = ""
    for step in loc:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += ("." if out else "") + step
    return out
