"""What a CI runner or a forge reads from vvgctl is inert, and what init and publish are given
is validated (issue 26, part 3): hostile values in the records and on the command line, on
real files with real git, through the command line as CI calls it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.gitrepo import git, use_git_env
from vvgctl.cli.app import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
RECORD = "vvg/2025/2025-10-22.md"
POSITION = ("Vårdsamverkan Västra Götaland ställer sig bakom att beredningen tar fram en "
            "forms-enkät i syfte att få en uppdaterad bild av hur förvaltningsplanen uppfattas "
            "som underlag för fortsatt arbete.")
#: a position that tries to be workflow commands in a GitHub job log and mentions on a forge
HOSTILE = ("Avslås.\\n::set-output name=approved::true\\n  ::error file=x.md::falskt\\n"
           "::warning::@all @vvg/styrelse se ##[error]hit <img src=x onerror=alert(1)> | a |")


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def workflow_commands(output: str) -> list[str]:
    """The lines a GitHub runner would execute (v2 ``::`` after leading spaces; the legacy
    ``##[`` anywhere in a line)."""
    return [line for line in output.splitlines()
            if line.lstrip().startswith("::") or "##[" in line]


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled minutes committed, then a position changed to :data:`HOSTILE`."""
    use_git_env(monkeypatch)
    top = tmp_path / "project"
    shutil.copytree(ROOT / "minutes", top / "minutes")
    git(top, "init", "--quiet", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "--quiet", "-m", "start")
    record = top / "minutes" / RECORD
    text = record.read_text(encoding="utf-8")
    assert f"text: {POSITION}\n" in text
    record.write_text(text.replace(f"text: {POSITION}\n", f'text: "{HOSTILE}"\n', 1),
                      encoding="utf-8")
    return top / "minutes"


def test_review_text_prints_no_workflow_command(hostile: Path) -> None:
    code, said = run("review", str(hostile), "--base", "HEAD")
    assert code == 0, said
    assert workflow_commands(said) == []
    # the value is on one line, its line breaks written as \n
    [line] = [line for line in said.splitlines() if "nu: Avslås." in line]
    assert "Avslås.\\n::set-output name=approved::true\\n  ::error" in line
    assert "##\\x5berror]" in line


def test_show_prints_no_workflow_command(hostile: Path) -> None:
    code, said = run("show", str(hostile / RECORD))
    assert code == 0, said
    assert workflow_commands(said) == []
    assert "Avslås.\\n::set-output" in said


def test_review_markdown_mentions_no_one(hostile: Path) -> None:
    code, said = run("review", str(hostile), "--base", "HEAD", "--format", "md")
    assert code == 0, said
    [line] = [line for line in said.splitlines() if line.startswith("  - nu: Avslås.")]
    # no mention a forge would notify (@ followed by a name), no HTML, no table cell break
    assert not re.search(r"@[\w/]", said)
    assert "@\u2060all @\u2060vvg/styrelse" in line
    assert "\\<img" in line and "\\>" in line and "<img" not in line.replace("\\<img", "")
    assert "\\| a \\|" in line
    assert workflow_commands(said) == []


def test_inert_escapes_every_form_of_workflow_command() -> None:
    from vvgctl.runtime.inert import inert, one_line

    said = inert("minutes/::error file=a::b.md:1: x\n  ::warning::y\nz ##[set-output]w\n\x1b[2J")
    assert workflow_commands(said) == []
    assert said.splitlines()[1] == "  \\x3a:warning::y"
    assert one_line("a\nb\r\n::c") == "a\\nb\\x0d\\n::c"
