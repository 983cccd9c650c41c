"""Writing rendered files: atomically, and never over a file vvgctl render did not make.

A manifest in the output folder (``.vvgctl-render.json``, the one manifest of
:mod:`vvgctl.source.outputs`) records, for each file it wrote, the content hash of everything
the file was made from. An output whose hash is unchanged is
skipped; a file in the folder that the manifest does not know is the user's, and is only
replaced with ``--force``.
"""

from __future__ import annotations

from pathlib import Path

from vvgctl.errors import VvgError, naming
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_
from vvgctl.source.outputs import read_manifest, write_manifest

MANIFEST = ".vvgctl-render.json"


class Manifest:
    """What this output folder holds and what each file was made from."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / MANIFEST
        self.entries: dict[str, str] = read_manifest(self.path, flat=True)["outputs"]

    def key(self, output: Path) -> str:
        return output.relative_to(self.folder).as_posix()

    def is_current(self, output: Path, digest: str) -> bool:
        return output.exists() and self.entries.get(self.key(output)) == digest

    def check_writable(self, output: Path, *, force: bool) -> None:
        if output.exists() and self.key(output) not in self.entries and not force:
            raise VvgError(
                Message(
                    N_("{output}: the file exists and was not made by `vvgctl render`"),
                    {"output": output},
                ),
                hint=N_("choose another folder with -o, or pass --force to replace it"),
            )

    def record(self, output: Path, digest: str) -> None:
        self.entries[self.key(output)] = digest

    def claim(self, outputs: list[Path]) -> None:
        """Note ``outputs`` as this command's before it writes them (an empty hash: not
        current), so that a run killed half-way leaves no file the next run takes for the
        user's."""
        for output in outputs:
            self.entries.setdefault(self.key(output), "")
        self.save()

    def release(self, output: Path) -> None:
        """Forget a claimed output that was not written (its render failed)."""
        if not output.exists() and self.entries.get(self.key(output)) == "":
            del self.entries[self.key(output)]

    def save(self) -> None:
        with naming(self.path):
            write_manifest(self.path, self.entries)
