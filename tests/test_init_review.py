"""`vvgctl init` (an organ's own minutes repository) and `vvgctl review` (what a pull request
changes), on real files with real git (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.gitrepo import bundled_project, git, use_git_env
from vvgctl.cli.app import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
#: what CI and pre-commit install: this checkout's metadata names no source repository
WHEEL = ("--package", "wheels/vvgctl-0.1.0-py3-none-any.whl")


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture
def organ_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    use_git_env(monkeypatch)
    top = tmp_path / "sro-protokoll"
    code, said = run(
        "init", str(top), "--organ", "sro", "--name", "Samrådsorganet", "--year", "2026", *WHEEL
    )
    assert code == 0, said
    return top


def test_init_writes_a_repository_that_checks_clean(organ_repo: Path) -> None:
    top = organ_repo
    for name in (
        "README.md",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".github/workflows/minutes.yml",
        ".gitlab-ci.yml",
        ".vscode/settings.json",
        "minutes/registry/organs.yaml",
        "minutes/sro/2026/schedule.yaml",
        "minutes/sro/2026/plan.yaml",
        "schemas/meeting.schema.json",
    ):
        assert (top / name).is_file(), name
    assert (top / ".git").is_dir()
    assert "Samrådsorganet" in (top / "README.md").read_text(encoding="utf-8")
    # names as UTF-8 (not "Samr\u00e5dsorganet"), and the organ publishes its site
    organs = (top / "minutes/registry/organs.yaml").read_text(encoding="utf-8")
    assert '    name: "Samrådsorganet"\n' in organs and "\\u" not in organs
    site = (top / "minutes/registry/site.yaml").read_text(encoding="utf-8")
    assert 'publisher: "Samrådsorganet"\n' in site
    schema = json.loads((top / "schemas/organs.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == "urn:vvgctl:schema:organs"
    settings = json.loads((top / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schemas/site.schema.json"] == "minutes/registry/site.yaml"
    for schema_file in settings["yaml.schemas"]:
        assert (top / schema_file).is_file()
    assert run("check", str(top / "minutes"))[0] == 0
    code, said = run(
        "new-meeting",
        "--organ",
        "sro",
        "--date",
        "2026-12-20",
        "--time",
        "09:00-11:00",
        "--place",
        "Teams",
        "--mode",
        "remote",
        "--root",
        str(top / "minutes"),
    )
    assert code == 0, said
    assert (top / "minutes/sro/2026/2026-12-20.md").is_file()
    code, said = run("check", str(top / "minutes"), "--strict")
    assert code == 0, said


def test_init_pins_the_package_everywhere(tmp_path: Path) -> None:
    spec = "vvgctl @ https://example.org/vvgctl-0.1.0-py3-none-any.whl"
    top = tmp_path / "repo"
    assert run("init", str(top), "--organ", "vvg", "--package", spec)[0] == 0
    for name in (".github/workflows/minutes.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"):
        assert json.dumps(spec) in (top / name).read_text(encoding="utf-8"), name


def test_init_never_overwrites(tmp_path: Path) -> None:
    top = tmp_path / "busy"
    top.mkdir()
    (top / "notes.md").write_text("mine", encoding="utf-8")
    code, said = run("init", str(top), "--organ", "sro", *WHEEL)
    assert code == 1 and "not empty" in said
    assert sorted(p.name for p in top.iterdir()) == ["notes.md"]
    assert (top / "notes.md").read_text(encoding="utf-8") == "mine"
    assert run("init", str(tmp_path / "x"), "--organ", "Bad Id")[0] == 2
    # an empty git repository is taken as it is
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "--quiet", "-b", "main")
    assert run("init", str(empty), "--organ", "sro", *WHEEL)[0] == 0
    assert (empty / "minutes/registry/organs.yaml").is_file()


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding a copy of the bundled minutes."""
    return bundled_project(tmp_path, monkeypatch)


def test_review_reports_a_new_meeting_and_a_changed_position(bundled: Path) -> None:
    minutes = bundled / "minutes"
    record = minutes / "vvg/2025/2025-10-22.md"
    text = record.read_text(encoding="utf-8")
    old = "ställer sig bakom att beredningen tar fram en forms-enkät"
    assert old in text, "the bundled minutes hold this position"
    record.write_text(
        text.replace(old, "avslår att beredningen tar fram en enkät", 1), encoding="utf-8"
    )
    code, said = run(
        "new-meeting",
        "--organ",
        "vvg",
        "--date",
        "2026-02-11",
        "--time",
        "09:00-12:00",
        "--place",
        "Teams",
        "--mode",
        "remote",
        "--root",
        str(minutes),
    )
    assert code == 0, said
    code, said = run("review", str(minutes), "--base", "HEAD", "--format", "json")
    assert code == 1, said  # the frozen record changed: an error verdict
    data = json.loads(said)
    assert data["format"] == "vvgctl.review/1"
    by_date = {m["date"]: m for m in data["meetings"]}
    assert by_date["2026-02-11"]["change"] == "added"
    assert by_date["2026-02-11"]["status_after"] == "planned"
    changed = by_date["2025-10-22"]
    [position] = changed["positions"]
    assert position["change"] == "changed"
    assert old in position["old_text"]
    assert "avslår att beredningen" in position["new_text"]
    assert [v["code"] for v in data["verdicts"]] == ["frozen-record"]
    code, said = run("review", str(minutes), "--base", "HEAD", "--format", "md")
    assert code == 1
    assert "### vvg 2026-02-11 \\(nytt\\)" in said
    assert "förut: ~~" in said and "avslår att beredningen" in said
    assert "frozen-record" in said


