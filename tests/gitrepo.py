"""Real git repositories in tmp_path for the tests (identity from the environment only)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import MINUTES, write_tree

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def use_git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


def git(top: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(top), *args], check=True, capture_output=True, text=True
    ).stdout


def init_repo(top: Path, files: dict[str, str | bytes]) -> Path:
    """A git repository at ``top`` holding ``files``, committed on branch main."""
    write_tree(top, files)
    git(top, "init", "--quiet", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "--quiet", "-m", "start")
    return top


def bundled_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding a copy of the bundled minutes in ``minutes/``, committed on
    branch main (git's identity from the environment only)."""
    use_git_env(monkeypatch)
    top = tmp_path / "project"
    shutil.copytree(MINUTES, top / "minutes")
    git(top, "init", "--quiet", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "--quiet", "-m", "start")
    return top
