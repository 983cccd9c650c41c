"""vvgctl's cache folder, and the per-repository cache of results kept in it.

The cache folder (``$VVGCTL_CACHE_DIR``, else ``$XDG_CACHE_HOME/vvgctl``, else
``~/.cache/vvgctl``) lies outside the repository, so that nothing in it shows up in a pull
request. It holds the results of ``check`` (:class:`ResultCache`), the outcomes of whole
runs of ``check`` and of ``show`` (:func:`read_entry`, :mod:`vvgctl.checking.whole_run`), the
query index and its shards (:mod:`vvgctl.index.database`) and the lexicon
(:mod:`vvgctl.index.vocab`).

What is in that folder is read back as data, never run: every file in it is JSON or SQLite,
checked as it is read (a file of the wrong shape is a miss, never a result and never an error).
No pickle, marshal or compiled template is read from it. That alone does not make its contents
true: whoever can write the folder can write a result that hides a finding, or a forged row of
the index with a digest to match it. So the folder must be ours and private, and
:func:`private_cache_dir` is the one place that decides: vvgctl creates the folder mode 0700,
and refuses one that is not a folder, belongs to another user, can be written by the group or
by others, or lies below a folder anyone may write that lacks the sticky bit (as a shared
``/tmp`` has it); it then says so once on stderr and runs without a cache
(:func:`cache_dir` gives a temporary folder of the process's own to those that need one).
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import json
import os
import shutil
import stat
import sys
import tempfile
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import vvgctl
from vvgctl.runtime.fingerprint import digest
from vvgctl.runtime.i18n import N_, _

#: the layout of a result cache's file; a change makes every stored file a miss
FORMAT = 5

#: a cache file larger than this is not read (a damaged or planted one; 10,000 meetings' check
#: results take about 20 MB)
MAX_CACHE_BYTES = 512 * 1024 * 1024

V = TypeVar("V")

#: the folders already refused in this process (each is warned about once)
_REFUSED: set[str] = set()
_SCRATCH: list[Path] = []


def cache_location() -> Path:
    """Where the cache folder is asked to be (not checked: see :func:`private_cache_dir`)."""
    own = os.environ.get("VVGCTL_CACHE_DIR")
    if own:
        return Path(own)
    base = os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "vvgctl" if base else Path.home() / ".cache" / "vvgctl"


def _visible(path: Path) -> str:
    """The folder's name with control characters written out (one line on stderr)."""
    return str(path).translate({c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]})


#: what to do about a refused folder
REMOVE_IT = N_(
    "remove it (vvgctl then makes a private one), or set VVGCTL_CACHE_DIR to a folder of your own"
)
ELSEWHERE = N_("set VVGCTL_CACHE_DIR to a folder of your own that only you can write")

#: why a folder was refused, what to do, and the values both name
Refusal = tuple[str, str, dict[str, str]]


def _refusal(folder: Path) -> Refusal | None:
    """Why ``folder`` may not hold vvgctl's cache, or None when it is ours and private; a
    missing folder is created, mode 0700."""
    named = {"folder": _visible(folder)}
    try:
        found = os.stat(folder)
    except FileNotFoundError:
        try:
            _make(folder)
            found = os.stat(folder)
        except OSError as exc:
            return (
                N_("the cache folder {folder} cannot be created ({reason})"),
                ELSEWHERE,
                {**named, "reason": str(exc.strerror)},
            )
    except OSError as exc:
        return (
            N_("the cache folder {folder} cannot be read ({reason})"),
            ELSEWHERE,
            {**named, "reason": str(exc.strerror)},
        )
    if not stat.S_ISDIR(found.st_mode):
        return N_("the cache folder {folder} is not a folder"), REMOVE_IT, named
    if found.st_uid != os.geteuid():
        return N_("the cache folder {folder} belongs to another user"), REMOVE_IT, named
    if found.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return N_("the cache folder {folder} can be written by other users"), REMOVE_IT, named
    for above in Path(os.path.realpath(folder)).parents:
        try:
            mode = os.stat(above).st_mode
        except OSError:
            continue
        if mode & stat.S_IWOTH and not mode & stat.S_ISVTX:
            return (
                N_("the folder {above} above the cache folder {folder} can be written by anyone"),
                ELSEWHERE,
                {**named, "above": _visible(above)},
            )
    return None


