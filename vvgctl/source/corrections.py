"""Where a correction's quote stands in a file, and the text with the replacement made.

A quote is matched word for word; any run of white space in it matches any run in the file, so
a sentence that the file wraps over two lines (a folded YAML value, a Markdown paragraph) is
found as it reads. Used by ``vvgctl approve`` (which makes the change) and by the frozen-record
check (which asks whether a change is exactly what the corrections say).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence


def _pattern(quote: str) -> re.Pattern[str]:
    words = quote.split()
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def places(text: str, quote: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of each place ``quote`` stands in ``text``."""
    if not quote.split():
        return []
    return [(m.start(), m.end()) for m in _pattern(quote).finditer(text)]


def line_of(text: str, offset: int) -> int:
    """The 1-based line of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


def replace_at(text: str, place: tuple[int, int], replacement: str) -> str:
    start, end = place
    return text[:start] + replacement + text[end:]


def _constant(value: str) -> Callable[[re.Match[str]], str]:
    return lambda _match: value


def apply_all(text: str, pairs: Sequence[tuple[str | None, str | None]]) -> str:
    """``text`` with every (quote, replacement) made wherever the quote stands."""
    for quote, replacement in pairs:
        if quote and quote.split():
            text = _pattern(quote).sub(_constant(replacement or ""), text)
    return text
