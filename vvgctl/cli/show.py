"""``vvgctl show``: one validated meeting, as JSON for scripts or as a short text."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vvgctl.cli.formats import ShowFormat
from vvgctl.cli.localised import Command
from vvgctl.runtime.i18n import N_

HELP = N_("""\
Show one meeting as validated data.

--format json prints the stable export other tools rely on: organ, date (ISO), time.start and
time.end ("HH:MM"), place, status, attendance.absent/remote (people as {name, ...}), items[]
with number, title, kind, presenters and decisions[] with text.

Examples:

    vvgctl show minutes/vvg/2025/2025-10-22.md
    vvgctl show minutes/vvg/2025/2025-10-22.md --format json | jq '.items[].title'
""")


def register(app: typer.Typer) -> None:
    app.command("show", cls=Command, help=HELP)(show)


def show(
    path: Annotated[Path, typer.Argument(help=N_("A meeting file."), exists=True, dir_okay=False)],
    format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help=N_("text or json."))
    ] = ShowFormat.text,
) -> None:
    from vvgctl.cli import output, reporters
    from vvgctl.diagnostics import display_path
    from vvgctl.models.export import meeting_to_json
    from vvgctl.source.loading import load_meeting

    loaded = load_meeting(path, display_path(path))
    if loaded.model is None:
        reporters.text(loaded.diagnostics, output.stderr())
        output.stderr().print("The file is not valid; fix the errors above (vvgctl check).")
        raise typer.Exit(1)
    if format is ShowFormat.json:
        output.print_json(meeting_to_json(loaded.model))
        return
    from vvgctl.query.summary import describe_meeting

    output.stdout().print(output.inert(describe_meeting(loaded.model)), markup=False)
