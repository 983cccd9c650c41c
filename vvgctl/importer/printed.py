"""The notes vvgctl's own minutes print beside an item's text (vvgctl.render.notes), read back.

- ``Uppföljning: … (till mötet i december 2025)``: a follow-up with the meeting it is aimed at
  (and the organ, when another's: ``(till nästa möte, SRO)``);
- ``Åtgärd klar: …``: an earlier action the item closes (its id, or its text where the
  rendering found it in the repository);
- ``Rättelse vid justering 12 mars 2026: …`` and ``Godkända med rättelse (11 september 2025):
  …``: a correction, with ``Tidigare lydelse: ”…” Ny lydelse: ”…”``.

Each may run on over the lines a narrow column broke it into; none is part of a position.
The label words are the tables of :mod:`vocabulary`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vvgctl.importer import labels as L
from vvgctl.importer import vocabulary as V
from vvgctl.importer.context import Context
from vvgctl.importer.dates import find_date, month_target
from vvgctl.importer.draft import Draft, Path_
from vvgctl.importer.people import strip_markup
from vvgctl.importer.text import Line
from vvgctl.message import Message
from vvgctl.render.closed import opened_actions
from vvgctl.repository.registry import fold
from vvgctl.repository.repo import Repository
from vvgctl.runtime.i18n import N_
from vvgctl.swedish.dates import MONTH_NUMBERS

_MONTHS = "|".join(re.escape(m) for m in sorted(MONTH_NUMBERS, key=len, reverse=True))
_MONTH = re.compile(rf"^mötet\s+i\s+({_MONTHS})(?:\s+(\d{{4}}))?$", re.IGNORECASE)
_ACTION_ID = re.compile(r"^[a-z0-9][a-z0-9-]*-\d{4}-\d{2}-\d{2}-[a-z0-9-]+$")
_ITEM = re.compile(r"\bpunkt\s+(\d{1,3}[a-z]?)\b", re.IGNORECASE)
_END = (".", "!", "?", "”", '"', ")")


@dataclass
class Printed:
    """One note: ``kind`` (follow_up, closed, correction, previous_correction), its value
    (the follow-up or correction as data, the closed action's id or text) and its lines."""

    kind: str
    value: Any
    lines: list[Line]
    qualifier: str = ""


def _clean(text: str) -> str:
    return strip_markup(text.strip().lstrip("-•").strip())


def _gather(lines: list[Line], j: int, done: re.Pattern[str] | None) -> list[Line]:
    """The note's line and the lines it runs on over: to a blank line, a label, or (with
    ``done``) the line whose text ``done`` finds complete."""
    block = [lines[j]]
    text = _clean(lines[j].text)
    k = j + 1
    while k < len(lines) and not lines[k].blank and len(block) < 6:
        if done.search(text) if done else text.endswith(_END):
            break
        nxt = _clean(lines[k].text)
        if (
            lines[k].text.lstrip().startswith("#")
            or any(p.match(nxt) for p in L.NOTES)
            or L.POSITION.match(nxt)
        ):
            break
        block.append(lines[k])
        text = f"{text} {nxt}"
        k += 1
    return block


def target(words: str, ctx: Context) -> str | None:
    """'mötet i december 2025' -> '2025-12', 'mötet den 10 december 2025' -> '2025-12-10',
    'nästa möte' -> 'next'."""
    words = " ".join(words.split())
    for phrase, meeting in V.FOLLOW_UP_TARGETS:
        if fold(words) == fold(phrase):
            return meeting
    month = _MONTH.match(words)
    if month:
        return month_target(
            MONTH_NUMBERS[month.group(1).lower()],
            int(month.group(2)) if month.group(2) else None,
            ctx.date,
        )
    if words.lower().startswith("mötet den"):
        day = find_date(words, ctx.date.year)
        if day:
            return day.isoformat()
    return None


def _organ(name: str, ctx: Context) -> str | None:
    if ctx.registry is None:
        return None
    wanted = fold(name)
    for organ in ctx.registry.registry.organs:
        if wanted in {fold(n) for n in (organ.id, organ.name, organ.short_name or "") if n}:
            return organ.id
    return None


def correction(text: str) -> dict[str, Any]:
    """'I punkt 4 ändras … Tidigare lydelse: ”…” Ny lydelse: ”…”' as a correction."""
    old, new = L.OLD_WORDING.search(text), L.NEW_WORDING.search(text)
    cut = min((m.start() for m in (old, new) if m), default=len(text))
    found: dict[str, Any] = {"text": text[:cut].strip() or text.strip()}
    if old:
        found["quote"] = old.group(1).strip()
    if new:
        found["replacement"] = new.group(1).strip()
    item = _ITEM.search(found["text"])
    if item:
        found["item"] = item.group(1)
    return found


def read(lines: list[Line], j: int, ctx: Context) -> Printed | None:
    """The note that starts on line ``j``, or None."""
    clean = _clean(lines[j].text)
    follow = L.FOLLOW_UP.match(clean)
    if follow:
        block = _gather(lines, j, L.FOLLOW_UP_WHEN)
        text = " ".join(_clean(x.text) for x in block)
        text = L.FOLLOW_UP.match(text).group(2)  # type: ignore[union-attr]
        when = L.FOLLOW_UP_WHEN.search(text)
        meeting = target(when.group(1), ctx) if when else None
        if when is None or meeting is None or not text[: when.start()].strip():
            return None  # a heading or a sentence that starts with the word
        value: dict[str, Any] = {"text": text[: when.start()].strip(), "meeting": meeting}
        organ = _organ(when.group(2), ctx) if when.group(2) else None
        if organ:
            value["organ"] = organ
        return Printed("follow_up", value, block)
    for pattern, kind in (
        (L.CLOSED, "closed"),
        (L.CORRECTION, "correction"),
        (L.PREVIOUS_CORRECTION, "previous_correction"),
    ):
        match = pattern.match(clean)
        if not match:
            continue
        block = _gather(lines, j, None)
        text = " ".join(_clean(x.text) for x in block)
        match = pattern.match(text)
        assert match is not None
        if kind == "closed":
            return Printed(kind, match.group(2).strip(), block)
        return Printed(kind, correction(match.group(3)), block, match.group(2).strip(" ()"))
    return None


def keep(printed: Printed, target: dict[str, Any], base: Path_, draft: Draft) -> None:
    """Put ``printed`` where the model has a place for it (``target`` the item or sub-item at
    ``base``), else in the review section with a note: it never joins a position."""
    if printed.kind == "follow_up":
        found = target.setdefault("follow_ups", [])
        found.append(printed.value)
        draft.printed_follow_ups = True
        for line in printed.lines:
            draft.credit((*base, "follow_ups", len(found) - 1), line)
        return
    if printed.kind == "closed" and _ACTION_ID.match(printed.value):
        _close(printed.value, printed.lines, target, base, draft)
        return
    if printed.kind == "closed":  # its text: the repository may know its id
        draft.closed_texts.append((printed, target, base))
        return
    previous = draft.data.get("previous")
    if printed.kind == "previous_correction" and previous is not None:
        corrections = previous.setdefault("corrections", [])
        corrections.append(printed.value)
        for line in printed.lines:
            draft.credit(("previous", "corrections", len(corrections) - 1), line)
        return
    _review(printed, draft)


def from_header(draft: Draft, ctx: Context) -> None:
    """The corrections printed after the header ('Rättelse vid justering …' naming no item):
    out of the header text, kept with their own note."""
    kept: list[Line] = []
    j = 0
    while j < len(draft.preface):
        printed = read(draft.preface, j, ctx)
        if printed is not None and printed.kind in ("correction", "previous_correction"):
            keep(printed, draft.data, (), draft)
            j += len(printed.lines)
            continue
        kept.append(draft.preface[j])
        j += 1
    draft.preface = kept


def _close(
    action: str, lines: list[Line], target: dict[str, Any], base: Path_, draft: Draft
) -> None:
    closes = target.setdefault("closes_actions", [])
    closes.append(action)
    for line in lines:
        draft.credit((*base, "closes_actions", len(closes) - 1), line)


def close_by_text(draft: Draft, root: Path | None) -> None:
    """The closed actions printed by their text ('Åtgärd klar: Fundera över …'): the id of
    the action with that text the organ's latest earlier meeting in the repository at
    ``root`` opened, else kept for review."""
    if not draft.closed_texts:
        return
    ids: dict[str, tuple[dt.date, str]] = {}  # text -> the latest earlier meeting's action
    if root is not None:
        organ, day = draft.data.get("organ"), dt.date.fromisoformat(draft.data["date"])
        repository = Repository(root, jobs=1)
        for path, result in repository.results().items():
            record = result.record
            if (
                record is None
                or not record.action_ids
                or record.organ != organ
                or record.date >= day
            ):
                continue
            opened = repository.load(Path(path)).model
            for key, text in (opened_actions(opened) if opened else {}).items():
                if _key(text) not in ids or ids[_key(text)][0] < record.date:
                    ids[_key(text)] = (record.date, key)
    for printed, target, base in draft.closed_texts:
        found = ids.get(_key(printed.value))
        if found:
            _close(found[1], printed.lines, target, base, draft)
        else:
            _review(printed, draft)


def _key(text: str) -> str:
    return fold(" ".join(strip_markup(text).split()))


def _review(printed: Printed, draft: Draft) -> None:
    at = printed.lines[0].no
    if printed.kind == "closed":
        why = Message(
            N_(
                "input line {line}: an earlier action this item closes, not found in the "
                "repository; put its id under closes_actions"
            ),
            {"line": at},
        )
    elif printed.kind == "correction":
        why = Message(
            N_(
                "input line {line}: a correction made when these minutes were approved; it "
                "belongs under approval.corrections once they are approved"
            ),
            {"line": at},
        )
    else:
        why = Message(
            N_(
                "input line {line}: a correction of the previous minutes, but the previous "
                "minutes were not found; put it under previous.corrections"
            ),
            {"line": at},
        )
    draft.to_review(printed.lines, why)
