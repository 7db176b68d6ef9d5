"""The NER stage (names no rule claimed): places, bylines, quoted and listed things are no people."""
from extractor import extract


def names(text):
    return [o.name for o in extract(text).officials]


def test_a_district_heading_before_a_colon_is_no_person():
    assert names("Châu Thành: Hội Nông dân huyện tổng kết năm 2023.\n\n"
                 "Đến dự có đồng chí Võ Văn Bé, Phó Chủ tịch UBND huyện.") == ["Võ Văn Bé"]


def test_a_name_the_article_writes_after_a_unit_word_is_a_place():
    assert names("Nhân dân Hương Thủy phấn khởi đón bằng công nhận. Xã Hương Thủy có 9 thôn.") == []


def test_a_bracketed_capital_byline_closing_an_item_is_no_person():
    assert names("Đồng chí Hà Văn Sỹ được bầu làm Bí thư Đảng ủy xã. (LƯU VĂN ĐỨC)") == ["Hà Văn Sỹ"]


def test_names_of_streets_in_a_list_are_no_people():
    assert names("Phường dọn vỉa hè các tuyến đường Lê Duẩn, Trần Quang Khải, Nguyễn Văn Linh.") == []


def test_a_person_without_a_role_is_still_found():
    assert names("Tại buổi lễ, hội viên Nguyễn Văn Lành chia sẻ kinh nghiệm nuôi bò.") == ["Nguyễn Văn Lành"]
