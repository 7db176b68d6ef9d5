"""Tests of extractor/grammar/date_expressions.py (parse_date), grouped by where the cases come from.

(a) the peer conformance suite (dateparser's and Duckling's Vietnamese cases),
    read from ../shared/peer-cases when that folder exists; nothing of it is
    copied here, and the group is skipped where it is absent;
(d) our own parse_date cases;
(e) properties (hypothesis) and linear time on hostile input.

find_dates and resolve_year are tested in test_dates.py.
"""
from __future__ import annotations

import json
import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import extractor
from extractor.grammar.date_expressions import parse_date

# ---------------------------------------------------------------------------
# (a) Peer suite: ../shared/peer-cases/dates_vi.jsonl (not shipped with the repo).

PEER_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "peer-cases"
PEER_FILE = PEER_DIR / "dates_vi.jsonl"
REQUIRED_GRAINS = {"day", "week", "month", "quarter", "year"}
needs_peer = pytest.mark.skipif(not PEER_FILE.is_file(), reason=f"peer cases not present at {PEER_DIR}")


def _peer_cases() -> list[dict]:
    with PEER_FILE.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _run_peer(cases: list[dict]) -> tuple[int, list[str]]:
    """(passed, failure descriptions): Duckling cases prefer the future, dateparser's the past; dates compared."""
    passed, failures = 0, []
    for case in cases:
        ref = datetime.fromisoformat(case["reference_date"]) if case["reference_date"] else None
        prefer = "future" if "duckling" in case["source"] else "past"
        got = parse_date(case["text"], ref, prefer=prefer)
        want = case["expected"][:10] if case["expected"] else None
        have = got.isoformat() if got else None
        if have == want:
            passed += 1
        else:
            ref_text = case["reference_date"]
            failures.append(f"{case['grain']}: {case['text']!r} ref={ref_text} {prefer}: want {want}, got {have}")
    return passed, failures


@needs_peer
def test_peer_required_grains_at_least_90_percent():
    cases = [c for c in _peer_cases() if c["grain"] in REQUIRED_GRAINS]
    passed, failures = _run_peer(cases)
    rate = passed / len(cases)
    print(f"\npeer day/week/month/quarter/year: {passed}/{len(cases)} = {rate:.1%}")
    for f in failures:
        print("  FAIL", f)
    assert rate >= 0.90, "\n".join(failures)


@needs_peer
def test_peer_all_cases_report():
    """All cases, hour/minute grains included (date part only); reported, with a floor against regressions."""
    cases = _peer_cases()
    passed, failures = _run_peer(cases)
    print(f"\npeer all grains: {passed}/{len(cases)} = {passed / len(cases):.1%}")
    for f in failures:
        print("  FAIL", f)
    assert passed / len(cases) >= 0.85, "\n".join(failures)


@needs_peer
def test_peer_negatives_stay_none():
    for case in _peer_cases():
        if case["expected"] is None:
            ref = datetime.fromisoformat(case["reference_date"]) if case["reference_date"] else None
            assert parse_date(case["text"], ref, prefer="future") is None, case["text"]


# ---------------------------------------------------------------------------
# (d) parse_date: our own cases, reference Thursday 2024-03-14 09:00.

REF = datetime(2024, 3, 14, 9, 0)

