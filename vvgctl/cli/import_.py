"""``vvgctl import``: turn a legacy minutes document into a draft meeting file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from vvgctl.cli.formats import ImportFormat
from vvgctl.cli.localised import Command
from vvgctl.message import Message, plural
from vvgctl.runtime.i18n import N_
from vvgctl.runtime.i18n import _ as tr

if TYPE_CHECKING:
    from vvgctl.importer.minutes import ImportResult

HELP = N_("""\
Import legacy minutes (.pdf, .docx, .odt, .html, .md, .txt) as drafts for review.

Reads the header (date, time, place, roster and attendance), the items (number, sub-items,
title, kind, timebox, presenters, documents, positions, actions, follow-ups), the schedule and
an årshjul table. The prose stays in each item's body section; what cannot be placed goes
verbatim to a section '## Att granska (import)', and a field that does not hold every word of
its source line gets that line as a YAML comment. Nothing of the input is lost.

The draft has status 'draft' and is checked with vvgctl's own rules before it is written.
People not in the registry go to the draft's own 'people' list; near misses (Hjoberg/Hjöberg)
are reported as probable matches. Everything the importer was unsure of is printed with the
draft's line numbers.

Limits (bounded work; a larger input is refused before it is read): .pdf 20 MiB and 200
pages, .docx and .odt 20 MiB (unpacked at most 200 MiB), .html 5 MiB, .txt and .md 2 MiB,
and at most 2 MiB of text from any format. The minutes of one meeting are far below: ~50 KiB
of text, a Word file well under 10 MiB with its pictures.

Where it goes: with -o FILE to that file, with -o - to standard output; without -o into the
repository (--root, or found from the current folder or its 'minutes/' folder) at
<organ>/<year>/<date>.md, or to standard output when there is no repository. An existing file
is only replaced with --force. The registry of that repository is used wherever the draft is
written.

An archive: name a folder or several files, and each document goes into the repository with
a progress bar; a file whose content a draft already records (imported_from, by SHA-256) is
skipped, and a table per file (items, positions, people outside the registry, unsure places)
and the total end the run (--format json for scripts). Exit 0 when every file was imported or
skipped, 1 when some failed (each is named), 2 for a usage error.

Examples:

    vvgctl import gamla/protokoll-2019-03-14.docx
    vvgctl import export.txt --organ vvg -o minutes/vvg/2019/2019-03-14.md
    vvgctl import styrgrupp.md --organ styrgrupp-hos -o -
    vvgctl import arkiv/ --organ vvg --root minutes
