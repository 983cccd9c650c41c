"""The words legacy minutes use for each field: one table of synonyms per field, as data.

Extend a table to teach the importer a new way of writing a label; :mod:`labels` builds its
patterns from these tables and nothing else restates them. Matching ignores case and extra
spaces ("Beslut  :"). ``{organ}`` stands for an organ's short name or a word for the meeting
("VVG", "Styrgruppen", "Mötet").
"""

from __future__ import annotations

#: a position (ställningstagande) follows the label: "Beslut: VVG noterar informationen."
POSITION_LABELS = (
    "ställningstagande",
    "ställningstaganden",
    "beslut",
    "beslutades",
    "beslöts",
    "mötet beslutade",
)
#: a sentence that is itself the position, kept whole: "Beslutades att notera informationen."
POSITION_SENTENCES = (
    "beslutades att",
    "beslöts att",
    "beslutas att",
    "{organ} beslutar",
    "{organ} beslutade",
    "{organ} besluta",
    "{organ} beslöt",
)
#: an unlabelled sentence is a position when the organ takes it in the present tense:
#: "Styrgruppen ställer sig bakom den nya tidsplanen." (the sentence stays in the body too)
POSITION_SUBJECTS = ("styrgruppen", "gruppen", "mötet", "utskottet", "samrådsorganet")
POSITION_VERBS = (
    "ställer sig bakom",
    "ställer sig inte bakom",
    "noterar informationen",
    "godkänner",
    "beslutar",
    "rekommenderar",
    "tillstyrker",
    "avslår",
    "fastställer",
    "uppdrar åt",
    "ger i uppdrag",
)
#: a proposal is not a position; it stays in the body: "Förslag till beslut: …"
PROPOSAL_LABELS = (
    "förslag till beslut",
    "förslag till ställningstagande",
    "beslutsförslag",
    "förslag till yttrande",
)

#: presenters; the names follow with or without a colon: "Föredras av Anna Andersson, VGR"
PRESENTER_LABELS = (
    "föredragande",
    "föredragare",
    "föredras av",
    "presentatörer",
    "presentatör",
    "presenteras av",
    "ansvarig",
    "ansvariga",
    "dragande",
    "dragning av",
)

#: attendance: a list of names after the label, on its line or one name a line below it
ABSENT_LABELS = (
    "frånvaro",
    "frånvarande",
    "förhindrade",
    "förhindrad",
    "förhinder",
    "anmält förhinder",
    "anmälda förhinder",
    "ej närvarande",
    "ej närvarande ledamöter",
    "frånvarande ledamöter",
)
REMOTE_LABELS = (
    "deltog digitalt",
    "deltar digitalt",
    "deltog på distans",
    "deltar på distans",
    "närvaro via skype",
    "närvaro via teams",
    "närvaro via länk",
    "närvaro digitalt",
    "närvarande digitalt",
    "närvarande via teams",
    "närvarande via skype",
    "närvarade via teams",
    "deltar via teams",
    "deltog via teams",
    "deltar via skype",
    "deltog via skype",
    "deltar via länk",
    "deltog via länk",
    "deltar via zoom",
    "deltog via zoom",
    "digitalt deltagande",
    "deltagande på distans",
)
NEW_MEMBER_LABELS = (
    "nya ledamöter",
    "ny ledamot",
    "nya deltagare",
    "ny deltagare",
    "nya medlemmar",
)
#: marks after a name in a roster: "Lotta Hjöberg, Skövde (förhindrad)"
ABSENT_MARKS = ("förhind", "frånvar", "ej närvarande", "anmält förhinder")
REMOTE_MARKS = (
    "via teams",
    "via skype",
    "via zoom",
    "via länk",
    "digitalt",
    "på distans",
    "distans",
    "på länk",
)

