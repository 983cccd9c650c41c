"""Splitting a meeting file: encodings, line endings, the front matter fences, body sections."""

from __future__ import annotations

import pytest

from vvgctl.source.document import SourceProblem, decode, sections, split


def test_bom_and_crlf_are_accepted() -> None:
    text = decode(b"\xef\xbb\xbf---\r\norgan: vvg\r\n---\r\n## 1. A\r\n")
    assert text == "---\norgan: vvg\n---\n## 1. A\n"


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
