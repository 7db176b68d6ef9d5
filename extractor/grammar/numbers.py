"""Numbers and money as Vietnamese news writes them: pure functions.

Modelled on price-parser: a small value object keeps the raw text beside the
parsed value, the few regexes are compiled once and explain themselves, and
the language knowledge (number words, scale words, currency words) is data in
``patterns/numbers.yaml``; this module holds only the grammar that combines it.

Public API
- :func:`parse_number` -- the value of a text that is one number, else None.
- :func:`find_numbers` -- every number in running text, with offsets.
- :func:`parse_money` -- an amount of money (or a range or bound), else None.
- :func:`parse_ordinal` -- ``thứ nhất`` / ``thứ 3`` / ``đầu tiên``.

Vietnamese conventions (``shared/spec/records.md``): ``83,3`` is 83.3,
``1.200`` is 1200, ``01`` is 1, ``60 triệu`` is 60000000.  Digit strings whose
separators could be read two ways are decided by :func:`_digits_value`:

- one dot: thousands when exactly three digits follow and the head is 1-3
  digits not starting with 0 (``1.200`` = 1200), else a decimal point
  (``1.5``, ``3.6``, ``2023.5``, ``0.500``);
- one comma: a decimal comma (``83,3``, ``25,064`` = 25.064, ``1,500`` = 1.5),
  except ``,000`` after a 1-3 digit head (``880,000`` = 880000): nobody writes
  three trailing zeros after a Vietnamese decimal comma, so those are the
  web's English-style thousands;
- several dots or several commas: thousands, when every group after the first
  has exactly three digits (``12.500.000``, ``1,200,000``); otherwise the
  string is not a number (``1.1.1`` section numbers, ``192.168.1.1``,
  ``0275.3.822.123`` phone numbers) and is skipped;
- both kinds: the last separator is the decimal mark and the other kind are
  thousands (``2.253,6`` = 2253.6; ``1,234.5`` = 1234.5);
- more than 21 digits: an identifier, not a number.

All scanning is linear: the one tokenising regex has no nested quantifier, and
the numeral grammar reads forward token by token without backtracking.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from extractor.resources import load_yaml

__all__ = ["Money", "Number", "find_numbers", "parse_money", "parse_number", "parse_ordinal"]


@dataclass(frozen=True)
class Number:
    """A number found in text: ``text[start:end] == raw``."""

    raw: str
    value: float
    start: int
    end: int
    ordinal: bool = False  # written after "thứ": "lần thứ 3", "thứ bảy"


@dataclass(frozen=True)
class Money:
    """An amount of money: a point ``value``, or a range/bound in ``min``/``max``.

    ``currency`` follows the peer suite's codes: ``VND``, ``$`` (dollar of no
    stated country, ``đô``), ``USD`` (written as the code), ``EUR``, ``£``,
    ``GBP``, ``INR``, ``AED``, ``cent``.  ``per`` is the rate's denominator
    (``60 triệu đồng/người/năm`` -> ``người/năm``).
    """

    raw: str
    currency: str
    value: float | None = None
    min: float | None = None
    max: float | None = None
    per: str | None = None


# --------------------------------------------------------------------------
# Tokens

_TOKEN = re.compile(
    r"""
      (?P<num>  [0-9] [0-9.,]* )   # digits with their separators, as one flat class: even
                                   # "1.1.1..." or "9"*10**6 is a single pass, never re-tried;
                                   # trailing separators ("2023.", "5,") are trimmed in code
    | (?P<word> [^\W\d_]+ )        # a syllable: letters only (Vietnamese letters are \w)
                                   # Anything else is no token: it stays in the gap between
                                   # two tokens, and a gap that is not blank ends a phrase.
    """,
    re.VERBOSE,
)

# A number given alone may start with a minus, even spaced ("- 12.000"); in
# running text "-" is a sign only when glued to the digits (_minus_before).
_LEADING_MINUS = re.compile(r"^ [-−] \s*", re.VERBOSE)

# Duckling writes ",77" for 0.77: a separator before the first digit.
_LEADING_POINT = re.compile(r"^ [.,] (?=[0-9])", re.VERBOSE)

_MAX_DIGITS = 21  # longer digit runs are identifiers, and would overflow a float anyway


class _Tok(NamedTuple):
    kind: str  # "num" or "word"
    start: int
    end: int
    key: str  # casefolded word, or digits as written (trailing separators trimmed)


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        if m.lastgroup == "num":
            key = m.group().rstrip(".,")
            out.append(_Tok("num", start, start + len(key), key))
        else:
            out.append(_Tok("word", start, end, m.group().casefold()))
    return out


def _thousands(groups: list[str]) -> bool:
    """Whether digit groups read as thousands: a 1-3 digit head without a leading 0, then threes.

    >>> _thousands(["12", "500", "000"]), _thousands(["25", "06"]), _thousands(["0", "500"])
    (True, False, False)
    """
    head = groups[0]
    return 1 <= len(head) <= 3 and head[0] != "0" and all(len(g) == 3 for g in groups[1:])


def _digits_value(s: str) -> Decimal | None:
    """A digit string's value under the rules in the module docstring; None when malformed.

    >>> [str(_digits_value(s)) for s in ["83,3", "1.200", "12.500.000", "01", "1.5"]]
    ['83.3', '1200', '12500000', '1', '1.5']
    >>> [str(_digits_value(s)) for s in ["25,064", "880,000", "3,400,000", "2.253,6"]]
    ['25.064', '880000', '3400000', '2253.6']
    >>> _digits_value("1.1.1") is None, _digits_value("1,2.3") is None
    (True, True)
    """
    if not s or len(s) - s.count(".") - s.count(",") > _MAX_DIGITS:
        return None
    dot, comma = "." in s, "," in s
    if not dot and not comma:
        return Decimal(s)
    if dot and comma:
        cut = max(s.rfind("."), s.rfind(","))
        mark = s[cut]
        other = "," if mark == "." else "."
        head, frac = s[:cut], s[cut + 1 :]
        if mark in head or not _thousands(head.split(other)):
            return None
        return Decimal(head.replace(other, "") + "." + frac)
    sep = "." if dot else ","
    groups = s.split(sep)
    if any(not g for g in groups):  # "1..2", ",5" inside running text
        return None
    if len(groups) > 2:
        return Decimal("".join(groups)) if _thousands(groups) else None
    head, tail = groups
    if _thousands(groups) and (sep == "." or tail == "000"):
        return Decimal(head + tail)
    return Decimal(head + "." + tail)


# --------------------------------------------------------------------------
# The lexicon (patterns/numbers.yaml)


class _Lexicon(NamedTuple):
    units: dict[str, int]
    ten: frozenset[str]
    tens: dict[str, int]
    after_ten: dict[str, int]
    after_tens: dict[str, int]
    contraction: dict[str, int]
    hundred: frozenset[str]
    zero_tens: frozenset[str]
    scales: dict[str, int]
    tail: dict[str, int]
    half: frozenset[str]
    point: frozenset[str]
    negative: frozenset[str]
    si: dict[str, int]
    si_running: frozenset[str]
    ambiguous_alone: frozenset[str]
    ordinal_prefix: tuple[str, ...]
    ordinal_words: dict[str, int]
    ordinal_first: frozenset[str]


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _keys(items: Any) -> frozenset[str]:
    return frozenset(_nfc(str(w)).casefold() for w in items)


def _table(items: dict[str, int]) -> dict[str, int]:
    return {_nfc(str(k)).casefold(): int(v) for k, v in items.items()}


@functools.cache
def _lex() -> _Lexicon:
    d = load_yaml("numbers.yaml")
    return _Lexicon(
        units=_table(d["units"]),
        ten=_keys(d["ten"]),
        tens=_table(d["tens"]),
        after_ten=_table(d["after_ten"]),
        after_tens=_table(d["after_tens"]),
        contraction=_table(d["contraction"]),
        hundred=_keys(d["hundred"]),
        zero_tens=_keys(d["zero_tens"]),
        scales=_table(d["scales"]),
        tail=_table(d["abbreviated_tail"]),
        half=_keys(d["half"]),
        point=_keys(d["point"]),
        negative=_keys(d["negative"]),
        si={str(k): int(v) for k, v in d["si_suffixes"].items()},  # case matters: M is not m
        si_running=frozenset(str(k) for k in d["si_suffixes_in_running_text"]),
        ambiguous_alone=_keys(d["ambiguous_alone"]),
        ordinal_prefix=tuple(sorted(_keys(d["ordinal_prefix"]), key=len, reverse=True)),
        ordinal_words=_table(d["ordinal_words"]),
        ordinal_first=_keys(d["ordinal_first"]),
    )


# --------------------------------------------------------------------------
# The numeral grammar


class _Section(NamedTuple):
    """A value below a scale word: ``147``, ``hai trăm linh năm``, ``mười lăm``."""

    value: Decimal
    end: int  # index of the token after it
    kind: str  # "digits", "unit" (one digit word) or "complete" (has trăm/mươi/mười/linh)
    half: Decimal  # what a following "rưỡi" adds: 50 after "trăm", else 0.5
    unit: str = ""  # the word, for kind "unit"


_HALF = Decimal("0.5")
_FIFTY = Decimal(50)


class _Reader:
    """Reads the longest numeral phrase at a token; forward only, so linear overall.

    ``whole`` is for a text that is one number (parse_number, amounts of
    money): Duckling's forms are accepted there (a scale word alone, ``5M``), and
    the running-text guards against names and homonyms are off.
    """

    def __init__(self, text: str, toks: list[_Tok], whole: bool) -> None:
        self.text, self.toks, self.whole, self.lex = text, toks, whole, _lex()
        self.start = 0

    # -- token access ------------------------------------------------------

    def joined(self, i: int) -> bool:
        """Token i follows token i-1 across spaces only (not a newline, not punctuation)."""
        gap = self.text[self.toks[i - 1].end : self.toks[i].start]
        return gap == "" or (gap.isspace() and "\n" not in gap)

    def word(self, i: int) -> str | None:
        """Token i's key when it is a word that may belong to the phrase being read."""
        if i >= len(self.toks) or self.toks[i].kind != "word":
            return None
        if i > self.start and not self.joined(i):
            return None
        if not self.whole and not self.cased_ok(i):
            return None
        return self.toks[i].key

    def cased_ok(self, i: int) -> bool:
        """Inside a running-text phrase, words are lower case or all caps ("HAI MƯƠI"): a
        capitalised word starts a name ("Mười Bảy").  The first word is judged by the caller."""
        if i == self.start:
            return True
        t = self.toks[i]
        s = self.text[t.start : t.end]
        return s.islower() or s.isupper()

    def digits(self, i: int) -> str | None:
        if i >= len(self.toks) or self.toks[i].kind != "num":
            return None
        if i > self.start and not self.joined(i):
            return None
        return self.toks[i].key

    # -- grammar -------------------------------------------------------------

    def section(self, i: int, first: bool) -> _Section | None:
        lex = self.lex
        raw = self.digits(i)
        if raw is not None:
            v = _digits_value(raw)
            if v is None:
                return None
            j = i + 1
            if j < len(self.toks) and self.toks[j].start == self.toks[i].end:
                suffix = self.text[self.toks[j].start : self.toks[j].end]  # "50k", "2M"
                if self.toks[j].kind == "word" and suffix in lex.si and (self.whole or suffix in lex.si_running):
                    v, j = v * lex.si[suffix], j + 1
            w = self.word(j)
            if w in lex.hundred:  # "2 trăm", "5 trăm nghìn"
                return _Section(v * 100, j + 1, "digits", _FIFTY)
            if w in lex.tens and lex.tens[w] == 1:  # "3 chục"
                return _Section(v * 10, j + 1, "digits", _HALF)
            return _Section(v, j, "digits", _HALF)
        w = self.word(i)
        if w is None:
            return None
        if w in lex.ten:
            return self.after_ten(i)
        if w in lex.units:
            u = lex.units[w]
            if self.word(i + 1) in lex.hundred:
                return self.after_hundred(Decimal(u * 100), i + 2)
            return self.tens_of(u, i) or _Section(Decimal(u), i + 1, "unit", _HALF, w)
        if not first and w in lex.tail:  # "ba nghìn tư": the short tail after a scale
            return _Section(Decimal(lex.tail[w]), i + 1, "unit", _HALF, w)
        if first and self.whole:  # Duckling: "trăm" alone is 100
            if w in lex.hundred:
                return self.after_hundred(Decimal(100), i + 1)
            if lex.tens.get(w) == 1:
                return _Section(Decimal(10), i + 1, "complete", _HALF)
        return None

    def after_ten(self, i: int) -> _Section:
        """``mười`` [unit]: 10-19."""
        w = self.word(i + 1)
        if w in self.lex.after_ten:
            return _Section(Decimal(10 + self.lex.after_ten[w]), i + 2, "complete", _HALF)
        return _Section(Decimal(10), i + 1, "complete", _HALF)

    def tens_of(self, u: int, i: int) -> _Section | None:
        """unit ``mươi``/``chục`` [unit], or the contraction ``hai lăm`` = 25; unit at token i."""
        lex = self.lex
        w = self.word(i + 1)
        if w in lex.tens and u >= lex.tens[w]:
            w2 = self.word(i + 2)
            if w2 in lex.after_tens:
                return _Section(Decimal(u * 10 + lex.after_tens[w2]), i + 3, "complete", _HALF)
            return _Section(Decimal(u * 10), i + 2, "complete", _HALF)
        if w in lex.contraction and u >= 2:
            return _Section(Decimal(u * 10 + lex.contraction[w]), i + 2, "complete", _HALF)
        return None

    def after_hundred(self, h: Decimal, j: int) -> _Section:
        """What may follow ``X trăm``: tens, ``linh``/``lẻ`` + unit, the short tail, or nothing."""
        lex = self.lex
        w = self.word(j)
        if w in lex.ten:
            s = self.after_ten(j)
            return _Section(h + s.value, s.end, "complete", _HALF)
        if w in lex.units:
            s = self.tens_of(lex.units[w], j)
            if s is not None:
                return _Section(h + s.value, s.end, "complete", _HALF)
        if w in lex.zero_tens:
            w2 = self.word(j + 1)
            if w2 in lex.units and lex.units[w2] > 0:
                return _Section(h + lex.units[w2], j + 2, "complete", _HALF)
        if w in lex.tail and not self.continues(j + 1):  # "hai trăm mốt" = 210
            return _Section(h + 10 * lex.tail[w], j + 1, "complete", _HALF)
        return _Section(h, j, "complete", _FIFTY)

    def continues(self, i: int) -> bool:
        """Token i would extend a numeral (so the word before it is not a final tail)."""
        w = self.word(i)
        lex = self.lex
        return w is not None and (w in lex.scales or w in lex.hundred or w in lex.tens or w in lex.contraction)

    def scales(self, j: int) -> tuple[int, int]:
        """The product of the scale words at j: compounding only upward (``nghìn tỷ``)."""
        product = 1
        while (w := self.word(j)) is not None and w in self.lex.scales and self.lex.scales[w] > product:
            product *= self.lex.scales[w]
            j += 1
        return product, j

    def point(self, sec: _Section) -> _Section:
        """Spoken decimal: ``hai phẩy năm`` = 2.5, ``2 chấm 23`` = 2.23."""
        if sec.value != sec.value.to_integral_value():
            return sec
        if sec.kind == "digits" and not self.toks[sec.end - 1].key.isdigit():
            return sec
        if self.word(sec.end) not in self.lex.point:
            return sec
        j = sec.end + 1
        raw = self.digits(j)
        if raw is not None and raw.isdigit():
            frac, end = raw, j + 1
        else:
            w = self.word(j)
            if w is None or (w not in self.lex.units and w not in self.lex.ten):
                return sec
            spoken = self.section(j, first=False)
            if spoken is not None and spoken.kind == "complete":  # "phẩy hai mươi lăm" = .25
                frac, end = str(int(spoken.value)), spoken.end
            else:  # digit by digit: "phẩy không năm" = .05
                frac, end = "", j
                while (w := self.word(end)) is not None and w in self.lex.units:
                    frac, end = frac + str(self.lex.units[w]), end + 1
        return _Section(sec.value + Decimal("0." + frac), end, "digits", _HALF)

    def read(self, i: int) -> tuple[Decimal, int] | None:
        """The longest numeral phrase at token i: its value and the index after it."""
        self.start = i
        lex = self.lex
        sec = self.section(i, first=True)
        if sec is None:
            if not (self.whole and self.word(i) in lex.scales):
                return None
            sec = _Section(Decimal(1), i, "digits", _HALF)  # "triệu" alone
        sec = self.point(sec)
        # total: the groups read so far; group: the scale of the last one (0 before any);
        # done: the token after it, where the phrase ends if what follows does not fit.
        total, group, done = Decimal(0), 0, i
        while True:
            scale, j = self.scales(sec.end)
            if scale == 1:
                if group == 0:  # no scale anywhere: the section is the number
                    if self.word(sec.end) in lex.half:
                        return sec.value + sec.half, sec.end + 1
                    return sec.value, sec.end
                if sec.kind == "complete" and sec.value < group:  # "hai nghìn không trăm mười"
                    if self.word(sec.end) in lex.half:
                        return total + sec.value + sec.half, sec.end + 1
                    return total + sec.value, sec.end
                if sec.kind == "unit" and sec.unit in lex.tail:  # "ba nghìn tư" = 3400
                    return total + Decimal(lex.tail[sec.unit] * group) / 10, sec.end
                return total, done  # "147 triệu 700": a bare trailing number is not part of it
            if group and (scale >= group or sec.value * scale >= group):
                return total, done  # scales must descend: "1 nghìn 2 triệu" stops at 1000
            total += sec.value * scale
            group, done = scale, j
            if self.word(j) in lex.half:  # "2 triệu rưỡi"
                return total + Decimal(scale) / 2, j + 1
            nxt = self.section(j, first=False)
            if nxt is None:
                return total, j
            sec = nxt


