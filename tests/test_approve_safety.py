"""`vvgctl approve` edits text, not structure, and writes both files or neither (issue 26,
part 2). Each test is a probe that damaged a record before: a replacement that cut the front
matter or added a heading, a quote that changed a YAML field, ``--item`` ignored, one of two
files written, two approvals at once both taken."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import RepoFactory
from tests.test_frozen import LATER_FILE, top
from tests.test_lifecycle import LATER, REVIEW
from vvgctl.cli.app import app
from vvgctl.source.loading import load_meeting

runner = CliRunner()
__all__ = ["top"]  # the fixture

APPROVING = LATER.replace("date: 2025-12-10", "date: 2026-02-11")


def setup(make_repo: RepoFactory, record: str = REVIEW) -> tuple[Path, Path]:
    """A record in review (2025-11-05) and the approving meeting's minutes (2026-02-11), in
    folders of their own."""
    root = make_repo({"vvg/2025/2025-11-05.md": record, "vvg/2026/2026-02-11.md": APPROVING})
    return root / "vvg" / "2025" / "2025-11-05.md", root / "vvg" / "2026" / "2026-02-11.md"


def approve(record: Path, approving: Path, *args: str) -> tuple[int, str]:
    """Run approve; a refusal must leave both files byte for byte and show no traceback."""
    before = record.read_bytes(), approving.read_bytes()
    result = runner.invoke(app, ["approve", str(record), "--at", "2026-02-11", *args])
    if result.exit_code:
        assert (record.read_bytes(), approving.read_bytes()) == before, result.output
        assert "Traceback" not in result.output
    return result.exit_code, result.output


def correct(quote: str, replacement: str, *more: str) -> tuple[str, ...]:
    return ("--correction", "Rättelse", "--quote", quote, "--replacement", replacement, *more)


def check_clean(record: Path) -> bool:
    return runner.invoke(app, ["check", str(record.parents[2])]).exit_code == 0


@pytest.mark.parametrize("quote", ["Bakgrund.", "noterar informationen."])
def test_a_replacement_that_would_close_the_front_matter_is_refused(
    make_repo: RepoFactory, quote: str
) -> None:
    record, approving = setup(make_repo)
    code, said = approve(record, approving, *correct(quote, "forms-enkät\n---\nstatus: draft\n"))
    assert code == 2 and "one line" in said, said
    code, said = approve(record, approving, *correct(quote + "\n---", "x"))
    assert code == 2 and "one line" in said, said


def test_a_replacement_that_adds_a_heading_is_refused(make_repo: RepoFactory) -> None:
    record, approving = setup(make_repo)
    code, said = approve(
        record, approving, *correct("Bakgrund.", "Bakgrund.\n\n## 99. Falsk punkt\n\nText.")
    )
    assert code == 2, said
    assert check_clean(record)


def test_a_result_that_would_not_pass_check_is_refused(make_repo: RepoFactory) -> None:
    record, approving = setup(make_repo)
    # a note for the writer in the body of approved minutes: check's rule 'unfinished'
    code, said = approve(record, approving, *correct("Bakgrund.", "Bakgrund. <!-- utkast -->"))
    assert code == 1 and "unfinished" in said and "2025-11-05.md" in said, said
    # the whole position taken away: the record is no longer a valid meeting
    code, said = approve(
        record, approving, *correct("Vårdsamverkan Västra Götaland noterar informationen.", "")
    )
    assert code == 1 and "2025-11-05.md" in said, said


@pytest.mark.parametrize(
    ("quote", "replacement"),
    [
        ("type: noted", "type: rejected"),  # YAML source, not a value
        ("noted", "rejected"),  # a value, but the position's type, not its text
        ("kind: procedural", "kind: decision"),
        ("informationen.", "informationen. confirm_by: sro"),  # a key inside a plain value
        ("noterar informationen.", "noterar informationen.\n        confirm_by: sro"),
        ("2. Egenvård", "2. Egenvård\nconfirm_by: sro"),
    ],
)
def test_a_quote_changes_text_never_a_yaml_field(
    make_repo: RepoFactory, quote: str, replacement: str
) -> None:
    record, approving = setup(make_repo)
    code, said = approve(record, approving, *correct(quote, replacement))
    assert code in (1, 2), said
    meeting = load_meeting(record).model
    assert meeting is not None and meeting.items[1].decisions[0].confirm_by is None


def test_item_restricts_the_search_to_that_item(make_repo: RepoFactory) -> None:
    record, approving = setup(make_repo)
    code, said = approve(
        record, approving, *correct("Mötet öppnas.", "Mötet öppnades.", "--item", "2")
    )
    assert code == 1 and "item 2" in said, said
    code, said = approve(
        record, approving, *correct("Mötet öppnas.", "Mötet öppnades.", "--item", "1")
    )
    assert code == 0, said
    assert "Mötet öppnades." in record.read_text(encoding="utf-8")


def test_a_quote_in_a_title_or_a_position_is_corrected_in_its_value(make_repo: RepoFactory) -> None:
    record, approving = setup(make_repo)
    code, said = approve(record, approving, *correct("2. Egenvård", "2. Egenvård för barn"))
    assert code == 1 and "does not stand" in said, said  # a heading is structure, not text
    code, said = approve(
        record,
        approving,
        *correct("noterar informationen", "noterar informationen: den är viktig", "--item", "2"),
    )
    assert code == 1 and "2025-11-05.md" in said, said  # ': ' would make a plain value a key
    code, said = approve(
        record,
        approving,
        *correct("noterar informationen", "noterar informationen med tack", "--item", "2"),
    )
    assert code == 0, said
    meeting = load_meeting(record).model
    assert meeting is not None
    assert meeting.items[1].decisions[0].text == (
        "Vårdsamverkan Västra Götaland noterar informationen med tack."
    )
    assert check_clean(record)


def test_a_replacement_may_not_begin_a_line_with_structure(make_repo: RepoFactory) -> None:
    record, approving = setup(make_repo)
    for replacement in ("# Bakgrund.", "- Bakgrund.", "```", "1. Bakgrund.", "> Bakgrund."):
        code, said = approve(record, approving, *correct("Bakgrund.", replacement))
        assert code == 1 and "would begin a line" in said, (replacement, said)
    code, said = approve(record, approving, *correct("Bakgrund.", "Bakgrund: # inte en rubrik"))
    assert code == 0, said


@pytest.mark.parametrize(
    ("quote", "replacement"),
    [
        ("noterar informationen", "noterar informationen med tack"),  # a position, in YAML
        ("Bakgrund.", "Bakgrund och syfte."),  # a paragraph of the body
    ],
)
def test_a_correction_made_by_approve_passes_check_base(
    top: Path, quote: str, replacement: str
) -> None:
    result = runner.invoke(
        app,
        [
            "approve",
            str(top / LATER_FILE),
            "--at",
            "2026-02-11",
            *correct(quote, replacement, "--item", "2"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert replacement in (top / LATER_FILE).read_text(encoding="utf-8")
    result = runner.invoke(app, ["check", str(top / "minutes"), "--base", "HEAD"])
    assert result.exit_code == 0, result.output


def test_the_second_rename_failing_puts_the_first_file_back(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash or a full disk between the two writes: the record was written approved and the
    approving meeting was not marked."""
    record, approving = setup(make_repo)
    real = os.replace
    calls: list[str] = []

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if str(dst).endswith(".md"):
            calls.append(str(dst))
            if len(calls) == 2:
                raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    code, said = approve(record, approving, "--correction", "Rättelse")
    assert code == 1, said
    assert len(calls) >= 2, calls
    assert "No space left on device" in said and "nothing was approved" in said, said
    assert not [p for p in record.parents[1].rglob(".*.tmp")], "no temporary file is left"
    monkeypatch.setattr(os, "replace", real)
    assert approve(record, approving, "--correction", "Rättelse")[0] == 0
    assert check_clean(record)


