"""Issue 19: search that understands Swedish, on the real index of the bundled minutes and the CLI.

Every example of the issue finds its item; an exact or inflected match ranks above a compound
part; the relevance benchmark's queries (benchmarks/relevance.py) reach recall@10 ≥ 0.95.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.relevance import QUERIES, evaluate
from tests.conftest import MINUTES, RepoFactory
from vvgctl.cli.app import app
from vvgctl.index import open_index
from vvgctl.query.matching import word_forms
from vvgctl.query.search import search

runner = CliRunner()
pytestmark = pytest.mark.skipif(
    not (MINUTES / "vvg/2025/2025-10-22.md").exists(), reason="the real minutes are not there"
)


def _search(*args: str) -> list[dict[str, object]]:
    result = runner.invoke(
        app, ["search", *args, str(MINUTES), "--format", "json", "--limit", "10"]
    )
    assert result.exit_code == 0, result.output
    hits: list[dict[str, object]] = json.loads(result.stdout)
    return hits


@pytest.mark.parametrize(
    ("query", "item", "form"),
    [
        ("samtycket", "7", "samtycke"),
        ("informationsdelningen", "7", "informationsdelning"),
        ("korttidsboendena", "6", "korttidsboenden"),
        ("delning", "7", "informationsdelning"),
        ("boende", "6", "korttidsboenden"),
    ],
)
def test_each_example_of_the_issue_finds_its_item(query: str, item: str, form: str) -> None:
    hits = _search(query)
    assert hits, f"{query!r} finds nothing"
    first = hits[0]
    assert (first["organ"], first["date"], first["item"]) == ("vvg", "2025-10-22", item)
    assert f"«{form}»" in str(first["snippet"]).casefold()


def test_an_exact_match_ranks_above_a_compound_part(make_repo: RepoFactory) -> None:
    meeting = (MINUTES / "vvg/2025/2025-10-22.md").read_text(encoding="utf-8")
    extra = meeting.replace("date: 2025-10-22", "date: 2025-11-05").replace(
        "Dagens agenda godkänns.",
        "Dagens agenda godkänns. Frågan om delning av ansvar tas upp senare.",
    )
    root = make_repo({"vvg/2025/2025-11-05.md": extra})
    hits = search(open_index([root]), "delningen", limit=10)
    assert hits[0]["date"] == "2025-11-05" and hits[0]["item"] == "2"
    assert "«delning»" in hits[0]["snippet"]
    parts = [h for h in hits if "informationsdelning»" in h["snippet"]]
    assert parts and all(h["score"] < hits[0]["score"] for h in parts)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_what_a_word_stands_for() -> None:
    index = open_index([MINUTES])
    samtycket, ring, arets = word_forms(index, ["samtycket", "ring", "arets"])
    assert {"samtycke", "samtycken"} <= set(samtycket.exact) and not samtycket.parts
    assert "förändringar" not in ring.every  # föränd is no word: not a compound of ring
    assert arets.every == []  # å is a letter of its own: arets is no spelling of årets
    (name,) = word_forms(index, ["tarranger"])
    assert name.near == ["taranger", "tarangers"] and not name.exact


def test_decisions_text_uses_the_same_matching() -> None:
    def decisions(text: str) -> list[dict[str, object]]:
        result = runner.invoke(app, ["decisions", str(MINUTES), "--text", text, "--format", "json"])
        assert result.exit_code == 0, result.output
        rows: list[dict[str, object]] = json.loads(result.stdout)
        return rows

    assert {r["item"] for r in decisions("samtycket")} == {"7"}  # the item title
    assert {r["item"] for r in decisions("enkäterna")} == {"4", "5"}
    assert {r["item"] for r in decisions("Tarranger")} == {"9"}
    assert decisions("enkat") == []


def test_the_relevance_benchmark_on_the_bundled_minutes() -> None:
    assert len(QUERIES) >= 50
    recall, mrr = evaluate(Path(MINUTES))
    assert recall >= 0.95 and mrr >= 0.9
