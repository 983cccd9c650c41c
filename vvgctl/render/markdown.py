"""A validated meeting -> the Markdown of its minutes or its agenda (kallelse).

The templates (``templates/minutes.md.j2``, ``templates/agenda.md.j2``) hold the layout; this
module prepares the values: Swedish labels and dates, names joined, the body prose of each
item taken from the meeting file's ``## N. Title`` sections. Every string from the YAML is
escaped by the template's ``md`` filter; the body prose stays Markdown (see
:func:`vvgctl.render.escape.prose`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from vvgctl.models import Item, Meeting, Organ, SubItem
from vvgctl.models.item import ITEM_KIND_LABELS, ItemKind
from vvgctl.models.meeting import MODE_LABELS, RosterMember, Status
from vvgctl.render import escape
from vvgctl.render.notes import (
    Corrections,
    action_view,
    approved_corrections,
    closed_view,
    confirmation,
    correction_notes,
    follow_up_view,
    interludes,
    is_previous_item,
    person,
)
from vvgctl.render.tables import grid_table
from vvgctl.render.templating import render
from vvgctl.source.document import Section
from vvgctl.swedish.dates import long_date, time_range, written_time_range
from vvgctl.swedish.labels import ROLE_LABELS, join_names

AGENDA_STATUSES = frozenset({Status.PLANNED, Status.AGENDA})
_SUBHEADING = re.compile(r"^###(?!#)[ \t]+([a-z])[.):]?[ \t]+.*$", re.MULTILINE)


@dataclass
class Part:
    """A lettered sub-item, or the item itself: what is shown under one heading."""

    number: str
    title: str
    kind: str | None
    timebox: str | None
    presenters: str | None
    documents: list[tuple[str, str | None]]
    question: tuple[str, str] | None
    positions_before: list[dict[str, object]]
    positions_after: list[dict[str, object]]
    actions: list[dict[str, str]]
    tables: list[tuple[str | None, str]]
    follow_ups: list[dict[str, str]] = field(default_factory=list)
    closed: list[dict[str, str]] = field(default_factory=list)
    prose: str = ""
    previous: tuple[str, str | None] | None = None


@dataclass
class ItemView(Part):
    subitems: list[Part] = field(default_factory=list)
    interludes: list[str] = field(default_factory=list)
    corrections: list[tuple[str, str]] = field(default_factory=list)


def _kind(content: Item | SubItem) -> str | None:
    """The kind's label, unless it is procedural or merely repeats the title."""
    if content.kind is None or content.kind is ItemKind.PROCEDURAL:
        return None
    label = ITEM_KIND_LABELS[content.kind]
    return None if label.casefold() == content.title.casefold() else label


def _timebox(content: Item | SubItem) -> str | None:
    box = content.timebox
    if box is None:
        return None
    minutes = box.minutes
    if minutes is None and box.start and box.end:
        minutes = (box.end.hour * 60 + box.end.minute) - (box.start.hour * 60 + box.start.minute)
    parts = [f"{minutes} minuter"] if minutes else []
    if box.start and box.end:
        parts.append(written_time_range(box.start, box.end))
    return ", ".join(parts)


def _positions(
    content: Item | SubItem, organs: dict[str, Organ], *, after: bool
) -> list[dict[str, object]]:
    labels = {key: organ.short_name or organ.name for key, organ in organs.items()}
    return [
        {
            "label": decision.label,
            "text": decision.text,
            "parts": [(p.text, p.parts) for p in decision.parts],
            "confirm": confirmation(decision.confirm_by, labels),
        }
        for decision in content.decisions
        if not decision.in_body and decision.after_dialog is after
    ]


def _actions(content: Item | SubItem) -> list[dict[str, str]]:
    return [action_view(action) for action in content.actions if not action.in_body]


