"""The incremental state of a published site: ``.vvgctl-manifest.json`` in the output folder
(the one manifest of :mod:`vvgctl.source.outputs`, with what the aggregate pages need).

For every output file the manifest keeps the hash of everything it was made from (its *key*:
the source bytes, the templates, the data the page shows). A rebuild computes each key again
and writes only the files whose key changed or which are missing; files the manifest lists but
this build no longer makes (a deleted meeting, a case that left the site) are removed. Only
files the manifest lists are ever removed, so a user's own files in the folder are safe.

The manifest also keeps, per approved source file, the summary the aggregate pages need, so a
rebuild parses only the files that changed. Files that are not published are remembered by
the hash of their bytes alone: nothing of an unpublished record is written to the folder.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from vvgctl.errors import VvgError
from vvgctl.message import Message
from vvgctl.runtime.fingerprint import digest
from vvgctl.runtime.i18n import N_
from vvgctl.source.fileio import atomic_write_bytes
from vvgctl.source.outputs import read_manifest, write_manifest

MANIFEST_NAME = ".vvgctl-manifest.json"
#: a page's bytes or text, or a function that makes them (called only when the page is stale)
Content = bytes | str | Callable[[], bytes | str]


def inside(folder: Path, relative: str, *, replace_links: bool = False) -> Path:
    """``folder / relative`` when that stays inside ``folder`` without passing a link.

    The manifest and the slugs come from files a pull request may change: an output path that
    is absolute, climbs out with ``..``, or runs through a link in the folder (``site/vvg ->
    /elsewhere``) would make publish write or delete outside it. Raises :class:`VvgError`;
    with ``replace_links`` (for a file about to be written) a link on the way is removed
    instead (the link, never what it points to), so the write makes a real folder or file.
    """
    parts = PurePosixPath(relative).parts
    if (
        not parts
        or PurePosixPath(relative).is_absolute()
        or "\\" in relative
        or any(p in ("..", ".", "") for p in parts)
    ):
        raise VvgError(
            Message(
                N_("{relative!r} is not a path inside the site folder"), {"relative": relative}
            ),
            hint=Message(
                N_("delete {MANIFEST_NAME} in {folder} if it was edited by hand"),
                {"MANIFEST_NAME": MANIFEST_NAME, "folder": folder},
            ),
        )
    current = folder
    for part in parts:
        current = current / part
        if current.is_symlink() and replace_links:
            current.unlink()
        elif current.is_symlink():
            raise VvgError(
                Message(
                    N_(
                        "{current} is a link; vvgctl publish does not write or delete through links"
                    ),
                    {"current": current},
                ),
                hint=N_("replace the link with a folder, or publish into another --out"),
            )
    return current


def data_key(*values: Any) -> str:
    """The key of a page made from JSON-able data."""
    return digest(json.dumps(values, ensure_ascii=False, sort_keys=True, default=str))


def _is_inside(folder: Path, relative: str) -> bool:
    try:
        inside(folder, relative)
    except VvgError:
        return False
    return True


@dataclass
class Manifest:
    """What the last build wrote, and what this build has written or kept so far."""

    folder: Path
    fingerprint: str = ""
    outputs: dict[str, str] = field(default_factory=dict)  # path -> key (last build)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)  # source -> summary
    unpublished: set[str] = field(default_factory=set)  # byte hashes of other files
    produced: dict[str, str] = field(default_factory=dict)  # path -> key (this build)
    written: list[str] = field(default_factory=list)

    @property
    def file(self) -> Path:
        return self.folder / MANIFEST_NAME

    @classmethod
    def load(cls, folder: Path, fingerprint: str) -> Manifest:
        """The manifest of ``folder``; an empty one when missing, damaged or of other code."""
        manifest = cls(folder, fingerprint)
        stored = read_manifest(manifest.file)
        # a path that leaves the folder is forgotten, never used
        manifest.outputs = {k: v for k, v in stored["outputs"].items() if _is_inside(folder, k)}
        if stored.get("fingerprint") == fingerprint:
            sources = stored.get("sources")
            if isinstance(sources, dict):
                manifest.sources = sources
            manifest.unpublished = set(stored.get("unpublished") or [])
        return manifest

    def fresh(self, path: str, key: str) -> bool:
        """True when ``path`` exists and was made from ``key``; marks it produced either way."""
        self.produced[path] = key
        return self.outputs.get(path) == key and (self.folder / path).is_file()

    def put(self, path: str, key: str, content: Content) -> bool:
        """Write ``content`` (or what it makes) to ``path`` unless fresh. True when written."""
        if self.fresh(path, key):
            return False
        made = content() if callable(content) else content
        data = made.encode("utf-8") if isinstance(made, str) else made
        atomic_write_bytes(inside(self.folder, path, replace_links=True), data)
        self.written.append(path)
        return True

    def record(self, path: str, key: str) -> None:
        """Note an output that was written by someone else (a worker process)."""
        self.produced[path] = key
        self.written.append(path)

    def remove_stale(self) -> list[str]:
        """Delete the outputs of the last build that this build did not make."""
        removed = []
        for path in sorted(set(self.outputs) - set(self.produced)):
            if not _is_inside(self.folder, path):
                continue
            target = self.folder / path
            if target.is_file():
                target.unlink()
                removed.append(path)
            parent = target.parent
            while parent != self.folder and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        return removed

    def save(self) -> None:
        write_manifest(
            self.file,
            self.produced,
            fingerprint=self.fingerprint,
            sources=dict(sorted(self.sources.items())),
            unpublished=sorted(self.unpublished),
        )
