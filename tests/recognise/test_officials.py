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


# ---------------------------------------------------------------- issue 14: officials in real text

def test_long_chain_with_organ_titles_is_several_roles():
    p = people("Dự hội nghị có đồng chí Ung Văn Nghĩa, Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, "
               "Trưởng Ban Tổ chức Trung ương.")
    assert roles(p["Ung Văn Nghĩa"]) == [("Ủy viên Bộ Chính trị", "trung ương"), ("Bí thư", "trung ương"),
                                         ("Trưởng ban", "trung ương")]


def test_chain_before_name_through_a_bracketed_abbreviation():
    p = people("Ủy viên Ban Chấp hành Trung ương Đảng, Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc (UBDT) Lò Văn Mười "
               "dự và phát biểu.")
    assert roles(p["Lò Văn Mười"]) == [("Ủy viên Ban Chấp hành", "trung ương"), ("Bộ trưởng", "trung ương"),
                                       ("Chủ nhiệm", "trung ương")]


def test_former_posts_before_the_name():
    p = people("Nguyên Bí thư Trung ương Đảng, nguyên Trưởng Ban Dân vận Trung ương Hà Thị Lụa dự buổi lễ.")
    assert roles(p["Hà Thị Lụa"]) == [("Bí thư", "trung ương"), ("Trưởng ban", "trung ương")]


def test_deputy_of_a_party_board_written_pho_ban():
    p = people("Có mặt đồng chí Vi Thị Hoa, Phó Ban Dân vận Huyện ủy và đồng chí Mạc Văn Tư, Phó ban Tuyên giáo Tỉnh ủy.")
    assert roles(p["Vi Thị Hoa"]) == [("Phó Trưởng ban", "huyện")]
    assert p["Vi Thị Hoa"].roles[0].body == "Ban Dân vận"
    assert roles(p["Mạc Văn Tư"]) == [("Phó Trưởng ban", "tỉnh")]


def test_office_department_and_unit_heads():
    p = people("Đồng chí Trịnh Văn Lộc, Chánh Văn phòng Huyện ủy; đồng chí Đặng Thị Mơ, Giám đốc Sở Nội vụ; "
               "ông Đào Văn Hạnh, Trạm trưởng Trạm Y tế xã; đồng chí Lường Văn Phóng, Xã đội trưởng; "
               "đồng chí Nông Thị Hiền, Bí thư Huyện đoàn cùng dự.")
    assert roles(p["Trịnh Văn Lộc"]) == [("Chánh Văn phòng", "huyện")]
    assert roles(p["Đặng Thị Mơ"]) == [("Giám đốc", "tỉnh")]
    assert roles(p["Đào Văn Hạnh"]) == [("Trạm trưởng", "xã")]
    assert roles(p["Lường Văn Phóng"]) == [("Xã đội trưởng", "xã")]
    assert roles(p["Nông Thị Hiền"]) == [("Bí thư", "huyện")]


def test_acting_and_caretaker_posts():
    p = people("Đồng chí Phạm Thị Na, phụ trách Hội Nông dân xã và ông Hồ Văn Ba, quyền Chủ tịch UBND xã phát biểu.")
    assert roles(p["Phạm Thị Na"]) == [("Phụ trách", "xã")]
    assert roles(p["Hồ Văn Ba"]) == [("Quyền Chủ tịch", "xã")]


def test_lower_case_titles_and_run_together_abbreviations():
    p = people("Dự có đ/c Trần Văn Quý - PBT TTĐU, CT HĐND xã; đ/c Ngô Thị Ly - UVBTV, CT UBKT Đảng ủy xã; "
               "đồng chí Lê Hữu Tài, phó bí thư Đảng ủy xã, chủ tịch HĐND xã; đ/c Hồ Văn Hà - CT LĐLĐ huyện.")
    assert roles(p["Trần Văn Quý"]) == [("Phó Bí thư Thường trực", "xã"), ("Chủ tịch", "xã")]
    assert p["Trần Văn Quý"].roles[0].body == "Đảng ủy"
    assert roles(p["Ngô Thị Ly"])[1] == ("Chủ tịch", "xã")
    assert roles(p["Lê Hữu Tài"]) == [("Phó Bí thư", "xã"), ("Chủ tịch", "xã")]
    assert roles(p["Hồ Văn Hà"]) == [("Chủ tịch", "huyện")]
    assert p["Hồ Văn Hà"].roles[0].body == "Liên đoàn Lao động"


