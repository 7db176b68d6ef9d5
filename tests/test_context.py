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


# --- by a colleague (review of the house refactor): edges of Claims and the sentence lookups
def test_claims_empty_overlaps_nothing() -> None:
    c = Claims()
    assert c.overlaps(0, 10) is False
    assert list(c) == []


def test_claims_iterates_sorted_by_start() -> None:
    c = Claims([(20, 25), (0, 5), (10, 12)])
    assert list(c) == [(0, 5), (10, 12), (20, 25)]


def test_claims_adjacent_ranges_do_not_overlap() -> None:
    # ranges are half-open: [10, 20) and [20, 30) only touch
    c = Claims([(10, 20)])
    assert c.overlaps(20, 30) is False
    assert c.overlaps(0, 10) is False
    assert c.overlaps(19, 21) is True
    assert c.overlaps(9, 11) is True


def test_claims_overlapping_and_nested_queries() -> None:
    c = Claims([(10, 20)])
    assert c.overlaps(15, 25) is True   # overlaps the end
    assert c.overlaps(5, 15) is True    # overlaps the start
    assert c.overlaps(12, 18) is True   # nested inside
    assert c.overlaps(0, 100) is True   # contains it
    assert c.overlaps(10, 20) is True   # the same range


def test_claims_many_disjoint_ranges() -> None:
    c = Claims((i * 10, i * 10 + 5) for i in range(1000))
    assert len(list(c)) == 1000
    assert c.overlaps(5, 10) is False      # the gap after the first
    assert c.overlaps(4995, 5000) is False  # a gap in the middle
    assert c.overlaps(5000, 5001) is True
    assert c.overlaps(9994, 9996) is True   # the last one, [9990, 9995)
    assert c.overlaps(9995, 20000) is False
    assert c.overlaps(3, 99999) is True


def test_claims_add_keeps_order_for_equal_starts() -> None:
    c = Claims()
    c.add(5, 8)
    c.add(5, 6)
    c.add(1, 2)
    assert [s for s, _ in c] == [1, 5, 5]
    assert c.overlaps(7, 9) is True


# (a bug found here is fixed: overlaps() once looked only at the 3 ranges starting last before b)
def test_claims_long_range_holding_many_short_ones() -> None:
    c = Claims([(0, 100), (10, 11), (20, 21), (30, 31), (40, 41)])
    assert c.overlaps(50, 60) is True


def _ctx() -> Context:
    # sentences given, so the test does not depend on the splitter
    text = "Câu một. Câu hai dài hơn.  Câu ba."
    return Context(text=text, sentences=[(0, 8), (9, 25), (27, 34)])


def test_sentence_of_inside_and_at_bounds() -> None:
    ctx = _ctx()
    assert ctx.sentence_of(0) == 0
    assert ctx.sentence_of(7) == 0
    assert ctx.sentence_of(9) == 1
    assert ctx.sentence_of(24) == 1
    assert ctx.sentence_of(27) == 2
    assert ctx.sentence_of(33) == 2


def test_sentence_of_in_a_gap_is_the_previous_sentence() -> None:
    ctx = _ctx()
    assert ctx.sentence_of(8) == 0
    assert ctx.sentence_of(25) == 1
    assert ctx.sentence_of(26) == 1


def test_sentence_of_before_the_first_and_after_the_last() -> None:
    ctx = Context(text="  Một câu.", sentences=[(2, 10)])
    assert ctx.sentence_of(0) == 0
    assert ctx.sentence_of(500) == 0


def test_sentence_range() -> None:
    ctx = _ctx()
    assert ctx.sentence_range(3) == (0, 8)
    assert ctx.sentence_range(26) == (9, 25)
    assert ctx.sentence_range(30) == (27, 34)


def test_sentence_range_without_sentences_is_the_whole_text() -> None:
    ctx = Context(text="abc", sentences=[(0, 3)])
    ctx.sentences = []
    assert ctx.sentence_range(1) == (0, 3)


def test_context_splits_and_folds_when_not_given() -> None:
    ctx = Context(text="Hội nghị. Năm 2023.")
    assert len(ctx.key) == len(ctx.text)
    assert ctx.sentences[0][0] == 0
    assert ctx.sentence_range(0) == ctx.sentences[0]
    assert ctx.sentence_of(len(ctx.text) - 1) == len(ctx.sentences) - 1
