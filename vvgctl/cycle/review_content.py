"""What a change does to a meeting's items and people, for ``vvgctl review``.

Per item: a title changed, an item added or removed, and the paragraphs of its prose (the
``## N. Title`` section of the body) added and removed. Per list of people (the roster, the
invited guests and the attendance lists): the names added and removed. A paragraph is a block
of lines between blank lines, each list entry a paragraph of its own (its bullet taken off),
its line breaks read as spaces, so a paragraph rewrapped is no change. A note for the writer
(an HTML comment alone, which the minutes do not show) is no paragraph.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from vvgctl.models import Meeting
from vvgctl.source.document import SplitDocument

#: the lists of people a review compares, in the order the minutes show them
PEOPLE_LISTS = ("roster", "invited", "absent", "remote", "new_members", "others")

_STARTS_ENTRY = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#{1,6}\s|\|)")
_BULLET = re.compile(r"^[-*+]\s+")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True)
class ItemChange:
    item: str  # "4", "1 b", or a heading without a number ("Skriftlig information")
    change: str  # added | removed | changed
    title: str  # as it stands now (before, for a removed item)
    old_title: str | None  # when the title changed
    added: list[str] = field(default_factory=list)  # paragraphs of prose added
    removed: list[str] = field(default_factory=list)  # paragraphs of prose removed


@dataclass(frozen=True)
class PeopleChange:
    kind: str  # one of PEOPLE_LISTS
    added: list[str]
    removed: list[str]


def paragraphs(text: str) -> list[str]:
    """Prose as paragraphs, each on one line (see the module's docstring)."""
    found: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if not line.strip() or _STARTS_ENTRY.match(line):
            if current:
                found.append(current)
            current = [line.strip()] if line.strip() else []
        else:
            current.append(line.strip())
    if current:
        found.append(current)
    joined = [_BULLET.sub("", " ".join(" ".join(p).split())) for p in found]
    return [p for p in joined if not _COMMENT.fullmatch(p)]


def _key(number: str | None, heading: str) -> str:
    if number is None:
        return heading
    head = number.rstrip("abcdefghijklmnopqrstuvwxyz")
    return f"{head} {number[len(head) :]}" if head != number else number


def _titles(meeting: Meeting | None) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in meeting.items if meeting else []:
        found[item.number] = item.title
        found.update({f"{item.number} {sub.number}": sub.title for sub in item.subitems})
    return found


def _prose(document: SplitDocument | None) -> dict[str, tuple[str, str]]:
    """Each section's key -> (its title, its text)."""
    return {
        _key(s.number, s.heading): (s.title, s.text)
        for s in (document.sections if document else [])
    }


def _diff(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    added: list[str] = []
    removed: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return added, removed


def compare_items(
    old: Meeting | None,
    old_document: SplitDocument | None,
    new: Meeting,
    new_document: SplitDocument | None,
) -> list[ItemChange]:
    """The items whose title or prose differ between two versions of a meeting (every item
    of a new meeting), in the new version's order, removed ones where they stood."""
    titles_before, titles_after = _titles(old), _titles(new)
    prose_before, prose_after = _prose(old_document), _prose(new_document)
    before_keys = list(dict.fromkeys([*titles_before, *prose_before]))
    after_keys = list(dict.fromkeys([*titles_after, *prose_after]))
    order = after_keys + [k for k in before_keys if k not in after_keys]
    changes = []
    for key in order:
        was = key in titles_before or key in prose_before
        now = key in titles_after or key in prose_after
        old_title = titles_before.get(key) or prose_before.get(key, ("", ""))[0]
        new_title = titles_after.get(key) or prose_after.get(key, ("", ""))[0]
        added, removed = _diff(
            paragraphs(prose_before.get(key, ("", ""))[1]),
            paragraphs(prose_after.get(key, ("", ""))[1]),
        )
        renamed = was and now and old_title != new_title
        if was and now and not (renamed or added or removed):
            continue
        change = "changed" if was and now else "added" if now else "removed"
        changes.append(
            ItemChange(
                key,
                change,
                new_title if now else old_title,
                old_title if renamed else None,
                added,
                removed,
            )
        )
    return changes


def _names(meeting: Meeting, which: str) -> list[str]:
    if which == "roster":
        return [m.name for group in meeting.roster for m in group.members]
    if which == "invited":
        return [g.name for g in meeting.invited]
    return [p.name for p in getattr(meeting.attendance, which)]


def compare_people(old: Meeting, new: Meeting) -> list[PeopleChange]:
    """The names added to and removed from each list of people."""
    changes = []
    for which in PEOPLE_LISTS:
        before, after = _names(old, which), _names(new, which)
        added = [n for n in after if n not in before]
        removed = [n for n in before if n not in after]
        if added or removed:
            changes.append(PeopleChange(which, added, removed))
    return changes
