"""How a whole `check` runs in its process: what it leaves to the garbage collector."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path
from typing import Any

import pytest

from vvgctl.checking import check
from vvgctl.checking.check import run_check
from vvgctl.source import loading

MINUTES = Path(__file__).resolve().parent.parent / "minutes"


def test_the_check_keeps_the_heap_it_began_with_out_of_the_collectors_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "minutes"
    shutil.copytree(MINUTES, root)
    frozen: list[int] = []
    real = loading.load

    def noting(text: str, *args: Any, **kwargs: Any) -> Any:
        frozen.append(gc.get_freeze_count())
        return real(text, *args, **kwargs)

    monkeypatch.setattr(loading, "load", noting)
    assert gc.get_freeze_count() == 0
    report = run_check([root], use_cache=False, jobs=1)
    assert report.meetings and frozen
    assert min(frozen) > 0  # what existed before the check: modules, validators
    assert gc.get_freeze_count() == 0  # and all of it is the collector's again


def test_the_heap_is_the_collectors_again_when_the_check_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(check, "check_repository", boom)
    with pytest.raises(RuntimeError):
        run_check([MINUTES], use_cache=False, jobs=1)
    assert gc.get_freeze_count() == 0
