"""An Article as HTML for notebooks: its text with every extracted span highlighted and
labelled (spaCy displaCy, ``style="span"``, so overlapping spans such as a meeting and the
officials named in it both show), above a compact table of what was found.
"""
from __future__ import annotations

import html
import re
from typing import Any, Iterable, Optional

from .records import Article

LABELS = {
    "OFFICIAL": "#aa9cfc",
    "MEETING": "#ffeb80",
    "TARGET": "#7aecec",
    "PERCENT": "#bfeeb7",
    "QUANTITY": "#feca74",
}


def labelled_spans(article: Article) -> list[tuple[int, int, str]]:
    """(start, end, label) of every span of the article, in text order."""
    out: list[tuple[int, int, str]] = []
    for m in article.meetings:
        out.append((m.span.start, m.span.end, "MEETING"))
    for o in article.officials:
        out += [(s.start, s.end, "OFFICIAL") for s in o.mentions]
    for label, group in (("TARGET", article.targets), ("PERCENT", article.percentages)):
        for item in group:
            seen = set()
            for s in [item.span, *item.mentions]:
                if (s.start, s.end) not in seen:
                    seen.add((s.start, s.end))
                    out.append((s.start, s.end, label))
    for q in article.quantities:
        out.append((q.span.start, q.span.end, "QUANTITY"))
    return sorted({s for s in out if s[1] > s[0]})


def _tokens(text: str, cuts: set[int]) -> list[tuple[int, int]]:
    """Whitespace tokens of ``text``, also cut at every offset in ``cuts``."""
    toks = []
    for m in re.finditer(r"\S+", text):
        a, b = m.span()
        inner = sorted(c for c in cuts if a < c < b)
        for x, y in zip([a] + inner, inner + [b]):
            toks.append((x, y))
    return toks


def _paragraph_doc(text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> Optional[dict]:
    para = text[start:end]
    local = [(max(a, start) - start, min(b, end) - start, lab) for a, b, lab in spans if a < end and b > start]
    cuts = {x for a, b, _ in local for x in (a, b)}
    toks = _tokens(para, cuts)
    if not toks:
        return None
    starts = {a: i for i, (a, _) in enumerate(toks)}
    ends = {b: i + 1 for i, (_, b) in enumerate(toks)}
    doc_spans = []
    for a, b, lab in local:
        # a span edge on whitespace moves to the nearest token edge inside the span
        while a < b and a not in starts:
            a += 1
        while b > a and b not in ends:
            b -= 1
        if a < b:
            doc_spans.append({"start_token": starts[a], "end_token": ends[b], "label": lab})
    return {"text": para, "tokens": [para[a:b] for a, b in toks], "spans": doc_spans}


def highlighted(article: Article) -> str:
    """The article's text as displaCy span HTML, a block per paragraph."""
    from spacy import displacy

    text = article.text
    spans = labelled_spans(article)
    docs = []
    pos = 0
    for m in re.finditer(r"\n+", text + "\n"):
        if m.start() > pos:
            d = _paragraph_doc(text, pos, m.start(), spans)
            if d:
                docs.append(d)
        pos = m.end()
    if not docs:
        return ""
    return displacy.render(docs, style="span", manual=True, page=False, jupyter=False,
                           options={"colors": LABELS})


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


def _pct(v: Optional[float]) -> str:
    return "" if v is None else f"{v:g}%"


def found_tables(article: Article) -> str:
    """A compact HTML summary of what was found (meta, officials, meetings, figures, warnings)."""
    a = article
    loc = a.location
    place = ""
    if loc:
        parts = [f"{loc.commune_type} {loc.commune}" if loc.commune else None,
                 f"{loc.district_type} {loc.district}" if loc.district else None,
                 f"tỉnh/thành {loc.province}" if loc.province else None]
        place = ", ".join(p for p in parts if p)
    meta = [["id", a.id], ["title", a.title], ["published", a.published], ["author", a.author],
            ["url", a.url], ["location", place]]
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
    legend = " ".join(f"<span style='background:{c};padding:0 4px;border-radius:3px;font-size:80%'>{lab}</span>"
                      for lab, c in LABELS.items())
    try:
        text_html = highlighted(article)
    except Exception as e:  # the summary must show even when rendering fails
        text_html = (f"<pre style='white-space:pre-wrap'>{html.escape(article.text)}</pre>"
                     f"<p><i>(highlighting failed: {html.escape(type(e).__name__)})</i></p>")
    return (f"<div class='vn-article'><div style='margin-bottom:4px'>{legend}</div>"
            f"<div style='max-height:40em;overflow:auto;border:1px solid #ddd;padding:4px 8px'>{text_html}</div>"
            f"<div style='margin-top:8px'>{found_tables(article)}</div></div>")


__all__ = ["article_html", "found_tables", "highlighted", "labelled_spans"]
