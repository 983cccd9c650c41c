"""The header of a minutes document: title, organ, date, time, place, invited and the roster."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vvgctl.importer.attendance import attendance_at
from vvgctl.importer.dates import find_date, find_time_range
from vvgctl.importer.delegations import ABBREVIATION, OTHERS, resolve_delegation, slug
from vvgctl.importer.draft import Draft
from vvgctl.importer.people import parse_names, parse_person, strip_markup
from vvgctl.importer.roster import place_groups
from vvgctl.importer.text import Line
from vvgctl.message import Message
from vvgctl.models.registry import Organ
from vvgctl.repository.registry import RegistryIndex, fold
from vvgctl.runtime.i18n import N_

TITLE = re.compile(
    r"^(mötesanteckning(ar)?|minnesanteckning(ar)?|protokoll|anteckningar|"
    r"kallelse|dagordning|mötesprotokoll)\b",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(datum och tid|datum|tid och plats|tid|tidpunkt|klockan|plats|lokal|mötesform|"
    r"möteslokal|inbjudna|inbjuden|kallade|närvarande|deltagare|ledamöter|närvarolista)"
    r"\s*(?::|\t)\s*(.*)$",
    re.IGNORECASE,
)
#: 'Kallade' on its own line, or with its note in brackets: 'Kallade (Se lista)'
_BARE_ROSTER = re.compile(
    r"^(kallade|närvarande|deltagare|ledamöter|närvarolista)\s*"
    r"(?:\((.*)\))?\s*$",
    re.IGNORECASE,
)
_ROSTER_LABELS = {"kallade", "närvarande", "deltagare", "ledamöter", "närvarolista"}
_SEE = re.compile(r"^se (nedan|lista|bilaga|närvarolista)\b", re.IGNORECASE)
_DIGITAL = re.compile(r"teams|zoom|skype|webex|digital|distans|videolänk|länk", re.IGNORECASE)
#: a place and the date: 'Vänersborg 2016-01-20', 'Göteborg, 22 oktober 2025'
_PLACE_DATE = re.compile(
    r"^([A-ZÅÄÖ][\wåäöÅÄÖ.\- ]{1,40}?)(?:,?\s+(\d{4}-\d{2}-\d{2})|,\s+"
    r"(\d{1,2}\s+[a-zåäö]+\.?\s+\d{4}))$"
)
_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
_DATE_TEXT = re.compile(
    r"(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?!\d)|(?<!\d)\d{1,2}\s+[a-zåäö]+\.?\s+"
    r"\d{4}(?!\d)",
    re.IGNORECASE,
)
_FOOTNOTE = re.compile(r"^\s*\*\s+(.*)$")


@dataclass
class Header:
    organ_line: Line | None = None
    organ_text: str | None = None
    is_minutes: bool = False
    roster_groups: list[tuple[str | None, Line | None, list[tuple[Line, str]]]] = field(
        default_factory=list
    )


def guess_organ(text: str, registry: RegistryIndex | None) -> str | None:
    """'Vårdsamverkan Västra Götaland (VVG)' -> 'vvg' by the registry's names and short names."""
    wanted = fold(ABBREVIATION.sub("", text)).strip(" .")
    abbreviations = {fold(a) for a in ABBREVIATION.findall(text)}
    if registry is not None:
        for organ in registry.registry.organs:
            names = {fold(organ.name)} | ({fold(organ.header)} if organ.header else set())
            shorts = {organ.id} | ({fold(organ.short_name)} if organ.short_name else set())
            if wanted in names or abbreviations & shorts or wanted in shorts:
                return organ.id
        for organ in registry.registry.organs:
            if len(fold(organ.name)) > 8 and (
                fold(organ.name) in wanted or wanted in fold(organ.name)
            ):
                return organ.id
        return None
    if abbreviations:
        return sorted(abbreviations)[0]
    return slug(text) or None


