"""Vietnamese dates: parse one expression, find the mentions in news text, fill in a year.

Pure functions, in the manner of the dateparser library: the language
knowledge (month and weekday names, relative words, times of day, holidays,
the words that tell a ``d/m`` date from an ``x/y`` figure) is data in
``patterns/dates.yaml``; this module holds the grammar that applies it.

``parse_date(text, reference, prefer=...)``
    One date expression -> a ``datetime.date``: ``ngày 15 tháng 12 năm 2023``,
    ``02/8/2023``, ``hôm qua``, ``thứ 5 tuần sau``, ``quý 4 năm 2018``,
    ``3 giờ chiều ngày mai``, ``23 ngày trước``.  A week, month, quarter or
    year resolves to its first day (a week starts on Monday).  Open
    references (a bare weekday, a day-month or month without a year, a bare
    quarter, a holiday) resolve backwards with ``prefer="past"`` (dateparser's
    convention) and forwards with ``prefer="future"`` (Duckling's).  Numeric
    and Vietnamese forms are parsed by the rules here; dateparser is the last
    resort, for written-out foreign word orders (``Tháng Mười Hai 29, 2013``),
    and its answer is sanity-checked.

``find_dates(text)``
    Every date mention of a news text, as ``DateMention`` records with
    character offsets: ``Sáng ngày 02/8/2023``, ``Ngày 27 và 28-7``,
    ``Sáng nay (20/12)``, ``Thứ Tư, 08/04/2015, 08:11``, ``tháng 01/2023``,
    ``hôm qua``.  Not mentions: ``x/y`` figures (``7/7 đảng viên``), document
    numbers (``01/TU``, ``1234/QĐ-UBND``), ``24/7``, scores, phone numbers,
    fractions (``2/3 số đại biểu``), periods (``năm 2023``, ``quý I/2023``).

``resolve_year(mention, published, fallback_year)``
    A mention's date, its omitted year taken from the publication day (with
    the turn of the year handled) or else from a year the text implies.

Every regex here is linear-time: quantifiers are bounded (``{1,2}`` digits,
``{1,3}`` blanks) and never nested, so no input can make one backtrack
catastrophically; long inputs cost time in proportion to their length.

Offsets index the string given to ``find_dates``; the pipeline passes the
normalised (NFC) ``Article.text``.  Matching is case-insensitive.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from extractor.resources import load_yaml

__all__ = ["DateMention", "find_dates", "parse_date", "resolve_year"]


# ---------------------------------------------------------------------------
# Vocabulary (patterns/dates.yaml), read once per process by load_yaml.

_V = load_yaml("dates.yaml")


def _lower_keys(mapping: dict) -> dict:
    return {str(k).lower(): v for k, v in mapping.items()}


_NUM_WORDS: dict[str, int] = _lower_keys(_V["number_words"])
_MONTH_WORDS: dict[str, int] = _lower_keys(_V["months"])
_WD_AFTER_THU: dict[str, int] = _lower_keys(_V["weekdays_after_thu"])
_SUNDAY: list[str] = [w.lower() for w in _V["sunday"]]
_ORDINAL_HEADS: list[str] = _V["ordinal_heads"]
_REL_DAYS: dict[str, int] = _lower_keys(_V["relative_days"])
_REL_NAMES: dict[int, str] = {int(k): v for k, v in _V["relative_names"].items()}
_REL_OFFSETS: dict[str, int] = {v: k for k, v in _REL_NAMES.items()}
_TOD_REL: dict[str, int] = _lower_keys(_V["tod_relative"])
_TODS: dict[str, str] = _lower_keys(_V["times_of_day"])
_PM_HOURS: dict[str, set[int]] = {k: set(v) for k, v in _lower_keys(_V["pm_hours"]).items()}
_SHIFTS: dict[str, int] = _lower_keys(_V["shifts"])
_FIRST_WORDS: list[str] = _V["first_words"]
_LAST_WORDS: list[str] = _V["last_words"]
_QUARTERS: dict[str, int] = _lower_keys(_V["quarters"])
_DUR_UNITS: dict[str, tuple[str, int]] = {k: (v[0], int(v[1])) for k, v in _lower_keys(_V["duration_units"]).items()}
_DUR_BEFORE: dict[str, int] = _lower_keys(_V["duration_before"])
_DUR_AFTER: dict[str, int] = _lower_keys(_V["duration_after"])
_NOW_WORDS: list[str] = _V["now_words"]
_FILLERS: list[str] = _V["fillers"]
_FILLERS_TAIL: list[str] = _V["fillers_tail"]
_HOLIDAYS: dict[str, tuple[int, int]] = {k: (int(v[0]), int(v[1])) for k, v in _lower_keys(_V["holidays"]).items()}
_FOLLOWERS: list[str] = _V["date_followers"]
_COUNTING: list[str] = _V["counting_nouns"]
_FIG_PRE: list[str] = _V["figure_preceders"]
_NEVER_DATES: frozenset[str] = frozenset(_V["never_dates"])
_DAYS_AFTER: int = int(_V["year_turn"]["max_days_after"])
_DAYS_BEFORE: int = int(_V["year_turn"]["max_days_before"])

# Blanks between words: 1-3 spaces/tabs/NBSP, never a line break.  Bounded so
# that a long run of blanks costs a constant per match attempt, and so a date
# never spans two lines (a dateline and the first sentence stay apart).
_B = r"[^\S\n]{1,3}"
_B0 = r"[^\S\n]{0,3}"


def _alt(forms: Iterable[str], blank: str = _B) -> str:
    """A regex alternation of *forms*, longest first, inner spaces made *blank*.

    Longest first, so ``mười hai`` wins over ``mười``; the result is a
    non-capturing group, safe inside a VERBOSE pattern.

    >>> _alt(["tháng", "tháng một"], blank=r"\\s+")
    '(?:tháng\\\\s+một|tháng)'
    """
    parts = sorted({f.lower() for f in forms}, key=lambda f: (-len(f), f))
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", blank) for p in parts) + ")"


def _rx(pattern: str, **parts: str) -> re.Pattern[str]:
    """Compile a VERBOSE, case-insensitive *pattern* with ``«NAME»`` holes filled from *parts*.

    Placeholders instead of f-strings keep regex braces (``{1,2}``) readable.
    """
    for name, value in {**_PARTS, **parts}.items():
        pattern = pattern.replace(f"«{name}»", value)
    return re.compile(pattern, re.VERBOSE | re.IGNORECASE)


# The vocabulary as regex fragments.  Word forms are closed with (?!\w) so a
# prefix never matches inside a longer word (`tư` in `tư vấn`).
_MONTH_WORD = (
    "(?:"
    + _alt(w for w in _MONTH_WORDS if w != "năm")
    # `tháng năm` is May only when no number follows: in `tháng năm 2017` the
    # `năm` is the word "year" and the month is missing.
    + r"(?!\w)|năm(?!\w)(?![^\S\n]{0,3}\d))"
)
_WEEKDAY = r"(?:thứ" + _B + _alt(_WD_AFTER_THU) + "|" + _alt(_SUNDAY) + r")(?!\w)"
_TOD = _alt(_TODS) + r"(?!\w)"
_PARTS: dict[str, str] = {
    "B": _B,
    "B0": _B0,
    "MONTH": r"(?:\d{1,2}(?!\d)|" + _MONTH_WORD + ")",
    "WEEKDAY": _WEEKDAY,
    "TOD": _TOD,
    "TODREL": _alt(_TOD_REL) + r"(?!\w)",
    "REL": _alt(_REL_DAYS) + r"(?!\w)",
    "SHIFT": _alt(_SHIFTS) + r"(?!\w)",
    "NUMWORD": _alt(_NUM_WORDS) + r"(?!\w)",
    "QUARTER": r"(?:[1-4](?!\d)|" + _alt(_QUARTERS) + r"(?!\w))",
    "FIRST": _alt(_FIRST_WORDS) + r"(?!\w)",
    "LAST": _alt(_LAST_WORDS) + r"(?!\w)",
    "HOLIDAY": _alt(_HOLIDAYS) + r"(?!\w)",
    "AMPM": r"(?:a\.m\.|p\.m\.|am|pm)(?!\w)",
}


# ---------------------------------------------------------------------------
# Small helpers (doctested).


def _expand_year(y: int) -> int:
    """A two-digit year as strptime's ``%y`` reads it: 00-68 -> 2000s, 69-99 -> 1900s.

    >>> _expand_year(17), _expand_year(91), _expand_year(2023)
    (2017, 1991, 2023)
    """
    if y >= 100:
        return y
    return 2000 + y if y <= 68 else 1900 + y


def _safe_date(y: int, m: int, d: int) -> date | None:
    """``date(y, m, d)``, or None when that day does not exist.

    >>> _safe_date(2023, 2, 29) is None, _safe_date(2024, 2, 29)
    (True, datetime.date(2024, 2, 29))
    """
    if not (1 <= y <= 9999 and 1 <= m <= 12 and 1 <= d <= 31):
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _valid_day_month(d: int, m: int) -> bool:
    """Whether some year has day *d* of month *m* (29/2 counts).

    >>> _valid_day_month(29, 2), _valid_day_month(31, 4), _valid_day_month(14, 18)
    (True, False, False)
    """
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(2000, m)[1]


def _add_months(d: date, n: int) -> date:
    """*d* moved by *n* months, the day clamped to the target month's length.

    >>> _add_months(date(2014, 9, 1), -15), _add_months(date(2024, 1, 31), 1)
    (datetime.date(2013, 6, 1), datetime.date(2024, 2, 29))
    """
    k = d.year * 12 + (d.month - 1) + n
    y, m = divmod(k, 12)
    y = min(max(y, 1), 9999)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _week_start(d: date) -> date:
    """The Monday of *d*'s week.

    >>> _week_start(date(2017, 2, 2))
    datetime.date(2017, 1, 30)
    """
    return d - timedelta(days=d.weekday())


def _quarter_start(y: int, q: int) -> date:
    """The first day of quarter *q* (1-4) of year *y*.

    >>> _quarter_start(2018, 4)
    datetime.date(2018, 10, 1)
    """
    return date(y, 3 * (q - 1) + 1, 1)


def _to_24h(hour: int, tod: str | None = None, ampm: str | None = None) -> int:
    """A spoken hour as a 24-hour clock hour, given its time of day or am/pm.

    >>> _to_24h(3, "chiều"), _to_24h(8, "tối"), _to_24h(12, "sáng"), _to_24h(1, "đêm"), _to_24h(4, ampm="pm")
    (15, 20, 0, 1, 16)
    """
    if ampm:
        pm = ampm.lower().startswith("p")
        if pm and hour < 12:
            return hour + 12
        if not pm and hour == 12:
            return 0
        return hour
    if tod:
        t = tod.lower()
        if t in _TODS and t not in _PM_HOURS:
            t = _TODS[t]
        if t == "sáng" and hour == 12:
            return 0
        if hour in _PM_HOURS.get(t, ()):
            return hour + 12
    return hour


def _number(word: str) -> int | None:
    """A number written in digits or as a Vietnamese word.

    >>> _number("05"), _number("mười hai"), _number("ba"), _number("x")
    (5, 12, 3, None)
    """
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    return _NUM_WORDS.get(w)


def _month_number(word: str) -> int | None:
    """The month named by digits or a month word (``Giêng``, ``mười hai``, ``Chạp``).

    >>> _month_number("01"), _month_number("Giêng"), _month_number("mười  hai"), _month_number("chạp")
    (1, 1, 12, 12)
    """
    w = " ".join(word.lower().split())
    m = int(w) if w.isdigit() else _MONTH_WORDS.get(w)
    return m if m is not None and 1 <= m <= 12 else None


def _weekday_number(word: str) -> int | None:
    """Monday = 0 ... Sunday = 6, from ``thứ hai``/``thứ 2``/``Chủ nhật``/``CN``.

    >>> _weekday_number("Thứ Tư"), _weekday_number("thứ 7"), _weekday_number("chúa nhật")
    (2, 5, 6)
    """
    w = " ".join(word.lower().split())
    if w in _SUNDAY:
        return 6
    if w.startswith("thứ "):
        return _WD_AFTER_THU.get(w[4:].strip())
    return None


def _norm_key(word: str) -> str:
    return " ".join(word.lower().split())


# ---------------------------------------------------------------------------
# find_dates: mentions in news text.


@dataclass(frozen=True)
class DateMention:
    """One date mention of a text; ``text[start:end]`` is the mention as written.

    ``day``/``month``/``year`` are None where the text leaves them out (a
    month-grain mention ``tháng 8 năm 2022`` has no day; ``hôm qua`` has none
    of them, only ``relative``).  ``end_day`` is the last day of a range
    (``Ngày 27 và 28-7``: day 27, end_day 28).  ``has_cue``: the date is
    introduced by ``ngày``/``sáng``/``chiều``/``hôm qua``/a weekday... or
    stands in parentheses.  ``hour``/``minute``: a clock time written with it
    (``03/08/2023 09:58``), on the 24-hour clock.
    """

    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None
    time_of_day: str | None = None
    relative: str | None = None
    end_day: int | None = None
    has_cue: bool = False
    hour: int | None = None
    minute: int | None = None

    @property
    def grain(self) -> str:
        """``day``, ``month``, or ``relative`` (a ``hôm qua`` with no numbers)."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "relative"


