"""The pages made from all published meetings: index, register, cases, årshjul, calendars,
feed and sitemap, plus the static assets. Each is rewritten only when the data it shows (its
manifest key) changed.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from vvgctl.publish import cases as case_pages
from vvgctl.publish import pages, planning
from vvgctl.publish.collect import Summary
from vvgctl.publish.feed import feed_data, render_feed
from vvgctl.publish.manifest import Manifest, data_key
from vvgctl.publish.report import PublishReport
from vvgctl.publish.sitemap import render_sitemap
from vvgctl.render.templating import TEMPLATES_DIR
from vvgctl.repository.repo import Repository
from vvgctl.repository.site import Site
from vvgctl.runtime.fingerprint import digest
from vvgctl.runtime.i18n import _
from vvgctl.runtime.progress import PhaseProgress


def _static(manifest: Manifest) -> None:
    folder = TEMPLATES_DIR / "site" / "static"
    for path in sorted(folder.iterdir()):
        if path.is_file():
            content = path.read_bytes()
            manifest.put(f"static/{path.name}", digest(content), content)


def _cases(
    manifest: Manifest,
    published: list[Summary],
    kinds: dict[str, str],
    labels: dict[str, str],
    site: Site,
) -> None:
    """The index of cases and one page per case."""
    fp = manifest.fingerprint
    cases = case_pages.build_cases(published, kinds)
    data = case_pages.cases_index_data(cases, labels)
    manifest.put(
        pages.CASES_PATH, data_key(fp, data), partial(case_pages.render_cases_index, data, site)
    )
    for case in cases.values():
        data = case_pages.case_data(case, labels)
        manifest.put(
            pages.case_file(case.id),
            data_key(fp, data),
            partial(case_pages.render_case, data, site),
        )


def write_aggregates(
    manifest: Manifest,
    published: list[Summary],
    repository: Repository,
    site: Site,
    report: PublishReport,
    progress: PhaseProgress | None,
) -> None:
    """Write the pages made from all meetings; the site's settings (its name, language,
    address and feed id) are part of the manifest's fingerprint already."""
    fp = manifest.fingerprint
    registry = repository.registry.registry
    labels = {o.id: o.short_name or o.name for o in registry.organs}
    names = {o.id: o.name for o in registry.organs}
    steps = 7

    def step(done: int, what: str) -> None:
        if progress:
            progress("Sammanställer", done, steps, what)

    step(0, "statiska filer")
    _static(manifest)
    step(1, "index.html")
    data: dict[str, Any] = pages.index_data(published, names, labels)
    manifest.put("index.html", data_key(fp, data), partial(pages.render_index, data, site))
    step(2, pages.REGISTER_PATH)
    data = pages.register_data(published, labels)
    manifest.put(
        pages.REGISTER_PATH, data_key(fp, data), partial(pages.render_register, data, site)
    )
    step(3, "ärenden")
    kinds = {o.id: o.kind for o in registry.organs}
    _cases(manifest, published, kinds, labels, site)
    step(4, "årshjul och kalender")
    planning.write_planning(manifest, published, repository, report, site)
    step(5, "feed.xml")
    data = feed_data(published, labels, site)
    manifest.put("feed.xml", data_key(fp, data), partial(render_feed, data))
    if site.feed_id is None and published:
        report.warnings.append(
            _(
                "the feed's ids are made from the first organ and the first year published "
                "({entity}); write `feed_id: {entity}` (or a domain of yours and a year) into "
                "registry/site.yaml so that they stay the same when older minutes or other organs "
                "are added"
            ).format(entity=data["entity"])
        )
    step(6, "sitemap.xml")
    html_pages = sorted(p for p in manifest.produced if p.endswith(".html"))
    manifest.put(
        "sitemap.xml",
        data_key(fp, site.base_url, html_pages),
        partial(render_sitemap, html_pages, site.base_url),
    )
    if not site.base_url:
        report.warnings.append(
            "sitemap.xml och feed.xml har relativa adresser: ange "
            "--base-url med webbplatsens adress när den ska publiceras."
        )
    step(7, "klart")
