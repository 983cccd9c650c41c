"""The reader gets the whole record (issue 30, part 1): the share of a meeting's person-facing
values that stand in each rendered form of it, for every bundled meeting and for a meeting
completed through the CLI, must be 1.0.

The person-facing values: item and sub-item titles, positions and their numbered parts,
actions, follow-ups, the actions an item closes (by their text), presenters, absent and remote
people, the roster (Kallade), and each correction's old and new wording (on the corrected
minutes, and on the approving minutes). The forms: the PDF (text by pypdf), the DOCX and the
standalone HTML (text by pandoc), and the site's meeting page (its HTML's text).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pypandoc
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.conftest import MEETING_MD, ORGANS_YAML, PEOPLE_YAML, REPO_ROOT
from tests.gitrepo import init_repo, use_git_env
from vvgctl.cli.app import app
from vvgctl.models import Meeting
from vvgctl.models.item import action_id
from vvgctl.publish.site import publish
from vvgctl.source.loading import load_meeting

runner = CliRunner()
FORMATS = ("pdf", "docx", "html")

RECORD = (
    MEETING_MD.replace("status: approved", "status: review")
    .replace(
        "  absent: [Tanja Mattsson]\n", "  absent: [Tanja Mattsson]\n  remote: [Åsa Jackson]\n"
    )
    .replace(
        "        text: Vårdsamverkan Västra Götaland noterar informationen.\n",
        "        text: Vårdsamverkan Västra Götaland noterar informationen.\n"
        "    actions:\n      - text: Beredningen tar fram en enkät om egenvården.\n"
        "    follow_ups:\n      - text: Resultatet av enkäten om egenvården presenteras.\n"
        "        meeting: 2026-02\n",
    )
    .replace("\nBakgrund.\n", "\nBakgrund i oktober.\n")
)
LATER = (
    MEETING_MD.replace("date: 2025-10-22", "date: 2025-12-10")
    .replace("status: approved", "status: review")
    .replace("roster:", "previous:\n  date: 2025-10-22\n  link: 2025-10-22.md\nroster:", 1)
    .replace(
        '  - number: "2"\n    title: Egenvård\n',
        '  - number: "2"\n    title: Godkännande av dagens agenda\n    kind: procedural\n'
        '  - number: "3"\n    title: Föregående mötesanteckning\n    kind: procedural\n'
        '  - number: "4"\n    title: Egenvård\n    closes_actions: [vvg-2025-10-22-2-1]\n',
    )
    .replace("kind: information_and_decision", "kind: information")
    .replace(
        "## 2. Egenvård\n",
        "## 2. Godkännande av dagens agenda\n\nAgendan godkänns.\n\n"
        "## 3. Föregående mötesanteckning\n\nFöregående mötesanteckning godkänns.\n\n"
        "## 4. Egenvård\n",
    )
)
NEXT = (
    LATER.replace("date: 2025-12-10", "date: 2026-02-11")
    .replace("status: review", "status: draft")
    .replace(
        "  date: 2025-10-22\n  link: 2025-10-22.md\n",
        "  date: 2025-12-10\n  link: 2025-12-10.md\n  approved: false\n",
    )
    .replace("    closes_actions: [vvg-2025-10-22-2-1]\n", "")
)


def _plain(text: str) -> str:
    """Text as compared: no Markdown emphasis, no spaces or hyphens (lines wrap and hyphenate
    differently in every form), typographic quotes and dashes as plain ones, case folded."""
    text = text.replace("\u00ad", "").replace("’", "'").replace("”", '"').replace("“", '"')
    return re.sub(r"[\s*_\-‐–—]+", "", text).casefold()


def action_texts(root: Path) -> dict[str, str]:
    """Every action of the repository's meetings by its id (written, or derived)."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*.md")):
        meeting = load_meeting(path).model
        if meeting is None:
            continue
        for item in meeting.items:
            for number, content in [
                (item.number, item),
                *((item.number + s.number, s) for s in item.subitems),
            ]:
                for n, action in enumerate(content.actions):
                    key = action.id or action_id(meeting.organ, meeting.date, number, n + 1)
                    found[key] = action.text
    return found


