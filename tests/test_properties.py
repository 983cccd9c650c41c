"""Property tests: no input, however broken, makes the checker raise or hang."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MEETING_MD, ORGANS_YAML, PEOPLE_YAML, write_tree
from vvgctl.checking.check import check_loaded
from vvgctl.diagnostics import Diagnostic
from vvgctl.repository.registry import RegistryIndex, load_registry
from vvgctl.source.loading import parse_meeting

_REGISTRY: list[RegistryIndex] = []


def registry(tmp: Path) -> RegistryIndex:
    if not _REGISTRY:
        write_tree(tmp, {"registry/organs.yaml": ORGANS_YAML, "registry/people.yaml": PEOPLE_YAML})
        _REGISTRY.append(load_registry(tmp))
    return _REGISTRY[0]


def run(raw: bytes, tmp: Path) -> list[Diagnostic]:
    loaded = parse_meeting(raw, "m.md")
    return check_loaded(loaded, registry(tmp), None).diagnostics


SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(tmp_path: Path, raw: bytes) -> None:
    found = run(raw, tmp_path)
    assert found and all(d.line >= 0 for d in found)


@SETTINGS
@given(st.data())
def test_mutated_front_matter_gives_only_our_diagnostics(
    tmp_path: Path, data: st.DataObject
) -> None:
    text = MEETING_MD
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["delete", "insert", "replace"]))
        chunk = data.draw(
            st.sampled_from(
                [
                    ":",
                    "-",
                    " ",
                    "\n",
                    "[",
                    "{",
                    "&a",
                    "*a",
                    "!!str",
                    "'",
                    '"',
                    "\t",
                    "%",
                    "---",
                    "#",
                    "null",
                    "0755",
                    "9.05",
                    "ö",
                    "\x00",
                    "\ufeff",
                    "  - x",
                    "? ",
                ]
            )
        )
        if action == "delete":
            text = text[:position] + text[position + len(chunk) :]
        elif action == "insert":
            text = text[:position] + chunk + text[position:]
        else:
            text = text[:position] + chunk + text[position + 1 :]
    found = run(text.encode("utf-8"), tmp_path)
    for d in found:
        assert d.code and d.message
        assert d.line >= 0 and d.column >= 0


@pytest.mark.slow
@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "organ",
                "date",
                "time",
                "place",
                "mode",
                "status",
                "items",
                "roster",
                "attendance",
                "previous",
                "chair",
                "unknown",
            ]
        ),
        st.recursive(
            st.text(max_size=8) | st.none(),
            lambda kids: (
                st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids, max_size=3)
            ),
            max_leaves=8,
        ),
        max_size=8,
    )
)
def test_arbitrary_structures(tmp_path: Path, fields: dict[str, object]) -> None:
    import io

    from vvgctl.source.yaml import round_trip

    stream = io.StringIO()
    round_trip().dump(fields or {"organ": "vvg"}, stream)
    raw = ("---\n" + stream.getvalue() + "---\n").encode("utf-8")
    run(raw, tmp_path)
