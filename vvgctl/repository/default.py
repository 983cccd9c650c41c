"""The minutes folder a command works on when it is given no path, the way git finds its
repository: the one at or above the working folder, else ``./minutes``.

Every command's default and :meth:`vvgctl.repository.repo.Repository.open` without paths use
this one rule.
"""

from __future__ import annotations

import os
from pathlib import Path

from vvgctl.errors import UsageError
from vvgctl.repository.discovery import find_root
from vvgctl.runtime.i18n import N_


def find_default_root() -> Path | None:
    """The repository root at or above the working folder, else ``./minutes`` when that is
    one; None when neither is.

    The path is relative to the working folder, as the user would type it: ``.`` in the root
    itself, ``../..`` below it, ``minutes`` above it; so the output reads as with that argument.
    """
    cwd = Path.cwd()
    for start in (cwd, cwd / "minutes"):
        found = find_root(start) if start.is_dir() else None
        if found is not None:
            return _short(found)
    return None


def default_root() -> Path:
    """:func:`find_default_root`, or a :class:`~vvgctl.errors.UsageError` that says what was
    looked for and what to do."""
    found = find_default_root()
    if found is None:
        raise UsageError(
            N_("no minutes repository found (a folder with registry/organs.yaml)"),
            hint=N_("run vvgctl inside the minutes folder or give its path"),
        )
    return found


def _short(root: Path) -> Path:
    """``root`` as the user would name it from the working folder (``.``, ``minutes``,
    ``../..``): paths in the output then read as they would with that argument."""
    return Path(os.path.relpath(root, os.path.realpath(os.getcwd())))
