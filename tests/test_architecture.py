"""The architecture holds: packages in layers, no import circles, small modules.

The graph is read from the source (every import, also those inside functions and under
``TYPE_CHECKING``), so a lazy import cannot hide a circle or a dependency that runs upwards.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "vvgctl"

#: the packages from the bottom up: a package imports only from its own layer's package and
#: the layers below it (the README's architecture section describes the same order)
LAYERS: list[set[str]] = [
    {"message"},
    {"errors", "diagnostics", "runtime", "swedish"},
    {"models"},
    {"source"},
    {"repository"},
    {"planning"},
    {"arshjul"},
    {"checking"},
    {"index"},
    {"query"},
    {"render"},
    {"cycle", "publish", "importer"},
    {"cli"},
    {"__main__"},
]

MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The vvgctl modules ``path`` imports (a name imported from a package counts as the
    submodule when it is one)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "vvgctl"}
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.level == 0
            and node.module.split(".")[0] == "vvgctl"
        ):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
    return {m for m in found if m in modules}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, modules) - {name} for name, path in modules.items()}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _layer(package: str) -> int:
    for index, layer in enumerate(LAYERS):
        if package in layer:
            return index
    raise AssertionError(f"vvgctl/{package} is in no layer of tests/test_architecture.py")


def test_every_package_has_a_layer() -> None:
    for module in _modules():
        package = _package(module)
        if package:
            _layer(package)


def test_nothing_imports_upwards_or_sideways() -> None:
    wrong = []
    for module, imported in _graph().items():
        package = _package(module)
        if not package:
            continue
        for target in imported:
            other = _package(target)
            if not other or other == package:
                continue  # the package root (its version) and the package's own modules
            if _layer(other) >= _layer(package):
                wrong.append(f"{module} -> {target}")
    assert not wrong, "imports that run up or across the layers:\n" + "\n".join(sorted(wrong))


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles() -> None:
    graph = _graph()
    # a package's __init__ may import its own modules (a registry of them): that is no circle
    for name in list(graph):
        if PACKAGE.joinpath(*name.split(".")[1:], "__init__.py").exists():
            graph[name] = {m for m in graph[name] if not m.startswith(name + ".")}
    assert _cycles(graph) == []


def test_the_circle_finder_finds_circles() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: _module_name(p))
def test_no_module_is_too_long(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name}: {lines} lines; split it by what it holds"


#: the longest function body (from the first statement after the docstring to the last line)
MAX_BODY_LINES = 60


def _long_functions(path: Path, limit: int = MAX_BODY_LINES) -> list[tuple[str, int, int]]:
    """The functions of ``path`` (nested ones too) whose body is longer than ``limit`` lines:
    (name, line of the ``def``, length of the body)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if len(body) > 1 and ast.get_docstring(node, clean=False) is not None:
                body = body[1:]
            length = (node.end_lineno or node.lineno) - body[0].lineno + 1
            if length > limit:
                found.append((node.name, node.lineno, length))
    return found


def test_no_function_is_too_long() -> None:
    """Issue 27: a function body is a screen long (at most 60 lines); split a longer one
    into named steps."""
    long = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {name} has {length} lines"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name, line, length in _long_functions(path)
    ]
    assert not long, (
        f"function bodies over {MAX_BODY_LINES} lines (split them into named steps):\n"
        + "\n".join(long)
    )


def test_the_length_finder_finds_long_functions(tmp_path: Path) -> None:
    statements = "".join(f"    x{i} = {i}\n" for i in range(59))
    source = tmp_path / "long.py"
    source.write_text(
        'def short():\n    """A docstring of\n    two lines."""\n'
        + statements
        + "    return x0\n"  # lines 4-63: 60 after the docstring
        + "\n\nasync def long():\n"
        + statements
        + "\n    def inner():\n        return 1\n\n    return inner\n",  # lines 67-130: 64
        encoding="utf-8",
    )
    assert _long_functions(source) == [("long", 66, 64)]
    assert _long_functions(source, limit=59) == [("short", 1, 60), ("long", 66, 64)]


