"""Repairs of broken input (extractor/text/repair.py): charsets, mojibake, TCVN3 and VNI.

Every "before" below is made here from a Unicode Vietnamese sentence the way
the fault happens in the wild (UTF-8 bytes read as Windows-1252 or Latin-1;
text typed in a legacy font, whose bytes are then read as Windows-1252), and
must come back exactly, with a note saying what was done.  The negatives must
come back untouched, with no note.
"""
from __future__ import annotations

import codecs
import unicodedata

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.text.legacy import CONVERTERS, legacy_tables, tcvn3_to_unicode, vni_to_unicode
from extractor.text.repair import decode_bytes, detect_legacy, fix_text, is_syllable, repair

SENTENCES = [
    "Đảng ủy xã Bình Khánh tổ chức hội nghị tổng kết năm 2023.",
    "Đồng chí Nguyễn Văn Bé Tư, Phó Chủ tịch HĐND huyện Mỏ Cày Nam, phát biểu chỉ đạo.",
    "Xã đạt 14/18 chỉ tiêu nghị quyết, tỉ lệ hộ nghèo giảm từ 3,39% xuống còn 2,35%.",
    "Thu nhập bình quân đầu người ước đạt 60 triệu đồng/người/năm.",
    "Ủy ban nhân dân thị trấn Cầu Kè triển khai phương hướng, nhiệm vụ năm 2024.",
    "Bà Trần Thị Thúy, Ủy viên Ban Thường vụ Huyện ủy, trao quà cho các hộ nghèo.",
    "Sáng ngày 02/8/2023, Hội Nông dân xã Phước Hiệp khai mạc đại hội nhiệm kỳ 2023-2028.",
    "Ông Phạm Quốc Khởi, Bí thư Chi bộ ấp Hưng Nhơn, được khen thưởng vì thành tích xuất sắc.",
]

CLEAN = [
    *SENTENCES,
    "ĐẢNG ỦY XÃ BÌNH KHÁNH TỔ CHỨC HỘI NGHỊ",
    "XÃ BÌNH KHÁNH, HUYỆN MỎ CÀY NAM",
    "Cô Hà ở Cà Mau. Bà Tô có ba cô con gái.",
    "Chào cô, cô có khỏe không? Tôi là Hà.",
    "À, Ô, Ê, ôi, ơi, ý",
    "Hòa Bình, Thủy, Quý, thuở",
    "Tỉnh ủy Bến Tre",
]

NEGATIVES = [
    *CLEAN,
    "The district committee met on 21/12/2023 and approved 14/18 targets (77.8%).",
    "1.200 hộ, 83,3%, 60.000.000 đồng, 24/7, 0913 123 456, 12/3 đường 30/4",
    "0123456789 / % + - = ( ) [ ] 1/1/1/1/1/1 99999999999",
    "Où est la fête? Ça coûte très cher à Noël. L'élève a reçu un prix à l'école.",
    "Müller und Söhne öffnen die Tür für Bäume. Größe, Straße, Übung.",
    "El niño comió piñas en España; la canción está aquí, ¿verdad? ¡Sí, señor!",
    "A não ser que você saiba, a educação é importante. Coração, São Paulo.",
    "Size 50µm and 20µm, ± 3 °C; price ½ of £20 © 2024 «Quote» · Home · News ®",
    "Þórður og Ævar fóru í bæinn. Smørrebrød på Ærø, Åland.",
    "naïve café résumé déjà vu façade jalapeño Zoë crème brûlée smörgåsbord",
    "",
    "\n\n",
]


# -- how the faults are made ------------------------------------------------

def as_mojibake(text: str, charset: str = "sloppy-windows-1252") -> str:
    """UTF-8 bytes read as a single-byte charset."""
    return text.encode("utf-8").decode(charset)


def _inverse(table: dict) -> dict[str, str]:
    return {uni: code for code, uni in table.items()}


