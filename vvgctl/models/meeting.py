"""A meeting record: the front matter of one minutes file (mötesanteckning or kallelse)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated

from pydantic import Field, model_validator

from vvgctl.models.common import (
    CaseId,
    Identifier,
    ItemNumber,
    Link,
    MeetingTarget,
    Model,
    PersonField,
    SubItemLetter,
    TimeOfDay,
    TimeRange,
)


class Status(str, enum.Enum):
    """Where a record stands: only ``approved`` records are published."""

    PLANNED = "planned"
    AGENDA = "agenda"
    DRAFT = "draft"
    REVIEW = "review"
    APPROVED = "approved"


STATUS_LABELS = {
    Status.PLANNED: "Planerat", Status.AGENDA: "Kallelse", Status.DRAFT: "Utkast",
    Status.REVIEW: "Under granskning", Status.APPROVED: "Godkänd",
}


class MeetingMode(str, enum.Enum):
    IN_PERSON = "in_person"
    REMOTE = "remote"
    HYBRID = "hybrid"


MODE_LABELS = {
    MeetingMode.IN_PERSON: "Fysiskt möte", MeetingMode.REMOTE: "Digitalt",
    MeetingMode.HYBRID: "Hybridmöte",
}


class ItemKind(str, enum.Enum):
    """The kind of an agenda item, as the minutes label it."""

    PROCEDURAL = "procedural"
    INFORMATION = "information"
    DIALOG = "dialog"
    INFORMATION_AND_DIALOG = "information_and_dialog"
    INFORMATION_AND_DECISION = "information_and_decision"
    DECISION = "decision"
    WRITTEN_INFORMATION = "written_information"
    OTHER_QUESTION = "other_question"
    NOTIFICATION = "notification"


ITEM_KIND_LABELS = {
    ItemKind.PROCEDURAL: "Mötesformalia",
    ItemKind.INFORMATION: "Information",
    ItemKind.DIALOG: "Dialog",
    ItemKind.INFORMATION_AND_DIALOG: "Information och dialog",
    ItemKind.INFORMATION_AND_DECISION: "Information och ställningstagande",
    ItemKind.DECISION: "Ställningstagande",
    ItemKind.WRITTEN_INFORMATION: "Skriftlig information utan föredragning",
    ItemKind.OTHER_QUESTION: "Övrig fråga",
    ItemKind.NOTIFICATION: "Anmälningsärende",
}

#: kinds whose item must carry a position once the minutes are approved
KINDS_REQUIRING_DECISION = frozenset({ItemKind.INFORMATION_AND_DECISION, ItemKind.DECISION})


class DecisionType(str, enum.Enum):
    """What a position (ställningstagande) does."""

    NOTED = "noted"
    ENDORSED = "endorsed"
    APPROVED = "approved"
    RECOMMENDED = "recommended"
    ASSIGNED = "assigned"
    REFERRED = "referred"
    POSTPONED = "postponed"
    REJECTED = "rejected"
    OTHER = "other"


DECISION_TYPE_LABELS = {
    DecisionType.NOTED: "Noterar informationen",
    DecisionType.ENDORSED: "Ställer sig bakom",
    DecisionType.APPROVED: "Godkänner",
    DecisionType.RECOMMENDED: "Rekommenderar",
    DecisionType.ASSIGNED: "Ger uppdrag",
    DecisionType.REFERRED: "Återförs till beredningen",
    DecisionType.POSTPONED: "Bordläggs",
    DecisionType.REJECTED: "Avslår",
    DecisionType.OTHER: "Övrigt",
}


class DocumentRef(Model):
    """An attached document (handling): its title and, where there is one, its link."""

    title: str = Field(min_length=1, title="Titel")
    link: Link | None = Field(None, title="Länk")


class DecisionPart(Model):
    """One numbered part of a multi-part position, with its own sub-positions."""

    text: str = Field(min_length=1, title="Text")
    parts: list[str] = Field(default_factory=list, title="Delar",
                             description="Underställningstaganden (a, b, …)")


class Decision(Model):
    """A formal position (ställningstagande; older minutes say beslut)."""

    type: DecisionType = Field(title="Typ", description="Vad ställningstagandet gör")
    text: str = Field(min_length=1, title="Text", description="Ställningstagandet ordagrant")
    parts: list[DecisionPart] = Field(default_factory=list, title="Numrerade delar")
    label: str = Field("Ställningstagande", title="Rubrik",
                       description="'Ställningstagande', eller 'Beslut' i äldre anteckningar")
    after_dialog: bool = Field(False, title="Efter dialogen",
                               description="Ett andra, detaljerat ställningstagande efter dialogen")
    confirm_by: Identifier | None = Field(
        None, title="Bekräftas av",
        description="Organ som tar det slutgiltiga ställningstagandet, t.ex. 'sro'")
    deadline: dt.date | None = Field(None, title="Tidsgräns",
                                     description="Datum som ställningstagandet sätter")
    governing_documents: list[Identifier] = Field(
        default_factory=list, title="Styrdokument",
        description="Id:n i registret över länsgemensamma styrdokument")
    in_body: bool = Field(
        False, title="Står i brödtexten",
        description="Ställningstagandet står ordagrant i brödtexten (t.ex. i styrgruppens "
                    "inspel) och ska inte upprepas när anteckningen återges")


class Action(Model):
    """Something someone is to do, e.g. 'Inför nästa möte'."""

    id: Identifier | None = Field(None, title="Id", description="För att senare möten ska kunna "
                                  "hänvisa till och stänga åtgärden")
    text: str = Field(min_length=1, title="Åtgärd")
    label: str | None = Field(None, title="Rubrik", description="T.ex. 'Inför nästa möte'")
    owner: PersonField | None = Field(None, title="Ansvarig")
    owner_group: str | None = Field(None, title="Ansvarig grupp", description="T.ex. 'Beredningen'")
    due: dt.date | None = Field(None, title="Senast")
    due_meeting: MeetingTarget | None = Field(None, title="Till möte")
    in_body: bool = Field(
        False, title="Står i brödtexten",
        description="Åtgärden står ordagrant i brödtexten och ska inte upprepas när "
                    "anteckningen återges")


class FollowUp(Model):
    """A topic aimed at a named later meeting ('presenteras vid mötet i december')."""

    text: str = Field(min_length=1, title="Vad")
    meeting: MeetingTarget = Field(title="Möte")
    organ: Identifier | None = Field(None, title="Organ", description="Om annat än mötets eget")
    case: CaseId | None = Field(None, title="Ärende")


class TableRow(Model):
    label: str = Field(title="Rad")
    cells: list[list[str]] = Field(title="Celler", description="En lista med rader per kolumn")


class Table(Model):
    """Written information kept as data, e.g. the årshjul of seed 000."""

    title: str | None = Field(None, title="Rubrik")
    columns: list[str] = Field(min_length=1, title="Kolumner")
    rows: list[TableRow] = Field(default_factory=list, title="Rader")

    @model_validator(mode="after")
    def _widths(self) -> Table:
        for row in self.rows:
            if len(row.cells) != len(self.columns):
                raise ValueError(
                    f"row {row.label!r} has {len(row.cells)} cells for "
                    f"{len(self.columns)} columns"
                )
        return self


class Timebox(Model):
    """The time set aside for an item: '30 minuter, kl. 09.05 – 09.35'."""

    minutes: int | None = Field(None, ge=1, le=600, title="Minuter")
    start: TimeOfDay | None = Field(None, title="Start")
    end: TimeOfDay | None = Field(None, title="Slut")

    @model_validator(mode="after")
    def _consistent(self) -> Timebox:
        if self.start and self.end:
            if self.end <= self.start:
                raise ValueError(f"the timebox ends ({self.end:%H:%M}) before it starts")
            span = (self.end.hour * 60 + self.end.minute) - (
                self.start.hour * 60 + self.start.minute)
            if self.minutes is not None and self.minutes != span:
                raise ValueError(
                    f"{self.minutes} minutes does not match {self.start:%H:%M}–{self.end:%H:%M}"
                    f" ({span} minutes)")
        elif self.minutes is None:
            raise ValueError("give the minutes, or a start and an end")
        return self


class _ItemContent(Model):
    title: str = Field(min_length=1, title="Rubrik")
    kind: ItemKind | None = Field(None, title="Typ av ärende")
    timebox: Timebox | None = Field(None, title="Tidsram")
    presenters: list[PersonField] = Field(default_factory=list, title="Föredragande")
    documents: list[DocumentRef] = Field(default_factory=list, title="Handlingar")
    case: CaseId | None = Field(None, title="Ärende")
    question: str | None = Field(None, title="Frågeställning",
                                 description="'Frågeställning:' eller 'Fråga till styrgruppen:'")
    question_label: str | None = Field(
        None, title="Rubrik för frågeställningen",
        description="Rubriken som handlingen använder, t.ex. 'Fråga till styrgruppen'; "
                    "utelämnad betyder 'Frågeställning'")
    decisions: list[Decision] = Field(default_factory=list, title="Ställningstaganden")
    actions: list[Action] = Field(default_factory=list, title="Åtgärder")
    follow_ups: list[FollowUp] = Field(default_factory=list, title="Uppföljning")
    closes_actions: list[Identifier] = Field(default_factory=list, title="Stänger åtgärder",
                                             description="Id:n på tidigare åtgärder som är klara")
    tables: list[Table] = Field(default_factory=list, title="Tabeller")


class SubItem(_ItemContent):
    """A lettered sub-item (1 a, 1 b …)."""

    number: SubItemLetter


class Item(_ItemContent):
    """A numbered agenda item (ärende)."""

    number: ItemNumber
    subitems: list[SubItem] = Field(default_factory=list, title="Underpunkter")


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
    role: str | None = Field(None, pattern=r"^(chair|vice_chair|member|secretary|substitute)$",
                             title="Roll")
    substitutes_for: PersonField | None = Field(None, title="Ersätter")
    substitute_note: str | None = Field(None, title="Anmärkning om ersättare",
                                        description="T.ex. 'vid behov'")


class RosterGroup(Model):
    """A delegation and its members, as in the roster's columns."""

    delegation: Identifier = Field(title="Delegation")
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
    probable_match: str | None = Field(None, title="Troligen samma som",
                                       description="Ett namn i registret som liknar detta")


