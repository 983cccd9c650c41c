"""Which values of a meeting are text that a correction may change, and whether a change of
approved minutes changed only such text.

Used by ``vvgctl approve`` (:mod:`vvgctl.cycle.corrections`: where a quote may stand) and by the
frozen-record check (:mod:`vvgctl.checking.frozen`: a recorded correction explains a change
only when every value other than text is as it was). A text field is one the models type as
plain text: a position, a title, an action, a follow-up, a question, a name, a table cell; not
an id, a number, a date, a link, a kind or a type, and nothing under ``previous`` or
``approval``.
"""

from __future__ import annotations

import re
import types
from collections.abc import Sequence
from typing import Annotated, Any, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel

from vvgctl.models import Meeting
from vvgctl.models.common import PersonRef
from vvgctl.source.corrections import apply_all

#: a character that ends a line for YAML, Markdown or Python, or any other control character
#: (a tab is text)
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
#: front matter blocks a correction does not reach: the approval's own records
NOT_TEXT = frozenset({"previous", "approval"})


def _is_text(annotation: Any, path: tuple[str | int, ...]) -> bool:
    """Whether the field at ``path`` under ``annotation`` is free text in the models."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base = get_args(annotation)[0]
        if base is PersonRef and not path:
            return True  # a person written as a name alone
        # a string with a pattern or a converter is data (an id, a link), not text
        return isinstance(base, type) and issubclass(base, BaseModel) and _is_text(base, path)
    if origin is Union or origin is types.UnionType:
        options = [a for a in get_args(annotation) if a is not type(None)]
        return len(options) == 1 and _is_text(options[0], path)
    if origin is list:
        return (
            bool(path) and isinstance(path[0], int) and _is_text(get_args(annotation)[0], path[1:])
        )
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(path[0]) if path and isinstance(path[0], str) else None
        if field is None or any(
            not isinstance(m, annotated_types.MinLen | annotated_types.MaxLen)
            for m in field.metadata
        ):
            return False
        return _is_text(field.annotation, path[1:])
    return annotation is str and not path


def is_text_field(path: tuple[str | int, ...]) -> bool:
    """Whether a correction may change the meeting's value at ``path``."""
    return bool(path) and path[0] not in NOT_TEXT and _is_text(Meeting, path)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _same_but_text(
    old: Any, new: Any, path: tuple[str | int, ...], pairs: Sequence[tuple[str | None, str | None]]
) -> bool:
    """Whether ``new`` has ``old``'s shape and values, a text field being either as it was or
    with the corrections made (white space squashed: YAML may fold a value anew)."""
    if isinstance(old, dict):
        return (
            isinstance(new, dict)
            and old.keys() == new.keys()
            and all(_same_but_text(old[k], new[k], (*path, k), pairs) for k in old)
        )
    if isinstance(old, list):
        return (
            isinstance(new, list)
            and len(old) == len(new)
            and all(
                _same_but_text(o, n, (*path, i), pairs)
                for i, (o, n) in enumerate(zip(old, new, strict=True))
            )
        )
    if isinstance(old, str) and isinstance(new, str) and is_text_field(path):
        return _squash(new) in (_squash(old), _squash(apply_all(old, pairs)))
    return bool(old == new)


def only_text_changed(
    old: Meeting, new: Meeting, pairs: Sequence[tuple[str | None, str | None]]
) -> bool:
    """Whether ``new`` is ``old`` with the corrections made in text fields alone (its status
    and approval aside, which the approval sets)."""
    leave = {"status", "approval"}
    return _same_but_text(
        old.model_dump(mode="json", exclude=leave),
        new.model_dump(mode="json", exclude=leave),
        (),
        pairs,
    )
