"""The årshjul: the real 2025/2026 plan, recurring rules, follow-ups, held/slipped, the check,
and the formats (Markdown, SVG, iCalendar, PDF) through the CLI."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
from typer.testing import CliRunner

from tests.conftest import MEETING_MD, MINUTES, RepoFactory
from vvgctl.arshjul.build import build
from vvgctl.arshjul.checks import planned_topics
from vvgctl.arshjul.model import FOLLOW_UP_ROW, Source, TopicStatus
from vvgctl.checking.check import run_check
from vvgctl.cli.app import app
from vvgctl.repository.repo import Repository
from vvgctl.source.loading import load_meeting

runner = CliRunner()

PLAN = """\
organ: vvg
year: 2026
start: 2025-10
end: 2026-06
categories:
  - {id: uppfoljning, name: Uppföljning}
  - {id: shvo, name: Förvaltningsplan SHVO}
meetings:
  - date: 2025-10-22
    topics:
      - {title: Egenvård, category: uppfoljning, case: "0755"}
      - {title: Budget för nästa år, category: uppfoljning}
  - month: 2026-02
    topics:
      - {title: Information om planen, category: shvo, case: plan-x, kind: information}
recurring:
  - {title: "Beredning av förvaltningsplan för {next_year}", category: shvo, month: 12}
  - {title: "Årsredovisning {previous_year}", category: uppfoljning, month: 4}
  - {title: "Behov för {year}", category: shvo, quarter: 1}
"""

SCHEDULE = """\
organ: vvg
year: 2025
meetings:
  - {date: 2025-10-22, time: {start: "09:00", end: "11:00"}, place: Teams, mode: remote}
  - date: 2025-12-10
    time: {start: "09:00", end: "12:00"}
    place: GR-huset
    mode: in_person
    change: ändras till 9.00–12.00, lokal i GR-huset
