"""The notes vvgctl's own minutes print beside an item's text, read back (issue 31, the round
trip after issue 30): 'Uppföljning: … (till …)', 'Åtgärd klar: …', 'Godkända med rättelse …',
'Rättelse vid justering …', and a roster group printed without a heading."""

from __future__ import annotations

from pathlib import Path

from tests.test_import import _missing_words
from vvgctl.importer.minutes import import_text
from vvgctl.models import Meeting
from vvgctl.repository.registry import load_registry
from vvgctl.source.loading import parse_meeting

ROOT = Path(__file__).resolve().parent.parent / "minutes"

PRINTED = """\
# Mötesanteckning

**Vårdsamverkan Västra Götaland (VVG)**

Datum: 10 december 2025
Tid: kl. 9.00–11.00
Plats: Teams

**Rättelse vid justering 4 februari 2026:** Stavningen av ett namn rättades.

## 1. Föregående mötesanteckning

- 2025-10-22 Mötesanteckning Vårdsamverkan Västra Götaland VVG

Föregående mötesanteckningar godkänns.

**Godkända med rättelse (22 oktober 2025):** I punkt 5 ändras meningen om enkäten. \
Tidigare lydelse: ”Enkäten skickas ut i oktober.” Ny lydelse: ”Enkäten skickas ut i november.”

## 2. Egenvård – uppföljning

Dialog

### Dialog

- Rutinen upplevs som svår att följa.

**Ställningstagande:**

En forms-enkät kommer att skickas ut till varje delregionalt område.

Förslag på enkät ska vara färdig att presentera för VVG på mötet i december.

**Uppföljning:** Förslag på enkät för uppföljning av riktlinjen presenteras. \
(till mötet i februari 2026)

**Uppföljning:** Beslutet om finansieringen bekräftas. (till nästa möte, SRO)

**Uppföljning:** Återrapport från arbetsgruppen. (till mötet den 21 januari 2026)

**Åtgärd klar:** Fundera över om de delregionala processtöden kan ta ansvar för resultatet \
av sammanställningen efter att enkäten genomförts.

**Åtgärd klar:** vvg-2025-06-04-3-1

**Åtgärd klar:** Något som ingen möte i förrådet gav i uppdrag.

**Rättelse vid justering 4 februari 2026:** Mötet justerade meningen om enkäten. \
Tidigare lydelse: ”Enkäten skickas ut.” Ny lydelse: ”Enkäten skickas ut i januari.”

## 3. Information om läget

Information

Vårdsamverkan Västra Götaland noterar informationen. Ämnet tas upp igen vid mötet i juni.
"""


def _import(text: str) -> tuple[Meeting, str, list[str]]:
    """The draft as a model, its text and the importer's notes."""
    result = import_text(
        text, organ="vvg", registry=load_registry(ROOT), root=ROOT, source="fixture"
    )
    loaded = parse_meeting(result.text.encode(), "draft")
    assert isinstance(loaded.model, Meeting), result.text
    assert _missing_words(text, result.text) == []
    return loaded.model, result.text, [u.message for u in result.uncertain]


def test_a_printed_follow_up_ends_the_position_and_is_read_with_its_meeting() -> None:
    meeting, _, _ = _import(PRINTED)
    item = meeting.items[1]
    assert [d.text for d in item.decisions] == [
        "En forms-enkät kommer att skickas ut till varje delregionalt område.\n\n"
        "Förslag på enkät ska vara färdig att presentera för VVG på mötet i december."
    ]
    assert [(f.text, f.meeting, f.organ) for f in item.follow_ups] == [
        ("Förslag på enkät för uppföljning av riktlinjen presenteras.", "2026-02", None),
        ("Beslutet om finansieringen bekräftas.", "next", "sro"),
        ("Återrapport från arbetsgruppen.", "2026-01-21", None),
    ]
    # minutes that print their follow-ups have none guessed from the prose
    assert meeting.items[2].follow_ups == []


def test_a_closed_action_comes_back_by_its_id_or_by_its_text() -> None:
    meeting, text, notes = _import(PRINTED)
    assert meeting.items[1].closes_actions == ["vvg-2025-06-04-3-1", "vvg-2025-10-22-4-1"]
    assert "Något som ingen möte i förrådet gav i uppdrag." in text.split("\n---\n", 1)[1]
    assert sum("closes_actions" in n for n in notes) == 1  # the one not found: a note


def test_corrections_go_where_the_model_has_a_place_and_to_review_otherwise() -> None:
    meeting, text, notes = _import(PRINTED)
    assert meeting.previous is not None
    assert [(c.text, c.quote, c.replacement, c.item) for c in meeting.previous.corrections] == [
        (
            "I punkt 5 ändras meningen om enkäten.",
            "Enkäten skickas ut i oktober.",
            "Enkäten skickas ut i november.",
            "5",
        )
    ]
    assert meeting.approval is None  # a draft is not approved: the notes are kept for review
    body = text.split("\n---\n", 1)[1]
    assert "Stavningen av ett namn rättades." in body
    assert sum("approval.corrections" in n for n in notes) == 2  # each with its own note
    assert "Mötet justerade meningen om enkäten." in body
    assert meeting.items[0].title == "Föregående mötesanteckning"
    assert all("lydelse" not in d.text for i in meeting.items for d in i.decisions)


def test_a_roster_group_without_a_heading_after_a_blank_line() -> None:
    text = PRINTED.replace(
        "**Rättelse vid justering 4 februari 2026:** Stavningen",
        """\
**Kallade**

**Fyrbodal**
Tanja Mattsson, Mellerud/Bengtsfors
Rose-Marie Sandberg, NU-sjukvården

Nils Sandell, Region
Åsa Forsberg, Kommun

**Rättelse vid justering 4 februari 2026:** Stavningen""",
        1,
    )
    meeting, _, _ = _import(text)
    assert [(g.delegation, [m.name for m in g.members]) for g in meeting.roster] == [
        ("fyrbodal", ["Tanja Mattsson", "Rose-Marie Sandberg"]),
        (None, ["Nils Sandell", "Åsa Forsberg"]),
    ]


def test_a_roster_of_paragraphs_is_not_split_at_its_blank_lines() -> None:
    text = PRINTED.replace(
        "**Rättelse vid justering 4 februari 2026:** Stavningen",
        """\
**Kallade**

**Fyrbodal**

Tanja Mattsson, Mellerud/Bengtsfors

Rose-Marie Sandberg, NU-sjukvården

**Rättelse vid justering 4 februari 2026:** Stavningen""",
        1,
    )
    meeting, _, _ = _import(text)
    assert [(g.delegation, [m.name for m in g.members]) for g in meeting.roster] == [
        ("fyrbodal", ["Tanja Mattsson", "Rose-Marie Sandberg"])
    ]
