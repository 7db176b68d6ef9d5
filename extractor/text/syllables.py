"""Vietnamese letters and syllables: whether a word is spelled like one Vietnamese syllable.

The spelling system (onsets, vowel nuclei, codas, where tones may fall, ``k gh ngh`` before
front vowels only) is code rather than data: the inventories and the rules that combine them
are one thing.  Used by the repairs (:mod:`extractor.text.legacy`, :mod:`extractor.text.repair`)
to judge whether a conversion reads as Vietnamese, so it errs on the side of saying no.
"""
from __future__ import annotations

import unicodedata

__all__ = ["LETTERS", "VIETNAMESE_NON_ASCII", "is_syllable"]

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot
_ACUTE, _DOT = "\u0301", "\u0323"
_VOWELS = frozenset("aăâeêioôơuưy")


def _build_letters() -> dict[str, tuple[str, str]]:
    """Lower-case Vietnamese letter -> (letter without tone, tone mark or '')."""
    out: dict[str, tuple[str, str]] = {c: (c, "") for c in "abcdđeghiklmnopqrstuvxyăâêôơư"}
    for base in "aăâeêioôơuưy":
        for tone in _TONE_MARKS:
            out[unicodedata.normalize("NFC", base + tone)] = (base, tone)
    return out


# Lower-case Vietnamese letter -> (letter without tone, tone mark or '').
LETTERS = _build_letters()
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
        got = LETTERS.get(ch)
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


# Non-ASCII characters of Vietnamese text: its letters in both cases and common punctuation.
VIETNAMESE_NON_ASCII = frozenset(c for c in LETTERS if not c.isascii()) | frozenset(
    c.upper() for c in LETTERS if not c.isascii()) | frozenset("\u00a0“”‘’–—…•«»°·")