def as_tcvn3(text: str) -> str:
    """Typed in an ABC font (capitals with a tone in the caps font: lowercase codes)."""
    lg = legacy_tables()
    inv = {u: chr(b) for b, u in lg.tcvn3.items()}
    return "".join(inv.get(c) or inv.get(c.lower(), c) for c in text)


def tcvn3_expected(text: str) -> str:
    """What TCVN3 can say of ``text``: a capital with a tone it has no code for reads lowercase."""
    inv = {u for u in legacy_tables().tcvn3.values()}
    return "".join(c if c in inv or c.lower() not in inv else c.lower() for c in text)


def as_cp1258(text: str) -> bytes:
    """Windows-1258 keeps ă â ê ô ơ ư đ precomposed and writes the tone as a combining mark."""
    out = []
    for c in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", c)
        tones = "".join(m for m in d if m in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(m for m in d if m not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def as_vni(text: str) -> str:
    lg = legacy_tables()
    inv = _inverse({**lg.vni_pairs, **lg.vni_single})
    return "".join(inv.get(c, c) for c in text)


# -- mojibake ------------------------------------------------------------------

def test_the_issue_example():
    assert fix_text("Ä\x90áº£ng á»§y") == ("Đảng ủy", ["repaired mojibake: UTF-8 read as Windows-1252"])
    # the same, where the crawler decoded with errors="replace" and lost the 0x90 byte
    text, notes = fix_text("Ä\ufffdáº£ng á»§y")
    assert text == "Đảng ủy"
    assert notes[0] == "repaired mojibake: UTF-8 read as Windows-1252"
    assert "restored 1 character lost in the misreading by guess" in notes


@pytest.mark.parametrize("sentence", SENTENCES)
def test_mojibake_windows_1252(sentence):
    before = as_mojibake(sentence)
    assert before != sentence
    assert fix_text(before) == (sentence, ["repaired mojibake: UTF-8 read as Windows-1252"])


@pytest.mark.parametrize("sentence", SENTENCES)
def test_mojibake_latin_1(sentence):
    before = as_mojibake(sentence, "latin-1")
    after, notes = fix_text(before)
    assert after == sentence
    assert len(notes) == 1 and notes[0].startswith("repaired mojibake: UTF-8 read as ")


def test_mojibake_samples():
    # before/after pairs as they show in a crawl
    assert as_mojibake("Phó Chủ tịch") == "PhÃ³ Chá»§ tá»‹ch"
    assert fix_text("PhÃ³ Chá»§ tá»‹ch HÄ\x90ND huyá»‡n")[0] == "Phó Chủ tịch HĐND huyện"
    assert fix_text("Ä‘á»“ng chÃ­ ")[0] == "đồng chí "
    # all caps lines, which ftfy alone leaves alone
    assert fix_text(as_mojibake("HỒNG THI"))[0] == "HỒNG THI"


def test_mojibake_only_in_some_lines():
    text = SENTENCES[0] + "\n" + as_mojibake(SENTENCES[1]) + "\n" + SENTENCES[2]
    after, notes = fix_text(text)
    assert after == "\n".join(SENTENCES[:3])
    assert notes == ["repaired mojibake: UTF-8 read as Windows-1252"]


def test_double_mojibake():
    twice = as_mojibake(as_mojibake(SENTENCES[0]))
    assert fix_text(twice)[0] == SENTENCES[0]


@pytest.mark.parametrize("word,expected", [("há»\ufffdp", "họp"), ("nhiá»\ufffdu", "nhiều"),
                                           ("ngÆ°á»\ufffdi", "người"), ("há»\ufffdc", "học"),
                                           ("Tá»\ufffdNG", "TỐNG"), ("Má»\ufffd", "Mỏ")])
def test_lost_bytes_are_guessed_from_vietnamese_spelling(word, expected):
    assert fix_text(f"Ä\ufffdáº£ng á»§y {word}")[0] == f"Đảng ủy {expected}"


# -- legacy font encodings -------------------------------------------------------

def test_tcvn3_samples():
    assert as_tcvn3("Đảng ủy xã Bình Khánh") == "§¶ng ñy x· B×nh Kh¸nh"
    assert fix_text("§¶ng ñy x· B×nh Kh¸nh") == ("Đảng ủy xã Bình Khánh", ["converted from TCVN3 (ABC) to Unicode"])
    # ư is the byte 0xAD, a soft hyphen when read as Latin-1: it must survive
    assert fix_text("Ng\xad\xeai d\xa9n M\xad\xeang Kh\xad¬ng")[0] == "Người dân Mường Khương"


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tcvn3_sentences(sentence):
    before = as_tcvn3(sentence)
    assert before != sentence
    assert fix_text(before) == (tcvn3_expected(sentence), ["converted from TCVN3 (ABC) to Unicode"])


def test_vni_samples():
    assert as_vni("Đảng ủy xã Bình Khánh") == "Ñaûng uûy xaõ Bình Khaùnh"
    assert fix_text("Ñaûng uûy xaõ Bình Khaùnh") == ("Đảng ủy xã Bình Khánh", ["converted from VNI to Unicode"])
    assert fix_text("ÑAÛNG UÛY XAÕ BÌNH KHAÙNH")[0] == "ĐẢNG ỦY XÃ BÌNH KHÁNH"


@pytest.mark.parametrize("sentence", SENTENCES)
def test_vni_sentences(sentence):
    before = as_vni(sentence)
    assert before != sentence
    assert fix_text(before) == (sentence, ["converted from VNI to Unicode"])


def test_legacy_body_under_unicode_chrome():
    """A TCVN3 article pasted under a Unicode site header: only the TCVN3 lines change."""
    text = "Trang chủ › Tin tức\n" + "\n".join(as_tcvn3(s) for s in SENTENCES[:3])
    after, notes = fix_text(text)
    assert after.split("\n")[0] == "Trang chủ › Tin tức"
    assert after.split("\n")[1:] == [tcvn3_expected(s) for s in SENTENCES[:3]]
    assert notes == ["converted from TCVN3 (ABC) to Unicode"]


def test_legacy_tables_cover_every_vietnamese_letter():
    lg = legacy_tables()
    letters = set()
    for base in "aăâeêioôơuưy":
        for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
            c = unicodedata.normalize("NFC", base + tone)
            if len(c) == 1 and not c.isascii():
                letters.update((c, c.upper()))
    letters.update("đĐ")
    assert len(letters) == 134
    vni = set(lg.vni_pairs.values()) | set(lg.vni_single.values())
    assert vni == letters
    tcvn3 = set(lg.tcvn3.values())
    lower = {c for c in letters if c.islower()}
    assert lower <= tcvn3  # ABC: every lowercase letter, capitals only in part
    assert set("ĂÂÊÔƠƯĐ") <= tcvn3
    assert len(set(lg.tcvn3.values())) == len(lg.tcvn3)  # one byte per letter, no clashes
    # every letter round-trips through both encodings, alone and in running text
    for c in sorted(letters):
        assert _to(as_vni(c), "VNI") == c
        assert _to(as_tcvn3(c), "TCVN3") == (c if c in tcvn3 else c.lower())
    every = " ".join(sorted(letters))
    assert _to(as_vni(every), "VNI") == every
    assert _to(as_tcvn3(every), "TCVN3") == tcvn3_expected(every)


def _to(text: str, enc: str) -> str:
    return CONVERTERS[enc](text)


def test_every_letter_converts_alone():
    lg = legacy_tables()
    for code, uni in {**lg.vni_pairs, **lg.vni_single}.items():
        assert vni_to_unicode(code) == uni
    for b, uni in lg.tcvn3.items():
        assert tcvn3_to_unicode(chr(b)) == uni


# -- negatives -----------------------------------------------------------------

@pytest.mark.parametrize("text", NEGATIVES)
def test_clean_text_is_left_alone(text):
    assert fix_text(text) == (text, [])
    assert detect_legacy(text) is None


def test_corpus_is_left_alone():
    from pathlib import Path

    for path in sorted((Path(__file__).resolve().parents[2] / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert fix_text(text) == (text, []), path.name


VIET_WORDS = st.sampled_from(sorted(set(" ".join(SENTENCES + CLEAN).replace(",", " ").replace(".", " ").split())))


@settings(max_examples=150, deadline=None)
@given(st.lists(VIET_WORDS, min_size=1, max_size=30))
def test_unicode_vietnamese_never_repaired(words):
    text = " ".join(words)
    assert fix_text(text) == (text, [])


@settings(max_examples=150, deadline=None)
@given(st.lists(VIET_WORDS, min_size=1, max_size=30))
def test_mojibake_of_any_vietnamese_repaired(words):
    text = " ".join(words)
    before = as_mojibake(text)
    if before == text:
        return
    assert fix_text(before)[0] == text


@settings(max_examples=150, deadline=None)
@given(st.lists(VIET_WORDS, min_size=6, max_size=30))
def test_legacy_of_vietnamese_converted(words):
    text = " ".join(words)
    for before, expected in ((as_vni(text), text), (as_tcvn3(text), tcvn3_expected(text))):
        after, notes = fix_text(before)
        if after != before:  # too few accented words may not be convincing: then untouched
            assert after == expected
            assert len(notes) == 1


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2FF), max_size=200))
def test_fix_text_never_raises_on_latin_text(text):
    after, notes = fix_text(text)
    assert isinstance(after, str) and all(isinstance(n, str) for n in notes)


# -- syllables -----------------------------------------------------------------

def test_syllables():
    for w in "đảng ủy xã bình khánh nghiêng khuỷu người thuở quý gìn giữ oong xoong hoặc tuyển".split():
        assert is_syllable(w), w
    for w in "ộtộ cafộ hềc ẹaỷng müller kan ghan street".split():
        assert not is_syllable(w), w
    assert not is_syllable("a" * 10_000)


# -- bytes -----------------------------------------------------------------------

def test_decode_utf8_and_declared():
    raw = SENTENCES[0].encode("utf-8")
    assert decode_bytes(raw) == (SENTENCES[0], [])
    assert decode_bytes(raw, "UTF-8") == (SENTENCES[0], [])
    assert decode_bytes(raw, "iso-8859-1") == (
        SENTENCES[0], ["declared charset iso-8859-1 ignored: the bytes are UTF-8"])
    assert decode_bytes(b"plain ascii", "windows-1252") == ("plain ascii", [])
    assert decode_bytes(b"") == ("", [])


def test_decode_declared_windows_1258():
    raw = as_cp1258(SENTENCES[1])
    assert decode_bytes(raw, "windows-1258") == (SENTENCES[1], [])


def test_decode_unknown_or_wrong_declared():
    text, notes = decode_bytes(SENTENCES[0].encode("utf-8"), "x-no-such-charset")
    assert text == SENTENCES[0] and notes[0] == "declared charset 'x-no-such-charset' is unknown; ignored"
    raw = "Đảng".encode("utf-16-le")
    text, notes = decode_bytes(b"\xff\xfe" + raw)
    assert text == "Đảng" and notes == ["decoded as utf-16 (byte-order mark)"]


def test_decode_detects_windows_1258():
    raw = as_cp1258(" ".join(SENTENCES))
    text, notes = decode_bytes(raw)
    assert len(notes) == 1 and notes[0].startswith("decoded as ") and notes[0].endswith("(detected)")
    if notes[0] == "decoded as windows-1258 (detected)":
        assert text == " ".join(SENTENCES)


def test_decode_legacy_font_bytes_then_convert():
    raw = as_tcvn3(" ".join(SENTENCES[:3])).encode("latin-1")
    text, notes = repair(raw)
    assert text == tcvn3_expected(" ".join(SENTENCES[:3]))
    assert notes == ["decoded as windows-1252 (detected: TCVN3 (ABC) font bytes)",
                     "converted from TCVN3 (ABC) to Unicode"]
    raw = as_vni(SENTENCES[0]).encode("cp1252")
    assert repair(raw) == (SENTENCES[0], ["decoded as windows-1252 (detected: VNI font bytes)",
                                          "converted from VNI to Unicode"])


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([None, "utf-8", "windows-1258", "latin-1", "shift_jis", "bogus"]))
def test_decode_never_raises(data, declared):
    text, notes = decode_bytes(data, declared)
    assert isinstance(text, str) and all(isinstance(n, str) and n for n in notes)
    fix_text(text)


