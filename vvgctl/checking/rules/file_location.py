"""file-location: a meeting file lives at ``<organ>/<year>/<date>.md`` in the repository.

The layout lets people (and the tools) find a meeting from its organ and date.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from vvgctl.checking.rules.base import FileContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

CODE = "file-location"
#: how severe its findings can be
SEVERITIES = (Severity.WARNING,)


def expected_path(organ: str, date: str) -> Path:
    return Path(organ) / date[:4] / f"{date}.md"


def _links_below(root: str, parts: tuple[str, ...]) -> bool:
    """Whether a folder or file on the way from ``root`` down ``parts`` is a link."""
    below = root
    for part in parts:
        below = os.path.join(below, part)
        if os.path.islink(below):
            return True
    return False


def check(ctx: FileContext) -> Iterator[Diagnostic]:
    if ctx.root is None or ctx.file is None:
        return
    date = ctx.meeting.date.isoformat()
    # the expected path's parts as text: the organ is an id (no separator), and pathlib's
    # joins cost more than the rest of the rule (0.09 s of 3,000 meetings)
    parts = (ctx.meeting.organ, date[:4], f"{date}.md")
    root = str(ctx.root)
    if str(ctx.file) == os.path.join(root, *parts) and not _links_below(root, parts):
        return  # it stands there: resolving both paths (0.2 s of 3,000 meetings) would say so
    expected = expected_path(ctx.meeting.organ, date)
    try:
        relative = ctx.file.resolve().relative_to(ctx.root.resolve())
    except ValueError:
        return
    if relative != expected:
        yield ctx.loaded.error(
            CODE,
            Message(
                N_(
                    "the file stands at {relative}; a meeting of {organ} "
                    "on {date} belongs at {expected}"
                ),
                {
                    "relative": relative,
                    "organ": ctx.meeting.organ,
                    "date": ctx.meeting.date,
                    "expected": expected,
                },
            ),
            "date",
            severity=Severity.WARNING,
            hint=Message(
                N_("git mv {relative} {expected}"), {"relative": relative, "expected": expected}
            ),
        )
