"""The index database: its tables, where it lives, and opening it.

One SQLite database per repository, kept outside the repository in vvgctl's private cache
folder (:func:`vvgctl.runtime.cache.cache_dir`) as ``index-<hash>.sqlite3``: a cache that can
always be rebuilt from the files. A new vvgctl version (see :func:`fingerprint`),
``--rebuild``, a damaged database file or one that does not match its seal (a digest kept
beside it: see :mod:`vvgctl.index.seal` for what that guards against) recreate it empty;
:mod:`vvgctl.index.update` then fills it. One vvgctl at a time opens, checks and refreshes an
index (:func:`lock`).

Search uses SQLite's FTS5 over the text of each passage, cut into words by FTS5's own
``unicode61`` tokenizer (letters and digits, case folded, diacritics kept), and ranks with
``bm25``. Stemming and lemmas are kept for the vocabulary, not the text (see
:mod:`vvgctl.index.vocab`).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import vvgctl
from vvgctl.errors import UsageError
from vvgctl.index.seal import unseal
from vvgctl.message import Message
from vvgctl.runtime.cache import cache_dir
from vvgctl.runtime.i18n import N_

SCHEMA_VERSION = "7"

#: the tables a worker's shard database holds too (see :mod:`vvgctl.index.shards`)
TABLES = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL, organ TEXT, date TEXT, status TEXT, valid INTEGER NOT NULL,
    sha256 TEXT NOT NULL);
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
    kind TEXT, item TEXT, title TEXT, line INTEGER, digest INTEGER NOT NULL,
    text_id INTEGER NOT NULL);
-- a passage's text, once however many passages hold it (a standing item, a recurring
-- position): its id is a hash of the text (index.rows.text_id), the same in every shard
CREATE TABLE texts(id INTEGER PRIMARY KEY, text TEXT NOT NULL);
"""

#: FTS5's word split, the same as :func:`vvgctl.swedish.stemming.words` on text in NFC:
#: letters and digits (``categories``), everything else separates; case folded; å, ä and ö kept
TOKENIZE = "unicode61 remove_diacritics 0 categories 'L* N*'"

#: the search index over ``texts.text`` (external content: the text is stored once), the
#: distinct words it holds (``fts_terms``, read by SQLite from the index) and their stems and
#: lemmas (``listed``: the lexicon lists the word, see :mod:`vvgctl.swedish.lexicon`)
SEARCH = f"""
CREATE VIRTUAL TABLE fts USING fts5(text, content='texts', content_rowid='id',
    tokenize = "{TOKENIZE}");
CREATE VIRTUAL TABLE fts_terms USING fts5vocab(fts, row);
CREATE TABLE vocab(term TEXT PRIMARY KEY, stem TEXT NOT NULL, lemma TEXT NOT NULL,
    listed INTEGER NOT NULL) WITHOUT ROWID;
"""

INDEXES = """
CREATE INDEX items_file ON items(file_id);
CREATE INDEX items_case ON items(case_id);
CREATE INDEX decisions_file ON decisions(file_id, line, item);
CREATE INDEX decisions_date ON decisions(date);
CREATE INDEX actions_file ON actions(file_id);
CREATE INDEX closes_file ON closes(file_id);
CREATE INDEX follow_ups_file ON follow_ups(file_id);
CREATE INDEX passages_file ON passages(file_id);
CREATE INDEX passages_text ON passages(text_id, kind, file_id, line, item);
CREATE INDEX vocab_stem ON vocab(stem);
CREATE INDEX vocab_lemma ON vocab(lemma);
"""

SCHEMA = TABLES + SEARCH + INDEXES

#: the tables that hold rows of one meeting file each (by ``file_id``)
PER_FILE = ("items", "decisions", "actions", "closes", "follow_ups", "passages")


def index_file(root: Path) -> Path:
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"index-{key}.sqlite3"


#: the modules whose code decides what the index holds (relative to the package)
EXTRACTION_CODE = (
    "index/*.py",
    "models/*.py",
    "swedish/*.py",
    "source/*.py",
    "repository/records.py",
)


def fingerprint() -> str:
    """Changes with the schema, the vvgctl version and the code that fills the index.

    Only the extraction's own modules count (stat'ed, not read), so that an edit elsewhere in
    vvgctl does not throw away a 10,000-meeting index.
    """
    package = Path(vvgctl.__file__).parent
    digest = hashlib.sha256(f"{SCHEMA_VERSION}:{vvgctl.__version__}".encode())
    for pattern in EXTRACTION_CODE:
        for path in sorted(package.glob(pattern)):
            stat = path.stat()
            digest.update(f"{path.relative_to(package)}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()[:16]


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
    return UsageError(
        N_("another vvgctl is updating the query index right now"),
        hint=N_("wait until it is done and try again"),
    )


def _remove(path: Path) -> None:
    unseal(path)
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            Path(str(path) + suffix).unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise UsageError(
                Message(
                    N_("{path}: cannot remove the damaged index ({strerror})"),
                    {"path": path, "strerror": exc.strerror},
                ),
                hint=N_("remove the file by hand, or set VVGCTL_CACHE_DIR"),
            ) from None


def _create(path: Path, wanted: str) -> sqlite3.Connection:
    _remove(path)
    connection = _connect(path)
    connection.executescript(SCHEMA)
    connection.execute("INSERT INTO meta VALUES('fingerprint', ?)", (wanted,))
    connection.execute("INSERT INTO meta VALUES('vocab', 'complete')")  # of an empty index
    return connection


@contextmanager
def lock(path: Path) -> Iterator[None]:
    """The index at ``path`` to this process alone while it is opened, checked and brought up
    to date (a lock file beside it): a second vvgctl waits, then finds it current."""
    import fcntl

    with open(str(path) + ".lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def connect(path: Path, rebuild: bool = False) -> tuple[sqlite3.Connection, bool]:
    """An open, current-schema index at ``path`` (hold :func:`lock`); True when it was
    (re)created empty."""
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
        raise UsageError(
            Message(N_("{path}: cannot create the index ({exc})"), {"path": path, "exc": exc}),
            hint=N_("check the cache folder, or set VVGCTL_CACHE_DIR"),
        ) from None


def transaction(connection: sqlite3.Connection, work: Callable[[], None]) -> None:
    """Run ``work`` in one write transaction: all of it, or (on any error) none of it."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        work()
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
