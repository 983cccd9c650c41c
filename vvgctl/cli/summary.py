"""``vvgctl summary``: the meetings of a repository, one line each."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from vvgctl.cli.formats import TableFormat
from vvgctl.cli.localised import Command
from vvgctl.message import Message, plural
from vvgctl.runtime.i18n import N_, label, render
from vvgctl.runtime.i18n import _ as tr

HELP = N_("""\
Print a summary of the meetings in a repository: organ, date, status, items and positions.

One row per meeting, by organ and date; a file that fails validation is listed as invalid (run
`vvgctl check` for those). `--format json` gives the same rows for scripts.

Examples:

    vvgctl summary minutes
    vvgctl summary minutes --format json
""")


def register(app: typer.Typer) -> None:
    app.command("summary", cls=Command, help=HELP)(summary)


def summary(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help=N_(
                "Folders or meeting files (default: the repository you stand in, else ./minutes)."
            ),
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        TableFormat,
        typer.Option(
            "--format", "-f", help=N_("table, json, csv, md or xlsx (to a file: > file.xlsx).")
        ),
    ] = TableFormat.table,
) -> None:
    from vvgctl.cli.tabular import Column, emit
    from vvgctl.query.summary import summarise
    from vvgctl.repository.default import default_root

    rows = summarise(paths or [default_root()])
    columns = [
        Column("organ", tr("Organ")),
        Column("date", tr("Date")),
        Column("status", tr("Status"), value=_status),
        Column("items", tr("Items")),
        Column("decisions", tr("Positions")),
        Column("file", tr("File")),
    ]
    emit(
        rows,
        columns,
        format,
        title=tr("Meetings"),
        empty=tr("No meetings."),
        plain=lambda r: (
            f"{r['file']}: {r['organ']} {r['date']} {_status(r)}, "
            + render(
                Message(
                    N_("{items}, {decisions}"),
                    {
                        "items": plural("{n} item", "{n} items", r["items"]),
                        "decisions": plural("{n} position", "{n} positions", r["decisions"]),
                    },
                )
            )
        ),
    )


def _status(row: dict[str, Any]) -> str:
    from vvgctl.models.meeting import STATUS_LABELS

    return label(str(row["status"]), STATUS_LABELS)
