"""Grow a minutes repository to N meetings by replicating its real meetings under new dates.

Each copy is the real file with its top-level ``date`` (and ``previous.date``, and
``approval.meeting``) rewritten in place at the positions vvgctl's own loader reports, so the
copies are as valid as the originals and chain to each other like a real history.

Like a real repository, the grown one also keeps its data files (unless ``data_files=False``):
``registry/`` (with ``documents.yaml``) as in the source, and for every organ and year the
grown meetings occupy a ``schedule.yaml`` listing them (date, time, place, mode) and a
``plan.yaml`` (the årshjul) modelled on the source's plan: its categories and recurring topics,
and its per-meeting topics moved to the same months of that year and keyed to the grown
meetings' dates or months. A planned position (``kind: decision`` on a case) is preceded by an
information topic on its case, as a real plan has it, so that the plan's cross-checks in
``vvgctl check`` run their whole course. A source without a plan gives schedules only.

    python benchmarks/grow.py minutes benchmarks/out/repo 10000 [--no-data-files] [--distinct]

Every copy holds the same passages as its original, so each passage recurs thousands of times:
search groups such copies and the index stores a recurring text once, which flatters both.
``distinct`` rotates the words of each prose line of the body by the copy's number, so that
(as in a real archive, where few paragraphs repeat) nearly every body passage is a text of its
own, with the same words.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from vvgctl.models.item import KINDS_REQUIRING_DECISION, ItemKind
from vvgctl.models.meeting import Meeting
from vvgctl.models.plan import PlanFile, PlannedMeeting, PlannedTopicEntry
from vvgctl.repository.discovery import meeting_files
from vvgctl.repository.repo import PLAN_FILE, SCHEDULE_FILE
from vvgctl.source.document import decode, split
from vvgctl.source.loading import load_yaml_file, parse_meeting
from vvgctl.source.yaml import load, round_trip

#: the first grown meeting; weekly after it. Schedules and plans accept the years 2000–2100,
#: so data files are written for those years only (10,000 meetings of two organs end in 2095).
FIRST_DAY = dt.date(2000, 1, 5)
DATA_YEARS = range(2000, 2101)


def _replace_at(lines: list[str], line: int, column: int, old: str, new: str) -> None:
    text = lines[line - 1]
    start = text.index(old, column - 1)
    lines[line - 1] = text[:start] + new + text[start + len(old) :]


def retarget(text: str, date: dt.date, previous: dt.date | None) -> str:
    """The meeting text with its date (and its previous-minutes date) changed."""
    doc = split(text)
    data, positions = load(doc.front_matter)
    lines = text.split("\n")
    offset = doc.front_matter_line - 1
    edits: list[tuple[tuple[str, ...], str | None]] = [(("date",), date.isoformat())]
    if isinstance(data.get("previous"), dict):
        edits.append((("previous", "date"), previous.isoformat() if previous else None))
    if isinstance(data.get("approval"), dict):
        edits.append((("approval", "meeting"), (date + dt.timedelta(days=49)).isoformat()))
    for path, value in edits:
        old = data
        for step in path:
            old = old[step]
        line, column = positions.values[path]
        if value is None:  # the first meeting of a history has no previous one in the repo
            value = (date - dt.timedelta(days=42)).isoformat()
        _replace_at(lines, line + offset, column, str(old), value)
    return "\n".join(lines)


_PROSE = re.compile(r"[A-Za-zÅÄÖåäö][^*_`\[<|#]*$")


def distinct(text: str, number: int) -> str:
    """The meeting with the words of every plain prose line of its body rotated by ``number``."""
    lines = text.split("\n")
    for i in range(split(text).body_line - 1, len(lines)):
        words = lines[i].split()
        if len(words) > 2 and _PROSE.match(lines[i]):
            turn = number % len(words)
            lines[i] = " ".join(words[turn:] + words[:turn])
    return "\n".join(lines)


def grow(
    source_root: Path, target_root: Path, count: int, *, data_files: bool = True, vary: bool = False
) -> list[Path]:
    """Write ``count`` meetings into ``target_root`` (replaced), with the source registry and,
    if ``data_files``, a schedule and a plan for every organ and year they occupy."""
    if target_root.exists():
        shutil.rmtree(target_root)
    shutil.copytree(source_root / "registry", target_root / "registry")
    originals = [decode(p.read_bytes()) for p in sorted(meeting_files([source_root]))]
    if not originals:
        raise SystemExit(f"no meetings in {source_root}")
    models = [_meeting(text) for text in originals]
    written: list[Path] = []
    held: dict[str, list[tuple[dt.date, Meeting]]] = defaultdict(list)
    last: dict[str, dt.date] = {}
    for index in range(count):
        text, model = originals[index % len(originals)], models[index % len(originals)]
        date = FIRST_DAY + dt.timedelta(days=7 * (index // len(originals)))
        target = target_root / model.organ / str(date.year) / f"{date.isoformat()}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        grown = retarget(text, date, last.get(model.organ))
        target.write_text(
            distinct(grown, index // len(originals)) if vary else grown, encoding="utf-8"
        )
        last[model.organ] = date
        held[model.organ].append((date, model))
        written.append(target)
    if data_files:
        template = _template(source_root)
        for organ, meetings in held.items():
            dates = [d for d, _ in meetings]
            for year in sorted({d.year for d in dates} & set(DATA_YEARS)):
                folder = target_root / organ / str(year)
                _dump(folder / SCHEDULE_FILE, _schedule(organ, year, meetings))
                if template is not None:
                    _dump(folder / PLAN_FILE, _plan(template, organ, year, dates))
    return written


def _meeting(text: str) -> Meeting:
    loaded = parse_meeting(text.encode("utf-8"), "original")
    if loaded.model is None:
        raise SystemExit(f"an original meeting does not validate: {loaded.diagnostics[0]}")
    return loaded.model


def _template(source_root: Path) -> PlanFile | None:
    """The source's first valid plan, the model of every grown one."""
    for path in sorted(source_root.glob(f"*/*/{PLAN_FILE}")):
        plan = load_yaml_file(path, PlanFile).model
        if plan is not None:
            return plan
    return None


