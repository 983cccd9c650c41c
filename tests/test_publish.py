"""`vvgctl publish`: what the site holds, what it never holds, and what a rebuild rewrites."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MEETING_MD, RepoFactory
from vvgctl.cli.app import app
from vvgctl.publish.manifest import MANIFEST_NAME
from vvgctl.publish.site import publish

RENDERER = importlib.util.find_spec("vvgctl.render") is not None

SECOND_MD = (
    MEETING_MD.replace("date: 2025-10-22", "date: 2025-12-10")
    .replace(
        "Vårdsamverkan Västra Götaland noterar informationen.",
        "Vårdsamverkan Västra Götaland ställer sig bakom egenvårdsrutinen.",
    )
    .replace("type: noted", "type: endorsed")
    .replace('case: "0755"', 'case: "0800"')
    .replace("Bakgrund.", "Bakgrund till december.")
    + """
## 3. Extra

Text.
"""
)

SECRET = "Hemligt utkast Zebrafink"
UNPUBLISHED = {
    # a draft that shares a case with the approved meeting, a planned one and one in review
    "vvg/2026/2026-03-04.md": ("draft", "2026-03-04"),
    "vvg/2026/2026-04-15.md": ("planned", "2026-04-15"),
    "sro/2026/2026-05-27.md": ("review", "2026-05-27"),
}


def unpublished_md(status: str, day: str, organ: str) -> str:
    return f"""\
---
organ: {organ}
title: {SECRET} {status}
date: {day}
place: Kvarnbergsgatan Sekretessrum
mode: in_person
status: {status}
items:
  - number: "1"
    title: {SECRET} punkt
    kind: information_and_decision
    case: "0755"
    decisions:
      - type: endorsed
        text: {SECRET} ställningstagande om Pelikanplanen.
    follow_ups:
      - {{text: {SECRET} uppföljning, meeting: 2026-09, case: hemligt-arende}}
schedule:
  - {{date: 2031-01-17, place: Sekretessrum}}
---

## 1. {SECRET} punkt

Pelikanplanen diskuterades {SECRET}.
"""


SECRET_DATES = [
    "2026-03-04",
    "2026-04-15",
    "2026-05-27",
    "20260304",
    "20260415",
    "20260527",
    "4 mars 2026",
    "15 april 2026",
    "27 maj 2026",
    "2031-01-17",
    "20310117",
]


def secrets() -> list[str]:
    return [
        SECRET,
        "Zebrafink",
        "Pelikanplanen",
        "Sekretessrum",
        "hemligt-arende",
        "2026/2026",
        *SECRET_DATES,
    ]


@pytest.fixture
def repo(make_repo: RepoFactory) -> Path:
    files: dict[str, str | bytes] = {"vvg/2025/2025-12-10.md": SECOND_MD}
    for name, (status, day) in UNPUBLISHED.items():
        files[name] = unpublished_md(status, day, name.split("/")[0])
    return make_repo(files)


def tree(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def test_the_site_has_its_parts(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    report = publish(repo, out)
    files = tree(out)
    assert report.published == 2 and report.unpublished == 3
    for expected in (
        "index.html",
        "stallningstaganden.html",
        "arenden/index.html",
        "arenden/0755.html",
        "arenden/0800.html",
        "arshjul.html",
        "feed.xml",
        "sitemap.xml",
        "static/site.css",
        "static/register.js",
        "vvg/2025/2025-10-22.html",
        "vvg/2025/2025-12-10.html",
        MANIFEST_NAME,
    ):
        assert expected in files, expected
    index = files["index.html"].decode()
    assert 'href="vvg/2025/2025-12-10.html"' in index
    assert index.index("2025-12-10.html") < index.index("2025-10-22.html")  # newest first
    register = files["stallningstaganden.html"].decode()
    assert "ställer sig bakom egenvårdsrutinen" in register
    assert 'href="vvg/2025/2025-10-22.html#punkt-2"' in register
    case = files["arenden/0755.html"].decode()
    assert "../vvg/2025/2025-10-22.html#punkt-2" in case
    ET.fromstring(files["feed.xml"])
    locs = [
        e.text
        for e in ET.fromstring(files["sitemap.xml"]).iter(
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    ]
    assert "vvg/2025/2025-10-22.html" in locs and "static/site.css" not in locs


def test_nothing_of_an_unpublished_record_reaches_any_file(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish(repo, out)
    publish(repo, out)  # the rebuild (and its manifest) too
    files = tree(out)
    assert len(files) > 10
    for name, content in files.items():
        text = content.decode("utf-8", errors="replace")
        for secret in secrets():
            assert secret not in text, f"{secret!r} in {name}"
        assert "sro" not in name and "2026" not in name


def test_a_record_that_goes_back_to_draft_leaves_the_site(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish(repo, out)
    second = repo / "vvg/2025/2025-12-10.md"
    second.write_text(second.read_text().replace("status: approved", "status: review"))
    report = publish(repo, out)
    assert "vvg/2025/2025-12-10.html" in report.removed
    assert "arenden/0800.html" in report.removed
    for name, content in tree(out).items():
        assert b"egenv\xc3\xa5rdsrutinen" not in content, name
        assert b"2025-12-10" not in content, name


def test_a_rebuild_rewrites_only_what_depends_on_the_change(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = publish(repo, out)
    assert len(first.written) > 10
    again = publish(repo, out)
    assert again.written == [] and again.removed == []

    source = repo / "vvg/2025/2025-10-22.md"
    source.write_text(
        source.read_text().replace("noterar informationen.", "noterar informationen med tack.")
    )
    changed = publish(repo, out)
    expected = {"vvg/2025/2025-10-22.html", "stallningstaganden.html", "arenden/0755.html"}
    if RENDERER:
        expected.add("vvg/2025/2025-10-22.pdf")
    assert set(changed.written) == expected
    assert "noterar informationen med tack." in (out / "stallningstaganden.html").read_text()

    source.write_text(source.read_text().replace("Bakgrund.", "Ny bakgrund."))
    body_only = publish(repo, out)
    assert set(body_only.written) == {"vvg/2025/2025-10-22.html"} | (
        {"vvg/2025/2025-10-22.pdf"} if RENDERER else set()
    )


def test_a_changed_template_rebuilds_every_page(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish(repo, out)
    manifest = out / MANIFEST_NAME
    manifest.write_text(manifest.read_text().replace('"fingerprint": "', '"fingerprint": "x'))
    assert "vvg/2025/2025-12-10.html" in publish(repo, out).written


def test_minutes_are_escaped(make_repo: RepoFactory, tmp_path: Path) -> None:
    hostile = MEETING_MD.replace(
        "title: Egenvård", 'title: "Egenvård <script>alert(1)</script>"'
    ).replace("Bakgrund.", "Bakgrund <img src=x onerror=alert(2)> [klicka](javascript:alert(3))")
    repo = make_repo({"vvg/2025/2025-10-22.md": hostile})
    out = tmp_path / "site"
    publish(repo, out)
    for name, content in tree(out).items():
        if name == MANIFEST_NAME:  # JSON data, served as such
            continue
        text = content.decode("utf-8", errors="replace")
        assert "<script>alert" not in text and "<img src=x" not in text, name
        assert 'href="javascript:' not in text, name
    page = (out / "vvg/2025/2025-10-22.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


class Outline(HTMLParser):
    """Collects the heading levels, the lang attribute, links and the skip link of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []
        self.lang = ""
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self._in_a = False
        self.link_texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a":
            self.hrefs.append(values.get("href") or "")
            self._in_a = True
            self.link_texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_a = False

    def handle_data(self, data: str) -> None:
        if self._in_a:
            self.link_texts[-1] += data