def test_abbreviation_with_a_dot():
    p = people("Đến dự có đồng chí Nguyễn Thị Lan – PCT. Hội phụ nữ huyện.")
    assert roles(p["Nguyễn Thị Lan"]) == [("Phó Chủ tịch", "huyện")]
    assert p["Nguyễn Thị Lan"].roles[0].text == "PCT. Hội phụ nữ huyện"


def test_city_initials_and_numbered_districts():
    p = people("Đồng chí Lý Văn Tâm, Phó Chủ tịch UBND TP.HCM và đồng chí Võ Thị Yến, Bí thư Quận ủy Quận 3, "
               "Chủ tịch UBND Quận 3 dự.")
    assert roles(p["Lý Văn Tâm"]) == [("Phó Chủ tịch", "thành phố")]
    assert roles(p["Võ Thị Yến"]) == [("Bí thư", "quận"), ("Chủ tịch", "quận")]
    assert p["Võ Thị Yến"].roles[1].text == "Chủ tịch UBND Quận 3"


def test_a_term_between_posts_ends_nothing():
    p = people("Ông Lê Văn Sang, Phó Chủ tịch HĐND huyện khóa XII, nhiệm kỳ 2021 - 2026, Bí thư Đảng ủy xã Tân Hòa dự.")
    assert roles(p["Lê Văn Sang"]) == [("Phó Chủ tịch", "huyện"), ("Bí thư", "xã")]


def test_title_across_a_line_break_and_bracketed_short_form():
    p = people("Chiều qua, ông Lê Văn Hòa, đại biểu Hội đồng\nnhân dân (HĐND) huyện khóa XII, tiếp xúc cử tri.")
    assert roles(p["Lê Văn Hòa"]) == [("Đại biểu", "huyện")]
    assert p["Lê Văn Hòa"].roles[0].body == "Hội đồng nhân dân"


def test_units_below_the_commune_and_event_committees_have_no_level():
    p = people("Dự có ông Cầm Văn Ón, Bí thư chi bộ thôn Bó Mới, Phó Chủ tịch UBND xã; bà Lò Thị Xoan, "
               "Trưởng Ban Chỉ đạo Đại hội, Chủ tịch Hội Nông dân huyện.")
    assert roles(p["Cầm Văn Ón"]) == [("Bí thư", None), ("Phó Chủ tịch", "xã")]
    assert roles(p["Lò Thị Xoan"]) == [("Trưởng ban", None), ("Chủ tịch", "huyện")]


def test_provincial_and_central_bodies_in_a_commune_story():
    p = people("Hội nghị của Đảng ủy xã Tân Phú có đồng chí Hà Văn Bình, Phó Trưởng Ban Tổ chức Tỉnh ủy; "
               "đồng chí Lê Thị Hoa, Phó Giám đốc Sở Tài chính tỉnh; đồng chí Cao Văn Tư, Phó Vụ trưởng Vụ Địa phương "
               "II-Ban Tổ chức Trung ương.")
    assert roles(p["Hà Văn Bình"]) == [("Phó Trưởng ban", "tỉnh")]
    assert roles(p["Lê Thị Hoa"]) == [("Phó Giám đốc", "tỉnh")]
    assert roles(p["Cao Văn Tư"]) == [("Phó Vụ trưởng", "trung ương")]


def test_mass_organisations_at_every_level():
    p = people("Dự có bà Vi Thị Lan, Chủ tịch Hội LHPN tỉnh; ông Đinh Văn Hải, Phó Chủ tịch Hội Cựu chiến binh huyện; "
               "anh Lò Văn Tú, Bí thư Đoàn xã; ông Phan Văn Lộc, Chủ tịch Ủy ban MTTQ Việt Nam thị trấn.")
    assert roles(p["Vi Thị Lan"]) == [("Chủ tịch", "tỉnh")]
    assert roles(p["Đinh Văn Hải"]) == [("Phó Chủ tịch", "huyện")]
    assert roles(p["Lò Văn Tú"]) == [("Bí thư", "xã")]
    assert roles(p["Phan Văn Lộc"]) == [("Chủ tịch", "thị trấn")]


