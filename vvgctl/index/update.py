"""Bringing the index up to date with the files: the incremental refresh before every query.

A file whose (mtime_ns, size) changed is read again, a deleted file's rows go, everything else
stays. A few changed files are read in this process; many (a first build) go to the workers of
:mod:`vvgctl.index.shards`.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from vvgctl.index.database import transaction
from vvgctl.index.vocab import add_terms, sync_vocab
from vvgctl.repository.discovery import discover
from vvgctl.runtime.pool import default_jobs
from vvgctl.runtime.progress import Progress

if TYPE_CHECKING:
    from vvgctl.repository.repo import Repository

PARALLEL_THRESHOLD = 300


@dataclass
class IndexStats:
    """What the last refresh did."""

    files: int = 0
    read: int = 0
    removed: int = 0
    invalid: int = 0
    rebuilt: bool = False
    #: the meeting files that are links ending outside the repository: never read (see
    #: :func:`~vvgctl.repository.discovery.discover`), each reported by the command
    outside: list[str] = field(default_factory=list)


def refresh(
    connection: sqlite3.Connection,
    root: Path,
    stats: IndexStats,
    progress: Progress | None = None,
    verify_sources: bool = False,
    repository: Repository | None = None,
) -> None:
    """Bring the index up to date with the files below ``root`` (the caller holds the
    index's :func:`~vvgctl.index.database.lock`).

    A file is read again when its size or modification time changed, and with
    ``verify_sources`` (an index copied or restored from elsewhere) also when its SHA-256 is
    not the one the index recorded. A file's rows always go in with the file in one
    transaction, so an interrupted build keeps what it finished and the next refresh reads
    only the rest.

    The files are those :func:`~vvgctl.repository.discovery.discover` finds, as for
    ``check``. With the command's open ``repository`` the index is its projection: its
    discovery, and the rows of each meeting it already parsed in this command, made where it
    parsed it (``Repository(project=vvgctl.index.rows.project)``: in its workers too) or from
    the meeting it keeps parsed (``keep_loaded``); no meeting is parsed twice.
    """
    _refresh(connection, root, stats, progress, verify_sources, repository)
    stats.invalid = connection.execute("SELECT count(*) FROM files WHERE valid=0").fetchone()[0]


def _sha256(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _scan_digest(current: dict[str, tuple[int, int]]) -> str:
    """What the files looked like (path, mtime, size), in one string to compare."""
    text = "\n".join(f"{path}\0{mtime}\0{size}" for path, (mtime, size) in sorted(current.items()))
    return hashlib.sha1(text.encode("utf-8", "surrogateescape"), usedforsecurity=False).hexdigest()


def _refresh(
    connection: sqlite3.Connection,
    root: Path,
    stats: IndexStats,
    progress: Progress | None,
    verify_sources: bool,
    repository: Repository | None,
) -> None:
    found = discover(root.resolve()) if repository is None else repository.discovery
    current = found.files  # (no link that ends outside: it is never read)
    stats.outside = sorted(found.outside)
    stats.files = len(current)
    digest = _scan_digest(current)
    stored = connection.execute("SELECT value FROM meta WHERE key='scan'").fetchone()
    if stored is not None and stored[0] == digest and not verify_sources:
        return  # the same files as when the index was last brought up to date
    # reading files parses meetings (pydantic, ruamel.yaml) and may fork workers: imported only
    # now, so that a query over an unchanged repository starts 0.3 s sooner
    from vvgctl.index.rows import ready_records

    known, gone, stale = _changes(connection, current, verify_sources)
    stats.read, stats.removed = len(stale), len(gone)
    plan = _Plan(
        current,
        stale,
        gone + [known[p][0] for p in stale if p in known],
        ready_records(repository, stale),
        digest,
    )
    unread = [p for p in stale if p not in plan.ready]
    jobs = default_jobs(repository.jobs if repository is not None else 0)
    if jobs > 1 and len(unread) >= PARALLEL_THRESHOLD:
        _parallel(connection, plan, unread, jobs, progress)
    else:
        transaction(connection, lambda: _serial(connection, plan, progress))


@dataclass
class _Plan:
    """What a refresh does: the files' stats, the files to read, the file ids whose rows go,
    the rows of the meetings the command's repository already parsed, the scan's digest."""

    current: dict[str, tuple[int, int]]
    stale: list[str]
    drop: list[int]
    ready: dict[str, object]
    digest: str


def _changes(
    connection: sqlite3.Connection, current: dict[str, tuple[int, int]], verify_sources: bool
) -> tuple[dict[str, tuple[int, int, int]], list[int], list[str]]:
    """The index's files ``{path: (id, mtime_ns, size)}``, the ids of those gone, and the
    paths to read (new, changed, or with another SHA-256 with ``verify_sources``), sorted."""
    known = {
        path: (fid, mtime, size)
        for fid, path, mtime, size in connection.execute(
            "SELECT id, path, mtime_ns, size FROM files"
        )
    }
    recorded = dict(connection.execute("SELECT path, sha256 FROM files")) if verify_sources else {}
    gone = [fid for path, (fid, _, _) in known.items() if path not in current]
    stale = sorted(
        path
        for path, stat in current.items()
        if path not in known
        or known[path][1:] != stat
        or (verify_sources and _sha256(path) != recorded[path])
    )
    return known, gone, stale


def _parallel(
    connection: sqlite3.Connection,
    plan: _Plan,
    unread: list[str],
    jobs: int,
    progress: Progress | None,
) -> None:
    """Many files no worker of the command parsed yet: read by the index's own workers into
    shards (:mod:`vvgctl.index.shards`); the rows ready here go in first."""
    from vvgctl.index.rows import delete_files, insert_record
    from vvgctl.index.shards import build_parallel

    def start() -> None:
        delete_files(connection, plan.drop)
        # until the end, the search index and the vocabulary lag behind the merged shards
        connection.execute("DELETE FROM meta WHERE key='vocab'")
        connection.execute("INSERT OR REPLACE INTO meta VALUES('fts', 'behind')")
        for path, record in plan.ready.items():
            insert_record(connection, record, plan.current[path], search=False)

    def finish() -> None:
        _rebuild_search(connection)
        sync_vocab(connection)
        _remember_scan(connection, plan.digest)

    transaction(connection, start)
    build_parallel(connection, unread, plan.current, jobs, progress)
    transaction(connection, finish)


def _serial(connection: sqlite3.Connection, plan: _Plan, progress: Progress | None) -> None:
    """A few files read here (and the rows the command's repository made of the others)."""
    from vvgctl.index.rows import delete_files, extract_many, insert_record

    if connection.execute("SELECT 1 FROM meta WHERE key='fts'").fetchone() is not None:
        _rebuild_search(connection)  # an interrupted parallel build left it behind
    delete_files(connection, plan.drop)
    first = _next_passage(connection)
    records = extract_many(plan.stale, progress, plan.ready.get)
    for path, record in zip(plan.stale, records, strict=True):
        insert_record(connection, record, plan.current[path])
    if connection.execute("SELECT 1 FROM meta WHERE key='vocab'").fetchone() is None:
        sync_vocab(connection)  # an interrupted parallel build left it behind
    else:
        add_terms(connection, first)
    _remember_scan(connection, plan.digest)


def _rebuild_search(connection: sqlite3.Connection) -> None:
    """The search index made anew from every text, in one pass."""
    connection.execute("INSERT INTO fts(fts) VALUES('rebuild')")
    connection.execute("DELETE FROM meta WHERE key='fts'")


def _next_passage(connection: sqlite3.Connection) -> int:
    return int(connection.execute("SELECT coalesce(max(id), 0) + 1 FROM passages").fetchone()[0])


def _remember_scan(connection: sqlite3.Connection, digest: str) -> None:
    """Only once every file of the scan is in: an interrupted build compares file by file."""
    connection.execute("INSERT OR REPLACE INTO meta VALUES('scan', ?)", (digest,))
