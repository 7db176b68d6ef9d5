"""extractor.context: the ranges a stage has taken, and the sentence lookups."""
from __future__ import annotations

import random

from extractor.context import Claims, Context


def test_a_range_inside_an_earlier_long_one_overlaps():
    # a long claim followed by several short ones inside it: the long one still covers what follows
    c = Claims([(0, 100), (10, 20), (30, 40), (50, 60), (70, 80)])
    assert c.overlaps(85, 90)
    assert not c.overlaps(100, 110)


def test_touching_ranges_do_not_overlap():
    c = Claims([(10, 20)])
    assert (c.overlaps(0, 10), c.overlaps(20, 30), c.overlaps(19, 21), c.overlaps(0, 11)) == (False, False, True, True)


def test_overlaps_agrees_with_a_scan_whatever_the_order_of_adding():
    rng = random.Random(7)
    ranges = []
    for _ in range(300):
        a = rng.randrange(0, 5000)
        ranges.append((a, a + rng.randrange(1, 400)))
    c = Claims(ranges)  # added out of order
    for _ in range(2000):
        a = rng.randrange(0, 5500)
        b = a + rng.randrange(1, 60)
        assert c.overlaps(a, b) == any(x < b and a < y for x, y in ranges), (a, b)
    assert sorted(ranges) == sorted(c)


def test_sentence_of_and_range():
    ctx = Context("Xã An Phú họp. Ông Lê Văn Tâm dự. Hết")
    first, second = ctx.sentences[0], ctx.sentences[1]
    assert ctx.text[first[0]:first[1]].strip() == "Xã An Phú họp."
    assert ctx.sentence_of(ctx.text.index("Tâm")) == 1
    assert ctx.sentence_range(ctx.text.index("Tâm")) == second
