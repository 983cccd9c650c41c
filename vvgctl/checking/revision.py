"""The meeting files as they stood at a git revision, for ``vvgctl check --base REV``.

Read with real git, once per check: the listing of the revision's meeting files, which of them
the working tree changed, and the bytes of those (one ``git cat-file --batch``). The two checks
against a revision use it: records that become approved in the change
(:mod:`vvgctl.checking.approval_flow`) and records approved there that must stay frozen
(:mod:`vvgctl.checking.frozen`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from vvgctl.models import Meeting
from vvgctl.repository import git
from vvgctl.repository.discovery import is_meeting_file
from vvgctl.repository.repo import Repository
from vvgctl.source.loading import parse_meeting


@dataclass(frozen=True)
class Blob:
    path: str  # relative to the git top level, with '/'
    sha: str


def _listing(top: Path, commit: str, prefix: str) -> list[Blob]:
    out = git.run(top, "ls-tree", "-r", "-z", "--full-name", commit, "--", prefix or ".")
    blobs = []
    for entry in out.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        _mode, kind, sha = meta.split()
        if kind == "blob" and is_meeting_file(Path(path)):
            blobs.append(Blob(path, sha))
    return blobs


def _contents(top: Path, blobs: list[Blob]) -> dict[str, bytes]:
    """The blobs' bytes by sha, read by one ``git cat-file --batch``."""
    if not blobs:
        return {}
    out = git.run(top, "cat-file", "--batch", stdin="".join(f"{b.sha}\n" for b in blobs).encode())
    found: dict[str, bytes] = {}
    pos = 0
    for blob in blobs:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        size = int(header[2])
        found[blob.sha] = out[end + 1 : end + 1 + size]
        pos = end + 1 + size + 1
    return found


@dataclass
class Revision:
    """The repository's meeting files at ``rev`` beside the working tree."""

    repository: Repository
    rev: str
    top: Path
    blobs: dict[Path, Blob]  # every meeting file at the revision, by its working-tree path
    touched: set[Path]  # meeting files the working tree changed, added or removed since
    _bytes: dict[str, bytes] = field(default_factory=dict)
    _models: dict[Path, Meeting | None] = field(default_factory=dict)
    #: per organ, its meeting files that name a previous meeting (read once per check)
    previous_scans: dict[str, list[tuple[dt.date, Path, bytes]]] = field(default_factory=dict)

    @classmethod
    def read(cls, repository: Repository, rev: str) -> Revision:
        root = repository.root.resolve()
        top = git.toplevel(root).resolve()
        commit = git.resolve(top, rev)
        prefix = root.relative_to(top).as_posix()
        pathspec = "." if prefix == "." else prefix
        touched = {
            top / name
            for name in git.run(
                top, "diff", "--no-renames", "--name-only", "-z", commit, "--", pathspec
            )
            .decode("utf-8", "surrogateescape")
            .split("\0")
            if name
        }
        blobs = {top / b.path: b for b in _listing(top, commit, "" if prefix == "." else prefix)}
        outside = repository.discovery.outside  # links never read: named where they stand
        present = {p.resolve() for p in repository.meeting_files if str(p) not in outside}
        touched |= present - set(blobs)  # added files git does not know of yet
        touched |= {Path(p).parent.resolve() / Path(p).name for p in outside}
        revision = cls(repository, rev, top, blobs, touched)
        revision.prefetch([p for p in touched if p in blobs])
        return revision

    def prefetch(self, paths: list[Path]) -> None:
        wanted = [
            self.blobs[p] for p in paths if p in self.blobs and self.blobs[p].sha not in self._bytes
        ]
        self._bytes.update(_contents(self.top, wanted))

    def old_bytes(self, path: Path) -> bytes | None:
        """The file's bytes at the revision; None when it was not there."""
        blob = self.blobs.get(path)
        if blob is None:
            return None
        if blob.sha not in self._bytes:
            self.prefetch([path])
        return self._bytes[blob.sha]

    def old_meeting(self, path: Path) -> Meeting | None:
        """The meeting the file held at the revision (None: not there, or not valid)."""
        if path not in self._models:
            raw = self.old_bytes(path)
            self._models[path] = None if raw is None else parse_meeting(raw, str(path)).model
        return self._models[path]

    def changed(self, paths: list[Path]) -> list[Path]:
        """The touched meeting files under ``paths`` (files or folders), in order."""
        given = [p.resolve() for p in paths]
        return sorted(p for p in self.touched if any(g == p or g in p.parents for g in given))
