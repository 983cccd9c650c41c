"""The stable JSON form of a meeting that other tools rely on.

Names are those of the models: ``organ``, ``date`` (ISO), ``time.start``/``time.end`` ("HH:MM"),
``place``, ``status``, ``attendance.absent``/``remote`` (people as objects with ``name``),
``items[]`` with ``number`` (a string), ``title``, ``kind``, ``presenters`` and ``decisions[]``
with ``text``. ``format`` names the version of this shape.
"""

from __future__ import annotations

from typing import Any

from vvgctl.models import Meeting

FORMAT = "vvgctl.meeting/1"


def meeting_to_json(meeting: Meeting) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT}
    data.update(meeting.model_dump(mode="json"))
    return data
