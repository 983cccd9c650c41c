"""One meeting file -> its summary, its HTML page and its PDF (the unit of a parallel build).

Runs in a worker process: it gets the file's bytes and what to make, writes the page and the
PDF atomically into the output folder, and returns plain data. A record that is not approved
returns no summary and writes nothing.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vvgctl.diagnostics import Diagnostic
from vvgctl.errors import VvgError, naming
from vvgctl.index.extract import text_line
from vvgctl.models.meeting import Status
from vvgctl.publish.collect import Summary, summarize
from vvgctl.publish.manifest import inside
from vvgctl.publish.pages import meeting_page
from vvgctl.render.closed import closed_texts
from vvgctl.repository.approved_at import approved_at
from vvgctl.repository.repo import Repository
from vvgctl.repository.site import Site
from vvgctl.source.fileio import atomic_write_bytes
from vvgctl.source.loading import LoadedMeeting, parse_meeting


@dataclass
class MeetingJob:
    root: str
    out: str
    source: str  # path relative to the repository root
    raw: bytes
    source_hash: str
    page_key: str
    pdf_key: str
    organ_label: str
    want_page: bool
    want_pdf: bool
    renderer: bool  # the PDF renderer is installed
    organ_labels: dict[str, str] = field(default_factory=dict)  # id -> name as shown
    site: Site | None = None  # the site's name and language (publish always gives them)
    delegations: dict[str, str] = field(default_factory=dict)  # the organ's: id -> name


@dataclass
class MeetingResult:
    source: str
    source_hash: str
    summary: Summary | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: list[tuple[str, str]] = field(default_factory=list)  # (output path, key)
    pdf_problem: str | None = None


def _decision_lines(loaded: LoadedMeeting) -> dict[tuple[str, int], int]:
    meeting = loaded.model
    lines: dict[tuple[str, int], int] = {}
    if meeting is None:
        return lines
    for i, item in enumerate(meeting.items):
        bases: list[tuple[str, tuple[str | int, ...], Any]] = [(item.number, ("items", i), item)]
        bases += [
            (f"{item.number}{s.number}", ("items", i, "subitems", n), s)
            for n, s in enumerate(item.subitems)
        ]
        for number, base, content in bases:
            for d in range(len(content.decisions)):
                lines[(number, d)] = text_line(loaded, *base, "decisions", d, "text")
    return lines


def render_pdf(repository: Repository, source: Path, target: Path) -> str | None:
    """Render ``source`` to the PDF ``target`` with the render pipeline; a problem as text."""
    try:
        from vvgctl.render.pipeline import render_meeting  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return "the PDF renderer (vvgctl.render) is not installed in this version"

    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".pdf-") as tmp:
        try:
            produced = Path(render_meeting(source, Path(tmp), "pdf", repository=repository))
        except VvgError as exc:
            return str(exc)
        os.replace(produced, target)
    return None


def run(repository: Repository, job: MeetingJob) -> MeetingResult:
    """One meeting's page and PDF (in a worker, handed the open ``repository`` by the pool's
    initializer)."""
    result = MeetingResult(job.source, job.source_hash)
    loaded = parse_meeting(job.raw, job.source)
    result.diagnostics = loaded.diagnostics
    meeting = loaded.model
    if meeting is None or meeting.status is not Status.APPROVED:
        return result
    summary = summarize(meeting, job.source, job.source_hash, _decision_lines(loaded))
    stamp = approved_at(Path(job.root) / job.source, meeting)
    summary["approved_at"] = stamp.strftime("%Y-%m-%dT%H:%M:%SZ") if stamp else None
    result.summary = summary
    out = Path(job.out)
    slug = summary["slug"]
    pdf_name = Path(slug).name + ".pdf"
    if job.want_pdf and job.renderer:
        target = inside(out, slug + ".pdf", replace_links=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        result.pdf_problem = render_pdf(repository, Path(job.root) / job.source, target)
        if result.pdf_problem is None:
            result.written.append((slug + ".pdf", job.pdf_key))
    summary["pdf"] = (out / (slug + ".pdf")).is_file() and result.pdf_problem is None
    if job.want_page:
        assert job.site is not None
        html = meeting_page(
            loaded,
            summary,
            job.organ_label,
            pdf_name if summary["pdf"] else None,
            job.site,
            job.organ_labels,
            closed=closed_texts(repository, meeting),
            delegations=job.delegations,
        )
        page = inside(out, slug + ".html", replace_links=True)
        with naming(page):
            atomic_write_bytes(page, html.encode("utf-8"))
        # a page without its PDF is made again next time, when the PDF may render
        failed = job.renderer and not summary["pdf"]
        result.written.append((slug + ".html", "no-pdf" if failed else job.page_key))
    return result
