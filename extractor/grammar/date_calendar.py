"""Calendar arithmetic for date expressions: moving by months, the start of a week, month or
quarter, and where an open reference (a day-month or month without a year, a bare weekday or
quarter) falls from a reference day in the preferred direction.

Pure functions on ``datetime.date``, used by :func:`extractor.grammar.date_expressions.parse_date`.
``prefer`` is ``"past"`` (dateparser's convention: the last such day on or before the
reference) or ``"future"`` (Duckling's: the next one).
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from extractor.grammar.date_words import safe_date

__all__ = [
    "add_months",
    "quarter_start",
    "resolve_day_month",
    "resolve_month",
    "resolve_quarter",
    "resolve_weekday",
    "shift_unit",
    "unit_start",
    "week_start",
]


def add_months(d: date, n: int) -> date:
    """*d* moved by *n* months, the day clamped to the target month's length.

    >>> add_months(date(2014, 9, 1), -15), add_months(date(2024, 1, 31), 1)
    (datetime.date(2013, 6, 1), datetime.date(2024, 2, 29))
    """
    k = d.year * 12 + (d.month - 1) + n
    y, m = divmod(k, 12)
    y = min(max(y, 1), 9999)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def week_start(d: date) -> date:
    """The Monday of *d*'s week.

    >>> week_start(date(2017, 2, 2))
    datetime.date(2017, 1, 30)
    """
    return d - timedelta(days=d.weekday())


def quarter_start(y: int, q: int) -> date:
    """The first day of quarter *q* (1-4) of year *y*.

    >>> quarter_start(2018, 4)
    datetime.date(2018, 10, 1)
    """
    return date(y, 3 * (q - 1) + 1, 1)



def resolve_day_month(d: int, m: int, ref: date, prefer: str, weekday: int | None = None) -> date | None:
    """A day-month without a year, resolved from *ref* in the *prefer* direction.

    Future: the first such day on or after *ref*; past: the last on or before.
    A weekday named with it picks the year whose day falls on that weekday,
    when one of the neighbouring years does.

    >>> resolve_day_month(12, 10, date(2017, 2, 2), "future"), resolve_day_month(12, 10, date(2017, 2, 2), "past")
    (datetime.date(2017, 10, 12), datetime.date(2016, 10, 12))
    """
    cands = [c for c in (safe_date(y, m, d) for y in range(ref.year - 2, ref.year + 3)) if c is not None]
    if not cands:
        return None
    if prefer == "future":
        ordered = sorted(c for c in cands if c >= ref) + sorted((c for c in cands if c < ref), reverse=True)
    else:
        ordered = sorted((c for c in cands if c <= ref), reverse=True) + sorted(c for c in cands if c > ref)
    if weekday is not None:
        for c in ordered[:2]:
            if c.weekday() == weekday:
                return c
    return ordered[0]


def resolve_month(m: int, ref: date, prefer: str, shift: int | None = None) -> date:
    """The first day of month *m* without a year: this year's or the nearest in the *prefer* direction.

    ``shift=+1`` (`tháng 3 tới`): strictly after the current month; ``-1``
    (`tháng 3 vừa rồi`): strictly before; ``0``: this year's.

    >>> resolve_month(6, date(2017, 2, 2), "future"), resolve_month(6, date(2017, 2, 2), "past")
    (datetime.date(2017, 6, 1), datetime.date(2016, 6, 1))
    """
    y = ref.year
    if shift == 0:
        return date(y, m, 1)
    if shift == 1 or (shift is None and prefer == "future"):
        strict = shift == 1
        return date(y if (m > ref.month or (m == ref.month and not strict)) else y + 1, m, 1)
    strict = shift == -1
    return date(y if (m < ref.month or (m == ref.month and not strict)) else y - 1, m, 1)


def resolve_weekday(wd: int, ref: date, prefer: str, shift: int | None = None, week_shift: int | None = None) -> date:
    """A weekday from *ref*.

    Bare (`thứ năm`): the next one after today (future) or the last one before
    it (past), never today (both peers agree).  ``shift`` +1 (`thứ ba tới`) /
    -1 (`thứ ba vừa rồi`) / 0 (`thứ ba này`); ``week_shift`` for `thứ tư tuần
    tới`: that day of the next/this/last Monday-to-Sunday week.

    >>> ref = date(2017, 2, 2)  # a Thursday
    >>> resolve_weekday(0, ref, "future"), resolve_weekday(3, ref, "past")
    (datetime.date(2017, 2, 6), datetime.date(2017, 1, 26))
    >>> resolve_weekday(2, ref, "past", week_shift=1)
    datetime.date(2017, 2, 8)
    """
    if week_shift is not None:
        return week_start(ref) + timedelta(days=7 * week_shift + wd)
    if shift == 0:
        return week_start(ref) + timedelta(days=wd)
    direction = shift if shift in (1, -1) else (1 if prefer == "future" else -1)
    if direction == 1:
        return ref + timedelta(days=(wd - ref.weekday() - 1) % 7 + 1)
    return ref - timedelta(days=(ref.weekday() - wd - 1) % 7 + 1)


def resolve_quarter(q: int, ref: date, prefer: str) -> date:
    cur = (ref.month - 1) // 3 + 1
    if prefer == "future":
        return quarter_start(ref.year if q >= cur else ref.year + 1, q)
    return quarter_start(ref.year if q <= cur else ref.year - 1, q)


def unit_start(unit: str, d: date) -> date:
    if unit == "tuần":
        return week_start(d)
    if unit == "tháng":
        return d.replace(day=1)
    if unit == "quý":
        return quarter_start(d.year, (d.month - 1) // 3 + 1)
    return date(d.year, 1, 1)


def shift_unit(unit: str, d: date, n: int) -> date:
    if unit == "tuần":
        return d + timedelta(days=7 * n)
    return add_months(d, {"tháng": 1, "quý": 3, "năm": 12}[unit] * n)


