"""Read repository files into validated models, collecting diagnostics instead of raising."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from vvgctl.diagnostics import Diagnostic, Severity, format_field
from vvgctl.message import Message
from vvgctl.message import message as as_message
from vvgctl.models import Meeting
from vvgctl.runtime.i18n import N_
from vvgctl.source.document import MAX_FILE_BYTES, SourceProblem, SplitDocument, decode, split
from vvgctl.source.fileio import FileTooLarge, NotARegularFile, read_limited
from vvgctl.source.validation import diagnostics_from
from vvgctl.source.yaml import Positions, YamlProblem, load

M = TypeVar("M", bound=BaseModel)


@dataclass
class Loaded(Generic[M]):
    """The result of reading one file: the model (when valid) and what was found wrong."""

    path: str
    model: M | None
    data: Any = None
    positions: Positions = field(default_factory=Positions)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    line_offset: int = 0  # add to a position to get the file line

    def at(self, *path: str | int) -> tuple[int, int]:
        """File line and column of the node at ``path`` (nearest ancestor if absent)."""
        line, column = self.positions.of_value(tuple(path)) or (1, 1)
        return line + self.line_offset, column

    def error(
        self,
        code: str,
        message: Message | str,
        *path: str | int,
        hint: Message | str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> Diagnostic:
        line, column = self.at(*path)
        return Diagnostic(
            self.path,
            line,
            column,
            severity,
            code,
            as_message(message),
            None if hint is None else as_message(hint),
            format_field(tuple(path)) or None,
        )


@dataclass
class LoadedMeeting(Loaded[Meeting]):
    document: SplitDocument | None = None


def _problem(path: str, exc: SourceProblem | YamlProblem, offset: int = 0) -> Diagnostic:
    return Diagnostic(
        path,
        exc.line + offset,
        exc.column,
        Severity.ERROR,
        exc.code,
        as_message(exc.message),
        None if exc.hint is None else as_message(exc.hint),
        format_field(exc.path) if isinstance(exc, YamlProblem) and exc.path else None,
    )


def io_problem(shown: str, exc: OSError) -> Diagnostic:
    """The diagnostic for a file that could not be read (or should not be)."""
    if isinstance(exc, FileTooLarge):
        return Diagnostic(
            shown,
            0,
            0,
            Severity.ERROR,
            "file-too-large",
            as_message(exc.strerror if isinstance(exc.strerror, Message) else str(exc.strerror)),
            as_message(N_("minutes are text: split the file, or remove what is not minutes")),
        )
    hint = as_message(
        N_("replace it with the file itself")
        if isinstance(exc, NotARegularFile)
        else N_("check that the file exists and can be read")
    )
    return Diagnostic(
        shown,
        0,
        0,
        Severity.ERROR,
        "io",
        Message(N_("cannot read the file: {strerror}"), {"strerror": exc.strerror}),
        hint,
    )


def read_source(path: Path) -> bytes:
    """The bytes of a repository file: a regular file of at most ``MAX_FILE_BYTES``
    (see :func:`~vvgctl.source.fileio.read_limited`); OSError passes to the caller."""
    return read_limited(path, MAX_FILE_BYTES)


def read_text(path: Path) -> str:
    """Read and decode a file; OSError and SourceProblem pass to the caller."""
    return decode(read_source(path))


def validate(result: Loaded[M], model: type[M]) -> None:
    """Validate ``result.data`` against ``model``, filling ``result.model`` or its diagnostics."""
    if not isinstance(result.data, dict):
        line = result.line_offset + 1
        result.diagnostics.append(
            Diagnostic(
                result.path,
                line,
                1,
                Severity.ERROR,
                "schema",
                Message(N_("expected a mapping of fields (key: value)")),
                Message(N_("see `vvgctl schema` for the fields")),
            )
        )
        return
    try:
        result.model = model.model_validate(result.data)
    except ValidationError as exc:
        result.diagnostics += diagnostics_from(
            exc, result.data, result.positions, result.path, model, result.line_offset
        )


def load_yaml_file(path: Path, model: type[M], shown: str | None = None) -> Loaded[M]:
    """A plain YAML file (registry, schedule, plan) validated against ``model``."""
    result: Loaded[M] = Loaded(shown or str(path), None)
    try:
        text = read_text(path)
        result.data, result.positions = load(text)
    except OSError as exc:
        result.diagnostics.append(io_problem(result.path, exc))
        return result
    except (SourceProblem, YamlProblem) as exc:
        result.diagnostics.append(_problem(result.path, exc))
        return result
    validate(result, model)
    return result


def yaml_problems(path: Path, shown: str) -> list[Diagnostic]:
    """Why a YAML data file cannot be read as YAML at all (nothing when it can); what its
    fields mean is its kind's model's to say (``vvgctl check``)."""
    try:
        load(read_text(path))
    except OSError as exc:
        return [io_problem(shown, exc)]
    except (SourceProblem, YamlProblem) as exc:
        return [_problem(shown, exc)]
    return []


def parse_meeting(raw: bytes, shown: str) -> LoadedMeeting:
    """Bytes of a meeting file -> a validated meeting, or the diagnostics that say why not."""
    result = LoadedMeeting(shown, None)
    try:
        result.document = split(decode(raw))
    except SourceProblem as exc:
        result.diagnostics.append(_problem(shown, exc))
        return result
    result.line_offset = result.document.front_matter_line - 1
    try:
        result.data, result.positions = load(
            result.document.front_matter, result.document.front_matter_line
        )
    except YamlProblem as exc:
        result.diagnostics.append(_problem(shown, exc, result.line_offset))
        return result
    validate(result, Meeting)
    return result


def load_meeting(path: Path, shown: str | None = None) -> LoadedMeeting:
    shown = shown or str(path)
    try:
        raw = read_source(path)
    except OSError as exc:
        result = LoadedMeeting(shown, None)
        result.diagnostics.append(io_problem(shown, exc))
        return result
    return parse_meeting(raw, shown)
