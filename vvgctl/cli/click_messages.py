"""click's usage errors in the user's language: the one place a formatted text is read back.

typer 0.28 vendors click with its messages formatted in English and no gettext hook (the
click that has one, ``typer>=0.29``, costs 0.1 s of every start), so a usage error arrives as
an English text such as ``Invalid value for '--format': 'xml' is not one of 'text', 'json'.``
Only the templates of typer and click that :data:`vvgctl.cli.localised.MESSAGES` lists are
matched here, never vvgctl's own messages: those are :class:`vvgctl.message.Message` values,
translated where they are shown (``tests/test_message_values.py`` keeps it so).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from vvgctl.runtime.i18n import _ as tr
from vvgctl.runtime.i18n import language

#: a ``str.format`` field: its name, then a conversion (``!r``) and a spec
_FIELD = re.compile(r"\{(\w*)(?:![rsa])?(?::[^{}]*)?\}")


@cache
def _patterns(msgids: tuple[str, ...]) -> list[tuple[re.Pattern[str], str]]:
    """click's templates as patterns, the most specific (longest literal text) first."""
    found: list[tuple[int, re.Pattern[str], str]] = []
    for msgid in msgids:
        pieces = _FIELD.split(msgid)
        literal = "".join(pieces[0::2])
        if "{" not in msgid or not literal.strip():
            continue
        pattern = "".join(
            re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(pieces)
        )
        found.append((len(literal), re.compile(pattern + r"\Z", re.DOTALL), msgid))
    found.sort(key=lambda entry: -entry[0])
    return [(pattern, msgid) for _n, pattern, msgid in found]


def click_message(text: str, msgids: Iterable[str]) -> str:
    """A usage error of typer or click in the user's language (its values too, when they are
    click's own words: ``File`` in ``File 'x' does not exist.``)."""
    if language() == "en" or not text:
        return text
    translated = tr(text)
    if translated != text:
        return translated
    for pattern, msgid in _patterns(tuple(msgids)):
        match = pattern.match(text)
        if match is None:
            continue
        values = {k: click_message(v, msgids) for k, v in match.groupdict().items()}
        try:
            return _FIELD.sub(lambda m: "{" + m.group(1) + "}", tr(msgid)).format(**values)
        except (IndexError, KeyError):
            return text
    return text
