"""The command line speaks Swedish by default and English when the locale asks for it.

Runs the README's commands that answer on the terminal (check, show, summary, rules, decisions,
cases, case, actions, documents, search, arshjul), `--help` of every command, `check` on a
broken file (text and github formats) and wrong calls, under no locale and under
LANG=en_US.UTF-8. Swedish output may hold a handful of English words (names of formats and
codes are not counted: they are not in the list below); English output holds none of the
Swedish words of vvgctl's own texts.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from vvgctl.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()
COMMANDS = set(typer.main.get_group(app).commands)

#: commands whose README examples print to the terminal (the others write files)
ANSWERING = {
    "check",
    "show",
    "summary",
    "rules",
    "decisions",
    "cases",
    "case",
    "actions",
    "documents",
    "search",
    "arshjul",
}

#: English words that would betray an untranslated text (none of them is also Swedish)
_WORDS = """
the and of to is are for with not this that file files meeting meetings error errors
warning warnings hint usage options arguments commands message exit missing such command
items item positions position checked case cases from by or default required try help did
you mean invalid value unknown person expected before after where which written there has
have no was were be list every one its their your what when
an earlier unsure does stand frozen recorded correction while parsing sequence brackets quotes
indentation changes look like found next
"""
ENGLISH = frozenset(_WORDS.split())

#: Swedish words of vvgctl's own texts (not of the minutes) that English output must not hold
SWEDISH_UI = [
    "Användning",
    "Flaggor",
    "Kommandon",
    "Visa den här hjälpen",
    "kontrollerade",
    "tips:",
    "Det finns inget kommando",
    "Mötesfiler",
    "Sökning:",
    " punkter,",
    "Frånvarande:",
    "Plats:",
]


def _readme_commands() -> list[list[str]]:
    found = []
    for line in README.splitlines():
        if not line.startswith("$ vvgctl ") or any(c in line for c in "|>\\"):
            continue
        words = shlex.split(line[2:], comments=True)[1:]
        if words[0] in ANSWERING and "-o" not in words:
            found.append(words)
    return found


CALLS = [
    *_readme_commands(),
    ["--help"],
    *([name, "--help"] for name in typer.main.get_group(app).commands),
    ["check", "broken"],
    ["check", "broken", "--format", "github"],
    ["chek", "minutes"],
    ["check", "minutes", "--format", "xml"],
    ["show"],
    ["check", "minutes", "--nope"],
    ["check", "yaml"],
    ["approve", "minutes/vvg/2025/2025-10-22.md", "--at", "2025-12-10"],
    ["cases", "minutes"],
    ["summary", "minutes"],
]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled minutes, and one with a broken meeting."""
    where = tmp_path_factory.mktemp("sv")
    shutil.copytree(ROOT / "minutes", where / "minutes")
    shutil.copytree(ROOT / "minutes", where / "broken")
    meeting = where / "broken" / "vvg" / "2025" / "2025-10-22.md"
    text = meeting.read_text(encoding="utf-8")
    text = text.replace("status: approved", "status: aproved", 1)
    text = text.replace("absent: [Jörgen Thorn", "absent: [Jörgen Thron", 1)
    meeting.write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "minutes", where / "yaml")  # a YAML syntax error: a list not closed
    meeting = where / "yaml" / "vvg" / "2025" / "2025-10-22.md"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace('items: ["6"]}', 'items: ["6"}', 1), encoding="utf-8")
    return where


def _run(work: Path, args: list[str], monkeypatch: pytest.MonkeyPatch, lang: str | None) -> str:
    monkeypatch.chdir(work)
    monkeypatch.setenv("VVGCTL_CACHE_DIR", str(work / "cache"))
    monkeypatch.setenv("COLUMNS", "100")
    if lang is None:
        monkeypatch.delenv("LANG", raising=False)
    else:
        monkeypatch.setenv("LANG", lang)
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1, 2), (args, result.output, result.exception)
    return result.output


def _english_words(text: str) -> list[str]:
    words = []
    for token in text.split():
        if (
            token.startswith("-")
            or any(c in token for c in "/=_`@<>")
            or re.search(r"\w-\w", token)
            or token in COMMANDS
        ):
            continue  # options, paths, code, command names
        words += [w for w in re.findall(r"[A-Za-z]+", token) if w.lower() in ENGLISH]
    return words


