"""Errors that reach the user, and the exit codes the command line maps them to.

An ``OSError`` (a full disk, a read-only folder, a file where a folder should be) reaches the
user through :func:`os_error`: the file it concerns, what went wrong and what to do, in the
user's language; :func:`naming` gives the file to an error the system raised without one (a
write that fills the disk names no file).
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vvgctl.message import Message
from vvgctl.message import message as as_message

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_INTERRUPTED = 130


class VvgError(Exception):
    """A problem the user can fix: printed without a traceback.

    ``exit_code`` is 1 for problems in the data and 2 for a wrong call. ``message`` and
    ``hint`` are :class:`Message` values (a constant text is its own), translated by the
    handler that shows them; ``str()`` gives the English.
    """

    exit_code = EXIT_FINDINGS

    def __init__(
        self,
        message: Message | str,
        *,
        hint: Message | str | None = None,
        path: str | None = None,
        line: int | None = None,
    ) -> None:
        self.message: Message = as_message(message)
        self.hint: Message | None = None if hint is None else as_message(hint)
        super().__init__(str(self.message))
        self.path = path
        self.line = line

    def __str__(self) -> str:
        text = self.where() + str(self.message)
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def where(self) -> str:
        """``path:line: `` (or ``path: ``, or nothing): the place the message begins with."""
        if not self.path:
            return ""
        return f"{self.path}:{self.line}: " if self.line else f"{self.path}: "


class UsageError(VvgError):
    """The command was called wrongly (a missing path, a bad option value)."""

    exit_code = EXIT_USAGE


def N_(message: str) -> str:
    """Mark a message for the catalog (as :func:`vvgctl.runtime.i18n.N_`, which this layer
    may not import); it is translated where it is shown."""
    return message


_FREE = N_("free space on the disk (or write somewhere else) and try again")
_ALLOWED = N_("check the permissions of the file and its folder, or write somewhere else")
#: what an errno means to the user, and what to do about it
_OS_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: (N_("no space left on the disk"), _FREE),
    errno.EDQUOT: (N_("the disk quota is used up"), _FREE),
    errno.EFBIG: (N_("the file is too large for the file system"), _FREE),
    errno.EACCES: (N_("permission denied"), _ALLOWED),
    errno.EPERM: (N_("operation not permitted"), _ALLOWED),
    errno.EROFS: (N_("the file system is read-only"), _ALLOWED),
    errno.ENOTDIR: (
        N_("a part of the path is a file, not a folder"),
        N_("check the path: each part before the last must be a folder"),
    ),
    errno.EISDIR: (N_("it is a folder, not a file"), N_("give the path of a file")),
    errno.EEXIST: (
        N_("it exists already, and is not a folder"),  # mkdir of a path
        N_("check the path: each part before the last must be a folder"),
    ),
    errno.ENOENT: (N_("no such file or folder"), N_("check the path and that its folder exists")),
    errno.ENAMETOOLONG: (N_("the name is too long"), N_("choose a shorter path")),
    errno.ELOOP: (N_("too many symbolic links"), N_("check where the path's links lead")),
    errno.EIO: (N_("input/output error"), N_("check the disk, then try again")),
}
_GENERAL_HINT = N_("check the path, that its folder exists and that you may write there")
#: the temporary file an atomic write makes beside its target (``.name.abc123_x.tmp``)
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")


def _shown_path(name: object) -> str | None:
    """The file an OSError concerns, as the user knows it: the target of a temporary file."""
    if name is None:
        return None
    text = str(name)
    path = Path(text)
    match = _TEMPORARY.match(path.name)
    return str(path.with_name(match["name"])) if match else text


def os_error(exc: OSError, path: object = None) -> UsageError:
    """``exc`` as an error that names the file (``exc``'s own, else ``path``) and says what to
    do. The destination of a rename is named rather than its source."""
    where = _shown_path(exc.filename2 or exc.filename or path)
    reason, hint = _OS_REASONS.get(exc.errno or 0, (None, _GENERAL_HINT))
    if reason is None:
        reason = str(exc.strerror or exc)
    return UsageError(reason, hint=hint, path=where)


@contextmanager
def naming(path: object) -> Iterator[None]:
    """Turn an OSError raised inside into :func:`os_error`, naming ``path`` when the system
    named no file (a broken pipe passes as it is: the reader went away)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise os_error(exc, path) from exc
