"""Hostile input through the public API: ``extract`` never raises and its records hold.

For arbitrary text (control characters, lone combining marks, stacked tone
marks, right-to-left text and emoji, long runs of digits, slashes and ``%``,
NFD Vietnamese, half-decoded bytes, fragments of the genre glued together)
``extract``

* returns an :class:`~extractor.records.Article` without raising,
* every span points into the article text (``text[start:end] == span.text``),
* and ``model_dump(mode="json")`` validates against the published JSON Schema.

The fixed adversarial inputs at the end would hang (not fail) if a pattern
backtracked catastrophically; they assert no timing, only completion and a
valid record.  ``scripts/adversarial.py`` measures the times.
"""
from __future__ import annotations

import json
import os
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

jsonschema = pytest.importorskip("jsonschema")

from extractor import extract  # noqa: E402
from extractor.records import Article, json_schema  # noqa: E402
from extractor.text.repair import fix_text  # noqa: E402

# 150 examples a property in CI; HOSTILE_EXAMPLES=5000 for a deeper hunt on a workstation.
SETTINGS = settings(max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def check(article: Article) -> None:
    """The invariants every record must keep, whatever came in."""
    assert isinstance(article, Article)
    text = article.text
    for span in article.iter_spans():
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start:span.end] == span.text
        assert span.sentence >= 0
    data = article.model_dump(mode="json")
    errors = sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    json.dumps(data, ensure_ascii=False)  # serialisable as the CLI writes it
    # round trip: the JSON is a valid Article again
    assert Article.model_validate(data).text == text


def run(text: str) -> Article:
    article = extract(text)
    check(article)
    return article


# ---------------------------------------------------------------------------
# strategies

FRAGMENTS = [
    "đồng chí ", "Đồng chí ", "ông ", "bà ", "14/18 chỉ tiêu", "đạt 106%", "(đạt ", "Phó Chủ tịch HĐND huyện",
    "Bí thư Đảng ủy xã Bình Khánh", "UVBTV, PBT", " - ", ", ", ". ", "\n", "\n\n", "Sáng ngày 02/8/2023, ",
    "Thứ Tư, 08/04/2015, 08:11", "nhiệm kỳ 2020-2025", "giảm từ 3,39% xuống còn 2,35%", "60 triệu đồng/người/năm",
    "Nghị quyết số 05-NQ/ĐU", "Quyết định 1234/QĐ-UBND", "24/7", "km/h", "số 12/3 đường ", "hội nghị tổng kết ",
    "PHAN VŨ HÙNG", "Tin, ảnh: Minh Đức", "(", ")", "%", "/", "10-12%", "trên 95%", "khoảng ", "1.200", "83,3",
    "Nguyễn Văn Bé Tư", "chủ trì", "phát biểu chỉ đạo", "huyện Mỏ Cày Nam", "tỉnh Bến Tre", "Ủy viên Ban Thường vụ",
    "phường", "thị trấn", "xã ", "năm 2023", "6 tháng đầu năm 2024", ":", ";", "“", "”", "…",
]
VIETNAMESE = (
    "Sáng ngày 26/12/2019, Đảng ủy xã Phong Phú, huyện Cầu Kè tổ chức hội nghị tổng kết năm 2019. "
    "Dự hội nghị có đồng chí Thạch Sóc Kha - HUV, Phó Chủ tịch UBND huyện Cầu Kè. Xã đạt 15/17 chỉ tiêu "
    "nghị quyết, đạt 88,2%; tỉ lệ hộ nghèo giảm từ 4,12% xuống còn 2,86%. Thu nhập bình quân 42 triệu đồng/người/năm."
)

controls = st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Zs"]), max_size=40)
combining = st.text(st.characters(min_codepoint=0x300, max_codepoint=0x36F), min_size=1, max_size=12)
stacked = st.builds(lambda base, marks: base + marks, st.sampled_from("aeiouyAĐươ"),
                    st.text(st.sampled_from("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"), min_size=2, max_size=8))
RTL_EMOJI = ["\u05d0", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u200f", "\u200e", "\u202e",
             "\u2066", "\U0001F600", "\U0001F1FB\U0001F1F3", "\U0001F468\u200d\U0001F469\u200d\U0001F467", "\ufe0f",
             "\u20e3", "1\ufe0f\u20e3", "\U0001F3F3\ufe0f\u200d\U0001F308"]
