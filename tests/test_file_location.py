"""file-location: a meeting stands at <organ>/<year>/<date>.md, wherever a link makes it seem
to stand."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import MEETING_MD, RepoFactory
from vvgctl.cli.app import app

runner = CliRunner()


def _findings(root: Path, *options: str) -> list[str]:
    result = runner.invoke(app, ["check", str(root), "--no-cache", *options])
    assert result.exit_code in (0, 1), result.output
    return [line for line in result.output.splitlines() if "[file-location]" in line]


def test_a_meeting_where_it_belongs_is_not_reported(make_repo: RepoFactory) -> None:
    assert _findings(make_repo()) == []


def test_a_meeting_in_another_year_is_reported_with_the_move(make_repo: RepoFactory) -> None:
    root = make_repo({"vvg/2024/2025-10-22.md": MEETING_MD}, meeting=False)
    [finding] = _findings(root)
    assert "vvg/2024/2025-10-22.md" in finding and "warning" in finding
    result = runner.invoke(app, ["check", str(root), "--no-cache"])
    assert "git mv vvg/2024/2025-10-22.md vvg/2025/2025-10-22.md" in result.output


def test_a_link_where_it_belongs_is_read_where_it_leads(make_repo: RepoFactory) -> None:
    """A link at the right place to a file elsewhere in the repository: the file stands
    where the link leads (the folder of the other meeting), so both are reported."""
    root = make_repo({"archive/2025/2025-10-22.md": MEETING_MD}, meeting=False)
    (root / "vvg" / "2025").mkdir(parents=True)
    os.symlink(root / "archive" / "2025" / "2025-10-22.md", root / "vvg/2025/2025-10-22.md")
    findings = _findings(root)
    assert len(findings) == 2
    assert all("archive/2025/2025-10-22.md" in f for f in findings)


def test_a_repository_reached_through_a_link_is_not_reported(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    root = make_repo()
    os.symlink(root, tmp_path / "linked")
    assert _findings(tmp_path / "linked") == []
    assert _findings(tmp_path / "linked" / "vvg" / "2025" / "2025-10-22.md") == []
