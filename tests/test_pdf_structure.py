"""The PDFs' structure read back with pikepdf (issue 17): what the tests verify of PDF/UA-1.

No full PDF/UA or PDF/A validator (veraPDF, PAC) installs from the package registries, so this
checks the parts a screen reader depends on, on the bundled minutes and the årshjul PDF:
a /StructTreeRoot with /MarkInfo /Marked true; /Lang sv-SE and dc:language; a title shown in
the window (/DisplayDocTitle) and in dc:title; an H1 and, in minutes, H2 per item; tables with
column headers (TH in THead) and each row's label a TH too, never a TD; the XMP identification
pdfuaid:part 1, pdfaid:part 2 + conformance A.
"""

from __future__ import annotations

import collections
from pathlib import Path

import pikepdf
import pytest
from typer.testing import CliRunner

from tests.conftest import REPO_ROOT
from vvgctl.cli.app import app

MINUTES = REPO_ROOT / "minutes"


def structure(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    """The structure tree's elements as (depth, tag), in reading order."""
    out: list[tuple[int, str]] = []

    def walk(node: object, depth: int) -> None:
        if not isinstance(node, pikepdf.Dictionary):
            return
        if "/S" in node:
            out.append((depth, str(node.S)))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid, depth + 1)

    walk(pdf.Root.StructTreeRoot, 0)
    return out


def rows(tags: list[tuple[int, str]]) -> list[list[str]]:
    """The cells' tags of each TR, in order."""
    result: list[list[str]] = []
    for index, (depth, tag) in enumerate(tags):
        if tag == "/TR":
            cells = []
            for d, t in tags[index + 1 :]:
                if d <= depth:
                    break
                if d == depth + 1:
                    cells.append(t)
            result.append(cells)
    return result


def assert_accessible(path: Path, title: str) -> pikepdf.Pdf:
    pdf = pikepdf.open(path)
    root = pdf.Root
    assert "/StructTreeRoot" in root and root.MarkInfo.Marked is True
    assert str(root.Lang) == "sv-SE"
    assert root.ViewerPreferences.DisplayDocTitle is True
    meta = pdf.open_metadata()
    assert meta["dc:title"] == title
    assert meta["dc:language"] == {"sv-SE"}
    assert meta["pdfuaid:part"] == "1"
    assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "A")
    return pdf


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdfs")
    runner = CliRunner()
    # one process: a fork inside the test run (threads of earlier tests alive) may deadlock
    result = runner.invoke(app, ["render", str(MINUTES), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app,
        [
            "arshjul",
            "--organ",
            "vvg",
            "--year",
            "2026",
            "--root",
            str(MINUTES),
            "--format",
            "pdf",
            "-o",
            str(out / "arshjul.pdf"),
        ],
    )
    assert result.exit_code == 0, result.output
    return out


def test_the_arshjul_pdf_has_a_heading_and_row_headers(pdfs: Path) -> None:
    pdf = assert_accessible(
        pdfs / "arshjul.pdf", "Årshjul 2025 / 2026 – Vårdsamverkan Västra Götaland (VVG)"
    )
    tags = structure(pdf)
    counts = collections.Counter(tag for _, tag in tags)
    assert counts["/H1"] == 1 and counts["/Table"] == 1
    table = rows(tags)
    meetings, categories = 5, 6  # plan.yaml: December 2025 … September 2026; six categories
    assert table[0] == ["/TH"] * meetings  # the meetings, in THead
    labels = [r for r in table[1:] if r == ["/TH"]]
    # under each label the meetings again (small), so that a cell's headers name both
    again = [r for r in table[1:] if r == ["/TH"] * meetings]
    data = [r for r in table[1:] if "/TD" in r]
    assert len(labels) == categories and len(again) == categories
    assert data and all(r == ["/TD"] * meetings for r in data)
    assert counts["/TH"] == meetings + categories * (1 + meetings)
    assert_cells_name_row_and_column(pdf)


def _table_attributes(node: pikepdf.Dictionary) -> pikepdf.Dictionary:
    attributes = node.get("/A")
    for entry in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if isinstance(entry, pikepdf.Dictionary) and entry.get("/O") == "/Table":
            return entry
    return pikepdf.Dictionary()


def _nodes(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []

    def walk(node: object) -> None:
        if not isinstance(node, pikepdf.Dictionary):
            return
        if "/S" in node:
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def assert_cells_name_row_and_column(pdf: pikepdf.Pdf) -> None:
    """Every data cell's /Headers (issue 30, part 3) names its row's label and its column: a
    header in the meetings' row at its position, or one that names that header alone."""
    nodes = _nodes(pdf)
    by_id = {str(n.ID): n for n in nodes if "/ID" in n}
    headers = {
        key: [str(h) for h in _table_attributes(n).get("/Headers", [])] for key, n in by_id.items()
    }
    checked = 0
    for table in (n for n in nodes if n.S == "/Table"):
        rows = [n for n in _nodes_under(table) if n.S == "/TR"]
        columns = [str(c.ID) for c in _kids(rows[0])]
        labels = {key for key, names in headers.items() if names == columns}
        for row in rows[1:]:
            for x, cell in enumerate(_kids(row)):
                if cell.S != "/TD":
                    continue
                named = [str(h) for h in _table_attributes(cell).get("/Headers", [])]
                assert any(h in labels for h in named), (x, named)
                column = {
                    h if h in columns else (headers.get(h) or [""])[0]
                    for h in named
                    if h not in labels
                }
                assert column == {columns[x]}, (x, named)
                checked += 1
    assert checked


def _kids(node: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    kids = node.get("/K")
    return [
        k
        for k in (kids if isinstance(kids, pikepdf.Array) else [kids])
        if isinstance(k, pikepdf.Dictionary) and "/S" in k
    ]


def _nodes_under(node: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    found = []
    for kid in _kids(node):
        found.append(kid)
        found += _nodes_under(kid)
    return found


def test_the_minutes_pdf_has_headings_and_a_table_with_row_headers(pdfs: Path) -> None:
    pdf = assert_accessible(pdfs / "vvg-2025-10-22.pdf", "Mötesanteckning VVG 22 oktober 2025")
    tags = structure(pdf)
    counts = collections.Counter(tag for _, tag in tags)
    assert counts["/H1"] == 1 and counts["/H2"] >= 10
    table = rows(tags)
    assert table and all("/TH" in r for r in table if "/TD" not in r)
    assert sum(1 for r in table if r == ["/TH"]) >= 4  # each category row's label
    assert not any(r and r[0] == "/TD" and len(r) == 1 for r in table)
    assert_cells_name_row_and_column(pdf)


def test_every_bundled_pdf_is_tagged(pdfs: Path) -> None:
    for path in sorted(pdfs.glob("*.pdf")):
        pdf = pikepdf.open(path)
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "sv-SE", path.name
        assert any(tag == "/H1" for _, tag in structure(pdf)), path.name
