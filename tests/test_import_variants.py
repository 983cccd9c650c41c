"""The importer on the family of legacy minutes (issue 16): the seeds rewritten into the
layouts of other years (tests/import_variants.py), the numbered sequence of items read from
evidence, and the accuracy bar of benchmarks/import_accuracy.py."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from tests.import_variants import Variant, variants
from tests.test_import import _missing_words
from vvgctl.cli.app import app
from vvgctl.importer.minutes import import_text
from vvgctl.importer.structure import find_headings
from vvgctl.importer.text import normalise
from vvgctl.repository.registry import load_registry
from vvgctl.source.loading import parse_meeting

DATA = Path(__file__).parent / "data"
VARIANTS = list(variants())
runner = CliRunner()


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "import_accuracy", Path(__file__).parent.parent / "benchmarks" / "import_accuracy.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def registry_root() -> Path:
    return DATA / "import_repo"


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_variant_keeps_every_word_and_passes_check(
    variant: Variant, registry_root: Path, tmp_path: Path
) -> None:
    root = tmp_path / "minutes"
    shutil.copytree(registry_root, root)
    result = import_text(
        variant.text, organ=None, registry=load_registry(root), root=root, into_root=True
    )
    assert _missing_words(variant.text, result.text) == []
    assert parse_meeting(result.text.encode(), "x").model is not None
    assert result.problems == [], [p.message for p in result.problems]
    assert (
        result.target
        == root
        / variant.expected["organ"]
        / variant.expected["date"][:4]
        / f"{variant.expected['date']}.md"
    )
    assert result.items == len(variant.expected["items"])


def test_there_are_variants_of_each_seed() -> None:
    assert len(VARIANTS) >= 30
    assert {v.seed for v in VARIANTS} == {"000", "004"}
    assert len({v.text for v in VARIANTS}) == len(VARIANTS)


@pytest.mark.slow
def test_accuracy_bar_on_seeds_and_variants() -> None:
    bench = _benchmark()
    for seed, scores in bench.all_scores().items():
        for field, values in scores.items():
            assert sum(values) / len(values) >= 0.95, (seed, field)
    accuracy = bench.field_accuracy(bench.variant_scores())
    for field, values in accuracy.items():
        assert sum(values) / len(values) >= 0.95, field


def _headings(text: str) -> list[tuple[str, str]]:
    return [(h.number, h.title) for h in find_headings(normalise(text))]


def test_heading_styles() -> None:
    text = (
        "§ 1 Öppnande\n\nText.\n\nPunkt 2: Agenda\n\nText.\n\n**3. Rapporter**\n\nText.\n\n"
        "## 4. Ekonomi\n\n4) Fel\n\n5. Information om läget   \n\n§ 6\n\nÖvrigt\n"
    )
    assert _headings(text) == [
        ("1", "Öppnande"),
        ("2", "Agenda"),
        ("3", "Rapporter"),
        ("4", "Ekonomi"),
        ("5", "Information om läget"),
        ("6", "Övrigt"),
    ]


def test_a_list_that_restarts_inside_an_item_is_no_item() -> None:
    text = (
        "1. Öppnande\n\nText.\n\n2. Uppdrag\n\nFöljande togs upp:\n\n1. Uppföljning av "
        "arbetet\n2. Digitalisering\n3. Kompetens\n4. Ekonomi\n\n3. Rapporter\n\nText.\n\n"
        "4. Övrigt\n"
    )
    assert [n for n, _ in _headings(text)] == ["1", "2", "3", "4"]
    assert _headings(text)[2] == ("3", "Rapporter")


def test_a_title_wrapped_over_two_lines() -> None:
    text = "1. Öppnande\n\n2. Information om arbetet med den länsgemensamma\nriktlinjen\n\nText.\n"
    assert _headings(text)[1] == ("2", "Information om arbetet med den länsgemensamma riktlinjen")


def test_fallback_never_gives_zero_items() -> None:
    text = "1. Öppnande\n2. Agenda\n3. Rapporter\n"
    assert [n for n, _ in _headings(text)] == ["1", "2", "3"]


OLD = """\
Vårdsamverkan Västra Götaland

Tid: 2018-03-15, kl 09.00-12.00
Plats: Västkom, Göteborg

Närvarande: se bilaga
Frånvarande: Tanja Mattsson och Lotta Hjöberg
Deltar på distans
Pelle Persson
Nina Landström

1. Mötets öppnande|

2. Information om samverkan|
Föredragande: Kristina Lännergren Västkom och Åsa Jackson VGR

Förslag till beslut: VVG noterar informationen.

Beslutades att notera informationen.

