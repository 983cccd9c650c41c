"""What an analysis found in one meeting file, and how it travels as plain values.

A :class:`FileResult` goes to and from the cache and the forked workers as a
:data:`~vvgctl.repository.cached.ResultRow` (:meth:`FileResult.to_row`,
:meth:`FileResult.from_row`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vvgctl.diagnostics import Diagnostic, Severity, display_path
from vvgctl.errors import VvgError
from vvgctl.message import Message
from vvgctl.repository.cached import ResultRow, diagnostic_rows, diagnostics_of
from vvgctl.repository.discovery import ends_outside, find_root
from vvgctl.repository.records import MeetingRecord
from vvgctl.runtime.i18n import N_
from vvgctl.source.loading import LoadedMeeting, load_meeting, read_source

if TYPE_CHECKING:
    from vvgctl.models import Meeting

#: the days on which a result holds, as ordinals (both included): a cached result read on
#: another day is a miss
Days = tuple[int, int]
#: every day
ALWAYS: Days = (dt.date.min.toordinal(), dt.date.max.toordinal())


def today() -> dt.date:
    """Today: the one clock the file rules and the result cache read (a test moves it)."""
    return dt.date.today()


def has_taken_place(day: dt.date) -> bool:
    """Whether the day has come (a meeting on it has taken place, or takes place today)."""
    return day <= today()


def days_held(meeting: Meeting | None) -> Days:
    """The days on which what an analysis finds in ``meeting`` today holds (asked before the
    analysis reads the clock, so that a result never holds longer than it should).

    One fact about a meeting changes with the calendar: whether the meeting that approved its
    minutes, when that lies after its own date, has taken place (the rule approval-date asks
    :func:`has_taken_place`). A result holds while the answer stays the one it has today:
    until the day before that meeting, or from that day on.
    """
    approval = meeting.approval if meeting is not None else None
    if meeting is None or approval is None or approval.meeting <= meeting.date:
        return ALWAYS
    day = approval.meeting.toordinal()
    return (day, ALWAYS[1]) if has_taken_place(approval.meeting) else (ALWAYS[0], day - 1)


def today_only() -> Days:
    """Today alone: the days of a result no one said more of."""
    day = today().toordinal()
    return (day, day)


@dataclass
class FileResult:
    """What an analysis found in one meeting file: its diagnostics and its record."""

    path: str  # as shown to the user
    diagnostics: list[Diagnostic]
    record: MeetingRecord | None

    def to_row(self) -> ResultRow:
        """The result as plain values: what the cache keeps and workers send back."""
        return (
            self.path,
            diagnostic_rows(self.diagnostics),
            self.record.to_row() if self.record else None,
        )

    @classmethod
    def from_row(cls, row: ResultRow, shown: str | None = None) -> FileResult:
        """A result from :meth:`to_row`, shown under ``shown`` (the working folder may have
        moved since it was cached)."""
        path, diagnostics, record = row
        shown = shown or path
        return cls(
            shown,
            diagnostics_of(diagnostics, path, shown),
            MeetingRecord.from_row(record, shown) if record else None,
        )


def outside_link(path: Path) -> FileResult:
    """The result of a file that is a link to a place outside the repository (never read)."""
    shown = display_path(path)
    return FileResult(
        shown,
        [
            Diagnostic(
                shown,
                0,
                0,
                Severity.ERROR,
                "io",
                Message(
                    N_(
                        "the file is a link to a place outside the repository; vvgctl does not "
                        "read it"
                    )
                ),
                Message(N_("replace the link with the file itself")),
            )
        ],
        None,
    )


def links_outside(path: Path, root: Path) -> bool:
    """Whether ``path`` is a link that ends outside the repository at ``root`` (a real path;
    a loop of links ends inside: reading it says what it is)."""
    return path.is_symlink() and ends_outside(os.fspath(path), os.fspath(root))


def read_meeting(path: Path, root: Path) -> LoadedMeeting:
    """The meeting at ``path`` parsed, unless it is a link that ends outside the repository
    at ``root``: then never read, and :func:`outside_link`'s finding is its one finding."""
    if links_outside(path, root):
        outside = LoadedMeeting(display_path(path), None)
        outside.diagnostics += outside_link(path).diagnostics
        return outside
    return load_meeting(path, display_path(path))


def refuse_outside_link(path: Path, root: Path) -> None:
    """For a reader that takes files one by one (render): a
    :class:`~vvgctl.errors.VvgError` naming ``path`` when it is a link that ends outside the
    repository at ``root``, with the finding ``check`` gives; nothing then reads it."""
    if links_outside(path, root):
        found = outside_link(path).diagnostics[0]
        raise VvgError(found.message, hint=found.hint, path=found.path)


def refuse_link_out_of_its_repository(path: Path) -> None:
    """For a command given one meeting file to read and write (status, attend, approve):
    :func:`refuse_outside_link` in the repository that holds the link itself (found from its
    folder, not from where it ends); nothing reads it, and no write replaces it."""
    root = find_root(path.absolute().parent)
    if root is not None:
        refuse_outside_link(path, root)


def sha256_of(path: Path, known: dict[Path, str | None]) -> str | None:
    """The SHA-256 of the file's bytes (None when it cannot be read), once per command."""
    if path not in known:
        try:
            known[path] = hashlib.sha256(read_source(path)).hexdigest()
        except OSError:
            known[path] = None
    return known[path]
