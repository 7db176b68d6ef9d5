"""Tests of extractor/grammar/date_calendar.py: calendar arithmetic for date expressions."""
from __future__ import annotations

from datetime import date

import pytest

from extractor.grammar.date_calendar import (
    add_months,
    quarter_start,
    resolve_day_month,
    resolve_month,
    resolve_quarter,
    resolve_weekday,
    shift_unit,
    unit_start,
    week_start,
)

THU = date(2024, 3, 14)  # a Thursday


def test_add_months_clamps_the_day_and_crosses_years():
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2023, 11, 15), 3) == date(2024, 2, 15)
    assert add_months(date(2024, 1, 1), -13) == date(2022, 12, 1)


def test_starts():
    assert week_start(THU) == date(2024, 3, 11)
    assert week_start(date(2024, 3, 11)) == date(2024, 3, 11)
    assert quarter_start(2024, 1) == date(2024, 1, 1)
    assert [unit_start(u, THU) for u in ("tuần", "tháng", "quý", "năm")] == [
        date(2024, 3, 11), date(2024, 3, 1), date(2024, 1, 1), date(2024, 1, 1)]


def test_shift_unit():
    assert shift_unit("tuần", THU, -2) == date(2024, 2, 29)
    assert shift_unit("quý", date(2024, 1, 1), 1) == date(2024, 4, 1)
    assert shift_unit("năm", date(2024, 2, 29), 1) == date(2025, 2, 28)


@pytest.mark.parametrize(
    "d,m,prefer,weekday,expected",
    [
        (14, 3, "past", None, date(2024, 3, 14)),  # today counts both ways
        (14, 3, "future", None, date(2024, 3, 14)),
        (15, 3, "past", None, date(2023, 3, 15)),
        (13, 3, "future", None, date(2025, 3, 13)),
        (29, 2, "future", None, date(2024, 2, 29)),  # no 29/2 within two years ahead: the nearest before
        (10, 3, "past", 6, date(2024, 3, 10)),  # Sunday 10/3/2024
        (10, 3, "future", 0, date(2025, 3, 10)),  # a Monday in 2025, not the Sunday of 2024
    ],
)
def test_resolve_day_month(d, m, prefer, weekday, expected):
    assert resolve_day_month(d, m, THU, prefer, weekday) == expected


def test_resolve_month():
    assert resolve_month(3, THU, "past") == date(2024, 3, 1)
    assert resolve_month(3, THU, "past", shift=-1) == date(2023, 3, 1)
    assert resolve_month(3, THU, "future", shift=1) == date(2025, 3, 1)
    assert resolve_month(4, THU, "past") == date(2023, 4, 1)
    assert resolve_month(12, THU, "future", shift=0) == date(2024, 12, 1)


def test_resolve_weekday_and_quarter():
    assert resolve_weekday(3, THU, "past") == date(2024, 3, 7)  # never today
    assert resolve_weekday(3, THU, "future") == date(2024, 3, 21)
    assert resolve_weekday(0, THU, "past", shift=0) == date(2024, 3, 11)
    assert resolve_weekday(6, THU, "future", week_shift=-1) == date(2024, 3, 10)
    assert resolve_quarter(1, THU, "past") == date(2024, 1, 1)
    assert resolve_quarter(2, THU, "past") == date(2023, 4, 1)
    assert resolve_quarter(1, date(2024, 5, 1), "future") == date(2025, 1, 1)
