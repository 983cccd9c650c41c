"""A preview of a change for its reviewers: the changed meetings as PDF and HTML, drafts
included and marked as drafts (the rendered header says "UTKAST – ej godkänd"); a planned
meeting or a kallelse is rendered as its kallelse. Never published: the site holds approved
minutes only."""

from __future__ import annotations

from pathlib import Path

from vvgctl.render.markdown import AGENDA_STATUSES
from vvgctl.render.pipeline import render_many
from vvgctl.source.loading import load_meeting


def render_preview(paths: list[Path], out: Path) -> tuple[int, list[str]]:
    """Render ``paths`` into ``out``; the number of files written and the problems."""
    minutes: list[Path] = []
    agendas: list[Path] = []
    problems: list[str] = []
    for path in paths:
        meeting = load_meeting(path).model
        if meeting is None:
            problems.append(f"{path}: not a valid meeting (see vvgctl check); not rendered")
            continue
        (agendas if meeting.status in AGENDA_STATUSES else minutes).append(path)
    written = 0
    for files, agenda in ((minutes, False), (agendas, True)):
        if not files:
            continue
        for fmt in ("pdf", "html"):
            for outcome in render_many(files, out, fmt, agenda=agenda):
                if outcome.error:
                    problems.append(outcome.error)
                elif outcome.output is not None:
                    written += 1
    return written, problems
