"""Terminal output: rich on a TTY, plain and stable text when piped; NO_COLOR honoured."""

from __future__ import annotations

import enum
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # rich costs 30 ms to import: only commands that print through it pay
    from rich.console import Console


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"


def stdout() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def is_tty() -> bool:
    return sys.stdout.isatty()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