def _float(v: Decimal) -> float:
    return float(v) + 0.0  # + 0.0 turns -0.0 into 0.0


# --------------------------------------------------------------------------
# Public: numbers


def parse_number(text: str) -> float | None:
    """The value of a text that is one number, the Vietnamese way; None otherwise.

    >>> parse_number("83,3"), parse_number("1.200"), parse_number("01")
    (83.3, 1200.0, 1.0)
    >>> parse_number("147 triệu 700 nghìn"), parse_number("hai mươi lăm")
    (147700000.0, 25.0)
    >>> parse_number("âm 15"), parse_number("ba con gà") is None
    (-15.0, True)
    """
    s = _nfc(text).strip().rstrip(".,;:!?").rstrip()
    minus = _LEADING_MINUS.match(s)
    if minus:
        s = s[minus.end() :]
    if _LEADING_POINT.match(s):
        s = "0" + s
    toks = _tokens(s)
    if not toks or toks[0].start != 0:
        return None
    reader = _Reader(s, toks, whole=True)
    first = 0
    if not minus and toks[0].key in _lex().negative and len(toks) > 1 and reader.joined(1):
        first = 1  # "âm 5"
    read = reader.read(first)
    if read is None or read[1] != len(toks) or toks[-1].end != len(s):
        return None
    return _float(-read[0] if minus or first else read[0])


