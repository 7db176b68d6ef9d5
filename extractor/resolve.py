"""Resolve: the stages' findings become the contract's records.

Roles with a bare level (``HĐND huyện``) take the place the article is about;
spans get their sentence index; the article gets its id, title, dateline and
byline, the given values winning over those read from the text.
"""
from __future__ import annotations

import hashlib

from extractor.context import Context
from extractor.grammar.periods import period_dates
from extractor.records import Article, Location, Meeting, Official, Percentage, Quantity, Role, Span, Target


def stable_id(text: str) -> str:
    """A stable id for an article given without one: a hash of its text.

    >>> stable_id("abc")
    'sha1-a9993e364706816a'
    """
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _span(ctx: Context, a: int, b: int) -> Span:
    return Span(start=a, end=b, text=ctx.text[a:b], sentence=ctx.sentence_of(a))


def _place_for(level: str | None, loc: Location | None) -> str | None:
    if loc is None or level is None:
        return None
    if level in ("xã", "phường", "thị trấn") and loc.commune_type == level:
        return loc.commune
    if level in ("huyện", "quận", "thị xã", "thành phố") and loc.district_type == level:
        return loc.district
    if level == "tỉnh":
        return loc.province
    if level == "thành phố" and loc.province and loc.district is None:
        return loc.province
    return None


def _distinct_posts(roles: list[Role]) -> list[Role]:
    """Each post once: a repeat (a caption's ``Bí thư Đảng ủy`` after ``Bí thư Đảng ủy xã``) whose
    level is only known here."""
    out: list[Role] = []
    for r in roles:
        if not any(x.title.casefold() == r.title.casefold() and x.level == r.level
                   and (x.body is None or r.body is None or x.body == r.body) for x in out):
            out.append(r)
    return out


# Bodies that exist at every local level: a bare "PCT UBMTTQ" belongs to the article's own unit.
_LOCAL_BODIES = {"Hội đồng nhân dân", "Ủy ban nhân dân", "Mặt trận Tổ quốc", "Đảng ủy", "Hội Nông dân", "Hội Liên hiệp Phụ nữ",
                 "Đoàn Thanh niên", "Hội Cựu chiến binh", "Liên đoàn Lao động", "Công an", "Hội Chữ thập đỏ", "Hội Người cao tuổi"}


# Bodies that exist only below the district (a district's Party committee is its Huyện ủy): a bare
# "Phó Bí thư Đảng ủy" is of a commune even when the article's place is not known.
_COMMUNE_BODIES = {"Đảng ủy"}


def _commune_level(ctx: Context) -> str:
    """The commune type the article speaks of most (``xã`` unless ``phường``/``thị trấn`` lead)."""
    import re

    counts = {w: len(re.findall(r"(?<!\w)" + w + r"(?!\w)", ctx.key)) for w in ("xã", "phường", "thị trấn")}
    return max(counts, key=lambda w: (counts[w], w == "xã"))


def _default_level(org: str | None, body: str | None, loc: Location | None,
                   ctx: Context | None = None) -> str | None:
    """The article's own level for a role written without one (``CT MTTQ`` at a commune congress)."""
    if body in _COMMUNE_BODIES and ctx is not None and (loc is None or not loc.commune_type) \
            and (not org or len(org.split()) <= 2):
        return _commune_level(ctx)
    if loc is None or (org and body not in _LOCAL_BODIES):
        return None
    if loc.commune_type:
        return loc.commune_type
    if loc.district_type:
        return loc.district_type
    return "tỉnh" if loc.province else None


def _meeting_index(starts: list[int], pos: int) -> int | None:
    """The meeting an item at ``pos`` belongs to: the last meeting named before it, else the first.

    >>> _meeting_index([], 50) is None, _meeting_index([100], 50), _meeting_index([10, 400], 500)
    (True, 0, 1)
    """
    if not starts:
        return None
    best = 0
    for i, a in enumerate(starts):
        if a <= pos:
            best = i
    return best


