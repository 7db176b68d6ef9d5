"""Tests of ``extractor.grammar.numbers``, grouped by where the cases come from.

(a) The peer conformance suite (Duckling's Vietnamese numerals and money) in
    ``../shared/peer-cases``.  It is not shipped with the project, so it is read
    only when present, and nothing of it is copied here; the pass rate is
    asserted and every failure printed.
(b) Our own cases, as Vietnamese local-government news writes numbers.
(c) Properties (hypothesis): round trips, never raising, spans that hold.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.grammar import numbers
from extractor.grammar.numbers import Money, find_numbers, parse_money, parse_number, parse_ordinal

PEER = Path(__file__).resolve().parents[2].parent / "shared" / "peer-cases"
needs_peer = pytest.mark.skipif(not PEER.is_dir(), reason="peer cases (../shared/peer-cases) not available")


def _close(got: float | None, want: float | None) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)


# --------------------------------------------------------------------------
# (a) peer conformance suite


def _peer(name: str) -> list[dict[str, Any]]:
    with open(PEER / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _rate(cases: list[dict[str, Any]], ok) -> tuple[float, list[str]]:
    failures = []
    for case in cases:
        good, got = ok(case)
        if not good:
            failures.append(f"{case['text']!r}: expected {case['expected']!r}, got {got!r}")
    for line in failures:
        print("FAIL", line)
    return 1 - len(failures) / len(cases), failures


@needs_peer
@pytest.mark.parametrize("dimension, parse, floor", [("numeral", parse_number, 0.95), ("ordinal", parse_ordinal, 0.95)])
def test_peer_numbers(dimension, parse, floor):
    cases = [c for c in _peer("numbers_vi.jsonl") if c["dimension"] == dimension]
    assert cases

    def ok(case):
        got = parse(case["text"])
        return _close(got, case["expected"]), got

    rate, failures = _rate(cases, ok)
    print(f"peer {dimension}: {rate:.1%} of {len(cases)}")
    assert rate >= floor, failures


@needs_peer
def test_peer_money():
    cases = _peer("money_vi.jsonl")

    def ok(case):
        got = parse_money(case["text"])
        want = case["expected"]
        good = got is not None and got.currency == want["currency"] and all(
            _close(getattr(got, key), want.get(key)) for key in ("value", "min", "max")
        )
        return good, got

    rate, failures = _rate(cases, ok)
    print(f"peer money: {rate:.1%} of {len(cases)}")
    assert rate >= 0.90, failures


# --------------------------------------------------------------------------
# (b) our own cases, from news text

NUMBER_CASES = {
    "decimal comma": [
        ("83,3", 83.3), ("95,1", 95.1), ("3,39", 3.39), ("0,5", 0.5), ("122,57", 122.57),
        ("6,0", 6.0), ("25,064", 25.064),  # a comma then three digits is still a decimal
        ("1,500", 1.5),
    ],
    "dot thousands": [
        ("1.348", 1348), ("18.518", 18518), ("174.150", 174150), ("12.500.000", 12500000),
        ("6.100.000", 6100000), ("1.000.000.000.000", 10**12),
    ],
    "dot decimal": [("1.5", 1.5), ("4.25", 4.25), ("0.500", 0.5), ("2023.5", 2023.5)],
    "both separators": [("2.253,6", 2253.6), ("1.234.567,89", 1234567.89), ("12,345.5", 12345.5)],
    "web comma thousands": [("880,000", 880000), ("2,500,000", 2500000), ("45,000,000", 45000000)],
    "leading zeros": [("01", 1), ("03", 3), ("09", 9), ("007", 7), ("02,5", 2.5)],
    "scale words": [
        ("60 triệu", 60_000_000), ("1,5 tỷ", 1.5e9), ("25,064 tỷ", 25_064_000_000), ("477,6 tỷ", 477.6e9),
        ("147 triệu 700 nghìn", 147_700_000), ("923 triệu", 923_000_000), ("3 tỉ 200 triệu", 3.2e9),
        ("8 vạn", 80_000), ("6 chục", 60), ("4 trăm", 400), ("250 ngàn", 250_000),
        ("1,2 nghìn tỷ", 1.2e12), ("2 triệu rưỡi", 2_500_000), ("60triệu", 60_000_000), ("50k", 50_000),
    ],
    "number words": [
        ("mười", 10), ("mười lăm", 15), ("mười bốn", 14), ("hai mươi lăm", 25), ("bốn mươi mốt", 41),
        ("ba mươi tư", 34), ("năm mươi nhăm", 55), ("hai lăm", 25), ("ba chục", 30),
        ("một trăm linh năm", 105), ("hai trăm lẻ một", 201), ("chín trăm chín mươi chín", 999),
        ("hai trăm mốt", 210), ("ba nghìn tư", 3400), ("một trăm rưỡi", 150), ("hai rưỡi", 2.5),
        ("sáu mươi triệu", 60_000_000), ("một nghìn không trăm linh tám", 1008),
        ("ba trăm nghìn", 300_000), ("bốn tỷ năm trăm triệu", 4.5e9), ("bẩy", 7),
        ("MƯỜI HAI", 12), ("Hai mươi", 20),
    ],
    "spoken decimal": [("ba phẩy năm", 3.5), ("4 chấm 75", 4.75), ("một phẩy không năm", 1.05), ("hai phẩy năm tỷ", 2.5e9)],
    "negative": [("-5", -5), ("−2,5", -2.5), ("âm 3", -3), ("- 12.000", -12000), ("âm hai mươi", -20)],
    "surrounding space and stops": [(" 45 ", 45), ("2023.", 2023), ("12,5;", 12.5)],
    "not a number": [
        ("", None), ("   ", None), ("đồng chí", None), ("1.1.1", None), ("192.168.1.1", None),
        ("0275.3.822.123", None), ("1,2.3", None), ("14/18", None), ("83,3%", None), ("H5N1", None),
        ("mười năm", None),  # "ten years": fifteen is "mười lăm"
        ("hai mươi năm", None), ("năm 2023", None), ("9" * 40, None), ("1..2", None),
    ],
    "SI suffix on a lone number (Duckling's reading)": [("50K", 50_000), ("2M", 2e6), ("5G", 5e9), ("1,5k", 1500)],
}


@pytest.mark.parametrize(
    "text, expected",
    [pytest.param(t, e, id=f"{group}: {t[:30]}") for group, cases in NUMBER_CASES.items() for t, e in cases],
)
def test_parse_number(text, expected):
    assert _close(parse_number(text), expected)


FIND_CASES = {
    "targets and percentages": (
        "tổ chức thực hiện đạt và vượt 14/18 chỉ tiêu, tỉ lệ 83,3% (trong đó có 6 chỉ tiêu vượt).",
        [("14", 14), ("18", 18), ("83,3", 83.3), ("6", 6)],
    ),
    "money with scales": (
        "thu nhập bình quân đạt 60 triệu đồng/người/năm; tổng thu 25,064 tỷ đồng/20,448 tỷ đồng.",
        [("60 triệu", 6e7), ("25,064 tỷ", 25.064e9), ("20,448 tỷ", 20.448e9)],
    ),
    "two scales as one number": (
        "hỗ trợ 147 triệu 700 nghìn đồng cho 16 hộ",
        [("147 triệu 700 nghìn", 147_700_000), ("16", 16)],
    ),
    "glued units": (
        "diện tích 2.253,6ha, vận động 6.100.000đ/6.100.000đ, 4,2km đường",
        [("2.253,6", 2253.6), ("6.100.000", 6_100_000), ("6.100.000", 6_100_000), ("4,2", 4.2)],
    ),
    "leading zeros": ("03 chỉ tiêu đạt từ 80% trở lên; 01 chỉ tiêu không đạt", [("03", 3), ("80", 80), ("01", 1)]),
    "web comma thousands": ("giá 880,000 đồng một tấn", [("880,000", 880_000)]),
    "number words": (
        "Hai đồng chí được bầu; có hai mươi lăm hộ và ba trăm nghìn người, một số hộ nghèo",
        [("Hai", 2), ("hai mươi lăm", 25), ("ba trăm nghìn", 300_000)],
    ),
    "names and slogans are not numbers": (
        "đồng chí Nguyễn Văn Bé Tư, ông Sáu và “Hai chân - Ba mũi” trong năm 2023",
        [("2023", 2023)],
    ),
    "ranges, codes and bullets": (
        "nhiệm kỳ 2020-2025, 2016 -2021, dịch COVID-19, cúm H5N1, mạng 5G\n- 5 hộ\n-3 hộ",
        [("2020", 2020), ("2025", 2025), ("2016", 2016), ("2021", 2021), ("19", 19), ("5", 5), ("5", 5), ("3", 3)],
    ),
    "negative": ("nhiệt độ âm 5 độ, tăng trưởng -1,2%", [("âm 5", -5), ("-1,2", -1.2)]),
    "malformed digit strings are skipped": ("mục 1.1.1, máy 192.168.1.1, số 0275.3.822.123", []),
    "years are not the word năm": ("mười năm qua, năm 2015 xuống", [("mười", 10), ("2015", 2015)]),
    "sentence end": ("đạt 45 triệu đồng/năm. Hai ngày sau", [("45 triệu", 45e6), ("Hai", 2)]),
}


@pytest.mark.parametrize("text, expected", list(FIND_CASES.values()), ids=list(FIND_CASES))
def test_find_numbers(text, expected):
    found = find_numbers(text)
    assert [(n.raw, n.value) for n in found] == [(r, float(v)) for r, v in expected]
    for n in found:
        assert text[n.start : n.end] == n.raw


def test_find_numbers_flags_ordinals():
    found = find_numbers("Hội nghị lần thứ bảy, kỳ họp thứ 3 có 5 nội dung")
    assert [(n.raw, n.ordinal) for n in found] == [("bảy", True), ("3", True), ("5", False)]


MONEY_CASES = {
    "dong with a glued đ": ("6.100.000đ", Money("6.100.000đ", "VND", value=6_100_000)),
    "scale word and đồng": ("25,064 tỷ đồng", Money("25,064 tỷ đồng", "VND", value=25.064e9)),
    "two scales": ("147 triệu 700 nghìn đồng", Money("147 triệu 700 nghìn đồng", "VND", value=147_700_000)),
    "a rate": ("60 triệu đồng/người/năm", Money("60 triệu đồng/người/năm", "VND", value=6e7, per="người/năm")),
    "VNĐ": ("50.000 VNĐ", Money("50.000 VNĐ", "VND", value=50_000)),
    "about": ("khoảng 2 tỷ đồng", Money("khoảng 2 tỷ đồng", "VND", value=2e9)),
    "range, scale written once": ("từ 5 đến 7 triệu đồng", Money("từ 5 đến 7 triệu đồng", "VND", min=5e6, max=7e6)),
    "dash range": ("5-7 tỷ đồng", Money("5-7 tỷ đồng", "VND", min=5e9, max=7e9)),
    "range, own scales": ("từ 500 nghìn đến 2 triệu đồng", Money("từ 500 nghìn đến 2 triệu đồng", "VND", min=5e5, max=2e6)),
    "range with codes": ("USD5 - USD7", Money("USD5 - USD7", "USD", min=5, max=7)),
    "at least, after": ("3 tỷ đồng trở lên", Money("3 tỷ đồng trở lên", "VND", min=3e9)),
    "range, scale on both": ("từ 5 triệu đến 7 triệu đồng", Money("từ 5 triệu đến 7 triệu đồng", "VND", min=5e6, max=7e6)),
    "above": ("trên 100 triệu đồng", Money("trên 100 triệu đồng", "VND", min=1e8)),
    "at most": ("không quá 50 triệu đồng", Money("không quá 50 triệu đồng", "VND", max=5e7)),
    "words": ("hai trăm nghìn đồng", Money("hai trăm nghìn đồng", "VND", value=200_000)),
    "dollars": ("1,5 triệu USD", Money("1,5 triệu USD", "USD", value=1.5e6)),
    "đô la": ("3 triệu đô la Mỹ", Money("3 triệu đô la Mỹ", "$", value=3e6)),
    "comrades are not money": ("25 đồng chí", None),
    "no amount": ("đồng", None),
    "no currency": ("60 triệu", None),
    "dong has no cents": ("10.000 đồng 5", None),
    "mismatched range": ("từ 5 USD đến 7 đồng", None),
    "reversed range": ("từ 7 đến 5 đồng", None),
    "an open 'giữa'": ("giữa 5 triệu đồng", None),
    "cents over 99": ("hai đô 150", None),
    "cents": ("ba đô 50", Money("ba đô 50", "$", value=3.5)),
    "cents with và": ("năm đô la và 5 xu", Money("năm đô la và 5 xu", "$", value=5.05)),
    "euro": ("7 euro 20", Money("7 euro 20", "EUR", value=7.2)),
    "capitals": ("2 ĐỒNG", Money("2 ĐỒNG", "VND", value=2)),
}


@pytest.mark.parametrize("text, expected", list(MONEY_CASES.values()), ids=list(MONEY_CASES))
def test_parse_money(text, expected):
    got = parse_money(text)
    if expected is None:
        assert got is None
        return
    assert got is not None
    assert (got.raw, got.currency, got.per) == (expected.raw, expected.currency, expected.per)
    for key in ("value", "min", "max"):
        assert _close(getattr(got, key), getattr(expected, key)), key


@pytest.mark.parametrize(
    "text, expected",
    [("thứ nhì", 2), ("thứ tư", 4), ("thứ 12", 12), ("lần thứ hai", None), ("thứ năm mươi", 50), ("thứ", None)],
)
def test_parse_ordinal(text, expected):
    assert parse_ordinal(text) == expected


# --------------------------------------------------------------------------
# Linear time: no regex with a nested quantifier, and big hostile inputs finish


def _nested_repeat(items, inside: bool = False) -> bool:
    from re import _parser as sre  # the stdlib's own regex parser (sre_parse before 3.11)

    repeats = {sre.MAX_REPEAT, sre.MIN_REPEAT}
    for op, arg in items:
        if op in repeats:
            lo, hi, sub = arg
            if inside or _nested_repeat(sub, inside=hi > 1):
                return True
        elif op == sre.SUBPATTERN:
            if _nested_repeat(arg[-1], inside):
                return True
        elif op == sre.BRANCH:
            if any(_nested_repeat(b, inside) for b in arg[1]):
                return True
    return False


def _patterns() -> list[re.Pattern[str]]:
    found = [v for v in vars(numbers).values() if isinstance(v, re.Pattern)]
    for v in numbers._money_lex():
        if isinstance(v, re.Pattern):
            found.append(v)
        elif isinstance(v, dict):
            found += [p for p in v.values() if isinstance(p, re.Pattern)]
    return found


def test_no_regex_has_a_nested_quantifier():
    from re import _parser as sre

    patterns = _patterns()
    assert len(patterns) > 5
    for p in patterns:
        assert not _nested_repeat(sre.parse(p.pattern, p.flags)), p.pattern
    assert _nested_repeat(sre.parse(r"(?:\d+[.,])*x"))  # the check itself works


HOSTILE = {
    "digits": "9" * 200_000,
    "dots": "1." * 100_000,
    "commas": "1," * 100_000,
    "dots and commas": "1.1," * 50_000,
    "three-digit groups then junk": "1" + ".000" * 50_000 + ",",
    "spaced digits": "1 " * 100_000,
    "number words": "hai mươi " * 20_000,
    "scale chain": "1 triệu " * 25_000,
    "dashes": "-1" * 100_000,
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_input_finishes(text):
    # Exponential backtracking would hang here; linear scanning takes a fraction of a second.
    found = find_numbers(text)
    assert all(text[n.start : n.end] == n.raw for n in found)
    parse_number(text)
    parse_money(text)


# --------------------------------------------------------------------------
# (c) properties


def _dotted(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@given(st.integers(min_value=0, max_value=10**12))
def test_dot_thousands_round_trip(n):
    assert parse_number(_dotted(n)) == n
    found = find_numbers(f"tổng cộng {_dotted(n)} đồng")
    assert [(n_.raw, n_.value) for n_ in found] == [(_dotted(n), n)]


@given(st.integers(min_value=0, max_value=10**11))
def test_decimal_comma_round_trip(k):
    whole, cents = divmod(k, 100)
    assert parse_number(f"{whole},{cents:02d}") == k / 100
    assert parse_number(f"{_dotted(whole)},{cents:02d}") == k / 100


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["nghìn", "triệu", "tỷ"]))
def test_scale_words_multiply(n, scale):
    factor = {"nghìn": 10**3, "triệu": 10**6, "tỷ": 10**9}[scale]
    assert parse_number(f"{n} {scale}") == n * factor


NUMBERISH = st.text(alphabet="0123456789.,- %/đk\n ", max_size=80) | st.lists(
    st.sampled_from(
        ["một", "hai", "năm", "mười", "mươi", "lăm", "mốt", "tư", "trăm", "linh", "nghìn", "triệu", "tỷ",
         "rưỡi", "phẩy", "âm", "thứ", "Hai", "đồng", "-", "12", "1.200", "3,5", "0", ",", ".", "/", "\n"]
    ),
    max_size=20,
).map(" ".join)


@settings(max_examples=300)
@given(st.text() | NUMBERISH)
def test_never_raises(text):
    value = parse_number(text)
    assert value is None or math.isfinite(value)
    parse_money(text)
    parse_ordinal(text)


@settings(max_examples=300)
@given(st.text() | NUMBERISH)
def test_spans_hold(text):
    last_end = 0
    for n in find_numbers(text):
        assert text[n.start : n.end] == n.raw
        assert last_end <= n.start < n.end
        assert _close(parse_number(n.raw), n.value)  # what is found reads the same alone
        last_end = n.end
