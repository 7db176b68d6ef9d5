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


# --- issue 13: meetings as real pages report them (invented inputs in the real shapes) ---

@pytest.mark.parametrize("sentence, kind", [
    ("Tối 12/9, Chi bộ thôn Đông tổ chức buổi sinh hoạt chi bộ định kỳ tháng 9.", "sinh hoạt chi bộ"),
    ("Sáng 3/10, Ban Tuyên giáo Huyện ủy tổ chức họp báo về Đại hội Đảng bộ huyện.", "họp báo"),
    ("Ngày 5/6, Thường trực HĐND tỉnh tổ chức Hội nghị giao ban quý II.", "hội nghị giao ban"),
    ("Sáng 6/9, Thường trực HĐND tỉnh họp phiên thường kỳ tháng 9.", "phiên họp"),
    ("Chiều 14/9, hai đại biểu HĐND huyện tiếp xúc cử tri xã Tân Lập.", "tiếp xúc cử tri"),
    ("Chiều 8/3, Hội Phụ nữ xã tổ chức buổi họp mặt kỷ niệm Ngày Quốc tế Phụ nữ.", "họp mặt"),
    ("Sáng 12/10, Khối Dân vận xã tổ chức chương trình kỉ niệm ngày truyền thống.", "lễ"),
])
def test_kinds_beyond_the_obvious(sentence, kind):
    assert extract(HEAD + sentence, published="2024-12-30").meetings[0].kind == kind


def test_weak_kind_takes_the_name_given_next():
    art = extract(HEAD + "Chiều ngày 07/3/2024, Hội Phụ nữ xã Tân An tổ chức kỷ niệm 114 năm Ngày Quốc tế Phụ nữ. "
                  "Buổi họp mặt diễn ra trong không khí vui tươi.")
    assert [(m.kind, m.date) for m in art.meetings] == [("họp mặt", dt.date(2024, 3, 7))]


def test_a_later_address_is_the_same_meeting():
    art = extract(HEAD + "Sáng 20/12, Đảng ủy xã Hòa Bình tổ chức hội nghị tổng kết năm 2024. "
                  "Phát biểu chỉ đạo hội nghị, đồng chí Lê Văn Nam đề nghị xã hoàn thành chỉ tiêu trước ngày 15/1. "
                  "Dự hội nghị có 60 đại biểu, trong đó nhiều đại biểu dự từ ngày 19/12.", published="2024-12-21")
    assert [(m.kind, m.date) for m in art.meetings] == [("hội nghị tổng kết", dt.date(2024, 12, 20))]


def test_plans_are_not_meetings():
    # a report of plans for future congresses reports no meeting
    art = extract("Huyện chuẩn bị đại hội nhiệm kỳ mới\n\nBan Thường vụ Huyện ủy đang chuẩn bị tổ chức Đại hội đại biểu "
                  "Đảng bộ huyện lần thứ XX, nhiệm kỳ 2025-2030, dự kiến vào ngày 20/7/2025. Các chi bộ đang tiến tới "
                  "đại hội cấp cơ sở.")
    assert art.meetings == []
    # a held congress, then the next one planned: one meeting
    art = extract(HEAD + "Ngày 18/4/2024, Hội Nông dân xã An Phú tổ chức Đại hội đại biểu nhiệm kỳ 2024-2029. "
                  "Đại hội đã bầu 12 đại biểu đi dự Đại hội đại biểu Hội Nông dân huyện được tổ chức vào ngày 26/5 tới.")
    assert [(m.kind, m.date) for m in art.meetings] == [("đại hội", dt.date(2024, 4, 18))]


def test_excerpt_opening_mid_article_implies_its_meeting():
    art = extract("Tại hội nghị, các đại biểu đã thảo luận và thống nhất 12 chỉ tiêu chủ yếu năm 2025. "
                  "Hội nghị cũng biểu dương 8 tập thể có thành tích xuất sắc.")
    assert [(m.kind, m.date) for m in art.meetings] == [("hội nghị", None)]


