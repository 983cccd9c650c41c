"""Which files of a repository are meetings, and which are data files of other kinds."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from vvgctl.errors import UsageError
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

#: the folder that marks a repository's root: it holds organs.yaml and people.yaml
REGISTRY_DIR = "registry"

SKIPPED_NAMES = frozenset({"README.md", "readme.md", "CHANGELOG.md"})


def meeting_path(root: Path, organ: str, day: dt.date) -> Path:
    """Where the organ's meeting on ``day`` stands: ``<root>/<organ>/<year>/<date>.md``."""
    return root / organ / f"{day.year:04d}" / f"{day.isoformat()}.md"


def find_root(start: Path) -> Path | None:
    """The repository root: the nearest folder, from ``start`` upwards, with ``registry/``."""
    current = start.resolve()
    if current.is_file():
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


def _markdown_below(folder: Path) -> list[Path]:
    """The ``.md`` files below ``folder`` outside hidden folders, in path order.

    ``os.walk`` with strings, sorted by their parts as ``sorted(paths)`` would: a third of the
    time of ``rglob`` and ``Path`` comparisons over 10,000 meetings. Symlinked folders are not
    followed.
    """
    base = os.fspath(folder)
    found: list[str] = []

    def refused(error: OSError) -> None:
        # a folder below that cannot be read stays in the list: reading it as a meeting
        # reports it at its place (an io error, exit 1), never a silent gap
        if error.filename and error.filename != base:
            found.append(os.fspath(error.filename))
        else:
            raise UsageError(
                Message(
                    N_("{base}: cannot read the folder ({strerror})"),
                    {"base": base, "strerror": error.strerror},
                ),
                hint=N_("give vvgctl permission to read it"),
            ) from None

    for current, folders, files in os.walk(base, onerror=refused):
        folders[:] = [f for f in folders if not f.startswith(".")]
        found += [os.path.join(current, f) for f in files if f.endswith(".md")]
    found.sort(key=lambda p: p.split(os.sep))
    return [Path(p) for p in found]


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
        candidates = [given] if named else _markdown_below(given)
        for path in candidates:
            # (only a folder os.walk could not read is in the list without being .md)
            if (named or is_meeting_file(path) or path.is_dir()) and path not in seen:
                seen.add(path)
                yield path
