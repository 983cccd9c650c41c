"""Ranked full-text search over item titles, positions and the paragraphs of the minutes.

The query is cut into words and each word is stemmed (Swedish Snowball stems); a word stands
for every word of the index that has the same stem (the index keeps its vocabulary with the
stems, see :mod:`vvgctl.index.vocab`), so ``enkäter`` finds ``enkäten`` and ``forms-enkät``.
Every query word must occur in a hit, in one of its forms; hits are ranked with FTS5's ``bm25``
(newer meetings first on a tie). The snippet shows the passage's own words around the first
match, and the line is the file line of that match.

A query word the index holds takes its stem from the vocabulary, and the snippet marks the
indexed forms it found, so a search needs the stemmer (and its 15 ms import) only for a word
that no passage holds as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from vvgctl.errors import UsageError
from vvgctl.index import Index
from vvgctl.swedish.stemming import words

KIND_LABELS = {"title": "Rubrik", "decision": "Ställningstagande", "body": "Text"}
_MARKUP = re.compile(r"\*\*|\*|__|`|^#+\s*|\[([^\]]*)\]\([^)]*\)", re.MULTILINE)
BEFORE, AFTER = 8, 22


@dataclass
class Hit:
    start: int
    end: int


def query_words(text: str) -> list[str]:
    """The distinct words of a query, case folded."""
    return list(dict.fromkeys(m.group(0) for m in words(
        unicodedata.normalize("NFC", text).casefold())))


def query_stems(index: Index, wanted: list[str]) -> list[str]:
    """The stem of each query word: from the vocabulary when the index holds the word, else
    from the stemmer (a form no passage has, like ``enkäter`` beside ``enkät``)."""
    marks = ",".join("?" * len(wanted))
    known = dict(index.connection.execute(
        f"SELECT term, stem FROM vocab WHERE term IN ({marks})", wanted))
    if len(known) < len(wanted):
        from vvgctl.swedish.stemming import stem

        known.update((word, stem(word)) for word in wanted if word not in known)
    return list(dict.fromkeys(known[word] for word in wanted))


def snippet(text: str, forms: set[str], first_line: int,
            mark: tuple[str, str] = ("«", "»")) -> tuple[str, int]:
    """A short excerpt of ``text`` around the first word that is one of ``forms`` (case
    folded), and its line."""
    text = unicodedata.normalize("NFC", text)
    found = list(words(text))
    hits = [i for i, m in enumerate(found) if m.group(0).casefold() in forms]
    if not found:
        return "", first_line
    first = hits[0] if hits else 0
    line = first_line + text.count("\n", 0, found[first].start())
    lo, hi = max(0, first - BEFORE), min(len(found), first + AFTER)
    start = found[lo].start() if lo else 0
    end = found[hi - 1].end() if hi < len(found) else len(text)
    pieces: list[str] = []
    cursor = start
    for i in hits:
        if lo <= i < hi:
            m = found[i]
            pieces += [text[cursor:m.start()], mark[0], m.group(0), mark[1]]
            cursor = m.end()
    pieces.append(text[cursor:end])
    excerpt = " ".join(_MARKUP.sub(lambda m: m.group(1) or "", "".join(pieces)).split())
    return ("…" if lo else "") + excerpt + ("…" if hi < len(found) else ""), line


def indexed_forms(index: Index, stems: list[str]) -> dict[str, list[str]]:
    """The indexed words of each stem (a stem no passage holds is left out)."""
    marks = ",".join("?" * len(stems))
    forms: dict[str, list[str]] = {}
    for found, term in index.connection.execute(
            f"SELECT stem, term FROM vocab WHERE stem IN ({marks}) ORDER BY term", stems):
        forms.setdefault(found, []).append(term)
    return forms


def match_expression(stems: list[str], forms: dict[str, list[str]]) -> str:
    """The FTS5 query: each stem as any indexed word that has it
    (``("enkät" OR "enkäten" OR "enkäter") AND (...)``)."""
    return " AND ".join("(" + " OR ".join('"' + term.replace('"', '""') + '"'
                                          for term in forms[s]) + ")" for s in stems)


def search(index: Index, text: str, *, organ: str | None = None, date_from: str | None = None,
           date_to: str | None = None, limit: int = 20,
           mark: tuple[str, str] = ("«", "»")) -> list[dict[str, Any]]:
    """The best ``limit`` passages for ``text``, best first."""
    asked = query_words(text)
    if not asked:
        raise UsageError("give at least one word to search for", hint='vvgctl search "egenvård"')
    stems = query_stems(index, asked)
    forms = indexed_forms(index, stems)
    if len(forms) < len(stems):
        return []  # a word that no passage holds in any form
    where = ["fts MATCH ?"]
    params: list[object] = [match_expression(stems, forms)]
    for clause, value in (("p.organ = ?", organ), ("p.date >= ?", date_from),
                          ("p.date <= ?", date_to)):
        if value:
            where.append(clause)
            params.append(value)
    scoped = bool(index.scope)
    sql = ("SELECT f.path, p.organ, p.date, p.kind, p.item, p.title, p.line, p.text, "
           "bm25(fts) AS rank FROM fts JOIN passages p ON p.id = fts.rowid "
           "JOIN files f ON f.id = p.file_id WHERE " + " AND ".join(where)
           + " ORDER BY rank, p.date DESC" + ("" if scoped else " LIMIT ?"))
    if not scoped:
        params.append(limit)
    rows: list[dict[str, Any]] = []
    marked = {term.casefold() for terms in forms.values() for term in terms}
    for path, p_organ, date, kind, item, title, line, body, rank in \
            index.connection.execute(sql, params):
        if scoped and not index.in_scope(path):
            continue
        excerpt, hit_line = snippet(body, marked, line, mark)
        if kind != "body":  # a YAML scalar: its lines need not be the text's lines
            hit_line = line
        rows.append({"organ": p_organ, "date": date, "item": item, "title": title,
                     "kind": kind, "snippet": excerpt, "score": round(-rank, 3),
                     "file": index.shown(path), "line": hit_line})
        if len(rows) >= limit:
            break
    return rows
