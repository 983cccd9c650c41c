"""Frozen records: approved minutes change only through a correction approved later.

``vvgctl check --base REV`` reads, with real git, every meeting file as it stood at ``REV``.
Each one that was approved there is compared, front matter and body, with the working tree.
A changed stretch of lines is allowed when a correction explains it exactly: applying the
corrections' ``quote`` -> ``replacement`` to the old lines gives the new lines. Corrections count
when recorded in the record's own ``approval.corrections`` or in a later meeting's
``previous.corrections`` for this record. Recording the correction itself (new entries under
``approval.corrections``) is allowed too. Anything else is a ``frozen-record`` error at the
first changed line; a removed record is one as well.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from vvgctl.diagnostics import Diagnostic, Severity, display_path
from vvgctl.models import Meeting
from vvgctl.models.meeting import Correction, Status
from vvgctl.repository import git
from vvgctl.repository.discovery import is_meeting_file
from vvgctl.repository.repo import Repository
from vvgctl.source.document import SourceProblem, decode
from vvgctl.source.frontmatter_edit import blocks
from vvgctl.source.loading import parse_meeting, read_source

CODE = "frozen-record"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR,)


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
    """The blobs' bytes, read by one ``git cat-file --batch``."""
    if not blobs:
        return {}
    out = git.run(top, "cat-file", "--batch",
                  stdin="".join(f"{b.sha}\n" for b in blobs).encode())
    found: dict[str, bytes] = {}
    pos = 0
    for blob in blobs:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        size = int(header[2])
        found[blob.sha] = out[end + 1:end + 1 + size]
        pos = end + 1 + size + 1
    return found


def _lines(raw: bytes) -> list[str] | None:
    try:
        return decode(raw).split("\n")
    except SourceProblem:
        return None


def _approval_range(lines: list[str]) -> range:
    """The 0-based file lines of the top-level ``approval`` block (empty when there is none)."""
    if not lines or lines[0].rstrip() != "---":
        return range(0)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return range(0)
    start = 1
    for key, block in blocks(lines[1:end]):
        if key == "approval":
            return range(start, start + len(block))
        start += len(block)
    return range(0)


def _recording_allowed(old: Meeting, new: Meeting | None) -> bool:
    """Whether the approval block changed only by recording more corrections."""
    if new is None or new.approval is None or new.status is not Status.APPROVED:
        return False
    before = old.approval.corrections if old.approval else []
    if old.approval is not None and old.approval.meeting != new.approval.meeting:
        return False
    return new.approval.corrections[:len(before)] == before


def _squash(text: str) -> str:
    return " ".join(text.split())


def _explained(old: list[str], new: list[str], corrections: list[Correction]) -> bool:
    before, after = "\n".join(old), "\n".join(new)
    for correction in corrections:
        if correction.quote and correction.quote in before:
            before = before.replace(correction.quote, correction.replacement or "")
    return _squash(before) == _squash(after)


@dataclass
class LaterCorrections:
    """Corrections that later meetings record under ``previous``, read once per organ.

    Each of the organ's files is read once; only a file that mentions one of the asked-for
    dates is parsed, so the cost stays one pass over the organ's files.
    """

    repository: Repository
    wanted: dict[str, set[str]]  # organ -> ISO dates of the changed approved records
    _found: dict[tuple[str, str], list[Correction]] = field(default_factory=dict)
    _read: set[str] = field(default_factory=set)

    def of(self, record: Meeting) -> list[Correction]:
        if record.organ not in self._read:
            self._scan(record.organ)
        return self._found.get((record.organ, record.date.isoformat()), [])

    def _scan(self, organ: str) -> None:
        self._read.add(organ)
        marks = [(d, d.encode()) for d in self.wanted.get(organ, set())]
        for day, path in self.repository.dated_meetings(organ):
            try:
                raw = read_source(path)
            except OSError:
                continue
            if b"previous" not in raw:
                continue
            hits = [d for d, mark in marks if mark in raw and d < day.isoformat()]
            if not hits:
                continue
            model = parse_meeting(raw, str(path)).model
            if model is not None and model.previous is not None:
                key = (organ, model.previous.date.isoformat())
                if key[1] in hits:
                    self._found.setdefault(key, []).extend(model.previous.corrections)


