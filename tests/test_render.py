"""vvgctl render: Markdown, pandoc, Typst and the PDF read back — real engines, no mocks."""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.conftest import MEETING_MD, MINUTES, RepoFactory
from vvgctl.cli.app import app
from vvgctl.render import escape, pandoc
from vvgctl.render.pdf import markdown_to_pdf
from vvgctl.render.pipeline import (
    output_name,
    prepare,
    render_many,
    render_meeting,
)

GOLDEN = Path(__file__).parent / "data" / "render"
UPDATE = bool(os.environ.get("VVGCTL_UPDATE_GOLDEN"))

RICH_MEETING = """\
---
organ: vvg
title: Mötesanteckning
date: 2025-10-22
time: {start: "9.00", end: "11.00"}
place: Teams
mode: remote
status: approved
chair: Kristina Lännergren
secretary: Tanja Mattsson
invited:
  - {name: Åsa Jackson, organisation: VGR, items: ["2"]}
roster:
  - delegation: fyrbodal
    members:
      - {name: Tanja Mattsson, affiliation: Mellerud/Bengtsfors}
  - delegation: vastkom
    members:
      - {name: Kristina Lännergren, role: chair}
      - name: Lotta Hjoberg
        substitutes_for: {name: Tanja Mattsson, note: verksamhetschef}
attendance:
  absent: [Tanja Mattsson]
approval: {meeting: 2025-12-10}
items:
  - number: "1"
    title: Mötets öppnande
    kind: procedural
    subitems:
      - {number: a, title: Närvaro/upprop, kind: procedural}
      - {number: b, title: Övriga frågor, kind: procedural}
  - number: "2"
    title: "Egenvård – uppföljning [del 1]"
    kind: information_and_decision
    timebox: {minutes: 20, start: "09.35", end: "09.55"}
    presenters:
      - {name: Åsa Jackson, organisation: VGR}
    documents:
      - {title: Presentation egenvård.pdf, link: "https://example.org/egenvard.pdf"}
      - {title: Utkast utan länk}
    question: Hur ska uppföljningen ske?
    decisions:
      - type: noted
        text: Vårdsamverkan Västra Götaland noterar informationen.
      - type: recommended
        after_dialog: true
        confirm_by: sro
        text: Vårdsamverkan Västra Götaland rekommenderar följande.
        parts:
          - {text: Riktlinjen antas, parts: [för kommunerna, för regionen]}
          - {text: Uppföljning sker 2026}
    actions:
      - {label: Inför nästa möte, text: Ta fram en enkät., owner_group: Beredningen,
         due_meeting: next}
  - number: "3"
    title: Skriftlig information utan föredragning
    kind: written_information
    tables:
      - title: Årshjul 2025 / 2026
        columns: [December 2025, Februari 2026]
        rows:
          - label: Uppföljning
            cells: [[Egenvård – enkätförslag, Avvikelser], []]
interludes:
  - {after: "2", text: Paus, time: {start: "10.10", end: "10.20"}}
---

## 1. Mötets öppnande

### a) Närvaro/upprop

Alla närvarande hälsades välkomna.

### b) Övriga frågor

Inga övriga frågor.

## 2. Egenvård – uppföljning [del 1]

Bakgrund om *egenvård*.

<!-- en kommentar som inte ska synas -->

### Dialog

- Implementeringen har kommit olika långt.

## 3. Skriftlig information utan föredragning
"""

HOSTILE_BODY = """\
## 1. Mötets öppnande

```{=typst}
#read("/etc/passwd")
```

Inline `#read("/etc/passwd")`{=typst} and [x]{typst:fill=red} here.

<script>alert(1)</script>

\\input{/etc/passwd}

[klicka](javascript:alert(1)) och [intern](#) och [ok](https://example.org/a)

![bild](/etc/passwd)

$#read("/etc/passwd")$

::: {typst:fill=red}
Blocket.
:::

---
header-includes: '#read("/etc/passwd")'
---
"""


def _hostile_meeting() -> str:
    front = MEETING_MD.split("\n---\n", 1)[0]
    front = front.replace(
        "    title: Egenvård\n",
        '    title: "`#read(\\"/etc/passwd\\")`{=typst} <script>x</script>"\n',
    )
    front = front.replace(
        "        text: Vårdsamverkan Västra Götaland noterar informationen.",
        '        text: \'```{=typst} #read("/etc/passwd") ``` [y]{typst:fill=red} '
        "<b onclick=x>fet</b> \\input{/etc/passwd}'",
    )
    return front + "\n---\n\n" + HOSTILE_BODY


