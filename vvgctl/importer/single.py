"""Import a single document: read it, import it with its digest recorded, write the draft.

An archive goes through :mod:`vvgctl.importer.batch`; this is the one document that
``vvgctl import FILE`` names, whose draft may go anywhere (``-o``) or to standard output.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vvgctl.diagnostics import display_path
from vvgctl.errors import UsageError, naming
from vvgctl.importer.batch import digest
from vvgctl.importer.convert import read_source
from vvgctl.importer.minutes import ImportResult, import_text
from vvgctl.message import Message
from vvgctl.repository.registry import RegistryIndex
from vvgctl.runtime.i18n import N_
from vvgctl.source.fileio import atomic_write


def import_file(
    path: Path,
    *,
    organ: str | None,
    registry: RegistryIndex | None,
    root: Path | None,
    date: dt.date | None,
    target: Path | None,
    into_root: bool,
) -> ImportResult:
    """The draft of the document at ``path`` (not yet written), which records the file's
    name and SHA-256; ``target`` and ``into_root`` as for :func:`import_text`."""
    text, read_notes = read_source(path)
    return import_text(
        text,
        organ=organ,
        registry=registry,
        root=root,
        date=date,
        source=display_path(path),
        target=target,
        into_root=into_root,
        notes=read_notes,
        imported_from={"name": path.name, "sha256": digest(path)},
    )


def write_draft(text: str, destination: Path, *, force: bool) -> None:
    """Write the draft to ``destination``; an existing file only with ``force``."""
    if destination.exists() and not force:
        raise UsageError(
            Message(N_("{destination} already exists"), {"destination": display_path(destination)}),
            hint=N_("pass --force to replace it, or -o to write elsewhere"),
        )
    with naming(destination):
        atomic_write(destination, text)