def test_a_post_repeated_in_a_caption_is_one_post():
    p = people("Dự có ông Lâm Văn Dũng, Phó Chủ tịch Thường trực HĐND huyện.\n\n"
               "Ông Lâm Văn Dũng, Phó Chủ tịch HĐND huyện phát biểu tại kỳ họp.")
    assert roles(p["Lâm Văn Dũng"]) == [("Phó Chủ tịch Thường trực", "huyện")]


def test_a_post_given_at_the_meeting_stays_beside_the_qualified_one():
    p = people("Dự có đồng chí Trần Thị Hạnh, Phó Bí thư Thường trực Tỉnh ủy. Tại hội nghị, đồng chí Trần Thị Hạnh "
               "được bầu giữ chức Phó Bí thư Tỉnh ủy.")
    assert roles(p["Trần Thị Hạnh"]) == [("Phó Bí thư Thường trực", "tỉnh"), ("Phó Bí thư", "tỉnh")]


def test_bare_delegate_before_a_name_joins_the_full_post():
    p = people("Tham dự có đại biểu Quốc hội Lê Hoàng Nhã, Giám đốc Sở Xây dựng tỉnh. Trả lời cử tri, "
               "đại biểu Lê Hoàng Nhã cho biết sở đang rà soát.\n\nĐại biểu Mai Thị Thu cho rằng cần làm rõ.")
    assert roles(p["Lê Hoàng Nhã"]) == [("Đại biểu Quốc hội", "trung ương"), ("Giám đốc", "tỉnh")]
    assert roles(p["Mai Thị Thu"]) == [("Đại biểu", None)]


# ---------------------------------------------------------------- names

def test_rank_then_a_surname_that_is_also_an_honorific():
    p = people("Tham dự có Thượng tá Ông Văn Lực, Phó Tham mưu trưởng Sư đoàn 309.")
    assert "Ông Văn Lực" in p and "Văn Lực" not in p
    assert roles(p["Ông Văn Lực"]) == [("Phó Tham mưu trưởng", None)]
    assert p["Ông Văn Lực"].roles[0].text == "Phó Tham mưu trưởng Sư đoàn 309"


def test_ede_syllable_with_two_capitals():
    p = people("Dự có ông Y Bhin Niê KĐoh, Chủ tịch HĐND huyện.")
    assert roles(p["Y Bhin Niê KĐoh"]) == [("Chủ tịch", "huyện")]


def test_a_place_after_a_non_personal_cue_is_no_person():
    p = people("Hôm nay, 900 cử tri Thanh Bình đi bầu trưởng thôn. Xã Thanh Bình có 9 thôn và đã chuẩn bị kỹ.")
    assert p == {}


def test_a_village_elder_is_kept():
    p = people("Đoàn đến thăm già làng Rơ Mah Phiên ở làng Kép.")
    assert list(p) == ["Rơ Mah Phiên"]


def test_a_name_doubled_in_a_caption_is_one_name():
    p = people("Đồng chí Lê Văn Tâm Lê Văn Tâm phát biểu tại hội nghị.")
    assert list(p) == ["Lê Văn Tâm"]


def test_the_byline_is_no_official_but_an_official_of_that_name_is():
    from extractor import extract as ex

    art = ex("Xã Tân An tổ chức hội nghị tổng kết. Ông Phạm Văn Hùng, Chủ tịch UBND xã phát biểu.\n\nTrần Minh Khoa")
    assert art.author == "Trần Minh Khoa"
    assert [o.name for o in art.officials] == ["Phạm Văn Hùng"]


def test_role_then_comma_then_cue_and_name():
    p = people("Phát biểu tại hội nghị, Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện, đồng chí Hà Văn Sơn "
               "nhấn mạnh ba nhiệm vụ. Theo lời Bí thư Chi bộ bản Nà Phát, đồng chí Lò Văn Kiên, chi bộ họp đều.")
    assert roles(p["Hà Văn Sơn"]) == [("Phó Bí thư Thường trực", "huyện"), ("Chủ tịch", "huyện")]
    assert roles(p["Lò Văn Kiên"]) == [("Bí thư", None)]


def test_someone_elses_post_before_the_comma_is_not_taken():
    p = people("Thừa ủy quyền của Chủ tịch UBND tỉnh, đồng chí Phan Văn Lực trao bằng công nhận cho xã.")
    assert roles(p["Phan Văn Lực"]) == []


