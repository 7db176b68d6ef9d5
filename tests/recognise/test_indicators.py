"""The indicator taxonomy (patterns/indicators.yaml) and its matcher."""
import pytest

from extractor.recognise.indicators import by_key, index_key, indicator_for, taxonomy


def test_taxonomy_is_large_and_well_formed():
    rows = taxonomy()
    assert len(rows) >= 50
    keys = [r.key for r in rows]
    assert len(keys) == len(set(keys))
    for r in rows:
        assert r.vi and r.en and r.unit and r.phrases, r.key
    for must in ["poverty_rate", "near_poverty_rate", "health_insurance_coverage", "social_insurance_coverage",
                 "trained_labour_rate", "clean_water_rate", "new_rural_criteria", "cultural_family_rate",
                 "party_orgs_rated_good", "party_members_rated_good", "new_party_members", "budget_revenue",
                 "economic_growth", "income_per_capita", "forest_cover", "schools_national_standard",
                 "vaccination_rate", "military_call_up"]:
        assert must in by_key()


def test_one_entry_per_phrase_in_each_class():
    seen = {}
    for r in taxonomy():
        for p in r.phrases:
            k = (index_key(p), r.is_rate)
            assert seen.setdefault(k, r.key) == r.key, (p, seen[k], r.key)


@pytest.mark.parametrize("subject, kind, key", [
    ("tỷ lệ hộ nghèo", "percentage", "poverty_rate"),
    ("Tỉ lệ hộ nghèo", "percentage", "poverty_rate"),
    ("TỶ LỆ HỘ NGHÈO theo chuẩn đa chiều", "percentage", "poverty_rate"),
    ("tỷ lệ hộ nghèo trong đồng bào dân tộc thiểu số", "percentage", "poverty_rate_ethnic_minority"),
    ("hộ nghèo", "quantity", "poor_households"),
    ("tỉ lệ người dân tham gia bảo hiểm y tế", "percentage", "health_insurance_coverage"),
    ("tỷ lệ lao động qua đào tạo", "percentage", "trained_labour_rate"),
    ("tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ", "percentage", "trained_labour_certified_rate"),
    ("chi bộ được xếp loại hoàn thành tốt nhiệm vụ", "percentage", "party_orgs_rated_good"),
    ("chi bộ được xếp loại hoàn thành xuất sắc nhiệm vụ", "percentage", "party_orgs_rated_excellent"),
    ("đảng viên mới", "target", "new_party_members"),
    ("thu ngân sách trên địa bàn", "percentage", "budget_revenue"),
    ("tỷ lệ che phủ rừng", "percentage", "forest_cover"),
    ("tỷ trọng dịch vụ", "percentage", "share_services"),
    ("chỉ tiêu", "target", "targets_met"),
    ("tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hoá", "percentage", "cultural_family_rate"),
    ("tỷ lệ hoà giải thành", "percentage", "mediation_success_rate"),
])
def test_indicator_for(subject, kind, key):
    assert indicator_for(subject, kind) == key


@pytest.mark.parametrize("subject", [None, "", "câu hỏi được các đội trả lời đúng", "số nhà", "doanh thu"])
def test_no_indicator_is_no_guess(subject):
    assert indicator_for(subject, "percentage") is None


def test_gap_is_bounded():
    # `*` takes at most five words: a rating far from its subject is not read into it.
    assert indicator_for("chi bộ a b c d e f g hoàn thành tốt nhiệm vụ", "percentage") is None


def test_evaluate_reports_indicator_accuracy_over_gold_that_carries_one():
    from extractor.evaluation import evaluate as ev

    gold = {"a": {"id": "a", "percentages": [
        {"value": 2.1, "subject": "tỷ lệ hộ nghèo", "indicator": "poverty_rate"},
        {"value": 95, "subject": "tỷ lệ tham gia BHYT", "indicator": "health_insurance_coverage"},
        {"value": 40, "subject": "số câu hỏi", "indicator": None},
        {"value": 7, "subject": "x"}]},
        "b": {"id": "b", "targets": [{"numerator": 5, "denominator": 4, "subject": "đảng viên mới",
                                      "indicator": "new_party_members"}],
              "quantities": [{"value": 3, "unit": "chi bộ ấp", "indicator": "party_orgs_rated_good"}]}}
    pred = {"a": {"percentages": [{"value": 2.1, "indicator": "poverty_rate"}, {"value": 95, "indicator": "social_insurance_coverage"},
                                  {"value": 40, "indicator": None}, {"value": 7, "indicator": "poverty_rate"}]},
            "b": {"targets": [{"numerator": 5, "denominator": 4, "indicator": "new_party_members"}],
                  "quantities": [{"value": 3, "unit": "Chi bộ ấp", "indicator": None}]}}
    rep = ev.score(gold, pred)
    assert rep.fields["indicator"] == {"acc": round(3 / 5, 4), "n": 5}
    assert any("indicator" in e and "social_insurance_coverage" in e for e in rep.errors)
    assert "indicator" in ev.format_report(rep)


def test_abbreviations_and_spellings():
    assert indicator_for("tỷ lệ LĐ qua đào tạo", "percentage") == "trained_labour_rate"
    assert indicator_for("tỉ lệ bao phủ BHYT", "percentage") == "health_insurance_coverage"
    assert indicator_for("Tỷ lệ hộ nghèo đa chiều", "percentage") == "poverty_rate"


