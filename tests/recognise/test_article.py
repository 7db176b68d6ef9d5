"""Dateline and byline read from crawled pages (issue 13): chrome, site clocks, every dateline
form, bylines in their real shapes.  Every input here is invented."""
import datetime as dt

import pytest

from extractor import extract

LEAD = ("Sáng 14/3, Đảng ủy xã Tân Phước tổ chức hội nghị sơ kết công tác quý I năm 2024, "
        "triển khai nhiệm vụ quý II. Dự hội nghị có đồng chí Trần Văn Bình, Phó Bí thư Huyện ủy.\n")
BODY = ("Quý I, toàn xã có 95% hộ dân tham gia bảo hiểm y tế, thu ngân sách đạt 30% dự toán năm; "
        "các chi bộ thực hiện nghiêm chế độ sinh hoạt định kỳ.\n")
TITLE = "Đảng ủy xã Tân Phước sơ kết công tác quý I năm 2024\n"


@pytest.mark.parametrize("dateline, expected", [
    ("Ngày đăng: 15/03/2024", dt.date(2024, 3, 15)),
    ("Ngày đăng 15/03/2024 | 09:12", dt.date(2024, 3, 15)),
    ("Cập nhật lúc 09:12, Thứ Sáu, 15/03/2024 (GMT+7)", dt.date(2024, 3, 15)),
    ("15/03/2024 09:12", dt.date(2024, 3, 15)),
    ("(15/03/2024 09:12)", dt.date(2024, 3, 15)),
    ("(09:12 | 15/03/2024)", dt.date(2024, 3, 15)),
    ("Thứ Sáu, ngày 15 tháng 3 năm 2024, 09:12:40", dt.date(2024, 3, 15)),
    ("15.03.2024 | 09:12 AM", dt.date(2024, 3, 15)),
    ("Thứ 6, 15/03/2024 | 09:12:40 (GMT +7)", dt.date(2024, 3, 15)),
    ("09:12' 15/3/2024", dt.date(2024, 3, 15)),
    ("(15/3/2024). Số lượt xem: 418", dt.date(2024, 3, 15)),
    ("Thứ sáu - 15/03/2024 09:12521", dt.date(2024, 3, 15)),   # the time glued to a view counter
    ("Thời sự 15-03-2024", dt.date(2024, 3, 15)),               # a section label before the date
    ("bientap gửi vào T6, 2024-03-15 09:12", dt.date(2024, 3, 15)),
    ("Đăng bởi: admin | 15/03/2024", dt.date(2024, 3, 15)),
    ("15/3/2024 9:12:00 SA", dt.date(2024, 3, 15)),
    ("15/03/2024 | Thời sự", dt.date(2024, 3, 15)),
])
def test_dateline_forms_under_the_headline(dateline, expected):
    art = extract(TITLE + dateline + "\n" + LEAD + BODY)
    assert art.published == expected
    assert art.author is None  # a poster's account, a label or a counter is no byline


def test_site_clock_is_not_the_dateline():
    # a weekday-led crawl-day clock above the headline, the article's own dateline under it
    art = extract("Thứ Hai, 02/12/2024 08:15 (GMT+7)\n" + TITLE + "Thứ 6, 15/03/2024 | 09:12\n" + LEAD + BODY)
    assert art.published == dt.date(2024, 3, 15)
    # a clock with no time, and nothing else: no dateline
    art = extract("Chủ nhật,  01/12/2024\n" + TITLE + LEAD + BODY)
    assert art.published is None
    # with a time but years away from every year of the story: still the clock
    art = extract("Thứ Hai, 02/12/2030 08:15\n" + TITLE + LEAD + BODY)
    assert art.published is None
    # a term that reaches the clock's year is no year of the story
    art = extract("Thứ Hai, 02/12/2024 08:15\n" + TITLE.replace("quý I năm 2024", "nhiệm kỳ 2020-2025")
                  + "Đảng ủy xã Tân Phước vừa tổ chức hội nghị năm 2020. " + BODY.replace("năm", "kỳ"))
    assert art.published is None
    # with a time, the story's year, but months after the day its lead reports: the clock
    art = extract("Thứ Hai, 02/12/2024 08:15\n" + TITLE + LEAD + BODY)
    assert art.published is None


