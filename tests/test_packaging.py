"""The wheel carries what vvgctl needs at run time: a non-editable install renders minutes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import MINUTES, REPO_ROOT

pytestmark = pytest.mark.slow  # builds a wheel


def build_wheel(tmp_path: Path) -> Path:
    """vvgctl's wheel, built from a clean copy of this checkout (setuptools would reuse a
    build/ folder it finds in the source)."""
    source = tmp_path / "source"
    shutil.copytree(
        REPO_ROOT,
        source,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "out", "*.egg-info", "__pycache__", ".*_cache", "node_modules"
        ),
    )
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            str(source),
            "-w",
            str(wheels),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("vvgctl-*.whl")
    return wheel


def test_a_wheel_install_finds_its_templates(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import vvgctl; print(vvgctl.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert where.stdout.startswith(str(target))  # the installed copy, not this checkout
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "vvgctl", "render", str(MINUTES), "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "styrgrupp-hos-2026-05-13.pdf",
        "vvg-2025-10-22.pdf",
    ]
    # the Swedish lexicon comes with the wheel: a search in an empty cache finds an inflection
    empty = {
        **env,
        "VVGCTL_CACHE_DIR": str(tmp_path / "cache"),
        "VVGCTL_LEXICON_DIR": str(tmp_path / "lexicon"),
    }
    found = subprocess.run(
        [sys.executable, "-m", "vvgctl", "search", "enkäterna", str(MINUTES)],
        env=empty,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert found.returncode == 0 and "enkät" in found.stdout, found.stderr
    (table,) = (tmp_path / "lexicon").iterdir()
    assert table.read_text(encoding="utf-8").startswith("vvgctl-lexicon-sv\t")


def test_the_wheel_carries_no_build_tool(tmp_path: Path) -> None:
    """babel extracts the messages (tools/babel_extract.py): no module of the wheel imports
    it, so an installed vvgctl never needs it."""
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        sources = {
            name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".py")
        }
    assert "vvgctl/cli/app.py" in sources
    assert [
        name
        for name, text in sources.items()
        if re.search(r"^\s*(import|from) babel\b", text, re.MULTILINE)
    ] == []
