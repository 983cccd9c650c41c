"""The query index over a minutes repository.

The database and its tables are in :mod:`vvgctl.index.database`, the refresh before every
query in :mod:`vvgctl.index.update` (a first build over many files in
:mod:`vvgctl.index.shards`), one file's rows in :mod:`vvgctl.index.rows` and the stemmed
vocabulary in :mod:`vvgctl.index.vocab`.

``decisions``, ``cases``, ``actions``, ``documents`` and ``search`` all query it::

    index = open_index([default_root()])   # vvgctl.repository.default
    rows = index.connection.execute("SELECT organ, date, item FROM decisions").fetchall()
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from vvgctl.errors import UsageError
from vvgctl.index import seal
from vvgctl.index.database import busy, connect, index_file, is_locked, lock
from vvgctl.index.update import IndexStats, refresh
from vvgctl.repository.discovery import resolve_root
from vvgctl.runtime.i18n import N_
from vvgctl.runtime.progress import Progress

if TYPE_CHECKING:
    from vvgctl.repository.repo import Repository


@dataclass
class Index:
    root: Path
    connection: sqlite3.Connection
    stats: IndexStats
    #: absolute folders or files the caller asked about; empty means the whole repository
    scope: list[str] = field(default_factory=list)
    _shown: dict[str, str] = field(default_factory=dict)
    _repository: Repository | None = None

    @property
    def repository(self) -> Repository:
        """The repository, opened when a query first needs more than the index (the registry
        for a person's spellings or the organs' kinds): the models it reads with cost a warm
        query 0.3 s, so a plain query does without them."""
        if self._repository is None:
            from vvgctl.repository.repo import Repository

            self._repository = Repository(self.root)
        return self._repository

    def in_scope(self, path: str) -> bool:
        return not self.scope or any(path == s or path.startswith(s + os.sep) for s in self.scope)

    def scope_condition(self, column: str = "f.path") -> tuple[str, list[object]]:
        """:meth:`in_scope` as an SQL condition on ``column`` and its parameters ("1=1" when
        the whole repository is asked about)."""
        if not self.scope:
            return "1=1", []
        params: list[object] = []
        for folder in self.scope:
            params += [folder, len(folder) + 1, folder + os.sep]
        return "(" + " OR ".join(
            f"{column} = ? OR substr({column}, 1, ?) = ?" for _ in self.scope
        ) + ")", params

    def shown(self, path: str) -> str:
        """The path as the user sees it: relative to the working directory where possible."""
        found = self._shown.get(path)
        if found is None:
            cwd = self._shown.get("")
            if cwd is None:  # once: realpath costs ~20 µs, and a query may show 10,000 files
                cwd = self._shown[""] = os.path.realpath(os.getcwd())
            found = path[len(cwd) + 1 :] if path.startswith(cwd + os.sep) else path
            self._shown[path] = found
        return found


def open_index(
    paths: list[Path],
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    repository: Repository | None = None,
) -> Index:
    """The index of the repository ``paths`` belong to, checked against its seal (see
    :mod:`vvgctl.index.seal`) and brought up to date: with the command's open ``repository``
    as its projection (its files, and the meetings it already parsed, see
    :func:`~vvgctl.index.update.refresh`)."""
    root = resolve_root(paths)
    if repository is not None and repository.root != root:
        repository = None  # another repository's records project nothing here
    path = index_file(root)
    stats = IndexStats()
    with lock(path):
        state = seal.check(path) if not rebuild and path.exists() else "broken"
        for attempt in range(2):
            connection, created = connect(path, rebuild=state == "broken" or attempt > 0)
            stats.rebuilt = created
            verify = state == "moved" and not created
            try:
                try:
                    refresh(
                        connection,
                        root,
                        stats,
                        progress,
                        verify_sources=verify,
                        repository=repository,
                    )
                except BaseException:
                    # what was committed is sealed (an interrupted build resumes), unless the
                    # files of a copied index were not all checked: then it is built anew
                    if verify:
                        seal.unseal(path)
                    else:
                        seal.reseal(path)
                    raise
                seal.reseal(path)
                break
            except sqlite3.DatabaseError as exc:
                connection.close()
                if isinstance(exc, sqlite3.OperationalError) and is_locked(exc):
                    raise busy() from None
                if attempt:
                    raise UsageError(
                        N_("the query index cannot be written"),
                        hint=N_("check the cache folder, or set VVGCTL_CACHE_DIR"),
                    ) from None
    scope = [str(p.resolve()) for p in paths if p.resolve() != root]
    return Index(root, connection, stats, scope, _repository=repository)
