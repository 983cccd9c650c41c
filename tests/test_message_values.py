"""Every message a person reads goes through the value type, read from the code itself.

A message formatted into text before it reaches an error, a diagnostic or a note can only be
translated by reading the text back (what ``translate_formatted`` did, and what this test keeps
out): so no ``N_(…).format(…)``, no f-string, ``%`` or ``+`` handed to ``VvgError``,
``UsageError``, ``Diagnostic``, ``Loaded.error``, an importer note or ``output.note``; and a
constant handed to them is marked for the catalog. ``Message`` round-trips through the data
the cache and JSON keep.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message, plural
from vvgctl.runtime import i18n

PACKAGE = Path(__file__).resolve().parent.parent / "vvgctl"

#: the callables whose message (and hint) arguments a person reads
SINKS = {
    "VvgError",
    "UsageError",
    "NotMinutes",
    "Diagnostic",
    "error",
    "note",
    "to_review",
    "YamlProblem",
    "SourceProblem",
    "_at",
    "_problem",
}
#: where the message and hint stand among a sink's arguments (by position), besides keywords
POSITIONS = {"Diagnostic": (5, 6), "error": (1,), "_at": (2, 3), "to_review": (1,)}
KEYWORDS = {"message", "hint", "why"}
#: modules left out of the reading (none: every module's messages are values)
OUTSIDE: tuple[str, ...] = ()


def _formatted(node: ast.expr) -> bool:
    """Text made by formatting: an f-string with a value, ``%``, ``+`` of texts, ``.format``."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return any(
            isinstance(side, ast.Constant | ast.JoinedStr | ast.Call)
            and (not isinstance(side, ast.Call) or _is_text_call(side))
            for side in (node.left, node.right)
        )
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format"
    if isinstance(node, ast.IfExp):
        return _formatted(node.body) or _formatted(node.orelse)
    return False


def _is_text_call(node: ast.Call) -> bool:
    return isinstance(node.func, ast.Name) and node.func.id in ("N_", "_", "tr", "str", "Message")


def _name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    return call.func.attr if isinstance(call.func, ast.Attribute) else None


def _appends_a_note(call: ast.Call) -> bool:
    """``….notes.append(…)``: a note a command prints."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "append"
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "notes"
    )


def _messages_of(call: ast.Call, name: str) -> list[ast.expr]:
    positions = POSITIONS.get(name, (0,))
    found = [a for i, a in enumerate(call.args) if i in positions]
    return found + [k.value for k in call.keywords if k.arg in KEYWORDS]


def _offences() -> list[str]:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        shown = path.relative_to(PACKAGE).as_posix()
        if shown.startswith(OUTSIDE):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node)
            if (
                name == "format"
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Call)
                and _name(node.func.value) == "N_"
            ):
                wrong.append(f"{shown}:{node.lineno}: N_(…).format(…): use Message(N_(…), {{…}})")
                continue
            if _appends_a_note(node):
                name = "notes.append"
            elif name not in SINKS:
                continue
            for arg in _messages_of(node, name):
                if _formatted(arg):
                    wrong.append(
                        f"{shown}:{arg.lineno}: {name}() is handed formatted text: "
                        f"{ast.unparse(arg)[:70]}"
                    )
                elif (
                    isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and name not in ("error", "notes.append")
                ):
                    wrong.append(
                        f"{shown}:{arg.lineno}: {name}() is handed an unmarked text: "
                        f"{arg.value[:60]!r}"
                    )
    return wrong


def test_no_message_is_formatted_before_it_is_shown() -> None:
    wrong = _offences()
    assert not wrong, "\n".join(wrong)


def test_the_checker_catches_what_it_should() -> None:
    """The reading above finds each form of formatted text (a check that checks itself)."""
    source = """
VvgError(N_("x {a}").format(a=1))
VvgError(f"x {a}")
Diagnostic(p, 1, 1, s, c, "x " + str(a))
draft.note(f"item {n} has no kind")
raise UsageError("not marked")
VvgError(Message(N_("the {what}"), {"what": w}) + ": more")
"""
    tree = ast.parse(source)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _name(n) in SINKS]
    flagged = [
        c
        for c in calls
        if any(
            _formatted(a) or isinstance(a, ast.Constant) for a in _messages_of(c, _name(c) or "")
        )
    ]
    assert len(flagged) == 6


def test_no_formatted_text_is_read_back_into_its_template() -> None:
    """The reverse-parsing translator is gone: no module of vvgctl's own reads gettext's
    catalog or rebuilds templates, but the one for click's usage errors under typer 0.28."""
    assert not hasattr(i18n, "translate_formatted")
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path.name == "click_messages.py":
            continue
        assert "translate_formatted" not in text, path
        assert "._catalog" not in text, path


def test_a_message_round_trips_through_its_data(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    monkeypatch.delenv("LANG", raising=False)
    message = plural(
        "{n} meeting",
        "{n} meetings",
        3,
        {"when": Message("an earlier meeting"), "day": dt.date(2026, 1, 2)},
    )
    diagnostic = Diagnostic(
        "a.md",
        1,
        1,
        Severity.ERROR,
        "code",
        message,
        Message("did you mean {guess}?", {"guess": "x"}),
    )
    again = Diagnostic.from_dict(diagnostic.as_data())
    assert again.message == message and again.hint == diagnostic.hint
    assert diagnostic.as_dict()["message"] == "3 meetings"
    assert i18n.render(again.message) == "3 möten"
