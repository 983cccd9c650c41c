"""The one place Typst compiles: Typst source -> PDF/UA-1 + PDF/A-2a, tagged, in-process.

The ``typst`` package embeds the compiler. Its root is the clean temporary folder the source
was written to, so a document can read no file outside it; every text that is not the body
(title, header, date) arrives as a plain string through ``sys.inputs``.
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from functools import lru_cache
from importlib.metadata import version as _package_version
from pathlib import Path

from vvgctl.errors import EXIT_BUG, VvgError
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

#: the PDF standards every document is checked against by Typst while it is written
PDF_STANDARDS = ("ua-1", "a-2a")


class TypstError(VvgError):
    """Typst failed on source we generated."""

    exit_code = EXIT_BUG


#: Where the body font (Liberation Sans, metric-compatible with Arial) is looked for. Typst
#: scans only these folders (all system fonts take ~50 ms a process); without them the
#: embedded Libertinus Serif is used. VVGCTL_FONT_PATH (os.pathsep-separated) adds folders.
FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation-sans",
    "/usr/share/fonts/liberation",
    "/usr/share/fonts/truetype/liberation2",
)


@lru_cache(maxsize=1)
def version() -> str:
    return _package_version("typst")


def identity() -> str:
    """Which Typst this is, cheaply: the compiled module's path, size and modification time."""
    import typst

    module = Path(typst.__file__).parent
    parts = [
        f"{f.name}:{f.stat().st_size}:{f.stat().st_mtime_ns}"
        for f in sorted(module.glob("_typst*"))
    ]
    return "|".join(parts)


def font_dirs() -> list[str]:
    extra = [d for d in os.environ.get("VVGCTL_FONT_PATH", "").split(os.pathsep) if d]
    return [d for d in (*extra, *FONT_DIRS) if Path(d).is_dir()]


def compile_pdf(
    source: Path,
    *,
    inputs: dict[str, str],
    date: dt.date,
    label: str = "document",
    timestamp: dt.datetime | None = None,
) -> bytes:
    """Compile ``source`` (inside its own folder, the root) to PDF bytes.

    The PDF's Author is ``inputs["author"]``, or else the page header (the organ's header or
    name, which the caller passes): no organ is named unless the caller names it. The PDF's
    dates are ``timestamp`` (for minutes: when they were approved), else ``date`` at noon.
    """
    import typst

    inputs = {"author": inputs.get("header", ""), **inputs}

    if timestamp is None:
        timestamp = dt.datetime(date.year, date.month, date.day, 12, tzinfo=dt.UTC)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pdf = typst.compile(
                str(source),
                root=str(source.parent),
                format="pdf",
                font_paths=font_dirs(),
                ignore_system_fonts=True,
                pdf_standards=["ua-1", "a-2a"],
                pdf_tags=True,
                sys_inputs=inputs,
                timestamp=timestamp,
            )
    except typst.TypstError as exc:
        raise TypstError(
            Message(
                N_(
                    "{label}: Typst failed: {message}\n{diagnostic}\nThis is a bug in "
                    "vvgctl's templates, rerun with --traceback and report it"
                ),
                {"label": label, "message": exc.message, "diagnostic": exc.diagnostic},
            )
        ) from None
    assert isinstance(pdf, bytes)
    return pdf
