"""``vvgctl check``: validate meeting files and the repository's data files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from vvgctl.cli.formats import OutputFormat
from vvgctl.cli.localised import Command
from vvgctl.message import Message, plural
from vvgctl.runtime.i18n import N_, render
from vvgctl.runtime.i18n import _ as tr

if TYPE_CHECKING:
    from vvgctl.checking.whole_run import Outcome, Run

HELP = N_("""\
Validate minutes against the schema and the repository's rules.

Every finding names the file, line and column of the YAML node at fault, says what was
expected and how to fix it. Exit code 0 when clean, 1 when there are errors (or warnings with
--strict), 2 for a wrong call, 3 for a fault in vvgctl itself (please report it).

With --base REV (a git revision, e.g. origin/main in a pull request) it also checks what the
change does: a record becomes approved only from review, with an approval the approving
meeting's minutes confirm (approval-flow), and minutes approved at REV change only through a
correction that meeting approved (frozen-record).

Examples:

    vvgctl check minutes
    vvgctl check minutes/vvg/2025/2025-10-22.md
    vvgctl check minutes --format github     # annotations in a pull request
    vvgctl check minutes --format gitlab > kontroll.json   # GitLab Code Quality
    vvgctl check minutes --format json | jq '.summary'
    vvgctl check minutes --base origin/main  # approved minutes stay as approved
""")


def register(app: typer.Typer) -> None:
    app.command("check", cls=Command, help=HELP)(check)


def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help=N_(
                "Meeting files or folders (default: the repository you stand in, else ./minutes)."
            ),
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help=N_(
                "text for people, json for scripts, github for Actions "
                "annotations, gitlab for a Code Quality report."
            ),
        ),
    ] = OutputFormat.text,
    strict: Annotated[bool, typer.Option(help=N_("Treat warnings as errors."))] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help=N_("Re-read every file."))] = False,
    content_hash: Annotated[
        bool,
        typer.Option(
            "--content-hash",
            help=N_(
                "Use a cached result only when the file's SHA-256 is unchanged, "
                "not only its size and modification time (for CI, where a checkout may keep both)."
            ),
        ),
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help=N_("Worker processes (0: one per core)."))
    ] = 0,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            help=N_(
                "A git revision: check the approvals made since (approval-flow) and "
                "that minutes approved there changed only by approved corrections (frozen-record)."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    from vvgctl.checking import whole_run

    targets = paths or [_default_root()]
    # the whole run's stored outcome: not with --base (it reads git) nor --content-hash
    run = None if no_cache or content_hash or base is not None else whole_run.run_of(targets)
    outcome = whole_run.lookup(run) if run is not None else None
    if outcome is None:
        outcome = _run(
            targets, run, format, use_cache=not no_cache, jobs=jobs, base=base, hashed=content_hash
        )
    _report(outcome, format)
    raise typer.Exit(outcome.exit_code(strict))


def _run(
    targets: list[Path],
    run: Run | None,
    format: OutputFormat,
    *,
    use_cache: bool,
    jobs: int,
    base: str | None,
    hashed: bool,
) -> Outcome:
    """The normal path: check the repository (and keep the outcome for ``run``)."""
    from vvgctl.checking import whole_run
    from vvgctl.checking.catalogue import registered_kinds
    from vvgctl.checking.check import run_check
    from vvgctl.cli.progress import bar

    patterns = [kind.pattern for kind in registered_kinds()]
    key = whole_run.key_of(run, patterns) if run is not None else None  # before anything is read
    with bar(tr("Checking"), enabled=format is OutputFormat.text) as progress:
        report = run_check(
            targets,
            use_cache=use_cache,
            jobs=jobs,
            progress=progress,
            base=base,
            verify_contents=hashed,
        )
    if run is not None and key is not None:
        # the next run takes every meeting's result from the cache
        stored = replace(report.outcome(), cached=report.total)
        whole_run.store(run, key, patterns, stored)
    return report.outcome()


def _report(outcome: Outcome, format: OutputFormat) -> None:
    from vvgctl.cli import output, reporters
    from vvgctl.diagnostics import Severity

    errors = outcome.count(Severity.ERROR)
    warnings = outcome.count(Severity.WARNING)
    summary = {
        "files": outcome.files,
        "meetings": outcome.meetings,
        "errors": errors,
        "warnings": warnings,
        "cached": outcome.cached,
    }
    if format is OutputFormat.json:
        reporters.as_json(outcome.diagnostics, summary)
    elif format is OutputFormat.github:
        reporters.github(outcome.diagnostics)
    elif format is OutputFormat.gitlab:
        reporters.gitlab(outcome.diagnostics)
    else:
        err = output.stderr()
        reporters.text(outcome.diagnostics, err)
        verdict = (
            f"[green]{tr('no errors')}[/]"
            if not errors
            else "[red]" + render(plural("{n} error", "{n} errors", errors)) + "[/]"
        )
        err.print(
            render(
                Message(
                    N_("{files}, {meetings} checked: {verdict}, {warnings}"),
                    {
                        "files": plural("{n} file", "{n} files", outcome.files),
                        "meetings": plural("{n} meeting", "{n} meetings", outcome.meetings),
                        "verdict": verdict,
                        "warnings": plural("{n} warning", "{n} warnings", warnings),
                    },
                )
            )
        )


def _default_root() -> Path:
    """The repository the user stands in (imported only when no path is given: a warm check
    with paths imports nothing more)."""
    from vvgctl.repository.default import default_root

    return default_root()