def find_numbers(text: str) -> list[Number]:
    """Every number in running text, in order, each with its offsets.

    Digits come with their scale words as one number; number words count when
    they form a numeral phrase (``hai mươi lăm``) or are one unambiguous word
    (``ba``; not ``một``, ``năm``, ``không``), and not when one capitalised
    word mid-sentence is a name (``ông Sáu``, ``Bé Tư``).  A number after
    ``thứ`` is flagged ``ordinal``.  Offsets index ``text`` as given (NFC
    expected, as ``Article.text`` is).

    >>> [(n.raw, n.value) for n in find_numbers("đạt 83,3%, thu nhập 60 triệu đồng/người/năm")]
    [('83,3', 83.3), ('60 triệu', 60000000.0)]
    >>> [(n.raw, n.value) for n in find_numbers("năm 2023 có hai mươi lăm hộ; ông Bé Tư, ông Sáu")]
    [('2023', 2023.0), ('hai mươi lăm', 25.0)]
    """
    lex = _lex()
    toks = _tokens(text)
    reader = _Reader(text, toks, whole=False)
    starters = lex.units.keys() | lex.ten | lex.negative  # words a running-text numeral opens with
    found: list[Number] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "word" and t.key not in starters:
            i += 1  # most words: skipped without starting the grammar
            continue
        first = i + 1 if t.key in lex.negative and i + 1 < len(toks) and reader.joined(i + 1) else i
        read = reader.read(first) if _free(text, toks[first]) else None
        if read is None:
            i += 1
            continue
        value, after = read
        negative = first != i
        head = toks[first]
        if after == first + 1 and head.kind == "word":
            if head.key in lex.ambiguous_alone:  # "một", "năm", "không" alone: "a", "year", "not"
                i = after
                continue
            shown = text[head.start : head.end]
            if not (shown.islower() or shown.isupper()) and not _sentence_start(text, head.start):
                i = after  # "Hai chân - Ba mũi", "ông Sáu": a name
                continue
        start, end = t.start, toks[after - 1].end
        if head.kind == "num" and _minus_before(text, start):
            start, negative = start - 1, True
        ordinal = first > 0 and toks[first - 1].key in lex.ordinal_prefix and reader.joined(first)
        found.append(Number(text[start:end], _float(-value if negative else value), start, end, ordinal))
        i = after
    return found


