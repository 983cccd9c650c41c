"""What an analysis found in one meeting file, and how it travels as plain values.

A :class:`FileResult` goes to and from the cache and the forked workers as a
:data:`~vvgctl.repository.cached.ResultRow` (:meth:`FileResult.to_row`,
:meth:`FileResult.from_row`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vvgctl.diagnostics import Diagnostic, Severity, display_path
from vvgctl.message import Message
from vvgctl.repository.cached import ResultRow, diagnostic_rows, diagnostics_of
from vvgctl.repository.records import MeetingRecord
from vvgctl.runtime.i18n import N_


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
