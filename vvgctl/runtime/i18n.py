"""The language vvgctl speaks to people: Swedish, or English when the locale asks for it.

Messages are written in English in the source and marked for extraction (``_`` translates
at once, ``N_`` only marks a text that is translated where it is shown); their Swedish
translations live in ``vvgctl/locale/sv/LC_MESSAGES/vvgctl.po``, compiled to the ``.mo`` file
next to it (``make messages``). Only the standard library's ``gettext`` reads it at run time.

Swedish is the default; English when the first of ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``
and ``LANG`` that names a language (not ``C``/``POSIX``) begins with ``en``. The locale is read
on every call, so a test may switch it with ``monkeypatch.setenv``.

Rule codes, JSON keys and values and the ``--format json`` exports are data: they stay English.
Diagnostics are kept in English too (the cache and JSON hold them so) and translated where
they are shown, by :func:`translate_formatted`, which recognises a message made from a
``{placeholder}`` template.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

DOMAIN = "vvgctl"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
#: the variables gettext reads, in its order of precedence
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_NO_LANGUAGE = ("", "C", "POSIX")


def language() -> str:
    """``"en"`` when the locale asks for English, else ``"sv"``."""
    for name in LOCALE_VARIABLES:
        value = os.environ.get(name, "")
        first = value.split(":")[0]
        if first.split(".")[0] in _NO_LANGUAGE:
            continue
        return "en" if first.startswith("en") else "sv"
    return "sv"


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def translations() -> gettext.NullTranslations:
    return _translations(language())


def _(message: str) -> str:
    """The message in the user's language."""
    return translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it (it is translated where shown)."""
    return message


def help_text(text: str | None) -> str | None:
    """A help text in the user's language (typer strips the trailing newline of a docstring-
    like text, the catalog has it as written)."""
    if not text or language() == "en":
        return text
    lookup = translations().gettext
    translated = lookup(text)
    if translated == text:
        translated = lookup(text + "\n").rstrip("\n")
    return translated


#: a ``str.format`` field: its name, then a conversion (``!r``) and a spec (``:%H:%M``)
_FIELD = re.compile(r"\{(\w*)(?:![rsa])?(?::[^{}]*)?\}")
_OPEN, _CLOSE = "\x00", "\x01"  # stand-ins for the escaped braces ``{{`` and ``}}``


@cache
def _templates(lang: str) -> list[tuple[re.Pattern[str], str]]:
    """The catalog's ``{placeholder}`` messages as patterns, the most specific first; each
    translation with its fields' conversions and specs taken off (the values arrive formatted)."""
    catalog = getattr(_translations(lang), "_catalog", {})
    found: list[tuple[tuple[int, int], re.Pattern[str], str]] = []
    for msgid, msgstr in catalog.items():
        if not isinstance(msgid, str) or "{" not in msgid or not msgstr:
            continue
        escaped = msgid.replace("{{", _OPEN).replace("}}", _CLOSE)
        pieces = _FIELD.split(escaped)
        literal = "".join(pieces[0::2])
        if not literal.strip():
            continue  # "{a}" alone would match every text
        pattern = ""
        for index, piece in enumerate(pieces):
            if index % 2 == 0:
                pattern += re.escape(piece.replace(_OPEN, "{").replace(_CLOSE, "}"))
            else:
                pattern += f"(?P<{piece}>.+?)" if piece else "(.+?)"
        try:
            compiled = re.compile(pattern + r"\Z", re.DOTALL)
        except re.error:  # a field named twice: not a template we can read back
            continue
        plain = _FIELD.sub(lambda m: "{" + m.group(1) + "}", msgstr.replace("{{", _OPEN)
                           .replace("}}", _CLOSE))
        plain = plain.replace(_OPEN, "{{").replace(_CLOSE, "}}")
        found.append(((len(literal), len(pieces)), compiled, plain))
    found.sort(key=lambda entry: (-entry[0][0], -entry[0][1]))
    return [(pattern, msgstr) for _key, pattern, msgstr in found]


def translate_formatted(text: str) -> str:
    """A message already formatted in English, in the user's language: the catalog's entry
    for the text itself, or for the template it was made from (with its values, which are
    translated too when the catalog knows them)."""
    lang = language()
    if lang == "en" or not text:
        return text
    catalog = _translations(lang)
    translated = catalog.gettext(text)
    if translated != text:
        return translated
    for pattern, msgstr in _templates(lang):
        match = pattern.match(text)
        if match is None:
            continue
        values = {k: translate_formatted(v) for k, v in match.groupdict().items()}
        try:
            if "{}" in msgstr:
                return msgstr.format(*[translate_formatted(v) for v in match.groups()])
            return msgstr.format(**values)
        except (IndexError, KeyError):
            return text
    return text


def label(value: str, swedish: Mapping[Any, str]) -> str:
    """An enum value (``endorsed``) as people read it: the Swedish label the minutes use
    (``Ställer sig bakom``), or the value itself in English."""
    if language() == "en":
        return value
    return swedish.get(value, value)
