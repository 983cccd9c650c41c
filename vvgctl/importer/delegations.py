"""Names of delegations and groups in legacy minutes: the organ's delegations they stand for.

Shared by the header (an inline roster) and the roster (a heading over a group of names).
"""

from __future__ import annotations

import difflib
import re

from vvgctl.models import Organ
from vvgctl.repository.registry import fold

#: an abbreviation in brackets after a name: "Västkom (VK)"
ABBREVIATION = re.compile(r"\(([A-ZÅÄÖ]{2,10})\)")
#: a heading over people who are not members: guests, co-opted members
OTHERS = re.compile(
    r"^(övriga( deltagare| närvarande)?|adjungerade|adjungerad|gäster|"
    r"inbjudna)$",
    re.IGNORECASE,
)


def slug(text: str) -> str:
    folded = fold(ABBREVIATION.sub("", text))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60].strip("-")


def resolve_delegation(heading: str, organ: Organ | None) -> str | None:
    if organ is None:
        return None
    abbreviations = {fold(a) for a in ABBREVIATION.findall(heading)}
    wanted = fold(ABBREVIATION.sub("", heading)).strip(" .,")
    for delegation in organ.delegations:
        name = fold(delegation.name)
        if name == wanted or delegation.id in abbreviations or delegation.id == slug(heading):
            return delegation.id
    for delegation in organ.delegations:
        name = fold(delegation.name)
        if re.search(rf"\b{re.escape(name)}\b", wanted) or (
            len(wanted) > 3 and re.search(rf"\b{re.escape(wanted)}\b", name)
        ):
            return delegation.id
    names = {fold(d.name): d.id for d in organ.delegations}
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.85)
    return names[close[0]] if close else None
