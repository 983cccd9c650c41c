"""The roster (kallade): delegation headings and members, with roles and attendance marks."""

from __future__ import annotations

import re
from typing import Any

from vvgctl.importer import labels as L
from vvgctl.importer.delegations import ABBREVIATION, OTHERS, resolve_delegation, slug
from vvgctl.importer.draft import Draft
from vvgctl.importer.people import (
    ORG_WORDS,
    NamedPerson,
    looks_like_name,
    parse_person,
    strip_markup,
)
from vvgctl.importer.text import Line
from vvgctl.message import Message
from vvgctl.repository.registry import RegistryIndex, fold
from vvgctl.runtime.i18n import N_

_SUBSTITUTE = re.compile(r"^ersätt(?:er|are för)\s+(.+)$", re.IGNORECASE)

Group = tuple[str | None, Line | None, list[tuple[Line, str]]]


def heading_id(heading: str) -> str | None:
    """An id for a delegation heading when there is no registry: its abbreviation or a slug."""
    for abbreviation in ABBREVIATION.findall(heading):
        if fold(abbreviation) not in ORG_WORDS:
            return fold(abbreviation)
    return slug(heading) or None


def role_of(notes: list[str]) -> str | None:
    for note in notes:
        lowered = note.lower()
        if "vice ordförande" in lowered:
            return "vice_chair"
        if "ordförande" in lowered:
            return "chair"
        if "sekreterare" in lowered:
            return "secretary"
    return None


def trailing_name(text: str, registry: RegistryIndex | None) -> str | None:
    """The name at the end of 'ersätter hälso- och sjukvårdsdirektör Karin Looström Muth'."""
    tokens = strip_markup(text).rstrip(" .").split()
    for size in (4, 3, 2):
        if len(tokens) >= size and looks_like_name(" ".join(tokens[-size:]), registry):
            return " ".join(tokens[-size:])
    return None


def _substitute(notes: list[str], registry: RegistryIndex | None) -> tuple[str, str | None] | None:
    for note in notes:
        match = _SUBSTITUTE.match(note.strip())
        if not match:
            continue
        words = match.group(1).split()
        for size in range(min(4, len(words)), 1, -1):
            name = " ".join(words[:size])
            if looks_like_name(name, registry):
                return name, " ".join(words[size:]).strip() or None
    return None


def member_entry(
    person: NamedPerson, draft: Draft, registry: RegistryIndex | None
) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": person.name}
    if person.organisation:
        entry["affiliation"] = person.organisation
    role = role_of(person.notes)
    substitute = _substitute(person.notes, registry)
    if substitute:
        entry["role"] = "substitute"
        entry["substitutes_for"] = substitute[0]
        if substitute[1]:
            entry["substitute_note"] = substitute[1]
    if role:
        entry["role"] = role
    if role == "chair":
        draft.data["chair"] = person.name
    attendance = draft.data.setdefault("attendance", {})
    if any(L.ABSENT_MARK.search(n) for n in person.notes):
        attendance.setdefault("absent", []).append(person.name)
    elif any(L.REMOTE_MARK.search(n) for n in person.notes):
        attendance.setdefault("remote", []).append(person.name)
    draft.remember_org(person.name, person.organisation)
    return entry


def place_groups(
    groups: list[Group], footnotes: list[Line], draft: Draft, registry: RegistryIndex | None
) -> None:
    organ = registry.organ(draft.data.get("organ", "")) if registry else None
    roster: list[dict[str, Any]] = []
    footnoted: list[tuple[tuple[str | int, ...], dict[str, Any]]] = []
    for heading, heading_line, members in groups:
        if heading is not None and OTHERS.match(heading):
            others = draft.data.setdefault("attendance", {}).setdefault("others", [])
            if heading_line:
                draft.credit(("attendance", "others"), heading_line)
            for line, cell in members:
                person = parse_person(cell, registry)
                if person is None:
                    draft.to_review([Line(line.no, cell)])
                    continue
                others.append(
                    person.name
                    if not person.organisation
                    else {"name": person.name, "organisation": person.organisation}
                )
                draft.remember_org(person.name, person.organisation)
                draft.credit(("attendance", "others", len(others) - 1), line, cell)
            continue
        if heading is None:  # 'Närvarande' over names: the members who sit in no delegation
            _place_members(members, {"members": []}, roster, draft, registry, footnoted)
            continue
        if registry is not None:
            delegation = resolve_delegation(heading, organ)
        else:
            delegation = heading_id(heading)
        if delegation is None:
            pieces = [heading_line] if heading_line and heading else []
            pieces += [Line(line.no, cell) for line, cell in members]
            where = f"'{heading}'"
            draft.to_review(
                pieces,
                Message(
                    N_("roster group {group} matches no delegation of {organ}; kept for review"),
                    {"group": where, "organ": draft.data.get("organ")},
                ),
            )
            continue
        index = len(roster)
        group: dict[str, Any] = {"delegation": delegation, "members": []}
        if heading_line is not None and heading:
            draft.credit(("roster", index, "delegation"), heading_line)
        if registry is None:
            draft.note(
                Message(
                    N_(
                        "delegation id {delegation!r} made from {heading!r} (no registry to "
                        "match it against)"
                    ),
                    {"delegation": delegation, "heading": heading},
                ),
                ("roster", index, "delegation"),
            )
        _place_members(members, group, roster, draft, registry, footnoted)
    if roster:
        draft.data["roster"] = roster
    _footnotes(footnotes, footnoted, draft, registry)


def _place_members(
    members: list[tuple[Line, str]],
    group: dict[str, Any],
    roster: list[dict[str, Any]],
    draft: Draft,
    registry: RegistryIndex | None,
    footnoted: list[tuple[tuple[str | int, ...], dict[str, Any]]],
) -> None:
    index = len(roster)
    roster.append(group)
    for line, cell in members:
        person = parse_person(cell, registry)
        if person is None:  # pragma: no cover - grouping already parsed it
            draft.to_review([Line(line.no, cell)])
            continue
        entry = member_entry(person, draft, registry)
        path: tuple[str | int, ...] = ("roster", index, "members", len(group["members"]))
        group["members"].append(entry)
        draft.credit(path, line, cell)
        if person.footnote:
            footnoted.append((path, entry))


def _footnotes(
    footnotes: list[Line],
    footnoted: list[tuple[tuple[str | int, ...], dict[str, Any]]],
    draft: Draft,
    registry: RegistryIndex | None,
) -> None:
    for number, line in enumerate(footnotes):
        name = trailing_name(line.text, registry)
        if number < len(footnoted) and name and re.search(r"ersätt", line.text, re.IGNORECASE):
            path, entry = footnoted[number]
            entry["substitutes_for"] = name
            draft.credit(path, line)
        else:
            draft.to_review([line], N_("a footnote of the roster was not understood"))
