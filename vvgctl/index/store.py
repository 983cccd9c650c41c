"""The query index: one SQLite database per repository, outside the repository.

Kept in ``$VVGCTL_CACHE_DIR`` (or ``~/.cache/vvgctl``) as ``index-<hash>.sqlite3``: a cache
that can always be rebuilt from the files. Before every query :func:`open_index` brings it up
to date incrementally: a file whose (mtime_ns, size) changed is read again, a deleted file's
rows go, everything else stays. A new vvgctl version, ``--rebuild`` or a damaged database file
rebuild it from scratch. A first build over many files is spread over the machine's cores:
each worker writes a shard database of its own, and the shards are copied in with SQL, so no
row crosses a pipe and the main process only merges.

Search uses SQLite's FTS5 over the text of each passage, cut into words by FTS5's own
``unicode61`` tokenizer (letters and digits, case folded, diacritics kept), and ranks with
``bm25``. Stemming happens on the vocabulary, not on the text: the ``vocab`` table holds each
distinct indexed word with its Swedish stem (see :mod:`vvgctl.swedish.stemming`), and a query word
stands for every indexed word that shares its stem (:mod:`vvgctl.query.search`). A repository
of 10,000 meetings has millions of words but only thousands of distinct ones, so this stems
thousands of words in Python instead of millions.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from vvgctl.errors import UsageError
from vvgctl.repository.discovery import SKIPPED_NAMES

SCHEMA_VERSION = "2"
PARALLEL_THRESHOLD = 300
Progress = Callable[[int, int], None]

#: the tables a worker's shard database holds too (see :func:`_build_parallel`)
TABLES = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL, organ TEXT, date TEXT, status TEXT, valid INTEGER NOT NULL);
CREATE TABLE items(file_id INTEGER NOT NULL, organ TEXT, date TEXT, seq INTEGER, item TEXT,
    title TEXT, kind TEXT, case_id TEXT, presenters TEXT, line INTEGER, has_position INTEGER);
CREATE TABLE decisions(id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, organ TEXT, date TEXT,
    seq INTEGER, item TEXT, title TEXT, type TEXT, label TEXT, text TEXT, parts TEXT,
    after_dialog INTEGER, confirm_by TEXT, deadline TEXT, documents TEXT, case_id TEXT,
    presenters TEXT, line INTEGER, norm TEXT);
CREATE TABLE actions(file_id INTEGER NOT NULL, organ TEXT, date TEXT, seq INTEGER, item TEXT,
    action_id TEXT, text TEXT, label TEXT, owner TEXT, owner_group TEXT, due TEXT,
    due_meeting TEXT, case_id TEXT, line INTEGER);
CREATE TABLE closes(file_id INTEGER NOT NULL, organ TEXT, date TEXT, item TEXT,
    action_id TEXT, line INTEGER);
CREATE TABLE follow_ups(file_id INTEGER NOT NULL, organ TEXT, date TEXT, item TEXT, text TEXT,
    meeting TEXT, target_organ TEXT, case_id TEXT, line INTEGER);
CREATE TABLE passages(id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, organ TEXT, date TEXT,
    kind TEXT, item TEXT, title TEXT, line INTEGER, text TEXT NOT NULL);
"""

#: FTS5's word split, the same as :func:`vvgctl.swedish.stemming.words` on text in NFC: letters and
#: digits (``categories``), everything else separates; case folded; å, ä and ö kept
TOKENIZE = "unicode61 remove_diacritics 0 categories 'L* N*'"

#: the search index over ``passages.text`` (external content: the text is stored once), the
#: distinct words it holds (``fts_terms``, read by SQLite from the index) and their stems
SEARCH = f"""
CREATE VIRTUAL TABLE fts USING fts5(text, content='passages', content_rowid='id',
    tokenize = "{TOKENIZE}");
CREATE VIRTUAL TABLE fts_terms USING fts5vocab(fts, row);
CREATE TABLE vocab(term TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID;
"""

INDEXES = """
CREATE INDEX items_file ON items(file_id);
CREATE INDEX items_case ON items(case_id);
CREATE INDEX decisions_file ON decisions(file_id);
CREATE INDEX decisions_date ON decisions(date);
CREATE INDEX actions_file ON actions(file_id);
CREATE INDEX closes_file ON closes(file_id);
CREATE INDEX follow_ups_file ON follow_ups(file_id);
CREATE INDEX passages_file ON passages(file_id);
CREATE INDEX vocab_stem ON vocab(stem);
"""