# The core of a date mention, found by one left-to-right scan of the text.
# Alternatives go from the most specific to the least, so `27 và 28/2` is a
# range rather than `28/2`, and `tháng 01/2023` a month rather than `01/20..`.
_CORE_RE = _rx(
    r"""
    (?<![\w/.,:\-–])            # not glued to what comes before: `1.200/3`, `QĐ-12/3`, `3,5/10`, `27,28/2023`
    (?:
        # `15 tháng 12 năm 2023`, `10 tháng 9  năm 2020`, `3 tháng Giêng`: written, year optional
        (?P<w_d>\d{1,2}) «B» tháng «B» (?P<w_m>«MONTH»)
        (?: «B0» ,? «B0» năm «B» (?P<w_y>\d{4}) | «B0» [/\-] «B0» (?P<w_y2>\d{4}) )?
      |
        # `27 và 28/2`, `26, 27/5`, `27-28/4/2019`: two days of one month
        (?P<r_d1>\d{1,2}) (?P<r_conn> «B0» [,\-–] «B0» | «B» (?:và|đến|tới) «B» ) (?P<r_d2>\d{1,2})
        (?P<r_sep>[/\-.]) (?P<r_m>\d{1,2}) (?: (?P=r_sep) (?P<r_y>\d{4}) )?
      |
        # `02/8/2023`, `28-02-2019`, `10.6`, `3/3/17`: one separator throughout, year optional
        (?P<n_d>\d{1,2}) (?P<n_sep>[/\-.]) (?P<n_m>\d{1,2}) (?: (?P=n_sep) (?P<n_y>\d{4}|\d{2}) )?
      |
        # `tháng 8 năm 2022`, `tháng 01/2023`: a month of a year
        tháng «B» (?P<mo_m>«MONTH») (?: «B» năm «B» | «B0» [/\-] «B0» ) (?P<mo_y>\d{4})
    )
    (?![\w/]|[.,:\-–]\d)        # not followed by more number or code: `01/TU`, `12/3/QĐ`, `1/2.5`, `5/1-2`
    """
)

