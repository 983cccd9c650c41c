"""Real git, through its command line: the few operations vvgctl needs, with readable errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

from vvgctl.errors import UsageError, VvgError
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_


def run(cwd: Path, *args: str, check: bool = True, stdin: bytes | None = None) -> bytes:
    """``git -C cwd args...``; stdout as bytes. A failure becomes a :class:`VvgError`."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(cwd), *args], input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise UsageError(N_("git is not installed (or not on PATH)")) from None
    if check and proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip() or f"exit {proc.returncode}"
        raise VvgError(
            Message(N_("git {args} failed: {message}"), {"args": args[0], "message": message})
        )
    return proc.stdout


def toplevel(path: Path) -> Path:
    """The root of the git work tree that holds ``path``; a usage error outside one."""
    folder = path if path.is_dir() else path.parent
    proc = subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise UsageError(
            Message(N_("{path} is not inside a git repository"), {"path": path}),
            hint=N_("run `git init` there, or leave out the git option"),
        )
    return Path(proc.stdout.strip())


def dirty(top: Path) -> list[str]:
    """Uncommitted changes in the work tree (``git status --porcelain`` lines)."""
    out = run(top, "status", "--porcelain", "--untracked-files=all").decode("utf-8", "replace")
    return [line for line in out.splitlines() if line.strip()]


def resolve(top: Path, rev: str) -> str:
    """The commit ``rev`` names; a usage error when it names none."""
    proc = subprocess.run(
        ["git", "-C", str(top), "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise UsageError(
            Message(N_("git knows no revision {rev!r}"), {"rev": rev}),
            hint=N_(
                "give a branch, tag or commit, e.g. --base origin/main (in "
                "CI fetch it first: git fetch origin main)"
            ),
        )
    return proc.stdout.strip()


def branch_exists(top: Path, name: str) -> bool:
    proc = subprocess.run(
        ["git", "-C", str(top), "rev-parse", "--verify", "--quiet", f"refs/heads/{name}"],
        capture_output=True,
        check=False,
    )
    return proc.returncode == 0


def commit_on_new_branch(top: Path, branch: str, paths: list[Path], message: str) -> None:
    """``git switch -c branch``, add ``paths`` and commit them."""
    run(top, "switch", "-c", branch)
    run(top, "add", "--", *[str(p) for p in paths])
    run(top, "commit", "--quiet", "-m", message, "--", *[str(p) for p in paths])
