"""Swedish text for matching and search: normal form, words, and stems.

- :func:`normalise` is the form ``--text`` filters compare: Unicode NFC, case folded, runs of
  white space as one space. Diacritics are kept: å, ä and ö are letters of their own, so
  ``år`` never matches ``ar``.
- :func:`words` finds the words of a text with their offsets (letters and digits; hyphens and
  punctuation separate words, so ``forms-enkät`` holds ``forms`` and ``enkät``).
- :func:`stem` is the Snowball project's Swedish stemmer (package ``snowballstemmer``), memoised:
  ``enkäten``, ``enkäter`` and ``enkät`` share the stem ``enkät``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

_WORD = re.compile(r"[^\W_]+")
_STEMMER: list[Any] = []


def normalise(text: str) -> str:
    """NFC, case folded, white space collapsed; diacritics kept."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` (already NFC) as regex matches, for their offsets."""
    return _WORD.finditer(text)


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """The Swedish stem of one case-folded word (memoised: the vocabulary is small)."""
    found = _STEMS.get(word)
    if found is None:
        if not _STEMMER:
            import snowballstemmer

            _STEMMER.append(snowballstemmer.stemmer("swedish"))
        if len(_STEMS) > 500_000:
            _STEMS.clear()
        found = _STEMS[word] = str(_STEMMER[0].stemWord(word))
    return found


def stems(text: str) -> list[str]:
    """The stems of every word of ``text``, in order (the text is normalised first)."""
    get = _STEMS.get
    return [get(w) or stem(w) for w in _WORD.findall(normalise(text))]
