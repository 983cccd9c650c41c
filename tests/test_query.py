"""`vvgctl decisions`, `cases`, `case`, `actions`, `documents` and the case-flow rules, on an
inline repository and on the real minutes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MINUTES, RepoFactory
from tests.query_repo import DOCUMENTS, FILES
from vvgctl.checking.check import run_check
from vvgctl.cli.app import app

runner = CliRunner()


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def cli_json(*args: str) -> object:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def repo(make_repo: RepoFactory) -> Path:
    return make_repo(FILES, meeting=False)


def test_text_filter_finds_the_position_with_organ_date_item_and_line(repo: Path) -> None:
    rows = cli_json("decisions", str(repo), "--text", "enkät")
    assert isinstance(rows, list) and len(rows) == 1
    row = rows[0]
    file = repo / "vvg/2025/2025-10-22.md"
    assert (row["organ"], row["date"], row["item"], row["type"]) == (
        "vvg",
        "2025-10-22",
        "4",
        "endorsed",
    )
    assert Path(row["file"]).resolve() == file.resolve()
    assert row["line"] == line_of(file, "forms-enkät")
    assert {"organ", "date", "item", "title", "type", "text", "file", "line"} <= set(row)


def test_text_filter_folds_case_and_normalises_but_keeps_diacritics(repo: Path) -> None:
    assert len(cli_json("decisions", str(repo), "--text", "FORMS-ENKÄT")) == 1  # type: ignore[arg-type]
    decomposed = "enka\u0308t"  # ä as a + combining diaeresis (NFD, as macOS may type it)
    assert len(cli_json("decisions", str(repo), "--text", decomposed)) == 1  # type: ignore[arg-type]
    assert cli_json("decisions", str(repo), "--text", "enkat") == []


def test_date_type_organ_case_and_person_filters(repo: Path) -> None:
    assert cli_json("decisions", str(repo), "--from", "2026-01-01") == []
    endorsed = cli_json(
        "decisions", str(repo), "--organ", "vvg", "--year", "2025", "--type", "endorsed"
    )
    assert [(r["date"], r["item"]) for r in endorsed] == [  # type: ignore[union-attr]
        ("2025-10-22", "4"),
        ("2025-10-22", "5"),
        ("2025-12-10", "2"),
    ]
    autumn = cli_json("decisions", str(repo), "--from", "2025-10", "--to", "2025-11")
    assert {r["date"] for r in autumn} == {"2025-10-22", "2025-11-20"}  # type: ignore[union-attr]
    case = cli_json("decisions", str(repo), "--case", "0755")
    assert [r["type"] for r in case] == ["noted", "endorsed", "approved"]  # type: ignore[union-attr]
    # the registry spells her Hjöberg; the minutes say Hjoberg (an alias)
    by_person = cli_json("decisions", str(repo), "--person", "Lotta Hjöberg")
    assert [(r["date"], r["item"]) for r in by_person] == [  # type: ignore[union-attr]
        ("2025-10-22", "5")
    ]


def test_paths_limit_the_answer(repo: Path) -> None:
    rows = cli_json("decisions", str(repo / "sro"))
    assert [r["organ"] for r in rows] == ["sro"]  # type: ignore[union-attr]


@pytest.mark.usefixtures("swedish")
def test_piped_csv_and_markdown_output(repo: Path) -> None:
    plain = runner.invoke(app, ["decisions", str(repo), "--text", "enkät"])
    assert plain.exit_code == 0
    line = line_of(repo / "vvg/2025/2025-10-22.md", "forms-enkät")
    assert plain.stdout.startswith(
        f"{repo / 'vvg/2025/2025-10-22.md'}:{line}: vvg 2025-10-22 punkt 4 [Ställer sig bakom]"
    )
    table = runner.invoke(app, ["decisions", str(repo), "--case", "0755", "--format", "csv"])
    assert table.stdout.startswith("\ufeff")  # Excel reads å, ä, ö as UTF-8
    records = list(csv.DictReader(io.StringIO(table.stdout.removeprefix("\ufeff"))))
    assert [r["Organ"] for r in records] == ["vvg", "vvg", "sro"]
    assert records[0]["Rad"].isdigit() and "Ärende" in records[0]
    md = runner.invoke(app, ["decisions", str(repo), "--format", "md", "--organ", "sro"])
    assert md.stdout.splitlines()[0].startswith("| Organ | Datum | Punkt |")
    assert "| sro | 2025-11-20 | 3 |" in md.stdout


def test_wrong_values_are_usage_errors(repo: Path) -> None:
    result = runner.invoke(app, ["decisions", str(repo), "--type", "beslut"])
    assert result.exit_code == 2 and "noted, endorsed" in result.output
    result = runner.invoke(app, ["decisions", str(repo), "--from", "22 oktober"])
    assert result.exit_code == 2 and "not a date" in result.output


def test_case_timeline_and_status_follow_the_flow(repo: Path) -> None:
    data = cli_json("case", "0755", str(repo))
    assert isinstance(data, dict)
    assert [(t["organ"], t["stage"]) for t in data["timeline"]] == [
        ("vvg", "information"),
        ("vardsamverkan-fyrbodal", "anchoring"),
        ("vvg", "position"),
        ("sro", "confirmation"),
    ]
    assert data["status"] == "decided"
    (repo / "sro/2025/2025-11-20.md").unlink()
    data = cli_json("case", "0755", str(repo))
    assert isinstance(data, dict)
    assert data["status"] == "awaiting_confirmation" and data["awaiting"] == ["sro"]


def test_cases_list_and_unknown_case(repo: Path) -> None:
    rows = cli_json("cases", str(repo))
    assert {r["case"]: r["status"] for r in rows} == {  # type: ignore[union-attr]
        "0755": "decided",
        "0900": "decided",
    }
    assert cli_json("cases", str(repo), "--status", "open") == []
    result = runner.invoke(app, ["case", "0756", str(repo)])
    assert result.exit_code == 2 and "did you mean 0755" in result.output


def test_actions_closed_by_a_later_reference_and_overdue(repo: Path) -> None:
    rows = cli_json("actions", str(repo), "--today", "2025-12-01")
    assert isinstance(rows, list)
    by_text = {r["text"].split()[0]: r for r in rows}
    trach, names = by_text["Inkomma"], by_text["Skicka"]
    assert trach["status"] == "closed"
    assert (trach["closed_by"]["date"], trach["closed_by"]["item"]) == ("2025-10-22", "5")
    assert trach["due"] == "nästa möte (2025-10-22)"
    assert names["status"] == "open" and names["overdue"] is True
    open_rows = cli_json("actions", str(repo), "--open")
    assert [r["owner_group"] for r in open_rows] == ["Beredningen"]  # type: ignore[union-attr]
    mine = cli_json("actions", str(repo), "--owner", "maria")
    assert [r["owner"] for r in mine] == ["Maria Taranger"]  # type: ignore[union-attr]


@pytest.mark.usefixtures("swedish")
def test_documents_with_latest_position_and_overdue_review(repo: Path) -> None:
    rows = cli_json("documents", str(repo), "--today", "2025-12-01")
    assert isinstance(rows, list)
    egenvard, samtycke = rows
    assert egenvard["latest_position"]["organ"] == "sro"
    assert egenvard["latest_position"]["date"] == "2025-11-20"
    assert egenvard["overdue"] is True and samtycke["overdue"] is False
    assert samtycke["latest_position"] is None
    overdue = cli_json("documents", str(repo), "--overdue", "--today", "2025-12-01")
    assert [r["id"] for r in overdue] == ["riktlinje-egenvard"]  # type: ignore[union-attr]
    plain = runner.invoke(app, ["documents", str(repo), "--today", "2025-12-01"])
    assert "2025-06-30 FÖRSENAD" in plain.stdout


def test_check_warns_about_a_position_at_first_appearance(repo: Path) -> None:
    report = run_check([repo])
    flow = [d for d in report.diagnostics if d.code == "case-flow"]
    assert [(Path(d.path).name, d.line) for d in flow] == [
        ("2025-12-10.md", line_of(repo / "vvg/2025/2025-12-10.md", 'case: "0900"'))
    ]
    assert "0900" in flow[0].message


def test_case_flow_is_configurable_per_organ(repo: Path) -> None:
    organs = (repo / "registry/organs.yaml").read_text(encoding="utf-8")
    (repo / "registry/organs.yaml").write_text(
        organs.replace(
            "name: Vårdsamverkan Västra Götaland\n",
            "name: Vårdsamverkan Västra Götaland\n    information_before_position: false\n",
        ),
        encoding="utf-8",
    )
    assert not [d for d in run_check([repo]).diagnostics if d.code == "case-flow"]


def test_check_validates_governing_document_references(repo: Path) -> None:
    assert not [
        d for d in run_check([repo]).diagnostics if d.code in ("governing-document-ref", "schema")
    ]
    october = repo / "vvg/2025/2025-10-22.md"
    october.write_text(
        october.read_text(encoding="utf-8").replace(
            "[riktlinje-egenvard]", "[riktlinje-egenvardd]"
        ),
        encoding="utf-8",
    )
    refs = [d for d in run_check([repo]).diagnostics if d.code == "governing-document-ref"]
    assert len(refs) == 1 and refs[0].line == line_of(october, "riktlinje-egenvardd")
    assert str(refs[0].hint) == "did you mean riktlinje-egenvard?"
    (repo / "registry/documents.yaml").write_text(DOCUMENTS + "  - id: x\n", encoding="utf-8")
    codes = {d.code for d in run_check([repo]).diagnostics}
    assert "schema" in codes  # the broken register is reported, the references are not
    assert "governing-document-ref" not in codes


# --- the real minutes ---------------------------------------------------------------------

REAL = MINUTES / "vvg/2025/2025-10-22.md"
needs_real = pytest.mark.skipif(not REAL.exists(), reason="the real minutes are not there yet")


@needs_real
def test_real_forms_enkat_position_is_found_by_text_not_by_date() -> None:
    rows = cli_json("decisions", str(MINUTES), "--text", "enkät")
    assert isinstance(rows, list)
    hits = [r for r in rows if r["date"] == "2025-10-22" and r["item"] == "4"]
    assert hits and "forms-enkät" in hits[0]["text"]
    text = REAL.read_text(encoding="utf-8").split("\n")
    assert "forms-enkät" in text[hits[0]["line"] - 1]
    later = cli_json("decisions", str(MINUTES), "--text", "enkät", "--from", "2026-01-01")
    assert not [r for r in later if r["date"] == "2025-10-22"]  # type: ignore[union-attr]


@needs_real
def test_real_minutes_check_clean_of_query_rules() -> None:
    report = run_check([MINUTES])
    assert not [d for d in report.diagnostics if d.code in ("case-flow", "governing-document-ref")]


@pytest.mark.parametrize("where", ["root", "elsewhere"])
def test_sqlite_json_equals_the_python_rows(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """`decisions --format json` is encoded by SQLite; it must say exactly what the rows say."""
    from vvgctl.index import open_index
    from vvgctl.query.decisions import DecisionFilter, decisions_json, find_decisions

    october = repo / "vvg/2025/2025-10-22.md"
    september = repo / "vvg/2025/2025-09-11.md"
    # a presenter whose name needs escaping in JSON
    september.write_text(
        september.read_text(encoding="utf-8").replace(
            "presenters: [Åsa Jackson]",
            'presenters: [Åsa Jackson, "Per \\"Pelle\\" Back\\\\slash"]',
            1,
        ),
        encoding="utf-8",
    )
    september.write_text(
        september.read_text(encoding="utf-8").replace(
            "        text: Vårdsamverkan Västra Götaland noterar informationen.\n",
            "        text: Vårdsamverkan Västra Götaland noterar informationen.\n"
            "        after_dialog: true\n        parts:\n          - text: Första delen\n"
            "            parts: [a-del, b-del]\n",
            1,
        ),
        encoding="utf-8",
    )
    assert "Pelle" in september.read_text(encoding="utf-8")
    monkeypatch.chdir(repo.parent if where == "root" else tmp_path)
    filters = [
        DecisionFilter(),
        DecisionFilter(organ="vvg"),
        DecisionFilter(text="enkät"),
        DecisionFilter(year=2025),
        DecisionFilter(text="ÅR"),
        DecisionFilter(case="0755"),
        DecisionFilter(type="noted"),
    ]
    for scope in ([repo], [repo / "vvg" / "2025"], [october]):
        index = open_index(scope)
        for flt in filters:
            expected = [
                json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode()
                for row in find_decisions(index, flt)
            ]
            assert decisions_json(index, flt) == expected, (scope, flt)
    found = decisions_json(open_index([repo]), DecisionFilter())
    everything = [row.decode() for row in found or []]
    assert everything and any('Per \\"Pelle\\" Back\\\\slash' in row for row in everything)
    assert any('"governing_documents":["riktlinje-egenvard"]' in row for row in everything)
    assert any(
        '"parts":[{"text":"Första delen","parts":["a-del","b-del"]}],"after_dialog":true' in row
        for row in everything
    )
    assert decisions_json(open_index([repo]), DecisionFilter(person="Åsa Jackson")) is None


@pytest.mark.parametrize(
    ("encoding", "lang"), [("utf-8", "sv_SE.UTF-8"), ("utf-8", "en_GB.UTF-8"), ("latin-1", "")]
)
def test_decisions_json_writes_the_bytes_the_python_rows_give(
    repo: Path, tmp_path: Path, encoding: str, lang: str
) -> None:
    """The JSON SQLite encodes goes to stdout's byte stream as it is when stdout writes UTF-8,
    and through the text layer otherwise: either way the bytes `print_rows_json` of the
    Python rows would write, in the stream's encoding."""
    import os
    import subprocess
    import sys

    from vvgctl.cli.tabular import print_rows_json
    from vvgctl.index import open_index
    from vvgctl.query.decisions import DecisionFilter, find_decisions

    env = dict(
        os.environ,
        PYTHONIOENCODING=encoding,
        LANG=lang,
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        VVGCTL_CACHE_DIR=str(tmp_path / "cache"),
        NO_COLOR="1",
    )
    for text in ("enkät", "ingenting-sådant"):
        command = [sys.executable, "-m", "vvgctl", "decisions", str(repo), "--format", "json"]
        ran = subprocess.run([*command, "--text", text], env=env, capture_output=True)
        assert ran.returncode == 0 and not ran.stderr, ran.stderr
        rows = find_decisions(open_index([repo]), DecisionFilter(text=text))
        written = io.TextIOWrapper(io.BytesIO(), encoding=encoding, newline="")
        real = sys.stdout
        sys.stdout = written
        try:
            print_rows_json(rows)
            sys.stdout.flush()
        finally:
            sys.stdout = real
        assert isinstance(written.buffer, io.BytesIO)
        assert ran.stdout == written.buffer.getvalue(), text
        assert (b"\xc3\xa4" in ran.stdout) == (encoding == "utf-8" and bool(rows))


