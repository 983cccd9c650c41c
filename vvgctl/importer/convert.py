"""Read an input file as text: .txt and .md as they are, .docx/.odt/.html through pandoc,
.pdf through :mod:`vvgctl.importer.pdf` (PDFium).

pandoc (the binary of the ``pypandoc-binary`` wheel, run with ``--sandbox``) turns the document
into its JSON tree, which is written out here as plain text in the shape of the PDF exports:
one paragraph a line, lists as '- ' / '1.' / 'a)', headings as '#', bold as '**', and a table
row as cells separated by tabs (a cell with several lines gives several rows).

A link keeps its address only when the minutes may hold it (http(s), ``mailto:``, a relative
path): a ``javascript:``, ``data:`` or ``file:`` link of a web page or a Word file becomes its
text, and a note says so.

Bounded work: an input larger than its format's limit (:data:`MAX_BYTES`: 20 MiB for .pdf,
.docx and .odt, whose pictures take the room; 5 MiB for .html; 2 MiB for text) is refused before a
byte of it is read, and so is a FIFO, a device or a folder. A .docx/.odt whose parts unpack
to more than :data:`MAX_UNPACKED_BYTES` is refused before pandoc opens it (a zip bomb), and
the text read from any format is at most :data:`MAX_TEXT_BYTES`: the minutes of one meeting
are ~50 KiB of text.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

from vvgctl.errors import UsageError, VvgError
from vvgctl.importer.pdf import pdf_text
from vvgctl.message import Message
from vvgctl.models.common import is_allowed_link
from vvgctl.runtime.i18n import N_
from vvgctl.source.fileio import FileTooLarge, NotARegularFile, read_limited

PANDOC_FORMATS = {".docx": "docx", ".odt": "odt", ".html": "html", ".htm": "html"}
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
SUFFIXES = (".pdf", *PANDOC_FORMATS, *TEXT_SUFFIXES)

MiB = 1024 * 1024
#: the largest file import reads, by its suffix (see the module's docstring)
MAX_BYTES = {
    ".pdf": 20 * MiB,
    ".docx": 20 * MiB,
    ".odt": 20 * MiB,
    ".html": 5 * MiB,
    ".htm": 5 * MiB,
    **{suffix: 2 * MiB for suffix in TEXT_SUFFIXES},
}
#: what the parts of a .docx/.odt may unpack to
MAX_UNPACKED_BYTES = 200 * MiB
#: the text read from any format
MAX_TEXT_BYTES = 2 * MiB
_ONE_MEETING = N_("is it the minutes of one meeting? Save that meeting alone")


def pandoc_path() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def read_source(path: Path) -> tuple[str, list[Message | str]]:
    """The text of ``path`` and notes on how it was read."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(
            Message(
                N_("cannot import {name}: the importer reads {SUFFIXES}"),
                {"name": path.name, "SUFFIXES": ", ".join(SUFFIXES)},
            ),
            hint=N_("save the document as .docx or .txt"),
        )
    raw = _read(path, MAX_BYTES[suffix])
    if suffix == ".pdf":
        text, read_notes = pdf_text(path)
        _check_text(path, len(text.encode("utf-8")))
        return text, read_notes
    if suffix in PANDOC_FORMATS:
        if suffix in (".docx", ".odt"):
            _check_unpacked(path)
        tree = run_pandoc(path, PANDOC_FORMATS[suffix])
        notes: list[Message | str] = [
            Message(
                N_(
                    "a link to {url!r} was dropped (the minutes keep http(s), mailto: and "
                    "relative links); its text {text!r} stays"
                ),
                {"url": url[:60], "text": text[:60]},
            )
            for url, text in drop_unsafe_links(tree)
        ]
        text = tree_text(tree)
        _check_text(path, len(text.encode("utf-8")))
        return text, notes
    _check_text(path, len(raw))
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), [
            N_("the file is not UTF-8; it was read as Windows-1252 (check å, ä, ö)")
        ]


