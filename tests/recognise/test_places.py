"""Tests of ``extractor.recognise.places``: place mentions, the main unit, completion and codes.

The sentences are written for these tests in the style of local-government news.
Codes are the official (GSO) ones, as shipped by ``vietnamadminunits``.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
from importlib import metadata
from pathlib import Path

import pytest

from extractor.recognise import places as gz
from extractor.recognise.places import fold, gazetteer, locate, name_key
from extractor.records import Location

ROOT = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------- the Bình Khánh case


BINH_KHANH = (
    "Đảng ủy xã Bình Khánh, huyện Mỏ Cày Nam vừa tổ chức hội nghị sơ kết 6 tháng đầu năm 2024. "
    "Đến dự có đồng chí Lê Văn Tám, Phó Chủ tịch UBND huyện Mỏ Cày Nam. "
    "Đồng chí Trần Thị Hoa, Bí thư Đảng ủy xã Bình Khánh chủ trì hội nghị."
)


def test_commune_and_district_complete_the_province():
    loc = locate(BINH_KHANH, title="Đảng ủy xã Bình Khánh sơ kết 6 tháng đầu năm")
    assert isinstance(loc, Location)
    assert (loc.commune, loc.commune_type) == ("Bình Khánh", "xã")
    assert (loc.district, loc.district_type) == ("Mỏ Cày Nam", "huyện")
    assert loc.province == "Bến Tre"
    assert loc.inferred == ["province"]


def test_codes_present_with_the_2025_successor():
    codes = locate(BINH_KHANH).codes
    assert codes["scheme"] == "pre-2025"
    assert codes["province"] == "83"
    assert codes["district"] == "833"
    assert codes["commune"] == "28945"
    # Bến Tre went into Vĩnh Long; xã Bình Khánh into xã Đồng Khởi
    assert codes["province_2025"] == "86"
    assert codes["province_2025_name"] == "Vĩnh Long"
    assert codes["commune_2025"] == "28945"
    assert codes["commune_2025_name"] == "Đồng Khởi"
    assert codes["commune_2025_type"] == "xã"
    assert "commune_2025_split" not in codes


def test_same_commune_name_elsewhere_is_not_taken():
    # there is also a xã Bình Khánh in Cần Giờ (Hồ Chí Minh): the district decides
    loc = locate("Hội Nông dân xã Bình Khánh, huyện Cần Giờ tổ chức đại hội điểm.")
    assert (loc.district, loc.province) == ("Cần Giờ", "Hồ Chí Minh")
    assert loc.codes["commune"] == "27667"


def test_commune_named_with_its_province_three_levels():
    loc = locate(
        "Sáng ngày 30/10/2017, tại ấp Hòa Lạc xã Hòa Điền huyện Kiên Lương tỉnh Kiên Giang "
        "tổ chức hội nghị Chi hội nông dân điểm của huyện."
    )
    assert (loc.commune, loc.district, loc.province) == ("Hòa Điền", "Kiên Lương", "Kiên Giang")
    assert loc.inferred == []
    assert loc.codes["commune"] == "30802"
    assert loc.codes["province_2025_name"] == "An Giang"


# --------------------------------------------------------------------------- districts


def test_district_alone_unique_nationally_infers_province():
    text = (
        "Sáng 26/6/2024, Ban Chỉ đạo Đại hội huyện Đắk Mil tổ chức Đại hội đại biểu các dân tộc "
        "thiểu số huyện Đắk Mil lần thứ IV. Đồng chí Chủ tịch UBND huyện phát biểu chỉ đạo."
    )
    loc = locate(text)
    assert loc.commune is None and loc.commune_type is None
    assert (loc.district, loc.district_type) == ("Đắk Mil", "huyện")
    assert loc.province == "Đắk Nông"
    assert loc.inferred == ["province"]
    assert loc.codes["district"] == "663"
    assert loc.codes["province"] == "67"
    assert loc.codes["province_2025"] == "68"  # Đắk Nông went into Lâm Đồng
    assert loc.codes["province_2025_name"] == "Lâm Đồng"


def test_district_name_shared_by_many_provinces_stays_without_province():
    loc = locate("Hội Cựu chiến binh huyện Châu Thành tổ chức Đại hội lần thứ VIII, nhiệm kỳ 2022-2027.")
    assert (loc.district, loc.district_type) == ("Châu Thành", "huyện")
    assert loc.province is None
    assert "province" not in loc.codes and "district" not in loc.codes


def test_district_name_shared_is_resolved_by_the_province_named_elsewhere():
    text = (
        "Hội Cựu chiến binh huyện Châu Thành tổ chức Đại hội lần thứ VIII, nhiệm kỳ 2022-2027. "
        "Dự đại hội có đồng chí Phó Chủ tịch Hội Cựu chiến binh tỉnh Bến Tre."
    )
    loc = locate(text)
    assert (loc.district, loc.province) == ("Châu Thành", "Bến Tre")
    assert loc.inferred == []
    assert loc.codes["district"] == "831"


def test_city_under_a_province():
    loc = locate("Ngày 16/7/2020, HĐND xã Thạch Hạ khóa XIX tổ chức kỳ họp thứ 11. "
                 "Dự có ông Nguyễn Văn A, Phó Chủ tịch HĐND thành phố Hà Tĩnh.")
    assert (loc.commune, loc.commune_type) == ("Thạch Hạ", "xã")  # the type the text gives
    assert (loc.district, loc.district_type) == ("Hà Tĩnh", "thành phố")
    assert loc.province == "Hà Tĩnh"


# --------------------------------------------------------------------------- ambiguity


def test_ambiguous_commune_is_left_unresolved():
    # xã Tân Hương exists in Yên Bái, Thái Nguyên, Lạng Sơn, Hải Dương, Nghệ An, Hà Tĩnh, Tiền Giang
    text = (
        "Trong hai ngày 27 và 28/2, Ủy ban MTTQ xã Tân Hương tổ chức đại hội đại biểu MTTQ xã "
        "nhiệm kỳ 2019 - 2024. Về dự đại hội có đồng chí Trưởng ban Tổ chức Huyện ủy."
    )
    loc = locate(text)
    assert (loc.commune, loc.commune_type) == ("Tân Hương", "xã")
    assert loc.district is None and loc.province is None
    assert loc.inferred == []
    assert "commune" not in loc.codes and "province" not in loc.codes


def test_ambiguous_commune_within_one_province_keeps_the_province():
    # xã Tả Lủng is in both Đồng Văn and Mèo Vạc, Hà Giang
    loc = locate("Chi bộ thôn Tả Lủng A, Đảng bộ xã Tả Lủng vừa tổ chức lễ kết nạp đảng viên mới.")
    assert (loc.commune, loc.district, loc.province) == ("Tả Lủng", None, "Hà Giang")
    assert loc.inferred == ["province"]
    assert loc.codes["province"] == "02"
    assert "commune" not in loc.codes and "district" not in loc.codes


def test_the_district_the_text_gives_wins_over_a_namesake_elsewhere():
    # there is no xã Long Hòa in Châu Thành (Bến Tre) in the gazetteer, but one in Bình Đại:
    # the text's district is kept, the commune is not resolved to the other one
    loc = locate("Đảng bộ xã Long Hòa, huyện Châu Thành, tỉnh Bến Tre tổ chức đại hội.")
    assert (loc.commune, loc.district, loc.province) == ("Long Hòa", "Châu Thành", "Bến Tre")
    assert loc.codes["district"] == "831"
    assert "commune" not in loc.codes


def test_former_commune_name_merged_into_another():
    # xã Bình Khánh Tây and Bình Khánh Đông were merged into xã Bình Khánh
    loc = locate("Đảng bộ xã Bình Khánh Tây, huyện Mỏ Cày Nam tổ chức đại hội nhiệm kỳ 2015 - 2020.")
    assert (loc.commune, loc.district, loc.province) == ("Bình Khánh Tây", "Mỏ Cày Nam", "Bến Tre")
    assert "commune" not in loc.codes  # its own code is not in the gazetteer
    assert loc.codes["district"] == "833"
    assert loc.codes["commune_2025_name"] == "Đồng Khởi"


def test_district_that_absorbed_others_is_not_inferred():
    # phường Nghi Hải was in thị xã Cửa Lò until Cửa Lò was merged into thành phố Vinh
    loc = locate("Sáng ngày 23/7/2019, HĐND phường Nghi Hải khóa V tổ chức kỳ họp thứ 8.")
    assert (loc.commune, loc.commune_type) == ("Nghi Hải", "phường")
    assert loc.district is None
    assert loc.province == "Nghệ An" and loc.inferred == ["province"]
    assert loc.codes["commune"] == "16729"


def test_two_districts_of_one_name_and_different_types():
    loc = locate("UBND thị xã Kỳ Anh tổ chức hội nghị tổng kết. Đại diện UBND thị xã Kỳ Anh báo cáo; "
                 "UBND huyện Kỳ Anh dự.")
    assert (loc.district, loc.district_type, loc.province) == ("Kỳ Anh", "thị xã", "Hà Tĩnh")
    assert loc.codes["district"] == "449"


def test_numbered_district_and_ward():
    loc = locate("Đảng ủy Phường 5, thành phố Mỹ Tho tổ chức đại hội.")
    assert (loc.commune, loc.commune_type, loc.district) == ("5", "phường", "Mỹ Tho")
    assert loc.codes["commune"] == "28249"
    loc = locate("UBND Quận 3, TP.HCM tổ chức lễ ra quân.")
    assert (loc.district, loc.district_type, loc.province) == ("3", "quận", "Hồ Chí Minh")
    assert loc.codes["district"] == "770"


# --------------------------------------------------------------------------- title prefixes


def test_title_prefix_names_the_district():
    loc = locate(
        "Chiều ngày 10 tháng 9 năm 2020, tại Hội trường Huyện ủy, Hội đồng nhân dân huyện tổ chức "
        "kỳ họp thứ 17 (kỳ họp chuyên đề) khoá XI, nhiệm kỳ 2016 – 2021.",
        title="Mỏ Cày Bắc: HĐND huyện tổ chức kỳ họp thứ 17",
    )
    assert loc.commune is None
    assert (loc.district, loc.district_type) == ("Mỏ Cày Bắc", "huyện")
    assert loc.province == "Bến Tre"
    assert loc.inferred == ["district_type", "province"]
    assert loc.codes["district"] == "838"


def test_title_prefix_in_the_first_line_when_no_title_is_given():
    text = (
        "Ba Tri: Khai mạc kỳ họp thứ 14 Hội đồng nhân dân huyện, khóa XI\n\n"
        "Sáng ngày 12 tháng 12 năm 2019, Hội đồng nhân dân huyện khai mạc kỳ họp thứ 14."
    )
    loc = locate(text)
    assert (loc.district, loc.province) == ("Ba Tri", "Bến Tre")
    assert loc.codes["district"] == "836"


def test_district_in_brackets_after_a_commune():
    text = (
        "(QNO) - Sáng nay 3.6, Đảng bộ xã Đại Đồng (Đại Lộc) tổ chức Đại hội đại biểu lần thứ XXIII "
        "(nhiệm kỳ 2020 - 2025) với sự tham dự của 149 đại biểu. Đảng bộ xã Đại Đồng đã lãnh đạo "
        "hoàn thành các chỉ tiêu nghị quyết."
    )
    loc = locate(text)
    assert (loc.commune, loc.commune_type) == ("Đại Đồng", "xã")
    assert (loc.district, loc.district_type) == ("Đại Lộc", "huyện")
    assert loc.province == "Quảng Nam"
    assert loc.inferred == ["district_type", "province"]
    assert loc.codes["commune"] == "20515"


def test_party_committee_names_its_district():
    loc = locate("Tại Hội trường Huyện ủy Mỏ Cày Bắc, Ban Thường vụ Huyện ủy tổ chức hội nghị.")
    assert (loc.district, loc.province) == ("Mỏ Cày Bắc", "Bến Tre")


# --------------------------------------------------------------------------- spelling variants


@pytest.mark.parametrize("written", ["xã Định Thuỷ", "xã Định Thủy", "xã ĐỊNH THUỶ", "XÃ ĐỊNH THỦY", "Xã Định Thuỷ"])
def test_tone_mark_placement_and_case(written):
    loc = locate(f"Hội Phụ nữ {written} (Mỏ Cày Nam) tổ chức hội thi nấu ăn.")
    assert loc.commune == "Định Thủy"  # the gazetteer's spelling
    assert loc.district == "Mỏ Cày Nam"
    assert loc.codes["commune"] == "28930"


def test_old_style_hoa_in_commune_and_district():
    loc = locate("Ngày 5/3, UBND xã Hoà Điền, huyện Kiên Lương tổ chức ra quân làm giao thông nông thôn.")
    assert (loc.commune, loc.district, loc.province) == ("Hòa Điền", "Kiên Lương", "Kiên Giang")
    assert loc.codes["commune"] == "30802"


def test_fold_helper():
    assert fold("Hoà") == fold("Hòa")
    assert fold("Thuỷ") == fold("THỦY")
    assert fold("Hòa") != fold("Hóa")
    # The placements people really write are handled (oa/oe/uy, old and new style); a misplaced
    # mark such as "Qúy" is a typo the shared key leaves alone.
    assert fold("Quý") == "quý" and fold("Khoẻ") == fold("Khỏe")
    assert len(fold("Xã Hoà Bình, TỈNH BẾN TRE")) == len("Xã Hoà Bình, TỈNH BẾN TRE")
    assert name_key("Bà Rịa-Vũng Tàu") == name_key("Bà Rịa - Vũng Tàu")
    assert name_key("Phường 01") == name_key("phường 1")


# --------------------------------------------------------------------------- Hồ Chí Minh


def test_ho_chi_minh_the_ideology_and_the_youth_union_are_not_the_city():
    text = (
        "Đoàn TNCS Hồ Chí Minh tổ chức chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách "
        "Hồ Chí Minh năm 2024; các đoàn viên ôn lại lời dạy của Chủ tịch Hồ Chí Minh."
    )
    assert locate(text) is None
    loc = locate(text + " Hội nghị do Huyện đoàn Ba Tri tổ chức.")
    assert loc.province == "Bến Tre" and loc.district == "Ba Tri"
    assert loc.codes["province"] != "79"


@pytest.mark.parametrize("written", ["thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "TP.HCM", "TPHCM", "TP Hồ Chí Minh"])
def test_the_city_needs_its_type_word(written):
    loc = locate(f"Hội Nông dân {written} tổ chức hội nghị tổng kết năm 2023.")
    assert loc.province == "Hồ Chí Minh"
    assert loc.codes["province"] == "79"


# --------------------------------------------------------------------------- after 1 July 2025


def test_post_2025_commune_and_province_without_district():
    text = (
        "Ngày 20/8/2025, Đảng bộ xã Đồng Khởi, tỉnh Vĩnh Long tổ chức Đại hội đại biểu lần thứ I, "
        "nhiệm kỳ 2025 - 2030. Đại hội bầu Ban Chấp hành Đảng bộ xã Đồng Khởi gồm 35 đồng chí."
    )
    loc = locate(text)
    assert (loc.commune, loc.commune_type) == ("Đồng Khởi", "xã")
    assert loc.district is None and loc.district_type is None
    assert loc.province == "Vĩnh Long"
    assert loc.inferred == []
    assert loc.codes == {
        "scheme": "2025", "commune": "28945", "province": "86",
        "province_2025": "86", "province_2025_name": "Vĩnh Long",
        "commune_2025": "28945", "commune_2025_name": "Đồng Khởi", "commune_2025_type": "xã",
    }


def test_post_2025_unit_with_a_namesake_before_2025():
    # phường Mường Thanh existed before (03136, in thành phố Điện Biên Phủ) and after (03334)
    text = "HĐND phường Mường Thanh, tỉnh Điện Biên tổ chức kỳ họp thứ hai."
    new = locate(text, published=dt.date(2025, 9, 12))
    assert new.codes["scheme"] == "2025" and new.codes["commune"] == "03334"
    assert new.district is None
    old = locate(text, published=dt.date(2023, 9, 12))
    assert old.codes["scheme"] == "pre-2025" and old.codes["commune"] == "03136"
    assert old.district == "Điện Biên Phủ" and old.inferred == ["district", "district_type"]
    # without a date, the text's cues decide
    cue = locate(text + " Đây là kỳ họp đầu tiên sau khi vận hành chính quyền địa phương 2 cấp.")
    assert cue.codes["commune"] == "03334"
    dated = locate("Ngày 15/8/2025, " + text)
    assert dated.codes["commune"] == "03334"


def test_post_2025_text_naming_the_former_district():
    text = (
        "Đảng bộ xã Đồng Khởi, tỉnh Vĩnh Long (trên cơ sở sáp nhập xã Bình Khánh, xã Định Thủy và "
        "xã Phước Hiệp thuộc huyện Mỏ Cày Nam cũ) tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025 - 2030."
    )
    loc = locate(text)
    assert (loc.commune, loc.district, loc.province) == ("Đồng Khởi", None, "Vĩnh Long")
    assert loc.codes["scheme"] == "2025" and loc.codes["commune"] == "28945"


def test_special_zone_after_2025():
    loc = locate("UBND đặc khu Phú Quốc, tỉnh An Giang tổ chức hội nghị triển khai nhiệm vụ quý III.")
    assert (loc.commune, loc.commune_type, loc.province) == ("Phú Quốc", "đặc khu", "An Giang")
    assert loc.codes["commune"] == "31078" and loc.codes["scheme"] == "2025"


def test_province_codes_differ_between_the_systems():
    text = "Hội Nông dân tỉnh Bắc Ninh tổ chức Đại hội đại biểu lần thứ X."
    old = locate(text, published=dt.date(2023, 5, 4))
    assert old.codes["province"] == "27" and old.codes["province_2025"] == "24"
    new = locate(text, published=dt.date(2025, 10, 4))
    assert new.codes["province"] == "24" and new.codes["scheme"] == "2025"
    assert new.province == "Bắc Ninh"


def test_old_commune_split_in_2025_lists_the_others():
    loc = locate("UBND thị trấn Đông Anh, huyện Đông Anh tổ chức lễ ra quân.")
    assert loc.codes["commune"] == "00454"
    assert loc.codes["commune_2025"] == "00466"  # the package's default successor
    assert set(loc.codes["commune_2025_split"].split(",")) == {"00454", "00475"}


# --------------------------------------------------------------------------- choosing the main unit


def test_the_title_and_organiser_outweigh_a_guest_unit():
    text = (
        "Ngày 5/10/2021, Hội LHPN huyện Mang Thít tổ chức thành công Đại hội đại biểu phụ nữ huyện "
        "Mang Thít lần thứ XII. Dự đại hội có đại diện Hội LHPN huyện Long Hồ và thị xã Bình Minh."
    )
    loc = locate(text, title="Vĩnh Long: tổ chức thành công Đại hội đại biểu phụ nữ huyện Mang Thít")
    assert (loc.district, loc.province) == ("Mang Thít", "Vĩnh Long")
    assert loc.inferred == []


def test_several_communes_of_one_district_make_the_district_the_main_unit():
    text = (
        "Ngày 25/1, đồng chí Bí thư Tỉnh ủy trao Huy hiệu Đảng cho các đảng viên tại thành phố Sơn La: "
        "Đảng bộ phường Chiềng Sinh, Đảng bộ phường Quyết Tâm, Đảng bộ phường Chiềng Cơi và "
        "Đảng bộ phường Tô Hiệu."
    )
    loc = locate(text)
    assert loc.commune is None
    assert (loc.district, loc.district_type, loc.province) == ("Sơn La", "thành phố", "Sơn La")


def test_nothing_to_locate():
    assert locate("") is None
    assert locate("Hội nghị đã thảo luận các giải pháp thực hiện nhiệm vụ năm 2024.") is None
    # lower-case words after a type word are no names ("xã hội" is society)
    assert locate("Đảng ủy xã đã phát huy vai trò lãnh đạo; các huyện, thành phố đều hoàn thành.") is None
    assert locate("Các tổ chức chính trị - xã hội xã tham gia giám sát.") is None


# --------------------------------------------------------------------------- the data file


def test_gazetteer_counts_and_lookup():
    g = gazetteer()
    assert g is gazetteer()  # loaded once
    assert len(g.by_code[("pre-2025", "province")]) == 63
    assert len(g.by_code[("2025", "province")]) == 34
    assert len(g.by_code[("pre-2025", "district")]) == 696
    assert len(g.by_code[("pre-2025", "commune")]) == 10035
    assert len(g.by_code[("2025", "commune")]) == 3321
    assert [u.code for u in g.find("Mỏ Cày Nam", "district")] == ["833"]
    hue = g.find_former("Thừa Thiên Huế", "province")
    assert [u.code for u in hue] == ["46"]
    # every pre-2025 commune has a 2025 successor
    assert all(g.get("2025", "commune", u.successor) for u in g.by_code[("pre-2025", "commune")].values())


def test_data_file_names_its_generator():
    head = (ROOT / "patterns" / gz.DATA_FILE).read_text(encoding="utf-8").splitlines()[:20]
    assert any("scripts/build_gazetteer.py" in line for line in head)
    assert any("vietnamadminunits==" in line for line in head)


def test_data_file_is_reproducible_from_the_installed_package():
    if importlib.util.find_spec("vietnamadminunits") is None:
        pytest.skip("vietnamadminunits is not installed")
    if gazetteer().meta.get("vietnamadminunits") != metadata.version("vietnamadminunits"):
        pytest.skip("the installed vietnamadminunits differs from the one the file was built from")
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.build() == (ROOT / "patterns" / gz.DATA_FILE).read_text(encoding="utf-8")