def _anchors(meetings) -> list[int]:
    """Where each meeting starts, for linking items to it.  A later meeting with neither a date nor a
    period of its own (``Phát biểu chỉ đạo hội nghị``: a reference back) takes nothing over: its start is
    left out of the running (``len(meetings)`` entries are kept so the indices stay those of ``meetings``)."""
    out = []
    for i, m in enumerate(meetings):
        first = meetings[0]
        own = i == 0 or (m.date is not None and m.date != first.date) or (m.period is not None and m.period != first.period)
        out.append(m.start if own else 10**18)
    return out


def _meeting_year(m, ctx: Context) -> int | None:
    if m.date:
        return m.date.year
    return ctx.published.year if ctx.published else None


def to_article(ctx: Context) -> Article:
    """The record of an article from what the stages left on its Context."""
    meta = ctx.meta
    loc: Location | None = ctx.found.location
    found_meetings = ctx.found.meetings
    starts = _anchors(found_meetings)
    officials = []
    for p in ctx.found.officials:
        roles = []
        for r in p.roles:
            level = r.level if r.level or r.no_level else _default_level(r.organization, r.body, loc, ctx)
            roles.append(Role(title=r.title, organization=r.organization, body=r.body, level=level,
                              place=r.place or _place_for(level, loc), text=ctx.text[r.start:r.end]))
        roles = _distinct_posts(roles)
        officials.append(Official(
            name=p.name, honorific=p.honorific, roles=roles, participation=p.participation,
            mentions=[_span(ctx, a, b) for a, b in p.mentions],
            meeting=_meeting_index(starts, p.mentions[0][0]) if p.mentions else None,
        ))
    targets = []
    for t in ctx.found.targets:
        ratio = t.numerator / t.denominator if t.denominator else None
        status = "exceeded" if t.numerator > t.denominator else "met" if t.numerator == t.denominator else "not_met"
        targets.append(Target(
            numerator=t.numerator, denominator=t.denominator, subject=t.subject, ratio=ratio,
            stated_percent=t.stated_percent, status=status, span=_span(ctx, t.start, t.end),
            mentions=[_span(ctx, a, b) for a, b in t.mentions],
            indicator=t.indicator, meeting=_meeting_index(starts, t.start),
        ))
    percentages = [
        Percentage(value=p.value, value_max=p.value_max, subject=p.subject, qualifier=p.qualifier,
                   previous=p.previous, direction=p.direction, kind=p.kind, span=_span(ctx, p.start, p.end),
                   mentions=[_span(ctx, a, b) for a, b in p.mentions],
                   indicator=p.indicator, basis=p.basis, change=p.change, meeting=_meeting_index(starts, p.start))
        for p in ctx.found.percentages
    ]
    quantities = [
        Quantity(value=q.value, unit=q.unit, per=q.per, subject=q.subject, span=_span(ctx, q.start, q.end),
                 indicator=q.indicator, meeting=_meeting_index(starts, q.start))
        for q in ctx.found.quantities
    ]
    meetings = []
    for m in found_meetings:
        p_start, p_end = period_dates(m.period, _meeting_year(m, ctx))
        meetings.append(Meeting(kind=m.kind, description=m.description, organizer=m.organizer, date=m.date,
                                date_text=m.date_text, time_of_day=m.time_of_day, period=m.period,
                                period_start=p_start, period_end=p_end, span=_span(ctx, m.start, m.end)))
    return Article(
        id=meta.id or stable_id(ctx.text),
        url=meta.url,
        title=meta.title if meta.title is not None else ctx.title,
        published=meta.published or ctx.published,
        author=meta.author if meta.author is not None else ctx.author,
        text=ctx.text,
        location=loc,
        meetings=meetings,
        officials=officials,
        targets=targets,
        percentages=percentages,
        quantities=quantities,
        warnings=list(meta.warnings) + list(ctx.warnings),
    )
