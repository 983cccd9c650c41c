"""The CI files shipped for the minutes repository's users, checked with real linters."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, RepoFactory
from vvgctl.source.yaml import load

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "minutes.yml"
GITLAB = REPO_ROOT / ".gitlab-ci.yml"
HOOKS = REPO_ROOT / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: `make install` installs the test extra")
    return found


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("actionlint"), "-no-color", str(path)], capture_output=True, text=True, check=False
    )


def test_the_workflow_passes_actionlint() -> None:
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "minutes.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        WORKFLOW.read_text()
        .replace("${{ github.base_ref }}", "${{ github.no_such_thing }}")
        .replace(
            "runs-on: ubuntu-latest\n    timeout-minutes: 20",
            "runs-on: ubuntu-latest\n    timeout-minutes: twenty",
        )
    )
    result = actionlint(broken)
    assert result.returncode == 1
    assert "no_such_thing" in result.stdout and "timeout-minutes" in result.stdout


def test_the_workflow_does_what_the_brief_says() -> None:
    data, _ = load(WORKFLOW.read_text())
    text = WORKFLOW.read_text()
    assert set(data["on"]) >= {"pull_request", "push"}
    assert data["on"]["push"]["branches"] == ["main"]
    check = [s.get("run", "") for s in data["jobs"]["check"]["steps"]]
    assert any("vvgctl check minutes --format github" in run for run in check)
    assert any("vvgctl publish" in run for run in check)
    assert "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02  # v4.6.2" in text
    assert "actions/upload-pages-artifact@" in text and "actions/deploy-pages@" in text
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_gitlab_file_parses_and_fits_gitlab_schema() -> None:
    data, _ = load(GITLAB.read_text())
    assert data["stages"] == ["check", "publish"]
    assert "vvgctl publish minutes --out public" in " ".join(data["pages"]["script"])
    assert data["pages"]["artifacts"]["paths"] == ["public/"]
    assert any("vvgctl check minutes" in line for line in data["check"]["script"])
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(GITLAB)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_the_pre_commit_hook(make_repo: RepoFactory) -> None:
    hooks, _ = load(HOOKS.read_text())
    hook = hooks[0]
    assert hook["id"] == "vvgctl-check" and hook["entry"] == "vvgctl check"
    assert hook["language"] == "python" and hook["pass_filenames"] == "true"
    pattern = re.compile(hook["files"])
    assert pattern.search("minutes/vvg/2025/2025-10-22.md")
    assert pattern.search("minutes/registry/organs.yaml")
    assert pattern.search("minutes/vvg/2026/plan.yaml")
    assert not pattern.search("README.md") and not pattern.search("vvgctl/check.py")
    assert not pattern.search("minutes/README.md")  # not a meeting: check would refuse it
    repo = make_repo()
    meeting = repo / "vvg/2025/2025-10-22.md"
    entry = [str(BIN / "vvgctl"), *hook["entry"].split()[1:]]
    ok = subprocess.run([*entry, str(meeting)], capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    meeting.write_text(meeting.read_text().replace("mode: remote", "mode: telepathy"))
    bad = subprocess.run([*entry, str(meeting)], capture_output=True, text=True, check=False)
    assert bad.returncode == 1 and "2025-10-22.md:" in bad.stderr


PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40}  # v\d+\.\d+\.\d+$")


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    """zizmor's regular persona, offline (no GitHub API): exit 0 only with no finding."""
    return subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", "--format", "plain", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


def generated_workflow(tmp_path: Path) -> Path:
    from typer.testing import CliRunner

    from vvgctl.cli.app import app

    top = tmp_path / "organ"
    result = CliRunner().invoke(
        app,
        [
            "init",
            str(top),
            "--organ",
            "sro",
            "--year",
            "2026",
            "--package",
            "wheels/vvgctl-0.1.0-py3-none-any.whl",
        ],
    )
    assert result.exit_code == 0, result.output
    return top / ".github" / "workflows" / "minutes.yml"


def test_zizmor_finds_nothing_in_either_workflow(tmp_path: Path) -> None:
    generated = generated_workflow(tmp_path)
    result = zizmor(WORKFLOW, generated)
    assert result.returncode == 0, result.stdout + result.stderr
    for path in (WORKFLOW, generated):
        uses = [line for line in path.read_text().splitlines() if "uses:" in line]
        assert uses and all(PINNED.match(line) for line in uses), path
        assert path.read_text().count("persist-credentials: false") == 2, path


def test_zizmor_catches_a_tag_and_persisted_credentials(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "minutes.yml"
    broken.parent.mkdir(parents=True)
    text = WORKFLOW.read_text()
    text = re.sub(r"actions/checkout@[0-9a-f]{40}  # v4\.\d+\.\d+", "actions/checkout@v4", text)
    broken.write_text(
        text.replace("          persist-credentials: false\n", "").replace(
            "        with:\n      - uses", "      - uses"
        )
    )
    result = zizmor(broken)
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout and "artipacked" in result.stdout