OWN_CASE = "fyrbodal-vp-2026"


def _fyrbodal(date: str, item: str) -> str:
    return (
        f"---\norgan: vardsamverkan-fyrbodal\ndate: {date}\nplace: Uddevalla\n"
        f"mode: in_person\nstatus: approved\nitems:\n{item}---\n"
    )


def _own_case_repo(make_repo: RepoFactory, *, followed_up: bool) -> Path:
    """A delregional organ's own case: informed in September, its verksamhetsplan fixed in
    November with a follow-up set for March; with ``followed_up`` the case comes back then."""
    files = dict(FILES)
    files["vardsamverkan-fyrbodal/2025/2025-09-03.md"] = _fyrbodal(
        "2025-09-03",
        f"""\
  - number: "3"
    title: Verksamhetsplan 2026 – första utkast
    kind: information
    case: {OWN_CASE}
""",
    )
    files["vardsamverkan-fyrbodal/2025/2025-11-05.md"] = _fyrbodal(
        "2025-11-05",
        f"""\
  - number: "4"
    title: Verksamhetsplan 2026 – beslut
    kind: decision
    case: {OWN_CASE}
    decisions:
      - type: approved
        text: Vårdsamverkan Fyrbodal fastställer verksamhetsplanen för 2026.
    follow_ups:
      - text: Uppföljning av verksamhetsplanen.
        meeting: 2026-03
""",
    )
    if followed_up:
        files["vardsamverkan-fyrbodal/2026/2026-03-04.md"] = _fyrbodal(
            "2026-03-04",
            f"""\
  - number: "2"
    title: Uppföljning av verksamhetsplanen
    kind: information
    case: {OWN_CASE}
    decisions:
      - type: noted
        text: Vårdsamverkan Fyrbodal noterar informationen.
""",
        )
    return make_repo(files, meeting=False)


