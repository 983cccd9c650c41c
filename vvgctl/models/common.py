"""Small value types shared by the models: times, people, links, identifiers."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

from vvgctl.message import Message
from vvgctl.runtime.i18n import N_


class Model(BaseModel):
    """Base of every model: unknown keys are errors, values are validated on assignment."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        frozen=False,
        str_strip_whitespace=True,
        defer_build=True,
    )


_TIME = re.compile(r"^(\d{1,2})[.:](\d{2})$")

# What the exported schema says, for editors and standard loaders (check-jsonschema, the YAML
# extension). vvgctl reads every scalar as text, but a YAML 1.2 core loader types unquoted
# `9.00` as the number 9.0, `number: 4` as 4 and `case: 0755` as 755: the schema accepts those
# numbers too, so that it passes what `vvgctl check` passes, and its string patterns are as
# strict as check (hours 0-23, minutes 00-59), so that it fails what check fails.
TIME_PATTERN = r"^([01]?[0-9]|2[0-3])[.:][0-5][0-9]$"
ITEM_NUMBER_PATTERN = r"^[1-9][0-9]{0,2}$"
LINK_PATTERN = r"^(https?://\S+|mailto:\S+|(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!//)[^\s#]\S*)$"


def parse_time(value: Any) -> Any:
    """'09:05', '9:05', '9.05' and '09.05' all mean five past nine."""
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        match = _TIME.match(value.strip())
        if not match:
            raise ValueError(
                Message(
                    N_("{value!r} is not a time of day; write it as 09:05 or 9.05"),
                    {"value": value},
                )
            )
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise ValueError(
                Message(
                    N_("{value!r} is not a time of day (hours 0-23, minutes 0-59)"),
                    {"value": value},
                )
            )
        return dt.time(hour, minute)
    raise ValueError(N_("a time of day is written as text, 09:05 or 9.05"))


TimeOfDay = Annotated[
    dt.time,
    BeforeValidator(parse_time),
    PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": TIME_PATTERN},
                # unquoted 9.05 (the minutes' own spelling) as a YAML loader types
                # it; that its decimals are below .60 check alone can say
                {"type": "number", "minimum": 0, "exclusiveMaximum": 24},
            ],
            "title": "Klockslag",
            "description": "Klockslag, t.ex. 09:05 eller 9.05 (gärna inom citattecken)",
        }
    ),
]

#: an id (organ, delegation, category). pydantic (Rust) and JSON Schema (ECMA) read ``$`` as
#: the end of the text; Python's ``re`` also matches it before a final newline, so Python code
#: asks :func:`is_identifier`, which ends with ``\Z``
IDENTIFIER_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
IDENTIFIER_MAX = 60
_IDENTIFIER = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def is_identifier(value: str) -> bool:
    """Whether ``value`` is an id as :data:`Identifier` takes it (``'sro\\n'`` is not)."""
    return len(value) <= IDENTIFIER_MAX and _IDENTIFIER.match(value) is not None


Identifier = Annotated[
    str,
    Field(
        pattern=IDENTIFIER_PATTERN,
        max_length=IDENTIFIER_MAX,
        description="Kort id med gemener, siffror och bindestreck, t.ex. 'styrgrupp'",
    ),
]

ItemNumber = Annotated[
    str,
    BeforeValidator(lambda v: str(v).strip() if isinstance(v, int) else v),
    Field(pattern=ITEM_NUMBER_PATTERN),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": ITEM_NUMBER_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 999},
            ],
            "title": "Punktnummer",
            "description": 'Ärendets nummer på dagordningen, helst som text: "4"',
        }
    ),
]

SubItemLetter = Annotated[
    str, Field(pattern=r"^[a-z]$", title="Underpunkt", description='Underpunktens bokstav: "a"')
]

CASE_PATTERN = r"^[A-Za-z0-9ÅÄÖåäö][A-Za-z0-9ÅÄÖåäö._/-]*$"

CaseId = Annotated[
    str,
    Field(pattern=CASE_PATTERN, max_length=60),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": CASE_PATTERN, "maxLength": 60},
                # unquoted 0755: vvgctl keeps the zero, a YAML loader reads 755
                {"type": "integer", "minimum": 0},
            ],
            "title": "Ärende-id",
            "description": 'Ärendets id, alltid som text så att inledande nollor behålls: "0755"',
        }
    ),
]

MeetingTarget = Annotated[
    str,
    Field(
        pattern=r"^(next|after-next|\d{4}-\d{2}(-\d{2})?)$",
        title="Möte",
        description="Vilket möte: 'next' (nästa), 'after-next' (nästkommande), "
        "en månad '2025-12' eller ett datum '2025-12-10'",
    ),
]

_LINK = re.compile(LINK_PATTERN)


def is_allowed_link(value: str) -> bool:
    """Whether ``value`` is a link the minutes may hold: http(s), mailto: or a relative path
    (never ``javascript:``, ``data:``, ``file:`` or another scheme)."""
    return _LINK.fullmatch(value) is not None and not value.startswith("//")


def check_link(value: str) -> str:
    if not is_allowed_link(value):
        raise ValueError(
            Message(
                N_(
                    "{value!r} is not an allowed link: use http(s)://…, mailto:… or a relative path"
                ),
                {"value": value},
            )
        )
    return value


Link = Annotated[
    str,
    BeforeValidator(lambda v: check_link(v.strip()) if isinstance(v, str) else v),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": LINK_PATTERN,
            "title": "Länk",
            "description": "http(s)-adress, mailto: eller relativ sökväg i förrådet",
        }
    ),
]


class PersonRef(Model):
    """A person as the minutes name them; the name is looked up in the registry."""

    name: str = Field(min_length=2, title="Namn", description="För- och efternamn")
    organisation: str | None = Field(
        None, title="Organisation", description="Organisation eller funktion, t.ex. 'VGR'"
    )
    note: str | None = Field(None, title="Anmärkning")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value


def _person_from_text(value: Any) -> Any:
    return {"name": value} if isinstance(value, str) else value


PersonField = Annotated[
    PersonRef,
    BeforeValidator(_person_from_text, json_schema_input_type=str | PersonRef),
    Field(title="Person", description="Ett namn, eller {name, organisation}"),
]


class TimeRange(Model):
    """A start and an end time on one day."""

    start: TimeOfDay = Field(title="Start")
    end: TimeOfDay = Field(title="Slut")

    @model_validator(mode="after")
    def _ordered(self) -> TimeRange:
        if self.end <= self.start:
            raise ValueError(
                Message(
                    N_("the end {end:%H:%M} is not after the start {start:%H:%M}"),
                    {"end": self.end, "start": self.start},
                )
            )
        return self
