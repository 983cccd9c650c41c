"""Import one legacy document into a draft meeting file: the whole pipeline.

text -> normalised lines -> header and items -> draft data -> front matter with provenance
comments + body -> validated by vvgctl's own loader and file rules before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.errors import UsageError, VvgError
from vvgctl.importer import emit
from vvgctl.importer import printed as P
from vvgctl.importer.context import Context
from vvgctl.importer.draft import Draft
from vvgctl.importer.header import Header, finish_mode, parse_header
from vvgctl.importer.items import ItemParser
from vvgctl.importer.pages import read_lines
from vvgctl.importer.people import match_person
from vvgctl.importer.structure import Heading, find_headings, is_credible, sections
from vvgctl.importer.text import Line, unflatten_items
from vvgctl.message import Message
from vvgctl.models import Meeting
from vvgctl.repository.discovery import meeting_path
from vvgctl.repository.registry import RegistryIndex
from vvgctl.runtime.i18n import N_, _
from vvgctl.source.loading import parse_meeting

UNKNOWN_PLACE = "Ej angiven (import)"


class NotMinutes(VvgError):
    """The document has no date and no minutes title: it is not minutes."""


@dataclass
class Uncertainty:
    line: int
    message: Message | str


@dataclass
class ImportResult:
    text: str
    organ: str
    date: dt.date
    uncertain: list[Uncertainty] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    items: int = 0
    review_pieces: int = 0
    probable_matches: list[tuple[str, str]] = field(default_factory=list)
    local_people: list[str] = field(default_factory=list)
    target: Path | None = None
    positions: int = 0


def _previous_checker(root: Path | None, organ: str) -> Any:
    """The repository's rule: a previous-minutes date must be a meeting it holds, unless it
    holds no earlier meeting of the organ at all."""
    dates: set[dt.date] = set()
    if root is not None:
        for path in (root / organ).glob("*/*.md"):
            try:
                dates.add(dt.date.fromisoformat(path.stem))
            except ValueError:
                continue

    def ok(day: dt.date) -> bool:
        return day in dates or not any(d < day for d in dates) or not dates

    return ok


def build_draft(
    text: str,
    *,
    organ: str | None,
    registry: RegistryIndex | None,
    root: Path | None,
    date: dt.date | None = None,
    source: str = "input",
    notes: Sequence[Message | str] = (),
) -> Draft:
    """The draft of ``text``; ``notes`` (how the input was read) become the draft's notes."""
    lines, furniture = read_lines(text)
    lines = unflatten_items(lines)
    headings = find_headings(lines)
    first = headings[0].start if headings else len(lines)
    draft = Draft()
    for note in notes:
        draft.note(note)
    if organ:
        draft.data["organ"] = organ
    header = parse_header(lines[:first], draft, registry, organ)
    if header.organ_line is not None:
        draft.credit(("organ",), header.organ_line)
    if date is not None:
        draft.data["date"] = date.isoformat()
    _require_date(draft, header, source)
    _require_organ(draft, header, registry, source)
    headings = _credible_headings(draft, header, headings, lines)
    meeting_date = dt.date.fromisoformat(draft.data["date"])
    ctx = Context(
        registry, meeting_date, draft.data["organ"], _previous_checker(root, draft.data["organ"])
    )
    _read_items(draft, ctx, lines, headings)
    P.close_by_text(draft, root)
    if draft.printed_follow_ups:  # the minutes list their follow-ups: none is guessed
        for guessed in draft.derived_follow_ups:
            del guessed["follow_ups"]
    P.from_header(draft, ctx)
    if draft.preface:
        draft.to_review(draft.preface, N_("header text that was not understood"))
    if furniture:
        draft.to_review(
            furniture, N_("page numbers and page headers of the PDF, taken out of the text")
        )
    _finish(draft)
    return draft


