"""How an Article shows itself: the notebook view (text as written, every kind highlighted
with a tooltip, spans nested) and ``str``/``repr`` (a screenful, not the whole record)."""
import html
import re
from pathlib import Path

import pytest

import extractor
from extractor.views.display import Highlight, _nest, article_html, labelled_spans

SEED = Path(__file__).resolve().parents[3] / "shared" / "examples" / "binh-khanh-2023.txt"

ARTICLE = """Huyện Thạnh Phú tổng kết phong trào thi đua năm 2022

28/12/2022

Ngày 28/12/2022, UBND huyện Thạnh Phú tổ chức hội nghị tổng kết phong trào thi đua yêu nước năm 2022. Ông Phan Vũ Hùng, Ủy viên Ban Thường vụ Huyện ủy, Chủ tịch UBND huyện chủ trì hội nghị. Năm 2022, huyện đạt 20/21 chỉ tiêu (đạt 95,2%). Tỉ lệ hộ nghèo giảm từ 4,1% xuống còn 3,2%.

Minh Khôi
"""


@pytest.fixture(scope="module")
def art():
    return extractor.extract(ARTICLE, id="tp-2022")


def _strip_tags(h: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", h))


def test_text_is_shown_exactly_as_written(art):
    from extractor.views.display import highlighted

    shown = _strip_tags(highlighted(art))
    assert shown == art.text
    assert "Phan Vũ Hùng, Ủy viên" in shown and "(đạt 95,2%)" in shown  # no space before punctuation


def test_every_kind_is_highlighted_with_what_it_was_read_as(art):
    spans = labelled_spans(art)
    by_kind = {}
    for h in spans:
        by_kind.setdefault(h.kind, []).append(h)
    assert {"meeting", "date", "official", "role", "target", "percent", "previous", "place", "dateline",
            "author"} <= set(by_kind)
    target = by_kind["target"][0]
    assert art.text[target.start:target.end] == "20/21"
    assert "-> 95.2%" in target.tip and "not met" in target.tip
    prev = by_kind["previous"][0]
    assert art.text[prev.start:prev.end] == "4,1%"
    roles = {art.text[h.start:h.end] for h in by_kind["role"]}
    assert "Ủy viên Ban Thường vụ Huyện ủy" in roles
    dateline = by_kind["dateline"][0]
    assert dateline.start == art.text.index("28/12/2022")  # the dateline line, not the lead's date
    author = by_kind["author"][0]
    assert art.text[author.start:author.end] == "Minh Khôi"


def test_one_element_per_span_and_crossing_spans_split():
    # b crosses a: it is cut at a's end, the rest drawn after it
    forest = _nest([Highlight(0, 10, "meeting"), Highlight(5, 15, "official"), Highlight(2, 4, "date")])
    (a, kids), (rest, _) = forest
    assert (a.start, a.end) == (0, 10)
    assert [(k.start, k.end) for k, _ in kids] == [(2, 4), (5, 10)]
    assert (rest.start, rest.end, rest.kind) == (10, 15, "official")


def test_notebook_html_has_a_tooltip_per_highlight_and_works_in_both_themes(art):
    h = art._repr_html_()
    assert h == article_html(art)
    n = len(labelled_spans(art))
    assert h.count("<span class='vnx vnx-") >= n  # legend chips come on top
    assert "title='target: 20/21" in h
    assert "rgba(" in h  # translucent backgrounds, readable on light and dark themes
    assert "<table" in h and "Ủy viên Ban Thường vụ Huyện ủy" in h


def test_str_is_a_short_summary(art):
    s = str(art)
    assert s.splitlines()[0] == "Article tp-2022: Huyện Thạnh Phú tổng kết phong trào thi đua năm 2022"
    assert "Phan Vũ Hùng: Ủy viên Ban Thường vụ Huyện ủy; Chủ tịch UBND huyện" in s
    assert "20/21 chỉ tiêu (not met)" in s
    assert art.text not in s
    r = repr(art)
    assert r.startswith("Article(id='tp-2022'") and len(r) < 200


@pytest.mark.skipif(not SEED.exists(), reason="the seed article is in ../shared, given to CI and developers")
def test_seed_article_str_fits_a_screen():
    a = extractor.extract(SEED.read_text(encoding="utf-8"), id="seed")
    assert len(str(a)) <= 2000
    assert "Nguyễn Văn Bé Tư" in str(a)
