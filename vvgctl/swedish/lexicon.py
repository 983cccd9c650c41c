"""The Swedish lexicon: word forms and their lemmas, for search.

The forms come from the Swedish dictionary of simplemma (MIT, 964,000 forms mined from
Wiktionary and the Universal Dependencies treebanks): ``samtycket``, ``samtycken`` →
``samtycke``; ``korttidsboendena`` → ``korttidsboende``. Reading that dictionary takes a second
(it is lzma-compressed and front-coded), so it is written once into an SQLite database of its
own (:func:`ensure_lexicon`; 2–3 s, 34 MB, named after the simplemma version) and looked up
there in microseconds by every later vvgctl.

:meth:`Lexicon.lemmas` is the lemma of a word: the word itself when the dictionary lists it as
a lemma (``boende`` stays ``boende``, though the dictionary also reads it as a form of ``bo``),
else its dictionary lemma, else what simplemma's own strategies make of a word the dictionary
lacks (``informationsdelningen`` → ``informationsdelning``), else None. :meth:`Lexicon.is_word`
tells whether a piece of a compound is a word, for compound parts in search.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE forms(form TEXT PRIMARY KEY, lemma TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE lemmas(lemma TEXT PRIMARY KEY) WITHOUT ROWID;
"""


def lexicon_name() -> str:
    """The file name of the lexicon database: one per simplemma version."""
    from importlib.metadata import version  # 15 ms of imports: only when the lexicon is read

    return f"lexicon-sv-simplemma-{version('simplemma')}-1.sqlite3"


def _records() -> Iterator[tuple[str, str]]:
    """(form, lemma) of simplemma's Swedish dictionary, in the dictionary's (sorted) order."""
    from simplemma.strategies.dictionaries import dictionary_factory, frontcode

    data = dictionary_factory._read_decompressed("sv")
    reverse, _, start = frontcode._read_header(data)
    for _, key, value in frontcode._iter_records(data, start):
        if reverse:
            key, value = key[::-1], value[::-1]
        yield key.decode(), value.decode()


def ensure_lexicon(folder: Path) -> Path:
    """The lexicon database in ``folder``, written first when it is not there.

    Written to a temporary file and renamed into place, so a reader never sees half of it and
    two processes that write it at once both end with a whole one.
    """
    path = folder / lexicon_name()
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=path.stem + "-", suffix=".tmp")
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=OFF")
            connection.execute("PRAGMA synchronous=OFF")
            connection.executescript(_SCHEMA)
            connection.execute("BEGIN")
            connection.executemany("INSERT OR IGNORE INTO forms VALUES(?, ?)", _records())
            connection.execute("INSERT INTO lemmas SELECT DISTINCT lemma FROM forms "
                               "ORDER BY lemma")
            connection.execute("COMMIT")
        finally:
            connection.close()
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path


class _Forms:
    """simplemma's dictionary protocol over the lexicon database (its strategies look up the
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
    """Lookups in the lexicon database (opened read-only)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self._forms: dict[str, str | None] = {}
        self._strategy: list[Any] = []

    def close(self) -> None:
        self.connection.close()

    def form_lemma(self, form: str) -> str | None:
        """The dictionary's lemma of ``form`` (None when it is not listed)."""
        if form not in self._forms:
            row = self.connection.execute("SELECT lemma FROM forms WHERE form = ?",
                                          (form,)).fetchone()
            self._forms[form] = row[0] if row else None
        return self._forms[form]

    def _known(self, words: list[str]) -> tuple[set[str], dict[str, str]]:
        """Which ``words`` are lemmas, and the dictionary lemma of those that are forms."""
        lemmas: set[str] = set()
        forms: dict[str, str] = {}
        for start in range(0, len(words), 500):
            chunk = words[start:start + 500]
            marks = ",".join("?" * len(chunk))
            lemmas.update(w for (w,) in self.connection.execute(
                f"SELECT lemma FROM lemmas WHERE lemma IN ({marks})", chunk))
            forms.update(self.connection.execute(
                f"SELECT form, lemma FROM forms WHERE form IN ({marks})", chunk))
        return lemmas, forms

    def lemmas(self, words: Iterable[str]) -> dict[str, tuple[str | None, bool]]:
        """For each (case-folded) word: its lemma (None when nothing knows it) and whether
        the dictionary lists it."""
        wanted = list(dict.fromkeys(words))
        lemmas, forms = self._known(wanted)
        found: dict[str, tuple[str | None, bool]] = {}
        for word in wanted:
            if word in lemmas:
                found[word] = (word, True)
            elif word in forms:
                found[word] = (forms[word].casefold(), True)
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
        return self.connection.execute("SELECT 1 FROM lemmas WHERE lemma = ?",
                                       (word,)).fetchone() is not None

    def is_word(self, piece: str, depth: int = 2) -> bool:
        """Whether ``piece`` of a compound is a word: a lemma (with or without a linking s at
        its end), the form a lemma takes as the first part of a compound (``hälso``), or a lemma
        followed by
        such a word (``korttid`` = ``kort`` + ``tid``)."""
        if len(piece) < 3:
            return False
        if self.is_lemma(piece) or (len(piece) > 3 and piece.endswith("s")
                                    and self.is_lemma(piece[:-1])):
            return True
        lemma = self.form_lemma(piece)
        if lemma is not None and len(lemma) == len(piece) >= 4 and lemma[:-1] == piece[:-1]:
            return True  # a compound's form of its first part: hälso- for hälsa
        if depth > 0:
            for cut in range(3, len(piece) - 2):
                if self.is_lemma(piece[:cut]) and self.is_word(piece[cut:], depth - 1):
                    return True
        return False
