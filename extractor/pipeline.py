"""The spaCy pipeline: a blank Vietnamese ``Language`` whose stages are registered components.

normalise -> tokenize -> recognise (vn_sentences, vn_article, vn_dates, vn_figures,
vn_officials, vn_meetings, vn_places) -> resolve -> records.

Each component reads and extends the :class:`~extractor.context.Context` on
``doc.user_data["vn"]`` and mirrors what it found as spaCy spans in
``doc.spans[<group>]``, so displaCy and spaCy users see the same offsets.
The ``Language`` is built once per process (:func:`get_nlp`).
"""
from __future__ import annotations

import functools
import re
import time
from typing import Iterable, Optional

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .components import article as _article
from .components import figures as _figures
from .components import meetings as _meetings
from .components import officials as _officials
from .context import Context, Meta
from .dates import find_dates
from .normalize import normalize
from .tokenize import SyllableTokenizer  # noqa: F401  (registers the tokenizer)

DEFAULT_PIPES = ("vn_sentences", "vn_article", "vn_dates", "vn_figures", "vn_officials", "vn_names_ner", "vn_meetings", "vn_places")


def _ctx(doc: Doc) -> Context:
    return doc.user_data["vn"]


def _mirror(doc: Doc, group: str, items: Iterable[tuple[int, int]], label: str) -> None:
    spans = []
    for a, b in items:
        span = doc.char_span(a, b, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[group] = spans


@Language.factory("vn_sentences")
def make_sentences(nlp: Language, name: str):
    def sentences(doc: Doc) -> Doc:
        # One array write instead of a Python assignment per token.
        ctx = _ctx(doc)
        starts = {a for a, _ in ctx.sentences}
        flags = numpy.fromiter((1 if (i == 0 or t.idx in starts) else -1 for i, t in enumerate(doc)),
                               dtype="int32", count=len(doc))
        if len(doc):
            doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))
        return doc

    return sentences


@Language.factory("vn_article")
def make_article(nlp: Language, name: str):
    def article(doc: Doc) -> Doc:
        ctx = _ctx(doc)
        _article.read_article(ctx)
        if ctx.meta.published:
            ctx.published = ctx.meta.published
        return doc

    return article


@Language.factory("vn_dates")
def make_dates(nlp: Language, name: str):
    def dates(doc: Doc) -> Doc:
        ctx = _ctx(doc)
        ctx.found["dates"] = found = find_dates(ctx.text)
        _mirror(doc, "dates", ((d.start, d.end) for d in found), "DATE")
        return doc

    return dates


@Language.factory("vn_figures")
def make_figures(nlp: Language, name: str):
    def figures(doc: Doc) -> Doc:
        ctx = _ctx(doc)
        dates = [(d.start, d.end) for d in ctx.found.get("dates", []) if d.has_cue or d.year]
        targets = _figures.find_targets(ctx, dates)
        percentages = _figures.find_percentages(ctx)
        taken = dates + [(t.start, t.end) for t in targets] + [(p.start, p.end) for p in percentages]
        quantities = _figures.find_quantities(ctx, taken)
        ctx.found.update(targets=targets, percentages=percentages, quantities=quantities)
        ctx.warnings.extend(_figures.consistency_warnings(targets, quantities, ctx))
        _mirror(doc, "targets", ((t.start, t.end) for t in targets), "TARGET")
        _mirror(doc, "percentages", ((p.start, p.end) for p in percentages), "PERCENT")
        _mirror(doc, "quantities", ((q.start, q.end) for q in quantities), "QUANTITY")
        return doc

    return figures


@Language.factory("vn_officials")
def make_officials(nlp: Language, name: str):
    def officials(doc: Doc) -> Doc:
        ctx = _ctx(doc)
        ctx.found["not_people"] = _byline_spans(ctx)
        people = _officials.find_officials(ctx, ctx.found["not_people"])
        ctx.found["officials"] = people
        _mirror(doc, "officials", (m for p in people for m in p.mentions), "PER")
        _mirror(doc, "roles", ((r.start, r.end) for p in people for r in p.roles), "ROLE")
        return doc

    return officials


