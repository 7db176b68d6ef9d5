"""Dates in news text: find the mentions, fill in a year.

The language knowledge (month and weekday names, relative words, times of day, the words that
tell a ``d/m`` date from an ``x/y`` figure) is data in ``patterns/dates.yaml``, read and made
into regex fragments by :mod:`extractor.grammar.date_words`; this module holds the grammar of
mentions.  One expression on its own (``hôm qua``, ``quý 4 năm 2018``) is
:func:`extractor.grammar.date_expressions.parse_date`'s job.

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

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

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

__all__ = ["DateMention", "find_dates", "resolve_year"]

_W = date_words()


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
_CORE_RE = date_rx(
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
_CUE_RE = date_rx(
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
_ORDINAL_BEFORE_RE = date_rx(r"(?<!\w)" + word_alt(_W.ordinal_heads) + r"«B0»\Z")
# A word right before a bare d/m that makes it a figure or address: `đạt 9/9`, `số 12/3`.
_FIGURE_BEFORE_RE = date_rx(r"(?<!\w)" + word_alt(_W.figure_preceders) + r"«B0»\Z")
# What may follow a bare d/m for it still to be a date: `8/3;`, `2/9 tới`.
_FOLLOWER_RE = date_rx(
    r"""
    «B0»
    (?:
        [,.;:!?)\]}\"”’'…\-–|]         # punctuation: `8/3;`, `(2/9)`, `8/3 - 10/3`
      | \n | \Z                      # the end of the line or of the text
      | \d{1,2}[:h]\d{2}             # a clock time: `20/12 14:00`
      | """
    + word_alt(_W.date_followers)
    + r"""(?!\w)                       # a word: `2/9 tới`, `8/3 năm nay`
    )
    """
)
_COUNTING_RE = date_rx(r"«B0»" + word_alt(_W.counting_nouns) + r"(?!\w)")
# A clock time right after a date: `03/08/2023 09:58`, `Thứ Tư, 08/04/2015, 08:11`, `28-02-2019 - 08:06`.
_TRAIL_TIME_RE = date_rx(
    r"""
    (?: «B0» [,|\-–] «B0» | «B» ) (?: lúc «B» )?
    (?P<h>\d{1,2}) [:h] (?P<mi>\d{2}) (?: :\d{2} )? (?![\d:])
    """
)
_CLOSE_PAREN_RE = re.compile(r"[^\S\n]{0,3}\)")
# `Sáng nay`, `Chiều qua`, `hôm qua`, `ngày mai` standing alone (no numbers).
_REL_ONLY_RE = date_rx(
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
        if rm.group("todrel"):
            offset = _W.tod_relative[norm_key(rm.group("todrel"))]
        else:
            offset = _W.relative_days[norm_key(rm.group("rel"))]
        tod = _W.times_of_day[norm_key(rm.group("tod"))] if rm.group("tod") else None
        out.append(
            DateMention(rm.start(), rm.end(), None, None, None, tod, _W.relative_names.get(offset), None, True)
        )
    out.sort(key=lambda m: m.start)
    return out


_WEEKDAY_NUMBER = re.compile(r"th[ứu]\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class _Core:
    """The fields a core match writes, before any cue is looked at."""

    kind: str               # written (`15 tháng 12`), range (`27 và 28/2`), numeric (`02/8`), month (`tháng 8/2022`)
    day: int | None
    end_day: int | None
    month: int | None
    year_text: str | None   # the year as written: 4 digits, or 2 in a numeric date
    sep: str | None         # the separator of a numeric date or range
    start: int


def _read_core(text: str, core: re.Match[str]) -> _Core:
    g = core.group
    if g("w_d"):
        return _Core("written", int(g("w_d")), None, month_number(g("w_m")), g("w_y") or g("w_y2"), None, core.start())
    if g("r_d1"):
        d, end_day = int(g("r_d1")), int(g("r_d2"))
        weekday_before = _WEEKDAY_NUMBER.search(text, max(0, core.start() - 6), core.start())
        if "," in g("r_conn") and (end_day - d > 7 or weekday_before):
            # "Thứ 2, 15/01/2024": a weekday's number before a date, not a range of days
            return _Core("numeric", end_day, None, int(g("r_m")), g("r_y"), g("r_sep"), core.start("r_d2"))
        return _Core("range", d, end_day, int(g("r_m")), g("r_y"), g("r_sep"), core.start())
    if g("n_d"):
        return _Core("numeric", int(g("n_d")), None, int(g("n_m")), g("n_y"), g("n_sep"), core.start())
    return _Core("month", None, None, month_number(g("mo_m")), g("mo_y"), None, core.start())


def _real_day(c: _Core, year: int | None) -> bool:
    """Whether the day (and the range's last day) exists in the month, and in the year when written."""
    if c.month is None:
        return False
    if c.day is not None:
        if not valid_day_month(c.day, c.month) or (year is not None and safe_date(year, c.month, c.day) is None):
            return False
    if c.end_day is not None and (c.day is None or c.end_day <= c.day or not valid_day_month(c.end_day, c.month)):
        return False
    return True


def _date_without_cue(text: str, core: re.Match[str], c: _Core, year: int | None, end: int) -> bool:
    """Whether a core no cue introduces still reads as a date (and not a duration, score or figure)."""
    if c.kind == "written" and year is None:
        return False  # `15 tháng 12` with no `ngày`: too often a duration
    if year is None and c.kind in ("numeric", "range"):
        if c.sep != "/":
            return False  # `28-4`, `3.6` need a cue: scores, ranges and decimals look the same
        if c.kind == "numeric" and f"{core.group('n_d')}/{core.group('n_m')}" in _W.never_dates:
            return False
        if c.kind == "range" and "," in core.group("r_conn"):
            return False  # `3,5/10` is a decimal over ten; `ngày 26, 27/5` has its cue
        if _FIGURE_BEFORE_RE.search(text, max(0, c.start - 20), c.start):
            return False
        if _COUNTING_RE.match(text, end) or not _FOLLOWER_RE.match(text, end):
            return False
    # `1/2/20` without a cue: a list or a code more often than a date
    return not (c.year_text is not None and len(c.year_text) == 2)


def _cue_words(cue: re.Match[str]) -> tuple[str | None, str | None, int | None, int | None]:
    """(time of day, relative day, hour, minute) that a cue writes: `7:30 chiều hôm qua ngày`."""
    tod = _W.times_of_day[norm_key(cue.group("tod"))] if cue.group("tod") else None
    rel = None
    if cue.group("todrel"):
        rel = _W.relative_names.get(_W.tod_relative[norm_key(cue.group("todrel"))])
    elif cue.group("rel"):
        rel = _W.relative_names.get(_W.relative_days[norm_key(cue.group("rel"))])
    hour = minute = None
    if cue.group("lh"):
        h = to_24h(int(cue.group("lh")), cue.group("tod"))
        mi = int(cue.group("lm") or cue.group("lm2") or 0)
        if h <= 23 and mi <= 59:
            hour, minute = h, mi
    return tod, rel, hour, minute


def _mention_from_core(text: str, core: re.Match[str], floor: int) -> DateMention | None:
    c = _read_core(text, core)
    if c.month is None or not 1 <= c.month <= 12:
        return None
    year = expand_year(int(c.year_text)) if c.year_text else None
    if year is not None and not 1000 <= year <= 2999:
        return None
    if not _real_day(c, year):
        return None

    start, end = c.start, core.end()
    cue = _cue_before(text, start, floor)
    paren_only = cue is not None and cue.group("paren") is not None and cue.start("cue") == cue.start("paren")
    has_cue = cue is not None
    cue_start = start
    if cue is not None and not paren_only:
        cue_start = cue.start("cue")
    elif cue is None:
        has_cue = start > 0 and text[start - 1] == "("
    if not has_cue and not _date_without_cue(text, core, c, year, end):
        return None

    tod = rel = None
    hour = minute = None
    if cue is not None:
        tod, rel, hour, minute = _cue_words(cue)
        if cue.group("paren") and not paren_only:
            close = _CLOSE_PAREN_RE.match(text, end)
            if close:
                end = close.end()
    # A clock time after the date belongs to the mention.
    tm = _TRAIL_TIME_RE.match(text, end)
    if tm and int(tm.group("h")) <= 23 and int(tm.group("mi")) <= 59:
        hour, minute = int(tm.group("h")), int(tm.group("mi"))
        end = tm.end()
    return DateMention(
        start=cue_start,
        end=end,
        day=c.day,
        month=c.month,
        year=year,
        time_of_day=tod,
        relative=rel,
        end_day=c.end_day,
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
    same = safe_date(y, month, day)
    if same is not None:
        delta = (same - published).days
        if delta > _W.days_after:
            return safe_date(y - 1, month, day)
        if delta < -_W.days_before:
            return safe_date(y + 1, month, day)
        return same
    # 29/2 of a common year: the neighbouring leap year nearer to publication.
    options = [c for c in (safe_date(y - 1, month, day), safe_date(y + 1, month, day)) if c is not None]
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
        offset = _W.relative_offsets.get(mention.relative) if mention.relative else None
        if offset is not None and published is not None:
            return published + timedelta(days=offset)
        return None
    day = mention.day if mention.day is not None else 1
    if mention.year is not None:
        return safe_date(mention.year, mention.month, day)
    if published is not None:
        return _year_near(day, mention.month, published)
    if fallback_year is not None:
        return safe_date(int(fallback_year), mention.month, day)
    return None

