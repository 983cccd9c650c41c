"""``vvgctl review``: what a pull request changes in the minutes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vvgctl.cli.formats import ReviewFormat
from vvgctl.cli.localised import Command
from vvgctl.message import Message, plural
from vvgctl.runtime.i18n import N_, render
from vvgctl.runtime.i18n import _ as tr

DEFAULT_HELP = N_("The minutes folder (default: the repository you stand in, else ./minutes).")

HELP = N_("""\
Say what a change does to the minutes, against a git revision (a pull request's base): first
the files that do not load (with their line and a hint), then meetings added, removed and
changed, status moves, items whose title or prose changed (the paragraphs added and removed),
people added to or removed from the roster, the invited and the attendance, positions
(ställningstaganden) added, changed (old text → new text) and removed, actions opened and
closed, and the verdicts of approval-flow and frozen-record.

--format md writes Markdown for the pull request's job summary ($GITHUB_STEP_SUMMARY) or a
merge request note; json is stable for scripts ("format": "vvgctl.review/1"). --preview DIR
renders the changed meetings there as PDF and HTML, drafts included and marked as drafts,
for reviewers to read. Exit 0 when the change has no errors, 1 when a file does not load, a
verdict is an error or a file of the preview could not be made (each is named; the review is
written all the same), 2 for a wrong call.

Examples:

    vvgctl review minutes --base origin/main
    vvgctl review minutes --base origin/main --format md >> "$GITHUB_STEP_SUMMARY"
    vvgctl review minutes --base HEAD~1 --format json | jq '.meetings[].positions'
    vvgctl review minutes --base origin/main --preview build/forhandsvisning
""")


def register(app: typer.Typer) -> None:
    app.command("review", cls=Command, help=HELP)(review)


def review(
    root: Annotated[Path | None, typer.Argument(help=DEFAULT_HELP, show_default=False)] = None,
    base: Annotated[
        str,
        typer.Option(
            "--base",
            help=N_("The git revision to compare with, e.g. origin/main."),
            show_default=False,
        ),
    ] = "HEAD",
    format: Annotated[
        ReviewFormat, typer.Option("--format", "-f", help=N_("text, md or json."))
    ] = ReviewFormat.text,
    preview: Annotated[
        Path | None,
        typer.Option(
            "--preview",
            help=N_("Render the changed meetings (PDF and HTML) into this folder."),
            show_default=False,
        ),
    ] = None,
) -> None:
    import json
    import sys

    from vvgctl.cli import output
    from vvgctl.cycle import review_report
    from vvgctl.cycle.review import changed_meeting_files
    from vvgctl.cycle.review import review as make_review
    from vvgctl.repository.repo import Repository

    repository = Repository.open(*([root] if root is not None else []))
    result = make_review(repository, base)
    if format is ReviewFormat.json:
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
    elif format is ReviewFormat.md:
        sys.stdout.write(review_report.markdown(result))
    else:
        sys.stdout.write(review_report.text(result))  # inert: values on one line each
    if preview is not None:
        from vvgctl.cycle.preview import render_preview

        written, failed = render_preview(changed_meeting_files(result), preview)
        shown = Message(
            N_("preview: {written} in {preview}"),
            {"written": plural("{n} file", "{n} files", written), "preview": preview},
        )
        if failed:
            shown = Message(
                N_("{shown}, {failed}"),
                {"shown": shown, "failed": plural("{n} failed", "{n} failed", len(failed))},
            )
        output.note(render(shown))
        for problem in failed:
            output.note(problem, label=tr("error"), style="red")
        if failed:  # reviewers would miss what they were promised: CI shows the step failed
            raise typer.Exit(1)
    if result.errors:
        raise typer.Exit(1)
