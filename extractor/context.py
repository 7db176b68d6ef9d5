"""The per-article working state shared by the recognisers.

A :class:`Context` is what the stages of :mod:`extractor.pipeline` share: the
text, its matching key (same length), the sentence ranges, and what each stage
found, with character offsets.  Stages read what earlier stages left and add
their own; :func:`extractor.resolve.to_article` turns it into the records.
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from extractor.findings import Findings
from extractor.text.normalize import fold
from extractor.text.sentences import sentence_bounds


class Claims:
    """Character ranges already taken by a stage, with an exact overlap test in O(log n) (bisect
    over the starts and a running maximum of the ends), so that long articles stay linear.

    >>> c = Claims([(0, 100), (10, 20), (30, 40), (50, 60), (70, 80)])
    >>> c.overlaps(85, 90), c.overlaps(100, 110), Claims([(5, 8)]).overlaps(0, 5)
    (True, False, False)
    """

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()):
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._reach: list[int] = []  # _reach[i]: the furthest end of the ranges 0..i (by start)
        for a, b in ranges:
            self.add(a, b)

    def add(self, a: int, b: int) -> None:
        i = bisect.bisect_right(self._starts, a)
        self._starts.insert(i, a)
        self._ends.insert(i, b)
        reach = self._reach[i - 1] if i else b
        self._reach.insert(i, max(reach, b))
        for j in range(i + 1, len(self._reach)):  # the list insert above costs as much
            self._reach[j] = max(self._reach[j - 1], self._ends[j])

    def overlaps(self, a: int, b: int) -> bool:
        """Whether ``[a, b)`` shares a character with a range taken: one starting before ``b``
        reaches past ``a``."""
        i = bisect.bisect_left(self._starts, b)
        return i > 0 and self._reach[i - 1] > a

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(zip(self._starts, self._ends, strict=True))


@dataclass
class Meta:
    """What the input says of the article (given values win over the text)."""

    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    author: str | None = None
    warnings: list[str] = field(default_factory=list)  # e.g. encoding repairs made by a reader


@dataclass
class Context:
    text: str
    meta: Meta = field(default_factory=Meta)
    key: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # Filled by the stages, one typed field per kind of finding.
    found: Findings = field(default_factory=Findings)
    # Article-level values found in the text.
    title: str | None = None
    published: dt.date | None = None
    author: str | None = None
    body_start: int = 0
    body_end: int = 1 << 62  # where "Tin liên quan" and other articles' headlines begin
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.key:
            self.key = fold(self.text)
        if not self.sentences:
            self.sentences = sentence_bounds(self.text)
        self._starts = [s for s, _ in self.sentences]

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the previous one in a gap)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return max(i, 0)

    def sentence_range(self, offset: int) -> tuple[int, int]:
        if not self.sentences:
            return (0, len(self.text))
        return self.sentences[self.sentence_of(offset)]
