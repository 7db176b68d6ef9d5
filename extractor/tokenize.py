"""Tokenization: a spaCy ``Doc`` of syllables, numbers and punctuation, with sentences.

Vietnamese writes one syllable per space-separated token, so a regex splitter
gives the tokens the rule stages need at a fraction of a word segmenter's
cost; underthesea's segmentation is offered as an optional component
(``vn_words``) for users who want words, and its cost is measured by
``scripts/benchmark.py``.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from .normalize import UPPER
from spacy.util import registry
from spacy.vocab import Vocab

# One token: a number with its internal separators (``1.200``, ``83,3``, ``14/18``
# stays three tokens so that the slash can be looked at), a run of letters
# (apostrophes kept for ``H'Bé``), or one other non-space character.
_TOKEN = re.compile(
    r"""
      \d+(?:[.,]\d+)*          # 1.200 | 83,3 | 12.500.000: bounded, no nesting
    | [^\W\d_]+(?:['’][^\W\d_]+)*  # syllables, K'Ho / H'Bé
    | \S                        # any other single character
    """,
    re.VERBOSE,
)


class SyllableTokenizer:
    """A fast, offset-exact tokenizer for Vietnamese news text."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        last_end = 0
        for m in _TOKEN.finditer(text):
            start = m.start()
            if start > last_end and words:
                gap = text[last_end:start]
                if gap == " ":
                    spaces[-1] = True
                else:
                    # Keep every character: runs of whitespace become their own token.
                    if gap.startswith(" "):
                        spaces[-1] = True
                        gap = gap[1:]
                    if gap:
                        words.append(gap)
                        spaces.append(False)
            elif start > last_end:
                words.append(text[:start])
                spaces.append(False)
            words.append(m.group())
            spaces.append(False)
            last_end = m.end()
        if last_end < len(text):
            tail = text[last_end:]
            if words and tail.startswith(" "):
                spaces[-1] = True
                tail = tail[1:]
            if tail:
                words.append(tail)
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    def to_bytes(self, **kwargs) -> bytes:  # spaCy serialisation hooks
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "SyllableTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "SyllableTokenizer":
        return self


@registry.tokenizers("vn_syllable_tokenizer.v1")
def create_syllable_tokenizer():
    def make(nlp):
        return SyllableTokenizer(nlp.vocab)

    return make


# Sentence ends: a full stop, ! or ? (followed by space/newline/quote) or ; and
# every newline.  Kept simple and linear; abbreviations like ``TP.`` are
# guarded by the lookahead requiring a capital or line end after the stop.
# Sentence ends: a full stop, ! or ? (followed by space/newline/quote) or ; and
# every newline.  Kept simple and linear; the lookahead wants a capital or a digit (or the
# line end) after the stop, and abbreviations that end in a stop inside a sentence ("UBND
# TP. Bến Tre", "PGS.TS. Lê Văn A") are checked in Python, once per stop, not per character.
_SENT_END = re.compile(r"""[.!?…]+(?=[\s"”’)]*(?:\n|$|\s+[^\s\w]*(?:""" + UPPER + r"""|\d)))|\n+""")
_ABBREVIATIONS = {"tp", "ts", "ths", "gs", "pgs", "bs", "ks", "th.s", "tt", "q", "p", "tx", "đt", "st", "pgs.ts", "gs.ts"}


def _abbreviation_before(text: str, stop: int) -> bool:
    j = stop
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    return text[j:stop].lower() in _ABBREVIATIONS


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences of ``text`` (blank ranges dropped).

    >>> t = "Sáng 2/8, hội nghị diễn ra. Đồng chí A dự.\\nQuang cảnh"
    >>> [t[a:b] for a, b in sentence_bounds(t)]
    ['Sáng 2/8, hội nghị diễn ra.', 'Đồng chí A dự.', 'Quang cảnh']
    """
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if text[m.start()] == "." and _abbreviation_before(text, m.start()):
            continue
        end = m.end() if text[m.start()] != "\n" else m.start()
        _add(text, start, end, out)
        start = m.end()
    _add(text, start, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
