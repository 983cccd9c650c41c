"""``vvgctl check``: validate every file of a minutes repository and collect the findings.

Per file: decode, split, parse, validate against the models, then the file rules. Across files:
the repository rules over each meeting's facts. Results per file are cached (see
:mod:`vvgctl.runtime.cache`); a cold run over many files is spread over the machine's cores.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from vvgctl.checking.rules import FILE_RULES, REPOSITORY_RULES, case_flow, document_refs
from vvgctl.checking.rules.base import FileContext, MeetingFacts, RepositoryContext
from vvgctl.diagnostics import Diagnostic, Severity, display_path
from vvgctl.errors import EXIT_FINDINGS, EXIT_OK
from vvgctl.repository.discovery import meeting_files, resolve_root
from vvgctl.repository.registry import RegistryIndex, load_registry
from vvgctl.source.loading import LoadedMeeting, load_meeting

Progress = Callable[[int, int], None]
PARALLEL_THRESHOLD = 300


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic]
    facts: MeetingFacts | None


@dataclass
class CheckReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    cached: int = 0
    meetings: list[MeetingFacts] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def exit_code(self, strict: bool = False) -> int:
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return EXIT_FINDINGS if any(d.severity in failing for d in self.diagnostics) else EXIT_OK


def facts_of(loaded: LoadedMeeting) -> MeetingFacts | None:
    meeting = loaded.model
    if meeting is None:
        return None
    previous_line, previous_column = loaded.at("previous", "date") if meeting.previous else (0, 0)
    return MeetingFacts(
        path=loaded.path, organ=meeting.organ, date=meeting.date, status=meeting.status.value,
        previous_date=meeting.previous.date if meeting.previous else None,
        previous_line=previous_line, previous_column=previous_column,
        date_line=loaded.at("date")[0],
        cases=case_flow.facts(loaded), documents=document_refs.facts(loaded),
    )


def check_loaded(loaded: LoadedMeeting, registry: RegistryIndex, root: Path | None,
                 file: Path | None = None) -> FileResult:
    """Run the file rules over one parsed meeting."""
    diagnostics = list(loaded.diagnostics)
    if loaded.model is not None:
        ctx = FileContext(loaded, loaded.model, registry, root, file)
        for rule in FILE_RULES:
            diagnostics += rule.check(ctx)
    return FileResult(loaded.path, diagnostics, facts_of(loaded))


def check_file(path: Path, registry: RegistryIndex, root: Path | None) -> FileResult:
    return check_loaded(load_meeting(path, display_path(path)), registry, root, path)


_WORKER: dict[str, object] = {}


def _worker_init(root: str) -> None:
    from vvgctl.runtime.workers import start_worker

    start_worker()
    _WORKER["root"] = Path(root)
    _WORKER["registry"] = load_registry(Path(root))


def _worker_check(path: str) -> FileResult:
    registry = _WORKER["registry"]
    root = _WORKER["root"]
    assert isinstance(registry, RegistryIndex) and isinstance(root, Path)
    return check_file(Path(path), registry, root)


def _check_many(paths: list[Path], registry: RegistryIndex, root: Path, jobs: int,
                progress: Progress | None, done: int, total: int) -> list[FileResult]:
    if jobs <= 1 or len(paths) < PARALLEL_THRESHOLD:
        results = []
        for path in paths:
            results.append(check_file(path, registry, root))
            done += 1
            if progress:
                progress(done, total)
        return results
    import multiprocessing

    results = []
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init,
                             initargs=(str(root),)) as pool:
        for result in pool.map(_worker_check, [str(p) for p in paths], chunksize=32):
            results.append(result)
            done += 1
            if progress:
                progress(done, total)
    return results


def run_check(paths: list[Path], *, use_cache: bool = True, jobs: int = 0,
              progress: Progress | None = None) -> CheckReport:
    """Check the meetings at ``paths`` (files or folders) and the repository they belong to."""
    from vvgctl.repository.datafiles import check_data_files
    from vvgctl.runtime.cache import ResultCache, code_fingerprint

    root = resolve_root(paths)
    paths = [p.resolve() for p in paths]
    registry = load_registry(root)
    report = CheckReport(diagnostics=list(registry.diagnostics))
    data_count, data_diagnostics = check_data_files(root, registry)
    report.diagnostics += data_diagnostics
    files = list(meeting_files(paths))
    whole = files if all(p == root for p in paths) else sorted(
        set(files) | set(meeting_files([root])))
    report.files = len(files) + data_count + 2
    cache = ResultCache("check", root, f"{code_fingerprint()}:{registry.fingerprint}") \
        if use_cache else None
    results: dict[Path, FileResult] = {}
    stale: list[Path] = []
    stats = {}
    for path in whole:
        try:
            stats[path] = path.stat()
        except OSError:
            continue
        hit = cache.get(path, stats[path]) if cache else None
        if isinstance(hit, FileResult):
            results[path] = hit
        else:
            stale.append(path)
    report.cached = len(results)
    jobs = jobs or min(os.cpu_count() or 1, 8)
    fresh = _check_many(stale, registry, root, jobs, progress, len(results), len(whole))
    for path, result in zip(stale, fresh, strict=True):
        results[path] = result
        if cache is not None and path in stats:
            cache.put(path, stats[path], result)
    if cache is not None:
        cache.prune({str(p) for p in whole})
        cache.save()
    wanted = set(files)
    facts = [r.facts for r in results.values() if r.facts is not None]
    report.meetings = sorted((r.facts for p, r in results.items()
                              if p in wanted and r.facts is not None),
                             key=lambda f: (f.organ, f.date))
    for path in files:
        if path in results:
            report.diagnostics += results[path].diagnostics
    shown = {r.path for p, r in results.items() if p in wanted}
    ctx = RepositoryContext(facts, registry, root=root)
    for rule in REPOSITORY_RULES:
        report.diagnostics += [d for d in rule.check(ctx) if d.path in shown]
    report.diagnostics.sort()
    return report
