"""When a record was approved: the time its feed entry and its PDF carry.

The truth is the commit that first recorded the file with ``status: approved`` (its committer
time, which every clone of the repository shares, so a rebuild gives the same bytes). Outside
git, or before that commit is made, it is the day of the approving meeting in the record's
``approval`` block; a record with neither has no approval time. Never the meeting's own day:
minutes approved months later must not look back-dated.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vvgctl.errors import UsageError
from vvgctl.models import Meeting
from vvgctl.repository import git

#: a line that sets the status to approved, quoted or not (git log -G, POSIX regex)
_APPROVED_LINE = "^status:[[:space:]]*[\"']?approved"


def approving_commit_time(path: Path) -> dt.datetime | None:
    """The committer time (UTC) of the first commit that set ``path`` approved, if any."""
    try:
        out = git.run(
            path.parent,
            "log",
            "--reverse",
            "--format=%ct",
            f"-G{_APPROVED_LINE}",
            "--",
            path.name,
            check=False,
        )
    except UsageError:  # no git: the record's own approval date stands
        return None
    first = out.decode("ascii", "replace").split("\n", 1)[0].strip()
    return dt.datetime.fromtimestamp(int(first), dt.UTC) if first.isdigit() else None


def approved_at(path: Path, meeting: Meeting) -> dt.datetime | None:
    """When ``meeting`` (read from ``path``) was approved, or None when it is not."""
    if meeting.approval is None and meeting.status.value != "approved":
        return None
    committed = approving_commit_time(path)
    if committed is not None:
        return committed
    if meeting.approval is not None:
        day = meeting.approval.meeting
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    return None
