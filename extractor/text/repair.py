"""Repairs of broken input: undeclared or wrong charsets, mojibake and legacy font encodings.

Crawled provincial news reaches us in every state of disrepair.  These repairs
turn it back into Unicode *before* normalisation and extraction, and say
what they did, as plain sentences meant for the record's ``warnings``:

:func:`decode_bytes` (:mod:`extractor.text.decoding`)
    bytes -> text.  A declared charset is honoured when it fits the bytes;
    else UTF-8 when the bytes are UTF-8; else the charset is detected
    (legacy Vietnamese font bytes first, then charset-normalizer).

:func:`fix_text` (here)
    text -> text.  UTF-8 that was read as Windows-1252 or Latin-1
    (``Ä\\x90áº£ng á»§y``) is repaired with ftfy, bytes such a misreading lost
    (``Ä�áº£ng``) are restored where Vietnamese leaves one choice; text typed
    in the legacy TCVN3 (ABC) or VNI font encodings (``§¶ng ñy``,
    ``Ñaûng uûy``) is detected from its character statistics and converted
    (:mod:`extractor.text.legacy`, with the tables of ``patterns/legacy_encodings.yaml``).

:func:`repair`
    both: bytes or text in, repaired text and notes out.

Everything runs in linear time: one pass per line, table look-ups and a few
regexes made of single character classes (no backtracking).  Clean Unicode
Vietnamese, English and numbers come out unchanged: a legacy conversion is
made only when the text holds characters that cannot occur in Unicode
Vietnamese *and* the converted words are valid Vietnamese syllables
(:func:`extractor.text.syllables.is_syllable`).

Apply the repairs to the raw text, before :func:`extractor.text.normalize.normalize`:
normalisation drops C1 control characters and soft hyphens, which carry
letters in mojibake (``Ä\\x90`` = ``Đ``) and in TCVN3 (``\\xad`` = ``ư``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from extractor.text.decoding import decode_bytes
from extractor.text.legacy import LATIN1_HIGH, LEGACY_NAMES, detect_legacy, legacy_pass, legacy_tables
from extractor.text.syllables import VIETNAMESE_NON_ASCII, is_syllable

# decode_bytes, detect_legacy and is_syllable live in the modules above; they stay importable
# from here, where the callers (api, io.readers, the tests and scripts) have always found them.
__all__ = ["decode_bytes", "detect_legacy", "fix_text", "is_syllable", "repair"]

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


def _reads_vietnamese(text: str) -> bool:
    """Every non-ASCII character of ``text`` is a Vietnamese letter or common punctuation.

    >>> _reads_vietnamese("BÌNH THUẬN – “Đ”"), _reads_vietnamese("XÅ"), _reads_vietnamese("PHڔ")
    (True, False, False)
    """
    return not text.isascii() and all(c.isascii() or c in VIETNAMESE_NON_ASCII for c in text)


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
    lg = legacy_tables()
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
        chars[i] = options[0] if len(options) == 1 else _likeliest_byte(line, chars, i, key, options)
        restored += 1
    return "".join(chars), restored


def _likeliest_byte(line: str, chars: list[str], i: int, key: str, options: tuple[str, ...]) -> str:
    """Which of *options* the lost character at *i* (after *key*) was: the one whose word decodes
    to a Vietnamese syllable, in the case around it, the commonest, else the first listed.

    *chars* is the line with the bytes before *i* already restored.
    """
    lg = legacy_tables()
    a, b = _word_around(line, i)
    near = [c for c in line[max(0, i - 60):i + 60] if "A" <= c <= "Z" or "a" <= c <= "z"]
    caps = sum(c <= "Z" for c in near) >= 0.8 * len(near) > 0
    choice = options[0]
    best_rank: tuple[bool, bool, int, int] | None = None
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
    return choice


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
    if not LATIN1_HIGH.search(text):
        return text, []  # no Latin-1 letters: neither mojibake nor legacy text
    lines = text.split("\n")
    if all(_VIETNAMESE_LETTER.search(line) or not LATIN1_HIGH.search(line) for line in lines):
        return text, []  # every line with Latin-1 letters also has letters only Unicode Vietnamese has
    notes: list[str] = []
    legacy = legacy_pass(lines)
    if legacy is None:
        kinds, restored = _mojibake_pass(lines)
        for kind in sorted(kinds):
            notes.append(f"repaired mojibake: UTF-8 read as {kind}")
        if restored:
            notes.append(f"restored {restored} character{'s' if restored > 1 else ''} lost in the misreading by guess")
        if kinds:
            legacy = legacy_pass(lines)  # legacy font text stored as UTF-8 and misread again
    if legacy is not None:
        notes.append(f"converted from {LEGACY_NAMES[legacy]} to Unicode")
    if not notes:
        return text, []
    return "\n".join(lines), notes


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

