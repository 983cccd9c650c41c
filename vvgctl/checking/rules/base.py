"""What the rules see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from vvgctl.models import Meeting
from vvgctl.repository.registry import RegistryIndex
from vvgctl.source.loading import LoadedMeeting


@dataclass
class FileContext:
    loaded: LoadedMeeting
    meeting: Meeting
    registry: RegistryIndex
    root: Path | None
    file: Path | None = None


@dataclass(frozen=True)
class MeetingFacts:
    """What the repository rules need of one valid meeting (kept in the check cache)."""

    path: str
    organ: str
    date: dt.date
    status: str
    previous_date: dt.date | None = None
    previous_line: int = 0
    previous_column: int = 0
    date_line: int = 0
    #: (case id, item number, has a settling position, line) per item or sub-item with a case
    cases: tuple[tuple[str, str, bool, int], ...] = ()
    #: (governing document id, line, column) per id a position names
    documents: tuple[tuple[str, int, int], ...] = ()


@dataclass
class RepositoryContext:
    facts: list[MeetingFacts]
    registry: RegistryIndex
    by_organ: dict[str, list[MeetingFacts]] = field(default_factory=dict)
    root: Path | None = None

    def __post_init__(self) -> None:
        for fact in sorted(self.facts, key=lambda f: (f.organ, f.date, f.path)):
            self.by_organ.setdefault(fact.organ, []).append(fact)
