"""Accuracy of `vvgctl import` per field, on the seed minutes and on their variants.

    .venv/bin/python benchmarks/import_accuracy.py

Each seed in tests/data/seeds with a file tests/data/import_expected/<nnn>.yaml is imported
with the small registry of tests/data/import_repo (the organ guessed from the header) and every
labelled field is compared: a field scores 1 when the importer's value equals the label; sets
(absent and remote people, follow-ups) score their Jaccard overlap. The first table shows, per
field, the sum of scores / the number of labels for each seed.

The variants (tests/import_variants.py) rewrite each seed into the layouts of the family of
legacy minutes, with the expected values carried along; the second table shows, per field,
the accuracy averaged over the variants and the worst variant's.

The round trip (tests/roundtrip.py, issue 31.4): every bundled meeting (minutes/**/20*.md) and
the generated family (tests/roundtrip_family.py) rendered by `vvgctl render --format F` and
imported back; the third table shows the share of matching fields per meeting and format (a
format is one line of tests/roundtrip.FORMATS), and the fields that missed. Where poppler's
pdftotext is installed, a column 'pdftotext' reads the rendered PDF through it, for reference
until the importer reads PDF itself.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import defaultdict
from itertools import chain
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402

from vvgctl.importer.minutes import import_text  # noqa: E402
from vvgctl.models import Meeting  # noqa: E402
from vvgctl.repository.registry import load_registry  # noqa: E402
from vvgctl.source.loading import parse_meeting  # noqa: E402

DATA = ROOT / "tests" / "data"


def _set_score(got: list[str], want: list[str]) -> float:
    a, b = set(got), set(want)
    return 1.0 if not a and not b else len(a & b) / len(a | b)


def _timebox(item: Any) -> list[Any] | None:
    box = item.timebox
    if box is None:
        return None
    return [
        box.minutes,
        box.start.strftime("%H:%M") if box.start else None,
        box.end.strftime("%H:%M") if box.end else None,
    ]


def score_seed(expected: dict[str, Any]) -> dict[str, list[float]]:
    text = (DATA / "seeds" / expected["seed"]).read_text(encoding="utf-8")
    return score_text(text, expected)


def score_text(text: str, expected: dict[str, Any]) -> dict[str, list[float]]:
    root = DATA / "import_repo"
    result = import_text(
        text, organ=None, registry=load_registry(root), root=root, source=expected["seed"]
    )
    meeting = parse_meeting(result.text.encode(), "draft").model
    assert isinstance(meeting, Meeting)
    scores: dict[str, list[float]] = defaultdict(list)

    def same(field: str, got: Any, want: Any) -> None:
        scores[field].append(1.0 if got == want else 0.0)

    same("organ", meeting.organ, expected["organ"])
    same("date", meeting.date.isoformat(), expected["date"])
    time = (
        [meeting.time.start.strftime("%H:%M"), meeting.time.end.strftime("%H:%M")]
        if meeting.time
        else None
    )
    same("time", time, expected["time"])
    same("place", meeting.place, expected["place"])
    same("mode", meeting.mode.value, expected["mode"])
    same("chair", meeting.chair.name if meeting.chair else None, expected["chair"])
    same("secretary", meeting.secretary.name if meeting.secretary else None, expected["secretary"])
    same(
        "previous",
        meeting.previous.date.isoformat() if meeting.previous else None,
        expected["previous"],
    )
    same("invited", len(meeting.invited), expected["invited"])
    same("roster members", sum(len(g.members) for g in meeting.roster), expected["roster_members"])
    if "others" in expected:
        same("other participants", len(meeting.attendance.others), expected["others"])
    scores["absent"].append(
        _set_score([p.name for p in meeting.attendance.absent], expected["absent"])
    )
    if "remote" in expected:
        scores["remote"].append(
            _set_score([p.name for p in meeting.attendance.remote], expected["remote"])
        )
    same("schedule", len(meeting.schedule), expected["schedule"])
    same("item count", len(meeting.items), len(expected["items"]))
    by_number = {item.number: item for item in meeting.items}
    for want in expected["items"]:
        item = by_number.get(want["number"])
        if item is None:
            for field in (
                "item title",
                "item kind",
                "timebox",
                "presenters",
                "documents",
                "decisions",
                "subitems",
                "question",
                "follow-ups",
                "actions",
            ):
                scores[field].append(0.0)
            continue
        same("item title", item.title, want["title"])
        same("item kind", item.kind.value if item.kind else None, want.get("kind"))
        same("timebox", _timebox(item), want.get("timebox"))
        same("presenters", len(item.presenters), want.get("presenters", 0))
        same("documents", len(item.documents), want.get("documents", 0))
        same("decisions", [d.type.value for d in item.decisions], want.get("decisions", []))
        same("subitems", len(item.subitems), want.get("subitems", 0))
        same(
            "question",
            item.question is not None or any(s.question for s in item.subitems),
            want.get("question", False),
        )
        same("actions", len(item.actions), want.get("actions", 0))
        scores["follow-ups"].append(
            _set_score([f.meeting for f in item.follow_ups], want.get("follow_ups", []))
        )
        if "tables" in want:
            table = item.tables[0] if item.tables else None
            same("table", [len(table.columns), len(table.rows)] if table else None, want["tables"])
    return scores


def all_scores() -> dict[str, dict[str, list[float]]]:
    yaml = YAML(typ="safe", pure=True)
    out = {}
    for path in sorted((DATA / "import_expected").glob("*.yaml")):
        out[path.stem] = score_seed(yaml.load(path.read_text(encoding="utf-8")))
    return out


def variant_scores() -> dict[str, dict[str, list[float]]]:
    """Per variant and field, the scores of the field's labels."""
    from tests.import_variants import variants

    return {v.name: score_text(v.text, v.expected) for v in variants()}


