"""The real minutes in minutes/ hold the seeds' content: items, årshjul, attendance, dialog."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import MINUTES
from vvgctl.checking.check import run_check
from vvgctl.diagnostics import Severity
from vvgctl.models import Meeting
from vvgctl.models.item import DecisionType, ItemKind
from vvgctl.repository.registry import load_registry
from vvgctl.source.loading import LoadedMeeting, load_meeting

VVG = MINUTES / "vvg" / "2025" / "2025-10-22.md"
STYRGRUPP = MINUTES / "styrgrupp-hos" / "2026" / "2026-05-13.md"
SEEDS = Path(__file__).resolve().parent / "data" / "seeds"  # the checkout's own copy


def _load(path: Path) -> tuple[LoadedMeeting, Meeting]:
    loaded = load_meeting(path)
    assert loaded.model is not None, [d.message for d in loaded.diagnostics]
    return loaded, loaded.model


def _body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def _plain(text: str) -> str:
    return " ".join(text.replace("*", "").split())


def test_the_repository_checks_without_errors() -> None:
    report = run_check([MINUTES], use_cache=False)
    errors = [d for d in report.diagnostics if d.severity is Severity.ERROR]
    assert not errors, [f"{d.path}:{d.line} {d.message}" for d in errors]
    assert {(m.organ, m.date.isoformat()) for m in report.meetings} >= {
        ("vvg", "2025-10-22"),
        ("styrgrupp-hos", "2026-05-13"),
    }


def test_every_item_of_seed_000_with_number_and_title() -> None:
    _, meeting = _load(VVG)
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1", "Mötets öppnande"),
        ("2", "Godkännande av dagens agenda"),
        ("3", "Föregående mötesanteckning"),
        ("4", "Förvaltningsplan Samordnad hälsa vård och omsorg 2026"),
        ("5", "Egenvård – hur vill VVG följa upp tillämpning av länsgemensamma styrdokument?"),
        ("6", "Hälso- och sjukvård på korttids inom ramen för LSS, delrapport"),
        ("7", "Riktlinje Samtycke – delrapport inför synpunktsrunda"),
        (
            "8",
            "Ärenden hanterade i VVG, SRO och SITIV sammanställda av VästKom, "
            "2024-07-01 – 2025-06-30",
        ),
        ("9", "Övrig fråga: Barn med Trach"),
        ("10", "Skriftlig information utan föredragning"),
    ]
    assert [(s.number, s.title) for s in meeting.items[0].subitems] == [
        ("a", "Närvaro/upprop"),
        ("b", "övriga frågor"),
    ]
    kinds = [i.kind for i in meeting.items]
    assert kinds[:3] == [ItemKind.PROCEDURAL] * 3
    assert kinds[3:] == [
        ItemKind.INFORMATION,
        ItemKind.DIALOG,
        ItemKind.INFORMATION,
        ItemKind.INFORMATION,
        ItemKind.INFORMATION_AND_DIALOG,
        ItemKind.OTHER_QUESTION,
        ItemKind.WRITTEN_INFORMATION,
    ]


def test_every_item_has_its_body_section_in_order() -> None:
    loaded, meeting = _load(VVG)
    assert loaded.document is not None
    numbered = [(s.number, s.title) for s in loaded.document.sections if s.number]
    assert numbered == [(i.number, i.title) for i in meeting.items]


def test_the_arshjul_is_five_meetings_by_five_categories() -> None:
    _, meeting = _load(VVG)
    (table,) = meeting.items[9].tables
    assert table.title == "Årshjul 2025 / 2026"
    assert table.columns == [
        "December 2025",
        "Februari 2026",
        "April 2026",
        "Juni 2026",
        "September 2026",
    ]
    assert [r.label for r in table.rows] == [
        "Uppföljning",
        "Riktlinje och rutin",
        "Uppdrag",
        "Förvaltningsplan SHVO",
        "Informationsärenden",
    ]
    assert all(len(r.cells) == 5 for r in table.rows)
    cells = {r.label: r.cells for r in table.rows}
    assert cells["Uppföljning"][0] == ["Länsgemensam riktlinje egenvård - enkätförslag"]
    assert cells["Uppföljning"][2] == ["Avvikelser", "Årsredovisning 2025"]
    assert cells["Riktlinje och rutin"][3] == [
        "Ställningstagande till Länsgemensam riktlinje samtycke till informationsdelning"
    ]
    assert cells["Uppdrag"] == [[], [], [], [], []]
    assert cells["Förvaltningsplan SHVO"][2] == [
        "Ställningstagande till utvecklingsbehov",
        "Ställningstagande till förvaltningsplan för 2026",
    ]
    assert cells["Informationsärenden"][0] == [
        "Hälsa- och sjukvårdsavtalet – implementeringsarbete",
        "Tilläggsuppdrag – patientsäkerhet",
        "Förstudien uppföljning god och nära vård",
    ]
    assert cells["Informationsärenden"][4] == []


def test_attendance_of_2025_10_22() -> None:
    _, meeting = _load(VVG)
    assert [p.name for p in meeting.attendance.absent] == [
        "Jörgen Thorn",
        "Maria Taranger",
        "Annika Leidenhed",
        "Marie Blomqvist",
        "Rose-Marie Sandberg",
        "Ritva Gonzales",
    ]
    assert meeting.attendance.remote == []
    assert [(g.name, g.items) for g in meeting.invited] == [
        ("Lars Gelander", ["6"]),
        ("Karin Andersson", ["6"]),
        ("Maja Berndes", ["6"]),
    ]
    members = {m.name: m for g in meeting.roster for m in g.members}
    assert len(members) == 24
    assert members["Kristina Lännergren"].role == "chair"
    vice = members["Ann-Sofie Rundberg"]
    assert vice.role == "vice_chair"
    assert vice.substitutes_for is not None
    assert vice.substitutes_for.name == "Karin Looström Muth"


def test_positions_actions_and_follow_ups_of_2025_10_22() -> None:
    _, meeting = _load(VVG)
    item4, item5, item9 = meeting.items[3], meeting.items[4], meeting.items[8]
    assert [(d.type, d.after_dialog) for d in item4.decisions] == [
        (DecisionType.ENDORSED, False),
        (DecisionType.ASSIGNED, True),
    ]
    assert item4.actions[0].label == "Inför nästa möte"
    assert item4.actions[0].due_meeting == "next"
    assert [f.meeting for f in item4.follow_ups] == ["2025-12"]
    assert [f.meeting for f in item5.follow_ups] == ["2025-12", "2026-02"]
    assert item5.question is not None and item5.question.startswith("VVG behöver gemensamt")
    assert item9.decisions[0].type is DecisionType.REFERRED
    assert meeting.previous is not None and meeting.previous.link is None
    assert all(doc.link is None for item in meeting.items for doc in item.documents)


ITEM_4_DIALOG = [
    "Samverkan i Lerum och Alingsås, SAMLA, kommer att inkomma med förslag på nytt namn för "
    'referensgrupp SHVO till "Länsgemensamt IT-stöd för SHVO".',
    "Vad bereds i VVG, delregionalt och i beredningsgruppen?",
    "Ann-Sofie poängterar att uppdaterade förslag behöver skickas in utifrån nuläget.",
    "Ett ställningstagande i december bedöms som för tidigt, men det är samtidigt viktigt att "
    "hålla tempo i tidsplanen.",
    "Det behöver tydliggöras vilka delar som ska vara gemensamma och övergripande för hela "
    "Västra Götaland, och vad som kan anpassas lokalt.",
    "Frågan ägs av VVG och de delregionala vårdssamverkansområdena, som därmed kan föreslå vilka "
    "som ska bereda den.",
]


@pytest.mark.parametrize("sentence", ITEM_4_DIALOG)
def test_item_4_dialog_sentences_are_in_the_body(sentence: str) -> None:
    loaded, _ = _load(VVG)
    assert loaded.document is not None
    section = next(s for s in loaded.document.sections if s.number == "4")
    assert sentence in _plain(section.text)


def _seed(prefix: str) -> Path:
    """A seed of the checkout (a missing one fails the test: it is never skipped)."""
    (found,) = SEEDS.glob(f"{prefix}_*.txt")
    return found


def test_every_dialog_bullet_of_seed_000_item_4_is_in_the_body() -> None:
    seed = _seed("000").read_text(encoding="utf-8")
    part = seed.split("\nDialog:\n", 1)[1].split("\nStällningstagande:\n", 1)[0]
    bullets = [line[2:] for line in part.splitlines() if line.startswith("- ")]
    assert len(bullets) == 6
    body = _plain(_body(VVG))
    for bullet in bullets:
        for sentence in re.split(r"(?<=[.?!])\s+", _plain(bullet)):
            assert sentence in body, sentence


def test_the_steering_group_meeting_of_2026_05_13() -> None:
    _, meeting = _load(STYRGRUPP)
    assert [p.name for p in meeting.attendance.absent] == [
        "Karin Looström Muth",
        "Maria Taranger",
        "Sara Magnusson",
        "Kristina Lännergren",
        "Victoria Fransson",
        "Ebba Gierow",
    ]
    assert [p.name for p in meeting.attendance.others] == [
        "Ann-Sofie Rundberg",
        "Jenny Nilsson",
        "Malin Swärd Davidsson",
        "Åsa Jackson",
        "Isabelle Alknäs",
    ]
    assert meeting.secretary is not None and meeting.secretary.name == "Isabelle Alknäs"
    assert [len(i.subitems) for i in meeting.items] == [2, 4, 1, 1, 0]
    substitute = next(m for g in meeting.roster for m in g.members if m.name == "Sebastian Nydén")
    assert substitute.substitutes_for is not None
    assert substitute.substitutes_for.name == "Monica Holmgren"
    assert substitute.substitute_note == "vid behov"
    follow = meeting.items[0].follow_ups[0]
    assert (follow.organ, follow.meeting) == ("sro", "2026-09-01")
    assert meeting.items[1].question_label == "Fråga till styrgruppen"
    assert [
        (s.date.isoformat(), f"{s.time.start:%H}-{s.time.end:%H}")
        for s in meeting.schedule
        if s.time
    ] == [("2026-06-25", "11-12")]
    assert "<b>" not in STYRGRUPP.read_text(encoding="utf-8")


def test_meeting_files_use_only_canonical_names() -> None:
    registry = load_registry(MINUTES)
    assert registry.ok, [d.message for d in registry.diagnostics]
    for path in (VVG, STYRGRUPP):
        _, meeting = _load(path)
        for _, name in meeting.named_people():
            lookup = registry.person(name)
            assert lookup.person is not None and not lookup.via_alias, f"{path.name}: {name}"


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("Lars Gelande", "Lars Gelander"),
        ("Katarina Meuller", "Katarina Mueller"),
        ("Monika Holmgren", "Monica Holmgren"),
        ("Lotta Hjöberg", "Lotta Hjoberg"),
    ],
)
def test_the_registry_knows_the_seeds_spelling_variants(variant: str, canonical: str) -> None:
    lookup = load_registry(MINUTES).person(variant)
    assert lookup.person is not None and lookup.via_alias
    assert lookup.person.name == canonical
