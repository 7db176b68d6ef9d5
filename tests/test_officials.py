"""Officials: one test per pattern family of issue 4, on sentences written for the purpose."""
import pytest

from extractor import extract


def people(text):
    return {o.name: o for o in extract(text).officials}


def roles(o):
    return [(r.title, r.level) for r in o.roles]


def test_comma_chain_with_abbreviations():
    p = people("Dự hội nghị có đồng chí Lê Minh Quang, UVBTV Huyện ủy, Phó Chủ tịch HĐND huyện Châu Thành.")
    assert roles(p["Lê Minh Quang"]) == [("Ủy viên Ban Thường vụ", "huyện"), ("Phó Chủ tịch", "huyện")]
    assert p["Lê Minh Quang"].honorific == "đồng chí"
    assert p["Lê Minh Quang"].roles[1].organization == "HĐND huyện Châu Thành"
    assert p["Lê Minh Quang"].roles[1].body == "Hội đồng nhân dân"
    assert p["Lê Minh Quang"].roles[1].place == "Châu Thành"


def test_dash_chain_without_spaces():
    p = people("Đến dự có đồng chí Trần Văn Bảy-HUV-Chủ tịch Hội Nông dân huyện; đồng chí Võ Thị Lan-Phó Chủ tịch UBND xã.")
    assert roles(p["Trần Văn Bảy"]) == [("Huyện ủy viên", "huyện"), ("Chủ tịch", "huyện")]
    assert roles(p["Võ Thị Lan"]) == [("Phó Chủ tịch", "xã")]


def test_role_before_name():
    p = people("Phó Chủ tịch UBND tỉnh Lê Văn Cường phát biểu chỉ đạo hội nghị.")
    assert roles(p["Lê Văn Cường"]) == [("Phó Chủ tịch", "tỉnh")]
    assert "phát biểu chỉ đạo" in p["Lê Văn Cường"].participation


def test_cue_then_role_then_name():
    p = people("Hội nghị do đồng chí Bí thư Đảng ủy xã Trần Văn Dũng chủ trì.")
    assert roles(p["Trần Văn Dũng"]) == [("Bí thư", "xã")]
    assert p["Trần Văn Dũng"].participation == ["chủ trì"]


def test_list_with_semicolons_and_role_leak():
    p = people("Tham dự có các đồng chí: Nguyễn Hữu Tâm, Tỉnh ủy viên, Bí thư Huyện ủy; "
               "Phạm Thị Hoa, Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện.")
    assert roles(p["Nguyễn Hữu Tâm"]) == [("Tỉnh ủy viên", "tỉnh"), ("Bí thư", "huyện")]
    assert roles(p["Phạm Thị Hoa"]) == [("Phó Bí thư Thường trực", "huyện"), ("Chủ tịch", "huyện")]


def test_parenthesised_role_and_central_level():
    p = people("Ông Đỗ Quang Vinh (Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy) dự đại hội.")
    assert roles(p["Đỗ Quang Vinh"]) == [("Ủy viên Ban Chấp hành", "trung ương"), ("Bí thư", "tỉnh")]


def test_all_caps_and_short_form_fold_into_one_person():
    p = people("Đồng chí NGUYỄN VĂN TÈO, Bí thư Đảng ủy xã phát biểu. Sau đó, đồng chí Tèo trao quà.")
    assert list(p) == ["Nguyễn Văn Tèo"]
    assert len(p["Nguyễn Văn Tèo"].mentions) == 2
    assert p["Nguyễn Văn Tèo"].participation == ["phát biểu", "trao"]


def test_old_tone_marks_in_roles():
    p = people("Bà Lương Thị Thuý, Uỷ viên BTV Tỉnh uỷ, Phó Chủ tịch UBND tỉnh đến dự.")
    assert roles(p["Lương Thị Thuý"]) == [("Ủy viên Ban Thường vụ", "tỉnh"), ("Phó Chủ tịch", "tỉnh")]


@pytest.mark.parametrize("name", ["Y Bih Niê", "Ksor H'Bé", "Đinh Trọng Yếu", "Lò Văn Hặc", "Siu H’Ler", "Thạch Sô Phết"])
def test_ethnic_minority_names(name):
    p = people(f"Tại kỳ họp, bà {name} – Chủ tịch Hội Nông dân huyện báo cáo kết quả.")
    assert name in p
    assert roles(p[name]) == [("Chủ tịch", "huyện")]