def parse_header(
    lines: list[Line], draft: Draft, registry: RegistryIndex | None, organ: str | None = None
) -> Header:
    """Fill the draft's header fields from the lines before the first item."""
    header = Header()
    data = draft.data
    roster_from: int | None = None
    roster_line: Line | None = None
    leftovers: list[Line] = []
    skip_to = 0
    for index, line in enumerate(lines):
        if line.blank or index < skip_to:
            continue
        clean = strip_markup(line.text.lstrip("#").strip())
        if roster_from is not None:
            continue
        if "title" not in data and TITLE.match(clean):
            data["title"] = clean
            draft.credit(("title",), line)
            header.is_minutes = True
            found = find_date(clean)
            if found and "date" not in data:
                data["date"] = found.isoformat()
            continue
        attended = attendance_at(lines, index, draft, registry)
        if attended is not None:
            skip_to = attended
            continue
        label = _LABEL.match(clean) or _BARE_ROSTER.match(clean)
        if not label:
            early = sum(not x.blank for x in lines[:index]) < 3  # among the first lines
            if early and "date" not in data and _dated_line(clean, line, header, draft):
                continue
            if TITLE.match(clean) and clean == data.get("title"):
                draft.credit(("title",), line)
                continue
            if (
                header.organ_line is None
                and len(clean) < 150
                and (organ is not None or guess_organ(clean, registry) is not None)
            ):
                header.organ_line, header.organ_text = line, clean
                continue
            leftovers.append(line)
            continue
        key, value = label.group(1).lower(), (label.group(2) or "").strip()
        if key.startswith("datum") or key in ("tid", "tidpunkt", "klockan", "tid och plats"):
            found = find_date(value)
            header.is_minutes = header.is_minutes or key.startswith("datum") or bool(found)
            times = find_time_range(value)
            if found and "date" not in data:
                data["date"] = found.isoformat()
                draft.credit(("date",), line)
            if times and "time" not in data:
                data["time"] = {"start": times[0], "end": times[1]}
                draft.credit(("time",), line)
            if key == "tid och plats" and "," in value:
                data.setdefault("place", value.rsplit(",", 1)[1].strip())
            if not found and not times:
                leftovers.append(line)
                draft.note(
                    Message(
                        N_("input line {line}: no date or time understood in {text!r}"),
                        {"line": line.no, "text": clean},
                    )
                )
        elif key in ("plats", "lokal", "mötesform", "möteslokal"):
            if value and "place" not in data:
                data["place"] = value
                draft.credit(("place",), line)
            elif value:
                draft.credit(("place",), line)
            else:
                leftovers.append(line)
        elif key.startswith("inbjud") and value:
            _invited(value, line, draft, registry)
        elif key.startswith("inbjud"):
            leftovers.append(line)
        elif key in _ROSTER_LABELS:
            roster_from = index
            roster_line = line if not value else None
            if value and _SEE.match(value):
                data["roster_note"] = value
                draft.credit(("roster_note",), line)
            elif value:
                _inline_roster(value, line, draft, registry)
    if organ is None and header.organ_text:
        guessed = guess_organ(header.organ_text, registry)
        if guessed:
            data["organ"] = guessed
            draft.note(
                Message(
                    N_("organ '{organ}' guessed from {text!r}"),
                    {"organ": guessed, "text": header.organ_text},
                ),
                ("organ",),
            )
    if roster_from is not None:
        _roster_columns(lines[roster_from + 1 :], header, draft, registry)
        if roster_line is not None:
            if "roster" in data:
                draft.credit(("roster",), roster_line)
            else:
                leftovers.append(roster_line)
    draft.preface = leftovers
    return header


def _dated_line(clean: str, line: Line, header: Header, draft: Draft) -> bool:
    """The date where the header's first lines put it: after a place ('Vänersborg 2016-01-20')
    or in a title line ('Regionfullmäktige 27 februari 2024')."""
    data = draft.data
    placed = _PLACE_DATE.match(clean)
    if placed:
        written = placed.group(2) or placed.group(3)
        found = find_date(written)
        if found is None:
            return False
        data["date"] = found.isoformat()
        draft.credit(("date",), line, written)
        if "place" not in data:
            data["place"] = placed.group(1).strip()
            draft.credit(("place",), line, placed.group(1))
        header.is_minutes = True
        return True
    if len(clean) > 100 or clean.endswith((".", ":")) or not _YEAR.search(clean):
        return False
    found = find_date(clean)
    rest = _DATE_TEXT.sub("", clean).strip(" ,–-")
    if found is None or not _DATE_TEXT.search(clean) or not (rest or header.is_minutes):
        return False  # a date alone on a line says it is minutes only under a minutes title
    data["date"] = found.isoformat()
    draft.credit(("date",), line)
    header.is_minutes = True
    if rest and header.organ_line is None:
        header.organ_line, header.organ_text = line, rest
    return True


def _invited(value: str, line: Line, draft: Draft, registry: RegistryIndex | None) -> None:
    people = parse_names(value, registry) if value else None
    if people:
        guests = draft.data.setdefault("invited", [])
        for person in people:
            guest = {"name": person.name}
            if person.organisation:
                guest["organisation"] = person.organisation
            guests.append(guest)
            draft.remember_org(person.name, person.organisation)
        draft.credit(("invited",), line)
    elif value:
        draft.data["invited_note"] = value
        draft.credit(("invited_note",), line)


