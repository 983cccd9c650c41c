"""The site's HTML pages: what each shows (plain data) and its template under ``templates/site/``.

Every page is rendered through the project's one sandboxed Jinja environment, overlaid with
autoescaping: the minutes are untrusted input, and only Markdown turned into HTML by
:mod:`vvgctl.publish.markup` (raw HTML disabled) is marked safe; every other value printed
loses its HTML comments first (``finalize``). What the PDF prints beside an item (an action's
owner and due date, the notes of corrections) is worded by :mod:`vvgctl.render.notes`.
Links are relative, so the site works from any static host and from ``file://``.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from jinja2.sandbox import SandboxedEnvironment

from vvgctl.models.item import ITEM_KIND_LABELS, Decision, Item, SubItem
from vvgctl.models.meeting import MODE_LABELS, Meeting
from vvgctl.publish.collect import Summary, anchor
from vvgctl.publish.markup import to_html, visible
from vvgctl.render.markdown import split_subsections
from vvgctl.render.notes import (
    Corrections,
    action_view,
    approved_corrections,
    closed_view,
    confirmation,
    correction_notes,
    follow_up_view,
    interludes,
    is_previous_item,
)
from vvgctl.render.templating import environment
from vvgctl.repository.site import Site
from vvgctl.source.loading import LoadedMeeting
from vvgctl.swedish.dates import long_date, time_range
from vvgctl.swedish.labels import ROLE_LABELS

SITE_TEMPLATES = "site"
FEED_PATH = "feed.xml"
REGISTER_PATH = "stallningstaganden.html"
CASES_PATH = "arenden/index.html"
ARSHJUL_PATH = "arshjul.html"


@lru_cache(maxsize=1)
def site_environment() -> SandboxedEnvironment:
    # compiled in memory like every template (no bytecode is read from disk)
    env = environment().overlay(autoescape=True, finalize=visible)
    assert isinstance(env, SandboxedEnvironment)
    return env


def render(name: str, site: Site, **context: Any) -> str:
    """The page ``name`` of the site whose name and language ``site`` gives."""
    return (
        site_environment()
        .get_template(f"{SITE_TEMPLATES}/{name}")
        .render(
            site_name=site.name,
            site_language=site.language,
            register_path=REGISTER_PATH,
            cases_path=CASES_PATH,
            arshjul_path=ARSHJUL_PATH,
            feed_path=FEED_PATH,
            **context,
        )
    )


def href(path: str) -> str:
    """A site path as a link target (percent-encoded, '/' kept)."""
    return quote(path, safe="/#")


def up(path: str) -> str:
    """The relative way from the page at ``path`` back to the site's root."""
    return "../" * path.count("/")


def meeting_heading(summary_or_meeting: Summary | Meeting, organ_label: str) -> str:
    if isinstance(summary_or_meeting, Meeting):
        title = summary_or_meeting.title or "Mötesanteckning"
        day = long_date(summary_or_meeting.date)
    else:
        title, day = summary_or_meeting["title"], summary_or_meeting["long_date"]
    return f"{title} {organ_label} {day}"


def case_file(case_id: str) -> str:
    """The case page's path: a case id may hold '/', which no other character maps to."""
    return f"arenden/{case_id.replace('/', '_')}.html"


# -- the meeting page ------------------------------------------------------------------------


def _link(target: str | None) -> str | None:
    if target and target.startswith(("http://", "https://", "mailto:")):
        return target
    return None


def _decision(decision: Decision, labels: dict[str, str]) -> dict[str, Any]:
    return {
        "label": decision.label,
        "html": to_html(decision.text),
        "parts": [{"html": to_html(p.text), "parts": p.parts} for p in decision.parts],
        "confirm": confirmation(decision.confirm_by, labels),
    }


def _timebox(content: Item | SubItem) -> str | None:
    box = content.timebox
    if box is None:
        return None
    parts = [f"{box.minutes} minuter"] if box.minutes else []
    if box.start and box.end:
        parts.append(time_range(box.start, box.end))
    return ", ".join(parts)


def _roster(meeting: Meeting, delegations: dict[str, str]) -> list[dict[str, Any]]:
    """The roster (Kallade) by delegation: each member's line, role and substitution."""
    groups = []
    for group in meeting.roster:
        members = []
        for member in group.members:
            line = f"{member.name}, {member.affiliation}" if member.affiliation else member.name
            notes = [ROLE_LABELS[member.role]] if member.role in ROLE_LABELS else []
            if member.substitutes_for:
                who = member.substitutes_for
                notes.append(
                    " ".join(
                        x for x in ("ersätter", who.note, who.name, member.substitute_note) if x
                    )
                )
            members.append(line + (f" ({', '.join(notes)})" if notes else ""))
        name = delegations.get(group.delegation, group.delegation) if group.delegation else None
        groups.append({"name": name, "members": members})
    return groups