# What may introduce a date, matched against the few characters before a core
# and anchored at the core (\Z): `Sáng ngày `, `Sáng nay, ngày `, `Sáng nay (`,
# `Hôm qua `, `Thứ Tư, `, `Trong hai ngày `, `7:30 chiều ngày `, `(`.
# Every part is optional but the cue must start at a word or `(`; the window
# it runs on is at most _CUE_WINDOW characters, so its cost is constant.
_SEP = r"«B0»[,\-–]?«B0»"
_CUE_RE = _rx(
    r"""
    (?<!\w) (?=\w|\()
    (?P<cue>
        (?:                                     # a clock time before `chiều ngày`: `7:30 chiều ngày 20/4/2017`
            (?P<lh>\d{1,2}) (?: [:hg](?P<lm>\d{2}) | «B» giờ (?: «B» (?P<lm2>\d{1,2}) (?: «B» phút)? )? )
            «B0» ,? «B0» (?=«TOD»|ngày)
        )?
        (?:                                     # `Sáng`, `Sáng nay`, `tối hôm qua` | `hôm qua`, `ngày hôm nay`
            (?P<tod>«TOD») (?: «B» (?P<todrel>«TODREL»))?
          | (?P<rel>«REL»)
        )?
        (?: SEP (?P<wd>«WEEKDAY») )?            # `Thứ Tư,`, `sáng Chủ nhật`
        (?: SEP (?P<ngay>                       # `ngày`, `ngày mồng`, `mùng`, `Trong hai ngày`
                (?: trong «B» (?:hai|ba|các|những|\d{1,2}) «B» )? (?:ngày|hôm|bữa) (?: «B» (?:mồng|mùng))? (?!\w)
                (?: «B0» :? «B0» từ (?!\w) )?   # `Trong các ngày: từ 13 đến 17-7`
              | (?:mồng|mùng)(?!\w) ) )?
        (?: «B0» (?P<paren>\() )?               # `Sáng nay (20/12)`, `(20/12)`
    )
    «B0» [,:\-–]? «B0» \Z
    """.replace("SEP", _SEP)
)
_CUE_WINDOW = 60

