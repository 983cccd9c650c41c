"""``vvgctl actions``: what someone was asked to do, by when, and whether it is done."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from vvgctl.cli.querying import (
    FormatOption,
    PathsArgument,
    RebuildOption,
    TodayOption,
)
from vvgctl.cli.tabular import TableFormat

HELP = """\
List the actions of the minutes ('Inför nästa möte', assignments), oldest first.

Each action shows the meeting or date it is due and whether it is done. An action is closed
when a later meeting lists its id under `closes_actions`; an action written without an `id`
has a derived one, organ-date-item-ordinal (`vvg-2025-10-22-4-1`: the first action of item
4), shown here and by new-meeting. An open action past its due date is marked FÖRSENAD.

Examples:

    vvgctl actions minutes --open
    vvgctl actions --owner "Maria Taranger"
    vvgctl actions --owner beredningen --format json
"""


def register(app: typer.Typer) -> None:
    app.command("actions", help=HELP)(actions)


def _owner(row: dict[str, Any]) -> str:
    return " / ".join(x for x in (row["owner"], row["owner_group"]) if x)


def _status(row: dict[str, Any]) -> str:
    if row["status"] == "closed":
        closed = row["closed_by"]
        return f"Klar ({closed['organ']} {closed['date']} punkt {closed['item']})"
    return "Öppen, FÖRSENAD" if row["overdue"] else "Öppen"


def actions(
    paths: PathsArgument = None,
    open_only: Annotated[bool, typer.Option("--open", help="Only actions not yet closed.")]
        = False,
    owner: Annotated[str | None, typer.Option(help="Only this owner (person or group, any "
                                              "part of the name).")] = None,
    organ: Annotated[str | None, typer.Option(help="Only actions set by this organ.")] = None,
    today: TodayOption = None,
    format: FormatOption = TableFormat.table,
    rebuild: RebuildOption = False,
) -> None:
    from vvgctl.cli.querying import open_index_cli
    from vvgctl.cli.tabular import Column, emit, where
    from vvgctl.query import parse_day
    from vvgctl.query.actions import find_actions

    day = dt.date.fromisoformat(parse_day(today, "--today")) if today else None
    rows = find_actions(open_index_cli(paths, rebuild), open_only=open_only, owner=owner,
                        organ=organ, today=day)
    columns = [
        Column("organ", "Organ"), Column("date", "Datum"), Column("item", "Punkt"),
        Column("id", "Id"), Column("text", "Åtgärd", wrap=True),
        Column("owner", "Ansvarig", value=_owner), Column("due", "Till"),
        Column("status", "Status", value=_status), Column("where", "Fil", value=where),
    ]
    emit(rows, columns, format, title="Åtgärder", empty="Inga åtgärder.",
         plain=lambda r: f"{where(r)}: {r['organ']} {r['date']} punkt {r['item']} "
                         f"{r['id']} [{_status(r)}] {_owner(r) + ': ' if _owner(r) else ''}"
                         f"{' '.join(r['text'].split())}"
                         + (f" (till {r['due']})" if r["due"] else ""))
