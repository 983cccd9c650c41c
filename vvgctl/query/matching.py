"""Which indexed words a query word stands for: the one matching of `search` and `decisions --text`.

A query word (case folded, NFC) stands for three sets of words of the index's vocabulary
(:mod:`vvgctl.index.vocab`), tried in this order of rank:

1. ``exact``: the word itself and every indexed word with the same lemma (the lexicon's, see
   :mod:`vvgctl.swedish.lexicon`) or the same Snowball stem: ``samtycket`` finds ``samtycke``
   and ``samtycken`` though no passage holds ``samtycket``.
2. ``parts``: indexed compounds that end or begin with the word's lemma, where the rest of the
   compound is a word of the lexicon too (``delning`` finds ``informationsdelning``: the rest,
   ``informations``, is ``information`` with a linking s; ``ring`` does not find
   ``förändring``, since ``föränd`` is no word). The lexicon's lemmas decide what a word is,
   so a derivation it lists under a lemma of its own (``hantering``) can pass for a compound.
3. ``near``: only for a word that neither finds, and that the lexicon does not list (a name):
   indexed words the lexicon does not list either, one letter apart (two in a word of eight
   letters or more), so ``Tarranger`` finds ``Taranger`` while ``arets`` never finds
   ``årets`` (å, ä and ö stay letters of their own).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from vvgctl.index import Index
from vvgctl.index.vocab import lexicon
from vvgctl.swedish.stemming import stem, words

MIN_PART = 4


@dataclass
class Forms:
    """The indexed words one query word stands for."""

    word: str
    exact: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    near: list[str] = field(default_factory=list)

    @property
    def every(self) -> list[str]:
        return self.exact + self.parts + self.near


def query_words(text: str) -> list[str]:
    """The distinct words of a query, case folded."""
    return list(
        dict.fromkeys(m.group(0) for m in words(unicodedata.normalize("NFC", text).casefold()))
    )


def _described(index: Index, asked: list[str]) -> dict[str, tuple[str, str, bool]]:
    """(stem, lemma, listed) of each query word: from the vocabulary when the index holds the
    word, else from the lexicon and the stemmer."""
    marks = ",".join("?" * len(asked))
    found = {
        term: (stem_, lemma, bool(listed))
        for term, stem_, lemma, listed in index.connection.execute(
            f"SELECT term, stem, lemma, listed FROM vocab WHERE term IN ({marks})", asked
        )
    }
    missing = [word for word in asked if word not in found]
    if missing:
        for word, (lemma, listed) in lexicon().lemmas(missing).items():
            found[word] = (stem(word), lemma or word, listed)
    return found


def _exact(index: Index, word: str, stem_: str, lemma: str) -> list[str]:
    return [
        term
        for (term,) in index.connection.execute(
            "SELECT term FROM vocab WHERE lemma IN (?, ?) OR stem = ? OR term IN (?, ?) "
            "ORDER BY term",
            (lemma, word, stem_, word, lemma),
        )
    ]


def _parts(index: Index, heads: list[str], exact: set[str]) -> list[str]:
    """Indexed compounds that end or begin with one of ``heads`` (the query word and its
    lemma), the rest being a word of the lexicon."""
    found: list[str] = []
    lex = None
    for head in heads:
        size = len(head)
        rows = index.connection.execute(
            "SELECT term, lemma FROM vocab WHERE length(term) >= ? AND "
            "(substr(lemma, -?) = ? OR substr(term, 1, ?) = ? OR substr(term, -?) = ?)",
            (size + 3, size, head, size, head, size, head),
        )
        for term, lemma in rows:
            if term in exact or term in found:
                continue
            lex = lex or lexicon()
            ends = (lemma.endswith(head) and lex.is_word(lemma[:-size])) or (
                term.endswith(head) and lex.is_word(term[:-size])
            )
            if ends or (
                term.startswith(head)
                and (
                    lex.is_word(term[size:])
                    or (term[size] == "s" and lex.is_word(term[size + 1 :]))
                )
            ):
                found.append(term)
    return sorted(found)


def _distance(a: str, b: str, most: int) -> int:
    """Levenshtein distance of ``a`` and ``b`` with a swap of neighbours as one step, or
    ``most + 1`` as soon as it exceeds ``most``."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > most:
            return most + 1
        before, row = row, current
    return row[-1]


def _near(index: Index, word: str) -> list[str]:
    """Indexed words the lexicon does not list (names), a letter or two from ``word``."""
    most = 1 if len(word) < 8 else 2
    rows = index.connection.execute(
        "SELECT term FROM vocab WHERE listed = 0 AND length(term) BETWEEN ? AND ?",
        (len(word) - most, len(word) + most),
    )
    return sorted(term for (term,) in rows if _distance(word, term, most) <= most)


def word_forms(index: Index, asked: list[str]) -> list[Forms]:
    """The indexed words each query word stands for (see the module's docstring)."""
    described = _described(index, asked)
    result: list[Forms] = []
    for word in asked:
        stem_, lemma, listed = described[word]
        forms = Forms(word, _exact(index, word, stem_, lemma))
        heads = [h for h in dict.fromkeys((lemma, word)) if len(h) >= MIN_PART and h.isalpha()]
        forms.parts = _parts(index, heads, set(forms.exact))
        if not forms.exact and not forms.parts and not listed and len(word) >= MIN_PART:
            forms.near = _near(index, word)
        result.append(forms)
    return result


def match_expression(groups: list[list[str]]) -> str:
    """The FTS5 query: each group as any of its words (``("enkät" OR "enkäten") AND (...)``)."""
    return " AND ".join(
        "(" + " OR ".join('"' + term.replace('"', '""') + '"' for term in group) + ")"
        for group in groups
    )