def test_linear_on_long_inputs():
    # no timing assertions: these would hang if anything were quadratic
    long_moji = as_mojibake(SENTENCES[0]) * 20_000  # ~1.7 MB on one line
    after, notes = fix_text(long_moji)
    assert after == SENTENCES[0] * 20_000
    assert notes == ["repaired mojibake: UTF-8 read as Windows-1252"]
    long_tcvn = (as_tcvn3(SENTENCES[1]) + " ") * 5_000
    assert fix_text(long_tcvn)[0] == (tcvn3_expected(SENTENCES[1]) + " ") * 5_000
    junk = "µ¸¶·¹" * 200_000
    assert fix_text(junk)[0] in (junk, _to(junk, "TCVN3"))


def test_decode_truncated_and_nearly_utf8():
    raw = " ".join(SENTENCES).encode("utf-8")
    cut = raw[:-2] if raw[-2] >= 0x80 else raw[: raw.rfind("ủ".encode()) + 2]
    text, notes = decode_bytes(cut)
    assert notes == ["decoded as utf-8; an incomplete character at the end (truncated input) was dropped"]
    assert " ".join(SENTENCES).startswith(text)
    stray = raw[:100] + b"\xff" + raw[100:]
    text, notes = decode_bytes(stray)
    assert notes == ["decoded as utf-8 with 1 undecodable byte sequence replaced"]
    assert text.replace("\ufffd", "") == " ".join(SENTENCES)


