"""Spreadsheets that open right: xlsx with typed dates and headers in the user's language, CSV
with a UTF-8 BOM (a real workbook read back with openpyxl)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from vvgctl.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture()
def minutes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VVGCTL_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(ROOT / "minutes", tmp_path / "minutes")
    return tmp_path / "minutes"


def _sheet(output: bytes) -> list[tuple[object, ...]]:
    book = load_workbook(io.BytesIO(output))
    assert book.active is not None
    return [tuple(row) for row in book.active.iter_rows(values_only=True)]


@pytest.mark.parametrize(
    ("command", "swedish", "english"),
    [
        ("decisions", ("Organ", "Datum", "Punkt", "Ärende"), ("Organ", "Date", "Item", "Case")),
        ("actions", ("Organ", "Datum"), ("Organ", "Date")),
        ("cases", ("Ärende",), ("Case",)),
        ("summary", ("Organ", "Datum", "Status", "Punkter"), ("Organ", "Date", "Status", "Items")),
    ],
)
def test_xlsx_has_typed_dates_and_headers_in_the_users_language(
    minutes: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    swedish: tuple[str, ...],
    english: tuple[str, ...],
) -> None:
    monkeypatch.delenv("LANG", raising=False)
    result = runner.invoke(app, [command, str(minutes), "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    rows = _sheet(result.stdout_bytes)
    assert set(swedish) <= set(rows[0]), rows[0]
    assert len(rows) > 1
    dates = [v for row in rows[1:] for v in row if isinstance(v, dt.date | dt.datetime)]
    assert dates, rows[:3]  # a date is a date, not a text
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    again = runner.invoke(app, [command, str(minutes), "--format", "xlsx"])
    assert set(english) <= set(_sheet(again.stdout_bytes)[0])


def test_csv_starts_with_a_bom_and_swedish_headers(
    minutes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LANG", raising=False)
    result = runner.invoke(app, ["decisions", str(minutes), "--format", "csv"])
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbfOrgan,Datum,Punkt,\xc3\x84rende")


def test_json_stays_english_keyed(minutes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LANG", raising=False)
    result = runner.invoke(app, ["decisions", str(minutes), "--format", "json"])
    assert '"organ":' in result.stdout and '"date":' in result.stdout
