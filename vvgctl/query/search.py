"""Ranked full-text search over item titles, positions and the paragraphs of the minutes.

The query is cut into words and each word is stemmed (Swedish Snowball stems); a word stands
for every word of the index that has the same stem (the index keeps its vocabulary with the
stems, see :mod:`vvgctl.index.store`), so ``enkäter`` finds ``enkäten`` and ``forms-enkät``.
Every query word must occur in a hit, in one of its forms; hits are ranked with FTS5's ``bm25``
(newer meetings first on a tie). The snippet shows the passage's own words around the first
match, and the line is the file line of that match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from vvgctl.errors import UsageError
from vvgctl.index import Index
from vvgctl.stemming import stem, words

KIND_LABELS = {"title": "Rubrik", "decision": "Ställningstagande", "body": "Text"}
_MARKUP = re.compile(r"\*\*|\*|__|`|^#+\s*|\[([^\]]*)\]\([^)]*\)", re.MULTILINE)
BEFORE, AFTER = 8, 22


@dataclass
class Hit:
    start: int
    end: int


def query_stems(text: str) -> list[str]:
    return list(dict.fromkeys(stem(m.group(0)) for m in words(
        unicodedata.normalize("NFC", text).casefold())))


def snippet(text: str, wanted: set[str], first_line: int,
            mark: tuple[str, str] = ("«", "»")) -> tuple[str, int]:
    """A short excerpt of ``text`` around the first word whose stem is wanted, and its line."""
    text = unicodedata.normalize("NFC", text)
    found = list(words(text))
    hits = [i for i, m in enumerate(found) if stem(m.group(0).casefold()) in wanted]
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


def match_expression(index: Index, wanted: list[str]) -> str | None:
    """The FTS5 query for the stems ``wanted``: each stem as any indexed word that has it
    (``("enkät" OR "enkäten" OR "enkäter") AND (...)``); None when a stem has no word."""
    marks = ",".join("?" * len(wanted))
    forms: dict[str, list[str]] = {}
    for found, term in index.connection.execute(
            f"SELECT stem, term FROM vocab WHERE stem IN ({marks}) ORDER BY term", wanted):
        forms.setdefault(found, []).append('"' + term.replace('"', '""') + '"')
    if len(forms) < len(wanted):
        return None
    return " AND ".join("(" + " OR ".join(forms[s]) + ")" for s in wanted)


def search(index: Index, text: str, *, organ: str | None = None, date_from: str | None = None,
           date_to: str | None = None, limit: int = 20,
           mark: tuple[str, str] = ("«", "»")) -> list[dict[str, Any]]:
    """The best ``limit`` passages for ``text``, best first."""
    wanted = query_stems(text)
    if not wanted:
        raise UsageError("give at least one word to search for", hint='vvgctl search "egenvård"')
    expression = match_expression(index, wanted)
    if expression is None:
        return []  # a word that no passage holds in any form
    where = ["fts MATCH ?"]
    params: list[object] = [expression]
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
    stems = set(wanted)
    for path, p_organ, date, kind, item, title, line, body, rank in \
            index.connection.execute(sql, params):
        if scoped and not index.in_scope(path):
            continue
        excerpt, hit_line = snippet(body, stems, line, mark)
        if kind != "body":  # a YAML scalar: its lines need not be the text's lines
            hit_line = line
        rows.append({"organ": p_organ, "date": date, "item": item, "title": title,
                     "kind": kind, "snippet": excerpt, "score": round(-rank, 3),
                     "file": index.shown(path), "line": hit_line})
        if len(rows) >= limit:
            break
    return rows
