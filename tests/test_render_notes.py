"""The site shows what the PDF shows (issue 13): no HTML comment as text anywhere, actions
with their owner and due date, a position another organ confirms, a pause between items, and
the notes of corrections made at approval at their item.

Real files, real pandoc and Typst: one repository is published (page and PDF) and rendered
as HTML once for the module, and every test reads the same outputs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from tests.conftest import ORGANS_YAML, PEOPLE_YAML, write_tree
from vvgctl.models.meeting import Correction
from vvgctl.publish.manifest import MANIFEST_NAME
from vvgctl.publish.site import publish
from vvgctl.render.notes import wording
from vvgctl.render.pipeline import prepare, render_meeting

SOURCE = "vvg/2025/2025-10-22.md"
HIDDEN = "Hemlisplatshållare"  # the word every comment holds; it must be seen nowhere

MINUTES = f"""\
---
organ: vvg
title: Mötesanteckning
date: 2025-10-22
time: {{start: "9.00", end: "11.00"}}
place: Teams
mode: remote
status: approved
chair: Kristina Lännergren
approval:
  meeting: 2026-03-12
  corrections:
    - text: "Ställningstagandet i punkt 2 fick rätt lydelse <script>alert(1)</script>."
      item: "2"
      quote: noterar rapporten
      replacement: noterar informationen
    - text: Närvarolistan kompletterades.
items:
  - number: "1"
    title: Mötets öppnande
    kind: procedural
  - number: "2"
    title: Egenvård
    kind: information_and_decision
    case: "0755"
    question: "Hur följs egenvården upp? <!-- {HIDDEN} i frågan -->"
    decisions:
      - type: noted
        text: "Vårdsamverkan Västra Götaland noterar informationen. <!-- {HIDDEN}
          i ställningstagandet -->"
        confirm_by: sro
    actions:
      - {{label: Inför nästa möte, text: "Ta fram en enkät. <!-- {HIDDEN} -->",
         owner_group: Beredningen, due_meeting: next}}
      - {{text: Skicka underlaget till delregionerna., owner: Åsa Jackson, due: 2025-11-30}}
  - number: "3"
    title: Övriga frågor
    kind: other_question
interludes:
  - {{after: "2", text: Paus, time: {{start: "10.10", end: "10.20"}}}}
---

## 1. Mötets öppnande

Mötet öppnas.

## 2. Egenvård

Bakgrund om egenvård.

<!-- Skriv här. {HIDDEN} i brödtexten -->

<!--
{HIDDEN} över
flera rader
-->

Dialog om uppföljningen.

## 3. Övriga frågor

