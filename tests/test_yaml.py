"""The YAML policy: strings stay strings, positions are kept, dangerous constructs refused."""

from __future__ import annotations

import pytest

from tests.conftest import MINUTES
from vvgctl.message import Message
from vvgctl.source.yaml import YamlProblem, load


def test_scalars_stay_text_so_the_schema_decides() -> None:
    data, _ = load("answer: no\ncase: 0755\nstart: 9.05\nflag: yes\nempty:\nnull_word: null\n")
    assert data == {
        "answer": "no",
        "case": "0755",
        "start": "9.05",
        "flag": "yes",
        "empty": None,
        "null_word": None,
    }


def test_quoted_null_word_is_text() -> None:
    data, _ = load('title: "null"\n')
    assert data == {"title": "null"}


def test_positions_are_one_based_and_cover_keys_and_values() -> None:
    data, positions = load("a: 1\nitems:\n  - title: x\n    kind: y\n")
    assert positions.of_value(("items", 0, "kind")) == (4, 11)
    assert positions.of_key(("items", 0, "kind")) == (4, 5)
    assert positions.of_value(("items", 0, "missing")) == (3, 5)  # nearest ancestor
    assert data["items"][0]["kind"] == "y"


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: 1\nb: 2\na: 3\n", "yaml-duplicate-key", 3),
        ("a: &x 1\nb: *x\n", "yaml-alias", 1),
        ("%YAML 1.1\n---\na: 1\n", "yaml-directive", 1),
        ("a: 50%\n%TAG ! tag:x,2000:\n---\nb: 1\n", "yaml-directive", 2),
        ("a: !!binary aGVsbG8=\n", "yaml-tag", 1),
        ("a: !custom x\n", "yaml-tag", 1),
        ("a: 1\nplace: !!str Teams\n", "yaml-tag", 2),  # a core tag written out is still a tag
        ("a: !!map {b: c}\n", "yaml-tag", 1),
        ("a: [1, 2\nb: 3\n", "yaml-syntax", 2),
        ("? [a, b]\n: c\n", "yaml-syntax", 1),
    ],
)
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
    assert "nested more than 64 levels" in info.value.message


def test_nesting_that_crashed_the_c_composer_is_refused() -> None:
    # 200,000 nested brackets made ruamel's C composer overflow the C stack (a segfault)
    with pytest.raises(YamlProblem) as info:
        load("a: " + "[" * 200_000 + "]" * 200_000 + "\n")
    assert info.value.code == "yaml-depth"
    assert (info.value.line, info.value.column) == (1, 67)


def test_deep_block_nesting_is_refused() -> None:
    text = "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 300))
    with pytest.raises(YamlProblem) as info:
        load(text)
    assert info.value.code == "yaml-depth"


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_texts = st.text(alphabet=st.sampled_from(list("ab '\"#[]{}:,-\\\nå")), max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        _texts,
        lambda kids: (
            st.lists(kids, max_size=3)
            | st.dictionaries(st.text("abc", min_size=1, max_size=3), kids, max_size=3)
        ),
        max_leaves=30,
    ),
    st.sampled_from([None, True, False]),
)
def test_nesting_bound_never_underestimates(value: object, flow: bool | None) -> None:
    import io

    from vvgctl.source.yaml import nesting_bound, rough_bound, round_trip

    yaml = round_trip()
    yaml.default_flow_style = flow
    stream = io.StringIO()
    yaml.dump({"root": value}, stream)
    assert nesting_bound(stream.getvalue()) >= _depth({"root": value})
    assert rough_bound(stream.getvalue()) >= _depth({"root": value})


@pytest.mark.parametrize(
    ("text", "key", "value", "column"),
    [
        ('items:\n  - number: "1"\n    title: Punkt: något\n', "title", '"Punkt: något"', 17),
        ("  - {number: a, title: Val: ordförande}\n", "title", '"Val: ordförande"', 27),
        ("place: Sal 3: plan 2 # kommentar\n", "place", '"Sal 3: plan 2"', 13),
        ('title: Han sa "ja": tack\n', "title", "'Han sa \"ja\": tack'", 19),
    ],
)
def test_a_colon_inside_a_plain_value_gets_a_hint_to_quote_it(
    text: str, key: str, value: str, column: int
) -> None:
    with pytest.raises(YamlProblem) as caught:
        load(text)
    problem = caught.value
    assert (problem.code, problem.line, problem.column) == ("yaml-syntax", text.count("\n"), column)
    assert f"{key!r}" in problem.message
    assert problem.hint is not None and str(problem.hint).endswith(f"{key}: {value}")
    assert str(problem.hint).startswith("put the title" if key == "title" else "put the value")


def test_other_syntax_errors_get_no_quoting_hint() -> None:
    for text in ('a: "q": b\n', "a: [1, 2\nb: 3\n", "a:\n  b: x\n c: d\n"):
        with pytest.raises(YamlProblem) as caught:
            load(text)
        assert "in quotes: " not in str(caught.value.hint or ""), text


@pytest.mark.parametrize(
    ("text", "code", "path", "column"),
    [
        (
            "a:\n  b:\n    - x\n    - c: 1\n      c: 2\n",
            "yaml-duplicate-key",
            ("a", "b", 1, "c"),
            7,
        ),
        ("a:\n  - [x, y]\n  - b: &k v\n    c: *k\n", "yaml-alias", ("a", 1, "c"), 8),
        ("a:\n  list:\n    - ok\n    - !!str tagged\n", "yaml-tag", ("a", "list", 1), 7),
        ("a:\n  - {[k]: v}\n", "yaml-syntax", ("a", 0), 6),
        ("a: " + "[" * 70 + "]" * 70 + "\n", "yaml-depth", ("a",) + (0,) * 64, 68),
    ],
)
def test_a_refused_node_is_named_by_its_path(
    text: str, code: str, path: tuple[str | int, ...], column: int
) -> None:
    with pytest.raises(YamlProblem) as info:
        load(text)
    assert (info.value.code, info.value.path, info.value.column) == (code, path, column)


def test_a_duplicate_key_names_the_line_of_the_first() -> None:
    with pytest.raises(YamlProblem) as info:
        load("x: 0\nm:\n  k: 1\n  other: 2\n  k: 3\n", first_line=10)
    assert isinstance(info.value.message, Message)
    assert info.value.message.kwargs["first"] == 12
    assert info.value.line == 5


def test_positions_read_from_the_graph_agree_with_every_node_recorded() -> None:
    """The positions a diagnostic asks for (read from the node graph) are those of a walk that
    records every node: for each node, each key, and for paths that are not there."""
    from vvgctl.repository.discovery import meeting_files
    from vvgctl.source.document import decode, split

    for file in sorted(meeting_files([MINUTES]))[:5]:
        document = split(decode(file.read_bytes()))
        _, positions = load(document.front_matter)
        _, recorded = load(document.front_matter)
        values, keys = recorded.values, recorded.keys  # every node, recorded at once
        assert len(values) > 100
        for path, where in values.items():
            assert positions.of_value(path) == where
            assert positions.of_value((*path, "missing", 0)) == where
            assert positions.of_key(path) == keys.get(path, where)
        assert positions == recorded


def test_loading_leaves_the_collector_as_it_found_it() -> None:
    import gc

    assert gc.isenabled()
    load("a: 1\n")
    assert gc.isenabled()
    with pytest.raises(YamlProblem):
        load("a: 1\na: 2\n")
    assert gc.isenabled()
    gc.disable()
    try:
        load("a: 1\n")
        assert not gc.isenabled()
    finally:
        gc.enable()