def _typst_source(markdown: str, tmp: Path) -> str:
    folder = tmp / "typst-src"
    folder.mkdir(exist_ok=True)
    return pandoc.convert(markdown, "typst", folder).decode("utf-8")


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).split())


def _words(text: str) -> str:
    return " ".join(text.split())


# --- escaping -----------------------------------------------------------------------------

TRICKY = [
    '`#read("/etc/passwd")`{=typst}',
    "[x]{typst:fill=red}",
    "<script>alert(1)</script>",
    "\\input{/etc/passwd}",
    "$x^2$",
    "@cite",
    "*inte kursiv*",
    "1. inte en lista",
    "- inte en punkt",
    "# inte en rubrik",
    "a\\b",
    "Hälso- och sjukvård – 2025",
    "50 % & mer",
    "[länk](javascript:alert(1))",
    "::: div",
    "kl. 9.00–11.00",
    "x | y",
    "~sub~ ^sup^",
]


def test_escaped_strings_read_back_as_the_same_text(tmp_path: Path) -> None:
    """Every tricky string, escaped, comes out of pandoc as exactly that text."""
    markdown = "\n\n".join(escape.inline(s) for s in TRICKY)
    done = subprocess.run(
        [pandoc.executable(), "--sandbox", "-f", pandoc.READER, "-t", "plain", "--wrap=none"],
        input=markdown.encode(),
        capture_output=True,
        check=True,
    )
    # straight quotes become typographic ones (pandoc's smart extension): only that may differ
    plain = done.stdout.decode().replace("“", '"').replace("”", '"')
    assert plain.strip().split("\n\n") == TRICKY


def test_prose_drops_comments_and_escapes_div_fences() -> None:
    text = escape.prose("a <!-- dold\nkommentar --> b\n::: doc-position\nx\n:::")
    assert "dold" not in text
    assert "\\::: doc-position" in text


# --- the Markdown, snapshotted -----------------------------------------------------------


@pytest.mark.parametrize("agenda", [False, True], ids=["minutes", "agenda"])
def test_markdown_snapshot(make_repo: RepoFactory, agenda: bool) -> None:
    root = make_repo({"vvg/2025/2025-10-22.md": RICH_MEETING})
    markdown = prepare(root / "vvg/2025/2025-10-22.md", agenda=agenda).markdown
    golden = GOLDEN / f"rich-{'agenda' if agenda else 'minutes'}.md"
    if UPDATE or not golden.exists():
        golden.write_text(markdown, encoding="utf-8")
    assert markdown == golden.read_text(encoding="utf-8"), (
        f"the Markdown changed; review and rerun with VVGCTL_UPDATE_GOLDEN=1 to accept ({golden})"
    )


def test_markdown_layout(make_repo: RepoFactory) -> None:
    root = make_repo({"vvg/2025/2025-10-22.md": RICH_MEETING})
    md = prepare(root / "vvg/2025/2025-10-22.md").markdown
    assert "Datum: 22 oktober 2025" in md
    assert "Tid: kl\\. 9\\.00–11\\.00" in md
    assert "Tanja Mattsson, Mellerud/Bengtsfors (förhindrad)" in md
    assert "Kristina Lännergren (ordförande)" in md
    assert "ersätter verksamhetschef Tanja Mattsson" in md
    assert "## 2\\. Egenvård – uppföljning \\[del 1\\]" in md
    assert "### a\\) Närvaro/upprop\n\nAlla närvarande hälsades välkomna." in md
    assert "- [Presentation egenvård\\.pdf](<https://example.org/egenvard.pdf>)" in md
    assert "Slutgiltigt ställningstagande tas av Samrådsorganet" in md
    assert "en kommentar" not in md
    # the first position before the background, the second after the dialog
    assert md.index("noterar informationen") < md.index("Bakgrund") < md.index("rekommenderar")


def test_roster_in_two_columns(make_repo: RepoFactory, tmp_path: Path) -> None:
    root = make_repo({"vvg/2025/2025-10-22.md": RICH_MEETING})
    source = _typst_source(prepare(root / "vvg/2025/2025-10-22.md").markdown, tmp_path)
    roster = source[source.index("#doc-roster(") :]
    assert roster.count("#doc-delegation[") == 2
    assert re.search(r"^\],\n\[", roster, re.MULTILINE), "two column arguments"


# --- PDF: text, metadata, accessibility ---------------------------------------------------


