"""The index's seal: a digest of the index database kept beside it, checked before it is used.

What it guards against, and what it does not (the threat model of the query index)
------------------------------------------------------------------------------------
The index is a cache: every row can be made again from the meeting files, and ``decisions``,
``search`` and the other queries print its rows as the record's own words. Someone who can
write the cache folder can therefore put words in the record's mouth (``UPDATE decisions SET
text = 'FORGED'``). SQLite does not run code from a database file (no extension is ever
loaded), so the harm is false answers, not code run.

- The defence is that the folder is ours and private: :func:`vvgctl.runtime.cache.
  private_cache_dir` creates it mode 0700 and refuses one that another user owns or may
  write. An attacker who can write a folder that passes that check is this user (or root),
  and can equally rewrite the seal, or vvgctl itself: no digest kept in the folder, keyed or
  not, can stop them, and none is claimed to.
- What the seal does catch is a database that changed after vvgctl last wrote it: edited by
  hand or by another tool, damaged, half-copied, or brought in from elsewhere (a restored CI
  cache, a copied home folder). After each change vvgctl records the SHA-256 of the database
  file and its inode, size, modification and change times. Before each use: the same inode
  and times mean no one wrote the file since (a write sets the change time, which only root
  can set back), so nothing is read; otherwise the file's SHA-256 is computed again. A
  database whose digest differs from its seal, or that has no seal, is thrown away and built
  anew from the files (so is one with a journal beside it, which SQLite would replay into
  it); one whose digest matches but that was moved or copied is checked file
  by file: each meeting file's SHA-256 recorded in the index is compared with the file on
  disk, and a file that differs is read again (:func:`vvgctl.index.update.refresh`); only
  then is it sealed again (a check that is interrupted leaves it unsealed: built anew).
- Between two uses, a meeting file is trusted to be unchanged while its size and modification
  time are (as ``check`` does without ``--content-hash``); ``--rebuild`` reads every file.

A seal is JSON, ``[1, sha256, [inode, size, mtime_ns, ctime_ns]]``, read strictly: one of
another shape is no seal.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Literal

SEAL_FORMAT = 1

#: what :func:`check` found: unchanged since sealed, the same content in a file written
#: since (copied, restored), or another content (or no seal at all)
State = Literal["intact", "moved", "broken"]


def seal_file(database: Path) -> Path:
    return database.with_name(database.name + ".seal")


def _stamp(found: os.stat_result) -> list[int]:
    return [found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns]


def _digest(database: Path) -> str:
    with open(database, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _read(database: Path) -> tuple[str, list[int]] | None:
    try:
        stored = json.loads(seal_file(database).read_bytes())
    except (OSError, ValueError):
        return None
    if (
        isinstance(stored, list)
        and len(stored) == 3
        and stored[0] == SEAL_FORMAT
        and isinstance(stored[1], str)
        and isinstance(stored[2], list)
        and len(stored[2]) == 4
        and all(type(n) is int for n in stored[2])
    ):
        return stored[1], stored[2]
    return None


def seal(database: Path) -> None:
    """Record what the database holds now (after vvgctl wrote it, under the index's lock)."""
    found = os.stat(database)
    digest = _digest(database)
    folder = database.parent
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=database.name + "-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump([SEAL_FORMAT, digest, _stamp(found)], handle)
        os.replace(temporary, seal_file(database))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def unseal(database: Path) -> None:
    """Forget the seal (before the database is removed or made anew)."""
    seal_file(database).unlink(missing_ok=True)


#: the files SQLite keeps beside a database while it writes: one found when no vvgctl is
#: writing (the caller holds the index's lock) is left by a crash, or planted, and SQLite would
#: replay it into the database when it opens it, after the seal was checked
COMPANIONS = ("-journal", "-wal", "-shm")


def check(database: Path) -> State:
    """Whether the database is the one vvgctl last sealed (see the module's documentation)."""
    stored = _read(database)
    if stored is None or any(os.path.lexists(str(database) + c) for c in COMPANIONS):
        return "broken"
    digest, stamp = stored
    try:
        if _stamp(os.stat(database)) == stamp:
            return "intact"
        if _digest(database) != digest:
            return "broken"
    except OSError:
        return "broken"
    return "moved"  # sealed again once its files were checked (see open_index)


def reseal(database: Path) -> None:
    """Seal the database again if it changed since its seal (vvgctl wrote it)."""
    stored = _read(database)
    try:
        if stored is not None and _stamp(os.stat(database)) == stored[1]:
            return
        seal(database)
    except OSError:
        unseal(database)  # it cannot be sealed: the next use builds it anew
