"""Swedish words for values the models hold as codes, and names joined as a sentence does.

The enums of :mod:`vvgctl.models` keep their labels beside them (``ITEM_KIND_LABELS`` …); what
is here labels a model field that is a plain pattern, and the codes a query shows without
reading a model (``decisions`` prints a position's type from the index: importing the models
for its label would cost it pydantic's start-up).
"""

from __future__ import annotations

#: a member's role in an organ (``Membership.role``, a roster's ``role``) as the minutes name it;
#: an ordinary ``member`` gets no label
ROLE_LABELS = {
    "chair": "ordförande",
    "vice_chair": "vice ordförande",
    "secretary": "sekreterare",
    "substitute": "ersättare",
}

#: what a position does (``Decision.type``, a :class:`vvgctl.models.item.DecisionType`, whose
#: members are these codes), as the minutes say it
DECISION_TYPE_LABELS = {
    "noted": "Noterar informationen",
    "endorsed": "Ställer sig bakom",
    "approved": "Godkänner",
    "recommended": "Rekommenderar",
    "assigned": "Ger uppdrag",
    "referred": "Återförs till beredningen",
    "postponed": "Bordläggs",
    "rejected": "Avslår",
    "other": "Övrigt",
}


def join_names(names: list[str]) -> str:
    """'A, B och C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} och {names[-1]}"
