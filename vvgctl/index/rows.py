"""One meeting file's rows: extracted from the file, inserted into the index, deleted again.

Both the refresh in this process (:mod:`vvgctl.index.update`) and the workers that fill shard
databases (:mod:`vvgctl.index.shards`) write a file's rows with :func:`insert_record`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from hashlib import blake2b as _blake2b
from pathlib import Path
from typing import TYPE_CHECKING

from vvgctl.index.database import PER_FILE
from vvgctl.index.extract import extract_file, extract_parsed
from vvgctl.index.record import MeetingRecord
from vvgctl.runtime.progress import Progress
from vvgctl.source.loading import LoadedMeeting

if TYPE_CHECKING:
    from vvgctl.repository.repo import Repository


def project(path: str, loaded: LoadedMeeting) -> MeetingRecord:
    """The rows of a meeting the command's repository parsed, made where it parsed it (a
    worker, too: ``Repository(project=project)``), with their passages' keys reckoned there."""
    record = extract_parsed(path, loaded)
    record.keys = [(text_id(p[4]), passage_digest(p[0], p[2], p[4])) for p in record.passages]
    return record


def ready_records(repository: Repository | None, paths: list[str]) -> dict[str, object]:
    """The rows of the meetings among ``paths`` that the command's ``repository`` already
    parsed: made where it parsed them (its ``project``, in a worker too), or made here from
    the meeting it keeps parsed (``keep_loaded``). Nothing is parsed again."""
    found: dict[str, object] = {}
    if repository is None:
        return found
    for path in paths:
        record = repository.projected(Path(path))
        if record is None:
            loaded = repository.loaded(Path(path))
            record = extract_parsed(path, loaded) if loaded is not None else None
        if isinstance(record, MeetingRecord):
            found[path] = record
    return found


def extract_many(
    paths: list[str],
    progress: Progress | None,
    ready: Callable[[str], object | None] | None = None,
) -> Iterable[object]:
    """A few files, read in this process (many go to :func:`vvgctl.index.shards.build_parallel`);
    a file whose rows are ``ready`` (see :func:`ready_records`) is not read again."""
    for done, path in enumerate(paths, 1):
        record = ready(path) if ready is not None else None
        yield extract_file(path) if record is None else record
        if progress:
            progress(done, len(paths))


def text_id(text: str) -> int:
    """The id of a text in ``texts``: a 64-bit hash of it, so that shards filled apart give
    one text the same id (among a million texts, the odds that two share an id are 1 in 30
    million)."""
    return int.from_bytes(_blake2b(text.encode(), digest_size=8).digest(), "big", signed=True)


def passage_digest(kind: str, title: str | None, text: str) -> int:
    """The same number for passages of the same kind, title and words (however the lines are
    broken): search shows a passage that recurs word for word in many meetings once."""
    return text_id(f"{kind}\x1f{title or ''}\x1f{' '.join(text.split())}")


def delete_files(connection: sqlite3.Connection, file_ids: list[int]) -> None:
    """The rows of these files, their passages' search entries and the files themselves."""
    for start in range(0, len(file_ids), 500):
        chunk = file_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        texts = [
            tid
            for (tid,) in connection.execute(
                f"SELECT DISTINCT text_id FROM passages WHERE file_id IN ({marks})", chunk
            )
        ]
        for table in PER_FILE:
            connection.execute(f"DELETE FROM {table} WHERE file_id IN ({marks})", chunk)
        connection.execute(f"DELETE FROM files WHERE id IN ({marks})", chunk)
        _forget_texts(connection, texts)


def _forget_texts(connection: sqlite3.Connection, texts: list[int]) -> None:
    """The texts no passage holds any more, out of the search index and ``texts``."""
    for start in range(0, len(texts), 500):
        chunk = texts[start : start + 500]
        marks = ",".join("?" * len(chunk))
        orphans = (
            f"id IN ({marks}) AND NOT EXISTS "
            f"(SELECT 1 FROM passages WHERE passages.text_id = texts.id)"
        )
        # an external-content index forgets a row by being told the text it indexed
        connection.execute(
            f"INSERT INTO fts(fts, rowid, text) SELECT 'delete', id, text "
            f"FROM texts WHERE {orphans}",
            chunk,
        )
        connection.execute(f"DELETE FROM texts WHERE {orphans}", chunk)


def insert_record(
    connection: sqlite3.Connection, record: object, stat: tuple[int, int], search: bool = True
) -> bool:
    """One file's rows; ``search`` also puts its passages into the search index (a shard has
    none: the merge indexes them)."""
    assert isinstance(record, MeetingRecord)
    cursor = connection.execute(
        "INSERT INTO files(path, mtime_ns, size, organ, date, status, valid, sha256) "
        "VALUES(?,?,?,?,?,?,?,?)",
        (
            record.path,
            stat[0],
            stat[1],
            record.organ,
            record.date,
            record.status,
            int(record.valid),
            record.sha256,
        ),
    )
    head = (cursor.lastrowid, record.organ, record.date)
    _insert_items(connection, head, record)
    if record.passages:
        _insert_passages(connection, head, record, search)
    return record.valid


def _insert_items(
    connection: sqlite3.Connection, head: tuple[object, str, str], record: MeetingRecord
) -> None:
    """The file's items, positions, actions, closed actions and follow-ups."""
    connection.executemany(
        "INSERT INTO items VALUES(?,?,?,?,?,?,?,?,?,?,?)",
        [(*head, seq, *row) for seq, row in enumerate(record.items)],
    )
    connection.executemany(
        "INSERT INTO decisions(file_id, organ, date, seq, item, title, type, label, text, parts, "
        "after_dialog, confirm_by, deadline, documents, case_id, presenters, line, norm) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(*head, seq, *row) for seq, row in enumerate(record.decisions)],
    )
    connection.executemany(
        "INSERT INTO actions VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(*head, seq, *row) for seq, row in enumerate(record.actions)],
    )
    connection.executemany(
        "INSERT INTO closes VALUES(?,?,?,?,?,?)", [(*head, *row) for row in record.closes]
    )
    connection.executemany(
        "INSERT INTO follow_ups VALUES(?,?,?,?,?,?,?,?,?)",
        [(*head, *row) for row in record.follow_ups],
    )


def _insert_passages(
    connection: sqlite3.Connection,
    head: tuple[object, str, str],
    record: MeetingRecord,
    search: bool,
) -> None:
    """The file's passages, and their texts that are new to the index."""
    keys = record.keys
    if len(keys) != len(record.passages):
        keys = [(text_id(p[4]), passage_digest(p[0], p[2], p[4])) for p in record.passages]
    ids = [tid for tid, _ in keys]
    texts = dict(zip(ids, (passage[4] for passage in record.passages), strict=True))
    marks = ",".join("?" * len(texts))
    known = {
        tid
        for (tid,) in connection.execute(f"SELECT id FROM texts WHERE id IN ({marks})", list(texts))
    }
    new = [(tid, text) for tid, text in texts.items() if tid not in known]
    connection.executemany("INSERT INTO texts(id, text) VALUES(?, ?)", new)
    if search:  # the texts new to the index go into the search index too
        connection.executemany("INSERT INTO fts(rowid, text) VALUES(?, ?)", new)
    # (the passage ids follow the table's largest, as SQLite gives them)
    connection.executemany(
        "INSERT INTO passages(file_id, organ, date, kind, item, title, line, digest, "
        "text_id) VALUES(?,?,?,?,?,?,?,?,?)",
        [
            (*head, *passage[:4], digest, tid)
            for (tid, digest), passage in zip(keys, record.passages, strict=True)
        ],
    )