""")


def register(app: typer.Typer) -> None:
    app.command("import", cls=Command, help=HELP)(import_)


def import_(
    files: Annotated[
        list[Path],
        typer.Argument(help=N_("The documents to import, or folders of them."), show_default=False),
    ],
    organ: Annotated[
        str | None,
        typer.Option(
            "--organ", help=N_("The organ's id in the registry (default: guessed from the header).")
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help=N_("Where to write the draft; '-' for standard output.")
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help=N_("The meeting date (YYYY-MM-DD) when the document does not give it.")
        ),
    ] = None,
    root: Annotated[
        Path | None,
        typer.Option("--root", help=N_("The repository (default: found from the current folder).")),
    ] = None,
    fmt: Annotated[
        ImportFormat,
        typer.Option("--format", help=N_("The closing table of an archive: text or json.")),
    ] = ImportFormat.text,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace an existing file."))] = False,
) -> None:
    from vvgctl.errors import UsageError
    from vvgctl.models.common import is_identifier

    for file in files:
        if not file.exists():
            raise UsageError(Message(N_("no such file: {file}"), {"file": file}))
    if organ is not None and not is_identifier(organ):
        raise UsageError(
            Message(N_("--organ {organ!r} is not an organ id"), {"organ": organ}),
            hint=N_("e.g. --organ vvg"),
        )
    day = None
    if date is not None:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            raise UsageError(
                Message(N_("--date {date!r} is not a date"), {"date": date}),
                hint=N_("write it as 2019-03-14"),
            ) from None
    if len(files) == 1 and not files[0].is_dir():
        _one(files[0], organ, output, day, root, force)
        return
    if output is not None:
        raise UsageError(
            N_("-o names one draft; an archive goes into the repository"),
            hint=N_("leave out -o, and give the repository with --root"),
        )
    _many(files, organ, day, root, force, fmt)


def _repository(root: Path | None, target: Path | None, organ: str | None) -> Any:
    """The repository whose registry the import uses: --root, else the one the draft is
    written into, else the one of the current folder (or its minutes/)."""
    from vvgctl.diagnostics import display_path
    from vvgctl.errors import UsageError, VvgError
    from vvgctl.repository.repo import Repository

    if root is not None:
        repository = Repository.open(root, required=False)
        if repository is None:
            raise UsageError(
                Message(N_("{root} is not a minutes repository"), {"root": display_path(root)}),
                hint=N_("give the folder that holds registry/"),
            )
    else:
        repository = None
        if target is not None:
            start = target.resolve().parent
            while not start.exists() and start != start.parent:
                start = start.parent
            repository = Repository.open(start, required=False)
        if repository is None:  # the working folder's repository, else ./minutes
            repository = Repository.open(required=False)
    registry = repository.registry if repository is not None else None
    if repository is not None and registry is not None and not registry.ok:
        raise VvgError(
            Message(
                N_("the registry in {value} has errors"), {"value": display_path(repository.root)}
            ),
            hint=N_("run `vvgctl check` and fix the registry first"),
        )
    if registry is not None and organ is not None and registry.organ(organ) is None:
        raise UsageError(
            Message(N_("unknown organ {organ!r}"), {"organ": organ}),
            hint=Message(N_("known organs: {organs}"), {"organs": ", ".join(registry.organ_ids())}),
        )
    return repository


def _one(
    file: Path,
    organ: str | None,
    output: str | None,
    day: dt.date | None,
    root: Path | None,
    force: bool,
) -> None:
    from vvgctl.diagnostics import display_path
    from vvgctl.errors import naming
    from vvgctl.importer.single import import_file, write_draft

    to_stdout = output == "-"
    target = Path(output) if output and not to_stdout else None
    repository = _repository(root, target, organ)
    result = import_file(
        file,
        organ=organ,
        registry=repository.registry if repository is not None else None,
        root=repository.root if repository is not None else None,
        date=day,
        target=target,
        into_root=output is None,
    )
    destination = result.target
    if destination is None:
        with naming(tr("standard output")):
            typer.echo(result.text, nl=False)
        shown = "<stdout>"
    else:
        write_draft(result.text, destination, force=force)
        shown = display_path(destination)
    _report(result, shown)
    raise typer.Exit(1 if result.problems else 0)


def _report(result: ImportResult, shown: str) -> None:
    """The unsure places and the problems of the draft at ``shown``, and a summary line."""
    from vvgctl.runtime.i18n import render

    for item in result.uncertain:
        typer.echo(
            render(
                Message(
                    N_("{place}: unsure: {message}"),
                    {"place": f"{shown}:{item.line}", "message": item.message},
                )
            ),
            err=True,
        )
    error = tr("error")
    for problem in result.problems:
        typer.echo(
            f"{shown}:{problem.line}:{problem.column}: {error} "
            f"{render(problem.message)} [{problem.code}]",
            err=True,
        )
    typer.echo(render(_summary(result, shown)), err=True)


def _summary(result: ImportResult, shown: str) -> Message:
    """'Draft written to …: 5 items, 2 paragraphs to review, …'."""
    counts = {
        "items": plural("{n} item", "{n} items", result.items),
        "review": plural(
            "{n} paragraph to review", "{n} paragraphs to review", result.review_pieces
        ),
        "local": plural(
            "{n} person outside the registry",
            "{n} people outside the registry",
            len(result.local_people),
        ),
        "probable": plural(
            "{n} probable match", "{n} probable matches", len(result.probable_matches)
        ),
        "uncertain": plural("{n} unsure place", "{n} unsure places", len(result.uncertain)),
    }
    if result.target is None:
        return Message(
            N_(
                "Draft written to standard output: {items}, {review}, {local} "
                "({probable}), {uncertain}."
            ),
            counts,
        )
    return Message(
        N_("Draft written to {path}: {items}, {review}, {local} ({probable}), {uncertain}."),
        {"path": shown, **counts},
    )


def _many(
    files: list[Path],
    organ: str | None,
    day: dt.date | None,
    root: Path | None,
    force: bool,
    fmt: ImportFormat,
) -> None:
    from vvgctl.cli.progress import bar
    from vvgctl.diagnostics import display_path
    from vvgctl.errors import UsageError
    from vvgctl.importer.batch import documents, import_many
    from vvgctl.runtime.i18n import render

    repository = _repository(root, None, organ)
    if repository is None:
        raise UsageError(
            N_("an archive is imported into a repository, and none was found"),
            hint=N_("pass --root with the repository's folder"),
        )
    found = documents(files)
    if not found:
        raise UsageError(
            Message(
                N_("no documents to import in {paths}"),
                {"paths": ", ".join(display_path(f) for f in files)},
            )
        )
    with bar(tr("Importing"), enabled=fmt is ImportFormat.text) as progress:
        outcomes = import_many(
            found,
            organ=organ,
            registry=repository.registry,
            root=repository.root,
            date=day,
            force=force,
            shown=display_path,
            progress=progress,
        )
    failed = [o for o in outcomes if o.status == "failed"]
    if fmt is ImportFormat.json:
        import json

        rows = [
            o.row()
            | {"file": display_path(o.path), "target": display_path(o.target) if o.target else None}
            for o in outcomes
        ]
        typer.echo(
            json.dumps({"files": rows, "total": _total(outcomes)}, ensure_ascii=False, indent=2)
        )
    else:
        _table(outcomes, display_path)
    for outcome in failed:
        typer.echo(
            tr("{file}: not imported: {reason}").format(
                file=display_path(outcome.path), reason=render(outcome.message)
            ),
            err=True,
        )
    raise typer.Exit(1 if failed else 0)


def _total(outcomes: list[Any]) -> dict[str, int]:
    return {
        "files": len(outcomes),
        "imported": sum(o.status == "imported" for o in outcomes),
        "skipped": sum(o.status == "skipped" for o in outcomes),
        "failed": sum(o.status == "failed" for o in outcomes),
        "items": sum(o.items for o in outcomes),
        "positions": sum(o.positions for o in outcomes),
        "outside_registry": sum(o.outside_registry for o in outcomes),
        "unsure": sum(o.unsure for o in outcomes),
    }


def _table(outcomes: list[Any], shown: Any) -> None:
    from vvgctl.cli.output import visible

    status = {
        "imported": tr("imported"),
        "skipped": tr("skipped (imported before)"),
        "failed": tr("failed"),
    }
    headers = [
        tr("File"),
        tr("Result"),
        tr("Items"),
        tr("Positions"),
        tr("Outside the registry"),
        tr("Unsure places"),
    ]
    rows = [
        [
            visible(shown(o.path)),
            status[o.status],
            str(o.items),
            str(o.positions),
            str(o.outside_registry),
            str(o.unsure),
        ]
        for o in outcomes
    ]
    total = _total(outcomes)
    rows.append(
        [
            tr("Total: {files} files").format(files=total["files"]),
            tr("{imported} imported, {skipped} skipped, {failed} failed").format(**total),
            str(total["items"]),
            str(total["positions"]),
            str(total["outside_registry"]),
            str(total["unsure"]),
        ]
    )
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, *rows]:
        typer.echo(
            "  ".join(
                cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i])
                for i, cell in enumerate(row)
            ).rstrip()
        )
