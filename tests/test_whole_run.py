"""A warm ``vvgctl check`` prints the whole run's stored outcome (issue 27): without importing
the models, byte for byte what the normal path prints, and never once anything it read has
changed.

Every command runs as a separate ``vvgctl`` process with a cache folder of the test's own.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINUTES
from vvgctl.checking import whole_run
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message

VVGCTL = Path(sys.executable).parent / "vvgctl"
MEETING = Path("vvg/2025/2025-10-22.md")

#: runs ``vvgctl`` as the command line would, then prints whether pydantic or the models
#: were imported (on stderr's last line)
PROBE = """\
import sys
from vvgctl.cli.app import main
sys.argv = ["vvgctl", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    code = exit.code
print(sorted(m for m in sys.modules if m in ("pydantic", "vvgctl.models")), file=sys.stderr)
raise SystemExit(code)
"""


@pytest.fixture
def minutes(tmp_path: Path) -> Path:
    """The bundled minutes with findings of every kind: errors with hints, a warning with
    arguments, a data file's cross-check."""
    root = Path(shutil.copytree(MINUTES, tmp_path / "minutes"))
    (root / "stray.yaml").write_text("a: 1\n", encoding="utf-8")
    meeting = root / MEETING
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("\nplace:", "\nplats:", 1), encoding="utf-8"
    )
    return root


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    return folder


def run(
    *args: str | Path, cache: Path, lang: str = "en_US.UTF-8", cwd: Path | None = None
) -> tuple[int, str, str]:
    env = dict(os.environ, VVGCTL_CACHE_DIR=str(cache), LANG=lang, NO_COLOR="1")
    proc = subprocess.run(
        [str(VVGCTL), *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=cwd,
    )
    return proc.returncode, proc.stdout, proc.stderr


def probe(*args: str | Path, cache: Path) -> tuple[int, str, list[str]]:
    """Exit code, stdout, and the modules of pydantic and vvgctl.models the run imported."""
    env = dict(os.environ, VVGCTL_CACHE_DIR=str(cache), LANG="en_US.UTF-8", NO_COLOR="1")
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    imported: list[str] = json.loads(proc.stderr.strip().splitlines()[-1].replace("'", '"'))
    return proc.returncode, proc.stdout, imported


def forget(cache: Path) -> None:
    """Remove the stored outcomes: the next run takes the normal path (with the files' cache)."""
    for entry in cache.glob("entry-*.json"):
        entry.unlink()


def test_a_warm_check_imports_neither_pydantic_nor_the_models(minutes: Path, cache: Path) -> None:
    cold = probe("check", minutes, "--format", "json", cache=cache)
    warm = probe("check", minutes, "--format", "json", cache=cache)
    assert cold[2] == ["pydantic", "vvgctl.models"]  # the normal path, which stores the outcome
    assert warm[2] == []
    assert warm[0] == cold[0] == 1
    assert json.loads(warm[1])["diagnostics"] == json.loads(cold[1])["diagnostics"]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en_US.UTF-8", "sv_SE.UTF-8"])
@pytest.mark.parametrize("format", ["text", "json", "github", "gitlab"])
def test_the_stored_outcome_prints_what_the_normal_path_prints(
    minutes: Path, cache: Path, format: str, lang: str
) -> None:
    args = ("check", minutes, "--format", format)
    run(*args, cache=cache, lang=lang)  # the files' results and the outcome are stored
    forget(cache)
    normal = run(*args, cache=cache, lang=lang)  # every file from the cache; stores again
    assert list(cache.glob("entry-*.json"))
    assert run(*args, cache=cache, lang=lang) == normal
    assert run(*args, "--strict", cache=cache, lang=lang)[0] == 1
    assert normal[0] == 1 and (normal[1] or normal[2])


def _edit_meeting(root: Path) -> None:
    meeting = root / MEETING
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("\nplats:", "\nplace:", 1), encoding="utf-8"
    )