def test_a_delregional_organs_own_position_is_a_position_not_anchoring(
    make_repo: RepoFactory,
) -> None:
    repo = _own_case_repo(make_repo, followed_up=True)
    data = cli_json("case", OWN_CASE, str(repo))
    assert isinstance(data, dict)
    assert [(t["date"], t["stage"]) for t in data["timeline"]] == [
        ("2025-09-03", "information"),
        ("2025-11-05", "position"),
        ("2026-03-04", "follow_up"),
    ]
    assert data["status"] == "decided"
    # the same organ anchoring another organ's case still anchors
    other = cli_json("case", "0755", str(repo))
    assert isinstance(other, dict)
    assert ("vardsamverkan-fyrbodal", "anchoring") in [
        (t["organ"], t["stage"]) for t in other["timeline"]
    ]


def test_a_case_keeps_its_first_title(repo: Path) -> None:
    data = cli_json("case", "0755", str(repo))
    assert isinstance(data, dict)
    titles = [t["title"] for t in data["timeline"]]
    assert titles[0] != titles[-1] == "Riktlinje för egenvård"
    assert data["title"] == titles[0] == "Egenvård – uppföljning av riktlinjen"
    rows = cli_json("cases", str(repo))
    assert {r["case"]: r["title"] for r in rows}["0755"] == titles[0]  # type: ignore[index]


