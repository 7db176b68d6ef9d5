"""Meeting periods as dates, and every item tied to its meeting."""
import datetime as dt
from pathlib import Path

import pytest

from extractor import extract
from extractor.grammar.periods import period_dates

D = dt.date
SEED = Path(__file__).resolve().parents[3] / "shared" / "examples" / "binh-khanh-2023.txt"


@pytest.mark.parametrize("period, year, expected", [
    ("năm 2023", None, (D(2023, 1, 1), D(2023, 12, 31))),
    ("Năm 2019", None, (D(2019, 1, 1), D(2019, 12, 31))),
    ("6 tháng đầu năm 2024", None, (D(2024, 1, 1), D(2024, 6, 30))),
    ("06 tháng đầu năm 2021", None, (D(2021, 1, 1), D(2021, 6, 30))),
    ("sáu tháng đầu năm 2022", None, (D(2022, 1, 1), D(2022, 6, 30))),
    ("9 tháng đầu năm 2023", None, (D(2023, 1, 1), D(2023, 9, 30))),
    ("9 tháng đầu năm", 2020, (D(2020, 1, 1), D(2020, 9, 30))),
    ("6 tháng cuối năm 2025", None, (D(2025, 7, 1), D(2025, 12, 31))),
    ("quý III/2024", None, (D(2024, 7, 1), D(2024, 9, 30))),
    ("quý I/2025", None, (D(2025, 1, 1), D(2025, 3, 31))),
    ("quý IV năm 2023", None, (D(2023, 10, 1), D(2023, 12, 31))),
    ("quý 2/2024", None, (D(2024, 4, 1), D(2024, 6, 30))),
    ("nhiệm kỳ 2020-2025", None, (D(2020, 1, 1), D(2025, 12, 31))),
    ("nhiệm kỳ 2020 - 2025", None, (D(2020, 1, 1), D(2025, 12, 31))),
    ("nhiệm kỳ 2025–2030", None, (D(2025, 1, 1), D(2030, 12, 31))),
    ("giai đoạn 2021-2025", None, (D(2021, 1, 1), D(2025, 12, 31))),
    ("năm học 2023-2024", None, (D(2023, 9, 1), D(2024, 8, 31))),
    ("tháng 8/2024", None, (D(2024, 8, 1), D(2024, 8, 31))),
    ("vụ Thu Đông 2019", None, (None, None)),
    ("quý III", None, (None, None)),
    (None, 2024, (None, None)),
    ("giai đoạn 2025-2021", None, (None, None)),
])
def test_period_dates(period, year, expected):
    assert period_dates(period, year) == expected


def test_meeting_carries_its_period_dates():
    a = extract("Sáng 12/7/2024, HĐND xã Tân Phú tổ chức kỳ họp thứ 8 đánh giá tình hình kinh tế - xã hội "
                "6 tháng đầu năm 2024. Tỷ lệ hộ nghèo còn 1,8%; thu ngân sách đạt 62% dự toán.")
    m = a.meetings[0]
    assert m.period == "6 tháng đầu năm 2024"
    assert (m.period_start, m.period_end) == (D(2024, 1, 1), D(2024, 6, 30))
    assert [p.meeting for p in a.percentages] == [0, 0]
    assert a.percentages[1].basis == "dự toán"
    assert a.percentages[0].indicator == "poverty_rate"
    assert a.percentages[1].indicator == "budget_revenue"


def test_items_link_to_the_meeting_named_before_them():
    text = ("Ngày 5/1/2024, Đảng ủy xã An Hòa tổ chức hội nghị tổng kết năm 2023. Tỷ lệ hộ nghèo giảm còn 2,1%. "
            "Đồng chí Lê Văn Tám, Bí thư Đảng ủy xã phát biểu.\n\n"
            "Cũng trong ngày 5/1/2024, Hội Nông dân xã An Hòa tổ chức đại hội nhiệm kỳ 2023 - 2028. "
            "Hội kết nạp 45/40 hội viên mới; 100% chi hội đạt vững mạnh.")
    a = extract(text)
    assert len(a.meetings) == 2
    assert a.meetings[1].period_start == D(2023, 1, 1) and a.meetings[1].period_end == D(2028, 12, 31)
    by_value = {p.value: p for p in a.percentages}
    assert by_value[2.1].meeting == 0 and by_value[100].meeting == 1
    assert a.targets[0].meeting == 1 and a.targets[0].indicator == "new_association_members"
    assert by_value[100].indicator == "association_units_strong"


def test_no_meeting_no_link():
    a = extract("Toàn tỉnh hiện có 95,2% dân số tham gia bảo hiểm y tế.")
    assert a.meetings == [] and a.percentages[0].meeting is None
    assert a.percentages[0].indicator == "health_insurance_coverage"


@pytest.mark.skipif(not SEED.exists(), reason="../shared is given to CI and developers")
def test_seed_period_and_meeting_links():
    a = extract(SEED.read_text(encoding="utf-8"))
    m = a.meetings[0]
    assert (m.period_start, m.period_end) == (D(2023, 1, 1), D(2023, 12, 31))
    assert a.targets and a.percentages
    assert all(t.meeting == 0 for t in a.targets)
    assert all(p.meeting == 0 for p in a.percentages)
    # "Kết luận hội nghị, đồng chí ...": a reference back to the one meeting, not a meeting of its own
    assert a.officials and all(o.meeting == 0 for o in a.officials)
    ind = {p.value: p.indicator for p in a.percentages}
    assert ind[95.1] == "health_insurance_coverage" and ind[2.35] == "poverty_rate"


def test_shapes_are_a_typed_lexicon_read_once():
    from extractor.grammar.periods import PeriodShape, period_shapes

    shapes = period_shapes()
    assert period_shapes() is shapes
    assert shapes.school_year_start_month == 9
    assert all(isinstance(s, PeriodShape) for s in shapes.shapes)
    assert [s.n for s in shapes.shapes if s.n is not None] == [6, 6]  # `nửa đầu năm`, `nửa cuối năm`
    assert {s.shape for s in shapes.shapes} == {"first_months", "last_months", "quarter", "school_year", "years",
                                                "month", "year"}


def test_a_shape_whose_numbers_make_no_period_gives_way():
    # no 13 first months: the next shape that fits, `năm 2024`, decides
    assert period_dates("13 tháng đầu năm 2024") == (D(2024, 1, 1), D(2024, 12, 31))
    assert period_dates("giai đoạn 2025-2021") == (None, None)  # a range backwards
    assert period_dates("tháng 13/2024") == (None, None)
