"""Tests of extractor/grammar/dates.py (find_dates, DateMention, resolve_year), grouped by where the cases come from.

(b) our own news-text cases for find_dates, positive and negative;
(c) resolve_year, including the turn of the year;
(e) properties (hypothesis) and linear time on hostile input.

parse_date (one expression) is tested in test_date_expressions.py.
"""
from __future__ import annotations

import threading
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.grammar.dates import DateMention, find_dates, resolve_year

# ---------------------------------------------------------------------------
# (b) find_dates on news text: every form the genre uses, with offsets.

FIND_CASES = [
    ("Sáng ngày 02/8/2023, Đảng ủy xã Bình Khánh tổ chức hội nghị.",
     [{"text": "Sáng ngày 02/8/2023", "start": 0, "end": 19, "day": 2, "month": 8, "year": 2023, "time_of_day": "sáng",
       "has_cue": True}]),
    ("Ngày 28-4, UBND huyện tổ chức lễ mít tinh.",
     [{"text": "Ngày 28-4", "start": 0, "end": 9, "day": 28, "month": 4, "year": None, "has_cue": True}]),
    ("Thực hiện Kế hoạch số 12-KH/HU ngày 7-4-2015 của Huyện ủy",
     [{"text": "ngày 7-4-2015", "start": 31, "end": 44, "day": 7, "month": 4, "year": 2015, "has_cue": True}]),
    ("Chiều 15/12, tại hội trường UBND xã",
     [{"text": "Chiều 15/12", "start": 0, "end": 11, "day": 15, "month": 12, "year": None, "time_of_day": "chiều",
       "has_cue": True}]),
    ("Kỳ họp diễn ra ngày 15 tháng 12 năm 2023 tại trụ sở",
     [{"text": "ngày 15 tháng 12 năm 2023", "start": 15, "end": 40, "day": 15, "month": 12, "year": 2023,
       "has_cue": True}]),
    ("Chiều ngày 10 tháng 9  năm 2020, tại Hội trường Huyện ủy",
     [{"text": "Chiều ngày 10 tháng 9  năm 2020", "start": 0, "end": 31, "day": 10, "month": 9, "year": 2020,
       "time_of_day": "chiều", "has_cue": True}]),
    ("(BTO) Sáng nay (20/12), HĐND tỉnh khai mạc kỳ họp",
     [{"text": "Sáng nay (20/12)", "start": 6, "end": 22, "day": 20, "month": 12, "year": None, "time_of_day": "sáng",
       "relative": "today", "has_cue": True}]),
    ("(CMO) Sáng nay, ngày 5/7, kỳ họp thứ 10 chính thức khai mạc",
     [{"text": "Sáng nay, ngày 5/7", "start": 6, "end": 24, "day": 5, "month": 7, "year": None, "time_of_day": "sáng",
       "relative": "today", "has_cue": True}]),
    ("Hôm qua 10.6, Đảng bộ thị trấn tổ chức đại hội",
     [{"text": "Hôm qua 10.6", "start": 0, "end": 12, "day": 10, "month": 6, "year": None, "relative": "yesterday",
       "has_cue": True}]),
    ("(QNO) - Sáng nay 3.6, Đảng bộ xã Đại Đồng tổ chức đại hội",
     [{"text": "Sáng nay 3.6", "start": 8, "end": 20, "day": 3, "month": 6, "year": None, "time_of_day": "sáng",
       "relative": "today", "has_cue": True}]),
    ("Sáng 23/6, Đảng bộ cơ quan tổ chức Đại hội",
     [{"text": "Sáng 23/6", "start": 0, "end": 9, "day": 23, "month": 6, "year": None, "time_of_day": "sáng",
       "has_cue": True}]),
    # a range introduced by `các ngày: từ` (issue 13): dated by its first day, the cue in the mention
    ("Trong các ngày: từ 9 đến 12-6, 120 cán bộ dự lớp tập huấn",
     [{"text": "Trong các ngày: từ 9 đến 12-6", "start": 0, "end": 29, "day": 9, "month": 6, "year": None,
       "end_day": 12, "has_cue": True}]),
    ("Trong hai ngày 27 và 28/2 UBMTTQ xã tổ chức đại hội",
     [{"text": "Trong hai ngày 27 và 28/2", "start": 0, "end": 25, "day": 27, "month": 2, "year": None, "end_day": 28,
       "has_cue": True}]),
    ("Ngày 27 và 28-7, Hội LHPN huyện tổ chức Đại hội",
     [{"text": "Ngày 27 và 28-7", "start": 0, "end": 15, "day": 27, "month": 7, "year": None, "end_day": 28,
       "has_cue": True}]),
    ("Đại hội dự kiến tổ chức vào ngày 26, 27/5 tới.",
     [{"text": "ngày 26, 27/5", "start": 28, "end": 41, "day": 26, "month": 5, "year": None, "end_day": 27,
       "has_cue": True}]),
    ("Thứ Tư, 08/04/2015, 08:11",
     [{"text": "Thứ Tư, 08/04/2015, 08:11", "start": 0, "end": 25, "day": 8, "month": 4, "year": 2015, "hour": 8,
       "minute": 11, "has_cue": True}]),
    ("Cập nhật 03/08/2023 09:58\nHội nghị tổng kết",
     [{"text": "03/08/2023 09:58", "start": 9, "end": 25, "day": 3, "month": 8, "year": 2023, "hour": 9, "minute": 58,
       "has_cue": False}]),
    ("14/09/2020 15:00 | Phương Thảo",
     [{"text": "14/09/2020 15:00", "start": 0, "end": 16, "day": 14, "month": 9, "year": 2020, "hour": 15, "minute": 0,
       "has_cue": False}]),
    ("28-02-2019 - 08:06\n\nĐại hội MTTQ",
     [{"text": "28-02-2019 - 08:06", "start": 0, "end": 18, "day": 28, "month": 2, "year": 2019, "hour": 8,
       "minute": 6, "has_cue": False}]),
    ("Trong những ngày đầu tháng 01/2023 các chi hội tổ chức đại hội",
     [{"text": "tháng 01/2023", "start": 21, "end": 34, "day": None, "month": 1, "year": 2023, "has_cue": False}]),
    ("Đến tháng 8 năm 2022, toàn huyện có",
     [{"text": "tháng 8 năm 2022", "start": 4, "end": 20, "day": None, "month": 8, "year": 2022, "has_cue": False}]),
    ("Nhân kỷ niệm ngày Quốc tế Phụ nữ 8/3; các cấp hội",
     [{"text": "8/3", "start": 33, "end": 36, "day": 8, "month": 3, "year": None, "has_cue": False}]),
    ("vào lúc 7:30 chiều ngày 20/4/2017",
     [{"text": "7:30 chiều ngày 20/4/2017", "start": 8, "end": 33, "day": 20, "month": 4, "year": 2017,
       "time_of_day": "chiều", "hour": 19, "minute": 30, "has_cue": True}]),
    ("Chiều qua, Ban Thường vụ Tỉnh ủy làm việc",
     [{"text": "Chiều qua", "start": 0, "end": 9, "day": None, "month": None, "year": None, "time_of_day": "chiều",
       "relative": "yesterday", "has_cue": True}]),
    ("Hôm nay, hội nghị bế mạc",
     [{"text": "Hôm nay", "start": 0, "end": 7, "day": None, "month": None, "year": None, "relative": "today",
       "has_cue": True}]),
    ("tại kỳ họp thứ 7, ngày 12/3, HĐND xã",  # `thứ 7` is an ordinal here, not Saturday
     [{"text": "ngày 12/3", "start": 18, "end": 27, "day": 12, "month": 3, "year": None, "has_cue": True}]),
    ("Chủ nhật (12/3), đoàn thanh niên ra quân",
     [{"text": "Chủ nhật (12/3)", "start": 0, "end": 15, "day": 12, "month": 3, "year": None, "has_cue": True}]),
    ("Lễ hội diễn ra mồng 3 tháng Giêng",
     [{"text": "mồng 3 tháng Giêng", "start": 15, "end": 33, "day": 3, "month": 1, "year": None, "has_cue": True}]),
    ("Đăng ngày: 21/12/2023",
     [{"text": "ngày: 21/12/2023", "start": 5, "end": 21, "day": 21, "month": 12, "year": 2023, "has_cue": True}]),
    ("(14:11 | 28/08/2018)",
     [{"text": "28/08/2018", "start": 9, "end": 19, "day": 28, "month": 8, "year": 2018, "has_cue": False}]),
    ("tối 30/4/2024 bắn pháo hoa",
     [{"text": "tối 30/4/2024", "start": 0, "end": 13, "day": 30, "month": 4, "year": 2024, "time_of_day": "tối",
       "has_cue": True}]),
    ("đêm 31/12, tuổi trẻ",  # night folds into `tối`
     [{"text": "đêm 31/12", "start": 0, "end": 9, "day": 31, "month": 12, "year": None, "time_of_day": "tối",
       "has_cue": True}]),
    ("Sáng thứ Hai (6/2), Huyện ủy tổ chức",
     [{"text": "Sáng thứ Hai (6/2)", "start": 0, "end": 18, "day": 6, "month": 2, "year": None, "time_of_day": "sáng",
       "has_cue": True}]),
    ("từ ngày 1/7/2024 đến ngày 30/9/2024",
     [{"text": "ngày 1/7/2024", "start": 3, "end": 16, "day": 1, "month": 7, "year": 2024, "has_cue": True},
      {"text": "ngày 30/9/2024", "start": 21, "end": 35, "day": 30, "month": 9, "year": 2024, "has_cue": True}]),
    ("* Ngày 10.6, Đảng bộ xã Duy Trung",
     [{"text": "Ngày 10.6", "start": 2, "end": 11, "day": 10, "month": 6, "year": None, "has_cue": True}]),
    ("Tính đến 13/6, toàn tỉnh",  # a bare d/m ending a phrase is a date
     [{"text": "13/6", "start": 9, "end": 13, "day": 13, "month": 6, "year": None, "has_cue": False}]),
    ("SÁNG NGÀY 5/10/2021, HỘI LHPN HUYỆN",  # case-insensitive
     [{"text": "SÁNG NGÀY 5/10/2021", "start": 0, "end": 19, "day": 5, "month": 10, "year": 2021,
       "time_of_day": "sáng", "has_cue": True}]),
]