@pytest.mark.usefixtures("swedish")
def test_a_case_with_a_pending_follow_up_is_not_decided(make_repo: RepoFactory) -> None:
    repo = _own_case_repo(make_repo, followed_up=False)
    data = cli_json("case", OWN_CASE, str(repo))
    assert isinstance(data, dict)
    assert data["status"] == "awaiting_follow_up"
    [planned] = data["planned"]
    assert (planned["meeting"], planned["pending"]) == ("2026-03", True)
    rows = cli_json("cases", str(repo), "--status", "awaiting_follow_up")
    assert [r["case"] for r in rows] == [OWN_CASE]  # type: ignore[index]
    plain = runner.invoke(app, ["cases", str(repo)])
    assert "Väntar på uppföljning" in plain.stdout


def test_json_bytes_go_through_a_stdout_without_a_byte_stream(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stdout with no byte stream under it (a StringIO) gets the same text."""
    import sys

    from vvgctl.cli.tabular import print_json_lines, print_json_utf8

    for objects in ([], ['{"text":"år"}', '{"text":"ä"}']):
        written = []
        for printer, given in (
            (print_json_utf8, [o.encode() for o in objects]),
            (print_json_lines, objects),
        ):
            monkeypatch.setattr(sys, "stdout", io.StringIO())
            printer(given)
            written.append(sys.stdout.getvalue())
        assert written[0] == written[1] != ""
