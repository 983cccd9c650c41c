"""``vvgctl publish``: the static site of approved minutes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vvgctl.cli.localised import Command
from vvgctl.message import Message, plural
from vvgctl.runtime.i18n import N_, render
from vvgctl.runtime.i18n import _ as tr

DEFAULT_HELP = N_("The minutes folder (default: the repository you stand in, else ./minutes).")

HELP = N_("""\
Publish the approved minutes as a static site: an index by organ and year, a page and a PDF
per meeting, the register of positions, a page per case, the årshjul with the schedules as
.ics, an Atom feed and a sitemap. Only minutes with `status: approved` are published; planned,
draft and in-review records never reach the output folder.

The build is incremental: a manifest in the output folder records what each file was made
from, and a rebuild writes only what changed. Links are relative, so the folder works from any
static host and straight from the disk (file://).

Examples:

    vvgctl publish --out build/site
    vvgctl publish minutes --out build/site --base-url https://example.org/protokoll/
    python -m http.server -d build/site     # look at it on http://127.0.0.1:8000
""")


def register(app: typer.Typer) -> None:
    app.command("publish", cls=Command, help=HELP)(publish)


def publish(
    path: Annotated[
        Path | None,
        typer.Argument(help=DEFAULT_HELP, show_default=False),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help=N_("The site's folder."))] = Path(
        "build/site"
    ),
    base_url: Annotated[
        str,
        typer.Option(
            "--base-url", help=N_("The site's public address, for the sitemap and the feed.")
        ),
    ] = "",
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=N_(
                "Publish into a folder that holds other files: they are kept, and "
                "one where the site goes is refused unless vvgctl published it."
            ),
        ),
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help=N_("Worker processes (0: one per core)."))
    ] = 0,
) -> None:
    from rich.markup import escape

    from vvgctl.cli import output
    from vvgctl.cli.progress import phases
    from vvgctl.errors import UsageError, naming
    from vvgctl.publish.site import publish as run_publish
    from vvgctl.repository.default import default_root
    from vvgctl.repository.repo import Repository

    if path is None:
        path = default_root()
    if not path.exists():
        raise UsageError(
            Message(N_("{path}: no such folder"), {"path": path}),
            hint=N_("give the minutes folder, e.g. `vvgctl publish minutes --out build/site`"),
        )
    repository = Repository.open(path, required=False)
    if repository is None:
        raise UsageError(
            Message(
                N_("{path}: no minutes repository here (a folder with registry/)"), {"path": path}
            ),
            hint=N_("give the minutes folder, e.g. `vvgctl publish minutes`"),
        )
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    err = output.stderr()
    with phases() as progress, naming(out):  # a write that names no file: the site's folder
        report = run_publish(
            repository, out, base_url=base_url, force=force, jobs=jobs, progress=progress
        )
    from vvgctl.cli import reporters

    reporters.text(report.problems, err)
    for warning in report.warnings:
        err.print(f"[yellow]{tr('note:')}[/] {escape(output.visible(warning))}")
    err.print(
        render(
            Message(
                N_("{published} published in {out} ({unpublished} skipped): {written}, {removed}"),
                {
                    "published": plural(
                        "{n} approved meeting", "{n} approved meetings", report.published
                    ),
                    "out": out,
                    "unpublished": plural("{n} unpublished", "{n} unpublished", report.unpublished),
                    "written": plural("{n} file written", "{n} files written", len(report.written)),
                    "removed": plural("{n} removed", "{n} removed", len(report.removed)),
                },
            )
        )
    )
    raise typer.Exit(report.exit_code)
