"""A newcomer gets through the first year with the generated README alone (issue 29, part 4):
``init`` in a fresh folder, then the README's fenced ``sh`` blocks run in order with the real
command and real git, and ``check`` is clean at the end.

The README's two edits are its fenced ``yaml`` blocks, applied where they stand, as a person
does in an editor: the first replaces ``members: []`` in ``organs.yaml``, the second goes under
the item it names (Verksamhetsplan) in the first meeting's header, and the comments
``<!-- … -->`` of that meeting's body are replaced by a sentence, as the README says. The one
substitution: ``init --year`` takes a past year, so that every meeting of the README has taken
place (``approve`` refuses a meeting still to come); the README's commands run as written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gitrepo import use_git_env
from vvgctl.cycle.init import next_meeting_year, proposed_meetings

FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
WHEEL = "wheels/vvgctl-0.1.0-py3-none-any.whl"


def blocks(readme: str) -> list[tuple[str, str]]:
    return [(found[1], found[2]) for found in FENCE.finditer(readme)]


def run(script: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "LANG": "sv_SE.UTF-8",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    done = subprocess.run(
        ["bash", "-e", "-x", "-c", script],
        cwd=cwd,
        env=env,
        text=True,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, f"{script}\n-> {done.returncode}\n{done.stdout}{done.stderr}"
    return done.stdout + done.stderr


def edit(top: Path, number: int, block: str, record: Path) -> None:
    if number == 0:  # the members
        organs = top / "minutes/registry/organs.yaml"
        text = organs.read_text(encoding="utf-8")
        assert text.count("    members: []\n") == 1
        organs.write_text(text.replace("    members: []\n", block), encoding="utf-8")
    else:  # the position, and the minutes' text
        text = record.read_text(encoding="utf-8")
        item = re.search(r"    title: Verksamhetsplan \d{4}\n    kind: decision\n", text)
        assert item is not None, text
        text = text[: item.end()] + block + text[item.end() :]
        record.write_text(re.sub(r"<!--.*?-->", "Mötet hölls.", text), encoding="utf-8")


@pytest.mark.slow
def test_the_generated_readme_walks_the_first_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_git_env(monkeypatch)
    year = dt.date.today().year - 1
    run(
        f"{sys.executable} -m vvgctl init org --organ sro --name Samrådsorganet "
        f"--year {year} --package {WHEEL}",
        tmp_path,
    )
    top = tmp_path / "org"
    readme = (top / "README.md").read_text(encoding="utf-8")
    first, second = (day.isoformat() for day in proposed_meetings(year)[:2])
    record = top / f"minutes/sro/{year}/{first}.md"
    edits = 0
    said = []
    for language, body in blocks(readme):
        if language == "yaml":
            edit(top, edits, body, record)
            edits += 1
        else:
            assert language == "sh", language
            said.append(run(body, top))
    assert edits == 2
    assert said[-2].rstrip().endswith("inga fel, 0 varningar"), said[-2]  # step 6's check
    assert "1 godkänt möte publicerade" in said[-1]
    assert (top / f"build/sro-{first}-kallelse.pdf").is_file()
    text = record.read_text(encoding="utf-8")
    assert "status: approved" in text and f"meeting: {second}" in text
    assert "absent: [Per Ek]" in text and "type: endorsed" in text
    assert (top / f"build/site/sro/{year}/{first}.pdf").is_file()
    assert "inga fel, 0 varningar" in run(f"{sys.executable} -m vvgctl check minutes --strict", top)


def test_the_readme_names_each_step_of_the_year(tmp_path: Path) -> None:
    run(
        f"{sys.executable} -m vvgctl init org --organ sro --name Samrådsorganet --year 2027 "
        f"--package {WHEEL}",
        tmp_path,
    )
    readme = (tmp_path / "org/README.md").read_text(encoding="utf-8")
    commands = "\n".join(body for language, body in blocks(readme) if language == "sh")
    record = "minutes/sro/2027/2027-02-11.md"
    for step in (
        "vvgctl check minutes",
        "vvgctl new-meeting --organ sro --date 2027-02-11",
        f"vvgctl status {record} agenda",
        f"vvgctl render {record} --agenda -o build",
        f"vvgctl attend {record} --absent",
        f"vvgctl status {record} review",
        "vvgctl new-meeting --organ sro --date 2027-04-08",
        f"vvgctl approve {record} --at 2027-04-08",
    ):
        assert step in commands, step
    assert commands.index("--date 2027-04-08") < commands.index("approve")
    assert "decisions:\n      - {type: endorsed, text: " in readme
    assert "Versionen av vvgctl" in readme and WHEEL in readme
    assert "github.com/vvg" not in readme


def test_the_year_is_the_next_meetings() -> None:
    assert next_meeting_year(dt.date(2026, 12, 7)) == 2027
    assert next_meeting_year(dt.date(2026, 11, 30)) == 2026
    assert next_meeting_year(dt.date(2027, 1, 1)) == 2027
    assert proposed_meetings(2027)[:2] == [dt.date(2027, 2, 11), dt.date(2027, 4, 8)]
