"""The scorer's comparison key, shared by the per-article scoring and the link metrics."""
from __future__ import annotations

import unicodedata
from typing import Any

from extractor.text.normalize import TONE_MARKS

_TONES = set(TONE_MARKS)


def _syllable(s: str) -> str:
    d = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES)) + "".join(c for c in d if c in _TONES)


def text_key(value: Any) -> str:
    """Comparison key: NFC, casefold, collapsed spaces, tone mark moved to the syllable's end.

    >>> text_key("Đảng  Uỷ") == text_key("đảng ủy")
    True
    """
    if value is None:
        return ""
    s = unicodedata.normalize("NFC", str(value)).casefold()
    return " ".join(_syllable(w) for w in s.split())