def test_clock_shaped_dateline_taken_when_it_is_the_only_one():
    art = extract("Thứ Sáu, 15/03/2024, 09:12 (GMT+7)\n" + TITLE + LEAD + BODY)
    assert art.published == dt.date(2024, 3, 15)
    # a story that dates no day but names the year
    art = extract("Thứ Sáu, 15/03/2024, 09:12\n" + TITLE + "Hội Nông dân xã vừa tổ chức hội thi nhà nông đua tài năm 2024. "
                  + BODY)
    assert art.published == dt.date(2024, 3, 15)
    # a day-month close to the clock, but the story is of another year: the clock
    art = extract("Thứ Sáu, 15/03/2024, 09:12\n" + TITLE.replace("2024", "2019") + LEAD.replace("2024", "2019") + BODY)
    assert art.published is None


@pytest.mark.parametrize("clock", ["Thứ Năm, 03/12/2026 09:15 (GMT+7)", "Chủ nhật, 24/11/2024, 07:30", "Thứ Hai, 18/03/2024"])
def test_a_clock_put_above_a_page_changes_nothing(clock):
    page = TITLE + "15/03/2024\n" + LEAD + BODY + "Hồng Nhung\n"
    plain, clocked = extract(page), extract(clock + "\n" + page)
    assert (clocked.published, clocked.author) == (plain.published, plain.author) == (dt.date(2024, 3, 15), "Hồng Nhung")
    assert [m.date for m in clocked.meetings] == [m.date for m in plain.meetings] == [dt.date(2024, 3, 14)]
    undated = " date 2024-03 " + LEAD + BODY
    assert [m.date for m in extract(clock + "\n" + undated).meetings] == [dt.date(2024, 3, 14)]


@pytest.mark.parametrize("lead", [
    "Sáng 14/3/2024\nĐảng ủy xã Tân Phước tổ chức hội nghị sơ kết quý I.\n",
    "Ngày 14/3/2024,\nĐảng ủy xã Tân Phước tổ chức hội nghị sơ kết quý I.\n",
    "Ngày 14/3/2024\ntại hội trường xã, Đảng ủy xã Tân Phước tổ chức hội nghị sơ kết quý I.\n",
])
def test_a_lead_date_cut_by_a_line_break_is_not_a_dateline(lead):
    art = extract(TITLE + lead + BODY)
    assert art.published is None
    assert art.meetings[0].date == dt.date(2024, 3, 14)


def test_a_date_in_the_lead_is_not_a_dateline():
    art = extract(TITLE + "(TPO)- Ngày 14-3-2024, Đảng ủy xã Tân Phước tổ chức hội nghị sơ kết quý I. " + BODY)
    assert art.published is None
    assert art.meetings[0].date == dt.date(2024, 3, 14)


def test_crawler_metadata_prefix():
    art = extract(" date 2024-03-15 " + TITLE + LEAD + BODY)
    assert art.published == dt.date(2024, 3, 15)
    assert art.meetings[0].date == dt.date(2024, 3, 14)
    # a year-month only: no dateline, but the year of "Sáng 14/3"
    art = extract(" date 2024-03 " + LEAD + BODY)
    assert art.published is None
    assert art.meetings[0].date == dt.date(2024, 3, 14)


