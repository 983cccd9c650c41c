"""Turn pydantic's ValidationError into diagnostics that point at the YAML node at fault."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from vvgctl.diagnostics import Diagnostic, Severity, format_field
from vvgctl.message import Message
from vvgctl.models.documents import DOCUMENT_STATUS_LABELS, DOCUMENT_TYPE_LABELS
from vvgctl.models.item import DECISION_TYPE_LABELS, ITEM_KIND_LABELS
from vvgctl.models.meeting import MODE_LABELS, STATUS_LABELS
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


def diagnostics_from(
    exc: ValidationError,
    data: Any,
    positions: Positions,
    path: str,
    model: type[BaseModel],
    line_offset: int = 0,
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, located at the node (or key) it concerns; its
    message made from the error's ``type`` and ``ctx`` (never from pydantic's English)."""
    found: list[Diagnostic] = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        data_path = _data_path(loc, data)
        kind = error["type"]
        ctx: dict[str, Any] = dict(error.get("ctx") or {})
        message: Message = _pydantic_message(kind, ctx, error["msg"])
        hint: Message | None = None
        if kind == "missing":
            parent = data_path[:-1]
            where = positions.of_value(parent)
            name = data_path[-1] if data_path else "?"
            message = Message(N_("missing required field '{name}'"), {"name": name})
            hint = Message(N_("add '{name}:' here"), {"name": name})
        elif kind == "extra_forbidden":
            where = positions.of_key(data_path)
            name = str(data_path[-1]) if data_path else "?"
            allowed = fields_at(model, data_path[:-1])
            guess = _suggest(name, allowed)
            message = Message(N_("unknown field '{name}'"), {"name": name})
            hint = (
                Message(N_("did you mean '{guess}'?"), {"guess": guess})
                if guess
                else Message(N_("allowed here: {fields}"), {"fields": ", ".join(allowed)})
                if allowed
                else None
            )
        else:
            where = positions.of_value(data_path)
            message, hint = _typed(kind, ctx, error.get("input"), model, data_path, message)
        line, column = where or (1, 1)
        found.append(
            Diagnostic(
                path=path,
                line=line + line_offset,
                column=column,
                severity=Severity.ERROR,
                code="schema",
                message=message,
                hint=hint,
                field=format_field(data_path) or None,
            )
        )
    return found


def _typed(
    kind: str,
    ctx: dict[str, Any],
    given: Any,
    model: type[BaseModel],
    data_path: Path_,
    message: Message,
) -> tuple[Message, Message | None]:
    """The message and hint for an error about a value (not a missing or unknown key)."""
    if kind in _TYPE_MESSAGES:
        text, hint_text = _TYPE_MESSAGES[kind]
        return Message(text), None if hint_text is None else Message(hint_text)
    if kind == "value_error":
        return _raised(ctx.get("error"), message), None
    if kind == "string_too_long":
        return Message(
            N_("the text is too long: at most {max_length} characters"),
            {"max_length": ctx.get("max_length", "?")},
        ), None
    if kind in ("enum", "literal_error") and isinstance(given, str):
        expected = str(ctx.get("expected", ""))
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",")]
        choices = [c for c in choices if c]
        guess = _suggest(given, choices)
        return (
            _not_allowed(given, choices),
            Message(N_("did you mean {guess}?"), {"guess": _choice(guess, choices)})
            if guess
            else None,
        )
    if kind == "string_pattern_mismatch":
        info = _field_description(model, data_path)
        return (
            Message(N_("{given!r} does not have the expected form"), {"given": given}),
            None if info is None else Message(info),
        )
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return (
            Message(N_("{given!r} is not a date"), {"given": given}),
            Message(N_("write dates as YYYY-MM-DD, e.g. 2025-10-22")),
        )
    return message, None


def _raised(cause: Any, fallback: Message) -> Message:
    """The message a model's validator raised (a :class:`Message`, or a constant text)."""
    first = cause.args[0] if isinstance(cause, Exception) and cause.args else None
    if isinstance(first, Message):
        return first
    return Message(str(first)) if isinstance(first, str) else fallback


def _pydantic_message(kind: str, ctx: dict[str, Any], english: str) -> Message:
    """pydantic's message for an error type as a value: its template (the catalog has it) with
    the error's context; pydantic's English text only for a type the list does not know."""
    template = PYDANTIC_MESSAGES.get(kind)
    if template is None:
        return Message(english)
    return Message(template, {k: str(v) for k, v in ctx.items()})