def _content(
    number: str, content: Item | SubItem, text: str, labels: dict[str, str], closed: dict[str, str]
) -> dict[str, Any]:
    shown = [d for d in content.decisions if not d.in_body]
    return {
        "number": number,
        "anchor": anchor(number),
        "title": content.title,
        "kind": ITEM_KIND_LABELS[content.kind] if content.kind else None,
        "timebox": _timebox(content),
        "presenters": [
            p.name + (f", {p.organisation}" if p.organisation else "") for p in content.presenters
        ],
        "documents": [{"title": d.title, "href": _link(d.link)} for d in content.documents],
        "question": content.question,
        "question_label": content.question_label or "Frågeställning",
        "before": [_decision(d, labels) for d in shown if not d.after_dialog],
        "after": [_decision(d, labels) for d in shown if d.after_dialog],
        "actions": [action_view(a) for a in content.actions if not a.in_body],
        "follow_ups": [follow_up_view(f, labels) for f in content.follow_ups if not f.in_body],
        "closed": [closed_view(a, closed) for a in content.closes_actions],
        "tables": [t.model_dump(mode="json") for t in content.tables],
        "body": to_html(text),
        "case": content.case,
        "case_href": case_file(content.case) if content.case else None,
    }


def meeting_page(
    loaded: LoadedMeeting,
    summary: Summary,
    organ_label: str,
    pdf_name: str | None,
    site: Site,
    labels: dict[str, str] | None = None,
    *,
    closed: dict[str, str] | None = None,
    delegations: dict[str, str] | None = None,
) -> str:
    """The meeting's page; ``labels``: organ id -> name as shown (for 'tas av SRO');
    ``closed``: the text of each earlier action an item closes, by its id; ``delegations``:
    delegation id -> name, for the roster."""
    labels = labels or {}
    meeting = loaded.model
    assert meeting is not None and loaded.document is not None
    document = loaded.document
    sections = {s.number: s.text for s in document.sections if s.number}
    first = document.sections[0].line if document.sections else None
    body_lines = document.body.split("\n")
    intro = "\n".join(body_lines[: first - document.body_line] if first else body_lines)
    notes: Corrections = correction_notes(meeting)
    between = interludes(meeting)
    items = []
    header = list(notes.header)
    approved = approved_corrections(meeting)
    if approved and not any(is_previous_item(item) for item in meeting.items):
        header += approved
    for item in meeting.items:
        intro_text, sub_text = split_subsections(sections.pop(item.number, ""))
        entry = _content(item.number, item, intro_text, labels, closed or {})
        entry["corrections"] = notes.at(item.number) + (approved if is_previous_item(item) else [])
        entry["interludes"] = between.get(item.number, [])
        entry["subitems"] = [
            _content(
                f"{item.number}{sub.number}",
                sub,
                sub_text.get(sub.number, ""),
                labels,
                closed or {},
            )
            for sub in item.subitems
        ]
        items.append(entry)
    leftover = [
        to_html(f"## {s.heading}\n\n{s.text}", lowest_heading=2)
        for s in document.sections
        if s.number in sections
    ]
    attendance = meeting.attendance
    path = summary["slug"] + ".html"
    return render(
        "meeting.html.j2",
        site,
        root=up(path),
        heading=meeting_heading(meeting, organ_label),
        organ=organ_label,
        summary=summary,
        pdf=pdf_name,
        mode=MODE_LABELS[meeting.mode],
        chair=meeting.chair.name if meeting.chair else None,
        secretary=meeting.secretary.name if meeting.secretary else None,
        approved=long_date(meeting.approval.meeting) if meeting.approval else None,
        absent=[p.name for p in attendance.absent],
        remote=[p.name for p in attendance.remote],
        roster=_roster(meeting, delegations or {}),
        roster_note=meeting.roster_note,
        corrections=header,
        intro=to_html(intro),
        items=items,
        leftover=leftover,
    )


# -- aggregate pages: their data (the manifest hashes it) and their rendering ---------------


def index_data(
    summaries: list[Summary], organs: dict[str, str], labels: dict[str, str]
) -> dict[str, Any]:
    grouped: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for s in sorted(summaries, key=lambda s: (s["date"], s["slug"]), reverse=True):
        grouped[s["organ"]][s["year"]].append(
            {
                "href": href(s["slug"] + ".html"),
                "date": s["date"],
                "long_date": s["long_date"],
                "heading": meeting_heading(s, labels.get(s["organ"]) or s["organ"]),
            }
        )
    order = sorted(grouped, key=lambda o: (list(organs).index(o) if o in organs else 999, o))
    return {
        "organs": [
            {
                "id": o,
                "name": organs.get(o, o),
                "years": [
                    {"year": y, "meetings": grouped[o][y]} for y in sorted(grouped[o], reverse=True)
                ],
            }
            for o in order
        ]
    }


def register_data(summaries: list[Summary], organs: dict[str, str]) -> dict[str, Any]:
    rows = []
    for s in sorted(summaries, key=lambda s: (s["date"], s["slug"]), reverse=True):
        for d in s["decisions"]:
            rows.append(
                {
                    "date": s["date"],
                    "organ": organs.get(s["organ"], s["organ"]),
                    "item": d["item"],
                    "title": d["title"],
                    "type": d["type_label"],
                    "text": d["text"],
                    "href": href(s["slug"] + ".html") + "#" + d["anchor"],
                    "case": d["case"],
                    "case_href": href(case_file(d["case"])) if d["case"] else None,
                }
            )
    return {
        "rows": rows,
        "organs": sorted({r["organ"] for r in rows}),
        "types": sorted({r["type"] for r in rows}),
        "years": sorted({r["date"][:4] for r in rows}, reverse=True),
    }


def render_index(data: dict[str, Any], site: Site) -> str:
    return render("index.html.j2", site, root="", **data)


def render_register(data: dict[str, Any], site: Site) -> str:
    return render("register.html.j2", site, root="", **data)
