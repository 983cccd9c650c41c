"""``vvgctl check``: validate every file of a minutes repository and collect the findings.

Per file (the check's :class:`~vvgctl.repository.repo.Analysis`): decode, split, parse,
validate against the models, then the file rules; the result carries the meeting's record.
The repository runs it over every meeting file (cached per file, spread over the cores on a
cold run). Then the data files, each with its cross-checks, and the repository rules over the
records: all of them read what the repository already parsed.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from pathlib import Path

from vvgctl.checking.approval_flow import check_approvals
from vvgctl.checking.catalogue import registered_kinds
from vvgctl.checking.frozen import check_frozen
from vvgctl.checking.registry import FILE_RULES, REPOSITORY_RULES
from vvgctl.checking.revision import Revision
from vvgctl.checking.rules.base import FileContext, RepositoryContext
from vvgctl.checking.whole_run import Outcome
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.repository.datafiles import check_data_files
from vvgctl.repository.discovery import meeting_files, real_place
from vvgctl.repository.file_result import FileResult
from vvgctl.repository.records import MeetingRecord, record_of
from vvgctl.repository.registry import RegistryIndex
from vvgctl.repository.repo import Analysis, Repository
from vvgctl.runtime.progress import Progress
from vvgctl.source.loading import LoadedMeeting


@dataclass
class CheckReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    cached: int = 0
    meetings: list[MeetingRecord] = field(default_factory=list)
    #: the repository's meeting files (each is read, whichever paths were asked for)
    total: int = 0

    def outcome(self) -> Outcome:
        """What ``vvgctl check`` prints from."""
        return Outcome(self.diagnostics, self.files, len(self.meetings), self.cached)

    def count(self, severity: Severity) -> int:
        return self.outcome().count(severity)

    def exit_code(self, strict: bool = False) -> int:
        return self.outcome().exit_code(strict)


def check_loaded(
    loaded: LoadedMeeting, registry: RegistryIndex, root: Path | None, file: Path | None = None
) -> FileResult:
    """Run the file rules over one parsed meeting (``root``: None outside a repository)."""
    diagnostics = list(loaded.diagnostics)
    if loaded.model is not None:
        ctx = FileContext(loaded, loaded.model, registry, root, file)
        for rule in FILE_RULES:
            diagnostics += rule.check(ctx)
    return FileResult(loaded.path, diagnostics, record_of(loaded))


def check_file(repository: Repository, path: Path) -> FileResult:
    """One meeting file's result. The collector waits until the file is done: the parse, the
    models and the rules make thousands of objects and no cycle among them (all freed by
    reference counting as the meeting is dropped), and its passes over them while they lived
    took a sixth of a cold check. It resumes with only the result left to look at."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return check_loaded(repository.load(path), repository.registry, repository.root, path)
    finally:
        if collecting:
            gc.enable()


#: the check's analysis of each meeting file: parse, validate, file rules, record
CHECK = Analysis("check", check_file)


def run_check(
    paths: list[Path],
    *,
    use_cache: bool = True,
    jobs: int = 0,
    progress: Progress | None = None,
    base: str | None = None,
    verify_contents: bool = False,
) -> CheckReport:
    """Check the meetings at ``paths`` (files or folders) and the repository they belong to;
    with ``base`` (a git revision) also that records approved there stayed frozen.

    The objects that exist when the check begins (the modules, the models' validators: most of
    the heap) are moved out of the collector's sight until it ends: each full pass over them
    found nothing to free and took 50 ms (four passes in a cold check of 3,000 meetings).
    """
    gc.freeze()
    try:
        repository = Repository.open(
            *paths,
            analysis=CHECK,
            use_cache=use_cache,
            jobs=jobs,
            progress=progress,
            verify_contents=verify_contents,
        )
        return check_repository(repository, [Path(real_place(os.fspath(p))) for p in paths], base)
    finally:
        gc.unfreeze()


def check_repository(
    repository: Repository, paths: list[Path], base: str | None = None
) -> CheckReport:
    """The report on ``paths`` of an open repository (their findings, and those across files
    that concern them)."""
    registry = repository.registry
    report = CheckReport(diagnostics=list(registry.diagnostics))
    files = repository.meeting_files if paths == [repository.root] else list(meeting_files(paths))
    results = repository.results()
    report.cached = repository.cached
    report.total = len(repository.meeting_files)
    data_count, data_diagnostics = check_data_files(repository, registered_kinds())
    report.diagnostics += data_diagnostics
    report.files = len(files) + data_count + 2
    wanted = set(files)
    report.meetings = sorted(
        (r.record for p, r in results.items() if p in wanted and r.record is not None),
        key=lambda f: (f.organ, f.date),
    )
    for path in files:
        if path in results:
            report.diagnostics += results[path].diagnostics
    shown = {r.path for p, r in results.items() if p in wanted}
    ctx = RepositoryContext(repository.records(), registry, repository=repository)
    for rule in REPOSITORY_RULES:
        report.diagnostics += [d for d in rule.check(ctx) if d.path in shown]
    if base is not None:
        report.diagnostics += check_revision(repository, paths, base)
    repository.save()
    report.diagnostics.sort()
    return report


def check_revision(repository: Repository, paths: list[Path], rev: str) -> list[Diagnostic]:
    """What ``--base REV`` adds: the approvals made in the change, and frozen records kept."""
    revision = Revision.read(repository, rev)
    approvals, approved_now = check_approvals(revision, paths)
    return approvals + check_frozen(revision, paths, approved_now)
