"""``vvgctl actions``: what someone was asked to do, by when, and whether it is done."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from vvgctl.cli.formats import TableFormat
from vvgctl.cli.localised import Command
from vvgctl.cli.querying import (
    FormatOption,
    PathsArgument,
    RebuildOption,
    TodayOption,
)
from vvgctl.runtime.i18n import N_
from vvgctl.runtime.i18n import _ as tr

HELP = N_("""\
List the actions of the minutes ('Inför nästa möte', assignments), oldest first.

Each action shows the meeting or date it is due and whether it is done. An action is closed
when a later meeting lists its id under `closes_actions`; an action written without an `id`
has a derived one, organ-date-item-ordinal (`vvg-2025-10-22-4-1`: the first action of item
4), shown here and by new-meeting. An open action past its due date is marked FÖRSENAD.

Examples:

    vvgctl actions minutes --open
    vvgctl actions --owner "Maria Taranger"
    vvgctl actions --owner beredningen --format json
""")


def register(app: typer.Typer) -> None:
    app.command("actions", cls=Command, help=HELP)(actions)


def _owner(row: dict[str, Any]) -> str:
    return " / ".join(x for x in (row["owner"], row["owner_group"]) if x)


def _status(row: dict[str, Any]) -> str:
    if row["status"] == "closed":
        closed = row["closed_by"]
        return tr("Done ({organ} {date} item {item})").format(
            organ=closed["organ"], date=closed["date"], item=closed["item"]
        )
    return tr("Open, OVERDUE") if row["overdue"] else tr("Open")


def actions(
    paths: PathsArgument = None,
    open_only: Annotated[
        bool, typer.Option("--open", help=N_("Only actions not yet closed."))
    ] = False,
    owner: Annotated[
        str | None,
        typer.Option(help=N_("Only this owner (person or group, any part of the name).")),
    ] = None,
    organ: Annotated[str | None, typer.Option(help=N_("Only actions set by this organ."))] = None,
    today: TodayOption = None,
    format: FormatOption = TableFormat.table,
    rebuild: RebuildOption = False,
) -> None:
    from vvgctl.cli.querying import open_index_cli
    from vvgctl.cli.tabular import Column, emit, where
    from vvgctl.query import parse_day
    from vvgctl.query.actions import find_actions

    day = dt.date.fromisoformat(parse_day(today, "--today")) if today else None
    rows = find_actions(
        open_index_cli(paths, rebuild), open_only=open_only, owner=owner, organ=organ, today=day
    )
    columns = [
        Column("organ", tr("Organ")),
        Column("date", tr("Date")),
        Column("item", tr("Item")),
        Column("id", tr("Id")),
        Column("text", tr("Action"), wrap=True),
        Column("owner", tr("Owner"), value=_owner),
        Column("due", tr("Due")),
        Column("status", tr("Status"), value=_status),
        Column("where", tr("File"), value=where),
    ]
    emit(
        rows,
        columns,
        format,
        title=tr("Actions"),
        empty=tr("No actions."),
        plain=lambda r: (
            f"{where(r)}: {r['organ']} {r['date']} {tr('item')} {r['item']} "
            f"{r['id']} [{_status(r)}] {_owner(r) + ': ' if _owner(r) else ''}"
            f"{' '.join(r['text'].split())}"
            + (" " + tr("(due {due})").format(due=r["due"]) if r["due"] else "")
        ),
    )