def _inline_roster(value: str, line: Line, draft: Draft, registry: RegistryIndex | None) -> None:
    """Names on the 'Kallade:' line itself: guests when 'Inbjudna: Se nedan' points here."""
    note = str(draft.data.get("invited_note") or "")
    people = parse_names(value, registry)
    if people and _SEE.match(note):
        _invited(value, line, draft, registry)
        draft.note(
            N_(
                "the names on the 'Kallade:' line were taken as the invited guests "
                "('Inbjudna: Se nedan')"
            ),
            ("invited",),
        )
    else:
        draft.data["roster_note"] = value
        draft.credit(("roster_note",), line)
        if people:
            draft.note(
                N_("names on the 'Kallade:' line were kept as text (roster_note)"), ("roster_note",)
            )


def _roster_columns(
    lines: list[Line], header: Header, draft: Draft, registry: RegistryIndex | None
) -> None:
    columns: dict[int, list[tuple[Line, str, bool]]] = {}  # (line, cell, after a blank line)
    footnotes: list[Line] = []
    skip_to = 0
    after_blank = False
    for index, line in enumerate(lines):
        if line.blank or index < skip_to:
            after_blank = after_blank or line.blank
            continue
        attended = attendance_at(lines, index, draft, registry)
        if attended is not None:
            skip_to = attended
            continue
        if _FOOTNOTE.match(line.text) and "\t" not in line.text:
            footnotes.append(line)
            continue
        for col, cell in enumerate(line.text.split("\t")):
            if cell.strip():
                columns.setdefault(col, []).append((line, cell.strip(), after_blank))
        after_blank = False
    groups: list[tuple[str | None, Line | None, list[tuple[Line, str]]]] = []
    organ = registry.organ(str(draft.data.get("organ", ""))) if registry else None
    for col in sorted(columns):
        current: tuple[str | None, Line | None, list[tuple[Line, str]]] | None = None
        tight = False  # the group's heading and members stand on lines without a blank between
        for line, cell, after_blank in columns[col]:
            if (
                current is not None
                and current[2]
                and (_continues(cell) or _wrapped_word(cell, current[2][-1][1], organ))
            ):
                last_line, last_cell = current[2][-1]  # a member's line wrapped in a column
                current[2][-1] = (last_line, f"{last_cell} {cell}")
                draft.credit(("roster",), line)
                continue
            person = parse_person(cell, registry)
            if person is None or OTHERS.match(strip_markup(cell)):
                current = (strip_markup(cell), Line(line.no, cell), [])
                groups.append(current)
                tight = True
            else:
                if current is None or (
                    after_blank and tight and current[0] is not None and current[2]
                ):
                    # names after a blank line under a tight group, without a heading of
                    # their own: the members who sit in no delegation
                    current = (None, None, [])
                    groups.append(current)
                elif after_blank:
                    tight = False
                current[2].append((line, cell))
    header.roster_groups = groups
    place_groups(groups, footnotes, draft, registry)


#: one word and a note in brackets: the rest of a member's line a narrow column wrapped
_WRAPPED_NOTE = re.compile(
    r"^[\wåäöÅÄÖ-]+\s+\((?:förhind|frånvar|ordf|vice|ersätt|via|digital|"
    r"distans)",
    re.IGNORECASE,
)


def _continues(cell: str) -> bool:
    """Whether a roster line goes on from the member's line above it: '(förhindrad)', a line
    in lower case, 'Universitetssjukhuset (förhindrad)'."""
    clean = strip_markup(cell).strip()
    return clean.startswith("(") or clean[:1].islower() or bool(_WRAPPED_NOTE.match(clean))


def _wrapped_word(cell: str, above: str, organ: Organ | None) -> bool:
    """One word under a member's line that ends in an affiliation ('Helen Nordling,
    Boråsregionens' / 'Sjuhäradskommunalförbund'), when the registry knows the organ's
    delegations and the word is none of them."""
    clean = strip_markup(cell).strip()
    return (
        organ is not None
        and bool(organ.delegations)
        and " " not in clean
        and "," in above
        and not above.rstrip().endswith(")")
        and resolve_delegation(clean, organ) is None
    )


def finish_mode(draft: Draft) -> None:
    """Mode from the place and the remote attendees: remote, hybrid or in person."""
    data = draft.data
    place = str(data.get("place") or "")
    remote = bool(data.get("attendance", {}).get("remote"))
    if "hybrid" in place.lower():
        data["mode"] = "hybrid"
    elif _DIGITAL.search(place):
        physical = _DIGITAL.sub(
            "", re.sub(r"\b(via|och|samt|digitalt?|möte|mötet)\b", "", place, flags=re.IGNORECASE)
        )
        data["mode"] = "hybrid" if re.search(r"\w{3,}", physical) else "remote"
    else:
        data["mode"] = "hybrid" if remote else "in_person"
