"""The agenda of a new meeting, laid out as the organ writes it.

In order: the opening items of the organ's template (:class:`vvgctl.models.agenda.AgendaTemplate`
in the registry, or the default one), the topics the årshjul plans with their ``kind``, the
follow-ups aimed at the meeting (a short title, the sentence as the text), the open actions
with their ids, the item that gathers the written information, the template's closing items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vvgctl.cycle.scaffold_inputs import Inputs, Topic
from vvgctl.models.agenda import TemplateItem
from vvgctl.models.item import ItemKind

#: the longest title taken from a follow-up's sentence; a longer one is cut at a word
TITLE_LIMIT = 70

#: where a follow-up's subject ends: "Barn med trach | lyfts efter beredning (…)"
_SUBJECT_END = re.compile(
    r"\s+(?:lyfts|återkommer|återkopplas|presenteras|redovisas|tas upp|tas tillbaka|följs upp|"
    r"behandlas|diskuteras)\b|\s*\(",
    re.IGNORECASE,
)


@dataclass
class PlannedSub:
    """A lettered sub-item of a planned item."""

    letter: str
    title: str
    kind: ItemKind = ItemKind.PROCEDURAL
    case: str | None = None


@dataclass
class PlannedItem:
    """One agenda item of the new meeting, as the front matter and the body template see it."""

    number: str
    title: str
    kind: ItemKind | None = None
    case: str | None = None
    subitems: list[PlannedSub] = field(default_factory=list)
    note: str | None = None  # a hint for the writer, rendered as an HTML comment
    lines: list[str] = field(default_factory=list)  # Markdown lines under the heading


def one_line(text: str) -> str:
    return " ".join(text.split())


def short_title(sentence: str, case_title: str | None = None) -> str:
    """An item title for a follow-up: its subject (two words or more before "lyfts",
    "återkommer", "presenteras" … or a parenthesis), else the sentence when it is short, else
    the title of the case it names, else the sentence cut at a word."""
    text = one_line(sentence).rstrip(" .")
    match = _SUBJECT_END.search(text)
    if match and match.start() > 0:
        head = text[: match.start()].rstrip(" ,;:–-")
        if len(head.split()) >= 2 and len(head) <= TITLE_LIMIT:  # not just "Beredningen"
            return head[0].upper() + head[1:]
    if len(text) <= TITLE_LIMIT:
        return text[0].upper() + text[1:] if text else text
    if case_title:
        return one_line(case_title)
    cut = text[:TITLE_LIMIT].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return f"{cut} …"


def _fixed(number: str, template: TemplateItem) -> PlannedItem:
    return PlannedItem(
        number,
        template.title,
        template.kind,
        subitems=[
            PlannedSub(chr(ord("a") + i), sub.title, sub.kind)
            for i, sub in enumerate(template.subitems)
        ],
    )


def _is_previous_minutes(title: str) -> bool:
    title = title.casefold()
    return "föregående" in title and ("anteckning" in title or "protokoll" in title)


def _topic_item(number: str, topic: Topic) -> PlannedItem:
    sentences = [one_line(text) for text, _origin in topic.follow_ups]
    origins = [origin for _text, origin in topic.follow_ups]
    if topic.from_follow_up:
        title = short_title(topic.title, topic.case_title)
        note = "; ".join(dict.fromkeys(origins)).capitalize() + "." if origins else None
        lines = sentences if len(sentences) == 1 else [f"- {s}" for s in sentences]
        return PlannedItem(
            number, title, topic.kind, topic.case, note=note, lines=lines or [one_line(topic.title)]
        )
    item = PlannedItem(number, one_line(topic.title), topic.kind, topic.case)
    if topic.category:
        item.note = f"Ur årshjulet: {one_line(topic.category)}."
    item.lines = [f"- {s} ({o})" for s, o in zip(sentences, origins, strict=True)]
    return item


def items_of(inputs: Inputs) -> list[PlannedItem]:
    """The agenda: the template's opening items, the planned topics and follow-ups, the open
    actions, the written information, the template's closing items."""
    template = inputs.organ.agenda_template()
    items: list[PlannedItem] = []

    def number() -> str:
        return str(len(items) + 1)

    for fixed in template.opening:
        item = _fixed(number(), fixed)
        if _is_previous_minutes(fixed.title) and inputs.previous is None:
            item.note = "Organet har inga tidigare mötesanteckningar i förrådet."
        # otherwise the front matter's ``previous`` names and links them, and the rendered
        # item lists them from there: a copy in the body would be listed a second time
        items.append(item)
    gathered = template.written_information
    written = [
        t
        for t in inputs.topics
        if gathered and t.kind is ItemKind.WRITTEN_INFORMATION and not t.from_follow_up
    ]
    apart = {id(t) for t in written}
    for topic in inputs.topics:
        if id(topic) not in apart:
            items.append(_topic_item(number(), topic))
    if inputs.actions:
        item = PlannedItem(
            number(),
            template.actions,
            ItemKind.INFORMATION,
            note=("Stäng en åtgärd som är klar med closes_actions: [id] på den här punkten."),
        )
        for action in inputs.actions:
            owner = f" (ansvarig: {one_line(action.owner)})" if action.owner else ""
            origin = f" – från {one_line(action.origin)}" if action.origin else ""
            # the id is for the writer (closes_actions), not the reader: a comment, which
            # neither the kallelse nor the minutes print
            ref = f" <!-- closes_actions: [{action.id}] -->" if action.id else ""
            item.lines.append(f"- {one_line(action.text)}{owner}{origin}{ref}")
        items.append(item)
    if written and gathered:
        # each topic a lettered sub-item under the one item, with its case: the årshjul sees
        # a topic taken up by an item or a sub-item (a document is not one), and the writer
        # lists the topic's documents under it, as the minutes list theirs under the item
        item = PlannedItem(
            number(),
            gathered,
            ItemKind.WRITTEN_INFORMATION,
            note="Ur årshjulet: skriftlig information, föredras inte.",
        )
        item.subitems = [
            PlannedSub(chr(ord("a") + i), one_line(t.title), ItemKind.WRITTEN_INFORMATION, t.case)
            for i, t in enumerate(written)
        ]
        items.append(item)
    for fixed in template.closing:
        items.append(_fixed(number(), fixed))
    return items
