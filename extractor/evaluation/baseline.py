"""The glue baseline: what a user would put together without this project.

underthesea's bundled NER for people, dateparser's ``search_dates`` for the
meeting date, plain regexes for ``x/y`` and ``%``.  Every figure we quote
stands beside it (``vnextract evaluate --baseline``).
"""
from __future__ import annotations

import re
from typing import Any

_XY = re.compile(r"(\d+)/(\d+)")
_PCT = re.compile(r"(\d+(?:[.,]\d+)?)\s?%")


def _number(s: str) -> float:
    return float(s.replace(".", "").replace(",", ".")) if "," in s else float(s)


def baseline_record(item: dict[str, Any]) -> dict[str, Any]:
    from dateparser.search import search_dates
    from underthesea import ner

    text = item["text"]
    people: list[str] = []
    for para in text.split("\n"):
        if not para.strip():
            continue
        current: list[str] = []
        for word, *_, tag in ner(para[:5000]):
            if tag.endswith("PER"):
                if tag.startswith("B") and current:
                    people.append(" ".join(current))
                    current = []
                current.append(word)
            elif current:
                people.append(" ".join(current))
                current = []
        if current:
            people.append(" ".join(current))
    seen: list[str] = []
    for p in people:
        if p not in seen and len(p.split()) >= 2:
            seen.append(p)
    date = None
    try:
        found = search_dates(text[:3000], languages=["vi"])
    except Exception:
        found = None
    if found:
        date = found[0][1].date().isoformat()
    targets = [{"numerator": float(a), "denominator": float(b)} for a, b in _XY.findall(text) if int(b) != 0]
    pcts = [{"value": _number(v), "previous": None} for v in _PCT.findall(text)]
    return {
        "id": item["id"],
        "officials": [{"name": n, "roles": []} for n in seen],
        "targets": targets,
        "percentages": pcts,
        "meetings": [{"kind": "hội nghị", "date": date}],
        "published": None,
        "author": None,
    }
