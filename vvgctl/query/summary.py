"""Short descriptions of meetings, for `vvgctl summary` and `vvgctl show`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vvgctl.diagnostics import display_path
from vvgctl.models import Meeting
from vvgctl.models.item import ITEM_KIND_LABELS
from vvgctl.models.meeting import STATUS_LABELS
from vvgctl.repository.discovery import meeting_files
from vvgctl.repository.repo import Repository
from vvgctl.runtime.i18n import _ as tr
from vvgctl.runtime.i18n import label
from vvgctl.runtime.inert import one_line
from vvgctl.source.loading import load_meeting


def summarise(paths: list[Path]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    files = list(meeting_files(paths))
    # (read through the repository, which never reads a link that ends outside it)
    repository = Repository.open(*paths, required=False) if files else None
    for path in files:
        loaded = repository.load(path) if repository else load_meeting(path, display_path(path))
        meeting = loaded.model
        if meeting is None:
            rows.append(
                {
                    "organ": "?",
                    "date": "?",
                    "status": "invalid",
                    "items": 0,
                    "decisions": 0,
                    "file": loaded.path,
                }
            )
            continue
        rows.append(
            {
                "organ": meeting.organ,
                "date": meeting.date.isoformat(),
                "status": meeting.status.value,
                "items": len(meeting.items),
                "decisions": sum(
                    len(i.decisions) + sum(len(s.decisions) for s in i.subitems)
                    for i in meeting.items
                ),
                "file": loaded.path,
            }
        )
    rows.sort(key=lambda r: (r["organ"], r["date"]))
    return rows


def describe_meeting(meeting: Meeting) -> str:
    """The meeting in a few lines, each value on its own line (:func:`one_line`): a title
    with a line break cannot start a line of the output."""
    lines = [f"{meeting.organ} {meeting.date.isoformat()} ({label(meeting.status, STATUS_LABELS)})"]
    if meeting.time:
        lines.append(
            tr("Time: {start}–{end}").format(
                start=f"{meeting.time.start:%H:%M}", end=f"{meeting.time.end:%H:%M}"
            )
        )
    lines.append(tr("Place: {place}").format(place=one_line(meeting.place)))
    if meeting.attendance.absent:
        lines.append(
            tr("Absent: {names}").format(
                names=", ".join(one_line(p.name) for p in meeting.attendance.absent)
            )
        )
    for item in meeting.items:
        kind = f" ({label(item.kind, ITEM_KIND_LABELS)})" if item.kind else ""
        lines.append(f"{item.number}. {one_line(item.title)}{kind}")
        for decision in item.decisions:
            lines.append(f"   {one_line(decision.label)}: {one_line(decision.text)}")
    return "\n".join(lines)
