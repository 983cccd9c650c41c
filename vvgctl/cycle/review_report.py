"""The review of a change as text for a terminal and as Markdown for a pull request's summary
(``$GITHUB_STEP_SUMMARY``) or a merge request note. Swedish, as the members read it."""

from __future__ import annotations

from vvgctl.cycle.review import MeetingChange, PositionChange, Review
from vvgctl.models.item import DECISION_TYPE_LABELS, DecisionType
from vvgctl.models.meeting import STATUS_LABELS, Status
from vvgctl.runtime.inert import inert, one_line, visible
from vvgctl.runtime.inert import markdown as _md

_CHANGE = {"added": "nytt", "removed": "borttaget", "changed": "ändrat",
           "unreadable": "kan inte läsas"}
_POSITION = {"added": "nytt", "removed": "borttaget", "changed": "ändrat"}


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


def text(result: Review) -> str:
    """The review for a terminal or a CI log: each value on its line (:func:`one_line`), and
    no line a workflow command (:func:`inert`)."""
    base = one_line(result.base)
    if not result.meetings and not result.verdicts:
        return inert(f"Inga mötesanteckningar ändrade sedan {base}.\n")
    out = [f"Ändringar sedan {base}:"]
    for m in result.meetings:
        out.append(f"- {one_line(_heading(m))}: {one_line(m.path)}")
        status = _status_line(m)
        if status:
            out.append(f"    {status}")
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
    lines += [f"  {one_line(d.path)}:{d.line}: {one_line(d.message)} [{d.code}]"
              for d in result.verdicts]
    return "\n".join(lines)


def markdown(result: Review) -> str:
    out = ["## Mötesanteckningar: vad ändringen gör", ""]
    if not result.meetings:
        out += [f"Inga mötesanteckningar ändrade sedan {_code(result.base)}.", ""]
    for m in result.meetings:
        out += [f"### {_md(_heading(m))}", "", _code(m.path), ""]
        status = _status_line(m)
        if status:
            out += [f"- {_md(status)}"]
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
        out += [f"- :x: {_code(f'{d.path}:{d.line}')} {_md(d.message)} ({_code(d.code)})"]
    return "\n".join(out) + "\n"
