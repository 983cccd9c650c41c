"""A warm ``vvgctl show FILE`` prints what it printed before while the file (and vvgctl) are
unchanged, without importing the models (issue 27); any change is a miss."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINUTES
from tests.test_whole_run import MEETING, probe, run


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINUTES, tmp_path / "minutes")) / MEETING


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en_US.UTF-8", "sv_SE.UTF-8"])
@pytest.mark.parametrize("format", ["text", "json"])
def test_a_warm_show_prints_the_same_without_the_models(
    meeting: Path, cache: Path, tmp_path: Path, format: str, lang: str
) -> None:
    cold = run("show", meeting, "--format", format, cache=cache, lang=lang)
    warm = run("show", meeting, "--format", format, cache=cache, lang=lang)
    assert warm == cold and cold[0] == 0 and cold[1]
    assert run("show", meeting, "--format", format, cache=tmp_path / "other", lang=lang) == cold
    if lang.startswith("en"):
        code, out, imported = probe("show", meeting, "--format", format, cache=cache)
        assert (code, out, imported) == (0, cold[1], [])


def test_the_languages_have_their_own_text(meeting: Path, cache: Path) -> None:
    english = run("show", meeting, cache=cache)
    swedish = run("show", meeting, cache=cache, lang="sv_SE.UTF-8")
    assert english != swedish
    assert run("show", meeting, cache=cache) == english


@pytest.mark.parametrize("keep_mtime", [False, True])
def test_an_edit_is_a_miss(meeting: Path, cache: Path, keep_mtime: bool) -> None:
    first = run("show", meeting, "--format", "json", cache=cache)
    before = meeting.stat()
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("2025-10-22", "2025-10-23", 1), encoding="utf-8")
    if keep_mtime:  # as `touch -r` leaves it: the ctime still moves
        os.utime(meeting, ns=(before.st_atime_ns, before.st_mtime_ns))
    edited = run("show", meeting, "--format", "json", cache=cache)
    assert edited != first and '"2025-10-23"' in edited[1]
    assert edited == run("show", meeting, "--format", "json", cache=cache.parent / "fresh")


def test_an_invalid_file_is_never_kept(meeting: Path, cache: Path) -> None:
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("\nplace:", "\nplats:", 1), encoding="utf-8"
    )
    first = run("show", meeting, cache=cache)
    assert first[0] == 1 and "plats" in first[2]
    assert run("show", meeting, cache=cache) == first
    assert not list(cache.glob("entry-*.json"))


def test_another_file_is_another_key(meeting: Path, cache: Path) -> None:
    other = meeting.parents[3] / "styrgrupp-hos/2026/2026-05-13.md"
    first = run("show", meeting, cache=cache)
    second = run("show", other, cache=cache)
    assert first != second
    assert run("show", meeting, cache=cache) == first
    assert run("show", other, cache=cache) == second
