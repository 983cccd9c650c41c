"""What the reading of items knows of the meeting around them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from vvgctl.importer import vocabulary as V
from vvgctl.importer.labels import alternatives
from vvgctl.repository.registry import RegistryIndex


@dataclass
class Context:
    registry: RegistryIndex | None
    date: dt.date
    organ: str
    previous_ok: Callable[[dt.date], bool]
    position_sentence: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        """The organ taking a position in its own name: 'VVG ställer sig bakom …'."""
        names = {self.organ.upper(), *V.POSITION_SUBJECTS}
        organ = self.registry.organ(self.organ) if self.registry else None
        if organ is not None:
            names |= {organ.name} | ({organ.short_name} if organ.short_name else set())
        self.position_sentence = re.compile(
            rf"^(?:{alternatives(tuple(names))})\s+(?:{alternatives(V.POSITION_VERBS)})\b",
            re.IGNORECASE,
        )
