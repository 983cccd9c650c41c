"""Edit a meeting file's front matter in place, touching only the lines that change.

ruamel's round-trip mode keeps comments, key order and quoting, but it re-emits a whole document
in its own spacing. So the edit works per top-level key: the front matter is cut into blocks
(one per top-level key, with the comment lines that follow it), the edited document is dumped,
and only the blocks of the keys the edit touched are taken from the dump; every other block is
kept byte for byte, as is everything after the closing ``---``. A BOM and CRLF line endings are
kept. The result is validated before it is written; an edit that would make the file invalid is
refused.
"""

from __future__ import annotations

import fcntl
import io
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vvgctl.errors import VvgError
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_
from vvgctl.source.fileio import WriteFailed, atomic_write, atomic_write_all
from vvgctl.source.loading import parse_meeting, read_source
from vvgctl.source.yaml import YamlProblem, load, round_trip

_OPEN = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$")
_KEY = re.compile(r"^(?![\s#-])([^:]+?)\s*:(\s|$)")

#: an edit changes the round-trip data and returns the top-level keys it touched
Change = Callable[[Any], set[str]]


@dataclass
class Source:
    """A meeting file cut into the parts an edit keeps and the front matter it may change."""

    path: Path
    bom: str
    newline: str
    head: str  # the opening fence line with its line ending
    front: list[str]  # front matter lines, without line endings
    tail: str  # the closing fence line and the body, exactly as read
    mode: int

    def text(self, front: list[str]) -> str:
        body = "".join(line + self.newline for line in front)
        return self.bom + self.head + body + self.tail


def _lines(text: str) -> list[str]:
    return re.split(r"(?<=\n)", text) if text else []


def read(path: Path) -> Source:
    """Read ``path`` and find its front matter; a :class:`VvgError` when there is none."""
    try:
        raw = read_source(path)
        mode = path.stat().st_mode & 0o777
    except OSError as exc:
        raise VvgError(
            Message(N_("cannot read the file: {strerror}"), {"strerror": exc.strerror}),
            path=str(path),
        ) from None
    return from_bytes(path, raw, mode)


def from_bytes(path: Path, raw: bytes, mode: int) -> Source:
    """The :class:`Source` of ``raw``, the bytes of (or meant for) ``path``."""
    bom = ""
    if raw.startswith(b"\xef\xbb\xbf"):
        bom, raw = "\ufeff", raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise VvgError(
            N_("the file is not UTF-8"),
            path=str(path),
            hint=N_("run vvgctl check on it for the place"),
        ) from None
    lines = _lines(text)
    if not lines or not _OPEN.match(lines[0].rstrip("\r\n")):
        raise VvgError(
            N_("the file does not start with front matter ('---')"), path=str(path), line=1
        )
    for index in range(1, len(lines)):
        if _CLOSE.match(lines[index].rstrip("\r\n")):
            newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
            front = [line.rstrip("\r\n") for line in lines[1:index]]
            return Source(path, bom, newline, lines[0], front, "".join(lines[index:]), mode)
    raise VvgError(
        N_("the front matter is not closed"),
        path=str(path),
        line=len(lines),
        hint=N_("add a line '---' after the last YAML field"),
    )


def blocks(lines: list[str]) -> list[tuple[str | None, list[str]]]:
    """Cut front matter lines into (top-level key, lines); leading comments have key None."""
    found: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in lines:
        match = _KEY.match(line)
        if match:
            found.append((match.group(1).strip("'\""), [line]))
        else:
            found[-1][1].append(line)
    return found if found[0][1] else found[1:]


def _yaml(front: str) -> Any:
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.util import load_yaml_guess_indent

    yaml = round_trip()
    try:
        _, indent, offset = load_yaml_guess_indent(front)
    except YAMLError:  # the real load reports it
        indent, offset = None, None
    if indent is not None and offset is not None:
        yaml.indent(mapping=2, sequence=indent, offset=offset)
    return yaml


def apply(source: Source, change: Change) -> str:
    """The file's new text after ``change``; only the touched blocks differ."""
    from ruamel.yaml.error import YAMLError

    front = "".join(line + "\n" for line in source.front)
    yaml = _yaml(front)
    try:
        data = yaml.load(front)
    except YAMLError as exc:
        raise VvgError(
            Message(
                N_("the front matter is not valid YAML ({__name__})"),
                {"__name__": exc.__class__.__name__},
            ),
            path=str(source.path),
            hint=N_("run vvgctl check on the file"),
        ) from None
    touched = change(data)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    dumped = buffer.getvalue()
    new_lines = dumped.rstrip("\n").split("\n")
    old = {key: lines for key, lines in blocks(source.front) if key is not None}
    out: list[str] = []
    for key, lines in blocks(new_lines):
        if key is None:
            out += next((ls for k, ls in blocks(source.front) if k is None), lines)
        elif key in touched or key not in old:
            out += lines
        else:
            out += old[key]
    if not _same_data("\n".join(out), dumped):
        out = new_lines  # the blocks could not be cut safely: take ruamel's whole dump
    return source.text(out)


