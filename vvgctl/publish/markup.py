"""Markdown of the minutes' body as safe HTML for the published pages.

Minutes are untrusted input: raw HTML in the Markdown is shown as text, never passed through,
HTML comments (the scaffold's ``<!-- Skriv här. -->``) are dropped before parsing, as the PDF
drops them (:func:`vvgctl.render.escape.without_comments`), and links with a
``javascript:``, ``vbscript:``, ``file:`` or ``data:`` address are not made into links
(markdown-it's ``validateLink``). An image is never shown: a reader's browser would
fetch it from wherever the minutes say (a tracking pixel), so it becomes a link to the image
with its description, which the reader may follow (the PDF leaves images out). Headings inside
an item's text are moved down so that the page's outline stays in order (``h1`` the meeting,
``h2`` the items).
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from vvgctl.render.escape import without_comments


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def _no_image(token: Token) -> list[Token]:
    """An image token as a link to the image, titled with its description ("Bild: …")."""
    if token.type != "image":
        return [token]
    alt = token.content or "utan beskrivning"
    text = Token("text", "", 0, content=f"Bild: {alt}")
    source = str(token.attrGet("src") or "")
    if not source:
        return [text]
    return [Token("link_open", "a", 1, attrs={"href": source}), text, Token("link_close", "a", -1)]


def to_html(text: str, *, lowest_heading: int = 3) -> Markup:
    """``text`` (Markdown) as HTML; headings are at least ``h<lowest_heading>``."""
    text = without_comments(text)
    if not text.strip():
        return Markup("")
    parser = _parser()
    tokens = parser.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = max(int(token.tag[1]), lowest_heading)
            token.tag = f"h{min(level, 6)}"
        if token.children:
            token.children = [t for child in token.children for t in _no_image(child)]
    html: str = parser.renderer.render(tokens, parser.options, {})
    return Markup(html)


def visible(value: object) -> object:
    """Every value a site template prints: a plain string less its HTML comments (the
    environment's ``finalize``), so that a comment in a title or a position's text is never
    shown; HTML made by :func:`to_html` is left as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return without_comments(value)
    return value
