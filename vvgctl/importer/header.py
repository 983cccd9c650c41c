"""The header of a minutes document: title, organ, date, time, place, invited and the roster."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vvgctl.importer.attendance import attendance_at
from vvgctl.importer.dates import find_date, find_time_range
from vvgctl.importer.delegations import ABBREVIATION, slug
from vvgctl.importer.draft import Draft
from vvgctl.importer.people import parse_names, strip_markup
from vvgctl.importer.roster_columns import read_roster
from vvgctl.importer.text import Line
from vvgctl.message import Message
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
    reader = _HeaderReader(draft, registry, organ)
    skip_to = 0
    for index, line in enumerate(lines):
        if line.blank or index < skip_to:
            continue
        clean = strip_markup(line.text.lstrip("#").strip())
        if reader.roster_from is not None:
            continue
        if "title" not in draft.data and TITLE.match(clean):
            reader.title(line, clean)
            continue
        attended = attendance_at(lines, index, draft, registry)
        if attended is not None:
            skip_to = attended
            continue
        label = _LABEL.match(clean) or _BARE_ROSTER.match(clean)
        if not label:
            early = sum(not x.blank for x in lines[:index]) < 3  # among the first lines
            reader.unlabelled(line, clean, early)
            continue
        key, value = label.group(1).lower(), (label.group(2) or "").strip()
        reader.labelled(index, line, clean, key, value)
    reader.organ_from_header()
    if reader.roster_from is not None:
        reader.roster(lines[reader.roster_from + 1 :])
    draft.preface = reader.leftovers
    return reader.header


@dataclass
class _HeaderReader:
    """The walk over the header's lines: what it fills in and what it leaves (the lines it
    did not understand, and where the roster starts)."""

    draft: Draft
    registry: RegistryIndex | None
    organ: str | None
    header: Header = field(default_factory=Header)
    leftovers: list[Line] = field(default_factory=list)
    #: the index of the roster's label line, and the line when the label stands alone
    roster_from: int | None = None
    roster_line: Line | None = None

    def title(self, line: Line, clean: str) -> None:
        """'Mötesanteckning …': the title, perhaps with the date in it."""
        data = self.draft.data
        data["title"] = clean
        self.draft.credit(("title",), line)
        self.header.is_minutes = True
        found = find_date(clean)
        if found and "date" not in data:
            data["date"] = found.isoformat()

    def unlabelled(self, line: Line, clean: str, early: bool) -> None:
        """A line without a label: a date, the title again, the organ's name, or left over."""
        data, header = self.draft.data, self.header
        if early and "date" not in data and _dated_line(clean, line, header, self.draft):
            return
        if TITLE.match(clean) and clean == data.get("title"):
            self.draft.credit(("title",), line)
            return
        if (
            header.organ_line is None
            and len(clean) < 150
            and (self.organ is not None or guess_organ(clean, self.registry) is not None)
        ):
            header.organ_line, header.organ_text = line, clean
            return
        self.leftovers.append(line)

    def labelled(self, index: int, line: Line, clean: str, key: str, value: str) -> None:
        """A line with a label ('Datum:', 'Plats:', 'Inbjudna:', 'Kallade:'), by its label."""
        data = self.draft.data
        if key.startswith("datum") or key in ("tid", "tidpunkt", "klockan", "tid och plats"):
            self.date_and_time(line, clean, key, value)
        elif key in ("plats", "lokal", "mötesform", "möteslokal"):
            if value and "place" not in data:
                data["place"] = value
                self.draft.credit(("place",), line)
            elif value:
                self.draft.credit(("place",), line)
            else:
                self.leftovers.append(line)
        elif key.startswith("inbjud") and value:
            _invited(value, line, self.draft, self.registry)
        elif key.startswith("inbjud"):
            self.leftovers.append(line)
        elif key in _ROSTER_LABELS:
            self.roster_from = index
            self.roster_line = line if not value else None
            if value and _SEE.match(value):
                data["roster_note"] = value
                self.draft.credit(("roster_note",), line)
            elif value:
                _inline_roster(value, line, self.draft, self.registry)

    def date_and_time(self, line: Line, clean: str, key: str, value: str) -> None:
        """'Datum: …', 'Tid: …', 'Tid och plats: …': the date, the time and perhaps the place."""
        data, draft = self.draft.data, self.draft
        found = find_date(value)
        self.header.is_minutes = self.header.is_minutes or key.startswith("datum") or bool(found)
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
            self.leftovers.append(line)
            draft.note(
                Message(
                    N_("input line {line}: no date or time understood in {text!r}"),
                    {"line": line.no, "text": clean},
                )
            )

    def organ_from_header(self) -> None:
        """The organ from the line that names it, when no --organ was given."""
        text = self.header.organ_text
        if self.organ is not None or not text:
            return
        guessed = guess_organ(text, self.registry)
        if guessed:
            self.draft.data["organ"] = guessed
            self.draft.note(
                Message(
                    N_("organ '{organ}' guessed from {text!r}"), {"organ": guessed, "text": text}
                ),
                ("organ",),
            )

    def roster(self, lines: list[Line]) -> None:
        """The roster in the lines after its label; the label alone on its line is credited
        to it, or left over when no roster was read."""
        self.header.roster_groups = read_roster(lines, self.draft, self.registry)
        if self.roster_line is not None:
            if "roster" in self.draft.data:
                self.draft.credit(("roster",), self.roster_line)
            else:
                self.leftovers.append(self.roster_line)


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
