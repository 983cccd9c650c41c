"""PDFs for the import tests and benchmarks, made two ways: by vvgctl render (Typst, the
minutes' own layout) and by pandoc -> Typst in another layout (two text columns, justified and
hyphenated, a running header and a page number in the footer)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINUTES = ROOT / "minutes"

_PREAMBLE = """\
#set page(paper: "a4", columns: 2, margin: 2cm,
  header: [Styrgruppen för hälsa och omsorg #h(1fr) Protokoll],
  footer: context [#h(1fr) #counter(page).display() #h(1fr)])
#set text(lang: "sv", size: 10pt, hyphenate: true)
#set par(justify: true)
"""

OTHER_MARKDOWN = """\
# Protokoll

**Styrgruppen för hälsa och omsorg**

Datum: 13 maj 2026

Tid: kl. 13.00–15.00

Plats: Stationshuset, Göteborg

## 1. Mötets öppnande

Ordföranden öppnar mötet och hälsar alla välkomna. Förvaltningsorganisationen redovisar de
samverkansöverenskommelser som ingåtts under året och beskriver hur förutsättningarna för
verksamhetsutvecklingen har förändrats sedan föregående sammanträde.
"""

_ITEM = """\
## {number}. Förvaltningsplan {year}

Information

Beredningen presenterar utkastet till förvaltningsplan. Arbetet med den länsgemensamma
vårdinformationsförsörjningen fortsätter enligt tidsplanen, och samordningsförbundens
representanter lämnar synpunkter via en forms-enkät som skickas ut efter mötet. Hälso- och
sjukvårdsdirektören understryker att primärvårdsförvaltningarnas medverkan är avgörande.

- Vidmakthållande av befintliga informationssystem och integrationslösningar
- Vidareutveckling nödvändig för vidmakthållande
- Nyutveckling för ny funktionalitet

Ställningstagande: Styrgruppen ställer sig bakom förvaltningsplanens inriktning.
"""


def other_markdown(items: int = 7) -> str:
    return OTHER_MARKDOWN + "".join(
        "\n" + _ITEM.format(number=n, year=2020 + n) for n in range(2, items + 2)
    )


def other_layout_pdf(target: Path, items: int = 7) -> Path:
    """A PDF of minutes in a layout vvgctl does not make: pandoc's Typst writer, two columns."""
    import pypandoc
    import typst

    from vvgctl.render.typst import font_dirs

    body = subprocess.run(
        [pypandoc.get_pandoc_path(), "--sandbox", "-f", "markdown", "-t", "typst"],
        input=other_markdown(items).encode(),
        capture_output=True,
        check=True,
    ).stdout.decode()
    source = target.with_suffix(".typ")
    source.write_text(_PREAMBLE + body, encoding="utf-8")
    target.write_bytes(typst.compile(str(source), root=str(source.parent), font_paths=font_dirs()))
    source.unlink()
    return target


def rendered_pdfs(out: Path, fmt: str = "pdf") -> list[Path]:
    """The bundled minutes rendered by vvgctl itself into ``out``."""
    subprocess.run(
        [sys.executable, "-m", "vvgctl", "render", str(MINUTES), "-o", str(out), "--format", fmt],
        check=True,
        capture_output=True,
    )
    return sorted(out.glob(f"*.{fmt}"))
