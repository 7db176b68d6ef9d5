"""Figures: targets, percentages, quantities and warnings (issue 5)."""
import pytest

from extractor import extract


def targets(text):
    return [(t.numerator, t.denominator, t.subject) for t in extract(text).targets]


def pct(text):
    return extract(text).percentages


@pytest.mark.parametrize("text, expected", [
    ("Xã thực hiện đạt và vượt 14/18 chỉ tiêu nghị quyết.", (14, 18, "chỉ tiêu nghị quyết")),
    ("Giải quyết việc làm cho 265/250 lao động (đạt 106%).", (265, 250, "lao động")),
    ("Xây dựng 9/2 căn nhà tình thương.", (9, 2, "căn nhà tình thương")),
    ("Xã đạt 19/19 tiêu chí nông thôn mới.", (19, 19, "tiêu chí nông thôn mới")),
    ("Có 10/10 ấp tổ chức đại hội.", (10, 10, "ấp")),
    ("Tham dự kỳ họp có 46/49 đại biểu HĐND tỉnh.", (46, 49, "đại biểu HĐND tỉnh")),
    ("Tổng thu ngân sách đạt 25,064 tỷ đồng/20,448 tỷ đồng.", (25064000000, 20448000000, "Tổng thu ngân sách")),
    ("Phát triển hội viên 26/24, đạt 108,3%.", (26, 24, "Phát triển hội viên")),
    ("Vận động quỹ được 6.100.000đ/6.100.000đ, đạt 100%.", (6100000, 6100000, "Vận động quỹ")),
    ("Có 1.265/1.200 nhà đại đoàn kết được xây dựng.", (1265, 1200, "nhà đại đoàn kết")),
])
def test_targets(text, expected):
    got = targets(text)
    assert len(got) == 1
    x, y, subject = got[0]
    assert (x, y) == expected[:2]
    assert expected[2].lower() in subject.lower()


