"""A hostile or damaged cache folder (issue 26): what is in it is data, never code, and a
folder vvgctl cannot call its own is not used.

Every command runs as a separate ``vvgctl`` process, as a person (or a CI job) would run it,
with ``VVGCTL_CACHE_DIR`` pointed at a folder of the test's own.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINUTES

VVGCTL = Path(sys.executable).parent / "vvgctl"
MEETING = Path("vvg/2025/2025-10-22.md")
#: a position of that meeting, as `vvgctl decisions` prints it
POSITION = "Vårdsamverkan Västra Götaland noterar informationen."


class Planted:
    """A pickle that, when loaded, creates the file ``marker``: what an attacker plants."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return open, (str(self.marker), "w")


def vvgctl(
    *args: str | Path, cache: Path, lang: str = "en_US.UTF-8", umask: int | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, VVGCTL_CACHE_DIR=str(cache), LANG=lang, NO_COLOR="1")
    return subprocess.run(
        [str(VVGCTL), *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


def key(root: Path) -> str:
    """The part of a cache file's name that names the repository (it can be predicted)."""
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]


@pytest.fixture
def minutes(tmp_path: Path) -> Path:
    """A copy of the bundled minutes: meetings, schedules, a plan, the document register."""
    return Path(shutil.copytree(MINUTES, tmp_path / "minutes"))


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    return folder


def summary(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    """What ``check --format json`` found: its summary and its diagnostics."""
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert isinstance(found, dict)
    return {**found["summary"], "diagnostics": found["diagnostics"]}


# -- the result cache ----------------------------------------------------------------------


def test_a_planted_pickle_is_never_loaded(minutes: Path, cache: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = pickle.dumps(Planted(marker))
    for name in ("check", "data", "records"):
        for suffix in (".pickle", ".json"):
            (cache / f"{name}-{key(minutes)}{suffix}").write_bytes(payload)
    clean = summary(vvgctl("check", minutes, "--format", "json", cache=tmp_path / "fresh"))
    found = summary(vvgctl("check", minutes, "--format", "json", cache=cache))
    assert not marker.exists()
    assert found == clean and found["meetings"] == 2 and found["cached"] == 0


@pytest.mark.slow
@pytest.mark.parametrize(
    "damage",
    [
        "truncated",
        "not-json",
        "day-zero",
        "bad-severity",
        "row-a-string",
        "days-a-string",
        "model-invalid",
    ],
)
def test_a_damaged_cache_file_is_a_miss(minutes: Path, cache: Path, damage: str) -> None:
    first = summary(vvgctl("check", minutes, "--format", "json", cache=cache))
    checked = cache / f"check-{key(minutes)}.json"
    data = cache / f"data-{key(minutes)}.json"
    stored = json.loads(checked.read_bytes())  # the cache is data: JSON
    entries = stored[2]
    path = str((minutes / MEETING).resolve())
    if damage == "truncated":
        checked.write_bytes(checked.read_bytes()[:100])
    elif damage == "not-json":
        checked.write_bytes(b"\x80\x04\x95 not json at all")
    elif damage == "day-zero":  # the right types, a day no date has
        entries[path][2][1][2][2] = 0
        checked.write_text(json.dumps(stored), encoding="utf-8")
    elif damage == "bad-severity":
        entries[path][2][1][1] = [[path, 1, 1, "catastrophe", "x", "y", None, None]]
        checked.write_text(json.dumps(stored), encoding="utf-8")
    elif damage == "days-a-string":  # the days a result holds on, as text
        entries[path][2][2] = ["1", "3652059"]
        checked.write_text(json.dumps(stored), encoding="utf-8")
    elif damage == "row-a-string":
        entries[path][2][1] = "__import__('os').system('id')"
        checked.write_text(json.dumps(stored), encoding="utf-8")
    else:  # the data cache: a schedule's model that does not validate
        kept = json.loads(data.read_bytes())
        for entry in kept[2].values():
            entry[2][1] = json.dumps({"organ": 7, "meetings": "many"})
        data.write_text(json.dumps(kept), encoding="utf-8")
    for outcome in cache.glob("entry-*.json"):  # the whole run's outcome: read the files' cache
        outcome.unlink()
    again = summary(vvgctl("check", minutes, "--format", "json", cache=cache))
    if damage == "model-invalid":
        assert again == {**first, "cached": 2}
    else:
        assert again == first and again["cached"] == 0
    assert summary(vvgctl("check", minutes, "--format", "json", cache=cache))["cached"] == 2


# -- compiled templates --------------------------------------------------------------------


def test_a_planted_jinja_bytecode_file_is_never_loaded(
    minutes: Path, cache: Path, tmp_path: Path
) -> None:
    from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader
    from jinja2.bccache import bc_magic

    from vvgctl.render.templating import TEMPLATES_DIR

    marker = tmp_path / "pwned"
    payload = bc_magic + pickle.dumps(Planted(marker))
    loader = FileSystemLoader(str(TEMPLATES_DIR))
    for folder in (cache / "jinja", cache / "jinja-site"):
        folder.mkdir()
        planted = FileSystemBytecodeCache(str(folder))
        for template in TEMPLATES_DIR.rglob("*.j2"):
            name = template.relative_to(TEMPLATES_DIR).as_posix()
            filename = loader.get_source(Environment(), name)[1]
            (folder / f"__jinja2_{planted.get_cache_key(name, filename)}.cache").write_bytes(
                payload
            )
    out = tmp_path / "out"
    result = vvgctl("render", minutes / MEETING, "--format", "html", "-o", out, cache=cache)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    (page,) = out.rglob("*.html")
    assert "noterar informationen" in page.read_text(encoding="utf-8")


# -- the query index -----------------------------------------------------------------------


def _index(root: Path, cache: Path) -> Path:
    return cache / f"index-{key(root)}.sqlite3"


def test_a_forged_index_row_is_not_printed(minutes: Path, cache: Path) -> None:
    assert POSITION in vvgctl("decisions", minutes, cache=cache).stdout
    with sqlite3.connect(_index(minutes, cache)) as forged:
        forged.execute("UPDATE decisions SET text = 'FORGED: VVG beslutar att lägga ned sig.'")
        forged.execute(
            "CREATE TRIGGER again AFTER INSERT ON decisions BEGIN "
            "UPDATE decisions SET text = 'FORGED again' WHERE id = new.id; END"
        )
    forged.close()
    result = vvgctl("decisions", minutes, cache=cache)
    assert result.returncode == 0, result.stderr
    assert "FORGED" not in result.stdout and POSITION in result.stdout
    json_rows = vvgctl("decisions", minutes, "--format", "json", cache=cache).stdout
    assert "FORGED" not in json_rows


def test_a_journal_planted_beside_the_index_is_not_replayed(
    minutes: Path, cache: Path, tmp_path: Path
) -> None:
    """SQLite replays a write-ahead log it finds beside a database when it opens it: one with
    forged pages, planted beside an index whose own file is untouched, must not be read."""
    assert POSITION in vvgctl("decisions", minutes, cache=cache).stdout
    index = _index(minutes, cache)
    twin = tmp_path / "twin.sqlite3"
    shutil.copyfile(index, twin)
    forger = sqlite3.connect(twin, isolation_level=None)
    forger.execute("PRAGMA journal_mode=WAL")
    forger.execute("UPDATE decisions SET text = 'FORGED through the log'")
    shutil.copyfile(str(twin) + "-wal", str(index) + "-wal")  # before a checkpoint empties it
    forger.close()
    result = vvgctl("decisions", minutes, cache=cache)
    assert result.returncode == 0, result.stderr
    assert "FORGED" not in result.stdout and POSITION in result.stdout


def test_a_copied_index_is_checked_against_each_file(
    minutes: Path, cache: Path, tmp_path: Path
) -> None:
    """An index brought from elsewhere (a restored CI cache) may describe other contents of
    files of the same size and time: each file's recorded SHA-256 is compared."""
    assert POSITION in vvgctl("decisions", minutes, cache=cache).stdout
    meeting = minutes / MEETING
    before = meeting.stat()
    text = meeting.read_text(encoding="utf-8")
    changed = POSITION.replace("noterar", "NOTERAR")
    assert len(changed.encode()) == len(POSITION.encode())
    meeting.write_text(text.replace(POSITION, changed), encoding="utf-8")
    os.utime(meeting, ns=(before.st_atime_ns, before.st_mtime_ns))
    restored = tmp_path / "restored"
    shutil.copytree(cache, restored)
    result = vvgctl("decisions", minutes, cache=restored)
    assert changed in result.stdout and POSITION not in result.stdout


# -- the folder itself ---------------------------------------------------------------------


def test_the_cache_folder_is_created_private(minutes: Path, tmp_path: Path) -> None:
    folder = tmp_path / "new" / "cache"
    summary(vvgctl("check", minutes, "--format", "json", cache=folder, umask=0))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert list(folder.glob("check-*.json"))


@pytest.mark.slow
@pytest.mark.parametrize(
    "how",
    ["world-writable", "group-writable", "another-user", "a-file", "below-a-world-writable-folder"],
)
def test_a_folder_that_is_not_ours_and_private_is_refused(
    minutes: Path, tmp_path: Path, how: str
) -> None:
    folder = tmp_path / "shared" / "cache"
    folder.mkdir(parents=True, mode=0o700)
    marker = tmp_path / "pwned"
    (folder / f"check-{key(minutes)}.pickle").write_bytes(pickle.dumps(Planted(marker)))
    shown = folder
    if how == "world-writable":
        folder.chmod(0o777)
    elif how == "group-writable":
        folder.chmod(0o770)
    elif how == "another-user":
        if os.geteuid() != 0:
            pytest.skip("only root can give a folder to another user")
        os.chown(folder, 65534, 65534)
    elif how == "a-file":
        shutil.rmtree(folder)
        folder.write_text("not a folder", encoding="utf-8")
    else:
        shown = folder.parent
        folder.parent.chmod(0o777)
    before = sorted(folder.iterdir()) if folder.is_dir() else []
    result = vvgctl("check", minutes, "--format", "json", cache=folder, lang="sv_SE.UTF-8")
    found = summary(result)
    assert found["meetings"] == 2 and found["cached"] == 0
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("vvgctl: varning: ") and "kör utan cache" in warning
    assert str(shown) in warning and "VVGCTL_CACHE_DIR" in warning
    assert not marker.exists()
    assert (sorted(folder.iterdir()) if folder.is_dir() else []) == before  # nothing written
    queried = vvgctl("decisions", minutes, cache=folder)
    assert queried.returncode == 0 and POSITION in queried.stdout
    assert len(queried.stderr.splitlines()) == 1  # one warning for the whole command
    assert (sorted(folder.iterdir()) if folder.is_dir() else []) == before


def test_a_copied_index_whose_check_is_interrupted_is_built_anew(
    minutes: Path, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vvgctl.index.update as update
    from vvgctl.index import open_index

    assert POSITION in vvgctl("decisions", minutes, cache=cache).stdout
    restored = tmp_path / "restored"
    shutil.copytree(cache, restored)
    monkeypatch.setenv("VVGCTL_CACHE_DIR", str(restored))

    def interrupted(path: str) -> str:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(update, "_sha256", interrupted)
        with pytest.raises(KeyboardInterrupt):
            open_index([minutes])
    assert not list(restored.glob("*.seal"))  # not trusted half-checked
    index = open_index([minutes])
    assert index.stats.rebuilt
    index.connection.close()
    again = open_index([minutes])
    assert not again.stats.rebuilt and again.stats.read == 0
    again.connection.close()
