"""The repository's registry of organs and people, and name lookup with suggestions."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from vvgctl.diagnostics import Diagnostic, display_path
from vvgctl.message import Message
from vvgctl.models import Organ, Person, Registry
from vvgctl.models.common import Model
from vvgctl.repository.discovery import REGISTRY_DIR
from vvgctl.source.loading import Loaded, load_yaml_file

ORGANS_FILE = "organs.yaml"
PEOPLE_FILE = "people.yaml"


class OrgansFile(Model):
    """``registry/organs.yaml``: the organs that keep minutes."""

    organs: list[Organ]


class PeopleFile(Model):
    """``registry/people.yaml``: the people the minutes may name."""

    people: list[Person]


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form for *suggestions* (never for matching)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@dataclass
class Lookup:
    """The answer to "who is this name?"."""

    person: Person | None
    via_alias: bool = False
    suggestions: list[str] = field(default_factory=list)


@dataclass
class RegistryIndex:
    """The registry read, with name lookup over ``people.yaml`` and the organs' members."""

    registry: Registry
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fingerprint: str = ""
    _names: dict[str, Person] = field(default_factory=dict)
    _aliases: dict[str, Person] = field(default_factory=dict)
    _folded: dict[str, str] = field(default_factory=dict)
    _lookups: dict[str, Lookup] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for person in self.registry.people:
            self._names[unicodedata.normalize("NFC", person.name)] = person
            self._folded.setdefault(fold(person.name), person.name)
            for alias in person.aliases:
                self._aliases[unicodedata.normalize("NFC", alias)] = person
                self._folded.setdefault(fold(alias), person.name)
        # an organ's members are known people too; people.yaml (with its aliases) comes first
        for organ in self.registry.organs:
            for member in organ.members:
                key = unicodedata.normalize("NFC", " ".join(member.name.split()))
                if key not in self._names:
                    self._names[key] = Person(name=member.name, organisation=member.affiliation)
                    self._folded.setdefault(fold(key), key)

    @property
    def ok(self) -> bool:
        return not any(d.severity.value == "error" for d in self.diagnostics)

    def organ(self, organ_id: str) -> Organ | None:
        return next((o for o in self.registry.organs if o.id == organ_id), None)

    def organ_ids(self) -> list[str]:
        return [o.id for o in self.registry.organs]

    def person(self, name: str) -> Lookup:
        """Who ``name`` is: asked once per name a command (a meeting names dozens of people,
        most of them in every meeting of its organ); treat the answer as read-only."""
        found = self._lookups.get(name)
        if found is None:
            found = self._lookups[name] = self._person(name)
        return found

    def _person(self, name: str) -> Lookup:
        key = unicodedata.normalize("NFC", " ".join(name.split()))
        if key in self._names:
            return Lookup(self._names[key])
        if key in self._aliases:
            return Lookup(self._aliases[key], via_alias=True)
        folded = fold(key)
        if folded in self._folded:
            return Lookup(None, suggestions=[self._folded[folded]])
        close = difflib.get_close_matches(folded, list(self._folded), n=3, cutoff=0.75)
        return Lookup(None, suggestions=list(dict.fromkeys(self._folded[c] for c in close)))


def load_registry(root: Path) -> RegistryIndex:
    """Read and validate ``registry/organs.yaml`` and ``registry/people.yaml``."""
    import hashlib

    diagnostics: list[Diagnostic] = []
    digest = hashlib.sha256()
    organs: list[Organ] = []
    people: list[Person] = []
    for name, model in ((ORGANS_FILE, OrgansFile), (PEOPLE_FILE, PeopleFile)):
        path = root / REGISTRY_DIR / name
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"missing")
        loaded: Loaded[Model] = load_yaml_file(path, model, display_path(path))
        diagnostics += loaded.diagnostics
        if isinstance(loaded.model, OrgansFile):
            organs = loaded.model.organs
        elif isinstance(loaded.model, PeopleFile):
            people = loaded.model.people
    try:
        registry = Registry(organs=organs, people=people)
    except ValueError as exc:  # duplicates across the files
        from vvgctl.diagnostics import Severity

        diagnostics.append(
            Diagnostic(
                display_path(root / REGISTRY_DIR),
                0,
                0,
                Severity.ERROR,
                "registry",
                _registry_problem(exc),
            )
        )
        registry = Registry()
    index = RegistryIndex(registry, diagnostics, digest.hexdigest())
    return index


def _registry_problem(exc: ValueError) -> Message:
    """The registry's own validator raised a Message (pydantic wraps it); else its last line."""
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        for error in exc.errors(include_url=False):
            cause = (error.get("ctx") or {}).get("error")
            if isinstance(cause, Exception) and cause.args and isinstance(cause.args[0], Message):
                return cause.args[0]
    return Message(str(exc).splitlines()[-1])