# A word that makes the weekday after it an ordinal: `kỳ họp thứ 7, ngày 12/3`.
_ORDINAL_BEFORE_RE = _rx(r"(?<!\w)" + _alt(_ORDINAL_HEADS) + r"«B0»\Z")
# A word right before a bare d/m that makes it a figure or address: `đạt 9/9`, `số 12/3`.
_FIGURE_BEFORE_RE = _rx(r"(?<!\w)" + _alt(_FIG_PRE) + r"«B0»\Z")
# What may follow a bare d/m for it still to be a date: `8/3;`, `2/9 tới`.
_FOLLOWER_RE = _rx(r"«B0»(?:[,.;:!?)\]}\"”’'…\-–|]|\n|\Z|\d{1,2}[:h]\d{2}|" + _alt(_FOLLOWERS) + r"(?!\w))")
_COUNTING_RE = _rx(r"«B0»" + _alt(_COUNTING) + r"(?!\w)")
# A clock time right after a date: `03/08/2023 09:58`, `Thứ Tư, 08/04/2015, 08:11`, `28-02-2019 - 08:06`.
_TRAIL_TIME_RE = _rx(
    r"""
    (?: «B0» [,|\-–] «B0» | «B» ) (?: lúc «B» )?
    (?P<h>\d{1,2}) [:h] (?P<mi>\d{2}) (?: :\d{2} )? (?![\d:])
    """
)
_CLOSE_PAREN_RE = re.compile(r"[^\S\n]{0,3}\)")
# `Sáng nay`, `Chiều qua`, `hôm qua`, `ngày mai` standing alone (no numbers).
_REL_ONLY_RE = _rx(
    r"""
    (?<!\w)
    (?: (?P<tod>«TOD») «B» (?P<todrel>«TODREL») | (?P<rel>«REL») )
    (?!\w)
    """
)


def _line_window(text: str, start: int, floor: int) -> int:
    """Where the cue window before *start* begins: at most _CUE_WINDOW back, same line, after *floor*."""
    lo = max(floor, start - _CUE_WINDOW)
    nl = text.rfind("\n", lo, start)
    return nl + 1 if nl >= 0 else lo


def _cue_before(text: str, start: int, floor: int) -> re.Match[str] | None:
    """The cue ending right at *start* (searched in a short window, absolute offsets), or None."""
    lo = _line_window(text, start, floor)
    m = _CUE_RE.search(text, lo, start)  # \Z matches at endpos; lookbehinds see the real text
    if m is None or m.start("cue") == m.end("cue"):
        return None
    if m.group("wd") and m.start("wd") == m.start("cue"):
        # `kỳ họp thứ 7, ngày 12/3`: `thứ 7` is an ordinal, the cue starts after it.
        if _ORDINAL_BEFORE_RE.search(text, max(0, m.start() - 20), m.start()):
            rest = _CUE_RE.search(text, m.end("wd"), start)
            if rest is None or rest.start("cue") == rest.end("cue"):
                return None
            return rest
    return m


