"""Write the Swedish lexicon table that vvgctl ships (``vvgctl/swedish/lexicon-sv.xz``).

The forms and lemmas are simplemma's Swedish dictionary (MIT; 963,931 forms mined from
Wiktionary and the Universal Dependencies treebanks), rewritten into the block format that
:mod:`vvgctl.swedish.lexicon` looks words up in without building anything: a first time in an
empty cache only decompresses the table (0.1 s) where reading simplemma's own stream into a
database took 2-3 s. Run it after upgrading simplemma (pyproject pins the version), then commit
the table; tests/test_lexicon.py fails while the shipped table and this script's output differ.

    .venv/bin/python tools/lexicon_table.py
"""

from __future__ import annotations

import lzma
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vvgctl.swedish.lexicon import BLOCK, HEADER, TABLE  # noqa: E402


def simplemma_records() -> Iterator[tuple[str, str]]:
    """(form, lemma) of simplemma's Swedish dictionary (its front-coded stream, read through
    the record reader simplemma keeps for partial reads)."""
    from simplemma.strategies.dictionaries import dictionary_factory, frontcode

    data = dictionary_factory._read_decompressed("sv")
    reverse, _, start = frontcode._read_header(data)
    for _, key, value in frontcode._iter_records(data, start):
        if reverse:
            key, value = key[::-1], value[::-1]
        yield key.decode(), value.decode()


def _shared(a: str, b: str) -> int:
    n, most = 0, min(len(a), len(b))
    while n < most and a[n] == b[n]:
        n += 1
    return n


def _record(previous: str, key: str, lemma: str | None, is_lemma: bool) -> str:
    """One line: the length the key shares with the previous key of its block and the rest of
    the key; a tab; ``=`` (a form that is a lemma too), ``+`` (a form) or ``-`` (a lemma no
    form maps to); then the form's lemma as an edit of the key (nothing: the key itself; else
    how many characters to cut from its end, then what to add)."""
    shared = _shared(previous, key)
    line = chr(48 + shared) + key[shared:] + "\t"
    if lemma is None:
        return line + "-"
    line += "=" if is_lemma else "+"
    if lemma != key:
        keep = _shared(key, lemma)
        line += chr(48 + len(key) - keep) + lemma[keep:]
    return line


def table_text(records: Iterator[tuple[str, str]] | None = None) -> str:
    """The table (see :class:`vvgctl.swedish.lexicon.Lexicon` for its layout)."""
    forms = dict(records if records is not None else simplemma_records())
    lemmas = set(forms.values())
    keys = sorted(forms.keys() | lemmas)
    if any("\t" in key or "\n" in key for key in keys):
        raise SystemExit("a word with a tab or a newline: the format cannot hold it")
    blocks: list[str] = []
    for first in range(0, len(keys), BLOCK):
        previous = ""
        lines = []
        for key in keys[first : first + BLOCK]:
            lines.append(_record(previous, key, forms.get(key), key in lemmas))
            previous = key
        blocks.append("\n".join(lines) + "\n")
    offsets, at = [], 0
    for block in blocks:
        offsets.append(f"{at:08x}")
        at += len(block.encode())
    firsts = "\t".join(keys[i] for i in range(0, len(keys), BLOCK))
    return f"{HEADER}\t{len(keys)}\n{firsts}\n{''.join(offsets)}\n{''.join(blocks)}"


def main() -> None:
    text = table_text()
    TABLE.write_bytes(lzma.compress(text.encode(), preset=9 | lzma.PRESET_EXTREME))
    print(
        f"{TABLE.relative_to(ROOT)}: {TABLE.stat().st_size:,} bytes "
        f"({len(text.encode()):,} expanded)"
    )


if __name__ == "__main__":
    main()
