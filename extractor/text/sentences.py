"""Sentences: the character ranges every span's ``sentence`` index counts in.

A stop (``.``, ``!``, ``?``, ``…``) followed by a capital or a digit, or a line end, ends a
sentence, and so does every newline; abbreviations that end in a stop inside a sentence
(``UBND TP. Bến Tre``, ``PGS.TS. Lê Văn A``) do not.  Linear: one regex scan, and the
abbreviation check runs once per stop.
"""
from __future__ import annotations

import re

from extractor.resources import load_yaml
from extractor.text.normalize import UPPER

# Sentence ends: a full stop, ! or ? (followed by space/newline/quote) or ; and
# every newline.  Kept simple and linear; the lookahead wants a capital or a digit (or the
# line end) after the stop, and abbreviations that end in a stop inside a sentence ("UBND
# TP. Bến Tre", "PGS.TS. Lê Văn A") are checked in Python, once per stop, not per character.
_SENT_END = re.compile(
    r"""
    [.!?…]+                         # a stop
    (?=                             # ... followed by
        [\s"”’)]*                   #   closing quotes and brackets, then
        (?: \n | $                  #   the line end, or
          | \s+ [^\s\w]* (?:"""      #   a blank, opening punctuation and a capital or a digit
    + UPPER
    + r"""|\d) )
    )
    | \n+                           # every newline
    """,
    re.VERBOSE,
)
# `TP.`, `PGS.TS.`: abbreviations whose stop ends no sentence (patterns/sentences.yaml).
_ABBREVIATIONS: frozenset[str] = frozenset(str(a) for a in load_yaml("sentences.yaml")["abbreviations"])


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
