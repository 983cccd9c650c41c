"""Frozen records: approved minutes change only through a correction that a meeting approved.

``vvgctl check --base REV`` reads, with real git, every meeting file as it stood at ``REV``.
Each one that was approved there is compared, front matter and body, with the working tree.
A changed stretch of lines is allowed when a correction explains it exactly: applying the
corrections' ``quote`` -> ``replacement`` to the old lines gives the new lines.

Only corrections that a meeting approved count: those the approving meeting's minutes record
under ``previous.corrections`` (the meeting named in the record's ``approval``, or else the
organ's meeting whose ``previous`` names the record), when those minutes were approved at
``REV`` or become approved rightly in the same change (``approval-flow``). Corrections a record
declares for itself, corrections in a draft's ``previous`` and a status changed by hand count
for nothing. A correction changes words, never structure, as ``vvgctl approve`` makes them: one
whose quote or replacement holds a line break or another control character counts for
nothing, and the lines it explains must leave every value but text as it was (a recorded
correction ``type: endorsed`` -> ``type: rejected`` explains nothing). The record may copy
counted corrections into its own ``approval.corrections``. Anything else is a
``frozen-record`` error at the first changed line; a removed record is one as well.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from vvgctl.checking.revision import Revision
from vvgctl.diagnostics import Diagnostic, Severity, display_path
from vvgctl.message import Message, plural
from vvgctl.models import Meeting
from vvgctl.models.meeting import Correction, Status
from vvgctl.repository.discovery import meeting_path
from vvgctl.repository.file_result import links_outside, read_meeting
from vvgctl.runtime.i18n import N_
from vvgctl.source.corrections import apply_all
from vvgctl.source.document import SourceProblem, decode
from vvgctl.source.frontmatter_edit import blocks
from vvgctl.source.loading import parse_meeting, read_source
from vvgctl.source.text_fields import CONTROL, only_text_changed

CODE = "frozen-record"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR,)


def _lines(raw: bytes) -> list[str] | None:
    try:
        return decode(raw).split("\n")
    except SourceProblem:
        return None


def _approval_range(lines: list[str]) -> range:
    """The 0-based file lines of the top-level ``approval`` block (empty when there is none)."""
    if not lines or lines[0].rstrip() != "---":
        return range(0)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return range(0)
    start = 1
    for key, block in blocks(lines[1:end]):
        if key == "approval":
            return range(start, start + len(block))
        start += len(block)
    return range(0)


def _recording_allowed(old: Meeting, new: Meeting | None, counted: list[Correction]) -> bool:
    """Whether the approval block changed only by copying counted corrections into it."""
    if new is None or new.approval is None or new.status is not Status.APPROVED:
        return False
    before = old.approval.corrections if old.approval else []
    if old.approval is not None and old.approval.meeting != new.approval.meeting:
        return False
    added = new.approval.corrections[len(before) :]
    return new.approval.corrections[: len(before)] == before and all(c in counted for c in added)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _explained(old: list[str], new: list[str], corrections: list[Correction]) -> bool:
    before = apply_all("\n".join(old), [(c.quote, c.replacement) for c in corrections])
    return _squash(before) == _squash("\n".join(new))


def _candidates(revision: Revision, record: Meeting, organ: str) -> list[Path]:
    """The files of the meeting that approved ``record``: the one its approval names, or else
    the organ's later meetings that name it under ``previous``."""
    repository = revision.repository
    if record.approval is not None:
        # the root is a real path: a link in the file's place is not followed
        return [meeting_path(repository.root, organ, record.approval.meeting)]
    mark = record.date.isoformat().encode()
    return [
        path
        for day, path, raw in _with_previous(revision, organ)
        if day > record.date and mark in raw
    ]


def _with_previous(revision: Revision, organ: str) -> list[tuple[dt.date, Path, bytes]]:
    """The organ's meeting files that say 'previous', read once per check."""
    cache = revision.previous_scans
    if organ not in cache:
        found = []
        root = revision.repository.root
        for day, path in revision.repository.dated_meetings(organ):
            if links_outside(path, root):
                continue  # never read
            try:
                raw = read_source(path)
            except OSError:
                continue
            if b"previous" in raw:
                found.append((day, path.resolve(), raw))
        cache[organ] = found
    return cache[organ]


