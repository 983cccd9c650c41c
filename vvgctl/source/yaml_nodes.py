"""The composed YAML node graph: the C composer set up for the policy, the walk that turns its
nodes into plain values (refusing what :mod:`vvgctl.source.yaml` refuses), and the positions
read from the graph when a diagnostic asks for one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.tag import Tag

from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

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


class Positions:
    """Where each node of a loaded document stands (1-based line and column).

    A loaded document keeps its node graph (``root``) and reads a position from it when one is
    asked for: a diagnostic asks for a few of a file's hundreds of nodes, and recording all of
    them as the document was loaded took a third of a cold ``check``. ``values`` and ``keys``
    give every position as a dict (the form a data file's positions take in the cache).
    """

    def __init__(
        self,
        values: dict[Path_, tuple[int, int]] | None = None,
        keys: dict[Path_, tuple[int, int]] | None = None,
        *,
        root: Node | None = None,
    ) -> None:
        self._root = root
        self._values = values if values is not None or root is not None else {}
        self._keys = keys if keys is not None or root is not None else {}
        # with ``root``, both dicts are made from it when first asked for

    def _all(self) -> tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]]:
        if self._values is None or self._keys is None:
            self._values, self._keys = {}, {}
            if self._root is not None:
                _record(self._root, (), self._values, self._keys)
        return self._values, self._keys

    @property
    def values(self) -> dict[Path_, tuple[int, int]]:
        """Every node's position, by its path."""
        return self._all()[0]

    @property
    def keys(self) -> dict[Path_, tuple[int, int]]:
        """Every mapping key's position, by the path of its value."""
        return self._all()[1]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Positions):
            return NotImplemented
        return self.values == other.values and self.keys == other.keys

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Positions(values={self.values!r}, keys={self.keys!r})"

    def of_value(self, path: Path_) -> tuple[int, int] | None:
        """The position of the node at ``path`` or, failing that, of its nearest ancestor."""
        if self._root is not None:
            return _mark(_descend(self._root, path)[0])
        for cut in range(len(path), -1, -1):
            pos = self.values.get(path[:cut])
            if pos is not None:
                return pos
        return None

    def of_key(self, path: Path_) -> tuple[int, int] | None:
        """The position of the key of the value at ``path`` (of the value when it has none)."""
        if self._root is not None and path:
            parent, depth = _descend(self._root, path[:-1])
            key = _key_node(parent, path[-1]) if depth == len(path) - 1 else None
            return _mark(key) if key is not None else self.of_value(path)
        return self.keys.get(path) or self.of_value(path)


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _key_node(node: Node, key: str | int) -> Node | None:
    """The first key node of the mapping ``node`` that reads ``key``."""
    if isinstance(node, MappingNode):
        for key_node, _ in node.value:
            if key_node.value == key:
                return key_node  # type: ignore[no-any-return]
    return None


def _descend(root: Node, path: Path_) -> tuple[Node, int]:
    """The deepest node along ``path`` from ``root``, and how many of its steps were taken."""
    node = root
    for depth, step in enumerate(path):
        child: Node | None = None
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == step:
                    child = value_node
                    break
        elif (
            isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value)
        ):
            child = node.value[step]
        if child is None:
            return node, depth
        node = child
    return node, len(path)


def _record(
    node: Node,
    path: Path_,
    values: dict[Path_, tuple[int, int]],
    keys: dict[Path_, tuple[int, int]],
) -> None:
    """Every position under ``node`` (a graph :func:`to_data` accepted: a tree of plain keys)."""
    values[path] = _mark(node)
    if isinstance(node, SequenceNode):
        for index, child in enumerate(node.value):
            _record(child, (*path, index), values, keys)
    elif isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            keys[(*path, key_node.value)] = _mark(key_node)
            _record(value_node, (*path, key_node.value), values, keys)


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


def _refused(
    node: Node, message: Message | str, code: str, hint: Message | str | None = None
) -> YamlProblem:
    """A problem at ``node``; its path is filled in as it passes up through the walk."""
    return YamlProblem(message, *_mark(node), code=code, hint=hint)


