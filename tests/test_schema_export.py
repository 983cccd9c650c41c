"""The JSON Schema in schemas/ is derived from the models and kept fresh."""

from __future__ import annotations

import json
from pathlib import Path

from vvgctl.checking.schema_export import render, schema_models, stale_files, write_schemas

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def test_committed_schemas_are_fresh() -> None:
    assert stale_files(SCHEMAS) == [], "run `vvgctl schema` and commit schemas/"


def test_schema_has_swedish_titles_and_english_keys() -> None:
    from vvgctl.models import Meeting

    schema = json.loads(render(Meeting, "meeting.schema.json"))
    assert schema["$id"] == "urn:vvgctl:schema:meeting"
    assert schema["properties"]["place"]["title"] == "Plats"
    assert schema["properties"]["items"]["title"] == "Ärenden"
    assert "number" in schema["$defs"]["Item"]["properties"]
    assert schema["$defs"]["Item"]["additionalProperties"] is False


def test_stale_schema_is_detected(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    assert stale_files(tmp_path) == []
    first = next(iter(schema_models()))
    (tmp_path / first).write_text("{}", encoding="utf-8")
    assert stale_files(tmp_path) == [first]


def test_atomic_write_keeps_the_mode(tmp_path: Path) -> None:
    import os
    import stat

    from vvgctl.source.fileio import atomic_write

    new = tmp_path / "new.txt"
    atomic_write(new, "a")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    existing = tmp_path / "existing.txt"
    existing.write_text("x", encoding="utf-8")
    existing.chmod(0o640)
    atomic_write(existing, "y")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert existing.read_text(encoding="utf-8") == "y"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
