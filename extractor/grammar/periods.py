"""The period a meeting reviews or plans, as dates: ``Meeting.period_start`` / ``period_end``.

The shapes are data (``patterns/periods.yaml``); this module turns a match into
two ISO dates.  A period written without its year (``9 tháng đầu năm``) takes
``year`` (the meeting's or the article's year) when one is given.

>>> period_dates("năm 2023")
(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
>>> period_dates("6 tháng đầu năm 2024")
(datetime.date(2024, 1, 1), datetime.date(2024, 6, 30))
>>> period_dates("6 tháng cuối năm 2025")
(datetime.date(2025, 7, 1), datetime.date(2025, 12, 31))
>>> period_dates("quý III/2024")
(datetime.date(2024, 7, 1), datetime.date(2024, 9, 30))
>>> period_dates("nhiệm kỳ 2020 - 2025")
(datetime.date(2020, 1, 1), datetime.date(2025, 12, 31))
>>> period_dates("giai đoạn 2021-2025")
(datetime.date(2021, 1, 1), datetime.date(2025, 12, 31))
>>> period_dates("9 tháng đầu năm", year=2022)
(datetime.date(2022, 1, 1), datetime.date(2022, 9, 30))
>>> period_dates("9 tháng đầu năm")
(None, None)
>>> period_dates("vụ Thu Đông 2019")
(None, None)
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from extractor.grammar.numbers import parse_number
from extractor.resources import load_yaml
from extractor.text.normalize import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
Dates = tuple[dt.date | None, dt.date | None]


@dataclass(frozen=True)
class PeriodShape:
    """One way a period is written (a row of ``patterns/periods.yaml``'s ``shapes``)."""

    shape: str                 # how the groups become dates: first_months, quarter, years...
    rx: re.Pattern[str]        # over the fold key; groups n, q, m, y, y2
    n: int | None = None       # a fixed count of months (`nửa đầu năm`: 6)


@dataclass(frozen=True)
class PeriodShapes:
    """The shapes, tried in order, and the month a school year starts in."""

    shapes: tuple[PeriodShape, ...]
    school_year_start_month: int


@lru_cache(maxsize=1)
def period_shapes() -> PeriodShapes:
    """The period shapes of ``patterns/periods.yaml``, compiled once per process."""
    d = load_yaml("periods.yaml")
    out = []
    for row in d["shapes"]:
        rx = row["rx"].replace("{numeral}", d["numeral"]).replace("{year}", d["year"])
        n = row.get("n")
        out.append(PeriodShape(str(row["shape"]), re.compile(rx), int(n) if n else None))
    return PeriodShapes(tuple(out), int(d.get("school_year_start_month", 9)))


def _last_day(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _year2(y: int, y2: str) -> int:
    v = int(y2)
    return v if len(y2) == 4 else (y // 100) * 100 + v


def period_dates(period: str | None, year: int | None = None) -> Dates:
    """``(start, end)`` of a period as written, or ``(None, None)`` when no shape fits.

    Shapes are tried in order; one whose numbers make no period (`13 tháng đầu năm`, a range
    that ends before it starts) gives way to the next.
    """
    if not period:
        return None, None
    key = fold(period)
    shapes = period_shapes()
    for shape in shapes.shapes:
        m = shape.rx.search(key)
        if not m:
            continue
        g = m.groupdict()
        y = int(g["y"]) if g.get("y") else year
        reader = _DATES_OF.get(shape.shape)
        if reader is None:
            continue  # a shape this code does not know: none of the dates can be read
        try:
            got = reader(shape, g, y, shapes.school_year_start_month)
        except (ValueError, TypeError):
            continue
        if got is not None:
            return got
    return None, None


# Each reader: (shape, groups, year or None, school month) -> the dates, or None to try the next shape.
_Reader = Callable[[PeriodShape, dict[str, str | None], int | None, int], Dates | None]


def _months(shape: PeriodShape, g: dict[str, str | None], y: int | None, school: int) -> Dates | None:
    """`6 tháng đầu năm 2024`, `9 tháng cuối năm`, `nửa đầu năm 2023`."""
    n = shape.n or parse_number(g["n"] or "")
    if y is None or not n or not 1 <= int(n) <= 12:
        return None
    n = int(n)
    if shape.shape == "first_months":
        return dt.date(y, 1, 1), _last_day(y, n)
    return dt.date(y, 13 - n, 1), dt.date(y, 12, 31)


def _quarter(shape: PeriodShape, g: dict[str, str | None], y: int | None, school: int) -> Dates | None:
    """`quý III/2024`, `quý 2 năm 2023`."""
    q = _ROMAN.get(g["q"] or "") or int(g["q"] or "")
    if y is None:
        return None
    return dt.date(y, 3 * q - 2, 1), _last_day(y, 3 * q)


def _school_year(shape: PeriodShape, g: dict[str, str | None], y: int | None, school: int) -> Dates | None:
    """`năm học 2023-2024`: from the school month of the first year to the month before it."""
    if y is None:
        return None
    y2 = _year2(y, g["y2"] or "")
    return dt.date(y, school, 1), _last_day(y2, school - 1)


def _years(shape: PeriodShape, g: dict[str, str | None], y: int | None, school: int) -> Dates | None:
    """`nhiệm kỳ 2020 - 2025`, `giai đoạn 2021-2025`."""
    if y is None:
        return None
    y2 = _year2(y, g["y2"] or "")
    if y2 < y:
        return None
    return dt.date(y, 1, 1), dt.date(y2, 12, 31)


def _month(shape: PeriodShape, g: dict[str, str | None], y: int | None, school: int) -> Dates | None:
    """`tháng 8/2023`, `tháng 12 năm 2022`."""
    mo = int(g["m"] or "")
    if y is None or not 1 <= mo <= 12:
        return None
    return dt.date(y, mo, 1), _last_day(y, mo)


def _year(shape: PeriodShape, g: dict[str, str | None], y: int | None, school: int) -> Dates | None:
    """`năm 2023`, `cả năm 2023`."""
    if y is None:
        return None
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


_DATES_OF: dict[str, _Reader] = {
    "first_months": _months,
    "last_months": _months,
    "quarter": _quarter,
    "school_year": _school_year,
    "years": _years,
    "month": _month,
    "year": _year,
}


def within(period: Dates, day: dt.date | None) -> bool:
    """Whether ``day`` falls in the period (both ends given)."""
    a, b = period
    return bool(a and b and day and a <= day <= b)
