"""A warm ``vvgctl check``: the outcome of a whole run, kept while nothing it read has changed.

A run without ``--base`` and with the cache stores what it printed from (its diagnostics as
values, msgid and arguments, and the summary's counts) in the private cache folder
(:func:`vvgctl.runtime.cache.write_entry`), under a key made of everything the run read:

- vvgctl's code (:func:`~vvgctl.runtime.cache.code_fingerprint`), the Python and the libraries
  that word the reading's findings (pydantic, ruamel.yaml);
- the working folder (paths are shown relative to it) and today's date (an approval at a
  meeting that has not taken place yet is an error until that day);
- the repository's root and the paths asked for;
- every file and folder of the repository outside hidden folders, by name, kind, inode, size,
  mtime and ctime: the meetings, the registry, the site settings and every data file, and so
  any file added, removed or renamed; and what the data file kinds' patterns match in hidden
  folders too (a glob's ``*`` matches them).

The next run with the same key prints the stored outcome through the same reporters without
importing the models, pydantic or the checks (:func:`lookup`); anything else (no entry, a
damaged one, one of another shape, another key, a symbolic link or an unreadable folder in the
repository) is a miss, and the run takes the normal path, which stores its outcome anew.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.errors import EXIT_FINDINGS, EXIT_OK
from vvgctl.repository.discovery import find_root, real_place
from vvgctl.runtime.cache import (
    code_fingerprint,
    file_identity,
    library_versions,
    read_entry,
    write_entry,
)
from vvgctl.runtime.fingerprint import digest

#: the layout of a stored outcome; a change makes every stored one a miss
FORMAT = 1

_SEVERITIES = frozenset(s.value for s in Severity)


@dataclass
class Outcome:
    """What ``vvgctl check`` prints from: the findings and the summary's counts."""

    diagnostics: list[Diagnostic]
    files: int
    meetings: int
    cached: int

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def exit_code(self, strict: bool = False) -> int:
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return EXIT_FINDINGS if any(d.severity in failing for d in self.diagnostics) else EXIT_OK


@dataclass
class Run:
    """A run's repository root and the paths it was asked for (real paths), and what it read,
    listed once (:meth:`listing`)."""

    root: str
    targets: tuple[str, ...]
    _listing: str | None = field(default=None, repr=False)
    _listed: bool = field(default=False, repr=False)

    @property
    def slot(self) -> str:
        """Where its outcome is kept: for each repository and working folder, one for the
        whole repository and one for the paths last asked for in it (a pre-commit hook asks
        for other files each time: their outcomes replace each other)."""
        whole = self.targets == (self.root,)
        return "\0".join(("check-run", self.root, os.getcwd(), "whole" if whole else "paths"))

    def listing(self) -> str | None:
        """Every file and folder of the repository outside hidden folders (None when a
        symbolic link or a folder that cannot be read makes the fast path unsafe)."""
        if not self._listed:
            self._listing = _listing(self.root)
            self._listed = True
        return self._listing


def run_of(paths: Sequence[Path]) -> Run | None:
    """The run over ``paths``, or None when it takes the normal path (a path that does not
    exist or lies in a hidden folder, or paths of no or several repositories: the normal
    path says why)."""
    targets = tuple(real_place(os.fspath(p)) for p in paths)
    roots = {_root_of(t) for t in targets}
    if len(roots) != 1 or None in roots:
        return None
    root = roots.pop()
    assert root is not None
    for target in targets:
        relative = os.path.relpath(target, root)
        if not os.path.lexists(target) or any(
            part.startswith(".") and part != "." for part in relative.split(os.sep)
        ):
            return None
    return Run(root, targets)


def _root_of(target: str) -> str | None:
    found = find_root(Path(target))
    return None if found is None else str(found)


def _listing(root: str) -> str | None:
    """Every entry below ``root`` outside hidden folders, each file with its kind, inode,
    size, mtime and ctime (as :func:`~vvgctl.runtime.cache.file_identity`), as one text."""
    found: list[object] = []
    folders = [root]
    while folders:
        try:
            with os.scandir(folders.pop()) as listed:
                entries = sorted(listed, key=_name)
            for entry in entries:
                if entry.name.startswith("."):
                    continue  # no meeting or data file is found there (but see _matches)
                if entry.is_symlink():
                    return None
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                    found.append(entry.path)
                else:
                    s = entry.stat(follow_symlinks=False)
                    found.append(
                        (entry.path, s.st_mode, s.st_ino, s.st_size, s.st_mtime_ns, s.st_ctime_ns)
                    )
        except OSError:
            return None
    return repr(found)


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _matches(root: str, patterns: Sequence[str]) -> list[str] | None:
    """What each data file kind's pattern matches, hidden folders included (as
    ``Path.glob`` matches them), with each match's identity."""
    lines: list[str] = []
    for pattern in patterns:
        for name in sorted(glob.glob(pattern, root_dir=root, include_hidden=True)):
            try:
                lines.append(
                    f"{pattern}\0{name}\0{file_identity(os.lstat(os.path.join(root, name)))}"
                )
            except OSError:
                return None
    return lines


