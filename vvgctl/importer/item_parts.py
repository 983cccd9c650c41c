"""The parts of an agenda item the item's walk (:mod:`vvgctl.importer.items`) hands on: the
presenters, the documents and the previous minutes, a position in the text, an action, the
question, the signatures, a pause and a table; and what the item's text says without its
lines being taken away (follow-ups and the schedule)."""

from __future__ import annotations

import re
from typing import Any

from vvgctl.importer import labels as L
from vvgctl.importer.context import Context
from vvgctl.importer.dates import find_date
from vvgctl.importer.draft import Draft, ItemText, Path_
from vvgctl.importer.people import parse_names, strip_markup
from vvgctl.importer.positions import follow_ups
from vvgctl.importer.schedule import listed_schedule, schedule_lines
from vvgctl.importer.tables import table_from
from vvgctl.importer.text import Line
from vvgctl.importer.timebox import pause_of
from vvgctl.models.common import check_link
from vvgctl.models.item import action_id
from vvgctl.runtime.i18n import N_, Message


def plain(line: Line) -> str:
    """The line's text without markup, heading marks or a bullet."""
    return strip_markup(line.text.strip().lstrip("#").strip().lstrip("-•").strip())


class ItemParts:
    """One item's data and body text, and the readers of its parts."""

    def __init__(self, draft: Draft, ctx: Context, index: int, number: str, title: str) -> None:
        self.draft, self.ctx, self.index = draft, ctx, index
        self.item: dict[str, Any] = {"number": number, "title": title}
        self.text = ItemText(number, title)
        self.target: dict[str, Any] = self.item
        self.base: Path_ = ("items", index)
        self.meta = True
        self.saw_dialog = False
        self.prose: list[str] = []
        self.explicit_kind: set[Path_] = set()
        self.listed = False

    # -- helpers ---------------------------------------------------------------------------
    def _put(self, key: str, value: Any) -> Path_:
        if isinstance(self.target.get(key), list):
            self.target[key].append(value)
            return (*self.base, key, len(self.target[key]) - 1)
        if key in ("documents", "decisions", "actions", "tables", "presenters"):
            self.target[key] = [value]
            return (*self.base, key, 0)
        self.target[key] = value
        return (*self.base, key)

    def _body(self, line: Line) -> None:
        self.text.lines.append(line)
        if not line.blank:
            self.meta = False
            self.prose.append(plain(line))

    # -- the parts -------------------------------------------------------------------------
    def _unlabelled_position(self, line: Line, clean: str) -> bool:
        """'Styrgruppen ställer sig bakom den nya tidsplanen.': the organ taking a position in
        the present tense, without a label; the sentence also stays in the body."""
        if not self.ctx.position_sentence.match(clean):
            return False
        sentence = re.split(r"(?<=[.!?])\s+", clean)[0]
        decision: dict[str, Any] = {
            "type": L.decision_type(sentence),
            "text": sentence,
            "in_body": True,
        }
        if self.saw_dialog:
            decision["after_dialog"] = True
        path = self._put("decisions", decision)
        self.draft.credit(path, Line(line.no, sentence))
        self.draft.note(
            Message(
                N_("input line {line}: a position without a label was read from the text"),
                {"line": line.no},
            ),
            path,
        )
        self._body(line)
        return True

    def _presenters(self, people: list[Any], line: Line, label: str | None) -> None:
        presenters = self.target.setdefault("presenters", [])
        for person in people:
            entry: Any = person.name
            if person.organisation:
                entry = {"name": person.name, "organisation": person.organisation}
            presenters.append(entry)
            self.draft.remember_org(person.name, person.organisation)
        self.draft.credit((*self.base, "presenters"), line)

    def _document(self, line: Line, match: re.Match[str]) -> None:
        title = strip_markup(match.group(1)).strip()
        link = match.group(2).strip() if match.re is L.LINK_BULLET else None
        if link:
            try:
                check_link(link)
            except ValueError:
                link = None
        if L.PREVIOUS_TITLE.search(self.item["title"]) and "previous" not in self.draft.data:
            found = find_date(title, self.ctx.date.year)
            if found and found < self.ctx.date and self.ctx.previous_ok(found):
                previous: dict[str, Any] = {"date": found.isoformat(), "title": title}
                if link:
                    previous["link"] = link
                self.draft.data["previous"] = previous
                self.draft.credit(("previous",), line)
                return
            if found:
                self.draft.note(
                    Message(
                        N_(
                            "input line {line}: the previous minutes ({date}) "
                            "are not in the repository; kept as a document"
                        ),
                        {"line": line.no, "date": found},
                    )
                )
        doc: dict[str, Any] = {"title": title}
        if link:
            doc["link"] = link
        self.draft.credit(self._put("documents", doc), line)

    def _action(self, lines: list[Line], j: int, match: re.Match[str]) -> int | None:
        label, text = match.group(1), match.group(2).strip(" *")
        if not text:
            return None
        # the derived id an action without one has anyway (vvgctl.models.item.action_id),
        # written out so that a later meeting sees what to list under closes_actions
        number = self.item["number"] + (
            self.target["number"] if self.target is not self.item else ""
        )
        ordinal = len(self.target.get("actions") or []) + 1
        action: dict[str, Any] = {
            "id": action_id(self.ctx.organ, self.ctx.date, number, ordinal),
            "text": text,
            "label": label[0].upper() + label[1:],
        }
        if "nästa möte" in label.lower():
            action["due_meeting"] = "next"
        self.draft.credit(self._put("actions", action), lines[j])
        return j + 1

    def _question(self, lines: list[Line], j: int, match: re.Match[str]) -> int | None:
        text, end = match.group(2).strip(), j + 1
        if not text:
            nxt = next((k for k in range(j + 1, len(lines)) if not lines[k].blank), None)
            if nxt is None:
                return None
            text, end = plain(lines[nxt]), nxt + 1
            self.draft.credit((*self.base, "question"), lines[nxt])
        if "question" in self.target:
            return None
        self.target["question"] = text
        self.draft.credit((*self.base, "question"), lines[j])
        return end

    def _secretary(self, lines: list[Line], j: int, match: re.Match[str]) -> int | None:
        return self._signature(lines, j, match, "secretary")

    def _chair(self, lines: list[Line], j: int, match: re.Match[str]) -> int | None:
        return self._signature(lines, j, match, "chair")

    def _signature(self, lines: list[Line], j: int, match: re.Match[str], key: str) -> int | None:
        text, used = match.group(2).strip(), [lines[j]]
        if not text:
            nxt = next((k for k in range(j + 1, len(lines)) if not lines[k].blank), None)
            if nxt is None:
                return None
            text = plain(lines[nxt])
            used.append(lines[nxt])
        people = parse_names(text, self.ctx.registry)
        if not people or len(people) != 1:
            return None
        if key == "chair" and self.draft.data.get("chair") not in (None, people[0].name):
            return None
        self.draft.data[key] = people[0].name
        self.draft.remember_org(people[0].name, people[0].organisation)
        for piece in used:
            self.draft.credit((key,), piece)
        return lines.index(used[-1], j) + 1

    def _pause(self, line: Line, clean: str) -> None:
        interludes = self.draft.data.setdefault("interludes", [])
        interludes.append(pause_of(self.item["number"], clean))
        self.draft.credit(("interludes", len(interludes) - 1), line)

    def _table(self, lines: list[Line], j: int) -> int | None:
        end = j
        while end < len(lines) and not lines[end].blank and "\t" in lines[end].text:
            end += 1
        block = lines[j:end]
        title_line = self._table_title()
        table = table_from(block, title_line.text if title_line else None)
        if table is None:
            return None
        if title_line is not None:
            self.text.lines.remove(title_line)
        path = self._put("tables", table)
        if title_line is not None:
            self.draft.credit(path, title_line)
        for piece in block:
            self.draft.credit(path, piece)
        self.draft.note(N_("the table was read from columns; check the rows and cells"), path)
        return end

    def _table_title(self) -> Line | None:
        last = next((x for x in reversed(self.text.lines) if not x.blank), None)
        if last is None or len(last.text) > 80 or last.text.rstrip().endswith((".", ":")):
            return None
        return last

    # -- read from the text ----------------------------------------------------------------
    def _derived(self) -> None:
        texts = [d["text"] for d in self.item.get("decisions", [])] + self.prose
        found = follow_ups(texts, self.ctx)
        if found and "follow_ups" not in self.item:
            self.item["follow_ups"] = found
            self.draft.derived_follow_ups.append(self.item)

        titles = [self.item["title"]] + [s["title"] for s in self.item.get("subitems", [])]
        if any(L.SCHEDULE_TITLE.search(t) for t in titles):
            candidates = [
                s["title"]
                for s in self.item.get("subitems", [])
                if L.SCHEDULE_TITLE.search(s["title"])
            ] + self.prose
            self.draft.data.setdefault("schedule", []).extend(
                schedule_lines(candidates, self.ctx.date)
            )
        else:  # 'Mötestider 2025:' over a list inside another item ('Övriga frågor')
            self.draft.data.setdefault("schedule", []).extend(
                schedule_lines(listed_schedule(self.prose), self.ctx.date)
            )
            if not self.draft.data["schedule"]:
                del self.draft.data["schedule"]