def _free(text: str, tok: _Tok) -> bool:
    """Digits glued after letters belong to a code ("H5N1", "QĐ1"), not a quantity."""
    return tok.kind != "num" or tok.start == 0 or not text[tok.start - 1].isalpha()


def _sentence_start(text: str, pos: int) -> bool:
    """Nothing but spaces between pos and a line start or a full stop."""
    k = pos - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] in "\n.!?:;…"


def _minus_before(text: str, start: int) -> bool:
    """Whether a minus sign stands before the digits at start.

    A "-" glued to the digits is a minus unless it joins two things ("2020-2025",
    "COVID-19", "2016 -2021") or opens a line, where it is a bullet.

    >>> _minus_before("tăng -5%", 6), _minus_before("2016 -2021", 6), _minus_before("-5 hộ", 1)
    (True, False, False)
    """
    if start < 1 or text[start - 1] not in "-−":
        return False
    if text[start - 1] == "−":
        return True
    k = start - 2
    if k < 0 or text[k].isalnum() or text[k] == "\n":
        return False
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k >= 0 and not text[k].isdigit() and text[k] != "\n"


def parse_ordinal(text: str) -> int | None:
    """An ordinal: ``thứ nhất`` = 1, ``thứ tư`` = 4, ``thứ 3`` = 3, ``đầu tiên`` = 1.

    >>> parse_ordinal("thứ nhất"), parse_ordinal("thứ hai mươi mốt"), parse_ordinal("thứ")
    (1, 21, None)
    """
    lex = _lex()
    s = " ".join(_nfc(text).casefold().split())
    if s in lex.ordinal_first:
        return 1
    for prefix in lex.ordinal_prefix:
        if s.startswith(prefix + " "):
            rest = s[len(prefix) + 1 :]
            if rest in lex.ordinal_words:
                return lex.ordinal_words[rest]
            v = parse_number(rest)
            if v is not None and v >= 1 and v == int(v):
                return int(v)
    return None


