"""``vvgctl publish``: the static site of approved minutes, built incrementally.

The site (all links relative, so any static host and ``file://`` serve it)::

    index.html                       meetings by organ and year
    <organ>/<year>/<date>.html|.pdf  one page per approved meeting, and its PDF
    stallningstaganden.html          the register of positions (filter and sort with JS)
    arenden/index.html, arenden/<case>.html
    arshjul.html, arshjul/<organ>/<year>.html|.svg   the årshjul from plans and schedules
    kalender/<organ>.ics             every organ's dated meetings (iCalendar)
    feed.xml, sitemap.xml, static/…

Only records with ``status: approved`` are read past their status: nothing of a planned,
draft or in-review record reaches the output folder, not even its path.
"""

from __future__ import annotations

import importlib.util
import shutil
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import vvgctl
from vvgctl.diagnostics import Diagnostic, Severity, display_path
from vvgctl.errors import UsageError, VvgError
from vvgctl.message import Message
from vvgctl.publish.aggregate import write_aggregates
from vvgctl.publish.guard import check_base_url, refuse_foreign_files
from vvgctl.publish.manifest import MANIFEST_NAME, Manifest
from vvgctl.publish.meeting_job import MeetingJob, MeetingResult, run
from vvgctl.publish.report import PublishReport
from vvgctl.render.templating import TEMPLATES_DIR
from vvgctl.repository.file_result import outside_link
from vvgctl.repository.repo import Repository
from vvgctl.repository.site import Site, site_settings
from vvgctl.runtime.fingerprint import digest, tree_digest
from vvgctl.runtime.i18n import N_
from vvgctl.runtime.pool import map_with
from vvgctl.runtime.progress import PhaseProgress
from vvgctl.source.loading import io_problem, read_source

#: fewer meetings to make than this are made in this process (a pool costs more)
PARALLEL_THRESHOLD = 8
PACKAGE = Path(vvgctl.__file__).resolve().parent


def _renderer_present() -> bool:
    try:
        return importlib.util.find_spec("vvgctl.render.pipeline") is not None
    except ModuleNotFoundError:
        return False


def _check_out(out: Path, root: Path, force: bool) -> None:
    where, minutes = out.resolve(), root.resolve()
    if where == minutes or minutes in where.parents:
        raise UsageError(
            Message(N_("{out}: the output folder must not hold the minutes"), {"out": out}),
            hint=N_("publish to a folder of its own, e.g. --out build/site"),
        )
    if out.exists() and not out.is_dir():
        raise UsageError(
            Message(N_("{out}: exists and is not a folder"), {"out": out}),
            hint=N_("choose another --out"),
        )
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST_NAME).exists() and not force:
        raise UsageError(
            Message(N_("{out}: the folder has files that vvgctl did not publish"), {"out": out}),
            hint=N_(
                "choose an empty folder, or add --force to publish into it "
                "(files vvgctl did not write are left as they are)"
            ),
        )


def _slug(source: str) -> str:
    """A meeting's path in the site, from its path in the repository (less ``.md``)."""
    return source[:-3] if source.endswith(".md") else source


def _remove_leftovers(out: Path) -> None:
    """Remove the temporary PDF folders (``.pdf-*``) a killed run left in the site: they stand
    beside the PDFs, in ``<organ>/<year>/`` (no walk over the whole site on every run)."""
    for folder in sorted(out.glob("*/*/.pdf-*")):
        if (
            folder.is_dir()
            and not folder.is_symlink()
            and folder.resolve().is_relative_to(out.resolve())
        ):
            shutil.rmtree(folder, ignore_errors=True)


def _fingerprints(registry: str, site: Site, renderer: bool) -> tuple[str, str]:
    """What every page and every PDF is made from beside its source (the code, the templates,
    the registry, the site's settings)."""
    site_fp = digest(
        vvgctl.__version__,
        registry,
        repr(site),
        tree_digest(
            TEMPLATES_DIR / "site", PACKAGE / "publish", PACKAGE / "render", PACKAGE / "arshjul"
        ),
    )
    pdf_fp = digest(
        vvgctl.__version__,
        registry,
        tree_digest(PACKAGE / "render", TEMPLATES_DIR, skip=(str(TEMPLATES_DIR / "site"),))
        if renderer
        else "none",
    )
    return site_fp, pdf_fp


def _plan(
    repository: Repository,
    out: Path,
    site: Site,
    manifest: Manifest,
    report: PublishReport,
    fingerprints: tuple[str, str],
    renderer: bool,
) -> tuple[dict[str, dict[str, object]], list[MeetingJob]]:
    """The summaries of the meetings whose page and PDF are current, and the jobs for the
    others."""
    root = repository.root
    site_fp, pdf_fp = fingerprints
    organs = repository.registry.registry.organs
    labels = {o.id: o.short_name or o.name for o in organs}
    delegations = {o.id: {d.id: d.name for d in o.delegations} for o in organs}
    summaries: dict[str, dict[str, object]] = {}
    work: list[MeetingJob] = []
    for path in repository.meeting_files:
        source = path.relative_to(root).as_posix()
        if source.startswith("registry/"):
            continue
        if str(path) in repository.discovery.outside:  # never read: it may be /etc/passwd
            report.problems += outside_link(path).diagnostics
            continue
        try:
            raw = read_source(path)
        except OSError as exc:
            report.problems.append(io_problem(display_path(path), exc))
            continue
        source_hash = digest(raw)
        if source_hash in manifest.unpublished:
            report.unpublished += 1
            manifest.unpublished.add(source_hash)
            continue
        slug = _slug(source)
        organ = source.split("/", 1)[0]
        pdf_key = digest(pdf_fp, source_hash)
        page_key = digest(
            site_fp, source_hash, labels.get(organ, organ), pdf_key if renderer else "no-renderer"
        )
        cached = manifest.sources.get(source)
        page_fresh = manifest.fresh(slug + ".html", page_key)
        pdf_fresh = not renderer or manifest.fresh(slug + ".pdf", pdf_key)
        if cached and cached.get("hash") == source_hash and page_fresh and pdf_fresh:
            summaries[source] = cached
            continue
        manifest.produced.pop(slug + ".html", None)
        manifest.produced.pop(slug + ".pdf", None)
        work.append(
            MeetingJob(
                str(root),
                str(out),
                source,
                raw,
                source_hash,
                page_key,
                pdf_key,
                labels.get(organ, organ),
                want_page=True,
                want_pdf=not pdf_fresh,
                renderer=renderer,
                organ_labels=labels,
                site=site,
                delegations=delegations.get(organ, {}),
            )
        )
    return summaries, work