def _read(path: Path, limit: int) -> bytes:
    """The bytes of ``path``: a regular file of at most ``limit`` bytes, or a refusal that
    names it (the size is looked at before a byte is read)."""
    try:
        return read_limited(path, limit)
    except NotARegularFile:
        raise UsageError(
            Message(
                N_("cannot import {path}: it is not a regular file (a FIFO, a device or a folder)"),
                {"path": path},
            ),
            hint=N_("give the path of the document itself"),
        ) from None
    except FileTooLarge as exc:
        raise UsageError(
            Message(
                N_(
                    "cannot import {path}: the file is {size} KiB; import reads "
                    "{suffix} files of at most {limit} KiB"
                ),
                {
                    "path": path,
                    "size": exc.size // 1024,
                    "suffix": path.suffix.lower(),
                    "limit": limit // 1024,
                },
            ),
            hint=N_(
                "is it the minutes of one meeting? Save that meeting alone, or without its pictures"
            )
            if path.suffix.lower() in (".pdf", ".docx", ".odt")
            else _ONE_MEETING,
        ) from None
    except OSError as exc:
        raise UsageError(
            Message(N_("cannot read {path}: {strerror}"), {"path": path, "strerror": exc.strerror}),
            hint=N_("check that the file exists and that you may read it"),
        ) from None