def field_accuracy(results: dict[str, dict[str, list[float]]]) -> dict[str, list[float]]:
    """Per field, its accuracy in each result that labels it."""
    out: dict[str, list[float]] = defaultdict(list)
    for scores in results.values():
        for field, values in scores.items():
            if values:
                out[field].append(sum(values) / len(values))
    return out


def roundtrip_table() -> None:
    """Per meeting and format, the round trip's share of matching fields."""
    import tempfile

    from tests.roundtrip import FORMATS, bundled, repository_with, round_trip
    from tests.roundtrip_family import family

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        members = list(family())
        root, paths = repository_with({path: text for _, path, text in members}, work)
        names = {p: f"{p.parent.parent.name}/{p.stem}" for p in bundled()}
        names |= {p: f"family:{name}" for (name, _, _), p in zip(members, paths, strict=True)}
        table: dict[str, dict[str, Any]] = defaultdict(dict)
        for fmt in FORMATS:
            for records, repository in ((bundled(), ROOT / "minutes"), (paths, root)):
                for record, score in round_trip(records, fmt, work / "out", repository).items():
                    table[names[record]][fmt] = score
        pdftotext = shutil.which("pdftotext")
        if pdftotext and "pdf" not in FORMATS:  # until the importer reads PDF itself
            for records, repository in ((bundled(), ROOT / "minutes"), (paths, root)):
                for record, score in _via_pdftotext(records, work, repository, pdftotext):
                    table[names[record]]["pdftotext"] = score
    formats = [*FORMATS, *(["pdftotext"] if any("pdftotext" in r for r in table.values()) else [])]
    print("\nround trip (render, import back), share of matching fields")
    print(f"{'meeting':<34}" + "".join(f"{fmt:>14}" for fmt in formats))
    for name, row in table.items():
        print(
            f"{name:<34}"
            + "".join(f"{row[f].total:>8.2f} ({len(row[f].fields):>3})" for f in formats)
        )
        for fmt in formats:
            if row[fmt].misses():
                print(f"    {fmt} missed: " + "; ".join(row[fmt].misses()))


def _via_pdftotext(
    records: list[Path], work: Path, repository: Path, pdftotext: str
) -> list[tuple[Path, Any]]:
    """The records rendered as PDF and read back through poppler's pdftotext, as the text
    such a PDF gives (for reference only: the system tool is not one of vvgctl's needs)."""
    from tests.roundtrip import compare, import_file, load, render

    out = []
    for record, pdf in render(records, "pdf", work / "pdf").items():
        text = pdf.with_suffix(".txt")
        subprocess.run([pdftotext, str(pdf), str(text)], check=True)
        want = load(record.read_text(encoding="utf-8"), str(record))
        out.append((record, compare(import_file(text, want.organ, repository), want)))
    return out


def main() -> None:
    seed_table()
    results = variant_scores()
    accuracy = field_accuracy(results)
    print(f"\n{len(results)} variants of the seeds (tests/import_variants.py)")
    print(f"{'field':<20}{'mean':>10}{'worst':>10}")
    for field, values in accuracy.items():
        print(f"{field:<20}{sum(values) / len(values):>10.1%}{min(values):>10.1%}")
    every = {name: list(chain.from_iterable(s.values())) for name, s in results.items()}
    overall = [sum(v) / len(v) for v in every.values()]
    print(f"{'overall':<20}{sum(overall) / len(overall):>10.1%}{min(overall):>10.1%}")
    worst = sorted(every, key=lambda n: sum(every[n]) / len(every[n]))[:5]
    print("weakest variants: " + ", ".join(worst))
    roundtrip_table()


def seed_table() -> None:
    results = all_scores()
    fields: dict[str, list[float]] = defaultdict(list)
    print(f"{'field':<20}" + "".join(f"{seed:>12}" for seed in results) + f"{'all':>12}")
    for scores in results.values():
        for field, values in scores.items():
            fields[field] += values
    for field, values in fields.items():
        cells = []
        for scores in results.values():
            got = scores.get(field, [])
            cells.append(f"{sum(got):.1f}/{len(got)}" if got else "-")
        print(
            f"{field:<20}"
            + "".join(f"{c:>12}" for c in cells)
            + f"{sum(values) / len(values):>12.0%}"
        )
    total = [v for values in fields.values() for v in values]
    print(f"{'overall':<20}" + " " * 12 * len(results) + f"{sum(total) / len(total):>12.0%}")


if __name__ == "__main__":
    main()
