"""Import an archive: many documents in one call, each into its place in the repository.

A file whose content (SHA-256) a draft of the repository already records in ``imported_from``
is skipped; a draft is never written over an existing file without ``force``. A file that
fails is named with its reason and the others go on (collect, don't abort).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from vvgctl.errors import VvgError
from vvgctl.importer.convert import MAX_BYTES, SUFFIXES, read_source
from vvgctl.importer.minutes import import_text
from vvgctl.message import Message
from vvgctl.repository.registry import RegistryIndex
from vvgctl.runtime.i18n import N_
from vvgctl.source.fileio import atomic_write

_DIGEST = re.compile(r"^\s+sha256:\s*['\"]?([0-9a-f]{64})", re.MULTILINE)
#: what a front matter of a draft may take up before the digest is looked for
_HEAD = 64 * 1024


@dataclass
class Outcome:
    """What became of one file: ``imported``, ``skipped`` (imported before) or ``failed``."""

    path: Path
    status: str
    target: Path | None = None
    items: int = 0
    positions: int = 0
    outside_registry: int = 0
    unsure: int = 0
    message: Message | str = ""

    def row(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "status": self.status,
            "target": str(self.target) if self.target else None,
            "items": self.items,
            "positions": self.positions,
            "outside_registry": self.outside_registry,
            "unsure": self.unsure,
            "message": str(self.message) or None,
        }


def digest(path: Path) -> str:
    """The SHA-256 of the file's content, read in blocks."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def documents(paths: Iterable[Path]) -> list[Path]:
    """The files named and the documents import reads in the folders named (recursively,
    hidden files left out), sorted and each once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def imported_digests(root: Path) -> dict[str, Path]:
    """The digests recorded by the drafts under ``root`` (``<organ>/<year>/<date>.md``)."""
    found: dict[str, Path] = {}
    for path in sorted(root.glob("*/*/*.md")):
        try:
            with path.open("rb") as handle:
                head = handle.read(_HEAD).decode("utf-8", "replace")
        except OSError:
            continue
        match = _DIGEST.search(head.split("\n---", 1)[0])
        if match:
            found.setdefault(match.group(1), path)
    return found


def import_many(
    files: list[Path],
    *,
    organ: str | None,
    registry: RegistryIndex | None,
    root: Path,
    date: dt.date | None = None,
    force: bool = False,
    shown: Callable[[Path], str] = str,
    progress: Callable[[int, int], None] | None = None,
) -> list[Outcome]:
    """Import each of ``files`` into ``root``; the outcome of each, in order."""
    seen = imported_digests(root)
    outcomes: list[Outcome] = []
    for done, path in enumerate(files):
        if progress is not None:
            progress(done, len(files))
        outcomes.append(
            _one(
                path,
                organ=organ,
                registry=registry,
                root=root,
                date=date,
                force=force,
                seen=seen,
                shown=shown,
            )
        )
    if progress is not None:
        progress(len(files), len(files))
    return outcomes


def _one(
    path: Path,
    *,
    organ: str | None,
    registry: RegistryIndex | None,
    root: Path,
    date: dt.date | None,
    force: bool,
    seen: dict[str, Path],
    shown: Callable[[Path], str],
) -> Outcome:
    try:
        limit = MAX_BYTES.get(path.suffix.lower())
        if limit is None or not path.is_file() or path.stat().st_size > limit:
            read_source(path)  # refuses it by name and reason before it is read whole
        sha = digest(path)
    except VvgError as exc:
        return Outcome(path, "failed", message=exc.message)
    except OSError as exc:
        return Outcome(path, "failed", message=str(exc.strerror or exc))
    if sha in seen and not force:
        return Outcome(path, "skipped", target=seen[sha])
    try:
        text, notes = read_source(path)
        result = import_text(
            text,
            organ=organ,
            registry=registry,
            root=root,
            date=date,
            source=shown(path),
            into_root=True,
            notes=notes,
            imported_from={"name": path.name, "sha256": sha},
        )
    except VvgError as exc:
        return Outcome(path, "failed", message=exc.message)
    target = result.target
    assert target is not None
    outcome = Outcome(
        path,
        "imported",
        target,
        result.items,
        result.positions,
        len(result.local_people),
        len(result.uncertain),
    )
    if target.exists() and not force and seen.get(sha) != target:
        outcome.status = "failed"
        outcome.message = Message(
            N_("{destination} already exists"), {"destination": shown(target)}
        )
        return outcome
    atomic_write(target, result.text)
    seen[sha] = target
    return outcome
