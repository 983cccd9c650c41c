"""``vvgctl search TEXT``: ranked full-text search with Swedish stemming."""

from __future__ import annotations

from typing import Annotated

import typer

from vvgctl.cli.formats import TableFormat
from vvgctl.cli.localised import Command
from vvgctl.cli.querying import (
    FormatOption,
    PathsArgument,
    RebuildOption,
)
from vvgctl.message import plural
from vvgctl.runtime.i18n import N_, render
from vvgctl.runtime.i18n import _ as tr

HELP = N_("""\
Search item titles, positions and the text of the minutes, best hits first (bm25).

Words are matched in every inflection (a Swedish lexicon, the Snowball stem for words it
lacks), so "samtycket" finds "samtycke" and "enkäter" finds "enkäten"; a word also finds the
compounds it is a part of ("delning" finds "informationsdelning"), ranked below; a misspelt
name finds the name a letter or two away. Every word must occur. Each hit shows a snippet with
the matched words «marked» and the file:line where it stands. A passage that stands word for
word in several meetings is one hit, the newest, with how many more meetings hold it
("repeats" in JSON).

Examples:

    vvgctl search egenvård
    vvgctl search "riktlinje samtycke" --organ vvg --limit 5
    vvgctl search enkät --from 2025-01 --format json | jq '.[0]'
""")


def register(app: typer.Typer) -> None:
    app.command("search", cls=Command, help=HELP)(search)


def search(
    text: Annotated[str, typer.Argument(help=N_("Words to search for."))],
    paths: PathsArgument = None,
    organ: Annotated[str | None, typer.Option(help=N_("Only this organ."))] = None,
    date_from: Annotated[str | None, typer.Option("--from", help=N_("From this date on."))] = None,
    date_to: Annotated[str | None, typer.Option("--to", help=N_("Up to this date."))] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help=N_("At most this many hits."))] = 20,
    format: FormatOption = TableFormat.table,
    rebuild: RebuildOption = False,
) -> None:
    from vvgctl.cli.querying import open_index_cli
    from vvgctl.cli.tabular import Column, emit, where
    from vvgctl.query import parse_day
    from vvgctl.query.search import search as run_search

    rows = run_search(
        open_index_cli(paths, rebuild),
        text,
        organ=organ,
        limit=limit,
        date_from=parse_day(date_from, "--from") if date_from else None,
        date_to=parse_day(date_to, "--to", end=True) if date_to else None,
    )
    if format is TableFormat.table:
        for row in rows:
            if row["repeats"]:
                row["snippet"] += " " + render(
                    plural(
                        "(the same text in {n} more meeting)",
                        "(the same text in {n} more meetings)",
                        row["repeats"],
                    )
                )
    columns = [
        Column("organ", tr("Organ")),
        Column("date", tr("Date")),
        Column("item", tr("Item")),
        Column("title", tr("Case"), wrap=True),
        Column("snippet", tr("Snippet"), wrap=True),
        Column("where", tr("File"), value=where),
    ]
    emit(
        rows,
        columns,
        format,
        title=tr("Search: {text}").format(text=text),
        plain=lambda r: (
            f"{where(r)}: {r['organ']} {r['date']}"
            + (f" {tr('item')} {r['item']}" if r["item"] else "")
            + f": {r['snippet']}"
        ),
    )
