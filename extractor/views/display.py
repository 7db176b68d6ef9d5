"""How an Article shows itself to a person: in a notebook (``_repr_html_``) and as text (``str``).

The notebook view is the article's text exactly as written, each item read from it
highlighted in its kind's colour, one highlight per span, with a tooltip saying what it
was read as (``14/18 -> 77.8%, not met``), above a compact table of what was found.
Spans nest (a meeting's sentence holds the officials named in it); a span that crosses
another is split at the crossing, so the HTML stays well formed.

Roles, the meeting date, the dateline, the byline and the place names carry no offsets
in the record contract; the view finds them in the text near the item they belong to
(a role near its person's mention, a date near its meeting) and marks only what it finds.
"""
from __future__ import annotations

import heapq
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # records imports this module lazily; no import circle at run time
    from extractor.records import Article

#: kind -> (label in the legend, colour); backgrounds are translucent so that nested
#: highlights stay readable and the view works on light and dark notebook themes alike
KINDS: dict[str, tuple[str, str]] = {
    "meeting": ("meeting", "255,214,10"),
    "date": ("date", "255,140,0"),
    "official": ("official", "140,110,255"),
    "role": ("role", "190,120,230"),
    "target": ("target", "0,190,190"),
    "percent": ("percentage", "60,190,60"),
    "previous": ("previous value", "130,200,130"),
    "quantity": ("quantity", "240,150,60"),
    "place": ("place", "70,140,230"),
    "dateline": ("dateline", "230,90,90"),
    "author": ("author", "200,90,150"),
}
_NEAR = 300  # how far from its person or meeting a role or date is looked for (characters)


@dataclass(frozen=True, order=True)
class Highlight:
    start: int
    end: int
    kind: str
    tip: str = ""


def _num(v: float | None) -> str:
    """A number as Vietnamese text writes it: ``95,1``, ``14``."""
    if v is None:
        return ""
    s = f"{v:,.10g}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return s


def _pct(v: float | None) -> str:
    return "" if v is None else f"{v:g}%"


def _find_near(text: str, needle: str, around: int, *, within: int = _NEAR) -> tuple[int, int] | None:
    """The occurrence of ``needle`` (case-insensitive) nearest to offset ``around``."""
    if not needle:
        return None
    lo, hi = max(0, around - within), min(len(text), around + within + len(needle))
    best = None
    for m in re.finditer(re.escape(needle), text[lo:hi], re.IGNORECASE):
        a = lo + m.start()
        if best is None or abs(a - around) < abs(best[0] - around):
            best = (a, a + len(needle))
    return best


def _dateline(text: str, published: Any) -> tuple[int, int] | None:
    """Where the dateline states ``published``: the first numeric date equal to it in the head, else the tail."""
    if published is None:
        return None
    y, m, d = published.year, published.month, published.day
    pat = re.compile(rf"\b0?{d}\s*[/.-]\s*0?{m}\s*[/.-]\s*{y}\b|\b{y}-{m:02d}-{d:02d}\b"
                     rf"|ngày\s+0?{d}\s+tháng\s+0?{m}\s+năm\s+{y}", re.IGNORECASE)
    head = pat.search(text, 0, min(len(text), 1500))
    if head:
        return head.span()
    tail = list(pat.finditer(text, max(0, len(text) - 600)))
    return tail[-1].span() if tail else None