def find_dates(text: str) -> list[DateMention]:
    """The date mentions of a news text, in order.

    >>> [(m.day, m.month, m.year, m.time_of_day) for m in find_dates("Sáng ngày 02/8/2023, Đảng ủy xã họp")]
    [(2, 8, 2023, 'sáng')]
    >>> find_dates("phát triển 7/7 đảng viên mới; Chỉ thị số 01/TU")
    []
    """
    if not text:
        return []
    out: list[DateMention] = []
    floor = 0
    for core in _CORE_RE.finditer(text):
        mention = _mention_from_core(text, core, floor)
        if mention is not None:
            out.append(mention)
            floor = mention.end
    # `hôm qua`, `Sáng nay` with no date written beside them.  Both lists run
    # left to right, so one pointer finds the mentions a match could overlap.
    dated = [(m.start, m.end) for m in out]
    i = 0
    for rm in _REL_ONLY_RE.finditer(text):
        while i < len(dated) and dated[i][1] <= rm.start():
            i += 1
        if i < len(dated) and dated[i][0] < rm.end():
            continue
        offset = _TOD_REL[_norm_key(rm.group("todrel"))] if rm.group("todrel") else _REL_DAYS[_norm_key(rm.group("rel"))]
        tod = _TODS[_norm_key(rm.group("tod"))] if rm.group("tod") else None
        out.append(
            DateMention(rm.start(), rm.end(), None, None, None, tod, _REL_NAMES.get(offset), None, True)
        )
    out.sort(key=lambda m: m.start)
    return out


_WEEKDAY_NUMBER = re.compile(r"th[ứu]\s*$", re.IGNORECASE)


def _mention_from_core(text: str, core: re.Match[str], floor: int) -> DateMention | None:
    g = core.group
    end_day = None
    two_digit_year = False
    if g("w_d"):
        kind = "written"
        d, mo = int(g("w_d")), _month_number(g("w_m"))
        y_s = g("w_y") or g("w_y2")
        sep = None
    elif g("r_d1"):
        kind = "range"
        d, end_day, mo = int(g("r_d1")), int(g("r_d2")), int(g("r_m"))
        y_s, sep = g("r_y"), g("r_sep")
        if "," in g("r_conn") and (end_day - d > 7 or _WEEKDAY_NUMBER.search(text, max(0, core.start() - 6), core.start())):
            # "Thứ 2, 15/01/2024": a weekday's number before a date, not a range of days
            d, end_day, kind, range_start = end_day, None, "numeric", core.start("r_d2")
    elif g("n_d"):
        kind = "numeric"
        d, mo = int(g("n_d")), int(g("n_m"))
        y_s, sep = g("n_y"), g("n_sep")
        two_digit_year = y_s is not None and len(y_s) == 2
    else:
        kind = "month"
        d, mo = None, _month_number(g("mo_m"))
        y_s, sep = g("mo_y"), None
    if mo is None or not 1 <= mo <= 12:
        return None
    year = _expand_year(int(y_s)) if y_s else None
    if year is not None and not 1000 <= year <= 2999:
        return None
    if d is not None:
        if not _valid_day_month(d, mo) or (year is not None and _safe_date(year, mo, d) is None):
            return None
    if end_day is not None and (end_day <= d or not _valid_day_month(end_day, mo)):
        return None

    start, end = core.start(), core.end()
    if kind == "numeric" and g("r_d1"):
        start = range_start
    cue = _cue_before(text, start, floor)
    paren_only = cue is not None and cue.group("paren") is not None and cue.start("cue") == cue.start("paren")
    has_cue = cue is not None
    if paren_only:
        cue_start = start
    elif cue is not None:
        cue_start = cue.start("cue")
    else:
        cue_start = start
        has_cue = start > 0 and text[start - 1] == "("

    if not has_cue:
        if kind == "written" and year is None:
            return None  # `15 tháng 12` with no `ngày`: too often a duration
        if year is None and kind in ("numeric", "range"):
            if sep != "/":
                return None  # `28-4`, `3.6` need a cue: scores, ranges and decimals look the same
            if kind == "numeric" and f"{g('n_d')}/{g('n_m')}" in _NEVER_DATES:
                return None
            if kind == "range" and "," in g("r_conn"):
                return None  # `3,5/10` is a decimal over ten; `ngày 26, 27/5` has its cue
            if _FIGURE_BEFORE_RE.search(text, max(0, start - 20), start):
                return None
            if _COUNTING_RE.match(text, end) or not _FOLLOWER_RE.match(text, end):
                return None
        if two_digit_year:
            return None  # `1/2/20` without a cue: a list or a code more often than a date

    # A clock time after the date belongs to the mention.
    hour = minute = None
    tod = rel = None
    if cue is not None:
        if cue.group("tod"):
            tod = _TODS[_norm_key(cue.group("tod"))]
        if cue.group("todrel"):
            rel = _REL_NAMES.get(_TOD_REL[_norm_key(cue.group("todrel"))])
        elif cue.group("rel"):
            rel = _REL_NAMES.get(_REL_DAYS[_norm_key(cue.group("rel"))])
        if cue.group("lh"):
            h = int(cue.group("lh"))
            mi = int(cue.group("lm") or cue.group("lm2") or 0)
            h = _to_24h(h, cue.group("tod"))
            if h <= 23 and mi <= 59:
                hour, minute = h, mi
    if cue is not None and cue.group("paren") and not paren_only:
        close = _CLOSE_PAREN_RE.match(text, end)
        if close:
            end = close.end()
    tm = _TRAIL_TIME_RE.match(text, end)
    if tm and int(tm.group("h")) <= 23 and int(tm.group("mi")) <= 59:
        hour, minute = int(tm.group("h")), int(tm.group("mi"))
        end = tm.end()
    return DateMention(
        start=cue_start,
        end=end,
        day=d,
        month=mo,
        year=year,
        time_of_day=tod,
        relative=rel,
        end_day=end_day,
        has_cue=has_cue,
        hour=hour,
        minute=minute,
    )


