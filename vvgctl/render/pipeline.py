"""Orchestration: meeting file -> Markdown -> pandoc -> Typst -> PDF (or HTML, DOCX).

Each document is made in its own clean temporary folder, which is pandoc's working folder and
Typst's root. A batch skips outputs whose content hash is unchanged and spreads the rest over
worker processes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from vvgctl import __version__
from vvgctl.errors import VvgError, naming
from vvgctl.message import Message
from vvgctl.models import Meeting, Organ
from vvgctl.render import escape, limits, pandoc
from vvgctl.render import typst as typst_engine
from vvgctl.render.closed import closed_texts
from vvgctl.render.markdown import render_markdown
from vvgctl.render.output import Manifest
from vvgctl.render.pdf import to_pdf, workdir
from vvgctl.render.templating import TEMPLATES_DIR
from vvgctl.repository.approved_at import approved_at
from vvgctl.repository.file_result import refuse_outside_link
from vvgctl.repository.repo import Repository
from vvgctl.runtime.fingerprint import digest, tree_digest
from vvgctl.runtime.i18n import N_
from vvgctl.runtime.pool import default_jobs, map_with
from vvgctl.source.fileio import atomic_write_bytes
from vvgctl.source.loading import load_meeting
from vvgctl.swedish.dates import long_date

OutputKind = Literal["pdf", "html", "docx"]
LOGO_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg"})
_RENDER_SOURCES = ("minutes.md.j2", "agenda.md.j2", "render", "typst", "html", "pandoc")


class MeetingInvalid(VvgError):
    """The meeting file does not validate: `vvgctl check` says why."""


@dataclass
class Prepared:
    """A meeting's Markdown and what the page furniture needs."""

    markdown: str
    title: str
    doctype: str
    header: str
    date: dt.date
    logo: Path | None
    approved_at: dt.datetime | None = None  # the PDF's dates, when approved


@dataclass
class Outcome:
    """What happened to one input of a batch."""

    path: Path
    output: Path | None
    skipped: bool = False
    error: str | None = None
    problem: VvgError | None = None  # the error itself, to be shown in the user's language


#: a batch's repositories by the folder of each file (None outside one): each opened once, in
#: the parent, so that the workers are handed its registry already read
Batch = dict[Path, Repository | None]


def open_batch(paths: Iterable[Path]) -> Batch:
    """The repository of each file's folder, each repository opened once (its registry read)."""
    batch: Batch = {}
    by_root: dict[Path, Repository] = {}
    for path in paths:
        folder = path.parent
        if folder not in batch:
            found = Repository.open(path, required=False)
            if found is not None:
                found = by_root.setdefault(found.root, found)
                _organs(found)
            batch[folder] = found
    return batch


def _repository_of(path: Path, batch: Batch | None) -> Repository | None:
    if batch is None or path.parent not in batch:
        return Repository.open(path, required=False)  # read afresh: the registry may change
    return batch[path.parent]


def _organs(repository: Repository | None) -> dict[str, Organ]:
    if repository is None:
        return {}
    return repository.derived(
        "organs-by-id", lambda r: {o.id: o for o in r.registry.registry.organs}
    )


def _logo(organ: Organ | None, root: Path | None) -> Path | None:
    """The organ's logo file, when it is an image inside the repository."""
    if organ is None or not organ.logo or root is None:
        return None
    candidate = (root / organ.logo).resolve()
    if candidate.suffix.lower() not in LOGO_SUFFIXES or not candidate.is_file():
        return None
    if not candidate.is_relative_to(root.resolve()):
        return None
    return candidate


def prepare(path: Path, *, agenda: bool = False, batch: Batch | None = None) -> Prepared:
    """Read, validate and lay out one meeting file as Markdown; a meeting past the limits of
    :mod:`~vvgctl.render.limits` is refused before pandoc sees it."""
    limits.check_size(path)
    loaded = load_meeting(path)
    if loaded.model is None or loaded.document is None:
        first = loaded.diagnostics[0] if loaded.diagnostics else None
        where: Message | str = (
            Message(
                N_("{place}: {message}"),
                {"place": f"{first.path}:{first.line}:{first.column}", "message": first.message},
            )
            if first
            else ""
        )
        raise MeetingInvalid(
            Message(
                N_("{path}: the meeting does not validate ({where})"),
                {"path": path, "where": where},
            ),
            hint=Message(N_("run `vvgctl check {path}` and fix what it reports"), {"path": path}),
        )
    meeting: Meeting = loaded.model
    limits.check_tables(path, meeting, [loaded.document.body])
    repository = _repository_of(path, batch)
    root = repository.root if repository is not None else None
    organs = _organs(repository)
    organ = organs.get(meeting.organ)
    markdown = render_markdown(
        meeting,
        organ,
        loaded.document.sections,
        organs,
        agenda=agenda,
        closed=None if agenda else closed_texts(repository, meeting),
    )
    organ_label = (organ.short_name or organ.name) if organ else meeting.organ
    doctype = (
        "Kallelse"
        if agenda
        else (" ".join(escape.without_comments(meeting.title or "").split()) or "Mötesanteckning")
    )
    return Prepared(
        markdown=markdown,
        title=f"{doctype} {organ_label} {long_date(meeting.date)}",
        doctype=doctype,
        header=(organ.header or organ.name) if organ else meeting.organ,
        date=meeting.date,
        logo=_logo(organ, root),
        approved_at=None if agenda else approved_at(path, meeting),
    )