def labelled_spans(article: Article) -> list[Highlight]:
    """Every item of the article that the text shows, as a highlight, in text order."""
    text = article.text
    out: list[Highlight] = []
    for m in article.meetings:
        tip = " · ".join(x for x in (m.kind, str(m.date or "no date"), m.organizer or "", m.period or "") if x)
        out.append(Highlight(m.span.start, m.span.end, "meeting", tip))
        where = _find_near(text, m.date_text or "", m.span.start)
        if where:
            out.append(Highlight(*where, "date", f"meeting date {m.date or 'unknown'}"))
    for o in article.officials:
        roles = "; ".join(r.title + (f" · {r.body}" if r.body else "") + (f" · {r.level}" if r.level else "")
                          for r in o.roles)
        tip = o.name + (f" — {roles}" if roles else "") + (f" ({', '.join(o.participation)})" if o.participation else "")
        for s in o.mentions:
            out.append(Highlight(s.start, s.end, "official", tip))
        if o.mentions:
            for r in o.roles:
                where = _find_near(text, r.text, o.mentions[0].start)
                if where:
                    rtip = " · ".join(x for x in (r.title, r.body, r.level, r.place) if x)
                    out.append(Highlight(*where, "role", f"{o.name}: {rtip}"))
    for t in article.targets:
        ratio = "" if t.ratio is None else f" -> {t.ratio:.1%}"
        tip = f"{t.numerator:g}/{t.denominator:g} {t.subject}{ratio}, {t.status.replace('_', ' ')}"
        if t.stated_percent is not None:
            tip += f" (stated {t.stated_percent:g}%)"
        for s in {(x.start, x.end) for x in [t.span, *t.mentions]}:
            out.append(Highlight(*s, "target", tip))
    for p in article.percentages:
        value = _pct(p.value) + (f"–{_pct(p.value_max)}" if p.value_max is not None else "")
        tip = " · ".join(x for x in (value, p.subject or "no subject", p.qualifier, p.kind,
                                     f"{p.direction} from {_pct(p.previous)}" if p.previous is not None else "") if x)
        for s in {(x.start, x.end) for x in [p.span, *p.mentions]}:
            out.append(Highlight(*s, "percent", tip))
        if p.previous is not None:
            before = text[max(0, p.span.start - 80):p.span.start]
            m = None
            for m in re.finditer(re.escape(_num(p.previous)) + r"\s*%?", before):
                pass  # the last one before the value
            if m:
                a = p.span.start - len(before) + m.start()
                out.append(Highlight(a, a + len(m.group().rstrip()), "previous", f"previous value of {value}"))
    for q in article.quantities:
        tip = f"{q.value:,.10g} {q.unit}" + (f"/{q.per}" if q.per else "") + (f" · {q.subject}" if q.subject else "")
        out.append(Highlight(q.span.start, q.span.end, "quantity", tip))
    loc = article.location
    if loc:
        for name, what in ((loc.commune, loc.commune_type), (loc.district, loc.district_type), (loc.province, "tỉnh/thành")):
            if name:
                for m in list(re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text))[:3]:
                    out.append(Highlight(m.start(), m.end(), "place", f"{what or ''} {name}".strip()))
    where = _dateline(text, article.published)
    if where:
        out.append(Highlight(*where, "dateline", f"published {article.published}"))
    if article.author:
        hits = list(re.finditer(rf"(?<!\w){re.escape(article.author)}(?!\w)", text, re.IGNORECASE))
        if hits:
            out.append(Highlight(*hits[-1].span(), "author", f"author {article.author}"))
    return sorted({h for h in out if h.end > h.start})


def _nest(spans: Iterable[Highlight]) -> list[tuple[Highlight, list]]:
    """A forest of highlights; one that crosses an open one is cut at the crossing."""
    heap = [(h.start, -h.end, h.kind, h.tip) for h in spans]
    heapq.heapify(heap)
    root: list[tuple[Highlight, list]] = []
    stack: list[tuple[Highlight, list]] = []
    while heap:
        a, neg_b, kind, tip = heapq.heappop(heap)
        b = -neg_b
        while stack and stack[-1][0].end <= a:
            stack.pop()
        if stack and b > stack[-1][0].end:  # crossing: keep the part inside, the rest later
            cut = stack[-1][0].end
            heapq.heappush(heap, (cut, -b, kind, tip))
            b = cut
        node = (Highlight(a, b, kind, tip), [])
        (stack[-1][1] if stack else root).append(node)
        stack.append(node)
    return root


def _render(text: str, start: int, end: int, nodes: list[tuple[Highlight, list]]) -> str:
    out, pos = [], start
    for h, kids in nodes:
        out.append(html.escape(text[pos:h.start]))
        label = KINDS[h.kind][0]
        out.append(f"<span class='vnx vnx-{h.kind}' title='{html.escape(label + ': ' + h.tip, quote=True)}'>"
                   f"{_render(text, h.start, h.end, kids)}</span>")
        pos = h.end
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def _style() -> str:
    rules = [".vn-article .vnx{border-radius:3px;box-decoration-break:clone;-webkit-box-decoration-break:clone}"]
    for kind, (_, rgb) in KINDS.items():
        rules.append(f".vn-article .vnx-{kind}{{background:rgba({rgb},.28);border-bottom:2px solid rgba({rgb},.9)}}")
    return "".join(rules)


def highlighted(article: Article) -> str:
    """The article's text as HTML, exactly as written, with every highlight."""
    text = article.text
    return (f"<div style='white-space:pre-wrap;line-height:1.7'>"
            f"{_render(text, 0, len(text), _nest(labelled_spans(article)))}</div>")


def _e(v: Any) -> str:
    return "" if v is None else html.escape(str(v))


def _table(title: str, head: list[str], rows: Iterable[list[Any]]) -> str:
    rows = list(rows)
    if not rows:
        return ""
    th = "".join(f"<th style='text-align:left;padding:2px 6px'>{_e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td style='text-align:left;padding:2px 6px;vertical-align:top'>{_e(c)}</td>"
                                    for c in r) + "</tr>" for r in rows)
    return (f"<details open><summary><b>{_e(title)}</b> ({len(rows)})</summary>"
            f"<table style='border-collapse:collapse;font-size:90%'><thead><tr>{th}</tr></thead>"
            f"<tbody>{body}</tbody></table></details>")


def _place(article: Article) -> str:
    loc = article.location
    if not loc:
        return ""
    parts = [f"{loc.commune_type} {loc.commune}" if loc.commune else None,
             f"{loc.district_type} {loc.district}" if loc.district else None,
             loc.province]
    return ", ".join(p for p in parts if p)


