"""Tests of extractor/grammar/date_words.py: the typed date vocabulary, its regex fragments and helpers."""
from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from extractor.grammar.date_words import (
    BLANK,
    DATE_PARTS,
    DateWords,
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


def test_vocabulary_is_typed_frozen_and_read_once():
    w = date_words()
    assert isinstance(w, DateWords)
    assert date_words() is w
    with pytest.raises(dataclasses.FrozenInstanceError):
        w.days_after = 0  # type: ignore[misc]
    assert w.months["giêng"] == 1 and w.months["chạp"] == 12
    assert w.weekdays_after_thu["tư"] == 2 and w.weekdays_after_thu["7"] == 5
    assert "chủ nhật" in w.sunday and "cn" in w.sunday
    assert w.relative_days["hôm qua"] == -1
    assert w.relative_names[-1] == "yesterday" and w.relative_offsets["yesterday"] == -1
    assert w.times_of_day["rạng sáng"] == "sáng"
    assert w.pm_hours["chiều"] == frozenset(range(1, 12))
    assert w.duration_units["tuần"] == ("days", 7)
    assert w.holidays["quốc khánh"] == (2, 9)
    assert "24/7" in w.never_dates
    assert (w.days_after, w.days_before) == (305, 305)


def test_every_form_is_lower_case():
    w = date_words()
    for field in dataclasses.fields(w):
        value = getattr(w, field.name)
        forms = value.keys() if hasattr(value, "keys") else value
        if isinstance(forms, int):
            continue
        for form in forms:
            if isinstance(form, str):
                assert form == form.lower(), (field.name, form)


def test_word_alt_prefers_the_longest_form_and_accepts_several_blanks():
    rx = re.compile(word_alt(["mười", "mười hai", "mười một"]) + r"(?!\w)")
    assert rx.match("mười hai giờ").group() == "mười hai"
    assert rx.match("mười   một").group() == "mười   một"  # up to three blanks
    assert rx.match("mười    một").group() == "mười"  # four are too many: the shorter form
    assert rx.match("mười\nhai").group() == "mười"  # never across a line break
    assert BLANK in word_alt(["a b"])


def test_date_rx_fills_the_holes_and_ignores_case():
    rx = date_rx(r"(?P<wd>«WEEKDAY») «B0» , «B0» (?P<d>\d{1,2}) / (?P<m>«MONTH»)")
    m = rx.match("THỨ  TƯ, 8/04")
    assert m is not None and (m.group("wd"), m.group("d"), m.group("m")) == ("THỨ  TƯ", "8", "04")
    assert date_rx(r"«TOD»").match("xế chiều").group() == "xế chiều"
    assert date_rx(r"«QUARTER»").match("iv").group() == "iv"
    assert all("«" not in v for v in DATE_PARTS.values())


def test_month_word_may_is_not_the_word_year():
    rx = date_rx(r"tháng «B» (?P<m>«MONTH»)")
    assert rx.match("tháng năm").group("m") == "năm"
    assert rx.match("tháng năm 2017") is None  # `năm 2017`: the year, with the month missing
    assert rx.match("tháng tưởng") is None  # a month word closes at a word end (`tư` + `ởng`)


@pytest.mark.parametrize(
    "call,expected",
    [
        (lambda: expand_year(5), 2005),
        (lambda: expand_year(69), 1969),
        (lambda: safe_date(2024, 2, 30), None),
        (lambda: safe_date(10_000, 1, 1), None),
        (lambda: safe_date(2024, 12, 31), date(2024, 12, 31)),
        (lambda: valid_day_month(31, 12), True),
        (lambda: valid_day_month(0, 1), False),
        (lambda: to_24h(12, "trưa"), 12),
        (lambda: to_24h(2, "trưa"), 14),
        (lambda: to_24h(10, "khuya"), 22),
        (lambda: to_24h(12, ampm="AM"), 0),
        (lambda: to_24h(9), 9),
        (lambda: month_number("13"), None),
        (lambda: month_number("một một"), 11),
        (lambda: month_number("tháng"), None),
        (lambda: norm_key(" Hôm\tQua "), "hôm qua"),
    ],
)
def test_helpers(call, expected):
    assert call() == expected
