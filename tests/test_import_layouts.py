"""Layouts of neighbouring organs and other years (issue 31.2), as text fixtures made from the
issue's description: a delregional group's minutes (a place and an ISO date as the first line,
'Närvarande' / 'Ej närvarande' lists, the agenda flattened into one paragraph), a council's
page (a title line with the date, 'Plats:', 'Tid: Klockan …', 'Förhinder', 'Inledande
formalia' and 'Beslutsärenden' sections, '§ N' items) and a schedule written as a list inside
an item with abbreviated months and a change."""

from __future__ import annotations

from typing import Any

from tests.test_import import _missing_words
from vvgctl.importer.minutes import import_text
from vvgctl.models import Meeting
from vvgctl.runtime.i18n import render
from vvgctl.source.loading import parse_meeting

DELREGIONAL = """\
Vänersborg 2016-01-20

Minnesanteckningar Delregional vårdsamverkan Fyrbodal

Närvarande
Anna Ek, Vänersborg
Per Holm, NU-sjukvården
Eva Lindqvist, Trollhättan
Lars Nordin, Uddevalla

Ej närvarande
Sofia Wallin, Färgelanda
Jonas Ström, Närhälsan

DAGORDNING 1. Godkännande av dagordning Dagordningen godkänns. 2. Presentationsrunda \
Deltagarna presenterar sig och sitt uppdrag. 3. Rapport från VVG Anna Ek rapporterar från \
senaste mötet i VVG. Gruppen noterar informationen. 4. Mötestider 2016 Mötestiderna fastställs. \
5. Övriga frågor Inga övriga frågor.
"""

COUNCIL = """\
Regionfullmäktige 27 februari 2024

Plats: Regionens hus, Vänersborg
Tid: Klockan 09:30 - 19:52

Förhinder
Karin Ström, Vänersborg
Olof Björk, Borås

Inledande formalia

§ 1 Upprop

§ 2 Val av justerare

Fullmäktige utser Anna Ek och Per Holm att justera protokollet.

§ 3 Godkännande av dagordning

Dagordningen godkänns.

Beslutsärenden

§ 4 Regionplan och budget 2025

Beslut: Regionfullmäktige godkänner regionplanen med budget för 2025.

§ 5 Uppdrag om vårdplatser

Beslut: Regionfullmäktige ger regionstyrelsen i uppdrag att utreda vårdplatserna.
"""

SCHEDULE = """\
Mötesanteckning
Vårdsamverkan Västra Götaland (VVG)
Datum: 22 januari 2025
Tid: kl. 9.00–11.00
Plats: Teams

1. Mötets öppnande

2. Mötestider 2025
Mötet gick igenom årets mötestider.

- 9 april 09.00-11.00
- 3 sept. 13.00-15.00
- 4 nov 13.00-16.00 - *Ändras till 12.00-16.00. Stationshuset Göteborg*
"""


def _import(text: str, organ: str) -> tuple[Meeting, Any]:
    result = import_text(text, organ=organ, registry=None, root=None, source="fixture")
    loaded = parse_meeting(result.text.encode(), "draft")
    assert isinstance(loaded.model, Meeting), result.text
    assert _missing_words(text, result.text) == []
    return loaded.model, result


def test_a_delregional_groups_minutes() -> None:
    meeting, _ = _import(DELREGIONAL, "fyrbodal")
    assert str(meeting.date) == "2016-01-20"
    assert meeting.place == "Vänersborg"
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1", "Godkännande av dagordning"),
        ("2", "Presentationsrunda"),
        ("3", "Rapport från VVG"),
        ("4", "Mötestider 2016"),
        ("5", "Övriga frågor"),
    ]
    assert [p.name for p in meeting.attendance.absent] == ["Sofia Wallin", "Jonas Ström"]
    assert [m.name for g in meeting.roster for m in g.members] == [
        "Anna Ek",
        "Per Holm",
        "Eva Lindqvist",
        "Lars Nordin",
    ]
    assert [d.type.value for d in meeting.items[2].decisions] == ["noted"]