def _today() -> str:
    return dt.date.today().isoformat()


def key_of(run: Run, patterns: Sequence[str]) -> str | None:
    """The digest of everything a run over ``run`` reads (see the module's documentation), or
    None when it cannot be known."""
    listing = run.listing()
    matches = _matches(run.root, patterns)
    if listing is None or matches is None:
        return None
    try:
        targets = [f"{t}\0{file_identity(os.stat(t))}" for t in run.targets]
    except OSError:
        return None
    return digest(
        str(FORMAT),
        code_fingerprint(),
        *library_versions(),
        os.getcwd(),
        _today(),
        run.root,
        *targets,
        *patterns,
        *matches,
        listing,
    )


def lookup(run: Run) -> Outcome | None:
    """The outcome stored for ``run`` if nothing it read has changed since, else None."""
    entry = read_entry(run.slot)
    if entry is None or not isinstance(entry[1], dict):
        return None
    key, value = entry
    patterns = value.get("patterns")
    if not (isinstance(patterns, list) and all(isinstance(p, str) for p in patterns)):
        return None
    if key_of(run, patterns) != key:
        return None
    return _outcome(value.get("outcome"))


def store(run: Run, key: str, patterns: Sequence[str], outcome: Outcome) -> None:
    """Keep ``outcome`` for ``run`` under ``key`` (made before the run read anything: a file
    changed while it ran is a miss next time); an outcome that JSON cannot carry exactly
    (an argument of a message that comes back as another value) is not kept."""
    data = {
        "diagnostics": [d.as_data() for d in outcome.diagnostics],
        "files": outcome.files,
        "meetings": outcome.meetings,
        "cached": outcome.cached,
    }
    import json

    again = _outcome(json.loads(json.dumps(data)))
    if again is None or [_fields(d) for d in again.diagnostics] != [
        _fields(d) for d in outcome.diagnostics
    ]:
        return
    write_entry(run.slot, key, {"patterns": list(patterns), "outcome": data})


def _fields(d: Diagnostic) -> tuple[object, ...]:
    return (d.path, d.line, d.column, d.severity, d.code, d.message, d.hint, d.field)


# -- reading a stored outcome back, strictly ---------------------------------------------------


def _is_int(value: object) -> bool:
    return type(value) is int


def _outcome(data: object) -> Outcome | None:
    if not isinstance(data, dict) or set(data) != {"diagnostics", "files", "meetings", "cached"}:
        return None
    counts = [data["files"], data["meetings"], data["cached"]]
    rows = data["diagnostics"]
    if not all(_is_int(c) for c in counts) or not isinstance(rows, list):
        return None
    if not all(_is_diagnostic(row) for row in rows):
        return None
    try:
        diagnostics = [Diagnostic.from_dict(row) for row in rows]
    except ValueError:  # a date that is none
        return None
    return Outcome(diagnostics, *counts)


_DIAGNOSTIC_KEYS = {"path", "line", "column", "severity", "code", "message", "hint", "field"}


def _is_diagnostic(row: object) -> bool:
    return (
        isinstance(row, dict)
        and set(row) == _DIAGNOSTIC_KEYS
        and isinstance(row["path"], str)
        and _is_int(row["line"])
        and _is_int(row["column"])
        and row["severity"] in _SEVERITIES
        and isinstance(row["code"], str)
        and _is_message(row["message"])
        and (row["hint"] is None or _is_message(row["hint"]))
        and (row["field"] is None or isinstance(row["field"], str))
    )


def _is_message(data: object) -> bool:
    """The shape of :meth:`vvgctl.message.Message.as_dict`."""
    if not isinstance(data, dict) or not {"msgid", "args"} <= set(data):
        return False
    if set(data) not in ({"msgid", "args"}, {"msgid", "args", "plural", "n"}):
        return False
    args = data["args"]
    return (
        isinstance(data["msgid"], str)
        and isinstance(args, dict)
        and all(_is_arg(v) for v in args.values())
        and (
            "plural" not in data
            or (isinstance(data["plural"], str) and (data["n"] is None or _is_int(data["n"])))
        )
    )


def _is_arg(value: object) -> bool:
    """An argument as :meth:`vvgctl.message.Message.as_dict` writes it."""
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if isinstance(value, list):
        return all(_is_arg(v) for v in value)
    if isinstance(value, dict) and len(value) == 1:
        ((tag, inner),) = value.items()
        if tag == "$message":
            return _is_message(inner)
        return tag in ("$date", "$datetime") and isinstance(inner, str)
    return False
