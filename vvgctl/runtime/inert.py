"""Text from the records made inert for what reads vvgctl's text output: a terminal and a CI
runner's job log.

A title or a position is written by whoever opens a pull request. Printed as it is, it could
clear the reader's terminal (control characters) or, in a GitHub Actions log, be executed as a
workflow command: a line that starts with ``::`` (``::set-output``, ``::error file=…``,
``::stop-commands::``), leading spaces allowed, or that holds ``##[`` anywhere (the runner's
legacy form, still parsed). So a value is written on one line (:func:`one_line`: a newline in
it as a visible ``\\n``) and every line printed is passed through :func:`inert`, which writes
the first ``:`` of a leading ``::`` and the ``[`` of ``##[`` as visible escapes (``\\x3a``,
``\\x5b``) as :func:`visible` does control characters. The GitHub annotations of ``--format
github`` are escaped by their own rules (:mod:`vvgctl.cli.reporters`).

Markdown that a forge shows (a pull request's job summary, a merge request note, a README)
takes a value through :func:`markdown`: one line, its markup backslash-escaped, and its
``@`` mentions broken (see there).
"""

from __future__ import annotations

import re

#: control characters (C0 and C1, DEL) but line feed and tab, each as a visible escape
_CONTROL = {
    c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if c not in (0x09, 0x0A)
}
#: a GitHub workflow command: ``::`` opening a line (after spaces), ``##[`` anywhere in it
_COMMAND_START = re.compile(r"^(\s*):(?=:)", re.MULTILINE)
_LEGACY_COMMAND = "##["
#: what CommonMark/GFM could read as markup or HTML in running text (``&``: an entity such as
#: ``&#64;`` is decoded into text, where a forge would find a mention)
_MARKUP = re.compile(r"([\\`*_{}\[\]<>()#+!|~&$])")
#: WORD JOINER: invisible, no line break, and no word character to either forge
_JOINER = "\u2060"


def visible(text: str) -> str:
    """``text`` with its control characters written out (``\\x1b``): a title in a pull
    request must not clear the reader's terminal, retitle its window or hide text."""
    return text.translate(_CONTROL)


def one_line(value: object) -> str:
    """A record's value for one line of text output: control characters visible, a line
    break as ``\\n``, so that the value cannot start a line of its own."""
    return visible(str(value)).replace("\n", "\\n")


def inert(text: str) -> str:
    """Text output (one line or many) that neither a terminal nor a CI runner acts on:
    control characters visible, workflow commands (``::…``, ``##[…``) escaped."""
    text = _COMMAND_START.sub(r"\1\\x3a", visible(text))
    return text.replace(_LEGACY_COMMAND, "##\\x5b")


def markdown(value: object) -> str:
    """A record's value as one line of inert Markdown for GitHub and GitLab: control
    characters visible, line breaks as spaces (a table row or a list item is not broken),
    markup and HTML (``<``, ``>``, ``&``) and table cells (``|``) backslash-escaped, and
    every ``@`` followed by a WORD JOINER (U+2060).

    Both forges find mentions (``@all``, ``@org/styrelse``) in the rendered text, after
    escapes and entities are resolved, so neither ``\\@`` nor ``&#64;`` keeps ``@all`` from
    notifying everyone. The joiner stays in the text and is not a word character, so neither
    forge's mention pattern matches, while the reader sees ``@all`` as written."""
    text = " ".join(visible(str(value)).split())
    return _MARKUP.sub(r"\\\1", text).replace("@", "@" + _JOINER)
