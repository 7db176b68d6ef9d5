"""The indicator a figure measures: a key of the taxonomy in ``patterns/indicators.yaml``.

The phrases of the taxonomy are matched on a figure's subject in a matching key:
the project's :func:`~extractor.text.normalize.fold` (lower case, new-style tone
placement) with, on top, the ``i``/``y`` spelling of one syllable folded to ``y``
(``tỉ``/``tỷ``, ``kì``/``kỳ``, ``lí``/``lý``).  The longest phrase found wins; a
percentage prefers a rate entry (unit ``%``) and a count or target a count entry
when both share the phrase (``hộ nghèo``).  No phrase found: ``None``.

>>> indicator_for("Tỉ lệ hộ nghèo theo chuẩn đa chiều", "percentage")
'poverty_rate'
>>> indicator_for("hộ nghèo", "quantity")
'poor_households'
>>> indicator_for("tỷ lệ chi bộ được xếp loại hoàn thành tốt nhiệm vụ trở lên", "percentage")
'party_orgs_rated_good'
>>> indicator_for("số câu hỏi", "percentage") is None
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.resources import load_yaml
from extractor.text.normalize import fold

# A syllable spelt with a final i or y after one of these onsets is one syllable either way:
# ``tỉ``/``tỷ``, ``kì``/``kỳ``, ``lí``/``lý``, ``mĩ``/``mỹ``, ``sĩ``/``sỹ``, ``hi``/``hy``.
_I_TO_Y = str.maketrans("iìíỉĩị", "yỳýỷỹỵ")
_IY_SYLLABLE = re.compile(r"(?<![^\W\d_])(qu|[tklmsh])([iìíỉĩị])(?![^\W\d_])")

MONEY_UNITS = ("đồng", "usd")
GAP_WORDS = 5  # what `*` in a phrase stands for: up to this many words


def index_key(text: str) -> str:
    """The matching key of a phrase or subject: fold, i/y folded, spaces collapsed (length kept).

    >>> index_key("Tỉ lệ hộ nghèo") == index_key("tỷ lệ hộ nghèo")
    True
    >>> index_key("Hoà giải thành, cùng kì")
    'hòa giải thành, cùng kỳ'
    """
    key = fold(text)
    return _IY_SYLLABLE.sub(lambda m: m.group(1) + m.group(2).translate(_I_TO_Y), key)


@dataclass(frozen=True)
class Indicator:
    key: str
    vi: str
    en: str
    unit: str
    phrases: tuple[str, ...]
    # a rate that measures the change of another indicator ("tỷ lệ hộ nghèo giảm 1,5%": points off the
    # poverty rate, not a poverty rate), and the direction of that change when only one is meant
    change_of: str | None = None
    direction: str | None = None
    # for a count (a Quantity) of this indicator: words one of which must follow it in its clause, and
    # words none of which may ("16 chỉ tiêu đạt và vượt" counts targets met; "2 chỉ tiêu không đạt",
    # "đề ra 16 chỉ tiêu" do not)
    count_needs: tuple[str, ...] = ()
    count_never: tuple[str, ...] = ()

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_UNITS


def _phrase_regex(phrase: str) -> str:
    parts = [re.escape(index_key(p.strip())) for p in phrase.split("*")]
    gap = r"(?:\s+\S+){0,%d}\s+" % GAP_WORDS
    body = gap.join(parts)
    return r"(?<![^\W_])" + body + r"(?![^\W_])"


@lru_cache(maxsize=1)
def taxonomy() -> tuple[Indicator, ...]:
    """Every indicator of ``patterns/indicators.yaml``, in file order."""
    out = []
    for row in load_yaml("indicators.yaml")["indicators"]:
        out.append(Indicator(row["key"], row["vi"], row["en"], str(row["unit"]),
                             tuple(dict.fromkeys(row.get("phrases") or [])),
                             row.get("change_of"), row.get("direction"),
                             tuple(index_key(w) for w in row.get("count_needs") or ()),
                             tuple(index_key(w) for w in row.get("count_never") or ())))
    return tuple(out)


@lru_cache(maxsize=1)
def _compiled() -> dict[str, tuple[tuple[re.Pattern, Indicator, int], ...]]:
    """The phrases' regexes by their first word, so a subject is only tried on the phrases that
    can start in it."""
    rows: dict[str, list] = {}
    for ind in taxonomy():
        for ph in ind.phrases:
            # The weight of a phrase: its letters (gaps do not count), so the most specific wins.
            first = _WORD.findall(index_key(ph))[0]
            rows.setdefault(first, []).append(
                (re.compile(_phrase_regex(ph)), ind, len(ph.replace("*", "").replace(" ", ""))))
    return {k: tuple(v) for k, v in rows.items()}


_WORD = re.compile(r"[^\W_]+")


def by_key() -> dict[str, Indicator]:
    return {i.key: i for i in taxonomy()}


@lru_cache(maxsize=1)
def _changes() -> dict[tuple[str, str | None], str]:
    out: dict[tuple[str, str | None], str] = {}
    for ind in taxonomy():
        if ind.change_of:
            out[(ind.change_of, ind.direction)] = ind.key
    return out


def change_indicator(key: str, direction: str | None) -> str | None:
    """The indicator that is the growth rate of ``key`` in ``direction`` (``increase``/``decrease``),
    when the taxonomy names one (``change_of``): ``giá trị sản xuất tăng 8,4%`` is a growth rate.
    None otherwise: the figure keeps ``key`` and is flagged as a change.

    >>> change_indicator("production_value", "increase"), change_indicator("grdp", "increase")
    ('production_value_growth', 'economic_growth')
    >>> change_indicator("poverty_rate", "decrease") is None
    True
    """
    table = _changes()
    return table.get((key, direction)) or table.get((key, None))


def count_fits(key: str, after: str, before: str = "") -> bool:
    """Whether a count of indicator ``key`` is a value of it, by the entry's ``count_needs`` and
    ``count_never``: ``after`` is the rest of its clause, ``before`` the few words before it.

    >>> count_fits("targets_met", "đạt và vượt kế hoạch"), count_fits("targets_met", "không đạt")
    (True, False)
    >>> count_fits("targets_met", "", "xã đạt và vượt"), count_fits("targets_met", "cho nhiệm kỳ mới", "đề ra")
    (True, False)
    >>> count_fits("party_members", "")
    True
    """
    ind = by_key().get(key)
    if ind is None:
        return False
    after_words = " " + index_key(after).strip() + " "
    before_words = " " + index_key(before).strip() + " "
    if any(f" {w} " in after_words or f" {w} " in before_words for w in ind.count_never):
        return False
    return not ind.count_needs or any(after_words.startswith(f" {w} ") or f" {w} " in before_words
                                      for w in ind.count_needs)


def indicator_for(subject: str | None, kind: str = "percentage", money: bool | None = None) -> str | None:
    """The indicator key a figure with this subject measures, or ``None``.

    ``kind`` is ``percentage``, ``target`` or ``quantity``: on a tie a percentage takes a
    rate entry, the others a count entry.  ``money`` (for a quantity): ``True`` for an amount
    of money, which only a money indicator measures; ``False`` for a count, which none does.

    >>> indicator_for("hỗ trợ hộ nghèo", "quantity", money=True) is None
    True
    """
    if not subject:
        return None
    return _best(index_key(subject), kind == "percentage", money)


@lru_cache(maxsize=8192)
def _best(key: str, rate: bool, money: bool | None = None) -> str | None:
    table = _compiled()
    candidates = [row for w in dict.fromkeys(_WORD.findall(key)) for row in table.get(w, ())]
    found = []
    for pattern, ind, weight in candidates:
        if money is not None and ind.is_money != money:
            continue
        m = pattern.search(key)
        if m:
            found.append((m.start(), m.end(), weight, ind))
    if not found:
        return None
    # Longest phrase, then the entry of the figure's own class, then the earliest match...
    best = max(found, key=lambda f: (f[2], 1 if f[3].is_rate == rate else 0, -f[0]))
    # ...unless a phrase overlapping it runs on further: a modifier after the head is more specific
    # ("xã đạt chuẩn nông thôn mới" + "nông thôn mới nâng cao").
    longer = [f for f in found if f[0] > best[0] and f[0] < best[1] < f[1]]
    if longer:
        best = max(longer, key=lambda f: (f[1], f[2], 1 if f[3].is_rate == rate else 0))
    return best[3].key


def phrase_ending(text: str, lo: int, end: int) -> int | None:
    """Where the longest taxonomy phrase ending exactly at ``end`` (trailing blanks aside) starts, at
    or after ``lo``, as an offset of ``text``; None when no phrase ends there.  How a subject cut at
    a comma or dash is made whole again: ``tỷ trọng nông, lâm, thủy sản``, ``công nghiệp - xây dựng``.

    >>> t = "cơ cấu kinh tế: nông, lâm, thủy sản 37,8%"
    >>> t[phrase_ending(t, 15, 35):35]
    'nông, lâm, thủy sản'
    """
    key = index_key(text[lo:end]).rstrip()
    table = _compiled()
    best = None
    for w in dict.fromkeys(_WORD.findall(key)):
        for pattern, _ind, _weight in table.get(w, ()):
            for m in pattern.finditer(key):
                if m.end() == len(key) and (best is None or m.start() < best):
                    best = m.start()
    return lo + best if best is not None else None


def phrase_at(text: str, start: int, end: int, limit: int = 90) -> tuple[int, int] | None:
    """The taxonomy phrase that starts within ``text[start:end]`` (at a word) and ends furthest, as a span
    of ``text``; it may run on past ``end`` by up to ``limit`` characters, not past a sentence or
    clause mark other than a comma.  How a subject is made whole: ``hộ khá, giàu``,
    ``xã đạt chuẩn nông thôn mới``.

    >>> t = "có 27% hộ khá, giàu và không còn hộ đói"
    >>> a, b = phrase_at(t, 7, 13)
    >>> t[a:b]
    'hộ khá, giàu'
    """
    window_end = min(len(text), end + limit)
    stop = re.search(r"[;:!?()\n]|\.(?=\s|$)", text[start:window_end])
    if stop:
        window_end = start + stop.start()
    key = index_key(text[start:window_end])  # a slice: the cost stays with the window
    table = _compiled()
    best = None
    # the words of the span, and the one right after it (a phrase may begin where the span stops)
    nxt = re.match(r"\s*([^\W_]+)", key[end - start:])
    reach = end - start + (nxt.start(1) + 1 if nxt else 0)
    for w in dict.fromkeys(_WORD.findall(key[:end - start]) + ([nxt.group(1)] if nxt else [])):
        for pattern, _ind, _weight in table.get(w, ()):
            for m in pattern.finditer(key):
                if m.start() >= reach:
                    break
                if best is None or m.end() > best[1] or (m.end() == best[1] and m.start() < best[0]):
                    best = (m.start(), m.end())
    return (start + best[0], start + best[1]) if best else None
