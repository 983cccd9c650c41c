"""People in imported text: what looks like a name, lists of names, and the registry match.

A name is matched against the registry as written, then through the registry's aliases; a name
that differs only in diacritics or by a letter or two (Hjoberg/Hjöberg) is a *probable match*:
it is kept as written, added to the draft's own ``people`` and reported, never guessed into the
registry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vvgctl.repository.registry import RegistryIndex, fold

#: words that make a capitalised phrase an organisation or a heading rather than a person
_ORG_TEXT = """
# noqa: SIM905 kommun kommuner kommunen region regionen stad staden sjukhus sjukhuset sjukhusen
sjukvården förbund kommunalförbund vgr västkom beredning beredningen administration
kommunikation koncernledning styrgrupp styrgruppen primärvård primärvården närhälsan
regionhälsan teams västra götaland götalandsregionen södra norra östra älvsborg älvsborgs
skaraborg fyrbodal göteborg göteborgs göteborgsområdet sahlgrenska universitetssjukhuset
privata vårdgivare mötet dagens information dialog ställningstagande beslut övriga deltagare
inbjudna kallade ordförande sekreterare ledamöter ersättare arbetsgrupp arbetsgruppen
processledning sjuhäradskommunalförbund boråsregionens delregional vårdsamverkan samverkan
simba samla kungälv lerum alingsås ale stenungsund tjörn borås partille mölndal skövde
trollhättan
"""
ORG_WORDS = frozenset(fold(w) for w in _ORG_TEXT.split())
_PARTICLES = frozenset({"von", "af", "de", "van", "der", "la", "di", "da", "du", "el"})
_NAME_WORD = re.compile(r"^[A-ZÅÄÖÉÜÆØ][a-zåäöéèüáíóøæ'’]+(?:-[A-ZÅÄÖÉÜÆØ][a-zåäöéèüáíóøæ'’]+)*$")
_PAREN = re.compile(r"\(([^()]*)\)")
_SPLIT = re.compile(r"\s*(?:,|;|\s&\s|\boch\b|\bsamt\b)\s*")
_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|\*\*|__|(?<!\w)\*|\*(?!\w)")


def strip_markup(text: str) -> str:
    """Text without ``<b>``, ``**`` and ``*`` emphasis markers."""
    return " ".join(_MARKUP.sub("", text).split())


def looks_like_name(text: str, registry: RegistryIndex | None = None) -> bool:
    """'Åsa Jackson', 'Malin Swärd Davidsson', 'Ann-Sofie Rundberg'; not 'Södra Älvsborg'."""
    text = " ".join(text.split())
    if registry is not None and registry.person(text).person is not None:
        return True
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    capitalised = 0
    for token in tokens:
        if token.lower() in _PARTICLES:
            continue
        if not _NAME_WORD.match(token) or fold(token) in ORG_WORDS:
            return False
        capitalised += 1
    return capitalised >= 2


@dataclass
class NamedPerson:
    """A person as a list names them, with what stood in parentheses after the name."""

    name: str
    organisation: str | None = None
    notes: list[str] = field(default_factory=list)
    footnote: bool = False


def parse_person(text: str, registry: RegistryIndex | None = None) -> NamedPerson | None:
    """'Tanja Mattsson, Mellerud/Bengtsfors (förhindrad)' -> a person; None if no name."""
    cleaned = strip_markup(text)
    footnote = bool(re.search(r"\)\s*\*\s*$|\w\*\s*$", text.strip()))
    notes = [n.strip() for n in _PAREN.findall(cleaned) if n.strip()]
    bare = " ".join(_PAREN.sub(" ", cleaned).split()).strip(" ,;")
    name, _, rest = bare.partition(",")
    name = name.strip()
    if not looks_like_name(name, registry):
        return None
    return NamedPerson(name, rest.strip(" ,") or None, notes, footnote)


def parse_names(text: str, registry: RegistryIndex | None = None) -> list[NamedPerson] | None:
    """'A, VGR, B, VGR och C, Västkom' -> three people with organisations.

    None when the text does not start with a name (it is then no list of people).
    """
    cleaned = strip_markup(text).strip(" .")
    if not cleaned:
        return None
    parts = [p for p in _SPLIT.split(cleaned) if p and p.strip()]
    people: list[NamedPerson] = []
    for part in parts:
        notes = [n.strip() for n in _PAREN.findall(part) if n.strip()]
        bare = " ".join(_PAREN.sub(" ", part).split())
        split = None if looks_like_name(bare, registry) else _name_then_org(bare, registry)
        if split is None and looks_like_name(bare, registry):
            people.append(NamedPerson(bare, None, notes))
        elif split is not None:
            people.append(NamedPerson(split[0], split[1], notes))
        elif people and bare:
            last = people[-1]
            last.organisation = f"{last.organisation}, {bare}" if last.organisation else bare
            last.notes += notes
        else:
            return None
    return people or None


def _org_like(tokens: list[str]) -> bool:
    return any(fold(t) in ORG_WORDS or re.match(r"^[A-ZÅÄÖ]{2,}", t) for t in tokens)


def _name_then_org(text: str, registry: RegistryIndex | None) -> tuple[str, str] | None:
    """'Kristina Lännergren Västkom' -> ('Kristina Lännergren', 'Västkom'): the organisation
    after the name without a comma."""
    tokens = text.split()
    for size in (4, 3, 2):
        if len(tokens) > size:
            name, rest = tokens[:size], tokens[size:]
            if looks_like_name(" ".join(name), registry) and _org_like(rest):
                return " ".join(name), " ".join(rest)
    return None


@dataclass
class Match:
    """How a name stands to the registry."""

    name: str
    known: bool
    probable: str | None = None


def match_person(name: str, registry: RegistryIndex | None) -> Match:
    if registry is None:
        return Match(name, False)
    lookup = registry.person(name)
    if lookup.person is not None:
        return Match(name, True)
    return Match(name, False, lookup.suggestions[0] if lookup.suggestions else None)