def _require_date(draft: Draft, header: Header, source: str) -> None:
    """Without a meeting date the document is not taken for minutes."""
    if "date" not in draft.data:
        raise NotMinutes(
            Message(
                N_(
                    "{source} does not look like minutes: no meeting date was found (no "
                    "title such as Mötesanteckning either)"
                )
                if not header.is_minutes
                else N_(
                    "{source} does not look like minutes: no meeting date was found "
                    "(no 'Datum:' line)"
                ),
                {"source": source},
            ),
            hint=N_(
                "if it is minutes, pass --date YYYY-MM-DD; the text the importer cannot "
                "place then goes to the review section"
            ),
        )


def _require_organ(
    draft: Draft, header: Header, registry: RegistryIndex | None, source: str
) -> None:
    """Without an organ (given, or guessed from the header) there is no draft."""
    if "organ" not in draft.data:
        known = ", ".join(registry.organ_ids()) if registry else ""
        message = (
            N_("cannot tell which organ's minutes {source} are from {organ!r}")
            if header.organ_text
            else N_("cannot tell which organ's minutes {source} are")
        )
        raise UsageError(
            Message(message, {"source": source, "organ": header.organ_text}),
            hint=Message(N_("pass --organ ORG (one of: {organs})"), {"organs": known})
            if known
            else N_("pass --organ ORG"),
        )


def _credible_headings(
    draft: Draft, header: Header, headings: list[Heading], lines: list[Line]
) -> list[Heading]:
    """The headings to read as items: without a minutes title or a 'Datum:' line, only a
    credible numbered sequence; else none, and everything goes to review."""
    if not header.is_minutes and is_credible(headings):
        draft.note(
            N_(
                "no title such as 'Mötesanteckning' and no 'Datum:' line: the items were "
                "read from the numbered sequence of headings"
            ),
            ("items",),
        )
    elif not header.is_minutes:
        draft.note(
            N_(
                "no title such as 'Mötesanteckning' or 'Protokoll': everything was kept for "
                "review; this may not be minutes at all"
            )
        )
        draft.to_review(lines)
        draft.preface = []
        return []
    return headings


def _read_items(draft: Draft, ctx: Context, lines: list[Line], headings: list[Heading]) -> None:
    """Each heading's lines read into an item; section headings give the kind of the items
    under them."""
    bounds = [h.start for h in headings] + [len(lines)]
    grouped = sections(lines, headings)
    section_lines = {lines[at].no: (lines[at], item, kind) for at, (item, kind) in grouped.items()}
    draft.preface = [line for line in draft.preface if line.no not in section_lines]
    body = [Line(line.no, "") if at in grouped else line for at, line in enumerate(lines)]
    section_kind: str | None = None
    for index, heading in enumerate(headings):
        number = heading.number
        parser = ItemParser(draft, ctx, index, number, heading.title)
        draft.data.setdefault("items", []).append(
            parser.parse(body[heading.end + 1 : bounds[index + 1]])
        )
        draft.items.append(parser.text)
        for line in lines[heading.start : heading.end + 1]:
            draft.credit(("items", index), line)
        for line, item, kind in section_lines.values():
            if item == index:
                section_kind = kind
                draft.credit(("items", index), line)
        if section_kind and "kind" not in parser.item:
            parser.item["kind"] = section_kind
        if "kind" not in parser.item:
            draft.note(
                Message(
                    N_("item {number} has no kind ('Information', 'Dialog', …)"), {"number": number}
                ),
                ("items", index, "title"),
            )


def _finish(draft: Draft) -> None:
    data = draft.data
    data["status"] = "draft"
    if not data.get("place"):
        data["place"] = UNKNOWN_PLACE
        draft.note(N_("no place ('Plats:' or 'Mötesform:') was found"), ("place",))
    finish_mode(draft)
    if not data.get("time"):
        draft.note(N_("no meeting time ('Tid:') was found"), ("date",))
    presenters: dict[str, list[str]] = {}
    for item in data.get("items", []):
        for content in [item, *item.get("subitems", [])]:
            for person in content.get("presenters", []):
                name = person if isinstance(person, str) else person["name"]
                presenters.setdefault(name, []).append(item["number"])
    for guest in data.get("invited", []):
        numbers = presenters.get(guest["name"])
        if numbers:
            guest["items"] = list(dict.fromkeys(numbers))
    attendance = data.get("attendance", {})
    for key in list(attendance):
        if not attendance[key]:
            del attendance[key]
    if not attendance:
        data.pop("attendance", None)