def test_a_council_page() -> None:
    meeting, result = _import(COUNCIL, "regionfullmaktige")
    assert str(meeting.date) == "2024-02-27"
    assert meeting.time is not None
    assert (meeting.time.start.strftime("%H:%M"), meeting.time.end.strftime("%H:%M")) == (
        "09:30",
        "19:52",
    )
    assert meeting.place == "Regionens hus, Vänersborg"
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1", "Upprop"),
        ("2", "Val av justerare"),
        ("3", "Godkännande av dagordning"),
        ("4", "Regionplan och budget 2025"),
        ("5", "Uppdrag om vårdplatser"),
    ]
    assert [p.name for p in meeting.attendance.absent] == ["Karin Ström", "Olof Björk"]
    assert [d.type.value for d in meeting.items[3].decisions] == ["approved"]
    assert [d.type.value for d in meeting.items[4].decisions] == ["assigned"]
    assert [i.kind and i.kind.value for i in meeting.items] == [
        "procedural",
        "procedural",
        "procedural",
        "decision",
        "decision",
    ]
    assert "Beslutsärenden" not in result.text.split("## 3.", 1)[1].split("## 4.", 1)[0]
    assert "## Att granska" not in result.text


def test_a_schedule_written_as_a_list_inside_an_item() -> None:
    meeting, _ = _import(SCHEDULE, "vvg")
    assert [(str(s.date), s.time and s.time.start.strftime("%H:%M")) for s in meeting.schedule] == [
        ("2025-04-09", "09:00"),
        ("2025-09-03", "13:00"),
        ("2025-11-04", "13:00"),
    ]
    change = meeting.schedule[2]
    assert change.note is not None and "12.00-16.00" in change.note
    assert meeting.items[1].title == "Mötestider 2025"


def test_a_remark_under_a_title_is_not_glued_to_it() -> None:
    from vvgctl.importer.structure import find_headings
    from vvgctl.importer.text import normalise

    text = (
        "1. Öppnande\n\n2. Övriga frågor\nInga övriga frågor anmäldes\n\n"
        "3. Rapport från arbetsgruppen för samverkan\nArbetet fortgår enligt plan\n\n"
        "4. Information om arbetet med den länsgemensamma\nriktlinjen\n\nText.\n"
    )
    lines = normalise(text)
    assert [(h.number, h.title) for h in find_headings(lines)] == [
        ("1", "Öppnande"),
        ("2", "Övriga frågor"),
        ("3", "Rapport från arbetsgruppen för samverkan"),
        ("4", "Information om arbetet med den länsgemensamma riktlinjen"),
    ]


def test_a_wrapped_absent_line_keeps_its_last_names() -> None:
    text = SCHEDULE.replace(
        "Plats: Teams\n",
        "Plats: Teams\nFrånvarande: Jörgen Thorn, Maria Taranger, Annika Leidenhed, Marie\n"
        "Blomqvist, Rose-Marie Sandberg och Ritva Gonzales\n",
    )
    meeting, result = _import(text, "vvg")
    assert [p.name for p in meeting.attendance.absent] == [
        "Jörgen Thorn",
        "Maria Taranger",
        "Annika Leidenhed",
        "Marie Blomqvist",
        "Rose-Marie Sandberg",
        "Ritva Gonzales",
    ]
    cut = SCHEDULE.replace("Plats: Teams\n", "Plats: Teams\nFrånvarande: Jörgen Thorn, Marie\n")
    _, result = _import(cut, "vvg")
    assert any("may go on past its line" in u.message for u in result.uncertain)


def test_the_importers_notes_are_swedish(swedish: None) -> None:
    _, result = _import(
        SCHEDULE.replace("Plats: Teams\n", "Plats: Teams\nFrånvarande: Jörgen Thorn, Marie\n"),
        "vvg",
    )
    messages = [render(u.message) for u in result.uncertain]
    assert any(m.startswith("indatarad 6: namnlistan kan fortsätta") for m in messages)
    _, result = _import(DELREGIONAL, "fyrbodal")
    messages = [render(u.message) for u in result.uncertain]
    assert "punkt 2 har ingen typ ('Information', 'Dialog', …)" in messages
    assert not any("item" in m for m in messages)


