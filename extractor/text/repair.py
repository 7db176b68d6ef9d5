"""Repairs of broken input: undeclared or wrong charsets, mojibake and legacy font encodings.

Crawled provincial news reaches us in every state of disrepair.  This module
turns it back into Unicode *before* normalisation and extraction, and says
what it did, as plain sentences meant for the record's ``warnings``:

:func:`decode_bytes`
    bytes -> text.  A declared charset is honoured when it fits the bytes;
    else UTF-8 when the bytes are UTF-8; else the charset is detected
    (legacy Vietnamese font bytes first, then charset-normalizer).

:func:`fix_text`
    text -> text.  UTF-8 that was read as Windows-1252 or Latin-1
    (``Ä\\x90áº£ng á»§y``) is repaired with ftfy, bytes such a misreading lost
    (``Ä�áº£ng``) are restored where Vietnamese leaves one choice; text typed
    in the legacy TCVN3 (ABC) or VNI font encodings (``§¶ng ñy``,
    ``Ñaûng uûy``) is detected from its character statistics and converted
    with the tables of ``patterns/legacy_encodings.yaml``.

:func:`repair`
    both: bytes or text in, repaired text and notes out.

Everything runs in linear time: one pass per line, table look-ups and a few
regexes made of single character classes (no backtracking).  Clean Unicode
Vietnamese, English and numbers come out unchanged: a legacy conversion is
made only when the text holds characters that cannot occur in Unicode
Vietnamese *and* the converted words are valid Vietnamese syllables.

Apply the repairs to the raw text, before :func:`extractor.text.normalize.normalize`:
normalisation drops C1 control characters and soft hyphens, which carry
letters in mojibake (``Ä\\x90`` = ``Đ``) and in TCVN3 (``\\xad`` = ``ư``).
"""
from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["decode_bytes", "detect_legacy", "fix_text", "is_syllable", "repair"]

# ---------------------------------------------------------------------------
# Vietnamese letters and syllables

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot
_ACUTE, _DOT = "\u0301", "\u0323"
# Latin-1 letters that are themselves Vietnamese letters: legacy text that shows
# only these is indistinguishable from Unicode, so they never count as evidence.
_VIET_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_VOWELS = frozenset("aăâeêioôơuưy")


def _build_letters() -> dict[str, tuple[str, str]]:
    """Lower-case Vietnamese letter -> (letter without tone, tone mark or '')."""
    out: dict[str, tuple[str, str]] = {c: (c, "") for c in "abcdđeghiklmnopqrstuvxyăâêôơư"}
    for base in "aăâeêioôơuưy":
        for tone in _TONE_MARKS:
            out[unicodedata.normalize("NFC", base + tone)] = (base, tone)
    return out


_LETTERS = _build_letters()
_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
_CODAS = ("ng", "nh", "ch", "c", "m", "n", "p", "t", "")
_STOPS = frozenset(("c", "ch", "p", "t"))
# Vowel nuclei: those that end in a glide take no coda, a few need one.
_OPEN_ONLY = frozenset("""ai ao au ay âu ây eo êu ia iu oi ôi ơi ui ưi ưu ua ưa uơ
                          iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyu""".split())
_NEED_CODA = frozenset("ă â iê yê uô ươ uyê uâ oă oo".split())
_NUCLEI = _OPEN_ONLY | _NEED_CODA | frozenset("a e ê i o ô ơ u ư y oa oe uê uy".split())
_FRONT = frozenset("eêiy")


def is_syllable(word: str) -> bool:
    """Whether ``word`` is spelled like one Vietnamese syllable (any case, NFC).

    Onset, vowel nucleus and coda must be Vietnamese and fit together, there is
    at most one tone mark, a syllable closed by ``c ch p t`` takes only the
    acute or dot tone, and the spelling rules hold (``k gh ngh`` before
    ``e ê i y`` only, ``c g ng`` never there).  Used to judge conversions, so it
    errs on the side of saying no.

    >>> [is_syllable(w) for w in ("Đảng", "ủy", "nghiêng", "khuỷu", "gìn", "Nguyễn", "xoong", "quý")]
    [True, True, True, True, True, True, True, True]
    >>> [is_syllable(w) for w in ("ộtộ", "cafộ", "hềc", "ẹaỷng", "Haựnh", "boọ", "Müller", "kan", "")]
    [False, False, False, False, False, False, False, False, False]
    """
    if not word or len(word) > 7:
        return False
    base = []
    tone = ""
    for ch in word.lower():
        got = _LETTERS.get(ch)
        if got is None:
            return False
        b, t = got
        if t:
            if tone:
                return False
            tone = t
        base.append(b)
    s = "".join(base)
    for onset in _ONSETS:
        if not s.startswith(onset):
            continue
        rest = s[len(onset):]
        if onset == "gi" and (not rest or rest[0] not in _VOWELS):
            continue  # "gìn": onset g, nucleus i
        for coda in _CODAS:
            if coda and not rest.endswith(coda):
                continue
            nucleus = rest[: len(rest) - len(coda)]
            if nucleus not in _NUCLEI or _syllable_rules_broken(onset, nucleus, coda, tone):
                continue
            return True
    return False