Inför nästa möte: Läsa rapporten.

3. Övriga frågor|
""".replace("|", "   ")  # trailing spaces after the headings


def test_old_minutes_without_a_title(tmp_path: Path, registry_root: Path) -> None:
    root = tmp_path / "minutes"
    shutil.copytree(registry_root, root)
    source = tmp_path / "gammal.txt"
    source.write_text(OLD, encoding="utf-8")
    target = root / "vvg/2018/2018-03-15.md"
    result = runner.invoke(app, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    meeting = parse_meeting(target.read_bytes(), "x").model
    assert meeting is not None
    assert [i.number for i in meeting.items] == ["1", "2", "3"]
    assert meeting.time is not None and meeting.time.start.hour == 9
    assert {p.name for p in meeting.attendance.absent} == {"Tanja Mattsson", "Lotta Hjöberg"}
    assert {p.name for p in meeting.attendance.remote} == {"Pelle Persson", "Nina Landström"}
    item = meeting.items[1]
    assert [(p.name, p.organisation) for p in item.presenters] == [
        ("Kristina Lännergren", "Västkom"),
        ("Åsa Jackson", "VGR"),
    ]
    assert [d.type.value for d in item.decisions] == ["noted"]
    assert item.actions[0].id == "vvg-2018-03-15-2-1"
    assert "Förslag till beslut" in target.read_text(encoding="utf-8").split("## 2.")[1]
    assert runner.invoke(app, ["check", str(root), "--no-cache"]).exit_code == 0


def test_page_furniture_leaves_the_text_for_review() -> None:
    from vvgctl.importer.pages import read_lines

    body = (
        "Inför dagens möte bifogas utkast till förvaltningsplanen, som i nuläget inte "
        "innehåller några större förändringar alls."
    )
    text = "\n".join(
        [
            "Rubrik",
            "",
            body,
            "",
            "Sida 1 av 2",
            "\fMötesanteckning VVG 2018-03-15",
            "",
            body,
            "",
            "Sida 2 av 2",
            "\fMötesanteckning VVG 2018-03-15",
            "",
            body,
        ]
    )
    lines, furniture = read_lines(text)
    assert [f.text for f in furniture] == [
        "Sida 1 av 2",
        "Mötesanteckning VVG 2018-03-15",
        "Sida 2 av 2",
        "Mötesanteckning VVG 2018-03-15",
    ]
    assert [f.no for f in furniture] == [5, 6, 10, 11]
    assert sum(line.text == body for line in lines) == 3


def test_hard_wrapped_paragraphs_are_joined() -> None:
    from vvgctl.importer.pages import read_lines

    paragraph = (
        "Ärendehantering följer en årscykel där nya behov inventeras under första "
        "kvartalet och beskrivs i mallen. "
    ) * 3
    wrapped: list[str] = []
    for _ in range(6):
        line = ""
        for word in paragraph.split():
            if len(line) + 1 + len(word) > 72:
                wrapped.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        wrapped += [line, "", "Dialog:", "", "- Kort punkt.", ""]
    lines, _ = read_lines("\n".join(wrapped))
    texts = [line.text for line in lines if not line.blank]
    assert texts[0] == paragraph.strip()
    assert texts[1:3] == ["Dialog:", "- Kort punkt."]


LATER = """\
---
organ: vvg
title: Mötesanteckning
date: 2018-05-03
place: Teams
mode: remote
status: draft
items:
  - number: "1"
    title: Uppföljning
    kind: information
    closes_actions: [vvg-2018-03-15-2-1]
---

## 1. Uppföljning
"""


def test_an_imported_action_is_closed_by_a_later_meeting(
    tmp_path: Path, registry_root: Path
) -> None:
    root = tmp_path / "minutes"
    shutil.copytree(registry_root, root)
    source = tmp_path / "gammal.txt"
    source.write_text(OLD, encoding="utf-8")
    assert (
        runner.invoke(
            app, ["import", str(source), "-o", str(root / "vvg/2018/2018-03-15.md")]
        ).exit_code
        == 0
    )
    opened = runner.invoke(
        app, ["actions", str(root), "--open", "--today", "2018-04-01", "--format", "json"]
    )
    assert opened.exit_code == 0, opened.output
    assert "vvg-2018-03-15-2-1" in opened.output
    (root / "vvg/2018/2018-05-03.md").write_text(LATER, encoding="utf-8")
    closed = runner.invoke(
        app,
        ["actions", str(root), "--open", "--today", "2018-06-01", "--format", "json", "--rebuild"],
    )
    assert closed.exit_code == 0, closed.output
    assert "vvg-2018-03-15-2-1" not in closed.output