HARD_WRAPPED = """\
Mötesanteckning
Vårdsamverkan Västra Götaland (VVG)
Datum: 22 januari 2025
Tid: kl. 9.00–11.00
Plats: Teams

Kallade
Fyrbodal
Tanja Mattsson, Mellerud/Bengtsfors
Rose-Marie Sandberg, NU-sjukvården
(förhindrad)

1. Riktlinje för egenvård
Information
Ställningstagande:
Vårdsamverkan Västra Götaland ställer sig bakom att beredningen tar fram en forms-enkät i
syfte att få en uppdaterad bild av hur förvaltningsplanen uppfattas som underlag för fortsatt
arbete.
På föregående möte den 11 september ställde sig VVG bakom förvaltningsplanen med tillhörande
dokument, och efterfrågade samtidigt ett nytt namnförslag för referensgruppen.

2. Samtycke
Information
Ställningstagande:
Vårdsamverkan Västra Götaland noterar informationen.
VVG ställde sig den 10 juni 2024 bakom Länsgemensam riktlinje för egenvård och Länsgemensam
rutin för hälso- och sjukvårdsåtgärd som är bedömd att kunna utföras som egenvård.
"""


def test_a_position_in_hard_wrapped_text_ends_with_its_paragraph() -> None:
    meeting, _ = _import(HARD_WRAPPED, "vvg")
    assert [d.text for i in meeting.items for d in i.decisions] == [
        "Vårdsamverkan Västra Götaland ställer sig bakom att beredningen tar fram en forms-enkät "
        "i syfte att få en uppdaterad bild av hur förvaltningsplanen uppfattas som underlag för "
        "fortsatt arbete.",
        "Vårdsamverkan Västra Götaland noterar informationen.",
    ]
    assert [p.name for p in meeting.attendance.absent] == ["Rose-Marie Sandberg"]
    assert [m.name for g in meeting.roster for m in g.members] == [
        "Tanja Mattsson",
        "Rose-Marie Sandberg",
    ]


def test_a_schedule_listed_inside_another_item() -> None:
    text = SCHEDULE.replace(
        "2. Mötestider 2025\nMötet gick igenom årets mötestider.\n",
        "2. Övriga frågor\nMötestider 2025:\n",
    )
    meeting, _ = _import(text, "vvg")
    assert [str(s.date) for s in meeting.schedule] == ["2025-04-09", "2025-09-03", "2025-11-04"]
    assert meeting.items[1].title == "Övriga frågor"


def test_a_members_affiliation_wrapped_in_a_column() -> None:
    from pathlib import Path

    from vvgctl.repository.registry import load_registry

    root = Path(__file__).resolve().parent.parent / "minutes"
    text = (
        "Mötesanteckning\nGemensam styrgrupp nytt hälso- och sjukvårdsavtal\n"
        "Datum: 13 maj 2026\nTid: kl. 8.00–9.00\nPlats: Teams\n\nKallade\nStyrgrupp Kommun\n"
        "Helen Nordling, Boråsregionens\nSjuhäradskommunalförbund\n"
        "Rikard Strömqvist, Tibro kommun\n\n1. Öppnande\n\nMötet öppnas.\n"
    )
    result = import_text(text, organ="styrgrupp-hos", registry=load_registry(root), root=root)
    meeting = parse_meeting(result.text.encode(), "draft").model
    assert isinstance(meeting, Meeting)
    assert [
        (g.delegation, [(m.name, m.affiliation) for m in g.members]) for g in meeting.roster
    ] == [
        (
            "styrgrupp-kommun",
            [
                ("Helen Nordling", "Boråsregionens Sjuhäradskommunalförbund"),
                ("Rikard Strömqvist", "Tibro kommun"),
            ],
        )
    ]
