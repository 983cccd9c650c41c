"""Markdown of the minutes' body as safe HTML for the published pages.

Minutes are untrusted input: raw HTML in the Markdown is shown as text, never passed through,
and links with a ``javascript:``, ``vbscript:``, ``file:`` or ``data:`` address are not made
into links (markdown-it's ``validateLink``). Headings inside an item's text are moved down so
that the page's outline stays in order (``h1`` the meeting, ``h2`` the items).
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def to_html(text: str, *, lowest_heading: int = 3) -> Markup:
    """``text`` (Markdown) as HTML; headings are at least ``h<lowest_heading>``."""
    if not text.strip():
        return Markup("")
    parser = _parser()
    tokens = parser.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = max(int(token.tag[1]), lowest_heading)
            token.tag = f"h{min(level, 6)}"
    html: str = parser.renderer.render(tokens, parser.options, {})
    return Markup(html)
