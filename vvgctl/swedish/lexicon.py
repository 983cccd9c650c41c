"""The Swedish lexicon: word forms and their lemmas, for search.

The forms come from the Swedish dictionary of simplemma (MIT, 964,000 forms mined from
Wiktionary and the Universal Dependencies treebanks): ``samtycket``, ``samtycken`` →
``samtycke``; ``korttidsboendena`` → ``korttidsboende``. vvgctl ships them as a table of its own
(``lexicon-sv.xz``, 0.9 MB, written by ``tools/lexicon_table.py`` from simplemma's data): the
first vvgctl that needs it decompresses it into the cache (:func:`ensure_lexicon`, 0.1 s; 7 MB),
and every later one looks words up there without reading more than a block of it.

:meth:`Lexicon.lemmas` is the lemma of a word: the word itself when the dictionary lists it as
a lemma (``boende`` stays ``boende``, though the dictionary also reads it as a form of ``bo``),
else its dictionary lemma, else what simplemma's own strategies make of a word the dictionary
lacks (``informationsdelningen`` → ``informationsdelning``), else None. :meth:`Lexicon.is_word`
tells whether a piece of a compound is a word, for compound parts in search.
"""

from __future__ import annotations

import mmap
import os
import tempfile
from bisect import bisect_right
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: the table vvgctl ships, compressed (tools/lexicon_table.py writes it)
TABLE = Path(__file__).with_name("lexicon-sv.xz")
#: the table's first line begins so; a new table (a new simplemma) gets a new name
HEADER = "vvgctl-lexicon-sv\t1\tsimplemma 2.0.0"
#: words per block: a lookup decodes one block
BLOCK = 32


def lexicon_name() -> str:
    """The file name of the decompressed table in the cache: one per table."""
    return "lexicon-sv-simplemma-2.0.0-2.txt"


def ensure_lexicon(folder: Path) -> Path:
    """The lexicon table in ``folder``, decompressed there first when it is not there.

    Written to a temporary file and renamed into place, so a reader never sees half of it and
    two processes that write it at once both end with a whole one.
    """
    path = folder / lexicon_name()
    if path.exists():
        return path
    import lzma

    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=path.stem + "-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(lzma.decompress(TABLE.read_bytes()))
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path


class _Forms:
    """simplemma's dictionary protocol over the lexicon table (its strategies look up the
    pieces of an unknown word one by one)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon

    def get_dictionary(self, lang: str) -> Any:
        return self

    def get(self, key: str, default: str | None = None) -> str | None:
        found = self._lexicon.form_lemma(key)
        return default if found is None else found

    def __getitem__(self, key: str) -> str:
        found = self._lexicon.form_lemma(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lexicon.form_lemma(key) is not None


class Lexicon:
    """Lookups in the lexicon table (read through a memory map).

    The table is text. Its first line is :data:`HEADER` and the number of words; the second the
    first word of each block, tab-separated; the third each block's byte offset from the fourth
    line on, eight hex digits each. From the fourth line on every word (form or lemma) has a
    line, sorted, :data:`BLOCK` to a block: the number of characters it shares with the word
    before it in the block (``chr(48 + n)``) and the rest of it; a tab; ``=`` a form that is a
    lemma too, ``+`` a form, ``-`` a lemma no form maps to; then a form's lemma as an edit of
    the word: nothing (the word itself) or how many characters to cut (``chr(48 + n)``) and
    what to add.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open("rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        header = self._map.readline().decode()
        if not header.startswith(HEADER + "\t"):
            self._map.close()
            raise ValueError(f"{path}: not a vvgctl lexicon table")
        self._firsts = self._map.readline().decode().rstrip("\n").split("\t")
        self._offsets = self._map.readline()
        self._body = self._map.tell()
        self._seen: dict[str, tuple[str | None, bool] | None] = {}
        self._strategy: list[Any] = []

    def close(self) -> None:
        self._seen.clear()
        self._map.close()

    def _lines(self, number: int) -> list[str]:
        """Block ``number``'s lines."""
        at = 8 * number
        start = self._body + int(self._offsets[at : at + 8], 16)
        end = (
            self._body + int(self._offsets[at + 8 : at + 16], 16)
            if number + 1 < len(self._firsts)
            else len(self._map)
        )
        return self._map[start : end - 1].decode().split("\n")  # without the last newline

    def _entry(self, word: str) -> tuple[str | None, bool] | None:
        """(the lemma of a form or None, whether it is a lemma) of a listed word, else None:
        the words of its block are decoded in order up to it."""
        if word in self._seen:
            return self._seen[word]
        entry = None
        number = bisect_right(self._firsts, word) - 1
        if number >= 0:
            previous = ""
            for line in self._lines(number):
                tab = line.find("\t")
                key = previous[: ord(line[0]) - 48] + line[1:tab]
                if key >= word:
                    if key == word:
                        kind, edit = line[tab + 1], line[tab + 2 :]
                        lemma = (
                            None
                            if kind == "-"
                            else (key[: len(key) - ord(edit[0]) + 48] + edit[1:] if edit else key)
                        )
                        entry = (lemma, kind != "+")
                    break
                previous = key
        self._seen[word] = entry
        return entry

    def form_lemma(self, form: str) -> str | None:
        """The dictionary's lemma of ``form`` (None when it is not listed)."""
        entry = self._entry(form)
        return entry[0] if entry else None

    def lemmas(self, words: Iterable[str]) -> dict[str, tuple[str | None, bool]]:
        """For each (case-folded) word: its lemma (None when nothing knows it) and whether
        the dictionary lists it."""
        found: dict[str, tuple[str | None, bool]] = {}
        for word in dict.fromkeys(words):
            lemma, is_lemma = self._entry(word) or (None, False)
            if is_lemma:
                found[word] = (word, True)
            elif lemma is not None:
                found[word] = (lemma.casefold(), True)
            else:
                found[word] = (self._guess(word), False)
        return found

    def _guess(self, word: str) -> str | None:
        """simplemma's strategies for a word its dictionary lacks (rules, prefixes, the
        parts of a compound); None for numbers, short words and what they cannot read."""
        if len(word) < 6 or not word.isalpha():
            return None
        if not self._strategy:
            from simplemma.strategies import DefaultStrategy

            self._strategy.append(DefaultStrategy(dictionary_factory=_Forms(self)))
        lemma = self._strategy[0].get_lemma(word, "sv")
        return lemma.casefold() if isinstance(lemma, str) and lemma != word else None

    def is_lemma(self, word: str) -> bool:
        entry = self._entry(word)
        return entry is not None and entry[1]

    def is_word(self, piece: str, depth: int = 2) -> bool:
        """Whether ``piece`` of a compound is a word: a lemma (with or without a linking s at
        its end), the form a lemma takes as the first part of a compound (``hälso``), or a lemma
        followed by
        such a word (``korttid`` = ``kort`` + ``tid``)."""
        if len(piece) < 3:
            return False
        if self.is_lemma(piece) or (
            len(piece) > 3 and piece.endswith("s") and self.is_lemma(piece[:-1])
        ):
            return True
        lemma = self.form_lemma(piece)
        if lemma is not None and len(lemma) == len(piece) >= 4 and lemma[:-1] == piece[:-1]:
            return True  # a compound's form of its first part: hälso- for hälsa
        if depth > 0:
            for cut in range(3, len(piece) - 2):
                if self.is_lemma(piece[:cut]) and self.is_word(piece[cut:], depth - 1):
                    return True
        return False
