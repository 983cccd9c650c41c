"""A meeting record: the front matter of one minutes file (mötesanteckning or kallelse)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated

from pydantic import Field, model_validator

from vvgctl.models.common import Identifier, ItemNumber, Link, Model, PersonField, TimeRange
from vvgctl.models.item import Item, SubItem
from vvgctl.runtime.i18n import N_


class Status(str, enum.Enum):
    """Where a record stands: only ``approved`` records are published."""

    PLANNED = "planned"
    AGENDA = "agenda"
    DRAFT = "draft"
    REVIEW = "review"
    APPROVED = "approved"


STATUS_LABELS = {
    Status.PLANNED: "Planerat",
    Status.AGENDA: "Kallelse",
    Status.DRAFT: "Utkast",
    Status.REVIEW: "Under granskning",
    Status.APPROVED: "Godkänd",
}


class MeetingMode(str, enum.Enum):
    IN_PERSON = "in_person"
    REMOTE = "remote"
    HYBRID = "hybrid"


MODE_LABELS = {
    MeetingMode.IN_PERSON: "Fysiskt möte",
    MeetingMode.REMOTE: "Digitalt",
    MeetingMode.HYBRID: "Hybridmöte",
}


class Interlude(Model):
    """An entry that is not an item: a pause, a note that items were reordered."""

    after: ItemNumber = Field(title="Efter punkt")
    kind: str = Field("pause", pattern=r"^(pause|reordered|note)$", title="Slag")
    text: str = Field("Paus", title="Text")
    time: TimeRange | None = Field(None, title="Tid")


class Guest(Model):
    """An invited guest (inbjuden), for the given items."""

    name: str = Field(min_length=2, title="Namn")
    organisation: str | None = Field(None, title="Organisation")
    items: list[ItemNumber] = Field(default_factory=list, title="Punkter")


class RosterMember(Model):
    """One line of the roster (kallade)."""

    name: str = Field(min_length=2, title="Namn")
    affiliation: str | None = Field(None, title="Organisation/uppdrag")
    role: str | None = Field(
        None, pattern=r"^(chair|vice_chair|member|secretary|substitute)$", title="Roll"
    )
    substitutes_for: PersonField | None = Field(None, title="Ersätter")
    substitute_note: str | None = Field(
        None, title="Anmärkning om ersättare", description="T.ex. 'vid behov'"
    )


class RosterGroup(Model):
    """A delegation and its members, as in the roster's columns; without a delegation, the
    organ's members who sit in none (an organ without delegations has only this group)."""

    delegation: Identifier | None = Field(
        None,
        title="Delegation",
        description="Delegationens id i registret; utelämnad: ledamöter utan delegation",
    )
    members: list[RosterMember] = Field(default_factory=list, title="Ledamöter")


class Attendance(Model):
    absent: list[PersonField] = Field(default_factory=list, title="Frånvarande")
    remote: list[PersonField] = Field(default_factory=list, title="Deltar på distans")
    new_members: list[PersonField] = Field(default_factory=list, title="Nya ledamöter")
    others: list[PersonField] = Field(default_factory=list, title="Övriga deltagare")


class Correction(Model):
    """A correction made when minutes were approved, quoting the changed sentence."""

    text: str = Field(min_length=1, title="Rättelse")
    quote: str | None = Field(None, title="Citat", description="Meningen som ändrades")
    replacement: str | None = Field(None, title="Ny lydelse")
    item: ItemNumber | None = Field(None, title="Punkt")


class PreviousMinutes(Model):
    """Link to the organ's previous minutes and how they were approved."""

    date: dt.date = Field(title="Datum")
    title: str | None = Field(None, title="Rubrik")
    link: Link | None = Field(None, title="Länk")
    approved: bool = Field(True, title="Godkända")
    corrections: list[Correction] = Field(default_factory=list, title="Rättelser")


class Approval(Model):
    """When and where these minutes were approved."""

    meeting: dt.date = Field(title="Godkänd vid mötet")
    corrections: list[Correction] = Field(default_factory=list, title="Rättelser")


class ScheduledMeeting(Model):
    """One line of 'Mötestider'."""

    date: dt.date = Field(title="Datum")
    time: TimeRange | None = Field(None, title="Tid")
    place: str | None = Field(None, title="Plats")
    note: str | None = Field(None, title="Ändring")


