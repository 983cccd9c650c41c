"""``vvgctl arshjul``: an organ's årshjul as a table, Markdown, a wheel, a PDF or a calendar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from vvgctl.cli.formats import ArshjulFormat
from vvgctl.cli.localised import Command
from vvgctl.message import Message, plural
from vvgctl.runtime.i18n import N_, render
from vvgctl.runtime.i18n import _ as tr

if TYPE_CHECKING:
    from vvgctl.arshjul.model import Arshjul
    from vvgctl.repository.repo import Repository

DEFAULT_HELP = N_("The minutes folder (default: the repository you stand in, else ./minutes).")

HELP = N_("""\
Show an organ's årshjul: the year's meetings and the topics planned for each.

Merges the schedule (`<organ>/<year>/schedule.yaml`), the plan (`<organ>/<year>/plan.yaml`:
topics by meeting or month, and recurring topics such as "every year at the April meeting")
and the follow-ups set in earlier minutes. A meeting whose minutes exist marks each topic
"behandlat" (an agenda item took it up) or "ej behandlat". Without a plan for the year the
recurring topics of the latest earlier plan are used.

Formats: table (the terminal; Markdown when piped), md (the table for the minutes as written
information), svg (a wheel for an A4 page), pdf (through the rendering pipeline; needs -o),
ics (the dated meetings as iCalendar events to subscribe to; the same UIDs as the
published site's calendar, DTSTAMP the time of the organ's last commit, so two runs give the
same bytes; a year without a dated meeting is refused with exit code 1), json (for scripts: each
meeting's topics with their status and where they came from).

Examples:

    vvgctl arshjul --organ vvg --year 2026
    vvgctl arshjul --organ vvg --year 2026 --format md > arshjul.md
    vvgctl arshjul --organ vvg --year 2026 --format json | jq '.meetings[].label'
    vvgctl arshjul --organ vvg --year 2026 --format svg -o arshjul-2026.svg
    vvgctl arshjul --organ vvg --year 2026 --format pdf -o arshjul-2026.pdf
    vvgctl arshjul --organ styrgrupp-hos --year 2026 --format ics -o styrgrupp.ics
""")


def register(app: typer.Typer) -> None:
    app.command("arshjul", cls=Command, help=HELP)(arshjul)


def arshjul(
    organ: Annotated[str, typer.Option("--organ", help=N_("The organ's id, e.g. vvg."))],
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            min=2000,
            max=2100,
            help=N_("The year (default: this year)."),
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        ArshjulFormat, typer.Option("--format", "-f", help=N_("Output format."))
    ] = ArshjulFormat.table,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=N_("Write to this file instead of standard output."),
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Overwrite the output file."))] = False,
    root: Annotated[
        Path | None,
        typer.Option("--root", "--repo", help=DEFAULT_HELP, show_default=False),
    ] = None,
) -> None:
    import datetime as dt

    from rich.markup import escape

    from vvgctl.arshjul.build import build
    from vvgctl.cli import output as out
    from vvgctl.errors import UsageError
    from vvgctl.repository.repo import Repository

    repository = Repository.open(*([root] if root is not None else []))
    registry = repository.registry
    if registry.organ(organ) is None:
        raise UsageError(
            Message(N_("unknown organ {organ!r}"), {"organ": organ}),
            hint=Message(N_("known organs: {organs}"), {"organs": ", ".join(registry.organ_ids())}),
        )
    if output is not None and output.exists() and not force:
        raise UsageError(
            Message(N_("{output} exists"), {"output": output}),
            hint=N_("give --force to overwrite it"),
        )
    if format is ArshjulFormat.pdf and output is None:
        raise UsageError(N_("--format pdf needs an output file"), hint=N_("add -o arshjul.pdf"))
    result = build(repository, organ, year or dt.date.today().year)
    repository.save()
    err = out.stderr()
    for note in result.notes:
        err.print(f"[yellow]{tr('note:')}[/] {escape(out.visible(render(note)))}")
    if format is ArshjulFormat.table and output is None and out.is_tty():
        out.stdout().print(_rich_table(result))
        return
    found = registry.organ(organ)
    header = (found.header or found.name) if found is not None else organ
    data = EXPORTS[format.value](result, _Target(repository, organ, output, header))
    if data is None:
        return
    if output is None:
        import sys

        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        from vvgctl.source.fileio import atomic_write

        atomic_write(output, data.decode("utf-8"))
        err.print(f"skrev {output}")


@dataclass(frozen=True)
class _Target:
    """Where an export goes and what it needs beside the årshjul."""

    repository: Repository
    organ: str
    output: Path | None
    header: str  # the organ's page header, as on its minutes (the PDF's)


def _markdown(result: Arshjul, target: _Target) -> bytes | None:
    from vvgctl.arshjul.text import to_markdown

    return to_markdown(result).encode("utf-8")


def _json(result: Arshjul, target: _Target) -> bytes | None:
    import json

    from vvgctl.arshjul.export import to_json

    return (json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _svg(result: Arshjul, target: _Target) -> bytes | None:
    from vvgctl.arshjul.svg import to_svg

    return to_svg(result).encode("utf-8")


def _ics(result: Arshjul, target: _Target) -> bytes | None:
    from vvgctl.arshjul.ics import revision_stamp, to_ics, undated_months
    from vvgctl.cli import output as out

    data = to_ics(result, stamp=revision_stamp(target.repository, target.organ))
    skipped = undated_months([result])
    if skipped:
        out.stderr().print(
            f"[yellow]{tr('note:')}[/] "
            + render(
                plural(
                    "{n} meeting has no date (only a month) and no event in the calendar",
                    "{n} meetings have no date (only a month) and no event in the calendar",
                    skipped,
                )
            )
        )
    return data


def _pdf(result: Arshjul, target: _Target) -> bytes | None:
    """The PDF, written to the output file (None: nothing left to write)."""
    from vvgctl.arshjul.text import to_markdown
    from vvgctl.render.pdf import markdown_to_pdf

    assert target.output is not None
    markdown_to_pdf(
        to_markdown(result, for_print=True),
        target.output,
        title=f"{result.title} – {result.organ_name}",
        header=target.header or result.organ_name,
        landscape=True,
    )
    from vvgctl.cli import output as out

    out.stderr().print(f"skrev {target.output}")
    return None


#: every export of the årshjul by its ``--format`` name (``table`` piped is the Markdown)
EXPORTS: dict[str, Callable[[Arshjul, _Target], bytes | None]] = {
    ArshjulFormat.table.value: _markdown,
    ArshjulFormat.md.value: _markdown,
    ArshjulFormat.json.value: _json,
    ArshjulFormat.svg.value: _svg,
    ArshjulFormat.ics.value: _ics,
    ArshjulFormat.pdf.value: _pdf,
}


def _rich_table(result: Arshjul) -> object:
    from rich.table import Table
    from rich.text import Text

    from vvgctl.arshjul.model import TopicStatus
    from vvgctl.arshjul.text import column_heading

    table = Table(
        title=f"{result.title} – {result.organ_name}", show_lines=True, title_style="bold"
    )
    table.add_column("")
    for column in result.columns:
        heading = column_heading(column)
        if column.entry is not None and column.entry.change:
            heading += f"\n{column.entry.change}"
        table.add_column(heading, overflow="fold")
    marks = {
        TopicStatus.HELD: ("✓ ", "green"),
        TopicStatus.SLIPPED: ("✗ ", "red"),
        TopicStatus.PLANNED: ("• ", ""),
    }
    for row in result.rows:
        cells: list[Text | str] = [Text(row.name, style=f"bold {row.colour}")]
        for column in result.columns:
            cell = Text()
            for topic in result.cell(column, row.id):
                mark, style = marks[topic.status]
                if cell:
                    cell.append("\n")
                cell.append(mark, style=style)
                cell.append(topic.title, style="italic" if topic.from_follow_up_only else "")
                if topic.follow_ups and not topic.from_follow_up_only:
                    cell.append(" ↺", style="dim")
            cells.append(cell)
        table.add_row(*cells)
    table.caption = tr(
        "✓ taken up  ✗ not taken up  • planned  ↺ also a follow-up from minutes  "
        "italic: only from minutes"
    )
    return table