SCHEMA = TABLES + SEARCH + INDEXES

_PER_FILE = ("items", "decisions", "actions", "closes", "follow_ups", "passages")


@dataclass
class IndexStats:
    """What the last refresh did."""

    files: int = 0
    read: int = 0
    removed: int = 0
    invalid: int = 0
    rebuilt: bool = False


def index_file(root: Path) -> Path:
    from vvgctl.runtime.cache import cache_dir

    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"index-{key}.sqlite3"


#: the modules whose code decides what the index holds (relative to the package)
EXTRACTION_CODE = ("index/*.py", "models/*.py", "stemming.py", "loading.py", "document.py",
                   "yaml.py", "validation.py", "rules/case_flow.py")


def fingerprint() -> str:
    """Changes with the schema, the vvgctl version and the code that fills the index.

    Only the extraction's own modules count (stat'ed, not read), so that an edit elsewhere in
    vvgctl does not throw away a 10,000-meeting index.
    """
    import vvgctl

    package = Path(vvgctl.__file__).parent
    digest = hashlib.sha256(f"{SCHEMA_VERSION}:{vvgctl.__version__}".encode())
    for pattern in EXTRACTION_CODE:
        for path in sorted(package.glob(pattern)):
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()[:16]


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
            elif (name.endswith(".md") and name not in SKIPPED_NAMES
                  and not name.startswith(("_", "."))):
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                found[entry.path] = (stat.st_mtime_ns, stat.st_size)
    return found


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA cache_size=-65536")
    # read the index through the page cache the OS already holds: a fresh process's first
    # query pays no read() per page (search 0.05 -> 0.035 s on 10,000 meetings)
    connection.execute("PRAGMA mmap_size=1073741824")
    return connection


def _usable(connection: sqlite3.Connection, wanted: str) -> bool:
    try:
        row = connection.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
    except sqlite3.OperationalError as exc:
        if is_locked(exc):
            raise busy() from None
        return False
    except sqlite3.DatabaseError:
        return False
    return row is not None and row[0] == wanted


def is_locked(exc: sqlite3.Error) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def busy() -> UsageError:
    return UsageError("another vvgctl is updating the query index right now",
                      hint="wait until it is done and try again")


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            Path(str(path) + suffix).unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise UsageError(f"{path}: cannot remove the damaged index ({exc.strerror})",
                             hint="remove the file by hand, or set VVGCTL_CACHE_DIR") from None


def _create(path: Path, wanted: str) -> sqlite3.Connection:
    _remove(path)
    connection = _connect(path)
    connection.executescript(SCHEMA)
    connection.execute("INSERT INTO meta VALUES('fingerprint', ?)", (wanted,))
    connection.execute("INSERT INTO meta VALUES('vocab', 'complete')")  # of an empty index
    return connection


def connect(root: Path, rebuild: bool = False) -> tuple[sqlite3.Connection, bool]:
    """An open, current-schema index for ``root``; True when it was (re)created empty."""
    path = index_file(root)
    wanted = fingerprint()
    if not rebuild and path.exists():
        try:
            connection = _connect(path)
            if _usable(connection, wanted):
                return connection, False
            connection.close()
        except sqlite3.DatabaseError:
            pass  # not a database, or a damaged one: rebuilt below
    try:
        return _create(path, wanted), True
    except sqlite3.DatabaseError as exc:
        raise UsageError(f"{path}: cannot create the index ({exc})",
                         hint="check the cache folder, or set VVGCTL_CACHE_DIR") from None


def _extract_many(paths: list[str], progress: Progress | None) -> Iterable[object]:
    """A few files, read in this process (many go to :func:`_build_parallel`)."""
    from vvgctl.index.extract import extract_file

    for done, path in enumerate(paths, 1):
        yield extract_file(path)
        if progress:
            progress(done, len(paths))


