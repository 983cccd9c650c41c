"""The one manifest of an output folder: which file vvgctl made there, from what.

``vvgctl render`` (:mod:`vvgctl.render.output`, ``.vvgctl-render.json``) and ``vvgctl publish``
(:mod:`vvgctl.publish.manifest`, ``.vvgctl-manifest.json``) keep the same JSON in their
folder::

    {"format": 1, "outputs": {"<path in the folder>": "<key>"}, ...}

where a key is the fingerprint (:mod:`vvgctl.runtime.fingerprint`) of everything the file was
made from; publish adds what its aggregate pages need. A file the manifest lists is vvgctl's
(remade when its key changes); any other file in the folder is the user's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vvgctl.source.fileio import atomic_write_bytes

FORMAT = 1


def read_manifest(path: Path, *, flat: bool = False) -> dict[str, Any]:
    """The manifest at ``path`` with its ``outputs`` as ``{str: str}``; an empty one when it is
    missing, damaged or of another format. With ``flat`` a render manifest of the versions
    before (a plain ``{path: key}``) reads as its outputs, so that the files it lists stay
    vvgctl's (publish, which deletes what its manifest lists, never reads one so)."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = None
    if not isinstance(stored, dict):
        return {"outputs": {}}
    if "format" not in stored and flat:
        stored = {"format": FORMAT, "outputs": stored}
    if stored.get("format") != FORMAT:
        return {"outputs": {}}
    outputs = stored.get("outputs")
    stored["outputs"] = (
        {str(k): str(v) for k, v in outputs.items()} if isinstance(outputs, dict) else {}
    )
    return stored


def write_manifest(path: Path, outputs: dict[str, str], **more: object) -> None:
    """Write the manifest (its outputs sorted by path) atomically."""
    data = {"format": FORMAT, **more, "outputs": dict(sorted(outputs.items()))}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, (text + "\n").encode("utf-8"))