PARSE_CASES = [
    # (text, prefer, expected)
    ("Sáng ngày 02/8/2023", "past", date(2023, 8, 2)),
    ("Thứ Sáu, 23/10/2020 - 10:10", "past", date(2020, 10, 23)),
    ("28-02-2019 - 08:06", "past", date(2019, 2, 28)),
    ("12.03.2024", "past", date(2024, 3, 12)),
    ("2024-03-12", "past", date(2024, 3, 12)),
    ("5/6/21", "past", date(2021, 6, 5)),
    ("ngày 1 tháng Giêng năm 2020", "past", date(2020, 1, 1)),
    ("ngày 15 tháng 3 năm nay", "past", date(2024, 3, 15)),
    ("mùng 2 tháng 9", "past", date(2023, 9, 2)),
    ("mùng 2 tháng 9", "future", date(2024, 9, 2)),
    ("ngày 20/11", "past", date(2023, 11, 20)),
    ("ngày 20/11", "future", date(2024, 11, 20)),
    ("Chủ nhật, 10/3", "past", date(2024, 3, 10)),
    ("Sáng nay (20/12)", "past", date(2023, 12, 20)),
    ("tháng Chạp", "past", date(2023, 12, 1)),
    ("tháng Chạp", "future", date(2024, 12, 1)),
    ("tháng mười một năm 2021", "past", date(2021, 11, 1)),
    ("tháng 01/2023", "past", date(2023, 1, 1)),
    ("tháng 3 năm ngoái", "past", date(2023, 3, 1)),
    ("trong tháng này", "past", date(2024, 3, 1)),
    ("thứ Bảy", "past", date(2024, 3, 9)),
    ("thứ Bảy", "future", date(2024, 3, 16)),
    ("thứ bảy tuần trước", "future", date(2024, 3, 9)),
    ("chủ nhật này", "past", date(2024, 3, 17)),
    ("CN tuần sau", "past", date(2024, 3, 24)),
    ("tuần qua", "past", date(2024, 3, 4)),
    ("quý II/2024", "past", date(2024, 4, 1)),
    ("quý I/2023", "future", date(2023, 1, 1)),
    ("quý 2", "past", date(2023, 4, 1)),
    ("quý 2", "future", date(2024, 4, 1)),
    ("quý trước", "past", date(2023, 10, 1)),
    ("năm ngoái", "future", date(2023, 1, 1)),
    ("năm 2019", "past", date(2019, 1, 1)),
    ("hai tuần trước", "past", date(2024, 2, 29)),
    ("cách đây 3 ngày", "past", date(2024, 3, 11)),
    ("sau 10 ngày", "past", date(2024, 3, 24)),
    ("trong 2 tháng tới", "past", date(2024, 5, 14)),
    ("tối qua", "past", date(2024, 3, 13)),
    ("sáng mai", "past", date(2024, 3, 15)),
    ("20 giờ tối nay", "future", date(2024, 3, 14)),
    ("lúc 7 giờ sáng", "future", date(2024, 3, 15)),  # 07:00 has passed at 09:00
    ("lúc 7 giờ sáng", "past", date(2024, 3, 14)),
    ("hôm nay lúc 15h", "future", date(2024, 3, 14)),
    ("ngày cuối cùng của tháng 2", "past", date(2024, 2, 29)),
    ("tuần đầu tiên của tháng 4 năm 2024", "past", date(2024, 4, 1)),
    ("ngày Quốc khánh", "past", date(2023, 9, 2)),
    ("lễ Giáng sinh năm 2022", "past", date(2022, 12, 25)),
    ("Tháng Ba 5, 2021", "past", date(2021, 3, 5)),  # dateparser's word order
    ("bây giờ", "past", date(2024, 3, 14)),
    # Not dates, or impossible ones.
    ("14/18", "past", None),
    ("31/2/2024", "past", None),
    ("tháng 13", "past", None),
    ("thứ 8", "past", None),
    ("3.6", "past", None),
    ("1338", "past", None),
    ("xin chào", "past", None),
    ("", "past", None),
]


@pytest.mark.parametrize("text,prefer,expected", PARSE_CASES)
def test_parse_date(text, prefer, expected):
    assert parse_date(text, REF, prefer=prefer) == expected


def test_parse_date_accepts_a_date_reference_and_rejects_a_bad_prefer():
    assert parse_date("hôm kia", date(2024, 3, 1)) == date(2024, 2, 28)
    with pytest.raises(ValueError):
        parse_date("hôm nay", REF, prefer="nearest")



def test_parse_date_is_the_package_api():
    assert extractor.parse_date is parse_date
    assert extractor.parse_date("ngày 15 tháng 12 năm 2023") == date(2023, 12, 15)


# ---------------------------------------------------------------------------
# (e) Properties and linear time.

_TOKENS = [
    "ngày", "Ngày", "sáng", "Sáng", "chiều", "tối", "đêm", "nay", "qua", "hôm", "hôm qua", "mồng", "tháng", "năm",
    "thứ", "Thứ Tư", "Chủ nhật", "CN", "quý", "tuần", "và", "số", "chỉ tiêu", "đảng viên", "(", ")", ",", ".", "/",
    "-", "–", ":", "|", "\n", "  ", "1", "02", "12", "28", "31", "2023", "99", "7/7", "24/7", "02/8/2023", "10.6",
    "08:11", "01/TU", "QĐ", "Giêng", "mười hai", "I", "kỳ họp", "lần",
]
_news_like = st.lists(st.sampled_from(_TOKENS), max_size=40).map(" ".join) | st.lists(
    st.sampled_from(_TOKENS), max_size=40
).map("".join)


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=120) | _news_like,
    st.datetimes(),  # the whole calendar: arithmetic at years 1 and 9999 must not escape
    st.sampled_from(["past", "future"]),
)
def test_parse_date_never_raises(text, ref, prefer):
    got = parse_date(text, ref, prefer=prefer)
    assert got is None or isinstance(got, date)


HOSTILE = {
    "slashes": "1/1/" * 50_000,
    "digits": "1234567890" * 20_000,
    "dots": "1.1." * 50_000,
    "dates": "ngày 1/1 " * 22_000,
    "cues": "Sáng nay, ngày " * 14_000,
    "blanks": "ngày" + " " * 200_000 + "1/1",
    "parens": "(" * 200_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_linear_time_on_hostile_input(name):
    text = HOSTILE[name]
    assert len(text) >= 190_000
    # linear time is the guard of tests/test_patterns_linear.py and speed the benchmark's; here the
    # call must finish (a generous hang guard, not a speed measure) and give a well-formed answer
    done: list = []
    worker = threading.Thread(target=lambda: done.append(parse_date(text, REF)), daemon=True)
    worker.start()
    worker.join(120)
    assert done, "no answer within 120 s"
    out = done[0]
    assert out is None or isinstance(out, date)