def _make(folder: Path) -> None:
    """``folder`` and the folders above it that are missing, each mode 0700 (as the XDG base
    directory specification asks; ``mkdir -p`` would leave them open under a loose umask)."""
    missing = [folder, *(p for p in folder.parents if not p.exists())]
    for path in reversed(missing):
        with suppress(FileExistsError):  # made by another vvgctl just now: checked like any
            os.mkdir(path, 0o700)


def private_cache_dir(folder: Path | None = None) -> Path | None:
    """The cache folder (``folder``, else :func:`cache_location`) if vvgctl may keep its cache
    there, else None: every cache user asks this (see the module's documentation).

    A refused folder is named on stderr once per process, with what to do about it."""
    folder = folder if folder is not None else cache_location()
    refused = _refusal(folder)
    if refused is None:
        return folder
    if str(folder) not in _REFUSED:
        _REFUSED.add(str(folder))
        message, hint, values = refused
        sys.stderr.write(
            _("vvgctl: warning: {message}, so vvgctl runs without a cache; {hint}.").format(
                message=_(message).format(**values), hint=_(hint)
            )
            + "\n"
        )
    return None


def cache_dir() -> Path:
    """A folder for files that must be kept somewhere while vvgctl runs (the query index, its
    shards, the lexicon): the cache folder if :func:`private_cache_dir` allows it, else a
    temporary folder of this process's own, removed when it ends (then nothing is cached)."""
    return private_cache_dir() or _scratch()


def _scratch() -> Path:
    if not _SCRATCH:
        folder = Path(tempfile.mkdtemp(prefix="vvgctl-nocache-"))  # mode 0700
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _SCRATCH.append(folder)
    return _SCRATCH[0]


def code_fingerprint() -> str:
    """Changes when any module of vvgctl changes (names, sizes and mtimes; cheap to stat):
    a walk of strings, as every warm command asks for it."""
    package = os.path.dirname(vvgctl.__file__)
    found: list[tuple[str, int, int]] = []
    for folder, folders, files in os.walk(package):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                with suppress(OSError):  # gone since the walk listed it
                    known = os.stat(path)
                    found.append((path[len(package) :], known.st_size, known.st_mtime_ns))
    return digest(vvgctl.__version__, str(FORMAT), repr(found))[:16]


#: the libraries whose wording or output a stored result may carry (a new version is a new key)
LIBRARIES = ("pydantic", "pydantic_core", "ruamel.yaml")


def library_versions() -> list[str]:
    """The Python and the :data:`LIBRARIES` installed (by their ``__init__``'s identity: a
    new version is new files), found without importing them."""
    from importlib.util import find_spec

    found = [sys.version]
    for name in LIBRARIES:
        try:
            spec = find_spec(name)
            origin = spec.origin if spec is not None else None
            found.append(f"{name}:{file_identity(os.stat(origin))}" if origin else f"{name}:-")
        except (ImportError, ValueError, OSError):
            found.append(f"{name}:?")
    return found


def file_identity(found: os.stat_result) -> str:
    """A file's kind, inode, size, mtime and ctime: an edit that keeps size and mtime still
    moves the ctime."""
    return (
        f"{found.st_mode:o}:{found.st_ino}:{found.st_size}:{found.st_mtime_ns}:{found.st_ctime_ns}"
    )


@cache
def _file_adapter(value: Any) -> Any:
    """The shape of a cache file holding values of type ``value``: ``[FORMAT, fingerprint,
    {path: [mtime_ns, size, value]}]``, read strictly (no number from a string, no list where
    a tuple of fixed length is wanted)."""
    from pydantic import ConfigDict, TypeAdapter

    return TypeAdapter(
        tuple[Literal[FORMAT], str, dict[str, tuple[int, int, value]]],  # type: ignore[valid-type]
        config=ConfigDict(strict=True),
    )