def _same_data(spliced: str, dumped: str) -> bool:
    """Whether the spliced front matter reads as the same data as ruamel's dump."""
    try:
        return bool(load(spliced)[0] == load(dumped)[0])
    except YamlProblem:
        return False


def validate(path: Path, text: str) -> None:
    """Refuse a text that would not be a valid meeting."""
    loaded = parse_meeting(text.encode("utf-8"), str(path))
    if loaded.model is None:
        first = loaded.diagnostics[0]
        raise VvgError(
            Message(
                N_("the edit would make the file invalid: {message}"), {"message": first.message}
            ),
            path=str(path),
            line=first.line,
            hint=first.hint or N_("nothing was written"),
        )


def write(source: Source, text: str) -> None:
    """Replace the file atomically, keeping its permissions."""
    atomic_write(source.path, text)
    os.chmod(source.path, source.mode)


def write_all(edits: list[tuple[Source, str]], *, what: str) -> None:
    """Write each file's new text, all of them or none (see
    :func:`~vvgctl.source.fileio.atomic_write_all`); ``what`` (a message) says what was not
    done when a write fails."""
    try:
        atomic_write_all([(source.path, text.encode("utf-8")) for source, text in edits])
    except WriteFailed as exc:
        if exc.left:
            raise VvgError(
                Message(
                    N_(
                        "cannot write the file ({strerror}), and {left} could not be put back as "
                        "it was: it holds the new text alone"
                    ),
                    {"strerror": exc.strerror, "left": ", ".join(str(p) for p in exc.left)},
                ),
                path=str(exc.path),
                hint=Message(
                    N_(
                        "put it back with `git checkout -- {left}`, make room or make the "
                        "folder writable, and run the command again"
                    ),
                    {"left": " ".join(str(p) for p in exc.left)},
                ),
            ) from None
        raise VvgError(
            Message(
                N_("cannot write the file ({strerror}); {what}"),
                {"strerror": exc.strerror, "what": what},
            ),
            path=str(exc.path),
            hint=N_(
                "make room on the disk or make the file and its folder "
                "writable, then run the command again"
            ),
        ) from None


#: how long an edit waits for another one of the same file before it gives up (seconds)
LOCK_WAIT = 30.0


def _silent(path: Path) -> None:
    return None


#: called once when an edit has to wait for another (the command line says so on stderr)
on_wait: Callable[[Path], None] = _silent


def _lock(fd: int, path: Path) -> None:
    """``flock`` on ``fd``: at once if free, else after :data:`on_wait`, polling until
    :data:`LOCK_WAIT` has passed (then :class:`VvgError`)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        on_wait(path)
    deadline = time.monotonic() + LOCK_WAIT
    while time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            continue
    raise VvgError(
        Message(
            N_(
                "another vvgctl command has been editing the file for {LOCK_WAIT:.0f} "
                "s; nothing was changed"
            ),
            {"LOCK_WAIT": LOCK_WAIT},
        ),
        path=str(path),
        hint=N_("try again when the other command has finished"),
    )


@contextmanager
def locked(*paths: Path) -> Iterator[None]:
    """Hold an exclusive lock on each file while the block reads and writes them.

    Two edits of one file at the same time (``vvgctl status`` and ``vvgctl attend``) each read
    the file, change it and replace it: without the lock one change was lost (7 runs in 20).
    The lock is ``flock`` on the file itself, taken in path order (no deadlock between two
    approvals; the paths resolved, so that two spellings of one path sort alike); a writer
    replaces the file by a rename, so after the lock is granted the path must still name the
    locked file, else the lock is taken again on the new one.
    """
    held: list[int] = []
    try:
        for path in sorted({p.resolve() for p in paths}):
            while True:
                fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
                try:
                    _lock(fd, path)
                except VvgError:
                    os.close(fd)
                    raise
                try:
                    same = os.stat(path).st_ino == os.fstat(fd).st_ino
                except FileNotFoundError:
                    same = False
                if same:
                    held.append(fd)
                    break
                os.close(fd)
        yield
    finally:
        for fd in held:
            os.close(fd)  # closing releases the lock


def edit(path: Path, change: Change) -> bool:
    """Apply ``change`` to the file's front matter and write it; False when nothing changed.
    The file is locked from the read to the write (see :func:`locked`)."""
    with locked(path):
        source = read(path)
        text = apply(source, change)
        if text == source.text(source.front):
            return False
        validate(path, text)
        write(source, text)
    return True