def found_tables(article: Article) -> str:
    """A compact HTML summary of what was found (meta, officials, meetings, figures, warnings)."""
    a = article
    meta = [["id", a.id], ["title", a.title], ["published", a.published], ["author", a.author],
            ["url", a.url], ["location", _place(a)]]
    out = [_table("Article", ["field", "value"], [r for r in meta if r[1] not in (None, "")])]
    out.append(_table("Officials", ["name", "roles", "participation", "mentions"], [
        [o.name, "; ".join(r.text for r in o.roles), ", ".join(o.participation), len(o.mentions)]
        for o in a.officials]))
    out.append(_table("Meetings", ["kind", "date", "organizer", "period", "description"], [
        [m.kind, m.date or m.date_text, m.organizer, m.period, m.description] for m in a.meetings]))
    out.append(_table("Targets", ["figure", "subject", "ratio", "stated", "status"], [
        [f"{t.numerator:g}/{t.denominator:g}", t.subject, "" if t.ratio is None else f"{t.ratio:.3f}",
         _pct(t.stated_percent), t.status] for t in a.targets]))
    out.append(_table("Percentages", ["value", "subject", "qualifier", "previous", "kind"], [
        [_pct(p.value) + (f"–{_pct(p.value_max)}" if p.value_max is not None else ""), p.subject,
         p.qualifier, _pct(p.previous), p.kind] for p in a.percentages]))
    out.append(_table("Quantities", ["value", "unit", "per", "subject"], [
        [f"{q.value:,.10g}", q.unit, q.per, q.subject] for q in a.quantities]))
    out.append(_table("Warnings", ["warning"], [[w] for w in a.warnings]))
    return "".join(x for x in out if x)


def article_html(article: Article) -> str:
    """The HTML an Article shows in a notebook (``Article._repr_html_``)."""
    legend = " ".join(f"<span class='vnx vnx-{k}' style='padding:0 4px;font-size:80%'>{label}</span>"
                      for k, (label, _) in KINDS.items())
    try:
        text_html = highlighted(article)
    except Exception as e:  # the summary must show even when highlighting fails
        text_html = (f"<pre style='white-space:pre-wrap'>{html.escape(article.text)}</pre>"
                     f"<p><i>(highlighting failed: {html.escape(type(e).__name__)})</i></p>")
    return (f"<div class='vn-article'><style>{_style()}</style><div style='margin-bottom:4px'>{legend}</div>"
            f"<div style='max-height:40em;overflow:auto;border:1px solid rgba(128,128,128,.4);padding:4px 8px'>"
            f"{text_html}</div><div style='margin-top:8px'>{found_tables(article)}</div></div>")


def _clip(s: str | None, n: int) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def article_summary(article: Article, *, max_items: int = 8) -> str:
    """A screenful of what the article holds, for ``str(article)``.

    >>> from extractor.records import Article
    >>> print(article_summary(Article(id="x", text="")))
    Article x
    """
    a = article
    head = [f"Article {a.id}" + (f": {_clip(a.title, 100)}" if a.title else "")]
    meta = ", ".join(x for x in (f"published {a.published}" if a.published else "",
                                 f"by {a.author}" if a.author else "", _place(a)) if x)
    if meta:
        head.append("  " + meta)
    lines = head

    def group(title: str, items: list[str]) -> None:
        if items:
            lines.append(f"{title} ({len(items)}):")
            lines.extend("  " + x for x in items[:max_items])
            if len(items) > max_items:
                lines.append(f"  ... and {len(items) - max_items} more")

    group("meetings", [f"{m.kind}, {m.date or 'no date'}" + (f", {_clip(m.organizer, 50)}" if m.organizer else "")
                       + (f" ({m.period})" if m.period else "") for m in a.meetings])
    group("officials", [o.name + (": " + "; ".join(_clip(r.text, 60) for r in o.roles[:3]) if o.roles else "")
                        for o in a.officials])
    group("targets", [f"{t.numerator:g}/{t.denominator:g} {_clip(t.subject, 40)} ({t.status.replace('_', ' ')})"
                      for t in a.targets])
    group("percentages", [f"{_pct(p.value)} {_clip(p.subject, 50) or '(no subject)'}"
                          + (f" (from {_pct(p.previous)})" if p.previous is not None else "")
                          + (" [goal]" if p.kind == "goal" else "") for p in a.percentages])
    group("warnings", [_clip(w, 100) for w in a.warnings])
    return "\n".join(lines)


def article_repr(article: Article) -> str:
    """A one-line repr: the id, title and counts, not the whole text."""
    a = article
    counts = ", ".join(f"{len(v)} {k}" for k, v in (("meetings", a.meetings), ("officials", a.officials),
                                                    ("targets", a.targets), ("percentages", a.percentages),
                                                    ("quantities", a.quantities)) if v)
    return f"Article(id={a.id!r}, title={_clip(a.title, 60)!r}, published={a.published}, {counts or 'nothing found'})"


__all__ = [
    "KINDS",
    "Highlight",
    "article_html",
    "article_repr",
    "article_summary",
    "found_tables",
    "highlighted",
    "labelled_spans",
]
