"""``vvgctl cases`` and ``vvgctl case ID``: cases (ärenden) across meetings and organs."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from vvgctl.cli.formats import TableFormat
from vvgctl.cli.localised import Command
from vvgctl.cli.querying import (
    FormatOption,
    PathsArgument,
    RebuildOption,
)
from vvgctl.message import plural
from vvgctl.runtime.i18n import N_, label, render
from vvgctl.runtime.i18n import _ as tr

CASES_HELP = N_("""\
List the cases (ärenden), newest first, with their derived status.

A case is every item that carries the same `case:` id, across meetings and organs; its title
is its first item's. Its status is derived from them: open (Öppet), decided (Avgjort),
awaiting confirmation by another organ (Väntar på bekräftelse) or, after its position,
awaiting a follow-up the minutes set (Väntar på uppföljning).

Examples:

    vvgctl cases minutes
    vvgctl cases --status awaiting_confirmation
    vvgctl cases --organ vvg --format csv > arenden.csv
""")

CASE_HELP = N_("""\
Show one case's timeline across meetings and organs.

The steps in order: information, anchoring (förankring: a delregional organ on a case another
organ decides), position, confirmation by another organ, follow-up, and the follow-ups the
minutes set for later meetings (pending until the case comes back).

Examples:

    vvgctl case riktlinje-patientsakerhet
    vvgctl case shvo-forvaltningsplan-2026 minutes --format json
""")


def register(app: typer.Typer) -> None:
    app.command("cases", cls=Command, help=CASES_HELP)(cases)
    app.command("case", cls=Command, help=CASE_HELP)(case)


def cases(
    paths: PathsArgument = None,
    status: Annotated[
        str | None,
        typer.Option(help=N_("open, decided, awaiting_confirmation or awaiting_follow_up.")),
    ] = None,
    organ: Annotated[str | None, typer.Option(help=N_("Cases that were at this organ."))] = None,
    format: FormatOption = TableFormat.table,
    rebuild: RebuildOption = False,
) -> None:
    from vvgctl.cli.querying import open_index_cli
    from vvgctl.cli.tabular import Column, emit, where
    from vvgctl.query.cases import list_cases

    rows = list_cases(open_index_cli(paths, rebuild), status=status, organ=organ)
    columns = [
        Column("case", tr("Case")),
        Column("title", tr("Title"), wrap=True),
        Column("status_label", tr("Status"), value=_case_status),
        Column("first", tr("First")),
        Column("last", tr("Last")),
        Column("meetings", tr("Meetings")),
        Column("organs", tr("Organ"), value=lambda r: ", ".join(r["organs"])),
        Column("where", tr("File"), value=where),
    ]
    emit(
        rows,
        columns,
        format,
        title=tr("Cases"),
        empty=tr("No cases."),
        plain=lambda r: (
            f"{where(r)}: {r['case']} [{_case_status(r)}] {r['title']} "
            + render(
                plural(
                    "({first} – {last}, {n} meeting)",
                    "({first} – {last}, {n} meetings)",
                    r["meetings"],
                    {"first": r["first"], "last": r["last"]},
                )
            )
        ),
    )


def _case_status(row: dict[str, Any]) -> str:
    from vvgctl.query.cases import STATUS_LABELS

    return label(str(row["status"]), STATUS_LABELS)


def _stage(row: dict[str, Any]) -> str:
    from vvgctl.query.cases import STAGE_LABELS

    return label(str(row["stage"]), STAGE_LABELS)


def _decision_text(row: dict[str, Any]) -> str:
    confirm = tr("(to be confirmed by {organ})")
    return "\n".join(
        f"{d['text']}" + (" " + confirm.format(organ=d["confirm_by"]) if d["confirm_by"] else "")
        for d in row["decisions"]
    )


def case(
    case_id: Annotated[
        str, typer.Argument(metavar="ID", help=N_("The case id, e.g. riktlinje-patientsakerhet."))
    ],
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
    heading = (
        tr("Case {case}: {title}").format(case=data["case"], title=data["title"])
        + f" — {_case_status(data)}"
        + (f" ({', '.join(data['awaiting'])})" if data["awaiting"] else "")
    )
    if format is TableFormat.md:
        print(f"## {heading}\n")
    elif format is TableFormat.table:
        output.stdout().print(heading, markup=False)
    columns = [
        Column("date", tr("Date")),
        Column("organ", tr("Organ")),
        Column("item", tr("Item")),
        Column("stage_label", tr("Stage"), value=_stage),
        Column("title", tr("Title"), wrap=True),
        Column("decisions", tr("Position"), value=_decision_text, wrap=True),
        Column("where", tr("File"), value=where),
    ]
    emit(
        data["timeline"],
        columns,
        format,
        title=None,
        plain=lambda r: (
            f"{where(r)}: {r['date']} {r['organ']} {tr('item')} {r['item']} "
            f"[{_stage(r)}] {' '.join(_decision_text(r).split())}".rstrip()
        ),
    )
    if data["planned"] and format in (TableFormat.table, TableFormat.md):
        lines = [
            f"- Planerat till {p['organ']} {p['meeting']}: {p['text']} ({p['file']}:{p['line']})"
            for p in data["planned"]
        ]
        print("\n" + "\n".join(lines))