def test_round_up_items_are_meetings_of_their_own():
    art = extract("Các xã tổ chức đại hội\n\n* Sáng 10.6, Đảng bộ xã Tân Mỹ tổ chức Đại hội lần thứ XIII, nhiệm kỳ 2015 - 2020. "
                  "Đại hội bầu 15 đồng chí vào Ban Chấp hành.\n\n* Cùng ngày, Đảng bộ xã Tân Hòa tổ chức Đại hội lần thứ XII, "
                  "nhiệm kỳ 2015 - 2020. Xã đạt 18/19 tiêu chí nông thôn mới.")
    assert [(m.kind, m.date) for m in art.meetings] == [("đại hội", dt.date(2015, 6, 10)), ("đại hội", dt.date(2015, 6, 10))]


def test_range_is_dated_by_its_first_day_and_session_days_are_not_the_meetings():
    art = extract(HEAD + "Báo điện tử đăng toàn văn Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XII, được thông qua tại phiên "
                  "bế mạc Đại hội vào sáng ngày 18-10. Đại hội Đảng bộ tỉnh lần thứ XII diễn ra từ ngày 15 đến ngày "
                  "18 tháng 10 năm 2025.")
    assert [(m.kind, m.date) for m in art.meetings] == [("đại hội", dt.date(2025, 10, 15))]


@pytest.mark.parametrize("body, published, expected", [
    # the year from a full date in the sentence (an anniversary's span)
    ("Nhân kỷ niệm 95 năm Ngày thành lập Đảng (3-2-1930 - 3-2-2025), ngày 1-2, Đảng ủy xã tổ chức Lễ trao Huy hiệu Đảng.",
     None, dt.date(2025, 2, 1)),
    # a birth year is no meeting's year: with no dateline and no other year, no date
    ("Chiều ngày 18/11, Đảng bộ thị trấn tổ chức Lễ trao Huy hiệu Đảng cho đồng chí Lê Văn Ba, sinh năm 1940.", None, None),
    # a count of years is no year ("1985 năm"), but the uprising's anniversary gives one: 40 + 1985
    ("Sáng 6/3, Hội Phụ nữ quận tổ chức họp mặt kỷ niệm 1985 năm khởi nghĩa Hai Bà Trưng.", None, dt.date(2025, 3, 6)),
    ("Sáng 6/3, Hội Phụ nữ quận tổ chức họp mặt kỷ niệm 1985 năm truyền thống quê hương.", None, None),
    # an anniversary gives the year: founding year + N
    ("Sáng 8/3, Hội Phụ nữ huyện tổ chức Họp mặt kỷ niệm 114 năm Ngày Quốc tế Phụ nữ.", None, dt.date(2024, 3, 8)),
    ("Sáng 17/10, Hội Nông dân huyện tổ chức Lễ kỷ niệm 95 năm Ngày thành lập Hội Nông dân Việt Nam.", None,
     dt.date(2025, 10, 17)),
    ("Sáng 3/9, Hội Nông dân xã tổ chức hội thi, sau 5 năm qua, Hội Nông dân Việt Nam phát triển.", None, None),
    # a congress's term named in a working session's sentence gives its year
    ("Sáng 12-8, đoàn công tác của Tỉnh ủy làm việc với Huyện ủy về chuẩn bị Đại hội Đảng bộ huyện nhiệm kỳ 2025-2030.",
     None, dt.date(2025, 8, 12)),
    # "sáng nay" resolves against the dateline only
    ("Sáng nay, HĐND huyện khai mạc kỳ họp thứ 9.", "2024-07-10", dt.date(2024, 7, 10)),
    ("Sáng nay, HĐND huyện khai mạc kỳ họp thứ 9 khóa XX, nhiệm kỳ 2021-2026.", None, None),
])
def test_meeting_years(body, published, expected):
    art = extract("Tin hoạt động cơ sở\n\n" + body, published=published)
    assert art.meetings[0].date == expected