@pytest.mark.parametrize("tail, author", [
    ("Tác giả: Lê Thị Vân\n", "Lê Thị Vân"),
    ("Tin, ảnh: Phạm Hưng\n", "Phạm Hưng"),
    ("Hồng Nhung (CTV)\n", "Hồng Nhung"),
    ("Quốc Bảo - Thanh Tâm\n", "Quốc Bảo - Thanh Tâm"),
    ("NGỌC HÂN\n", "Ngọc Hân"),
    ("Minh Trí\nTrung tâm Văn hóa - Thông tin huyện\n", "Minh Trí"),
    ("Thanh Xuân\nTiến tới đại hội\nKhởi nghiệp xanh\nSố lần xem các bài viết\n20417733\n", "Thanh Xuân"),
    ("Ngọc Bích\n.\n;\n.\n", "Ngọc Bích"),
    ("Tác giả: Đỗ Khánh - Nguồn: abc.gov.vn\n", "Đỗ Khánh"),
    ("Anh ThưTrung tâm Văn hóa Thể thao huyện\n", "Anh Thư"),
    ("Anh Thư Trung tâm Văn hóa Thể thao huyện\n", "Anh Thư"),
    ("PV\n", "PV"),
    ("Thu Hà, Minh Tuấn\n", "Thu Hà, Minh Tuấn"),          # two authors joined by a comma
    ("THANH HÀ (CTV)\n", "Thanh Hà"),
    ("Tiến Dũng/TTXVN\n", "Tiến Dũng"),
    ("Văn phòng HĐND - UBND huyện\n", "Văn phòng HĐND - UBND huyện"),  # an office signs
    ("Trung tâm Văn hóa - Thông tin huyện\nTrang chủ\n", "Trung tâm Văn hóa - Thông tin huyện"),
])
def test_tail_bylines(tail, author):
    art = extract(TITLE + "15/03/2024\n" + LEAD + BODY + tail)
    assert art.author == author
    assert all(o.name != author for o in art.officials)


@pytest.mark.parametrize("tail", [
    "Ảnh: Minh Chí\n",           # a photo credit
    "T\n",                        # the excerpt cut after one letter
    "Quang cảnh hội nghị\n",      # a caption
    "Theo Báo Bình Phước\n",      # a source
    "Đang tải dữ liệu\nGuest\n",  # comment-box chrome
    "Hà Nội\nĐà Nẵng\n",          # a menu of provinces
    "Tin khác\nNguyễn Văn Tám\n",  # past the related headlines: another story
    "Hội Nông dân xã trao quà cho hội viên\n",  # a caption that starts like an office
])
def test_no_byline_is_invented(tail):
    art = extract(TITLE + LEAD + BODY + tail)
    assert art.author is None


def test_bare_name_under_the_headline():
    art = extract(TITLE + "15/03/2024\nThanh Hà\n" + LEAD + BODY)
    assert (art.published, art.author) == (dt.date(2024, 3, 15), "Thanh Hà")
    # a place label above the headline is no byline
    art = extract("Tân Hưng\n" + TITLE + LEAD + BODY)
    assert art.author is None


def test_dates_far_down_the_tail_are_other_stories():
    art = extract(TITLE + LEAD + BODY + "Hồng Nhung\nChia sẻ\nĐại hội Hội Nông dân xã Tân Lập nhiệm kỳ 2023-2028\n"
                  "Xã Tân Lập ra mắt mô hình dân vận khéo\nNgười dân góp đất làm đường liên ấp\n10/02/2024\n")
    assert art.published is None
    assert art.author == "Hồng Nhung"


def test_byline_and_dateline_on_one_line():
    art = extract("Tin tức\n" + TITLE + "Quốc Bảo - Thanh Tâm - 16:40, 15/03/2024\n" + LEAD + BODY)
    assert art.published == dt.date(2024, 3, 15)
    assert art.author == "Quốc Bảo - Thanh Tâm"
    art = extract(TITLE + "Ngày đăng bài: 15/03/2024 | Tác giả: Hoàng Yến\n" + LEAD + BODY)
    assert (art.published, art.author) == (dt.date(2024, 3, 15), "Hoàng Yến")


def test_given_values_win():
    art = extract(TITLE + "15/03/2024\n" + LEAD + BODY + "Hồng Nhung\n", published="2024-03-20", author="Ban Biên tập")
    assert art.published == dt.date(2024, 3, 20)
    assert art.author == "Ban Biên tập"


@pytest.mark.parametrize("chrome", ["Trang chủ | Giới thiệu | Tin tức | Văn bản\nTìm kiếm\n", "Đăng nhập\nA- A A+\nTin tức > Chính trị\n"])
def test_chrome_above_an_excerpt_changes_nothing(chrome):
    page = " date 2024-03-15 " + LEAD + BODY
    plain, chromed = extract(page), extract(chrome + page)
    assert chromed.published == plain.published == dt.date(2024, 3, 15)
    assert [(m.kind, m.date) for m in chromed.meetings] == [(m.kind, m.date) for m in plain.meetings] \
        == [("hội nghị sơ kết", dt.date(2024, 3, 14))]
