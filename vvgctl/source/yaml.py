"""YAML policy, in one place.

Reading: the C composer of ruamel.yaml 0.18 builds the node graph (about 4 MB/s, 20x the
round-trip loader) and :func:`to_data` turns nodes into plain Python values itself. Every scalar
stays a string, so YAML never guesses a type: ``no`` is not false, ``0755`` keeps its zero,
``9.05`` is not a float. The pydantic models decide the types. The node graph is kept and each
node's line and column read from it when asked for (:mod:`vvgctl.source.yaml_nodes`), so every
error points at its place. Duplicate keys, anchors and aliases (which include
every "billion laughs" bomb), explicit tags and ``%`` directives are refused.

Writing: :func:`round_trip` gives ruamel's round-trip mode, which keeps comments, order and
quoting for edits in place; :func:`quoted` is one value as a double-quoted scalar for a file
made from a template (never a value string-formatted into YAML).
"""

from __future__ import annotations

import gc
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import Node

from vvgctl.message import Message
from vvgctl.runtime.i18n import N_
from vvgctl.source.yaml_errors import yaml_problem
from vvgctl.source.yaml_nodes import MAX_DEPTH as MAX_DEPTH
from vvgctl.source.yaml_nodes import Path_ as Path_
from vvgctl.source.yaml_nodes import Positions as Positions
from vvgctl.source.yaml_nodes import YamlProblem as YamlProblem
from vvgctl.source.yaml_nodes import _Loader as _Loader
from vvgctl.source.yaml_nodes import to_data

_INDENT = re.compile(r"^[ \t?:-]+", re.MULTILINE)

#: ruamel's C composer recurses on the C stack: it composed 10,000 nested levels here and
#: crashed the interpreter (SIGSEGV) at 30,000. Below this bound it is called directly.
COMPOSER_SAFE_DEPTH = 2_000


def nesting_bound(text: str) -> int:
    """An upper bound on the node depth of ``text``, found without parsing it.

    A level of flow nesting needs an opening bracket; a level of block nesting needs
    indentation or a ``- ``/``? ``/``: `` indicator before a line's content. Every bracket is
    counted, wherever it stands, so the bound is never below the real depth.
    """
    openers = text.count("[") + text.count("{")
    indent = max((len(m.group(0)) for m in _INDENT.finditer(text)), default=0)
    return openers + indent + 1


def rough_bound(text: str) -> int:
    """A looser upper bound on the node depth of ``text`` than :func:`nesting_bound`, counted
    in a few passes of C: each collection on the way down to a node begins with a character of
    its own, a bracket (flow) or its first indicator (block: ``-`` of its first entry, ``:`` or
    ``?`` of its first key), so the depth is at most their number plus one."""
    return sum(text.count(c) for c in "-?:[{") + 1


def _depth_exceeds(text: str, limit: int) -> tuple[int, int] | None:
    """The position where the real node depth first exceeds ``limit`` (the C event parser keeps
    its own stack, so unlike the composer it cannot overflow the C stack)."""
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    loader = _Loader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > limit:
                    mark = event.start_mark
                    return mark.line + 1, mark.column + 1
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        return None  # the composer reports the syntax error with its position
    finally:
        loader.dispose()
    return None


#: what stands before a value on its line: indentation and ``- `` (block) or ``{``/``,``
#: (flow), a plain key, ``:`` and a space; then the value, which does not begin with a quote or
#: a bracket (a quoted or flow value that a colon follows is another mistake)
_KEY_BEFORE_VALUE = re.compile(
    r"(?:^[ \t]*(?:-[ \t]+)*|[{,][ \t]*)(?P<key>[^\s'\"{}\[\],:#-][^:{}\[\],#]*?)[ \t]*:[ \t]+"
    r"(?=[^\s'\"{\[|>&*!])"
)


