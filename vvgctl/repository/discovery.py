"""Which files of a repository are meetings, and which are data files of other kinds."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from vvgctl.errors import UsageError
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

#: the folder that marks a repository's root: it holds organs.yaml and people.yaml
REGISTRY_DIR = "registry"

SKIPPED_NAMES = frozenset({"README.md", "readme.md", "CHANGELOG.md"})


def meeting_path(root: Path, organ: str, day: dt.date) -> Path:
    """Where the organ's meeting on ``day`` stands: ``<root>/<organ>/<year>/<date>.md``."""
    return root / organ / f"{day.year:04d}" / f"{day.isoformat()}.md"


def real_place(path: str) -> str:
    """Where a path stands: a folder's real path; for a file, its real folder and its own
    name. A file that is a link is not followed: it belongs to the repository its folder
    stands in (whose rule refuses a link that ends outside it), not to its target's."""
    if os.path.isdir(path):
        return os.path.realpath(path)
    folder, name = os.path.split(os.path.abspath(path))
    return os.path.join(os.path.realpath(folder), name)


def find_root(start: Path) -> Path | None:
    """The repository root: the nearest folder, from ``start`` upwards, with ``registry/``
    (from a file's own folder, see :func:`real_place`)."""
    current = Path(real_place(os.fspath(start)))
    if not current.is_dir():
        current = current.parent
    for folder in (current, *current.parents):
        if (folder / REGISTRY_DIR).is_dir():
            return folder
    return None


def resolve_root(paths: Iterable[Path]) -> Path:
    """The one repository all ``paths`` belong to (they must exist)."""
    for given in paths:
        if not given.exists():
            raise UsageError(
                Message(N_("{given}: no such file or folder"), {"given": given}),
                hint=N_("give the minutes folder (the one with registry/) or meeting files in it"),
            )
    roots = {find_root(p) for p in paths}
    if None in roots:
        raise UsageError(
            N_("no minutes repository found (a folder with registry/organs.yaml)"),
            hint=N_("run vvgctl inside the minutes folder or give its path"),
        )
    if len(roots) > 1:
        raise UsageError(N_("the paths belong to different repositories; give one at a time"))
    root = roots.pop()
    assert root is not None
    return root


def is_meeting_file(path: Path) -> bool:
    return (
        path.suffix == ".md"
        and path.name not in SKIPPED_NAMES
        and not path.name.startswith(("_", "."))
    )


#: named files with these suffixes are data files, never meetings (the pre-commit hook names
#: every changed file under minutes/)
DATA_SUFFIXES = (".yaml", ".yml")


class Discovery(NamedTuple):
    """The meeting files below a folder, found once: what check, the repository's records and
    the query index all read (see :func:`discover`)."""

    #: ``{path: (mtime_ns, size)}`` of each file (a link's target's), unsorted: what the query
    #: index compares
    files: dict[str, tuple[int, int]]
    #: the paths whose stat could not be taken (reading the file says why), and the folders
    #: below that cannot be read: they stay in the list, so that reading one as a meeting
    #: reports it at its place (an io error, exit 1), never a silent gap
    unreadable: list[str]
    #: the links that end outside the repository: never read, nor in ``files`` (what the
    #: query index reads); :func:`~vvgctl.repository.file_result.outside_link` says why
    outside: frozenset[str]

    def in_order(self) -> list[Path]:
        """Every path sorted by its parts, as ``sorted(paths)`` would sort them (a third of
        the time of ``Path`` comparisons over 10,000 meetings): the links that end outside
        too, so that ``check`` reports each at its place."""
        found = [*self.files, *self.unreadable, *self.outside]
        return [Path(p) for p in sorted(found, key=lambda p: p.split(os.sep))]


def ends_outside(path: str, root: str) -> bool:
    """Whether the link ``path`` ends outside the folder ``root`` (a real path): such a file
    is never read, whoever asks (a link planted in a pull request may name /etc/passwd). A
    loop of links ends inside: reading it says what it is."""
    target = os.path.realpath(path)
    return target != root and not target.startswith(root + os.sep)


def discover(folder: Path, root: Path | None = None) -> Discovery:
    """The one discovery of meeting files: every ``.md`` file below ``folder`` outside hidden
    folders that :func:`is_meeting_file` admits, with its size and mtime (see
    :class:`Discovery`); a link that ends outside ``root`` (else ``folder``) is set apart,
    never read nor stat'ed.

    ``os.scandir`` with strings, one ``stat`` a file: the names' types come with the listing.
    Folders that are symbolic links are not followed. ``folder`` itself unreadable is a
    :class:`~vvgctl.errors.UsageError`.
    """
    base = os.fspath(folder)
    inside = os.path.realpath(root if root is not None else folder)
    files: dict[str, tuple[int, int]] = {}
    unreadable: list[str] = []
    outside: set[str] = set()
    stack = [base]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as error:
            if current == base:
                raise _unreadable(base, error) from None
            unreadable.append(current)
            continue
        for entry in entries:
            name = entry.name
            if entry.is_file(follow_symlinks=False):  # most are: one call, no link to test
                if name.endswith(".md") and name not in SKIPPED_NAMES and name[0] not in "_.":
                    _add(entry, files, unreadable)
                continue
            try:
                is_folder = entry.is_dir()  # (a link to a folder too, as os.walk decides it)
            except OSError:
                is_folder = False
            if is_folder:
                if not name.startswith(".") and not entry.is_symlink():
                    stack.append(entry.path)
            elif name.endswith(".md") and name not in SKIPPED_NAMES and name[0] not in "_.":
                if entry.is_symlink() and ends_outside(entry.path, inside):
                    outside.add(entry.path)
                else:  # a link inside (or a FIFO, a device: read, it says what it is)
                    _add(entry, files, unreadable)
    return Discovery(files, unreadable, frozenset(outside))


def _add(entry: os.DirEntry[str], files: dict[str, tuple[int, int]], unreadable: list[str]) -> None:
    try:
        found = entry.stat()
    except OSError:
        unreadable.append(entry.path)
    else:
        files[entry.path] = (found.st_mtime_ns, found.st_size)


def _unreadable(base: str, error: OSError) -> UsageError:
    return UsageError(
        Message(
            N_("{base}: cannot read the folder ({strerror})"),
            {"base": base, "strerror": error.strerror},
        ),
        hint=N_("give vvgctl permission to read it"),
    )


def meeting_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The meeting files named or found below the given paths, sorted, each once."""
    seen: set[Path] = set()
    for given in paths:
        if not given.exists():
            raise UsageError(
                Message(N_("{given}: no such file or folder"), {"given": given}),
                hint=N_("give the minutes folder (the one with registry/) or meeting files in it"),
            )
        named = not given.is_dir()  # a FIFO or a device too: reading it says what it is
        if named and given.suffix.lower() in DATA_SUFFIXES:
            continue  # a schedule, plan or register: checked with the repository's data files
        candidates = [given] if named else discover(given, find_root(given)).in_order()
        for path in candidates:
            # (only a folder os.walk could not read is in the list without being .md)
            if (named or is_meeting_file(path) or path.is_dir()) and path not in seen:
                seen.add(path)
                yield path