Inga övriga frågor.
"""

ITEM_NOTE = (
    "Rättelse vid justering 12 mars 2026: Ställningstagandet i punkt 2 fick rätt "
    "lydelse <script>alert(1)</script>."
)
CONFIRM = "Slutgiltigt ställningstagande tas av Samrådsorganet."
PAUSE = "Paus kl. 10.10–10.20"
HEADER_NOTE = "Rättelse vid justering 12 mars 2026: Närvarolistan kompletterades."
ACTIONS = (
    "Inför nästa möte: Ta fram en enkät. (Beredningen, till nästa möte)",
    "Åtgärd: Skicka underlaget till delregionerna. (Åsa Jackson, senast 30 november 2025)",
)


class _Text(HTMLParser):
    """The text a reader sees on a page (the body; scripts and styles left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._body = self._body or tag == "body"
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if self._body and not self._skip:
            self.parts.append(data)


def _seen(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@dataclass
class Outputs:
    page_html: str  # the published page, as served
    page: str  # the text a reader sees on it
    site_pdf: str  # the text of the PDF published beside it
    html: str  # the text of `vvgctl render --format html`
    html_source: str
    markdown: str
    site: dict[str, bytes]  # every file of the site, by its path


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outputs]:
    base = tmp_path_factory.mktemp("notes")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VVGCTL_CACHE_DIR", str(base / "cache"))
        root = write_tree(
            base / "minutes",
            {
                "registry/organs.yaml": ORGANS_YAML,
                "registry/people.yaml": PEOPLE_YAML,
                SOURCE: MINUTES,
            },
        )
        publish(root, base / "site")
        page_html = (base / "site" / SOURCE).with_suffix(".html").read_text(encoding="utf-8")
        reader = PdfReader((base / "site" / SOURCE).with_suffix(".pdf"))
        pdf = " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())
        html_source = render_meeting(root / SOURCE, base / "html", "html").read_text(
            encoding="utf-8"
        )
        site = {
            p.relative_to(base / "site").as_posix(): p.read_bytes()
            for p in sorted((base / "site").rglob("*"))
            if p.is_file()
        }
        yield Outputs(
            page_html,
            _seen(page_html),
            pdf,
            _seen(html_source),
            html_source,
            prepare(root / SOURCE).markdown,
            site,
        )


def _in_order(text: str, *parts: str) -> None:
    """Each of ``parts`` is in ``text``, in this order."""
    at = -1
    for part in parts:
        assert part in text[at + 1 :], f"{part!r} missing after position {at} in {text!r}"
        at = text.index(part, at + 1)


# --- comments -----------------------------------------------------------------------------


def test_no_comment_is_text_on_the_site(outputs: Outputs) -> None:
    assert HIDDEN not in outputs.page_html
    assert "&lt;!--" not in outputs.page_html and "--&gt;" not in outputs.page_html
    assert "Skriv här" not in outputs.page
    # what stood around the comments is there
    _in_order(
        outputs.page,
        "Hur följs egenvården upp?",
        "noterar informationen.",
        "Bakgrund om egenvård.",
        "Dialog om uppföljningen.",
    )


def test_no_comment_is_text_on_any_page_of_the_site(outputs: Outputs) -> None:
    """The register of positions, the case page, the feed: no page shows a comment."""
    for name, content in outputs.site.items():
        if name == MANIFEST_NAME or name.endswith(".pdf"):  # JSON data; the PDF: above
            continue
        assert HIDDEN.encode() not in content, name
    for name in ("stallningstaganden.html", "arenden/0755.html"):
        assert b"noterar informationen." in outputs.site[name], name


def test_no_comment_is_text_in_the_pdf_or_the_html(outputs: Outputs) -> None:
    for text in (outputs.site_pdf, outputs.html, outputs.markdown):
        assert HIDDEN not in text and "Skriv här" not in text
        assert "<!--" not in text and "\\<!--" not in text
        _in_order(
            text, "Hur följs egenvården upp?", "Bakgrund om egenvård.", "Dialog om uppföljningen."
        )


def test_no_raw_html_reaches_the_outputs(outputs: Outputs) -> None:
    """The correction's text holds a script: it is text in every output, never markup."""
    assert "<script>alert" not in outputs.page_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in outputs.page_html
    assert "<script>alert" not in outputs.html_source
    assert "<script>alert(1)</script>" in outputs.html and "<script>alert(1)" in outputs.site_pdf


# --- actions ------------------------------------------------------------------------------


def test_actions_show_owner_and_due_date_on_the_site_as_in_the_pdf(outputs: Outputs) -> None:
    for line in ACTIONS:
        assert line in outputs.site_pdf, line
        assert line in outputs.page, line
        assert line in outputs.html, line


@pytest.mark.parametrize("output", ["page", "site_pdf", "html"])
def test_a_confirmation_and_a_pause_are_shown_alike(outputs: Outputs, output: str) -> None:
    text = getattr(outputs, output)
    _in_order(
        text,
        "2. Egenvård",
        "noterar informationen.",
        CONFIRM,
        "Bakgrund om egenvård.",
        PAUSE,
        "3. Övriga frågor",
    )


# --- corrections --------------------------------------------------------------------------


@pytest.mark.parametrize("output", ["page", "site_pdf", "html"])
def test_a_correction_is_noted_at_its_item(outputs: Outputs, output: str) -> None:
    text = getattr(outputs, output)
    # the note naming item 2 closes item 2 (after its actions, before item 3)
    _in_order(
        text,
        "2. Egenvård",
        "Dialog om uppföljningen.",
        ACTIONS[1],
        ITEM_NOTE,
        PAUSE,
        "3. Övriga frågor",
    )
    assert text.count("Rättelse vid justering") == 2


@pytest.mark.parametrize("output", ["page", "site_pdf", "html"])
def test_a_correction_naming_no_item_is_noted_after_the_header(
    outputs: Outputs, output: str
) -> None:
    text = getattr(outputs, output)
    _in_order(text, "22 oktober 2025", HEADER_NOTE, "1. Mötets öppnande")


def test_the_note_is_its_own_block_in_each_output(outputs: Outputs) -> None:
    assert outputs.markdown.count("::: doc-correction") == 2
    assert outputs.html_source.count('class="doc-correction"') == 2
    assert outputs.page_html.count('class="correction"') == 2
    assert re.search(
        r"\*\*Rättelse vid justering 12 mars 2026:\*\* Närvarolistan "
        r"kompletterades\\\.",
        outputs.markdown,
    )


def test_a_correction_says_its_old_and_new_wording() -> None:
    assert wording(
        Correction(
            text="Rättelse i punkt 4: mötesdatum.", quote="den 3 mars", replacement="den 4 mars"
        )
    ) == ("Rättelse i punkt 4: mötesdatum. Tidigare lydelse: ”den 3 mars” Ny lydelse: ”den 4 mars”")
    assert wording(Correction(text="Stavning rättad")) == "Stavning rättad"
