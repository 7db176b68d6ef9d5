"""What the date grammars share: the vocabulary of ``patterns/dates.yaml``, its regex fragments, and
the small calendar helpers.

Two grammars read dates: :mod:`extractor.grammar.dates` finds the mentions of a news text
(``find_dates``), :mod:`extractor.grammar.date_expressions` parses one expression
(``parse_date``).  Both build their regexes from the fragments here with :func:`date_rx`, so a
month name or a blank means the same thing in both.

Every fragment is linear-time: quantifiers are bounded (``{1,2}`` digits, ``{1,3}`` blanks) and
never nested.
"""
from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from extractor.resources import alternation, load_yaml

__all__ = [
    "BLANK",
    "BLANK0",
    "DATE_PARTS",
    "DateWords",
    "date_rx",
    "date_words",
    "expand_year",
    "month_number",
    "norm_key",
    "safe_date",
    "to_24h",
    "valid_day_month",
    "word_alt",
]


@dataclass(frozen=True)
class DateWords:
    """The date vocabulary of ``patterns/dates.yaml``, keys and forms in lower case."""

    number_words: Mapping[str, int]             # `mười hai` -> 12
    months: Mapping[str, int]                   # month names after `tháng`: `giêng` -> 1
    weekdays_after_thu: Mapping[str, int]       # `thứ tư` -> 2 (Monday = 0)
    sunday: tuple[str, ...]                     # `chủ nhật`, `cn`
    ordinal_heads: tuple[str, ...]              # `kỳ họp thứ 7`: an ordinal, not a weekday
    relative_days: Mapping[str, int]            # `hôm qua` -> -1
    relative_names: Mapping[int, str]           # -1 -> `yesterday` (DateMention.relative)
    relative_offsets: Mapping[str, int]         # `yesterday` -> -1
    tod_relative: Mapping[str, int]             # after a time of day: `sáng mai` -> 1
    times_of_day: Mapping[str, str]             # `rạng sáng` -> `sáng`
    pm_hours: Mapping[str, frozenset[int]]      # hours that get 12 added after `chiều`...
    shifts: Mapping[str, int]                   # `tuần tới` -> +1
    first_words: tuple[str, ...]                # `ngày đầu tiên của ...`
    last_words: tuple[str, ...]                 # `tuần cuối cùng của ...`
    quarters: Mapping[str, int]                 # `iv` -> 4
    duration_units: Mapping[str, tuple[str, int]]  # `tuần` -> (`days`, 7)
    duration_before: Mapping[str, int]          # `sau 5 năm` -> +1
    duration_after: Mapping[str, int]           # `23 ngày trước` -> -1
    now_words: tuple[str, ...]
    fillers: tuple[str, ...]                    # stripped from the start of an expression
    fillers_tail: tuple[str, ...]               # ... and these from its end
    holidays: Mapping[str, tuple[int, int]]     # `quốc khánh` -> (2, 9)
    date_followers: tuple[str, ...]             # what may follow a bare d/m date
    counting_nouns: tuple[str, ...]             # what makes an x/y a figure
    figure_preceders: tuple[str, ...]           # `đạt 9/9`, `số 12/3`
    never_dates: frozenset[str]                 # `24/7`
    days_after: int                             # resolve_year: the turn of the year
    days_before: int


