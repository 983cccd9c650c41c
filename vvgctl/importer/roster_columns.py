"""The roster under its label ('Kallade:'), read column by column into groups: a
delegation's heading and its members, a member's line wrapped in a narrow column joined again."""

from __future__ import annotations

import re

from vvgctl.importer.attendance import attendance_at
from vvgctl.importer.delegations import OTHERS, resolve_delegation
from vvgctl.importer.draft import Draft
from vvgctl.importer.people import parse_person, strip_markup
from vvgctl.importer.roster import Group, place_groups
from vvgctl.importer.text import Line
from vvgctl.models.registry import Organ
from vvgctl.repository.registry import RegistryIndex

_FOOTNOTE = re.compile(r"^\s*\*\s+(.*)$")


def read_roster(lines: list[Line], draft: Draft, registry: RegistryIndex | None) -> list[Group]:
    """The roster in ``lines`` (after its label), column by column: the groups (a heading,
    its line and its members), placed into the draft's roster and attendance."""
    columns: dict[int, list[tuple[Line, str, bool]]] = {}  # (line, cell, after a blank line)
    footnotes: list[Line] = []
    skip_to = 0
    after_blank = False
    for index, line in enumerate(lines):
        if line.blank or index < skip_to:
            after_blank = after_blank or line.blank
            continue
        attended = attendance_at(lines, index, draft, registry)
        if attended is not None:
            skip_to = attended
            continue
        if _FOOTNOTE.match(line.text) and "\t" not in line.text:
            footnotes.append(line)
            continue
        for col, cell in enumerate(line.text.split("\t")):
            if cell.strip():
                columns.setdefault(col, []).append((line, cell.strip(), after_blank))
        after_blank = False
    groups: list[Group] = []
    organ = registry.organ(str(draft.data.get("organ", ""))) if registry else None
    for col in sorted(columns):
        current: Group | None = None
        tight = False  # the group's heading and members stand on lines without a blank between
        for line, cell, after_blank in columns[col]:
            if (
                current is not None
                and current[2]
                and (_continues(cell) or _wrapped_word(cell, current[2][-1][1], organ))
            ):
                last_line, last_cell = current[2][-1]  # a member's line wrapped in a column
                current[2][-1] = (last_line, f"{last_cell} {cell}")
                draft.credit(("roster",), line)
                continue
            person = parse_person(cell, registry)
            if person is None or OTHERS.match(strip_markup(cell)):
                current = (strip_markup(cell), Line(line.no, cell), [])
                groups.append(current)
                tight = True
            else:
                if current is None or (
                    after_blank and tight and current[0] is not None and current[2]
                ):
                    # names after a blank line under a tight group, without a heading of
                    # their own: the members who sit in no delegation
                    current = (None, None, [])
                    groups.append(current)
                elif after_blank:
                    tight = False
                current[2].append((line, cell))
    place_groups(groups, footnotes, draft, registry)
    return groups


#: one word and a note in brackets: the rest of a member's line a narrow column wrapped
_WRAPPED_NOTE = re.compile(
    r"^[\wåäöÅÄÖ-]+\s+\((?:förhind|frånvar|ordf|vice|ersätt|via|digital|"
    r"distans)",
    re.IGNORECASE,
)


def _continues(cell: str) -> bool:
    """Whether a roster line goes on from the member's line above it: '(förhindrad)', a line
    in lower case, 'Universitetssjukhuset (förhindrad)'."""
    clean = strip_markup(cell).strip()
    return clean.startswith("(") or clean[:1].islower() or bool(_WRAPPED_NOTE.match(clean))


def _wrapped_word(cell: str, above: str, organ: Organ | None) -> bool:
    """One word under a member's line that ends in an affiliation ('Helen Nordling,
    Boråsregionens' / 'Sjuhäradskommunalförbund'), when the registry knows the organ's
    delegations and the word is none of them."""
    clean = strip_markup(cell).strip()
    return (
        organ is not None
        and bool(organ.delegations)
        and " " not in clean
        and "," in above
        and not above.rstrip().endswith(")")
        and resolve_delegation(clean, organ) is None
    )
