"""What the reading of items knows of the meeting around them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from vvgctl.repository.registry import RegistryIndex


@dataclass
class Context:
    registry: RegistryIndex | None
    date: dt.date
    organ: str
    previous_ok: Callable[[dt.date], bool]
