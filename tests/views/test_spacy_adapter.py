"""spaCy at the edge: records as ``doc.spans`` groups, a ``vn_extractor`` component, and
the core's promise that it does not build a Doc."""
import subprocess
import sys

import spacy

import extractor
from extractor.views.spacy_adapter import make_nlp, to_doc

TEXT = ("Sáng 20/12/2023, Đảng ủy xã Bình Khánh tổ chức hội nghị tổng kết năm 2023. Đồng chí Nguyễn Văn Bé Tư, "
        "Phó Chủ tịch HĐND huyện Mỏ Cày Nam dự hội nghị. Xã đạt 17/18 chỉ tiêu, tỉ lệ hộ nghèo còn 2,35%.")


def test_to_doc_puts_every_item_in_its_group():
    art = extractor.extract(TEXT, id="x")
    doc = to_doc(art)
    assert doc.text == art.text
    assert [s.text for s in doc.spans["official"]] == ["Nguyễn Văn Bé Tư"]
    assert [s.text for s in doc.spans["role"]] == ["Phó Chủ tịch HĐND huyện Mỏ Cày Nam"]
    assert [s.text for s in doc.spans["target"]] == ["17/18"]
    assert [s.text for s in doc.spans["percent"]] == ["2,35%"]
    assert doc.spans["meeting"][0].text.startswith("hội nghị tổng kết")
    assert doc.user_data["article"] is art
    tip = doc.user_data["tips"][("target", doc.spans["target"][0].start_char, doc.spans["target"][0].end_char)]
    assert "not met" in tip


def test_component_in_a_pipeline_and_displacy_renders_it():
    doc = make_nlp()(TEXT)
    assert [s.text for s in doc.spans["official"]] == ["Nguyễn Văn Bé Tư"]
    html = spacy.displacy.render(doc, style="span", options={"spans_key": "official"}, jupyter=False)
    assert "Nguyễn" in html and "official" in html


def test_component_on_another_tokenizer_aligns_spans():
    nlp = spacy.blank("xx")  # spaCy's own rule tokenizer (its "vi" one needs pyvi)
    nlp.add_pipe("vn_extractor", config={"ner": False})
    doc = nlp(TEXT)
    assert doc.spans["target"][0].text == "17/18"


def test_the_core_does_not_import_spacy():
    code = ("import sys, extractor; extractor.extract('Đồng chí Nguyễn Văn An, Bí thư Đảng ủy xã dự hội nghị.'); "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
