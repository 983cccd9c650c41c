"""Times in an agenda: an item's timebox ("30 min", "kl. 9–9.30") and a pause between items.

A timebox the model would refuse (a length that does not fit the times) keeps only the times;
one that is wrong even so is not read as a timebox.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from vvgctl.importer.dates import find_minutes, find_time_range
from vvgctl.models.item import Timebox


def timebox_of(text: str) -> dict[str, Any] | None:
    minutes = find_minutes(text)
    times = find_time_range(text)
    if minutes is None and times is None:
        return None
    box: dict[str, Any] = {}
    if minutes is not None:
        box["minutes"] = minutes
    if times:
        box["start"], box["end"] = times
    try:
        Timebox.model_validate(box)
    except ValidationError:
        box.pop("minutes", None)
        try:
            Timebox.model_validate(box)
        except ValidationError:
            return None
    return box


def is_timebox_line(clean: str) -> bool:
    """Whether a (cleaned) line holds a timebox and nothing else."""
    rest = re.sub(r"\d|minuter|minutes|min\b|klockan|kl|ca|cirka|[().,:;–—\-\s]", "", clean.lower())
    return not rest and timebox_of(clean) is not None


def pause_of(after: str, text: str) -> dict[str, Any]:
    """A pause after item `after` ("Paus 10.00–10.15"), with its times when the line has them."""
    interlude: dict[str, Any] = {"after": after, "kind": "pause", "text": text}
    times = find_time_range(text)
    if times:
        interlude["time"] = {"start": times[0], "end": times[1]}
    return interlude
