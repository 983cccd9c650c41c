"""Ranked full-text search over the passages of the minutes: item titles, positions, the
paragraphs of the body, presenters, documents, actions, follow-ups, tables (titles, column
heads, row labels and cells), the roster, invited guests, attendance and corrections.

Each query word stands for the indexed words of :mod:`vvgctl.query.matching`: its inflected
forms (lemma or stem), then compounds that hold it as a part, then (for a name) spellings a
letter apart. Every query word must occur in a hit, in one of those forms. Hits where every word
occurs as itself or inflected come first, ranked with FTS5's ``bm25`` (newer meetings first on a
tie); hits that need a compound part or another spelling follow, ranked the same way. Within
each of the two, hits in tables and the lists of people (roster, invited guests, attendance)
come after the hits in the items. The
snippet shows the passage's own words around the first match with the matched forms marked,
and the line is the file line of that match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from vvgctl.errors import UsageError
from vvgctl.index import Index
from vvgctl.query.matching import match_expression, query_words, word_forms
from vvgctl.runtime.i18n import N_
from vvgctl.swedish.stemming import words

KIND_LABELS = {
    "title": "Rubrik",
    "decision": "Ställningstagande",
    "body": "Text",
    "presenters": "Föredragande",
    "document": "Handling",
    "action": "Åtgärd",
    "follow_up": "Uppföljning",
    "question": "Frågeställning",
    "table": "Tabell",
    "roster": "Kallade",
    "invited": "Inbjudna",
    "attendance": "Närvaro",
    "correction": "Rättelse",
}
#: where a word is mentioned rather than treated: tables (an årshjul names the items of other
#: meetings) and the lists of people (roster, invited guests, attendance). A hit there comes
#: after the hits in the items of the same tier, where the topic or the person takes part.
ASIDE = ("table", "roster", "invited", "attendance")
_ASIDE = ", ".join(f"'{kind}'" for kind in ASIDE)
_MARKUP = re.compile(r"\*\*|\*|__|`|^#+\s*|\[([^\]]*)\]\([^)]*\)", re.MULTILINE)
BEFORE, AFTER = 8, 22


@dataclass
class Hit:
    start: int
    end: int


def snippet(
    text: str, forms: set[str], first_line: int, mark: tuple[str, str] = ("«", "»")
) -> tuple[str, int]:
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
            pieces += [text[cursor : m.start()], mark[0], m.group(0), mark[1]]
            cursor = m.end()
    pieces.append(text[cursor:end])
    excerpt = " ".join(_MARKUP.sub(lambda m: m.group(1) or "", "".join(pieces)).split())
    return ("…" if lo else "") + excerpt + ("…" if hi < len(found) else ""), line


def search(
    index: Index,
    text: str,
    *,
    organ: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 20,
    mark: tuple[str, str] = ("«", "»"),
) -> list[dict[str, Any]]:
    """The best ``limit`` passages for ``text``, best first."""
    asked = query_words(text)
    if not asked:
        raise UsageError(
            N_("give at least one word to search for"), hint=N_('vvgctl search "egenvård"')
        )
    forms = word_forms(index, asked)
    if not all(f.every for f in forms):
        return []  # a word that no passage holds in any form
    where, params = _conditions(index, organ, date_from, date_to)
    sql = _sql(index, where)
    tiers = []
    if all(f.exact for f in forms):
        tiers.append(match_expression([f.exact for f in forms]))
    if any(f.parts or f.near for f in forms):
        tiers.append(match_expression([f.every for f in forms]))
    marked = {term.casefold() for f in forms for term in f.every}
    rows: list[dict[str, Any]] = []
    seen: set[int] = set()
    scale = _Scale()
    for tier, expression in enumerate(tiers):
        # a later tier finds the earlier tiers' passages again: ask for enough to pass them
        found = index.connection.execute(sql, [expression, *params, limit + len(seen)])
        for hit in found:
            if hit[0] in seen:
                continue
            seen.add(hit[0])
            factor = scale.factor(tier, hit[11], hit[9], rows)
            rows.append(_row(index, hit, factor, marked, mark))
            if len(rows) >= limit:
                return rows
    return rows


def _conditions(
    index: Index, organ: str | None, date_from: str | None, date_to: str | None
) -> tuple[list[str], list[object]]:
    """The SQL conditions on a passage ``p`` (and its file ``f``), and their parameters."""
    where: list[str] = []
    params: list[object] = []
    for clause, value in (
        ("p.organ = ?", organ),
        ("p.date >= ?", date_from),
        ("p.date <= ?", date_to),
    ):
        if value:
            where.append(clause)
            params.append(value)
    if index.scope:
        condition, scope_params = index.scope_condition()
        where.append(condition)
        params += scope_params
    return where, params


def _sql(index: Index, where: list[str]) -> str:
    """The query of one tier: an FTS5 expression, the parameters of ``where``, a limit.

    The search index holds each distinct text once (index.rows.text_id), so bm25 ranks a
    recurring text once, not once per meeting. A passage that stands word for word in
    several meetings (a recurring item, a standard position) is one hit, with how many more
    meetings hold it: SQLite groups the passages of the matched texts by their digest (kind,
    title and words, see index.rows) and shows the newest copy.
    """
    return (
        "WITH matched AS MATERIALIZED (SELECT fts.rowid AS text_id, bm25(fts) AS rank "
        "FROM fts WHERE fts MATCH ?), "
        "grouped AS (SELECT p.id, max(p.date) AS newest, avg(m.rank) AS rank, "
        # the kind is part of the digest: every passage of a group has the one kind
        f"count(*) AS copies, p.kind IN ({_ASIDE}) AS aside "
        "FROM matched m JOIN passages p ON p.text_id = m.text_id "
        + ("JOIN files f ON f.id = p.file_id " if index.scope else "")
        + ("WHERE " + " AND ".join(where) + " " if where else "")
        + "GROUP BY p.digest ORDER BY aside, rank, newest DESC LIMIT ?) "
        "SELECT p.digest, f.path, p.organ, p.date, p.kind, p.item, p.title, p.line, t.text, "
        "g.rank, g.copies, g.aside FROM grouped g JOIN passages p ON p.id = g.id "
        "JOIN texts t ON t.id = p.text_id "
        "JOIN files f ON f.id = p.file_id ORDER BY g.aside, g.rank, g.newest DESC"
    )


@dataclass
class _Scale:
    """The factor of a group's scores: a compound part ranks below every exact hit, a table
    or a list of people below the items, so a later group's scores are scaled under the rows
    before it."""

    current: float = 1.0
    group: tuple[int, int] = (0, 0)

    def factor(self, tier: int, aside: int, rank: float, rows: list[dict[str, Any]]) -> float:
        if (tier, aside) != self.group:
            self.group = (tier, aside)
            last = rows[-1]["score"] if rows else None
            self.current = min(1.0, 0.99 * last / -rank) if last is not None and -rank > 0 else 1.0
        return self.current


def _row(
    index: Index,
    hit: tuple[Any, ...],
    factor: float,
    marked: set[str],
    mark: tuple[str, str],
) -> dict[str, Any]:
    """The answer's row of one hit, its score scaled by ``factor``."""
    _, path, organ, date, kind, item, title, line, body, rank, copies, _ = hit
    excerpt, hit_line = snippet(body, marked, line, mark)
    if kind != "body":  # a YAML scalar: its lines need not be the text's lines
        hit_line = line
    return {
        "organ": organ,
        "date": date,
        "item": item,
        "title": title,
        "kind": kind,
        "snippet": excerpt,
        "score": round(-rank * factor, 3),
        "file": index.shown(path),
        "line": hit_line,
        "repeats": copies - 1,
    }
