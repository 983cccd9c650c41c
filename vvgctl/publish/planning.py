"""The site's årshjul and calendars, from the organs' plans and schedules.

Every organ with a ``schedule.yaml`` or a ``plan.yaml`` gets, for each year that has one:

    arshjul/<organ>/<year>.html   the year's meetings and planned topics as a table
    arshjul/<organ>/<year>.svg    the same as a wheel (the table is its text alternative)

and one calendar of all its dated meetings, ``kalender/<organ>.ics``; ``arshjul.html`` lists
them. All of it is made by the builder ``vvgctl arshjul`` uses (:func:`vvgctl.arshjul.build`)
and written by its renderers (the SVG wheel, :func:`vvgctl.arshjul.ics.to_ics`), so the site
and the command show the same årshjul and give a meeting the same UID.

The plans' topics and the schedules are published as they stand (they are planning data, not
minutes). Of the minutes only *approved* records are read (``approved_only``): a planned,
draft or in-review record adds no meeting, no follow-up and marks no topic held.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from vvgctl.arshjul.build import build
from vvgctl.arshjul.ics import EmptyCalendarError, revision_stamp, to_ics, undated_months
from vvgctl.arshjul.model import Arshjul, Column, TopicStatus
from vvgctl.arshjul.svg import to_svg
from vvgctl.arshjul.text import change_lines, column_heading, follow_up_lines
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.errors import VvgError
from vvgctl.message import Message
from vvgctl.publish.collect import Summary
from vvgctl.publish.manifest import Manifest, data_key
from vvgctl.publish.pages import ARSHJUL_PATH, href, render, up
from vvgctl.publish.report import PublishReport
from vvgctl.repository.repo import PLAN_FILE, SCHEDULE_FILE, Repository
from vvgctl.repository.site import Site
from vvgctl.runtime.fingerprint import digest
from vvgctl.runtime.i18n import N_
from vvgctl.swedish.dates import month_year, span

STATUS_TEXT = {
    TopicStatus.HELD: "behandlat",
    TopicStatus.SLIPPED: "ej behandlat",
    TopicStatus.PLANNED: "",
}


def calendar_path(organ: str) -> str:
    return f"kalender/{organ}.ics"


def year_path(organ: str, year: int, suffix: str = "html") -> str:
    return f"arshjul/{organ}/{year:04d}.{suffix}"


def planning_years(repository: Repository, organ: str) -> list[int]:
    """The years for which the organ has a schedule or a plan."""
    files = repository.organ_files(organ, SCHEDULE_FILE) + repository.organ_files(organ, PLAN_FILE)
    return sorted({int(p.parent.name) for p in files if p.parent.name.isdigit()})


def _column(organ: str, column: Column, slugs: set[str], root: str) -> dict[str, Any]:
    entry = column.entry
    slug = f"{organ}/{column.date.year:04d}/{column.date.isoformat()}" if column.date else ""
    return {
        "label": column_heading(column),
        "time": span(entry.time.start, entry.time.end) if entry and entry.time else "",
        "place": entry.place if entry and entry.place else "",
        "change": entry.change if entry and entry.change else "",
        "minutes": root + href(slug + ".html") if slug in slugs else None,
    }


def year_data(
    arshjul: Arshjul, slugs: set[str], years: list[int], calendar: str | None
) -> dict[str, Any]:
    """What the page of one organ's year shows, as plain data."""
    path = year_path(arshjul.organ, arshjul.year)
    root = up(path)
    rows = []
    for row in arshjul.rows:
        cells = [
            [
                {
                    "title": t.title,
                    "status": STATUS_TEXT[t.status],
                    "item": t.held_item or "",
                    "from_minutes": t.from_follow_up_only,
                }
                for t in arshjul.cell(column, row.id)
            ]
            for column in arshjul.columns
        ]
        rows.append({"name": row.name, "cells": cells})
    return {
        "root": root,
        "organ": arshjul.organ_name,
        "year": arshjul.year,
        "title": arshjul.title,
        "period": f"{month_year(*arshjul.start)} – {month_year(*arshjul.end)}",
        "svg": href(f"{arshjul.year:04d}.svg"),
        "columns": [_column(arshjul.organ, c, slugs, root) for c in arshjul.columns],
        "rows": rows,
        "follow_ups": follow_up_lines(arshjul),
        "changes": change_lines(arshjul),
        "undated": [c.label() for c in arshjul.columns if c.date is None],
        "calendar": root + href(calendar) if calendar else None,
        "years": [
            {"year": y, "href": href(f"{y:04d}.html"), "current": y == arshjul.year} for y in years
        ],
    }


def _problem(repository: Repository, organ: str, error: VvgError) -> Diagnostic:
    where = error.path or str(repository.root / organ)
    return Diagnostic(
        where,
        error.line or 1,
        1,
        Severity.ERROR,
        "publish-arshjul",
        Message(
            N_("the årshjul of {organ} was not published: {reason}"),
            {"organ": organ, "reason": error.message},
        ),
        error.hint or Message(N_("run `vvgctl check` and `vvgctl arshjul` for the organ")),
    )


def write_planning(
    manifest: Manifest,
    published: list[Summary],
    repository: Repository,
    report: PublishReport,
    site: Site,
) -> None:
    registry = repository.registry.registry
    fp = manifest.fingerprint
    slugs = {str(s["slug"]) for s in published}
    organs: list[dict[str, Any]] = []
    for organ in sorted(registry.organs, key=lambda o: o.name):
        years = planning_years(repository, organ.id)
        if not years:
            continue
        try:
            wheels = [build(repository, organ.id, year, approved_only=True) for year in years]
        except VvgError as error:
            report.problems.append(_problem(repository, organ.id, error))
            continue
        calendar: str | None = calendar_path(organ.id)
        try:
            ics = to_ics(wheels, stamp=revision_stamp(repository, organ.id))
        except EmptyCalendarError:
            calendar = None
            report.warnings.append(
                f"{organ.name}: inget möte har datum ännu, så ingen "
                f"kalender (kalender/{organ.id}.ics) publiceras."
            )
        else:
            assert calendar is not None
            manifest.put(calendar, digest(fp, ics), ics)
        for arshjul in wheels:
            svg = to_svg(arshjul)
            manifest.put(year_path(organ.id, arshjul.year, "svg"), digest(fp, svg), svg)
            data = year_data(arshjul, slugs, years, calendar)
            manifest.put(
                year_path(organ.id, arshjul.year),
                data_key(fp, data),
                partial(render, "arshjul_year.html.j2", site, **data),
            )
        organs.append(
            {
                "name": organ.name,
                "years": [
                    {"year": a.year, "title": a.title, "href": href(year_path(organ.id, a.year))}
                    for a in wheels
                ],
                "calendar": href(calendar) if calendar else None,
                "count": len(_dated(wheels)),
                "undated": undated_months(wheels),
            }
        )
    data = {"organs": organs}
    manifest.put(
        ARSHJUL_PATH, data_key(fp, data), partial(render, "arshjul.html.j2", site, root="", **data)
    )


def _dated(wheels: list[Arshjul]) -> set[Any]:
    return {c.date for a in wheels for c in a.columns if c.date is not None}
