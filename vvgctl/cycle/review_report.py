"""The review of a change as text for a terminal and as Markdown for a pull request's summary
(``$GITHUB_STEP_SUMMARY``) or a merge request note. Swedish, as the members read it."""

from __future__ import annotations

from vvgctl.cycle.review import MeetingChange, PositionChange, Review
from vvgctl.models.item import DECISION_TYPE_LABELS, DecisionType
from vvgctl.models.meeting import STATUS_LABELS, Status

_CHANGE = {"added": "nytt", "removed": "borttaget", "changed": "ändrat",
           "unreadable": "kan inte läsas"}
_POSITION = {"added": "nytt", "removed": "borttaget", "changed": "ändrat"}


def _status(value: str | None) -> str:
    return STATUS_LABELS[Status(value)].lower() if value else "–"


def _type(value: str | None) -> str:
    return DECISION_TYPE_LABELS[DecisionType(value)].lower() if value else ""


def _md(text: str) -> str:
    """One line of user text made inert in Markdown (no HTML, links or emphasis)."""
    out = " ".join(text.split())
    for char in "\\`*_{}[]<>()#+!|~":
        out = out.replace(char, "\\" + char)
    return out


def _code(text: str) -> str:
    """User text as a Markdown code span (backticks and line breaks taken out)."""
    return "`" + " ".join(text.replace("`", "'").split()) + "`"


def _heading(m: MeetingChange) -> str:
    when = m.date.isoformat() if m.date else "?"
    return f"{m.organ} {when} ({_CHANGE[m.change]})"


def _status_line(m: MeetingChange) -> str | None:
    if m.status_before == m.status_after:
        return None
    return f"status: {_status(m.status_before)} → {_status(m.status_after)}"


def _position_lines(p: PositionChange) -> list[str]:
    head = f"ställningstagande i punkt {p.item} ({_POSITION[p.change]})"
    lines = [head]
    if p.change == "changed" and p.old_type != p.new_type:
        lines.append(f"  typ: {_type(p.old_type)} → {_type(p.new_type)}")
    if p.old_text is not None and p.change != "added":
        lines.append(f"  förut: {p.old_text}")
    if p.new_text is not None:
        lines.append(f"  nu: {p.new_text}")
    return lines


def text(result: Review) -> str:
    if not result.meetings and not result.verdicts:
        return f"Inga mötesanteckningar ändrade sedan {result.base}.\n"
    out = [f"Ändringar sedan {result.base}:"]
    for m in result.meetings:
        out.append(f"- {_heading(m)}: {m.path}")
        status = _status_line(m)
        if status:
            out.append(f"    {status}")
        for p in m.positions:
            out += ["    " + line for line in _position_lines(p)]
        for a in m.actions:
            what = "åtgärd öppnad" if a.change == "opened" else "åtgärd stängd"
            out.append(f"    {what}: {a.id or ''}{': ' if a.id and a.text else ''}{a.text or ''}")
    out.append(_verdict_text(result))
    return "\n".join(out) + "\n"


def _verdict_text(result: Review) -> str:
    if not result.verdicts:
        return "Godkännanden och låsta anteckningar: inga fel."
    lines = [f"Godkännanden och låsta anteckningar: {len(result.verdicts)} fel:"]
    lines += [f"  {d.path}:{d.line}: {d.message} [{d.code}]" for d in result.verdicts]
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
