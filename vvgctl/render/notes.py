"""What the minutes print beside an item's text, worded once for the PDF, the HTML and the site.

- :func:`action_view` an action with its owner (``owner`` or ``owner_group``) and when it is due
  (``senast 12 mars 2026`` or ``till nästa möte``);
- :func:`confirmation` ``Slutgiltigt ställningstagande tas av SRO.`` under a position that
  another organ must confirm;
- :func:`interludes` a pause or a note between items (``Paus kl. 10.10–10.20``), by the item
  it follows;
- :func:`correction_notes` the notes of the corrections made when the minutes were approved,
  ``Rättelse vid justering 12 mars 2026: …``, placed at the item they name, or after the
  header when they name none (or an item the minutes do not have), each with the wording it
  replaced and the wording it put in (``Tidigare lydelse: ”…” Ny lydelse: ”…”``);
- :func:`approved_corrections` the same notes under the approving minutes' item on the previous
  minutes (``Godkända med rättelse: …``);
- :func:`follow_up_view` a follow-up with the meeting it is aimed at (``till mötet i februari
  2026``) and the organ, when another organ's;
- :func:`closed_view` an earlier action this item closes, by its text.

The values are plain text: each renderer escapes them like every other string of the minutes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from vvgctl.models import Meeting, PersonRef
from vvgctl.models.item import Action, FollowUp, Item
from vvgctl.models.meeting import Correction
from vvgctl.swedish.dates import long_date, meeting_target, time_range

ACTION_LABEL = "Åtgärd"
FOLLOW_UP_LABEL = "Uppföljning"
CLOSED_LABEL = "Åtgärd klar"


def person(ref: PersonRef) -> str:
    """'Åsa Jackson, VGR'."""
    return f"{ref.name}, {ref.organisation}" if ref.organisation else ref.name


def action_view(entry: Action) -> dict[str, str]:
    """``label``, ``text``, ``who`` (owner or group, may be empty), ``when`` (may be empty)."""
    who = entry.owner_group or (person(entry.owner) if entry.owner else "")
    when = ""
    if entry.due:
        when = f"senast {long_date(entry.due)}"
    elif entry.due_meeting:
        when = f"till {meeting_target(entry.due_meeting)}"
    return {"label": entry.label or ACTION_LABEL, "text": entry.text, "who": who, "when": when}


def follow_up_view(entry: FollowUp, labels: Mapping[str, str]) -> dict[str, str]:
    """``label``, ``text`` and ``when``: the meeting it is aimed at, and the organ when given
    (``labels``: organ id -> its name as shown)."""
    when = f"till {meeting_target(entry.meeting)}"
    if entry.organ:
        when += f", {labels.get(entry.organ, entry.organ)}"
    return {"label": FOLLOW_UP_LABEL, "text": entry.text, "when": when}


def closed_view(action_id: str, texts: Mapping[str, str]) -> dict[str, str]:
    """An action closed by ``closes_actions``: its text where the repository holds it (the
    id is for the files, not the reader), else its id."""
    return {"label": CLOSED_LABEL, "text": texts.get(action_id, action_id)}


def confirmation(organ: str | None, labels: Mapping[str, str]) -> str | None:
    """The note under a position ``organ`` must confirm; ``labels``: organ id -> its name as
    shown (the short name where it has one)."""
    if not organ:
        return None
    return f"Slutgiltigt ställningstagande tas av {labels.get(organ, organ)}."


def interludes(meeting: Meeting) -> dict[str, list[str]]:
    """The entries that are not items, by the number of the item they follow."""
    found: dict[str, list[str]] = {}
    for interlude in meeting.interludes:
        text = interlude.text
        if interlude.time:
            text = f"{text} {time_range(interlude.time.start, interlude.time.end)}"
        found.setdefault(interlude.after, []).append(text)
    return found


@dataclass
class Corrections:
    """Each note as (label, text): after the header, and by the number of the item it names."""

    header: list[tuple[str, str]] = field(default_factory=list)
    by_item: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def at(self, number: str) -> list[tuple[str, str]]:
        return self.by_item.get(number, [])


def wording(correction: Correction) -> str:
    """A correction's text with the wording it replaced and the wording it put in."""
    parts = [correction.text]
    if correction.quote or correction.replacement:
        parts[0] = parts[0].rstrip(". ") + "."
    if correction.quote:
        parts.append(f"Tidigare lydelse: ”{correction.quote}”")
    if correction.replacement:
        parts.append(f"Ny lydelse: ”{correction.replacement}”")
    return " ".join(parts)


def is_previous_item(item: Item) -> bool:
    """The item that approves the previous minutes ("Föregående mötesanteckning")."""
    title = item.title.casefold()
    return "föregående" in title and ("anteckning" in title or "protokoll" in title)


def approved_corrections(meeting: Meeting) -> list[tuple[str, str]]:
    """The corrections the previous minutes were approved with, as notes for the item that
    approved them."""
    previous = meeting.previous
    if previous is None or not previous.approved:
        return []
    label = f"Godkända med rättelse ({long_date(previous.date)})"
    return [(label, wording(c)) for c in previous.corrections]


def correction_notes(meeting: Meeting) -> Corrections:
    """The notes of ``meeting.approval.corrections``, in the order they were recorded."""
    found = Corrections()
    if meeting.approval is None:
        return found
    label = f"Rättelse vid justering {long_date(meeting.approval.meeting)}"
    numbers = {item.number for item in meeting.items}
    for correction in meeting.approval.corrections:
        note = (label, wording(correction))
        if correction.item is not None and correction.item in numbers:
            found.by_item.setdefault(correction.item, []).append(note)
        else:
            found.header.append(note)
    return found