def _check_unpacked(path: Path) -> None:
    """Refuse a .docx/.odt whose parts unpack to more than :data:`MAX_UNPACKED_BYTES`; a file
    that is not a zip archive is left to pandoc, which says so."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if unpacked > MAX_UNPACKED_BYTES:
        raise UsageError(
            Message(
                N_(
                    "cannot import {path}: its parts unpack to {size} MiB; import "
                    "unpacks at most {limit} MiB"
                ),
                {"path": path, "size": unpacked // MiB, "limit": MAX_UNPACKED_BYTES // MiB},
            ),
            hint=N_("open the document and save it again, or export it as text"),
        )


def _check_text(path: Path, size: int) -> None:
    if size > MAX_TEXT_BYTES:
        raise UsageError(
            Message(
                N_(
                    "cannot import {path}: its text is {size} KiB; import reads at "
                    "most {limit} KiB of text"
                ),
                {"path": path, "size": size // 1024, "limit": MAX_TEXT_BYTES // 1024},
            ),
            hint=_ONE_MEETING,
        )


def run_pandoc(path: Path, fmt: str) -> dict[str, Any]:
    try:
        proc = subprocess.run(
            [pandoc_path(), "--sandbox", "-f", fmt, "-t", "json", str(path)],
            capture_output=True,
            timeout=300,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise VvgError(
            Message(N_("pandoc could not be run on {path}: {exc}"), {"path": path, "exc": exc})
        ) from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise VvgError(
            Message(
                N_("pandoc could not read {path}: {message}"),
                {"path": path, "message": message[0] if message else "error"},
            ),
            hint=Message(
                N_("is it really a {fmt} file? Open and save it again, or export it as text"),
                {"fmt": fmt},
            ),
            path=str(path),
        )
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


_TAG = re.compile(r"<[^>]+>")


def drop_unsafe_links(node: Any) -> list[tuple[str, str]]:
    """Turn every link in pandoc's tree whose address the minutes may not hold into a span
    of its text, in place; the (address, text) of each."""
    dropped: list[tuple[str, str]] = []
    if isinstance(node, list):
        for child in node:
            dropped += drop_unsafe_links(child)
    elif isinstance(node, dict):
        if node.get("t") == "Link":
            attr, inlines, (url, _title) = node["c"]
            if url and not url.startswith("#") and not is_allowed_link(url):
                node["t"], node["c"] = "Span", [attr, inlines]
                dropped.append((url, _inlines(inlines)))
        for child in node.values():
            dropped += drop_unsafe_links(child)
    return dropped


def tree_text(tree: dict[str, Any]) -> str:
    return "\n".join(_blocks(tree.get("blocks", []))).strip("\n") + "\n"


def _inlines(inlines: Any) -> str:
    out: list[str] = []
    for node in inlines:
        kind, content = node.get("t"), node.get("c", [])
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak"):
            out.append(" ")
        elif kind == "LineBreak":
            out.append("\n")
        elif kind in ("Emph", "Strong"):
            inner = _inlines(content)
            mark = "*" if kind == "Emph" else "**"
            out.append(f"{mark}{inner}{mark}" if inner.strip() and "\n" not in inner else inner)
        elif kind in ("Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
            out.append(_inlines(content))
        elif kind == "Quoted":
            out.append(f"”{_inlines(content[1])}”")
        elif kind == "Cite":
            out.append(_inlines(content[1]))
        elif kind in ("Code", "Math"):
            out.append(content[1])
        elif kind == "RawInline":
            out.append(_TAG.sub("", content[1]))
        elif kind == "Link":
            text, url = _inlines(content[1]), content[2][0]
            out.append(f"[{text}]({url})" if url and not url.startswith("#") else text)
        elif kind == "Image" or kind == "Span":
            out.append(_inlines(content[1]))
        elif kind == "Note":
            out.append(" (" + " ".join(_blocks(content)).strip() + ")")
    return "".join(out)


def _marker(style: str, delim: str, number: int) -> str:
    if style in ("LowerAlpha", "UpperAlpha"):
        label = chr(ord("a") + (number - 1) % 26)
        label = label.upper() if style == "UpperAlpha" else label
    elif style in ("LowerRoman", "UpperRoman"):
        label = str(number)
    else:
        label = str(number)
    if delim == "OneParen":
        return f"{label})"
    if delim == "TwoParens":
        return f"({label})"
    return f"{label}."


def _item(marker: str, blocks: list[dict[str, Any]]) -> list[str]:
    lines = [line for line in _blocks(blocks) if line.strip()]
    if not lines:
        return [marker]
    return [f"{marker} {lines[0]}", *("    " + line for line in lines[1:])]


def _cell_lines(cell: list[Any]) -> list[str]:
    return [line for line in _blocks(cell[4]) if line.strip()]


def _rows(rows: list[Any]) -> list[str]:
    out: list[str] = []
    for row in rows:
        cells: list[list[str]] = []
        for cell in row[1]:
            cells.append(_cell_lines(cell))
            cells.extend([] for _ in range(max(int(cell[3]) - 1, 0)))
        height = max((len(c) for c in cells), default=0)
        for index in range(height):
            out.append("\t".join(c[index] if index < len(c) else "" for c in cells).rstrip())
    return out


def _table(content: list[Any]) -> list[str]:
    _, caption, _, head, bodies, foot = content
    lines = [line for line in _blocks(caption[1]) if line.strip()] if caption[1] else []
    lines += _rows(head[1])
    for body in bodies:
        lines += _rows(body[2]) + _rows(body[3])
    lines += _rows(foot[1])
    return [*lines, ""]


def _blocks(blocks: Any) -> list[str]:
    out: list[str] = []
    for node in blocks:
        kind, content = node.get("t"), node.get("c", [])
        if kind in ("Para", "Plain"):
            out += [*_inlines(content).split("\n"), ""]
        elif kind == "Header":
            out += ["#" * int(content[0]) + " " + _inlines(content[2]).replace("\n", " "), ""]
        elif kind == "BulletList":
            for item in content:
                out += _item("-", item)
            out.append("")
        elif kind == "OrderedList":
            start, style, delim = content[0][0], content[0][1]["t"], content[0][2]["t"]
            for offset, item in enumerate(content[1]):
                out += _item(_marker(style, delim, start + offset), item)
            out.append("")
        elif kind == "Table":
            out += _table(content)
        elif kind in ("BlockQuote",):
            out += _blocks(content)
        elif kind in ("Div", "Figure"):
            out += _blocks(content[-1])
        elif kind == "LineBlock":
            out += [*(_inlines(line) for line in content), ""]
        elif kind == "CodeBlock":
            out += [*content[1].split("\n"), ""]
        elif kind == "RawBlock":
            out += [*_TAG.sub("", content[1]).split("\n"), ""]
        elif kind == "DefinitionList":
            for term, definitions in content:
                out.append(_inlines(term))
                for definition in definitions:
                    out += _blocks(definition)
            out.append("")
        elif kind == "HorizontalRule":
            out.append("")
    return out