#: lazy imports of vvgctl modules the core keeps, each for a reason
LAZY_IN_CORE = {
    ("vvgctl.repository.registry", "vvgctl.diagnostics"): "only when the registry is broken",
    ("vvgctl.publish.meeting_job", "vvgctl.render.pipeline"): "PDFs only when asked for",
    ("vvgctl.importer.minutes", "vvgctl.checking.check"): "checking only with a registry",
    ("vvgctl.index.update", "vvgctl.index.rows"): "parsing only when files changed",
    ("vvgctl.index.update", "vvgctl.index.shards"): "workers only when files changed",
    ("vvgctl.index", "vvgctl.repository.repo"): "the registry only for the queries that ask",
}


def test_the_core_imports_at_the_top() -> None:
    """STYLE.md: lazy imports stay at the CLI edge; in the core they hid import circles."""
    lazy = set()
    for name, path in _modules().items():
        if _package(name) in ("cli", "__main__"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for sub in ast.walk(node):
                    if (
                        isinstance(sub, ast.ImportFrom)
                        and sub.module
                        and sub.module.split(".")[0] == "vvgctl"
                    ):
                        lazy.add((name, sub.module))
    assert lazy == set(LAZY_IN_CORE)


#: module-level containers a function fills, each a cache of this process (never a command's
#: context: a repository, a batch, the options of a command travel as arguments)
PROCESS_STATE = {
    ("vvgctl.runtime.cache", "_REFUSED"): "the cache folders already warned about",
    ("vvgctl.runtime.cache", "_SCRATCH"): "the one scratch folder of a run without a cache",
    ("vvgctl.runtime.pool", "_WORKER"): "a forked worker's context, set by its initializer",
    ("vvgctl.swedish.stemming", "_STEMMER"): "the stemmer, made on first use",
    ("vvgctl.swedish.stemming", "_STEMS"): "the stems already computed",
    ("vvgctl.index.vocab", "_OPEN"): "the open lexicon file",
    ("vvgctl.index.extract", "_LINES"): "the last front matter split into lines",
}

_MUTABLE_CALLS = {"list", "dict", "set", "defaultdict", "deque", "OrderedDict", "Counter"}
_MUTATORS = {
    "append",
    "pop",
    "add",
    "clear",
    "update",
    "setdefault",
    "extend",
    "insert",
    "remove",
    "discard",
    "popitem",
    "appendleft",
    "popleft",
}


def _mutable_globals(tree: ast.Module) -> set[str]:
    """Names a module binds, at its top level, to a list, dict or set (a display, a
    comprehension, a constructor call, or an annotation saying so)."""
    found: set[str] = set()
    for node in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        annotation: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign):
            targets, value, annotation = [node.target], node.value, node.annotation
        mutable = isinstance(
            value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
        ) or (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in _MUTABLE_CALLS
        )
        if annotation is not None:
            head = annotation.value if isinstance(annotation, ast.Subscript) else annotation
            mutable |= isinstance(head, ast.Name) and head.id in {"list", "dict", "set"}
        if mutable:
            found |= {t.id for t in targets if isinstance(t, ast.Name)}
    return found


