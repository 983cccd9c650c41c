"""The YAML policy: strings stay strings, positions are kept, dangerous constructs refused."""

from __future__ import annotations

import pytest

from vvgctl.yaml import YamlProblem, load


def test_scalars_stay_text_so_the_schema_decides() -> None:
    data, _ = load('answer: no\ncase: 0755\nstart: 9.05\nflag: yes\nempty:\nnull_word: null\n')
    assert data == {"answer": "no", "case": "0755", "start": "9.05", "flag": "yes",
                    "empty": None, "null_word": None}


def test_quoted_null_word_is_text() -> None:
    data, _ = load('title: "null"\n')
    assert data == {"title": "null"}


def test_positions_are_one_based_and_cover_keys_and_values() -> None:
    data, positions = load("a: 1\nitems:\n  - title: x\n    kind: y\n")
    assert positions.of_value(("items", 0, "kind")) == (4, 11)
    assert positions.of_key(("items", 0, "kind")) == (4, 5)
    assert positions.of_value(("items", 0, "missing")) == (3, 5)  # nearest ancestor
    assert data["items"][0]["kind"] == "y"


@pytest.mark.parametrize(("text", "code", "line"), [
    ("a: 1\nb: 2\na: 3\n", "yaml-duplicate-key", 3),
    ("a: &x 1\nb: *x\n", "yaml-alias", 1),
    ("%YAML 1.1\n---\na: 1\n", "yaml-directive", 1),
    ("a: !!binary aGVsbG8=\n", "yaml-tag", 1),
    ("a: !custom x\n", "yaml-tag", 1),
    ("a: [1, 2\nb: 3\n", "yaml-syntax", 2),
    ("? [a, b]\n: c\n", "yaml-syntax", 1),
])
def test_refused_constructs_name_their_line(text: str, code: str, line: int) -> None:
    with pytest.raises(YamlProblem) as info:
        load(text)
    assert info.value.code == code
    assert info.value.line == line


def test_billion_laughs_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        bomb += f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    with pytest.raises(YamlProblem) as info:
        load(bomb)
    assert info.value.code == "yaml-alias"


def test_deep_nesting_is_refused_not_a_recursion_error() -> None:
    with pytest.raises(YamlProblem) as info:
        load("a: " + "[" * 500 + "]" * 500 + "\n")
    assert "nested too deeply" in info.value.message
