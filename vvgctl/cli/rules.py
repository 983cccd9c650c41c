"""``vvgctl rules``: the check rules and what each one means."""

from __future__ import annotations

import typer

HELP = """\
List the rules `vvgctl check` applies, with their codes and documentation.

Example:

    vvgctl rules
"""


def register(app: typer.Typer) -> None:
    app.command("rules", help=HELP)(rules)


def rules() -> None:
    import inspect

    from vvgctl.cli import output
    from vvgctl.rules import ALL_RULES

    console = output.stdout()
    for rule in ALL_RULES:
        doc = inspect.getdoc(rule) or ""
        console.print(f"[bold]{rule.CODE}[/]", highlight=False)
        console.print("    " + doc.replace("\n", "\n    ") + "\n", markup=False)
