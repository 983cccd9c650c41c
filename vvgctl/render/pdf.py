"""PDF from Markdown: sandboxed pandoc to Typst with our template, then Typst (PDF/UA-1, PDF/A-2a).

The minutes' PDFs (:mod:`vvgctl.render.pipeline`) and other generated documents (the årshjul's
:func:`markdown_to_pdf`) take the same route.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

from vvgctl.errors import UsageError, naming
from vvgctl.message import Message
from vvgctl.render import pandoc
from vvgctl.render import typst as typst_engine
from vvgctl.runtime.i18n import N_
from vvgctl.source.fileio import atomic_write_bytes
from vvgctl.swedish.dates import long_date

_LANG = re.compile(r"^[a-z]{2,3}-[A-Z]{2}$")


def _check_lang(lang: str) -> str:
    if not _LANG.match(lang):
        raise UsageError(
            Message(N_("{lang!r} is not a language tag like 'sv-SE'"), {"lang": lang}),
            hint=N_("the PDF needs language and region, e.g. sv-SE"),
        )
    return lang


def workdir() -> tempfile.TemporaryDirectory[str]:
    """A temporary folder for pandoc's and Typst's files, removed after the render."""
    return tempfile.TemporaryDirectory(prefix="vvgctl-render-")


def _typst_inputs(
    title: str, doctype: str, header: str, date: dt.date, logo: str, landscape: bool = False
) -> dict[str, str]:
    return {
        "title": title,
        "doctype": doctype,
        "header": header,
        "date": long_date(date),
        "logo": logo,
        "orientation": "landscape" if landscape else "portrait",
    }


def to_pdf(
    markdown: str,
    folder: Path,
    *,
    title: str,
    doctype: str,
    header: str,
    date: dt.date,
    logo: Path | None,
    label: str,
    landscape: bool = False,
    timestamp: dt.datetime | None = None,
) -> bytes:
    """``markdown`` -> PDF bytes: pandoc to Typst in ``folder``, then Typst with our template."""
    source = pandoc.convert(markdown, "typst", folder, title=title, label=label)
    (folder / "document.typ").write_bytes(source)
    logo_name = ""
    if logo is not None:
        logo_name = f"logo{logo.suffix.lower()}"
        shutil.copyfile(logo, folder / logo_name)
    return typst_engine.compile_pdf(
        folder / "document.typ",
        inputs=_typst_inputs(title, doctype, header, date, logo_name, landscape),
        date=date,
        label=label,
        timestamp=timestamp,
    )


def markdown_to_pdf(
    markdown: str,
    out: Path,
    *,
    title: str,
    lang: str = "sv-SE",
    doctype: str = "",
    header: str = "Vårdsamverkan Västra Götaland",
    date: dt.date | None = None,
    landscape: bool = False,
) -> Path:
    """Markdown (that the caller generated and escaped) -> an accessible PDF at ``out``.

    The same route as the minutes: sandboxed pandoc with our Typst template, then Typst with
    PDF/UA-1 and PDF/A-2a. ``lang`` must be language and region (``sv-SE``); ``landscape``
    turns the A4 page (a wide table such as the årshjul).
    """
    if _check_lang(lang) != "sv-SE":
        raise UsageError(
            Message(N_("{lang}: only sv-SE is supported by the Typst template"), {"lang": lang})
        )
    with workdir() as tmp:
        pdf = to_pdf(
            markdown,
            Path(tmp),
            title=title,
            doctype=doctype or title,
            header=header,
            date=date or dt.date.today(),
            logo=None,
            label=str(out),
            landscape=landscape,
        )
    with naming(out):
        atomic_write_bytes(out, pdf)
    return out