_TYPE_MESSAGES: dict[str, tuple[str, str | None]] = {
    "list_type": (N_("expected a list"), N_("write one entry per line, each starting with '- '")),
    "dict_type": (N_("expected a mapping of fields"), N_("write 'key: value' lines, indented")),
    "model_type": (N_("expected a mapping of fields"), N_("write 'key: value' lines, indented")),
    "model_attributes_type": (
        N_("expected a mapping of fields"),
        N_("write 'key: value' lines, indented"),
    ),
    "string_type": (N_("expected text"), N_("write the value as text (quote it if needed)")),
    "int_parsing": (N_("expected a whole number"), None),
    "int_type": (N_("expected a whole number"), None),
    "bool_parsing": (N_("expected true or false"), None),
    "bool_type": (N_("expected true or false"), None),
    "string_too_short": (N_("the text is empty or too short"), None),
    "too_short": (N_("the list is empty"), N_("add at least one entry")),
    "greater_than_equal": (N_("the number is too small"), None),
    "less_than_equal": (N_("the number is too large"), None),
}


def _labels() -> list[dict[str, str]]:
    """The Swedish words of the models' codes (a status, a kind, a position's type), per enum."""
    maps: list[dict[Any, str]] = [
        STATUS_LABELS,
        MODE_LABELS,
        ITEM_KIND_LABELS,
        DECISION_TYPE_LABELS,
        DOCUMENT_TYPE_LABELS,
        DOCUMENT_STATUS_LABELS,
    ]
    return [{getattr(k, "value", k): v for k, v in m.items()} for m in maps]


def _choice(key: str, choices: list[str]) -> Message:
    """One allowed value as people read it: in English the key (``'endorsed'``), in Swedish
    the minutes' word with the key to type (``ställer sig bakom (endorsed)``).

    The English template gives the label a width of nothing (``{label:.0}``): the English is
    the key alone, the Swedish translation places the label before it."""
    for labels in _labels():
        if set(choices) <= set(labels) and key in labels:
            word = labels[key]
            return Message(
                N_("'{key}'{label:.0}"), {"key": key, "label": word[:1].lower() + word[1:]}
            )
    return Message(N_("'{key}'"), {"key": key})


def _not_allowed(value: str, choices: list[str]) -> Message:
    """The message for a value outside an enum or a literal, one whole sentence per form."""
    shown = [_choice(c, choices) for c in choices]
    if len(shown) > 1:
        return Message(
            N_("{value!r} is not allowed; expected {choices} or {last}"),
            {"value": value, "choices": tuple(shown[:-1]), "last": shown[-1]},
        )
    return Message(
        N_("{value!r} is not allowed; expected {choice}"),
        {"value": value, "choice": shown[0] if shown else "?"},
    )


#: pydantic's own templates (word for word) for the error types the branches above do not word
#: themselves: the diagnostic holds the template and the error's ``ctx`` as a Message, the
#: catalog translates it where it is shown; tests compare them with pydantic_core's
PYDANTIC_MESSAGES = {
    "missing": N_("Field required"),
    "extra_forbidden": N_("Extra inputs are not permitted"),
    "string_type": N_("Input should be a valid string"),
    "int_type": N_("Input should be a valid integer"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "float_type": N_("Input should be a valid number"),
    "float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    "bool_type": N_("Input should be a valid boolean"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "list_type": N_("Input should be a valid list"),
    "dict_type": N_("Input should be a valid dictionary"),
    "date_type": N_("Input should be a valid date"),
    "date_parsing": N_("Input should be a valid date in the format YYYY-MM-DD, {error}"),
    "date_from_datetime_parsing": N_("Input should be a valid date or datetime, {error}"),
    "time_type": N_("Input should be a valid time"),
    "time_parsing": N_("Input should be in a valid time format, {error}"),
    "datetime_type": N_("Input should be a valid datetime"),
    "datetime_parsing": N_("Input should be a valid datetime, {error}"),
    "literal_error": N_("Input should be {expected}"),
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "union_tag_invalid": N_(
        "Input tag '{tag}' found using {discriminator} does not match any "
        "of the expected tags: {expected_tags}"
    ),
    "union_tag_not_found": N_("Unable to extract tag using discriminator {discriminator}"),
    "url_parsing": N_("Input should be a valid URL, {error}"),
    "none_required": N_("Input should be None"),
    "tuple_type": N_("Input should be a valid tuple"),
    "set_type": N_("Input should be a valid set"),
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
