"""Plain text into pandoc Markdown that reads back as the same text, and nothing more.

Every string from a minutes file's YAML goes through :func:`inline` or :func:`paragraphs`
before it reaches Markdown: each ASCII punctuation character that Markdown could read as
markup is backslash-escaped (pandoc's ``all_symbols_escapable``), so backticks, brackets,
braces, ``<`` and ``$`` stay text. Links go through :func:`url`.

HTML comments (``<!-- Skriv här. -->``, the scaffold's placeholders) are notes to the writer,
never text of the minutes: :func:`without_comments` drops them, here and on the site
(:mod:`vvgctl.publish.markup`), before anything is escaped or parsed.
"""

from __future__ import annotations

import re
from urllib.parse import quote

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~^$@:&=%])")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_DIV_FENCE = re.compile(r"^(\s*)(:::)", re.MULTILINE)


def without_comments(text: str) -> str:
    """``text`` less its HTML comments (``<!-- … -->``, also across lines)."""
    return _COMMENT.sub("", text) if "<!--" in text else text


def inline(text: object) -> str:
    """One line of text: comments dropped, whitespace (newlines too) collapsed, Markdown
    syntax escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(without_comments(str(text)).split()))


def paragraphs(text: object) -> str:
    """Text whose blank lines separate paragraphs; each paragraph escaped as by :func:`inline`."""
    chunks = re.split(r"\n\s*\n", without_comments(str(text)).strip())
    return "\n\n".join(inline(chunk) for chunk in chunks if chunk.strip())


def names(items: list[str]) -> str:
    """'A, B och C', escaped."""
    items = [str(i) for i in items]
    joined = items[0] if len(items) == 1 else f"{', '.join(items[:-1])} och {items[-1]}"
    return inline(joined) if items else ""


def url(target: object) -> str:
    """A link target for ``[text](<target>)``: characters that could end it are encoded."""
    return quote(str(target).strip(), safe="/:?#[]@!$&'*+,;=%-._~")


def prose(markdown: str) -> str:
    """Body prose (Markdown the author wrote): HTML comments dropped, div fences escaped.

    The prose stays Markdown; what it may contain is decided by the pandoc reader's extensions
    and the sanitising filter. Escaping ``:::`` keeps it from closing our layout blocks.
    """
    text = without_comments(markdown)
    return _DIV_FENCE.sub(r"\1\\:::", text).strip("\n")