def _schedule(organ: str, year: int, meetings: list[tuple[dt.date, Meeting]]) -> dict[str, Any]:
    """The schedule of the organ's grown meetings in ``year``, as the real one looks."""
    entries: list[dict[str, Any]] = []
    for date, meeting in meetings:
        if date.year != year:
            continue
        entry: dict[str, Any] = {"date": date}
        if meeting.time is not None:
            entry["time"] = {
                "start": f"{meeting.time.start:%H:%M}",
                "end": f"{meeting.time.end:%H:%M}",
            }
        if meeting.place:
            entry["place"] = meeting.place
        if meeting.mode is not None:
            entry["mode"] = meeting.mode.value
        entries.append(entry)
    return {"organ": organ, "year": year, "complete": True, "meetings": entries}


def _plan(template: PlanFile, organ: str, year: int, dates: list[dt.date]) -> dict[str, Any]:
    """The plan of ``organ`` for ``year``: the template moved by whole years onto the grown
    meetings. A planned meeting whose month has no grown meeting is left out."""
    shift = year - template.year

    def moved(text: str) -> str:  # "Årshjul 2025 / 2026" -> "Årshjul 1999 / 2000"
        return re.sub(r"\b(19|20)\d\d\b", lambda m: str(int(m.group()) + shift), text)

    def month(ym: tuple[int, int]) -> str:
        return f"{ym[0] + shift}-{ym[1]:02d}"

    first_by_month: dict[str, dt.date] = {}
    for date in dates:
        first_by_month.setdefault(f"{date:%Y-%m}", date)
    planned: list[tuple[dt.date, PlannedMeeting]] = []
    for planned_meeting in template.meetings:
        key = month(planned_meeting.year_month)
        if key not in first_by_month:
            continue
        topics = [
            t.model_copy(
                update={"title": moved(t.title), "case": moved(t.case) if t.case else None}
            )
            for t in planned_meeting.topics
        ]
        # every other planned meeting by date, the rest by month: both forms are in use
        by_date = len(planned) % 2 == 0
        planned.append(
            (
                first_by_month[key],
                PlannedMeeting(
                    date=first_by_month[key] if by_date else None,
                    month=None if by_date else key,
                    topics=topics,
                ),
            )
        )
    _inform_before_positions(planned)
    data = template.model_dump(
        mode="json", exclude_none=True, exclude_defaults=True, exclude={"meetings"}
    )
    data.update(organ=organ, year=year)
    for field in ("title", "start", "end"):
        if field in data:
            data[field] = moved(data[field])
    data["meetings"] = [
        {
            **meeting.model_dump(mode="json", exclude_none=True, exclude_defaults=True),
            **({"date": meeting.date} if meeting.date else {}),
        }
        for _, meeting in planned
    ]
    return data


def _inform_before_positions(planned: list[tuple[dt.date, PlannedMeeting]]) -> None:
    """Give each planned position (a decision on a case) an information topic on its case at
    the planned meeting before it, unless an earlier one has it already."""
    informed: set[str] = set()
    for index, (_, meeting) in enumerate(planned):
        for topic in meeting.topics:
            if topic.case is None or topic.kind is None:
                continue
            if topic.kind not in KINDS_REQUIRING_DECISION:
                informed.add(topic.case)
            elif topic.case not in informed and index > 0:
                planned[index - 1][1].topics.append(
                    PlannedTopicEntry(
                        title=f"Information inför {topic.title[:1].lower()}{topic.title[1:]}",
                        category=topic.category,
                        case=topic.case,
                        kind=ItemKind.INFORMATION,
                    )
                )
                informed.add(topic.case)


def _dump(path: Path, data: dict[str, Any]) -> None:
    with path.open("w", encoding="utf-8") as stream:
        stream.write("# Written by benchmarks/grow.py for the grown meetings.\n")
        round_trip().dump(data, stream)


if __name__ == "__main__":
    flags = {"--no-data-files", "--distinct"}
    source, target, number = (a for a in sys.argv[1:] if a not in flags)
    grown = grow(
        Path(source),
        Path(target),
        int(number),
        data_files="--no-data-files" not in sys.argv,
        vary="--distinct" in sys.argv,
    )
    print(f"{len(grown)} meetings in {target}")
