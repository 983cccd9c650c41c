"""Positions (ställningstaganden) taken by the organs, filtered.

``text`` matches as `search` does (:mod:`vvgctl.query.matching`): every word of it must stand
in the item title or the full position (with its numbered parts), as itself, inflected, as a
part of a compound or (a name) spelt a letter apart. Case and Unicode normalisation do not
count; diacritics do, since å, ä and ö are letters of their own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from vvgctl.errors import UsageError
from vvgctl.index import Index
from vvgctl.message import Message
from vvgctl.query.matching import match_expression, query_words, word_forms
from vvgctl.runtime.i18n import N_
from vvgctl.swedish.stemming import normalise

DECISION_TYPES = (
    "noted",
    "endorsed",
    "approved",
    "recommended",
    "assigned",
    "referred",
    "postponed",
    "rejected",
    "other",
)


@dataclass
class DecisionFilter:
    organ: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    year: int | None = None
    type: str | None = None
    case: str | None = None
    person: str | None = None
    text: str | None = None


def _person_names(index: Index, person: str) -> list[str]:
    """The name asked for, and every spelling the registry knows for that person."""
    names = [normalise(person)]
    found = index.repository.registry.person(person).person
    if found is not None:
        names += [normalise(n) for n in (found.name, *found.aliases)]
    return list(dict.fromkeys(names))


#: a position whose own passage, or whose item's title, holds the words of an FTS5 query
#: (one subquery, read once: an OR of two IN subqueries had SQLite run each three times)
_HOLDS = (
    "d.id IN (SELECT h.id FROM fts JOIN passages p ON p.text_id = fts.rowid "
    "JOIN decisions h ON h.file_id = p.file_id AND ((p.kind = 'decision' AND "
    "h.line = p.line) OR (p.kind = 'title' AND h.item = p.item)) "
    "WHERE fts MATCH ? AND p.kind IN ('decision', 'title'))"
)


def _text_condition(index: Index, text: str) -> tuple[str, list[object]]:
    """Every word of ``text`` in the position or its title, in one of its forms."""
    asked = query_words(text)
    if not asked:
        return "1=1", []
    conditions: list[str] = []
    params: list[object] = []
    for forms in word_forms(index, asked):
        if not forms.every:
            return "0", []
        conditions.append(_HOLDS)
        params.append(match_expression([forms.every]))
    return " AND ".join(conditions), params


def _where(index: Index, flt: DecisionFilter) -> tuple[str, list[object]]:
    """The SQL condition of ``flt`` (all but the person, which is matched in Python)."""
    where = ["1=1"]
    params: list[object] = []
    if flt.organ:
        where.append("d.organ = ?")
        params.append(flt.organ)
    if flt.date_from:
        where.append("d.date >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        where.append("d.date <= ?")
        params.append(flt.date_to)
    if flt.year is not None:
        where.append("substr(d.date, 1, 4) = ?")
        params.append(f"{flt.year:04d}")
    if flt.type:
        if flt.type not in DECISION_TYPES:
            raise UsageError(
                Message(N_("--type {type!r} is not a type of position"), {"type": flt.type}),
                hint=Message(N_("use one of {values}"), {"values": ", ".join(DECISION_TYPES)}),
            )
        where.append("d.type = ?")
        params.append(flt.type)
    if flt.case:
        where.append("d.case_id = ?")
        params.append(flt.case)
    if flt.text:
        condition, values = _text_condition(index, flt.text)
        where.append(condition)
        params += values
    return " AND ".join(where), params


_FROM = "FROM decisions d JOIN files f ON f.id = d.file_id WHERE "
_ORDER = " ORDER BY d.date, d.organ, f.path, d.seq"


def find_decisions(index: Index, flt: DecisionFilter) -> list[dict[str, Any]]:
    """The positions matching ``flt``, oldest first."""
    condition, params = _where(index, flt)
    sql = (
        "SELECT f.path, d.organ, d.date, d.item, d.title, d.type, d.label, d.text, d.parts, "
        "d.after_dialog, d.confirm_by, d.deadline, d.documents, d.case_id, d.presenters, "
        "d.line " + _FROM + condition + _ORDER
    )
    people = _person_names(index, flt.person) if flt.person else []
    rows: list[dict[str, Any]] = []
    scoped = bool(index.scope)
    for (
        path,
        organ,
        date,
        item,
        title,
        type_,
        label,
        text,
        parts,
        after_dialog,
        confirm_by,
        deadline,
        documents,
        case,
        presenters,
        line,
    ) in index.connection.execute(sql, params):
        if scoped and not index.in_scope(path):
            continue
        if people and not any(name in normalise(presenters) for name in people):
            continue
        rows.append(
            {
                "organ": organ,
                "date": date,
                "item": item,
                "title": title,
                "type": type_,
                "label": label,
                "text": text,
                "parts": [] if parts == "[]" else json.loads(parts),
                "after_dialog": bool(after_dialog),
                "confirm_by": confirm_by,
                "deadline": deadline,
                "governing_documents": [] if documents == "[]" else json.loads(documents),
                "case": case,
                "presenters": [p for p in presenters.split("; ") if p],
                "file": index.shown(path),
                "line": line,
            }
        )
    return rows


def decisions_json(index: Index, flt: DecisionFilter) -> list[bytes] | None:
    """The rows of :func:`find_decisions` as JSON objects, each encoded by SQLite in UTF-8.

    The same keys, values and order as ``json.dumps(row, ensure_ascii=False,
    separators=(",", ":")).encode()`` of each Python row (a test holds them equal), without
    building Python objects for every column, nor decoding the text SQLite wrote (a blob
    arrives as the bytes it holds): a 15,000-row answer in a third of the time. None when
    the filter needs Python (``person``, matched against every spelling in the registry).
    """
    if flt.person:
        return None
    import os

    condition, params = _where(index, flt)
    in_scope, scope_params = index.scope_condition()
    condition += " AND " + in_scope
    params += scope_params
    cwd = os.path.realpath(os.getcwd()) + os.sep
    shown = "CASE WHEN substr(f.path, 1, ?) = ? THEN substr(f.path, ?) ELSE f.path END"
    presenters = (
        "CASE WHEN d.presenters = '' THEN json('[]') ELSE "
        "json('[' || replace(json_quote(d.presenters), '; ', '\",\"') || ']') END"
    )
    sql = (
        "SELECT CAST(json_object('organ', d.organ, 'date', d.date, 'item', d.item, "
        "'title', d.title, 'type', d.type, 'label', d.label, 'text', d.text, "
        "'parts', json(d.parts), 'after_dialog', json(CASE WHEN d.after_dialog "
        "THEN 'true' ELSE 'false' END), 'confirm_by', d.confirm_by, "
        "'deadline', d.deadline, 'governing_documents', json(d.documents), "
        f"'case', d.case_id, 'presenters', {presenters}, 'file', {shown}, 'line', d.line) AS BLOB) "
        + _FROM
        + condition
        + _ORDER
    )
    found = index.connection.execute(sql, [len(cwd), cwd, len(cwd) + 1, *params])
    return [row[0] for row in found]
