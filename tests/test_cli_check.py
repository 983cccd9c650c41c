"""`vvgctl check`, `show`, `schema` and the error handler, through typer's runner."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MEETING_MD, RepoFactory
from vvgctl.cli.app import app

runner = CliRunner()


@pytest.mark.usefixtures("swedish")
def test_clean_repository_exits_0(make_repo: RepoFactory) -> None:
    root = make_repo()
    result = runner.invoke(app, ["check", str(root)])
    assert result.exit_code == 0, result.output
    assert "inga fel" in result.output


def test_findings_exit_1_with_file_line_and_code(make_repo: RepoFactory) -> None:
    root = make_repo({"vvg/2025/2025-10-22.md": MEETING_MD.replace("place: Teams", "plats: x")})
    result = runner.invoke(app, ["check", str(root)])
    assert result.exit_code == 1
    assert "2025-10-22.md:6:1: error unknown field 'plats' [schema]" in result.output
    assert "missing required field 'place'" in result.output


def test_usage_error_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    result = runner.invoke(app, ["check", "--format", "xml"])
    assert result.exit_code == 2


def test_folder_without_registry_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(MEETING_MD, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "vvgctl", "check", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "registry" in proc.stderr and "Traceback" not in proc.stderr


def test_json_format_is_machine_readable(make_repo: RepoFactory) -> None:
    root = make_repo(
        {
            "vvg/2025/2025-11-05.md": MEETING_MD.replace(
                "date: 2025-10-22", "date: 2025-11-05"
            ).replace("kind: procedural", "kind: proc")
        }
    )
    result = runner.invoke(app, ["check", str(root), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"]["errors"] == 1
    [diagnostic] = data["diagnostics"]
    assert diagnostic["path"].endswith("2025-11-05.md")
    assert (diagnostic["line"], diagnostic["code"]) == (22, "schema")
    assert diagnostic["field"] == "items[0].kind"


def test_github_format_prints_annotations(make_repo: RepoFactory) -> None:
    root = make_repo({"vvg/2025/2025-10-22.md": MEETING_MD.replace("Åsa Jackson", "Asa Jackson")})
    result = runner.invoke(app, ["check", str(root), "--format", "github"])
    assert result.exit_code == 1
    line = result.stdout.strip().splitlines()[0]
    assert line.startswith("::error file=")
    assert ",line=29,col=9,title=vvgctl registry-refs::unknown person 'Asa Jackson'" in line
    assert "did you mean 'Åsa Jackson'?" in line


def test_warnings_fail_only_with_strict(make_repo: RepoFactory) -> None:
    root = make_repo(
        {
            "vvg/2025/2025-10-22.md": MEETING_MD.replace(
                "      - {name: Tanja Mattsson", "      - {name: Lotta Hjoberg"
            ).replace("absent: [Tanja Mattsson]", "absent: []")
        }
    )
    assert runner.invoke(app, ["check", str(root)]).exit_code == 0
    strict = runner.invoke(app, ["check", str(root), "--strict"])
    assert strict.exit_code == 1
    assert "old spelling of 'Lotta Hjöberg'" in strict.output


def test_cross_file_rules(make_repo: RepoFactory) -> None:
    second = MEETING_MD.replace(
        "chair: Kristina Lännergren", "chair: Kristina Lännergren\nprevious: {date: 2025-09-01}"
    )
    root = make_repo(
        {
            "vvg/2025/copy.md": MEETING_MD,
            "vvg/2025/2025-12-10.md": second.replace("date: 2025-10-22", "date: 2025-12-10"),
        }
    )
    result = runner.invoke(app, ["check", str(root)])
    assert "a second meeting of vvg on 2025-10-22" in result.output
    assert "no meeting of vvg on 2025-09-01" in result.output
    assert "did you mean 2025-10-22" in result.output


def test_previous_link_resolves(make_repo: RepoFactory) -> None:
    later = MEETING_MD.replace("date: 2025-10-22", "date: 2025-12-10").replace(
        "chair: Kristina Lännergren", "chair: Kristina Lännergren\nprevious: {date: 2025-10-22}"
    )
    root = make_repo({"vvg/2025/2025-12-10.md": later})
    assert runner.invoke(app, ["check", str(root)]).exit_code == 0


def test_show_json_has_the_stable_names(make_repo: RepoFactory) -> None:
    root = make_repo()
    result = runner.invoke(app, ["show", str(root / "vvg/2025/2025-10-22.md"), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["organ"], data["date"], data["place"], data["status"]) == (
        "vvg",
        "2025-10-22",
        "Teams",
        "approved",
    )
    assert data["time"] == {"start": "09:00", "end": "11:00"}
    assert data["attendance"]["absent"][0]["name"] == "Tanja Mattsson"
    item = data["items"][1]
    assert (item["number"], item["title"], item["kind"], item["case"]) == (
        "2",
        "Egenvård",
        "information_and_decision",
        "0755",
    )
    assert item["presenters"][0] == {"name": "Åsa Jackson", "organisation": "VGR", "note": None}
    assert item["decisions"][0]["text"].endswith("noterar informationen.")


def test_show_invalid_file_exits_1(make_repo: RepoFactory) -> None:
    root = make_repo({"vvg/2025/2025-10-22.md": "---\norgan: [\n---\n"})
    result = runner.invoke(app, ["show", str(root / "vvg/2025/2025-10-22.md")])
    assert result.exit_code == 1
    assert "yaml-syntax" in result.output


def test_show_format_is_a_choice(make_repo: RepoFactory) -> None:
    meeting = str(make_repo() / "vvg/2025/2025-10-22.md")
    result = runner.invoke(app, ["show", meeting, "--format", "yaml"])
    assert result.exit_code == 2 and "'yaml' is not one of 'text', 'json'" in result.output
    assert runner.invoke(app, ["show", meeting, "-f", "json"]).exit_code == 0


def test_show_completion_prints_the_named_shell() -> None:
    # typer's flag detects the running shell and never read the word after it (bash for zsh)
    scripts = {
        "zsh": "#compdef vvgctl",
        "bash": "complete -o default -F _vvgctl_completion",
        "fish": "complete --command vvgctl",
    }
    for shell, marker in scripts.items():
        for args in (["--show-completion", shell], [f"--show-completion={shell}"]):
            result = runner.invoke(app, args, prog_name="vvgctl")
            assert result.exit_code == 0 and marker in result.output, (args, result.output)
            others = [m for s, m in scripts.items() if s != shell]
            assert not any(m in result.output for m in others), args
    unknown = runner.invoke(app, ["--show-completion=tcsh"])
    assert unknown.exit_code == 2 and "unknown shell 'tcsh'" in unknown.output


def test_every_command_has_help_with_an_example() -> None:
    import typer.main

    group = typer.main.get_group(app)
    assert group.commands
    for name, command in group.commands.items():
        assert command.help and "vvgctl " + name in command.help, name
        result = runner.invoke(app, [name, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0, name
        # each example keeps a line of its own (typer's markdown mode can fold them into one)
        for line in result.output.splitlines():
            assert line.count(f"vvgctl {name} ") + line.count(f"vvgctl {name}\n") <= 1, line


def test_internal_errors_say_bug_and_exit_3(make_repo: RepoFactory, monkeypatch: object) -> None:
    root = make_repo()
    code = (
        "import sys, vvgctl.checking.check as c\n"
        "def boom(*a, **k): raise RuntimeError('boom')\n"
        "c.run_check = boom\n"
        "from vvgctl.cli.app import main\n"
        f"sys.argv = ['vvgctl', 'check', {str(root)!r}]\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 3
    assert "bug in vvgctl" in proc.stderr and "Traceback" not in proc.stderr


def test_rules_lists_data_file_codes_and_frozen_records() -> None:
    from vvgctl.checking.catalogue import registered_kinds

    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    codes = [c.code for kind in registered_kinds() for c in kind.codes]
    assert {"schedule-date", "plan-unknown-category", "registry-ref"} <= set(codes)
    for code in [*codes, "frozen-record", "case-flow", "item-order"]:
        assert f"\n{code}" in "\n" + result.output, code


def test_named_data_files_are_checked_as_data_not_as_meetings(make_repo: RepoFactory) -> None:
    root = make_repo()
    clean = runner.invoke(app, ["check", str(root / "registry" / "people.yaml")])
    assert clean.exit_code == 0, clean.output
    (root / "registry" / "people.yaml").write_text("people:\n  - nme: X\n", encoding="utf-8")
    broken = runner.invoke(app, ["check", str(root / "registry" / "people.yaml")])
    assert broken.exit_code == 1
    assert "people.yaml:2:" in broken.output and "front matter" not in broken.output


@pytest.mark.usefixtures("swedish")
def test_summary_lists_every_meeting_plainly_when_piped(make_repo: RepoFactory) -> None:
    root = make_repo(
        {
            "vvg/2025/2025-11-05.md": MEETING_MD.replace("2025-10-22", "2025-11-05").replace(
                "kind: information", "kind: infomation", 1
            )
        }
    )
    result = runner.invoke(app, ["summary", str(root)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and "…" not in result.stdout  # no table cut to 80 columns
    # an invalid file is listed (first: its organ and date are unknown), not dropped
    assert lines[0].endswith("2025-11-05.md: ? ? invalid, 0 punkter, 0 ställningstaganden")
    assert re.search(r"2025-10-22\.md: vvg 2025-10-22 Godkänd, [1-9]\d* punkter", lines[1])
    rows = json.loads(runner.invoke(app, ["summary", str(root), "-f", "json"]).stdout)
    assert [(r["organ"], r["status"]) for r in rows] == [("?", "invalid"), ("vvg", "approved")]


def test_a_path_the_system_refuses_is_a_usage_error_not_a_bug(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["schema", "--out", str(blocker / "schemas")])
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output and str(blocker) in result.output
