"""Diagnostics: problems as data with a place (file, line, column), a severity and a stable code."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vvgctl.message import Message, message


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
    ``message`` and ``hint`` are :class:`Message` values (a plain text given is made one),
    translated where they are shown; :meth:`as_dict` gives them in English (``--format
    json``), :meth:`as_data` as values (template and arguments).
    """

    path: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    code: str = field(compare=False)
    message: Message = field(compare=False)
    hint: Message | None = field(default=None, compare=False)
    field: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # a constant message may be given as its text (its own msgid)
        object.__setattr__(self, "message", message(self.message))
        if self.hint is not None:
            object.__setattr__(self, "hint", message(self.hint))

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": str(self.message),
            "hint": None if self.hint is None else str(self.hint),
            "field": self.field,
        }

    def as_data(self) -> dict[str, object]:
        """:meth:`as_dict` with the messages as values (msgid and args), as the cache keeps them."""
        out = self.as_dict()
        out["message"] = self.message.as_dict()
        out["hint"] = None if self.hint is None else self.hint.as_dict()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Diagnostic:
        return cls(
            path=str(data["path"]),
            line=int(data["line"]),  # type: ignore[call-overload]
            column=int(data["column"]),  # type: ignore[call-overload]
            severity=Severity(data["severity"]),
            code=str(data["code"]),
            message=_message(data["message"]),
            hint=None if data.get("hint") is None else _message(data["hint"]),
            field=None if data.get("field") is None else str(data["field"]),
        )


def _message(value: Any) -> Message:
    """A message read back from :meth:`Diagnostic.as_data` (or an English text)."""
    return Message.from_dict(value) if isinstance(value, dict) else Message(str(value))


def display_path(path: Path | str) -> str:
    """A path as the user should see it: relative to the working directory where possible."""
    import os

    text = os.fspath(path)
    if not os.path.isabs(text):
        return text
    cwd = os.getcwd()
    if text.startswith(cwd + os.sep):
        return text[len(cwd) + 1 :]
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