def _unquoted_colon(text: str, exc: MarkedYAMLError) -> YamlProblem | None:
    """The problem when the parser stopped at a colon inside a plain value (``title: Punkt:
    något``): the scanner's mark stands on a ``:`` that a space or the line's end follows, and
    the line holds ``key: value`` before it. Read from the mark and the text, not the message."""
    mark = exc.problem_mark
    if mark is None or (exc.context_mark is not None and exc.context_mark.line != mark.line):
        return None
    lines = text.split("\n")
    if mark.line >= len(lines):
        return None
    row = lines[mark.line]
    if row[mark.column : mark.column + 1] != ":" or row[mark.column + 1 : mark.column + 2] not in (
        "",
        " ",
        "\t",
    ):
        return None
    # the last key before the colon is the one whose value holds it
    before = next(reversed(list(_KEY_BEFORE_VALUE.finditer(row, 0, mark.column))), None)
    if before is None:
        return None
    key = before.group("key").strip()
    rest = row[before.end() :]
    flow = before.group(0)[:1] in "{,"
    if flow:
        rest = re.split(r"[,}\]]", rest, maxsplit=1)[0]
    value = re.split(r"[ \t]#", rest, maxsplit=1)[0].strip()
    quoted = ('"' + value + '"') if '"' not in value else "'" + value.replace("'", "''") + "'"
    hint = (
        Message(N_("put the title in quotes: title: {quoted}"), {"quoted": quoted})
        if key == "title"
        else Message(N_("put the value in quotes: {key}: {quoted}"), {"key": key, "quoted": quoted})
    )
    return YamlProblem(
        Message(
            N_(
                "YAML syntax error: the value of {key!r} holds a colon and a space, which YAML "
                "reads as the start of another key"
            ),
            {"key": key},
        ),
        mark.line + 1,
        mark.column + 1,
        hint=hint,
    )


def _refuse_directives(text: str) -> None:
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.startswith("%"):
            raise YamlProblem(
                N_("YAML directives (%YAML, %TAG) are not allowed"),
                number,
                1,
                code="yaml-directive",
                hint=N_("remove the line; files are read as YAML 1.2"),
            )


def load(text: str, first_line: int = 1) -> tuple[Any, Positions]:
    """Parse one YAML document into plain data and node positions; raise :class:`YamlProblem`.

    Positions are relative to ``text``; ``first_line`` is the file line where it starts, used
    only for line numbers quoted inside messages.
    """
    if "%" in text and (text.startswith("%") or "\n%" in text):  # (line by line only if there)
        _refuse_directives(text)
    if rough_bound(text) > COMPOSER_SAFE_DEPTH and nesting_bound(text) > COMPOSER_SAFE_DEPTH:
        deep = _depth_exceeds(text, MAX_DEPTH)
        if deep is not None:
            raise YamlProblem(
                Message(
                    N_("the YAML is nested more than {MAX_DEPTH} levels deep"),
                    {"MAX_DEPTH": MAX_DEPTH},
                ),
                *deep,
                code="yaml-depth",
            )
    # The composer and the walk make hundreds of objects per KB that all live until the file is
    # read; the collector's passes over them found nothing to free (the graph is a tree, freed
    # by reference counting) and took a fifth of a cold `check`. It resumes after the file.
    collecting = gc.isenabled()
    gc.disable()
    try:
        node = _compose(text, first_line)
        data = to_data(node, first_line, "*" in text or "&" in text)
    finally:
        if collecting:
            gc.enable()
    return data, Positions(root=node)


def _compose(text: str, first_line: int) -> Node | None:
    """The C composer's node graph of ``text``; its errors as :class:`YamlProblem`."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    except MarkedYAMLError as exc:
        colon = _unquoted_colon(text, exc)
        if colon is not None:
            raise colon from None
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        column = mark.column + 1 if mark is not None else 1
        context_mark = exc.context_mark
        message, hint = yaml_problem(
            exc.problem or str(exc),
            exc.context,
            None if context_mark is None else context_mark.line + first_line,
            mark is None or context_mark is None or context_mark.line == mark.line,
        )
        raise YamlProblem(message, line, column, hint=hint) from None
    except YAMLError as exc:
        raise YamlProblem(Message(N_("YAML error: {exc}"), {"exc": str(exc)}), 1, 1) from None
    finally:
        loader.dispose()


def round_trip() -> YAML:
    """ruamel's round-trip mode, set up to keep what people wrote."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def quoted(value: str) -> str:
    """``value`` as one double-quoted YAML scalar on one line, written by ruamel's emitter
    (line breaks, quotes and backslashes escaped), for a template's ``key: {{ value }}``."""
    import io

    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    yaml = YAML(typ="rt")
    yaml.width = 1 << 30  # never folded onto a second line
    yaml.allow_unicode = True  # "Samrådsorganet", not "Samr\u00e5dsorganet"
    stream = io.StringIO()
    yaml.dump(DoubleQuotedScalarString(value), stream)
    return stream.getvalue().rstrip("\n")