class ResultCache(Generic[V]):
    """``{path: (mtime_ns, size, value)}`` for one repository and one fingerprint, kept as
    JSON in ``<name>-<key>.json`` and validated against ``shape`` (the type of a value) as it
    is read: a file that is missing, damaged, of another shape or another fingerprint is an
    empty cache. Without a private cache folder nothing is read or written."""

    def __init__(self, name: str, root: Path, fingerprint: str, shape: Any) -> None:
        key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
        folder = private_cache_dir()
        self.file = folder / f"{name}-{key}.json" if folder is not None else None
        self.fingerprint = fingerprint
        self.shape = shape
        self.entries: dict[str, tuple[int, int, V]] = {}
        self.dirty = False
        if self.file is not None:
            self.entries = self._read(self.file)

    def _read(self, file: Path) -> dict[str, tuple[int, int, V]]:
        from pydantic import ValidationError

        try:
            text = _read_bytes(file)
            if text is None:
                return {}
            # a bulk load of a million tuples and strings makes no cycles: collecting while
            # it runs only costs time (0.07 s of a warm check of 10,000 meetings)
            collecting = gc.isenabled()
            gc.disable()
            try:
                _, fingerprint, entries = _file_adapter(self.shape).validate_json(text)
            finally:
                if collecting:
                    gc.enable()
        except (OSError, ValueError, ValidationError):  # missing, damaged, another shape
            return {}
        return entries if fingerprint == self.fingerprint else {}

    def get(self, path: Path, found: os.stat_result) -> V | None:
        entry = self.entries.get(str(path))
        if entry and entry[0] == found.st_mtime_ns and entry[1] == found.st_size:
            return entry[2]
        return None

    def put(self, path: Path, found: os.stat_result, value: V) -> None:
        self.entries[str(path)] = (found.st_mtime_ns, found.st_size, value)
        self.dirty = True

    def prune(self, keep: set[str]) -> None:
        for stale in set(self.entries) - keep:
            del self.entries[stale]
            self.dirty = True

    def save(self) -> None:
        if not self.dirty or self.file is None:
            return
        _write_bytes(
            self.file, _file_adapter(self.shape).dump_json((FORMAT, self.fingerprint, self.entries))
        )


def _read_bytes(file: Path) -> bytes | None:
    """The bytes of the cache file ``file``; None when it is no regular file or too large
    (never blocking on a FIFO, nor reading a device). OSError when it cannot be read."""
    fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_CACHE_BYTES:
            return None
        return handle.read()


def _write_bytes(file: Path, data: bytes) -> None:
    """``data`` in ``file``, replaced whole (a reader sees the old file or the new one)."""
    try:
        fd, tmp = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, file)
        except OSError:
            os.unlink(tmp)
            raise
    except OSError:
        return  # a cache that cannot be written only costs time


def _entry_file(slot: str) -> Path | None:
    folder = private_cache_dir()
    return folder / f"entry-{digest(slot)}.json" if folder is not None else None


def read_entry(slot: str) -> tuple[str, Any] | None:
    """The key and the JSON value :func:`write_entry` stored in ``slot`` (one value a slot,
    the last written), or None: no private cache folder, no entry, or a damaged one. The
    caller compares the key with its own and checks the value's shape before it uses it."""
    file = _entry_file(slot)
    if file is None:
        return None
    try:
        text = _read_bytes(file)
        found = json.loads(text) if text is not None else None
    except (OSError, ValueError):  # missing, damaged
        return None
    if not (
        isinstance(found, list)
        and len(found) == 3
        and found[0] == FORMAT
        and type(found[0]) is int
        and isinstance(found[1], str)
    ):
        return None
    return found[1], found[2]


def write_entry(slot: str, key: str, value: Any) -> None:
    """Keep ``value`` (plain JSON data) in ``slot`` under ``key``, a digest of everything it
    was made from (see :func:`read_entry`); without a private cache folder, nothing."""
    file = _entry_file(slot)
    if file is not None:
        _write_bytes(file, json.dumps([FORMAT, key, value], ensure_ascii=False).encode())
