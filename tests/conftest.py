"""Shared test helpers: small repositories built inline, from a dict of path -> text."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# CI must not turn red on a run of luck: by default the property tests draw the same
# examples every run. `HYPOTHESIS_PROFILE=explore make test` searches fresh ones.
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests read vvgctl's messages in English (the msgids); tests/test_messages.py and
    tests/test_swedish_cli.py set the locale themselves to see the Swedish ones."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


@pytest.fixture
def swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    """vvgctl's default language, for tests that read its Swedish output."""
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")


MINUTES = REPO_ROOT / "minutes"

ORGANS_YAML = """\
organs:
  - id: vvg
    name: Vårdsamverkan Västra Götaland
    short_name: VVG
    delegations:
      - {id: fyrbodal, name: Fyrbodal}
      - {id: vastkom, name: VästKom}
    members:
      - {name: Kristina Lännergren, delegation: vastkom, role: chair, start: 2025-01-01}
      - {name: Tanja Mattsson, delegation: fyrbodal, affiliation: Mellerud/Bengtsfors}
  - id: sro
    name: Samrådsorganet
    kind: political
"""

PEOPLE_YAML = """\
people:
  - {name: Kristina Lännergren, organisation: VästKom}
  - {name: Tanja Mattsson, organisation: Mellerud/Bengtsfors}
  - {name: Åsa Jackson, organisation: VGR}
  - {name: Lotta Hjöberg, organisation: Skövde, aliases: [Lotta Hjoberg]}
"""

MEETING_MD = """\
---
organ: vvg
title: Mötesanteckning
date: 2025-10-22
time: {start: "9.00", end: "11.00"}
place: Teams
mode: remote
status: approved
chair: Kristina Lännergren
roster:
  - delegation: vastkom
    members:
      - {name: Kristina Lännergren, role: chair}
  - delegation: fyrbodal
    members:
      - {name: Tanja Mattsson, affiliation: Mellerud/Bengtsfors}
attendance:
  absent: [Tanja Mattsson]
items:
  - number: "1"
    title: Mötets öppnande
    kind: procedural
  - number: "2"
    title: Egenvård
    kind: information_and_decision
    case: "0755"
    timebox: {minutes: 20, start: "09.35", end: "09.55"}
    presenters:
      - {name: Åsa Jackson, organisation: VGR}
    decisions:
      - type: noted
        text: Vårdsamverkan Västra Götaland noterar informationen.
---

## 1. Mötets öppnande

Mötet öppnas.

## 2. Egenvård

Bakgrund.
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


RepoFactory = Callable[..., Path]


def pandoc_document(source: Path, document: Path) -> Path:
    """``document`` (its format by its suffix: .docx, .odt, .html) made by pandoc from the
    Markdown at ``source``, as a word processor's file would come to import."""
    import subprocess

    from vvgctl.importer.convert import pandoc_path

    subprocess.run(
        [
            pandoc_path(),
            "--sandbox",
            str(source),
            "-s",
            "-o",
            str(document),
            "--metadata",
            "title=Mötesanteckning",
        ],
        check=True,
    )
    return document


@pytest.fixture
def make_repo(tmp_path: Path) -> RepoFactory:
    """``make_repo({"vvg/2025/x.md": text})``: a repository with the test registry."""

    def factory(files: dict[str, str | bytes] | None = None, *, meeting: bool = True) -> Path:
        root = tmp_path / "minutes"
        tree: dict[str, str | bytes] = {
            "registry/organs.yaml": ORGANS_YAML,
            "registry/people.yaml": PEOPLE_YAML,
        }
        if meeting:
            tree["vvg/2025/2025-10-22.md"] = MEETING_MD
        tree.update(files or {})
        return write_tree(root, tree)

    return factory


@pytest.fixture(scope="session")
def _shared_lexicon(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the Swedish lexicon table (decompressed once, 0.1 s) for all tests."""
    return tmp_path_factory.mktemp("lexicon")


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, _shared_lexicon: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own cache folder, so no test sees another's results (the lexicon,
    derived from a package alone, is shared)."""
    monkeypatch.setenv("VVGCTL_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("VVGCTL_LEXICON_DIR", str(_shared_lexicon))
    monkeypatch.setenv("NO_COLOR", "1")
    os.environ.pop("VVGCTL_TRACEBACK", None)
