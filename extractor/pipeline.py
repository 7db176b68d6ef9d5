"""The pipeline: normalise, then the recognisers in order, each a small function of the Context.

normalise -> article (headline, dateline, byline) -> dates -> figures -> officials ->
people (underthesea NER confirmation) -> participation -> meetings -> places; then
:func:`extractor.resolve.to_article` builds the records.

Each stage reads what earlier stages left on the :class:`~extractor.context.Context`
(the text, its matching key, the sentences, earlier findings) and adds its own, with
character offsets into the text.  The stages are an explicit tuple (:data:`STAGES`), so
the order is read here and nowhere else, and each can be run, tested and timed alone.

spaCy is not in this loop: no stage reads tokens, so building a ``Doc`` per article
bought nothing (about 40% of the time per article went to it).  spaCy is the adapter at
the edge instead: :mod:`extractor.views.spacy_adapter` gives a registered ``vn_extractor``
component and ``to_doc(article)`` for spaCy pipelines and displaCy.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import NamedTuple

from extractor.context import Context, Meta
from extractor.grammar.dates import find_dates
from extractor.recognise import article as _article
from extractor.recognise import figures as _figures
from extractor.recognise import meetings as _meetings
from extractor.recognise import officials as _officials
from extractor.text.normalize import normalize


def read_article(ctx: Context) -> None:
    """Headline, dateline and byline from the text; a given ``published`` wins."""
    _article.read_article(ctx)
    if ctx.meta.published:
        ctx.published = ctx.meta.published


def dates(ctx: Context) -> None:
    """Every date mention (the meetings and the figures both need them)."""
    ctx.found.dates = find_dates(ctx.text)


def figures(ctx: Context) -> None:
    """Targets ``x/y``, percentages and quantities, and the warnings they give."""
    taken_dates = [(d.start, d.end) for d in ctx.found.dates if d.has_cue or d.year]
    targets = _figures.find_targets(ctx, taken_dates)
    percentages = _figures.find_percentages(ctx)
    taken = taken_dates + [(t.start, t.end) for t in targets] + [(p.start, p.end) for p in percentages]
    quantities = _figures.find_quantities(ctx, taken)
    ctx.found.targets, ctx.found.percentages, ctx.found.quantities = targets, percentages, quantities
    ctx.warnings.extend(_figures.consistency_warnings(targets, quantities, ctx))


def officials(ctx: Context) -> None:
    """Named people with their roles; the byline's name is not one of them."""
    ctx.found.not_people = _byline_spans(ctx)
    ctx.found.officials = _officials.find_officials(ctx, ctx.found.not_people)


def _byline_spans(ctx: Context) -> list[tuple[int, int]]:
    """The author's name where it stands, so it is not read as an official."""
    out = []
    if ctx.author:
        for part in re.split(r"\s*[-–—]\s*", ctx.author.lower()):
            k = ctx.key.rfind(part)
            if part and k >= 0:
                out.append((k, k + len(part)))
    return out


def people(ctx: Context) -> None:
    """Name-shaped candidates no rule claimed, kept when underthesea's NER confirms them."""
    from extractor.recognise import people_ner as _ner

    _ner.add_missed_people(ctx, ctx.found.officials)


def participation(ctx: Context) -> None:
    """What each person did at the meeting (``chủ trì``, ``dự``, ``phát biểu``)."""
    _officials.participation(ctx, ctx.found.officials)


def meetings(ctx: Context) -> None:
    """The meetings the article reports, the main one first, with their dates."""
    ctx.found.meetings = _meetings.find_meetings(ctx, ctx.found.dates)


def places(ctx: Context) -> None:
    """The commune, district and province the article is about (the gazetteer)."""
    from extractor.recognise import places as gazetteer

    try:
        ctx.found.location = gazetteer.locate(ctx.text, title=ctx.meta.title or ctx.title, published=ctx.published)
    except Exception as e:  # the gazetteer must never cost an article its record
        ctx.warnings.append(f"location lookup failed: {type(e).__name__}")
        ctx.found.location = None


class Stage(NamedTuple):
    name: str
    run: Callable[[Context], None]
    optional: bool = False  # skipped by ``run(..., ner=False)``


STAGES: tuple[Stage, ...] = (
    Stage("article", read_article),
    Stage("dates", dates),
    Stage("figures", figures),
    Stage("officials", officials),
    Stage("people_ner", people, optional=True),
    Stage("participation", participation),
    Stage("meetings", meetings),
    Stage("places", places),
)


def run(text: str, meta: Meta | None = None, *, ner: bool = True,
        timings: dict[str, float] | None = None) -> Context:
    """Normalise ``text`` and run every stage; ``timings`` (if given) gathers seconds per stage."""
    t0 = time.perf_counter()
    ctx = Context(normalize(text), meta or Meta())
    if timings is not None:
        timings["normalise"] = timings.get("normalise", 0.0) + time.perf_counter() - t0
    for stage in STAGES:
        if stage.optional and not ner:
            continue
        t = time.perf_counter()
        stage.run(ctx)
        if timings is not None:
            timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - t
    return ctx


__all__ = ["STAGES", "Stage", "run"]