SECRETARY_LABELS = (
    "mötesanteckning",
    "mötesanteckningar",
    "sekreterare",
    "antecknat av",
    "antecknare",
    "vid anteckningarna",
    "vid protokollet",
    "protokollförare",
    "minnesanteckningar",
    "antecknades av",
)
CHAIR_LABELS = ("ordförande", "mötesordförande", "ordf")
DOCUMENT_LABELS = ("handlingar", "bilagor", "bilaga", "underlag")
ACTION_LABELS = (
    "inför nästa möte",
    "till nästa möte",
    "åtgärder",
    "åtgärd",
    "att göra",
    "uppdrag till nästa möte",
)
#: a sentence that asks members to send something in by a meeting is no follow-up of the
#: meeting ("påminner om att skicka in … till nästa möte")
NOT_FOLLOW_UP = ("påminner", "påminnelse", "skicka in", "skickas in", "inkomma med")
#: the labels vvgctl's own minutes print beside an item's text (vvgctl.render.notes): a
#: follow-up "Uppföljning: … (till mötet i december 2025)", an earlier action the item closes
#: "Åtgärd klar: …", and the corrections "Rättelse vid justering 12 mars 2026: …" (of these
#: minutes) and "Godkända med rättelse (11 september 2025): …" (of the previous minutes),
#: each quoting "Tidigare lydelse: ”…” Ny lydelse: ”…”"
FOLLOW_UP_LABELS = ("uppföljning",)
CLOSED_LABELS = ("åtgärd klar", "åtgärden klar", "klar åtgärd")
CORRECTION_LABELS = ("rättelse vid justering", "rättelse vid justeringen")
PREVIOUS_CORRECTION_LABELS = (
    "godkända med rättelse",
    "godkänd med rättelse",
    "godkändes med rättelse",
)
OLD_WORDING_LABELS = ("tidigare lydelse",)
NEW_WORDING_LABELS = ("ny lydelse",)
#: the meeting a follow-up is aimed at, in the parentheses that end it: "(till mötet i
#: december 2025)", "(till mötet den 10 december 2025)", "(till nästa möte, SRO)"; the month
#: and day forms are read as dates, these are the words for the others
FOLLOW_UP_TARGETS: tuple[tuple[str, str], ...] = (
    ("nästkommande möte", "after-next"),
    ("nästnästa möte", "after-next"),
    ("nästa möte", "next"),
)
QUESTION_LABELS = ("frågeställning", "fråga till {words}")
DIALOG_LABELS = ("dialog", "inspel från {words}", "diskussion", "synpunkter", "dialog och inspel")

#: item headings other than "4." / "4)": "§ 4", "Punkt 4"
ITEM_WORDS = ("§", "punkt", "ärende", "p.")

#: item kinds as a kind line says them, and the kind they mean
KINDS: tuple[tuple[str, str], ...] = (
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
)

#: a position's type from its wording, first match wins
DECISION_TYPES: tuple[tuple[str, str], ...] = (
    (
        r"noterar (informationen|inform)|notera(de)? informationen|tar del av|tog del av"
        r"|lägger .* till handlingarna|lägga .* till handlingarna",
        "noted",
    ),
    (r"tas tillbaka till beredning|återförs|återremitt|skickas tillbaka", "referred"),
    (r"bordläggs|bordlägga|skjuts upp", "postponed"),
    (r"avslår|avslå\b|ställer sig inte bakom|ställa sig inte bakom", "rejected"),
    (r"rekommender", "recommended"),
    (r"ställer sig bakom|ställde sig bakom|ställa sig bakom|tillstyrk", "endorsed"),
    (r"godkänn|fastställ|antar\b|anta\b", "approved"),
    (
        r"uppdrar|uppdra\b|ger .* i uppdrag|får i uppdrag|uppdrag till|\bger\b[^.]*\buppdrag"
        r"|\bges\b[^.]*\buppdrag|\bkommer att (?:skicka|ta fram|genomföra|sammanställa|utreda)"
        r"|\bkommer att skickas\b|\bska (?:tas|ta) fram\b|\bskickas ut\b",
        "assigned",
    ),
)

#: the sections that group a council's items, and the kind each gives the items under it
SECTIONS: tuple[tuple[str, str], ...] = (
    ("inledande formalia", "procedural"),
    ("avslutande formalia", "procedural"),
    ("formalia", "procedural"),
    ("beslutsärenden", "decision"),
    ("informationsärenden", "information"),
    ("anmälningsärenden", "notification"),
    ("dialogärenden", "dialog"),
)