def test_pages_are_swedish_outlined_and_linked(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish(repo, out)
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        outline = Outline()
        outline.feed(page.read_text())
        name = page.relative_to(out).as_posix()
        assert outline.lang == "sv", name
        assert outline.hrefs[0] == "#innehall" and "innehall" in outline.ids, name
        assert outline.levels[0] == 1 and outline.levels.count(1) == 1, name
        for before, after in zip(outline.levels, outline.levels[1:], strict=False):
            assert after <= before + 1, f"{name}: h{before} then h{after}"
        assert all(text.strip() for text in outline.link_texts), name
        for href in outline.hrefs:  # every relative link points at a file of the site
            target = href.split("#")[0]
            if target and not re.match(r"^[a-z]+:", target):
                assert (page.parent / target).resolve().is_file(), f"{name}: {href}"


def test_calendar_and_base_url(make_repo: RepoFactory, tmp_path: Path) -> None:
    repo = make_repo(
        {
            "vvg/2025/schedule.yaml": "organ: vvg\nyear: 2025\nmeetings:\n  - {date: 2025-12-10, "
            'time: {start: "9.00", end: "12.00"}, place: "Teams, länk i '
            'kallelsen"}\n',
            "vvg/2026/schedule.yaml": "organ: vvg\nyear: 2026\nmeetings:\n  - {date: 2026-02-11}\n",
        }
    )
    out = tmp_path / "site"
    publish(repo, out, base_url="https://example.org/vvg/")
    ics = (out / "kalender/vvg.ics").read_bytes().decode()
    assert "DTSTART;TZID=Europe/Stockholm:20251210T090000" in ics
    assert "DTSTART;VALUE=DATE:20260211" in ics
    assert "LOCATION:Teams\\, länk i kallelsen" in ics
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    assert 'href="kalender/vvg.ics"' in (out / "arshjul.html").read_text()
    sitemap = (out / "sitemap.xml").read_text()
    assert "<loc>https://example.org/vvg/vvg/2025/2025-10-22.html</loc>" in sitemap
    assert (
        'href="https://example.org/vvg/vvg/2025/2025-10-22.html"' in (out / "feed.xml").read_text()
    )


@pytest.mark.usefixtures("swedish")
def test_cli_refuses_a_folder_of_other_files(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    runner = CliRunner()
    result = runner.invoke(app, ["publish", str(repo), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "--force" in result.output
    result = runner.invoke(app, ["publish", str(repo), "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert "2 godkända möten publicerade" in result.output
    assert (out / "mine.txt").read_text() == "keep me"
    assert (out / "index.html").is_file()
    result = runner.invoke(app, ["publish", str(repo), "--out", str(repo / "site")])
    assert result.exit_code == 2


def test_a_file_that_does_not_validate_is_reported_not_published(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    broken = MEETING_MD.replace("date: 2025-10-22", "date: 2025-11-05").replace(
        "mode: remote", "mode: telepathy"
    )
    repo = make_repo({"vvg/2025/2025-11-05.md": broken})
    out = tmp_path / "site"
    report = publish(repo, out)
    assert report.exit_code == 1 and report.published == 1
    problem = next(p for p in report.problems if p.path.endswith("2025-11-05.md"))
    assert problem.line == 7 and "mode" in (problem.field or problem.message)
    assert not (out / "vvg/2025/2025-11-05.html").exists()
    runner = CliRunner()
    result = runner.invoke(app, ["publish", str(repo), "--out", str(tmp_path / "cli")])
    assert result.exit_code == 1
    assert "2025-11-05.md:7:" in result.output and "Traceback" not in result.output


def test_a_manifest_cannot_make_publish_delete_outside_its_folder(
    repo: Path, tmp_path: Path
) -> None:
    """Issue 14, item 1: a committed manifest names files outside the site folder."""
    import json

    out = tmp_path / "site"
    out.mkdir()
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "v.txt").write_text("kvar", encoding="utf-8")
    absolute = tmp_path / "absolute.txt"
    absolute.write_text("kvar", encoding="utf-8")
    (out / MANIFEST_NAME).write_text(
        json.dumps(
            {
                "format": 1,
                "fingerprint": "x",
                "outputs": {
                    "../victim/v.txt": "k",
                    str(absolute): "k",
                    "ok/../../victim/v.txt": "k",
                },
            }
        ),
        encoding="utf-8",
    )
    publish(repo, out)
    assert (victim / "v.txt").read_text(encoding="utf-8") == "kvar"
    assert absolute.read_text(encoding="utf-8") == "kvar"
    assert (out / "index.html").is_file()


def test_publish_does_not_write_through_a_link_in_its_folder(repo: Path, tmp_path: Path) -> None:
    """Issue 14, item 2: ``site/vvg -> /elsewhere`` would send the pages elsewhere."""
    out = tmp_path / "site"
    publish(repo, out)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    vvg = out / "vvg"
    for path in sorted(vvg.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    vvg.rmdir()
    vvg.symlink_to(elsewhere, target_is_directory=True)
    result = CliRunner().invoke(app, ["publish", str(repo), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert list(elsewhere.rglob("*")) == []  # nothing written through the link
    assert not vvg.is_symlink() and (vvg / "2025" / "2025-10-22.html").is_file()  # replaced


def test_no_image_of_the_minutes_is_fetched_by_a_readers_browser(
    repo: Path, tmp_path: Path
) -> None:
    """Issue 14, item 6: ``![r](https://example.com/x.png)`` in a body would be fetched by
    every reader of the page; it becomes a link to the image."""
    meeting = repo / "vvg" / "2025" / "2025-10-22.md"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace(
            "Bakgrund.", "Bakgrund ![spårpixel](https://example.com/x.png)."
        ),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    publish(repo, out)
    page = (out / "vvg" / "2025" / "2025-10-22.html").read_text(encoding="utf-8")
    assert '<a href="https://example.com/x.png">Bild: spårpixel</a>' in page
    assert not [p for p in out.rglob("*.html") if "<img" in p.read_text(encoding="utf-8")]


def test_a_killed_publish_is_resumed_without_force(repo: Path, tmp_path: Path) -> None:
    """Issue 14, item 8: after kill -9 the next publish refused the folder ('files that vvgctl
    did not publish') and left the temporary PDF folders behind."""
    import subprocess
    import sys

    out = tmp_path / "site"
    dies = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "import vvgctl.publish.site as site\n"
        "site.write_aggregates = lambda *a, **k: os._exit(9)  # killed after the pages\n"
        "site.publish(Path(sys.argv[1]), Path(sys.argv[2]))\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", dies, str(repo), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert killed.returncode == 9, killed.stderr
    assert (out / "vvg" / "2025" / "2025-10-22.html").is_file()
    leftover = out / "vvg" / "2025" / ".pdf-abc123"
    leftover.mkdir()
    (leftover / "half.pdf").write_bytes(b"%PDF-1.7")
    result = CliRunner().invoke(app, ["publish", str(repo), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file() and not leftover.exists()


@pytest.mark.slow
def test_publish_killed_at_random_moments_recovers(repo: Path, tmp_path: Path) -> None:
    """A chaos test: kill -9 publish at seeded random moments; the next plain run succeeds,
    its pages are whole, and no temporary folder is left."""
    import random
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "site"
    rng = random.Random(2026)
    for _ in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-m", "vvgctl", "publish", str(repo), "--out", str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.5, 3.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        again = CliRunner().invoke(app, ["publish", str(repo), "--out", str(out)])
        assert again.exit_code == 0, again.output
        assert not list(out.rglob(".pdf-*"))
        for page in out.rglob("*.html"):
            assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page