def test_an_unwritable_approving_folder_writes_neither_file(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    record, approving = setup(make_repo)
    real = tempfile.mkstemp

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        if str(kwargs.get("dir", "")).endswith("2026"):
            raise PermissionError(13, "Permission denied", str(kwargs["dir"]))
        return real(*args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    code, said = approve(record, approving, "--correction", "Rättelse")
    assert code == 1 and "2026-02-11.md" in said and "Permission denied" in said, said


@pytest.mark.slow
def test_two_approvals_at_once_one_wins(make_repo: RepoFactory) -> None:
    """The status was read before the lock was taken: both exited 0 (5 of 5 rounds), the
    record kept one correction and the approving meeting listed both."""
    record, approving = setup(make_repo)
    for round_ in range(5):
        record.write_text(REVIEW, encoding="utf-8")
        approving.write_text(APPROVING, encoding="utf-8")
        both = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "vvgctl",
                    "approve",
                    str(record),
                    "--at",
                    "2026-02-11",
                    "--correction",
                    f"Rättelse {n}",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for n in (1, 2)
        ]
        outputs = [p.communicate(timeout=120)[0] for p in both]
        codes = sorted(p.returncode for p in both)
        assert codes == [0, 1], (round_, outputs)
        assert any("already approved" in o for o in outputs), outputs
        kept = load_meeting(record).model
        marked = load_meeting(approving).model
        assert kept is not None and kept.approval is not None
        assert marked is not None and marked.previous is not None
        assert kept.approval.corrections == marked.previous.corrections
        assert len(marked.previous.corrections) == 1


@pytest.mark.parametrize(
    "command",
    [
        ["approve", "--at", "2026-02-11", "--correction", "Rättelse 2"],
        ["status", "draft"],
        ["attend", "--absent", "Kristina Lännergren"],
    ],
)
def test_a_command_waiting_for_the_lock_reads_the_record_again(
    make_repo: RepoFactory, command: list[str]
) -> None:
    """Made certain with the lock: the command starts while the record is in review and held
    by another; the record is approved before it gets the lock. It must see that, not the
    status it read before (an approved record set back to draft, or approved twice)."""
    import fcntl

    record, approving = setup(make_repo)
    assert approve(record, approving, "--correction", "Rättelse 1")[0] == 0
    approved = record.read_bytes(), approving.read_bytes()
    record.write_text(REVIEW, encoding="utf-8")
    approving.write_text(APPROVING, encoding="utf-8")
    args = [command[0], str(record), *command[1:]]
    with open(record, "rb") as holder:  # another command holds the record
        fcntl.flock(holder, fcntl.LOCK_EX)
        proc = subprocess.Popen(
            [sys.executable, "-m", "vvgctl", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stderr is not None
        said = proc.stderr.readline()
        assert "waiting" in said, said
        record.write_bytes(approved[0])  # in place: the waiting command holds this file
        approving.write_bytes(approved[1])
    said += proc.communicate(timeout=120)[1]
    assert proc.returncode == 1, said
    assert "approved" in said and "frozen" in said, said
    assert (record.read_bytes(), approving.read_bytes()) == approved


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (("items", 1, "decisions", 0, "text"), True),
        (("items", 1, "title"), True),
        (("items", 1, "actions", 0, "text"), True),
        (("items", 1, "follow_ups", 0, "text"), True),
        (("items", 1, "tables", 0, "rows", 0, "cells", 0, 0), True),
        (("items", 1, "presenters", 0, "name"), True),
        (("chair",), True),  # a person by name alone
        (("place",), True),
        (("items", 1, "decisions", 0, "type"), False),
        (("items", 1, "decisions", 0, "confirm_by"), False),
        (("items", 1, "kind"), False),
        (("items", 1, "number"), False),
        (("items", 1, "case"), False),
        (("items", 1, "documents", 0, "link"), False),
        (("items", 1, "timebox", "start"), False),
        (("items", 1, "follow_ups", 0, "meeting"), False),
        (("roster", 0, "members", 0, "role"), False),
        (("organ",), False),
        (("status",), False),
        (("date",), False),
        (("approval", "corrections", 0, "text"), False),
        (("previous", "title"), False),
        (("items", 1, "no_such_field"), False),
        (("items",), False),
    ],
)
def test_what_the_models_call_text(path: tuple[str | int, ...], text: bool) -> None:
    from vvgctl.cycle.corrections import is_text_field

    assert is_text_field(path) is text


@pytest.mark.parametrize("bad", ["a\rb", "a\u2028b", "a\x1b[31mb", "a\x00b", "a\x85b"])
def test_quote_and_replacement_are_one_line_of_text(make_repo: RepoFactory, bad: str) -> None:
    record, approving = setup(make_repo)
    assert approve(record, approving, *correct("Bakgrund.", bad))[0] == 2
    assert approve(record, approving, *correct(bad, "Bakgrund."))[0] == 2
    assert approve(record, approving, *correct("Bakgrund.", "Bakgrund,\tsyfte."))[0] == 0


def _writes_anyway(folder: Path) -> bool:
    """Whether a file can be made in ``folder`` although it is read-only (as root can)."""
    probe = folder / ".probe"
    try:
        probe.write_text("", encoding="utf-8")
    except PermissionError:
        return False
    probe.unlink()
    return True


def test_a_read_only_folder_of_the_approving_meeting_writes_neither_file(
    make_repo: RepoFactory,
) -> None:
    """The same on a real file system (skipped where the tests may write anywhere: root
    with CAP_DAC_OVERRIDE; `setpriv --bounding-set=-dac_override` runs it there)."""
    record, approving = setup(make_repo)
    folder = approving.parent
    folder.chmod(0o555)
    try:
        if _writes_anyway(folder):
            pytest.skip("this user writes in a read-only folder")
        code, said = approve(record, approving, "--correction", "Rättelse")
    finally:
        folder.chmod(0o755)
    assert code == 1 and "2026-02-11.md" in said and "nothing was approved" in said, said
    assert not list(record.parent.glob(".*.tmp"))
