"""``vvgctl documents``: the register of county-wide governing documents."""

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
List the county-wide governing documents (riktlinjer, rutiner, överenskommelser).

The register is registry/documents.yaml. Each document is listed with its latest position (a
position names documents in `governing_documents`) and FÖRSENAD when its review is overdue.

Examples:

    vvgctl documents minutes
    vvgctl documents --overdue
    vvgctl documents --format md > styrdokument.md
""")


def register(app: typer.Typer) -> None:
    app.command("documents", cls=Command, help=HELP)(documents)


def _latest(row: dict[str, Any]) -> str:
    latest = row["latest_position"]
    if not latest:
        return ""
    return f"{latest['organ']} {latest['date']} {tr('item')} {latest['item']} ({latest['type']})"


def _review(row: dict[str, Any]) -> str:
    due = row["review_due"] or ""
    return f"{due} {tr('OVERDUE')}" if row["overdue"] else due


def documents(
    paths: PathsArgument = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help=N_("Only documents whose review is overdue."))
    ] = False,
    today: TodayOption = None,
    format: FormatOption = TableFormat.table,
    rebuild: RebuildOption = False,
) -> None:
    from vvgctl.cli.querying import open_index_cli
    from vvgctl.cli.tabular import Column, emit
    from vvgctl.query import parse_day
    from vvgctl.repository.governing_documents import list_documents

    day = dt.date.fromisoformat(parse_day(today, "--today")) if today else None
    rows = list_documents(open_index_cli(paths, rebuild), today=day, overdue_only=overdue)
    columns = [
        Column("id", tr("Id")),
        Column("title", tr("Title"), wrap=True),
        Column("type_label", tr("Type")),
        Column("status_label", tr("Status")),
        Column("adopted", tr("Adopted")),
        Column("review_due", tr("Review due"), value=_review),
        Column("latest_position", tr("Latest position"), value=_latest),
    ]
    emit(
        rows,
        columns,
        format,
        title=tr("County-wide governing documents"),
        empty=tr("No governing documents."),
        plain=lambda r: (
            f"{r['file']}:{r['line']}: {r['id']} [{r['status']}] {r['title']}"
            + (" " + tr("(adopted {date})").format(date=r["adopted"]) if r["adopted"] else "")
            + (" " + tr("review due {date}").format(date=_review(r)) if r["review_due"] else "")
            + (
                "; " + tr("latest {position}").format(position=_latest(r))
                if r["latest_position"]
                else ""
            )
        ),
    )
