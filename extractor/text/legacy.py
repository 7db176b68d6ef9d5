"""Text typed in the legacy Vietnamese font encodings, TCVN3 (ABC) and VNI, made Unicode.

Before Unicode, Vietnamese was typed in fonts that put its letters on the Latin-1 code points
(``§¶ng ñy`` is TCVN3 for ``Đảng ủy``, ``Ñaûng uûy`` VNI).  Such text is detected from its
character statistics, line by line, and converted with the tables of
``patterns/legacy_encodings.yaml``: a conversion is made only when the text holds characters
that cannot occur in Unicode Vietnamese *and* the converted words are valid Vietnamese
syllables.  Linear: one pass per line, table look-ups, and regexes of single character classes.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from extractor.resources import load_yaml
from extractor.text.syllables import is_syllable

__all__ = [
    "CONVERTERS",
    "LATIN1_HIGH",
    "LEGACY_NAMES",
    "LegacyTables",
    "detect_legacy",
    "legacy_pass",
    "legacy_tables",
    "tcvn3_to_unicode",
    "vni_to_unicode",
]

# Latin-1 letters that are themselves Vietnamese letters: legacy text that shows
# only these is indistinguishable from Unicode, so they never count as evidence.
_VIET_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")


# ---------------------------------------------------------------------------
# The legacy tables (patterns/legacy_encodings.yaml)

@dataclass(frozen=True)
class LegacyTables:
    """The tables of ``patterns/legacy_encodings.yaml``, ready for conversion and detection."""

    tcvn3: Mapping[int, str]           # ord(char as read) -> Unicode, for str.translate
    tcvn3_evidence: frozenset[str]     # characters Unicode Vietnamese never holds
    vni_pairs: Mapping[str, str]       # base + mark (two characters) -> Unicode
    vni_single: Mapping[str, str]      # one character -> Unicode
    vni_bases: frozenset[str]
    vni_evidence: frozenset[str]
    lost_bytes: Mapping[str, tuple[str, ...]]  # mojibake: what a lost byte after these characters can be
    common: Mapping[str, int]          # syllable -> frequency rank


@functools.lru_cache(maxsize=1)
def legacy_tables() -> LegacyTables:
    """The legacy encoding tables, read once per process."""
    data = load_yaml("legacy_encodings.yaml")
    t = data["tcvn3"]
    tcvn3 = {int(b): str(u) for b, u in t["bytes"].items()}
    pairs: dict[str, str] = {}
    single: dict[str, str] = {}
    for uni, code in data["vni"]["letters"].items():
        code = str(code)
        (pairs if len(code) == 2 else single)[code] = unicodedata.normalize("NFC", str(uni))
    vni_chars = {c for code in list(pairs) + list(single) for c in code}
    return LegacyTables(
        tcvn3=tcvn3,
        tcvn3_evidence=frozenset(chr(b) for b in tcvn3) - _VIET_LATIN1,
        vni_pairs=pairs,
        vni_single=single,
        vni_bases=frozenset(k[0] for k in pairs),
        vni_evidence=frozenset(c for c in vni_chars if c >= "\u00a0") - _VIET_LATIN1,
        lost_bytes={str(k): tuple(str(x) for x in v) for k, v in data["lost_bytes"].items()},
        common={w: i for i, w in enumerate(data.get("common_syllables", []))},
    )


def tcvn3_to_unicode(word: str) -> str:
    """TCVN3 (ABC) as read through Windows-1252/Latin-1 -> Unicode.

    >>> tcvn3_to_unicode("§¶ng ñy x· B×nh Kh¸nh")
    'Đảng ủy xã Bình Khánh'
    """
    return word.translate(legacy_tables().tcvn3)


def vni_to_unicode(text: str) -> str:
    """VNI as read through Windows-1252/Latin-1 -> Unicode, in one left-to-right pass.

    >>> vni_to_unicode("Ñaûng uûy xaõ Bình Khaùnh, Ñoàng Khôûi")
    'Đảng ủy xã Bình Khánh, Đồng Khởi'
    """
    lg = legacy_tables()
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
CONVERTERS: Mapping[str, Callable[[str], str]] = {"VNI": vni_to_unicode, "TCVN3": tcvn3_to_unicode}
# How the notes name each encoding.
LEGACY_NAMES: Mapping[str, str] = {"TCVN3": "TCVN3 (ABC)", "VNI": "VNI"}

# A word: letters of any script and the Latin-1 symbols the legacy fonts reuse
# as letters (one character class repeated: no backtracking).
_LEGACY_WORD = re.compile(r"(?:[^\W\d_]|[\u00a1-\u00bf\u00d7\u00f7])+")
# Characters that only Unicode Vietnamese has (no legacy font text read as
# Latin-1 holds them): ă đ ĩ ũ ơ ư, the Latin Extended Additional letters and
# combining marks.  A line holding one is Unicode and left alone.
_UNICODE_VIET = re.compile(r"[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
                           r"\u1ea0-\u1ef9\u0300-\u036f]")
LATIN1_HIGH = re.compile(r"[\u00a1-\u00ff]")
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
    convert = CONVERTERS[enc]
    evidence_chars = legacy_tables().tcvn3_evidence if enc == "TCVN3" else legacy_tables().vni_evidence
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
        if LATIN1_HIGH.search(line) and not _UNICODE_VIET.search(line):
            yield i


def legacy_pass(lines: list[str]) -> str | None:
    """Convert the legacy lines of ``lines`` in place; the encoding's key, or None."""
    candidates = list(_candidate_lines(lines))
    if not candidates:
        return None
    best: tuple[tuple[int, int], str, dict[int, tuple[str, _Score]]] | None = None
    for enc in CONVERTERS:
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
    return legacy_pass(text.split("\n"))

