"""An open minutes repository: what a command reads, read once.

A command opens one :class:`Repository` and asks it for what it needs; each thing is read the
first time it is asked for and kept for the rest of the command:

- the root and where things stand in it (:meth:`Repository.meeting_path`,
  :meth:`~Repository.schedule_path`,
  :meth:`~Repository.documents_path`);
- the registry (organs, people);
- the data files (schedules, plans, the register of governing documents), each parsed and
  validated once (:meth:`Repository.data`);
- the meeting files and what an :class:`Analysis` makes of each one (:meth:`Repository.results`):
  parsed in forked workers on a cold run, cached between runs by size and mtime
  (:mod:`vvgctl.runtime.cache`; the cache holds plain values as JSON, checked against
  :mod:`vvgctl.repository.cached` as they are read). Every result carries the meeting's
  :class:`~vvgctl.repository.records.MeetingRecord`, which the cross-file rules and the årshjul
  read (:meth:`Repository.records`): nothing parses a meeting twice in one command.

``vvgctl check`` opens the repository with its own analysis (the file rules run where the file
is parsed); every other command gets the plain one (parse, validate, record).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from pydantic import BaseModel

from vvgctl.diagnostics import display_path
from vvgctl.repository.cached import CachedData, ResultRow, data_from_row, data_row
from vvgctl.repository.default import default_root, find_default_root
from vvgctl.repository.discovery import (
    REGISTRY_DIR,
    Discovery,
    discover,
    find_root,
    meeting_path,
    resolve_root,
)
from vvgctl.repository.file_result import (
    Days,
    FileResult,
    days_held,
    links_outside,
    outside_link,
    read_meeting,
    sha256_of,
    today_only,
)
from vvgctl.repository.records import MeetingRecord, record_of
from vvgctl.repository.registry import RegistryIndex, load_registry
from vvgctl.runtime.cache import ResultCache, code_fingerprint
from vvgctl.runtime.fingerprint import tree_digest
from vvgctl.runtime.pool import in_worker, map_with
from vvgctl.runtime.progress import Progress
from vvgctl.source.loading import Loaded, LoadedMeeting, load_yaml_file

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

#: what the result cache keeps of a meeting file: the SHA-256 it was made from (with
#: ``verify_contents``), its result, and the days that result holds on
HeldResult = tuple[str | None, ResultRow, Days]

#: below this many stale files a cold run stays in one process
PARALLEL_THRESHOLD = 300

SCHEDULE_FILE = "schedule.yaml"
PLAN_FILE = "plan.yaml"
DOCUMENTS_FILE = "documents.yaml"
_DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})\.md$")


@dataclass(frozen=True)
class Analysis:
    """What to make of each meeting file; ``name`` names its cache."""

    name: str
    analyse: Callable[[Repository, Path], FileResult]


def read_record(repository: Repository, path: Path) -> FileResult:
    """Parse and validate a meeting; its record if valid."""
    loaded = repository.load(path)
    return FileResult(loaded.path, list(loaded.diagnostics), record_of(loaded))


RECORDS = Analysis("records", read_record)


def _sorted_records(repository: Repository) -> list[MeetingRecord]:
    found = [r.record for r in repository.results().values() if r.record is not None]
    return sorted(found, key=lambda r: (r.date, r.organ))


def _analyse(repository: Repository, path: str) -> tuple[ResultRow, Days, object | None]:
    """One file's result as plain values, the days it holds on, and what ``project`` makes of
    the meeting. A worker keeps no parsed meeting (1,500 kept alive made a check cost 2.5
    times the CPU)."""
    key = Path(path)
    row = repository.analysis.analyse(repository, key).to_row()
    # (an analysis reads its meeting through Repository.load, which says how long what it
    # finds holds; one that did not holds for today only)
    days = repository._days.pop(key, None) or today_only()
    project, loaded = repository.project, repository.loaded(key)
    if not repository.keep_loaded or in_worker():
        repository._loaded.pop(key, None)
    projected = project(path, loaded) if project is not None and loaded is not None else None
    return row, days, projected


@dataclass
class Repository:
    """A minutes repository, opened once per command (see the module's documentation)."""

    root: Path
    analysis: Analysis = RECORDS
    use_cache: bool = True
    #: trust a cached result only if the file's SHA-256 is the one it was made from (an edit
    #: that keeps size and mtime, as ``touch -r`` or some checkouts do, is then seen)
    verify_contents: bool = False
    jobs: int = 0
    progress: Progress | None = None
    #: keep each meeting parsed in this process for the rest of the command (:meth:`load`),
    #: for a command that also brings the query index up to date
    keep_loaded: bool = False
    #: what a command that also brings the query index up to date makes of each meeting where
    #: :meth:`results` parses it, in a worker too (the index's rows): see :meth:`projected`
    project: Callable[[str, LoadedMeeting], object] | None = None
    #: how many meeting results came from the cache in :meth:`results`
    cached: int = 0
    _results: dict[Path, FileResult] | None = field(default=None, repr=False)
    _data: dict[tuple[Path, type[BaseModel]], Loaded[BaseModel]] = field(
        default_factory=dict, repr=False
    )
    _data_cache: ResultCache[CachedData] | None = field(default=None, repr=False)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)
    _loaded: dict[Path, LoadedMeeting] = field(default_factory=dict, repr=False)
    _projected: dict[str, object] = field(default_factory=dict, repr=False)
    _days: dict[Path, Days] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.root = self.root.resolve()

    # -- opening -------------------------------------------------------------------------------

    @overload
    @classmethod
    def open(cls, *paths: Path, required: Literal[True] = True, **options: Any) -> Repository: ...

    @overload
    @classmethod
    def open(cls, *paths: Path, required: bool, **options: Any) -> Repository | None: ...

    @classmethod
    def open(cls, *paths: Path, required: bool = True, **options: Any) -> Repository | None:
        """The one way to open a repository: the one all ``paths`` (files or folders in it)
        belong to; with no paths, the one at or above the working folder, else ``./minutes``.

        Outside a repository: a :class:`~vvgctl.errors.UsageError` that says why, or None when
        not ``required``. ``options`` are the fields of :class:`Repository`.
        """
        if paths:
            if not required:
                roots = {find_root(p) for p in paths}
                root = roots.pop() if len(roots) == 1 else None
                return cls(root, **options) if root is not None else None
            return cls(resolve_root(paths), **options)
        found = find_default_root() if not required else default_root()
        return cls(found, **options) if found is not None else None

    # -- layout --------------------------------------------------------------------------------

    @property
    def registry_dir(self) -> Path:
        return self.root / REGISTRY_DIR

    def meeting_path(self, organ: str, date: dt.date) -> Path:
        return meeting_path(self.root, organ, date)

    def schedule_path(self, organ: str, year: int) -> Path:
        return self.root / organ / f"{year:04d}" / SCHEDULE_FILE

    def documents_path(self) -> Path:
        return self.registry_dir / DOCUMENTS_FILE

    def dated_meetings(self, organ: str) -> list[tuple[dt.date, Path]]:
        """The organ's meeting files by the date in their name (``<year>/<date>.md``), oldest
        first; the files are not read."""
        found: list[tuple[dt.date, Path]] = []
        for path in self.organ_files(organ, "*.md"):
            match = _DATED.match(path.name)
            if match:
                try:
                    found.append((dt.date.fromisoformat(match.group(1)), path))
                except ValueError:
                    continue
        return sorted(found)

    def organ_files(self, organ: str, name: str) -> list[Path]:
        """``<organ>/<year>/<name>`` of every year, oldest first."""
        folder = self.root / organ
        return sorted(folder.glob(f"*/{name}")) if folder.is_dir() else []

    # -- what it holds -------------------------------------------------------------------------

    @cached_property
    def registry(self) -> RegistryIndex:
        return load_registry(self.root)

    @cached_property
    def registry_digest(self) -> str:
        """A digest of every file in ``registry/`` (what a rendered output depends on)."""
        return tree_digest(self.registry_dir, pattern="*.yaml")

    @cached_property
    def discovery(self) -> Discovery:
        """The meeting files, found once a command (the query index reads them too)."""
        return discover(self.root)

    @cached_property
    def meeting_files(self) -> list[Path]:
        """Every meeting file of the repository, sorted."""
        return self.discovery.in_order()

    def data(self, path: Path, model: type[M]) -> Loaded[M]:
        """The data file at ``path`` validated against ``model``: read once per command, and
        kept in the cache between commands (by size and mtime) like the meetings."""
        key = (path, model)
        found = self._data.get(key)
        if found is None:
            found = self._data[key] = self._read_data(path, model)
        return found  # type: ignore[return-value]

    def _read_data(self, path: Path, model: type[M]) -> Loaded[M]:
        shown = display_path(path)
        if links_outside(path, self.root):
            outside: Loaded[M] = Loaded(shown, None)
            outside.diagnostics += outside_link(path).diagnostics
            return outside
        try:
            found = path.stat()
        except OSError:
            return load_yaml_file(path, model, shown)  # it says why it cannot be read
        if self._data_cache is None and self.use_cache:
            self._data_cache = ResultCache("data", self.root, code_fingerprint(), CachedData)
        cache = self._data_cache
        hit = cache.get(path, found) if cache is not None else None
        cached = data_from_row(hit, model, shown) if hit is not None else None
        if cached is not None:
            return cached
        loaded = load_yaml_file(path, model, shown)
        if cache is not None:  # what the cross-checks read: the model, the values' positions
            cache.put(path, found, data_row(loaded, model))
        return loaded

    def save(self) -> None:
        """Write what this command added to the caches (the meetings' results save themselves
        when they are made)."""
        if self._data_cache is not None:
            self._data_cache.save()

    def derived(self, name: str, make: Callable[[Repository], T]) -> T:
        """``make(self)``, computed once per command under ``name``: for facts several checks
        derive from the records (e.g. each case's first information)."""
        if name not in self._derived:
            self._derived[name] = make(self)
        return self._derived[name]  # type: ignore[no-any-return]

    def load(self, path: Path) -> LoadedMeeting:
        """The meeting file at ``path`` parsed and validated: the analyses and the query index
        read meetings here, so that with ``keep_loaded`` a file is parsed once a command.

        It notes the days on which what is found in it holds, as :meth:`results` caches it
        (:func:`~vvgctl.repository.file_result.days_held`, judged before the analysis reads
        the clock: a result never holds longer than it should)."""
        found = self._loaded.get(path)
        if found is None:
            found = read_meeting(path, self.root)
            if self.keep_loaded or self.project is not None:
                self._loaded[path] = found
        self._days[path] = days_held(found.model)
        return found

    def loaded(self, path: Path) -> LoadedMeeting | None:
        """The meeting at ``path`` if this command already parsed it here (``keep_loaded``)."""
        return self._loaded.get(path)

    def projected(self, path: Path) -> object | None:
        """What ``project`` made of the meeting at ``path`` in this command, once."""
        return self._projected.pop(str(path), None)

    def results(self) -> dict[Path, FileResult]:
        """Every meeting file's result under this repository's analysis, read once.

        Fresh files are analysed in forked workers when there are many of them; results are
        kept in the cache (unless ``use_cache`` is off) keyed by each file's size and mtime.
        """
        if self._results is not None:
            return self._results
        files = self.meeting_files
        cache: ResultCache[HeldResult] | None = None
        if self.use_cache:
            cache = ResultCache(
                self.analysis.name,
                self.root,
                f"{code_fingerprint()}:{self.registry.fingerprint}",
                HeldResult,
            )
        results: dict[Path, FileResult] = {}
        digests: dict[Path, str | None] = {}
        stats: dict[Path, os.stat_result] = {}
        stale = self._from_cache(files, cache, results, digests, stats)
        with closing(
            map_with(
                self,
                _analyse,
                [str(p) for p in stale],
                jobs=self.jobs,
                threshold=PARALLEL_THRESHOLD,
                chunksize=32,
                progress=self.progress,
                done=len(results),
                total=len(files),
            )
        ) as fresh:
            for path, (row, days, projected) in zip(stale, fresh, strict=True):
                results[path] = FileResult.from_row(row)
                if projected is not None:
                    self._projected[str(path)] = projected
                if cache is not None and path in stats:
                    digest = sha256_of(path, digests) if self.verify_contents else None
                    cache.put(path, stats[path], (digest, row, days))
        if cache is not None:
            cache.prune({str(p) for p in files})
            cache.save()
        self._results = {p: results[p] for p in files}
        return self._results

    def _from_cache(
        self,
        files: list[Path],
        cache: ResultCache[HeldResult] | None,
        results: dict[Path, FileResult],
        digests: dict[Path, str | None],
        stats: dict[Path, os.stat_result],
    ) -> list[Path]:
        """The results the cache holds (and those of links that end outside, never read) put
        into ``results``, the files' stats into ``stats``; the files to analyse returned. A
        result made on a day it no longer holds on (see :meth:`load`) is analysed anew."""
        self.cached = 0
        stale: list[Path] = []
        outside = self.discovery.outside
        here = os.getcwd() + os.sep  # (read once: display_path reads it for each file)
        day, _ = today_only()
        for path in files:
            text = str(path)
            if text in outside:
                results[path] = outside_link(path)  # never read: it may be /etc/passwd
                continue
            try:
                stats[path] = found = os.stat(path)
            except OSError:  # analysed anyway: the analysis reports why it cannot read
                stale.append(path)
                continue
            held = cache.get(path, found) if cache else None
            hit = held if held is not None and held[2][0] <= day <= held[2][1] else None
            if hit is not None and (not self.verify_contents or hit[0] == sha256_of(path, digests)):
                shown = text[len(here) :] if text.startswith(here) else text
                results[path] = FileResult.from_row(hit[1], shown)
                self.cached += 1
            else:
                stale.append(path)
        return stale

    def records(self) -> list[MeetingRecord]:
        """The valid meetings' records, oldest first (invalid files: see ``check``)."""
        return self.derived("records", _sorted_records)
