"""Organs' meeting schedules: ``<organ>/<year>/schedule.yaml`` read, checked and queried.

``vvgctl check`` validates every schedule (the kind is registered here) and checks that the file
stands where its organ and year say. :func:`load_schedule` gives an organ's meetings over all
years; :func:`next_meeting` the first one on or after a day (used by ``vvgctl new-meeting``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from vvgctl.diagnostics import Diagnostic, RuleCode
from vvgctl.errors import VvgError
from vvgctl.message import Message
from vvgctl.models.schedule import ScheduleEntry, ScheduleFile
from vvgctl.repository.datafiles import DataFileKind
from vvgctl.repository.registry import RegistryIndex
from vvgctl.repository.repo import SCHEDULE_FILE, Repository
from vvgctl.runtime.i18n import N_
from vvgctl.source.loading import Loaded

M = TypeVar("M", bound=BaseModel)

#: the file does not stand at ``<organ>/<year>/schedule.yaml`` of its own organ and year
CODE_LOCATION = "schedule-location"
#: the organ is not in the registry
CODE_ORGAN = "schedule-organ"
#: a meeting dated outside the file's year, or listed twice
CODE_DATE = "schedule-date"


def location_problems(
    loaded: Loaded[BaseModel], registry: RegistryIndex, organ: str, year: int, name: str
) -> list[Diagnostic]:
    """The organ must be known, and the file must stand in its organ's folder for its year.

    Shared by the schedule and the plan (``plan.yaml``), whose codes differ by prefix.
    """
    found = []
    prefix = name.split(".")[0]
    organs = registry.organ_ids()
    if organs and organ not in organs:
        found.append(
            loaded.error(
                f"{prefix}-organ",
                Message(N_("unknown organ {organ!r}"), {"organ": organ}),
                "organ",
                hint=Message(N_("known organs: {organs}"), {"organs": ", ".join(organs)}),
            )
        )
    path = Path(loaded.path).absolute()  # shown relative to the working folder
    expected = Path(organ) / f"{year:04d}" / name
    if path.parts[-3:] != expected.parts:
        found.append(
            loaded.error(
                f"{prefix}-location",
                Message(
                    N_("this file says organ {organ!r} and year {year}, but it stands at {parts}"),
                    {"organ": organ, "year": year, "parts": "/".join(path.parts[-3:])},
                ),
                "organ",
                hint=Message(
                    N_(
                        "move it to {as_posix} below the repository root, or correct 'organ' and "
                        "'year'"
                    ),
                    {"as_posix": expected.as_posix()},
                ),
            )
        )
    return found


def _cross_check(loaded: Loaded[BaseModel], repository: Repository) -> list[Diagnostic]:
    schedule = loaded.model
    assert isinstance(schedule, ScheduleFile)
    found = location_problems(
        loaded, repository.registry, schedule.organ, schedule.year, SCHEDULE_FILE
    )
    seen: set[dt.date] = set()
    for index, entry in enumerate(schedule.meetings):
        if entry.date.year != schedule.year:
            found.append(
                loaded.error(
                    CODE_DATE,
                    Message(
                        N_("the meeting {date} is not in the year {year}"),
                        {"date": entry.date, "year": schedule.year},
                    ),
                    "meetings",
                    index,
                    "date",
                    hint=Message(
                        N_("move it to {organ}/{year}/{SCHEDULE_FILE}"),
                        {
                            "organ": schedule.organ,
                            "year": entry.date.year,
                            "SCHEDULE_FILE": SCHEDULE_FILE,
                        },
                    ),
                )
            )
        elif entry.date in seen:
            found.append(
                loaded.error(
                    CODE_DATE,
                    Message(N_("the meeting {date} is listed twice"), {"date": entry.date}),
                    "meetings",
                    index,
                    "date",
                    hint=N_("keep one entry per meeting; a change goes in 'change'"),
                )
            )
        seen.add(entry.date)
    return found


#: the schedule as a data file kind (listed by :mod:`vvgctl.checking.registry`)
KIND = DataFileKind(
    "schedule",
    f"*/*/{SCHEDULE_FILE}",
    ScheduleFile,
    (_cross_check,),
    codes=(
        RuleCode(
            CODE_LOCATION,
            N_("a schedule stands at <organ>/<year>/schedule.yaml of its own organ and year"),
        ),
        RuleCode(CODE_ORGAN, N_("the schedule's organ is in the registry")),
        RuleCode(CODE_DATE, N_("every meeting is dated inside the file's year, and listed once")),
    ),
)


def load_schedule(
    repository: Repository, organ: str, *, strict: bool = False
) -> list[ScheduleEntry]:
    """The organ's scheduled meetings over all years, sorted by date.

    A schedule that does not validate is skipped (``vvgctl check`` reports it), unless
    ``strict``, which raises :class:`~vvgctl.errors.VvgError` naming the file and line.
    Cancelled meetings are left out.
    """
    if not strict:  # the same answer for every caller in a command: once
        return repository.derived(f"schedule:{organ}", lambda r: _load(r, organ, strict=False))
    return _load(repository, organ, strict=True)


def _load(repository: Repository, organ: str, *, strict: bool) -> list[ScheduleEntry]:
    entries = [
        e
        for loaded in organ_data_files(
            repository, organ, SCHEDULE_FILE, ScheduleFile, "schedule", strict=strict
        )
        for e in loaded.model.meetings  # type: ignore[union-attr]
        if not e.cancelled
    ]
    return sorted(entries, key=lambda e: e.date)


def organ_data_files(
    repository: Repository, organ: str, name: str, model: type[M], what: str, *, strict: bool
) -> list[Loaded[M]]:
    """The organ's valid ``<year>/<name>`` files (schedules, plans), oldest year first. One that
    does not validate is skipped (``vvgctl check`` reports it), or raised if ``strict``."""
    found: list[Loaded[M]] = []
    for path in repository.organ_files(organ, name):
        loaded = repository.data(path, model)
        if loaded.model is None:
            if strict:
                raise invalid_file_error(loaded, what)
            continue
        found.append(loaded)
    return found


def next_meeting(repository: Repository, organ: str, after: dt.date) -> ScheduleEntry | None:
    """The organ's first scheduled meeting on or after ``after``."""
    return next((e for e in load_schedule(repository, organ) if e.date >= after), None)


def invalid_file_error(loaded: Loaded[Any], what: str) -> Exception:
    """The error for a data file that does not validate, at its first problem."""
    first = loaded.diagnostics[0] if loaded.diagnostics else None
    return VvgError(
        Message(N_("the {what} is not valid: {problem}"), {"what": what, "problem": first.message})
        if first
        else Message(N_("the {what} is not valid"), {"what": what}),
        path=loaded.path,
        line=first.line if first else None,
        hint=N_("run `vvgctl check` for every problem"),
    )
