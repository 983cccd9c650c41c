"""YAML policy, in one place.

Reading: the C composer of ruamel.yaml 0.18 builds the node graph (about 4 MB/s, 20x the
round-trip loader) and :func:`to_data` turns nodes into plain Python values itself. Every scalar
stays a string, so YAML never guesses a type: ``no`` is not false, ``0755`` keeps its zero,
``9.05`` is not a float. The pydantic models decide the types. Each node's line and column are
kept, so every error points at its place. Duplicate keys, anchors and aliases (which include
every "billion laughs" bomb), explicit tags and ``%`` directives are refused.

Writing: :func:`round_trip` gives ruamel's round-trip mode, which keeps comments, order and
quoting for edits in place; :func:`quoted` is one value as a double-quoted scalar for a file
made from a template (never a value string-formatted into YAML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.tag import Tag

from vvgctl.message import Message
from vvgctl.runtime.i18n import N_
from vvgctl.source.yaml_errors import yaml_problem

_STR = Tag(suffix="tag:yaml.org,2002:str")
_SEQ = Tag(suffix="tag:yaml.org,2002:seq")
_MAP = Tag(suffix="tag:yaml.org,2002:map")

try:  # the C extension; the pure-Python composer is the fallback
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _Loader(CParser):  # type: ignore[misc]
        """The C composer with a resolver that types nothing: every scalar is a string.

        It hands out one prebuilt tag per node kind, so no regular expression runs and no tag
        object is made per node (25% of the composing time on a real meeting).
        """

        def resolve(self, kind: type, value: str, implicit: object) -> Tag:
            return _STR if kind is ScalarNode else _SEQ if kind is SequenceNode else _MAP

        def descend_resolver(self, parent: object, index: object) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

    #: an implicit node carries one of the prebuilt tags itself; any other tag object, even
    #: one that reads 'tag:yaml.org,2002:str' (``!!str``), was written in the file
    _EXPLICIT_BY_IDENTITY = True

except ImportError:  # pragma: no cover - clib is a declared dependency
    from ruamel.yaml.loader import BaseLoader as _Loader  # type: ignore[assignment]

    _EXPLICIT_BY_IDENTITY = False  # this resolver makes new tag objects: !!str passes

Path_ = tuple[str | int, ...]

_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})
MAX_DEPTH = 64


@dataclass
class YamlProblem(Exception):
    """A YAML document that cannot be read; ``line``/``column`` are 1-based, in the text given."""

    message: Message | str
    line: int
    column: int
    code: str = "yaml-syntax"
    hint: Message | str | None = None
    path: Path_ = ()


@dataclass
class Positions:
    """Where each node of a loaded document stands (1-based line and column)."""

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def of_value(self, path: Path_) -> tuple[int, int] | None:
        """The position of the node at ``path`` or, failing that, of its nearest ancestor."""
        for cut in range(len(path), -1, -1):
            pos = self.values.get(path[:cut])
            if pos is not None:
                return pos
        return None

    def of_key(self, path: Path_) -> tuple[int, int] | None:
        return self.keys.get(path) or self.of_value(path)


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def to_data(node: Node | None, positions: Positions, first_line: int = 1) -> Any:
    """Turn a composed node graph into dicts, lists and strings, recording positions."""
    if node is None:
        return None
    seen: set[int] = set()

    def walk(n: Node, path: Path_, depth: int) -> Any:
        line, col = _mark(n)
        if depth > MAX_DEPTH:
            raise YamlProblem(
                Message(
                    N_("the YAML is nested more than {MAX_DEPTH} levels deep"),
                    {"MAX_DEPTH": MAX_DEPTH},
                ),
                line,
                col,
                code="yaml-depth",
                path=path,
            )
        if id(n) in seen or getattr(n, "anchor", None):
            raise YamlProblem(
                N_("anchors and aliases (& and *) are not allowed"),
                line,
                col,
                code="yaml-alias",
                hint=N_("write the value out in full where it is used"),
                path=path,
            )
        seen.add(id(n))
        tag = n.ctag
        if (
            tag is not _STR
            and tag is not _MAP
            and tag is not _SEQ
            and (_EXPLICIT_BY_IDENTITY or str(tag) not in _PLAIN_TAGS)
        ):
            raise YamlProblem(
                Message(
                    N_("explicit YAML tags are not allowed (found {tag!r})"), {"tag": str(tag)}
                ),
                line,
                col,
                code="yaml-tag",
                hint=N_("remove the tag; the schema decides the type"),
                path=path,
            )
        positions.values[path] = (line, col)
        if isinstance(n, ScalarNode):
            value: str = n.value
            # an unquoted empty scalar or ~/null means "no value"
            if not n.style and value in ("", "~", "null", "Null", "NULL"):
                return None
            return value
        if isinstance(n, SequenceNode):
            return [walk(child, (*path, i), depth + 1) for i, child in enumerate(n.value)]
        if isinstance(n, MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in n.value:
                kline, kcol = _mark(key_node)
                if not isinstance(key_node, ScalarNode) or (
                    key_node.ctag is not _STR
                    and (_EXPLICIT_BY_IDENTITY or str(key_node.ctag) not in _PLAIN_TAGS)
                ):
                    raise YamlProblem(N_("a key must be a plain word"), kline, kcol, path=path)
                key = key_node.value
                if key in out:
                    first = positions.keys.get((*path, key), (kline, kcol))
                    raise YamlProblem(
                        Message(
                            N_("duplicate key {key!r} (first given on line {first})"),
                            {"key": key, "first": first[0] + first_line - 1},
                        ),
                        kline,
                        kcol,
                        code="yaml-duplicate-key",
                        hint=N_("keep one of the two; YAML would silently drop the first"),
                        path=(*path, key),
                    )
                positions.keys[(*path, key)] = (kline, kcol)
                out[key] = walk(value_node, (*path, key), depth + 1)
            return out
        raise YamlProblem(N_("unsupported YAML node"), line, col, path=path)  # pragma: no cover

    return walk(node, (), 0)


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


def load(text: str, first_line: int = 1) -> tuple[Any, Positions]:
    """Parse one YAML document into plain data and node positions; raise :class:`YamlProblem`.

    Positions are relative to ``text``; ``first_line`` is the file line where it starts, used
    only for line numbers quoted inside messages.
    """
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.startswith("%"):
            raise YamlProblem(
                N_("YAML directives (%YAML, %TAG) are not allowed"),
                number,
                1,
                code="yaml-directive",
                hint=N_("remove the line; files are read as YAML 1.2"),
            )
    if nesting_bound(text) > COMPOSER_SAFE_DEPTH:
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
    positions = Positions()
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
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
    return to_data(node, positions, first_line), positions


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
