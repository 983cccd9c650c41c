"""The vocabulary: each distinct indexed word with its Swedish stem and lemma.

Stemming and lemmas happen on the vocabulary, not on the text: the ``vocab`` table holds each
distinct word of the search index with its stem (:mod:`vvgctl.swedish.stemming`), its lemma
and whether the lexicon lists it (:mod:`vvgctl.swedish.lexicon`; a word nothing knows is its
own lemma), and a query word stands for every indexed word that shares its lemma or its stem
(:mod:`vvgctl.query.matching`). A repository of 10,000 meetings has millions of words but only
thousands of distinct ones, so this looks up thousands of words instead of millions.

The lexicon database is kept beside the indexes in vvgctl's private cache folder
(``$VVGCTL_LEXICON_DIR`` chooses another folder, which the tests share; it is held to the
same rules, :func:`vvgctl.runtime.cache.private_cache_dir`), written once by the first index
that needs it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from vvgctl.index.database import TOKENIZE
from vvgctl.runtime.cache import cache_dir, private_cache_dir
from vvgctl.swedish.lexicon import Lexicon, ensure_lexicon
from vvgctl.swedish.stemming import stem

_OPEN: list[Lexicon] = []


def lexicon() -> Lexicon:
    """The Swedish lexicon, written first if this cache has none (once per process)."""
    chosen = os.environ.get("VVGCTL_LEXICON_DIR")
    folder = (private_cache_dir(Path(chosen)) if chosen else None) or cache_dir()
    path = ensure_lexicon(folder)
    if _OPEN and _OPEN[0].path != path:
        _OPEN.pop().close()
    if not _OPEN:
        _OPEN.append(Lexicon(path))
    return _OPEN[0]


def _stemmed(terms: Iterable[str]) -> list[tuple[str, str, str, int]]:
    # a query word is case folded (casefold: ß is ss) before it is stemmed; FTS5 folds with
    # simple case folding, so the term is folded the same way before its stem is taken
    folded = {term: term.casefold() for term in terms}
    if not folded:
        return []
    known = lexicon().lemmas(folded.values())
    rows = []
    for term, word in folded.items():
        lemma, listed = known[word]
        rows.append((term, stem(word), lemma or word, int(listed)))
    return rows


def sync_vocab(connection: sqlite3.Connection) -> None:
    """Make ``vocab`` hold exactly the words of the search index (read from FTS5 itself):
    new words get their stem, words no passage holds any more go."""
    indexed = {term for (term,) in connection.execute("SELECT term FROM fts_terms")}
    known = {term for (term,) in connection.execute("SELECT term FROM vocab")}
    connection.executemany("DELETE FROM vocab WHERE term = ?", [(t,) for t in known - indexed])
    connection.executemany(
        "INSERT INTO vocab VALUES(?, ?, ?, ?)", _stemmed(sorted(indexed - known))
    )
    connection.execute("INSERT OR REPLACE INTO meta VALUES('vocab', 'complete')")


def add_terms(connection: sqlite3.Connection, first: int) -> None:
    """Add the words of the passages from id ``first`` on that ``vocab`` lacks.

    FTS5 cuts the new passages into words in a temporary index (so the words are exactly the
    index's own), and only words new to the vocabulary are stemmed. Words of removed passages
    stay until the next full build: a word that no passage holds matches nothing.
    """
    if connection.execute("SELECT 1 FROM passages WHERE id >= ?", (first,)).fetchone() is None:
        return
    connection.execute(
        f"CREATE VIRTUAL TABLE temp.new_text USING fts5(text, content='', "
        f'tokenize = "{TOKENIZE}")'
    )
    try:
        connection.execute(
            "CREATE VIRTUAL TABLE temp.new_terms USING fts5vocab('temp', 'new_text', 'row')"
        )
        connection.execute(
            "INSERT INTO temp.new_text(rowid, text) SELECT id, text FROM main.texts "
            "WHERE id IN (SELECT text_id FROM main.passages WHERE id >= ?)",
            (first,),
        )
        new = [
            term
            for (term,) in connection.execute(
                "SELECT term FROM temp.new_terms WHERE term NOT IN (SELECT term FROM main.vocab)"
            )
        ]
        connection.executemany("INSERT INTO main.vocab VALUES(?, ?, ?, ?)", _stemmed(new))
    finally:
        connection.execute("DROP TABLE IF EXISTS temp.new_terms")
        connection.execute("DROP TABLE temp.new_text")
