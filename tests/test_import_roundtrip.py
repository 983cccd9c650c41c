"""The round trip as the importer's yardstick (issue 31.4): every bundled meeting and a generated
family of meetings, rendered by vvgctl to each format of tests/roundtrip.FORMATS and imported
back, matches its record field by field on at least 0.95 (benchmarks/import_accuracy.py prints
the scores)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.roundtrip import (
    FORMATS,
    ROOT,
    Score,
    bundled,
    compare,
    load,
    repository_with,
    round_trip,
)
from tests.roundtrip_family import family
from vvgctl.models.meeting import Correction

BAR = 0.95


@pytest.fixture(scope="module")
def family_repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    members = list(family())
    return repository_with(
        {path: text for _, path, text in members}, tmp_path_factory.mktemp("family")
    )


def _failing(scores: dict[Path, Score]) -> dict[str, list[str]]:
    return {path.name: score.misses() for path, score in scores.items() if score.total < BAR}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_bundled_meeting_comes_back(fmt: str, tmp_path: Path) -> None:
    scores = round_trip(bundled(), fmt, tmp_path, ROOT / "minutes")
    assert len(scores) >= 2
    assert _failing(scores) == {}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_generated_family_comes_back(
    fmt: str, tmp_path: Path, family_repository: tuple[Path, list[Path]]
) -> None:
    root, paths = family_repository
    scores = round_trip(paths, fmt, tmp_path, root)
    assert len(scores) == len(list(family()))
    assert _failing(scores) == {}


def test_the_scorer_sees_each_kind_of_miss() -> None:
    record = ROOT / "minutes" / "vvg" / "2025" / "2025-10-22.md"
    text = record.read_text(encoding="utf-8")
    want = load(text, "record")
    assert compare(want, want).total == 1.0
    got = want.model_copy(deep=True)
    got.items[3].decisions[0].text += " Och bakgrunden."
    got.items[3].decisions[1].type = got.items[3].decisions[0].type
    got.roster[0].members.pop()
    got.attendance.absent.pop()
    got.items[0].subitems[0].kind = None
    got.items[4].follow_ups[0].text += " Och mer."
    got.items[4].follow_ups[1].meeting = "next"
    got.items[3].closes_actions = ["vvg-2025-09-11-4-1"]
    assert got.previous is not None
    got.previous.corrections = [Correction(text="I punkt 4 ändras en mening.")]
    misses = {m.rsplit(" ", 1)[0] for m in compare(got, want).misses()}
    assert misses == {
        "item 4 position 1 text",
        "item 4 position 2 type",
        "roster fyrbodal",
        "absent",
        "item 1a kind",
        "item 5 follow-up 1 text",
        "item 5 follow-up 2 meeting",
        "item 4 closes actions",
        "previous correction 1 text",
        "previous correction 1 quote",
        "previous correction 1 replacement",
    }
