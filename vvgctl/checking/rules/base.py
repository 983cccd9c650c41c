"""What the rules see."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vvgctl.models import Meeting
from vvgctl.repository.records import MeetingRecord
from vvgctl.repository.registry import RegistryIndex
from vvgctl.repository.repo import Repository
from vvgctl.source.loading import LoadedMeeting


@dataclass
class FileContext:
    loaded: LoadedMeeting
    meeting: Meeting
    registry: RegistryIndex
    root: Path | None
    file: Path | None = None


@dataclass
class RepositoryContext:
    facts: list[MeetingRecord]
    registry: RegistryIndex
    by_organ: dict[str, list[MeetingRecord]] = field(default_factory=dict)
    repository: Repository | None = None

    def __post_init__(self) -> None:
        for fact in sorted(self.facts, key=lambda f: (f.organ, f.date, f.path)):
            self.by_organ.setdefault(fact.organ, []).append(fact)
