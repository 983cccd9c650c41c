"""`vvgctl import` of PDFs (issue 31.1): real PDFs made by vvgctl render (Typst) and by
pandoc -> Typst in another layout, read back by importer/pdf.py; and whole archives in one
command (31.3): a folder of a PDF, a DOCX and a TXT, skipped on a rerun, replaced with --force,
the JSON shape; the registry found from --root wherever -o writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.pdf_docs import MINUTES, other_layout_pdf, rendered_pdfs
from vvgctl.cli.app import app
from vvgctl.importer.pdf import join, pdf_text

pytestmark = pytest.mark.slow
runner = CliRunner()
SEED = Path(__file__).parent / "data" / "seeds" / "000_9e5d402fa34657a6.txt"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("rendered")
    pdfs = {p.stem: p for p in rendered_pdfs(out / "pdf")}
    pdfs |= {p.stem + ".docx": p for p in rendered_pdfs(out / "docx", "docx")}
    pdfs["other"] = other_layout_pdf(out / "other.pdf")
    return pdfs


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "minutes"
    shutil.copytree(MINUTES / "registry", root / "registry")
    return root


def test_rendered_minutes_read_back(rendered: dict[str, Path]) -> None:
    text, notes = pdf_text(rendered["vvg-2025-10-22"])
    lines = text.splitlines()
    assert lines[0] == "# Mötesanteckning"
    # the roster's two columns become rows of two cells, a wrapped cell joined
    assert "**Fyrbodal**\t**Göteborgsområdet**" in lines
    assert (
        "Susanne Lidén, regional primärvård\tMaria Taranger, Områdeschef Sahlgrenska "
        "Universitetssjukhuset (förhindrad)"
    ) in lines
    assert any("ersätter hälso- och sjukvårdsutvecklingsdirektör Karin" in x for x in lines)
    # the running header and the page numbers are gone, and the notes say so
    assert not any(x.startswith("Sida ") for x in lines)
    assert lines.count("22 oktober 2025") == 0
    assert "Sida 1 av 7" in notes[0]
    # a heading wrapped over two lines is one heading; paragraphs are whole
    assert (
        "## 5. Egenvård – hur vill VVG följa upp tillämpning av länsgemensamma "
        "styrdokument?" in lines
    )
    assert any(
        x.startswith(
            "Vårdsamverkan Västra Götaland ställer sig bakom att beredningen "
            "tar fram en forms-enkät i syfte att få"
        )
        for x in lines
    )
    # a table of five columns: its head one row, a cell's hyphenated lines joined
    assert (
        "**December 2025**\t**Februari 2026**\t**April 2026**\t**Juni 2026**\t"
        "**September 2026**" in lines
    )
    assert (
        "- Länsgemensam riktlinje egenvård - enkätförslag\t- Länsgemensam riktlinje "
        "egenvård - analys och dialog\t- Avvikelser" in lines
    )


def test_other_layout_two_text_columns(rendered: dict[str, Path]) -> None:
    text, _notes = pdf_text(rendered["other"])
    lines = text.splitlines()
    assert lines[0] == "# Protokoll"
    assert "Styrgruppen för hälsa och omsorg" not in lines  # the running header
    assert not any(x.strip().isdigit() for x in lines)  # the page numbers
    assert "\t" not in text  # prose set in columns is read down, not as a table
    # hyphenation joined, real hyphens kept
    assert (
        "förvaltningsorganisationen redovisar de samverkansöverenskommelser som" in text.casefold()
    )
    assert "via en forms-enkät som" in text
    assert "vårdinformationsförsörjningen" in text
    headings = [x for x in lines if x.startswith("## ")]
    assert headings[:3] == [
        "## 1. Mötets öppnande",
        "## 2. Förvaltningsplan 2022",
        "## 3. Förvaltningsplan 2023",
    ]


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("för-", "valtning", "förvaltning"),
        ("hälso-", "och sjukvård", "hälso- och sjukvård"),
        ("VVG-", "mötet", "VVG-mötet"),
        ("Fyrbodals-", "Kommunerna", "Fyrbodals-Kommunerna"),
        ("forms-", "enkät", "forms-enkät"),
        ("en rad", "till", "en rad till"),
    ],
)
def test_line_end_hyphens(before: str, after: str, joined: str) -> None:
    assert join(before, after, {"forms-enkät"}) == joined


def test_pdf_imports_with_its_roster(rendered: dict[str, Path], repo: Path) -> None:
    result = runner.invoke(
        app,
        [
            "import",
            str(rendered["vvg-2025-10-22"]),
            "--organ",
            "vvg",
            "-o",
            "-",
            "--root",
            str(repo),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "imported_from:" in result.stdout and "vvg-2025-10-22.pdf" in result.stdout
    assert "Sida 1 av 7" not in result.stdout.split("## Att granska")[0]


def test_pdf_page_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rendered: dict[str, Path]
) -> None:
    from vvgctl.importer import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 3)
    result = runner.invoke(app, ["import", str(rendered["vvg-2025-10-22"]), "-o", "-"])
    assert result.exit_code == 2
    assert "7" in result.output


def test_broken_locked_and_textless_pdfs_are_refused_by_name(
    tmp_path: Path, rendered: dict[str, Path]
) -> None:
    import pikepdf
    import typst

    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot a PDF at all\n")
    locked = tmp_path / "last.pdf"
    with pikepdf.open(rendered["styrgrupp-hos-2026-05-13"]) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="a", user="b"))
    source = tmp_path / "bild.typ"
    source.write_text("#rect(width: 5cm, height: 2cm)\n", encoding="utf-8")
    textless = tmp_path / "bild.pdf"
    textless.write_bytes(typst.compile(str(source)))
    for path, code, said in (
        (broken, 1, "cannot read the PDF"),
        (locked, 1, "password"),
        (textless, 2, "has no text"),
    ):
        result = runner.invoke(app, ["import", str(path), "-o", "-"])
        assert result.exit_code == code, result.output
        assert said in result.output and path.name in result.output
        assert "Traceback" not in result.output


def _archive(tmp_path: Path, rendered: dict[str, Path]) -> Path:
    folder = tmp_path / "arkiv"
    folder.mkdir()
    shutil.copy(rendered["vvg-2025-10-22"], folder / "vvg.pdf")
    shutil.copy(rendered["styrgrupp-hos-2026-05-13.docx"], folder / "styrgrupp.docx")
    (folder / "gammal.txt").write_text(
        SEED.read_text(encoding="utf-8").replace("22 oktober 2025", "3 december 2025"),
        encoding="utf-8",
    )
    return folder


def test_archive_in_one_command(
    tmp_path: Path, repo: Path, rendered: dict[str, Path], swedish: None
) -> None:
    folder = _archive(tmp_path, rendered)
    first = runner.invoke(app, ["import", str(folder), "--root", str(repo)])
    assert first.exit_code == 0, first.output
    for name in (
        "vvg/2025/2025-10-22.md",
        "vvg/2025/2025-12-03.md",
        "styrgrupp-hos/2026/2026-05-13.md",
    ):
        assert (repo / name).is_file(), name
    assert "Totalt: 3 filer" in first.stdout
    assert "3 importerade, 0 överhoppade, 0 misslyckade" in first.stdout
    again = runner.invoke(app, ["import", str(folder), "--root", str(repo), "--format", "json"])
    assert again.exit_code == 0, again.output
    data = json.loads(again.stdout)
    assert [f["status"] for f in data["files"]] == ["skipped"] * 3
    assert set(data["total"]) == {
        "files",
        "imported",
        "skipped",
        "failed",
        "items",
        "positions",
        "outside_registry",
        "unsure",
    }
    assert set(data["files"][0]) == {
        "file",
        "status",
        "target",
        "items",
        "positions",
        "outside_registry",
        "unsure",
        "message",
    }
    (repo / "vvg/2025/2025-10-22.md").write_text("changed\n", encoding="utf-8")
    forced = runner.invoke(
        app, ["import", str(folder), "--root", str(repo), "--force", "--format", "json"]
    )
    assert forced.exit_code == 0, forced.output
    assert [f["status"] for f in json.loads(forced.stdout)["files"]] == ["imported"] * 3
    assert "imported_from" in (repo / "vvg/2025/2025-10-22.md").read_text(encoding="utf-8")


def test_archive_failures_are_named_and_exit_1(
    tmp_path: Path, repo: Path, rendered: dict[str, Path]
) -> None:
    folder = _archive(tmp_path, rendered)
    (folder / "inte-protokoll.txt").write_text("Inköpslista\n\nMjölk\n", encoding="utf-8")
    with (folder / "stor.txt").open("wb") as big:  # past the 2 MiB of text: refused unread
        big.truncate(3 * 1024 * 1024)
    (repo / "vvg/2025").mkdir(parents=True)
    (repo / "vvg/2025/2025-10-22.md").write_text("by hand\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(folder), "--root", str(repo), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    statuses = {Path(f["file"]).name: f["status"] for f in data["files"]}
    assert statuses == {
        "vvg.pdf": "failed",
        "styrgrupp.docx": "imported",
        "gammal.txt": "imported",
        "inte-protokoll.txt": "failed",
        "stor.txt": "failed",
    }
    assert "vvg.pdf" in result.stderr and "inte-protokoll.txt" in result.stderr
    assert "stor.txt: not imported: cannot import" in result.stderr
    assert (repo / "vvg/2025/2025-10-22.md").read_text(encoding="utf-8") == "by hand\n"


def test_archive_usage(tmp_path: Path, repo: Path, rendered: dict[str, Path]) -> None:
    folder = _archive(tmp_path, rendered)
    result = runner.invoke(app, ["import", str(folder), "--root", str(repo), "-o", "x.md"])
    assert result.exit_code == 2


def test_output_outside_the_repository_uses_its_registry(
    tmp_path: Path, repo: Path, swedish: None
) -> None:
    """-o somewhere else finds the same people as -o - (issue 31: 29 'outside the registry')."""
    elsewhere = tmp_path / "utkast.md"
    to_file = runner.invoke(
        app, ["import", str(SEED), "--organ", "vvg", "-o", str(elsewhere), "--root", str(repo)]
    )
    to_stdout = runner.invoke(
        app, ["import", str(SEED), "--organ", "vvg", "-o", "-", "--root", str(repo)]
    )
    assert "0 personer utanför registret" in to_stdout.stderr
    assert "0 personer utanför registret" in to_file.stderr, to_file.stderr