def test_list_roles_do_not_pass_to_the_next_name():
    p = people("Dự có đồng chí Lê Văn Ân, Bí thư Đảng ủy xã, đồng chí Trần Văn Bình, Chủ tịch UBND xã.")
    assert roles(p["Lê Văn Ân"]) == [("Bí thư", "xã")]
    assert roles(p["Trần Văn Bình"]) == [("Chủ tịch", "xã")]


def test_post_before_doi_voi_after_a_verb_on_a_held_post():
    p = people("Kỳ họp đã miễn nhiệm chức danh Ủy viên ủy ban và đại biểu HĐND phường đối với ông Văn Thế Hùng.")
    assert roles(p["Văn Thế Hùng"]) == [("Ủy viên", "phường"), ("Đại biểu", "phường")]
    p = people("Kỳ họp đã bãi nhiệm đại biểu HĐND huyện khóa XIII, nhiệm kỳ 2021 – 2026 đối với ông Kpă Thuyên.")
    assert roles(p["Kpă Thuyên"]) == [("Đại biểu", "huyện")]


def test_post_to_be_elected_before_doi_voi_is_not_held():
    p = people("Kỳ họp sẽ bầu bổ sung chức danh Phó Chủ tịch UBND huyện đối với ông Nguyễn Hữu Tấn, "
               "Trưởng phòng Tư pháp huyện.")
    assert roles(p["Nguyễn Hữu Tấn"]) == [("Trưởng phòng", "huyện")]


def test_plural_title_before_several_names():
    p = people("Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Lê Thành Tâm và các Phó Chủ tịch HĐND tỉnh Nguyễn Văn Thy, "
               "Trần Thanh Phong đồng chủ trì.")
    assert roles(p["Lê Thành Tâm"]) == [("Bí thư", "tỉnh"), ("Chủ tịch", "tỉnh")]
    assert roles(p["Nguyễn Văn Thy"]) == [("Phó Chủ tịch", "tỉnh")]
    assert roles(p["Trần Thanh Phong"]) == [("Phó Chủ tịch", "tỉnh")]


def test_a_membership_written_once_for_two_names():
    p = people("Chiều qua, ông Ung Văn Thành và ông Lê Đình Tú, đại biểu HĐND huyện khóa XII, tiếp xúc cử tri.")
    assert roles(p["Ung Văn Thành"]) == [("Đại biểu", "huyện")]
    assert roles(p["Lê Đình Tú"]) == [("Đại biểu", "huyện")]
    p = people("Dự có ông Lê Văn An và bà Hà Thị Bích, Chủ tịch UBND xã.")
    assert roles(p["Lê Văn An"]) == []


def test_dashed_department_names_stay_whole():
    p = people("Dự có bà Nguyễn Thị Hằng, Phó Trưởng phòng Văn hóa - Thông tin huyện; ông Phan Văn Tài, "
               "Giám đốc Sở Lao động – Thương binh và Xã hội tỉnh, Ủy viên UBND tỉnh.")
    assert roles(p["Nguyễn Thị Hằng"]) == [("Phó Trưởng phòng", "huyện")]
    assert p["Nguyễn Thị Hằng"].roles[0].text == "Phó Trưởng phòng Văn hóa - Thông tin huyện"
    assert roles(p["Phan Văn Tài"]) == [("Giám đốc", "tỉnh"), ("Ủy viên", "tỉnh")]


def test_a_caption_short_form_before_the_full_name_is_that_person():
    p = people("Bà Thanh Mai phát biểu khai mạc hội nghị\n\nDự hội nghị có bà Lê Thị Thanh Mai, Chủ tịch Hội LHPN huyện.")
    assert list(p) == ["Lê Thị Thanh Mai"]
    assert len(p["Lê Thị Thanh Mai"].mentions) == 2


def test_bracketed_capital_byline_and_street_lists_are_no_people():
    p = people("Đồng chí Hà Văn Sỹ được bầu làm Bí thư Đảng ủy xã. (LƯU VĂN ĐỨC)\n\n"
               "Phường dọn vỉa hè các tuyến đường Lê Duẩn, Trần Quang Khải, Nguyễn Văn Linh.")
    assert list(p) == ["Hà Văn Sỹ"]