def _delete(connection: sqlite3.Connection, file_ids: list[int]) -> None:
    for start in range(0, len(file_ids), 500):
        chunk = file_ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        # an external-content index forgets a row by being told the text it indexed
        connection.execute(f"INSERT INTO fts(fts, rowid, text) SELECT 'delete', id, text "
                           f"FROM passages WHERE file_id IN ({marks})", chunk)
        for table in _PER_FILE:
            connection.execute(f"DELETE FROM {table} WHERE file_id IN ({marks})", chunk)
        connection.execute(f"DELETE FROM files WHERE id IN ({marks})", chunk)


def _insert(connection: sqlite3.Connection, record: object, stat: tuple[int, int],
            search: bool = True) -> bool:
    """One file's rows; ``search`` also puts its passages into the search index (a shard has
    none: the merge indexes them)."""
    from vvgctl.index.extract import MeetingRecord

    assert isinstance(record, MeetingRecord)
    cursor = connection.execute(
        "INSERT INTO files(path, mtime_ns, size, organ, date, status, valid) "
        "VALUES(?,?,?,?,?,?,?)",
        (record.path, stat[0], stat[1], record.organ, record.date, record.status,
         int(record.valid)))
    fid = cursor.lastrowid
    head = (fid, record.organ, record.date)
    connection.executemany("INSERT INTO items VALUES(?,?,?,?,?,?,?,?,?,?,?)",
                           [(*head, seq, *row) for seq, row in enumerate(record.items)])
    connection.executemany(
        "INSERT INTO decisions(file_id, organ, date, seq, item, title, type, label, text, parts, "
        "after_dialog, confirm_by, deadline, documents, case_id, presenters, line, norm) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(*head, seq, *row) for seq, row in enumerate(record.decisions)])
    connection.executemany("INSERT INTO actions VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           [(*head, seq, *row) for seq, row in enumerate(record.actions)])
    connection.executemany("INSERT INTO closes VALUES(?,?,?,?,?,?)",
                           [(*head, *row) for row in record.closes])
    connection.executemany("INSERT INTO follow_ups VALUES(?,?,?,?,?,?,?,?,?)",
                           [(*head, *row) for row in record.follow_ups])
    if record.passages:
        last = connection.execute("SELECT max(id) FROM passages").fetchone()[0] or 0
        ids = range(last + 1, last + 1 + len(record.passages))
        connection.executemany(
            "INSERT INTO passages(id, file_id, organ, date, kind, item, title, line, text) "
            "VALUES(?,?,?,?,?,?,?,?,?)",
            [(pid, *head, *passage) for pid, passage in zip(ids, record.passages,
                                                             strict=True)])
        if search:
            connection.execute("INSERT INTO fts(rowid, text) SELECT id, text FROM passages "
                               "WHERE id >= ?", (last + 1,))
    return record.valid


#: a shard is the schema without its search index and secondary indexes: a worker fills one
#: with plain tables, and the main process copies it in with SQL (no rows cross a pipe)
SHARD_SCHEMA = TABLES
SHARD_SIZE = 250


def _batches(paths: list[str], jobs: int) -> Iterator[list[str]]:
    """``paths`` cut into shards of at most SHARD_SIZE files, smaller towards the end (down to
    a fifth), so that the workers run out of work at about the same time: a last shard of 250
    files kept one core busy alone for ~0.6 s of a 10,000-meeting build."""
    start = 0
    while start < len(paths):
        size = min(SHARD_SIZE, max(SHARD_SIZE // 5, (len(paths) - start) // (2 * jobs), 1))
        yield paths[start:start + size]
        start += size


def _fill_shard(task: tuple[str, list[tuple[str, int, int]]]) -> tuple[str, int]:
    """In a worker: read, extract and write a batch of files into a new shard database."""
    from vvgctl.index.extract import extract_file

    shard_path, files = task
    shard = sqlite3.connect(shard_path, isolation_level=None)
    try:
        shard.execute("PRAGMA journal_mode=OFF")
        shard.execute("PRAGMA synchronous=OFF")
        shard.executescript(SHARD_SCHEMA)
        shard.execute("BEGIN")
        for path, mtime_ns, size in files:
            _insert(shard, extract_file(path), (mtime_ns, size), search=False)
        shard.execute("COMMIT")
    finally:
        shard.close()
    return shard_path, len(files)


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA main.table_info({table})")]


def _merge_shard(connection: sqlite3.Connection, shard_path: str) -> None:
    """Copy a shard's rows into the index in one transaction (ATTACH and DETACH must stand
    outside it), moving the shard's file and passage ids past the index's own."""
    connection.execute("ATTACH DATABASE ? AS shard", (shard_path,))
    try:
        _transaction(connection, lambda: _copy_shard(connection))
    finally:
        connection.execute("DETACH DATABASE shard")


def _copy_shard(connection: sqlite3.Connection) -> None:
    files = connection.execute("SELECT coalesce(max(id), 0) FROM main.files").fetchone()[0]
    passages = connection.execute("SELECT coalesce(max(id), 0) FROM main.passages").fetchone()[0]
    for table in ("files", *_PER_FILE):
        columns = [c for c in _columns(connection, table)
                   if not (table == "decisions" and c == "id")]  # new ids: nothing refers
        chosen = [f"id + {files}" if table == "files" and c == "id"
                  else f"file_id + {files}" if c == "file_id"
                  else f"id + {passages}" if table == "passages" and c == "id"
                  else c for c in columns]
        connection.execute(f"INSERT INTO main.{table}({', '.join(columns)}) "
                           f"SELECT {', '.join(chosen)} FROM shard.{table} ORDER BY rowid")
    connection.execute(f"INSERT INTO main.fts(rowid, text) "
                       f"SELECT id + {passages}, text FROM shard.passages")


def _build_parallel(connection: sqlite3.Connection, stale: list[str],
                    current: dict[str, tuple[int, int]], jobs: int,
                    progress: Progress | None) -> None:
    """Many files: workers fill shard databases side by side; the shards are merged in."""
    import multiprocessing
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    import vvgctl.index.extract  # noqa: F401  (imported once here, not in every worker)
    from vvgctl.runtime.cache import cache_dir
    from vvgctl.runtime.workers import start_worker

    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix="index-shards-") as tmp:
        tasks = [(os.path.join(tmp, f"shard-{n}.sqlite3"),
                  [(path, *current[path]) for path in batch])
                 for n, batch in enumerate(_batches(stale, jobs))]
        context = multiprocessing.get_context("fork")
        done = 0
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=start_worker) as pool:
            for shard_path, count in pool.map(_fill_shard, tasks):
                _merge_shard(connection, shard_path)
                os.unlink(shard_path)
                done += count
                if progress:
                    progress(done, len(stale))


def refresh(connection: sqlite3.Connection, root: Path, stats: IndexStats,
            progress: Progress | None = None) -> None:
    """Bring the index up to date with the files below ``root``.

    One refresh at a time (a lock file beside the index): a second vvgctl waits, then finds
    the index current. A file's rows always go in with the file in one transaction, so an
    interrupted build keeps what it finished and the next refresh reads only the rest.
    """
    with _refresh_lock(connection):
        _refresh(connection, root, stats, progress)
    stats.invalid = connection.execute("SELECT count(*) FROM files WHERE valid=0").fetchone()[0]


@contextmanager
def _refresh_lock(connection: sqlite3.Connection) -> Iterator[None]:
    import fcntl

    database = connection.execute("PRAGMA database_list").fetchone()[2]
    with open(database + ".lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _transaction(connection: sqlite3.Connection, work: Callable[[], None]) -> None:
    connection.execute("BEGIN IMMEDIATE")
    try:
        work()
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _scan_digest(current: dict[str, tuple[int, int]]) -> str:
    """What the files looked like (path, mtime, size), in one string to compare."""
    text = "\n".join(f"{path}\0{mtime}\0{size}" for path, (mtime, size) in sorted(current.items()))
    return hashlib.sha1(text.encode("utf-8", "surrogateescape"), usedforsecurity=False).hexdigest()


def _refresh(connection: sqlite3.Connection, root: Path, stats: IndexStats,
             progress: Progress | None) -> None:
    current = scan(root)
    stats.files = len(current)
    digest = _scan_digest(current)
    stored = connection.execute("SELECT value FROM meta WHERE key='scan'").fetchone()
    if stored is not None and stored[0] == digest:
        return  # the same files as when the index was last brought up to date
    known = {path: (fid, mtime, size) for fid, path, mtime, size in
             connection.execute("SELECT id, path, mtime_ns, size FROM files")}
    gone = [fid for path, (fid, _, _) in known.items() if path not in current]
    stale = sorted(path for path, stat in current.items()
                   if path not in known or known[path][1:] != stat)
    stats.read, stats.removed = len(stale), len(gone)
    jobs = min(os.cpu_count() or 1, 8)
    if jobs > 1 and len(stale) >= PARALLEL_THRESHOLD:
        def start() -> None:
            _delete(connection, gone + [known[p][0] for p in stale if p in known])
            # until the end, the vocabulary lags behind the merged shards
            connection.execute("DELETE FROM meta WHERE key='vocab'")

        def finish() -> None:
            _sync_vocab(connection)
            _remember_scan(connection, digest)

        _transaction(connection, start)
        _build_parallel(connection, stale, current, jobs, progress)
        _transaction(connection, finish)
        return

    def serial() -> None:
        _delete(connection, gone + [known[p][0] for p in stale if p in known])
        first = _next_passage(connection)
        for path, record in zip(stale, _extract_many(stale, progress), strict=True):
            _insert(connection, record, current[path])
        if connection.execute("SELECT 1 FROM meta WHERE key='vocab'").fetchone() is None:
            _sync_vocab(connection)  # an interrupted parallel build left it behind
        else:
            _add_terms(connection, first)
        _remember_scan(connection, digest)

    _transaction(connection, serial)


def _next_passage(connection: sqlite3.Connection) -> int:
    return int(connection.execute("SELECT coalesce(max(id), 0) + 1 FROM passages").fetchone()[0])


def _stemmed(terms: Iterable[str]) -> list[tuple[str, str]]:
    from vvgctl.swedish.stemming import stem

    # a query word is case folded (casefold: ß is ss) before it is stemmed; FTS5 folds with
    # simple case folding, so the term is folded the same way before its stem is taken
    return [(term, stem(term.casefold())) for term in terms]


def _sync_vocab(connection: sqlite3.Connection) -> None:
    """Make ``vocab`` hold exactly the words of the search index (read from FTS5 itself):
    new words get their stem, words no passage holds any more go."""
    indexed = {term for (term,) in connection.execute("SELECT term FROM fts_terms")}
    known = {term for (term,) in connection.execute("SELECT term FROM vocab")}
    connection.executemany("DELETE FROM vocab WHERE term = ?", [(t,) for t in known - indexed])
    connection.executemany("INSERT INTO vocab VALUES(?, ?)", _stemmed(sorted(indexed - known)))
    connection.execute("INSERT OR REPLACE INTO meta VALUES('vocab', 'complete')")


def _add_terms(connection: sqlite3.Connection, first: int) -> None:
    """Add the words of the passages from id ``first`` on that ``vocab`` lacks.

    FTS5 cuts the new passages into words in a temporary index (so the words are exactly the
    index's own), and only words new to the vocabulary are stemmed. Words of removed passages
    stay until the next full build: a word that no passage holds matches nothing.
    """
    if connection.execute("SELECT 1 FROM passages WHERE id >= ?", (first,)).fetchone() is None:
        return
    connection.execute(f"CREATE VIRTUAL TABLE temp.new_text USING fts5(text, content='', "
                       f"tokenize = \"{TOKENIZE}\")")
    try:
        connection.execute("CREATE VIRTUAL TABLE temp.new_terms "
                           "USING fts5vocab('temp', 'new_text', 'row')")
        connection.execute("INSERT INTO temp.new_text(rowid, text) "
                           "SELECT id, text FROM main.passages WHERE id >= ?", (first,))
        new = [term for (term,) in connection.execute(
            "SELECT term FROM temp.new_terms WHERE term NOT IN (SELECT term FROM main.vocab)")]
        connection.executemany("INSERT INTO main.vocab VALUES(?, ?)", _stemmed(new))
    finally:
        connection.execute("DROP TABLE IF EXISTS temp.new_terms")
        connection.execute("DROP TABLE temp.new_text")


def _remember_scan(connection: sqlite3.Connection, digest: str) -> None:
    """Only once every file of the scan is in: an interrupted build compares file by file."""
    connection.execute("INSERT OR REPLACE INTO meta VALUES('scan', ?)", (digest,))
