"""body-sections: the Markdown body has one ``## N. Title`` section per item, in order.

The front matter holds the structured parts of an item; the body section holds its prose
(background, dialog). A missing or extra section means the two have drifted apart.
"""

from __future__ import annotations

from collections.abc import Iterator

from vvgctl.checking.rules.base import FileContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message
from vvgctl.repository.registry import fold
from vvgctl.runtime.i18n import N_

CODE = "body-sections"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR, Severity.WARNING)


def check(ctx: FileContext) -> Iterator[Diagnostic]:
    document = ctx.loaded.document
    if document is None:
        return
    numbered = [s for s in document.sections if s.number is not None and s.number.isdigit()]
    by_number = {s.number: s for s in numbered}
    items = {item.number: (i, item) for i, item in enumerate(ctx.meeting.items)}
    for section in numbered:
        if section.number not in items:
            yield _at(
                ctx,
                section.line,
                Message(N_("section '## {heading}' matches no item"), {"heading": section.heading}),
                Message(N_("add the item to the front matter's 'items', or remove the section")),
            )
    for number, (index, item) in items.items():
        found = by_number.get(number)
        if found is None:
            yield ctx.loaded.error(
                CODE,
                Message(N_("item {number} has no section in the body"), {"number": number}),
                "items",
                index,
                "number",
                hint=Message(
                    N_("add a heading '## {number}. {title}' to the body"),
                    {"number": number, "title": item.title},
                ),
            )
        elif found.title != item.title and (
            fold(found.title).rstrip(" .") != fold(item.title).rstrip(" .")
        ):
            yield _at(
                ctx,
                found.line,
                Message(
                    N_("section '## {heading}' has another title than item {number} ({title!r})"),
                    {"heading": found.heading, "number": number, "title": item.title},
                ),
                Message(N_("use the same title in both places")),
                Severity.WARNING,
            )
    order = [s.number for s in numbered if s.number in items]
    expected = [n for n in items if n in order]
    if order != expected:
        line = numbered[0].line if numbered else document.body_line
        yield _at(
            ctx,
            line,
            Message(N_("the body's sections are not in the order of the items")),
            Message(N_("put the sections in the same order as 'items'")),
        )


def _at(
    ctx: FileContext,
    line: int,
    message: Message,
    hint: Message,
    severity: Severity = Severity.ERROR,
) -> Diagnostic:
    return Diagnostic(ctx.loaded.path, line, 1, severity, CODE, message, hint)