rtl_emoji = st.lists(st.sampled_from(RTL_EMOJI), max_size=10).map("".join)
digits = st.text(st.sampled_from("0123456789/%.,-() "), max_size=300)
nfd = st.sampled_from(FRAGMENTS + [VIETNAMESE]).map(lambda s: unicodedata.normalize("NFD", s))
surrogates = st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=4)


@st.composite
def half_decoded(draw):
    """Vietnamese UTF-8 cut at a random byte and read with a wrong or lossy codec."""
    raw = draw(st.sampled_from(FRAGMENTS + [VIETNAMESE])).encode("utf-8")
    a = draw(st.integers(0, len(raw)))
    b = draw(st.integers(a, len(raw)))
    codec = draw(st.sampled_from(["latin-1", "cp1252", "utf-8", "cp1258", "utf-16-le"]))
    return raw[a:b].decode(codec, errors="replace")


fragments = st.sampled_from(FRAGMENTS)
pieces = st.one_of(fragments, controls, combining, stacked, rtl_emoji, digits, nfd, surrogates, half_decoded(),
                   st.text(max_size=30))
hostile = st.lists(pieces, max_size=25).map("".join)


# ---------------------------------------------------------------------------
# properties

@SETTINGS
@given(st.text())
def test_arbitrary_text(text):
    run(text)


@SETTINGS
@given(hostile)
def test_hostile_mixtures(text):
    run(text)


@SETTINGS
@given(st.lists(fragments, min_size=1, max_size=60).map("".join))
def test_genre_fragments(text):
    run(text)


@SETTINGS
@given(st.lists(st.one_of(digits, st.just("/"), st.just("%"), st.just("1/"), st.just("9")), max_size=40).map("".join))
def test_digit_slash_percent_runs(text):
    run(text)


@SETTINGS
@given(hostile)
def test_repaired_text_extracts(text):
    """What the readers hand on after repair is extractable too."""
    repaired, notes = fix_text(text)
    assert all(isinstance(n, str) and n for n in notes)
    run(repaired)


@SETTINGS
@given(st.text(max_size=200), st.sampled_from([None, "x", "", "bài 1"]), st.sampled_from([None, "2023-12-21", "21/12/2023"]))
def test_given_metadata(text, title, published):
    article = extract(text, id="a1", url="https://example.invalid/x", title=title, published=published,
                      warnings=["decoded as windows-1258 (detected)"])
    check(article)
    assert article.id == "a1"
    assert "decoded as windows-1258 (detected)" in article.warnings


def test_nfd_equals_nfc():
    a = run(unicodedata.normalize("NFD", VIETNAMESE))
    b = run(VIETNAMESE)
    assert a.text == b.text
    assert [(t.numerator, t.denominator) for t in a.targets] == [(t.numerator, t.denominator) for t in b.targets]


# ---------------------------------------------------------------------------
# fixed adversarial inputs (would hang, not fail, if a pattern were catastrophic)

ADVERSARIAL = {
    "slashes 1/1/1": "1/" * 5_000 + "1",
    "nines": "9" * 20_000,
    "dong chi no name": "đồng chí " * 1_000,
    "unclosed parentheses": "(" * 5_000 + "đạt 14/18 chỉ tiêu " + "(đạt " * 2_000,
    "percent run": "%" * 10_000 + "1%" * 5_000,
    "digits and dots": "1.2,3." * 5_000,
    "role chain": "Phó Chủ tịch HĐND huyện " * 1_000,
    "dates": "02/8/2023, " * 2_000,
    "200 KB line": (VIETNAMESE.replace(". ", ", ") + " ") * (200_000 // len(VIETNAMESE)),
    "no spaces": "đồngchíNguyễnVănA" * 5_000,
    "combining storm": "a" + "\u0301\u0323" * 10_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_inputs_complete(name):
    run(ADVERSARIAL[name])


def test_dong_chi_without_name_is_nobody():
    article = run("đồng chí " * 1_000)
    assert article.officials == []


# ---------------------------------------------------------------------------
# the fuzz target stays runnable (CI runs it apart: python tests/fuzz_extract.py -runs=2000)

def test_fuzz_target_on_seeds():
    import importlib.util
    import random
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("fuzz_extract", Path(__file__).with_name("fuzz_extract.py"))
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    rng = random.Random(8)
    seeds = [b"", b"\x00", b"\x01\x00", b"\x03" + bytes(range(256)), b"\x04" + bytes(range(0, 256, 3))]
    seeds += [bytes([mode]) + rng.randbytes(rng.randint(0, 600)) for mode in range(5) for _ in range(8)]
    for seed in seeds:
        fuzz.one_input(seed)
