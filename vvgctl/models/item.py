"""An agenda item of a meeting record: its kind, positions (ställningstaganden), actions,
follow-ups, tables and time, and the lettered sub-items under it."""

from __future__ import annotations

import datetime as dt
import enum

from pydantic import Field, model_validator

from vvgctl.message import Message
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
)
from vvgctl.runtime.i18n import N_
from vvgctl.swedish import labels


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


#: the Swedish label of each type (a str enum: its members are the codes the labels are kept by)
DECISION_TYPE_LABELS: dict[str, str] = labels.DECISION_TYPE_LABELS


class DocumentRef(Model):
    """An attached document (handling): its title and, where there is one, its link."""

    title: str = Field(min_length=1, title="Titel")
    link: Link | None = Field(None, title="Länk")


class DecisionPart(Model):
    """One numbered part of a multi-part position, with its own sub-positions."""

    text: str = Field(min_length=1, title="Text")
    parts: list[str] = Field(
        default_factory=list, title="Delar", description="Underställningstaganden (a, b, …)"
    )


class Decision(Model):
    """A formal position (ställningstagande; older minutes say beslut)."""

    type: DecisionType = Field(title="Typ", description="Vad ställningstagandet gör")
    text: str = Field(min_length=1, title="Text", description="Ställningstagandet ordagrant")
    parts: list[DecisionPart] = Field(default_factory=list, title="Numrerade delar")
    label: str = Field(
        "Ställningstagande",
        title="Rubrik",
        description="'Ställningstagande', eller 'Beslut' i äldre anteckningar",
    )
    after_dialog: bool = Field(
        False,
        title="Efter dialogen",
        description="Ett andra, detaljerat ställningstagande efter dialogen",
    )
    confirm_by: Identifier | None = Field(
        None,
        title="Bekräftas av",
        description="Organ som tar det slutgiltiga ställningstagandet, t.ex. 'sro'",
    )
    deadline: dt.date | None = Field(
        None, title="Tidsgräns", description="Datum som ställningstagandet sätter"
    )
    governing_documents: list[Identifier] = Field(
        default_factory=list,
        title="Styrdokument",
        description="Id:n i registret över länsgemensamma styrdokument",
    )
    in_body: bool = Field(
        False,
        title="Står i brödtexten",
        description="Ställningstagandet står ordagrant i brödtexten (t.ex. i styrgruppens "
        "inspel) och ska inte upprepas när anteckningen återges",
    )


class Action(Model):
    """Something someone is to do, e.g. 'Inför nästa möte'."""

    id: Identifier | None = Field(
        None,
        title="Id",
        description="För att senare möten ska kunna hänvisa till och stänga åtgärden",
    )
    text: str = Field(min_length=1, title="Åtgärd")
    label: str | None = Field(None, title="Rubrik", description="T.ex. 'Inför nästa möte'")
    owner: PersonField | None = Field(None, title="Ansvarig")
    owner_group: str | None = Field(None, title="Ansvarig grupp", description="T.ex. 'Beredningen'")
    due: dt.date | None = Field(None, title="Senast")
    due_meeting: MeetingTarget | None = Field(None, title="Till möte")
    in_body: bool = Field(
        False,
        title="Står i brödtexten",
        description="Åtgärden står ordagrant i brödtexten och ska inte upprepas när "
        "anteckningen återges",
    )


def action_id(organ: str, date: dt.date | str, item: str, ordinal: int) -> str:
    """The id of an action that has none written: ``<organ>-<date>-<item>-<ordinal>``.

    ``vvg-2025-10-22-4-1`` is the first action of item 4 of the meeting of 22 October 2025
    (``4b`` for sub-item b). An approved record does not change, so the id is stable; a later
    meeting closes the action with ``closes_actions: [vvg-2025-10-22-4-1]``. ``new-meeting``
    lists the open actions with these ids.
    """
    day = date.isoformat() if isinstance(date, dt.date) else date
    return f"{organ}-{day}-{item.lower()}-{ordinal}"


class FollowUp(Model):
    """A topic aimed at a named later meeting ('presenteras vid mötet i december')."""

    text: str = Field(min_length=1, title="Vad")
    meeting: MeetingTarget = Field(title="Möte")
    organ: Identifier | None = Field(None, title="Organ", description="Om annat än mötets eget")
    case: CaseId | None = Field(None, title="Ärende")
    in_body: bool = Field(
        False,
        title="Står i brödtexten",
        description="Uppföljningen står ordagrant i brödtexten och ska inte upprepas när "
        "anteckningen återges",
    )


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
                    Message(
                        N_("row {label!r} has {count} cells for {count2} columns"),
                        {"label": row.label, "count": len(row.cells), "count2": len(self.columns)},
                    )
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
                raise ValueError(
                    Message(
                        N_("the timebox ends ({end:%H:%M}) before it starts"), {"end": self.end}
                    )
                )
            span = (self.end.hour * 60 + self.end.minute) - (
                self.start.hour * 60 + self.start.minute
            )
            if self.minutes is not None and self.minutes != span:
                raise ValueError(
                    Message(
                        N_(
                            "{minutes} minutes does not match {start:%H:%M}–{end:%H:%M} ({span} "
                            "minutes)"
                        ),
                        {
                            "minutes": self.minutes,
                            "start": self.start,
                            "end": self.end,
                            "span": span,
                        },
                    )
                )
        elif self.minutes is None:
            raise ValueError(N_("give the minutes, or a start and an end"))
        return self


class _ItemContent(Model):
    title: str = Field(min_length=1, title="Rubrik")
    kind: ItemKind | None = Field(None, title="Typ av ärende")
    timebox: Timebox | None = Field(None, title="Tidsram")
    presenters: list[PersonField] = Field(default_factory=list, title="Föredragande")
    documents: list[DocumentRef] = Field(default_factory=list, title="Handlingar")
    case: CaseId | None = Field(None, title="Ärende")
    question: str | None = Field(
        None,
        title="Frågeställning",
        description="'Frågeställning:' eller 'Fråga till styrgruppen:'",
    )
    question_label: str | None = Field(
        None,
        title="Rubrik för frågeställningen",
        description="Rubriken som handlingen använder, t.ex. 'Fråga till styrgruppen'; "
        "utelämnad betyder 'Frågeställning'",
    )
    decisions: list[Decision] = Field(default_factory=list, title="Ställningstaganden")
    actions: list[Action] = Field(default_factory=list, title="Åtgärder")
    follow_ups: list[FollowUp] = Field(default_factory=list, title="Uppföljning")
    closes_actions: list[Identifier] = Field(
        default_factory=list,
        title="Stänger åtgärder",
        description="Id:n på tidigare åtgärder som är klara",
    )
    tables: list[Table] = Field(default_factory=list, title="Tabeller")


class SubItem(_ItemContent):
    """A lettered sub-item (1 a, 1 b …)."""

    number: SubItemLetter


class Item(_ItemContent):
    """A numbered agenda item (ärende)."""

    number: ItemNumber
    subitems: list[SubItem] = Field(default_factory=list, title="Underpunkter")