def _edit_keeping_size_and_mtime(root: Path) -> None:
    """An edit ``touch -r`` hides from size and mtime (the file's ctime still moves)."""
    meeting = root / MEETING
    before = meeting.stat()
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("\nplats:", "\nplace:", 1)[:-1] + "\n", encoding="utf-8")
    os.utime(meeting, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert meeting.stat().st_size == before.st_size


def _edit_schedule(root: Path) -> None:
    schedule = root / "vvg/2025/schedule.yaml"
    schedule.write_text(schedule.read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")


def _edit_registry(root: Path) -> None:
    people = root / "registry/people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + "extra: 1\n", encoding="utf-8")


def _edit_site(root: Path) -> None:
    site = root / "registry/site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")


def _new_meeting(root: Path) -> None:
    text = (root / MEETING).read_text(encoding="utf-8")
    (root / "vvg/2025/2025-12-03.md").write_text(
        text.replace("2025-10-22", "2025-12-03"), encoding="utf-8"
    )


def _delete_file(root: Path) -> None:
    (root / "stray.yaml").unlink()


def _rename_meeting(root: Path) -> None:
    (root / MEETING).rename(root / "vvg/2025/2025-10-23.md")


def _new_folder_with_yaml(root: Path) -> None:
    (root / "vvg/2027").mkdir()
    (root / "vvg/2027/notes.yml").write_text("a: 1\n", encoding="utf-8")


def _schedule_in_a_hidden_folder(root: Path) -> None:
    """A glob's ``*`` matches a hidden folder: the schedule pattern finds this file."""
    (root / ".old/2024").mkdir(parents=True)
    (root / ".old/2024/schedule.yaml").write_text("organ: 7\n", encoding="utf-8")


CHANGES: dict[str, Callable[[Path], None]] = {
    "meeting": _edit_meeting,
    "data file": _edit_schedule,
    "registry": _edit_registry,
    "site settings": _edit_site,
    "new file": _new_meeting,
    "deleted file": _delete_file,
    "renamed file": _rename_meeting,
    "new folder": _new_folder_with_yaml,
    "hidden folder": _schedule_in_a_hidden_folder,
}


@pytest.mark.slow
@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_to_anything_the_run_read_is_a_miss(
    minutes: Path, cache: Path, change: str
) -> None:
    args = ("check", minutes)
    first = run(*args, cache=cache)
    assert run(*args, cache=cache) == first  # stored, and read back
    CHANGES[change](minutes)
    changed = run(*args, cache=cache)
    assert changed == run(*args, "--no-cache", cache=cache)
    assert changed != first
    assert run(*args, cache=cache) == changed  # and the new outcome is stored


@pytest.mark.slow
def test_the_paths_asked_for_and_the_working_folder_have_their_own_outcome(
    minutes: Path, cache: Path
) -> None:
    whole = run("check", minutes, cache=cache)
    one = run("check", minutes / MEETING, cache=cache)
    assert one == run("check", minutes / MEETING, "--no-cache", cache=cache) != whole
    assert run("check", minutes, cache=cache) == whole
    here = run("check", MEETING, cache=cache, cwd=minutes)
    assert here == run("check", MEETING, "--no-cache", cache=cache, cwd=minutes)
    assert f"{MEETING}:" in here[2] and str(minutes) not in here[2]
    assert run("check", MEETING, cache=cache, cwd=minutes) == here
    other = Path("styrgrupp-hos/2026/2026-05-13.md")  # its outcome replaces the one above
    assert run("check", other, cache=cache, cwd=minutes) == run(
        "check", other, "--no-cache", cache=cache, cwd=minutes
    )
    assert run("check", MEETING, cache=cache, cwd=minutes) == here
    assert run("check", minutes, cache=cache) == whole


def test_the_date_the_code_and_a_touched_file_are_in_the_key(
    minutes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = whole_run.run_of([minutes])
    assert found is not None
    patterns = ["*/*/schedule.yaml"]
    today = whole_run.key_of(found, patterns)

    monkeypatch.setattr(whole_run, "_today", lambda: "2099-01-01")
    assert whole_run.key_of(found, patterns) not in (today, None)
    monkeypatch.undo()
    monkeypatch.setattr(whole_run, "code_fingerprint", lambda: "another")
    assert whole_run.key_of(found, patterns) not in (today, None)
    monkeypatch.undo()
    # (the files' cache trusts size and mtime unless --content-hash: see test_cache.py)
    _edit_keeping_size_and_mtime(minutes)
    assert whole_run.key_of(whole_run.Run(found.root, found.targets), patterns) != today


@pytest.mark.slow
@pytest.mark.parametrize(
    "damage", ["truncated", "not-json", "bad-severity", "a-count-as-text", "another-key"]
)
def test_a_damaged_outcome_is_a_miss(minutes: Path, cache: Path, damage: str) -> None:
    args = ("check", minutes, "--format", "json")
    run(*args, cache=cache)
    first = run(*args, cache=cache)  # (every meeting's result from the cache)
    (entry,) = cache.glob("entry-*.json")
    stored = json.loads(entry.read_bytes())
    if damage == "truncated":
        entry.write_bytes(entry.read_bytes()[:50])
    elif damage == "not-json":
        entry.write_bytes(b"\x80\x04\x95 not json")
    else:
        if damage == "bad-severity":
            stored[2]["outcome"]["diagnostics"][0]["severity"] = "fine"
        elif damage == "a-count-as-text":
            stored[2]["outcome"]["files"] = "9"
        else:  # an outcome that hides every finding, under a key of another run
            stored[2]["outcome"]["diagnostics"] = []
            stored[1] = "0" * 32
        entry.write_text(json.dumps(stored), encoding="utf-8")
    code, out, imported = probe(*args, cache=cache)
    assert (code, out) == first[:2] and imported == ["pydantic", "vvgctl.models"]


def test_a_symbolic_link_in_the_repository_takes_the_normal_path(
    minutes: Path, cache: Path
) -> None:
    (minutes / "vvg/2025/link.md").symlink_to(minutes / MEETING)
    first = probe("check", minutes, cache=cache)
    again = probe("check", minutes, cache=cache)
    assert again[2] == ["pydantic", "vvgctl.models"] and again[:2] == first[:2]


def test_an_outcome_json_cannot_carry_exactly_is_not_kept(minutes: Path) -> None:
    found = whole_run.run_of([minutes])
    assert found is not None
    odd = Message("from {start}", {"start": dt.time(9, 30)})  # comes back as text
    outcome = whole_run.Outcome(
        [Diagnostic("a.md", 1, 1, Severity.ERROR, "x", odd)], files=1, meetings=1, cached=1
    )
    whole_run.store(found, "key", [], outcome)
    assert whole_run.lookup(found) is None
    plain = whole_run.Outcome(
        [
            Diagnostic(
                "a.md", 1, 1, Severity.ERROR, "x", Message("at {day}", {"day": dt.date.today()})
            )
        ],
        files=1,
        meetings=1,
        cached=1,
    )
    key = whole_run.key_of(found, [])
    assert key is not None
    whole_run.store(found, key, [], plain)
    again = whole_run.lookup(found)
    assert again is not None and again.diagnostics[0].message == plain.diagnostics[0].message
