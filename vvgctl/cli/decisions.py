"""``vvgctl decisions``: positions taken, filtered; each cites organ, date, item, file:line."""

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
from vvgctl.runtime.i18n import N_, label
from vvgctl.runtime.i18n import _ as tr

HELP = N_("""\
List the positions (ställningstaganden) the organs took, oldest first.

Every row cites organ, date, item number and file:line. --text matches case-insensitively in
the item title and the whole position; å, ä and ö are letters of their own (år is not ar).
Dates: a day 2025-10-22, a month 2025-10 or a year 2025. A table on a terminal, one line per
position when piped; --format json|csv|md for scripts and documents.

Examples:

    vvgctl decisions minutes --text egenvård
    vvgctl decisions --organ vvg --year 2025 --type endorsed
    vvgctl decisions --from 2025-09 --to 2025-12 --person "Åsa Jackson"
    vvgctl decisions --case shvo-forvaltningsplan-2026 --format json | jq '.[].text'
    vvgctl decisions minutes/vvg/2025 --format md > beslut-2025.md
""")

TYPES_HELP = N_(
    "noted, endorsed, approved, recommended, assigned, referred, postponed, rejected or other."
)


def register(app: typer.Typer) -> None:
    app.command("decisions", cls=Command, help=HELP)(decisions)


def decisions(
    paths: PathsArgument = None,
    organ: Annotated[
        str | None, typer.Option(help=N_("Only this organ (its id, e.g. vvg)."))
    ] = None,
    date_from: Annotated[str | None, typer.Option("--from", help=N_("From this date on."))] = None,
    date_to: Annotated[str | None, typer.Option("--to", help=N_("Up to this date."))] = None,
    year: Annotated[
        int | None, typer.Option(help=N_("Only this year."), min=1900, max=2999)
    ] = None,
    type: Annotated[str | None, typer.Option("--type", help=TYPES_HELP)] = None,
    case: Annotated[str | None, typer.Option(help=N_("Only this case (ärende-id)."))] = None,
    person: Annotated[
        str | None,
        typer.Option(help=N_("Presented by this person (any spelling the registry knows).")),
    ] = None,
    text: Annotated[str | None, typer.Option(help=N_("Text in the title or the position."))] = None,
    format: FormatOption = TableFormat.table,
    rebuild: RebuildOption = False,
) -> None:
    from vvgctl.cli.querying import open_index_cli
    from vvgctl.cli.tabular import Column, emit, print_json_utf8, where
    from vvgctl.query import parse_day
    from vvgctl.query.decisions import DecisionFilter, decisions_json, find_decisions

    flt = DecisionFilter(
        organ=organ,
        year=year,
        type=type,
        case=case,
        person=person,
        text=text,
        date_from=parse_day(date_from, "--from") if date_from else None,
        date_to=parse_day(date_to, "--to", end=True) if date_to else None,
    )
    index = open_index_cli(paths, rebuild)
    if format is TableFormat.json:
        encoded = decisions_json(index, flt)  # SQLite writes the JSON: no Python row objects
        if encoded is not None:
            print_json_utf8(encoded)
            return
    rows = find_decisions(index, flt)
    columns = [
        Column("organ", tr("Organ")),
        Column("date", tr("Date")),
        Column("item", tr("Item")),
        Column("title", tr("Case"), wrap=True),
        Column("type", tr("Type"), value=_type),
        Column("text", tr("Position"), wrap=True),
        Column("where", tr("File"), value=where),
    ]
    emit(
        rows,
        columns,
        format,
        title=tr("Positions"),
        plain=lambda r: (
            f"{where(r)}: {r['organ']} {r['date']} {tr('item')} {r['item']} "
            f"[{_type(r)}] {' '.join(r['text'].split())}"
        ),
    )


def _type(row: dict[str, Any]) -> str:
    from vvgctl.swedish.labels import DECISION_TYPE_LABELS  # not the models: no pydantic

    return label(str(row["type"]), DECISION_TYPE_LABELS)
