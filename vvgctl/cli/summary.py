"""``vvgctl summary``: the meetings of a repository, one line each."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vvgctl.cli.tabular import TableFormat

HELP = """\
Print a summary of the meetings in a repository: organ, date, status, items and positions.

One row per meeting, by organ and date; a file that fails validation is listed as invalid (run
`vvgctl check` for those). `--format json` gives the same rows for scripts.

Examples:

    vvgctl summary minutes
    vvgctl summary minutes --format json
"""


def register(app: typer.Typer) -> None:
    app.command("summary", help=HELP)(summary)


def summary(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Folders or meeting files (default: minutes).", show_default=False)] = None,
    format: Annotated[TableFormat, typer.Option(
        "--format", "-f", help="table, json, csv or md.")] = TableFormat.table,
) -> None:
    from vvgctl.cli.tabular import Column, emit
    from vvgctl.query.summary import summarise

    rows = summarise(paths or [Path("minutes")])
    columns = [Column("organ", "Organ"), Column("date", "Datum"), Column("status", "Status"),
               Column("items", "Punkter"), Column("decisions", "Ställningstaganden"),
               Column("file", "Fil")]
    emit(rows, columns, format, title="Möten", empty="Inga möten.",
         plain=lambda r: f"{r['file']}: {r['organ']} {r['date']} {r['status']}, "
                         f"{r['items']} punkter, {r['decisions']} ställningstaganden")
