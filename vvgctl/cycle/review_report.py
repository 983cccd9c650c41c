"""The review of a change as text for a terminal and as Markdown for a pull request's summary
(``$GITHUB_STEP_SUMMARY``) or a merge request note. Swedish, as the members read it."""

from __future__ import annotations

from vvgctl.cycle.review import MeetingChange, PositionChange, Review
from vvgctl.cycle.review_content import ItemChange, PeopleChange
from vvgctl.diagnostics import Diagnostic
from vvgctl.models.item import DECISION_TYPE_LABELS, DecisionType
from vvgctl.models.meeting import STATUS_LABELS, Status
from vvgctl.runtime.i18n import render
from vvgctl.runtime.inert import inert, one_line, visible
from vvgctl.runtime.inert import markdown as _md

_CHANGE = {
    "added": "nytt",
    "removed": "borttaget",
    "changed": "ändrat",
    "unreadable": "kan inte läsas",
}
_POSITION = {"added": "nytt", "removed": "borttaget", "changed": "ändrat"}
_ITEM = {"added": "ny", "removed": "borttagen", "changed": "ändrad"}
_PEOPLE = {
    "roster": "kallade",
    "invited": "inbjudna",
    "absent": "frånvarande",
    "remote": "deltar på distans",
    "new_members": "nya ledamöter",
    "others": "övriga deltagare",
}
#: the paragraphs shown per item and side, and the characters shown of each
MAX_PARAGRAPHS, MAX_CHARS = 5, 240


def _status(value: str | None) -> str:
    return STATUS_LABELS[Status(value)].lower() if value else "–"


def _type(value: str | None) -> str:
    return DECISION_TYPE_LABELS[DecisionType(value)].lower() if value else ""


def _code(text: str) -> str:
    """User text as a Markdown code span (backticks and line breaks taken out; a mention in
    a code span is not one)."""
    return "`" + " ".join(visible(text).replace("`", "'").split()) + "`"


def _heading(m: MeetingChange) -> str:
    when = m.date.isoformat() if m.date else "?"
    return f"{m.organ} {when} ({_CHANGE[m.change]})"


def _status_line(m: MeetingChange) -> str | None:
    if m.status_before == m.status_after:
        return None
    return f"status: {_status(m.status_before)} → {_status(m.status_after)}"


def _position_lines(p: PositionChange) -> list[str]:
    head = f"ställningstagande i punkt {one_line(p.item)} ({_POSITION[p.change]})"
    lines = [head]
    if p.change == "changed" and p.old_type != p.new_type:
        lines.append(f"  typ: {_type(p.old_type)} → {_type(p.new_type)}")
    if p.old_text is not None and p.change != "added":
        lines.append(f"  förut: {one_line(p.old_text)}")
    if p.new_text is not None:
        lines.append(f"  nu: {one_line(p.new_text)}")
    return lines


def _short(paragraph: str) -> str:
    return paragraph if len(paragraph) <= MAX_CHARS else paragraph[: MAX_CHARS - 1] + "…"


def _prose(item: ItemChange) -> list[tuple[str, str | None, int]]:
    """("+"/"−", paragraph, 0) for the paragraphs added and removed, a few of each, and
    ("+"/"−", None, N) for the N more not shown."""
    lines: list[tuple[str, str | None, int]] = []
    for sign, found in (("+", item.added), ("−", item.removed)):
        lines += [(sign, _short(p), 0) for p in found[:MAX_PARAGRAPHS]]
        if len(found) > MAX_PARAGRAPHS:
            lines.append((sign, None, len(found) - MAX_PARAGRAPHS))
    return lines


def _more(count: int) -> str:
    return f"… och {count} {'stycke' if count == 1 else 'stycken'} till"


def _item_head(item: ItemChange) -> str:
    prose = bool(item.added or item.removed)
    what = (
        _ITEM[item.change]
        if item.change != "changed"
        else (
            "rubrik och text ändrade"
            if item.old_title is not None and prose
            else "text ändrad"
            if prose
            else "rubrik ändrad"
        )
    )
    number = f"punkt {item.item}" if item.item[:1].isdigit() else item.item
    return f"{number} {item.title} ({what})" if number != item.title else f"{number} ({what})"


def _people(p: PeopleChange) -> str:
    said = [f"+ {', '.join(p.added)}"] if p.added else []
    said += [f"− {', '.join(p.removed)}"] if p.removed else []
    return f"{_PEOPLE[p.kind]}: {'; '.join(said)}"


def _problem_text(d: Diagnostic) -> list[str]:
    lines = [f"  {one_line(d.path)}:{d.line}:{d.column}: {one_line(render(d.message))} [{d.code}]"]
    if d.hint:
        lines.append(f"    tips: {one_line(render(d.hint))}")
    return lines


