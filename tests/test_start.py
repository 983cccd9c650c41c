"""Start-up (issue 27): a command imports only its own module, and ``vvgctl --help`` lists every
command with the first paragraph of its help from :data:`vvgctl.cli.app.COMMANDS`, without
importing any command module."""

from __future__ import annotations

import inspect
import json
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