def _part(
    content: Item | SubItem,
    number: str,
    organs: dict[str, Organ],
    *,
    agenda: bool,
    closed: dict[str, str] | None = None,
) -> Part:
    labels = {key: organ.short_name or organ.name for key, organ in organs.items()}
    return Part(
        number=number,
        title=content.title,
        kind=_kind(content),
        timebox=_timebox(content),
        presenters=join_names([person(p) for p in content.presenters]) or None,
        documents=[(d.title, d.link) for d in content.documents],
        question=(
            (content.question_label or "Frågeställning", content.question)
            if content.question
            else None
        ),
        positions_before=[] if agenda else _positions(content, organs, after=False),
        positions_after=[] if agenda else _positions(content, organs, after=True),
        actions=[] if agenda else _actions(content),
        tables=[(t.title, grid_table(t) if t.rows else "") for t in content.tables],
        follow_ups=[]
        if agenda
        else [follow_up_view(f, labels) for f in content.follow_ups if not f.in_body],
        closed=[] if agenda else [closed_view(a, closed or {}) for a in content.closes_actions],
    )


def split_subsections(text: str) -> tuple[str, dict[str, str]]:
    """An item's prose -> (text before the first sub-item, {letter: text under '### a)'})."""
    matches = list(_SUBHEADING.finditer(text))
    if not matches:
        return text, {}
    intro = text[: matches[0].start()]
    parts = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        parts[match.group(1)] = text[match.end() : end].strip("\n")
    return intro.strip("\n"), parts


