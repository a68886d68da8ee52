"""Tests for eventcoder.when: relative and explicit time expressions against a reference date."""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder.when import date_near, is_temporal, month_number, parse_written_date, resolve_date

TUESDAY = date(2026, 1, 27)  # a Tuesday


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("Tuesday", date(2026, 1, 27)),
        ("on Tuesday", date(2026, 1, 27)),
        ("Wednesday", date(2026, 1, 21)),
        ("late on Sunday", date(2026, 1, 25)),
        ("Tuesday afternoon", date(2026, 1, 27)),
        ("by Tuesday afternoon", date(2026, 1, 27)),
        ("Monday morning", date(2026, 1, 26)),
        ("on Saturday", date(2026, 1, 24)),
        ("last Tuesday", date(2026, 1, 20)),
    ],
)
def test_when_weekday_is_latest_on_or_before_reference(expression: str, expected: date) -> None:
    assert resolve_date(expression, TUESDAY) == expected


def test_when_future_weekday_is_next_one() -> None:
    assert resolve_date("next Tuesday", TUESDAY) == date(2026, 2, 3)
    assert resolve_date("next Friday", TUESDAY) == date(2026, 1, 30)


def test_when_night_and_overnight_follow_gold_convention() -> None:
    assert resolve_date("last night", TUESDAY) == date(2026, 1, 26)
    assert resolve_date("Last night", TUESDAY) == date(2026, 1, 26)
    assert resolve_date("overnight into Tuesday", TUESDAY) == date(2026, 1, 27)
    assert resolve_date("overnight", TUESDAY) is None


@pytest.mark.parametrize(
    ("expression", "offset"),
    [("today", 0), ("this morning", 0), ("tonight", 0), ("yesterday", -1), ("yesterday evening", -1),
     ("tomorrow", 1), ("2 days ago", -2), ("three days ago", -3)],
)
def test_when_day_words(expression: str, offset: int) -> None:
    assert resolve_date(expression, date(2026, 2, 23)) == date(2026, 2, 23 + offset)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("Nov. 19, 2025", date(2025, 11, 19)),
        ("March 3", date(2026, 3, 3)),
        ("on February 5", date(2026, 2, 5)),
        ("5 February", date(2026, 2, 5)),
        ("the 19th of November", date(2025, 11, 19)),
        ("2025-11-19", date(2025, 11, 19)),
        ("on Tuesday, March 3", date(2026, 3, 3)),
    ],
)
def test_when_explicit_dates_take_year_from_reference(expression: str, expected: date) -> None:
    assert resolve_date(expression, date(2026, 3, 4)) == expected


def test_when_explicit_date_without_year_is_most_recent_past() -> None:
    assert resolve_date("Nov. 19", date(2026, 3, 4)) == date(2025, 11, 19)
    assert resolve_date("April 20", date(2026, 3, 4)) == date(2025, 4, 20)


def test_when_year_boundary() -> None:
    assert resolve_date("Dec. 31", date(2026, 1, 1)) == date(2025, 12, 31)
    assert resolve_date("Jan. 2", date(2025, 12, 31)) == date(2026, 1, 2)
    assert date_near(12, 31, date(2026, 1, 1)) == date(2025, 12, 31)
    assert date_near(2, 29, date(2026, 3, 1)) == date(2024, 2, 29)
    assert date_near(2, 30, date(2026, 3, 1)) is None


@pytest.mark.parametrize(
    "expression",
    ["earlier this month", "last year", "in May", "later this month", "next week", "recent months",
     "over the weekend", "late November", "last June", "on the same day", "in 2025", "last week",
     "the week ending January 18, 2026", "", "here", "the ceasefire"],
)
def test_when_vague_or_non_dates_give_none(expression: str) -> None:
    assert resolve_date(expression, TUESDAY) is None


def test_when_parse_written_date_forms() -> None:
    assert parse_written_date("November 20, 2025") == date(2025, 11, 20)
    assert parse_written_date("07:57, November 20, 2025") == date(2025, 11, 20)
    assert parse_written_date("23 February 2026") == date(2026, 2, 23)
    assert parse_written_date("2026-02-23") == date(2026, 2, 23)
    assert parse_written_date("Feb. 30, 2026") is None
    assert parse_written_date("for the week ending January 18, 2026") is None


def test_when_month_number_and_is_temporal() -> None:
    assert month_number("Nov.") == 11
    assert month_number("Sept") == 9
    assert month_number("Novelty") is None
    assert is_temporal("late on Sunday")
    assert is_temporal("earlier this month")
    assert not is_temporal("in Bishkek")