# ---------------------------------------------------------------------------
# resolve_year


def _year_near(day: int, month: int, published: date) -> date | None:
    """The day-month nearest to *published* in the way news reports events.

    Same year, unless that lies more than ``max_days_after`` after
    publication (then the year before: a January article about late
    December) or more than ``max_days_before`` before it (then the year
    after: a December article announcing early January).

    >>> _year_near(28, 12, date(2024, 1, 2)), _year_near(5, 1, date(2023, 12, 20)), _year_near(31, 5, date(2024, 1, 15))
    (datetime.date(2023, 12, 28), datetime.date(2024, 1, 5), datetime.date(2024, 5, 31))
    """
    y = published.year
    same = _safe_date(y, month, day)
    if same is not None:
        delta = (same - published).days
        if delta > _DAYS_AFTER:
            return _safe_date(y - 1, month, day)
        if delta < -_DAYS_BEFORE:
            return _safe_date(y + 1, month, day)
        return same
    # 29/2 of a common year: the neighbouring leap year nearer to publication.
    options = [c for c in (_safe_date(y - 1, month, day), _safe_date(y + 1, month, day)) if c is not None]
    return min(options, key=lambda c: abs((c - published).days)) if options else None


def resolve_year(mention: DateMention, published: date | None, fallback_year: int | None = None) -> date | None:
    """The date of *mention*, an omitted year filled in.

    A written year wins.  Otherwise the year comes from *published* (the
    article's dateline), handling the turn of the year: published 2024-01-02,
    ``28/12`` is 2023-12-28.  Without a publication day, *fallback_year* (a
    year the text implies: a nearby ``tháng 8 năm 2022``, the first year of a
    congress's term).  None when no year can be known.  A month-grain
    mention gives the month's first day; a ``hôm qua`` with no numbers gives
    the publication day moved by its offset.

    >>> m = find_dates("Sáng 28/12, Hội nghị")[0]
    >>> resolve_year(m, date(2024, 1, 2)), resolve_year(m, None, 2022), resolve_year(m, None)
    (datetime.date(2023, 12, 28), datetime.date(2022, 12, 28), None)
    """
    if published is not None and isinstance(published, datetime):
        published = published.date()
    if mention.month is None:
        offset = _REL_OFFSETS.get(mention.relative) if mention.relative else None
        if offset is not None and published is not None:
            return published + timedelta(days=offset)
        return None
    day = mention.day if mention.day is not None else 1
    if mention.year is not None:
        return _safe_date(mention.year, mention.month, day)
    if published is not None:
        return _year_near(day, mention.month, published)
    if fallback_year is not None:
        return _safe_date(int(fallback_year), mention.month, day)
    return None


# ---------------------------------------------------------------------------
# parse_date: one expression.

# Durations: `23 ngày trước`, `sau 5 năm nữa`, `cách đây 2 tuần`.  The amount
# parts are matched one at a time (no `(...)+` over the whole), so a long
# input costs linear time.
_DUR_BEFORE_RE = _rx(r"\A" + _alt(_DUR_BEFORE) + r"«B»")
_DUR_AFTER_RE = _rx(r"«B»" + _alt(_DUR_AFTER) + r"\Z")
_DUR_PART_RE = _rx(r"«B0»(?P<n>\d{1,4}(?!\d)|«NUMWORD»)«B0»(?P<u>" + _alt(_DUR_UNITS) + r")(?!\w)")

