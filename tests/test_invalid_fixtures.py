"""Every bad file in fixtures/invalid produces its expected diagnostic at its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from vvgctl.checking.check import check_file
from vvgctl.repository.repo import Repository

FOLDER = Path(__file__).parent / "fixtures" / "invalid"


def _expectations() -> list[tuple[str, int, int, str, str, str]]:
    rows = []
    for raw in (FOLDER / "EXPECTED.txt").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        name, where, code, message, hint = (part.strip() for part in raw.split("|"))
        line, column = (int(x) for x in where.split(":"))
        rows.append((name, line, column, code, message, hint))
    return rows


EXPECTATIONS = _expectations()


def test_every_fixture_has_an_expectation() -> None:
    files = {p.name for p in FOLDER.glob("*.md")}
    assert files == {row[0] for row in EXPECTATIONS}


@pytest.mark.parametrize(
    ("name", "line", "column", "code", "message", "hint"),
    EXPECTATIONS,
    ids=[row[0] for row in EXPECTATIONS],
)
def test_bad_file_is_reported_at_its_place(
    name: str, line: int, column: int, code: str, message: str, hint: str
) -> None:
    repository = Repository(FOLDER)
    assert repository.registry.ok
    result = check_file(repository, FOLDER / name)
    found = [(d.line, d.column, d.code, d.message, d.hint or "") for d in result.diagnostics]
    match = [f for f in found if f[2] == code and message in f[3]]
    assert match, f"no {code} diagnostic with {message!r}; got {found}"
    assert (match[0][0], match[0][1]) == (line, column), found
    assert hint in match[0][4]
    assert all(d.path.endswith(name) for d in result.diagnostics)