def _syllable_rules_broken(onset: str, nucleus: str, coda: str, tone: str) -> bool:
    if (coda and nucleus in _OPEN_ONLY) or (not coda and nucleus in _NEED_CODA):
        return True
    if nucleus == "oo" and coda not in ("ng", "c"):
        return True
    if coda in ("ch", "nh") and nucleus[-1] not in "aêiy":
        return True
    if coda in _STOPS and tone not in (_ACUTE, _DOT):
        return True
    front = nucleus[0] in _FRONT
    if onset in ("k", "gh", "ngh") and not front:
        return True
    if (onset in ("c", "ng") and front) or (onset == "g" and nucleus[0] in "eê"):
        return True
    return False


# ---------------------------------------------------------------------------
# The legacy tables (patterns/legacy_encodings.yaml)

@dataclass(frozen=True)
class _Legacy:
    tcvn3: dict[int, str]              # ord(char as read) -> Unicode, for str.translate
    tcvn3_evidence: frozenset[str]     # characters Unicode Vietnamese never holds
    vni_pairs: dict[str, str]          # base + mark (two characters) -> Unicode
    vni_single: dict[str, str]         # one character -> Unicode
    vni_bases: frozenset[str]
    vni_evidence: frozenset[str]
    lost_bytes: dict[str, tuple[str, ...]]
    common: dict[str, int]             # syllable -> frequency rank


@functools.lru_cache(maxsize=1)
def _legacy() -> _Legacy:
    from extractor.resources import load_yaml

    data = load_yaml("legacy_encodings.yaml")
    t = data["tcvn3"]
    tcvn3 = {int(b): str(u) for b, u in t["bytes"].items()}
    pairs: dict[str, str] = {}
    single: dict[str, str] = {}
    for uni, code in data["vni"]["letters"].items():
        code = str(code)
        (pairs if len(code) == 2 else single)[code] = unicodedata.normalize("NFC", str(uni))
    vni_chars = {c for code in list(pairs) + list(single) for c in code}
    return _Legacy(
        tcvn3=tcvn3,
        tcvn3_evidence=frozenset(chr(b) for b in tcvn3) - _VIET_LATIN1,
        vni_pairs=pairs,
        vni_single=single,
        vni_bases=frozenset(k[0] for k in pairs),
        vni_evidence=frozenset(c for c in vni_chars if c >= "\u00a0") - _VIET_LATIN1,
        lost_bytes={str(k): tuple(str(x) for x in v) for k, v in data["lost_bytes"].items()},
        common={w: i for i, w in enumerate(data.get("common_syllables", []))},
    )


def _to_unicode_tcvn3(word: str) -> str:
    """TCVN3 (ABC) as read through Windows-1252/Latin-1 -> Unicode.

    >>> _to_unicode_tcvn3("§¶ng ñy x· B×nh Kh¸nh")
    'Đảng ủy xã Bình Khánh'
    """
    return word.translate(_legacy().tcvn3)


def _to_unicode_vni(text: str) -> str:
    """VNI as read through Windows-1252/Latin-1 -> Unicode, in one left-to-right pass.

    >>> _to_unicode_vni("Ñaûng uûy xaõ Bình Khaùnh, Ñoàng Khôûi")
    'Đảng ủy xã Bình Khánh, Đồng Khởi'
    """
    lg = _legacy()
    out = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in lg.vni_bases and i + 1 < n:
            got = lg.vni_pairs.get(text[i : i + 2])
            if got is not None:
                out.append(got)
                i += 2
                continue
        out.append(lg.vni_single.get(ch, ch))
        i += 1
    return "".join(out)