def _byline_spans(ctx: Context) -> list[tuple[int, int]]:
    """The author's name where it stands, so it is not read as an official."""
    out = []
    if ctx.author:
        for part in re.split(r"\s*[-–—]\s*", ctx.author.lower()):
            k = ctx.key.rfind(part)
            if part and k >= 0:
                out.append((k, k + len(part)))
    return out


@Language.factory("vn_names_ner", default_config={"enabled": True})
def make_names_ner(nlp: Language, name: str, enabled: bool):
    from .components import ner as _ner

    def names_ner(doc: Doc) -> Doc:
        ctx = _ctx(doc)
        if enabled:
            _ner.add_missed_people(ctx, ctx.found.setdefault("officials", []))
        _officials.participation(ctx, ctx.found["officials"])
        return doc

    return names_ner


@Language.factory("vn_meetings")
def make_meetings(nlp: Language, name: str):
    def meetings(doc: Doc) -> Doc:
        ctx = _ctx(doc)
        found = _meetings.find_meetings(ctx, ctx.found.get("dates", []))
        ctx.found["meetings"] = found
        _mirror(doc, "meetings", ((m.start, m.end) for m in found), "MEETING")
        return doc

    return meetings


@Language.factory("vn_places")
def make_places(nlp: Language, name: str):
    from . import gazetteer

    def places(doc: Doc) -> Doc:
        ctx = _ctx(doc)
        try:
            ctx.found["location"] = gazetteer.locate(ctx.text, title=ctx.meta.title or ctx.title, published=ctx.published)
        except Exception as e:  # the gazetteer must never cost an article its record
            ctx.warnings.append(f"location lookup failed: {type(e).__name__}")
            ctx.found["location"] = None
        return doc

    return places


@Language.factory("vn_words")
def make_words(nlp: Language, name: str):
    """Optional: underthesea's word segmentation as spans in ``doc.spans["words"]``.

    Not in the default pipeline: the rule stages match lexicons on syllables and do not need
    it, and it costs about 15 ms per 4 KB article (``scripts/benchmark.py``).  Add it with
    ``get_nlp(DEFAULT_PIPES + ("vn_words",))`` when you want words.
    """
    from underthesea import word_tokenize

    def words(doc: Doc) -> Doc:
        ctx = _ctx(doc)
        found = []
        for a, b in ctx.sentences:
            pos = a
            for word in word_tokenize(ctx.text[a:b]):
                k = ctx.text.find(word, pos, b)
                if k >= 0:  # underthesea keeps the characters; find each word after the last
                    found.append((k, k + len(word)))
                    pos = k + len(word)
        _mirror(doc, "words", found, "WORD")
        return doc

    return words


@functools.lru_cache(maxsize=4)
def get_nlp(pipes: tuple[str, ...] = DEFAULT_PIPES, ner: bool = True) -> Language:
    """The pipeline, built once per process for each configuration."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vn_syllable_tokenizer.v1"}}})
    # No parser or statistical NER runs here, so spaCy's memory guard for long texts does not
    # apply; the size limit users see is the batch runner's --max-chars.
    nlp.max_length = 50_000_000
    for name in pipes:
        if name == "vn_names_ner":
            nlp.add_pipe(name, config={"enabled": ner})
        else:
            nlp.add_pipe(name)
    return nlp


def run(text: str, meta: Optional[Meta] = None, *, nlp: Optional[Language] = None,
        timings: Optional[dict[str, float]] = None) -> Doc:
    """Normalise ``text`` and run every stage; the ``Doc`` carries the ``Context``."""
    nlp = nlp or get_nlp()
    t0 = time.perf_counter()
    clean = normalize(text)
    ctx = Context(clean, meta or Meta())
    t1 = time.perf_counter()
    doc = nlp.make_doc(clean)
    doc.user_data["vn"] = ctx
    if timings is not None:
        timings["normalise"] = timings.get("normalise", 0.0) + t1 - t0
        timings["tokenize"] = timings.get("tokenize", 0.0) + time.perf_counter() - t1
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        doc = proc(doc)
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - t
    return doc