def _lower_keys(mapping: Mapping[Any, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in mapping.items()}


def _lower(forms: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(f).lower() for f in forms)


@functools.cache
def date_words() -> DateWords:
    """The date vocabulary, read once per process."""
    v = load_yaml("dates.yaml")
    names = {int(k): str(n) for k, n in v["relative_names"].items()}
    return DateWords(
        number_words=_lower_keys(v["number_words"]),
        months=_lower_keys(v["months"]),
        weekdays_after_thu=_lower_keys(v["weekdays_after_thu"]),
        sunday=_lower(v["sunday"]),
        ordinal_heads=_lower(v["ordinal_heads"]),
        relative_days=_lower_keys(v["relative_days"]),
        relative_names=names,
        relative_offsets={n: k for k, n in names.items()},
        tod_relative=_lower_keys(v["tod_relative"]),
        times_of_day=_lower_keys(v["times_of_day"]),
        pm_hours={k: frozenset(int(h) for h in hs) for k, hs in _lower_keys(v["pm_hours"]).items()},
        shifts=_lower_keys(v["shifts"]),
        first_words=_lower(v["first_words"]),
        last_words=_lower(v["last_words"]),
        quarters=_lower_keys(v["quarters"]),
        duration_units={k: (str(u[0]), int(u[1])) for k, u in _lower_keys(v["duration_units"]).items()},
        duration_before=_lower_keys(v["duration_before"]),
        duration_after=_lower_keys(v["duration_after"]),
        now_words=_lower(v["now_words"]),
        fillers=_lower(v["fillers"]),
        fillers_tail=_lower(v["fillers_tail"]),
        holidays={k: (int(d[0]), int(d[1])) for k, d in _lower_keys(v["holidays"]).items()},
        date_followers=_lower(v["date_followers"]),
        counting_nouns=_lower(v["counting_nouns"]),
        figure_preceders=_lower(v["figure_preceders"]),
        never_dates=frozenset(str(x) for x in v["never_dates"]),
        days_after=int(v["year_turn"]["max_days_after"]),
        days_before=int(v["year_turn"]["max_days_before"]),
    )


_W = date_words()

# Blanks between words: 1-3 spaces/tabs/NBSP, never a line break.  Bounded so that a long run
# of blanks costs a constant per match attempt, and so a date never spans two lines (a dateline
# and the first sentence stay apart).
BLANK = r"[^\S\n]{1,3}"
BLANK0 = r"[^\S\n]{0,3}"


def word_alt(forms: Iterable[str]) -> str:
    """An alternation of word *forms* (longest first wins), inner spaces matching :data:`BLANK`.

    >>> word_alt(["tháng", "tháng một"])
    'tháng(?:[^\\\\S\\\\n]{1,3}một)?'
    """
    return alternation(forms, blank=BLANK)


# The vocabulary as regex fragments.  Word forms are closed with (?!\w) so a prefix never
# matches inside a longer word (`tư` in `tư vấn`).
_MONTH_WORD = (
    "(?:"
    + word_alt(w for w in _W.months if w != "năm")
    # `tháng năm` is May only when no number follows: in `tháng năm 2017` the `năm` is the
    # word "year" and the month is missing.
    + r"(?!\w)|năm(?!\w)(?![^\S\n]{0,3}\d))"
)
# The ``«NAME»`` holes that :func:`date_rx` fills.
DATE_PARTS: Mapping[str, str] = {
    "B": BLANK,
    "B0": BLANK0,
    "MONTH": r"(?:\d{1,2}(?!\d)|" + _MONTH_WORD + ")",
    "WEEKDAY": r"(?:thứ" + BLANK + word_alt(_W.weekdays_after_thu) + "|" + word_alt(_W.sunday) + r")(?!\w)",
    "TOD": word_alt(_W.times_of_day) + r"(?!\w)",
    "TODREL": word_alt(_W.tod_relative) + r"(?!\w)",
    "REL": word_alt(_W.relative_days) + r"(?!\w)",
    "SHIFT": word_alt(_W.shifts) + r"(?!\w)",
    "NUMWORD": word_alt(_W.number_words) + r"(?!\w)",
    "QUARTER": r"(?:[1-4](?!\d)|" + word_alt(_W.quarters) + r"(?!\w))",
    "FIRST": word_alt(_W.first_words) + r"(?!\w)",
    "LAST": word_alt(_W.last_words) + r"(?!\w)",
    "HOLIDAY": word_alt(_W.holidays) + r"(?!\w)",
    "AMPM": r"(?:a\.m\.|p\.m\.|am|pm)(?!\w)",
}


def date_rx(pattern: str) -> re.Pattern[str]:
    """Compile a VERBOSE, case-insensitive *pattern* with its ``«NAME»`` holes filled from :data:`DATE_PARTS`.

    Placeholders instead of f-strings keep regex braces (``{1,2}``) readable.

    >>> date_rx(r"tháng «B» «MONTH»").match("Tháng  Giêng").group()
    'Tháng  Giêng'
    """
    for name, value in DATE_PARTS.items():
        pattern = pattern.replace(f"«{name}»", value)
    return re.compile(pattern, re.VERBOSE | re.IGNORECASE)


# ---------------------------------------------------------------------------
# Small helpers (doctested).


def norm_key(word: str) -> str:
    """*word* as a key of the vocabulary: lower case, single spaces.

    >>> norm_key("Mười  Hai")
    'mười hai'
    """
    return " ".join(word.lower().split())


def expand_year(y: int) -> int:
    """A two-digit year as strptime's ``%y`` reads it: 00-68 -> 2000s, 69-99 -> 1900s.

    >>> expand_year(17), expand_year(91), expand_year(2023)
    (2017, 1991, 2023)
    """
    if y >= 100:
        return y
    return 2000 + y if y <= 68 else 1900 + y


def safe_date(y: int, m: int, d: int) -> date | None:
    """``date(y, m, d)``, or None when that day does not exist.

    >>> safe_date(2023, 2, 29) is None, safe_date(2024, 2, 29)
    (True, datetime.date(2024, 2, 29))
    """
    if not (1 <= y <= 9999 and 1 <= m <= 12 and 1 <= d <= 31):
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def valid_day_month(d: int, m: int) -> bool:
    """Whether some year has day *d* of month *m* (29/2 counts).

    >>> valid_day_month(29, 2), valid_day_month(31, 4), valid_day_month(14, 18)
    (True, False, False)
    """
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(2000, m)[1]


def to_24h(hour: int, tod: str | None = None, ampm: str | None = None) -> int:
    """A spoken hour as a 24-hour clock hour, given its time of day or am/pm.

    >>> to_24h(3, "chiều"), to_24h(8, "tối"), to_24h(12, "sáng"), to_24h(1, "đêm"), to_24h(4, ampm="pm")
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
        if t in _W.times_of_day and t not in _W.pm_hours:
            t = _W.times_of_day[t]
        if t == "sáng" and hour == 12:
            return 0
        if hour in _W.pm_hours.get(t, ()):
            return hour + 12
    return hour


def month_number(word: str) -> int | None:
    """The month named by digits or a month word (``Giêng``, ``mười hai``, ``Chạp``).

    >>> month_number("01"), month_number("Giêng"), month_number("mười  hai"), month_number("chạp")
    (1, 1, 12, 12)
    """
    w = norm_key(word)
    m = int(w) if w.isdigit() else _W.months.get(w)
    return m if m is not None and 1 <= m <= 12 else None