# VNI first: on a tie it wins (TCVN3 text almost never reads as VNI; short VNI
# text can read as TCVN3).
_CONVERTERS = {"VNI": _to_unicode_vni, "TCVN3": _to_unicode_tcvn3}
_NAMES = {"TCVN3": "TCVN3 (ABC)", "VNI": "VNI"}

# A word: letters of any script and the Latin-1 symbols the legacy fonts reuse
# as letters (one character class repeated: no backtracking).
_LEGACY_WORD = re.compile(r"(?:[^\W\d_]|[\u00a1-\u00bf\u00d7\u00f7])+")
# Characters that only Unicode Vietnamese has (no legacy font text read as
# Latin-1 holds them): ă đ ĩ ũ ơ ư, the Latin Extended Additional letters and
# combining marks.  A line holding one is Unicode and left alone.
_UNICODE_VIET = re.compile(r"[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
                           r"\u1ea0-\u1ef9\u0300-\u036f]")
_LATIN1_HIGH = re.compile(r"[\u00a1-\u00ff]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


@dataclass
class _Score:
    words: int = 0      # words (with an ASCII letter) in the lines scored
    accented: int = 0   # ... holding a non-ASCII character
    readable: int = 0   # ... that read as a Vietnamese syllable once converted
    cased: int = 0      # ... whose case is consistent once converted (lower, UPPER or Title)
    changed: int = 0    # words the conversion changes
    evidence: int = 0   # characters that cannot be Unicode Vietnamese
    distinct_words: set[str] = field(default_factory=set)     # a few changed words
    distinct_evidence: set[str] = field(default_factory=set)  # a few evidence characters

    def add(self, other: _Score) -> None:
        self.words += other.words
        self.accented += other.accented
        self.readable += other.readable
        self.cased += other.cased
        self.changed += other.changed
        self.evidence += other.evidence
        for mine, theirs in ((self.distinct_words, other.distinct_words),
                             (self.distinct_evidence, other.distinct_evidence)):
            for x in theirs:
                if len(mine) >= _DISTINCT:
                    break
                mine.add(x)

    @property
    def convincing(self) -> bool:
        """Varied evidence, a fair share of the words changed, and the result reads as Vietnamese."""
        if len(self.distinct_words) < 3 or len(self.distinct_evidence) < 2:
            return False
        if self.changed < 0.2 * self.words:
            return False
        if self.accented < 5:
            return self.readable == self.accented
        return self.readable >= 0.8 * self.accented


_DISTINCT = 8


def _score_line(line: str, enc: str) -> tuple[str, _Score]:
    """The line converted, and how convincing the conversion is.

    Only words holding an ASCII letter are scored: a lone ``©`` or ``«`` is a
    symbol far more often than a TCVN3 vowel.  All words are converted.
    """
    convert = _CONVERTERS[enc]
    evidence_chars = _legacy().tcvn3_evidence if enc == "TCVN3" else _legacy().vni_evidence
    score = _Score()
    out: list[str] = []
    pos = 0
    for m in _LEGACY_WORD.finditer(line):
        word = m.group()
        new = convert(word)
        if _ASCII_LETTER.search(word):
            score.words += 1
            if not word.isascii():
                score.accented += 1
                score.readable += is_syllable(new)
                score.cased += new.islower() or new.isupper() or new.istitle()
            if new != word:
                score.changed += 1
                if len(score.distinct_words) < _DISTINCT:
                    score.distinct_words.add(word)
                for c in word:
                    if c in evidence_chars:
                        score.evidence += 1
                        if len(score.distinct_evidence) < _DISTINCT:
                            score.distinct_evidence.add(c)
        out.append(line[pos : m.start()])
        out.append(new)
        pos = m.end()
    out.append(line[pos:])
    return "".join(out), score


def _candidate_lines(lines: list[str]) -> Iterator[int]:
    """Lines that may be legacy text: some Latin-1 letters, nothing only Unicode has."""
    for i, line in enumerate(lines):
        if _LATIN1_HIGH.search(line) and not _UNICODE_VIET.search(line):
            yield i


def _legacy_pass(lines: list[str]) -> str | None:
    """Convert the legacy lines of ``lines`` in place; the encoding's key, or None."""
    candidates = list(_candidate_lines(lines))
    if not candidates:
        return None
    best: tuple[tuple[int, int], str, dict[int, tuple[str, _Score]]] | None = None
    for enc in _CONVERTERS:
        total = _Score()
        per_line = {}
        for i in candidates:
            new, score = _score_line(lines[i], enc)
            per_line[i] = (new, score)
            total.add(score)
        if total.convincing and (best is None or (total.readable, total.cased) > best[0]):
            best = ((total.readable, total.cased), enc, per_line)
    if best is None:
        return None
    _, enc, per_line = best
    # In a document that mixes Unicode lines with legacy ones, a line is
    # converted only on its own evidence; else every line that reads better.
    mixed = len(candidates) < len(lines) and any(_UNICODE_VIET.search(line) for line in lines)
    for i, (new, score) in per_line.items():
        if (score.evidence or not mixed) and score.changed and score.readable * 2 >= score.accented:
            lines[i] = unicodedata.normalize("NFC", new)
    return enc


def detect_legacy(text: str) -> str | None:
    """``"TCVN3"`` or ``"VNI"`` when ``text`` reads as that legacy font encoding, else None.

    >>> detect_legacy("§¶ng ñy x· B×nh Kh¸nh"), detect_legacy("Ñaûng uûy xaõ Bình Khaùnh")
    ('TCVN3', 'VNI')
    >>> detect_legacy("Đảng ủy xã Bình Khánh"), detect_legacy("Müller café"), detect_legacy("42")
    (None, None, None)
    """
    return _legacy_pass(text.split("\n"))


# ---------------------------------------------------------------------------
# Mojibake: UTF-8 read as a single-byte charset

_ENCODING_NAMES = {
    "sloppy-windows-1252": "Windows-1252", "windows-1252": "Windows-1252",
    "latin-1": "Latin-1", "iso-8859-1": "Latin-1",
    "sloppy-windows-1250": "Windows-1250", "windows-1250": "Windows-1250",
    "sloppy-windows-1251": "Windows-1251", "windows-1251": "Windows-1251",
    "macroman": "Mac Roman", "cp437": "code page 437",
}
# A line that may hold mojibake: a UTF-8 lead byte (0xC2-0xF4) read as a Latin-1
# letter, then a continuation byte (0x80-0xBF) as Latin-1 or Windows-1252 shows
# it, or the U+FFFD a lost one left.  Clean text seldom has the pair: ftfy is
# only asked about lines that do.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\ufffd]")
# C1 controls that Windows-1252 defines (it leaves 0x81 0x8D 0x8F 0x90 0x9D undefined).
_C1_NOT_1252 = re.compile(r"[\u0080\u0082-\u008c\u008e\u0091-\u009c\u009e\u009f]")
_CHUNK = 1 << 16  # ftfy works on pieces of at most this many characters (cut at a space)


def _chunks(line: str) -> Iterator[str]:
    """``line`` in pieces of about ``_CHUNK`` characters, cut after a space (mojibake never spans one)."""
    start, n = 0, len(line)
    while n - start > _CHUNK:
        cut = line.rfind(" ", start + _CHUNK // 2, start + _CHUNK)
        cut = start + _CHUNK if cut < 0 else cut + 1
        yield line[start:cut]
        start = cut
    yield line[start:]


def _word_around(s: str, i: int) -> tuple[int, int]:
    a = i
    while a > 0 and not s[a - 1].isspace() and i - a < 40:
        a -= 1
    b = i
    while b < len(s) and not s[b].isspace() and b - i < 40:
        b += 1
    return a, b


_VIET_NON_ASCII = frozenset(c for c in _LETTERS if not c.isascii()) | frozenset(
    c.upper() for c in _LETTERS if not c.isascii()) | frozenset("\u00a0“”‘’–—…•«»°·")


def _reads_vietnamese(text: str) -> bool:
    """Every non-ASCII character of ``text`` is a Vietnamese letter or common punctuation.

    >>> _reads_vietnamese("BÌNH THUẬN – “Đ”"), _reads_vietnamese("XÅ"), _reads_vietnamese("PHڔ")
    (True, False, False)
    """
    return not text.isascii() and all(c.isascii() or c in _VIET_NON_ASCII for c in text)


def _decode_word(word: str) -> str | None:
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    try:
        return word.encode("sloppy-windows-1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def _restore_lost_bytes(line: str) -> tuple[str, int]:
    """Put back the bytes a Windows-1252 decoding with ``errors="replace"`` lost.

    >>> _restore_lost_bytes("Ä\\ufffdáº£ng á»§y, há»\\ufffdp, nhiá»\\ufffdu")
    ('Ä\\x90áº£ng á»§y, há»\\x8dp, nhiá»\\x81u', 3)
    """
    lg = _legacy()
    keys = sorted(lg.lost_bytes, key=len, reverse=True)
    chars = list(line)
    restored = 0
    for i, ch in enumerate(chars):
        if ch != "\ufffd":
            continue
        key = next((k for k in keys if i >= len(k) and line[i - len(k) : i] == k), None)
        if key is None:
            continue
        options = lg.lost_bytes[key]
        choice = options[0]
        if len(options) > 1:
            a, b = _word_around(line, i)
            near = [c for c in line[max(0, i - 60):i + 60] if "A" <= c <= "Z" or "a" <= c <= "z"]
            caps = sum(c <= "Z" for c in near) >= 0.8 * len(near) > 0
            best_rank: tuple | None = None
            for order, cand in enumerate(options):
                piece = "".join(chars[a:i]) + cand + line[i + 1 : b].replace("\ufffd", "?")
                word = _decode_word(piece)
                letters = "".join(c for c in (word or "") if c.isalpha())
                valid = bool(letters) and is_syllable(letters)
                decoded_char = _decode_word(key + cand) or ""
                # a capital inside an ALL CAPS word (or, when the word cannot tell, in ALL CAPS
                # text), a small letter in running text
                at = letters.find(decoded_char) if decoded_char else -1
                rest = letters[1:at] + letters[at + 1:] if at > 0 else ""
                upper = rest.isupper() if rest else caps
                case_ok = bool(decoded_char) and (at == 0 or decoded_char.isupper() == upper)
                rank = lg.common.get(letters.lower(), len(lg.common))
                key_rank = (not valid, not case_ok, rank, order)
                if best_rank is None or key_rank < best_rank:
                    best_rank, choice = key_rank, cand
        chars[i] = choice
        restored += 1
    return "".join(chars), restored


def _fix_mojibake_piece(piece: str) -> tuple[str, list[str], int]:
    import ftfy

    restored = 0
    if "\ufffd" in piece:
        attempt, restored = _restore_lost_bytes(piece)
        if restored:
            fixed, expl = ftfy.fix_encoding_and_explain(attempt)
            if expl and fixed.count("\ufffd") <= piece.count("\ufffd") - restored:
                return fixed, [step for _, step in expl], restored
            restored = 0
    fixed, expl = ftfy.fix_encoding_and_explain(piece)
    if not expl:
        # ftfy leaves short all-caps pieces alone ("Há»’NG THI"); a piece whose
        # Windows-1252 bytes are strict UTF-8 spelling Vietnamese letters is mojibake.
        whole = _decode_word(piece)
        if whole is not None and whole != piece and _reads_vietnamese(whole):
            return whole, ["sloppy-windows-1252"], restored
    return fixed, [step for _, step in (expl or [])], restored


def _mojibake_pass(lines: list[str]) -> tuple[set[str], int]:
    """Repair mojibake line by line in place; the misreadings found and bytes restored."""
    kinds: set[str] = set()
    restored_total = 0
    for i, line in enumerate(lines):
        if not _MOJIBAKE_HINT.search(line):
            continue
        pieces = []
        for piece in _chunks(line):
            fixed, steps, restored = _fix_mojibake_piece(piece)
            if fixed != piece:
                restored_total += restored
                found = [_ENCODING_NAMES[s] for s in steps if s in _ENCODING_NAMES]
                if "Latin-1" in found and not _C1_NOT_1252.search(piece):
                    # Every byte also reads the same in Windows-1252, which is what a
                    # "latin-1" label means to browsers and crawlers: name that.
                    found = ["Windows-1252" if f == "Latin-1" else f for f in found]
                if not found and any(s in ("decode_inconsistent_utf8", "replace_lossy_sequences") for s in steps):
                    found = ["Windows-1252"]
                kinds.update(found or ["an unknown single-byte charset"])
            pieces.append(fixed)
        lines[i] = "".join(pieces)
    return kinds, restored_total


# ---------------------------------------------------------------------------
# Public API

# Letters that Unicode Vietnamese has and neither mojibake nor TCVN3/VNI bytes produce: ă
# ơ ư đ and the precomposed block U+1EA0-U+1EF9 (ạ ả ấ ầ ... ỹ).
_VIETNAMESE_LETTER = re.compile("[ăĂđĐơƠưƯ\u1ea0-\u1ef9]")


def fix_text(text: str) -> tuple[str, list[str]]:
    """Repair mojibake and legacy font encodings; the text and a note for each repair.

    >>> fix_text("Ä\\x90áº£ng á»§y xÃ£ BÃ¬nh KhÃ¡nh")
    ('Đảng ủy xã Bình Khánh', ['repaired mojibake: UTF-8 read as Windows-1252'])
    >>> fix_text("§¶ng ñy x· B×nh Kh¸nh tæ chøc héi nghÞ")
    ('Đảng ủy xã Bình Khánh tổ chức hội nghị', ['converted from TCVN3 (ABC) to Unicode'])
    >>> fix_text("Ñaûng uûy xaõ Bình Khaùnh toå chöùc hoäi nghò")
    ('Đảng ủy xã Bình Khánh tổ chức hội nghị', ['converted from VNI to Unicode'])
    >>> fix_text("Đảng ủy xã Bình Khánh đạt 15/17 chỉ tiêu (88,2%)")
    ('Đảng ủy xã Bình Khánh đạt 15/17 chỉ tiêu (88,2%)', [])
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if not _LATIN1_HIGH.search(text):
        return text, []  # no Latin-1 letters: neither mojibake nor legacy text
    lines = text.split("\n")
    if all(_VIETNAMESE_LETTER.search(line) or not _LATIN1_HIGH.search(line) for line in lines):
        return text, []  # every line with Latin-1 letters also has letters only Unicode Vietnamese has
    notes: list[str] = []
    legacy = _legacy_pass(lines)
    if legacy is None:
        kinds, restored = _mojibake_pass(lines)
        for kind in sorted(kinds):
            notes.append(f"repaired mojibake: UTF-8 read as {kind}")
        if restored:
            notes.append(f"restored {restored} character{'s' if restored > 1 else ''} lost in the misreading by guess")
        if kinds:
            legacy = _legacy_pass(lines)  # legacy font text stored as UTF-8 and misread again
    if legacy is not None:
        notes.append(f"converted from {_NAMES[legacy]} to Unicode")
    if not notes:
        return text, []
    return "\n".join(lines), notes


_SLOPPY_1252 = frozenset({"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819",
                          "us-ascii", "ascii", "windows-1252", "cp1252", "x-cp1252"})


def _codec(declared: str) -> str | None:
    """Python codec for a declared charset label (WHATWG: Latin-1 and ASCII mean Windows-1252)."""
    label = declared.strip().strip("\"'").lower()
    if not label:
        return None
    if label in _SLOPPY_1252:
        import ftfy.bad_codecs  # noqa: F401

        return "sloppy-windows-1252"
    if label in ("utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8"):
        return "utf-8"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _single_byte(codec: str) -> bool:
    try:
        return len(bytes(range(0x80, 0x100)).decode(codec, errors="replace")) == 0x80
    except LookupError:
        return False


def _label(codec: str) -> str:
    """Display name of a codec: ``cp1258`` -> ``windows-1258``."""
    c = codec.lower().replace("_", "-")
    if c.startswith("sloppy-"):
        c = c[len("sloppy-"):]
    if c.startswith("cp125") and len(c) == 6:
        return "windows-" + c[2:]
    return {"utf-8": "utf-8", "latin-1": "iso-8859-1", "iso8859-1": "iso-8859-1", "ascii": "us-ascii"}.get(c, c)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _nfc_if_combining(text: str, codec: str) -> str:
    """Windows-1258 writes tones as combining marks: compose them (``a`` + U+0309 -> ``ả``)."""
    return unicodedata.normalize("NFC", text) if _label(codec) == "windows-1258" else text


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few bad bytes (a cut at the end, a stray byte) is still UTF-8: text and note.

    >>> _mostly_utf8("Đảng ủy xã".encode()[:-1])
    ('Đảng ủy x', 'decoded as utf-8; an incomplete character at the end (truncated input) was dropped')
    """
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as e:
        if e.start >= len(data) - 3 and e.reason == "unexpected end of data":
            try:
                text = data[: e.start].decode("utf-8")
            except UnicodeDecodeError:
                text = None
            if text is not None:
                return text, "decoded as utf-8; an incomplete character at the end (truncated input) was dropped"
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad  # non-ASCII characters read well
    if bad <= max(3, good // 100):
        return text, f"decoded as utf-8 with {bad} undecodable byte sequence{'s' if bad != 1 else ''} replaced"
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Bytes -> text; the notes say what was done when it was more than the obvious.

    A byte-order mark wins; then the declared charset when it is known and fits
    the bytes (a declared single-byte charset over bytes that are valid,
    non-ASCII UTF-8 is taken for the usual server misconfiguration, and UTF-8
    wins); else UTF-8 when the bytes decode; else detection: bytes of the legacy
    Vietnamese fonts (TCVN3, VNI) are read as Windows-1252 for :func:`fix_text`
    to convert, anything else goes to charset-normalizer.  Never raises on
    bytes: the last resort is UTF-8 with the undecodable bytes replaced.

    >>> decode_bytes("Đảng ủy".encode("utf-8"))
    ('Đảng ủy', [])
    >>> decode_bytes(unicodedata.normalize("NFD", "Đảng ủy").encode("cp1258"), "windows-1258")
    ('Đảng ủy', [])
    >>> decode_bytes("Đảng ủy".encode("utf-8"), "iso-8859-1")
    ('Đảng ủy', ['declared charset iso-8859-1 ignored: the bytes are UTF-8'])
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be bytes, not {type(data).__name__}")
    data = bytes(data)
    notes: list[str] = []
    if not data:
        return "", notes
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                break
            if codec != "utf-8-sig":
                notes.append(f"decoded as {codec} (byte-order mark)")
            return text, notes
    utf8 = _utf8(data)
    if declared:
        codec = _codec(declared)
        shown = declared.strip().strip("\"'").lower()
        if codec is None:
            notes.append(f"declared charset {declared!r} is unknown; ignored")
        elif codec == "utf-8":
            if utf8 is not None:
                return utf8, notes
            notes.append(f"declared charset {shown} does not fit the bytes; ignored")
        elif utf8 is not None and not data.isascii() and _single_byte(codec):
            notes.append(f"declared charset {shown} ignored: the bytes are UTF-8")
            return utf8, notes
        else:
            try:
                return _nfc_if_combining(data.decode(codec), codec), notes
            except (UnicodeDecodeError, LookupError):
                notes.append(f"declared charset {shown} does not fit the bytes; ignored")
    if utf8 is not None:
        if notes:
            notes.append("decoded as utf-8")
        return utf8, notes
    mostly = _mostly_utf8(data)
    if mostly is not None:
        notes.append(mostly[1])
        return mostly[0], notes
    import ftfy.bad_codecs  # noqa: F401

    as_1252 = data.decode("sloppy-windows-1252")
    legacy = detect_legacy(as_1252)
    if legacy is not None:
        notes.append(f"decoded as windows-1252 (detected: {_NAMES[legacy]} font bytes)")
        return as_1252, notes
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # detection must never cost an article its text
        best = None
    if best is not None and best.encoding:
        try:
            text = str(best)
        except Exception:
            text = None
        if text is not None:
            notes.append(f"decoded as {_label(best.encoding)} (detected)")
            return _nfc_if_combining(text, best.encoding), notes
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    notes.append(f"decoded as utf-8 with {bad} undecodable byte sequence{'s' if bad != 1 else ''} replaced")
    return text, notes


def repair(data: bytes | str, declared: str | None = None) -> tuple[str, list[str]]:
    """:func:`decode_bytes` (for bytes) then :func:`fix_text`: repaired text and every note.

    >>> repair("Ñaûng uûy xaõ Bình Khaùnh".encode("cp1252"))  # doctest: +NORMALIZE_WHITESPACE
    ('Đảng ủy xã Bình Khánh',
     ['decoded as windows-1252 (detected: VNI font bytes)', 'converted from VNI to Unicode'])
    """
    notes: list[str] = []
    if isinstance(data, str):
        text = data
    else:
        text, notes = decode_bytes(data, declared)
    text, more = fix_text(text)
    return text, notes + more
