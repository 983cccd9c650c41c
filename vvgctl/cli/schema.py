"""``vvgctl schema``: write the JSON Schema of every file kind into schemas/."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vvgctl.cli.localised import Command
from vvgctl.runtime.i18n import N_

HELP = N_("""\
Write the JSON Schema exported from the pydantic models into a folder (default: schemas/).

Editors (VS Code with the YAML extension) use it to complete and explain fields in Swedish.
--check exits 1 without writing when the files on disk are stale (for CI).

Examples:

    vvgctl schema
    vvgctl schema --check
""")


def register(app: typer.Typer) -> None:
    app.command("schema", cls=Command, help=HELP)(schema)


def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help=N_("Folder to write into."))] = Path(
        "schemas"
    ),
    check: Annotated[bool, typer.Option("--check", help=N_("Only report stale files."))] = False,
) -> None:
    from vvgctl.checking.schema_export import stale_files, write_schemas
    from vvgctl.cli import output

    if check:
        stale = stale_files(out)
        for name in stale:
            output.stderr().print(f"{out / name}: stale; run `vvgctl schema`")
        raise typer.Exit(1 if stale else 0)
    for path in write_schemas(out):
        output.stderr().print(f"wrote {path}")
