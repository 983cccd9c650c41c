"""The language vvgctl speaks to people: Swedish, or English when the locale asks for it.

Messages are written in English in the source and marked for extraction (``_`` translates
at once, ``N_`` only marks a text that is translated where it is shown); their Swedish
translations live in ``vvgctl/locale/sv/LC_MESSAGES/vvgctl.po``, compiled to the ``.mo`` file
next to it (``make messages``). Only the standard library's ``gettext`` reads it at run time.

Swedish is the default; English when the first of ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``
and ``LANG`` that names a language (not ``C``/``POSIX``) begins with ``en``. The locale is read
on every call, so a test may switch it with ``monkeypatch.setenv``.

Rule codes, JSON keys and values and the ``--format json`` exports are data: they stay English.
Diagnostics, errors and notes carry their messages as values (:class:`Message`: the English
template and its arguments), kept so in the cache and JSON, and translated where they are shown
by :func:`render`.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from vvgctl.message import Message as Message
from vvgctl.message import plural as plural

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


def render(text: Message | str | None) -> str:
    """A message in the user's language: a :class:`Message` through the catalog (``ngettext``
    when it counts), a plain text by the catalog's entry for it (a message without arguments).
    Nothing formatted is read back into its template: a message arrives as a value."""
    if text is None:
        return ""
    if isinstance(text, Message):
        catalog = translations()
        return text.format(catalog.gettext, catalog.ngettext)
    return _(text) if text else text


def label(value: str, swedish: Mapping[Any, str]) -> str:
    """An enum value (``endorsed``) as people read it: the Swedish label the minutes use
    (``Ställer sig bakom``), or the value itself in English."""
    if language() == "en":
        return value
    return swedish.get(value, value)
