"""``vvgctl init``: start a minutes repository for an organ."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vvgctl.cli.localised import Command
from vvgctl.runtime.i18n import N_

HELP = N_("""\
Start a minutes repository for an organ: its registry and site settings, the schedule and
årshjul of the year of its next meeting (next year in December), a README that walks the
administrator through the year, JSON Schemas with editor wiring, pre-commit, and CI for
GitHub and GitLab (check, review and preview on pull requests; publishing from main).

CI and pre-commit install vvgctl by an exact reference: by default the source repository at
the commit this vvgctl was installed from, when its package metadata records them; else
what --package says (a wheel file kept in the repository, a wheel URL with its #sha256= or
"vvgctl @ git+https://…@<commit>"). The folder must be new or empty (an empty git
repository is fine); nothing is ever overwritten. Git is initialised when the folder is not
a repository yet.

Examples:

    vvgctl init sro-protokoll --organ sro --package wheels/vvgctl-0.1.0-py3-none-any.whl
    vvgctl init . --organ styrgrupp-hos --name "Styrgrupp för hälso- och sjukvård"
""")


def register(app: typer.Typer) -> None:
    app.command("init", cls=Command, help=HELP)(init)


def init(
    folder: Annotated[Path, typer.Argument(help=N_("The new repository's folder."))],
    organ: Annotated[
        str, typer.Option("--organ", "-o", help=N_("The organ's id, e.g. sro."), show_default=False)
    ],
    name: Annotated[
        str | None, typer.Option(help=N_("The organ's name, e.g. Samrådsorganet."))
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            min=2000,
            max=2100,
            help=N_(
                "The year of the first "
                "schedule and plan (default: the year of the "
                "next meeting: next year in December)."
            ),
        ),
    ] = None,
    package: Annotated[
        str | None,
        typer.Option(
            help=N_(
                "What CI and pre-commit install (default: vvgctl's source repository at "
                "the commit it was installed from, when its metadata says)."
            )
        ),
    ] = None,
) -> None:
    from vvgctl.cli import output
    from vvgctl.cycle.init import init_repository
    from vvgctl.message import plural
    from vvgctl.runtime.i18n import _ as tr
    from vvgctl.runtime.i18n import render

    created = init_repository(folder, organ, name, year=year, package=package)
    err = output.stderr()
    made = (
        plural(
            "Created {n} file in {root} (git initialised)",
            "Created {n} files in {root} (git initialised)",
            len(created.files),
            {"root": created.root},
        )
        if created.git
        else plural(
            "Created {n} file in {root}",
            "Created {n} files in {root}",
            len(created.files),
            {"root": created.root},
        )
    )
    err.print(render(made), markup=False)
    for note in created.notes:
        err.print(f"{tr('note:')} {render(note)}", markup=False)
    err.print(
        tr(
            "Next: fill in the members in minutes/registry/organs.yaml and the year's "
            "meeting times, run `vvgctl check minutes`, and follow README.md through the "
            "year."
        ),
        markup=False,
    )
