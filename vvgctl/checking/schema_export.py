"""JSON Schema exported from the models: one file per kind of file in the repository."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from vvgctl.checking.catalogue import registered_kinds
from vvgctl.models import Meeting
from vvgctl.repository.registry import OrgansFile, PeopleFile
from vvgctl.source.fileio import atomic_write

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


def schema_models() -> dict[str, type[BaseModel]]:
    """File name -> the model whose schema it holds."""
    models: dict[str, type[BaseModel]] = {
        "meeting.schema.json": Meeting,
        "organs.schema.json": OrgansFile,
        "people.schema.json": PeopleFile,
    }
    for kind in registered_kinds():
        models[f"{kind.name}.schema.json"] = kind.model
    return models


def schema_id(name: str) -> str:
    """The schema's ``$id``: a URN that names it wherever the file is kept."""
    return "urn:vvgctl:schema:" + name.removesuffix(".schema.json")


def render(model: type[BaseModel], name: str) -> str:
    schema: dict[str, Any] = {"$schema": SCHEMA_URL, "$id": schema_id(name)}
    schema.update(model.model_json_schema())
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in schema_models().items():
        target = out / name
        atomic_write(target, render(model, name))
        written.append(target)
    return written


def stale_files(out: Path) -> list[str]:
    stale = []
    for name, model in schema_models().items():
        target = out / name
        try:
            current = target.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != render(model, name):
            stale.append(name)
    return stale
