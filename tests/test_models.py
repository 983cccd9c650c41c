"""Model-level validation: times, timeboxes, links, people, tables."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from vvgctl.models import Meeting, PersonRef, Table, TimeRange
from vvgctl.models.item import Timebox


@pytest.mark.parametrize("text", ["09:05", "9:05", "9.05", "09.05"])
def test_time_forms(text: str) -> None:
    assert TimeRange.model_validate({"start": text, "end": "10:00"}).start == dt.time(9, 5)


@pytest.mark.parametrize("text", ["9", "24:00", "9.5", "09:60", "kl 9"])
def test_bad_times(text: str) -> None:
    with pytest.raises(ValidationError):
        TimeRange.model_validate({"start": text, "end": "23:00"})


def test_timebox_minutes_must_match_the_span() -> None:
    assert Timebox.model_validate({"minutes": "30", "start": "9.05", "end": "9.35"}).minutes == 30
    with pytest.raises(ValidationError, match="does not match"):
        Timebox.model_validate({"minutes": "25", "start": "9.05", "end": "9.35"})


def test_person_from_plain_name() -> None:
    assert PersonRef.model_validate("Åsa Jackson").name == "Åsa Jackson"


@pytest.mark.parametrize(
    "link",
    [
        "https://vardsamverkan.se/a.pdf",
        "mailto:a@b.se",
        "bilagor/plan.pdf",
        "../2025/2025-09-11.md",
    ],
)
def test_allowed_links(link: str) -> None:
    Meeting.model_validate(_meeting(link))


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "file:///etc/passwd", "#", "//evil.example/x", "data:text/html,x"],
)
def test_refused_links(link: str) -> None:
    with pytest.raises(ValidationError, match="not an allowed link"):
        Meeting.model_validate(_meeting(link))


def test_table_rows_must_fit_the_columns() -> None:
    with pytest.raises(ValidationError, match="2 cells for 3 columns"):
        Table.model_validate(
            {"columns": ["a", "b", "c"], "rows": [{"label": "x", "cells": [["1"], ["2"]]}]}
        )


def test_approval_needs_approved_status() -> None:
    data = _meeting("a.pdf")
    data["status"] = "draft"
    data["approval"] = {"meeting": "2025-12-10"}
    with pytest.raises(ValidationError, match="not 'approved'"):
        Meeting.model_validate(data)


def _meeting(link: str) -> dict[str, object]:
    return {
        "organ": "vvg",
        "date": "2025-10-22",
        "place": "Teams",
        "mode": "remote",
        "status": "approved",
        "items": [{"number": "1", "title": "A", "documents": [{"title": "D", "link": link}]}],
    }
