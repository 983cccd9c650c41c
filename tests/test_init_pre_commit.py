"""pre-commit in a repository that `vvgctl init` made with ``--package`` pointing to a wheel
kept in the repository (issue 29, part 3): `pre-commit run --all-files` for real. pip runs in
pre-commit's own folder, where the wheel's relative path does not reach; the generated hook
installs it from the repository's root. Slow: the hook's environment installs vvgctl's
dependencies."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.gitrepo import GIT_ENV, git
from tests.test_ci_files import tool
from tests.test_packaging import build_wheel
from vvgctl.cycle.init import WHEEL_HOOK, init_repository

pytestmark = pytest.mark.slow


def pre_commit(top: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **GIT_ENV,
        "PRE_COMMIT_HOME": str(home),
        "PRE_COMMIT_COLOR": "never",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [tool("pre-commit"), "run", "--all-files"],
        cwd=top,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def test_a_wheel_in_the_repository_passes_pre_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    wheel = build_wheel(tmp_path)
    top = tmp_path / "sro-protokoll"
    init_repository(top, "sro", "Samrådsorganet", year=2027, package=f"wheels/{wheel.name}")
    (top / "wheels").mkdir()
    shutil.copy2(wheel, top / "wheels" / wheel.name)
    assert (top / WHEEL_HOOK).is_file()
    git(top, "add", "-A")
    git(top, "commit", "--quiet", "-m", "vvgctl init")
    home = tmp_path / "pre-commit-home"
    done = pre_commit(top, home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "vvgctl check" in done.stdout and "Passed" in done.stdout

    # a bad file fails with its place, from the same installed wheel
    schedule = top / "minutes/sro/2027/schedule.yaml"
    schedule.write_text(
        schedule.read_text(encoding="utf-8").replace("mode: remote", "mode: telepathy", 1),
        encoding="utf-8",
    )
    done = pre_commit(top, home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "schedule.yaml" in done.stdout and "telepathy" in done.stdout