def _problems_text(result: Review) -> list[str]:
    if not result.problems:
        return []
    count = len({d.path for d in result.problems})
    out = [
        f"Kan inte läsas ({count} {'fil' if count == 1 else 'filer'}, "
        f"{len(result.problems)} fel): ändringen går inte igenom så här."
    ]
    for d in result.problems:
        out += _problem_text(d)
    return out


def text(result: Review) -> str:
    """The review for a terminal or a CI log: each value on its line (:func:`one_line`), and
    no line a workflow command (:func:`inert`)."""
    base = one_line(result.base)
    if not result.meetings and not result.verdicts and not result.problems:
        return inert(f"Inga mötesanteckningar ändrade sedan {base}.\n")
    out = _problems_text(result)
    out.append(f"Ändringar sedan {base}:")
    for m in result.meetings:
        out.append(f"- {one_line(_heading(m))}: {one_line(m.path)}")
        status = _status_line(m)
        if status:
            out.append(f"    {status}")
        for item in m.items:
            out.append(f"    {one_line(_item_head(item))}")
            if item.old_title is not None:
                out.append(f"      rubrik förut: {one_line(item.old_title)}")
            out += [
                f"      {sign} {one_line(paragraph) if paragraph else _more(more)}"
                for sign, paragraph, more in _prose(item)
            ]
        out += [f"    {one_line(_people(p))}" for p in m.people]
        for p in m.positions:
            out += ["    " + line for line in _position_lines(p)]
        for a in m.actions:
            what = "åtgärd öppnad" if a.change == "opened" else "åtgärd stängd"
            said = ": ".join(one_line(x) for x in (a.id, a.text) if x)
            out.append(f"    {what}: {said}")
    out.append(_verdict_text(result))
    return inert("\n".join(out) + "\n")


def _verdict_text(result: Review) -> str:
    if not result.verdicts:
        return "Godkännanden och låsta anteckningar: inga fel."
    lines = [f"Godkännanden och låsta anteckningar: {len(result.verdicts)} fel:"]
    lines += [
        f"  {one_line(d.path)}:{d.line}: {one_line(render(d.message))} [{d.code}]"
        for d in result.verdicts
    ]
    return "\n".join(lines)


def _problems_markdown(result: Review) -> list[str]:
    if not result.problems:
        return []
    out = [
        "### :x: Filer som inte kan läsas",
        "",
        "Ändringen går inte igenom förrän de kan läsas:",
        "",
    ]
    for d in result.problems:
        out += [
            f"- :x: {_code(f'{d.path}:{d.line}:{d.column}')} "
            f"{_md(render(d.message))} ({_code(d.code)})"
        ]
        if d.hint:
            out += [f"  - Tips: {_md(render(d.hint))}"]
    return [*out, ""]


def _items_markdown(m: MeetingChange) -> list[str]:
    out = []
    for item in m.items:
        out += [f"- **{_md(_item_head(item))}**"]
        if item.old_title is not None:
            out += [f"  - rubrik förut: ~~{_md(item.old_title)}~~"]
        for sign, paragraph, more in _prose(item):
            said = (
                _more(more)
                if paragraph is None
                else f"~~{_md(paragraph)}~~"
                if sign == "−"
                else _md(paragraph)
            )
            out += [f"  - {'tillagt' if sign == '+' else 'borttaget'}: {said}"]
    out += [f"- {_md(_people(p))}" for p in m.people]
    return out


def markdown(result: Review) -> str:
    out = ["## Mötesanteckningar: vad ändringen gör", "", *_problems_markdown(result)]
    if not result.meetings:
        out += [f"Inga mötesanteckningar ändrade sedan {_code(result.base)}.", ""]
    for m in result.meetings:
        out += [f"### {_md(_heading(m))}", "", _code(m.path), ""]
        status = _status_line(m)
        if status:
            out += [f"- {_md(status)}"]
        if m.change == "unreadable":
            out += ["- kan inte läsas: se felen ovan"]
        out += _items_markdown(m)
        for p in m.positions:
            out += [f"- **Ställningstagande i punkt {_md(p.item)}** ({_POSITION[p.change]})"]
            if p.change == "changed" and p.old_type != p.new_type:
                out += [f"  - typ: {_md(_type(p.old_type))} → {_md(_type(p.new_type))}"]
            if p.old_text is not None and p.change != "added":
                out += [f"  - förut: ~~{_md(p.old_text)}~~"]
            if p.new_text is not None:
                out += [f"  - nu: {_md(p.new_text)}"]
        for a in m.actions:
            what = "Åtgärd öppnad" if a.change == "opened" else "Åtgärd stängd"
            said = " ".join(x for x in (a.id, a.text) if x)
            out += [f"- {what}: {_md(said)}"]
        out.append("")
    out += ["### Godkännanden och låsta anteckningar", ""]
    if not result.verdicts:
        out += ["Inga fel."]
    for d in result.verdicts:
        out += [f"- :x: {_code(f'{d.path}:{d.line}')} {_md(render(d.message))} ({_code(d.code)})"]
    return "\n".join(out) + "\n"
