"""Meetings, dates and article metadata (issue 6)."""
import datetime as dt

import pytest

from extractor import extract

HEAD = "Hội nghị tổng kết công tác năm 2023 của Đảng ủy xã\n\n"


@pytest.mark.parametrize("body, published, expected, tod", [
    ("Sáng ngày 02/8/2023, Đảng ủy xã Phú Hòa tổ chức hội nghị sơ kết.", None, dt.date(2023, 8, 2), "sáng"),
    ("Ngày 28-4, Đảng bộ phường Tam Quan tổ chức đại hội nhiệm kỳ 2020-2025.", None, dt.date(2020, 4, 28), None),
    ("Ngày 7-4-2015, Hội Nông dân huyện tổ chức hội nghị.", None, dt.date(2015, 4, 7), None),
    ("Chiều 15/12, HĐND huyện khai mạc kỳ họp thứ 7.", dt.date(2023, 12, 16), dt.date(2023, 12, 15), "chiều"),
    ("Ngày 15 tháng 12 năm 2023, UBND xã tổ chức hội nghị tổng kết.", None, dt.date(2023, 12, 15), None),
    ("Sáng nay (20/12), Tỉnh Đoàn tổ chức hội nghị tổng kết.", dt.date(2024, 12, 20), dt.date(2024, 12, 20), "sáng"),
    ("Ngày 28/12, Ủy ban MTTQ huyện tổ chức hội nghị tổng kết.", dt.date(2024, 1, 3), dt.date(2023, 12, 28), None),
])
def test_meeting_dates(body, published, expected, tod):
    art = extract(HEAD + body, published=published)
    m = art.meetings[0]
    assert m.date == expected
    assert m.time_of_day == tod
    assert art.text[m.span.start:m.span.end] == m.span.text


def test_no_date_is_invented():
    art = extract(HEAD + "21/12/2023\n\nĐảng ủy xã Bình Phú vừa tổ chức hội nghị tổng kết năm 2023. "
                  "Trước đó, ngày 15/8/2023, Ban Thường vụ Huyện ủy ban hành Quyết định số 12-QĐ/HU.")
    assert art.published == dt.date(2023, 12, 21)
    assert art.meetings[0].date is None
    assert art.meetings[0].kind == "hội nghị tổng kết"


def test_document_and_cutoff_dates_are_not_the_meetings():
    art = extract(HEAD + "Thực hiện Chỉ thị 35-CT/TW ngày 30/5/2019 của Bộ Chính trị, tính đến hết ngày 13/6, "
                  "các huyện đã tổ chức đại hội.")
    assert art.meetings[0].date is None


def test_kind_organizer_period_description():
    art = extract(HEAD + "Đảng ủy xã Bình Khánh, huyện Mỏ Cày Nam vừa tổ chức hội nghị tổng kết tình hình thực hiện "
                  "Nghị quyết năm 2023 và đề ra phương hướng, nhiệm vụ năm 2024.")
    m = art.meetings[0]
    assert (m.kind, m.organizer, m.period) == ("hội nghị tổng kết", "Đảng ủy xã Bình Khánh", "năm 2023")
    assert m.description.startswith("hội nghị tổng kết tình hình thực hiện Nghị quyết năm 2023")


@pytest.mark.parametrize("sentence, kind", [
    ("Sáng 23/6, Đảng bộ xã tổ chức Đại hội đại biểu lần thứ XV, nhiệm kỳ 2025-2030.", "đại hội"),
    ("Chiều 10/9, HĐND huyện tổ chức kỳ họp thứ 17.", "kỳ họp"),
    ("Sáng 25/1, huyện tổ chức Lễ trao tặng Huy hiệu Đảng.", "lễ"),
    ("Chiều 22/6, đoàn công tác của Tỉnh ủy làm việc với Huyện ủy.", "buổi làm việc"),
    ("Ngày 24/3, Huyện đoàn tổ chức Hội nghị sơ kết giữa nhiệm kỳ.", "hội nghị sơ kết"),
    ("Sáng 5/10, Hội Nông dân xã tổ chức hội thi nhà nông đua tài.", "hội thi"),
])
def test_kinds(sentence, kind):
    assert extract(HEAD + sentence, published="2024-06-30").meetings[0].kind == kind


