"""``vvgctl rules``: the check rules and what each one means."""

from __future__ import annotations

import typer

HELP = """\
List the rules `vvgctl check` applies, with their codes and documentation.

The code in brackets after each finding of `vvgctl check` (for instance `[item-order]`) is
the rule's code; this list says what each rule checks and why.

Example:

    vvgctl rules
"""


def register(app: typer.Typer) -> None:
    app.command("rules", help=HELP)(rules)


def rules() -> None:
    import inspect

    from vvgctl.checking import frozen
    from vvgctl.checking.rules import ALL_RULES
    from vvgctl.cli import output
    from vvgctl.repository.datafiles import registered_kinds

    console = output.stdout()
    for rule in ALL_RULES:
        doc = inspect.getdoc(rule) or ""
        console.print(f"[bold]{rule.CODE}[/]", highlight=False)
        console.print("    " + doc.replace("\n", "\n    ") + "\n", markup=False)
    console.print("[bold]Data files[/] (schema-checked like meetings)", highlight=False)
    for kind in registered_kinds():
        console.print(f"  {kind.pattern}", markup=False, highlight=False)
        for code, meaning in kind.codes:
            console.print(f"[bold]{code}[/]", highlight=False)
            console.print(f"    {meaning}\n", markup=False)
    console.print(f"[bold]{frozen.CODE}[/] (only with `vvgctl check --base REV`)", highlight=False)
    console.print("    " + (inspect.getdoc(frozen) or "").replace("\n", "\n    ") + "\n",
                  markup=False)
