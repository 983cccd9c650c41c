"""Actions from the minutes ('Inför nästa möte', assignments) and whether they are done.

An action is closed when a later meeting lists its id under ``closes_actions``: the reference
closes the most recent earlier action with that id (of the same organ when there is one). An
action written without an ``id`` has the derived one of :func:`vvgctl.models.item.action_id`
(``vvg-2025-10-22-4-1``: organ, date, item, ordinal), which the index records and this query
shows, so a historic action can be closed too and is not carried as FÖRSENAD for ever.

The due point is ``due`` (a date) or ``due_meeting``: ``next`` and ``after-next`` are resolved
to the organ's next (or next but one) meeting in the repository, a month ``2025-12`` to that
month.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

from vvgctl.index import Index
from vvgctl.swedish.stemming import normalise


def _meeting_dates(index: Index) -> dict[str, list[str]]:
    dates: dict[str, list[str]] = {}
    for organ, date in index.connection.execute(
        "SELECT DISTINCT organ, date FROM files WHERE valid = 1 ORDER BY date"
    ):
        dates.setdefault(organ, []).append(date)
    return dates


def resolve_due(
    due: str | None, due_meeting: str | None, organ: str, date: str, dates: dict[str, list[str]]
) -> tuple[str | None, str | None]:
    """(what to show, the last day by which it is due) for an action."""
    if due:
        return due, due
    if not due_meeting:
        return None, None
    if due_meeting in ("next", "after-next"):
        later = dates.get(organ, [])
        position = bisect.bisect_right(later, date) + (1 if due_meeting == "after-next" else 0)
        label = "nästa möte" if due_meeting == "next" else "nästkommande möte"
        if position < len(later):
            return f"{label} ({later[position]})", later[position]
        return label, None
    if len(due_meeting) == 7:
        year, month = int(due_meeting[:4]), int(due_meeting[5:])
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return f"mötet {due_meeting}", last.isoformat()
    return f"mötet {due_meeting}", due_meeting


def find_actions(
    index: Index,
    *,
    open_only: bool = False,
    owner: str | None = None,
    organ: str | None = None,
    today: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Every action, with who closed it (if anyone) and whether it is overdue."""
    today_iso = (today or dt.date.today()).isoformat()
    actions = _actions(index)
    _close(index, actions)
    rows = []
    wanted = normalise(owner) if owner else None
    for action in actions:
        action["overdue"] = bool(
            action["status"] == "open" and action["due_date"] and action["due_date"] < today_iso
        )
        path = action.pop("_path")
        if not index.in_scope(path) or (open_only and action["status"] != "open"):
            continue
        if organ and action["organ"] != organ:
            continue
        if wanted and wanted not in normalise(
            f"{action['owner'] or ''}\n{action['owner_group'] or ''}"
        ):
            continue
        rows.append(action)
    return rows


def _actions(index: Index) -> list[dict[str, Any]]:
    """Every action of the index, oldest first, open (``_path`` is its file's own path)."""
    dates = _meeting_dates(index)
    actions: list[dict[str, Any]] = []
    for (
        path,
        a_organ,
        date,
        item,
        action_id,
        text,
        label,
        a_owner,
        group,
        due,
        due_meeting,
        case,
        line,
    ) in index.connection.execute(
        "SELECT f.path, a.organ, a.date, a.item, a.action_id, a.text, a.label, a.owner, "
        "a.owner_group, a.due, a.due_meeting, a.case_id, a.line FROM actions a "
        "JOIN files f ON f.id = a.file_id ORDER BY a.date, a.organ, f.path, a.seq"
    ):
        shown_due, due_day = resolve_due(due, due_meeting, a_organ, date, dates)
        actions.append(
            {
                "organ": a_organ,
                "date": date,
                "item": item,
                "id": action_id,
                "text": text,
                "label": label,
                "owner": a_owner,
                "owner_group": group,
                "due": shown_due,
                "due_date": due_day,
                "case": case,
                "status": "open",
                "closed_by": None,
                "overdue": False,
                "file": index.shown(path),
                "line": line,
                "_path": path,
            }
        )
    return actions


def _close(index: Index, actions: list[dict[str, Any]]) -> None:
    """Mark the actions a later meeting closes (``closes_actions``): a reference closes the
    most recent earlier action with its id, of the same organ when there is one."""
    by_id: dict[str, list[dict[str, Any]]] = {}
    for action in actions:
        if action["id"]:
            by_id.setdefault(action["id"], []).append(action)
    for path, c_organ, date, item, action_id, line in index.connection.execute(
        "SELECT f.path, c.organ, c.date, c.item, c.action_id, c.line FROM closes c "
        "JOIN files f ON f.id = c.file_id ORDER BY c.date"
    ):
        earlier = [a for a in by_id.get(action_id, []) if a["date"] < date]
        same = [a for a in earlier if a["organ"] == c_organ]
        candidates = same or earlier
        target = candidates[-1] if candidates else None
        if target is not None and target["closed_by"] is None:
            target["status"] = "closed"
            target["closed_by"] = {
                "organ": c_organ,
                "date": date,
                "item": item,
                "file": index.shown(path),
                "line": line,
            }
