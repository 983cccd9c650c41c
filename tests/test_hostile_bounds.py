"""Issue 26, parts 4 and 5: bounded work, and refusals that name the file.

Hostile or clumsy input to ``import`` and ``render`` (a 200 MB text file, a zip bomb, a FIFO,
a table of 90,000 cells) is refused before the work is done, with a message that names the
file and the limit; a full disk, a file where a folder should be or a device says which file
and what to do. Real files, real pandoc and Typst; the full disk is the real ``/dev/full``.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import MEETING_MD, PEOPLE_YAML, RepoFactory
from tests.gitrepo import init_repo, use_git_env
from tests.test_new_meeting import ORGANS, PREVIOUS_WITH_ACTION, WHERE
from vvgctl.cli.app import app
from vvgctl.errors import UsageError
from vvgctl.importer import convert
from vvgctl.render.pipeline import render_many
from vvgctl.source import fileio

runner = CliRunner()
MiB = 1024 * 1024
MEETING = "vvg/2025/2025-10-22.md"
#: render's limits (vvgctl/render/limits.py), written out so that each test fails on its own
#: where the module does not exist
MAX_TABLE_CELLS = 20_000
MAX_RENDER_BYTES = 1024 * 1024


def _text_minutes() -> str:
    return "Mötesanteckning VVG 2019-03-14\n\n1. Mötets öppnande\n\nMötet öppnades.\n"


# --- import: the size of the input, looked at before it is read ---------------------------


@pytest.mark.parametrize(
    ("name", "size"),
    [("export.txt", 200 * 1000 * 1000), ("protokoll.docx", 21 * MiB), ("sida.html", 6 * MiB)],
)
def test_import_refuses_an_input_over_its_limit_before_reading_it(
    tmp_path: Path, name: str, size: int
) -> None:
    big = tmp_path / name
    with big.open("wb") as handle:  # sparse: costs no disk and no time
        handle.truncate(size)
    result = runner.invoke(app, ["import", str(big), "--organ", "vvg", "-o", "-"])
    assert result.exit_code == 2, result.output
    limit = {".txt": 2 * MiB, ".docx": 20 * MiB, ".html": 5 * MiB}[big.suffix]
    assert f"cannot import {big}: the file is {size // 1024} KiB" in result.output
    assert f"at most {limit // 1024} KiB" in result.output


def test_the_limits_are_generous_for_real_minutes() -> None:
    assert convert.MAX_BYTES[".docx"] >= 10 * MiB  # a Word file of minutes is well under
    assert convert.MAX_BYTES[".txt"] >= 1 * MiB  # the minutes of a meeting: ~50 KiB
    from vvgctl.render import limits

    assert (limits.MAX_TABLE_CELLS, limits.MAX_BYTES) == (MAX_TABLE_CELLS, MAX_RENDER_BYTES)


def test_import_help_and_readme_document_the_limits() -> None:
    result = runner.invoke(app, ["import", "--help"])
    assert "20 MiB" in result.output and "2 MiB" in result.output
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "import reads at most" in readme and "render takes" in readme


def test_import_refuses_a_docx_that_unpacks_past_its_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as part:
            zeros = b"\0" * MiB
            for _ in range(201):
                part.write(zeros)
    assert bomb.stat().st_size < MiB
    result = runner.invoke(app, ["import", str(bomb), "--organ", "vvg", "-o", "-"])
    assert result.exit_code == 2, result.output
    assert f"cannot import {bomb}: its parts unpack to 201 MiB" in result.output
    assert "at most 200 MiB" in result.output


def test_import_of_a_fifo_says_it_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "export.txt"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["import", str(fifo), "--organ", "vvg", "-o", "-"])
    assert result.exit_code == 2, result.output
    assert f"cannot import {fifo}: it is not a regular file (a FIFO" in result.output
    assert "no such file" not in result.output


def test_import_of_a_device_says_it_is_not_a_regular_file(tmp_path: Path) -> None:
    device = tmp_path / "export.txt"
    device.symlink_to("/dev/zero")  # it never ends: reading it would fill the memory
    result = runner.invoke(app, ["import", str(device), "--organ", "vvg", "-o", "-"])
    assert result.exit_code == 2, result.output
    assert "it is not a regular file" in result.output


def test_the_import_refusal_is_swedish_by_default(tmp_path: Path, swedish: None) -> None:
    big = tmp_path / "export.txt"
    with big.open("wb") as handle:
        handle.truncate(3 * MiB)
    result = runner.invoke(app, ["import", str(big), "--organ", "vvg", "-o", "-"])
    assert (
        f"kan inte importera {big}: filen är 3072 KiB; import läser .txt-filer på högst "
        f"2048 KiB" in result.output
    )


# --- import: a full disk and a path through a file ----------------------------------------


def test_import_to_a_full_standard_output_names_it(tmp_path: Path) -> None:
    source = tmp_path / "export.txt"
    source.write_text(_text_minutes(), encoding="utf-8")
    with open("/dev/full", "wb") as full:  # the real full disk of Linux
        done = subprocess.run(
            [sys.executable, "-m", "vvgctl", "import", str(source), "--organ", "vvg", "-o", "-"],
            stdout=full,
            stderr=subprocess.PIPE,
            env={**os.environ, "LANG": "en_US.UTF-8"},
            check=False,
            timeout=120,
        )
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert "standard output: no space left on the disk" in stderr
    assert "free space on the disk" in stderr
    assert "Traceback" not in stderr


def test_import_through_a_file_where_a_folder_should_be_names_it(tmp_path: Path) -> None:
    source = tmp_path / "export.txt"
    source.write_text(_text_minutes(), encoding="utf-8")
    (tmp_path / "afile").write_text("", encoding="utf-8")
    result = runner.invoke(
        app, ["import", str(source), "--organ", "vvg", "-o", str(tmp_path / "afile" / "draft.md")]
    )
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'afile'}: it exists already, and is not a folder" in result.output
    assert "each part before the last must be a folder" in result.output


# --- render: size, table cells and time ---------------------------------------------------


def _with_front_table(columns: int, rows: int) -> str:
    lines = [
        "    tables:",
        "      - title: Stor",
        "        columns: [" + ", ".join(f"k{c}" for c in range(columns)) + "]",
        "        rows:",
    ]
    for row in range(rows):
        lines.append(f"          - label: r{row}")
        lines.append(
            "            cells: [" + ", ".join(f"[{(row + c) % 100}]" for c in range(columns)) + "]"
        )
    marker = "    decisions:\n"
    return MEETING_MD.replace(marker, "\n".join(lines) + "\n" + marker, 1)


def _with_body_table(columns: int, rows: int) -> str:
    table = [
        "| " + " | ".join(f"k{c}" for c in range(columns)) + " |",
        "|" + "|".join("---" for _ in range(columns)) + "|",
    ]
    table += [
        "| " + " | ".join(str(row % 100) for _ in range(columns)) + " |" for row in range(rows)
    ]
    return MEETING_MD.replace("Bakgrund.\n", "Bakgrund.\n\n" + "\n".join(table) + "\n")


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_render_refuses_a_meeting_whose_body_table_is_60_by_1500(
    make_repo: RepoFactory, tmp_path: Path, fmt: str
) -> None:
    repo = make_repo({MEETING: _with_body_table(60, 1500)})
    result = runner.invoke(
        app, ["render", str(repo / MEETING), "-o", str(tmp_path / "out"), "--format", fmt]
    )
    assert result.exit_code == 1, result.output
    assert f"{repo / MEETING}: the tables hold" in result.output
    assert f"render takes at most {MAX_TABLE_CELLS}" in result.output
    assert not list((tmp_path / "out").glob(f"*.{fmt}"))


def test_render_refuses_a_front_matter_table_over_the_cell_limit(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    repo = make_repo({MEETING: _with_front_table(25, 1000)})
    result = runner.invoke(app, ["render", str(repo / MEETING), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert (
        f"{repo / MEETING}: the tables hold 26026 cells; render takes at most 20000"
        in result.output
    )
    assert "split the table" in result.output


def test_render_refuses_a_meeting_file_over_its_size_limit(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    padding = "<!-- " + "x" * (MAX_RENDER_BYTES + 1) + " -->\n"
    repo = make_repo({MEETING: MEETING_MD + padding})
    result = runner.invoke(app, ["render", str(repo / MEETING), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert (
        f"{repo / MEETING}: the file is 1024 KiB; render takes meetings of at most "
        f"1024 KiB" in result.output
    )


@pytest.mark.slow
def test_a_legitimate_1500_row_table_renders(make_repo: RepoFactory, tmp_path: Path) -> None:
    """5 columns x 1,500 rows: well inside the limits (its time: benchmarks/bench_render.py)."""
    repo = make_repo({MEETING: _with_front_table(5, 1500)})
    outcomes = render_many([repo / MEETING], tmp_path / "out", "pdf")
    assert outcomes[0].error is None, outcomes[0].error
    assert outcomes[0].output is not None and outcomes[0].output.stat().st_size > 100_000


def test_pandoc_past_its_time_is_a_refusal_that_names_the_file(
    make_repo: RepoFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vvgctl.render import limits

    monkeypatch.setattr(limits, "TIMEOUT_SECONDS", 0.001)
    repo = make_repo()
    result = runner.invoke(
        app, ["render", str(repo / MEETING), "-o", str(tmp_path / "out"), "--format", "html"]
    )
    assert result.exit_code == 1, result.output
    assert (
        f"{repo / MEETING}: rendering took more than 0.001 s, the limit for one document"
        in result.output
    )
    assert "bug" not in result.output


def test_render_of_a_fifo_says_it_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "2025-10-22.md"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["render", str(fifo), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert f"{fifo}: not a regular file (a FIFO, a device or a folder)" in result.output
    assert "cannot read the folder" not in result.output


def test_render_through_a_file_where_a_folder_should_be_names_it(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    repo = make_repo()
    (tmp_path / "afile").write_text("", encoding="utf-8")
    out = tmp_path / "afile" / "build"
    result = runner.invoke(app, ["render", str(repo / MEETING), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert f"{out}: a part of the path is a file, not a folder" in result.output


# --- the full disk: the real /dev/full under each write ------------------------------------


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every temporary file an atomic write makes is ``/dev/full``: its bytes are written
    and the kernel answers ENOSPC, as a full disk does (no root, no mount)."""
    real = tempfile.mkstemp

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        fd, name = real(*args, **kwargs)
        os.close(fd)
        return os.open("/dev/full", os.O_WRONLY), name

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def test_render_on_a_full_disk_names_the_file_and_what_to_do(
    make_repo: RepoFactory, tmp_path: Path, full_disk: None
) -> None:
    repo = make_repo()
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(repo / MEETING), "-o", str(out)])
    assert result.exit_code != 0, result.output
    assert f"{out / '.vvgctl-render.json'}: no space left on the disk" in result.output
    assert "free space on the disk" in result.output
    assert "No space left on device" not in result.output


