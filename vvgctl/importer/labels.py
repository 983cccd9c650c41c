"""The labels minutes use, as patterns: item kinds, presenters, positions, dialog, actions."""

from __future__ import annotations

import re

from vvgctl.repository.registry import fold

#: item-kind labels, longest first, and the kind they mean
KINDS: list[tuple[str, str]] = [
    ("skriftlig information utan föredragning", "written_information"),
    ("information och ställningstagande", "information_and_decision"),
    ("information och beslut", "information_and_decision"),
    ("information och dialog", "information_and_dialog"),
    ("dialog och ställningstagande", "information_and_decision"),
    ("skriftlig information", "written_information"),
    ("anmälningsärenden", "notification"),
    ("anmälningsärende", "notification"),
    ("informationsärende", "information"),
    ("ställningstagande", "decision"),
    ("beslutsärende", "decision"),
    ("dialogärende", "dialog"),
    ("information", "information"),
    ("övrig fråga", "other_question"),
    ("beslut", "decision"),
    ("dialog", "dialog"),
]
_KIND_WORDS = "|".join(re.escape(k) for k, _ in KINDS)
KIND_LINE = re.compile(rf"^\(?\s*({_KIND_WORDS})\s*\)?\s*[.]?\s*(?:[,–-]\s*)?(\(.*\))?\s*$",
                       re.IGNORECASE)

PROCEDURAL_TITLE = re.compile(
    r"^(mötets öppnande|öppnande|mötet öppnas|godkännande av (dagens )?(agenda|dagordning)|"
    r"(fastställande|godkännande) av (dagordning|agenda)|dagordning|föregående|"
    r"mötet avslut|avslutning|mötets avslutande|mötestider|nästa möte|övriga frågor|"
    r"val av justerare|justering)", re.IGNORECASE)
PREVIOUS_TITLE = re.compile(r"föregående\s+(mötes|minnes)?(anteckning|protokoll)", re.IGNORECASE)
SCHEDULE_TITLE = re.compile(r"mötestider|nästa möte|mötesdatum|sammanträdesplan|mötesplan",
                            re.IGNORECASE)

PRESENTERS = re.compile(r"^(föredragande|föredragare|presentatörer|presentatör|presenteras av)"
                        r"\s*:?\s+(.*)$", re.IGNORECASE)
POSITION = re.compile(r"^(ställningstagande|beslut)\s*:\s*(.*)$", re.IGNORECASE)
DIALOG = re.compile(r"^(dialog|inspel från [\wåäö ]+|diskussion|synpunkter)\s*:?\s*$",
                    re.IGNORECASE)
ACTION = re.compile(r"^(inför nästa möte|till nästa möte|åtgärder|åtgärd|att göra)\s*:\s*(.+)$",
                    re.IGNORECASE)
QUESTION = re.compile(r"^(frågeställning|fråga till [\wåäö ]+?)\s*:\s*(.*)$", re.IGNORECASE)
ABSENT = re.compile(r"^(frånvaro|frånvarande|förhindrade?|anmält förhinder|ej närvarande)"
                    r"\s*:\s*(.+)$", re.IGNORECASE)
REMOTE = re.compile(r"^((?:deltar|deltog|närvarande|närvarade)\s+(?:via teams|digitalt|på distans"
                    r"|via länk|via zoom))\s*:\s*(.+)$", re.IGNORECASE)
NEW_MEMBERS = re.compile(r"^(nya ledamöter|ny ledamot|nya deltagare)\s*:\s*(.+)$", re.IGNORECASE)
SECRETARY = re.compile(r"^(mötesanteckning(?:ar)?|sekreterare|antecknat av|antecknare|"
                       r"vid anteckningarna|vid protokollet|protokollförare)\s*:\s*(.*)$",
                       re.IGNORECASE)
CHAIR = re.compile(r"^(ordförande|mötesordförande)\s*:\s*(.+)$", re.IGNORECASE)
DOCUMENTS = re.compile(r"^(handlingar|bilagor|bilaga|underlag)\s*:\s*(.*)$", re.IGNORECASE)
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
    for pattern, kind in (
        (r"noterar (informationen|inform)|tar del av|lägger .* till handlingarna", "noted"),
        (r"tas tillbaka till beredning|återförs|återremitt|skickas tillbaka", "referred"),
        (r"bordläggs|skjuts upp", "postponed"),
        (r"avslår|ställer sig inte bakom", "rejected"),
        (r"rekommenderar", "recommended"),
        (r"ställer sig bakom|ställde sig bakom|tillstyrker", "endorsed"),
        (r"godkänn|fastställ|antar\b", "approved"),
        (r"uppdrar|ger .* i uppdrag|får i uppdrag|uppdrag till", "assigned"),
    ):
        if re.search(pattern, lowered):
            return kind
    return "other"
