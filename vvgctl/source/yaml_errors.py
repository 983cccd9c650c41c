"""ruamel.yaml's parser errors as messages: what went wrong and what to do, in our words.

A parser error is structured: a ``problem`` and its mark, and the ``context`` (the construct
being read) with its own mark. Both are fixed phrases of the parser (libyaml's or ruamel's
pure-Python one), so each known phrase maps to one of our messages with a hint that says what
to do; the places come from the marks. A phrase the tables do not know is shown as the parser
wrote it (``YAML syntax error: …``), with the generic hint.
"""

from __future__ import annotations

import re

from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

#: the parser's problem (a pattern over its fixed phrase) -> our message and what to do
_PROBLEMS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(p), m, h)
    for p, m, h in [
        (
            r"(did not find expected|expected) ',' or '\]'",
            N_("YAML syntax error: a list in square brackets is not closed"),
            N_(
                "end the list with ']' and separate its entries with ','; put a value that holds a "
                "bracket or a comma in quotes"
            ),
        ),
        (
            r"(did not find expected|expected) ',' or '\}'",
            N_("YAML syntax error: a mapping in braces is not closed"),
            N_(
                "end the mapping with '}' and separate its entries with ','; put a value that "
                "holds a brace or a comma in quotes"
            ),
        ),
        (
            r"mapping values are not allowed",
            N_("YAML syntax error: a colon and a space where no key may begin"),
            N_("put the value that holds ': ' in quotes, or check the indentation of the line"),
        ),
        (
            r"could not find expected ':'",
            N_("YAML syntax error: a line without the colon of 'key: value'"),
            N_("add ':' after the key, or join the line with the one before it"),
        ),
        (
            r"(did not find expected key|expected <block end>)",
            N_("YAML syntax error: the indentation is uneven"),
            N_("indent the entries of one list or mapping by the same number of spaces"),
        ),
        (
            r"(did not find expected '-' indicator|(block )?sequence entries are not allowed)",
            N_("YAML syntax error: a list entry ('- ') where none may stand"),
            N_("indent the list's entries equally under their key"),
        ),
        (
            r"(tab character|found character '\\t')",
            N_("YAML syntax error: a tab where YAML expects spaces"),
            N_("indent with spaces, not tabs"),
        ),
        (
            r"found (character|.*) that cannot start any token",
            N_("YAML syntax error: a value begins with a character YAML reserves (such as @ or `)"),
            N_("put the value in quotes"),
        ),
        (
            r"found unexpected end of stream",
            N_("YAML syntax error: the file ends inside a quoted text or a bracket"),
            N_("close the quote or the bracket that is left open"),
        ),
        (
            r"(did not find expected node content|expected the node content)",
            N_("YAML syntax error: a value is missing or begins with a reserved character"),
            N_("write the value after the colon, in quotes if it begins with a sign"),
        ),
        (
            r"(found undefined alias|expected alphabetic or numeric character|"
            r"did not find expected alphabetic or numeric character)",
            N_("YAML syntax error: a value beginning with '*' or '&' is read as a YAML alias"),
            N_("put the value in quotes"),
        ),
    ]
]

#: the parser's context -> the construct as we name it
_CONTEXTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), m)
    for p, m in [
        (r"flow sequence", N_("the list in square brackets")),
        (r"flow mapping", N_("the mapping in braces")),
        (r"block mapping", N_("the mapping")),
        (r"block collection|block sequence", N_("the list")),
        (r"quoted scalar", N_("the quoted text")),
        (r"simple key", N_("the key")),
        (r"plain scalar|node", N_("the value")),
    ]
]


def yaml_problem(
    problem: str, context: str | None, context_line: int | None, same_line: bool
) -> tuple[Message, Message | None]:
    """The message and hint for a parser error; ``context_line`` is the file line where the
    ``context`` begins, ``same_line`` whether the problem is on that line too."""
    message: Message | None = None
    todo: Message = Message(N_("check the brackets, quotes and indentation"))
    for pattern, text, hint in _PROBLEMS:
        if pattern.search(problem):
            message, todo = Message(text), Message(hint)
            break
    if message is None:
        message = Message(N_("YAML syntax error: {problem}"), {"problem": problem})
    construct = next(
        (Message(name) for pattern, name in _CONTEXTS if context and pattern.search(context)), None
    )
    if construct is None or context_line is None or same_line:
        return message, todo
    return message, Message(
        N_("{todo} ({construct} begins on line {line})"),
        {"todo": todo, "construct": construct, "line": context_line},
    )
