"""Reading files that may be hostile, and writing files atomically.

Reading (:func:`read_limited`): only regular files, and no more than a limit. A file of a pull
request can be a FIFO (reading it would wait for ever) or a link to ``/dev/zero`` (it never
ends): the file is opened without blocking and looked at before a byte is read.

Writing: a temporary file in the same folder, then a rename. A reader never sees half a file,
and an interrupted write leaves the old file as it was. The new file keeps the mode of the
file it replaces, or gets the mode a plain ``open`` would give (0666 less the umask):
``mkstemp`` alone would leave it readable by its owner only.

Writing several files as one (:func:`atomic_write_all`, for ``vvgctl approve``): every
temporary file is written and flushed to the disk first, then they are renamed one by one; when
a rename fails, the files already renamed are put back from the bytes they held.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

from vvgctl.message import Message
from vvgctl.runtime.i18n import N_


class NotARegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder: nothing vvgctl reads."""


class FileTooLarge(OSError):
    """The file is larger than vvgctl reads: ``size`` bytes (at least) of ``limit``."""

    size: int = 0
    limit: int = 0


def _too_large(message: Message, path: Path, size: int, limit: int) -> FileTooLarge:
    exc = FileTooLarge(errno.EFBIG, message, str(path))
    exc.size, exc.limit = size, limit
    return exc


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, if it holds no more than ``limit`` of them.

    Raises :class:`NotARegularFile` or :class:`FileTooLarge` (both OSError, with ``strerror``
    saying why) before reading anything it should not, and OSError as ``open`` does.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(
                errno.EINVAL,
                N_("not a regular file (a FIFO, device or folder); vvgctl reads only files"),
                str(path),
            )
        if info.st_size > limit:
            raise _too_large(
                Message(
                    N_("the file is {st_size} KiB; the limit is {limit} KiB"),
                    {"st_size": info.st_size // 1024, "limit": limit // 1024},
                ),
                path,
                info.st_size,
                limit,
            )
        chunks = []
        left = limit + 1  # a file that grows while it is read still stops at the limit
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise _too_large(
                Message(
                    N_("the file grew past the limit of {limit} KiB while it was read"),
                    {"limit": limit // 1024},
                ),
                path,
                len(data),
                limit,
            )
        return data
    finally:
        os.close(fd)


def _mode_for(path: Path) -> int:
    """The mode of the file at ``path``, or the mode a plain ``open`` would give a new one."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _temporary(path: Path, data: bytes, *, sync: bool = False) -> str:
    """A temporary file beside ``path`` holding ``data`` with the mode ``path`` has."""
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see the module's docstring)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class WriteFailed(OSError):
    """One of several files written as one could not be written: none of them changed, unless
    :attr:`left` names files that could not be put back either."""

    def __init__(self, path: Path, cause: OSError, left: Sequence[Path] = ()) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause), str(path))
        self.path = path
        self.left = list(left)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the renames) to the disk, where the system allows it."""
    with suppress(OSError):  # some file systems cannot open or sync a folder: nothing to do
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write_all(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write each ``(path, data)``, all of them or none (see the module's docstring).

    Raises :class:`WriteFailed` naming the file that could not be written; every file is then
    as it was, except those listed in its ``left`` (their old bytes could not be put back).
    """
    originals: list[bytes] = []
    temporaries: list[str] = []
    current = files[0][0] if files else Path()
    try:
        for path, data in files:
            current = path
            originals.append(path.read_bytes())
            temporaries.append(_temporary(path, data, sync=True))
    except BaseException as exc:
        for tmp in temporaries:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteFailed(current, exc) from None
        raise
    done: list[int] = []
    try:
        for index, ((path, _data), tmp) in enumerate(zip(files, temporaries, strict=True)):
            current = path
            os.replace(tmp, path)
            done.append(index)
    except BaseException as exc:
        for tmp in temporaries[len(done) :]:
            Path(tmp).unlink(missing_ok=True)
        left = _put_back([(files[i][0], originals[i]) for i in done])
        if isinstance(exc, OSError):
            raise WriteFailed(current, exc, left) from None
        raise
    for folder in sorted({path.parent for path, _data in files}):
        _sync_folder(folder)


def _put_back(files: Sequence[tuple[Path, bytes]]) -> list[Path]:
    """Write back the old bytes of files already replaced; the paths that could not be."""
    left = []
    for path, data in files:
        try:
            atomic_write_bytes(path, data)
        except OSError:
            left.append(path)
    return left


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 with the line endings it has, atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))