class Meeting(Model):
    """A meeting record: kallelse (agenda) or mötesanteckning (minutes)."""

    organ: Identifier = Field(title="Organ", description="Organets id i registret, t.ex. 'vvg'")
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
        default_factory=list, title="Personer utanför registret",
        description="Namn som ännu inte finns i registret (t.ex. från en import); "
                    "flytta dem till registry/people.yaml vid granskningen")

    @model_validator(mode="after")
    def _approval_fits_status(self) -> Meeting:
        if self.approval is not None and self.status is not Status.APPROVED:
            raise ValueError("'approval' is set but the status is not 'approved'")
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
                    found.append((("roster", r, "members", m, "substitutes_for"),
                                  member.substitutes_for.name))
        for key in ("absent", "remote", "new_members", "others"):
            for i, person in enumerate(getattr(self.attendance, key)):
                found.append((("attendance", key, i), person.name))
        for i, item in enumerate(self.items):
            contents: list[tuple[tuple[str | int, ...], _ItemContent]] = [(("items", i), item)]
            contents += [(("items", i, "subitems", s), sub) for s, sub in enumerate(item.subitems)]
            for base, content in contents:
                for p, person in enumerate(content.presenters):
                    found.append(((*base, "presenters", p), person.name))
                for a, action in enumerate(content.actions):
                    if action.owner:
                        found.append(((*base, "actions", a, "owner"), action.owner.name))
        return found


MeetingDate = Annotated[dt.date, Field(title="Datum")]
