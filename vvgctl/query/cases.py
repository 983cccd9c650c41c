"""Cases (ärenden) across meetings and organs: each appearance, its stage, and the status.

A case moves as seed 002 describes: information first, anchoring in the delregional areas, a
position at a later meeting, at times a final position by another organ (``confirm_by``), then
follow-up. The stage of each appearance is derived, in this order:

- ``confirmation``: the organ a position named in ``confirm_by`` takes its position;
- ``anchoring``: the case is at a delregional organ (``kind: delregional`` in the registry) and
  another organ decides it: one that takes a position on it or is named in ``confirm_by``, or,
  before any has, an organ that is not delregional. A delregional organ's own case (its
  verksamhetsplan, which it alone takes positions on, or has confirmed) moves through the
  stages below;
- ``referred`` / ``postponed``: sent back to the beredning, or tabled;
- ``position``: a position that settles something (anything but 'noterar informationen' or a
  task given, see :data:`vvgctl.repository.records.NOT_SETTLING`);
- ``follow_up``: the case comes back to its organ at a meeting after the one where it took a
  position;
- ``information``: otherwise.

The status: ``awaiting_confirmation`` while a named organ has not confirmed; once the latest
position (or referral) is a position, ``awaiting_follow_up`` while a follow-up set in the
minutes is pending (the case has not come back to its organ at or after the meeting it names,
see :func:`pending`), else ``decided``; ``open`` otherwise.

The title is the first appearance's: a case keeps its name while its items' titles change
from meeting to meeting ("Egenvård – förankring", "Egenvård – ställningstagande").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vvgctl.errors import UsageError
from vvgctl.index import Index
from vvgctl.message import Message
from vvgctl.repository.records import NOT_SETTLING
from vvgctl.runtime.i18n import N_

STAGE_LABELS = {
    "information": "Information",
    "anchoring": "Förankring",
    "position": "Ställningstagande",
    "confirmation": "Bekräftelse",
    "follow_up": "Uppföljning",
    "referred": "Återförd",
    "postponed": "Bordlagd",
    "planned": "Planerad",
}
STATUS_LABELS = {
    "open": "Öppet",
    "decided": "Avgjort",
    "awaiting_confirmation": "Väntar på bekräftelse",
    "awaiting_follow_up": "Väntar på uppföljning",
}


@dataclass
class Appearance:
    organ: str
    date: str
    item: str
    title: str
    kind: str
    file: str
    line: int
    path: str = ""
    decisions: list[dict[str, Any]] = field(default_factory=list)
    stage: str = "information"


@dataclass
class Case:
    id: str
    appearances: list[Appearance] = field(default_factory=list)
    planned: list[dict[str, Any]] = field(default_factory=list)
    status: str = "open"
    awaiting: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The first appearance's title: the case's name, whatever its later items say."""
        return self.appearances[0].title if self.appearances else ""

    def summary(self) -> dict[str, Any]:
        first, last = self.appearances[0], self.appearances[-1]
        return {
            "case": self.id,
            "title": self.title,
            "status": self.status,
            "status_label": STATUS_LABELS[self.status],
            "awaiting": self.awaiting,
            "first": first.date,
            "last": last.date,
            "appearances": len(self.appearances),
            "meetings": len({(a.organ, a.date) for a in self.appearances}),
            "organs": sorted({a.organ for a in self.appearances}),
            "file": last.file,
            "line": last.line,
        }

    def timeline(self) -> dict[str, Any]:
        data = self.summary()
        data["timeline"] = [
            {
                "organ": a.organ,
                "date": a.date,
                "item": a.item,
                "title": a.title,
                "kind": a.kind,
                "stage": a.stage,
                "stage_label": STAGE_LABELS[a.stage],
                "decisions": a.decisions,
                "file": a.file,
                "line": a.line,
            }
            for a in self.appearances
        ]
        data["planned"] = self.planned
        return data


def _organ_kinds(index: Index) -> dict[str, str]:
    return {o.id: o.kind for o in index.repository.registry.registry.organs}


def _deciders(case: Case, organ_kinds: dict[str, str]) -> set[str]:
    """The organs that decide the case: those that take a position on it and those a position
    names to confirm it; before any has, the organs it is at that are not delregional."""
    not_settling = {t.value for t in NOT_SETTLING}
    deciders: set[str] = set()
    for appearance in case.appearances:
        for decision in appearance.decisions:
            if decision["type"] not in not_settling:
                deciders.add(appearance.organ)
                if decision["confirm_by"]:
                    deciders.add(decision["confirm_by"])
    return deciders or {
        a.organ for a in case.appearances if organ_kinds.get(a.organ) != "delregional"
    }


def pending(planned: dict[str, Any], appearances: list[Appearance]) -> bool:
    """A follow-up is pending until the case comes back to its organ after the meeting that
    set it, at or after the meeting it names ('2026-02' from the first of February; 'next'
    and 'after-next' at any later meeting)."""
    target = str(planned["meeting"])
    earliest = target + "-01" if len(target) == 7 else target if target[:1].isdigit() else ""
    return not any(
        a.organ == planned["organ"] and a.date > planned["date"] and a.date >= earliest
        for a in appearances
    )


