"""The text of each earlier action a meeting closes, for the minutes to print it.

A later meeting closes an action by its id (``closes_actions: [vvg-2025-10-22-4-1]``); the id
is for the files, the reader wants what was to be done. The repository's records say which
meeting opened each id (written, or derived: :func:`vvgctl.models.item.action_id`), and only
those meetings are read again.
"""

from __future__ import annotations

from pathlib import Path

from vvgctl.models import Meeting
from vvgctl.models.item import action_id
from vvgctl.repository.repo import Repository


def closed_ids(meeting: Meeting) -> set[str]:
    """The ids the items and sub-items of ``meeting`` close."""
    return {
        closed
        for item in meeting.items
        for content in (item, *item.subitems)
        for closed in content.closes_actions
    }


def opened_actions(meeting: Meeting) -> dict[str, str]:
    """Every action ``meeting`` opened, its text by its id."""
    found: dict[str, str] = {}
    for item in meeting.items:
        for number, content in [
            (item.number, item),
            *((item.number + s.number, s) for s in item.subitems),
        ]:
            for n, action in enumerate(content.actions):
                key = action.id or action_id(meeting.organ, meeting.date, number, n + 1)
                found[key] = action.text
    return found


def closed_texts(repository: Repository | None, meeting: Meeting) -> dict[str, str]:
    """id -> text of each action ``meeting`` closes that ``repository`` holds (its records
    read once a command, or once a worker of a parallel render or publish)."""
    wanted = closed_ids(meeting)
    if not wanted or repository is None:
        return {}
    found: dict[str, str] = {}
    for path, result in repository.results().items():
        record = result.record
        if record is None or not wanted & set(record.action_ids):
            continue
        opened = repository.load(Path(path)).model  # parsed once a command
        if opened is not None:
            found.update({k: v for k, v in opened_actions(opened).items() if k in wanted})
    return found