def person_facing(meeting: Meeting, actions: dict[str, str]) -> list[str]:
    """The values of ``meeting`` a reader must find in every rendered form of it."""
    values: list[str] = []
    for group in meeting.roster:
        values += [m.name for m in group.members]
    values += [p.name for p in (*meeting.attendance.absent, *meeting.attendance.remote)]
    for item in meeting.items:
        for content in (item, *item.subitems):
            values.append(content.title)
            values += [p.name for p in content.presenters]
            for decision in content.decisions:
                values.append(decision.text)
                for part in decision.parts:
                    values += [part.text, *part.parts]
            values += [a.text for a in content.actions]
            values += [f.text for f in content.follow_ups]
            values += [actions.get(closed, closed) for closed in content.closes_actions]
    corrections = [
        *(meeting.approval.corrections if meeting.approval else []),
        *(meeting.previous.corrections if meeting.previous else []),
    ]
    for correction in corrections:
        values += [v for v in (correction.quote, correction.replacement) if v]
    return values


def share(values: list[str], text: str) -> tuple[float, list[str]]:
    """The share of ``values`` found in ``text``, and those missing."""
    haystack = _plain(text)
    missing = [v for v in values if _plain(v) not in haystack]
    return (1 - len(missing) / len(values) if values else 1.0), missing


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def rendered_text(path: Path) -> str:
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    if path.suffix == ".docx":
        return str(pypandoc.convert_file(str(path), "plain", format="docx"))
    return html_text(path)


def render_all(root: Path, out: Path) -> None:
    for fmt in FORMATS:
        result = runner.invoke(
            app, ["render", str(root), "-o", str(out / fmt), "-f", fmt, "--jobs", "1"]
        )
        assert result.exit_code == 0, result.output
    publish(root, out / "site", jobs=1)


def scores(root: Path, out: Path) -> dict[tuple[str, str], tuple[float, list[str]]]:
    """(meeting, form) -> (share, missing) for every approved meeting under ``root``."""
    actions = action_texts(root)
    found = {}
    for path in sorted(root.rglob("*.md")):
        meeting = load_meeting(path).model
        if meeting is None or meeting.status.value != "approved":
            continue
        values = person_facing(meeting, actions)
        organ, name = path.parent.parent.name, path.stem
        forms = {fmt: out / fmt / f"{organ}-{name}.{fmt}" for fmt in FORMATS}
        forms["site"] = out / "site" / organ / path.parent.name / f"{name}.html"
        for form, file in forms.items():
            found[(f"{organ}/{name}", form)] = share(values, rendered_text(file))
    return found


@pytest.fixture(scope="module")
def bundled(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, str], tuple[float, list[str]]]:
    out = tmp_path_factory.mktemp("whole-bundled")
    render_all(REPO_ROOT / "minutes", out)
    return scores(REPO_ROOT / "minutes", out)


@pytest.fixture
def completed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[tuple[str, str], tuple[float, list[str]]]:
    """A meeting completed through the CLI: an action and a follow-up written only in the
    front matter, approved with a correction at a meeting that closes the action, whose own
    minutes are approved in turn."""
    use_git_env(monkeypatch)
    top = init_repo(
        tmp_path / "project",
        {
            "minutes/registry/organs.yaml": ORGANS_YAML,
            "minutes/registry/people.yaml": PEOPLE_YAML,
            "minutes/vvg/2025/2025-10-22.md": RECORD,
            "minutes/vvg/2025/2025-12-10.md": LATER,
            "minutes/vvg/2026/2026-02-11.md": NEXT,
        },
    )
    minutes = top / "minutes"
    for args in (
        [
            "minutes/vvg/2025/2025-10-22.md",
            "--at",
            "2025-12-10",
            "--correction",
            "Rättelse i punkt 2: bakgrunden",
            "--item",
            "2",
            "--quote",
            "Bakgrund i oktober.",
            "--replacement",
            "Bakgrund i november.",
        ],
        ["minutes/vvg/2025/2025-12-10.md", "--at", "2026-02-11"],
    ):
        result = runner.invoke(app, ["approve", str(top / args[0]), *args[1:]])
        assert result.exit_code == 0, result.output
    render_all(minutes, tmp_path / "out")
    return scores(minutes, tmp_path / "out")


def _report(found: dict[tuple[str, str], tuple[float, list[str]]]) -> str:
    return "\n".join(
        f"{meeting} {form}: {value:.3f} missing {missing}"
        for (meeting, form), (value, missing) in sorted(found.items())
    )


def test_every_bundled_meeting_is_whole_in_every_form(
    bundled: dict[tuple[str, str], tuple[float, list[str]]],
) -> None:
    assert len(bundled) == 2 * 4
    assert all(value == 1.0 for value, _ in bundled.values()), _report(bundled)


def test_a_meeting_completed_through_the_cli_is_whole_in_every_form(
    completed: dict[tuple[str, str], tuple[float, list[str]]],
) -> None:
    assert len(completed) == 2 * 4
    assert all(value == 1.0 for value, _ in completed.values()), _report(completed)
