"""Resolve: the stages' findings become the contract's records.

Roles with a bare level (``HĐND huyện``) take the place the article is about;
spans get their sentence index; the article gets its id, title, dateline and
byline, the given values winning over those read from the text.
"""
from __future__ import annotations

import hashlib
from typing import Optional

from .context import Context
from .records import Article, Location, Meeting, Official, Percentage, Quantity, Role, Span, Target


def stable_id(text: str) -> str:
    """A stable id for an article given without one: a hash of its text.

    >>> stable_id("abc")
    'sha1-a9993e364706816a'
    """
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _span(ctx: Context, a: int, b: int) -> Span:
    return Span(start=a, end=b, text=ctx.text[a:b], sentence=ctx.sentence_of(a))


def _place_for(level: Optional[str], loc: Optional[Location]) -> Optional[str]:
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


# Bodies that exist at every local level: a bare "PCT UBMTTQ" belongs to the article's own unit.
_LOCAL_BODIES = {"Hội đồng nhân dân", "Ủy ban nhân dân", "Mặt trận Tổ quốc", "Đảng ủy", "Hội Nông dân", "Hội Liên hiệp Phụ nữ",
                 "Đoàn Thanh niên", "Hội Cựu chiến binh", "Liên đoàn Lao động", "Công an", "Hội Chữ thập đỏ", "Hội Người cao tuổi"}


def _default_level(org: Optional[str], body: Optional[str], loc: Optional[Location]) -> Optional[str]:
    """The article's own level for a role written without one (``CT MTTQ`` at a commune congress)."""
    if loc is None or (org and body not in _LOCAL_BODIES):
        return None
    if loc.commune_type:
        return loc.commune_type
    if loc.district_type:
        return loc.district_type
    return "tỉnh" if loc.province else None


def to_article(ctx: Context) -> Article:
    """The record of an article from what the stages left on its Context."""
    meta = ctx.meta
    loc: Optional[Location] = ctx.found.get("location")
    officials = []
    for p in ctx.found.get("officials", []):
        roles = []
        for r in p.roles:
            level = r.level or _default_level(r.organization, r.body, loc)
            roles.append(Role(title=r.title, organization=r.organization, body=r.body, level=level,
                              place=r.place or _place_for(level, loc), text=ctx.text[r.start:r.end]))
        officials.append(Official(
            name=p.name, honorific=p.honorific, roles=roles, participation=p.participation,
            mentions=[_span(ctx, a, b) for a, b in p.mentions],
        ))
    targets = []
    for t in ctx.found.get("targets", []):
        ratio = t.numerator / t.denominator if t.denominator else None
        status = "exceeded" if t.numerator > t.denominator else "met" if t.numerator == t.denominator else "not_met"
        targets.append(Target(
            numerator=t.numerator, denominator=t.denominator, subject=t.subject, ratio=ratio,
            stated_percent=t.stated_percent, status=status, span=_span(ctx, t.start, t.end),
            mentions=[_span(ctx, a, b) for a, b in t.mentions],
        ))
    percentages = [
        Percentage(value=p.value, value_max=p.value_max, subject=p.subject, qualifier=p.qualifier,
                   previous=p.previous, direction=p.direction, kind=p.kind, span=_span(ctx, p.start, p.end),
                   mentions=[_span(ctx, a, b) for a, b in p.mentions])
        for p in ctx.found.get("percentages", [])
    ]
    quantities = [
        Quantity(value=q.value, unit=q.unit, per=q.per, subject=q.subject, span=_span(ctx, q.start, q.end))
        for q in ctx.found.get("quantities", [])
    ]
    meetings = [
        Meeting(kind=m.kind, description=m.description, organizer=m.organizer, date=m.date,
                date_text=m.date_text, time_of_day=m.time_of_day, period=m.period,
                span=_span(ctx, m.start, m.end))
        for m in ctx.found.get("meetings", [])
    ]
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