def two_columns(groups: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Delegations in order, split where the two columns' line counts are most even."""
    if not groups:
        return []
    sizes = [1 + len(g["members"]) for g in groups]
    total = sum(sizes)
    best, best_cut, running = total, len(groups), 0
    for cut in range(1, len(groups) + 1):
        running += sizes[cut - 1]
        height = max(running, total - running)
        if height < best:
            best, best_cut = height, cut
    return [groups[:best_cut], groups[best_cut:]] if best_cut < len(groups) else [groups]


def _member(member: RosterMember, absent: set[str], agenda: bool) -> dict[str, Any]:
    """One member's line in the roster, with their role, absence and whom they stand in for."""
    line = f"{member.name}, {member.affiliation}" if member.affiliation else member.name
    notes = [ROLE_LABELS[member.role]] if member.role in ROLE_LABELS else []
    if member.name in absent and not agenda:
        notes.append("förhindrad")
    substitute = None
    if member.substitutes_for:
        who = member.substitutes_for
        substitute = " ".join(x for x in ("ersätter", who.note, who.name) if x)
        if member.substitute_note:
            substitute += f" {member.substitute_note}"
    return {"line": line, "notes": notes, "substitute": substitute}


def _roster(meeting: Meeting, organ: Organ | None, agenda: bool) -> list[dict[str, Any]]:
    """The roster's groups (a delegation each), in order, with their members."""
    absent = {p.name for p in meeting.attendance.absent}
    delegations = {d.id: d.name for d in organ.delegations} if organ else {}
    roster: list[dict[str, Any]] = []
    for group in meeting.roster:
        members = [_member(member, absent, agenda) for member in group.members]
        name = delegations.get(group.delegation, group.delegation) if group.delegation else None
        roster.append({"name": name, "members": members})
    return roster


def _items(
    meeting: Meeting,
    sections: list[Section],
    organs: dict[str, Organ],
    corrections: Corrections,
    *,
    agenda: bool,
    closed: dict[str, str] | None,
) -> list[ItemView]:
    """Every item with its sub-items, its prose, interludes and corrections; the corrections
    approved at this meeting go to the header when no item is the previous minutes."""
    prose_by_number = {s.number: s.text for s in sections if s.number}
    show_prose = not agenda or meeting.status in AGENDA_STATUSES
    items = []
    by_after = interludes(meeting)
    for item in meeting.items:
        base = _part(item, item.number, organs, agenda=agenda, closed=closed)
        view = ItemView(**vars(base))
        prose = escape.prose(prose_by_number.get(item.number, "")) if show_prose else ""
        intro, sub_prose = split_subsections(prose)
        view.prose = intro
        view.subitems = [
            _part(sub, f"{item.number}{sub.number}", organs, agenda=agenda, closed=closed)
            for sub in item.subitems
        ]
        for sub, part in zip(item.subitems, view.subitems, strict=True):
            part.number = sub.number
            part.prose = sub_prose.get(sub.number, "")
        if meeting.previous and is_previous_item(item):
            prev = meeting.previous
            view.previous = (prev.title or f"{prev.date.isoformat()} Mötesanteckning", prev.link)
        view.interludes = by_after.get(item.number, [])
        view.corrections = corrections.at(item.number)
        if meeting.previous and is_previous_item(item) and not agenda:
            view.corrections = view.corrections + approved_corrections(meeting)
        items.append(view)
    if not agenda and not any(meeting.previous and is_previous_item(i) for i in meeting.items):
        corrections.header += approved_corrections(meeting)
    return items


def _organ_name(meeting: Meeting, organ: Organ | None) -> str:
    if organ is None:
        return meeting.organ
    return f"{organ.name} ({organ.short_name})" if organ.short_name else organ.name


def _guests(meeting: Meeting) -> list[str]:
    return [
        (f"{g.name}, {g.organisation}" if g.organisation else g.name)
        + (f" (punkt {', '.join(g.items)})" if g.items else "")
        for g in meeting.invited
    ]


def _schedule(meeting: Meeting) -> list[dict[str, str | None]]:
    """The meeting's dates to come: date, time and place in one line, and a note."""
    schedule: list[dict[str, str | None]] = []
    for slot in meeting.schedule:
        parts = [long_date(slot.date)]
        if slot.time:
            parts.append(time_range(slot.time.start, slot.time.end))
        if slot.place:
            parts.append(slot.place)
        schedule.append({"text": ", ".join(parts), "note": slot.note})
    return schedule


def build_context(
    meeting: Meeting,
    organ: Organ | None,
    sections: list[Section],
    organs: dict[str, Organ],
    *,
    agenda: bool = False,
    closed: dict[str, str] | None = None,
) -> dict[str, object]:
    """The values ``templates/minutes.md.j2`` and ``agenda.md.j2`` lay out; ``closed``: the
    text of each earlier action an item closes, by its id."""
    roster = _roster(meeting, organ, agenda)
    corrections = correction_notes(meeting) if not agenda else Corrections()
    items = _items(meeting, sections, organs, corrections, agenda=agenda, closed=closed)
    return {
        "doctype": "Kallelse" if agenda else (meeting.title or "Mötesanteckning"),
        "organ_name": _organ_name(meeting, organ),
        "date": long_date(meeting.date),
        "time": time_range(meeting.time.start, meeting.time.end) if meeting.time else None,
        "place": meeting.place,
        "mode": MODE_LABELS[meeting.mode],
        "invited_note": meeting.invited_note,
        "guests": _guests(meeting),
        "roster_note": meeting.roster_note,
        "roster": two_columns(roster),
        "absent": [person(p) for p in meeting.attendance.absent],
        "remote": [person(p) for p in meeting.attendance.remote],
        # minutes tell what was; a kallelse (or a meeting not yet held) what will be
        "remote_label": (
            "Deltar på distans"
            if agenda or meeting.status in AGENDA_STATUSES
            else "Deltog på distans"
        ),
        "new_members": [person(p) for p in meeting.attendance.new_members],
        "others": [person(p) for p in meeting.attendance.others],
        "corrections": corrections.header,
        "items": items,
        "schedule": _schedule(meeting),
        "chair": person(meeting.chair) if meeting.chair else None,
        "secretary": person(meeting.secretary) if meeting.secretary else None,
        "approved": (long_date(meeting.approval.meeting) if meeting.approval else None),
        "draft": meeting.status not in (Status.APPROVED, *AGENDA_STATUSES),
        "status": meeting.status.value,
    }


def render_markdown(
    meeting: Meeting,
    organ: Organ | None,
    sections: list[Section],
    organs: dict[str, Organ],
    *,
    agenda: bool = False,
    closed: dict[str, str] | None = None,
) -> str:
    """The Markdown of the minutes (or with ``agenda`` the kallelse) of ``meeting``."""
    context = build_context(meeting, organ, sections, organs, agenda=agenda, closed=closed)
    name = "agenda.md.j2" if agenda else "minutes.md.j2"
    return tidy(render(name, ctx=context))


def tidy(markdown: str) -> str:
    """Runs of blank lines (left by the template's conditionals) become one."""
    return re.sub(r"\n{3,}", "\n\n", markdown).strip("\n") + "\n"
