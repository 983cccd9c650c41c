"""The one place pandoc runs: Markdown that vvgctl generated -> Typst source, HTML or DOCX.

Pandoc comes from the ``pypandoc-binary`` wheel (no system pandoc). Minutes are untrusted:

- pandoc runs with ``--sandbox`` in a clean temporary folder, input on stdin;
- the reader is ``markdown`` with every extension that lets text become raw output or
  attributes switched off (:data:`READER`); YAML metadata blocks are off too, so pandoc's own
  YAML reading (``NO`` -> false) never sees a byte of the minutes file's front matter;
- the Lua filter ``templates/pandoc/safe.lua`` drops what is left (raw blocks, attributes,
  images, math, unsafe links) before laying out our own blocks;
- metadata (the HTML title) is written by us as JSON strings in the temporary folder.
"""

from __future__ import annotations

import json
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Literal

from vvgctl.errors import EXIT_BUG, VvgError
from vvgctl.message import Message
from vvgctl.render import escape, limits
from vvgctl.render.templating import TEMPLATES_DIR
from vvgctl.runtime.i18n import N_

Format = Literal["typst", "html", "docx"]

#: Extensions of pandoc's markdown that let a file inject raw output, attributes or metadata.
DISABLED_EXTENSIONS = (
    "raw_html",
    "raw_attribute",
    "raw_tex",
    "latex_macros",
    "tex_math_dollars",
    "citations",
    "yaml_metadata_block",
    "pandoc_title_block",
    "native_divs",
    "native_spans",
    "markdown_in_html_blocks",
    "bracketed_spans",
    "link_attributes",
    "inline_code_attributes",
    "fenced_code_attributes",
    "header_attributes",
    "table_attributes",
    "implicit_header_references",
    "implicit_figures",
    "example_lists",
)
READER = "markdown" + "".join(f"-{name}" for name in DISABLED_EXTENSIONS)
FILTER = TEMPLATES_DIR / "pandoc" / "safe.lua"
TEMPLATES: dict[Format, Path | None] = {
    "typst": TEMPLATES_DIR / "typst" / "minutes.typ",
    "html": TEMPLATES_DIR / "html" / "minutes.html",
    "docx": None,
}
WRITERS: dict[Format, str] = {"typst": "typst", "html": "html5", "docx": "docx"}


class PandocError(VvgError):
    """Pandoc failed on Markdown we generated."""

    exit_code = EXIT_BUG


@lru_cache(maxsize=1)
def executable() -> str:
    """The pandoc binary inside the pypandoc-binary wheel.

    Found where the wheel puts it without importing pypandoc, whose import and path lookup
    (it runs ``pandoc --version``) cost 0.06 s of a 0.5 s render; pypandoc's own lookup is
    the fallback.
    """
    import importlib.util

    spec = importlib.util.find_spec("pypandoc")
    if spec is not None and spec.origin is not None:
        bundled = Path(spec.origin).parent / "files" / "pandoc"
        if bundled.is_file():
            return str(bundled)
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def identity() -> str:
    """Which pandoc this is, cheaply: the binary's path, size and modification time."""
    info = Path(executable()).stat()
    return f"{executable()}:{info.st_size}:{info.st_mtime_ns}"


@lru_cache(maxsize=1)
def version() -> str:
    """The pypandoc-binary wheel's version: it pins the pandoc inside (no process started)."""
    from importlib.metadata import version as package_version

    return package_version("pypandoc-binary")


def command(fmt: Format, workdir: Path, *, standalone: bool = True) -> list[str]:
    cmd = [
        executable(),
        "--sandbox",
        "--wrap=none",
        "--from",
        READER,
        "--to",
        WRITERS[fmt],
        "--lua-filter",
        str(FILTER),
    ]
    template = TEMPLATES[fmt]
    if standalone:
        cmd.append("--standalone")
        if template is not None:
            cmd += ["--template", str(template)]
    metadata = workdir / "metadata.json"
    if metadata.exists():
        cmd += ["--metadata-file", str(metadata)]
    if fmt == "docx":
        cmd += ["--output", "-"]
    return cmd


def write_metadata(workdir: Path, values: dict[str, str]) -> None:
    """Metadata as JSON strings (every value a string; pandoc reads it as Markdown text)."""
    data = {key: escape.inline(value) for key, value in values.items()}
    (workdir / "metadata.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def convert(
    markdown: str,
    fmt: Format,
    workdir: Path,
    *,
    lang: str = "sv-SE",
    title: str | None = None,
    label: str = "document",
) -> bytes:
    """Run pandoc on ``markdown`` inside ``workdir`` (a clean temporary folder)."""
    if fmt == "html":
        write_metadata(workdir, {"pagetitle": title or "", "lang": lang})
    elif fmt == "docx":
        write_metadata(workdir, {"title": title or "", "lang": lang})
    try:
        done = subprocess.run(
            command(fmt, workdir),
            input=markdown.encode("utf-8"),
            capture_output=True,
            cwd=workdir,
            timeout=limits.TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise limits.timed_out(label) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise PandocError(
            Message(
                N_(
                    "{label}: pandoc failed ({message}); this is a bug in vvgctl's "
                    "templates, rerun with --traceback and report it"
                ),
                {"label": label, "message": message},
            )
        )
    return done.stdout
