"""``vvgctl render``: minutes and agendas as accessible PDF, HTML or DOCX."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vvgctl.cli.formats import RenderFormat
from vvgctl.cli.localised import Command
from vvgctl.message import Message, plural
from vvgctl.runtime.i18n import N_
from vvgctl.runtime.i18n import _ as tr
from vvgctl.runtime.i18n import render as render_message

HELP = N_("""\
Render minutes (or with --agenda the kallelse) as PDF, HTML or DOCX.

The route: a Jinja template turns the validated meeting into Markdown, pandoc (sandboxed, raw
markup off) turns it into Typst, and Typst writes a tagged PDF/UA-1 + PDF/A-2a with title and
language (sv-SE). No TeX. Inputs whose content is unchanged since the last run are skipped;
files in the output folder that vvgctl did not write are only replaced with --force.

Examples:

    vvgctl render minutes -o build                      # every meeting, PDF
    vvgctl render minutes/vvg/2025/2025-10-22.md -o build --format html
    vvgctl render minutes/vvg/2025/2025-10-22.md --format docx   # for editing in Word
    vvgctl render minutes/vvg/2025/2025-12-10.md --agenda   # kallelse of a planned meeting
    vvgctl render minutes -o build --jobs 2
""")


def register(app: typer.Typer) -> None:
    app.command("render", cls=Command, help=HELP)(render)


def render(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help=N_(
                "Meeting files or folders (default: the repository you stand in, else ./minutes)."
            ),
            show_default=False,
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help=N_("Output folder."))] = Path("build"),
    format: Annotated[
        RenderFormat,
        typer.Option(
            "--format", "-f", help=N_("pdf (accessible, archival), html (standalone) or docx.")
        ),
    ] = RenderFormat.pdf,
    agenda: Annotated[
        bool,
        typer.Option("--agenda", help=N_("Render the kallelse (agenda) instead of the minutes.")),
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help=N_("Worker processes (0: one per core)."))
    ] = 0,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=N_("Render even unchanged inputs and replace files vvgctl did not write."),
        ),
    ] = False,
) -> None:
    from vvgctl.cli import output
    from vvgctl.cli.progress import bar
    from vvgctl.errors import naming
    from vvgctl.render.pipeline import render_many
    from vvgctl.repository.default import default_root
    from vvgctl.repository.discovery import meeting_files

    files = list(meeting_files(paths or [default_root()]))
    with bar(tr("Rendering"), enabled=len(files) > 1) as progress, naming(out):
        outcomes = render_many(
            files, out, format.value, agenda=agenda, jobs=jobs, force=force, progress=progress
        )
    failed = [o for o in outcomes if o.error]
    written = [o for o in outcomes if o.output and not o.skipped and not o.error]
    for outcome in written:
        typer.echo(str(outcome.output))
    for outcome in failed:
        shown = output.error_text(outcome.problem) if outcome.problem else str(outcome.error)
        output.note(shown, label=tr("error"), style="red")
    skipped = sum(1 for o in outcomes if o.skipped)
    output.note(
        render_message(
            Message(
                N_("{written}, {skipped}, {failed} ({out})"),
                {
                    "written": plural("{n} rendered", "{n} rendered", len(written)),
                    "skipped": plural("{n} unchanged", "{n} unchanged", skipped),
                    "failed": plural("{n} failed", "{n} failed", len(failed)),
                    "out": out,
                },
            )
        )
    )
    raise typer.Exit(1 if failed else 0)
