"""Writing files atomically: a temporary file in the same folder, then a rename.

A reader never sees half a file, and an interrupted write leaves the old file as it was. The
new file keeps the mode of the file it replaces, or gets the mode a plain ``open`` would give
(0666 less the umask): ``mkstemp`` alone would leave it readable by its owner only.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see the module's docstring)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 with the line endings it has, atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))
