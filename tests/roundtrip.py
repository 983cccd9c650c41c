"""The round trip (issue 31.4): a meeting record rendered by vvgctl and imported back.

A record is rendered with ``vvgctl render FILE --format F`` and the file is imported as
``vvgctl import FILE --organ X -o -`` does it (the converter reads the file, the importer reads
the text with the repository's registry). :func:`compare` then matches the draft to the record
field by field: date, time, place, each item's and sub-item's number with its title and kind
(where the record gives one),
each position's text and type, each follow-up's text and meeting (and organ, where the record
names one), the earlier actions each item closes, the presenters, the absent and remote people,
each roster group's members and each correction of the previous minutes (text, quoted and new
wording). A field scores 1 when it matches and 0 when not; a set (presenters, absent,
remote, a roster group) scores its Jaccard overlap.

A format is one entry of :data:`FORMATS`: the suffix ``vvgctl render --format`` writes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from vvgctl.models import Meeting
from vvgctl.models.item import Decision, FollowUp, Item, SubItem
from vvgctl.models.meeting import Correction
from vvgctl.source.loading import parse_meeting

ROOT = Path(__file__).resolve().parent.parent
VVGCTL = Path(sys.executable).parent / "vvgctl"

#: format name -> the suffix of the rendered file (one line a format)
FORMATS: dict[str, str] = {
    "docx": ".docx",
    "html": ".html",
    "pdf": ".pdf",
}
#: every format vvgctl renders, with its suffix
SUFFIXES: dict[str, str] = dict(FORMATS)


@dataclass
class Score:
    """Per field of one round trip, its score (0..1), and the fields that missed."""

    fields: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, value: float) -> None:
        self.fields[name] = value

    @property
    def total(self) -> float:
        return sum(self.fields.values()) / len(self.fields) if self.fields else 1.0

    def misses(self) -> list[str]:
        return [f"{k} {v:.2f}" for k, v in self.fields.items() if v < 1.0]


def bundled() -> list[Path]:
    """Every bundled meeting, minutes/**/20*.md."""
    return sorted((ROOT / "minutes").glob("**/20*.md"))


def load(text: str, shown: str) -> Meeting:
    loaded = parse_meeting(text.encode(), shown)
    assert isinstance(loaded.model, Meeting), [d.message for d in loaded.diagnostics]
    return loaded.model


def _plain(text: str | None) -> str:
    """Text without Markdown emphasis, links or escapes, its spacing collapsed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text or "")
    text = re.sub(r"\\(.)", r"\1", text).replace("*", "").replace("_", " ")
    return " ".join(text.split())


def _jaccard(got: Iterable[str], want: Iterable[str]) -> float:
    a, b = {_plain(x) for x in got}, {_plain(x) for x in want}
    return 1.0 if not a and not b else len(a & b) / len(a | b)


def _contents(meeting: Meeting) -> dict[str, Item | SubItem]:
    out: dict[str, Item | SubItem] = {}
    for item in meeting.items:
        out[item.number] = item
        for sub in item.subitems:
            out[f"{item.number}{sub.number}"] = sub
    return out


def _decisions(score: Score, where: str, got: list[Decision], want: list[Decision]) -> None:
    for n in range(max(len(got), len(want))):
        a = got[n] if n < len(got) else None
        b = want[n] if n < len(want) else None
        score.add(
            f"{where} position {n + 1} text",
            float(a is not None and b is not None and _plain(a.text) == _plain(b.text)),
        )
        score.add(
            f"{where} position {n + 1} type",
            float(a is not None and b is not None and a.type == b.type),
        )
        if b is not None and b.parts:
            parts_a = [_plain(p.text) for p in a.parts] if a else []
            score.add(
                f"{where} position {n + 1} parts",
                float(parts_a == [_plain(p.text) for p in b.parts]),
            )


def _follow_ups(score: Score, where: str, got: list[FollowUp], want: list[FollowUp]) -> None:
    for n in range(max(len(got), len(want))):
        a = got[n] if n < len(got) else None
        b = want[n] if n < len(want) else None
        score.add(
            f"{where} follow-up {n + 1} text",
            float(a is not None and b is not None and _plain(a.text) == _plain(b.text)),
        )
        score.add(
            f"{where} follow-up {n + 1} meeting",
            float(a is not None and b is not None and a.meeting == b.meeting),
        )
        if b is not None and b.organ:
            score.add(
                f"{where} follow-up {n + 1} organ", float(a is not None and a.organ == b.organ)
            )


