"""The one way vvgctl fingerprints what a result was made from.

The result cache (:mod:`vvgctl.runtime.cache`), rendered outputs
(:mod:`vvgctl.render.pipeline`) and the published site (:mod:`vvgctl.publish.site`) each keep
a result only while its fingerprint is unchanged; all three build it here:

- :func:`digest` hashes parts (strings as UTF-8), each ended by a NUL, so that ``("ab", "c")``
  and ``("a", "bc")`` differ;
- :func:`tree_digest` hashes the files under some folders by their content, or, for the
  cache's check of vvgctl's own modules on every run, by size and mtime (cheap to stat).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

#: hex digits kept of a SHA-256 (128 bits: no collision in any repository's lifetime)
LENGTH = 32


def digest(*parts: str | bytes) -> str:
    """A short, stable hash of the parts (strings are UTF-8)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:LENGTH]


def _files(roots: Iterable[Path], pattern: str, skip: tuple[str, ...]) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    for root in roots:
        paths = sorted(root.rglob(pattern)) if root.is_dir() else [root]
        for path in paths:
            if (
                path.is_file()
                and "__pycache__" not in path.parts
                and not any(str(path).startswith(s) for s in skip)
            ):
                found.append(
                    (path.relative_to(root).as_posix() if root.is_dir() else path.name, path)
                )
    return found


def tree_digest(
    *roots: Path, pattern: str = "*", skip: tuple[str | Path, ...] = (), by_content: bool = True
) -> str:
    """The :func:`digest` of the files matching ``pattern`` under ``roots`` (a root may be a
    single file), by name and content, or by name, size and mtime when not ``by_content``;
    files under a path in ``skip`` are left out."""
    parts: list[str | bytes] = []
    for name, path in _files(roots, pattern, tuple(str(s) for s in skip)):
        if by_content:
            parts += [name, path.read_bytes()]
        else:
            found = path.stat()
            parts.append(f"{name}:{found.st_mtime_ns}:{found.st_size}")
    return digest(*parts)
