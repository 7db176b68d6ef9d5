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
from functools import lru_cache

from extractor.grammar.numbers import parse_number
from extractor.resources import load_yaml
from extractor.text.normalize import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
Dates = tuple[dt.date | None, dt.date | None]


@lru_cache(maxsize=1)
def _shapes() -> tuple[list[tuple[str, re.Pattern, dict]], int]:
    d = load_yaml("periods.yaml")
    out = []
    for row in d["shapes"]:
        rx = row["rx"].replace("{numeral}", d["numeral"]).replace("{year}", d["year"])
        out.append((row["shape"], re.compile(rx), row))
    return out, int(d.get("school_year_start_month", 9))


def _last_day(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _year2(y: int, y2: str) -> int:
    v = int(y2)
    return v if len(y2) == 4 else (y // 100) * 100 + v


def period_dates(period: str | None, year: int | None = None) -> Dates:
    """``(start, end)`` of a period as written, or ``(None, None)`` when no shape fits."""
    if not period:
        return None, None
    key = fold(period)
    shapes, school_month = _shapes()
    for shape, rx, row in shapes:
        m = rx.search(key)
        if not m:
            continue
        g = m.groupdict()
        y = int(g["y"]) if g.get("y") else year
        try:
            if shape in ("first_months", "last_months"):
                n = row.get("n") or parse_number(g["n"])
                if y is None or not n or not 1 <= int(n) <= 12:
                    continue
                n = int(n)
                if shape == "first_months":
                    return dt.date(y, 1, 1), _last_day(y, n)
                return dt.date(y, 13 - n, 1), dt.date(y, 12, 31)
            if shape == "quarter":
                q = _ROMAN.get(g["q"]) or int(g["q"])
                if y is None:
                    continue
                return dt.date(y, 3 * q - 2, 1), _last_day(y, 3 * q)
            if shape == "school_year":
                y2 = _year2(y, g["y2"])
                return dt.date(y, school_month, 1), _last_day(y2, school_month - 1)
            if shape == "years":
                y2 = _year2(y, g["y2"])
                if y2 < y:
                    continue
                return dt.date(y, 1, 1), dt.date(y2, 12, 31)
            if shape == "month":
                mo = int(g["m"])
                if not 1 <= mo <= 12:
                    continue
                return dt.date(y, mo, 1), _last_day(y, mo)
            if shape == "year" and y is not None:
                return dt.date(y, 1, 1), dt.date(y, 12, 31)
        except (ValueError, TypeError):
            continue
    return None, None


def within(period: Dates, day: dt.date | None) -> bool:
    """Whether ``day`` falls in the period (both ends given)."""
    a, b = period
    return bool(a and b and day and a <= day <= b)
