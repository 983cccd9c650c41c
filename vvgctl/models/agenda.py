"""An organ's agenda template: the fixed items its kallelse opens and closes with.

``vvgctl new-meeting`` lays out a new meeting as the organ writes it: the template's opening
items, the topics the årshjul plans (with their kind), follow-ups, open actions, the item that
gathers written information, the closing items. The template is held in the registry
(``organs.yaml``, ``agenda:`` under the organ); an organ without one gets :func:`default_agenda`.
"""

from __future__ import annotations

from functools import cache

from pydantic import Field

from vvgctl.models.common import Model
from vvgctl.models.item import ItemKind


class TemplateSubItem(Model):
    """A fixed sub-item (1 a, 1 b …) of a template item."""

    title: str = Field(min_length=1, title="Rubrik")
    kind: ItemKind = Field(ItemKind.PROCEDURAL, title="Typ av ärende")


class TemplateItem(Model):
    """A fixed agenda item: 'Mötets öppnande', 'Godkännande av dagens agenda' …"""

    title: str = Field(min_length=1, title="Rubrik")
    kind: ItemKind = Field(ItemKind.PROCEDURAL, title="Typ av ärende")
    subitems: list[TemplateSubItem] = Field(default_factory=list, title="Underpunkter")


class AgendaTemplate(Model):
    """How the organ's agenda opens and closes, and what its gathering items are called."""

    opening: list[TemplateItem] = Field(
        default_factory=list,
        title="Inledande punkter",
        description="Punkterna före dagens ärenden, i ordning (t.ex. Mötets öppnande med "
        "närvaro och övriga frågor, dagens agenda, föregående mötesanteckning)",
    )
    actions: str = Field(
        "Uppföljning av åtgärder från tidigare möten",
        min_length=1,
        title="Punkt för åtgärder",
        description="Rubriken på punkten som listar tidigare mötens öppna åtgärder, med id",
    )
    written_information: str | None = Field(
        "Skriftlig information utan föredragning",
        min_length=1,
        title="Punkt för skriftlig information",
        description="Rubriken på punkten som samlar årshjulets ärenden av typen "
        "written_information som underpunkter; null ger varje ärende en egen punkt",
    )
    closing: list[TemplateItem] = Field(
        default_factory=list,
        title="Avslutande punkter",
        description="Punkterna sist på dagordningen, i ordning (t.ex. Mötets avslutande); "
        "Mötestider står i mötets schedule och skrivs ut för sig",
    )


@cache
def default_agenda() -> AgendaTemplate:
    """The template of an organ whose registry entry has none: the opening items of the family
    of minutes (öppnande with närvaro and övriga frågor, agenda, föregående mötesanteckning),
    the written information, and the meeting closed. Made when first asked for, not at import:
    building the template builds three models' validators, which a command that makes no
    agenda does not need (issue 27)."""
    return AgendaTemplate(
        opening=[
            TemplateItem(
                title="Mötets öppnande",
                subitems=[
                    TemplateSubItem(title="Närvaro/upprop"),
                    TemplateSubItem(title="Övriga frågor"),
                ],
            ),
            TemplateItem(title="Godkännande av dagens agenda"),
            TemplateItem(title="Föregående mötesanteckning"),
        ],
        closing=[TemplateItem(title="Mötets avslutande")],
    )
