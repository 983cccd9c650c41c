"""Case pages: each case's timeline across the *approved* meetings.

The stages and the status come from :func:`vvgctl.query.cases.derive`, the same rules as
``vvgctl cases``; only the input differs: the query index holds every record, the site only
the approved ones, so the appearances are built here from the published summaries.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from vvgctl.publish.collect import Summary
from vvgctl.publish.pages import case_file, href, render
from vvgctl.query.cases import STAGE_LABELS, STATUS_LABELS, Appearance, Case, derive
from vvgctl.repository.site import Site
from vvgctl.swedish.dates import long_date, month_year


def build_cases(summaries: list[Summary], organ_kinds: dict[str, str]) -> dict[str, Case]:
    cases: dict[str, Case] = {}
    ordered = sorted(summaries, key=lambda s: (s["date"], s["organ"], s["slug"]))
    for s in ordered:
        for a in s["appearances"]:
            appearance = Appearance(
                s["organ"],
                s["date"],
                a["item"],
                a["title"],
                a["kind"],
                s["slug"],
                0,
                s["slug"],
                list(a["decisions"]),
            )
            cases.setdefault(a["case"], Case(a["case"])).appearances.append(appearance)
    for s in ordered:
        for f in s["follow_ups"]:
            if f["case"] in cases:
                cases[f["case"]].planned.append(
                    {
                        "organ": f["organ"] or s["organ"],
                        "meeting": f["meeting"],
                        "text": f["text"],
                        "set_by": s["slug"],
                        "item": f["item"],
                        "date": s["date"],
                    }
                )
    for case in cases.values():
        derive(case, organ_kinds)
    return cases


def case_data(case: Case, organs: dict[str, str]) -> dict[str, Any]:
    """What one case page shows (its manifest key is the hash of this)."""
    return {
        "id": case.id,
        "title": case.title,
        "status": STATUS_LABELS[case.status],
        "awaiting": [organs.get(o, o) for o in case.awaiting],
        "timeline": [
            {
                "date": a.date,
                "organ": organs.get(a.organ, a.organ),
                "item": a.item,
                "title": a.title,
                "stage": STAGE_LABELS[a.stage],
                "href": href(a.path + ".html") + f"#punkt-{a.item}",
                "decisions": [d["text"] for d in a.decisions],
            }
            for a in case.appearances
        ],
        "planned": [
            {
                "organ": organs.get(p["organ"], p["organ"]),
                "meeting": _when(p["meeting"]),
                "text": p["text"],
                "href": href(p["set_by"] + ".html") + f"#punkt-{p['item']}",
            }
            for p in case.planned
        ],
    }


def _when(meeting: object) -> str:
    """A follow-up's meeting as the page says it: 'nästa möte', 'februari 2026', a date."""
    text = str(meeting or "")
    if text == "next":
        return "nästa möte"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return month_year(int(text[:4]), int(text[5:]))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return long_date(dt.date.fromisoformat(text))
    return text


def cases_index_data(cases: dict[str, Case], organs: dict[str, str]) -> dict[str, Any]:
    rows = []
    for case in sorted(cases.values(), key=lambda c: (c.appearances[-1].date, c.id), reverse=True):
        rows.append(
            {
                "id": case.id,
                "title": case.title,
                "status": STATUS_LABELS[case.status],
                "first": case.appearances[0].date,
                "last": case.appearances[-1].date,
                "organs": sorted({organs.get(a.organ, a.organ) for a in case.appearances}),
                "href": href(case_file(case.id).removeprefix("arenden/")),
            }
        )
    return {"rows": rows}


def render_case(data: dict[str, Any], site: Site) -> str:
    return render("case.html.j2", site, root="../", **data)


def render_cases_index(data: dict[str, Any], site: Site) -> str:
    return render("cases.html.j2", site, root="../", **data)
