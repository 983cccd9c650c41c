"""Any organ runs its own minutes (issue 29, parts 1 and 2), walked as a new user does it with
the real command (``python -m vvgctl``), real pandoc and real Typst: ``init`` for an organ
without delegations, four members written into organs.yaml, a first meeting that checks clean,
its kallelse PDF with the members and the organ's name, and a published site that names no
other organ.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader
from ruamel.yaml import YAML

from tests.gitrepo import use_git_env

#: another organ's name, as tests/test_no_organ_names.py searches for it
VVG = re.compile(r"vårdsamverkan|vardsamverkan|\bvvg\b", re.IGNORECASE)
MEMBERS = [
    {"name": "Karin Lund", "role": "chair"},
    {"name": "Per Ek"},
    {"name": "Ali Hassan", "affiliation": "Borås"},
    {"name": "Eva Berg", "role": "secretary"},
]
ATOM = "{http://www.w3.org/2005/Atom}"
yaml = YAML(typ="safe", pure=True)


def vvgctl(*args: str, cwd: Path) -> str:
    """Run the installed command as a user would; its output (stdout and stderr) when it
    exits 0, else the test fails with what it said."""
    done = subprocess.run(
        [sys.executable, "-m", "vvgctl", *args],
        cwd=cwd,
        text=True,
        capture_output=True,
        env={**os.environ, "LANG": "sv_SE.UTF-8"},
    )
    said = done.stdout + done.stderr
    assert done.returncode == 0, f"vvgctl {' '.join(args)} -> {done.returncode}\n{said}"
    return said


def pdf_words(path: Path) -> tuple[dict[str, str], str]:
    reader = PdfReader(path)
    meta = {str(k): str(v) for k, v in (reader.metadata or {}).items()}
    return meta, "\n".join(page.extract_text() for page in reader.pages)


def add_members(top: Path) -> None:
    """Four members, no delegations, written into organs.yaml as a user would (by YAML, so
    that the test does not hang on how init lays the file out)."""
    path = top / "minutes/registry/organs.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"))
    organ = next(o for o in data["organs"] if o["id"] == "sro")
    assert not organ.get("delegations")
    organ["members"] = MEMBERS
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)


@pytest.fixture
def sro(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    use_git_env(monkeypatch)
    vvgctl(
        "init",
        "org",
        "--organ",
        "sro",
        "--name",
        "Samrådsorganet",
        "--year",
        "2026",
        "--package",
        "wheels/vvgctl-0.1.0-py3-none-any.whl",
        cwd=tmp_path,
    )
    top = tmp_path / "org"
    add_members(top)
    return top


def new_meeting(top: Path, day: str) -> str:
    return vvgctl(
        "new-meeting",
        "--organ",
        "sro",
        "--date",
        day,
        "--place",
        "Teams",
        "--mode",
        "remote",
        "--time",
        "09:00-12:00",
        cwd=top,
    )


@pytest.mark.slow
def test_a_first_meeting_checks_clean_and_its_kallelse_names_the_organ(sro: Path) -> None:
    said = new_meeting(sro, "2026-10-01")
    assert "roster" not in said and "Karin Lund" not in said, said  # nothing left off
    meeting = sro / "minutes/sro/2026/2026-10-01.md"
    front = yaml.load(meeting.read_text(encoding="utf-8").split("---")[1])
    assert front["roster"] == [
        {
            "members": [
                {"name": "Karin Lund", "role": "chair"},
                {"name": "Per Ek"},
                {"name": "Ali Hassan", "affiliation": "Borås"},
                {"name": "Eva Berg", "role": "secretary"},
            ]
        }
    ]
    said = vvgctl("check", "minutes", cwd=sro)
    assert "okänd person" not in said and "inga fel, 0 varningar" in said, said

    vvgctl("render", "--agenda", str(meeting), "-o", "out", cwd=sro)
    meta, text = pdf_words(sro / "out/sro-2026-10-01-kallelse.pdf")
    assert meta["/Author"] == "Samrådsorganet"
    assert "Samrådsorganet" in meta["/Title"] and "Kallelse" in meta["/Title"]
    assert "Samrådsorganet" in text and "Kallade" in text
    for line in (
        "Karin Lund (ordförande)",
        "Per Ek",
        "Ali Hassan, Borås",
        "Eva Berg (sekreterare)",
    ):
        assert line in text
    assert not VVG.search(text + repr(meta))

    vvgctl(
        "arshjul",
        "--organ",
        "sro",
        "--year",
        "2026",
        "--format",
        "pdf",
        "-o",
        "a.pdf",
        "--root",
        "minutes",
        cwd=sro,
    )
    meta, text = pdf_words(sro / "a.pdf")
    assert meta["/Author"] == "Samrådsorganet" and text.startswith("Samrådsorganet Årshjul")
    assert not VVG.search(text + repr(meta))


@pytest.mark.slow
def test_the_published_site_names_the_organ_and_no_other(sro: Path) -> None:
    first = sro / "minutes/sro/2026/2026-10-01.md"
    new_meeting(sro, "2026-10-01")
    vvgctl("status", str(first), "agenda", cwd=sro)
    text = first.read_text(encoding="utf-8")
    first.write_text(re.sub(r"<!--[^>]*-->", "Mötet hölls.", text), encoding="utf-8")
    vvgctl("status", str(first), "draft", cwd=sro)
    vvgctl("status", str(first), "review", cwd=sro)
    new_meeting(sro, "2026-11-05")
    vvgctl("approve", str(first), "--at", "2026-11-05", cwd=sro)
    vvgctl("check", "minutes", cwd=sro)

    said = vvgctl("publish", "minutes", "--out", "site", cwd=sro)
    site = sro / "site"
    assert "1 godkänt möte publicerade" in said, said
    assert (site / "sro/2026/2026-10-01.pdf").is_file()
    named = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path.suffix == ".pdf":
            meta, words = pdf_words(path)
            assert meta["/Author"] == "Samrådsorganet"
            words += repr(meta)
        else:
            words = path.read_text(encoding="utf-8")
        if VVG.search(words):
            named.append(path.relative_to(site).as_posix())
    assert named == []
    index = (site / "index.html").read_text(encoding="utf-8")
    assert (
        "<title>Mötesanteckningar – Samrådsorganet – publicerade mötesanteckningar</title>" in index
    )
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.findtext(f"{ATOM}title") == "Samrådsorganet – publicerade mötesanteckningar"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Samrådsorganet"
    assert feed.findtext(f"{ATOM}id") == "tag:sro,2026:protokoll"
    assert "feed_id: sro,2026" in said  # publish says how to keep the ids