def _pct(text: str, value: float):
    from extractor import extract

    return next(p for p in extract(text).percentages if p.value == value)


def test_the_amount_a_rate_moved_by_is_named_apart_from_the_rate():
    # one key for the poverty rate, its level and the points it fell by, which are flagged as a change;
    # the growth of output is an indicator of its own
    text = "Năm 2023, tỷ lệ hộ nghèo của xã Tân Lập giảm 1,8%, còn 4,25%; giá trị sản xuất tăng 9,3% so với năm 2022."
    assert (_pct(text, 1.8).indicator, _pct(text, 1.8).change) == ("poverty_rate", True)
    assert (_pct(text, 4.25).indicator, _pct(text, 4.25).change) == ("poverty_rate", False)
    assert (_pct(text, 9.3).indicator, _pct(text, 9.3).change) == ("production_value_growth", False)


def test_a_planned_reduction_written_verb_first_is_a_reduction():
    text = "Nghị quyết đề ra mục tiêu giảm tỷ lệ hộ nghèo 2-2,5% mỗi năm và nâng tỷ lệ che phủ rừng lên 47%."
    p = _pct(text, 2.0)
    assert (p.value_max, p.indicator, p.change, p.kind) == (2.5, "poverty_rate", True, "goal")
    assert _pct(text, 47.0).indicator == "forest_cover"


def test_a_change_in_brackets_beside_the_level():
    text = "Tỉ lệ hộ nghèo của huyện giảm còn 3,1% (giảm 0,9% so với đầu năm)."
    assert (_pct(text, 3.1).indicator, _pct(text, 3.1).change) == ("poverty_rate", False)
    assert (_pct(text, 0.9).indicator, _pct(text, 0.9).change) == ("poverty_rate", True)


def test_only_the_direction_the_taxonomy_names():
    from extractor.recognise.indicators import change_indicator

    assert change_indicator("poverty_rate", "decrease") is None
    assert change_indicator("production_value", "decrease") == "production_value_growth"
    assert change_indicator("grdp", "increase") == "economic_growth"
    assert change_indicator("health_insurance_coverage", "increase") is None


def test_a_list_of_shares_each_with_its_head_and_key():
    text = ("Cơ cấu kinh tế của huyện Mường Tè chuyển dịch: tỷ trọng nông, lâm, thủy sản 48,2%, "
            "công nghiệp - xây dựng 20,5%, dịch vụ 31,3%.")
    got = [(p.value, p.subject, p.indicator) for p in __import__("extractor").extract(text).percentages]
    assert got == [(48.2, "tỷ trọng nông, lâm, thủy sản", "share_agriculture"),
                   (20.5, "tỷ trọng công nghiệp - xây dựng", "share_industry_construction"),
                   (31.3, "tỷ trọng dịch vụ", "share_services")]


def test_a_subject_never_runs_back_over_another_figure():
    p = _pct("Nghị quyết đề ra mục tiêu giảm tỷ lệ hộ nghèo 2-2,5% mỗi năm và nâng tỷ lệ che phủ rừng lên 47%.", 47.0)
    assert (p.subject, p.indicator) == ("nâng tỷ lệ che phủ rừng", "forest_cover")


def test_a_plan_beside_a_result_is_a_goal_of_the_same_subject():
    from extractor import extract

    text = "Ba chỉ tiêu chưa đạt gồm: tỷ lệ hộ gia đình văn hóa (86,4%, kế hoạch 90%) và số sản phẩm OCOP."
    got = [(p.value, p.subject, p.indicator, p.kind) for p in extract(text).percentages]
    assert got == [(86.4, "tỷ lệ hộ gia đình văn hóa", "cultural_family_rate", "result"),
                   (90.0, "tỷ lệ hộ gia đình văn hóa", "cultural_family_rate", "goal")]


def test_a_count_of_targets_is_of_targets_met_only_when_the_text_says_met():
    from extractor import extract

    text = ("Năm 2025, phường có 17 chỉ tiêu đạt và vượt kế hoạch, 3 chỉ tiêu không đạt. "
            "Đại hội thông qua 14 chỉ tiêu chủ yếu cho nhiệm kỳ 2025-2030.")
    got = [(q.value, q.indicator) for q in extract(text).quantities if q.unit == "chỉ tiêu"]
    assert got == [(17.0, "targets_met"), (3.0, None), (14.0, None)]


def test_revenue_items_are_budget_revenue():
    assert indicator_for("thu tiền sử dụng đất", "percentage") == "budget_revenue"
    assert indicator_for("lệ phí trước bạ", "percentage") == "budget_revenue"


def test_a_figure_said_of_the_one_before_measures_the_same():
    from extractor import extract

    text = ("Tốc độ tăng trưởng kinh tế của huyện ước đạt 6,8%, cao hơn 0,4% so với cùng kỳ. "
            "Tỷ lệ hộ nghèo từ 12,5% năm 2021 giảm còn 6,1% năm 2024, bình quân mỗi năm giảm 2,13%.")
    got = {p.value: (p.indicator, p.change) for p in extract(text).percentages}
    assert got == {6.8: ("economic_growth", False), 0.4: ("economic_growth", False), 6.1: ("poverty_rate", False),
                   2.13: ("poverty_rate", True)}
