"""A message as a value: its English template (the catalog's msgid) and its arguments.

A message a person reads is built where the problem is found as ``Message(N_("unknown organ
{organ!r}"), {"organ": name})`` (or :func:`plural` for one that counts), carried as it is by
diagnostics, errors, notes and summaries, kept as data in English (``str(message)``, the JSON
output, the cache: :meth:`Message.as_dict`), and translated only where it is shown
(:func:`vvgctl.runtime.i18n.render`). Nothing reads a formatted text back into its template.

An argument is a plain value (text, number, date) or another Message, which is translated with
the message that holds it (a kind, a status, a reason).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

#: what an argument may be once a Message holds it
Arg = Any


def _arg(value: object) -> Arg:
    """An argument as the message keeps it: enums by their value, paths as text, sequences
    as tuples (so a message stays hashable and its JSON stable)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, list | tuple):
        return tuple(_arg(v) for v in value)
    return value


@dataclass(frozen=True)
class Message:
    """An English template with its arguments; ``plural`` and ``n`` make it one that counts
    (``n`` is also given to the template as ``{n}``)."""

    msgid: str
    args: tuple[tuple[str, Arg], ...] = ()
    plural: str | None = None
    n: int | None = None

    def __init__(
        self,
        msgid: str,
        args: Mapping[str, object] | None = None,
        *,
        plural: str | None = None,
        n: int | None = None,
    ) -> None:
        object.__setattr__(self, "msgid", msgid)
        object.__setattr__(self, "args", tuple((k, _arg(v)) for k, v in (args or {}).items()))
        object.__setattr__(self, "plural", plural)
        object.__setattr__(self, "n", n)

    @property
    def kwargs(self) -> dict[str, Arg]:
        return dict(self.args)

    def format(
        self, gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str]
    ) -> str:
        """The message through the given catalog functions (its arguments too)."""
        if self.plural is not None and self.n is not None:
            template = ngettext(self.msgid, self.plural, self.n)
        else:
            template = gettext(self.msgid)
        values = {k: _shown(v, gettext, ngettext) for k, v in self.args}
        if self.n is not None:
            values.setdefault("n", self.n)
        if not values:
            return template
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation that lost a field
            return self.msgid.format(**values)

    def english(self) -> str:
        return self.format(_same, _english_plural)

    def __str__(self) -> str:
        return self.english()

    def __contains__(self, part: str) -> bool:
        """Whether the English text holds ``part`` (a test's or a filter's question)."""
        return part in self.english()

    def __add__(self, other: object) -> str:
        raise TypeError("a Message is not text: join Messages with another Message")

    def as_dict(self) -> dict[str, Any]:
        """The message as JSON data: msgid, args (nested messages as dicts), plural, n."""
        out: dict[str, Any] = {"msgid": self.msgid, "args": {k: _to_json(v) for k, v in self.args}}
        if self.plural is not None:
            out["plural"] = self.plural
            out["n"] = self.n
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message:
        args = {k: _from_json(v) for k, v in dict(data.get("args") or {}).items()}
        n = data.get("n")
        return cls(
            str(data["msgid"]), args, plural=data.get("plural"), n=None if n is None else int(n)
        )


def plural(
    singular: str, plural_: str, n: int, args: Mapping[str, object] | None = None
) -> Message:
    """A message that counts (``make messages`` extracts both forms as one catalog entry)."""
    return Message(singular, args, plural=plural_, n=n)


def message(value: Message | str) -> Message:
    """``value`` as a Message: a plain text is a message without arguments (its own msgid)."""
    return value if isinstance(value, Message) else Message(value)


def _same(text: str) -> str:
    return text


def _english_plural(singular: str, plural_: str, n: int) -> str:
    return singular if n == 1 else plural_


def _shown(
    value: Arg, gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str]
) -> Arg:
    if isinstance(value, Message):
        return value.format(gettext, ngettext)
    if isinstance(value, tuple):
        return ", ".join(str(_shown(v, gettext, ngettext)) for v in value)
    return value


def _to_json(value: Arg) -> Any:
    if isinstance(value, Message):
        return {"$message": value.as_dict()}
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, tuple):
        return [_to_json(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _from_json(value: Any) -> Arg:
    if isinstance(value, dict):
        if "$message" in value:
            return Message.from_dict(value["$message"])
        if "$datetime" in value:
            return dt.datetime.fromisoformat(value["$datetime"])
        if "$date" in value:
            return dt.date.fromisoformat(value["$date"])
    if isinstance(value, list):
        return tuple(_from_json(v) for v in value)
    return value
