"""The Swedish lexicon (issue 27): a table shipped with vvgctl, decompressed into an empty cache
(no build from simplemma's data), that answers as simplemma's dictionary does."""

from __future__ import annotations

import lzma
from pathlib import Path

import pytest

from tools.lexicon_table import simplemma_records, table_text
from vvgctl.swedish.lexicon import HEADER, TABLE, Lexicon, ensure_lexicon


def test_an_empty_cache_gets_the_shipped_table_as_text(tmp_path: Path) -> None:
    path = ensure_lexicon(tmp_path / "cache")
    assert path.read_bytes() == lzma.decompress(TABLE.read_bytes())
    assert path.read_text(encoding="utf-8").startswith(HEADER + "\t")
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left
    assert ensure_lexicon(tmp_path / "cache") == path


def test_lemmas_forms_and_words(tmp_path: Path) -> None:
    lexicon = Lexicon(ensure_lexicon(tmp_path))
    try:
        found = lexicon.lemmas(
            [
                "samtycket",
                "samtycken",
                "boende",
                "korttidsboendena",
                "informationsdelningen",
                "xqzzy",
                "!",
            ]
        )
        assert found["samtycket"] == ("samtycke", True)
        assert found["samtycken"] == ("samtycke", True)
        assert found["boende"] == ("boende", True)  # a lemma, though also a form of "bo"
        assert found["korttidsboendena"] == ("korttidsboende", True)
        assert found["informationsdelningen"] == ("informationsdelning", False)  # guessed
        assert found["xqzzy"] == (None, False)
        assert found["!"] == ("!", True)  # the first word of the table
        assert lexicon.form_lemma("boende") == "bo" and lexicon.is_lemma("boende")
        assert lexicon.form_lemma("ꞛ") == "ꞛ" and lexicon.form_lemma("￿") is None  # the end
        assert lexicon.form_lemma("") is None and not lexicon.is_lemma("")
        assert lexicon.is_word("hälso") and lexicon.is_word("korttid")
        assert not lexicon.is_word("föränd")
    finally:
        lexicon.close()


def test_a_file_that_is_no_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.txt"
    path.write_text("SQLite format 3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a vvgctl lexicon table"):
        Lexicon(path)


@pytest.mark.slow
def test_the_shipped_table_is_what_the_script_writes_from_simplemma(tmp_path: Path) -> None:
    """tools/lexicon_table.py, run on the installed simplemma, writes the table shipped; and
    every form and lemma of simplemma's dictionary reads back the same from it."""
    text = table_text()
    assert lzma.decompress(TABLE.read_bytes()).decode() == text
    lexicon = Lexicon(ensure_lexicon(tmp_path))
    try:
        forms = dict(simplemma_records())
        lemmas = set(forms.values())
        assert all(lexicon.form_lemma(form) == lemma for form, lemma in forms.items())
        assert all(lexicon.is_lemma(word) == (word in lemmas) for word in forms.keys() | lemmas)
    finally:
        lexicon.close()


def test_the_format_holds_a_block_boundary_and_a_lemma_only_word(tmp_path: Path) -> None:
    """A small table through the same writer: words in the second block, a lemma that is no
    form, and a lemma that differs from its form in the middle."""
    records = [(f"ord{i:03d}", f"ord{i:03d}") for i in range(40)]
    records += [("gick", "gå"), ("sprang", "springa"), ("ord035s", "ord035")]
    path = tmp_path / "table.txt"
    path.write_text(table_text(iter(records)), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0] == HEADER + "\t45"  # 43 forms, and the lemmas gå and springa
    assert lines[1].split("\t") == ["gick", "ord030"]  # the first word of each block
    lexicon = Lexicon(path)
    try:
        assert lexicon.form_lemma("gick") == "gå" and not lexicon.is_lemma("gick")
        assert lexicon.form_lemma("gå") is None and lexicon.is_lemma("gå")
        assert lexicon.form_lemma("sprang") == "springa"
        assert lexicon.form_lemma("ord035s") == "ord035" and lexicon.is_lemma("ord035")
        assert lexicon.form_lemma("ord030") == "ord030" and lexicon.form_lemma("ord029")
        assert lexicon.form_lemma("ord0355") is None and lexicon.form_lemma("zzz") is None
    finally:
        lexicon.close()
