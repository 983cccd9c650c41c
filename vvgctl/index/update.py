"""Bringing the index up to date with the files: the incremental refresh before every query.

A file whose (mtime_ns, size) changed is read again, a deleted file's rows go, everything else
stays. A few changed files are read in this process; many (a first build) go to the workers of
:mod:`vvgctl.index.shards`.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR
from typing import TYPE_CHECKING

from vvgctl.index.database import transaction
from vvgctl.index.vocab import add_terms, sync_vocab
from vvgctl.repository.discovery import SKIPPED_NAMES
from vvgctl.runtime.pool import default_jobs
from vvgctl.runtime.progress import Progress

if TYPE_CHECKING:
    from vvgctl.repository.repo import Repository
    from vvgctl.source.loading import LoadedMeeting

PARALLEL_THRESHOLD = 300


@dataclass
class IndexStats:
    """What the last refresh did."""

    files: int = 0
    read: int = 0
    removed: int = 0
    invalid: int = 0
    rebuilt: bool = False


def scan(root: Path) -> dict[str, tuple[int, int]]:
    """``{absolute path: (mtime_ns, size)}`` of every meeting file below ``root``.

    The same files as :func:`vvgctl.repository.discovery.meeting_files` (hidden folders
    skipped, README and files starting with ``_`` or ``.`` are not meetings), found with
    ``os.scandir`` for speed.
    """
    found: dict[str, tuple[int, int]] = {}
    stack = [str(root.resolve())]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                if not name.startswith("."):
                    stack.append(entry.path)
            elif (
                name.endswith(".md")
                and name not in SKIPPED_NAMES
                and not name.startswith(("_", "."))
            ):
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                found[entry.path] = (stat.st_mtime_ns, stat.st_size)
    return found


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

    With the command's open ``repository`` the index is its projection: the files are the
    repository's meeting files (no discovery of its own), and a meeting the repository already
    parsed in this command is not parsed again.
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


def _stats(files: list[Path]) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for path in files:
        try:
            found_stat = path.stat()
        except OSError:
            continue
        if not S_ISDIR(found_stat.st_mode):
            found[str(path)] = (found_stat.st_mtime_ns, found_stat.st_size)
    return found


def _refresh(
    connection: sqlite3.Connection,
    root: Path,
    stats: IndexStats,
    progress: Progress | None,
    verify_sources: bool,
    repository: Repository | None,
) -> None:
    current = scan(root) if repository is None else _stats(repository.meeting_files)
    stats.files = len(current)
    digest = _scan_digest(current)
    stored = connection.execute("SELECT value FROM meta WHERE key='scan'").fetchone()
    if stored is not None and stored[0] == digest and not verify_sources:
        return  # the same files as when the index was last brought up to date
    # reading files parses meetings (pydantic, ruamel.yaml) and may fork workers: imported only
    # now, so that a query over an unchanged repository starts 0.3 s sooner
    from vvgctl.index.rows import delete_files, extract_many, insert_record
    from vvgctl.index.shards import build_parallel

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
    stats.read, stats.removed = len(stale), len(gone)
    jobs = default_jobs()

    def parsed(path: str) -> LoadedMeeting | None:
        return repository.loaded(Path(path)) if repository is not None else None

    if jobs > 1 and len(stale) >= PARALLEL_THRESHOLD and not all(parsed(p) for p in stale):

        def start() -> None:
            delete_files(connection, gone + [known[p][0] for p in stale if p in known])
            # until the end, the search index and the vocabulary lag behind the merged shards
            connection.execute("DELETE FROM meta WHERE key='vocab'")
            connection.execute("INSERT OR REPLACE INTO meta VALUES('fts', 'behind')")

        def finish() -> None:
            _rebuild_search(connection)
            sync_vocab(connection)
            _remember_scan(connection, digest)

        transaction(connection, start)
        build_parallel(connection, stale, current, jobs, progress)
        transaction(connection, finish)
        return

    def serial() -> None:
        if connection.execute("SELECT 1 FROM meta WHERE key='fts'").fetchone() is not None:
            _rebuild_search(connection)  # an interrupted parallel build left it behind
        delete_files(connection, gone + [known[p][0] for p in stale if p in known])
        first = _next_passage(connection)
        for path, record in zip(stale, extract_many(stale, progress, parsed), strict=True):
            insert_record(connection, record, current[path])
        if connection.execute("SELECT 1 FROM meta WHERE key='vocab'").fetchone() is None:
            sync_vocab(connection)  # an interrupted parallel build left it behind
        else:
            add_terms(connection, first)
        _remember_scan(connection, digest)

    transaction(connection, serial)


def _rebuild_search(connection: sqlite3.Connection) -> None:
    """The search index made anew from every text, in one pass."""
    connection.execute("INSERT INTO fts(fts) VALUES('rebuild')")
    connection.execute("DELETE FROM meta WHERE key='fts'")


def _next_passage(connection: sqlite3.Connection) -> int:
    return int(connection.execute("SELECT coalesce(max(id), 0) + 1 FROM passages").fetchone()[0])


def _remember_scan(connection: sqlite3.Connection, digest: str) -> None:
    """Only once every file of the scan is in: an interrupted build compares file by file."""
    connection.execute("INSERT OR REPLACE INTO meta VALUES('scan', ?)", (digest,))