def _explicit(tag: Tag) -> bool:
    """Whether ``tag`` was written in the file (see ``_EXPLICIT_BY_IDENTITY``)."""
    return (
        tag is not _STR
        and tag is not _MAP
        and tag is not _SEQ
        and (_EXPLICIT_BY_IDENTITY or str(tag) not in _PLAIN_TAGS)
    )


class _Walk:
    """One walk of a composed node graph into dicts, lists and strings (see :func:`to_data`)."""

    def __init__(self, first_line: int, seen: set[int] | None) -> None:
        self.first_line = first_line
        self.seen = seen  # the ids of the nodes met so far; None: no alias can be in the text

    def node(self, n: Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _refused(
                n,
                Message(
                    N_("the YAML is nested more than {MAX_DEPTH} levels deep"),
                    {"MAX_DEPTH": MAX_DEPTH},
                ),
                "yaml-depth",
            )
        if self.seen is not None:
            if id(n) in self.seen or getattr(n, "anchor", None):
                raise _refused(
                    n,
                    N_("anchors and aliases (& and *) are not allowed"),
                    "yaml-alias",
                    N_("write the value out in full where it is used"),
                )
            self.seen.add(id(n))
        tag = n.ctag
        if tag is not _STR and tag is not _MAP and tag is not _SEQ and _explicit(tag):
            raise _refused(
                n,
                Message(
                    N_("explicit YAML tags are not allowed (found {tag!r})"), {"tag": str(n.ctag)}
                ),
                "yaml-tag",
                N_("remove the tag; the schema decides the type"),
            )
        if isinstance(n, ScalarNode):
            value: str = n.value
            # an unquoted empty scalar or ~/null means "no value"
            return None if not n.style and value in _NULLS else value
        if isinstance(n, SequenceNode):
            return self.sequence(n, depth)
        if isinstance(n, MappingNode):
            return self.mapping(n, depth)
        raise _refused(n, N_("unsupported YAML node"), "yaml-syntax")  # pragma: no cover

    def sequence(self, n: SequenceNode, depth: int) -> list[Any]:
        out: list[Any] = []
        plain = self.seen is None and depth < MAX_DEPTH  # a plain scalar child needs no check
        for index, child in enumerate(n.value):
            if plain and child.__class__ is ScalarNode and child.ctag is _STR:
                out.append(None if not child.style and child.value in _NULLS else child.value)
                continue
            try:
                out.append(self.node(child, depth + 1))
            except YamlProblem as exc:
                exc.path = (index, *exc.path)
                raise
        return out

    def mapping(self, n: MappingNode, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        plain = self.seen is None and depth < MAX_DEPTH  # as in sequence()
        for key_node, value_node in n.value:
            if not isinstance(key_node, ScalarNode) or (
                key_node.ctag is not _STR and _explicit(key_node.ctag)
            ):
                raise _refused(key_node, N_("a key must be a plain word"), "yaml-syntax")
            key = key_node.value
            if key in out:
                raise self.duplicate(n, key_node)
            if plain and value_node.__class__ is ScalarNode and value_node.ctag is _STR:
                value = value_node.value
                out[key] = None if not value_node.style and value in _NULLS else value
                continue
            try:
                out[key] = self.node(value_node, depth + 1)
            except YamlProblem as exc:
                exc.path = (key, *exc.path)
                raise
        return out

    def duplicate(self, n: MappingNode, key_node: ScalarNode) -> YamlProblem:
        first = _key_node(n, key_node.value) or key_node
        problem = _refused(
            key_node,
            Message(
                N_("duplicate key {key!r} (first given on line {first})"),
                {"key": key_node.value, "first": _mark(first)[0] + self.first_line - 1},
            ),
            "yaml-duplicate-key",
            N_("keep one of the two; YAML would silently drop the first"),
        )
        problem.path = (key_node.value,)
        return problem


def to_data(node: Node | None, first_line: int = 1, aliases_possible: bool = True) -> Any:
    """Turn a composed node graph into dicts, lists and strings; refuse what the policy does
    (depth, anchors and aliases, tags, keys that are not plain or are given twice).

    ``aliases_possible``: False when the text holds no ``*``, so no node can be met twice and
    the walk needs no set of the nodes it met.
    """
    if node is None:
        return None
    return _Walk(first_line, set() if aliases_possible else None).node(node, 0)