# --------------------------------------------------------------------------
# Public: money


class _MoneyLex(NamedTuple):
    minor: frozenset[str]  # codes with cents
    prefix: re.Pattern[str]  # a currency written before the amount
    prefix_code: dict[str, str]  # its regex group -> currency code
    name: re.Pattern[str]  # a currency written after it
    name_code: dict[str, str]
    cent_code: str
    approx: re.Pattern[str]
    bound: re.Pattern[str]  # group "max" or "min"
    bound_suffix: re.Pattern[str]
    opener: re.Pattern[str]
    opener_word: dict[str, str]  # regex group -> the opener as written in the YAML
    opener_means: dict[str, str | None]
    joins: dict[str | None, re.Pattern[str]]  # opener -> where a range splits
    cents_join: re.Pattern[str]


_MONEY_MAX_CHARS = 200  # an amount is a phrase; longer input is not one (and stays linear)


def _alternation(words: Any) -> str:
    """A regex alternation of literal phrases, longest first so "đô la" wins over "đô".

    >>> _alternation(["đô", "đô la"])
    'đô\\\\ la|đô'
    """
    keys = sorted({_nfc(str(w)).casefold() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(k) for k in keys)


def _choice(pairs: dict[str, str]) -> tuple[str, dict[str, str]]:
    """Like :func:`_alternation`, each phrase in a group of its own: which one matched is
    ``m.lastgroup``, with no casefolding of the match to look up (``İ`` would not fold back).

    >>> _choice({"đô": "$", "đô la": "$"})
    ('(?P<g0>đô\\\\ la)|(?P<g1>đô)', {'g0': '$', 'g1': '$'})
    """
    folded = {_nfc(str(k)).casefold(): v for k, v in pairs.items()}
    ordered = sorted(folded, key=len, reverse=True)
    pattern = "|".join(f"(?P<g{i}>{re.escape(k)})" for i, k in enumerate(ordered))
    return pattern, {f"g{i}": folded[k] for i, k in enumerate(ordered)}


# A currency name or a qualifier ends where a letter does not follow ("đ" but not "đồng",
# "rs" but not "rupees"); digits may follow ("VND500").
_WORD_END = r"(?![^\W\d_])"


@functools.cache
def _money_lex() -> _MoneyLex:
    d = load_yaml("numbers.yaml")
    names: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    minor: set[str] = set()
    subunit = ""
    for cur in d["currencies"]:
        c = str(cur["code"])
        names.update((str(n), c) for n in cur["names"])
        prefixes.update((str(n), c) for n in cur["prefixes"])
        if cur["minor"]:
            minor.add(c)
        if cur.get("subunit"):
            subunit = c
    name_pattern, name_code = _choice(names)
    prefix_pattern, prefix_code = _choice(prefixes)
    openers: dict[str, Any] = {str(w): v for w, v in d["money"]["range_prefix"].items()}
    opener_pattern, opener_word = _choice({w: w for w in openers})
    m = d["money"]
    flags = re.IGNORECASE
    bound = f"(?P<max>{_alternation(m['max_prefix'])})|(?P<min>{_alternation(m['min_prefix'])})"
    suffix = f"(?P<max>{_alternation(m['max_suffix'])})|(?P<min>{_alternation(m['min_suffix'])})"
    dash = r"\s*[-–]\s*"  # "5-7 triệu đồng", "USD5 - USD7"
    joins: dict[str | None, re.Pattern[str]] = {}
    for opener in [None, *openers]:
        words = list(m["range_join"]) + (list(openers[opener]["join"]) if opener else [])
        joins[opener] = re.compile(rf"\s+(?:{_alternation(words)})\s+|{dash}", flags)
    return _MoneyLex(
        minor=frozenset(minor),
        prefix=re.compile(rf"(?:{prefix_pattern}){_WORD_END}\s*", flags),
        prefix_code=prefix_code,
        name=re.compile(rf"(?:{name_pattern}){_WORD_END}", flags),
        name_code=name_code,
        cent_code=subunit,
        approx=re.compile(rf"(?:{_alternation(m['approx'])}){_WORD_END}\s*", flags),
        bound=re.compile(rf"(?:{bound}){_WORD_END}\s*", flags),
        bound_suffix=re.compile(rf"\s+(?:{suffix})$", flags),
        opener=re.compile(rf"(?:{opener_pattern}){_WORD_END}\s*", flags),
        opener_word=opener_word,
        opener_means={w: v["alone"] for w, v in openers.items()},
        joins=joins,
        cents_join=re.compile(rf"(?:{_alternation(m['cents_join'])}){_WORD_END}\s*", flags),
    )


class _Read(NamedTuple):
    value: Decimal
    end: int  # character offset after the number
    scale: int  # its leading scale words ("7 triệu" -> 10**6), 1 when it has none


def _number_at(s: str, pos: int) -> _Read | None:
    """The longest number starting at character pos of s."""
    sub = s[pos:]
    toks = _tokens(sub)
    read = _Reader(sub, toks, whole=True).read(0) if toks and toks[0].start == 0 else None
    if read is None:
        return None
    scales, scale = _lex().scales, 1
    for t in toks[: read[1]]:
        if t.kind == "word" and t.key in scales and scales[t.key] > scale:
            scale *= scales[t.key]
        elif scale > 1:
            break
    return _Read(read[0], pos + toks[read[1] - 1].end, scale)


class _Amount(NamedTuple):
    value: Decimal
    currency: str | None
    per: str | None
    scale: int  # as in _Read


def _amount(s: str) -> _Amount | None:
    """One amount filling all of s: [currency] number [currency] [cents] [/per]."""
    ml = _money_lex()
    currency: str | None = None
    pos = 0
    m = ml.prefix.match(s)
    if m:
        currency, pos = ml.prefix_code[str(m.lastgroup)], m.end()
    num = _number_at(s, pos)
    if num is None:
        return None
    value, pos, scale = num
    while pos < len(s) and s[pos] == " ":
        pos += 1
    m = ml.name.match(s, pos)
    if m:
        named = ml.name_code[str(m.lastgroup)]
        if currency is not None and named != currency:
            return None
        currency, pos = named, m.end()
    rest = s[pos:].strip()
    if rest and currency in ml.minor:  # "5 đô 50 xu", "ba đô la và 5 xen", "7 euro 20"
        cents = _cents(rest)
        if cents is not None:
            value, rest = value + cents / 100, ""
    per = None
    if rest.startswith("/") and rest[1:].strip()[:1].isalpha():  # "đồng/người/năm"
        per, rest = rest[1:].strip(), ""
    if rest:
        return None
    return _Amount(value, currency, per, scale)


def _cents(s: str) -> Decimal | None:
    """``[và] N [xen|xu]`` with N in 0..99."""
    ml = _money_lex()
    m = ml.cents_join.match(s)
    pos = m.end() if m else 0
    num = _number_at(s, pos)
    if num is None:
        return None
    value, pos = num.value, num.end
    rest = s[pos:].strip()
    if rest:
        m = ml.name.fullmatch(rest)
        if m is None or ml.name_code[str(m.lastgroup)] != ml.cent_code:
            return None
    if value != value.to_integral_value() or not 0 <= value < 100:
        return None
    return value


def parse_money(text: str) -> Money | None:
    """An amount of money in a text that is one: value, range or bound, and currency.

    >>> parse_money("6.100.000đ")
    Money(raw='6.100.000đ', currency='VND', value=6100000.0, min=None, max=None, per=None)
    >>> m = parse_money("từ 5 đến 7 triệu đồng"); (m.min, m.max, m.currency)
    (5000000.0, 7000000.0, 'VND')
    >>> parse_money("không quá 50 triệu đồng").max, parse_money("25 đồng chí") is None
    (50000000.0, True)
    """
    raw = text.strip()
    s = " ".join(_nfc(text).split()).rstrip(".;,")
    if not s or len(s) > _MONEY_MAX_CHARS:
        return None
    ml = _money_lex()
    while m := ml.approx.match(s):  # "khoảng", "tầm khoảng", "xấp xỉ"
        s = s[m.end() :]
    bound: str | None = None
    if m := ml.bound.match(s):  # "dưới", "ít nhất", "không quá"
        bound, s = m.lastgroup, s[m.end() :]
    if m := ml.bound_suffix.search(s):  # "trở lên", "trở xuống"
        if bound is not None and m.lastgroup != bound:
            return None
        bound, s = m.lastgroup, s[: m.start()]
    opener: str | None = None
    if m := ml.opener.match(s):  # "từ", "giữa"
        opener, s = ml.opener_word[str(m.lastgroup)], s[m.end() :]
    joins = ml.joins[opener].finditer(s) if bound is None else iter(())
    for k, join in enumerate(joins):
        if k >= 4:  # a range has one join; a few tries cover "và" also joining cents
            break
        low, high = _amount(s[: join.start()]), _amount(s[join.end() :])
        if low is None or high is None:
            continue
        currency = _same(low.currency, high.currency)
        lo = low.value
        if low.scale == 1 and low.currency is None and lo * high.scale <= high.value:
            lo *= high.scale  # "5-7 triệu đồng": the scale written once covers both ends
        if currency is None or lo > high.value:
            continue
        return Money(raw, currency, min=_float(lo), max=_float(high.value), per=high.per or low.per)
    if opener is not None and bound is None:
        bound = ml.opener_means[opener]
        if bound is None:  # "giữa 5 triệu đồng" with no second end
            return None
    one = _amount(s)
    if one is None or one.currency is None:
        return None
    v = _float(one.value)
    if bound == "min":
        return Money(raw, one.currency, min=v, per=one.per)
    if bound == "max":
        return Money(raw, one.currency, max=v, per=one.per)
    return Money(raw, one.currency, value=v, per=one.per)


def _same(a: str | None, b: str | None) -> str | None:
    """The currency of a range: written on either end or both, and the same."""
    if a is not None and b is not None and a != b:
        return None
    return a if a is not None else b
