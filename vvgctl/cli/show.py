"""``vvgctl show``: one validated meeting, as JSON for scripts or as a short text."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from vvgctl.cli.formats import ShowFormat
from vvgctl.cli.localised import Command
from vvgctl.runtime.cache import (
    code_fingerprint,
    file_identity,
    library_versions,
    read_entry,
    write_entry,
)
from vvgctl.runtime.fingerprint import digest
from vvgctl.runtime.i18n import N_, language

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
    from vvgctl.cli import output

    slot, key = _entry(path, format)
    shown = _stored(slot, key, format)
    if shown is None:
        shown = _read(path, format)
        if key is not None and json.loads(json.dumps(shown)) == shown:
            write_entry(slot, key, shown)
    if isinstance(shown, dict):
        output.print_json(shown)
    else:
        output.stdout().print(output.inert(shown), markup=False)


def _entry(path: Path, format: ShowFormat) -> tuple[str, str | None]:
    """Where what ``show`` prints of ``path`` is kept (one for each format and language: the
    file last shown), and the key it is kept under: vvgctl's code and libraries, the file and
    its identity (None when the file cannot be looked at: then nothing is kept)."""
    real = os.path.realpath(path)
    slot = "\0".join(("show", format.value, language()))
    try:
        found = os.stat(real)
    except OSError:
        return slot, None
    where = os.path.abspath(path)  # (a link to the file is read by other rules than the file)
    return slot, digest(code_fingerprint(), *library_versions(), where, real, file_identity(found))


def _stored(slot: str, key: str | None, format: ShowFormat) -> dict[str, Any] | str | None:
    """What an earlier ``show`` printed of the same file if nothing it read has changed."""
    entry = read_entry(slot) if key is not None else None
    if entry is None or entry[0] != key:
        return None
    value = entry[1]
    wanted = dict if format is ShowFormat.json else str
    return value if isinstance(value, wanted) else None


def _read(path: Path, format: ShowFormat) -> dict[str, Any] | str:
    """The meeting parsed and validated: its export (JSON) or its description (text); an
    invalid file's findings end the command."""
    from vvgctl.cli import output, reporters
    from vvgctl.diagnostics import display_path
    from vvgctl.models.export import meeting_to_json
    from vvgctl.repository.repo import Repository
    from vvgctl.source.loading import load_meeting

    # (read through the repository it stands in, which never reads a link that ends outside)
    repository = Repository.open(path.absolute().parent, required=False)
    loaded = repository.load(path) if repository else load_meeting(path, display_path(path))
    if loaded.model is None:
        reporters.text(loaded.diagnostics, output.stderr())
        output.stderr().print("The file is not valid; fix the errors above (vvgctl check).")
        raise typer.Exit(1)
    if format is ShowFormat.json:
        return meeting_to_json(loaded.model)
    from vvgctl.query.summary import describe_meeting

    return describe_meeting(loaded.model)