@pytest.mark.parametrize("dateline, expected", [
    ("21/12/2023", dt.date(2023, 12, 21)),
    ("Thứ Tư, 08/04/2015, 08:11", dt.date(2015, 4, 8)),
    ("03/08/2023 09:58", dt.date(2023, 8, 3)),
    ("(14:11 | 28/08/2018)", dt.date(2018, 8, 28)),
    ("Ngày đăng bài: 16/12/2019 | Tác giả: Long Hà", dt.date(2019, 12, 16)),
    ("28-02-2019 - 08:06", dt.date(2019, 2, 28)),
])
def test_datelines(dateline, expected):
    art = extract("Đảng ủy xã tổ chức hội nghị tổng kết năm 2023\n" + dateline + "\nNội dung bài viết ở đây.")
    assert art.published == expected
    assert art.title == "Đảng ủy xã tổ chức hội nghị tổng kết năm 2023"


@pytest.mark.parametrize("last_line, author", [
    ("Bảo Toàn", "Bảo Toàn"),
    ("SƠN TRUNG", "Sơn Trung"),
    ("Tin, ảnh: Minh Đức", "Minh Đức"),
    ("Huỳnh Thơ - Hội Nông dân huyện Tháp Mười", "Huỳnh Thơ"),
    ("Quang cảnh hội nghị", None),
])
def test_bylines(last_line, author):
    art = extract("Hội nghị tổng kết năm 2023\n\nNgày 20/12, Hội Nông dân xã tổ chức hội nghị tổng kết.\n\n" + last_line)
    assert art.author == author


def test_given_values_win():
    art = extract("Tiêu đề trong bài\n21/12/2023\nNội dung.", title="Tiêu đề cho sẵn", published="2023-12-25")
    assert art.title == "Tiêu đề cho sẵn"
    assert art.published == dt.date(2023, 12, 25)


def test_location_with_inferred_province():
    art = extract("Đảng ủy xã Bình Khánh, huyện Mỏ Cày Nam vừa tổ chức hội nghị tổng kết.")
    loc = art.location
    assert (loc.commune, loc.district, loc.province) == ("Bình Khánh", "Mỏ Cày Nam", "Bến Tre")
    assert "province" in loc.inferred


def test_later_mentions_are_the_same_meeting():
    art = extract(HEAD + "Sáng 15/12, HĐND huyện khai mạc kỳ họp thứ 7. Dự kỳ họp có 35/35 đại biểu. "
                  "Ông Lê Văn Hai, Chủ tịch HĐND huyện chủ trì kỳ họp.", published="2023-12-16")
    assert [(m.kind, m.date) for m in art.meetings] == [("kỳ họp", dt.date(2023, 12, 15))]


def test_headline_meeting_takes_the_leads_date():
    art = extract("Bộ trưởng làm việc với tỉnh về phòng, chống sạt lở\n05/08/2025 17:48 GMT+7\n"
                  "Chiều nay (5/8), đoàn công tác của Bộ làm việc với UBND tỉnh.")
    assert art.published == dt.date(2025, 8, 5)
    assert (art.meetings[0].kind, art.meetings[0].date) == ("buổi làm việc", dt.date(2025, 8, 5))


def test_anniversary_span_is_not_the_meeting_date():
    art = extract(HEAD + "Sáng 14/11, huyện tổ chức Lễ kỷ niệm 90 năm Ngày truyền thống MTTQ Việt Nam "
                  "(18/11/1930 - 18/11/2020).")
    assert art.meetings[0].date == dt.date(2020, 11, 14)
