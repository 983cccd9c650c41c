"""What `vvgctl init` pins for CI and pre-commit (issue 29, part 3): an exact reference read
from the installed distribution's own metadata (real ``*.dist-info`` folders read through
importlib.metadata), never a made-up URL, and never a bare name on a package index by default.
"""

from __future__ import annotations

import json
import re
import subprocess
from importlib import metadata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.gitrepo import git, init_repo, use_git_env
from tests.test_ci_files import actionlint, tool
from vvgctl.cli.app import app
from vvgctl.cycle import init as init_module
from vvgctl.cycle.init_package import pin_of, source_package
from vvgctl.source.yaml import load

SHA = "0123456789abcdef0123456789abcdef01234567"
SOURCE = "https://git.example.org/tools/vvgctl"
#: a bare name pinned on an index, as the CI files of issue 29 had it
BARE_PIN = re.compile(r"vvgctl\s*(==|>=|~=)")


def dist_info(
    tmp_path: Path, direct_url: dict[str, object] | None, urls: tuple[str, ...] = ()
) -> metadata.Distribution:
    folder = tmp_path / "vvgctl-0.1.0.dist-info"
    folder.mkdir()
    lines = [
        "Metadata-Version: 2.4",
        "Name: vvgctl",
        "Version: 0.1.0",
        *(f"Project-URL: {url}" for url in urls),
    ]
    (folder / "METADATA").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if direct_url is not None:
        (folder / "direct_url.json").write_text(json.dumps(direct_url), encoding="utf-8")
    return metadata.PathDistribution(folder)


def test_an_install_from_git_gives_the_repository_at_its_commit(tmp_path: Path) -> None:
    dist = dist_info(tmp_path, {"url": SOURCE, "vcs_info": {"vcs": "git", "commit_id": SHA}})
    assert source_package(dist) == f"vvgctl @ git+{SOURCE}@{SHA}"


def test_a_wheel_from_a_url_gives_the_url_and_its_sha256(tmp_path: Path) -> None:
    url = "https://dl.example.org/vvgctl-0.1.0-py3-none-any.whl"
    dist = dist_info(tmp_path, {"url": url, "archive_info": {"hashes": {"sha256": "ab" * 32}}})
    assert source_package(dist) == f"vvgctl @ {url}#sha256={'ab' * 32}"


def test_an_editable_checkout_gives_the_project_url_at_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_git_env(monkeypatch)
    checkout = init_repo(tmp_path / "checkout", {"pyproject.toml": "[project]\n"})
    head = git(checkout, "rev-parse", "HEAD").strip()
    editable = {"url": checkout.as_uri(), "dir_info": {"editable": True}}
    dist = dist_info(tmp_path, editable, urls=("Source, " + SOURCE,))
    assert source_package(dist) == f"vvgctl @ git+{SOURCE}@{head}"
    (checkout / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert source_package(dist) is None  # uncommitted changes: no commit holds them


def test_no_recorded_source_gives_no_default(tmp_path: Path) -> None:
    assert source_package(dist_info(tmp_path, None)) is None
    # a project URL alone (a wheel from an index) does not say which commit
    (tmp_path / "x").mkdir()
    assert source_package(dist_info(tmp_path / "x", None, urls=("Source, " + SOURCE,))) is None


def test_init_asks_for_package_when_the_metadata_says_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["init", str(tmp_path / "r"), "--organ", "sro"])
    assert result.exit_code == 2, result.output
    assert "--package" in result.output
    assert not (tmp_path / "r").exists()


def test_the_default_pins_the_source_commit_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_git_env(monkeypatch)
    dist = dist_info(
        tmp_path,
        {"url": SOURCE, "vcs_info": {"vcs": "git", "commit_id": SHA}},
        urls=("Source, " + SOURCE,),
    )
    monkeypatch.setattr(init_module, "installed", lambda: dist)
    top = tmp_path / "repo"
    result = CliRunner().invoke(app, ["init", str(top), "--organ", "sro", "--year", "2027"])
    assert result.exit_code == 0, result.output
    package = f"vvgctl @ git+{SOURCE}@{SHA}"
    for name in (".github/workflows/minutes.yml", ".gitlab-ci.yml"):
        text = (top / name).read_text(encoding="utf-8")
        assert f"VVGCTL_PACKAGE: {json.dumps(package)}\n" in text
        assert not BARE_PIN.search(text), name
    hooks, _ = load((top / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"] == [{"repo": SOURCE, "rev": SHA, "hooks": [{"id": "vvgctl-check"}]}]
    readme = (top / "README.md").read_text(encoding="utf-8")
    assert f"[vvgctl]({SOURCE})" in readme and "github.com/vvg" not in readme
    linted = actionlint(top / ".github/workflows/minutes.yml")
    assert linted.returncode == 0, linted.stdout + linted.stderr
    valid = subprocess.run(
        [tool("pre-commit"), "validate-config", ".pre-commit-config.yaml"],
        cwd=top,
        capture_output=True,
        text=True,
        check=False,
    )
    assert valid.returncode == 0, valid.stdout + valid.stderr


def test_a_bare_index_pin_is_taken_only_when_given_and_with_a_note(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["init", str(tmp_path / "r"), "--organ", "sro", "--package", "vvgctl==0.1.0"]
    )
    assert result.exit_code == 0, result.output
    assert "package index" in " ".join(result.output.split())
    assert pin_of("vvgctl==0.1.0").kind == "index"
    assert pin_of(f"vvgctl @ git+{SOURCE}@{SHA}").kind == "git"
    assert pin_of("wheels/vvgctl-0.1.0-py3-none-any.whl").kind == "wheel"


@pytest.mark.parametrize(
    "package", [f"vvgctl @ git+{SOURCE}@main", f"vvgctl @ git+http://example.org/vvgctl@{SHA}"]
)
def test_a_moving_or_plain_http_git_reference_is_refused(tmp_path: Path, package: str) -> None:
    result = CliRunner().invoke(
        app, ["init", str(tmp_path / "r"), "--organ", "sro", "--package", package]
    )
    assert result.exit_code == 2, result.output
