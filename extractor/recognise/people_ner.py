"""The NER stage: names of people the rules missed.

Candidates are capitalised runs shaped like a name (a surname from
``patterns/people.yaml`` and a common middle syllable, or a surname and two
more syllables) that no rule claimed and no place or thing word stands
before.  underthesea's bundled CRF NER (a file inside the installed package,
no download) confirms the candidates, run on their sentences only: at about
0.65 s per 4 KB article on every sentence it would cap a worker near 1.5
articles/s, on candidate sentences it costs a few milliseconds.
"""
from __future__ import annotations

import bisect
import functools
import re

from extractor.context import Claims, Context
from extractor.findings import PersonFound
from extractor.text.normalize import UPPER, fold

_CAPITAL_WORD = re.compile(r"(?<![\w'’])" + UPPER + r"[^\W\d_]*")
from extractor.recognise import officials as _off

# Sentences one article may send to underthesea: a bound on the cost of a pathological text.
_MAX_NER_SENTENCES = 40


@functools.lru_cache(maxsize=1)
def _ner():
    try:
        from underthesea import ner  # bundled CRF model, loaded from the package
    except Exception:  # pragma: no cover - underthesea is a dependency
        return None
    return ner


@functools.lru_cache(maxsize=2048)
def _person_words(sentence: str) -> str | None:
    """The words underthesea tags as persons in ``sentence`` (cached: captions repeat sentences)."""
    ner = _ner()
    if ner is None:
        return None
    try:
        tags = ner(sentence[:2000])
    except Exception:
        return None
    return " ".join(w for w, *_rest, tag in tags if tag.endswith("PER"))


def _confirmed(sentence: str, name: str) -> bool | None:
    joined = _person_words(sentence)
    if joined is None:
        return None
    joined = joined.lower()
    return any(part.lower() in joined for part in name.split()[-1:])


_BYLINE_AFTER = re.compile(r"\s*[-–|,]\s*\(?\d{1,2}(?:[:h]\d{2}|/\d{1,2})")
# window: at most 60 characters before the run (read by the linear-time guard, tests/test_patterns_linear.py)
WINDOWED: dict[str, str] = {"_LIST_ITEM_BEFORE": "at most 60 characters before the run"}
_LIST_ITEM_BEFORE = re.compile(r"(?:" + UPPER + r"[^\s,;.()]*\s)*" + UPPER + r"[^\s,;.()]*\s*(?:,|\svà)\s*$")


def _list_head(ctx: Context, a: int) -> int:
    """Where the comma list a capitalised run at ``a`` closes begins (``A, B, C``: A's start)."""
    head = a
    for _ in range(8):
        m = _LIST_ITEM_BEFORE.search(ctx.text, max(0, head - 60), head)
        if not m:
            break
        head = m.start()
    return head


def add_missed_people(ctx: Context, people: list) -> None:
    lex = _off._lex()
    claimed = Claims([m for p in people for m in p.mentions])
    for a, b in [(r.start, r.end) for p in people for r in p.roles] + list(ctx.found.not_people):
        claimed.add(a, b)
    known = {p.key for p in people}
    budget = _MAX_NER_SENTENCES
    # quote positions, found once: slicing the sentence for each candidate is quadratic
    opens = [m.start() for m in re.finditer("“", ctx.text)]
    closes = [m.start() for m in re.finditer("”", ctx.text)] if opens else []
    for m in _CAPITAL_WORD.finditer(ctx.text):
        a = m.start()
        if a >= ctx.body_end:
            break
        if claimed.overlaps(a, a + 1):
            continue
        span = _off._read_name(ctx, a)
        if not span or not _off._is_strong_name(ctx, *span):
            continue
        a, b = span
        k = fold(_off._name_text(ctx, a, b))
        if k in known:
            continue
        # a place written like a name: the article writes it after a unit word ("xã Hương Giang"),
        # or, for two syllables, the gazetteer knows it ("Châu Thành: Hội Nông dân huyện ...")
        if _off.is_place_name(ctx, k) or (len(k.split()) == 2 and _off._is_place(ctx.text[a:b])):
            continue
        if k in {fold(x.strip()) for x in re.split(r"\s*[-–—,]\s*", ctx.author or "") if x.strip()}:
            continue  # the byline
        before = ctx.key[max(0, a - 40):a]
        if lex["not_before"].search(before) or re.search(r"(?:ảnh|ảnh:|tin|bài)\s*[:.]?\s*$", before):
            continue
        if (a == 0 or ctx.text[a - 1] == "\n") and _BYLINE_AFTER.match(ctx.text, b):
            continue  # "Hoàng Minh - 16:40, 09/01/2026": a byline line with its time
        if ctx.text[a - 1:a] == "(" and ctx.text[b:b + 1] == ")" and ctx.text[a:b].isupper():
            continue  # "(TRƯƠNG CÔNG)" closing an item: its byline
        head = _list_head(ctx, a)
        if head < a and lex["not_before"].search(ctx.key[max(0, head - 40):head]):
            continue  # "các tuyến đường Điện Biên Phủ, Ung Văn Khiêm, Nguyễn Gia Trí": a list of things
        s0, s1 = ctx.sentence_range(a)
        # The tagger sees the name with some words either side, not the whole sentence: its cost
        # grows with the length of what it reads.
        lo = max(s0, ctx.text.rfind(" ", s0, max(s0, a - 60)) + 1)
        hi = ctx.text.find(" ", min(s1, b + 60), s1)
        sentence = ctx.text[lo:hi if hi > 0 else s1]
        i = bisect.bisect_left(opens, a) - 1  # the last “ of the sentence before the name ...
        if i >= 0 and opens[i] >= s0:
            j = bisect.bisect_left(closes, opens[i])  # ... and no ” after it: inside quotes
            if j >= len(closes) or closes[j] >= a:
                continue  # inside a quoted slogan or title
        line0 = ctx.text.rfind("\n", 0, a) + 1
        if ctx.text.count('"', max(s0, line0), a) % 2 == 1:
            continue  # inside a straight-quoted slogan or title ("Cựu Chiến Binh Gương Mẫu")
        parts = k.split()
        strong = parts[1] in lex["middle"] and len(parts) >= 3
        if not strong:
            if budget <= 0:
                continue
            budget -= 1
            ok = _confirmed(sentence, ctx.text[a:b])
            if not ok:
                continue
        person = PersonFound(_off._name_text(ctx, a, b), k, None, [], [(a, b)], [], "ner")
        people.append(person)
        known.add(k)
        claimed.add(a, b)
    people.sort(key=lambda p: p.mentions[0][0])
