"""What the aggregate pages need from one approved meeting, as plain JSON-able data.

A summary is made once per version of a file and kept in the manifest; the index, the
register of positions, the case pages, the feed and the sitemap are all made from summaries,
so a rebuild after one changed file parses only that file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vvgctl.index.extract import full_text
from vvgctl.models.item import DECISION_TYPE_LABELS, ITEM_KIND_LABELS, Decision, Item, SubItem
from vvgctl.models.meeting import Meeting
from vvgctl.swedish.dates import long_date, span

Summary = dict[str, Any]


def slug_of(source: str) -> str:
    """The site path of a meeting (without suffix): its repository path less ``.md``."""
    return source[:-3] if source.endswith(".md") else source


def item_contents(meeting: Meeting) -> list[tuple[str, Item | SubItem, Item]]:
    """Every item and sub-item with its shown number ('4', '1a') and its parent item."""
    found: list[tuple[str, Item | SubItem, Item]] = []
    for item in meeting.items:
        found.append((item.number, item, item))
        found += [(f"{item.number}{sub.number}", sub, item) for sub in item.subitems]
    return found


def anchor(number: str) -> str:
    return f"punkt-{number}"


def _decision_entry(
    number: str, content: Item | SubItem, case: str | None, decision: Decision, line: int
) -> dict[str, Any]:
    """One decision as the register of positions shows it."""
    return {
        "item": number,
        "anchor": anchor(number),
        "title": content.title,
        "type": decision.type.value,
        "type_label": DECISION_TYPE_LABELS[decision.type],
        "label": decision.label,
        "text": full_text(decision),
        "case": case,
        "confirm_by": decision.confirm_by,
        "line": line,
    }


@dataclass
class _Entries:
    """The decisions, the appearances in cases and the follow-ups of one meeting's items."""

    decisions: list[dict[str, Any]] = field(default_factory=list)
    appearances: list[dict[str, Any]] = field(default_factory=list)
    follow_ups: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self,
        number: str,
        content: Item | SubItem,
        parent: Item,
        lines: dict[tuple[str, int], int],
    ) -> None:
        """Add the entries of the item or sub-item ``content`` shown as ``number``."""
        case = content.case or (parent.case if content is not parent else None)
        kind = content.kind.value if content.kind else ""
        item_decisions = []
        for d, decision in enumerate(content.decisions):
            entry = _decision_entry(number, content, case, decision, lines.get((number, d), 0))
            self.decisions.append(entry)
            item_decisions.append(
                {
                    "type": entry["type"],
                    "text": entry["text"],
                    "confirm_by": decision.confirm_by,
                    "line": entry["line"],
                }
            )
        if case:
            self.appearances.append(
                {
                    "case": case,
                    "item": number,
                    "anchor": anchor(number),
                    "title": content.title,
                    "kind": kind,
                    "kind_label": ITEM_KIND_LABELS[content.kind] if content.kind else "",
                    "decisions": item_decisions,
                }
            )
        for follow in content.follow_ups:
            if follow.case or case:
                self.follow_ups.append(
                    {
                        "case": follow.case or case,
                        "item": number,
                        "text": follow.text,
                        "meeting": follow.meeting,
                        "organ": follow.organ,
                    }
                )


def summarize(
    meeting: Meeting, source: str, source_hash: str, lines: dict[tuple[str, int], int]
) -> Summary:
    """The summary of an approved meeting. ``lines``: (item number, decision index) -> line."""
    entries = _Entries()
    for number, content, parent in item_contents(meeting):
        entries.add(number, content, parent, lines)
    return {
        "source": source,
        "hash": source_hash,
        "slug": slug_of(source),
        "organ": meeting.organ,
        "date": meeting.date.isoformat(),
        "year": f"{meeting.date.year:04d}",
        "long_date": long_date(meeting.date),
        "title": meeting.title or "Mötesanteckning",
        "time": span(meeting.time.start, meeting.time.end) if meeting.time else "",
        "place": meeting.place,
        "approved": meeting.approval.meeting.isoformat() if meeting.approval else None,
        "items": [
            {"number": n, "title": c.title, "anchor": anchor(n)}
            for n, c, p in item_contents(meeting)
            if c is p
        ],
        "decisions": entries.decisions,
        "appearances": entries.appearances,
        "follow_ups": entries.follow_ups,
    }
