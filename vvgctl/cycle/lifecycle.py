"""A record's way from kallelse to approved minutes: status and attendance, edited in place
(see :mod:`vvgctl.source.frontmatter_edit`: only the changed lines change).

The status machine: planned → agenda → draft → review, one step at a time (or back), then
approved by ``approve`` (:mod:`vvgctl.cycle.approval`) only from review. An approved record
is frozen: its status is not changed back and it is not approved twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from vvgctl.errors import UsageError, VvgError
from vvgctl.message import Message
from vvgctl.models import Meeting
from vvgctl.models.meeting import Status
from vvgctl.repository.file_result import refuse_link_out_of_its_repository
from vvgctl.repository.repo import Repository
from vvgctl.runtime.i18n import N_
from vvgctl.source import frontmatter_edit
from vvgctl.source.loading import LoadedMeeting, load_meeting

EDITABLE = (Status.PLANNED, Status.AGENDA, Status.DRAFT, Status.REVIEW)


@dataclass
class Outcome:
    """What an edit did, for the command to report."""

    changed: list[Path] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)


def read_record(path: Path) -> LoadedMeeting:
    """The record at ``path`` read for an edit; a :class:`VvgError` naming it, before anything
    reads it, when it is a link that ends outside its repository (the edit, written by
    rename, would also replace the link with a file)."""
    refuse_link_out_of_its_repository(path)
    return load_meeting(path)


def load_valid(path: Path) -> Meeting:
    """The meeting at ``path``; a :class:`VvgError` naming the first problem when invalid."""
    return valid(read_record(path), path)


def valid(loaded: LoadedMeeting, path: Path) -> Meeting:
    """The meeting ``loaded`` from ``path``; a :class:`VvgError` when it is not valid."""
    if loaded.model is None:
        first = loaded.diagnostics[0] if loaded.diagnostics else None
        raise VvgError(
            Message(
                N_("the file is not a valid meeting: {message}"),
                {"message": first.message if first else "?"},
            ),
            path=str(path),
            line=first.line if first else None,
            hint=N_("fix it first (vvgctl check)"),
        )
    return loaded.model


def insert_before(data: CommentedMap, key: str, value: Any, before: tuple[str, ...]) -> None:
    """Set ``key``, placing a new key before the first of ``before`` that the data has."""
    if key in data:
        data[key] = value
        return
    keys = list(data.keys())
    index = next((keys.index(b) for b in before if b in keys), len(keys))
    data.insert(index, key, value)


#: the status machine: a record moves one step forward at a time, or back to rework it
ORDER = (Status.PLANNED, Status.AGENDA, Status.DRAFT, Status.REVIEW, Status.APPROVED)


def _refuse_step(path: Path, meeting: Meeting, status: Status) -> None:
    """Refuse to move ``meeting`` to ``status``: approved and frozen, or more than one step."""
    if meeting.status is Status.APPROVED:
        raise VvgError(
            N_("the record is approved and frozen; its status stays 'approved'"),
            path=str(path),
            hint=N_(
                "a change to approved minutes is made as a "
                "correction approved by a later meeting (see "
                "vvgctl check --base)"
            ),
        )
    now, wanted = ORDER.index(meeting.status), ORDER.index(status)
    if wanted > now + 1:
        step = ORDER[now + 1].value
        raise VvgError(
            Message(
                N_("the record is '{value}': it goes to '{step}' before '{value2}'"),
                {"value": meeting.status.value, "step": step, "value2": status.value},
            ),
            path=str(path),
            hint=Message(
                N_("vvgctl status {path} {step}; each step is its own"),
                {"path": path, "step": step},
            ),
        )


def set_status(path: Path, status: Status) -> Outcome:
    """Move a record to ``status`` (planned, agenda, draft or review): one step forward
    (planned → agenda → draft → review), or back to any earlier status."""
    if status not in EDITABLE:
        raise UsageError(
            Message(N_("status {value!r} is set with `vvgctl approve`"), {"value": status.value})
        )
    _refuse_step(path, load_valid(path), status)  # at once, before waiting for a lock

    def change(data: Any) -> set[str]:
        # again under the lock: another command (approve) may have changed the record
        _refuse_step(path, load_valid(path), status)
        data["status"] = status.value
        return {"status"}

    return Outcome([path] if frontmatter_edit.edit(path, change) else [])


def attend(path: Path, absent: list[str], remote: list[str], present: list[str]) -> Outcome:
    """Mark people absent, remote or (back to) present; names are checked against the registry."""
    meeting = load_valid(path)
    _refuse_frozen(path, meeting)
    _check_names(path, [*absent, *remote, *present])
    called = {m.name for g in meeting.roster for m in g.members} | {g.name for g in meeting.invited}
    outcome = Outcome()
    for name in [*absent, *remote]:
        if called and name not in called:
            outcome.notes.append(
                Message(
                    N_("{name} is not on the roster of {date}"),
                    {"name": name, "date": meeting.date},
                )
            )

    def names(seq: Any) -> list[str]:
        return [p["name"] if isinstance(p, dict) else str(p) for p in seq]

    def change(data: Any) -> set[str]:
        _refuse_frozen(path, load_valid(path))  # again under the lock: approve may have come
        block = data.get("attendance")
        if block is None:
            block = CommentedMap()
            insert_before(
                data,
                "attendance",
                block,
                ("previous", "approval", "items", "interludes", "schedule", "people"),
            )
        for key, wanted in (("absent", absent), ("remote", remote)):
            others = set(present) | set(remote if key == "absent" else absent)
            seq = block.get(key)
            if seq is not None:
                for index in reversed(range(len(seq))):
                    if names([seq[index]])[0] in others:
                        del seq[index]
            new = [n for n in wanted if seq is None or n not in names(seq)]
            if new and seq is None:
                seq = CommentedSeq()
                seq.fa.set_flow_style()
                block[key] = seq
            if seq is not None:
                seq.extend(new)
        return {"attendance"}

    if frontmatter_edit.edit(path, change):
        outcome.changed.append(path)
    return outcome


def _refuse_frozen(path: Path, meeting: Meeting) -> None:
    if meeting.status is Status.APPROVED:
        raise VvgError(N_("the record is approved and frozen"), path=str(path))


def _check_names(path: Path, names: list[str]) -> None:
    repository = Repository.open(path, required=False)
    if repository is None:
        return
    registry = repository.registry
    for name in names:
        lookup = registry.person(name)
        if lookup.person is None:
            hint = (
                f"did you mean '{lookup.suggestions[0]}'?"
                if lookup.suggestions
                else "add the person to registry/people.yaml"
            )
            raise UsageError(Message(N_("unknown person {name!r}"), {"name": name}), hint=hint)
