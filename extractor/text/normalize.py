"""Normalisation: the text every offset points into, and its matching key.

Two strings leave this stage:

``text``
    NFC, line ends ``\\n``, no zero-width characters, soft hyphens or stray
    control characters, non-breaking and other exotic spaces made plain.
    This is ``Article.text``; all offsets index into it.

``key``
    ``fold(text)``: the same length as ``text``, character for character, in
    lower case and with the tone mark of ``oa``/``oe``/``uy`` open syllables
    moved to the first vowel (the ``hòa``/``ủy``/``thúy`` placement).  Rules
    match against the key, so they are insensitive to case and to old/new
    tone-mark placement, and any offset found in the key is an offset in the
    text.  Only one-to-one character swaps happen, never insertions.
"""
from __future__ import annotations

import re
import unicodedata

# The blocks that hold Unicode's format characters (category Cf): soft hyphen, Arabic number
# signs and letter mark, zero-width spaces and joiners, bidi marks (LRM, RLM), embeddings,
# overrides and isolates, invisible operators, BOM, interlinear annotation, tags ...
_CF_BLOCKS = ((0x00A0, 0x0100), (0x0600, 0x0900), (0x1800, 0x1900), (0x2000, 0x2070), (0xFE00, 0x10000),
              (0x11000, 0x11100), (0x13400, 0x13460), (0x1BC00, 0x1BCB0), (0x1D100, 0x1D200), (0xE0000, 0xE0080))
FORMAT_CHARS = [c for lo, hi in _CF_BLOCKS for c in range(lo, hi) if unicodedata.category(chr(c)) == "Cf"]

# Control and invisible characters a crawler leaves behind: dropped outright (offsets index the
# text without them).
_DROP = dict.fromkeys(
    [c for c in range(0x20) if c not in (0x09, 0x0A)]
    + list(range(0x7F, 0xA0))
    + FORMAT_CHARS  # every Cf: U+200B-U+200F, U+061C, U+202A-U+202E, U+2066-U+2069, U+FEFF ...
    + [0xFFFE, 0xFFFF]
    + list(range(0xD800, 0xE000)),  # lone surrogates (from broken decoding)
)
# Spaces of every width become a plain space.
_SPACES = {c: " " for c in (0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B))}
_TRANSLATE = {**_DROP, **_SPACES, 0x2028: "\n", 0x2029: "\n", 0x0009: " "}

_CRLF = re.compile(r"\r\n?")


def normalize(raw: str) -> str:
    """The article text: NFC, ``\\n`` line ends, no invisible characters.

    >>> normalize("Đa\u0309ng u\u0309y\\r\\nxa\u0303\u00a0Bình\u200b Khánh")
    'Đảng ủy\\nxã Bình Khánh'
    >>> normalize("Ng\u200euy\u200fễn Văn\u2067 An\u2069 \u061c\u202bdự\u202c")
    'Nguyễn Văn An dự'
    """
    text = _CRLF.sub("\n", raw)
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_TRANSLATE)
    # Stray combining marks left with no base after dropping controls.
    return unicodedata.normalize("NFC", text)


# A regex class of capital letters (Latin with Vietnamese marks included): the stdlib ``re``
# has no \p{Lu}, and a range like ``À-Ỹ`` would also take the lower-case letters between.
UPPER = "[" + "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isupper() and c.isalpha()) + "]"

# The five combining tone marks of Vietnamese (grave, acute, tilde, hook above, dot below): the one
# tone table of the project.
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _build_tone_tables() -> tuple[dict[str, tuple[str, str]], dict[tuple[str, str], str]]:
    split: dict[str, tuple[str, str]] = {}
    join: dict[tuple[str, str], str] = {}
    for base in "aeiouyâăêôơư":
        for b in (base, base.upper()):
            for tone in TONE_MARKS:
                composed = unicodedata.normalize("NFC", b + tone)
                if len(composed) == 1:
                    split[composed] = (b, tone)
                    join[(b, tone)] = composed
    return split, join


_SPLIT, _JOIN = _build_tone_tables()
# An open oa/oe/uy syllable whose tone sits on the second vowel: ``hoà``, ``uỷ``, ``thuý``.
# The lookbehind keeps ``qu`` (``quý``) and ``gi``-less onsets honest: ``u`` after ``q`` is a consonant.
_OLD_STYLE = re.compile(
    r"(?<![qQ])([oOuU])([" + "".join(c for c, (b, _) in _SPLIT.items() if b.lower() in "aey") + r"])(?![^\W\d_])"
)


def _move_tone(m: re.Match[str]) -> str:
    first, second = m.group(1), m.group(2)
    base, tone = _SPLIT[second]
    if (first.lower() == "o" and base.lower() not in "ae") or (first.lower() == "u" and base.lower() != "y"):
        return m.group(0)
    return _JOIN[(first, tone)] + base


def _lower(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


def fold(text: str) -> str:
    """Matching key: lower case, new-style tone placement, same length as ``text``.

    >>> fold("Đảng Uỷ xã Hoà Bình, bà Thuý")
    'đảng ủy xã hòa bình, bà thúy'
    >>> fold("quý") == "quý" and len(fold("İ")) == 1
    True
    """
    moved = _OLD_STYLE.sub(_move_tone, text)
    low = moved.lower()
    if len(low) != len(text):  # a few characters lower-case to two (İ)
        low = "".join(_lower(c) for c in moved)
    return low


def strip_tones(text: str) -> str:
    """Drop tone marks but keep vowel shapes (``Hòa`` -> ``Hoa``), length preserving."""
    return "".join(_SPLIT.get(c, (c, ""))[0] for c in text)
