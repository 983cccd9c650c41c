"""Attendance lists under their labels: absent, remote, new members.

The names follow the label on its line (``Frånvarande: A, B och C``) or stand one a line below
it (``Deltar på distans`` over a column of names); the labels are the synonym tables of
:mod:`vocabulary`. Read the same way in the header and in an item (``a) Närvaro``).
"""

from __future__ import annotations

import re

from vvgctl.importer import labels as L
from vvgctl.importer.draft import Draft
from vvgctl.importer.people import NamedPerson, parse_names, strip_markup
from vvgctl.importer.text import Line
from vvgctl.message import Message
from vvgctl.repository.registry import RegistryIndex
from vvgctl.runtime.i18n import N_

LISTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (L.ABSENT, "absent"),
    (L.REMOTE, "remote"),
    (L.NEW_MEMBERS, "new_members"),
)


def _clean(line: Line) -> str:
    return strip_markup(line.text.strip().lstrip("#").strip().lstrip("-•").strip())


def is_attendance(line: Line) -> bool:
    clean = _clean(line)
    return any(pattern.match(clean) for pattern, _ in LISTS)


def _one_a_line(
    lines: list[Line], j: int, registry: RegistryIndex | None
) -> tuple[list[NamedPerson], list[Line], int]:
    people: list[NamedPerson] = []
    used: list[Line] = []
    end = j + 1
    k = j + 1
    while k < len(lines):
        if lines[k].blank:
            k += 1
            continue
        clean = _clean(lines[k])
        found = parse_names(clean, registry) if ":" not in clean else None
        if not found or is_attendance(lines[k]):
            break
        people += found
        used.append(lines[k])
        end = k = k + 1
    return people, used, end


def _cut_short(value: str) -> bool:
    """A list that a line break cut: it ends in ',' or 'och', or in a lone first name."""
    last = re.split(r",|\boch\b", value)[-1].strip()
    return value.rstrip().endswith((",", " och")) or bool(re.fullmatch(r"[A-ZÅÄÖ][\wåäö-]+", last))


def _wrapped(lines: list[Line], j: int, value: str, draft: Draft) -> tuple[str, list[Line], int]:
    """The names after the label, with the lines a wrapped list goes on over ('…, Marie' /
    'Blomqvist, Rose-Marie Sandberg och Ritva Gonzales'); an unsure note when it seems cut."""
    used: list[Line] = []
    k = j + 1
    while _cut_short(value) and k < len(lines) and not lines[k].blank:
        nxt = _clean(lines[k])
        if ":" in nxt or is_attendance(lines[k]) or re.match(r"^(#|\d+[.)]|[a-z][.)]\s)", nxt):
            break
        value = f"{value} {nxt}"
        used.append(lines[k])
        k += 1
    if _cut_short(value):
        draft.note(
            Message(
                N_(
                    "input line {line}: the list of names may go on past its line; "
                    "check its last names"
                ),
                {"line": lines[j].no},
            )
        )
    return value, used, k


def attendance_at(
    lines: list[Line], j: int, draft: Draft, registry: RegistryIndex | None
) -> int | None:
    """Read the attendance list labelled on line ``j``; the index after it, or None."""
    clean = _clean(lines[j])
    found = next(((m, key) for pattern, key in LISTS for m in [pattern.match(clean)] if m), None)
    if found is None:
        return None
    match, key = found
    value = (match.group(2) or "").strip()
    used = [lines[j]]
    if value:
        value, more, end = _wrapped(lines, j, value, draft)
        used += more
        people = parse_names(value, registry)
    else:
        people, more, end = _one_a_line(lines, j, registry)
        used += more
    if not people:
        return None
    attendance = draft.data.setdefault("attendance", {})
    names = attendance.setdefault(key, [])
    for person in people:
        if person.name not in names:
            names.append(person.name)
        draft.remember_org(person.name, person.organisation)
    for line in used:
        draft.credit(("attendance", key), line)
    return end
