"""Relevance of `vvgctl search`: queries typed as members would, each with the items to find.

Over the bundled minutes and over a repository grown from them (benchmarks/grow.py: the same
meetings again under new dates, so an item is known by its organ and number), each query is
searched for (the top 10 hits) and scored:

- recall@10: the share of its items that stand among the top 10 hits, averaged over queries;
- MRR: 1 / the rank of the first hit that is one of its items (0 when none is in the top 10),
  averaged over queries.

    .venv/bin/python benchmarks/relevance.py [--meetings 2000] [--keep] [--verbose]

The queries are inflected forms that do not stand in the text, parts of compounds, two-word
queries and misspelt names; ``tests/test_relevance.py`` holds the figures for the bundled
minutes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from vvgctl.index import open_index  # noqa: E402
from vvgctl.query.search import search  # noqa: E402

V, S = "vvg", "styrgrupp-hos"

#: (kind of query, the query, the items it must find as (organ, item number))
QUERIES: list[tuple[str, str, list[tuple[str, str]]]] = [
    # inflected forms that do not stand in the minutes
    ("inflected", "samtycket", [(V, "7")]),
    ("inflected", "samtyckena", [(V, "7")]),
    ("inflected", "informationsdelningen", [(V, "7")]),
    ("inflected", "korttidsboendena", [(V, "6")]),
    ("inflected", "korttidsboendet", [(V, "6")]),
    ("inflected", "enkäterna", [(V, "4"), (V, "5")]),
    ("inflected", "egenvårdens", [(V, "5")]),
    ("inflected", "förvaltningsplanens", [(V, "4")]),
    ("inflected", "förvaltningsplaner", [(V, "4")]),
    ("inflected", "synpunktsrundor", [(V, "7")]),
    ("inflected", "patientsäkerheten", [(S, "1")]),
    ("inflected", "remissvar", [(S, "1")]),
    ("inflected", "remissrundan", [(S, "1")]),
    ("inflected", "implementeringsplanen", [(S, "2")]),
    ("inflected", "dialogkonferensen", [(S, "2")]),
    ("inflected", "styrgruppsmötena", [(S, "3")]),
    ("inflected", "korttidsvistelserna", [(V, "5"), (V, "6")]),
    ("inflected", "pausöverenskommelser", [(V, "4")]),
    ("inflected", "vårdinformationssystemet", [(V, "4")]),
    ("inflected", "buggfixarna", [(V, "4")]),
    ("inflected", "kunskapsstödet", [(V, "5")]),
    ("inflected", "barnperspektiv", [(V, "7")]),
    ("inflected", "uppdragshandlingen", [(V, "8")]),
    ("inflected", "checklistor", [(V, "9")]),
    ("inflected", "avtalets", [(S, "1"), (V, "4")]),
    ("inflected", "kommunjuristerna", [(V, "7")]),
    ("inflected", "lagkraven", [(V, "4")]),
    ("inflected", "revideringarna", [(S, "1")]),
    # parts of compounds
    ("compound part", "delning", [(V, "7")]),
    ("compound part", "boende", [(V, "6")]),
    ("compound part", "säkerhet", [(S, "1")]),
    ("compound part", "överföring", [(V, "7")]),
    ("compound part", "jurister", [(V, "7")]),
    ("compound part", "patient", [(S, "1")]),
    ("compound part", "runda", [(V, "7"), (S, "1")]),
    ("compound part", "konferens", [(S, "2")]),
    ("compound part", "fixar", [(V, "4")]),
    ("compound part", "vistelse", [(V, "5"), (V, "6")]),
    ("compound part", "ledare", [(S, "2")]),
    ("compound part", "klinikerna", [(V, "6")]),
    # two words
    ("two words", "samtycke LSS", [(V, "6")]),
    ("two words", "enkät egenvård", [(V, "5")]),
    ("two words", "riktlinje patientsäkerhet", [(S, "1")]),
    ("two words", "barn trach", [(V, "9")]),
    ("two words", "förvaltningsplan SHVO", [(V, "4")]),
    ("two words", "implementering vårdsamverkan", [(S, "2")]),
    ("two words", "skola förskola", [(S, "1")]),
    ("two words", "styrgrupp möten", [(S, "3")]),
    ("two words", "implementering plan", [(S, "2")]),
    ("two words", "samtycket riktlinjen", [(V, "7")]),
    ("two words", "korttidsboenden barnen", [(V, "6")]),
    # misspelt names
    ("misspelt name", "Tarranger", [(V, "9")]),
    ("misspelt name", "Jacksson", [(V, "5"), (V, "7")]),
    ("misspelt name", "Lännergreen", [(V, "4"), (V, "8")]),
    ("misspelt name", "Rundbergh", [(V, "4")]),
    ("misspelt name", "Gelandr", [(V, "6")]),
    ("misspelt name", "Berndez", [(V, "6")]),
    ("misspelt name", "Swärd Davidson", [(V, "5")]),
]


@dataclass
class Score:
    recall: float
    reciprocal_rank: float
    found: list[tuple[str, str]]


def _is(hit: dict[str, object], wanted: tuple[str, str]) -> bool:
    """The hit is in the wanted item (or one of its lettered sub-items)."""
    item = str(hit["item"] or "")
    return hit["organ"] == wanted[0] and (
        item == wanted[1] or (item.startswith(wanted[1]) and item[len(wanted[1]) :].isalpha())
    )


def score(root: Path, query: str, wanted: list[tuple[str, str]], top: int = 10) -> Score:
    hits = search(open_index([root]), query, limit=top)
    found = [w for w in wanted if any(_is(h, w) for h in hits)]
    rank = next((n for n, h in enumerate(hits, 1) if any(_is(h, w) for w in wanted)), None)
    return Score(
        len(found) / len(wanted),
        1 / rank if rank else 0.0,
        [(str(h["organ"]), str(h["item"])) for h in hits],
    )


def evaluate(root: Path, verbose: bool = False) -> tuple[float, float]:
    """recall@10 and MRR over :data:`QUERIES`, and per kind of query when ``verbose``."""
    scores = []
    for kind, query, wanted in QUERIES:
        result = score(root, query, wanted)
        scores.append((kind, result))
        if verbose and result.recall < 1:
            print(
                f"  {kind:<14} {query!r}: recall {result.recall:.2f}, want {wanted}, "
                f"found {result.found}"
            )
    if verbose:
        for kind in dict.fromkeys(k for k, _, _ in QUERIES):
            mine = [s for k, s in scores if k == kind]
            print(
                f"  {kind:<14} n={len(mine):<3} recall@10 "
                f"{sum(s.recall for s in mine) / len(mine):.3f}  MRR "
                f"{sum(s.reciprocal_rank for s in mine) / len(mine):.3f}"
            )
    return (
        sum(s.recall for _, s in scores) / len(scores),
        sum(s.reciprocal_rank for _, s in scores) / len(scores),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=2000)
    parser.add_argument("--source", type=Path, default=ROOT / "minutes")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "relevance-repo")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("VVGCTL_CACHE_DIR", tempfile.mkdtemp(prefix="vvgctl-relevance-"))
    print(f"{len(QUERIES)} queries")
    recall, mrr = evaluate(args.source, args.verbose)
    print(f"bundled minutes: recall@10 {recall:.3f}, MRR {mrr:.3f}")
    from benchmarks.grow import grow
    from vvgctl.repository.discovery import meeting_files

    files = sorted(meeting_files([args.out])) if args.keep and args.out.exists() else []
    if len(files) != args.meetings:
        grow(args.source, args.out, args.meetings)
    recall, mrr = evaluate(args.out, args.verbose)
    print(f"grown repository ({args.meetings} meetings): recall@10 {recall:.3f}, MRR {mrr:.3f}")


if __name__ == "__main__":
    main()
