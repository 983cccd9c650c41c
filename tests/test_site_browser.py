"""The published site in a real browser: Debian's headless Chromium driven by Playwright.

Served over HTTP on 127.0.0.1 (see tests/browser.py). Skipped only off CI when Chromium is
missing; under CI (``CI`` set) a missing browser is a failure (``.ci/run`` installs it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import HAVE_CHROMIUM, IN_CI, chromium, served
from tests.conftest import MEETING_MD, ORGANS_YAML, PEOPLE_YAML, write_tree
from vvgctl.publish.site import publish

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not HAVE_CHROMIUM and not IN_CI,
        reason="Debian's chromium is not installed (apt-get install "
        "chromium); CI always runs this test",
    ),
]

SECOND = (
    MEETING_MD.replace("date: 2025-10-22", "date: 2025-12-10")
    .replace("noterar informationen.", "ställer sig bakom Kolibriplanen.")
    .replace("type: noted", "type: endorsed")
)
DRAFT = (
    MEETING_MD.replace("date: 2025-10-22", "date: 2026-02-11")
    .replace("status: approved", "status: draft")
    .replace("title: Egenvård", "title: Utkastpunkt")
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("browser")
    root = write_tree(
        base / "minutes",
        {
            "registry/organs.yaml": ORGANS_YAML,
            "registry/people.yaml": PEOPLE_YAML,
            "vvg/2025/2025-10-22.md": MEETING_MD,
            "vvg/2025/2025-12-10.md": SECOND,
            "vvg/2026/2026-02-11.md": DRAFT,
        },
    )
    out = base / "site"
    publish(root, out)
    with served(out) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def test_index_lists_the_approved_meetings(site: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(site + "index.html")
    links = page.locator("main ul.meetings a").all_inner_texts()
    assert links == ["Mötesanteckning VVG 10 december 2025", "Mötesanteckning VVG 22 oktober 2025"]
    page.get_by_role("link", name="Mötesanteckning VVG 22 oktober 2025").click()
    assert page.locator("h1").inner_text() == "Mötesanteckning VVG 22 oktober 2025"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
    page.close()


def test_the_decisions_filter_narrows_the_list(site: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(site + "stallningstaganden.html")
    rows = page.locator("#register tbody tr")
    assert rows.count() == 2
    assert page.locator("#filters").is_visible()
    page.fill("#filter-text", "kolibri")
    visible = page.locator("#register tbody tr:not([hidden])")
    assert visible.count() == 1
    assert "Kolibriplanen" in visible.first.inner_text()
    assert page.locator("#register-count").inner_text() == "1 av 2 ställningstaganden"
    page.fill("#filter-text", "")
    page.select_option("#filter-type", "Noterar informationen")
    assert visible.count() == 1 and "noterar informationen" in visible.first.inner_text()
    page.select_option("#filter-type", "")
    page.get_by_role("button", name="Datum").click()  # oldest first now
    first = page.locator("#register tbody tr").first
    assert "2025-10-22" in first.inner_text()
    assert page.locator("th[data-sort=date]").get_attribute("aria-sort") == "ascending"
    page.close()


def test_a_meeting_page_links_a_pdf_that_downloads(site: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(site + "vvg/2025/2025-10-22.html")
    link = page.locator("p.download a")
    with page.expect_download() as info:
        link.click()
    path = info.value.path()
    assert Path(path).read_bytes()[:5] == b"%PDF-"
    page.close()
