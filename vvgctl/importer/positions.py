"""Positions (ställningstagande, older minutes: beslut) and the follow-ups the text sets."""

from __future__ import annotations

import re
from typing import Any

from vvgctl.importer import labels as L
from vvgctl.importer import vocabulary as V
from vvgctl.importer.context import Context
from vvgctl.importer.dates import find_date, month_target
from vvgctl.importer.people import strip_markup
from vvgctl.importer.text import Line
from vvgctl.swedish.dates import MONTH_NUMBERS, MONTHS

_APPROVED = re.compile(r"^godkänd(?:a)? vid mötet\b", re.IGNORECASE)  # the signature's last line
_STOPS = (
    L.POSITION,
    L.POSITION_SENTENCE,
    L.PROPOSAL,
    L.PRESENTERS,
    L.ACTION,
    L.QUESTION,
    L.DIALOG,
    L.ABSENT,
    L.SECRETARY,
    L.CHAIR,
    L.DOCUMENTS,
    L.REMOTE,
    _APPROVED,
    *L.NOTES,
)
_PART = re.compile(r"^\s*(\d{1,2})[.)]\s+(.*)$")
_SUBPART = re.compile(r"^\s*(?:[-*•]\s+)?[a-z][.)]\s+(.*)$|^\s+[-*•]\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*•]\s+")


def _clean(text: str) -> str:
    return strip_markup(text.strip().lstrip("#").strip())


def _stops(line: Line, have_parts: bool) -> bool:
    text = line.text
    clean = _clean(text.lstrip(" -*•"))
    if text.lstrip().startswith("#") or "\t" in text or L.LINK_BULLET.match(text):
        return True
    if any(p.match(clean) for p in _STOPS):
        return True
    return bool(not have_parts and re.match(r"^\s*(?:[-*]\s+)?[a-z][.)]\s", text))


def _short_last_line(text: str, widths: list[int]) -> bool:
    """Whether ``text`` is the last line of a hard-wrapped paragraph: it ends a sentence and
    is clearly shorter than the lines around it (as a PDF's text gives a paragraph)."""
    return (
        text.rstrip().endswith((".", "!", "?"))
        and len(widths) >= 2
        and len(text.rstrip()) < 0.8 * max(widths)
    )


def _rest_of_paragraph(lines: list[Line], j: int) -> tuple[list[Line], int]:
    """The position that starts with its text on line ``j`` (a sentence, or text after the
    label): the lines up to a blank line, a bullet or the next label."""
    block = [lines[j]]
    k = j + 1
    while (
        k < len(lines)
        and not lines[k].blank
        and not _stops(lines[k], False)
        and not _BULLET.match(lines[k].text)
    ):
        block.append(lines[k])
        k += 1
    return block, k


def collect_position(lines: list[Line], j: int, runs_on: bool = False) -> tuple[list[Line], int]:
    """The lines of the position whose label stands on line ``j``, and where it ends.

    A position ends where its paragraph ends: the paragraph after a label alone on its line,
    with the numbered parts (or the list a paragraph ending in ':' introduces) that follow it.
    Only with ``runs_on``, the detailed position (after the dialog, or a second one) that
    closes the item runs on over its paragraphs to the next label or heading."""
    label = L.POSITION.match(_clean(lines[j].text))
    if label is None or label.group(2).strip():  # a sentence, or text after the label
        return _rest_of_paragraph(lines, j)
    block = [lines[j]]
    k = j + 1
    have_parts = False
    have_prose = False
    last_was_list = False
    last = j
    while k < len(lines):
        line = lines[k]
        if line.blank:
            k += 1
            continue
        if _stops(line, have_parts):
            break
        is_list = bool(
            _PART.match(line.text)
            or _BULLET.match(line.text)
            or (have_parts and _SUBPART.match(line.text))
        )
        if (
            is_list
            and have_prose
            and not last_was_list
            and not _PART.match(line.text)
            and not lines[last].text.rstrip().endswith(":")
        ):
            break
        if (
            not runs_on
            and have_prose
            and lines[k - 1].blank
            and (not is_list or (last_was_list and not _PART.match(line.text) and not have_parts))
        ):
            break  # a new paragraph after the position's own: the background
        if (
            not runs_on
            and have_prose
            and not is_list
            and not lines[k - 1].blank
            and _short_last_line(
                lines[last].text, [len(x.text) for x in block[1:]] + [len(line.text)]
            )
        ):
            break  # text hard-wrapped without blank lines: a short line ends the paragraph
        have_parts = have_parts or bool(_PART.match(line.text))
        have_prose = have_prose or not is_list
        last_was_list = is_list
        block.extend(lines[last + 1 : k + 1])
        last = k
        k += 1
    return block, last + 1


