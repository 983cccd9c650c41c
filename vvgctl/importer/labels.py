"""The labels minutes use, as patterns built from the synonym tables of :mod:`vocabulary`."""

from __future__ import annotations

import re

from vvgctl.importer import vocabulary as V
from vvgctl.repository.registry import fold

_ORGAN = r"(?:(?-i:[A-ZÅÄÖ]{2,8})|styrgruppen|mötet|gruppen|vårdsamverkan västra götaland)"
_WORDS = r"[\wåäö ]+?"


def alternatives(synonyms: tuple[str, ...]) -> str:
    """One regex alternative for a synonym table, longest first, spaces as any spacing."""
    parts = []
    for synonym in sorted(synonyms, key=len, reverse=True):
        escaped = r"\s+".join(re.escape(w) for w in synonym.split())
        parts.append(
            escaped.replace(re.escape("{organ}"), _ORGAN).replace(re.escape("{words}"), _WORDS)
        )
    return "|".join(parts)


def label(
    synonyms: tuple[str, ...], *, bare: bool = False, no_colon: bool = False
) -> re.Pattern[str]:
    """``Label: value`` (group 1 the label, group 2 the value); with ``bare`` also the label
    alone on its line, with ``no_colon`` also ``Label value``."""
    tail = r"\s*:\s*(.*)"
    if no_colon:
        tail = r"\s*:?\s+(.*)"
    if bare:
        tail = rf"(?:{tail}|\s*:?\s*()$)"
    return re.compile(rf"^({alternatives(synonyms)}){tail}$", re.IGNORECASE)


KINDS: list[tuple[str, str]] = list(V.KINDS)
_KIND_WORDS = "|".join(re.escape(k) for k, _ in KINDS)
KIND_LINE = re.compile(
    rf"^\(?\s*({_KIND_WORDS})\s*\)?\s*[.]?\s*(?:[,–-]\s*)?(\(.*\))?\s*$", re.IGNORECASE
)

PROCEDURAL_TITLE = re.compile(
    r"^(mötets öppnande|öppnande|mötet öppnas|godkännande av (dagens )?(agenda|dagordning)|"
    r"(fastställande|godkännande) av (dagordning|agenda)|dagordning|föregående|"
    r"mötet avslut|avslutning|mötets avslutande|mötestider|nästa möte|övriga frågor|"
    r"val av justerare|justering)",
    re.IGNORECASE,
)
PREVIOUS_TITLE = re.compile(r"föregående\s+(mötes|minnes)?(anteckning|protokoll)", re.IGNORECASE)
SCHEDULE_TITLE = re.compile(
    r"mötestider|nästa möte|mötesdatum|sammanträdesplan|mötesplan|"
    r"sammanträdestider|sammanträdesdagar|mötesdagar",
    re.IGNORECASE,
)

PRESENTERS = label(V.PRESENTER_LABELS, no_colon=True)
POSITION = label(V.POSITION_LABELS)
POSITION_SENTENCE = re.compile(rf"^({alternatives(V.POSITION_SENTENCES)})\b\s*(.+)$", re.IGNORECASE)
PROPOSAL = label(V.PROPOSAL_LABELS, bare=True)
DIALOG = re.compile(rf"^({alternatives(V.DIALOG_LABELS)})\s*:?\s*$", re.IGNORECASE)
ACTION = re.compile(rf"^({alternatives(V.ACTION_LABELS)})\s*:\s*(.+)$", re.IGNORECASE)
QUESTION = label(V.QUESTION_LABELS)
ABSENT = label(V.ABSENT_LABELS, bare=True)
REMOTE = label(V.REMOTE_LABELS, bare=True)
NEW_MEMBERS = label(V.NEW_MEMBER_LABELS)
SECRETARY = label(V.SECRETARY_LABELS)
CHAIR = re.compile(rf"^({alternatives(V.CHAIR_LABELS)})\s*:\s*(.+)$", re.IGNORECASE)
DOCUMENTS = label(V.DOCUMENT_LABELS)
ABSENT_MARK = re.compile(alternatives(V.ABSENT_MARKS), re.IGNORECASE)
REMOTE_MARK = re.compile(alternatives(V.REMOTE_MARKS), re.IGNORECASE)
FOLLOW_UP = label(V.FOLLOW_UP_LABELS)
#: the meeting a labelled follow-up is aimed at, in the parentheses that end it: group 1 the
#: meeting ("mötet i december 2025", "nästa möte"), group 2 the organ when another's
FOLLOW_UP_WHEN = re.compile(
    r"\s*\(\s*till\s+([^,()]+?)\s*(?:,\s*([^()]+?))?\s*\)\s*[.]?\s*$", re.IGNORECASE
)
CLOSED = label(V.CLOSED_LABELS)
#: "Rättelse vid justering 12 mars 2026: …" and "Godkända med rättelse (11 september 2025):
#: …": group 1 the label, group 2 what stands between it and the colon (the date), group 3
#: the text
CORRECTION = re.compile(
    rf"^({alternatives(V.CORRECTION_LABELS)})\s*([^:]{{0,40}}?)\s*:\s*(.+)$", re.IGNORECASE
)
PREVIOUS_CORRECTION = re.compile(
    rf"^({alternatives(V.PREVIOUS_CORRECTION_LABELS)})\s*([^:]{{0,40}}?)\s*:\s*(.+)$", re.IGNORECASE
)
OLD_WORDING = re.compile(
    rf"\b(?:{alternatives(V.OLD_WORDING_LABELS)})\s*:\s*[”“\"](.*?)[”“\"]",
    re.IGNORECASE | re.DOTALL,
)
NEW_WORDING = re.compile(
    rf"\b(?:{alternatives(V.NEW_WORDING_LABELS)})\s*:\s*[”“\"](.*?)[”“\"]",
    re.IGNORECASE | re.DOTALL,
)
#: the lines vvgctl prints beside an item's text: never part of a position or a title
NOTES = (FOLLOW_UP, CLOSED, CORRECTION, PREVIOUS_CORRECTION)
PAUSE = re.compile(r"^paus\b", re.IGNORECASE)
LINK_BULLET = re.compile(r"^\s*[-*•]\s+\[(.+?)\]\((.*?)\)\s*[.,]?\s*$")
FILE_BULLET = re.compile(r"^\s*[-*•]\s+(.+\.(?:pdf|docx?|pptx?|xlsx?))\s*$", re.IGNORECASE)


def kind_of_label(label: str) -> str | None:
    wanted = fold(label)
    return next((kind for text, kind in KINDS if fold(text) == wanted), None)


def kind_from_title(title: str) -> str | None:
    lowered = title.lower()
    if lowered.startswith(("övrig fråga", "övriga fråga")):
        return "other_question"
    if lowered.startswith("skriftlig information"):
        return "written_information"
    if lowered.startswith("anmälningsärende"):
        return "notification"
    if PROCEDURAL_TITLE.match(lowered):
        return "procedural"
    return None


def decision_type(text: str) -> str:
    lowered = text.lower()
    for pattern, kind in V.DECISION_TYPES:
        if re.search(pattern, lowered):
            return kind
    return "other"
