"""This repository's pre-commit hook (.pre-commit-hooks.yaml) through pre-commit's own
``try-repo``: pre-commit clones this checkout (uncommitted changes included), builds the
hook's virtual environment (pip installs vvgctl from the clone) and runs it on a minutes
repository with good and bad files, as a user's ``pre-commit run`` would (issue 17)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import MEETING_MD, ORGANS_YAML, PEOPLE_YAML, REPO_ROOT
from tests.gitrepo import GIT_ENV, git, init_repo
from tests.test_ci_files import tool

pytestmark = pytest.mark.slow  # builds the hook's environment (pip installs vvgctl)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """PRE_COMMIT_HOME shared by the tests of this module: one hook environment is built."""
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(top: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **GIT_ENV,
        "PRE_COMMIT_HOME": str(home),
        "PRE_COMMIT_COLOR": "never",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    return subprocess.run(
        [tool("pre-commit"), "try-repo", str(REPO_ROOT), "vvgctl-check", *args],
        cwd=top,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def test_try_repo_passes_good_files_and_skips_the_readme(tmp_path: Path, home: Path) -> None:
    top = init_repo(
        tmp_path / "protokoll",
        {
            "minutes/README.md": "# Mötesanteckningar\n\nInte ett möte: hooken hoppar över den.\n",
            "minutes/registry/organs.yaml": ORGANS_YAML,
            "minutes/registry/people.yaml": PEOPLE_YAML,
            "minutes/vvg/2025/2025-10-22.md": MEETING_MD,
        },
    )
    result = try_repo(top, home, "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "vvgctl check" in result.stdout and "Passed" in result.stdout


def test_try_repo_fails_a_bad_meeting_with_its_place(tmp_path: Path, home: Path) -> None:
    top = init_repo(
        tmp_path / "protokoll",
        {
            "minutes/registry/organs.yaml": ORGANS_YAML,
            "minutes/registry/people.yaml": PEOPLE_YAML,
            "minutes/vvg/2025/2025-10-22.md": MEETING_MD,
        },
    )
    bad = top / "minutes/vvg/2025/2025-10-22.md"
    bad.write_text(MEETING_MD.replace("mode: remote", "mode: telepathy"), encoding="utf-8")
    git(top, "add", "-A")
    result = try_repo(top, home, "--files", "minutes/vvg/2025/2025-10-22.md")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "minutes/vvg/2025/2025-10-22.md:" in result.stdout and "telepathy" in result.stdout
