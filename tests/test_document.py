"""Splitting a meeting file: encodings, line endings, the front matter fences, body sections."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vvgctl.source.document import SourceProblem, decode, sections, split


def test_bom_and_crlf_are_accepted() -> None:
    text = decode(b"\xef\xbb\xbf---\r\norgan: vvg\r\n---\r\n## 1. A\r\n")
    assert text == "---\norgan: vvg\n---\n## 1. A\n"
    assert decode(b"a\rb\r\nc\n\rd") == "a\nb\nc\n\nd"  # old Mac line ends too


def test_invalid_utf8_names_line_and_column() -> None:
    with pytest.raises(SourceProblem) as info:
        decode("---\na: b\nc: \xe5".encode("latin-1"))
    assert (info.value.line, info.value.column, info.value.code) == (3, 4, "encoding")


def test_front_matter_and_body_lines() -> None:
    doc = split("---\na: 1\nb: 2\n---\n\n## 1. Öppnande\ntext\n## 2 b) Sub\n")
    assert doc.front_matter == "a: 1\nb: 2"
    assert doc.front_matter_line == 2
    assert [(s.number, s.title, s.line) for s in doc.sections] == [
        ("1", "Öppnande", 6),
        ("2b", "Sub", 8),
    ]
    assert doc.sections[0].text == "text"


def test_headings_inside_code_fences_are_not_sections() -> None:
    found = sections("## 1. A\n```\n## 2. Not a heading\n```\n### 1 a) deeper\n", 1)
    assert [s.number for s in found] == ["1"]


def test_dotted_end_fence_is_accepted() -> None:
    assert split("---\na: 1\n...\nbody\n").body == "body\n"


def _split_by_lines(
    text: str,
) -> tuple[str, int, str, int, list[tuple[str, int, str | None, str, str]]]:
    """What split() gives, read line by line as the first version of vvgctl did."""
    import re

    lines = text.split("\n")
    assert re.match(r"^---[ \t]*$", lines[0])
    index = next(i for i in range(1, len(lines)) if re.match(r"^(---|\.\.\.)[ \t]*$", lines[i]))
    body = "\n".join(lines[index + 1 :])
    found: list[list[object]] = []
    in_fence, buffer = False, list[str]()
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else re.match(r"^##(?!#)[ \t]+(.*?)[ \t#]*$", line)
        if match:
            if found:
                found[-1][4] = "\n".join(buffer).strip("\n")
            buffer = []
            item = re.match(r"^(\d+)\s*([a-z])?[.):]?\s+(.*)$", match.group(1))
            number = (item.group(1) + (item.group(2) or "")) if item else None
            title = item.group(3) if item else match.group(1)
            found.append([match.group(1), index + 2 + offset, number, title, ""])
        elif found:
            buffer.append(line)
    if found:
        found[-1][4] = "\n".join(buffer).strip("\n")
    return ("\n".join(lines[1:index]), 2, body, index + 2, [tuple(f) for f in found])  # type: ignore[misc]


_LINES = st.sampled_from(
    [
        "---",
        "--- ",
        "...",
        "a: 1",
        "",
        " ",
        "## 1. Punkt",
        "## 2b) Två ##",
        "##x",
        "### sub",
        "```",
        "  ~~~ py",
        "text",
        "\u2028## not",
        "## ",
        "##\ttab",
        "\x1c```",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=8), st.lists(_LINES, max_size=14))
def test_split_reads_as_a_line_by_line_reading_does(front: list[str], body: list[str]) -> None:
    text = "\n".join(["---", *[f for f in front if f.strip() not in ("---", "...")], "---", *body])
    doc = split(text)
    found = [(s.heading, s.line, s.number, s.title, s.text) for s in doc.sections]
    assert (doc.front_matter, doc.front_matter_line, doc.body, doc.body_line, found) == (
        _split_by_lines(text)
    )


_UNFENCED = st.sampled_from(
    ["", " ", "## 1. Punkt", "## 2b) Två ##", "##x", "### sub", "#", "# Rubrik", "a # b", "`x`",
     "~ ~", "text", "\u2028## not", "## ", "##\ttab", " ## indented", "##  två  mellanslag  #"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_UNFENCED, max_size=20))
def test_sections_without_fences_read_as_a_line_by_line_reading_does(body: list[str]) -> None:
    text = "\n".join(["---", "a: 1", "---", *body])
    doc = split(text)
    found = [(s.heading, s.line, s.number, s.title, s.text) for s in doc.sections]
    assert found == _split_by_lines(text)[4]
