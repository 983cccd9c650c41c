"""``vvgctl approve``: minutes approved at a later meeting, in both files or in neither.

A record is approved only from review, only when nothing is unfinished, and only when the
approving meeting's minutes are in the repository. In one go the record gets ``status:
approved`` and its ``approval`` (with the corrections, each quote replaced in the text, see
:mod:`vvgctl.cycle.corrections`), and the approving meeting's ``previous`` is marked approved
with the same corrections.

As one transaction:

1. Both files are locked (:func:`~vvgctl.source.frontmatter_edit.locked`) before anything is
   read, and everything is read under the lock: a second ``approve`` of the same record waits,
   then finds it approved and refuses.
2. Both new texts are made and checked as ``vvgctl check`` checks a file (the model, the body's
   sections against the items, the status and approval rules): the record must pass, and the
   approving meeting may not fail where it passed before. A text that would not pass is
   refused, naming the file and the rule.
3. Both files are written as one (:func:`~vvgctl.source.fileio.atomic_write_all`): temporary
   files flushed to the disk, then renamed; when the second cannot be, the first is put back.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from vvgctl.checking.check import check_loaded
from vvgctl.checking.rules import unfinished
from vvgctl.cycle.corrections import apply as apply_corrections
from vvgctl.cycle.corrections import check_shape
from vvgctl.cycle.lifecycle import Outcome, insert_before, load_valid, read_record, valid
from vvgctl.diagnostics import Diagnostic, Severity, display_path
from vvgctl.errors import UsageError, VvgError
from vvgctl.message import Message
from vvgctl.models import Meeting
from vvgctl.models.meeting import Correction, Status
from vvgctl.repository.discovery import meeting_path
from vvgctl.repository.file_result import refuse_link_out_of_its_repository
from vvgctl.repository.repo import Repository
from vvgctl.runtime.i18n import N_
from vvgctl.source import frontmatter_edit
from vvgctl.source.loading import LoadedMeeting, parse_meeting


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
    repository = Repository.open(record, required=False)
    organ = (
        repository.registry.registry.approver(meeting.organ)
        if repository is not None
        else organ_dir.name
    )
    return meeting_path(repository.root if repository is not None else root, organ, at)


def _refuse_unfinished(path: Path, loaded: LoadedMeeting, meeting: Meeting) -> None:
    problems = list(unfinished.findings(loaded, meeting, Severity.ERROR))
    if problems:
        lines = [
            Message(
                N_("  {place}: {message} [{code}]"),
                {"place": f"{d.path}:{d.line}:{d.column}", "message": d.message, "code": d.code},
            )
            for d in problems
        ]
        listed = lines[0]
        for line in lines[1:]:
            listed = Message(N_("{above}\n{below}"), {"above": listed, "below": line})
        raise VvgError(
            Message(
                N_("the minutes are not finished ({count} to do); nothing was approved:\n{listed}"),
                {"count": len(problems), "listed": listed},
            ),
            path=str(path),
            hint=N_("finish them, check them (vvgctl check), and approve again"),
        )


def _ready(path: Path, at: dt.date) -> tuple[LoadedMeeting, Meeting, Path]:
    """The record (read now) and the approving meeting's file; the refusal that says why
    when the record cannot be approved at ``at``."""
    loaded = read_record(path)
    meeting = valid(loaded, path)
    if at <= meeting.date:
        raise UsageError(
            Message(
                N_("minutes of {date} are approved at a later meeting, not on {at}"),
                {"date": meeting.date, "at": at},
            )
        )
    if at > dt.date.today():
        raise UsageError(
            Message(N_("the meeting on {at} has not taken place yet"), {"at": at}),
            hint=N_("approve the minutes at (or after) the approving meeting"),
        )
    if meeting.status is Status.APPROVED:
        when = meeting.approval.meeting if meeting.approval else Message(N_("an earlier meeting"))
        raise VvgError(
            Message(N_("the record is already approved (at {when}) and frozen"), {"when": when}),
            path=str(path),
            hint=N_(
                "a later correction is recorded by the meeting "
                "that approves it, under its "
                "'previous.corrections'"
            ),
        )
    if meeting.status is not Status.REVIEW:
        raise VvgError(
            Message(
                N_("the record is '{value}': minutes are approved after review"),
                {"value": meeting.status.value},
            ),
            path=str(path),
            hint=Message(
                N_("vvgctl status {path} review, and let the members review it"), {"path": path}
            ),
        )
    _refuse_unfinished(path, loaded, meeting)
    other = approving_file(path, meeting, at)
    if not other.is_file():
        raise VvgError(
            Message(
                N_("the approving meeting's minutes ({other}) are not in the repository"),
                {"other": display_path(other)},
            ),
            path=str(path),
            hint=N_("scaffold them first (vvgctl new-meeting), then approve"),
        )
    refuse_link_out_of_its_repository(other)  # before the lock opens it
    return loaded, meeting, other


def approve(path: Path, at: dt.date, corrections: list[Correction]) -> Outcome:
    """Record that the minutes at ``path`` were approved at the meeting on ``at``: the
    corrections made in the text, the approval recorded, and the approving meeting's
    ``previous`` marked approved, all or nothing (see the module's docstring)."""
    for correction in corrections:
        check_shape(correction)
    other = _ready(path, at)[2]

    def record(data: Any) -> set[str]:
        data["status"] = Status.APPROVED.value
        approval = CommentedMap([("meeting", at)])
        if corrections:
            approval["corrections"] = CommentedSeq(_correction_map(c) for c in corrections)
        insert_before(data, "approval", approval, ("items", "interludes", "schedule", "people"))
        return {"status", "approval"}

    with frontmatter_edit.locked(path, other):
        # read again under the lock: another approve may have come first
        loaded, meeting, again = _ready(path, at)
        if again != other:
            raise VvgError(
                N_("the record changed while approve waited for it; nothing was approved"),
                path=str(path),
                hint=N_("run the command again"),
            )
        source = frontmatter_edit.read(path)
        text = frontmatter_edit.apply(apply_corrections(source, loaded, corrections), record)
        frontmatter_edit.validate(path, text)
        follow, follow_text = _previous_edit(other, path, meeting, corrections)
        repository = Repository.open(path, required=False)
        _refuse_failing(repository, path, text, source.text(source.front))
        _refuse_failing(repository, other, follow_text, follow.text(follow.front), new=True)
        frontmatter_edit.write_all(
            [(source, text), (follow, follow_text)], what=N_("nothing was approved")
        )
    return Outcome([path, other])


def _errors(repository: Repository, path: Path, text: str) -> list[Diagnostic]:
    """The errors ``vvgctl check`` finds in ``text`` as the file at ``path``."""
    loaded = parse_meeting(text.encode("utf-8"), display_path(path))
    result = check_loaded(loaded, repository.registry, repository.root, path)
    return [d for d in result.diagnostics if d.severity is Severity.ERROR]


def _refuse_failing(
    repository: Repository | None, path: Path, text: str, before: str, *, new: bool = False
) -> None:
    """Refuse ``text`` for the file at ``path`` when check would find an error in it (with
    ``new``, only an error the file's text ``before`` does not have). Outside a repository
    there is no registry to check against: the model alone is checked (by the caller)."""
    if repository is None:
        return
    found = _errors(repository, path, text)
    if new:
        known = Counter((d.code, d.message) for d in _errors(repository, path, before))
        kept = []
        for diagnostic in found:
            key = (diagnostic.code, diagnostic.message)
            if known[key]:
                known[key] -= 1
            else:
                kept.append(diagnostic)
        found = kept
    if found:
        first = found[0]
        raise VvgError(
            Message(
                N_(
                    "the approval would leave the file failing check: {message} [{code}]; nothing "
                    "was approved"
                ),
                {"message": first.message, "code": first.code},
            ),
            path=display_path(path),
            line=first.line,
            hint=first.hint or N_("run vvgctl check on the file"),
        )


def _previous_edit(
    other: Path, record: Path, meeting: Meeting, corrections: list[Correction]
) -> tuple[frontmatter_edit.Source, str]:
    """The approving meeting's ``previous`` marked approved (a :class:`VvgError` when it
    cannot be: approved itself, or naming other minutes)."""
    later = load_valid(other)
    if later.status is Status.APPROVED:
        raise VvgError(
            Message(
                N_(
                    "the approving meeting's minutes ({other}) are approved and frozen "
                    "themselves; nothing was approved"
                ),
                {"other": display_path(other)},
            ),
            path=str(record),
            hint=N_("check the date given to --at"),
        )
    if later.previous is not None and later.previous.date != meeting.date:
        raise VvgError(
            Message(
                N_(
                    "{other} names {date} as its previous minutes, not {date2}; nothing "
                    "was approved"
                ),
                {"other": display_path(other), "date": later.previous.date, "date2": meeting.date},
            ),
            path=str(record),
            hint=N_("check the date given to --at, or correct 'previous' there"),
        )

    def change(data: Any) -> set[str]:
        previous = data.get("previous")
        if previous is None:
            previous = CommentedMap(
                [
                    ("date", meeting.date),
                    (
                        "link",
                        os.path.relpath(record.resolve(), other.resolve().parent).replace(
                            os.sep, "/"
                        ),
                    ),
                ]
            )
            insert_before(
                data,
                "previous",
                previous,
                ("approval", "items", "interludes", "schedule", "people"),
            )
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
