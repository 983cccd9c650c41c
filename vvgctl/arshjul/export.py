"""The årshjul as JSON for scripts (``vvgctl arshjul --format json``).

A stable shape (``"format": "vvgctl.arshjul/1"``): the organ and period, the categories, and
each meeting (a date, or a month while the date is not fixed) with its topics, their status
(held, slipped, planned), the agenda item that took each up, and where each came from (the
plan, a recurring rule, or a follow-up set in earlier minutes, with file and line).
"""

from __future__ import annotations

from typing import Any

from vvgctl.arshjul.model import Arshjul, Column, Topic

FORMAT = "vvgctl.arshjul/1"


def to_json(arshjul: Arshjul) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "organ": arshjul.organ,
        "organ_name": arshjul.organ_name,
        "year": arshjul.year,
        "title": arshjul.title,
        "start": f"{arshjul.start[0]:04d}-{arshjul.start[1]:02d}",
        "end": f"{arshjul.end[0]:04d}-{arshjul.end[1]:02d}",
        "categories": [{"id": row.id, "name": row.name} for row in arshjul.rows],
        "meetings": [_meeting(column) for column in arshjul.columns],
    }


def _meeting(column: Column) -> dict[str, Any]:
    entry = column.entry
    return {
        "date": column.date.isoformat() if column.date else None,
        "month": f"{column.year:04d}-{column.month:02d}",
        "label": column.label(),
        "tentative": column.tentative,
        "time": (
            {"start": f"{entry.time.start:%H:%M}", "end": f"{entry.time.end:%H:%M}"}
            if entry is not None and entry.time is not None
            else None
        ),
        "place": entry.place if entry is not None else None,
        "minutes": column.minutes,
        "topics": [_topic(topic) for topic in column.topics],
    }


def _topic(topic: Topic) -> dict[str, Any]:
    return {
        "title": topic.title,
        "category": topic.category,
        "case": topic.case,
        "kind": topic.kind.value if topic.kind else None,
        "status": topic.status.value,
        "held_item": topic.held_item,
        "origins": [
            {
                "source": o.source.value,
                "file": o.path,
                "line": o.line,
                "text": o.text,
                "meeting": o.meeting.isoformat() if o.meeting else None,
                "item": o.item,
            }
            for o in topic.origins
        ],
    }