def _require_registry(repository: Repository) -> None:
    """Refuse to publish from a broken registry, naming its first error."""
    registry = repository.registry
    if not registry.ok:
        first = next(d for d in registry.diagnostics if d.severity is Severity.ERROR)
        raise VvgError(
            first.message,
            path=first.path,
            line=first.line,
            hint=N_("fix the registry first (`vvgctl check`)"),
        )


def _claim_out(repository: Repository, out: Path, manifest: Manifest, force: bool) -> None:
    """Make ``out`` the site's folder: refuse (with --force) files that a meeting's page
    would overwrite, save the manifest first, and clear what a killed run left."""
    root, files = repository.root, repository.meeting_files
    if force:  # checked before anything is written
        refuse_foreign_files(out, manifest, (_slug(p.relative_to(root).as_posix()) for p in files))
    out.mkdir(parents=True, exist_ok=True)
    if not manifest.file.exists():
        manifest.save()  # the folder is vvgctl's from the first file on: a killed run resumes
    _remove_leftovers(out)


def _pdf_failure(root: Path, result: MeetingResult) -> Diagnostic:
    return Diagnostic(
        display_path(root / result.source),
        1,
        1,
        Severity.ERROR,
        "publish-pdf",
        Message(
            N_("the PDF could not be made: {pdf_problem}"),
            {"pdf_problem": result.pdf_problem},
        ),
        Message(N_("run `vvgctl render` on the file to see why")),
    )


@dataclass
class _Collector:
    """Where the results of the meeting jobs go: the summaries, the manifest, the report."""

    root: Path
    out: Path
    manifest: Manifest
    report: PublishReport
    summaries: dict[str, dict[str, object]]

    def add(self, result: MeetingResult) -> None:
        manifest, report = self.manifest, self.report
        report.problems += result.diagnostics
        if result.summary is None:
            if not any(d.severity is Severity.ERROR for d in result.diagnostics):
                manifest.unpublished.add(result.source_hash)
            report.unpublished += 1
            return
        self.summaries[result.source] = result.summary
        for path, key in result.written:
            manifest.record(path, key)
        slug = str(result.summary["slug"])
        if (
            not any(p == slug + ".pdf" for p, _ in result.written)
            and (self.out / (slug + ".pdf")).is_file()
            and result.pdf_problem is None
        ):
            manifest.produced[slug + ".pdf"] = manifest.outputs.get(slug + ".pdf", "")
        if result.pdf_problem:
            report.problems.append(_pdf_failure(self.root, result))


def _make_meetings(
    repository: Repository,
    work: list[MeetingJob],
    collector: _Collector,
    jobs: int,
    progress: PhaseProgress | None,
) -> None:
    """Run the meeting jobs (in a pool when there are many) and collect their results."""
    total = len(work)
    if progress:
        progress("Möten", 0, total, "")
    with closing(
        map_with(repository, run, work, jobs=jobs, threshold=PARALLEL_THRESHOLD, chunksize=4)
    ) as results:
        for done, result in enumerate(results, 1):
            collector.add(result)
            if progress:
                progress("Möten", done, total, result.source)


def publish(
    repository: Repository | Path,
    out: Path,
    *,
    base_url: str = "",
    force: bool = False,
    jobs: int = 0,
    progress: PhaseProgress | None = None,
) -> PublishReport:
    """Publish the approved minutes of ``repository`` (open, or its root) into ``out``;
    ``base_url`` goes before the one in ``registry/site.yaml``."""
    if not isinstance(repository, Repository):
        repository = Repository(repository)
    base_url = check_base_url(base_url)
    _check_out(out, repository.root, force)
    _require_registry(repository)
    site = site_settings(repository, base_url=base_url)
    renderer = _renderer_present()
    site_fp, pdf_fp = _fingerprints(repository.registry.fingerprint, site, renderer)
    manifest = Manifest.load(out, site_fp)
    _claim_out(repository, out, manifest, force)
    report = PublishReport(out)
    if not renderer:
        report.warnings.append(
            "PDF-filer skapas inte: renderingen (vvgctl.render) saknas i "
            "den här versionen; mötessidorna publiceras utan PDF-länk."
        )

    summaries, work = _plan(repository, out, site, manifest, report, (site_fp, pdf_fp), renderer)
    collector = _Collector(repository.root, out, manifest, report, summaries)
    _make_meetings(repository, work, collector, jobs, progress)

    published = [summaries[k] for k in sorted(summaries)]
    report.published = len(published)
    manifest.sources = {str(s["source"]): s for s in published}

    write_aggregates(manifest, published, repository, site, report, progress)
    report.removed = manifest.remove_stale()
    manifest.save()
    report.written = list(manifest.written)
    return report