def test_pdf_has_items_positions_and_accessibility_metadata(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    root = make_repo({"vvg/2025/2025-10-22.md": RICH_MEETING})
    pdf = render_meeting(root / "vvg/2025/2025-10-22.md", tmp_path / "out")
    assert pdf.name == "vvg-2025-10-22.pdf"
    text = _pdf_text(pdf)
    for expected in (
        "Mötesanteckning",
        "Vårdsamverkan Västra Götaland (VVG)",
        "22 oktober 2025",
        "kl. 9.00–11.00",
        "1. Mötets öppnande",
        "a) Närvaro/upprop",
        "2. Egenvård – uppföljning [del 1]",
        "Information och ställningstagande",
        "20 minuter, kl. 09.35 – 09.55",
        "Föredragande: Åsa Jackson, VGR",
        "Ställningstagande:",
        "Vårdsamverkan Västra Götaland noterar informationen.",
        "Inför nästa möte: Ta fram en enkät.",
        "Paus kl. 10.10–10.20",
        "Årshjul 2025 / 2026",
        "Egenvård – enkätförslag",
        "Ordförande: Kristina Lännergren",
        "Sida 1 av",
    ):
        assert expected in text, expected
    reader = PdfReader(pdf)
    assert reader.metadata is not None
    assert reader.metadata.title == "Mötesanteckning VVG 22 oktober 2025"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv-SE"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfaid:part>2<", xmp) and re.search(r"pdfaid:conformance>A<", xmp)
    assert re.search(r"pdfuaid:part>1<", xmp)
    # the document link is a link annotation to the allowed address
    uris = [
        a.get_object()["/A"].get("/URI")
        for page in reader.pages
        for a in page.get("/Annots", []) or []
        if "/A" in a.get_object()
    ]
    assert "https://example.org/egenvard.pdf" in uris


def test_markdown_to_pdf_for_other_helpers(tmp_path: Path) -> None:
    out = markdown_to_pdf(
        "# Årshjul\n\n- december 2025\n", tmp_path / "a.pdf", title="Årshjul VVG 2026"
    )
    reader = PdfReader(out)
    assert reader.metadata is not None and reader.metadata.title == "Årshjul VVG 2026"
    assert reader.trailer["/Root"]["/Lang"] == "sv-SE"
    assert "december 2025" in _pdf_text(out)


# --- security ------------------------------------------------------------------------------


def test_hostile_minutes_reach_no_output_as_markup(make_repo: RepoFactory, tmp_path: Path) -> None:
    root = make_repo({"vvg/2025/2025-10-22.md": _hostile_meeting()})
    path = root / "vvg/2025/2025-10-22.md"
    markdown = prepare(path).markdown
    source = _typst_source(markdown, tmp_path)
    # nothing executable: every '#' of the minutes is escaped text in the Typst source
    assert not re.search(r"(?<!\\)#read", source)
    assert "fill: red" not in source and not re.search(r"(?<!\\)#block\(fill", source)
    assert "{typst:fill=red}" in source.replace("\\", "")  # shown as the text it is
    assert "javascript" not in source
    assert not re.search(r"(?<!\\)#image", source)
    assert 'link("https://example.org/a")' in source
    assert "#link()" not in source  # a link to '#' is text, not a broken link
    assert "\\<script\\>" in source  # escaped text, and Typst has no HTML anyway
    pdf = render_meeting(path, tmp_path / "out")
    text = _pdf_text(pdf)
    assert "root:" not in text
    assert "\\input{/etc/passwd}" in text  # LaTeX stays visible text
    html = render_meeting(path, tmp_path / "out", "html").read_text(encoding="utf-8")
    assert "<script" not in html and not re.search(r"<[^>]*onclick", html) and "<b " not in html
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html
    assert "<img" not in html and "style=" not in html.split("</style>", 1)[1]
    assert not re.search(r"<[^>]*typst:", html)  # attributes dropped, the text may show
    assert 'href="https://example.org/a"' in html


def test_typst_root_is_the_clean_folder(tmp_path: Path) -> None:
    """Even Typst source that tries to read a file outside its folder cannot."""
    import datetime as dt

    from vvgctl.render.typst import TypstError, compile_pdf

    (tmp_path / "doc.typ").write_text('#read("/etc/passwd")', encoding="utf-8")
    with pytest.raises(TypstError, match=r"root|not found|access"):
        compile_pdf(tmp_path / "doc.typ", inputs={}, date=dt.date(2025, 1, 1))