def derive(case: Case, organ_kinds: dict[str, str]) -> None:
    """Set each appearance's stage and the case's status (appearances in date order)."""
    not_settling = {t.value for t in NOT_SETTLING}
    deciders = _deciders(case, organ_kinds)
    pending_confirmation: set[str] = set()
    decided_in: dict[str, str] = {}  # organ -> the day of its first position
    last_settling = ""
    for appearance in case.appearances:
        types = {d["type"] for d in appearance.decisions}
        positions = [d for d in appearance.decisions if d["type"] not in not_settling]
        if positions and appearance.organ in pending_confirmation:
            appearance.stage = "confirmation"
            pending_confirmation.discard(appearance.organ)
        elif organ_kinds.get(appearance.organ) == "delregional" and deciders - {
            appearance.organ
        } - {d["confirm_by"] for d in positions}:
            appearance.stage = "anchoring"
        elif "referred" in types or "postponed" in types:
            appearance.stage = "referred" if "referred" in types else "postponed"
            last_settling = appearance.stage
        elif positions:
            appearance.stage = "position"
        elif decided_in.get(appearance.organ, appearance.date) < appearance.date:
            appearance.stage = "follow_up"  # at a later meeting, not beside the position
        if positions:
            decided_in.setdefault(appearance.organ, appearance.date)
            last_settling = "position"
            pending_confirmation |= {d["confirm_by"] for d in positions if d["confirm_by"]}
    for planned in case.planned:
        planned["pending"] = pending(planned, case.appearances)
    case.awaiting = sorted(pending_confirmation)
    if pending_confirmation:
        case.status = "awaiting_confirmation"
    elif last_settling == "position":
        waiting = any(p["pending"] for p in case.planned)
        case.status = "awaiting_follow_up" if waiting else "decided"
    else:
        case.status = "open"


def load_cases(index: Index, only: str | None = None) -> dict[str, Case]:
    """Every case of the repository (or only the one with id ``only``), derived."""
    where, params = ("AND i.case_id = ?", [only]) if only else ("", [])
    cases: dict[str, Case] = {}
    by_item: dict[tuple[int, str], Appearance] = {}
    for fid, path, organ, date, item, title, kind, case_id, line in index.connection.execute(
        "SELECT i.file_id, f.path, i.organ, i.date, i.item, i.title, i.kind, i.case_id, "
        f"i.line FROM items i JOIN files f ON f.id = i.file_id WHERE i.case_id IS NOT NULL "
        f"{where} ORDER BY i.date, i.organ, f.path, i.seq",
        params,
    ):
        appearance = Appearance(organ, date, item, title, kind, index.shown(path), line, path)
        cases.setdefault(case_id, Case(case_id)).appearances.append(appearance)
        by_item[(fid, item)] = appearance
    for fid, item, type_, text, confirm_by, line in index.connection.execute(
        "SELECT d.file_id, d.item, d.type, d.text, d.confirm_by, d.line FROM decisions d "
        f"WHERE d.case_id IS NOT NULL {where.replace('i.', 'd.')} ORDER BY d.seq",
        params,
    ):
        if (fid, item) in by_item:
            by_item[(fid, item)].decisions.append(
                {"type": type_, "text": text, "confirm_by": confirm_by, "line": line}
            )
    for path, organ, date, item, text, meeting, target, case_id, line in index.connection.execute(
        "SELECT f.path, u.organ, u.date, u.item, u.text, u.meeting, u.target_organ, "
        "u.case_id, u.line FROM follow_ups u JOIN files f ON f.id = u.file_id "
        f"WHERE u.case_id IS NOT NULL {where.replace('i.', 'u.')} ORDER BY u.date",
        params,
    ):
        if case_id in cases:
            cases[case_id].planned.append(
                {
                    "organ": target or organ,
                    "meeting": meeting,
                    "text": text,
                    "set_by": f"{organ} {date} punkt {item}",
                    "date": date,
                    "file": index.shown(path),
                    "line": line,
                }
            )
    kinds = _organ_kinds(index)
    for case in cases.values():
        derive(case, kinds)
    return cases


def list_cases(
    index: Index, *, status: str | None = None, organ: str | None = None
) -> list[dict[str, Any]]:
    if status and status not in STATUS_LABELS:
        raise UsageError(
            Message(N_("--status {status!r} is not a status"), {"status": status}),
            hint=Message(N_("use one of {values}"), {"values": ", ".join(STATUS_LABELS)}),
        )
    rows = []
    for case in load_cases(index).values():
        if not any(index.in_scope(a.path) for a in case.appearances):
            continue
        summary = case.summary()
        if (status and case.status != status) or (organ and organ not in summary["organs"]):
            continue
        rows.append(summary)
    rows.sort(key=lambda r: (r["last"], r["case"]), reverse=True)
    return rows


def show_case(index: Index, case_id: str) -> dict[str, Any]:
    case = load_cases(index, case_id).get(case_id)
    if case is None:
        known = sorted(load_cases(index))
        import difflib

        close = difflib.get_close_matches(case_id, known, n=3, cutoff=0.6)
        raise UsageError(
            Message(N_("no case {case_id!r} in the repository"), {"case_id": case_id}),
            hint=Message(N_("did you mean {close}?"), {"close": ", ".join(close)})
            if close
            else N_("`vvgctl cases` lists the cases"),
        )
    return case.timeline()
