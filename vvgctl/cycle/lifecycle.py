"""A record's way from kallelse to approved minutes: status, approval and attendance, edited in
place (see :mod:`vvgctl.source.frontmatter_edit`: only the changed lines change).

The status machine: planned → agenda → draft → review, one step at a time (or back), then
approved by ``approve`` only from review, only when nothing is unfinished, and only when the
approving meeting's minutes are in the repository: they are marked in the same go (their
``previous`` approved, with the corrections), and each correction's quote is replaced in the
record's text. An approved record is frozen: its status is not changed back and it is not
approved twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from vvgctl.checking.rules import unfinished
from vvgctl.cycle.corrections import apply as apply_corrections
from vvgctl.diagnostics import Severity, display_path
from vvgctl.errors import UsageError, VvgError
from vvgctl.models import Meeting
from vvgctl.models.meeting import Correction, Status
from vvgctl.repository.discovery import meeting_path
from vvgctl.repository.repo import Repository
from vvgctl.runtime.i18n import N_
from vvgctl.source import frontmatter_edit
from vvgctl.source.loading import LoadedMeeting, load_meeting

EDITABLE = (Status.PLANNED, Status.AGENDA, Status.DRAFT, Status.REVIEW)


@dataclass
class Outcome:
    """What an edit did, for the command to report."""

    changed: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def load_valid(path: Path) -> Meeting:
    """The meeting at ``path``; a :class:`VvgError` naming the first problem when invalid."""
    loaded = load_meeting(path)
    if loaded.model is None:
        first = loaded.diagnostics[0] if loaded.diagnostics else None
        raise VvgError(N_("the file is not a valid meeting: {message}").format(
                          message=first.message if first else '?'),
                       path=str(path), line=first.line if first else None,
                       hint=N_("fix it first (vvgctl check)"))
    return loaded.model


def _insert_before(data: CommentedMap, key: str, value: Any, before: tuple[str, ...]) -> None:
    """Set ``key``, placing a new key before the first of ``before`` that the data has."""
    if key in data:
        data[key] = value
        return
    keys = list(data.keys())
    index = next((keys.index(b) for b in before if b in keys), len(keys))
    data.insert(index, key, value)


#: the status machine: a record moves one step forward at a time, or back to rework it
ORDER = (Status.PLANNED, Status.AGENDA, Status.DRAFT, Status.REVIEW, Status.APPROVED)


def set_status(path: Path, status: Status) -> Outcome:
    """Move a record to ``status`` (planned, agenda, draft or review): one step forward
    (planned → agenda → draft → review), or back to any earlier status."""
    if status not in EDITABLE:
        raise UsageError(N_("status {value!r} is set with `vvgctl approve`").format(
                            value=status.value))
    meeting = load_valid(path)
    if meeting.status is Status.APPROVED:
        raise VvgError(N_("the record is approved and frozen; its status stays 'approved'"),
                       path=str(path), hint=N_("a change to approved minutes is made as a "
                                               "correction approved by a later meeting (see "
                                               "vvgctl check --base)"))
    now, wanted = ORDER.index(meeting.status), ORDER.index(status)
    if wanted > now + 1:
        step = ORDER[now + 1].value
        raise VvgError(N_("the record is '{value}': it goes to '{step}' before '{value2}'").format(
                          value=meeting.status.value,
                          step=step,
                          value2=status.value), path=str(path),
                       hint=N_("vvgctl status {path} {step}; each step is its own").format(
                               path=path,
                               step=step))

    def change(data: Any) -> set[str]:
        data["status"] = status.value
        return {"status"}

    return Outcome([path] if frontmatter_edit.edit(path, change) else [])


def _correction_map(correction: Correction) -> CommentedMap:
    entry = CommentedMap([("text", correction.text)])
    if correction.quote:
        entry["quote"] = correction.quote
    if correction.replacement:
        entry["replacement"] = correction.replacement
    if correction.item:
        entry["item"] = DoubleQuotedScalarString(correction.item)
    return entry


def approving_file(record: Path, meeting: Meeting, at: dt.date) -> Path:
    """The file of the approving organ's meeting on ``at`` (the record's own organ unless the
    registry names another in ``approved_by``)."""
    organ_dir = record.resolve().parent.parent
    root = organ_dir.parent
    repository = Repository.find(record)
    organ = (repository.registry.registry.approver(meeting.organ) if repository is not None
             else organ_dir.name)
    return meeting_path(repository.root if repository is not None else root, organ, at)


def _refuse_unfinished(path: Path, loaded: LoadedMeeting, meeting: Meeting) -> None:
    problems = list(unfinished.findings(loaded, meeting, Severity.ERROR))
    if problems:
        listed = "\n".join(f"  {d.path}:{d.line}:{d.column}: {d.message} [{d.code}]"
                           for d in problems)
        raise VvgError(N_("the minutes are not finished ({count} to do); nothing was "
                          "approved:\n{listed}").format(
                          count=len(problems),
                          listed=listed), path=str(path),
                       hint=N_("finish them, check them (vvgctl check), and approve again"))


def approve(path: Path, at: dt.date, corrections: list[Correction]) -> Outcome:
    """Record that the minutes at ``path`` were approved at the meeting on ``at``: the
    corrections made in the text, the approval recorded, and the approving meeting's
    ``previous`` marked approved, all or nothing."""
    loaded = load_meeting(path)
    meeting = load_valid(path)
    if at <= meeting.date:
        raise UsageError(N_(
            "minutes of {date} are approved at a later meeting, not on {at}").format(
                            date=meeting.date,
                            at=at))
    if at > dt.date.today():
        raise UsageError(N_("the meeting on {at} has not taken place yet").format(at=at),
                         hint=N_("approve the minutes at (or after) the approving meeting"))
    if meeting.status is Status.APPROVED:
        when = meeting.approval.meeting if meeting.approval else "an earlier meeting"
        raise VvgError(N_("the record is already approved (at {when}) and frozen").format(
                          when=when),
                       path=str(path), hint=N_("a later correction is recorded by the meeting "
                                               "that approves it, under its "
                                               "'previous.corrections'"))
    if meeting.status is not Status.REVIEW:
        raise VvgError(N_("the record is '{value}': minutes are approved after review").format(
                          value=meeting.status.value), path=str(path),
                       hint=N_("vvgctl status {path} review, and let the members review it").format(
                               path=path))
    _refuse_unfinished(path, loaded, meeting)
    other = approving_file(path, meeting, at)
    if not other.is_file():
        raise VvgError(N_(
            "the approving meeting's minutes ({other}) are not in the repository").format(
                          other=display_path(other)), path=str(path),
                       hint=N_("scaffold them first (vvgctl new-meeting), then approve"))
    outcome = Outcome([path, other])

    def record(data: Any) -> set[str]:
        data["status"] = Status.APPROVED.value
        approval = CommentedMap([("meeting", at)])
        if corrections:
            approval["corrections"] = CommentedSeq(_correction_map(c) for c in corrections)
        _insert_before(data, "approval", approval,
                       ("items", "interludes", "schedule", "people"))
        return {"status", "approval"}

    with frontmatter_edit.locked(path, other):
        source = apply_corrections(frontmatter_edit.read(path), loaded, corrections)
        text = frontmatter_edit.apply(source, record)
        frontmatter_edit.validate(path, text)
        follow = _previous_edit(other, path, meeting, corrections)
        frontmatter_edit.write(source, text)
        frontmatter_edit.write(*follow)
    return outcome


def _previous_edit(other: Path, record: Path, meeting: Meeting, corrections: list[Correction]
                   ) -> tuple[frontmatter_edit.Source, str]:
    """The approving meeting's ``previous`` marked approved (a :class:`VvgError` when it
    cannot be: approved itself, or naming other minutes)."""
    import os

    later = load_valid(other)
    if later.status is Status.APPROVED:
        raise VvgError(N_("the approving meeting's minutes ({other}) are approved and frozen "
                          "themselves; nothing was approved").format(
                          other=display_path(other)), path=str(record),
                       hint=N_("check the date given to --at"))
    if later.previous is not None and later.previous.date != meeting.date:
        raise VvgError(N_("{other} names {date} as its previous minutes, not {date2}; nothing "
                          "was approved").format(
                          other=display_path(other),
                          date=later.previous.date,
                          date2=meeting.date), path=str(record),
                       hint=N_("check the date given to --at, or correct 'previous' there"))

    def change(data: Any) -> set[str]:
        previous = data.get("previous")
        if previous is None:
            previous = CommentedMap([
                ("date", meeting.date),
                ("link", os.path.relpath(record.resolve(), other.resolve().parent)
                 .replace(os.sep, "/"))])
            _insert_before(data, "previous", previous,
                           ("approval", "items", "interludes", "schedule", "people"))
        previous["approved"] = True
        if corrections:
            seq = previous.get("corrections")
            if seq is None:
                seq = CommentedSeq()
                previous["corrections"] = seq
            seq.extend(_correction_map(c) for c in corrections)
        return {"previous"}

    source = frontmatter_edit.read(other)
    text = frontmatter_edit.apply(source, change)
    frontmatter_edit.validate(other, text)
    return source, text


def attend(path: Path, absent: list[str], remote: list[str], present: list[str]) -> Outcome:
    """Mark people absent, remote or (back to) present; names are checked against the registry."""
    meeting = load_valid(path)
    if meeting.status is Status.APPROVED:
        raise VvgError(N_("the record is approved and frozen"), path=str(path))
    _check_names(path, [*absent, *remote, *present])
    called = {m.name for g in meeting.roster for m in g.members} | {
        g.name for g in meeting.invited}
    outcome = Outcome()
    for name in [*absent, *remote]:
        if called and name not in called:
            outcome.notes.append(f"{name} is not on the roster of {meeting.date}")

    def names(seq: Any) -> list[str]:
        return [p["name"] if isinstance(p, dict) else str(p) for p in seq]

    def change(data: Any) -> set[str]:
        block = data.get("attendance")
        if block is None:
            block = CommentedMap()
            _insert_before(data, "attendance", block,
                           ("previous", "approval", "items", "interludes", "schedule", "people"))
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


def _check_names(path: Path, names: list[str]) -> None:
    repository = Repository.find(path)
    if repository is None:
        return
    registry = repository.registry
    for name in names:
        lookup = registry.person(name)
        if lookup.person is None:
            hint = (f"did you mean '{lookup.suggestions[0]}'?" if lookup.suggestions
                    else "add the person to registry/people.yaml")
            raise UsageError(N_("unknown person {name!r}").format(name=name), hint=hint)
