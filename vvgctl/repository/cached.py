"""What the repository's caches keep of a file: plain values, checked as they are read back.

The result cache (:class:`vvgctl.runtime.cache.ResultCache`) stores JSON and validates it
strictly against the types below before anything is made of it: a value of another shape is a
miss, so what it gives back always makes a :class:`~vvgctl.repository.file_result.FileResult` (a
meeting) or a :class:`~vvgctl.source.loading.Loaded` (a data file: its model is validated
again by the model itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message
from vvgctl.repository.records import Row as RecordRow
from vvgctl.source.loading import Loaded
from vvgctl.source.yaml import Positions

M = TypeVar("M", bound=BaseModel)

#: a message as plain values: its msgid, its arguments as JSON (nested messages as
#: ``{"$message": …}``, dates as ``{"$date": …}``), the plural msgid and the count
MessageRow = tuple[str, dict[str, Any], str | None, int | None]
#: a diagnostic as plain values: path, line, column, severity, code, message, hint, field
DiagnosticRow = tuple[str, int, int, Severity, str, MessageRow, MessageRow | None, str | None]
#: a file's result as plain values (see :meth:`~vvgctl.repository.file_result.FileResult.to_row`)
ResultRow = tuple[str, tuple[DiagnosticRow, ...], RecordRow | None]
#: what the result cache keeps of a meeting file: the SHA-256 it was made from (with
#: ``verify_contents``) and its result
CachedResult = tuple[str | None, ResultRow]
#: what the data cache keeps of a data file: the model's name, the model as JSON (None when
#: the file is not valid), where each value stands, the diagnostics and the line offset
CachedData = tuple[
    str,
    str | None,
    tuple[tuple[tuple[str | int, ...], tuple[int, int]], ...],
    tuple[DiagnosticRow, ...],
    int,
]


def _message_row(message: Message) -> MessageRow:
    return (message.msgid, message.as_dict()["args"], message.plural, message.n)


def _message_of(row: MessageRow) -> Message:
    msgid, args, plural, n = row
    return Message.from_dict({"msgid": msgid, "args": args, "plural": plural, "n": n})


def diagnostic_rows(diagnostics: Sequence[Diagnostic]) -> tuple[DiagnosticRow, ...]:
    """The diagnostics as plain values, their messages as values (msgid and arguments): the
    cache gives back what a fresh run gives, in whichever language it is shown."""
    return tuple(
        (
            d.path,
            d.line,
            d.column,
            d.severity,
            d.code,
            _message_row(d.message),
            None if d.hint is None else _message_row(d.hint),
            d.field,
        )
        for d in diagnostics
    )


def _diagnostic(row: DiagnosticRow, shown: str) -> Diagnostic:
    _path, line, column, severity, code, message, hint, field = row
    return Diagnostic(
        shown,
        line,
        column,
        Severity(severity),
        code,
        _message_of(message),
        None if hint is None else _message_of(hint),
        field,
    )


def diagnostics_of(rows: Sequence[DiagnosticRow], path: str, shown: str) -> list[Diagnostic]:
    """The diagnostics of ``rows``; those of the file at ``path`` shown under ``shown``."""
    return [_diagnostic(d, shown if d[0] == path else d[0]) for d in rows]


def data_row(loaded: Loaded[M], model: type[M]) -> CachedData:
    """What the data cache keeps of a data file (see :data:`CachedData`)."""
    return (
        _model_name(model),
        loaded.model.model_dump_json() if loaded.model else None,
        tuple(loaded.positions.values.items()),
        diagnostic_rows(loaded.diagnostics),
        loaded.line_offset,
    )


def data_from_row(row: CachedData, model: type[M], shown: str) -> Loaded[M] | None:
    """The data file as :func:`data_row` kept it, its model validated anew (None when the
    row is of another model or does not validate: then the file is read again)."""
    name, dumped, positions, diagnostics, line_offset = row
    if name != _model_name(model):
        return None
    try:
        valid = model.model_validate_json(dumped) if dumped is not None else None
    except ValidationError:
        return None
    return Loaded(
        shown,
        valid,
        positions=Positions(values=dict(positions)),
        diagnostics=[_diagnostic(d, shown) for d in diagnostics],
        line_offset=line_offset,
    )


def _model_name(model: type[BaseModel]) -> str:
    return f"{model.__module__}.{model.__qualname__}"