def test_year_never_from_the_site_clock():
    art = extract("Thứ Bảy, 27/11/2021\nHội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 13\n"
                  "Sáng 21/6, Ban Thường vụ Tỉnh ủy triệu tập hội nghị lần thứ 13 Ban Chấp hành Đảng bộ tỉnh.")
    assert art.published is None
    assert art.meetings[0].date is None


def test_hard_line_breaks_inside_a_sentence():
    art = extract("24/09/2021\nĐại biểu HĐND huyện tiếp xúc cử tri xã Tân Hà\nChiều\nngày 14/9/2021, ông Lê Văn An, đại biểu Hội\n"
                  "đồng nhân dân huyện, tiếp xúc cử tri xã Tân\nHà, thông báo kết quả kỳ họp thứ 2 HĐND huyện.\n")
    assert [(m.kind, m.date) for m in art.meetings] == [("tiếp xúc cử tri", dt.date(2021, 9, 14))]


def test_round_up_opening_gives_way_to_its_dated_items():
    art = extract("Nhiều xã tổ chức kỳ họp cuối năm\n\nNhững ngày qua, các xã trên địa bàn huyện khẩn trương tổ chức kỳ họp "
                  "thường lệ cuối năm.\n\n* Ngày 17/12, HĐND xã Tân An tổ chức kỳ họp thứ 11.\n\n"
                  "* Cũng trong ngày 17/12, HĐND xã Tân Bình khai mạc kỳ họp thứ 10.", published="2024-12-19")
    assert [(m.kind, m.date) for m in art.meetings] == [("kỳ họp", dt.date(2024, 12, 17))] * 2
    assert [m.organizer for m in art.meetings] == ["HĐND xã Tân An", "HĐND xã Tân Bình"]


def test_a_count_of_events_is_no_meeting():
    # a feature on a farmer: the association's many classes are not one meeting held
    art = extract("Tấm gương nông dân giỏi\n\nNhờ tham gia nhiều buổi tập huấn do Hội Nông dân xã tổ chức, ông Ba đã "
                  "chuyển đổi 2 ha lúa sang trồng cây ăn trái. Năm qua, Hội đã tổ chức 12 hội nghị tuyên truyền, "
                  "các lớp tập huấn kỹ thuật cho hội viên.")
    assert art.meetings == []
    # but a count of years or a term before the kind does not hide it
    art = extract(HEAD + "Sáng 12/3, đại biểu HĐND huyện nhiệm kỳ 2021 - 2026, tiếp xúc cử tri xã Tân An.",
                  published="2024-03-13")
    assert [(m.kind, m.date) for m in art.meetings] == [("tiếp xúc cử tri", dt.date(2024, 3, 12))]


def test_implausible_years_are_no_dates():
    art = extract("12/05/2108\nTin hoạt động\n\nNgày 11/5/2108, Hội Nông dân xã tổ chức hội nghị sơ kết.")
    assert art.published is None
    assert art.meetings[0].date is None


def test_on_this_occasion_is_part_of_the_meeting():
    art = extract(HEAD + "Hội Nông dân xã Tân An vừa tổ chức Đại hội đại biểu nhiệm kỳ 2023-2028. "
                  "Dịp này, Hội tổ chức lễ trao giấy khen cho 12 hội viên.")
    assert [(m.kind, m.date) for m in art.meetings] == [("đại hội", None)]


def test_hard_wrapped_excerpt_with_no_headline():
    art = extract("Chiều\nngày 14/9/2024, ông Lê Văn An, đại biểu Hội\nđồng nhân dân huyện, tiếp xúc cử tri xã Tân\n"
                  "Hà, thông báo kết quả kỳ họp thứ 2 HĐND huyện.\n", published="2024-09-20")
    assert [(m.kind, m.date) for m in art.meetings] == [("tiếp xúc cử tri", dt.date(2024, 9, 14))]