_DEFAULTS = {"time_of_day": None, "relative": None, "end_day": None, "hour": None, "minute": None}


@pytest.mark.parametrize("text,expected", FIND_CASES, ids=[t[:40] for t, _ in FIND_CASES])
def test_find_dates_news_forms(text, expected):
    got = find_dates(text)
    assert [text[m.start:m.end] for m in got] == [e["text"] for e in expected]
    for m, e in zip(got, expected, strict=True):  # the lengths are equal: asserted above
        want = {**_DEFAULTS, **{k: v for k, v in e.items() if k != "text"}}
        have = {k: getattr(m, k) for k in want}
        assert have == want


# Look-alikes that are not dates: figures, document numbers, codes, scores, phones, periods.
NOT_DATES = [
    "đạt và vượt 14/18 chỉ tiêu",  # month > 12
    "phát triển 7/7 đảng viên mới",  # counting noun after
    "có 10/10 ấp đạt chuẩn",
    "Phát triển hội viên 26/24, đạt 108,3%",
    "xây dựng 9/2 căn nhà tình thương",  # a valid day-month, but a figure
    "5/1 căn nhà tình nghĩa",
    "3/3 trường đạt chuẩn quốc gia",
    "hoàn thành 9/9.",  # figure word before
    "tỷ lệ 1/2",
    "2/3 số đại biểu tán thành",
    "tiếp tục thực hiện Chỉ thị số 01/TU của Tỉnh ủy",
    "Nghị quyết số 05-NQ/ĐU của Đảng ủy",
    "theo Quyết định 1234/QĐ-UBND",
    "Quyết định số 1338 – QĐ/TU",
    "Thông tư 01/2023/TT-BTC",
    "nhà số 12/3 đường Nguyễn Huệ",  # address
    "doanh thu quý I/2023 tăng",  # a quarter: a period, not a date mention
    "năm 2023, Đảng bộ",  # a year: a period
    "nhiệm kỳ 2020 - 2025",
    "trực 24/7.",
    "Đường dây nóng: 0913.123.456 hoặc 0275.3822.123",
    "đội A thắng với tỉ số 2-1",
    "tăng trưởng bình quân 14 - 15%",
    "vận động 6.100.000đ/6.100.000đ",
    "hỗ trợ 1.200.000 đồng",
    "điểm 3,5/10",
    "Bạn còn 500/500 ký tự",
    "dự kiến tổ chức vào ngày 27,28/2023.",  # no month
    "ngày 31/2 và ngày 12/13 và ngày 32/1",  # impossible days and months
    "sáng tạo 3/4 mô hình",
    "lúc 14:30 tại hội trường",
    "ngày nay",  # "nowadays"
    "15 tháng 12 ngày",  # a duration
    "phiên bản 1.2.3",
    "1/1/1/1/1/1",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_find_dates_rejects_look_alikes(text):
    assert [text[m.start:m.end] for m in find_dates(text)] == []


def test_find_dates_in_a_paragraph():
    text = (
        "Đảng ủy xã Bình Khánh thực hiện đạt và vượt 14/18 chỉ tiêu\n\n21/12/2023\n\n"
        "Sáng ngày 20/12, Đảng ủy xã tổ chức hội nghị; phát triển 7/7 đảng viên mới; "
        "thực hiện Chỉ thị số 01/TU; xây dựng 9/2 căn nhà tình thương."
    )
    got = [(text[m.start:m.end], m.day, m.month, m.year) for m in find_dates(text)]
    assert got == [("21/12/2023", 21, 12, 2023), ("Sáng ngày 20/12", 20, 12, None)]


def test_date_mention_is_frozen_and_has_a_grain():
    m = find_dates("tháng 8 năm 2022")[0]
    assert m.grain == "month"
    assert find_dates("ngày 2/9")[0].grain == "day"
    assert find_dates("hôm qua")[0].grain == "relative"
    with pytest.raises(AttributeError):
        m.day = 3  # type: ignore[misc]


# ---------------------------------------------------------------------------
# (c) resolve_year

def _m(day, month, year=None, relative=None):
    return DateMention(0, 1, day, month, year, relative=relative)


RESOLVE_CASES = [
    # (mention, published, fallback_year, expected)
    (_m(28, 12), date(2024, 1, 2), None, date(2023, 12, 28)),  # the turn of the year: last December
    (_m(25, 12), date(2024, 2, 20), None, date(2023, 12, 25)),  # ~2 months before publication
    (_m(5, 1), date(2023, 12, 20), None, date(2024, 1, 5)),  # announced for next January
    (_m(31, 5), date(2024, 1, 15), None, date(2024, 5, 31)),  # announced months ahead, same year
    (_m(20, 3), date(2024, 6, 15), None, date(2024, 3, 20)),  # reported months later, same year
    (_m(10, 6), date(2015, 6, 11), None, date(2015, 6, 10)),
    (_m(29, 2), date(2025, 3, 1), None, date(2024, 2, 29)),  # only a leap year has it
    (_m(12, 3), None, 2022, date(2022, 3, 12)),  # no dateline: the year the text implies
    (_m(12, 3), None, None, None),  # no year can be known
    (_m(2, 8, 2023), date(2024, 5, 1), 2020, date(2023, 8, 2)),  # a written year wins
    (_m(None, 8, 2022), None, None, date(2022, 8, 1)),  # month grain: its first day
    (_m(None, 1), date(2023, 2, 10), None, date(2023, 1, 1)),
    (_m(None, None, relative="yesterday"), date(2024, 3, 14), None, date(2024, 3, 13)),
    (_m(None, None, relative="today"), None, 2024, None),  # `hôm nay` needs the dateline
    (_m(31, 4), date(2024, 5, 1), None, None),  # no such day
    (_m(28, 12), datetime(2024, 1, 2, 8, 30), None, date(2023, 12, 28)),  # a datetime dateline
]


@pytest.mark.parametrize("mention,published,fallback,expected", RESOLVE_CASES)
def test_resolve_year(mention, published, fallback, expected):
    assert resolve_year(mention, published, fallback) == expected


def test_resolve_year_on_found_mentions():
    text = "Trong hai ngày 27 và 28/12, Đảng bộ xã tổ chức đại hội"
    (m,) = find_dates(text)
    assert resolve_year(m, date(2024, 1, 3)) == date(2023, 12, 27)
    assert resolve_year(find_dates("Hôm qua 10.6, Đảng bộ")[0], date(2015, 6, 11)) == date(2015, 6, 10)


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


def _check_mentions(text: str) -> None:
    got = find_dates(text)
    prev_end = -1
    for m in got:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= prev_end or m.grain == "relative"
        prev_end = max(prev_end, m.end)
        span = text[m.start:m.end]
        assert span == span.strip()
        if m.month is not None:
            assert 1 <= m.month <= 12
        if m.day is not None:
            assert 1 <= m.day <= 31 and m.month is not None
        if m.end_day is not None:
            assert m.day is not None and m.day < m.end_day <= 31
        if m.hour is not None:
            assert 0 <= m.hour <= 23 and 0 <= (m.minute or 0) <= 59
        assert m.time_of_day in (None, "sáng", "trưa", "chiều", "tối")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_find_dates_never_raises_on_any_text(text):
    _check_mentions(text)


@settings(max_examples=300, deadline=None)
@given(_news_like)
def test_find_dates_spans_valid_on_date_like_text(text):
    _check_mentions(text)


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
    worker = threading.Thread(target=lambda: done.append(find_dates(text)), daemon=True)
    worker.start()
    worker.join(120)
    assert done, "no answer within 120 s"
    out = done[0]
    assert isinstance(out, list)
