"""Errors that reach the user, and the exit codes the command line maps them to."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_INTERRUPTED = 130


class VvgError(Exception):
    """A problem the user can fix: printed without a traceback.

    ``exit_code`` is 1 for problems in the data and 2 for a wrong call.
    """

    exit_code = EXIT_FINDINGS

    def __init__(self, message: str, *, hint: str | None = None, path: str | None = None,
                 line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = where + self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class UsageError(VvgError):
    """The command was called wrongly (a missing path, a bad option value)."""

    exit_code = EXIT_USAGE
