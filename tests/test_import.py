"""`vvgctl import`: seeds, nothing lost, the draft passes `vvgctl check`, pandoc formats."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import pandoc_document
from vvgctl.cli.app import app
from vvgctl.importer.minutes import NotMinutes, import_text
from vvgctl.importer.text import normalise, words
from vvgctl.repository.registry import load_registry
from vvgctl.source.loading import parse_meeting

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
SEED_000 = SEEDS / "000_9e5d402fa34657a6.txt"
SEED_004 = SEEDS / "004_f2fe77da785194ac.txt"
SEED_002 = SEEDS / "002_d87606c210fc3868.txt"
runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "minutes"
    shutil.copytree(DATA / "import_repo", root)
    return root


def _missing_words(source: str, output: str) -> list[str]:
    # a word is kept if either reading of the output has it: a trailing hyphen the
    # importer kept verbatim may sit before a YAML key on the next line
    have = words(output) | words(output, join_lines=False)
    return [w for w, n in words(source).items() if have[w] < n]


@pytest.mark.parametrize(
    "seed, target",
    [(SEED_000, "vvg/2025/2025-10-22.md"), (SEED_004, "styrgrupp-hos/2026/2026-05-13.md")],
)
@pytest.mark.usefixtures("swedish")
def test_seed_becomes_a_draft_that_passes_check(repo: Path, seed: Path, target: str) -> None:
    result = runner.invoke(app, ["import", str(seed), "-o", str(repo / target)])
    assert result.exit_code == 0, result.output
    text = (repo / target).read_text(encoding="utf-8")
    assert "status: draft" in text
    assert _missing_words(seed.read_text(encoding="utf-8"), text) == []
    checked = runner.invoke(app, ["check", str(repo), "--no-cache"])
    assert checked.exit_code == 0, checked.output
    assert " 0 fel" in checked.output or "inga fel" in checked.output


def test_seed_000_fields(repo: Path) -> None:
    result = import_text(
        SEED_000.read_text(encoding="utf-8"), organ=None, registry=load_registry(repo), root=repo
    )
    meeting = parse_meeting(result.text.encode(), "x").model
    assert meeting is not None
    assert (meeting.organ, str(meeting.date), meeting.place) == ("vvg", "2025-10-22", "Teams")
    assert [g.delegation for g in meeting.roster][:3] == ["fyrbodal", "skaraborg", "simba"]
    item4 = meeting.items[3]
    assert item4.timebox is not None and item4.timebox.minutes == 30
    assert [p.name for p in item4.presenters] == ["Ann-Sofie Rundberg", "Kristina Lännergren"]
    assert [d.type.value for d in item4.decisions] == ["endorsed", "assigned"]
    assert item4.decisions[1].after_dialog
    assert item4.actions[0].label == "Inför nästa möte"
    rundberg = meeting.roster[7].members[0]
    assert (rundberg.role, rundberg.substitutes_for and rundberg.substitutes_for.name) == (
        "vice_chair",
        "Karin Looström Muth",
    )
    table = meeting.items[9].tables[0]
    assert table.columns[0] == "December 2025" and table.rows[0].label == "Uppföljning"
    # the prose stays in the body, the dialog bullets with it
    assert "Dialog:" in result.text.split("## 4.")[1]


def test_probable_match_is_reported_and_kept_local(repo: Path) -> None:
    target = repo / "vvg/2025/2025-10-22.md"
    result = runner.invoke(app, ["import", str(SEED_000), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "'Lotta Hjoberg' is not in the registry; probably 'Lotta Hjöberg'" in result.output
    meeting = parse_meeting(target.read_bytes(), "x").model
    assert meeting is not None
    local = {p.name: p for p in meeting.people}
    assert local["Lotta Hjoberg"].probable_match == "Lotta Hjöberg"
    assert "Kristina Lännergren" not in local  # in the registry
    registry = (repo / "registry/people.yaml").read_text(encoding="utf-8")
    assert "Hjoberg" not in registry


def test_unsure_lines_point_into_the_output(repo: Path) -> None:
    target = repo / "styrgrupp-hos/2026/2026-05-13.md"
    result = runner.invoke(app, ["import", str(SEED_004), "-o", str(target)])
    lines = target.read_text(encoding="utf-8").split("\n")
    unsure = [line for line in result.output.splitlines() if ": unsure: item 1 has no kind" in line]
    assert unsure
    number = int(unsure[0].split(":")[1])
    assert "Länsgemensam riktlinje för patientsäkerhet" in lines[number - 1]


def test_report_is_refused_and_forced_with_date_goes_to_review(repo: Path) -> None:
    result = runner.invoke(app, ["import", str(SEED_002), "-o", str(repo / "x.md")])
    assert result.exit_code == 1
    assert "does not look like minutes" in result.output
    target = repo / "vvg/2026/2026-06-01.md"
    result = runner.invoke(
        app, ["import", str(SEED_002), "--organ", "vvg", "--date", "2026-06-01", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "## Att granska (import)" in text
    assert _missing_words(SEED_002.read_text(encoding="utf-8"), text) == []
    assert runner.invoke(app, ["check", str(repo), "--no-cache"]).exit_code == 0


def test_never_overwrites_without_force(repo: Path) -> None:
    target = repo / "vvg/2025/2025-10-22.md"
    target.parent.mkdir(parents=True)
    target.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["import", str(SEED_000), "-o", str(target)])
    assert result.exit_code == 2 and "already exists" in result.output
    assert target.read_text(encoding="utf-8") == "mine"
    assert (
        runner.invoke(app, ["import", str(SEED_000), "-o", str(target), "--force"]).exit_code == 0
    )


def test_default_output_is_the_repository_place(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.parent)
    result = runner.invoke(app, ["import", str(SEED_004)])
    assert result.exit_code == 0, result.output
    assert (repo / "styrgrupp-hos/2026/2026-05-13.md").is_file()


MINUTES_MD = """\
# Mötesanteckning