def compare(later: LaterCorrections, shown: str, old_raw: bytes, new_raw: bytes,
            rev: str) -> Diagnostic | None:
    """A finding when the approved record ``old_raw`` changed into ``new_raw`` unexplained."""
    old = parse_meeting(old_raw, shown).model
    if old is None or old.status is not Status.APPROVED:
        return None
    old_lines, new_lines = _lines(old_raw), _lines(new_raw)
    if old_lines is None or new_lines is None:
        return _finding(shown, 1, old, rev, 1)
    if old_lines == new_lines:
        return None  # only line endings or a BOM differ
    new = parse_meeting(new_raw, shown).model
    corrections = list(new.approval.corrections) if new and new.approval else []
    corrections += later.of(old)
    may_record = _recording_allowed(old, new)
    old_block, new_block = _approval_range(old_lines), _approval_range(new_lines)
    unexplained: list[int] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        in_block = (all(j in new_block for j in range(j1, j2))
                    and all(i in old_block for i in range(i1, i2)))
        if may_record and in_block:
            continue
        if _explained(old_lines[i1:i2], new_lines[j1:j2], corrections):
            continue
        unexplained.append(min(j1, max(len(new_lines) - 1, 0)) + 1)
    if not unexplained:
        return None
    return _finding(shown, unexplained[0], old, rev, len(unexplained))


def _finding(shown: str, line: int, old: Meeting, rev: str, count: int) -> Diagnostic:
    when = f" at the meeting of {old.approval.meeting}" if old.approval else ""
    changes = "a change" if count == 1 else f"{count} changes"
    return Diagnostic(
        shown, line, 1, Severity.ERROR, CODE,
        f"these minutes were approved{when} (as of {rev}) and are frozen: {changes} not "
        "recorded as an approved correction",
        f"undo it (git checkout {rev} -- <file>), or record it as a correction with 'quote' "
        "and 'replacement' under the record's 'approval.corrections' or the later meeting's "
        "'previous.corrections'")


def check_frozen(repository: Repository, paths: list[Path], rev: str) -> list[Diagnostic]:
    """``frozen-record`` findings for the approved meetings under ``paths`` changed since rev."""
    root = repository.root
    top = git.toplevel(root).resolve()
    commit = git.resolve(top, rev)
    prefix = root.relative_to(top).as_posix()
    pathspec = "" if prefix == "." else prefix
    touched = set(git.run(top, "diff", "--no-renames", "--name-only", "-z", commit, "--",
                          pathspec or ".").decode("utf-8", "surrogateescape").split("\0"))
    blobs = [b for b in _listing(top, commit, pathspec) if b.path in touched]
    given = [p.resolve() for p in paths]
    asked = [b for b in blobs
             if any(g == top / b.path or g in (top / b.path).parents for g in given)]
    changed: list[tuple[Blob, bytes | None]] = []
    for blob in asked:
        try:
            current: bytes | None = read_source(top / blob.path)
        except FileNotFoundError:
            current = None
        changed.append((blob, current))
    contents = _contents(top, [b for b, _ in changed])
    findings: list[Diagnostic] = []
    records: list[tuple[Blob, bytes, bytes, Meeting]] = []
    wanted: dict[str, set[str]] = {}
    for blob, current in changed:
        old_raw = contents[blob.sha]
        if current == old_raw:
            continue
        shown = display_path(top / blob.path)
        old = parse_meeting(old_raw, shown).model
        if old is None or old.status is not Status.APPROVED:
            continue
        if current is None:
            findings.append(Diagnostic(
                shown, 0, 0, Severity.ERROR, CODE,
                f"approved minutes (as of {rev}) were removed or moved",
                f"restore them: git checkout {rev} -- {blob.path}"))
            continue
        records.append((blob, old_raw, current, old))
        wanted.setdefault(old.organ, set()).add(old.date.isoformat())
    later = LaterCorrections(repository, wanted)
    for blob, old_raw, current, _old in records:
        finding = compare(later, display_path(top / blob.path), old_raw, current, rev)
        if finding is not None:
            findings.append(finding)
    return findings
