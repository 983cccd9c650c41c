"""An organ's own repository, end to end: `vvgctl init` from the wheel installed in a fresh
virtual environment apart from this checkout, then the pull-request job of the workflow that
init wrote, step by step, as CI runs it (issue 15). Slow (a virtual environment and a wheel),
so one test holds the whole story."""

from __future__ import annotations

import os
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

from tests.gitrepo import GIT_ENV, git
from tests.test_ci_files import actionlint, tool
from tests.test_packaging import build_wheel
from vvgctl.source.yaml import load


def fresh_environment(tmp_path: Path, wheel: Path) -> Path:
    """A virtual environment with the wheel and its dependencies (from the package index)."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    done = subprocess.run(
        [
            str(env_dir / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"installing the wheel failed:\n{done.stderr[-2000:]}")
    return env_dir / "bin"


def run_step(script: str, top: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script],
        cwd=top,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_the_pull_request_job_of_an_init_repository(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    bin_dir = fresh_environment(tmp_path, wheel)
    env = {
        **os.environ,
        **GIT_ENV,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "VVGCTL_CACHE_DIR": str(tmp_path / "cache"),
    }
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    top = tmp_path / "sro-protokoll"
    made = subprocess.run(
        [
            str(bin_dir / "vvgctl"),
            "init",
            str(top),
            "--organ",
            "sro",
            "--name",
            "Samrådsorganet",
            "--year",
            "2026",
            "--package",
            f"wheels/{wheel.name}",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    # the wheel travels with the repository (init takes a wheel path inside it, never one of
    # the administrator's own machine)
    (top / "wheels").mkdir()
    shutil.copy2(wheel, top / "wheels" / wheel.name)
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import vvgctl; print(vvgctl.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(tmp_path / "venv"))  # not this checkout

    workflow = top / ".github" / "workflows" / "minutes.yml"
    linted = actionlint(workflow)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    gitlab = subprocess.run(
        [
            tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.gitlab-ci",
            str(top / ".gitlab-ci.yml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert gitlab.returncode == 0, gitlab.stdout + gitlab.stderr

    # main holds the new repository; the pull request adds the first meeting
    git(top, "add", "-A")
    git(top, "commit", "--quiet", "-m", "vvgctl init")
    git(top, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(top, "switch", "--quiet", "-c", "meeting/sro-2026-12-20")
    scaffold = subprocess.run(
        [
            "vvgctl",
            "new-meeting",
            "--organ",
            "sro",
            "--date",
            "2026-12-20",
            "--time",
            "09:00-11:00",
            "--place",
            "Teams",
            "--mode",
            "remote",
            "--root",
            "minutes",
        ],
        cwd=top,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert scaffold.returncode == 0, scaffold.stderr
    git(top, "add", "-A")
    git(top, "commit", "--quiet", "-m", "kallelse 2026-12-20")

    data, _ = load(workflow.read_text(encoding="utf-8"))
    summary = tmp_path / "step-summary.md"
    step_env = {
        **env,
        **{k: str(v) for k, v in data["env"].items()},
        "BASE_REF": "main",
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    ran = []
    for step in data["jobs"]["review"]["steps"]:
        if "run" not in step:
            continue  # actions (checkout, setup-python, upload) are GitHub's
        done = run_step(step["run"], top, {**step_env, **step.get("env", {}), "BASE_REF": "main"})
        assert done.returncode == 0, f"{step['name']}:\n{done.stdout}\n{done.stderr}"
        ran.append(step["name"])
    assert len(ran) == 4  # install, check, review, preview site
    said = summary.read_text(encoding="utf-8")
    assert "### sro 2026-12-20 \\(nytt\\)" in said and "Inga fel." in said
    preview = top / "build" / "forhandsvisning"
    assert (preview / "sro-2026-12-20-kallelse.pdf").is_file()
    assert (preview / "sro-2026-12-20-kallelse.html").is_file()
    assert (preview / "webbplats" / "index.html").is_file()

    # GitLab's merge-request job, its shell lines as the runner runs them (before_script, then
    # script), with the wheel in the repository (issue 29, part 3)
    shutil.rmtree(top / "build")
    git(top, "remote", "add", "origin", str(top))
    gitlab_data, _ = load((top / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = gitlab_data["granskning"]
    ci_env = {
        **env,
        **{k: str(v) for k, v in gitlab_data["variables"].items()},
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
    }
    for line in [*gitlab_data["default"]["before_script"], *job["script"]]:
        done = run_step(line, top, ci_env)
        assert done.returncode == 0, f"{line}:\n{done.stdout}\n{done.stderr}"
    assert "Inga fel." in (top / "granskning.md").read_text(encoding="utf-8")
    assert (preview / "sro-2026-12-20-kallelse.pdf").is_file()
    assert (preview / "webbplats" / "index.html").is_file()
