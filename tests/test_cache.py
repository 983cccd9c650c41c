"""The check cache: a warm run reuses results; a changed file or registry is re-checked."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import MEETING_MD, RepoFactory
from vvgctl.checking.check import run_check


def test_warm_run_uses_the_cache_and_edits_invalidate(make_repo: RepoFactory) -> None:
    root = make_repo()
    first = run_check([root])
    assert (first.cached, len(first.meetings)) == (0, 1)
    second = run_check([root])
    assert second.cached == 1 and second.diagnostics == first.diagnostics
    path = root / "vvg/2025/2025-10-22.md"
    path.write_text(
        MEETING_MD.replace("place: Teams", "place: Göteborg\nplace: x"), encoding="utf-8"
    )
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    third = run_check([root])
    assert third.cached == 0
    assert [d.code for d in third.diagnostics] == ["yaml-duplicate-key"]


def test_registry_change_invalidates(make_repo: RepoFactory) -> None:
    root = make_repo()
    run_check([root])
    people = root / "registry/people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace("Åsa Jackson", "Åsa Jacksson"), encoding="utf-8"
    )
    report = run_check([root])
    assert report.cached == 0
    assert any("unknown person 'Åsa Jackson'" in d.message for d in report.diagnostics)


def test_corrupt_cache_is_ignored(make_repo: RepoFactory) -> None:
    from vvgctl.runtime.cache import cache_dir

    root = make_repo()
    run_check([root])
    for file in cache_dir().glob("check-*.json"):
        file.write_bytes(b"not a pickle")
    assert run_check([root]).cached == 0


def test_parallel_and_serial_agree(make_repo: RepoFactory) -> None:
    import vvgctl.repository.repo as check

    files = {
        f"vvg/2025/2025-{m:02d}-{d:02d}.md": MEETING_MD.replace(
            "date: 2025-10-22", f"date: 2025-{m:02d}-{d:02d}"
        )
        for m in range(1, 13)
        for d in range(1, 29)
    }
    root = make_repo(files)
    old = check.PARALLEL_THRESHOLD
    check.PARALLEL_THRESHOLD = 10
    try:
        parallel = run_check([root], use_cache=False, jobs=2)
    finally:
        check.PARALLEL_THRESHOLD = old
    serial = run_check([root], use_cache=False, jobs=1)
    assert len(parallel.meetings) == len(set(files) | {"vvg/2025/2025-10-22.md"})
    assert parallel.diagnostics == serial.diagnostics


def test_content_hash_sees_an_edit_that_keeps_size_and_mtime(make_repo: RepoFactory) -> None:
    """Issue 14, item 9: ``touch -r`` after an edit of the same length fooled the cache."""
    root = make_repo()
    path = root / "vvg" / "2025" / "2025-10-22.md"
    assert not run_check([root]).diagnostics
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    broken = text.replace("kind: information_and_decision", "kind: information_and_decisio_")
    assert len(broken) == len(text) and broken != text
    path.write_text(broken, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert not run_check([root]).diagnostics  # size and mtime: the stale result is trusted
    hashed = run_check([root], verify_contents=True)
    assert [d.code for d in hashed.diagnostics] == ["schema"]
    assert run_check([root], verify_contents=True).cached == 1  # now stored with its hash


def test_a_cached_data_file_reads_back_as_it_was_read(tmp_path: Path) -> None:
    """The data cache keeps each schedule, plan and register as JSON and validates it with
    its model again: what a warm run reads equals what the file gives."""
    import shutil

    from tests.conftest import MINUTES
    from vvgctl.checking.catalogue import registered_kinds
    from vvgctl.repository.repo import Repository

    root = Path(shutil.copytree(MINUTES, tmp_path / "minutes"))
    (root / "vvg/2026/plan.yaml").write_text(  # a file with a finding, to keep one too
        (root / "vvg/2026/plan.yaml").read_text(encoding="utf-8") + "\nbogus: 1\n", encoding="utf-8"
    )
    files = [
        (path, kind.model)
        for kind in registered_kinds()
        for path in sorted(root.glob(kind.pattern))
    ]
    assert len({model for _, model in files}) >= 3
    cold = Repository(root)
    read = [cold.data(path, model) for path, model in files]
    cold.save()
    warm = Repository(root)
    cached = [warm.data(path, model) for path, model in files]
    assert any(loaded.diagnostics for loaded in read)
    for first, again in zip(read, cached, strict=True):
        assert again.model == first.model and again.diagnostics == first.diagnostics
        assert again.positions.values == first.positions.values
        assert again.line_offset == first.line_offset


def test_one_fingerprint_for_cache_render_and_publish(tmp_path: Path) -> None:
    """Issue 27: the cache, render and publish fingerprint through one helper, which sees an
    edit by content, or by size and mtime when asked to only stat."""
    from vvgctl.runtime.fingerprint import digest, tree_digest

    assert digest("ab", "c") != digest("a", "bc")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "b.py").write_text("two", encoding="utf-8")
    by_content, by_stat = tree_digest(tmp_path), tree_digest(tmp_path, by_content=False)
    assert tree_digest(tmp_path, skip=(tmp_path / "sub",)) != by_content
    assert tree_digest(tmp_path, pattern="*.py") == tree_digest(tmp_path / "b.py")
    (tmp_path / "sub" / "a.txt").write_text("One", encoding="utf-8")
    os.utime(tmp_path / "sub" / "a.txt", ns=(1, 1))
    assert tree_digest(tmp_path) != by_content
    assert tree_digest(tmp_path, by_content=False) != by_stat
