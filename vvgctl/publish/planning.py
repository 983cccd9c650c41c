"""The årshjul page (an SVG wheel with its table as the text alternative) and the calendars.

Both come from each organ's latest *approved* minutes: the årshjul table they carry (a table
whose title begins with 'Årshjul', as item 10 of the VVG minutes 2025-10-22) and their
Mötestider. Nothing is taken from planned or draft records.
"""

from __future__ import annotations

import math
from functools import partial
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from markupsafe import Markup

from vvgctl.models import Registry
from vvgctl.publish.calendar import schedule_ics
from vvgctl.publish.collect import Summary
from vvgctl.publish.manifest import Manifest, data_key
from vvgctl.publish.pages import ARSHJUL_PATH, href, render
from vvgctl.swedish.dates import MONTHS, month_abbreviation

if TYPE_CHECKING:
    from pathlib import Path

    from vvgctl.publish.report import PublishReport


def _month_of(label: str) -> int | None:
    words = label.casefold().split()
    return next((MONTHS.index(w) for w in words if w in MONTHS), None)


def wheel_svg(title: str, columns: list[str]) -> str:
    """A year wheel: twelve month sectors, those with a planned meeting filled and named."""
    size, centre, outer, inner = 420, 210, 190, 90
    planned = {m: c for c in columns if (m := _month_of(c)) is not None}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
             f'role="img" aria-labelledby="wheel-title wheel-desc" class="wheel">',
             f'<title id="wheel-title">{escape(title)}</title>',
             '<desc id="wheel-desc">Årets månader som ett hjul; månader med möte är '
             'ifyllda. Tabellen nedan har samma innehåll.</desc>']
    for month in range(12):
        a0 = math.radians(month * 30 - 90)
        a1 = math.radians(month * 30 - 60)
        points = [(centre + r * math.cos(a), centre + r * math.sin(a))
                  for r, a in ((outer, a0), (outer, a1), (inner, a1), (inner, a0))]
        path = (f"M{points[0][0]:.1f},{points[0][1]:.1f} A{outer},{outer} 0 0 1 "
                f"{points[1][0]:.1f},{points[1][1]:.1f} L{points[2][0]:.1f},{points[2][1]:.1f} "
                f"A{inner},{inner} 0 0 0 {points[3][0]:.1f},{points[3][1]:.1f} Z")
        filled = month in planned
        parts.append(f'<path d="{path}" fill="{"#005a8c" if filled else "#f2f2f2"}" '
                     f'stroke="#ffffff" stroke-width="2"/>')
        mid = math.radians(month * 30 - 75)
        x, y = centre + 140 * math.cos(mid), centre + 140 * math.sin(mid)
        parts.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" '
                     f'dominant-baseline="middle" font-size="13" '
                     f'fill="{"#ffffff" if filled else "#1a1a1a"}">'
                     f'{escape(month_abbreviation(month + 1))}</text>')
    parts.append(f'<text x="{centre}" y="{centre}" text-anchor="middle" '
                 f'dominant-baseline="middle" font-size="15" fill="#1a1a1a">'
                 f'{escape(title)}</text></svg>')
    return "\n".join(parts)


def _latest(published: list[Summary]) -> dict[str, Summary]:
    latest: dict[str, Summary] = {}
    for s in sorted(published, key=lambda s: (s["date"], s["slug"])):
        latest[s["organ"]] = s
    return latest


def write_planning(manifest: Manifest, published: list[Summary], registry: Registry,
                   root: Path, report: PublishReport) -> None:
    names = {o.id: o.name for o in registry.organs}
    latest = _latest(published)
    wheels: list[dict[str, Any]] = []
    calendars: list[dict[str, str]] = []
    for organ in sorted(latest, key=lambda o: names.get(o, o)):
        summary = latest[organ]
        name = names.get(organ, organ)
        for table in summary["arshjul"]:
            wheels.append({"organ": name, "source": href(summary["slug"] + ".html"),
                           "source_date": summary["long_date"], "table": table,
                           "svg": Markup(wheel_svg(table["title"] or "Årshjul",
                                                    table["columns"]))})
        if summary["schedule"]:
            path = f"kalender/{organ}.ics"
            events = summary["schedule"]
            manifest.put(path, data_key(manifest.fingerprint, organ, name, events),
                         partial(schedule_ics, organ, name, events, summary["date"]))
            calendars.append({"organ": name, "href": href(path),
                              "count": str(len(events))})
    data = {"wheels": wheels, "calendars": calendars}
    manifest.put(ARSHJUL_PATH, data_key(manifest.fingerprint, data),
                 partial(render, "arshjul.html.j2", root="", **data))