def test_elected_post_is_a_role():
    p = people("Bà Phan Thị Mai tiếp tục được tín nhiệm bầu giữ chức Chủ tịch Hội LHPN huyện nhiệm kỳ 2021-2026.")
    assert roles(p["Phan Thị Mai"]) == [("Chủ tịch", "huyện")]


def test_group_role_applies_to_each_listed_person():
    p = people("Đoàn Chủ tịch gồm các đồng chí Ủy viên Ban Chấp hành Đảng bộ tỉnh: Lê Văn Hải - Phó Chủ tịch HĐND tỉnh "
               "và Trần Thị Nga - Phó Trưởng đoàn chuyên trách Đoàn đại biểu Quốc hội tỉnh.")
    assert roles(p["Lê Văn Hải"])[0] == ("Ủy viên Ban Chấp hành", "tỉnh")
    assert roles(p["Trần Thị Nga"]) == [("Ủy viên Ban Chấp hành", "tỉnh"), ("Phó Trưởng đoàn chuyên trách", "tỉnh")]


@pytest.mark.parametrize("text", [
    "Phát huy tinh thần Đồng Khởi mới, xã tổ chức hội nghị.",
    "Trường THCS Lê Quý Đôn đạt chuẩn quốc gia.",
    "Tuyến đường Nguyễn Văn Cừ được nâng cấp.",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Kỷ niệm ngày khởi nghĩa Hai Bà Trưng.",
    "Hội Cựu chiến binh phát huy truyền thống Bộ đội Cụ Hồ.",
    "Đại biểu bỏ phiếu. Ảnh: CÔNG TÚ",
    "UBND huyện Trần Văn Thời tổ chức hội nghị.",
])
def test_not_people(text):
    assert people(text) == {}


def test_byline_author_is_not_an_official():
    art = extract("Hội nghị tổng kết công tác Hội năm 2023\n\nNgày 20/12, Hội Nông dân xã tổ chức hội nghị.\n\nNguyễn Minh Tâm")
    assert art.author == "Nguyễn Minh Tâm"
    assert art.officials == []


def test_roles_chain_before_the_name():
    p = people("Tham dự có Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Tô Minh Đạt; Phó Bí thư Tỉnh ủy, "
               "Chủ tịch UBND tỉnh Dương Thanh Khiết.")
    assert roles(p["Tô Minh Đạt"]) == [("Ủy viên Ban Chấp hành", "trung ương"), ("Bí thư", "tỉnh")]
    assert roles(p["Dương Thanh Khiết"]) == [("Phó Bí thư", "tỉnh"), ("Chủ tịch", "tỉnh")]


def test_place_after_committee_is_not_a_person():
    p = people("Đồng chí Nguyễn Thanh Tùng - TUV, Bí thư Huyện ủy Châu Thành đã trao Huy hiệu cho đảng viên Lê Văn Mười.")
    assert set(p) == {"Nguyễn Thanh Tùng", "Lê Văn Mười"}
    assert p["Nguyễn Thanh Tùng"].roles[1].place == "Châu Thành"


def test_kiem_joins_two_posts_and_position_notes_are_skipped():
    p = people("Ông Mai Văn Tuấn (bìa trái), Bí thư Chi bộ kiêm Trưởng ấp Thạnh Hòa, báo cáo kết quả.")
    assert [r.title for r in p["Mai Văn Tuấn"].roles] == ["Bí thư", "Trưởng ấp"]


def test_participation_belongs_to_each_persons_stretch():
    p = people("Đồng chí Lê Văn Hiền, Phó Chủ tịch UBND huyện dự hội nghị; đồng chí Phạm Thị Lụa, "
               "Chủ tịch Hội LHPN huyện chủ trì.")
    assert p["Lê Văn Hiền"].participation == ["dự"]
    assert p["Phạm Thị Lụa"].participation == ["chủ trì"]


def test_related_news_block_is_not_the_story():
    art = extract("Đại hội Hội Nông dân xã thành công\n\nNgày 5/6, Hội Nông dân xã tổ chức đại hội. "
                  "Ông Lê Văn Bình, Chủ tịch Hội Nông dân huyện dự.\n\nMinh Khoa\n\nTin liên quan\n\n"
                  "Ông Trần Văn Lâm giữ chức Bí thư Đảng ủy phường (15/7/2025)")
    assert [o.name for o in art.officials] == ["Lê Văn Bình"]
    assert art.author == "Minh Khoa"
