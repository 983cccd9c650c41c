"""``vvgctl cases`` and ``vvgctl case ID``: cases (ärenden) across meetings and organs."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from vvgctl.cli.querying import (
    FormatOption,
    PathsArgument,
    RebuildOption,
)
from vvgctl.cli.tabular import TableFormat

CASES_HELP = """\
List the cases (ärenden), newest first, with their derived status.

A case is every item that carries the same `case:` id, across meetings and organs. Its
status is derived from them: open (Öppet), decided (Avgjort) or awaiting confirmation by
another organ (Väntar på bekräftelse).

Examples:

    vvgctl cases minutes
    vvgctl cases --status awaiting_confirmation
    vvgctl cases --organ vvg --format csv > arenden.csv
"""

CASE_HELP = """\
Show one case's timeline across meetings and organs.

The steps in order: information, anchoring (förankring), position, confirmation by another
organ, follow-up, and the meetings the årshjul plans it for.

Examples:

    vvgctl case riktlinje-patientsakerhet
    vvgctl case shvo-forvaltningsplan-2026 minutes --format json
"""


def register(app: typer.Typer) -> None:
    app.command("cases", help=CASES_HELP)(cases)
    app.command("case", help=CASE_HELP)(case)


def cases(
    paths: PathsArgument = None,
    status: Annotated[str | None, typer.Option(
        help="open, decided or awaiting_confirmation.")] = None,
    organ: Annotated[str | None, typer.Option(help="Cases that were at this organ.")] = None,
    format: FormatOption = TableFormat.table,
    rebuild: RebuildOption = False,
) -> None:
    from vvgctl.cli.querying import open_index_cli
    from vvgctl.cli.tabular import Column, emit, where
    from vvgctl.query.cases import list_cases

    rows = list_cases(open_index_cli(paths, rebuild), status=status, organ=organ)
    columns = [
        Column("case", "Ärende"), Column("title", "Rubrik", wrap=True),
        Column("status_label", "Status"), Column("first", "Först"), Column("last", "Senast"),
        Column("meetings", "Möten"),
        Column("organs", "Organ", value=lambda r: ", ".join(r["organs"])),
        Column("where", "Fil", value=where),
    ]
    emit(rows, columns, format, title="Ärenden", empty="Inga ärenden.",
         plain=lambda r: f"{where(r)}: {r['case']} [{r['status']}] {r['title']} "
                         f"({r['first']} – {r['last']}, {r['meetings']} möten)")


def _decision_text(row: dict[str, Any]) -> str:
    return "\n".join(f"{d['text']}" + (f" (bekräftas av {d['confirm_by']})"
                                       if d["confirm_by"] else "") for d in row["decisions"])


def case(
    case_id: Annotated[str, typer.Argument(
        metavar="ID", help="The case id, e.g. riktlinje-patientsakerhet.")],
    paths: PathsArgument = None,
    format: FormatOption = TableFormat.table,
    rebuild: RebuildOption = False,
) -> None:
    from vvgctl.cli import output
    from vvgctl.cli.querying import open_index_cli
    from vvgctl.cli.tabular import Column, emit, where
    from vvgctl.query.cases import show_case

    data = show_case(open_index_cli(paths, rebuild), case_id)
    if format is TableFormat.json:
        output.print_json(data)
        return
    heading = (f"Ärende {data['case']}: {data['title']} — {data['status_label']}"
               + (f" ({', '.join(data['awaiting'])})" if data["awaiting"] else ""))
    if format is TableFormat.md:
        print(f"## {heading}\n")
    elif format is TableFormat.table:
        output.stdout().print(heading, markup=False)
    columns = [
        Column("date", "Datum"), Column("organ", "Organ"), Column("item", "Punkt"),
        Column("stage_label", "Steg"), Column("title", "Rubrik", wrap=True),
        Column("decisions", "Ställningstagande", value=_decision_text, wrap=True),
        Column("where", "Fil", value=where),
    ]
    emit(data["timeline"], columns, format, title=None,
         plain=lambda r: f"{where(r)}: {r['date']} {r['organ']} punkt {r['item']} "
                         f"[{r['stage']}] {' '.join(_decision_text(r).split())}".rstrip())
    if data["planned"] and format in (TableFormat.table, TableFormat.md):
        lines = [f"- Planerat till {p['organ']} {p['meeting']}: {p['text']} "
                 f"({p['file']}:{p['line']})" for p in data["planned"]]
        print("\n" + "\n".join(lines))
