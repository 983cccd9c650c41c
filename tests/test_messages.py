"""The message catalog: every message the code marks has a Swedish translation, the compiled
.mo (committed, so that a wheel needs no babel to build) is the .po's, and the locale picks
the language.

`make messages` extracts, merges and compiles; these tests fail when that was not run after a
message changed, or a new entry was left untranslated.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from vvgctl.runtime import i18n
from vvgctl.runtime.i18n import N_

PACKAGE = Path(i18n.__file__).resolve().parent.parent
PO = PACKAGE / "locale" / "sv" / "LC_MESSAGES" / "vvgctl.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "tr": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _extracted() -> set[str]:
    """What `make messages` extracts (babel.cfg's extractor: the marked messages and the
    rule modules' docstrings)."""
    with (PACKAGE.parent / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map=method_map, options_map=options_map, keywords=KEYWORDS
    ):
        if isinstance(message, tuple):
            found.update(m for m in message if m)
        elif message:
            found.add(message)
    return found


def _catalog() -> dict[str, str]:
    """msgid -> translation; a plural entry gives both its forms, each to its translation."""
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="sv")
    found: dict[str, str] = {}
    for m in catalog:
        if not m.id or m.fuzzy:
            continue
        if isinstance(m.id, tuple | list):
            for msgid, translated in zip(m.id, m.string, strict=True):
                found[msgid] = translated
        else:
            found[m.id] = m.string
    return found


def test_every_message_has_a_swedish_translation() -> None:
    catalog = _catalog()
    untranslated = sorted(m for m in _extracted() if not catalog.get(m))
    assert not untranslated, (
        f"{len(untranslated)} messages lack a Swedish translation (run `make messages` and "
        "translate them in vvgctl/locale/sv/LC_MESSAGES/vvgctl.po):\n"
        + "\n".join(repr(m) for m in untranslated[:20])
    )


def test_every_rule_is_documented_in_swedish() -> None:
    """`vvgctl rules` prints each code's documentation (a rule module's docstring, a code's
    meaning) through the catalog: the extraction must find every one."""
    from vvgctl.checking.catalogue import catalogue

    catalog = _catalog()
    extracted = _extracted()
    missing = [
        r.code
        for r in catalogue()
        if r.documentation not in extracted or not catalog.get(r.documentation)
    ]
    assert not missing, f"rules documented only in English: {missing}"


def _fields(text: str) -> list[str]:
    """The names of a text's fields (a translation may drop a spec: ``{label:.0}``, the
    English that leaves a value out, becomes ``{label}`` where Swedish shows it)."""
    found = PLACEHOLDER.findall(text.replace("{{", "").replace("}}", ""))
    return sorted(re.sub(r"(![rsa])?:[^{}]*\}$", "}", f) for f in found)


def test_translations_keep_the_placeholders() -> None:
    wrong = [m for m, s in _catalog().items() if _fields(m) != _fields(s)]
    assert not wrong, wrong


def test_the_compiled_catalog_is_the_po() -> None:
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    flat = {
        (k[0] if k[1] == 0 else None) if isinstance(k, tuple) else k: v
        for k, v in compiled.items()
        if k
    }
    expected = {}
    with PO.open("rb") as handle:
        for m in read_po(handle, locale="sv"):
            if m.id and not m.fuzzy:
                key = m.id[0] if isinstance(m.id, tuple | list) else m.id
                expected[key] = m.string[0] if isinstance(m.string, tuple | list) else m.string
    flat.pop(None, None)
    assert flat == expected, "vvgctl.mo is stale: run `make messages`"


@pytest.mark.parametrize(
    ("env", "language"),
    [
        ({}, "sv"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LANG": "de_DE.UTF-8"}, "sv"),
        ({"LC_ALL": "C.UTF-8", "LANG": "en_GB.UTF-8"}, "en"),
        ({"LANGUAGE": "sv:en", "LANG": "en_US.UTF-8"}, "sv"),
        ({"LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LANGUAGE": "en", "LANG": "sv_SE.UTF-8"}, "en"),
    ],
)
def test_the_locale_picks_the_language(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], language: str
) -> None:
    for name in i18n.LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert i18n.language() == language


def test_a_message_is_a_value_translated_where_it_is_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Message keeps its template and arguments: English as data, Swedish when rendered
    (its nested messages too), and it counts through ngettext."""
    from vvgctl.message import Message, plural

    message = Message(N_("unknown organ {organ!r}"), {"organ": "vvx"})
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    assert str(message) == "unknown organ 'vvx'"
    assert i18n.render(message) == "okänt organ 'vvx'"
    assert Message.from_dict(message.as_dict()) == message
    one, two = (plural("{n} meeting", "{n} meetings", n) for n in (1, 2))
    assert (i18n.render(one), i18n.render(two)) == ("1 möte", "2 möten")
    assert (str(one), str(two)) == ("1 meeting", "2 meetings")
    nested = Message(
        N_("the record is already approved (at {when}) and frozen"),
        {"when": Message(N_("an earlier meeting"))},
    )
    assert "ett tidigare möte" in i18n.render(nested)
    assert Message.from_dict(nested.as_dict()) == nested
    assert i18n.render("a text the catalog does not know") == "a text the catalog does not know"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.render(nested) == (
        "the record is already approved (at an earlier meeting) and frozen"
    )


def test_the_wheel_carries_the_compiled_catalog() -> None:
    text = (PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/*.mo"' in text


def test_pydantic_messages_are_pydantics_and_translated(monkeypatch: pytest.MonkeyPatch) -> None:
    """The templates vvgctl lists are pydantic_core's own (an upgrade that rewords one fails
    here), and each message pydantic formats from them is shown in Swedish."""
    from pydantic_core import PydanticKnownError

    from vvgctl.message import Message
    from vvgctl.source.validation import PYDANTIC_MESSAGES

    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    context = {
        "expected": "'a' or 'b'",
        "error": "input is too short",
        "gt": 1,
        "ge": 1,
        "lt": 1,
        "le": 1,
        "pattern": "^x$",
        "tag": "t",
        "discriminator": "'kind'",
        "expected_tags": "'a'",
    }
    for kind, template in PYDANTIC_MESSAGES.items():
        error = PydanticKnownError(kind, context)  # type: ignore[arg-type]
        assert error.message_template == template, kind
        shown = i18n.render(Message(template, {k: str(v) for k, v in context.items()}))
        assert shown != error.message(), kind


def test_lists_and_hints_are_whole_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    """A value outside an enum names the allowed values: in Swedish by the minutes' word with
    the key to type, in English by the key."""
    from vvgctl.source.validation import _not_allowed

    message = _not_allowed("aproved", ["planned", "review", "approved"])
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    assert i18n.render(message) == (
        "'aproved' är inte tillåtet; väntade planerat (planned), "
        "under granskning (review) eller godkänd (approved)"
    )
    assert str(message) == "'aproved' is not allowed; expected 'planned', 'review' or 'approved'"
    other = _not_allowed("x", ["a", "b"])
    assert i18n.render(other) == "'x' är inte tillåtet; väntade 'a' eller 'b'"
