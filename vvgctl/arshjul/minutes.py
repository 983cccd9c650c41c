"""What the årshjul needs from the minutes: each meeting's items and follow-ups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from vvgctl.diagnostics import display_path
from vvgctl.models.item import ItemKind
from vvgctl.repository.discovery import meeting_files
from vvgctl.source.loading import load_meeting


@dataclass(frozen=True)
class HeldItem:
    number: str  # "4", or "1b" for a sub-item
    title: str
    kind: ItemKind | None
    case: str | None


@dataclass(frozen=True)
class SetFollowUp:
    """A follow-up a meeting set: a topic aimed at a later meeting of an organ."""

    organ: str
    meeting: str  # next | after-next | YYYY-MM | YYYY-MM-DD
    text: str
    case: str | None
    item: str
    line: int


@dataclass
class MinutesFacts:
    path: str
    organ: str
    date: dt.date
    items: list[HeldItem] = field(default_factory=list)
    follow_ups: list[SetFollowUp] = field(default_factory=list)


def read_minutes(root: Path) -> list[MinutesFacts]:
    """Every valid meeting file below ``root``, oldest first (invalid ones: see ``check``).

    Follow-ups may aim at any organ's later meeting, so every meeting is read; what each file
    yields is cached (outside the repository, keyed by size and mtime like ``check``), so a
    repository of years of minutes is parsed once, not on every ``arshjul`` or ``new-meeting``.
    """
    import os

    from vvgctl.runtime.cache import ResultCache, code_fingerprint

    cache = ResultCache("arshjul-minutes", root, code_fingerprint())
    found: list[MinutesFacts] = []
    seen: set[str] = set()
    for path in meeting_files([root]):
        if any(part == "registry" for part in path.relative_to(root).parts[:1]):
            continue
        stat = os.stat(path)
        seen.add(str(path))
        cached = cache.get(path, stat)
        if cached is None:
            cached = (_facts(path),)
            cache.put(path, stat, cached)
        if cached[0] is not None:  # shown relative to this run's working folder
            found.append(replace(cached[0], path=display_path(path)))
    cache.prune(seen)
    cache.save()
    return sorted(found, key=lambda f: (f.date, f.organ))


def _facts(path: Path) -> MinutesFacts | None:
    loaded = load_meeting(path, display_path(path))
    meeting = loaded.model
    if meeting is None:
        return None
    facts = MinutesFacts(loaded.path, meeting.organ, meeting.date)
    for i, item in enumerate(meeting.items):
        facts.items.append(HeldItem(item.number, item.title, item.kind, item.case))
        for sub in item.subitems:
            facts.items.append(HeldItem(f"{item.number}{sub.number}", sub.title,
                                        sub.kind or item.kind, sub.case or item.case))
        contents = [(("items", i), item)] + [
            (("items", i, "subitems", s), sub) for s, sub in enumerate(item.subitems)]
        for base, content in contents:
            for f, follow_up in enumerate(content.follow_ups):
                facts.follow_ups.append(SetFollowUp(
                    follow_up.organ or meeting.organ, follow_up.meeting, follow_up.text,
                    follow_up.case or content.case, item.number,
                    loaded.at(*base, "follow_ups", f)[0]))
    return facts


INFORMATION_KINDS = frozenset({
    ItemKind.INFORMATION, ItemKind.DIALOG, ItemKind.INFORMATION_AND_DIALOG,
    ItemKind.INFORMATION_AND_DECISION, ItemKind.WRITTEN_INFORMATION,
})
