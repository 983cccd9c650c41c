"""Agenda items: headings, sub-items and the labelled parts of each item.

An item's structured parts (kind, timebox, presenters, documents, positions, actions, the
question, attendance, a table) go to the front matter; every other line stays verbatim in the
item's body section. Follow-ups and the schedule are read from the text without taking it away.
"""

from __future__ import annotations

import re
from typing import Any

from vvgctl.importer import labels as L
from vvgctl.importer import printed as P
from vvgctl.importer.attendance import attendance_at
from vvgctl.importer.item_parts import ItemParts, plain
from vvgctl.importer.people import parse_names, strip_markup
from vvgctl.importer.positions import collect_position, decision_from
from vvgctl.importer.text import Line
from vvgctl.importer.timebox import is_timebox_line, timebox_of
from vvgctl.runtime.i18n import N_, Message

_BULLET = re.compile(r"^\s*[-*•]\s+(.+)$")
SUB = re.compile(r"^\s*(?:[-*]\s+)?(#{1,6}\s*)?(?:\*\*)?([a-z])\s*[.)]\s+(\S.*?)\s*$")


class ItemParser(ItemParts):
    """Reads one item's lines into the item's data and its body text: each line goes to the
    first reading that takes it, in a fixed order, and else to the body."""

    # -- the walk --------------------------------------------------------------------------
    def parse(self, lines: list[Line]) -> dict[str, Any]:
        kind = L.kind_from_title(self.item["title"])
        if kind:
            self.item["kind"] = kind
        expected_letter = "a"
        j = 0
        while j < len(lines):
            line = lines[j]
            if line.blank:
                self.text.lines.append(line)
                j += 1
                continue
            clean = plain(line)
            sub = SUB.match(line.text)
            if sub and sub.group(2) == expected_letter and len(sub.group(3)) <= 150:
                j = self._subitem(lines, j, sub.group(2), strip_markup(sub.group(3)))
                expected_letter = chr(ord(expected_letter) + 1)
                continue
            j = self._line(lines, j, line, clean)
        if "subitems" in self.item and not self.item["subitems"]:
            del self.item["subitems"]
        if self.item.get("kind") == "procedural":  # the parts of a formal item are formal
            for sub in self.item.get("subitems", []):
                sub.setdefault("kind", "procedural")
        self._derived()
        return self.item

    def _subitem(self, lines: list[Line], j: int, letter: str, title: str) -> int:
        sub: dict[str, Any] = {"number": letter, "title": title}
        subs = self.item.setdefault("subitems", [])
        subs.append(sub)
        self.text.lines.append(lines[j])
        kind = L.kind_from_title(title)
        if kind and kind != "procedural":
            sub["kind"] = kind
        following = next((x for x in lines[j + 1 :] if not x.blank), None)
        if len(subs) == 1:
            self.listed = following is not None and bool(SUB.match(following.text))
        owns = following is not None and not SUB.match(following.text) and not self.listed
        if owns:
            self.target, self.base = sub, ("items", self.index, "subitems", len(subs) - 1)
        else:
            self.target, self.base = self.item, ("items", self.index)
        self.meta = True
        return j + 1

    def _line(self, lines: list[Line], j: int, line: Line, clean: str) -> int:
        """One line of the item (not a sub-item's heading); the index of the line after the
        lines it took."""
        for step in (
            self._kind_line,
            self._timebox_line,
            self._presenters_line,
            self._names_under_title,
            self._document_line,
            self._printed,
            self._position,
            self._attendance,
            self._labelled,
            self._pause_line,
            self._table_line,
        ):
            end = step(lines, j, line, clean)
            if end is not None:
                return end
        if L.DIALOG.match(clean):
            self.saw_dialog = True
        self._body(line)
        return j + 1

    # -- the readings, in the order _line tries them: each returns where the next line is,
    # -- or None when the line is not its kind
    def _kind_line(self, lines: list[Line], j: int, line: Line, clean: str) -> int | None:
        """'Information', 'Ställningstagande 10 min': the item's kind (and timebox) at its head."""
        if not self.meta or self.base in self.explicit_kind:
            return None
        kind = L.KIND_LINE.match(clean)
        if not kind or clean.endswith(":"):
            return None
        path = self._put("kind", L.kind_of_label(kind.group(1)))
        self.explicit_kind.add(self.base)
        self.draft.credit(path, line, kind.group(1))
        if kind.group(2):
            box = timebox_of(kind.group(2))
            if box:
                self.draft.credit(self._put("timebox", box), line, kind.group(2))
            else:
                self.text.lines.append(Line(line.no, kind.group(2)))
        return j + 1

    def _timebox_line(self, lines: list[Line], j: int, line: Line, clean: str) -> int | None:
        if self.meta and "timebox" not in self.target and is_timebox_line(clean):
            box = timebox_of(clean)
            if box:
                self.draft.credit(self._put("timebox", box), line)
                return j + 1
        return None

    def _presenters_line(self, lines: list[Line], j: int, line: Line, clean: str) -> int | None:
        """'Föredragande: …'"""
        presenters = L.PRESENTERS.match(clean)
        if presenters:
            people = parse_names(presenters.group(2), self.ctx.registry)
            if people:
                self._presenters(people, line, presenters.group(1))
                return j + 1
        return None

    def _names_under_title(self, lines: list[Line], j: int, line: Line, clean: str) -> int | None:
        """Names alone on a line at the item's head: its presenters."""
        if (
            self.meta
            and "presenters" not in self.target
            and ":" not in clean
            and not clean.endswith(".")
            and len(clean) < 160
        ):
            people = parse_names(clean, self.ctx.registry)
            if people:
                self._presenters(people, line, None)
                said = N_("input line {line}: the names under the title were taken as presenters")
                self.draft.note(Message(said, {"line": line.no}), (*self.base, "presenters"))
                return j + 1
        return None

    def _document_line(self, lines: list[Line], j: int, line: Line, clean: str) -> int | None:
        """A link or a file in a list, or a list under the item's head: a document."""
        link = L.LINK_BULLET.match(line.text) or L.FILE_BULLET.match(line.text)
        if link:
            self._document(line, link)
            return j + 1
        bullet = _BULLET.match(line.text)
        if (
            bullet
            and self.meta
            and (
                self.base in self.explicit_kind
                or "timebox" in self.target
                or "presenters" in self.target
                or L.PREVIOUS_TITLE.search(self.item["title"])
            )
        ):
            self._document(line, bullet)  # a list of documents under the item's head
            return j + 1
        return None

    def _printed(self, lines: list[Line], j: int, line: Line, clean: str) -> int | None:
        """What the rendered minutes print (vvgctl.importer.printed) and read back as is."""
        printed = P.read(lines, j, self.ctx)
        if printed is None:
            return None
        P.keep(printed, self.target, self.base, self.draft)
        return j + len(printed.lines)

    def _position(self, lines: list[Line], j: int, line: Line, clean: str) -> int | None:
        """A position with its label or in a sentence of its own, with the lines it runs over;
        or a sentence that takes a position without a label."""
        bullet = _BULLET.match(line.text)
        labelled = L.POSITION.match(clean)
        sentence = None if bullet else L.POSITION_SENTENCE.match(clean)
        if labelled or sentence:
            label = labelled.group(1) if labelled else ""
            # the detailed position (after the dialog, or a second one) runs on over its paragraphs
            runs_on = self.saw_dialog or bool(self.target.get("decisions"))
            block, end = collect_position(lines, j, runs_on)
            decision = decision_from(label, block, self.saw_dialog, self.ctx)
            if decision is not None:
                path = self._put("decisions", decision)
                for piece in block:
                    self.draft.credit(path, piece)
                return end
        if not bullet and self._unlabelled_position(line, clean):
            return j + 1
        return None

    def _attendance(self, lines: list[Line], j: int, line: Line, clean: str) -> int | None:
        return attendance_at(lines, j, self.draft, self.ctx.registry)

    def _labelled(self, lines: list[Line], j: int, line: Line, clean: str) -> int | None:
        """An action, the question, the secretary or the chair, by its label."""
        for pattern, handler in (
            (L.ACTION, self._action),
            (L.QUESTION, self._question),
            (L.SECRETARY, self._secretary),
            (L.CHAIR, self._chair),
        ):
            match = pattern.match(clean)
            if match:
                handled = handler(lines, j, match)
                if handled is not None:
                    return handled
        return None

    def _pause_line(self, lines: list[Line], j: int, line: Line, clean: str) -> int | None:
        if L.PAUSE.match(clean) and len(clean) < 80:
            self._pause(line, clean)
            return j + 1
        return None

    def _table_line(self, lines: list[Line], j: int, line: Line, clean: str) -> int | None:
        return self._table(lines, j) if "\t" in line.text else None
