"""An organ's plan for a year (årshjul): ``<organ>/<year>/plan.yaml``.

The plan names its categories (the rows of the årshjul), the topics planned for given meetings
(by date, or by month while the date is not fixed) and the topics that recur every year
("every year at the April meeting", "the first meeting of the first quarter").
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import string
from typing import Annotated

from pydantic import Field, model_validator

from vvgctl.message import Message
from vvgctl.models.common import CASE_PATTERN, CaseId, Identifier, Model
from vvgctl.models.item import ItemKind
from vvgctl.runtime.i18n import N_

YearMonth = Annotated[
    str,
    Field(
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
        title="Månad",
        description="År och månad, t.ex. '2026-04'",
    ),
]

Colour = Annotated[
    str, Field(pattern=r"^#[0-9a-fA-F]{6}$", title="Färg", description="T.ex. '#1f5c99'")
]

#: the placeholders a recurring title or case may hold
PLACEHOLDERS = frozenset({"year", "previous_year", "next_year"})


def month_of(value: str) -> tuple[int, int]:
    """'2026-04' -> (2026, 4)."""
    year, month = value.split("-")
    return int(year), int(month)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


class Category(Model):
    """A row of the årshjul."""

    id: Identifier = Field(title="Id")
    name: str = Field(min_length=1, title="Namn", description="Radens rubrik, t.ex. 'Uppföljning'")
    colour: Colour | None = Field(
        None, title="Färg", description="Färg i hjulet (annars en färg ur standardpaletten)"
    )


class PlannedTopicEntry(Model):
    """A topic planned for one meeting."""

    title: str = Field(min_length=1, title="Rubrik")
    category: Identifier = Field(title="Kategori", description="En kategori i 'categories'")
    case: CaseId | None = Field(None, title="Ärende")
    kind: ItemKind | None = Field(
        None,
        title="Typ av ärende",
        description="T.ex. information eller decision (ställningstagande)",
    )
    note: str | None = Field(None, title="Anmärkning")


class PlannedMeeting(Model):
    """A meeting of the plan: a date, or a month while the date is not fixed."""

    date: dt.date | None = Field(None, title="Datum")
    month: YearMonth | None = Field(None, title="Månad")
    topics: list[PlannedTopicEntry] = Field(default_factory=list, title="Ämnen")

    @model_validator(mode="after")
    def _one_of(self) -> PlannedMeeting:
        if (self.date is None) == (self.month is None):
            raise ValueError(N_("give either 'date' (2026-04-15) or 'month' (2026-04)"))
        return self

    @property
    def year_month(self) -> tuple[int, int]:
        if self.date is not None:
            return self.date.year, self.date.month
        assert self.month is not None
        return month_of(self.month)


class Occurrence(str, enum.Enum):
    """Which of the meetings in the month or quarter a recurring topic goes to."""

    FIRST = "first"
    LAST = "last"
    EVERY = "every"


class RecurringTopic(Model):
    """A topic that comes back every year, e.g. at the April meeting.

    ``title`` and ``case`` may hold ``{year}``, ``{previous_year}`` and ``{next_year}``:
    "Årsredovisning {previous_year}" at the April meeting of 2026 is "Årsredovisning 2025".
    """

    title: str = Field(min_length=1, title="Rubrik")
    category: Identifier = Field(title="Kategori")
    case: str | None = Field(None, title="Ärende", description="Ärende-id, får innehålla {year}")
    kind: ItemKind | None = Field(None, title="Typ av ärende")
    month: int | None = Field(
        None, ge=1, le=12, title="Månad", description="Mötet i denna månad (1–12), varje år"
    )
    quarter: int | None = Field(
        None, ge=1, le=4, title="Kvartal", description="Ett möte i detta kvartal (1–4), varje år"
    )
    meeting: Occurrence = Field(
        Occurrence.FIRST, title="Vilket möte", description="first, last eller every möte i perioden"
    )
    since: int | None = Field(
        None,
        ge=2000,
        le=2100,
        title="Från år",
        description="Första året (annars planens första år)",
    )
    until: int | None = Field(
        None, ge=2000, le=2100, title="Till år", description="Sista året (annars tills vidare)"
    )
    note: str | None = Field(None, title="Anmärkning")

    @model_validator(mode="after")
    def _valid(self) -> RecurringTopic:
        if (self.month is None) == (self.quarter is None):
            raise ValueError(N_("give either 'month' (4: the April meeting) or 'quarter' (1)"))
        for text in (self.title, self.case or ""):
            try:
                unknown = _placeholders(text) - PLACEHOLDERS
            except ValueError as exc:
                raise ValueError(
                    Message(
                        N_("{text!r}: {exc}; write a brace as {{{{ or }}}}"),
                        {"text": text, "exc": exc},
                    )
                ) from None
            if unknown:
                raise ValueError(
                    f"{text!r}: unknown placeholder {sorted(unknown)[0]!r}; use "
                    + ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
                )
        if self.since and self.until and self.until < self.since:
            raise ValueError(
                Message(
                    N_("'until' ({until}) is before 'since' ({since})"),
                    {"until": self.until, "since": self.since},
                )
            )
        return self

    def months(self) -> list[int]:
        if self.month is not None:
            return [self.month]
        assert self.quarter is not None
        return [3 * self.quarter - 2, 3 * self.quarter - 1, 3 * self.quarter]

    def applies(self, year: int, first_year: int) -> bool:
        return (self.since or first_year) <= year <= (self.until or 9999)

    def render(self, year: int) -> tuple[str, str | None]:
        values = {"year": year, "previous_year": year - 1, "next_year": year + 1}
        case = self.case.format(**values) if self.case else None
        return self.title.format(**values), case


_CASE = re.compile(CASE_PATTERN)  # fullmatch: Python's $ also matches before a newline


class PlanFile(Model):
    """``<organ>/<year>/plan.yaml``: the årshjul of one organ and year."""

    organ: Identifier = Field(title="Organ")
    year: int = Field(ge=2000, le=2100, title="År")
    title: str | None = Field(None, title="Rubrik", description="T.ex. 'Årshjul 2025 / 2026'")
    start: YearMonth | None = Field(
        None, title="Från månad", description="Årshjulets första månad (annars januari)"
    )
    end: YearMonth | None = Field(
        None, title="Till månad", description="Årshjulets sista månad (annars december)"
    )
    categories: list[Category] = Field(min_length=1, title="Kategorier")
    follow_up_category: Identifier | None = Field(
        None,
        title="Kategori för uppföljningar",
        description="Rad för uppföljningar ur mötesanteckningar som inget planerat ämne täcker "
        "(annars en egen rad)",
    )
    meetings: list[PlannedMeeting] = Field(default_factory=list, title="Möten")
    recurring: list[RecurringTopic] = Field(default_factory=list, title="Återkommande ämnen")

    @model_validator(mode="after")
    def _consistent(self) -> PlanFile:
        _no_duplicate_categories(self.categories)
        first, last = self.period
        _valid_period(first, last, self.year)
        for meeting in self.meetings:
            _meeting_in_period(meeting, first, last)
        for rule in self.recurring:
            _valid_recurring_case(rule, (first[0], last[0]))
        return self

    @property
    def period(self) -> tuple[tuple[int, int], tuple[int, int]]:
        first = month_of(self.start) if self.start else (self.year, 1)
        last = month_of(self.end) if self.end else (self.year, 12)
        return first, last

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)


def _no_duplicate_categories(categories: list[Category]) -> None:
    ids = [c.id for c in categories]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(
            Message(
                N_("the category {duplicates!r} is listed twice"), {"duplicates": duplicates[0]}
            )
        )


def _valid_period(first: tuple[int, int], last: tuple[int, int], year: int) -> None:
    """The plan's period runs forward, over at most twelve months, and touches its year."""
    span = (last[0] - first[0]) * 12 + last[1] - first[1]
    if span < 0:
        raise ValueError(
            Message(
                N_("'end' ({last}-{last2:02d}) is before 'start' ({first}-{first2:02d})"),
                {"last": last[0], "last2": last[1], "first": first[0], "first2": first[1]},
            )
        )
    if span > 11:
        raise ValueError(N_("an årshjul covers at most twelve months; split it per year"))
    if year not in (first[0], last[0]):
        raise ValueError(
            Message(
                N_(
                    "the period {first}-{first2:02d} – {last}-{last2:02d} does "
                    "not touch the plan's year {year}"
                ),
                {
                    "first": first[0],
                    "first2": first[1],
                    "last": last[0],
                    "last2": last[1],
                    "year": year,
                },
            )
        )


def _meeting_in_period(
    meeting: PlannedMeeting, first: tuple[int, int], last: tuple[int, int]
) -> None:
    if not first <= meeting.year_month <= last:
        label = meeting.date or meeting.month
        raise ValueError(
            Message(
                N_(
                    "the meeting {label} is outside the plan's period "
                    "{first}-{first2:02d} – {last}-{last2:02d}"
                ),
                {
                    "label": label,
                    "first": first[0],
                    "first2": first[1],
                    "last": last[0],
                    "last2": last[1],
                },
            )
        )


def _valid_recurring_case(rule: RecurringTopic, years: tuple[int, int]) -> None:
    """The recurring topic's case, filled in for each year of the period, is a case id."""
    for year in years:
        case = rule.render(year)[1]
        if case is not None and not _CASE.fullmatch(case):
            raise ValueError(
                Message(
                    N_("the case {case!r} does not give a valid case id"),
                    {"case": rule.case},
                )
            )
