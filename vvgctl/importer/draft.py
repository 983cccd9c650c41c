"""The draft being built: front-matter data, where each part came from, body and review text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vvgctl.importer.text import Line
from vvgctl.message import Message, message

Path_ = tuple[str | int, ...]


@dataclass
class Note:
    """Something the importer was unsure of; placed at a front-matter path or a body line."""

    message: Message | str
    path: Path_ | None = None
    body: tuple[str, int] | None = None  # ("item", number) / ("review", piece index)


@dataclass
class ItemText:
    """The body of one item: its heading as written and the prose lines kept verbatim."""

    number: str
    title: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class Draft:
    data: dict[str, Any] = field(default_factory=dict)
    credits: dict[Path_, list[Line]] = field(default_factory=dict)
    items: list[ItemText] = field(default_factory=list)
    review: list[list[Line]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    organisations: dict[str, str] = field(default_factory=dict)
    preface: list[Line] = field(default_factory=list)
    #: the minutes print their follow-ups ('Uppföljning: …'): none is read from the prose
    printed_follow_ups: bool = False
    derived_follow_ups: list[dict[str, Any]] = field(default_factory=list)
    #: 'Åtgärd klar: <text>' (a printed note, the item or sub-item, its path) to find by text
    closed_texts: list[tuple[Any, dict[str, Any], Path_]] = field(default_factory=list)

    def credit(self, path: Path_, line: Line, text: str | None = None) -> None:
        """Record that ``text`` (default: the whole line) of the input went into ``path``."""
        self.credits.setdefault(path, []).append(Line(line.no, line.text if text is None else text))

    def to_review(self, lines: list[Line], why: Message | str | None = None) -> None:
        lines = [line for line in lines if not line.blank]
        if not lines:
            return
        self.review.append(lines)
        if why:
            self.notes.append(Note(message(why), body=("review", len(self.review) - 1)))

    def note(self, text: Message | str, path: Path_ | None = None) -> None:
        """A note for the person who reads the draft (a marked constant is its own msgid)."""
        self.notes.append(Note(message(text), path))

    def remember_org(self, name: str, organisation: str | None) -> None:
        if organisation and name not in self.organisations:
            self.organisations[name] = organisation
