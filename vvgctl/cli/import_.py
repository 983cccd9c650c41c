"""``vvgctl import``: turn a legacy minutes document into a draft meeting file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from vvgctl.cli.localised import Command
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_, plural, render
from vvgctl.runtime.i18n import _ as tr

HELP = N_("""\
Import legacy minutes (.docx, .odt, .html, .md, .txt) as a draft for review.

Reads the header (date, time, place, roster and attendance), the items (number, sub-items,
title, kind, timebox, presenters, documents, positions, actions, follow-ups), the schedule and
an årshjul table. The prose stays in each item's body section; what cannot be placed goes
verbatim to a section '## Att granska (import)', and a field that does not hold every word of
its source line gets that line as a YAML comment. Nothing of the input is lost.

The draft has status 'draft' and is checked with vvgctl's own rules before it is written.
People not in the registry go to the draft's own 'people' list; near misses (Hjoberg/Hjöberg)
are reported as probable matches. Everything the importer was unsure of is printed with the
draft's line numbers.

Limits (bounded work; a larger input is refused before it is read): .docx and .odt 20 MiB
(unpacked at most 200 MiB), .html 5 MiB, .txt and .md 2 MiB, and at most 2 MiB of text from
any format. The minutes of one meeting are far below: ~50 KiB of text, a Word file well under
10 MiB with its pictures.

Where it goes: with -o FILE to that file, with -o - to standard output; without -o into the
repository (found from the current folder or its 'minutes/' folder) at
<organ>/<year>/<date>.md, or to standard output when there is no repository. An existing file
is only replaced with --force.

Examples:

    vvgctl import gamla/protokoll-2019-03-14.docx
    vvgctl import export.txt --organ vvg -o minutes/vvg/2019/2019-03-14.md
    vvgctl import styrgrupp.md --organ styrgrupp-hos -o -
""")


def register(app: typer.Typer) -> None:
    app.command("import", cls=Command, help=HELP)(import_)


def import_(
    file: Annotated[Path, typer.Argument(help=N_("The document to import."), show_default=False)],
    organ: Annotated[str | None, typer.Option(
        "--organ", help=N_("The organ's id in the registry (default: guessed from the header)."))]
        = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help=N_("Where to write the draft; '-' for standard output."))] = None,
    date: Annotated[str | None, typer.Option(
        "--date", help=N_("The meeting date (YYYY-MM-DD) when the document does not give it."))]
        = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace an existing file."))] = False,
) -> None:
    from vvgctl.diagnostics import display_path
    from vvgctl.errors import UsageError, VvgError, naming
    from vvgctl.importer.convert import read_source
    from vvgctl.importer.minutes import import_text
    from vvgctl.models.common import is_identifier
    from vvgctl.repository.repo import Repository
    from vvgctl.source.fileio import atomic_write

    if not file.exists():
        raise UsageError(Message(N_("no such file: {file}"), {"file": file}))
    if organ is not None and not is_identifier(organ):
        raise UsageError(Message(N_("--organ {organ!r} is not an organ id"), {"organ": organ}),
            hint=N_("e.g. --organ vvg"))
    day = None
    if date is not None:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            raise UsageError(Message(N_("--date {date!r} is not a date"), {"date": date}),
                hint=N_("write it as 2019-03-14")) \
                from None
    to_stdout = output == "-"
    target = Path(output) if output and not to_stdout else None
    start = target.resolve().parent if target is not None else Path.cwd()
    while not start.exists() and start != start.parent:
        start = start.parent
    repository = Repository.find(start)
    if repository is None and target is None and (Path.cwd() / "minutes").is_dir():
        repository = Repository.find(Path.cwd() / "minutes")
    root = repository.root if repository is not None else None
    registry = repository.registry if repository is not None else None
    if registry is not None and not registry.ok:
        raise VvgError(
            Message(
                N_("the registry in {value} has errors"), {"value": display_path(root or Path())}
            ),
            hint=N_("run `vvgctl check` and fix the registry first"),
        )
    if registry is not None and organ is not None and registry.organ(organ) is None:
        raise UsageError(
            Message(N_("unknown organ {organ!r}"), {"organ": organ}),
            hint=Message(N_("known organs: {organs}"), {"organs": ", ".join(registry.organ_ids())}),
        )
    text, read_notes = read_source(file)
    result = import_text(text, organ=organ, registry=registry, root=root, date=day,
                         source=display_path(file), target=target,
                         into_root=output is None, notes=read_notes)
    err = typer.echo
    destination = result.target
    if destination is not None and destination.exists() and not force:
        raise UsageError(
            Message(N_("{destination} already exists"), {"destination": display_path(destination)}),
            hint=N_("pass --force to replace it, or -o to write elsewhere"),
        )
    if destination is None:
        with naming(tr("standard output")):
            typer.echo(result.text, nl=False)
        shown = "<stdout>"
    else:
        with naming(destination):
            atomic_write(destination, result.text)
        shown = display_path(destination)
    unsure, error = tr("unsure:"), tr("error")
    for item in result.uncertain:
        err(f"{shown}:{item.line}: {unsure} {render(item.message)}", err=True)
    for problem in result.problems:
        err(f"{shown}:{problem.line}:{problem.column}: {error} {render(problem.message)} "
            f"[{problem.code}]", err=True)
    counts = {"items": plural("{n} item", "{n} items", result.items),
              "review": plural("{n} piece to review", "{n} pieces to review",
                               result.review_pieces),
              "local": plural("{n} person outside the registry",
                              "{n} people outside the registry", len(result.local_people)),
              "probable": plural("{n} probable match", "{n} probable matches",
                                 len(result.probable_matches)),
              "uncertain": plural("{n} uncertain place", "{n} uncertain places",
                                  len(result.uncertain))}
    summary = (Message(N_("Draft written to standard output: {items}, {review}, {local} "
                          "({probable}), {uncertain}."), counts) if destination is None else
               Message(N_("Draft written to {path}: {items}, {review}, {local} ({probable}), "
                          "{uncertain}."), {"path": shown, **counts}))
    err(render(summary), err=True)
    raise typer.Exit(1 if result.problems else 0)