Vårdsamverkan Västra Götaland (VVG)

Datum: 14 mars 2019

Tid: kl. 13.00–15.30

Plats: VästKom, Göteborg, och via Teams

Kallade:

| Fyrbodal | VästKom |
|---|---|
| Tanja Mattsson, Mellerud | Kristina Lännergren (ordförande) |
| Lotta Hjoberg, Skövde (förhindrad) | Pelle Persson (via Teams) |

1) Mötets öppnande

2) Riktlinje för läkemedel

Information och ställningstagande

(30 minuter, kl. 13.10 – 13.40)

Föredragande Åsa Jackson, VGR

**Beslut:**

1. VVG ställer sig bakom riktlinjen.
2. Riktlinjen ska vara införd senast den 31 december 2019.

Bakgrunden beskrevs.
"""


@pytest.mark.parametrize("suffix", ["docx", "odt", "html"])
def test_pandoc_formats(repo: Path, tmp_path: Path, suffix: str) -> None:
    source = tmp_path / "in.md"
    source.write_text(MINUTES_MD, encoding="utf-8")
    document = pandoc_document(source, tmp_path / f"minutes.{suffix}")
    target = repo / "vvg/2019/2019-03-14.md"
    result = runner.invoke(app, ["import", str(document), "-o", str(target)])
    assert result.exit_code == 0, result.output
    meeting = parse_meeting(target.read_bytes(), "x").model
    assert meeting is not None
    assert (str(meeting.date), meeting.mode.value) == ("2019-03-14", "hybrid")
    assert meeting.time is not None and meeting.time.start.hour == 13
    assert [g.delegation for g in meeting.roster] == ["fyrbodal", "vastkom"]
    assert [p.name for p in meeting.attendance.absent] == ["Lotta Hjoberg"]
    assert [p.name for p in meeting.attendance.remote] == ["Pelle Persson"]
    item = meeting.items[1]
    assert item.kind is not None and item.kind.value == "information_and_decision"
    decision = item.decisions[0]
    assert decision.label == "Beslut" and len(decision.parts) == 2
    assert str(decision.deadline) == "2019-12-31"
    assert runner.invoke(app, ["check", str(repo), "--no-cache"]).exit_code == 0


def test_normalise_joins_page_breaks_and_known_hyphenation() -> None:
    text = (
        "Den länsgemensamma rutinen gäller.\n\nDen läns-gemensamma rutinen och en "
        "forms-enkät som skickas ut till alla i\n\n\n\nregionen.\n"
    )
    lines = [line.text for line in normalise(text) if not line.blank]
    assert lines[1] == (
        "Den länsgemensamma rutinen och en forms-enkät som skickas ut till alla i regionen."
    )


_FRAGMENTS = st.sampled_from(
    [
        "Ställningstagande:",
        "Beslut: VVG noterar informationen.",
        "Föredragande: Åsa Jackson, VGR",
        "Dialog:",
        "- a) Något",
        "b. Annat",
        "(30 minuter, kl. 09.05 – 09.35)",
        "(20 min, kl. 10-9)",
        "Information",
        "Information och dialog",
        "Frånvaro: Kalle Anka och Lotta Hjoberg",
        "Fyrbodal\tVästKom",
        "Tanja Mattsson, X (förhindrad)\tOkänd Person (ersätter Per Persson)",
        "- [Dokument](#)",
        "- [Länk](https://example.org/a.pdf)",
        "## 9. Rubrik",
        "# Rubrik",
        "```",
        "---",
        "Paus 10.00 – 10.10",
        "Inför nästa möte: gör något",
        "Mötesanteckning:",
        "Isabelle Alknäs",
        "1. Första",
        "2. Andra",
        "3)",
        "\t",
        "*",
        "**fet:**",
        "<b>x</b>",
        "Mötestider",
        "12 december kl. 9.00 – 12.00, Teams",
        "läns-gemensam",
        "sam-",
        "verkan",
        "Frågeställning:",
        "Vid mötet i februari presenteras resultatet.",
        "a\tb\tc",
        "x\ty",
    ]
)
_WORDS = st.text(alphabet="abcåäö ÅÄÖXYZ-:.,()0123456789", min_size=0, max_size=30)
_LINES = st.lists(st.one_of(_FRAGMENTS, _WORDS, st.just("")), min_size=0, max_size=40)


@pytest.mark.slow
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(body=_LINES, items=st.lists(_LINES, min_size=0, max_size=4))
def test_every_word_is_kept_and_the_draft_is_valid(
    repo: Path, body: list[str], items: list[list[str]]
) -> None:
    parts = [
        "Mötesanteckning",
        "Vårdsamverkan Västra Götaland (VVG)",
        "Datum: 2025-10-22",
        "Kallade:",
        *body,
    ]
    for number, lines in enumerate(items, start=1):
        parts += ["", f"{number}. Punkt {number}", "", *lines]
    text = "\n".join(parts)
    registry = load_registry(repo)
    try:
        result = import_text(
            text, organ=None, registry=registry, root=repo, target=repo / "vvg/2025/2025-10-22.md"
        )
    except NotMinutes:  # pragma: no cover - the header always has a date
        raise
    assert _missing_words(text, result.text) == []
    assert parse_meeting(result.text.encode(), "x").model is not None
    assert result.problems == [], result.problems


def test_accuracy_script_scores_the_seeds() -> None:
    spec = importlib.util.spec_from_file_location(
        "import_accuracy", Path(__file__).parent.parent / "benchmarks" / "import_accuracy.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    scores = module.all_scores()
    assert set(scores) == {"000", "004"}
    for field in ("date", "time", "item count", "item title"):
        assert all(sum(s[field]) == len(s[field]) for s in scores.values()), field