def _held_context(path: Path) -> set[str]:
    """The module-level containers that a function of the module changes (a stack or slot
    of state that lives beyond one call), and every name assigned through ``global``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    candidates = _mutable_globals(tree)
    held: set[str] = set()
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                held |= set(node.names)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in candidates
                and node.func.attr in _MUTATORS
            ):
                held.add(node.func.value.id)
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
                targets = (
                    node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
                )
                for target in targets:
                    if (
                        isinstance(target, ast.Subscript)
                        and isinstance(target.value, ast.Name)
                        and target.value.id in candidates
                    ):
                        held.add(target.value.id)
    return held


def test_no_context_in_module_globals() -> None:
    """Issue 27: a command's repository, batch or options travel as arguments (to a worker
    through the pool's initializer, :func:`vvgctl.runtime.pool.map_with`), never on a
    module-level stack such as the ``_ANALYSING`` and ``_BATCH`` that once held them."""
    held = {
        (name, variable) for name, path in _modules().items() for variable in _held_context(path)
    }
    assert held == set(PROCESS_STATE), (
        "module-level state that functions change (pass it as an argument instead):\n"
        + "\n".join(f"{m}.{v}" for m, v in sorted(held - set(PROCESS_STATE)))
    )


def test_the_context_finder_finds_stacks(tmp_path: Path) -> None:
    source = tmp_path / "stack.py"
    source.write_text(
        "_STACK: list[object] = []\n_BATCH = {}\n_FIXED = [1, 2]\n"
        "def run(repository):\n    _STACK.append(repository)\n"
        "    _BATCH[1] = repository\n    global _OTHER\n    _OTHER = 1\n"
        "    return _FIXED[0]\n",
        encoding="utf-8",
    )
    assert _held_context(source) == {"_STACK", "_BATCH", "_OTHER"}


def _snake(name: str) -> str:
    return "".join(("_" + c.lower()) if c.isupper() else c for c in name).lstrip("_")


def _vvgctl_names() -> set[str]:
    """The packages and the (snake-cased) classes of vvgctl: what a parameter named so holds."""
    names = {_package(m) for m in _modules()} - {""}
    for path in _modules().values():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                names.add(_snake(node.name))
    return names


def _any_parameters(path: Path) -> list[tuple[str, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            found += [
                (node.name, a.arg)
                for a in arguments
                if (isinstance(a.annotation, ast.Name) and a.annotation.id == "Any")
                or (isinstance(a.annotation, ast.Constant) and a.annotation.value == "Any")
            ]
    return found


def test_no_hidden_arrow_through_any() -> None:
    """Issue 27: a parameter that holds a vvgctl object (named for its class or package, as
    ``index``) is typed with it, or with a Protocol of the lower layer: typed ``Any`` it hid
    that ``repository/governing_documents.py`` queried the index above it."""
    names = _vvgctl_names()
    hidden = [
        f"{module}.{function}({argument}: Any)"
        for module, path in _modules().items()
        if _package(module) not in ("cli", "__main__")
        for function, argument in _any_parameters(path)
        if argument in names
    ]
    assert not hidden, "type these with the class or a Protocol:\n" + "\n".join(hidden)


def test_one_module_lists_every_check() -> None:
    """Issue 27: :mod:`vvgctl.checking.registry` lists every rule and every data file kind
    (as yamllint lists its rules); no module registers a check by a call at import."""
    from vvgctl.checking import registry

    rules = {p.stem for p in (PACKAGE / "checking" / "rules").glob("*.py")} - {"__init__", "base"}
    listed = [
        m.__name__.rsplit(".", 1)[1] for m in (*registry.FILE_RULES, *registry.REPOSITORY_RULES)
    ]
    assert sorted(listed) == sorted(rules)
    defined: set[str] = set()
    calls: list[str] = []
    for name, path in _modules().items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign, ast.Expr)) else None
            if (
                isinstance(node, ast.Expr)
                and isinstance(value, ast.Call)
                and name != "vvgctl.__main__"
            ):
                calls.append(f"{name}: {ast.unparse(node)}")
            if (
                isinstance(value, ast.Call)
                and isinstance(value.func, ast.Name)
                and value.func.id == "DataFileKind"
            ):
                first = value.args[0]
                assert isinstance(first, ast.Constant)
                defined.add(str(first.value))
    assert not calls, (
        "calls at import (list the check in vvgctl/checking/registry.py):\n" + "\n".join(calls)
    )
    assert defined == {kind.name for kind in registry.DATA_FILE_KINDS}


def test_every_format_option_in_one_place() -> None:
    """Issue 27: the --format choices of every command are defined in vvgctl/cli/formats.py,
    keyed there by the command's name."""
    from vvgctl.cli.formats import FORMATS

    elsewhere = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ClassDef)
                and node.name.endswith("Format")
                and name != "vvgctl.cli.formats"
            ):
                elsewhere.append(f"{name}.{node.name}")
    assert not elsewhere
    assert {"check", "render", "arshjul", "decisions"} <= set(FORMATS)