def _corrections(score: Score, where: str, got: list[Correction], want: list[Correction]) -> None:
    for n in range(max(len(got), len(want))):
        a = got[n] if n < len(got) else None
        b = want[n] if n < len(want) else None
        for name in ("text", "quote", "replacement"):
            score.add(
                f"{where} {n + 1} {name}",
                float(
                    a is not None
                    and b is not None
                    and _plain(getattr(a, name)) == _plain(getattr(b, name))
                ),
            )


def compare(got: Meeting, want: Meeting) -> Score:
    """Match the imported ``got`` to the record ``want`` field by field."""
    score = Score()
    score.add("date", float(got.date == want.date))
    score.add("time", float(got.time == want.time))
    score.add("place", float(_plain(got.place) == _plain(want.place)))
    mine, theirs = _contents(got), _contents(want)
    for number, item in theirs.items():
        found = mine.get(number)
        score.add(
            f"item {number} title",
            float(found is not None and _plain(found.title) == _plain(item.title)),
        )
        if item.kind is not None:  # a record without a kind leaves the importer its guess
            score.add(f"item {number} kind", float(found is not None and found.kind == item.kind))
        if item.presenters or (found and found.presenters):
            score.add(
                f"item {number} presenters",
                _jaccard(
                    [p.name for p in found.presenters] if found else [],
                    [p.name for p in item.presenters],
                ),
            )
        if item.decisions or (found and found.decisions):
            _decisions(score, f"item {number}", found.decisions if found else [], item.decisions)
        if item.follow_ups or (found and found.follow_ups):
            _follow_ups(score, f"item {number}", found.follow_ups if found else [], item.follow_ups)
        if item.closes_actions or (found and found.closes_actions):
            score.add(
                f"item {number} closes actions",
                _jaccard(found.closes_actions if found else [], item.closes_actions),
            )
    for number in mine.keys() - theirs.keys():
        score.add(f"item {number} (not in the record)", 0.0)
    score.add(
        "absent",
        _jaccard([p.name for p in got.attendance.absent], [p.name for p in want.attendance.absent]),
    )
    score.add(
        "remote",
        _jaccard([p.name for p in got.attendance.remote], [p.name for p in want.attendance.remote]),
    )
    groups = {g.delegation: [m.name for m in g.members] for g in got.roster}
    for group in want.roster:
        score.add(
            f"roster {group.delegation}",
            _jaccard(groups.pop(group.delegation, []), [m.name for m in group.members]),
        )
    for delegation in groups:
        score.add(f"roster {delegation} (not in the record)", 0.0)
    _corrections(
        score,
        "previous correction",
        got.previous.corrections if got.previous else [],
        want.previous.corrections if want.previous else [],
    )
    return score


def render(files: list[Path], fmt: str, out: Path) -> dict[Path, Path]:
    """Render ``files`` with ``vvgctl render --format fmt`` into ``out``; record -> rendering."""
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [str(VVGCTL), "render", *map(str, files), "-o", str(out), "--format", fmt],
        capture_output=True,
        text=True,
        env=_env(),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    rendered: dict[Path, Path] = {}
    for path in files:
        organ = load(path.read_text(encoding="utf-8"), str(path)).organ
        rendered[path] = out / f"{organ}-{path.stem}{SUFFIXES[fmt]}"
    return rendered


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["LANG"] = "sv_SE.UTF-8"
    return env


def import_file(path: Path, organ: str, repository_root: Path) -> Meeting:
    """``vvgctl import FILE --organ X -o -`` in ``repository_root``: the draft as a model."""
    from vvgctl.importer.convert import read_source
    from vvgctl.importer.minutes import import_text
    from vvgctl.repository.repo import Repository

    repository = Repository.open(repository_root, required=False)
    assert repository is not None
    text, notes = read_source(path)
    result = import_text(
        text,
        organ=organ,
        registry=repository.registry,
        root=repository.root,
        source=path.name,
        notes=notes,
    )
    return load(result.text, path.name)


def round_trip(
    records: list[Path], fmt: str, work: Path, repository_root: Path
) -> dict[Path, Score]:
    """Each record rendered to ``fmt`` and imported back, scored against itself."""
    rendered = render(records, fmt, work / fmt)
    scores: dict[Path, Score] = {}
    for record, path in rendered.items():
        want = load(record.read_text(encoding="utf-8"), str(record))
        scores[record] = compare(import_file(path, want.organ, repository_root), want)
    return scores


def repository_with(records: dict[str, str], where: Path) -> tuple[Path, list[Path]]:
    """A copy of the bundled registry at ``where``/minutes holding ``records`` (relative path
    under minutes/ -> text); the repository's root and the records' paths."""
    root = where / "minutes"
    shutil.copytree(ROOT / "minutes" / "registry", root / "registry")
    paths = []
    for relative, text in records.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return root, paths
