"""approval-flow: minutes become approved only as the status machine allows, at a meeting that
says so.

A record moves planned → agenda → draft → review → approved; ``vvgctl status`` makes the
first steps and ``vvgctl approve`` the last. ``check --base REV`` holds every record that is
approved in the working tree but was not at ``REV`` (or did not exist there) to the last step:

- it was in ``review`` at ``REV`` (a new file may come in approved only with all of the below,
  as an import of approved minutes does);
- it carries ``approval: {meeting: DATE}``: a status set to approved by hand is not enough;
- the approving meeting's minutes (the organ's own meeting on that date, or the meeting of the
  organ the registry names in ``approved_by``) are in the repository and name this record under
  ``previous`` as approved;
- nothing in it is unfinished (rule ``unfinished``, at error level).

Records approved before they came into the repository (imports, the bundled minutes) are not
held to this as long as they do not change; once approved, a record is frozen
(``frozen-record``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from vvgctl.checking.revision import Revision
from vvgctl.checking.rules import unfinished
from vvgctl.diagnostics import Diagnostic, Severity, display_path
from vvgctl.message import Message
from vvgctl.models import Meeting
from vvgctl.models.meeting import Status
from vvgctl.repository.discovery import meeting_path
from vvgctl.repository.file_result import links_outside, read_meeting
from vvgctl.runtime.i18n import N_
from vvgctl.source.loading import LoadedMeeting, load_meeting

CODE = "approval-flow"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR,)


def check_approvals(revision: Revision, paths: list[Path]) -> tuple[list[Diagnostic], set[Path]]:
    """Findings for the records under ``paths`` that became approved since the revision, and
    the paths of every record (anywhere in the repository) that became approved rightly."""
    findings: list[Diagnostic] = []
    approved_now: set[Path] = set()
    asked = set(revision.changed(paths))
    root = revision.repository.root
    for path in revision.changed([root]):
        if not path.is_file() or links_outside(path, root):
            continue  # gone, or a link never read (check names it)
        loaded = load_meeting(path, display_path(path))
        new = loaded.model
        if new is None or new.status is not Status.APPROVED:
            continue
        old = revision.old_meeting(path)
        if old is not None and old.status is Status.APPROVED:
            continue  # approved before: frozen-record's business
        problems = list(_problems(revision, loaded, new, old, path in revision.blobs))
        if not problems:
            approved_now.add(path)
        elif path in asked:
            findings += problems
    return findings, approved_now


def _problems(
    revision: Revision, loaded: LoadedMeeting, new: Meeting, old: Meeting | None, existed: bool
) -> Iterator[Diagnostic]:
    """What holds the record back from approval: the first step it skipped, else what it
    leaves unfinished."""
    skipped = _unreviewed(revision.rev, loaded, new, old, existed)
    if skipped is None:
        skipped = _unapproving(revision, loaded, new)
    if skipped is not None:
        yield skipped
        return
    yield from unfinished.findings(loaded, new, Severity.ERROR, notes=False)


def _unreviewed(
    rev: str, loaded: LoadedMeeting, new: Meeting, old: Meeting | None, existed: bool
) -> Diagnostic | None:
    """A record approved without review, or without naming its approving meeting."""
    if existed and (old is None or old.status is not Status.REVIEW):
        was = old.status.value if old is not None else "not valid"
        return loaded.error(
            CODE,
            Message(
                N_(
                    "the record went from '{was}' (at {rev}) to 'approved' in one change: "
                    "minutes are approved after review"
                ),
                {"was": was, "rev": rev},
            ),
            "status",
            hint=N_(
                "set 'status: review' (vvgctl status FILE review) in a change of its own; "
                "approve it in a later one with `vvgctl approve FILE --at DATE`"
            ),
        )
    if new.approval is None:
        return loaded.error(
            CODE,
            N_(
                "'status: approved' was set without an approval: the record names no "
                "meeting that approved it"
            ),
            "status",
            hint=N_(
                "record it with `vvgctl approve FILE --at DATE`, which also marks the "
                "approving meeting's 'previous'"
            ),
        )
    return None


def _unapproving(revision: Revision, loaded: LoadedMeeting, new: Meeting) -> Diagnostic | None:
    """Approving minutes that are missing, or do not say they approved this record."""
    assert new.approval is not None
    repository = revision.repository
    organ = repository.registry.registry.approver(new.organ)
    # the root is a real path: the file's own name is kept, a link in its place is not followed
    approving = meeting_path(repository.root, organ, new.approval.meeting)
    shown = display_path(approving)
    if not approving.is_file():
        return loaded.error(
            CODE,
            Message(
                N_("the approving meeting's minutes ({shown}) are not in the repository"),
                {"shown": shown},
            ),
            "approval",
            "meeting",
            hint=N_(
                "add them (vvgctl new-meeting) with 'previous' naming these minutes, in "
                "this change or before it"
            ),
        )
    later = read_meeting(approving, repository.root).model
    return _previous_problem(loaded, new, later, shown)


def _previous_problem(
    loaded: LoadedMeeting, new: Meeting, later: Meeting | None, shown: str
) -> Diagnostic | None:
    """The approving minutes' ``previous`` does not name this record as approved."""
    previous = later.previous if later is not None else None
    if later is None or previous is None or previous.date != new.date:
        return loaded.error(
            CODE,
            Message(
                N_(
                    "the approving meeting's minutes ({shown}) do not name these minutes (of "
                    "{date}) under 'previous'"
                ),
                {"shown": shown, "date": new.date},
            ),
            "approval",
            "meeting",
            hint=Message(
                N_(
                    "add 'previous: {{date: {date}, approved: true}}' to {shown} (vvgctl "
                    "approve does it)"
                ),
                {"date": new.date, "shown": shown},
            ),
        )
    if not previous.approved:
        return loaded.error(
            CODE,
            Message(
                N_(
                    "the approving meeting's minutes ({shown}) say these minutes were not "
                    "approved ('previous.approved: false')"
                ),
                {"shown": shown},
            ),
            "approval",
            "meeting",
            hint=Message(
                N_(
                    "set 'approved: true' under 'previous' in {shown}, or leave the record in "
                    "review"
                ),
                {"shown": shown},
            ),
        )
    return None