LOOK_ALIKES = [
    "Thực hiện Chỉ thị số 01/TU của Tỉnh ủy về phong trào thi đua.",
    "Theo Nghị quyết số 05-NQ/ĐU của Đảng ủy xã.",
    "Căn cứ Quyết định 1234/QĐ-UBND của UBND tỉnh.",
    "Thực hiện Kế hoạch 207-KH/TU ngày 12/8/2019 của Tỉnh ủy.",
    "Hội nghị diễn ra ngày 21/12/2023 tại hội trường.",
    "Sáng 02/8, Đảng ủy xã tổ chức hội nghị.",
    "Chiều 15/12, HĐND huyện khai mạc kỳ họp.",
    "Sáng nay (20/12), hội nghị tổng kết được tổ chức.",
    "Thu nhập bình quân đạt 60 triệu đồng/người/năm.",
    "Xe chạy với tốc độ 40 km/h trên tuyến đường.",
    "Mật độ dân số 350 người/km2.",
    "Đại hội cần 2/3 số đại biểu tán thành.",
    "Trụ sở đặt tại số 12/3 đường Nguyễn Huệ.",
    "Đường dây nóng hoạt động 24/7.",
    "Liên hệ qua số điện thoại 0275 3669916.",
    "Đội bóng thắng với tỷ số 3/1.",
    "Kế hoạch triển khai trong quý I/2023.",
    "Trong tháng 01/2023, các chi hội tổ chức đại hội.",
    "Huy hiệu Đảng đợt 3/2/2024 được trao.",
    "Kỷ niệm ngày Quốc tế Phụ nữ 8/3; ôn lại truyền thống.",
    "Tính đến hết ngày 13/6, các huyện hoàn thành.",
    "Thông tư số 15/2023/TT-BNV quy định chi tiết.",
    "Nghị định 34/2019/NĐ-CP sửa đổi bổ sung.",
    "Quyết định số 1338 – QĐ/TU về kỷ luật.",
    "Bạn còn 500/500 ký tự.",
    "Đại hội dự kiến diễn ra vào ngày 26, 27/5 tới.",
    "Hướng dẫn số 32-HD/HNDT ngày 10/5/2022 của Ban Thường vụ.",
    "Luật Tổ chức chính quyền địa phương ngày 19/6/2015.",
    "Tờ trình số 45/TTr-UBND của UBND huyện.",
    "Giá vé 50.000 đồng/lượt.",
    "Hỗ trợ 2 triệu đồng/hộ.",
    "Lãi suất 0,5%/tháng.",
    "Ngày 30/4/1975 đánh dấu mốc son lịch sử.",
    "Văn bản số 123/UBND-VP được ban hành.",
    "Kết luận số 21-KL/TW của Trung ương.",
    "Mã số thuế 0301/234 không hợp lệ.",
    "Từ ngày 1/7, xã mới chính thức hoạt động.",
    "Sản lượng đạt 6,0 tấn/ha.",
    "Tốc độ tăng trưởng 19,1%/năm.",
    "Điểm thi 95/100 được công bố.",
    "Tổ 2/5 khu phố 3 tổ chức họp.",
    "Đến ngày 27/3/2020, toàn tỉnh hoàn thành.",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_not_targets(text):
    assert targets(text) == []


def test_at_least_forty_look_alikes():
    assert len(LOOK_ALIKES) >= 40


def test_change_is_one_record():
    (p,) = pct("Tỉ lệ hộ nghèo giảm từ 3,39% xuống còn 2,35%.")
    assert (p.value, p.previous, p.direction) == (2.35, 3.39, "decrease")
    assert p.subject == "Tỉ lệ hộ nghèo"


@pytest.mark.parametrize("text, value, qualifier", [
    ("Tỷ lệ thu gom rác đạt trên 95%.", 95, "above"),
    ("Tỷ lệ đảng viên hoàn thành nhiệm vụ đạt hơn 90%.", 90, "above"),
    ("Có 03 chỉ tiêu đạt từ 80% trở lên.", 80, "at_least"),
    ("Tỷ lệ hộ nghèo còn dưới 2%.", 2, "below"),
    ("Tỷ lệ nợ xấu không quá 5%.", 5, "at_most"),
    ("Khoảng 60% hộ dân tham gia.", 60, "about"),
    ("Gần 70% diện tích được cơ giới hóa.", 70, "about"),
    ("Vượt 5% so với kế hoạch.", 5, "exact"),
])
def test_qualifiers(text, value, qualifier):
    (p,) = pct(text)
    assert (p.value, p.qualifier) == (value, qualifier)


def test_range_and_goal():
    (p,) = pct("Phấn đấu tốc độ tăng trưởng kinh tế đạt 10-12%.")
    assert (p.value, p.value_max, p.kind) == (10, 12, "goal")


def test_subject_after_the_figure():
    (p,) = pct("Có 100% chi bộ hoàn thành tốt nhiệm vụ.")
    assert p.subject == "chi bộ hoàn thành tốt nhiệm vụ"


def test_subject_from_previous_clause():
    (p,) = pct("Thu ngân sách trên địa bàn đạt 5.350 tỷ đồng, bằng 106,8% dự toán.")
    assert p.subject == "Thu ngân sách trên địa bàn"


def test_title_and_body_repeat_merge():
    art = extract("Xã đạt 19/19 tiêu chí nông thôn mới\n\nNăm 2023, xã đạt 19/19 tiêu chí nông thôn mới, tỉ lệ 100%.")
    assert len(art.targets) == 1
    assert len(art.targets[0].mentions) == 2
    assert art.targets[0].stated_percent == 100
    assert art.targets[0].status == "met"


def test_quantities_money_rate_and_counts():
    art = extract("Thu nhập bình quân đầu người đạt 60 triệu đồng/người/năm; xã có 1.200 hộ và 350 ha lúa.")
    got = [(q.value, q.unit, q.per) for q in art.quantities]
    assert (60_000_000, "đồng", "người/năm") in got
    assert (1200, "hộ", None) in got
    assert (350, "ha", None) in got


def test_warnings_stated_percent_and_parts():
    art = extract("Xã đạt và vượt 14/18 chỉ tiêu, tỉ lệ 83,3% (trong đó có 6 chỉ tiêu vượt, 7 chỉ tiêu đạt).")
    assert "14/18 is 77.8%, not the stated 83.3%" in art.warnings
    assert any("do not add up" in w for w in art.warnings)


def test_consistent_figures_raise_no_warning():
    art = extract("Xã đạt và vượt 14/18 chỉ tiêu, tỉ lệ 77,8% (trong đó có 6 chỉ tiêu vượt, 8 chỉ tiêu đạt).")
    assert art.warnings == []


def test_flattened_table_rows_take_their_label():
    art = extract("Một số kết quả nổi bật:\n- Tỷ lệ hộ nghèo theo chuẩn đa chiều: còn 0,48%\n- Tỷ lệ xã đạt chuẩn nông thôn mới: 98,5%\n")
    got = {p.value: p.subject for p in art.percentages}
    assert got == {0.48: "Tỷ lệ hộ nghèo theo chuẩn đa chiều", 98.5: "Tỷ lệ xã đạt chuẩn nông thôn mới"}


@pytest.mark.parametrize("text, direction", [
    ("Tỷ lệ hộ nghèo giảm xuống còn 1,8%.", "decrease"),
    ("Tỷ lệ hộ nghèo giảm bình quân 1,2%/năm.", "decrease"),
    ("Nâng tỷ lệ che phủ rừng lên 45% vào năm 2025.", "increase"),
    ("Năm 2024, tăng trưởng kinh tế đạt 7,2%.", None),
])
def test_direction_from_the_clause(text, direction):
    (p,) = pct(text)
    assert p.direction == direction


@pytest.mark.parametrize("text, kind", [
    ("Tính đến năm 2023, tỷ lệ hộ dùng nước sạch đạt 99,5%.", "result"),
    ("Phấn đấu đến năm 2030, tỷ lệ đô thị hóa đạt 45%.", "goal"),
])
def test_goal_by_horizon_year(text, kind):
    (p,) = extract(text, published="2024-01-10").percentages
    assert p.kind == kind


def test_plan_and_result_in_one_sentence():
    got = [(p.value, p.kind) for p in pct("Kế hoạch đề ra 85%, thực hiện đạt 87%.")]
    assert got == [(85, "goal"), (87, "result")]


# ---- issue 15: figures for analysis -------------------------------------------------------

def _p(text):
    return [(p.value, p.subject, p.indicator) for p in extract(text).percentages]


def test_shared_head_list_gives_each_item_its_subject():
    got = _p("Cơ cấu kinh tế của huyện: tỷ trọng công nghiệp - xây dựng 38,5%, dịch vụ 40,2%, nông nghiệp 21,3%.")
    assert got == [(38.5, "tỷ trọng công nghiệp - xây dựng", "share_industry_construction"),
                   (40.2, "tỷ trọng dịch vụ", "share_services"),
                   (21.3, "tỷ trọng nông nghiệp", "share_agriculture")]


def test_shared_head_not_taken_across_a_new_clause():
    got = _p("Tỷ lệ hộ nghèo còn 1,9%, hộ cận nghèo 2,7%; toàn xã có 3% hộ khá, giàu.")
    assert got == [(1.9, "Tỷ lệ hộ nghèo", "poverty_rate"), (2.7, "Tỷ lệ hộ cận nghèo", "near_poverty_rate"),
                   (3.0, "hộ khá, giàu", "well_off_households")]


def test_repeated_100_percent_in_a_list_are_separate_figures():
    got = _p("Đến nay 100% hộ nghèo, 100% hộ cận nghèo và 100% trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế.")
    assert [s for _, s, _ in got] == ["hộ nghèo", "hộ cận nghèo", "trẻ em dưới 6 tuổi"]
    # what the list says of them is what is measured: insurance cover, not the poverty rate
    assert {i for _, _, i in got} == {"health_insurance_coverage"}


def test_repeated_100_percent_with_own_predicates():
    got = _p("Năm qua, 100% xã, thị trấn; 100% ấp, khu phố đã tổ chức ngày hội đại đoàn kết.")
    assert [(v, s) for v, s, _ in got] == [(100, "xã, thị trấn"), (100, "ấp, khu phố")]


def test_comma_inside_the_measure():
    got = _p("Tỷ lệ cán bộ, đảng viên được đánh giá, xếp loại hoàn thành tốt nhiệm vụ trở lên đạt 91,6%.")
    assert got[0][1].startswith("Tỷ lệ cán bộ, đảng viên") and got[0][1].endswith("trở lên")
    assert got[0][2] == "party_members_rated_good"


def test_aside_after_a_count_names_what_is_counted():
    got = _p("Hội đã giúp 125 hộ hội viên thoát nghèo (trong đó 40 hộ là đồng bào dân tộc thiểu số), đạt 156% chỉ tiêu.")
    assert got[0][:2] == (156, "giúp hộ hội viên thoát nghèo") and got[0][2] == "households_escaped_poverty"
    assert extract("Hội đã giúp 125 hộ hội viên thoát nghèo (trong đó 40 hộ), đạt 156% chỉ tiêu.").percentages[0].basis == "chỉ tiêu"


def test_xy_then_aside_then_predicate():
    got = _p("Toàn tỉnh có 98/120 xã (chiếm 81,7%) đạt chuẩn nông thôn mới.")
    assert got == [(81.7, "xã đạt chuẩn nông thôn mới", "new_rural_communes")]


def test_aside_after_a_percentage_measures_the_same():
    got = _p("Toàn xã có 93% hộ gia đình đạt danh hiệu gia đình văn hóa (tăng 4% so với năm 2020).")
    assert got[0][2] == got[1][2] == "cultural_family_rate" and got[1][1] == got[0][1]
    assert extract("Toàn xã có 93% hộ gia đình đạt danh hiệu gia đình văn hóa (tăng 4% so với năm 2020).").percentages[1].basis == "năm 2020"


def test_share_of_a_total():
    got = _p("Có 12 xã được công nhận, nâng tổng số lên 40 xã, chiếm khoảng 62,5% tổng số xã nông thôn toàn tỉnh.")
    assert got[0][1] == "xã nông thôn toàn tỉnh"


def test_chain_opening_with_its_own_figure():
    got = _p("Thu ngân sách trên địa bàn tăng 9,2% so với cùng kỳ, ước thực hiện 35,6 tỷ đồng, đạt 51,3%.")
    assert [(v, s) for v, s, _ in got] == [(9.2, "Thu ngân sách trên địa bàn"), (51.3, "Thu ngân sách trên địa bàn")]
    assert {i for *_, i in got} == {"budget_revenue"}


@pytest.mark.parametrize("text, basis", [
    ("Thu ngân sách đạt 108% kế hoạch.", "kế hoạch"),
    ("Thu ngân sách đạt 104,5% dự toán huyện giao.", "dự toán"),
    ("Giá trị sản xuất tăng 6,8% so với cùng kỳ năm trước.", "cùng kỳ"),
    ("Kết nạp hội viên mới đạt 120% Nghị quyết.", "Nghị quyết"),
    ("Thu nhập bình quân tăng 35% so với năm 2020.", "năm 2020"),
    ("Tỷ lệ hộ nghèo còn 2,1%.", None),
])
def test_basis(text, basis):
    assert extract(text).percentages[0].basis == basis


def test_percent_pair_is_a_target():
    a = extract("Các chỉ tiêu đạt cao như tỷ lệ xã đạt chuẩn nông thôn mới 72,4%/60% tổng số xã.")
    assert [(t.numerator, t.denominator) for t in a.targets] == [(72.4, 60)]
    assert "nông thôn mới" in a.targets[0].subject
    assert [p.value for p in a.percentages] == [72.4, 60]
    assert not extract("Tốc độ tăng thu ngân sách bình quân 12%/năm.").targets


def test_money_target_subject_and_reading():
    a = extract("Thu ngân sách trên địa bàn đạt 18,4 tỷ đồng/16 tỷ đồng dự toán.")
    t = a.targets[0]
    assert (t.numerator, t.denominator) == (18_400_000_000, 16_000_000_000)
    assert t.subject == "Thu ngân sách trên địa bàn" and t.indicator == "budget_revenue"
    # one scale word after both, small figures: both scaled
    t = extract("Vận động quỹ được 312/300 triệu đồng.").targets[0]
    assert (t.numerator, t.denominator) == (312_000_000, 300_000_000)
    # thousands-grouped figures before one scale word are kept as written
    t = extract("Thu ngân sách nhà nước trên địa bàn 12.350/10.900 tỷ đồng.").targets[0]
    assert (t.numerator, t.denominator) == (12350, 10900)


def test_unit_after_xy_takes_the_measure_before():
    t = extract("Sản lượng lúa cả năm đạt 5.210/5.000 tấn.").targets[0]
    assert t.subject == "Sản lượng lúa cả năm" and t.indicator == "food_output"
    t = extract("Đến nay đã chuyển đổi được 120/150 ha.").targets[0]
    assert t.subject == "ha"


def _q(text):
    return [(q.value, q.unit, q.subject) for q in extract(text).quantities]


def test_quantities_whole_units_and_deduplicated():
    got = _q("Đảng ủy đề ra 12 nhiệm vụ, giải pháp và có 3 chi bộ ấp đạt trong sạch vững mạnh; "
             "có 4 chỉ tiêu vượt. Có 4 chỉ tiêu vượt đó là: nhà ở, giao thông.")
    assert got == [(12, "nhiệm vụ, giải pháp", "nhiệm vụ, giải pháp"),
                   (3, "chi bộ ấp", "chi bộ ấp đạt trong sạch vững mạnh"),
                   (4, "chỉ tiêu", "chỉ tiêu vượt")]


def test_quantity_subject_stops_at_the_next_count():
    got = _q("Nghị quyết đề ra 4 khâu đột phá và 21 chỉ tiêu chủ yếu.")
    assert got == [(4, "khâu đột phá", "khâu đột phá"), (21, "chỉ tiêu", "chỉ tiêu chủ yếu")]


def test_decimal_money_read_whole():
    got = _q("Hội vận động được 147,7 triệu, hỗ trợ 1,25 tỷ cho 20 hộ; tổng kinh phí 3,4 tỷ đồng.")
    assert [(v, u) for v, u, _ in got] == [(147_700_000, "đồng"), (1_250_000_000, "đồng"), (20, "hộ"), (3_400_000_000, "đồng")]
    assert _q("Dân số toàn huyện khoảng 1,2 triệu dân.") == []


def test_money_rate_is_a_quantity_not_a_target():
    a = extract("Thu nhập bình quân đầu người đạt 62,5 triệu đồng/người/năm.")
    assert a.targets == []
    q = a.quantities[0]
    assert (q.value, q.unit, q.per, q.indicator) == (62_500_000, "đồng", "người/năm", "income_per_capita")


def test_target_inside_an_enumeration():
    a = extract("Có 2 chỉ tiêu chưa đạt gồm: thu ngân sách (đạt 88%), kết nạp đảng viên 5/7.")
    assert [(t.numerator, t.denominator, t.subject, t.indicator) for t in a.targets] == [
        (5, 7, "kết nạp đảng viên", "new_party_members")]
    assert (a.percentages[0].subject, a.percentages[0].indicator) == ("thu ngân sách", "budget_revenue")
    # a bare day/month after a verb is still a date
    assert extract("Đại hội diễn ra vào 15/8 tại hội trường xã.").targets == []


def test_money_per_one_is_a_rate():
    a = extract("Mức hỗ trợ 500.000 đồng/1 người.")
    assert a.targets == [] and (a.quantities[0].value, a.quantities[0].per) == (500000, "người")


def test_comrades_are_not_money():
    t = extract("Kết nạp đảng viên mới: 8/6 đồng chí.").targets[0]
    assert (t.numerator, t.denominator, t.subject) == (8, 6, "đồng chí")


def test_target_in_an_aside_counts_the_noun_before_it():
    a = extract("Báo cáo cho biết, năm qua các cấp Hội đã kết nạp 214 hội viên mới (214/200, đạt 107% kế hoạch).")
    assert [(t.numerator, t.denominator, t.subject) for t in a.targets] == [(214, 200, "hội viên mới")]
    assert (a.percentages[0].subject, a.percentages[0].basis) == ("kết nạp hội viên mới", "kế hoạch")


def test_comma_inside_quotes_breaks_no_clause():
    got = _p("Năm nay có 91% hộ hội viên đạt tiêu chí gia đình “5 không, 3 sạch”, vượt 3% so với chỉ tiêu.")
    assert got[1][1] == got[0][1] and got[0][2] == got[1][2] == "five_no_three_clean_households"


def test_money_in_a_chain_takes_the_chain_head():
    q = extract("Tổng thu ngân sách trên địa bàn tăng 9,2% so với cùng kỳ, ước thực hiện 35,6 tỷ đồng, đạt 51,3%.").quantities[0]
    assert (q.value, q.subject, q.indicator) == (35_600_000_000, "Tổng thu ngân sách trên địa bàn", "budget_revenue")


def test_what_is_before_la_names_a_count():
    got = _p("Trong 5 năm qua số chi hội đạt vững mạnh bình quân hằng năm là 41/45 chi hội, đạt 91,1%.")
    assert got == [(91.1, "số chi hội đạt vững mạnh", "association_units_strong")]


def test_list_sharing_a_predicate_and_quantities_named_by_their_activity():
    got = _p("Hằng năm có trên 90% tổ chức cơ sở đảng và 93% đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên.")
    assert [i for *_, i in got] == ["party_orgs_rated_good", "party_members_rated_good"]
    qs = extract("Kết nạp 120 đảng viên; giải quyết việc làm mới cho 2.300 lao động; "
                 "có 4 xã đạt chuẩn nông thôn mới nâng cao.").quantities
    assert [(q.value, q.indicator) for q in qs] == [(120, "new_party_members"), (2300, "jobs_created"),
                                                    (4, "advanced_new_rural_communes")]
    assert qs[2].subject == "xã đạt chuẩn nông thôn mới nâng cao"


def test_subject_made_whole_by_a_phrase_starting_where_it_stops():
    got = _p("Có trên 85% số hộ nông dân đăng ký thi đua sản xuất, kinh doanh giỏi các cấp.")
    assert got[0][1].endswith("sản xuất, kinh doanh giỏi") and got[0][2] == "good_producer_households"


def test_a_part_of_the_figure_before_is_named_by_its_predicate():
    got = _p("Có 82% số hộ đăng ký thi đua sản xuất, kinh doanh giỏi, trong đó 55% đạt danh hiệu các cấp.")
    assert got[1][:2] == (55, "đạt danh hiệu các cấp")