def decision_from(
    label: str, block: list[Line], after_dialog: bool, ctx: Context
) -> dict[str, Any] | None:
    first = L.POSITION.match(_clean(block[0].text))
    texts = [first.group(2).strip() if first else _clean(block[0].text)] + [
        line.text for line in block[1:]
    ]
    paragraphs: list[list[str]] = [[]]
    parts: list[dict[str, Any]] = []
    for raw in texts:
        if not raw.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        part = _PART.match(raw)
        sub = _SUBPART.match(raw) if parts else None
        if part:
            parts.append({"text": _clean(part.group(2)) or part.group(1), "parts": []})
        elif sub:
            parts[-1]["parts"].append(_clean(sub.group(1) or sub.group(2) or raw))
        elif parts and not paragraphs[-1] and len(paragraphs) == 1:
            parts[-1]["text"] += " " + _clean(raw)
        else:
            paragraphs[-1].append(_clean(raw))
    intro = "\n\n".join(" ".join(p) for p in paragraphs if p).strip()  # wrapped lines joined
    every = "\n".join(_clean(t) for t in texts if t.strip()).strip()
    text = intro or every
    if not text:
        return None
    decision: dict[str, Any] = {"type": L.decision_type(text), "text": text}
    if parts:
        decision["parts"] = [
            {"text": p["text"], **({"parts": p["parts"]} if p["parts"] else {})} for p in parts
        ]
    if label.lower().strip() == "beslut":
        decision["label"] = "Beslut"
    if after_dialog:
        decision["after_dialog"] = True
    deadline = re.search(r"\bsenast\s+(?:den\s+)?(.{6,30})", every)
    if deadline:
        found = find_date(deadline.group(1))
        if found:
            decision["deadline"] = found.isoformat()
    confirm = _confirm_by(every, ctx)
    if confirm:
        decision["confirm_by"] = confirm
    return decision


def _confirm_by(text: str, ctx: Context) -> str | None:
    if ctx.registry is None:
        return None
    for organ in ctx.registry.registry.organs:
        if organ.id == ctx.organ:
            continue
        for name in filter(None, {organ.id.upper(), organ.short_name}):
            if re.search(
                rf"\b(?:tas|fattas|beslutas|fastställs|bekräftas)\b[^.]*?\b(?:av|i)\s+"
                rf"{re.escape(name)}\b",
                text,
            ):
                return organ.id
    return None


_FULL_MONTHS = "|".join(MONTHS)
_NOT_FOLLOW_UP = re.compile(L.alternatives(V.NOT_FOLLOW_UP), re.IGNORECASE)
_MONTH_MEETING = re.compile(
    rf"\b(?:[\wåäö]+-)?(?:mötet|möte|sammanträdet|mötena)\s+(?:den\s+\d{{1,2}}\s+)?i\s+"
    rf"({_FULL_MONTHS})(?:\s+(\d{{4}}))?|\b(?:VVG|SRO|styrgruppen)\s+i\s+({_FULL_MONTHS})"
    rf"(?:\s+(\d{{4}}))?",
    re.IGNORECASE,
)
_NEXT = re.compile(
    r"\b(nästa|nästkommande)(?:\s+eller\s+nästkommande)?\s+(?:[\wåäö]+-)?möte", re.IGNORECASE
)


def follow_ups(texts: list[str], ctx: Context) -> list[dict[str, Any]]:
    """Sentences that aim something at a named later meeting ('… vid mötet i december')."""
    found: list[dict[str, Any]] = []
    seen: set[str] = set()
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            sentence = strip_markup(sentence).strip(" -•")
            if (
                not sentence
                or sentence in seen
                or re.search(r"föregående|tidigare möte", sentence, re.IGNORECASE)
                or _NOT_FOLLOW_UP.search(sentence)
            ):
                continue
            if find_date(sentence, ctx.date.year) and not _MONTH_MEETING.search(sentence):
                continue  # a dated line is the schedule, not a follow-up
            month = _MONTH_MEETING.search(sentence)
            meeting: str | None = None
            if month:
                name = (month.group(1) or month.group(3)).lower()
                year = month.group(2) or month.group(4)
                meeting = month_target(MONTH_NUMBERS[name], int(year) if year else None, ctx.date)
            else:
                nxt = _NEXT.search(sentence)
                if nxt:
                    meeting = "after-next" if nxt.group(1).lower() == "nästkommande" else "next"
            if meeting:
                seen.add(sentence)
                found.append({"text": sentence[:1000], "meeting": meeting})
    return found
