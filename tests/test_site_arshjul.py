"""The published årshjul and calendars come from the plans and schedules (issue 15.4), and the
calendars are RFC 5545 calendars that `publish` and `arshjul --format ics` agree on (issue 17):
a real publish into real files, parsed back with the icalendar library."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from tests.conftest import MEETING_MD, RepoFactory
from tests.test_arshjul import PLAN, SCHEDULE
from vvgctl.cli.app import app
from vvgctl.publish.site import publish

runner = CliRunner()

SRO_SCHEDULE = """\
organ: sro
year: 2026
meetings:
  - {date: 2026-03-20, time: {start: "13:00", end: "15:00"}, place: Regionens hus}
"""
SRO_PLAN_BY_MONTH = """\
organ: sro
year: 2026
categories: [{id: beslut, name: Beslut}]
meetings:
  - month: 2026-05
    topics: [{title: Budget för samverkan, category: beslut}]
"""
SECRET = "Hemlig Zebrafink"
DRAFT = (
    MEETING_MD.replace("date: 2025-10-22", "date: 2025-12-10")
    .replace("status: approved", "status: draft")
    .replace("title: Egenvård", "title: Egenvård utkast")
    .replace(
        "        text: Vårdsamverkan Västra Götaland noterar informationen.\n",
        "        text: Vårdsamverkan Västra Götaland noterar informationen.\n"
        f"    follow_ups:\n      - {{text: {SECRET} följs upp., meeting: 2026-02}}\n",
    )
)


def _repo(make_repo: RepoFactory, extra: dict[str, str | bytes] | None = None) -> Path:
    files: dict[str, str | bytes] = {
        "vvg/2026/plan.yaml": PLAN,
        "vvg/2025/schedule.yaml": SCHEDULE,
        "sro/2026/schedule.yaml": SRO_SCHEDULE,
    }
    return make_repo({**files, **(extra or {})})


def _events(data: bytes) -> dict[str, icalendar.Component]:
    return {str(e["uid"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def _cli_ics(root: Path, organ: str, year: int) -> tuple[int, bytes, str]:
    result = runner.invoke(
        app,
        ["arshjul", "--organ", organ, "--year", str(year), "--root", str(root), "--format", "ics"],
    )
    return result.exit_code, result.stdout_bytes, result.stderr


def test_a_topic_added_to_the_plan_shows_on_the_published_page(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    root, out = _repo(make_repo), tmp_path / "site"
    publish(root, out)
    page = out / "arshjul/vvg/2026.html"
    assert "Information om planen" in page.read_text()
    assert 'href="arshjul/vvg/2026.html"' in (out / "arshjul.html").read_text()
    assert (out / "arshjul/vvg/2026.svg").is_file() and (out / "arshjul/sro/2026.html").is_file()
    plan = root / "vvg/2026/plan.yaml"
    plan.write_text(
        plan.read_text().replace(
            "      - {title: Information om planen,",
            "      - {title: Nytt ämne Havsörn, category: shvo}\n"
            "      - {title: Information om planen,",
        )
    )
    report = publish(root, out)
    assert "Nytt ämne Havsörn" in page.read_text()
    assert "arshjul/vvg/2026.html" in report.written
    assert "Nytt ämne Havsörn" in (out / "arshjul/vvg/2026.svg").read_text()


def test_held_marks_and_follow_ups_come_from_approved_minutes_only(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    root, out = _repo(make_repo, {"vvg/2025/2025-12-10.md": DRAFT}), tmp_path / "site"
    publish(root, out)
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".svg", ".ics"):
            assert SECRET not in path.read_text(), path
    page = (out / "arshjul/vvg/2026.html").read_text()
    assert "(behandlat, punkt 2)" in page  # Egenvård, in the approved minutes 2025-10-22
    assert "2025-12-10.html" not in page  # the draft has no page to link to
    cli = runner.invoke(
        app,
        ["arshjul", "--organ", "vvg", "--year", "2026", "--root", str(root), "--format", "json"],
    )  # the command reads drafts too
    assert cli.exit_code == 0 and SECRET in cli.stdout


def test_every_organ_gets_its_calendar_and_a_meeting_one_uid(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    root, out = _repo(make_repo), tmp_path / "site"
    publish(root, out)
    site = {
        organ: _events((out / f"kalender/{organ}.ics").read_bytes()) for organ in ("vvg", "sro")
    }
    assert set(site["sro"]) == {"sro-2026-03-20@vvgctl"}
    assert set(site["vvg"]) == {"vvg-2025-10-22@vvgctl", "vvg-2025-12-10@vvgctl"}
    index = (out / "arshjul.html").read_text()
    assert 'href="kalender/vvg.ics"' in index and 'href="kalender/sro.ics"' in index
    for organ, year in (("vvg", 2026), ("vvg", 2025), ("sro", 2026)):
        code, data, err = _cli_ics(root, organ, year)
        assert code == 0, err
        cli = _events(data)
        assert cli and set(cli) <= set(site[organ])
        for key, event in cli.items():  # the same event: time, place, stamp
            for name in ("dtstart", "dtend", "dtstamp", "location", "summary"):
                assert event.get(name) == site[organ][key].get(name), (key, name)


def test_two_runs_give_the_same_bytes_and_dtstamp_is_the_last_commit(
    make_repo: RepoFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repo(make_repo)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    env = {
        "GIT_AUTHOR_DATE": "2026-01-15T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-01-15T10:00:00+00:00",
    }
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "x"],
    ):
        subprocess.run(
            ["git", "-C", str(root), *args],
            check=True,
            capture_output=True,
            env={**os.environ, **env},
        )
    first, second = tmp_path / "a", tmp_path / "b"
    publish(root, first)
    (root / "vvg/2025/schedule.yaml").touch()  # a new mtime changes nothing
    publish(root, second)
    for organ in ("vvg", "sro"):
        assert (first / f"kalender/{organ}.ics").read_bytes() == (
            second / f"kalender/{organ}.ics"
        ).read_bytes()
    runs = [_cli_ics(root, "vvg", 2026)[1] for _ in range(2)]
    assert runs[0] == runs[1]
    stamp = next(iter(_events(runs[0]).values())).decoded("dtstamp")
    assert stamp == dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # reproducible builds win
    stamp = next(iter(_events(_cli_ics(root, "vvg", 2026)[1]).values())).decoded("dtstamp")
    assert stamp == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_the_timezone_holds_after_2038(make_repo: RepoFactory, tmp_path: Path) -> None:
    root = make_repo(
        {
            "sro/2040/schedule.yaml": SRO_SCHEDULE.replace("2026", "2040").replace(
                "2040-03-20", "2040-07-04"
            )
        }
    )
    code, data, err = _cli_ics(root, "sro", 2040)
    assert code == 0, err
    calendar = icalendar.Calendar.from_ical(data)
    [zone] = calendar.walk("VTIMEZONE")
    assert isinstance(zone, icalendar.Timezone)
    assert all(
        "UNTIL" not in str(r["rrule"]) and "COUNT" not in str(r["rrule"])
        for r in zone.subcomponents
    )
    tz = zone.to_tz()
    for day, hours in (
        (dt.datetime(2039, 1, 10, 12), 1),
        (dt.datetime(2040, 7, 4, 13), 2),
        (dt.datetime(2099, 10, 30, 12), 1),
        (dt.datetime(2099, 6, 1), 2),
    ):
        assert day.replace(tzinfo=tz).utcoffset() == dt.timedelta(hours=hours), day
    [event] = calendar.walk("VEVENT")
    assert "DTSTART;TZID=Europe/Stockholm:20400704T130000" in data.decode()
    assert event.decoded("dtstart").astimezone(dt.UTC).hour == 11


def test_a_year_without_a_dated_meeting_is_refused(make_repo: RepoFactory, tmp_path: Path) -> None:
    root = make_repo({"sro/2026/plan.yaml": SRO_PLAN_BY_MONTH}, meeting=False)
    target = tmp_path / "sro.ics"
    result = runner.invoke(
        app,
        [
            "arshjul",
            "--organ",
            "sro",
            "--year",
            "2026",
            "--root",
            str(root),
            "--format",
            "ics",
            "-o",
            str(target),
        ],
    )
    assert result.exit_code == 1
    assert "no meeting of Samrådsorganet 2026 has a date" in result.stderr
    assert not target.exists()
    out = tmp_path / "site"  # the site: the årshjul page, no calendar, a warning, exit 0
    report = publish(root, out)
    assert report.exit_code == 0 and not (out / "kalender/sro.ics").exists()
    assert "Budget för samverkan" in (out / "arshjul/sro/2026.html").read_text()
    assert any("kalender/sro.ics" in w for w in report.warnings)
    assert "ingen kalender för Samrådsorganet" in (out / "arshjul.html").read_text()
