"""The kallelse as the organ writes it (issue 13, deliverable 6): `vvgctl new-meeting` run on a
copy of the bundled minutes, with the agenda template the registry holds for each organ."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MINUTES
from vvgctl.cli.app import app
from vvgctl.cycle.agenda import short_title
from vvgctl.models import Meeting
from vvgctl.models.item import ItemKind, action_id
from vvgctl.render.pipeline import prepare
from vvgctl.source.loading import load_meeting

runner = CliRunner()

DECEMBER, FEBRUARY = "2025-12-10", "2026-02-11"
ACTION = "vvg-2025-10-22-4-1"  # the id-less 'Inför nästa möte' of item 4 on 2025-10-22
ACTIONS_ITEM = "Uppföljning av åtgärder från tidigare möten"


@pytest.fixture
def minutes(tmp_path: Path) -> Path:
    """A copy of the bundled minutes/."""
    return Path(shutil.copytree(MINUTES, tmp_path / "minutes"))


def scaffold(minutes: Path, day: str, organ: str = "vvg") -> tuple[Meeting, str]:
    result = runner.invoke(
        app,
        [
            "new-meeting",
            "--organ",
            organ,
            "--repo",
            str(minutes),
            "--date",
            day,
            "--place",
            "Teams",
            "--mode",
            "remote",
        ],
    )
    assert result.exit_code == 0, result.output
    path = minutes / organ / day[:4] / f"{day}.md"
    meeting = load_meeting(path).model
    assert meeting is not None
    return meeting, path.read_text(encoding="utf-8")


def check_clean(minutes: Path) -> None:
    result = runner.invoke(app, ["check", str(minutes), "--strict"])
    assert result.exit_code == 0, result.output


def all_titles(meeting: Meeting) -> list[str]:
    return [t for i in meeting.items for t in (i.title, *(s.title for s in i.subitems))]


def section(text: str, heading: str) -> str:
    body = text[text.index(f"\n## {heading}\n") :]
    return body[: body.find("\n## ", 1)] if "\n## " in body[1:] else body


def test_vvg_agenda_follows_vvgs_own_minutes(minutes: Path) -> None:
    meeting, _ = scaffold(minutes, DECEMBER)
    check_clean(minutes)
    titles = all_titles(meeting)
    # the opening items as VVG writes them, "Övriga frågor" once (1 b), no closing item
    assert [i.title for i in meeting.items[:3]] == [
        "Mötets öppnande",
        "Godkännande av dagens agenda",
        "Föregående mötesanteckning",
    ]
    assert [t.casefold() for t in titles].count("övriga frågor") == 1
    assert meeting.items[0].subitems[1].title == "Övriga frågor"
    assert not any("avslut" in t.casefold() for t in titles)
    assert "Mötestider" not in titles  # the schedule is printed from `schedule`, not an item
    # the plan's kind carries over
    by_title = {i.title: i for i in meeting.items}
    assert by_title["Länsgemensam riktlinje egenvård - enkätförslag"].kind is ItemKind.INFORMATION
    # written information gathered under VVG's item, last as in its minutes
    last = meeting.items[-1]
    assert (last.title, last.kind) == (
        "Skriftlig information utan föredragning",
        ItemKind.WRITTEN_INFORMATION,
    )
    written = "Medföljande personal till sjukhus, information utan dragning"
    assert [(s.title, s.kind) for s in last.subitems] == [(written, ItemKind.WRITTEN_INFORMATION)]
    assert written not in by_title
    # and the årshjul sees the topic taken up there
    arshjul = runner.invoke(
        app,
        ["arshjul", "--root", str(minutes), "--organ", "vvg", "--year", "2026", "--format", "md"],
    )
    assert f"{written} (behandlat, punkt {last.number}a)" in arshjul.output


def test_follow_up_gets_a_short_title_and_its_sentence_as_text(minutes: Path) -> None:
    meeting, text = scaffold(minutes, DECEMBER)
    titles = all_titles(meeting)
    assert "Barn med trach" in titles
    assert not any("lyfts" in t or "(" in t for t in titles)
    item = next(i for i in meeting.items if i.title == "Barn med trach")
    assert item.case == "barn-med-trach"
    body = section(text, f"{item.number}. Barn med trach")
    assert (
        "Barn med trach lyfts efter beredning utifrån Maria Tarangers underlag (nästa eller "
        "nästkommande VVG-möte)."
    ) in body
    assert "2025-10-22 p. 9" in body


@pytest.mark.usefixtures("swedish")
def test_historic_action_has_an_id_and_is_closed_by_it(minutes: Path) -> None:
    meeting, text = scaffold(minutes, DECEMBER)
    item = next(i for i in meeting.items if i.title == ACTIONS_ITEM)
    listed_here = section(text, f"{item.number}. {ACTIONS_ITEM}")
    assert "- Fundera över" in listed_here
    assert f"<!-- closes_actions: [{ACTION}] -->" in listed_here  # for the writer only
    # the kallelse does not print the internal id (issue 30)
    kallelse = prepare(minutes / "vvg" / "2025" / f"{DECEMBER}.md", agenda=True).markdown
    assert "Fundera över" in kallelse and ACTION not in kallelse
    listed = runner.invoke(app, ["actions", str(minutes), "--open", "--today", FEBRUARY])
    assert ACTION in listed.output and "FÖRSENAD" in listed.output

    # the December meeting reports it done: the February meeting no longer carries it
    path = minutes / "vvg" / "2025" / f"{DECEMBER}.md"
    head = f"    title: {ACTIONS_ITEM}\n    kind: information\n"
    path.write_text(
        path.read_text(encoding="utf-8").replace(head, f"{head}    closes_actions: [{ACTION}]\n"),
        encoding="utf-8",
    )
    check_clean(minutes)
    listed = runner.invoke(app, ["actions", str(minutes), "--open", "--today", FEBRUARY])
    assert ACTION not in listed.output
    february, text = scaffold(minutes, FEBRUARY)
    assert ACTIONS_ITEM not in all_titles(february) and ACTION not in text
    check_clean(minutes)


def test_an_open_action_is_carried_with_its_id(minutes: Path) -> None:
    scaffold(minutes, DECEMBER)
    february, text = scaffold(minutes, FEBRUARY)
    assert ACTIONS_ITEM in all_titles(february) and f"closes_actions: [{ACTION}]" in text
    check_clean(minutes)


def test_steering_group_uses_its_own_template(minutes: Path) -> None:
    meeting, _ = scaffold(minutes, "2026-06-25", organ="styrgrupp-hos")
    check_clean(minutes)
    assert [i.title for i in meeting.items][-2:] == ["Övriga frågor", "Mötet avslutas"]
    assert "Mötets öppnande" not in all_titles(meeting)


def test_organ_without_a_template_gets_the_default(minutes: Path) -> None:
    meeting, _ = scaffold(minutes, "2026-03-04", organ="sro")
    check_clean(minutes)
    titles = all_titles(meeting)
    assert titles[:5] == [
        "Mötets öppnande",
        "Närvaro/upprop",
        "Övriga frågor",
        "Godkännande av dagens agenda",
        "Föregående mötesanteckning",
    ]
    assert titles.count("Övriga frågor") == 1 and titles[-1] == "Mötets avslutande"


def test_a_template_in_the_registry_is_validated(minutes: Path) -> None:
    organs = minutes / "registry" / "organs.yaml"
    organs.write_text(
        organs.read_text(encoding="utf-8").replace(
            "      closing: []\n", "      closing: []\n      closnig: []\n"
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", str(minutes)])
    assert result.exit_code == 1
    assert "closnig" in result.output and "organs.yaml" in result.output


@pytest.mark.parametrize(
    ("sentence", "case_title", "title"),
    [
        (
            "Barn med trach lyfts efter beredning utifrån Maria Tarangers underlag (nästa eller "
            "nästkommande VVG-möte).",
            None,
            "Barn med trach",
        ),
        ("Beredningen återkommer med ett förslag.", None, "Beredningen återkommer med ett förslag"),
        ("Slutrapporten för GITS återkommer i april.", None, "Slutrapporten för GITS"),
        ("Uppföljning av avvikelser (april).", None, "Uppföljning av avvikelser"),
        (
            "Återkoppling och resultatet av enkäten om egenvård.",
            "Egenvård",
            "Återkoppling och resultatet av enkäten om egenvård",
        ),
        (
            "Underlaget om hur kommunerna och regionen gemensamt ska följa upp arbetet med trygg "
            "och effektiv utskrivning från sluten vård under hela året.",
            "Trygg och effektiv utskrivning",
            "Trygg och effektiv utskrivning",
        ),
    ],
)
def test_short_title(sentence: str, case_title: str | None, title: str) -> None:
    assert short_title(sentence, case_title) == title


def test_long_sentence_without_a_case_is_cut_at_a_word() -> None:
    title = short_title("Ett mycket långt underlag " * 8)
    assert title.endswith(" …") and len(title) <= 72 and "  " not in title


def test_derived_action_id() -> None:
    import datetime as dt

    assert action_id("vvg", dt.date(2025, 10, 22), "4", 1) == ACTION
    assert action_id("vvg", "2025-10-22", "1B", 2) == "vvg-2025-10-22-1b-2"


def test_import_writes_the_same_action_id(tmp_path: Path) -> None:
    seed = Path(__file__).parent / "data" / "seeds" / "000_9e5d402fa34657a6.txt"
    target = tmp_path / "2025-10-22.md"
    result = runner.invoke(app, ["import", str(seed), "--organ", "vvg", "-o", str(target)])
    assert result.exit_code == 0, result.output
    meeting = load_meeting(target).model
    assert meeting is not None
    ids = [a.id for i in meeting.items for a in i.actions]
    assert ids == [ACTION]  # the id the index derives for the bundled, id-less record