def approved_corrections(
    revision: Revision, record: Meeting, approved_now: set[Path]
) -> list[Correction]:
    """The corrections of ``record`` that its approving meeting's approved minutes record."""
    organ = revision.repository.registry.registry.approver(record.organ)
    counted: list[Correction] = []
    for path in _candidates(revision, record, organ):
        then = revision.old_meeting(path)
        if then is not None and then.status is Status.APPROVED:
            later: Meeting | None = then  # as approved at the revision
        elif path in approved_now:
            later = read_meeting(path, revision.repository.root).model
        else:
            continue  # a draft's or a hand-set approval's corrections count for nothing
        if (
            later is not None
            and later.previous is not None
            and (later.previous.date == record.date)
        ):
            counted += later.previous.corrections
    return counted


def compare(
    counted: list[Correction], shown: str, old_raw: bytes, new_raw: bytes, rev: str
) -> Diagnostic | None:
    """A finding when the approved record ``old_raw`` changed into ``new_raw`` in a way the
    ``counted`` corrections do not explain."""
    old = parse_meeting(old_raw, shown).model
    if old is None or old.status is not Status.APPROVED:
        return None
    counted = [
        c
        for c in counted
        if not any(CONTROL.search(given or "") for given in (c.quote, c.replacement))
    ]
    old_lines, new_lines = _lines(old_raw), _lines(new_raw)
    if old_lines is None or new_lines is None:
        return _finding(shown, 1, old, rev, 1)
    if old_lines == new_lines:
        return None  # only line endings or a BOM differ
    new = parse_meeting(new_raw, shown).model
    may_record = _recording_allowed(old, new, counted)
    old_block, new_block = _approval_range(old_lines), _approval_range(new_lines)
    unexplained: list[int] = []
    explained: list[int] = []  # the lines the corrections explain: they must change text only
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        in_block = all(j in new_block for j in range(j1, j2)) and all(
            i in old_block for i in range(i1, i2)
        )
        if may_record and in_block:
            continue
        line = min(j1, max(len(new_lines) - 1, 0)) + 1
        (
            explained if _explained(old_lines[i1:i2], new_lines[j1:j2], counted) else unexplained
        ).append(line)
    if not unexplained and (
        not explained
        or (
            new is not None
            and only_text_changed(old, new, [(c.quote, c.replacement) for c in counted])
        )
    ):
        return None
    return _finding(
        shown, (unexplained or explained)[0], old, rev, len(unexplained) or len(explained)
    )


def _finding(shown: str, line: int, old: Meeting, rev: str, count: int) -> Diagnostic:
    if old.approval:
        message = plural(
            "these minutes were approved at the meeting of {meeting} (as of {rev}) and are "
            "frozen: {n} change is not recorded as an approved correction",
            "these minutes were approved at the meeting of {meeting} (as of {rev}) and are "
            "frozen: {n} changes are not recorded as an approved correction",
            count,
            {"meeting": old.approval.meeting, "rev": rev},
        )
    else:
        message = plural(
            "these minutes were approved (as of {rev}) and are frozen: {n} change is not "
            "recorded as an approved correction",
            "these minutes were approved (as of {rev}) and are frozen: {n} changes are not "
            "recorded as an approved correction",
            count,
            {"rev": rev},
        )
    return Diagnostic(
        shown,
        line,
        1,
        Severity.ERROR,
        CODE,
        message,
        Message(
            N_(
                "undo it (git checkout {rev} -- <file>); a correction counts when the "
                "approving meeting's minutes record it under 'previous.corrections' (with "
                "'quote' and 'replacement') and those minutes are approved, before or in the "
                "same change"
            ),
            {"rev": rev},
        ),
    )


def check_frozen(
    revision: Revision, paths: list[Path], approved_now: set[Path]
) -> list[Diagnostic]:
    """``frozen-record`` findings for the meetings under ``paths`` approved at the revision
    and changed since."""
    findings: list[Diagnostic] = []
    rev = revision.rev
    for path in revision.changed(paths):
        if links_outside(path, revision.repository.root):
            continue  # never read: check names it
        old_raw = revision.old_bytes(path)
        old = revision.old_meeting(path)
        if old_raw is None or old is None or old.status is not Status.APPROVED:
            continue
        shown = display_path(path)
        try:
            current = read_source(path)
        except FileNotFoundError:
            findings.append(
                Diagnostic(
                    shown,
                    0,
                    0,
                    Severity.ERROR,
                    CODE,
                    Message(
                        N_("approved minutes (as of {rev}) were removed or moved"), {"rev": rev}
                    ),
                    Message(
                        N_("restore them: git checkout {rev} -- {as_posix}"),
                        {"rev": rev, "as_posix": path.relative_to(revision.top).as_posix()},
                    ),
                )
            )
            continue
        if current == old_raw:
            continue
        counted = approved_corrections(revision, old, approved_now)
        finding = compare(counted, shown, old_raw, current, rev)
        if finding is not None:
            findings.append(finding)
    return findings
