"""``vvgctl summary``: the meetings of a repository, one line each."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
    paths: Annotated[list[Path] | None, typer.Argument(help="Folders or files.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    from vvgctl.cli import output
    from vvgctl.errors import UsageError
    from vvgctl.summary import summarise

    if format not in ("table", "json"):
        raise UsageError(f"unknown format {format!r}; use table or json")
    rows = summarise(paths or [Path("minutes")])
    if format == "json":
        output.print_json(rows)
        return
    from rich.table import Table

    table = Table(title="Möten", show_lines=False)
    for column in ("Organ", "Datum", "Status", "Ärenden", "Ställningstaganden", "Fil"):
        table.add_column(column)
    for row in rows:
        table.add_row(str(row["organ"]), str(row["date"]), str(row["status"]), str(row["items"]),
                      str(row["decisions"]), str(row["file"]))
    output.stdout().print(table)
