"""One Vietnamese date expression -> a ``datetime.date``: :func:`parse_date`.

``parse_date(text, reference, prefer=...)`` reads ``ngày 15 tháng 12 năm 2023``, ``02/8/2023``,
``hôm qua``, ``thứ 5 tuần sau``, ``quý 4 năm 2018``, ``3 giờ chiều ngày mai``, ``23 ngày
trước``.  A week, month, quarter or year resolves to its first day (a week starts on Monday).
Open references (a bare weekday, a day-month or month without a year, a bare quarter, a
holiday) resolve backwards with ``prefer="past"`` (dateparser's convention) and forwards with
``prefer="future"`` (Duckling's).  Numeric and Vietnamese forms are parsed by the rules here;
a longer text falls back to its first mention (:func:`extractor.grammar.dates.find_dates`);
dateparser is the last resort, for written-out foreign word orders (``Tháng Mười Hai 29,
2013``), and its answer is sanity-checked.

The pipeline does not use this module (it reads mentions with ``find_dates``); it is the
library's ``extractor.parse_date``.  The vocabulary is ``patterns/dates.yaml``, through
:mod:`extractor.grammar.date_words`.  Every regex here is linear-time: quantifiers are bounded
and never nested, and a duration's parts are matched one at a time.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta

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
from extractor.grammar.date_words import (
    date_rx,
    date_words,
    expand_year,
    month_number,
    norm_key,
    safe_date,
    to_24h,
    valid_day_month,
    word_alt,
)
from extractor.grammar.dates import find_dates

__all__ = ["parse_date"]

_W = date_words()


# ---------------------------------------------------------------------------
# Words (doctested).


def _number(word: str) -> int | None:
    """A number written in digits or as a Vietnamese word.

    >>> _number("05"), _number("mười hai"), _number("ba"), _number("x")
    (5, 12, 3, None)
    """
    w = norm_key(word)
    if w.isdigit():
        return int(w)
    return _W.number_words.get(w)


def _weekday_number(word: str) -> int | None:
    """Monday = 0 ... Sunday = 6, from ``thứ hai``/``thứ 2``/``Chủ nhật``/``CN``.

    >>> _weekday_number("Thứ Tư"), _weekday_number("thứ 7"), _weekday_number("chúa nhật")
    (2, 5, 6)
    """
    w = norm_key(word)
    if w in _W.sunday:
        return 6
    if w.startswith("thứ "):
        return _W.weekdays_after_thu.get(w[4:].strip())
    return None


# ---------------------------------------------------------------------------
# The grammar.

# Durations: `23 ngày trước`, `sau 5 năm nữa`, `cách đây 2 tuần`.  The amount
# parts are matched one at a time (no `(...)+` over the whole), so a long
# input costs linear time.
_DUR_BEFORE_RE = date_rx(r"\A" + word_alt(_W.duration_before) + r"«B»")
_DUR_AFTER_RE = date_rx(r"«B»" + word_alt(_W.duration_after) + r"\Z")
_DUR_PART_RE = date_rx(r"«B0»(?P<n>\d{1,4}(?!\d)|«NUMWORD»)«B0»(?P<u>" + word_alt(_W.duration_units) + r")(?!\w)")

# A clock time anywhere in the expression: `10:45`, `10h45`, `3 giờ rưỡi
# chiều`, `11 giờ kém 15`, `4pm`, with its time of day (`sáng`/`chiều`...),
# an optional `nay`/`mai` and a time-zone name, which is dropped.
_TIME_RE = date_rx(
    r"""
    (?<![\w/.:])
    (?:
        (?P<h1>\d{1,2}) : (?P<m1>\d{2}) (?: : (?P<s1>\d{2}) )? (?![\d:])
      | (?P<h2>\d{1,2}) [hg] (?P<m2>\d{2})? (?!\w)
      | (?P<h3>\d{1,2}(?!\d)|«NUMWORD») «B0» (?:giờ|tiếng) (?!\w)
        (?: «B» (?P<half>rưỡi) (?!\w)
          | «B0» kém «B0» (?P<k>\d{1,2}) (?: «B0» phút)? (?!\w)
          | «B» (?P<m3>\d{1,2}) (?!\d) (?: «B0» phút (?!\w))? )?
      | (?P<h4>\d{1,2}) (?= «B0» «AMPM»)
    )
    (?: «B0» (?P<ampm>«AMPM»))?
    (?: «B» (?P<tod>«TOD») (?: «B» (?P<todrel>«TODREL»))? )?
    (?: «B» (?:cet|cest|ict|utc|gmt|est|pst) (?!\w) )?
    """
)
_FILLER_HEAD_RE = date_rx(r"\A(?:" + word_alt(_W.fillers) + r"(?!\w)«B0»)")
_FILLER_TAIL_RE = date_rx(r"(?<!\w)" + word_alt(_W.fillers_tail) + r"\Z")
_NOW_RE = date_rx(word_alt(_W.now_words) + r"\Z")

_TOD_HEAD_RE = date_rx(r"«TOD»«B»")
_ONE_REL_RE = date_rx(r"(?:(?P<tod>«TOD»)«B»)?(?: (?P<rel>«REL») | (?P<todrel>«TODREL») )\Z")
_WD_PREFIX_RE = date_rx(r"(?P<wd>«WEEKDAY») (?: «B0»[,\-–]«B0» | «B» ) (?P<rest>\S.*)\Z")
_NUMERIC_RE = date_rx(
    r"""
    (?: ngày «B» )? (?: (?:mồng|mùng) «B» )?
    (?:
        (?P<d>\d{1,2}) (?P<sep>[/.\-]) (?P<m>\d{1,2}) (?: (?P=sep) (?P<y>\d{4}|\d{2}) )?
      | (?P<iy>\d{4}) (?P<isep>[/\-]) (?P<im>\d{1,2}) (?P=isep) (?P<id>\d{1,2})      # ISO 2017-03-03
    )
    \Z
    """
)
_WRITTEN_RE = date_rx(
    r"""
    (?: ngày «B» )? (?: (?:mồng|mùng) «B» )?
    (?P<d>\d{1,2}(?!\d)|«NUMWORD») «B» tháng «B» (?P<m>«MONTH»)
    (?:
        (?: «B0»,«B0» | «B» ) (?: năm «B» )? (?P<y>\d{4})
      | «B0» [/\-] «B0» (?P<y2>\d{4})
      | «B» năm «B» (?P<ysh>«SHIFT»)
    )?
    \Z
    """
)
_MONTH_RE = date_rx(
    r"""
    tháng «B» (?P<m>«MONTH»)
    (?:
        (?: «B» năm «B» | «B0» [/\-,] «B0» | «B» ) (?P<y>\d{4})
      | «B» năm «B» (?P<ysh>«SHIFT»)
      | «B» (?P<sh>«SHIFT»)
    )?
    \Z
    """
)
_UNIT_SHIFT_RE = date_rx(r"(?P<u>tuần|tháng|quý|năm) «B» (?P<sh>«SHIFT») \Z")
_QUARTER_RE = date_rx(
    r"""
    quý «B» (?P<q>«QUARTER»)
    (?:
        (?: «B» của )? (?: «B» năm )? «B» (?P<y>\d{4})
      | «B0» [/\-] «B0» (?P<y2>\d{4})
      | «B» năm «B» (?P<ysh>«SHIFT»)
      | «B» (?P<sh>«SHIFT»)
    )?
    \Z
    """
)
_YEAR_RE = date_rx(r"(?: (?P<nam>năm) «B» )? (?P<y>\d{4}) \Z")
_WEEKDAY_RE = date_rx(
    r"""
    (?P<wd>«WEEKDAY»)
    (?: «B» (?: của «B» )? tuần «B» (?P<wsh>«SHIFT») | «B» (?P<sh>«SHIFT») )?
    \Z
    """
)
_NTH_RE = date_rx(
    r"""
    (?P<u>ngày|tuần) «B»                            # `ngày`, `tuần`
    (?: (?P<first>«FIRST») | (?P<last>«LAST») )     # `đầu tiên`, `cuối cùng`
    (?: «B» của )? «B»                              # `của`
    (?P<rest>tháng.*|năm.*|quý.*) \Z                # the period, read by _date_rules
    """
)
_HOLIDAY_RE = date_rx(r"(?: (?:ngày|lễ) «B» )? (?P<h>«HOLIDAY») (?: «B» (?: năm «B» )? (?P<y>\d{4}) )? \Z")
# Words that show a text is about time at all (for trusting dateparser).
_DATE_WORD_RE = date_rx(r"(?<!\w)(?:tháng|thứ|chủ «B» nhật|ngày|năm|tuần|giờ|hôm|«AMPM»|lúc)(?!\w)|\d")


def _normalise_expression(text: str) -> str:
    """Lower case, NFC, single spaces, no brackets or bars, no trailing punctuation.

    >>> _normalise_expression("  Thứ Tư, 07/01/2015 | 22:34 ")
    'thứ tư, 07/01/2015 22:34'
    """
    s = unicodedata.normalize("NFC", text).lower()
    s = re.sub(r"[|()\[\]]", " ", s)
    s = " ".join(s.split())
    return s.strip(" ,.;:-–!?")


def _strip_fillers(s: str) -> str:
    """Drop `vào lúc`, `khoảng`... from the ends of *s*.

    >>> _strip_fillers("hôm nay lúc"), _strip_fillers("vào lúc 2 giờ sáng")
    ('hôm nay', '2 giờ sáng')
    """
    prev = None
    while prev != s:
        prev = s
        s = _FILLER_HEAD_RE.sub("", s, count=1)
        s = _FILLER_TAIL_RE.sub("", s, count=1)
        s = s.strip(" ,.;:-–")
    return s


def _duration(s: str, ref: datetime) -> datetime | None:
    """`23 ngày trước`, `sau 5 năm nữa`, `21 giờ trước` -> *ref* moved by that much; None if *s* is not one."""
    before = _DUR_BEFORE_RE.match(s)
    after = _DUR_AFTER_RE.search(s)
    if after is not None:
        direction = _W.duration_after[norm_key(after.group(0))]
    elif before is not None:
        direction = _W.duration_before[norm_key(before.group(0))]
    else:
        return None
    lo = before.end() if before else 0
    hi = after.start() if after else len(s)
    if lo >= hi:
        return None
    pos, parts = lo, []
    while pos < hi:
        p = _DUR_PART_RE.match(s, pos, hi)
        if p is None:
            return None
        parts.append(p)
        pos = p.end()
    if not parts:
        return None
    out = ref
    for p in parts:
        n = _number(p.group("n"))
        if n is None:
            return None
        kind, k = _W.duration_units[norm_key(p.group("u"))]
        amount = direction * n * k
        if kind == "months":
            moved = add_months(out.date(), amount)
            out = out.replace(year=moved.year, month=moved.month, day=moved.day)
        else:
            out = out + timedelta(**{kind: amount})
    return out


def _clock(tm: re.Match[str]) -> tuple[int, int, bool] | None:
    """(hour, minute, ambiguous) of a _TIME_RE match; ambiguous when a 12-hour reading is open."""
    g = tm.group
    if g("h1") is not None:
        h, mi = int(g("h1")), int(g("m1"))
    elif g("h2") is not None:
        h, mi = int(g("h2")), int(g("m2") or 0)
    elif g("h3") is not None:
        spoken = _number(g("h3"))
        if spoken is None:
            return None
        h = spoken
        mi = 30 if g("half") else int(g("m3") or 0)
        if g("k"):
            h, mi = h - 1, 60 - int(g("k"))
    else:
        h, mi = int(g("h4")), 0
    explicit = bool(g("ampm") or g("tod"))
    h = to_24h(h, g("tod"), g("ampm"))
    if not (0 <= h <= 24 and 0 <= mi <= 59):
        return None
    return h % 24, mi, (not explicit and 1 <= h <= 11)


def _date_rules(s: str, ref: date, prefer: str, weekday: int | None = None) -> date | None:
    """The date-only grammar, applied to a whole normalised expression *s*."""
    s = _strip_fillers(s)
    if not s:
        return None
    m = _ONE_REL_RE.match(s)
    if m:
        key = m.group("rel") or m.group("todrel")
        table = _W.relative_days if m.group("rel") else _W.tod_relative
        return ref + timedelta(days=table[norm_key(key)])
    # A leading time of day with a date after it: `chiều ngày 20/4/2017`.
    tod = _TOD_HEAD_RE.match(s)
    if tod:
        rest = _date_rules(s[tod.end():], ref, prefer, weekday)
        if rest is not None:
            return rest
    m = _WD_PREFIX_RE.match(s)
    if m and weekday is None:
        # `Thứ Tư, 07/01/2015`, `chủ nhật ngày 9 tháng 4`: the date decides, the weekday only picks a year.
        got = _explicit_date(m.group("rest"), ref, prefer, _weekday_number(m.group("wd")))
        if got is not None:
            return got
    got = _explicit_date(s, ref, prefer, weekday)
    if got is not None:
        return got
    return _period_rules(s, ref, prefer)


def _explicit_date(s: str, ref: date, prefer: str, weekday: int | None = None) -> date | None:
    """A numbered day: `07/01/2015`, `ngày mồng 3 tháng 3`, `12/10`; None for anything else."""
    m = _NUMERIC_RE.match(s)
    if m:
        if m.group("iy"):
            return safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        d, mo = int(m.group("d")), int(m.group("m"))
        if m.group("y"):
            return safe_date(expand_year(int(m.group("y"))), mo, d)
        if m.group("sep") == "." and not s.startswith(("ngày", "mồng", "mùng")):
            return None  # `3.6` alone reads as a decimal number
        return resolve_day_month(d, mo, ref, prefer, weekday) if valid_day_month(d, mo) else None
    m = _WRITTEN_RE.match(s)
    if m:
        day, month = _number(m.group("d")), month_number(m.group("m"))
        if day is None or month is None:
            return None
        y = m.group("y") or m.group("y2")
        if y:
            return safe_date(int(y), month, day)
        if m.group("ysh"):
            return safe_date(ref.year + _W.shifts[norm_key(m.group("ysh"))], month, day)
        return resolve_day_month(day, month, ref, prefer, weekday) if valid_day_month(day, month) else None
    return None


def _period_rules(s: str, ref: date, prefer: str) -> date | None:
    """Months, weeks, quarters, years, weekdays, `ngày đầu tiên của ...`, holidays.

    The first shape that matches the whole of *s* decides, even when its answer is None.
    """
    for rx, rule in _PERIOD_SHAPES:
        m = rx.match(s)
        if m:
            return rule(m, ref, prefer)
    return None


def _month(m: re.Match[str], ref: date, prefer: str) -> date | None:
    """`tháng 8 năm 2022`, `tháng 3 năm sau`, `tháng 6 tới`, `tháng 6`."""
    mo = month_number(m.group("m"))
    if mo is None:
        return None
    if m.group("y"):
        return safe_date(int(m.group("y")), mo, 1)
    if m.group("ysh"):
        return safe_date(ref.year + _W.shifts[norm_key(m.group("ysh"))], mo, 1)
    shift = _W.shifts[norm_key(m.group("sh"))] if m.group("sh") else None
    return resolve_month(mo, ref, prefer, shift)


def _unit_shift(m: re.Match[str], ref: date, prefer: str) -> date | None:
    """`tuần tới`, `tháng trước`, `năm nay`: the first day of that week, month, quarter or year."""
    unit = norm_key(m.group("u"))
    return unit_start(unit, shift_unit(unit, unit_start(unit, ref), _W.shifts[norm_key(m.group("sh"))]))


def _quarter(m: re.Match[str], ref: date, prefer: str) -> date | None:
    """`quý I/2023`, `quý 4 năm 2018`, `quý 2 năm sau`, `quý 3 tới`, `quý 3`."""
    q = int(m.group("q")) if m.group("q").isdigit() else _W.quarters[norm_key(m.group("q"))]
    y = m.group("y") or m.group("y2")
    if y:
        return quarter_start(int(y), q)
    if m.group("ysh"):
        return quarter_start(ref.year + _W.shifts[norm_key(m.group("ysh"))], q)
    if m.group("sh"):
        sh = _W.shifts[norm_key(m.group("sh"))]
        return resolve_quarter(q, ref, "future" if sh > 0 else "past") if sh else quarter_start(ref.year, q)
    return resolve_quarter(q, ref, prefer)


def _year(m: re.Match[str], ref: date, prefer: str) -> date | None:
    """`năm 1935` is a year whatever its number; a bare number only looks like one near our time."""
    y = int(m.group("y"))
    lo, hi = (1000, 2999) if m.group("nam") else (1800, 2200)
    return date(y, 1, 1) if lo <= y <= hi else None


def _weekday(m: re.Match[str], ref: date, prefer: str) -> date | None:
    """`thứ năm`, `thứ ba tới`, `thứ tư tuần sau`."""
    wd = _weekday_number(m.group("wd"))
    if wd is None:
        return None
    if m.group("wsh"):
        return resolve_weekday(wd, ref, prefer, week_shift=_W.shifts[norm_key(m.group("wsh"))])
    shift = _W.shifts[norm_key(m.group("sh"))] if m.group("sh") else None
    return resolve_weekday(wd, ref, prefer, shift=shift)


def _nth(m: re.Match[str], ref: date, prefer: str) -> date | None:
    """`ngày đầu tiên của tháng 3`, `tuần cuối cùng của năm 2023`."""
    base = _date_rules(m.group("rest"), ref, prefer)
    if base is None:
        return None
    rest = m.group("rest").lower()
    if rest.startswith("năm"):
        span_end = date(base.year, 12, 31)
    elif rest.startswith("quý"):
        span_end = add_months(base, 3) - timedelta(days=1)
    else:
        span_end = add_months(base, 1) - timedelta(days=1)
    if m.group("u").lower() == "ngày":
        return base if m.group("first") else span_end
    if m.group("first"):
        return base + timedelta(days=(7 - base.weekday()) % 7)  # the first Monday in it
    return week_start(span_end)


def _holiday(m: re.Match[str], ref: date, prefer: str) -> date | None:
    """`Quốc khánh`, `ngày Nhà giáo Việt Nam năm 2023`."""
    d, mo = _W.holidays[norm_key(m.group("h"))]
    if m.group("y"):
        return safe_date(int(m.group("y")), mo, d)
    return resolve_day_month(d, mo, ref, prefer)


_PERIOD_SHAPES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], date, str], date | None]], ...] = (
    (_MONTH_RE, _month),
    (_UNIT_SHIFT_RE, _unit_shift),
    (_QUARTER_RE, _quarter),
    (_YEAR_RE, _year),
    (_WEEKDAY_RE, _weekday),
    (_NTH_RE, _nth),
    (_HOLIDAY_RE, _holiday),
)


def _as_reference(reference: date | datetime | None) -> datetime:
    if reference is None:
        return datetime.now()
    if isinstance(reference, datetime):
        return reference.replace(tzinfo=None)
    return datetime(reference.year, reference.month, reference.day)


def _parse(s: str, ref: datetime, prefer: str) -> date | None:
    moved = _duration(s, ref)
    if moved is not None:
        return moved.date()
    if _NOW_RE.match(s):
        return ref.date()
    tm = _TIME_RE.search(s)
    if tm is None:
        return _date_rules(s, ref.date(), prefer)
    rest = _strip_fillers((s[: tm.start()] + " " + s[tm.end():]).strip())
    if rest:
        got = _date_rules(rest, ref.date(), prefer)
        if got is not None:
            return got
        return None
    # A time alone: today, or (prefer future) the next day if it has passed.
    clock = _clock(tm)
    if clock is None:
        return None
    if tm.group("todrel"):
        return ref.date() + timedelta(days=_W.tod_relative[norm_key(tm.group("todrel"))])
    h, mi, ambiguous = clock
    today = ref.date()
    if prefer != "future":
        return today
    minutes_now = ref.hour * 60 + ref.minute
    options = [h * 60 + mi] + ([(h + 12) * 60 + mi] if ambiguous else [])
    return today if any(o >= minutes_now for o in options) else today + timedelta(days=1)


def _from_mentions(text: str, ref: datetime, prefer: str) -> date | None:
    """The first date mention of a longer text (`Sáng nay (20/12)`, a sentence), resolved from *ref*."""
    for m in find_dates(text):
        if m.month is None:
            offset = _W.relative_offsets.get(m.relative) if m.relative else None
            return ref.date() + timedelta(days=offset) if offset is not None else None
        if m.year is not None:
            return safe_date(m.year, m.month, m.day or 1)
        if m.day is None:
            return resolve_month(m.month, ref.date(), prefer)
        return resolve_day_month(m.day, m.month, ref.date(), prefer)
    return None


def _from_dateparser(text: str, ref: datetime, prefer: str) -> date | None:
    """dateparser's reading of *text*, if it is plausible.

    Used for word orders the rules above do not cover (`Tháng Mười Hai 29,
    2013`).  Checked: the text must hold a date word or a digit, the year
    must be written in the text when the text writes four-digit numbers, and
    every number written must be a field of its answer, and the year must
    lie in 1000-2999 (dateparser reads `14/18` as 1918-02-14 and `tháng 13`
    as a day in January).
    """
    if len(text) > 80 or not _DATE_WORD_RE.search(text):
        return None
    try:
        import dateparser  # imported late: it is slow to load and rarely needed

        got: datetime | None = dateparser.parse(
            text,
            languages=["vi"],
            settings={
                "RELATIVE_BASE": ref,
                "PREFER_DATES_FROM": prefer,
                "DATE_ORDER": "DMY",
                "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    except Exception:  # a third-party parser must not make parse_date raise
        return None
    if got is None or not 1000 <= got.year <= 2999:
        return None
    if re.fullmatch(r"[\d\s/.\-]+", text):
        return None  # bare numbers are the rules' job; dateparser guesses (`14/18` -> 1918)
    # Every number written must be a field of the answer: `tháng 13` is not 2024-01-03.
    fields = {got.year, got.month, got.day, got.hour, got.hour % 12 or 12, got.minute, got.second}
    if any(int(n) not in fields for n in re.findall(r"\d+", text)):
        return None
    return got.date()


def parse_date(text: str, reference: date | datetime | None = None, *, prefer: str = "past") -> date | None:
    """One Vietnamese date expression -> the date it names, or None.

    *reference* is "now" (default: the current time); *prefer* resolves open
    references: ``"past"`` (dateparser: a bare ``thứ năm`` is last
    Thursday, ``12/10`` the last 12 October) or ``"future"`` (Duckling: the
    next ones).  Weeks, months, quarters and years give their first day.

    >>> ref = date(2024, 3, 14)
    >>> parse_date("Sáng ngày 02/8/2023"), parse_date("hôm qua", ref), parse_date("tháng 8 năm 2022")
    (datetime.date(2023, 8, 2), datetime.date(2024, 3, 13), datetime.date(2022, 8, 1))
    >>> parse_date("ngày 20/11", ref), parse_date("ngày 20/11", ref, prefer="future")
    (datetime.date(2023, 11, 20), datetime.date(2024, 11, 20))
    >>> parse_date("quý I/2023"), parse_date("14/18") is None
    (datetime.date(2023, 1, 1), True)
    """
    if prefer not in ("past", "future"):
        raise ValueError(f"prefer must be 'past' or 'future', not {prefer!r}")
    if not text or not isinstance(text, str):
        return None
    ref = _as_reference(reference)
    s = _normalise_expression(text)
    if not s:
        return None
    try:
        if len(s) <= 200:
            got = _parse(s, ref, prefer)
            if got is not None:
                return got
        got = _from_mentions(text[:10_000], ref, prefer)
        if got is not None:
            return got
    except (ValueError, OverflowError):
        return None  # date arithmetic past year 1 or 9999 (a reference at the edge of the calendar)
    return _from_dateparser(s, ref, prefer)