def output_name(path: Path, fmt: OutputKind, *, agenda: bool) -> str:
    """``minutes/vvg/2025/2025-10-22.md`` -> ``vvg-2025-10-22.pdf`` (``-kallelse`` for agendas)."""
    organ = path.parent.parent.name if path.parent.parent.name else "moete"
    return f"{organ}-{path.stem}{'-kallelse' if agenda else ''}.{fmt}"


def render_bytes(prepared: Prepared, fmt: OutputKind, *, label: str) -> bytes:
    with workdir() as tmp:
        folder = Path(tmp)
        if fmt == "pdf":
            return to_pdf(
                prepared.markdown,
                folder,
                title=prepared.title,
                doctype=prepared.doctype,
                header=prepared.header,
                date=prepared.date,
                logo=prepared.logo,
                label=label,
                timestamp=prepared.approved_at,
            )
        return pandoc.convert(prepared.markdown, fmt, folder, title=prepared.title, label=label)


@lru_cache(maxsize=1)
def _engine_digest() -> str:
    sources = tree_digest(
        *(TEMPLATES_DIR / name for name in _RENDER_SOURCES), Path(__file__).parent, pattern="*"
    )
    return digest(__version__, pandoc.identity(), typst_engine.identity(), sources)


def content_hash(path: Path, fmt: OutputKind, *, agenda: bool, batch: Batch | None = None) -> str:
    """Everything an output is made from: the file, the registry, templates, engines (a link
    that ends outside the repository is refused here, before anything reads it)."""
    repository = _repository_of(path, batch)
    if repository is not None:
        refuse_outside_link(path, repository.root)
    return digest(
        _engine_digest(),
        fmt,
        str(agenda),
        limits.read(path),
        repository.registry_digest if repository is not None else "",
    )


def _render_one(batch: Batch, path: Path, output: Path, fmt: OutputKind, agenda: bool) -> None:
    data = render_bytes(prepare(path, agenda=agenda, batch=batch), fmt, label=str(path))
    with naming(output):
        atomic_write_bytes(output, data)


def _render_task(batch: Batch, task: tuple[Path, Path, OutputKind, bool]) -> VvgError | None:
    """One render of a batch: a problem the user can fix comes back as a value, so that it
    fails only its own meeting (anything else is a bug and stops the batch)."""
    try:
        _render_one(batch, *task)
    except VvgError as exc:
        return exc
    return None


def render_meeting(
    path: Path,
    out_dir: Path,
    fmt: OutputKind = "pdf",
    *,
    agenda: bool = False,
    force: bool = False,
    repository: Repository | None = None,
) -> Path:
    """Render one meeting file into ``out_dir``; return the output's path. ``repository``:
    the one the caller holds open (else it is opened here)."""
    outcome = render_many(
        [path], out_dir, fmt, agenda=agenda, jobs=1, force=force, repository=repository
    )[0]
    if outcome.problem is not None:
        raise outcome.problem
    if outcome.error is not None:
        raise VvgError(outcome.error)
    assert outcome.output is not None
    return outcome.output


def render_many(
    paths: Iterable[Path],
    out_dir: Path,
    fmt: OutputKind = "pdf",
    *,
    agenda: bool = False,
    jobs: int = 1,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
    repository: Repository | None = None,
) -> list[Outcome]:
    """Render every meeting in ``paths``; unchanged ones (content hash) are skipped. The
    files' repositories are opened once each, unless the caller holds ``repository`` open."""
    paths = list(paths)
    batch: Batch = (
        open_batch(paths) if repository is None else {p.parent: repository for p in paths}
    )
    return _render_batch(
        paths,
        out_dir,
        fmt,
        agenda,
        workers=jobs,
        force=force,
        progress=progress,
        manifest=Manifest(out_dir),
        batch=batch,
    )


def _render_batch(
    paths: Iterable[Path],
    out_dir: Path,
    fmt: OutputKind,
    agenda: bool,
    *,
    workers: int,
    force: bool,
    progress: Callable[[int, int], None] | None,
    manifest: Manifest,
    batch: Batch,
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    todo: list[tuple[Outcome, str]] = []
    for path in paths:
        output = out_dir / output_name(path, fmt, agenda=agenda)
        outcome = Outcome(path, output)
        outcomes.append(outcome)
        try:
            digest = content_hash(path, fmt, agenda=agenda, batch=batch)
        except VvgError as exc:
            outcome.error, outcome.problem, outcome.output = str(exc), exc, None
            continue
        if manifest.is_current(output, digest) and not force:
            outcome.skipped = True
            continue
        try:
            manifest.check_writable(output, force=force)
        except VvgError as exc:
            outcome.error, outcome.problem, outcome.output = str(exc), exc, None
            continue
        todo.append((outcome, digest))
    total, done = len(todo), 0
    if progress:
        progress(0, total)
    workers = min(default_jobs(workers), max(total, 1))

    def finish(outcome: Outcome, digest: str, error: VvgError | None) -> None:
        nonlocal done
        done += 1
        if error is None:
            assert outcome.output is not None
            manifest.record(outcome.output, digest)
        else:
            assert outcome.output is not None
            manifest.release(outcome.output)
            outcome.error, outcome.problem, outcome.output = str(error), error, None
        if progress:
            progress(done, total)

    tasks = [(o.path, Path(str(o.output)), fmt, agenda) for o, _ in todo]
    if todo:
        manifest.claim([Path(str(o.output)) for o, _ in todo])
    try:
        with closing(map_with(batch, _render_task, tasks, jobs=workers)) as errors:
            for (outcome, digest), error in zip(todo, errors, strict=True):
                finish(outcome, digest, error)
    finally:
        manifest.save()
    return outcomes
