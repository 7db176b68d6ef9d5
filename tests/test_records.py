"""The record contract: models, the span validator, normalisation and the JSON Schema."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from extractor import Article, extract
from extractor.records import json_schema
from extractor.text.normalize import fold, normalize

EXAMPLE = "Đồng chí Nguyễn Văn Bé Tư, Phó Chủ tịch HĐND huyện dự hội nghị và đạt 14/18 chỉ tiêu, tỉ lệ 77,8%."


def test_span_validator_rejects_a_wrong_span():
    art = extract(EXAMPLE)
    data = art.model_dump()
    data["targets"][0]["span"]["start"] += 1
    data["targets"][0]["span"]["end"] += 1
    with pytest.raises(ValidationError):
        Article.model_validate(data)


def test_round_trip_json():
    art = extract(EXAMPLE, id="x1", published="2023-12-21")
    again = Article.model_validate_json(art.model_dump_json())
    assert again == art
    assert json.loads(art.model_dump_json())["published"] == "2023-12-21"


def test_schema_names_the_contract_fields():
    schema = json_schema()
    props = schema["properties"]
    for name in ("id", "url", "title", "published", "author", "text", "location", "meetings", "officials",
                 "targets", "percentages", "quantities", "warnings"):
        assert name in props
    assert set(schema["$defs"]["Role"]["properties"]) >= {"title", "organization", "body", "level", "place", "text"}


@pytest.mark.parametrize("raw, clean", [
    ("Đa\u0309ng u\u0309y", "Đảng ủy"),          # NFD
    ("dòng 1\r\ndòng 2", "dòng 1\ndòng 2"),
    ("xã\u00a0Bình\u200bKhánh", "xã BìnhKhánh"),
    ("hội\u00adnghị", "hộinghị"),
    ("a\x07b", "ab"),
])
def test_normalize(raw, clean):
    assert normalize(raw) == clean


def test_fold_is_length_preserving_and_placement_insensitive():
    for a, b in (("Uỷ ban", "ủy ban"), ("Hoà Bình", "hòa bình"), ("Thuý", "thúy"), ("KHOÁ", "khóa")):
        assert fold(a) == fold(b)
        assert len(fold(a)) == len(a)
    assert fold("quý") == "quý"


def test_old_and_new_tone_marks_extract_alike():
    a = extract("Bà Lê Thị Thuý, Phó Chủ tịch Uỷ ban nhân dân xã Hoà Bình dự.")
    b = extract("Bà Lê Thị Thúy, Phó Chủ tịch Ủy ban nhân dân xã Hòa Bình dự.")
    assert [(r.title, r.level) for r in a.officials[0].roles] == [(r.title, r.level) for r in b.officials[0].roles]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("đồngchíNguyễnVăn ,.-/%0123456789xãhuyệnPhó Chủ tịchHĐND\n\u0301\u0309")), max_size=300))
def test_spans_always_point_into_the_text(text):
    art = extract(text)
    for span in art.iter_spans():
        assert art.text[span.start:span.end] == span.text


def test_optional_word_segmentation_component():
    from extractor.views.spacy_adapter import make_nlp

    text = "Đồng chí Nguyễn Văn Bé Tư, Phó Chủ tịch HĐND huyện dự hội nghị tổng kết."
    doc = make_nlp(words=True)(text)
    words = [s.text for s in doc.spans["words"]]
    assert words[:4] == ["Đồng chí", "Nguyễn Văn Bé Tư", ",", "Phó"]
    assert "Chủ tịch" in words and "hội nghị" in words


def test_every_field_of_the_schema_is_described():
    from extractor.records import Article

    schema = Article.model_json_schema()
    models = [("Article", schema), *schema["$defs"].items()]
    missing = [f"{name}.{field}" for name, d in models for field, v in d.get("properties", {}).items()
               if not v.get("description")]
    assert not missing, missing
    assert "tỉ lệ hộ nghèo" in schema["$defs"]["Percentage"]["properties"]["subject"]["description"]
