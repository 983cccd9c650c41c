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
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            walk(kid, depth + 1)

    walk(pdf.Root.StructTreeRoot, 0)
    return out


def rows(tags: list[tuple[int, str]]) -> list[list[str]]:
    """The cells' tags of each TR, in order."""
    result: list[list[str]] = []
    for index, (depth, tag) in enumerate(tags):
        if tag == "/TR":
            cells = []
            for d, t in tags[index + 1:]:
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
    result = runner.invoke(app, ["arshjul", "--organ", "vvg", "--year", "2026", "--root",
                                 str(MINUTES), "--format", "pdf", "-o",
                                 str(out / "arshjul.pdf")])
    assert result.exit_code == 0, result.output
    return out


def test_the_arshjul_pdf_has_a_heading_and_row_headers(pdfs: Path) -> None:
    pdf = assert_accessible(pdfs / "arshjul.pdf",
                            "Årshjul 2025 / 2026 – Vårdsamverkan Västra Götaland (VVG)")
    tags = structure(pdf)
    counts = collections.Counter(tag for _, tag in tags)
    assert counts["/H1"] == 1 and counts["/Table"] == 1
    table = rows(tags)
    meetings, categories = 5, 6  # plan.yaml: December 2025 … September 2026; six categories
    assert table[0] == ["/TH"] * meetings  # the meetings, in THead
    labels = [r for r in table[1:] if r == ["/TH"]]
    data = [r for r in table[1:] if r != ["/TH"]]
    assert len(labels) == categories and all(r == ["/TD"] * meetings for r in data)
    assert counts["/TH"] == meetings + categories


def test_the_minutes_pdf_has_headings_and_a_table_with_row_headers(pdfs: Path) -> None:
    pdf = assert_accessible(pdfs / "vvg-2025-10-22.pdf",
                            "Mötesanteckning VVG 22 oktober 2025")
    tags = structure(pdf)
    counts = collections.Counter(tag for _, tag in tags)
    assert counts["/H1"] == 1 and counts["/H2"] >= 10
    table = rows(tags)
    assert table and all("/TH" in r for r in table if "/TD" not in r)
    assert sum(1 for r in table if r == ["/TH"]) >= 4  # each category row's label
    assert not any(r and r[0] == "/TD" and len(r) == 1 for r in table)


def test_every_bundled_pdf_is_tagged(pdfs: Path) -> None:
    for path in sorted(pdfs.glob("*.pdf")):
        pdf = pikepdf.open(path)
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "sv-SE", path.name
        assert any(tag == "/H1" for _, tag in structure(pdf)), path.name
