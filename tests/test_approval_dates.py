"""Dates that are true and reproducible (issue 30, part 4): the feed's ``published`` and
``updated`` and the PDF's dates are when the minutes were approved (the commit that approved
them, else the approval block's date), never the meeting's own day."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.conftest import ORGANS_YAML, PEOPLE_YAML, write_tree
from tests.gitrepo import git, init_repo, use_git_env
from tests.test_whole_record import LATER, RECORD
from vvgctl.cli.app import app
from vvgctl.publish.site import publish

runner = CliRunner()
ATOM = "{http://www.w3.org/2005/Atom}"
FILES: dict[str, str | bytes] = {
    "minutes/registry/organs.yaml": ORGANS_YAML,
    "minutes/registry/people.yaml": PEOPLE_YAML,
    "minutes/vvg/2025/2025-10-22.md": RECORD,
    "minutes/vvg/2025/2025-12-10.md": LATER,
}


def approve(top: Path) -> None:
    result = runner.invoke(
        app, ["approve", str(top / "minutes/vvg/2025/2025-10-22.md"), "--at", "2025-12-10"]
    )
    assert result.exit_code == 0, result.output


def dates(top: Path, out: Path) -> tuple[str, str, str]:
    """The feed entry's published and updated, and the PDF's creation date."""
    publish(top / "minutes", out, jobs=1)
    feed = ET.parse(out / "feed.xml").getroot()
    [entry] = feed.findall(f"{ATOM}entry")
    published = entry.findtext(f"{ATOM}published") or ""
    updated = entry.findtext(f"{ATOM}updated") or ""
    reader = PdfReader(out / "vvg/2025/2025-10-22.pdf")
    created = str(reader.metadata.get("/CreationDate", "") if reader.metadata else "")
    return published, updated, created


def test_the_commit_that_approved_the_minutes_dates_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_git_env(monkeypatch)
    top = init_repo(tmp_path / "project", FILES)
    approve(top)
    git(top, "add", "-A")
    subprocess.run(
        ["git", "-C", str(top), "commit", "--quiet", "-m", "approve"],
        check=True,
        env={**os.environ, "GIT_COMMITTER_DATE": "2025-12-12T15:30:00Z"},
    )
    published, updated, created = dates(top, tmp_path / "site")
    assert published == updated == "2025-12-12T15:30:00Z"
    assert created.startswith("D:20251212153000")
    again = dates(top, tmp_path / "again")
    assert again == (published, updated, created)  # reproducible


def test_outside_git_the_approval_date_dates_them(tmp_path: Path) -> None:
    top = write_tree(tmp_path / "project", FILES)
    approve(top)
    published, updated, created = dates(top, tmp_path / "site")
    assert published == updated == "2025-12-10T00:00:00Z"  # not the meeting's 22 October
    assert created.startswith("D:20251210000000")