def test_a_name_joined_by_va_before_an_election_verb():
    p = people("Các đồng chí Lê Văn Hiếu và Chau Sa Ny được bầu giữ chức Phó Bí thư Đảng ủy xã.")
    assert roles(p["Lê Văn Hiếu"]) == [("Phó Bí thư", "xã")]
    assert roles(p["Chau Sa Ny"]) == [("Phó Bí thư", "xã")]


def test_election_with_the_electing_body_and_a_bracketed_post_between():
    p = people("Đồng chí Lò Văn Định được Ban Chấp hành tín nhiệm bầu giữ chức Bí thư Đảng ủy phường. "
               "Các đồng chí Hà Thị Mơ và Vũ Văn Khải (Chủ tịch UBND phường) giữ chức Phó Bí thư Đảng ủy phường.")
    assert roles(p["Lò Văn Định"]) == [("Bí thư", "phường")]
    assert roles(p["Hà Thị Mơ"]) == [("Phó Bí thư", "phường")]


def test_a_surname_of_the_north_before_a_name_ends_the_title():
    p = people("Đoàn do Phó Trưởng ban Lộc Văn Tiến dẫn đầu. Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Vi Văn Sơn dự.")
    assert "Lộc Văn Tiến" in p
    assert roles(p["Vi Văn Sơn"]) == [("Ủy viên Ban Chấp hành", "trung ương"), ("Bí thư", "tỉnh")]


def test_a_chain_then_an_election_verb_after_a_comma():
    p = people("Đồng chí Bùi Văn Thái, Phó Bí thư Huyện ủy, tái đắc cử Chủ tịch UBND huyện với 30/31 phiếu.")
    assert roles(p["Bùi Văn Thái"]) == [("Phó Bí thư", "huyện"), ("Chủ tịch", "huyện")]


def test_bau_name_lam_post():
    p = people("Kỳ họp cũng bầu đồng chí Lò Thị Hoa làm Trưởng Ban Kinh tế - Xã hội HĐND huyện; đồng chí Hà Văn Sỹ "
               "làm Phó Trưởng Ban Pháp chế HĐND huyện.")
    assert roles(p["Lò Thị Hoa"]) == [("Trưởng ban", "huyện")]
    assert roles(p["Hà Văn Sỹ"]) == [("Phó Trưởng ban", "huyện")]


def test_a_place_after_a_committee_is_no_person():
    p = people("Dự có đồng chí Bùi Văn Đông, Tỉnh ủy viên, Bí thư Huyện ủy Lạc Sơn, đại biểu HĐND tỉnh khóa XVII.")
    assert list(p) == ["Bùi Văn Đông"]
    assert roles(p["Bùi Văn Đông"]) == [("Tỉnh ủy viên", "tỉnh"), ("Bí thư", "huyện"), ("Đại biểu", "tỉnh")]


def test_a_comma_inside_a_board_name_does_not_end_the_chain():
    p = people("Đến dự có đồng chí Lò Văn Hùng, Trưởng Ban Tổ chức Tỉnh ủy, Trưởng Ban Bảo vệ, chăm sóc sức khỏe "
               "cán bộ tỉnh, đại biểu HĐND tỉnh khóa XIV.")
    assert roles(p["Lò Văn Hùng"]) == [("Trưởng ban", "tỉnh"), ("Trưởng ban", "tỉnh"), ("Đại biểu", "tỉnh")]


def test_in_charge_qualifier_and_committees_of_the_national_assembly():
    p = people("Dự có ông Danh Sơn, Phó Trưởng phòng phụ trách Phòng Văn hóa - Thông tin huyện; ông Điểu Lương, "
               "Ủy viên Ủy ban Văn hóa, Giáo dục của Quốc hội; ông Lê Văn Tâm, phụ trách địa bàn xã.")
    assert roles(p["Danh Sơn"]) == [("Phó Trưởng phòng phụ trách", "huyện")]
    assert roles(p["Điểu Lương"]) == [("Ủy viên", "trung ương")]
    assert roles(p["Lê Văn Tâm"]) == []


def test_militia_posts_and_the_deputy_of_a_board_abbreviated():
    p = people("Dự có ông Phạm Văn Hòa, Thôn đội trưởng thôn Hạ; ông Đỗ Văn Sáu, Xã đội phó; "
               "bà Dương Thị Kim, Phó Trưởng BDV Huyện ủy.")
    assert roles(p["Phạm Văn Hòa"]) == [("Thôn đội trưởng", None)]
    assert roles(p["Đỗ Văn Sáu"]) == [("Xã đội phó", "xã")]
    assert roles(p["Dương Thị Kim"]) == [("Phó Trưởng ban", "huyện")]


