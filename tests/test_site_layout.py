"""The published site laid out to be read (issue 30, part 2), measured in Debian's headless
Chromium: no word is broken inside a table cell at any width from 320 to 1920 px (a table
keeps its columns and scrolls in its focusable region instead), the register's filter is
hidden without JavaScript and says when nothing matches, and the focus ring stands out.

A word is broken when the rectangles of its characters (a DOM Range over it) lie on more than
one line. Words are what lies between spaces, hyphens, dashes and slashes: a line may end
after a hyphen, never inside a word.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import HAVE_CHROMIUM, IN_CI, chromium, served
from tests.conftest import REPO_ROOT
from vvgctl.publish.site import publish

pytestmark = pytest.mark.skipif(
    not HAVE_CHROMIUM and not IN_CI, reason="Debian's chromium is not installed; CI runs this"
)

WIDTHS = [320, 375, 768, 1024, 1280, 1920]

BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("td, th")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".visually-hidden")) { continue; }
      for (const match of node.data.matchAll(/[^\\s\\-\\u2010-\\u2015\\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set();
        for (const rect of range.getClientRects()) {
          if (rect.width > 0) { tops.add(Math.round(rect.top)); }
        }
        if (tops.size > 1) { broken.push(match[0]); }
      }
    }
  }
  return broken;
}"""


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("layout") / "site"
    publish(REPO_ROOT / "minutes", out, jobs=1)
    return out


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with served(site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def broken_words(
    browser: object, base_url: str, site_dir: Path, width: int
) -> dict[str, list[str]]:
    """page -> the words broken inside its table cells at ``width`` px."""
    page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    found: dict[str, list[str]] = {}
    try:
        for path in sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")):
            page.goto(base_url + path)
            words = page.evaluate(BROKEN_WORDS)
            if words:
                found[path] = words
    finally:
        page.close()
    return found


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
def test_no_word_is_broken_inside_a_table_cell(
    browser: object, base_url: str, site_dir: Path, width: int
) -> None:
    found = broken_words(browser, base_url, site_dir, width)
    count = sum(len(words) for words in found.values())
    assert count == 0, f"{count} words broken at {width} px: {found}"


def test_the_register_filter_is_hidden_without_javascript(browser: object, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base_url + "stallningstaganden.html")
    assert not page.locator("#filters").is_visible()
    assert page.locator("#register tbody tr").count() > 0  # the whole table is there
    context.close()


def test_an_empty_filter_result_says_so(browser: object, base_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(base_url + "stallningstaganden.html")
    assert page.locator("#filters").is_visible()
    assert not page.locator("#register-empty").is_visible()
    page.fill("#filter-text", "zzzxxyy")
    assert page.locator("#register-empty").is_visible()
    assert "Inga ställningstaganden matchar" in page.locator("#register-empty").inner_text()
    page.fill("#filter-text", "")
    assert not page.locator("#register-empty").is_visible()
    page.close()


CONTRAST = """() => {
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const el = document.activeElement;
  let back = el;
  while (back && getComputedStyle(back).backgroundColor.match(/[\\d.]+/g)?.[3] === "0") {
    back = back.parentElement;
  }
  const ring = lum(rgb(getComputedStyle(el).outlineColor));
  const ground = lum(rgb(back ? getComputedStyle(back).backgroundColor : "rgb(255,255,255)"));
  return (Math.max(ring, ground) + 0.05) / (Math.min(ring, ground) + 0.05);
}"""


def test_the_focus_ring_stands_out_on_the_header_and_the_page(
    browser: object, base_url: str
) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(base_url + "index.html")
    page.focus(".site-header a")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard: :focus-visible
    assert page.evaluate("document.activeElement.closest('.site-header') !== null")
    assert page.evaluate(CONTRAST) >= 3
    page.focus("main a")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    assert page.evaluate(CONTRAST) >= 3
    page.close()


def test_the_register_filter_finds_inflections(browser: object, base_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(base_url + "stallningstaganden.html")
    page.fill("#filter-text", "egenvård")
    plain = page.locator("#register tbody tr:visible").count()
    page.fill("#filter-text", "egenvården")  # as `vvgctl search` stems it: egenvård
    assert plain > 0 and page.locator("#register tbody tr:visible").count() == plain
    page.fill("#filter-text", "riktlinjerna informationen")  # riktlinj, information
    assert page.locator("#register tbody tr:visible").count() > 0
    page.close()