def _kallelse(bundled: Path) -> Path:
    """A kallelse made by new-meeting in the bundled minutes, committed."""
    minutes = bundled / "minutes"
    code, said = run(
        "new-meeting",
        "--organ",
        "vvg",
        "--date",
        "2026-02-11",
        "--time",
        "09:00-12:00",
        "--place",
        "Teams",
        "--mode",
        "remote",
        "--root",
        str(minutes),
    )
    assert code == 0, said
    git(bundled, "add", "-A")
    git(bundled, "commit", "--quiet", "-m", "kallelse")
    return minutes / "vvg/2026/2026-02-11.md"


@pytest.mark.usefixtures("swedish")
def test_review_of_a_file_that_does_not_load_is_an_error_in_every_format(bundled: Path) -> None:
    kallelse = _kallelse(bundled)
    text = kallelse.read_text(encoding="utf-8")
    good = "    title: Godkännande av dagens agenda\n"
    assert good in text
    kallelse.write_text(text.replace(good, "    title: Punkt: något\n"), encoding="utf-8")
    line = text.split("\n").index(good.rstrip("\n")) + 1
    place = f"2026-02-11.md:{line}:17"
    minutes = str(bundled / "minutes")
    code, said = run("check", minutes)
    assert code == 1 and place in said and "sätt titeln inom citattecken" in said
    code, said = run("review", minutes, "--base", "HEAD", "--format", "md")
    assert code == 1, said
    assert "Inga mötesanteckningar ändrade" not in said
    assert "### :x: Filer som inte kan läsas" in said and place in said
    assert "yaml-syntax" in said
    assert 'Tips: sätt titeln inom citattecken: title: "Punkt: något"' in said
    code, said = run("review", minutes, "--base", "HEAD")
    assert code == 1, said
    assert place in said and "tips: sätt titeln inom citattecken" in said
    code, said = run("review", minutes, "--base", "HEAD", "--format", "json")
    assert code == 1, said
    data = json.loads(said)
    [problem] = data["problems"]
    assert (problem["code"], problem["line"], problem["column"]) == ("yaml-syntax", line, 17)
    assert problem["hint"] == 'put the title in quotes: title: "Punkt: något"'
    assert data["summary"]["errors"] == 1 and data["summary"]["unreadable"] == 1
    assert [m["change"] for m in data["meetings"]] == ["unreadable"]


def test_review_names_a_data_file_that_does_not_load(bundled: Path) -> None:
    schedule = bundled / "minutes/vvg/2025/schedule.yaml"
    schedule.write_text(schedule.read_text(encoding="utf-8") + "oops: [\n", encoding="utf-8")
    code, said = run("review", str(bundled / "minutes"), "--base", "HEAD", "--format", "json")
    assert code == 1, said
    [problem] = json.loads(said)["problems"]
    assert problem["path"].endswith("vvg/2025/schedule.yaml")
    assert problem["code"] == "yaml-syntax" and problem["line"] > 1


@pytest.mark.usefixtures("swedish")
def test_review_shows_prose_and_attendance_changes_per_item(bundled: Path) -> None:
    kallelse = _kallelse(bundled)
    text = kallelse.read_text(encoding="utf-8")
    head, _, body = text.partition("\n---\n")
    head = (
        head.replace("status: planned", "status: draft")
        .replace(
            "previous:",
            "attendance:\n  absent: [Tanja Mattsson]\n  remote: [Lotta Hjoberg]\nprevious:",
            1,
        )
        .replace(
            "    title: Föregående mötesanteckning",
            "    title: Föregående mötesanteckning 2025-10-22",
        )
    )
    assert "## 2. Godkännande av dagens agenda\n\n<!-- Skriv här. -->" in body
    body = body.replace(
        "## 2. Godkännande av dagens agenda\n\n<!-- Skriv här. -->",
        "## 2. Godkännande av dagens agenda\n\nDagens agenda godkänns\n"
        "med en ändring.\n\n- Punkt 6 utgår.",
    )
    kallelse.write_text(f"{head}\n---\n{body}", encoding="utf-8")
    minutes = str(bundled / "minutes")
    code, said = run("review", minutes, "--base", "HEAD", "--format", "json")
    assert code == 0, said
    [meeting] = json.loads(said)["meetings"]
    items = {i["item"]: i for i in meeting["items"]}
    assert sorted(items) == ["2", "3"]
    assert items["2"]["added"] == ["Dagens agenda godkänns med en ändring.", "Punkt 6 utgår."]
    assert items["2"]["removed"] == [] and items["2"]["old_title"] is None
    assert items["3"]["old_title"] == "Föregående mötesanteckning"
    assert {p["kind"]: (p["added"], p["removed"]) for p in meeting["people"]} == {
        "absent": (["Tanja Mattsson"], []),
        "remote": (["Lotta Hjoberg"], []),
    }
    code, said = run("review", minutes, "--base", "HEAD", "--format", "md")
    assert code == 0, said
    assert "- **punkt 2 Godkännande av dagens agenda \\(text ändrad\\)**\n" in said
    assert "  - tillagt: Dagens agenda godkänns med en ändring.\n" in said
    assert "rubrik förut: ~~Föregående mötesanteckning~~" in said
    assert "- frånvarande: \\+ Tanja Mattsson" in said
    code, said = run("review", minutes, "--base", "HEAD")
    assert "      + Punkt 6 utgår." in said and "deltar på distans: + Lotta Hjoberg" in said
