"""Turn pydantic's ValidationError into diagnostics that point at the YAML node at fault."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from vvgctl.diagnostics import Diagnostic, Severity, format_field
from vvgctl.runtime.i18n import N_
from vvgctl.source.yaml import Path_, Positions


def _data_path(loc: tuple[Any, ...], data: Any) -> Path_:
    """Keep only the steps of a pydantic ``loc`` that exist in the data (drops union tags)."""
    path: list[str | int] = []
    current = data
    for step in loc:
        in_list = isinstance(step, int) and isinstance(current, list) and 0 <= step < len(current)
        in_dict = isinstance(step, str) and isinstance(current, dict) and step in current
        if in_list or in_dict:
            path.append(step)
            current = current[step]
        elif isinstance(step, str) and isinstance(current, dict):
            # a missing or unexpected key: keep it so that it is named, then stop
            path.append(step)
            break
    return tuple(path)


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation can hold (through Optional, list, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, tuple, set, typing.Union, types.UnionType):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            found += _unwrap(arg)
        return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _models_at(model: type[BaseModel], path: Path_) -> list[type[BaseModel]]:
    """The model classes the mapping at ``path`` of a document of ``model`` can be (list
    indices are passed over)."""
    classes: list[type[BaseModel]] = [model]
    for step in path:
        if isinstance(step, int):
            continue
        nxt: list[type[BaseModel]] = []
        for cls in classes:
            info = cls.model_fields.get(step)
            if info is not None:
                nxt += _unwrap(info.annotation)
        classes = nxt
        if not classes:
            break
    return classes


def fields_at(model: type[BaseModel], path: Path_) -> list[str]:
    """The field names allowed in the mapping at ``path`` of a document of ``model``."""
    classes = _models_at(model, path)
    names: list[str] = []
    for cls in classes:
        names += [n for n in cls.model_fields if n not in names]
    return names


def _suggest(word: str, choices: list[str]) -> str | None:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return match[0] if match else None


def diagnostics_from(exc: ValidationError, data: Any, positions: Positions, path: str,
                     model: type[BaseModel], line_offset: int = 0) -> list[Diagnostic]:
    """One diagnostic per pydantic error, located at the node (or key) it concerns."""
    found: list[Diagnostic] = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        data_path = _data_path(loc, data)
        kind = error["type"]
        message = error["msg"]
        hint: str | None = None
        if kind == "missing":
            parent = data_path[:-1]
            where = positions.of_value(parent)
            name = data_path[-1] if data_path else "?"
            message = N_("missing required field '{name}'").format(name=name)
            hint = f"add '{name}:' here"
        elif kind == "extra_forbidden":
            where = positions.of_key(data_path)
            name = str(data_path[-1]) if data_path else "?"
            allowed = fields_at(model, data_path[:-1])
            guess = _suggest(name, allowed)
            message = f"unknown field '{name}'"
            hint = (N_("did you mean '{guess}'?").format(guess=guess) if guess
                    else "allowed here: " + ", ".join(allowed) if allowed else None)
        else:
            where = positions.of_value(data_path)
            if kind in _TYPE_MESSAGES:
                message, hint = _TYPE_MESSAGES[kind]
            elif kind == "value_error":
                message = message.removeprefix("Value error, ")
            if kind == "enum" and isinstance(error.get("input"), str):
                expected = str(error.get("ctx", {}).get("expected", ""))
                choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",")]
                guess = _suggest(error["input"], [c for c in choices if c])
                message = N_("{error!r} is not allowed; expected {expected}").format(
                             error=error['input'],
                             expected=expected)
                hint = N_("did you mean '{guess}'?").format(guess=guess) if guess else None
            elif kind == "string_pattern_mismatch":
                message = N_("{get!r} does not have the expected form").format(
                             get=error.get('input'))
                info = _field_description(model, data_path)
                hint = info
            elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
                message = N_("{get!r} is not a date").format(get=error.get('input'))
                hint = N_("write dates as YYYY-MM-DD, e.g. 2025-10-22")
        line, column = where or (1, 1)
        found.append(Diagnostic(
            path=path, line=line + line_offset, column=column, severity=Severity.ERROR,
            code="schema", message=message, hint=hint, field=format_field(data_path) or None,
        ))
    return found


_TYPE_MESSAGES: dict[str, tuple[str, str | None]] = {
    "list_type": ("expected a list", N_("write one entry per line, each starting with '- '")),
    "dict_type": (N_("expected a mapping of fields"), N_("write 'key: value' lines, indented")),
    "model_type": (N_("expected a mapping of fields"), N_("write 'key: value' lines, indented")),
    "model_attributes_type": (N_("expected a mapping of fields"),
                              N_("write 'key: value' lines, indented")),
    "string_type": ("expected text", N_("write the value as text (quote it if needed)")),
    "int_parsing": (N_("expected a whole number"), None),
    "int_type": (N_("expected a whole number"), None),
    "bool_parsing": (N_("expected true or false"), None),
    "bool_type": (N_("expected true or false"), None),
    "string_too_short": (N_("the text is empty or too short"), None),
    "too_short": (N_("the list is empty"), N_("add at least one entry")),
    "greater_than_equal": (N_("the number is too small"), None),
    "less_than_equal": (N_("the number is too large"), None),
}


def _field_description(model: type[BaseModel], path: Path_) -> str | None:
    names = [s for s in path if isinstance(s, str)]
    if not names:
        return None
    for cls in _models_at(model, tuple(names[:-1])):
        info = cls.model_fields.get(names[-1])
        if info is not None:
            meta_desc = [getattr(m, "description", None) for m in info.metadata]
            desc = info.description or next((d for d in meta_desc if d), None)
            if desc:
                return desc
    return None