def test_pandoc_is_sandboxed_with_raw_extensions_off(tmp_path: Path) -> None:
    cmd = pandoc.command("typst", tmp_path)
    assert "--sandbox" in cmd
    for name in (
        "raw_html",
        "raw_attribute",
        "raw_tex",
        "yaml_metadata_block",
        "bracketed_spans",
        "citations",
        "tex_math_dollars",
    ):
        assert f"-{name}" in pandoc.READER


def test_metadata_is_never_read_as_yaml_booleans(tmp_path: Path) -> None:
    html = pandoc.convert("Text.", "html", tmp_path, title="NO").decode("utf-8")
    assert "<title>NO</title>" in html
    assert '<html lang="sv-SE">' in html


def test_disallowed_links_are_rejected_in_yaml(make_repo: RepoFactory) -> None:
    bad = MEETING_MD.replace(
        "    presenters:\n",
        '    documents:\n      - {title: x, link: "javascript:alert(1)"}\n    presenters:\n',
    )
    root = make_repo({"vvg/2025/2025-10-22.md": bad})
    from vvgctl.render.pipeline import MeetingInvalid

    with pytest.raises(MeetingInvalid, match="vvgctl check"):
        prepare(root / "vvg/2025/2025-10-22.md")


# --- other formats, agenda, batches -----------------------------------------------------


def test_html_and_docx(make_repo: RepoFactory, tmp_path: Path) -> None:
    root = make_repo({"vvg/2025/2025-10-22.md": RICH_MEETING})
    path = root / "vvg/2025/2025-10-22.md"
    html = render_meeting(path, tmp_path, "html").read_text(encoding="utf-8")
    assert '<html lang="sv-SE">' in html
    assert "<title>Mötesanteckning VVG 22 oktober 2025</title>" in html
    assert 'class="doc-position"' in html and "<table" in html
    docx = render_meeting(path, tmp_path, "docx")
    with zipfile.ZipFile(docx) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "Egenvård – uppföljning [del 1]" in body


def test_agenda_of_a_planned_meeting(make_repo: RepoFactory, tmp_path: Path) -> None:
    planned = RICH_MEETING.replace("status: approved", "status: agenda").replace(
        "approval: {meeting: 2025-12-10}\n", ""
    )
    root = make_repo({"vvg/2025/2025-10-22.md": planned})
    pdf = render_meeting(root / "vvg/2025/2025-10-22.md", tmp_path, agenda=True)
    assert pdf.name == "vvg-2025-10-22-kallelse.pdf"
    text = _pdf_text(pdf)
    assert "Kallelse" in text and "Dagordning" in text
    assert "2. Egenvård – uppföljning [del 1]" in text
    assert "Frågeställning: Hur ska uppföljningen ske?" in text
    assert "Ställningstagande:" not in text and "förhindrad" not in text