# A clock time anywhere in the expression: `10:45`, `10h45`, `3 giờ rưỡi
# chiều`, `11 giờ kém 15`, `4pm`, with its time of day (`sáng`/`chiều`...),
# an optional `nay`/`mai` and a time-zone name, which is dropped.
_TIME_RE = _rx(
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
_FILLER_HEAD_RE = _rx(r"\A(?:" + _alt(_FILLERS) + r"(?!\w)«B0»)")
_FILLER_TAIL_RE = _rx(r"(?<!\w)" + _alt(_FILLERS_TAIL) + r"\Z")
_NOW_RE = _rx(_alt(_NOW_WORDS) + r"\Z")

_TOD_HEAD_RE = _rx(r"«TOD»«B»")
_ONE_REL_RE = _rx(r"(?:(?P<tod>«TOD»)«B»)?(?: (?P<rel>«REL») | (?P<todrel>«TODREL») )\Z")
_WD_PREFIX_RE = _rx(r"(?P<wd>«WEEKDAY») (?: «B0»[,\-–]«B0» | «B» ) (?P<rest>\S.*)\Z")
_NUMERIC_RE = _rx(
    r"""
    (?: ngày «B» )? (?: (?:mồng|mùng) «B» )?
    (?:
        (?P<d>\d{1,2}) (?P<sep>[/.\-]) (?P<m>\d{1,2}) (?: (?P=sep) (?P<y>\d{4}|\d{2}) )?
      | (?P<iy>\d{4}) (?P<isep>[/\-]) (?P<im>\d{1,2}) (?P=isep) (?P<id>\d{1,2})      # ISO 2017-03-03
    )
    \Z
    """
)
_WRITTEN_RE = _rx(
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
_MONTH_RE = _rx(
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
_UNIT_SHIFT_RE = _rx(r"(?P<u>tuần|tháng|quý|năm) «B» (?P<sh>«SHIFT») \Z")
_QUARTER_RE = _rx(
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
_YEAR_RE = _rx(r"(?: (?P<nam>năm) «B» )? (?P<y>\d{4}) \Z")
_WEEKDAY_RE = _rx(
    r"""
    (?P<wd>«WEEKDAY»)
    (?: «B» (?: của «B» )? tuần «B» (?P<wsh>«SHIFT») | «B» (?P<sh>«SHIFT») )?
    \Z
    """
)
_NTH_RE = _rx(r"(?P<u>ngày|tuần) «B» (?: (?P<first>«FIRST»)|(?P<last>«LAST») ) (?: «B» của )? «B» (?P<rest>tháng.*|năm.*|quý.*) \Z")
_HOLIDAY_RE = _rx(r"(?: (?:ngày|lễ) «B» )? (?P<h>«HOLIDAY») (?: «B» (?: năm «B» )? (?P<y>\d{4}) )? \Z")
# Words that show a text is about time at all (for trusting dateparser).
_DATE_WORD_RE = _rx(r"(?<!\w)(?:tháng|thứ|chủ «B» nhật|ngày|năm|tuần|giờ|hôm|«AMPM»|lúc)(?!\w)|\d")


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


def _resolve_day_month(d: int, m: int, ref: date, prefer: str, weekday: int | None = None) -> date | None:
    """A day-month without a year, resolved from *ref* in the *prefer* direction.

    Future: the first such day on or after *ref*; past: the last on or before.
    A weekday named with it picks the year whose day falls on that weekday,
    when one of the neighbouring years does.

    >>> _resolve_day_month(12, 10, date(2017, 2, 2), "future"), _resolve_day_month(12, 10, date(2017, 2, 2), "past")
    (datetime.date(2017, 10, 12), datetime.date(2016, 10, 12))
    """
    cands = [c for c in (_safe_date(y, m, d) for y in range(ref.year - 2, ref.year + 3)) if c is not None]
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


def _resolve_month(m: int, ref: date, prefer: str, shift: int | None = None) -> date:
    """The first day of month *m* without a year: this year's or the nearest in the *prefer* direction.

    ``shift=+1`` (`tháng 3 tới`): strictly after the current month; ``-1``
    (`tháng 3 vừa rồi`): strictly before; ``0``: this year's.

    >>> _resolve_month(6, date(2017, 2, 2), "future"), _resolve_month(6, date(2017, 2, 2), "past")
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


def _resolve_weekday(wd: int, ref: date, prefer: str, shift: int | None = None, week_shift: int | None = None) -> date:
    """A weekday from *ref*.

    Bare (`thứ năm`): the next one after today (future) or the last one before
    it (past), never today (both peers agree).  ``shift`` +1 (`thứ ba tới`) /
    -1 (`thứ ba vừa rồi`) / 0 (`thứ ba này`); ``week_shift`` for `thứ tư tuần
    tới`: that day of the next/this/last Monday-to-Sunday week.

    >>> ref = date(2017, 2, 2)  # a Thursday
    >>> _resolve_weekday(0, ref, "future"), _resolve_weekday(3, ref, "past"), _resolve_weekday(2, ref, "past", week_shift=1)
    (datetime.date(2017, 2, 6), datetime.date(2017, 1, 26), datetime.date(2017, 2, 8))
    """
    if week_shift is not None:
        return _week_start(ref) + timedelta(days=7 * week_shift + wd)
    if shift == 0:
        return _week_start(ref) + timedelta(days=wd)
    direction = shift if shift in (1, -1) else (1 if prefer == "future" else -1)
    if direction == 1:
        return ref + timedelta(days=(wd - ref.weekday() - 1) % 7 + 1)
    return ref - timedelta(days=(ref.weekday() - wd - 1) % 7 + 1)


def _resolve_quarter(q: int, ref: date, prefer: str) -> date:
    cur = (ref.month - 1) // 3 + 1
    if prefer == "future":
        return _quarter_start(ref.year if q >= cur else ref.year + 1, q)
    return _quarter_start(ref.year if q <= cur else ref.year - 1, q)


def _unit_start(unit: str, d: date) -> date:
    if unit == "tuần":
        return _week_start(d)
    if unit == "tháng":
        return d.replace(day=1)
    if unit == "quý":
        return _quarter_start(d.year, (d.month - 1) // 3 + 1)
    return date(d.year, 1, 1)


def _shift_unit(unit: str, d: date, n: int) -> date:
    if unit == "tuần":
        return d + timedelta(days=7 * n)
    return _add_months(d, {"tháng": 1, "quý": 3, "năm": 12}[unit] * n)


def _duration(s: str, ref: datetime) -> datetime | None:
    """`23 ngày trước`, `sau 5 năm nữa`, `21 giờ trước` -> *ref* moved by that much; None if *s* is not one."""
    before = _DUR_BEFORE_RE.match(s)
    after = _DUR_AFTER_RE.search(s)
    if before is None and after is None:
        return None
    direction = _DUR_AFTER[_norm_key(after.group(0))] if after else _DUR_BEFORE[_norm_key(before.group(0))]
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
        kind, k = _DUR_UNITS[_norm_key(p.group("u"))]
        amount = direction * n * k
        if kind == "months":
            moved = _add_months(out.date(), amount)
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
        h = _number(g("h3"))
        if h is None:
            return None
        mi = 30 if g("half") else int(g("m3") or 0)
        if g("k"):
            h, mi = h - 1, 60 - int(g("k"))
    else:
        h, mi = int(g("h4")), 0
    explicit = bool(g("ampm") or g("tod"))
    h = _to_24h(h, g("tod"), g("ampm"))
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
        table = _REL_DAYS if m.group("rel") else _TOD_REL
        return ref + timedelta(days=table[_norm_key(key)])
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
            return _safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        d, mo = int(m.group("d")), int(m.group("m"))
        if m.group("y"):
            return _safe_date(_expand_year(int(m.group("y"))), mo, d)
        if m.group("sep") == "." and not s.startswith(("ngày", "mồng", "mùng")):
            return None  # `3.6` alone reads as a decimal number
        return _resolve_day_month(d, mo, ref, prefer, weekday) if _valid_day_month(d, mo) else None
    m = _WRITTEN_RE.match(s)
    if m:
        d, mo = _number(m.group("d")), _month_number(m.group("m"))
        if d is None or mo is None:
            return None
        y = m.group("y") or m.group("y2")
        if y:
            return _safe_date(int(y), mo, d)
        if m.group("ysh"):
            return _safe_date(ref.year + _SHIFTS[_norm_key(m.group("ysh"))], mo, d)
        return _resolve_day_month(d, mo, ref, prefer, weekday) if _valid_day_month(d, mo) else None
    return None


def _period_rules(s: str, ref: date, prefer: str) -> date | None:
    """Months, weeks, quarters, years, weekdays, `ngày đầu tiên của ...`, holidays."""
    m = _MONTH_RE.match(s)
    if m:
        mo = _month_number(m.group("m"))
        if mo is None:
            return None
        if m.group("y"):
            return _safe_date(int(m.group("y")), mo, 1)
        if m.group("ysh"):
            return _safe_date(ref.year + _SHIFTS[_norm_key(m.group("ysh"))], mo, 1)
        shift = _SHIFTS[_norm_key(m.group("sh"))] if m.group("sh") else None
        return _resolve_month(mo, ref, prefer, shift)
    m = _UNIT_SHIFT_RE.match(s)
    if m:
        unit = _norm_key(m.group("u"))
        return _unit_start(unit, _shift_unit(unit, _unit_start(unit, ref), _SHIFTS[_norm_key(m.group("sh"))]))
    m = _QUARTER_RE.match(s)
    if m:
        q = int(m.group("q")) if m.group("q").isdigit() else _QUARTERS[_norm_key(m.group("q"))]
        y = m.group("y") or m.group("y2")
        if y:
            return _quarter_start(int(y), q)
        if m.group("ysh"):
            return _quarter_start(ref.year + _SHIFTS[_norm_key(m.group("ysh"))], q)
        if m.group("sh"):
            sh = _SHIFTS[_norm_key(m.group("sh"))]
            return _resolve_quarter(q, ref, "future" if sh > 0 else "past") if sh else _quarter_start(ref.year, q)
        return _resolve_quarter(q, ref, prefer)
    m = _YEAR_RE.match(s)
    if m:
        # `năm 1935` is a year whatever its number; a bare number only looks like one near our time.
        y = int(m.group("y"))
        lo, hi = (1000, 2999) if m.group("nam") else (1800, 2200)
        return date(y, 1, 1) if lo <= y <= hi else None
    m = _WEEKDAY_RE.match(s)
    if m:
        wd = _weekday_number(m.group("wd"))
        if wd is None:
            return None
        if m.group("wsh"):
            return _resolve_weekday(wd, ref, prefer, week_shift=_SHIFTS[_norm_key(m.group("wsh"))])
        shift = _SHIFTS[_norm_key(m.group("sh"))] if m.group("sh") else None
        return _resolve_weekday(wd, ref, prefer, shift=shift)
    m = _NTH_RE.match(s)
    if m:
        base = _date_rules(m.group("rest"), ref, prefer)
        if base is None:
            return None
        rest = m.group("rest").lower()
        if rest.startswith("năm"):
            span_end = date(base.year, 12, 31)
        elif rest.startswith("quý"):
            span_end = _add_months(base, 3) - timedelta(days=1)
        else:
            span_end = _add_months(base, 1) - timedelta(days=1)
        if m.group("u").lower() == "ngày":
            return base if m.group("first") else span_end
        if m.group("first"):
            return base + timedelta(days=(7 - base.weekday()) % 7)  # the first Monday in it
        return _week_start(span_end)
    m = _HOLIDAY_RE.match(s)
    if m:
        d, mo = _HOLIDAYS[_norm_key(m.group("h"))]
        if m.group("y"):
            return _safe_date(int(m.group("y")), mo, d)
        return _resolve_day_month(d, mo, ref, prefer)
    return None


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
        return ref.date() + timedelta(days=_TOD_REL[_norm_key(tm.group("todrel"))])
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
            offset = _REL_OFFSETS.get(m.relative) if m.relative else None
            return ref.date() + timedelta(days=offset) if offset is not None else None
        if m.year is not None:
            return _safe_date(m.year, m.month, m.day or 1)
        if m.day is None:
            return _resolve_month(m.month, ref.date(), prefer)
        return _resolve_day_month(m.day, m.month, ref.date(), prefer)
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

        got = dateparser.parse(
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
