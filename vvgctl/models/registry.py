"""The registry: organs, their delegations and members over time, and people."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from vvgctl.message import Message
from vvgctl.models.agenda import AgendaTemplate, default_agenda
from vvgctl.models.common import Identifier, Model
from vvgctl.runtime.i18n import N_


class Person(Model):
    """A person the minutes may name."""

    name: str = Field(min_length=2, title="Namn")
    organisation: str | None = Field(None, title="Organisation")
    title: str | None = Field(None, title="Befattning")
    aliases: list[str] = Field(
        default_factory=list,
        title="Andra stavningar",
        description="Stavningar som förekommer i äldre handlingar",
    )


class Delegation(Model):
    id: Identifier
    name: str = Field(title="Namn")


class Membership(Model):
    """A person's seat in an organ, with role and the dates served."""

    name: str = Field(min_length=2, title="Namn")
    delegation: Identifier | None = Field(None, title="Delegation")
    affiliation: str | None = Field(None, title="Organisation/uppdrag")
    role: str = Field(
        "member", pattern=r"^(chair|vice_chair|member|secretary|substitute)$", title="Roll"
    )
    start: dt.date | None = Field(None, title="Från")
    end: dt.date | None = Field(None, title="Till")

    def serves_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @model_validator(mode="after")
    def _ordered(self) -> Membership:
        if self.start and self.end and self.end < self.start:
            raise ValueError(N_("the membership ends before it starts"))
        return self


class Organ(Model):
    """A body that keeps minutes: a forum, a political board, a steering group, a committee."""

    id: Identifier
    name: str = Field(title="Namn")
    short_name: str | None = Field(None, title="Kortnamn")
    kind: str = Field(
        "forum", pattern=r"^(forum|political|steering_group|committee|delregional)$", title="Slag"
    )
    header: str | None = Field(None, title="Sidhuvud", description="Text i dokumentens sidhuvud")
    logo: str | None = Field(None, title="Logotyp", description="Sökväg i förrådet")
    information_before_position: bool = Field(
        True,
        title="Information före ställningstagande",
        description="Ett ärende ska ha informerats om innan ställningstagande",
    )
    approved_by: Identifier | None = Field(
        None,
        title="Mötesanteckningarna godkänns av",
        description="Organet vars möte godkänner organets mötesanteckningar; utelämnat: "
        "organets eget nästa möte",
    )
    delegations: list[Delegation] = Field(default_factory=list, title="Delegationer")
    members: list[Membership] = Field(default_factory=list, title="Ledamöter")
    agenda: AgendaTemplate | None = Field(
        None,
        title="Dagordningsmall",
        description="Dagordningens fasta punkter så som organet skriver dem (vvgctl "
        "new-meeting); utan mall: Mötets öppnande (närvaro, övriga frågor), "
        "dagens agenda, föregående mötesanteckning … Mötets avslutande",
    )

    @model_validator(mode="after")
    def _delegations_known(self) -> Organ:
        known = {d.id for d in self.delegations}
        for member in self.members:
            if member.delegation and member.delegation not in known:
                raise ValueError(
                    Message(
                        N_("{name}: unknown delegation {delegation!r}"),
                        {"name": member.name, "delegation": member.delegation},
                    )
                )
        return self

    def members_on(self, day: dt.date) -> list[Membership]:
        return [m for m in self.members if m.serves_on(day)]

    def agenda_template(self) -> AgendaTemplate:
        """The organ's own agenda template, or the default one."""
        return self.agenda if self.agenda is not None else default_agenda()


class Registry(Model):
    organs: list[Organ] = Field(default_factory=list, title="Organ")
    people: list[Person] = Field(default_factory=list, title="Personer")

    @model_validator(mode="after")
    def _unique(self) -> Registry:
        for label, values in (
            ("organ id", [o.id for o in self.organs]),
            ("person", [p.name for p in self.people]),
        ):
            seen: set[str] = set()
            for value in values:
                if value in seen:
                    raise ValueError(
                        Message(
                            N_("{label} {value!r} is listed twice"),
                            {"label": label, "value": value},
                        )
                    )
                seen.add(value)
        ids = {o.id for o in self.organs}
        for organ in self.organs:
            if organ.approved_by is not None and organ.approved_by not in ids:
                raise ValueError(
                    Message(
                        N_("{id}: approved_by names unknown organ {approved_by!r}"),
                        {"id": organ.id, "approved_by": organ.approved_by},
                    )
                )
        return self

    def approver(self, organ_id: str) -> str:
        """The organ whose meeting approves ``organ_id``'s minutes (its own, unless set)."""
        organ = next((o for o in self.organs if o.id == organ_id), None)
        return organ.approved_by if organ and organ.approved_by else organ_id
