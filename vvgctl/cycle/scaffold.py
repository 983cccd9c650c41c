"""A new meeting file, pre-filled: the front matter built as YAML data, the body from a template.

The agenda is laid out by :mod:`vvgctl.cycle.agenda` from the organ's template. The front matter
is emitted by ruamel's dumper, so every value is quoted as YAML needs it; the template
``templates/new-meeting.md.j2`` only lays out the body. The result is a planned meeting that
passes ``vvgctl check`` as it is.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from vvgctl.cycle.agenda import PlannedItem, items_of
from vvgctl.cycle.scaffold_inputs import Inputs, Slot
from vvgctl.errors import VvgError, naming
from vvgctl.message import Message
from vvgctl.models import Membership
from vvgctl.models.common import TimeRange
from vvgctl.models.meeting import MeetingMode, Status
from vvgctl.render import templating
from vvgctl.runtime.i18n import N_
from vvgctl.source.fileio import atomic_write
from vvgctl.source.yaml import round_trip

TEMPLATE = "new-meeting.md.j2"


def _flow(**values: Any) -> CommentedMap:
    mapping = CommentedMap((k, v) for k, v in values.items() if v is not None)
    mapping.fa.set_flow_style()
    return mapping


def _time(value: TimeRange) -> CommentedMap:
    return _flow(
        start=DoubleQuotedScalarString(f"{value.start:%H:%M}"),
        end=DoubleQuotedScalarString(f"{value.end:%H:%M}"),
    )


def _previous_title(inputs: Inputs) -> str:
    assert inputs.previous is not None
    return (
        f"{inputs.previous.date.isoformat()} {inputs.previous.title or 'Mötesanteckning'} "
        f"{inputs.organ.name}"
    )


def _previous_link(inputs: Inputs) -> str:
    assert inputs.previous is not None
    here = inputs.root / inputs.organ.id / f"{inputs.slot.date.year:04d}"
    return Path(os.path.relpath(inputs.previous.path, here)).as_posix()


def _roster(inputs: Inputs, members: list[Membership]) -> CommentedSeq:
    """The roster: a group per delegation in the registry's order, then the members who sit
    in no delegation as one group without one (all of them, for an organ without
    delegations)."""
    groups = CommentedSeq()
    order: list[str | None] = [d.id for d in inputs.organ.delegations]
    for delegation in [*order, None]:
        seated = [m for m in members if m.delegation == delegation]
        if not seated:
            continue
        names = CommentedSeq()
        for member in seated:
            names.append(
                _flow(
                    name=member.name,
                    affiliation=member.affiliation,
                    role=None if member.role == "member" else member.role,
                )
            )
        group = CommentedMap([("delegation", delegation)] if delegation else [])
        group["members"] = names
        groups.append(group)
    return groups


def front_matter(inputs: Inputs, items: list[PlannedItem]) -> CommentedMap:
    """The new meeting's front matter as round-trip YAML data."""
    slot = inputs.slot
    members = inputs.organ.members_on(slot.date)
    data = CommentedMap()
    data["organ"] = inputs.organ.id
    data["date"] = slot.date
    if slot.time is not None:
        data["time"] = _time(slot.time)
    data["place"] = slot.place
    data["mode"] = slot.mode.value if slot.mode else None
    data["status"] = Status.PLANNED.value
    chair = next((m.name for m in members if m.role == "chair"), None)
    secretary = next((m.name for m in members if m.role == "secretary"), None)
    if chair:
        data["chair"] = chair
    if secretary:
        data["secretary"] = secretary
    roster = _roster(inputs, members)
    if roster:
        data["roster"] = roster
    if inputs.previous is not None:
        data["previous"] = CommentedMap(
            [
                ("date", inputs.previous.date),
                ("title", _previous_title(inputs)),
                ("link", _previous_link(inputs)),
                ("approved", False),
            ]
        )
    seq = CommentedSeq()
    for item in items:
        entry = CommentedMap(
            [("number", DoubleQuotedScalarString(item.number)), ("title", item.title)]
        )
        if item.kind is not None:
            entry["kind"] = item.kind.value
        if item.case:
            entry["case"] = DoubleQuotedScalarString(item.case)
        if item.subitems:
            entry["subitems"] = CommentedSeq(
                _flow(
                    number=sub.letter,
                    title=sub.title,
                    kind=sub.kind.value,
                    case=DoubleQuotedScalarString(sub.case) if sub.case else None,
                )
                for sub in item.subitems
            )
        seq.append(entry)
    data["items"] = seq
    if inputs.coming:
        data["schedule"] = CommentedSeq(
            _flow(date=s.date, time=_time(s.time) if s.time else None, place=s.place, note=s.note)
            for s in inputs.coming
        )
    return data


def render(inputs: Inputs) -> str:
    """The complete text of the new meeting file."""
    if not inputs.slot.place:
        raise VvgError(N_("the meeting has no place"), hint=N_("give --place (e.g. --place Teams)"))
    if inputs.slot.mode is None:
        raise VvgError(
            N_("the meeting has no mode"),
            hint=N_("give --mode remote, --mode in_person or --mode hybrid"),
        )
    items = items_of(inputs)
    buffer = io.StringIO()
    round_trip().dump(front_matter(inputs, items), buffer)
    text = templating.render(
        TEMPLATE,
        front_matter=buffer.getvalue(),
        items=items,
        organ=inputs.organ,
        slot=inputs.slot,
        coming=inputs.coming,
    )
    return text.rstrip("\n") + "\n"


def write_new(path: Path, text: str, force: bool = False) -> None:
    """Write atomically; without ``force`` an existing file is never replaced (exit 1). A
    write the system refuses is an error that names ``path`` and what to do."""
    with naming(path):
        _write_new(path, text, force)


def _write_new(path: Path, text: str, force: bool) -> None:
    if force:
        atomic_write(path, text)
        os.chmod(path, 0o644)
        return
    if path.exists():
        raise VvgError(
            Message(N_("{path} already exists; nothing was written"), {"path": path}),
            hint=N_("edit the file, or give --force to replace it"),
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.link(tmp, path)  # fails if the file appeared meanwhile: never clobbers
    except FileExistsError:
        raise VvgError(
            Message(N_("{path} already exists; nothing was written"), {"path": path}),
            hint=N_("edit the file, or give --force to replace it"),
        ) from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def slot_with(
    slot: Slot | None,
    day: dt.date,
    time: TimeRange | None,
    place: str | None,
    mode: MeetingMode | None,
) -> Slot:
    """The scheduled slot with the caller's values taking precedence."""
    base = slot or Slot(day)
    return Slot(day, time or base.time, place or base.place, mode or base.mode, base.note)
