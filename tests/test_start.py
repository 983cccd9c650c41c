"""Start-up (issue 27): a command imports only its own module, and ``vvgctl --help`` lists every
command with the first paragraph of its help from :data:`vvgctl.cli.app.COMMANDS`, without
importing any command module."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys

import pytest
import typer.main
from typer.testing import CliRunner

from tests.conftest import MINUTES
from vvgctl.cli.app import COMMANDS, app

runner = CliRunner()

#: run vvgctl in a fresh interpreter, then print the command modules it imported
PROBE = """\
import json, sys
from vvgctl.cli.app import main
sys.argv = ["vvgctl", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
modules = {m for m in sys.modules if m.startswith("vvgctl.cli.")}
print(json.dumps(sorted(modules & COMMAND_MODULES)), file=sys.stderr)
"""


def imported_commands(*args: str) -> list[str]:
    modules = {f"vvgctl.cli.{module}" for module, _ in COMMANDS.values()}
    code = f"COMMAND_MODULES = {modules!r}\n" + PROBE
    proc = subprocess.run(
        [sys.executable, "-c", code, json.dumps(args)], capture_output=True, text=True, check=False
    )
    last = proc.stderr.strip().splitlines()[-1]
    result: list[str] = json.loads(last)
    return result


def test_help_imports_no_command_module_and_lists_every_command() -> None:
    assert imported_commands("--help") == []
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "300"})
    assert result.exit_code == 0
    listed = [
        line.split()[1]
        for line in result.output.splitlines()
        if line.startswith("│ ") and line.split()[1] in COMMANDS
    ]
    assert listed == list(COMMANDS)


def test_a_command_imports_only_its_own_module() -> None:
    shown = str(MINUTES / "vvg" / "2025" / "2025-10-22.md")
    assert imported_commands("show", shown) == ["vvgctl.cli.show"]
    assert imported_commands("status", "--help") == ["vvgctl.cli.lifecycle"]
    assert imported_commands("chek") == []  # a typo: "did you mean", from the table alone


@pytest.mark.usefixtures("swedish")  # the type's label, not its code
def test_a_warm_query_does_not_import_the_models() -> None:
    """decisions over an index that is up to date reads rows, not models: pydantic and the
    models stay unimported (the labels of the types are in vvgctl.swedish.labels)."""
    code = (
        "import sys\nfrom vvgctl.cli.app import main\n"
        f"sys.argv = ['vvgctl', 'decisions', {str(MINUTES)!r}, '--text', 'enkät']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m in ('pydantic', 'vvgctl.models')),"
        " file=sys.stderr)\n"
    )
    first = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert "2025-10-22.md:119: vvg 2025-10-22" in first.stdout, first.stderr
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert warm.stdout == first.stdout and "[Ställer sig bakom]" in warm.stdout
    assert warm.stderr.strip().splitlines()[-1] == "[]"


def test_every_decision_type_has_its_label() -> None:
    from vvgctl.models.item import DECISION_TYPE_LABELS, DecisionType

    assert set(DECISION_TYPE_LABELS) == {t.value for t in DecisionType}
    assert all(DECISION_TYPE_LABELS[t] for t in DecisionType)


@pytest.mark.parametrize("lang", ["en_US.UTF-8", "sv_SE.UTF-8"])
def test_the_table_holds_each_command_first_paragraph(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line --help lists is the first paragraph of the command's own help, in either
    language (the table is written by hand: this holds the two together)."""
    monkeypatch.setenv("LANG", lang)
    from vvgctl.runtime.i18n import _ as tr

    commands = typer.main.get_group(app).commands
    assert list(commands) == list(COMMANDS)
    for name, (module, line) in COMMANDS.items():
        command = commands[name]
        first = inspect.cleandoc(command.help or "").split("\n\n")[0].replace("\n", " ")
        assert tr(line) == first.strip(), name
        assert command.callback is not None
        assert command.callback.__module__ == f"vvgctl.cli.{module}", name


def test_importing_the_models_builds_no_validator_and_a_command_looks_up_no_plugins() -> None:
    """The models build their validators when first used, not at import (the default agenda
    template is made when an organ without one asks for it); and vvgctl tells pydantic that it
    uses no plugin, so that a command does not scan the installed distributions' entry points."""
    code = (
        "import vvgctl.models, vvgctl.models.agenda as agenda\n"
        "print([m.__name__ for m in (agenda.AgendaTemplate, agenda.TemplateItem,"
        " agenda.TemplateSubItem) if m.__pydantic_complete__])\n"
        "from vvgctl.models.registry import Organ\n"
        "print(Organ(id='vvg', name='VVG').agenda_template().opening[0].title)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.stdout.splitlines() == ["[]", "Mötets öppnande"], proc.stderr
    shown = str(MINUTES / "vvg" / "2025" / "2025-10-22.md")
    code = (
        "import os, sys\nfrom vvgctl.cli.app import main\n"
        f"sys.argv = ['vvgctl', 'show', {shown!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "from pydantic.plugin import _loader\n"
        "print(os.environ['PYDANTIC_DISABLE_PLUGINS'], _loader._plugins, file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    assert "2025-10-22" in proc.stdout
    assert proc.stderr.strip().splitlines()[-1] == "__all__ None", proc.stderr


#: print vvgctl's help in a fresh interpreter, drawn by vvgctl or (argument "typer") by typer,
#: then the rich and Markdown modules the page imported
HELP_PROBE = """\
import sys
if sys.argv[1] == "typer":
    import vvgctl.cli.help_page
    vvgctl.cli.help_page.print_group_help = lambda obj, ctx: False
from vvgctl.cli.app import main
sys.argv = ["vvgctl", "--help"]
try:
    main()
except SystemExit:
    pass
print(sorted(m for m in sys.modules if m in ("typer.rich_utils", "rich.markdown")),
      file=sys.stderr)
"""


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en_US.UTF-8", "sv_SE.UTF-8"])
@pytest.mark.parametrize("colour", ["NO_COLOR", "FORCE_COLOR"])
def test_the_help_page_is_typers_without_typers_rich_help(lang: str, colour: str) -> None:
    """``vvgctl --help`` is drawn without importing typer.rich_utils (nor rich's Markdown), and
    is byte for byte the page typer draws, in either language, in colour or not, narrow or
    wide."""
    for columns in ("36", "80", "131"):
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("NO_COLOR", "FORCE_COLOR", "TERMINAL_WIDTH")
        }
        env.update({"LANG": lang, "LC_ALL": lang, "COLUMNS": columns, colour: "1"})
        ours, typers = (
            subprocess.run(
                [sys.executable, "-c", HELP_PROBE, drawer],
                capture_output=True,
                text=True,
                check=False,
                env=env,
            )
            for drawer in ("vvgctl", "typer")
        )
        assert ours.stdout == typers.stdout, (columns, ours.stdout)
        assert "arshjul" in ours.stdout and ("\x1b[" in ours.stdout) == (colour != "NO_COLOR")
        assert ours.stderr.strip().splitlines()[-1] == "[]", ours.stderr
        assert typers.stderr.strip().splitlines()[-1] == "['rich.markdown', 'typer.rich_utils']"


def test_help_texts_with_more_than_prose_are_left_to_typer() -> None:
    """A help text that Markdown draws as more than paragraphs and code spans (emphasis, a
    list, an escaped placeholder, a hard break) is not drawn by vvgctl's help page."""
    from rich.console import Console
    from rich.markdown import Markdown

    from vvgctl.cli.help_page import _prose

    for text in (
        "Check `vvgctl check minutes`;\nevery command.\n\n  Second paragraph.",
        "One line: (bm25), 'quoted' and \"quoted\" → `status: approved` here.",
        "Three\n\n\nparagraphs,\n   one with a break\n\nand `code` at the end `x`",
    ):
        for style in ("", "dim"):
            drawn = []
            for renderable in (_prose(text, style), Markdown(text, style=style)):
                console = Console(
                    width=23, force_terminal=True, color_system="truecolor", record=True
                )
                with console.capture() as capture:
                    console.print(renderable)
                drawn.append(capture.get())
            assert drawn[0] == drawn[1], text
    for text in (
        "An *emphasised* word",
        "A list:\n- one\n- two",
        "vvgctl==\\<version>",
        "hard  \nbreak",
        "an `unclosed code span",
        "1. first",
    ):
        assert _prose(text) is None, text