def test_new_meeting_on_a_full_disk_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full_disk: None
) -> None:
    use_git_env(monkeypatch)
    top = init_repo(
        tmp_path / "project",
        {
            "minutes/registry/organs.yaml": ORGANS,
            "minutes/registry/people.yaml": PEOPLE_YAML,
            "minutes/vvg/2025/2025-10-22.md": PREVIOUS_WITH_ACTION,
        },
    )
    result = runner.invoke(
        app, ["new-meeting", "--organ", "vvg", "--repo", str(top / "minutes"), *WHERE]
    )
    assert result.exit_code == 2, result.output
    assert "vvg/2026/2026-02-11.md: no space left on the disk" in result.output
    assert not (top / "minutes" / "vvg" / "2026" / "2026-02-11.md").exists()


def test_import_on_a_full_disk_names_the_draft(tmp_path: Path, full_disk: None) -> None:
    source = tmp_path / "export.txt"
    source.write_text(_text_minutes(), encoding="utf-8")
    draft = tmp_path / "draft.md"
    result = runner.invoke(app, ["import", str(source), "--organ", "vvg", "-o", str(draft)])
    assert result.exit_code == 2, result.output
    assert f"{draft}: no space left on the disk" in result.output


# --- the one conversion of OSError --------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "reason", "hint"),
    [
        (errno.ENOSPC, "no space left on the disk", "free space"),
        (errno.EACCES, "permission denied", "check the permissions"),
        (errno.EROFS, "the file system is read-only", "check the permissions"),
        (errno.ENOTDIR, "a part of the path is a file, not a folder", "must be a folder"),
        (errno.EISDIR, "it is a folder, not a file", "give the path of a file"),
    ],
)
def test_an_os_error_names_the_target_of_a_temporary_file(
    code: int, reason: str, hint: str
) -> None:
    """A write fails on its temporary file (``.name.XXXXXXXX.tmp``): the user is told of
    the file they asked for."""
    from vvgctl.errors import os_error

    error = os_error(OSError(code, os.strerror(code), "/site/.index.html.ab1_x9zq.tmp"))
    assert isinstance(error, UsageError)
    assert error.path == "/site/index.html"
    assert str(error.message) == reason
    assert error.hint is not None and hint in error.hint


def test_a_write_that_names_no_file_is_given_one() -> None:
    from vvgctl.errors import naming

    with pytest.raises(UsageError) as caught, naming(Path("/out/x.pdf")):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert str(caught.value).startswith("/out/x.pdf: no space left on the disk")


def test_read_limited_reports_the_size_and_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as handle:
        handle.truncate(3 * MiB)
    with pytest.raises(fileio.FileTooLarge) as caught:
        fileio.read_limited(big, MiB)
    assert (caught.value.size, caught.value.limit, caught.value.filename) == (
        3 * MiB,
        MiB,
        str(big),
    )
