"""Terminal output: rich on a TTY, plain and stable text when piped; NO_COLOR honoured."""

from __future__ import annotations

import enum
import json
import sys
from typing import Any

from rich.console import Console


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"


def stdout() -> Console:
    return Console(highlight=False, soft_wrap=True)


def stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def is_tty() -> bool:
    return sys.stdout.isatty()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