def test_doctests_of_repair():
    """The examples in the docstrings of the repairs (repair.py and the modules it was split
    into: decoding, legacy, syllables) hold (CI collects tests/ only)."""
    import doctest

    import extractor.text.decoding
    import extractor.text.legacy
    import extractor.text.repair
    import extractor.text.syllables

    attempted = 0
    for module in (extractor.text.repair, extractor.text.decoding, extractor.text.legacy, extractor.text.syllables):
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert result.failed == 0 and result.attempted > 0, module.__name__
        attempted += result.attempted
    assert attempted > 10


def test_repair_keeps_its_names():
    """Callers import these from extractor.text.repair; they are the split modules' own objects."""
    import extractor.text.repair as r
    from extractor.text import decoding, legacy, syllables

    assert r.decode_bytes is decoding.decode_bytes
    assert r.detect_legacy is legacy.detect_legacy
    assert r.is_syllable is syllables.is_syllable


def test_decode_bytes_steps():
    from extractor.text.decoding import _by_bom, _by_declared, _detected

    with_bom = codecs.BOM_UTF16_LE + "Đảng".encode("utf-16-le")
    assert _by_bom(with_bom) == ("Đảng", ["decoded as utf-16 (byte-order mark)"])
    assert _by_bom(codecs.BOM_UTF8 + "ủy".encode()) == ("ủy", [])
    assert _by_bom("ủy".encode()) is None
    notes: list[str] = []
    assert _by_declared(b"caf\xe9", "latin1", None, notes) == "café" and notes == []
    assert _by_declared(b"\xff\xfe", "x-no-such", None, notes) is None
    assert notes == ["declared charset 'x-no-such' is unknown; ignored"]
    notes = []
    assert _by_declared(b"\xc3", "utf-8", None, notes) is None
    assert notes == ["declared charset utf-8 does not fit the bytes; ignored"]
    text, note = _detected(as_tcvn3(SENTENCES[0]).encode("cp1252"))
    assert note == "decoded as windows-1252 (detected: TCVN3 (ABC) font bytes)"
    assert fix_text(text)[0] == SENTENCES[0]