"""

FOLLOWING = MEETING_MD.replace(
    "        text: Vårdsamverkan Västra Götaland noterar informationen.\n",
    "        text: Vårdsamverkan Västra Götaland noterar informationen.\n"
    "    follow_ups:\n"
    '      - {text: Enkätförslaget presenteras., meeting: next, case: "0755"}\n'
    "      - {text: Trach lyfts igen., meeting: after-next, case: trach}\n",
)


def _repo(make_repo: RepoFactory, plan: str = PLAN) -> Path:
    return make_repo(
        {
            "vvg/2026/plan.yaml": plan,
            "vvg/2025/schedule.yaml": SCHEDULE,
            "vvg/2025/2025-10-22.md": FOLLOWING,
        }
    )


def _titles(arshjul: object, label: str) -> list[str]:
    column = next(c for c in arshjul.columns if c.label() == label)  # type: ignore[attr-defined]
    return [t.title for t in column.topics]


# --- the real data ---------------------------------------------------------------------------


def test_real_plan_reproduces_the_arshjul_table_of_the_minutes() -> None:
    """The table kept by hand in the minutes 2025-10-22 (item 10) is what the plan gives."""
    minutes = load_meeting(MINUTES / "vvg" / "2025" / "2025-10-22.md").model
    assert minutes is not None
    table = next(
        t for i in minutes.items for t in i.tables if (t.title or "").startswith("Årshjul")
    )
    arshjul = build(Repository(MINUTES), "vvg", 2026)
    assert arshjul.title == table.title
    assert [c.label() for c in arshjul.columns] == table.columns
    names = {r.name: r.id for r in arshjul.rows}
    for row in table.rows:
        for column, cell in zip(arshjul.columns, row.cells, strict=True):
            planned = [
                t.title for t in arshjul.cell(column, names[row.label]) if not t.from_follow_up_only
            ]
            assert sorted(planned) == sorted(cell), (row.label, column.label())


def test_real_follow_ups_of_the_minutes_join_the_arshjul() -> None:
    arshjul = build(Repository(MINUTES), "vvg", 2026)
    found = {(c.label(), o.item) for c in arshjul.columns for t in c.topics for o in t.follow_ups}
    assert {
        ("December 2025", "4"),
        ("December 2025", "5"),
        ("Februari 2026", "5"),
        ("Juni 2026", "7"),
    } <= found
    june = next(c for c in arshjul.columns if c.label() == "Juni 2026")
    samtycke = next(t for t in june.topics if t.case == "riktlinje-samtycke")
    assert {o.source for o in samtycke.origins} == {Source.PLAN, Source.FOLLOW_UP}


def test_real_recurring_rules_carry_into_the_next_year() -> None:
    arshjul = build(Repository(MINUTES), "vvg", 2027)
    assert any("2026" in note for note in arshjul.notes)
    april = _titles(arshjul, "April 2027")
    assert "Årsredovisning 2026" in april
    assert "Ställningstagande till förvaltningsplan för 2027" in april


# --- merging ---------------------------------------------------------------------------------


def test_recurring_rule_across_the_year_boundary(make_repo: RepoFactory) -> None:
    root = _repo(make_repo)
    arshjul = build(Repository(root), "vvg", 2026)
    assert "Beredning av förvaltningsplan för 2026" in _titles(arshjul, "10 december 2025")
    assert "Behov för 2026" in _titles(arshjul, "Februari 2026")  # first meeting of Q1
    assert "Årsredovisning 2025" in _titles(arshjul, "April 2026")  # a month of its own
    later = build(Repository(root), "vvg", 2027)  # no plan for 2027: the rules of 2026 hold
    assert "Beredning av förvaltningsplan för 2028" in _titles(later, "December 2027")
    assert "Behov för 2027" in _titles(later, "Januari 2027")


def test_follow_ups_aim_at_next_and_after_next(make_repo: RepoFactory) -> None:
    arshjul = build(Repository(_repo(make_repo)), "vvg", 2026)
    december = next(c for c in arshjul.columns if c.label() == "10 december 2025")
    assert december.entry is not None and december.entry.change
    joined = [t for t in december.topics if t.case == "0755"]
    assert joined and joined[0].follow_ups[0].text == "Enkätförslaget presenteras."
    february = next(c for c in arshjul.columns if c.label() == "Februari 2026")
    own = [t for t in february.topics if t.title == "Trach lyfts igen."]
    assert own and own[0].category == FOLLOW_UP_ROW
    assert arshjul.row(FOLLOW_UP_ROW) is not None


def test_held_and_slipped_are_marked_from_the_minutes(make_repo: RepoFactory) -> None:
    arshjul = build(Repository(_repo(make_repo)), "vvg", 2026)
    october = next(c for c in arshjul.columns if c.date == dt.date(2025, 10, 22))
    status = {t.title: (t.status, t.held_item) for t in october.topics}
    assert status["Egenvård"] == (TopicStatus.HELD, "2")
    assert status["Budget för nästa år"] == (TopicStatus.SLIPPED, None)
    later = next(c for c in arshjul.columns if c.label() == "Februari 2026")
    assert all(t.status is TopicStatus.PLANNED for t in later.topics)


def test_planned_topics_for_a_new_meeting(make_repo: RepoFactory) -> None:
    root = _repo(make_repo)
    found = planned_topics(Repository(root), "vvg", dt.date(2025, 12, 10))
    assert ("Förvaltningsplan SHVO", "Beredning av förvaltningsplan för 2026") in {
        (t.category, t.title) for t in found
    }
    # a date inside a planned month
    feb = planned_topics(Repository(root), "vvg", dt.date(2026, 2, 4))
    assert "Information om planen" in {t.title for t in feb}


# --- the check -------------------------------------------------------------------------------


def _codes(root: Path) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for d in run_check([root], use_cache=False).diagnostics:
        if d.path.endswith("plan.yaml"):
            found.setdefault(d.code, []).append(d.line)
    return found


def test_check_accepts_the_plan(make_repo: RepoFactory) -> None:
    assert _codes(_repo(make_repo)) == {}


def test_check_flags_unknown_category_and_unscheduled_date(make_repo: RepoFactory) -> None:
    plan = PLAN.replace('category: uppfoljning, case: "0755"', 'category: nope, case: "0755"')
    plan = plan.replace("  - month: 2026-02\n", "  - date: 2026-02-11\n")
    codes = _codes(_repo(make_repo, plan=plan))
    assert codes["plan-unknown-category"] == [11]
    assert codes["plan-unscheduled"] == [13]


def test_check_flags_a_position_without_information(make_repo: RepoFactory) -> None:
    plan = PLAN.replace("case: plan-x, kind: information", "case: plan-x, kind: decision")
    assert _codes(_repo(make_repo, plan=plan)) == {"plan-position-without-information": [15]}
    informed = plan.replace(
        '      - {title: Egenvård, category: uppfoljning, case: "0755"}',
        '      - {title: Egenvård, category: uppfoljning, case: "0755"}\n'
        "      - {title: Planen, category: shvo, case: plan-x, "
        "kind: information}",
    )
    assert _codes(_repo(make_repo, plan=informed)) == {}
    held = plan.replace("case: plan-x, kind: decision", 'case: "0755", kind: decision')
    assert _codes(_repo(make_repo, plan=held)) == {}


# --- formats through the CLI -----------------------------------------------------------------


def _run(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["arshjul", "--organ", "vvg", "--root", str(root), *args])
    return result.exit_code, result.output


def test_markdown_table_of_the_real_data() -> None:
    code, out = _run(MINUTES, "--year", "2026", "--format", "md")
    assert code == 0, out
    assert "| | December 2025 | Februari 2026 | April 2026 | Juni 2026 | September 2026 |" in out
    assert "| **Förvaltningsplan SHVO** | Slutrapport GITS för 2025; Beredning av " in out
    assert "mötet 2025-10-22, punkt 7" in out


def test_svg_is_accessible_xml_with_the_topics_as_text(tmp_path: Path) -> None:
    target = tmp_path / "hjul.svg"
    code, out = _run(MINUTES, "--year", "2026", "--format", "svg", "-o", str(target))
    assert code == 0, out
    tree = ET.parse(target)
    ns = {"s": "http://www.w3.org/2000/svg"}
    svg = tree.getroot()
    assert svg.get("role") == "img" and svg.get("aria-labelledby")
    assert tree.find("s:title", ns) is not None and tree.find("s:desc", ns) is not None
    texts = " ".join(t.text or "" for t in tree.iterfind(".//s:text", ns))
    assert "Ställningstagande till förvaltningsplan för" in texts
    assert "Uppföljning" in texts and "apr" in texts
    sizes = [float(t.get("font-size", "0")) for t in tree.iterfind(".//s:text", ns)]
    assert min(sizes) >= 10  # at least 7.5 pt on A4


def test_ics_parses_back_with_stable_uids_and_local_time(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    root = _repo(make_repo)
    code, out = _run(root, "--year", "2026", "--format", "ics", "-o", str(tmp_path / "a.ics"))
    assert code == 0, out
    calendar = icalendar.Calendar.from_ical((tmp_path / "a.ics").read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"vvg-2025-10-22@vvgctl", "vvg-2025-12-10@vvgctl"}
    december = events["vvg-2025-12-10@vvgctl"]
    start = december.decoded("dtstart")
    assert start == dt.datetime(2025, 12, 10, 9, 0, tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Europe/Stockholm"
    assert str(december["location"]) == "GR-huset"
    assert "Beredning av förvaltningsplan för 2026" in str(december["description"])
    assert "ändras till 9.00–12.00" in str(december["description"])
    again = runner.invoke(
        app, ["arshjul", "--organ", "vvg", "--root", str(root), "--year", "2026", "--format", "ics"]
    ).output
    assert "UID:vvg-2025-12-10@vvgctl" in again


def test_output_file_is_not_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("mine", encoding="utf-8")
    code, out = _run(MINUTES, "--year", "2026", "--format", "md", "-o", str(target))
    assert code == 2 and "--force" in out
    assert target.read_text(encoding="utf-8") == "mine"
    code, _ = _run(MINUTES, "--year", "2026", "--format", "md", "-o", str(target), "--force")
    assert code == 0 and "Årshjul 2025 / 2026" in target.read_text(encoding="utf-8")


def test_unknown_organ_is_a_usage_error() -> None:
    result = runner.invoke(app, ["arshjul", "--organ", "nope", "--root", str(MINUTES)])
    assert result.exit_code == 2 and "vvg" in result.output


def test_pdf_through_the_rendering_pipeline(tmp_path: Path) -> None:
    target = tmp_path / "hjul.pdf"
    code, out = _run(MINUTES, "--year", "2026", "--format", "pdf", "-o", str(target))
    assert code == 0, out
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000
    from pypdf import PdfReader

    page = PdfReader(target).pages[0]
    # a wide table: the A4 page is turned, and no topic is cut off at a cell's edge
    assert page.mediabox.width > page.mediabox.height
    text = " ".join(page.extract_text().split())
    assert "Uppföljning" in text and "December 2025" in text
    assert "Avvikelser" in text


def test_an_edited_meeting_is_read_anew_after_the_cache(tmp_path: Path) -> None:
    import os
    import shutil

    root = tmp_path / "minutes"
    shutil.copytree(MINUTES, root)
    old = "Förslag på enkät för uppföljning av länsgemensam riktlinje för egenvård presenteras."
    code, first = _run(root, "--year", "2026", "--format", "md")
    assert code == 0 and old in first
    meeting = root / "vvg" / "2025" / "2025-10-22.md"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace(old, "Enkätförslaget om egenvård visas."), encoding="utf-8")
    stat = meeting.stat()  # the size changes too, but make the mtime differ for certain
    os.utime(meeting, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    code, second = _run(root, "--year", "2026", "--format", "md")
    assert code == 0
    assert old not in second and "Enkätförslaget om egenvård visas." in second


def test_json_for_scripts_has_every_meeting_topic_and_origin() -> None:
    import json

    code, out = _run(MINUTES, "--year", "2026", "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert data["format"] == "vvgctl.arshjul/1" and data["organ"] == "vvg"
    assert [m["month"] for m in data["meetings"]] == [
        "2025-12",
        "2026-02",
        "2026-04",
        "2026-06",
        "2026-09",
    ]
    december = data["meetings"][0]
    assert december["date"] is None and december["tentative"] is True
    titles = {t["title"]: t for t in december["topics"]}
    survey = titles["Länsgemensam riktlinje egenvård - enkätförslag"]
    assert survey["category"] == "uppfoljning" and survey["status"] == "planned"
    follow_up = next(o for o in survey["origins"] if o["source"] == "follow_up")
    assert follow_up["file"].endswith("vvg/2025/2025-10-22.md")
    assert follow_up["meeting"] == "2025-10-22" and follow_up["item"] == "5"
    assert follow_up["line"] == _line_of(
        MINUTES / "vvg/2025/2025-10-22.md", "Förslag på enkät för uppföljning"
    )


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_every_format_has_one_export() -> None:
    """Issue 27: the formats are keyed by name in one table, not switched by an if-chain."""
    from vvgctl.cli.arshjul import EXPORTS, ArshjulFormat

    assert set(EXPORTS) == {f.value for f in ArshjulFormat}
