"""A per-repository cache of check results, keyed by each file's size and mtime.

Stored outside the repository (``$VVGCTL_CACHE_DIR`` or ``~/.cache/vvgctl``) so that it never
shows up in a pull request. The key also holds a fingerprint of the vvgctl code and of the
registry: a new version or an edited registry invalidates every entry.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import vvgctl

FORMAT = 5


def cache_dir() -> Path:
    base = os.environ.get("VVGCTL_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / ("" if os.environ.get("VVGCTL_CACHE_DIR") else "vvgctl")
    return Path.home() / ".cache" / "vvgctl"


def code_fingerprint() -> str:
    """Changes when any module of vvgctl changes (mtimes; cheap to stat)."""
    package = Path(vvgctl.__file__).parent
    digest = hashlib.sha256(f"{vvgctl.__version__}:{FORMAT}".encode())
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()[:16]


class ResultCache:
    """``{path: (mtime_ns, size, result)}`` for one repository and one fingerprint."""

    def __init__(self, name: str, root: Path, fingerprint: str) -> None:
        key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
        self.file = cache_dir() / f"{name}-{key}.pickle"
        self.fingerprint = fingerprint
        self.entries: dict[str, tuple[int, int, Any]] = {}
        self.dirty = False
        try:
            with self.file.open("rb") as handle:
                stored = pickle.load(handle)
            if stored.get("fingerprint") == fingerprint:
                self.entries = stored["entries"]
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, KeyError,
                TypeError, ImportError):
            self.entries = {}

    def get(self, path: Path, stat: os.stat_result) -> Any:
        entry = self.entries.get(str(path))
        if entry and entry[0] == stat.st_mtime_ns and entry[1] == stat.st_size:
            return entry[2]
        return None

    def put(self, path: Path, stat: os.stat_result, value: Any) -> None:
        self.entries[str(path)] = (stat.st_mtime_ns, stat.st_size, value)
        self.dirty = True

    def prune(self, keep: set[str]) -> None:
        for stale in set(self.entries) - keep:
            del self.entries[stale]
            self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.file.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump({"fingerprint": self.fingerprint, "entries": self.entries}, handle,
                            protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.file)
        except OSError:
            return  # a cache that cannot be written only costs time