class LocalPerson(Model):
    """A person named by this record who is not (yet) in the registry."""

    name: str = Field(min_length=2, title="Namn")
    organisation: str | None = Field(None, title="Organisation")
    probable_match: str | None = Field(
        None, title="Troligen samma som", description="Ett namn i registret som liknar detta"
    )


class ImportedFrom(Model):
    """The document a draft was imported from: `vvgctl import` skips a file whose content it
    has imported before (by this digest)."""

    name: str = Field(min_length=1, title="Filnamn", description="Dokumentets filnamn")
    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        title="SHA-256",
        description="Kontrollsumman av dokumentets innehåll",
    )


class Meeting(Model):
    """A meeting record: kallelse (agenda) or mötesanteckning (minutes)."""

    organ: Identifier = Field(title="Organ", description="Organets id, t.ex. 'styrgrupp'")
    title: str | None = Field(None, title="Dokumentrubrik", description="Normalt 'Mötesanteckning'")
    date: dt.date = Field(title="Datum")
    time: TimeRange | None = Field(None, title="Tid")
    place: str = Field(min_length=1, title="Plats", description="'Teams', en adress eller lokal")
    mode: MeetingMode = Field(title="Mötesform")
    status: Status = Field(title="Status")
    chair: PersonField | None = Field(None, title="Ordförande")
    secretary: PersonField | None = Field(None, title="Mötesanteckning av")
    invited_note: str | None = Field(None, title="Inbjudna (text)", description="T.ex. 'Se nedan'")
    invited: list[Guest] = Field(default_factory=list, title="Inbjudna")
    roster_note: str | None = Field(None, title="Kallade (text)")
    roster: list[RosterGroup] = Field(default_factory=list, title="Kallade")
    attendance: Attendance = Field(default_factory=Attendance, title="Närvaro")
    previous: PreviousMinutes | None = Field(None, title="Föregående mötesanteckning")
    approval: Approval | None = Field(None, title="Godkännande")
    items: list[Item] = Field(default_factory=list, title="Ärenden")
    interludes: list[Interlude] = Field(default_factory=list, title="Övriga inslag")
    schedule: list[ScheduledMeeting] = Field(default_factory=list, title="Mötestider")
    people: list[LocalPerson] = Field(
        default_factory=list,
        title="Personer utanför registret",
        description="Namn som ännu inte finns i registret (t.ex. från en import); "
        "flytta dem till registry/people.yaml vid granskningen",
    )
    imported_from: ImportedFrom | None = Field(
        None,
        title="Importerad från",
        description="Dokumentet som utkastet importerades från och dess kontrollsumma",
    )

    @model_validator(mode="after")
    def _approval_fits_status(self) -> Meeting:
        if self.approval is not None and self.status is not Status.APPROVED:
            raise ValueError(N_("'approval' is set but the status is not 'approved'"))
        return self

    def named_people(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every person the record names, with the field path where it stands."""
        found: list[tuple[tuple[str | int, ...], str]] = []
        if self.chair:
            found.append((("chair",), self.chair.name))
        if self.secretary:
            found.append((("secretary",), self.secretary.name))
        for g, guest in enumerate(self.invited):
            found.append((("invited", g, "name"), guest.name))
        for r, group in enumerate(self.roster):
            for m, member in enumerate(group.members):
                found.append((("roster", r, "members", m, "name"), member.name))
                if member.substitutes_for:
                    found.append(
                        (
                            ("roster", r, "members", m, "substitutes_for"),
                            member.substitutes_for.name,
                        )
                    )
        for key in ("absent", "remote", "new_members", "others"):
            for i, person in enumerate(getattr(self.attendance, key)):
                found.append((("attendance", key, i), person.name))
        for i, item in enumerate(self.items):
            contents: list[tuple[tuple[str | int, ...], Item | SubItem]] = [(("items", i), item)]
            contents += [(("items", i, "subitems", s), sub) for s, sub in enumerate(item.subitems)]
            for base, content in contents:
                for p, person in enumerate(content.presenters):
                    found.append(((*base, "presenters", p), person.name))
                for a, action in enumerate(content.actions):
                    if action.owner:
                        found.append(((*base, "actions", a, "owner"), action.owner.name))
        return found


MeetingDate = Annotated[dt.date, Field(title="Datum")]
