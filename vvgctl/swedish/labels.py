"""Swedish words for values the models hold as codes, and names joined as a sentence does.

The enums of :mod:`vvgctl.models` keep their labels beside them (``ITEM_KIND_LABELS`` …); what
is here labels a model field that is a plain pattern, not an enum.
"""

from __future__ import annotations

#: a member's role in an organ (``Membership.role``, a roster's ``role``) as the minutes name it;
#: an ordinary ``member`` gets no label
ROLE_LABELS = {
    "chair": "ordförande", "vice_chair": "vice ordförande", "secretary": "sekreterare",
    "substitute": "ersättare",
}


def join_names(names: list[str]) -> str:
    """'A, B och C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} och {names[-1]}"
