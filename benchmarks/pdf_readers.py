"""Compare the PDF text libraries for `vvgctl import`: fidelity and speed (issue 31).

For each PDF (the bundled minutes rendered by vvgctl, and minutes in another layout made by
pandoc -> Typst with two text columns, hyphenation, a running header and page numbers), each
library's plain text in its own reading order is compared with the document's words in the
right order (the DOCX rendering of the same meeting through the importer's pandoc reader, or
the Markdown source): the share of words in order (difflib ratio over the word sequences), the
words glued or split at a line end (hyphenation), and the seconds to read the file (median).
Then the same for vvgctl's own reader, importer/pdf.py, on top of the chosen library.

    .venv/bin/pip install pdfplumber    # pdfminer.six comes with it; only for this comparison
    .venv/bin/python benchmarks/pdf_readers.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import difflib
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests.pdf_docs import other_layout_pdf, other_markdown, rendered_pdfs  # noqa: E402

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    text = text.replace("\ufffe", "").replace("\u00ad", "")
    text = re.sub(r"(?<=[a-zåäö])-\s*\n\s*(?=[a-zåäö])", "", text)
    return [w.casefold() for w in _WORD.findall(text.replace("**", ""))]


def pdfium_text(path: Path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def pdfminer_text(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(str(path)))


def pdfplumber_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def vvgctl_text(path: Path) -> str:
    from vvgctl.importer.pdf import pdf_text

    return pdf_text(path)[0]


READERS: dict[str, Callable[[Path], str]] = {
    "pypdfium2": pdfium_text,
    "pdfminer.six": pdfminer_text,
    "pdfplumber": pdfplumber_text,
    "vvgctl pdf.py (pypdfium2)": vvgctl_text,
}


def reference(pdf: Path, docx_dir: Path) -> str:
    from vvgctl.importer.convert import read_source

    docx = docx_dir / (pdf.stem + ".docx")
    if docx.exists():
        return read_source(docx)[0]
    return other_markdown()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        pdfs = rendered_pdfs(out / "pdf")
        rendered_pdfs(out / "docx", "docx")
        pdfs.append(other_layout_pdf(out / "other-layout.pdf"))
        print(f"{'file':<34} {'reader':<27} {'in order':>8} {'extra':>6} {'seconds':>8}")
        for pdf in pdfs:
            expected = words(reference(pdf, out / "docx"))
            for name, read in READERS.items():
                times = []
                try:
                    for _ in range(args.repeat):
                        start = time.perf_counter()
                        text = read(pdf)
                        times.append(time.perf_counter() - start)
                except ImportError:
                    print(f"{pdf.name:<34} {name:<27} not installed (pip install {name})")
                    continue
                got = words(text)
                matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
                same = sum(block.size for block in matcher.get_matching_blocks())
                print(
                    f"{pdf.name:<34} {name:<27} {same / len(expected):>8.3f} "
                    f"{len(got) - same:>6} {statistics.median(times):>8.3f}"
                )


if __name__ == "__main__":
    main()