@pytest.mark.parametrize("args", CALLS, ids=" ".join)
def test_swedish_by_default(work: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    output = _run(work, args, monkeypatch, None)
    english = _english_words(output)
    assert len(english) <= 5, f"English in `vvgctl {' '.join(args)}`: {english}\n{output}"


@pytest.mark.parametrize("args", CALLS, ids=" ".join)
def test_english_with_an_english_locale(
    work: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    output = _run(work, args, monkeypatch, "en_US.UTF-8")
    swedish = [w for w in SWEDISH_UI if w in output]
    assert not swedish, f"Swedish in `LANG=en_US.UTF-8 vvgctl {' '.join(args)}`: {swedish}"


def test_every_argument_has_a_swedish_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """The usage line names the arguments in Swedish (`[sökvägar...]`), English with en_*."""
    monkeypatch.delenv("LANG", raising=False)
    group = typer.main.get_group(app)
    unnamed = [
        f"{name} {param.name}"
        for name, command in group.commands.items()
        for param in command.params
        if param.param_type_name == "argument" and param.metavar is None
    ]
    assert not unnamed, f"add these arguments to localised.ARGUMENT_NAMES: {unnamed}"
    usage = runner.invoke(app, ["check", "--help"], env={"COLUMNS": "100"}).output
    assert "[sökvägar...]" in usage
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "[paths]..." in runner.invoke(app, ["check", "--help"]).output


def test_the_type_column_names_values_in_the_users_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """typer's `<str>`, `<path>`, `<int range>` become `<datum>`, `<sökväg>`, `<antal>`; with
    en_* `<date>`, `<path>`, `<count>`; choices still list their values."""
    monkeypatch.delenv("LANG", raising=False)
    for name in sorted(COMMANDS):
        output = runner.invoke(app, [name, "--help"], env={"COLUMNS": "120"}).output
        assert not re.findall(r"<(str|int|int range|float|path|file)>", output), (name, output)
    search = runner.invoke(app, ["search", "--help"], env={"COLUMNS": "120"}).output
    for placeholder in ("<datum>", "<sökväg>", "<antal>", "<organ>", "<table|json|csv|md|xlsx>"):
        assert placeholder in search, placeholder
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    search = runner.invoke(app, ["search", "--help"], env={"COLUMNS": "120"}).output
    assert {"<date>", "<path>", "<count>", "<text>"} <= set(re.findall(r"<[a-z ]+>", search))
    assert "<str>" not in search


def test_json_stays_english(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = _run(work, ["check", "broken", "--format", "json"], monkeypatch, None)
    assert '"severity": "error"' in output and "is not allowed" in output
    assert "Usage" not in output


def test_a_missing_file_is_named_in_swedish(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """typer's own path check ("File 'x' does not exist.") reads as Swedish, not half of it."""
    monkeypatch.delenv("LANG", raising=False)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["status", "saknas.md", "draft"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "Fil 'saknas.md' finns inte." in result.output, result.output
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    result = runner.invoke(app, ["status", "saknas.md", "draft"], env={"COLUMNS": "200"})
    assert "File 'saknas.md' does not exist." in result.output, result.output


#: a count that disagrees with its noun ("1 möten", "1 filer skrivna")
_PLURAL_SLIP = re.compile(
    r"\b1 (möten|filer|ställningstaganden|punkter|godkända|varningar|"
    r"personer|stycken|osäkra|troliga|kontrollerade|renderade)\b"
)


@pytest.mark.parametrize("args", CALLS, ids=" ".join)
def test_no_count_disagrees_with_its_noun(
    work: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    output = _run(work, args, monkeypatch, None)
    assert not _PLURAL_SLIP.findall(output), output


@pytest.mark.parametrize(
    ("command", "placeholder"),
    [
        ("import", {"sv": "<organ>/<år>/<datum>.md", "en": "<organ>/<year>/<date>.md"}),
    ],
)
def test_help_prints_its_placeholders(
    monkeypatch: pytest.MonkeyPatch, command: str, placeholder: dict[str, str]
) -> None:
    """typer's Markdown help took `<organ>` for an HTML tag and dropped it."""
    for lang, env in (("sv", None), ("en", "en_US.UTF-8")):
        if env is None:
            monkeypatch.delenv("LANG", raising=False)
        else:
            monkeypatch.setenv("LANG", env)
        output = runner.invoke(app, [command, "--help"], env={"COLUMNS": "300"}).output
        assert placeholder[lang] in " ".join(output.split()), (lang, output)