def test_unchanged_inputs_are_skipped_and_user_files_kept(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    root = make_repo({"vvg/2025/2025-11-05.md": MEETING_MD.replace("2025-10-22", "2025-11-05")})
    out = tmp_path / "out"
    files = sorted((root / "vvg").rglob("*.md"))
    first = render_many(files, out, "html", jobs=2)
    assert [o.skipped for o in first] == [False, False] and not any(o.error for o in first)
    second = render_many(files, out, "html", jobs=2)
    assert [o.skipped for o in second] == [True, True]
    files[0].write_text(
        files[0].read_text(encoding="utf-8").replace("Bakgrund.", "Ny text."), encoding="utf-8"
    )
    third = render_many(files, out, "html")
    assert [o.skipped for o in third] == [False, True]
    assert "Ny text." in (out / output_name(files[0], "html", agenda=False)).read_text(
        encoding="utf-8"
    )
    mine = out / "vvg-2025-10-22.pdf"
    mine.write_text("min egen fil", encoding="utf-8")
    outcome = render_many(files[:1], out, "pdf")[0]
    assert outcome.error and "--force" in outcome.error
    assert mine.read_text(encoding="utf-8") == "min egen fil"
    assert render_many(files[:1], out, "pdf", force=True)[0].error is None
    assert mine.read_bytes().startswith(b"%PDF")


@pytest.mark.usefixtures("swedish")
def test_cli_render(make_repo: RepoFactory, tmp_path: Path) -> None:
    root = make_repo()
    out = tmp_path / "build"
    runner = CliRunner()
    result = runner.invoke(app, ["render", str(root), "-o", str(out), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert str(out / "vvg-2025-10-22.html") in result.stdout
    again = runner.invoke(app, ["render", str(root), "-o", str(out), "--format", "html"])
    assert again.exit_code == 0 and "1 oförändrad" in again.output
    broken = make_repo({"vvg/2025/2025-12-10.md": "---\norgan: vvg\n---\n"})
    bad = runner.invoke(app, ["render", str(broken / "vvg/2025/2025-12-10.md"), "-o", str(out)])
    assert bad.exit_code == 1
    assert "2025-12-10.md" in bad.output and "vvgctl check" in bad.output
    assert "Traceback" not in bad.output
    # piped: plain lines, no rich markup and no colour codes
    assert any(
        line.startswith("fel ") and "2025-12-10.md" in line for line in bad.stderr.splitlines()
    )
    assert "0 renderade, 0 oförändrade, 1 fel" in bad.stderr and "\x1b[" not in bad.stderr


def test_notes_on_a_pipe_are_plain_text_never_markup(capsys: pytest.CaptureFixture[str]) -> None:
    from vvgctl.cli import output

    output.note("[red]minutes/[b]x.md[/] failed", label="fel", style="red")
    output.note("klart")
    assert capsys.readouterr().err == "fel [red]minutes/[b]x.md[/] failed\nklart\n"


# --- every meeting in minutes/ ------------------------------------------------------------

REAL = sorted(
    p for p in MINUTES.rglob("*.md") if p.name != "README.md" and "registry" not in p.parts
)


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_every_meeting_in_minutes_renders(path: Path, tmp_path: Path) -> None:
    from vvgctl.source.loading import load_meeting

    meeting = load_meeting(path).model
    assert meeting is not None, f"{path} does not validate"
    pdf = render_meeting(path, tmp_path)
    text = _pdf_text(pdf)
    for item in meeting.items:
        assert _words(f"{item.number}. {item.title}") in text, item.title
        for decision in item.decisions:
            if not decision.in_body:
                assert _words(decision.text)[:60] in text, decision.text[:60]
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "sv-SE"


def test_a_render_killed_half_way_does_not_lock_its_own_outputs(tmp_path: Path) -> None:
    """Issue 14, item 8: after kill -9 the next render said 'the file exists and was not
    made by vvgctl render' about the file the killed run wrote. A file of the user's in the
    folder is still refused without --force."""
    import sys

    out = tmp_path / "build"
    meeting = MINUTES / "vvg" / "2025" / "2025-10-22.md"
    dies = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "import vvgctl.render.pipeline as p\n"
        "real = p._render_task\n"
        "def task(b, t):\n"
        "    real(b, t)\n"
        "    os._exit(9)  # killed after the file, before the manifest\n"
        "p._render_task = task\n"
        "p.render_many([Path(sys.argv[1])], Path(sys.argv[2]), 'html', jobs=1)\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", dies, str(meeting), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert killed.returncode == 9, killed.stderr
    assert (out / "vvg-2025-10-22.html").is_file()
    again = CliRunner().invoke(app, ["render", str(meeting), "--format", "html", "-o", str(out)])
    assert again.exit_code == 0, again.output
    (out / "vvg-2025-10-22.html").unlink()
    (out / ".vvgctl-render.json").unlink()
    (out / "vvg-2025-10-22.html").write_text("mine", encoding="utf-8")
    refused = CliRunner().invoke(app, ["render", str(meeting), "--format", "html", "-o", str(out)])
    assert refused.exit_code == 1 and "--force" in refused.output


def test_render_and_publish_keep_one_manifest(tmp_path: Path) -> None:
    """Issue 27: render's and publish's output folders hold the same manifest; a render folder
    of an earlier version (a plain {path: key}) stays vvgctl's, and publish, which deletes what
    its manifest lists, reads no such plain file."""
    import json

    from vvgctl.publish.manifest import Manifest as SiteManifest
    from vvgctl.render.output import MANIFEST
    from vvgctl.render.output import Manifest as RenderManifest

    meeting = MINUTES / "vvg" / "2025" / "2025-10-22.md"
    out = tmp_path / "render"
    render_many([meeting], out, "html")
    stored = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert stored["format"] == 1 and list(stored["outputs"]) == ["vvg-2025-10-22.html"]
    site = SiteManifest(tmp_path / "site", "fp")
    site.produced["index.html"] = "key"
    site.save()
    assert json.loads(site.file.read_text(encoding="utf-8"))["outputs"] == {"index.html": "key"}
    (out / MANIFEST).write_text(json.dumps(stored["outputs"]), encoding="utf-8")  # as before
    assert RenderManifest(out).entries == stored["outputs"]
    site.file.write_text(json.dumps({"index.html": "key"}), encoding="utf-8")
    assert SiteManifest.load(tmp_path / "site", "fp").outputs == {}