def _people(draft: Draft, registry: RegistryIndex | None, result: ImportResult) -> None:
    """Names not in the registry go to the draft's own list; near misses are reported."""
    meeting = Meeting.model_validate(emit.front_matter_data(draft))
    local: list[dict[str, Any]] = []
    seen: set[str] = set()
    for path, name in meeting.named_people():
        if name in seen:
            continue
        seen.add(name)
        match = match_person(name, registry)
        if match.known:
            continue
        entry: dict[str, Any] = {"name": name}
        if draft.organisations.get(name):
            entry["organisation"] = draft.organisations[name]
        if match.probable:
            entry["probable_match"] = match.probable
            result.probable_matches.append((name, match.probable))
            draft.note(
                Message(
                    N_("'{name}' is not in the registry; probably '{match}'"),
                    {"name": name, "match": match.probable},
                ),
                path,
            )
        result.local_people.append(name)
        local.append(entry)
    if local:
        draft.data["people"] = local


def import_text(
    text: str,
    *,
    organ: str | None,
    registry: RegistryIndex | None,
    root: Path | None,
    date: dt.date | None = None,
    source: str = "input",
    target: Path | None = None,
    into_root: bool = False,
    notes: Sequence[Message | str] = (),
    imported_from: dict[str, str] | None = None,
) -> ImportResult:
    """Import ``text`` into a draft; the draft is validated and checked but not written.

    ``target`` is where it will be written (None: standard output); with ``into_root`` and a
    repository root, the target is the repository's place for it, ``<organ>/<year>/<date>.md``.
    ``imported_from`` (the file's name and SHA-256) is recorded in the draft, so that a second
    import of the same file is skipped.
    """
    draft = build_draft(
        text, organ=organ, registry=registry, root=root, date=date, source=source, notes=notes
    )
    result = ImportResult("", draft.data["organ"], dt.date.fromisoformat(draft.data["date"]))
    if target is None and into_root and root is not None:
        target = meeting_path(root, result.organ, result.date)
    result.target = target
    _people(draft, registry, result)
    if imported_from is not None:
        draft.data["imported_from"] = dict(imported_from)
    data = emit.front_matter_data(draft)
    front = emit.with_comments(emit.dump(data), data, draft.credits)
    body, where = emit.body(draft)
    head = ["---", *front.rstrip("\n").split("\n"), "---", ""]
    document = "\n".join(head + body).rstrip("\n") + "\n"
    shown = str(target) if target else "<stdout>"
    loaded = parse_meeting(document.encode("utf-8"), shown)
    if loaded.model is None:
        details = "; ".join(f"line {d.line}: {d.message}" for d in loaded.diagnostics[:5])
        raise VvgError(
            Message(
                N_("the draft made from {source} does not validate ({details})"),
                {"source": source, "details": details},
            ),
            hint=N_("this is a bug in the importer: please report it with the file"),
        )
    result.text = document
    result.items = len(draft.items)
    result.positions = sum(
        len(item.decisions) + sum(len(getattr(sub, "decisions", [])) for sub in item.subitems)
        for item in loaded.model.items
    )
    result.review_pieces = len(draft.review)
    offset = len(head)
    for note in draft.notes:
        if note.path is not None:
            line = loaded.at(*note.path)[0]
        elif note.body is not None and note.body in where:
            line = offset + where[note.body]
        else:
            line = 1
        result.uncertain.append(Uncertainty(line, note.message))
    for index, _piece in enumerate(draft.review):
        if not any(n.body == ("review", index) for n in draft.notes):
            result.uncertain.append(
                Uncertainty(offset + where[("review", index)], _(N_("text kept for review")))
            )
    result.uncertain.sort(key=lambda u: u.line)
    if registry is not None:
        from vvgctl.checking.check import check_loaded

        checked = check_loaded(loaded, registry, root, target)
        result.problems = [d for d in checked.diagnostics if d.severity is Severity.ERROR]
    return result