def test_grassroots_union_has_no_level():
    p = people("Ông Võ Văn Phú, Chủ tịch Công đoàn cơ sở Chợ Lớn, Phó Chủ tịch LĐLĐ tỉnh dự.")
    assert roles(p["Võ Văn Phú"]) == [("Chủ tịch", None), ("Phó Chủ tịch", "tỉnh")]


def test_capitals_caption_stops_at_its_verb_and_slogans_are_no_people():
    p = people("ĐỒNG CHÍ PHAN VĂN LỢI PHÁT BIỂU CHỈ ĐẠO ĐẠI HỘI\n\nPhong trào \"Cựu Chiến Binh Gương Mẫu\" lan rộng.")
    assert list(p) == ["Phan Văn Lợi"]


def test_a_khmer_name_opening_with_thi_after_a_personal_cue():
    p = people("Dự hội thảo có bà Thị Ngọc Hiền, Phó Giám đốc Sở Giáo dục và Đào tạo tỉnh.")
    assert roles(p["Thị Ngọc Hiền"]) == [("Phó Giám đốc", "tỉnh")]


def test_a_task_force_named_by_its_purpose_then_its_body():
    p = people("Ông Phan Văn Khải, Tổ trưởng Tổ công tác giải quyết tranh chấp đất đai của UBND huyện, cho biết thêm.")
    assert roles(p["Phan Văn Khải"]) == [("Tổ trưởng", "huyện")]


def test_delegates_listed_after_a_delegation():
    p = people("Sáng 4/11, Tổ đại biểu HĐND tỉnh ứng cử tại đơn vị số 3 gồm các đại biểu: ông Lê Hoàng Tâm, Phó Chủ tịch "
               "Ủy ban MTTQ Việt Nam tỉnh và bà Trần Thị Mỹ Lệ, Phó Trưởng Ban Văn hóa - Xã hội HĐND tỉnh đã tiếp xúc cử tri.")
    assert roles(p["Lê Hoàng Tâm"]) == [("Đại biểu", "tỉnh"), ("Phó Chủ tịch", "tỉnh")]
    assert roles(p["Trần Thị Mỹ Lệ"]) == [("Đại biểu", "tỉnh"), ("Phó Trưởng ban", "tỉnh")]


def test_elected_into_a_standing_committee_and_re_elected_to_a_post():
    p = people("Đồng chí Trần Văn Thái, Trưởng Ban Dân vận Huyện ủy được bầu vào Ban Thường vụ Huyện ủy. "
               "Đồng chí Phạm Đức Toàn tái cử chức Chủ tịch UBND thị xã.")
    assert roles(p["Trần Văn Thái"]) == [("Trưởng ban", "huyện"), ("Ủy viên Ban Thường vụ", "huyện")]
    assert roles(p["Phạm Đức Toàn"]) == [("Chủ tịch", "thị xã")]


def test_a_byline_line_with_its_time_is_no_person():
    p = people("Hoàng Minh - 16:40, 09/01/2026\n\nSáng 9/1, HĐND tỉnh tổ chức kỳ họp. Ông Lê Văn Lộc, Chủ tịch HĐND tỉnh chủ trì.")
    assert list(p) == ["Lê Văn Lộc"]


def test_a_person_named_after_a_unit_word_inside_a_role_stays_a_person():
    p = people("Phó Chủ tịch UBND huyện Nguyễn Văn Bảo phát biểu. Sau đó, Nguyễn Văn Bảo, Phó Bí thư Huyện ủy trao quà.")
    assert roles(p["Nguyễn Văn Bảo"]) == [("Phó Chủ tịch", "huyện"), ("Phó Bí thư", "huyện")]


def test_a_name_after_a_level_word_is_read_whole_and_the_next_post_is_not_taken_across_it():
    p = people("Dự có Phó Chủ tịch UBND tỉnh Lê Văn An, Bí thư Huyện ủy, đồng chí Hồ Văn Bốn cùng dự.")
    assert "Văn An" not in p
    assert roles(p["Lê Văn An"]) == [("Phó Chủ tịch", "tỉnh"), ("Bí thư", "huyện")]
    assert roles(p["Hồ Văn Bốn"]) == []
