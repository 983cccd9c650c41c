"""Opening the query index from a command: a progress bar while files are read on a terminal,
and a note on stderr when some files could not be read (they are left out of every answer).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from vvgctl.cli.formats import TableFormat
from vvgctl.message import plural
from vvgctl.runtime.i18n import N_, render
from vvgctl.runtime.i18n import _ as tr

if TYPE_CHECKING:
    from vvgctl.index import Index

PATHS_HELP = N_(
    "Folders or meeting files to ask about (default: the repository you stand in, else ./minutes)."
)
REBUILD_HELP = N_("Rebuild the query index from scratch (it is a cache outside the repository).")

#: the options every query command shares
PathsArgument = Annotated[list[Path] | None, typer.Argument(help=PATHS_HELP, show_default=False)]
FORMAT_HELP = N_("table, json, csv, md or xlsx (to a file: > file.xlsx).")
FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help=FORMAT_HELP)]
RebuildOption = Annotated[bool, typer.Option(help=REBUILD_HELP)]
TodayOption = Annotated[
    str | None,
    typer.Option(help=N_("The day to judge 'overdue' by (default: today)."), show_default=False),
]


def open_index_cli(paths: list[Path] | None, rebuild: bool = False) -> Index:

    from vvgctl.cli import output
    from vvgctl.cli.progress import bar
    from vvgctl.index import open_index

    # rich only on a terminal: piped, the query starts 30 ms sooner
    with bar(tr("Reading"), at_least=50) as progress:
        index = open_index(paths or [_default_root()], rebuild=rebuild, progress=progress)
    if index.stats.outside:  # never read: said as check says it, naming each file
        from vvgctl.cli.reporters import text
        from vvgctl.repository.file_result import outside_link

        for link in index.stats.outside:
            text(outside_link(Path(link)).diagnostics, output.stderr())
    if index.stats.invalid:
        output.stderr().print(
            render(
                plural(
                    "{n} file is not valid and is left out of the answer; run `vvgctl check` for "
                    "the details.",
                    "{n} files are not valid and are left out of the answer; run `vvgctl "
                    "check` for the details.",
                    index.stats.invalid,
                )
            ),
            markup=False,
        )
    return index


def _default_root() -> Path:
    """The repository the user stands in (imported only when no path is given)."""
    from vvgctl.repository.default import default_root

    return default_root()
