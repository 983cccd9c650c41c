"""Terminal output: rich on a TTY, plain and stable text when piped; NO_COLOR honoured."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from vvgctl.runtime.inert import inert as inert
from vvgctl.runtime.inert import one_line as one_line
from vvgctl.runtime.inert import visible as visible

if TYPE_CHECKING:  # rich costs 30 ms to import: only commands that print through it pay
    from rich.console import Console

    from vvgctl.errors import VvgError


def stdout() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def is_tty() -> bool:
    return sys.stdout.isatty()


def error_text(exc: VvgError) -> str:
    """A VvgError as the user reads it: where, what and the hint, in their language."""
    from vvgctl.runtime.i18n import _, render

    text = exc.where() + render(exc.message)
    if exc.hint:
        text += f"\n  {_('hint:')} {render(exc.hint)}"
    return text


def note(message: str, *, label: str = "", style: str = "") -> None:
    """One line on stderr: ``label`` styled through rich on a terminal, plain text when piped
    (rich's import is a tenth of a one-file render, so a pipe does not pay for it)."""
    message = inert(message)
    if not sys.stderr.isatty():
        sys.stderr.write(f"{label} {message}\n" if label else f"{message}\n")
        return
    from rich.text import Text

    line = Text()
    if label:
        line.append(label, style=style)
        line.append(" ")
    line.append(message)
    stderr().print(line)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
