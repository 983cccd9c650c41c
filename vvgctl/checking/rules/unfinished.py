"""unfinished: minutes are complete before they are reviewed and approved.

Four things mark minutes as unfinished: a note for the writer left in the body (an HTML
comment such as the scaffold's ``<!-- Skriv här. -->``: it is not shown in the minutes), an
item without a ``kind``, an item whose kind asks for a position (ställningstagande) without one,
and an item of information or dialog with neither text in the body nor a position.

A draft gets warnings; a record in review gets errors, and ``vvgctl approve`` refuses while
any is left. Minutes already approved keep only the check for left notes here: records
approved before they came into the repository (imports, historic minutes) stay valid as long
as they do not change, and ``check --base`` holds a record that becomes approved in a change
to all four (rule ``approval``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vvgctl.checking.rules.base import FileContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message
from vvgctl.models import Meeting
from vvgctl.models.item import (
    ITEM_KIND_LABELS,
    KINDS_REQUIRING_DECISION,
    ItemKind,
    _ItemContent,
)
from vvgctl.models.meeting import Status
from vvgctl.runtime.i18n import N_
from vvgctl.source.loading import LoadedMeeting

CODE = "unfinished"
#: how severe its findings can be
SEVERITIES = (Severity.WARNING, Severity.ERROR)

#: kinds whose minutes say something in the body (unless a position says it)
KINDS_NEEDING_TEXT = frozenset(
    {
        ItemKind.INFORMATION,
        ItemKind.DIALOG,
        ItemKind.INFORMATION_AND_DIALOG,
        *KINDS_REQUIRING_DECISION,
    }
)

_COMMENT = re.compile(r"<!--(.*?)(-->|\Z)", re.DOTALL)
_HEADING = re.compile(r"^#{1,6}\s.*$", re.MULTILINE)

SEVERITY_BY_STATUS = {
    Status.DRAFT: Severity.WARNING,
    Status.REVIEW: Severity.ERROR,
    Status.APPROVED: Severity.ERROR,
}


def check(ctx: FileContext) -> Iterator[Diagnostic]:
    severity = SEVERITY_BY_STATUS.get(ctx.meeting.status)
    if severity is None:
        return  # a kallelse or a planned meeting is unfinished by nature
    historic = ctx.meeting.status is Status.APPROVED
    yield from findings(ctx.loaded, ctx.meeting, severity, completeness=not historic)


def findings(
    loaded: LoadedMeeting,
    meeting: Meeting,
    severity: Severity,
    *,
    notes: bool = True,
    completeness: bool = True,
) -> Iterator[Diagnostic]:
    """What is unfinished in ``meeting``: ``notes`` left in the body, and (``completeness``)
    items without a kind, a position or text."""
    if notes:
        yield from _left_notes(loaded, severity)
    if completeness:
        yield from _incomplete_items(loaded, meeting, severity)


def _left_notes(loaded: LoadedMeeting, severity: Severity) -> Iterator[Diagnostic]:
    document = loaded.document
    if document is None:
        return
    for match in _COMMENT.finditer(document.body):
        line = document.body_line + document.body.count("\n", 0, match.start())
        column = match.start() - document.body.rfind("\n", 0, match.start())
        said = " ".join(match.group(1).split())
        shown = said if len(said) <= 60 else said[:57] + "…"
        yield Diagnostic(
            loaded.path,
            line,
            column,
            severity,
            CODE,
            Message(
                N_("a note for the writer is left in the body: <!-- {shown} -->"), {"shown": shown}
            ),
            Message(
                N_(
                    "write the minutes' text in its place, or remove the comment (the minutes "
                    "never show it)"
                )
            ),
        )


def _section_texts(loaded: LoadedMeeting) -> dict[str, str]:
    document = loaded.document
    if document is None:
        return {}
    texts = {}
    for section in document.sections:
        if section.number is not None:
            text = _HEADING.sub("", _COMMENT.sub("", section.text))
            texts[section.number] = text.strip()
    return texts


def _incomplete_items(
    loaded: LoadedMeeting, meeting: Meeting, severity: Severity
) -> Iterator[Diagnostic]:
    texts = _section_texts(loaded)
    approved = meeting.status is Status.APPROVED
    for index, item in enumerate(meeting.items):
        contents: list[tuple[int | None, _ItemContent, str]] = [(None, item, "")]
        contents += [(s, sub, f" {sub.number}") for s, sub in enumerate(item.subitems)]
        for s, content, letter in contents:
            path: tuple[str | int, ...] = ("items", index)
            name = f"item {item.number}{letter}"
            if s is not None:
                path += ("subitems", s)
            if content.kind is None:
                yield loaded.error(
                    CODE,
                    Message(
                        N_("{name} ({title}) has no kind"), {"name": name, "title": content.title}
                    ),
                    *path,
                    "title",
                    hint=N_(
                        "add 'kind:' (procedural, information, dialog, decision, …; "
                        "vvgctl schema lists them)"
                    ),
                    severity=severity,
                )
                continue
            if (
                content.kind in KINDS_REQUIRING_DECISION and not content.decisions and not approved
            ):  # approved: position-required says it
                yield loaded.error(
                    CODE,
                    Message(
                        N_("{name} is '{ITEM_KIND_LABELS}' but has no position"),
                        {"name": name, "ITEM_KIND_LABELS": ITEM_KIND_LABELS[content.kind]},
                    ),
                    *path,
                    "kind",
                    hint=N_("add 'decisions:' with the ställningstagande, or change the kind"),
                    severity=severity,
                )
        if (
            item.kind in KINDS_NEEDING_TEXT
            and not item.decisions
            and not item.subitems
            and texts.get(item.number) == ""
        ):
            yield loaded.error(
                CODE,
                Message(
                    N_("item {number} ({title}) has no text in the body"),
                    {"number": item.number, "title": item.title},
                ),
                "items",
                index,
                "number",
                hint=Message(
                    N_("write what was said under '## {number}. {title}', or record a position"),
                    {"number": item.number, "title": item.title},
                ),
                severity=severity,
            )
