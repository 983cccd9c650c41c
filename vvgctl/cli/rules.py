"""``vvgctl rules``: every code `vvgctl check` reports, what it means and how severe it is."""

from __future__ import annotations

from typing import Annotated

import typer

from vvgctl.cli.formats import RulesFormat
from vvgctl.cli.localised import Command
from vvgctl.runtime.i18n import N_

HELP = N_("""\
List every code `vvgctl check` can report, with what it checks and how severe it is.

The code in brackets after each finding of `vvgctl check` (for instance `[item-order]`) is
listed here: reading the file (YAML, encoding, the schema), the rules over one meeting and
across meetings, the data files (schedules, plans, the register) and frozen records (with
--base). `--format json` gives the same list to scripts.

Examples:

    vvgctl rules
    vvgctl rules --format json | jq -r '.[] | select(.scope == "file") | .code'
""")

SCOPE_HEADINGS = {
    "reading": N_("Reading the files"),
    "file": N_("Rules over one meeting"),
    "repository": N_("Rules across meetings"),
    "data": N_("Data files (schema-checked like meetings)"),
    "revision": N_("Frozen records (only with `vvgctl check --base REV`)"),
}


def register(app: typer.Typer) -> None:
    app.command("rules", cls=Command, help=HELP)(rules)


def rules(
    format: Annotated[
        RulesFormat, typer.Option("--format", "-f", help=N_("text or json."))
    ] = RulesFormat.text,
) -> None:
    from vvgctl.checking.catalogue import catalogue
    from vvgctl.cli import output
    from vvgctl.cli.reporters import SEVERITY_LABELS
    from vvgctl.runtime.i18n import _ as tr
    from vvgctl.runtime.i18n import render

    found = catalogue()
    if format is RulesFormat.json:
        output.print_json(
            [
                {
                    "code": r.code,
                    "scope": r.scope.value,
                    "severities": [s.value for s in r.severities],
                    "summary": r.summary,
                    "applies_to": r.applies_to or None,
                    "documentation": r.documentation,
                }
                for r in found
            ]
        )
        return
    console = output.stdout()
    scope = None
    for rule in found:
        if rule.scope is not scope:
            scope = rule.scope
            heading = tr(SCOPE_HEADINGS[scope.value])
            console.print(f"[bold underline]{heading}[/]\n", highlight=False)
        levels = ", ".join(tr(SEVERITY_LABELS[s]) for s in rule.severities)
        where = f"  {rule.applies_to}" if rule.applies_to else ""
        console.print(f"[bold]{rule.code}[/] ({levels}){where}", highlight=False)
        # a code's meaning is in the catalog; a rule module's docstring is not yet (issue 18)
        text = render(rule.documentation)
        console.print("    " + text.replace("\n", "\n    ") + "\n", markup=False, highlight=False)
