"""The cross-article tables: ``mentions``, ``people``, ``tenures``, ``panel`` (fixed Arrow schemas).

``mentions``  one row per official of an article: ``article_id``, ``official`` (its index in the
              article), ``name`` as written, ``person_id``, ``date`` (the mention's date)
``people``    one row per person: ``person_id``, canonical ``name`` (the form written most often),
              ``variants`` (every form written), ``n_articles``, ``first_seen``, ``last_seen``,
              ``places`` (the provinces of the articles they are seen in, as the articles name them) and
              ``place_codes`` (the 2025 province codes of those and of their posts)
``tenures``   one row per person and post: ``title``, ``body``, ``level``, the unit
              (``unit_level``, ``unit_name``, ``unit_code``, ``unit_scheme``, ``province_code``),
              ``first_seen``, ``last_seen``, ``n_articles``, ``article_ids`` in date order
``panel``     one row per figure (target, percentage, quantity) that has an ``indicator``: the
              article's unit at its level (``level``, ``unit_code``, ``unit_name``, ``scheme``,
              ``province_code``, ``province``), the post-2025 successor (``successor_code``,
              ``successor_name``, ``province_2025``), ``year`` (the meeting's period end, else
              the meeting's date, else ``published``, ``year_source`` says which; a result is
              never given a year after its meeting's, see :func:`figure_year`), ``indicator``,
              ``value``, ``value_max``, ``qualifier``, ``kind``, ``previous``, ``change``, ``unit``,
              ``numerator``/``denominator`` (targets), ``subject``, the span, ``url``
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

import pandas as pd
import pyarrow as pa

from extractor.linking.features import columns
from extractor.recognise.places import gazetteer

LINK_TABLES = ("mentions", "people", "tenures", "panel")

_s, _f, _i, _d = pa.string(), pa.float64(), pa.int64(), pa.date32()

LINK_SCHEMAS: dict[str, pa.Schema] = {
    "mentions": pa.schema([("article_id", _s), ("official", _i), ("name", _s), ("person_id", _s), ("date", _d)]),
    "people": pa.schema([
        ("person_id", _s), ("name", _s), ("variants", pa.list_(_s)), ("n_articles", _i), ("n_mentions", _i),
        ("first_seen", _d), ("last_seen", _d), ("places", pa.list_(_s)), ("place_codes", pa.list_(_s)),
    ]),
    "tenures": pa.schema([
        ("person_id", _s), ("name", _s), ("title", _s), ("body", _s), ("level", _s), ("unit_level", _s),
        ("unit_name", _s), ("unit_code", _s), ("unit_scheme", _s), ("province_code", _s),
        ("first_seen", _d), ("last_seen", _d), ("n_articles", _i), ("article_ids", pa.list_(_s)),
    ]),
    "panel": pa.schema([
        ("article_id", _s), ("figure", _s), ("figure_index", _i), ("level", _s), ("unit_code", _s),
        ("unit_name", _s), ("scheme", _s), ("province_code", _s), ("province", _s),
        ("successor_code", _s), ("successor_name", _s), ("province_2025", _s),
        ("year", _i), ("year_source", _s), ("indicator", _s), ("value", _f), ("value_max", _f),
        ("qualifier", _s), ("kind", _s), ("previous", _f), ("change", pa.bool_()), ("unit", _s), ("numerator", _f), ("denominator", _f),
        ("subject", _s), ("span_text", _s), ("span_start", _i), ("span_end", _i), ("url", _s),
    ]),
}


def _v(x: Any) -> Any:
    if x is None or x is pd.NA or x is pd.NaT or (isinstance(x, float) and x != x):
        return None
    return x


def _int(x: Any) -> int | None:
    x = _v(x)
    return None if x is None else int(x)


def _date(x: Any) -> dt.date | None:
    x = _v(x)
    if x is None:
        return None
    if isinstance(x, dt.datetime):
        return x.date()
    if isinstance(x, dt.date):
        return x
    if hasattr(x, "date"):
        return x.date()
    try:
        return dt.date.fromisoformat(str(x)[:10])
    except ValueError:
        return None


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    return pa.Table.from_pylist(rows, schema=LINK_SCHEMAS[table]).to_pandas()


def _order(d: dt.date | None) -> dt.date:
    return d or dt.date.max


def mentions_table(mentions: pd.DataFrame, pids: list[str]) -> pd.DataFrame:
    rows = [{"article_id": a, "official": int(o), "name": n, "person_id": p, "date": _date(d)}
            for (a, o, n, d), p in zip(columns(mentions, ["article_id", "official", "name", "date"]), pids)]
    return frame("mentions", rows)


def people_table(mentions: pd.DataFrame, pids: list[str]) -> pd.DataFrame:
    acc: dict[str, dict] = {}
    cols = ["name", "article_id", "date", "seen_in", "seen_names"]
    for pid, (name, aid, d, seen, seen_names) in zip(pids, columns(mentions, cols)):
        a = acc.setdefault(pid, {"names": Counter(), "articles": set(), "dates": [], "codes": set(), "n": 0,
                                 "places": set()})
        a["places"].update(seen_names if seen_names is not None else ())
        a["names"][name] += 1
        a["articles"].add(aid)
        a["n"] += 1
        d = _date(d)
        if d:
            a["dates"].append(d)
        a["codes"].update(seen if seen is not None else ())
    rows = []
    for pid, a in acc.items():
        names = a["names"]
        canon = max(names, key=lambda n: (names[n], len(n.split()), n))
        codes = sorted(a["codes"])
        places = sorted(a["places"])
        rows.append({"person_id": pid, "name": canon, "variants": sorted(names), "n_articles": len(a["articles"]),
                     "n_mentions": a["n"], "first_seen": min(a["dates"], default=None),
                     "last_seen": max(a["dates"], default=None), "places": places, "place_codes": codes})
    rows.sort(key=lambda r: (r["name"], r["person_id"]))
    return frame("people", rows)


def tenures_table(mentions: pd.DataFrame, roles: pd.DataFrame, pids: list[str], people: pd.DataFrame) -> pd.DataFrame:
    if not len(roles):
        return frame("tenures", [])
    canon = dict(zip(people["person_id"].tolist(), people["name"].tolist()))
    aid_of = mentions["article_id"].tolist()
    date_of = [_date(d) for d in mentions["date"].tolist()]
    acc: dict[tuple, dict] = {}
    cols = ["mid", "post", "unit_scheme", "title", "body", "level", "unit_level", "unit_name", "place", "unit_code",
            "province_code", "province_2025"]
    for mid, post, scheme, title, body, level, unit_level, unit_name, place, unit_code, pcode, pq in columns(roles, cols):
        mid = int(mid)
        pid = pids[mid]
        scheme = _v(scheme)
        k = (pid, post)
        a = acc.get(k)
        if a is None:
            a = acc[k] = {"person_id": pid, "name": canon.get(pid), "title": _v(title), "body": _v(body),
                          "level": _v(level), "unit_level": _v(unit_level),
                          "unit_name": _v(unit_name) if scheme else _v(place),
                          "unit_code": _v(unit_code) if scheme and scheme != "name" else None,
                          "unit_scheme": scheme if scheme != "name" else None,
                          "province_code": _v(pcode) or _v(pq), "arts": {}}
        d = date_of[mid]
        prev = a["arts"].get(aid_of[mid])
        a["arts"][aid_of[mid]] = d if prev is None or (d and d < prev) else prev
    rows = []
    for a in acc.values():
        arts = sorted(a.pop("arts").items(), key=lambda kv: (_order(kv[1]), kv[0]))
        dates = [d for _, d in arts if d]
        rows.append({**a, "first_seen": min(dates, default=None), "last_seen": max(dates, default=None),
                     "n_articles": len(arts), "article_ids": [k for k, _ in arts]})
    rows.sort(key=lambda r: (r["person_id"], _order(r["first_seen"]), r["title"] or ""))
    return frame("tenures", rows)


# ------------------------------------------------------------------------------------ panel

_FIGURES = (("targets", "target", "target"), ("percentages", "percentage", "percentage"),
            ("quantities", "quantity", "quantity"))


def _article_units(articles: pd.DataFrame) -> dict[str, dict]:
    gaz = gazetteer()
    out = {}
    cols = ["article_id", "location_codes", "province", "commune", "district", "url", "published"]
    for aid, raw, province, *rest in columns(articles, cols):
        named = dict(zip(("commune", "district"), rest[:2]), province=province)
        raw = _v(raw)
        try:
            codes = json.loads(raw) if raw else {}
        except ValueError:
            codes = {}
        scheme = codes.get("scheme")
        unit: dict[str, Any] = {"scheme": scheme, "province_code": codes.get("province"),
                                "province": _v(province),
                                "province_2025": codes.get("province_2025")}
        for level in ("commune", "district", "province"):
            name = _v(named[level])
            code = codes.get(level)
            if name or code:
                unit.update(level=level, unit_code=code, unit_name=name)
                break
        else:
            unit.update(level=None, unit_code=None, unit_name=None)
        lv = unit["level"]
        if scheme == "2025":
            unit.update(successor_code=unit["unit_code"], successor_name=unit["unit_name"])
        elif lv == "commune":
            unit.update(successor_code=codes.get("commune_2025"), successor_name=codes.get("commune_2025_name"))
        elif lv == "province":
            succ = codes.get("province_2025")
            u = gaz.get("2025", "province", succ) if succ else None
            unit.update(successor_code=succ, successor_name=u.name if u else codes.get("province_2025_name"))
        else:  # districts have no successor: the 2025 system has no district level
            unit.update(successor_code=None, successor_name=None)
        out[aid] = {**unit, "url": _v(rest[2]), "published": _date(rest[3])}
    return out


def _meeting_dates(meetings: pd.DataFrame | None) -> dict[tuple[str, int], tuple]:
    """(period end, date) of every meeting."""
    out: dict[tuple[str, int], tuple] = {}
    if meetings is None or not len(meetings):
        return out
    has_end = "period_end" in meetings.columns
    for aid, i, end, d in columns(meetings, ["article_id", "meeting", "period_end" if has_end else "-", "date"]):
        out[(aid, int(i))] = (_date(end), _date(d))
    return out


def figure_year(end: dt.date | None, date: dt.date | None, published: dt.date | None,
                kind: str | None) -> tuple[int | None, str | None]:
    """The year of a figure: its meeting's period end, else the meeting's date, else ``published``.
    A result (not a goal) cannot be of a year after the meeting that reports it: when the period
    ends later (a congress opening the term 2020-2025 reports the term before), the meeting's
    year is taken.

    >>> d = dt.date
    >>> figure_year(d(2023, 12, 31), d(2024, 1, 8), None, "result"), figure_year(None, None, d(2021, 5, 1), None)
    ((2023, 'period_end'), (2021, 'published'))
    >>> term_end, congress = d(2025, 12, 31), d(2020, 7, 1)
    >>> figure_year(term_end, congress, None, "result"), figure_year(term_end, congress, None, "goal")
    ((2020, 'meeting_date'), (2025, 'period_end'))
    """
    when = date or published
    if end and not (kind != "goal" and when and end.year > when.year):
        return end.year, "period_end"
    if date:
        return date.year, "meeting_date"
    if published:
        return published.year, "published"
    return None, None


def panel_table(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The figures with an ``indicator``; no rows when the run's tables have no such column."""
    if not any("indicator" in (tables.get(t) if tables.get(t) is not None else pd.DataFrame()).columns
               for t, _, _ in _FIGURES):
        return frame("panel", [])
    units = _article_units(tables["articles"])
    meeting_dates = _meeting_dates(tables.get("meetings"))
    rows = []
    for table, figure, idx_col in _FIGURES:
        df = tables.get(table)
        if df is None or "indicator" not in df.columns or not len(df):
            continue
        df = df[df["indicator"].notna()]
        has_meeting = "meeting" in df.columns
        for r in df.to_dict("records"):
            aid = r["article_id"]
            u = units.get(aid) or {}
            m = _v(r.get("meeting")) if has_meeting else None
            end, date = meeting_dates.get((aid, int(m)), (None, None)) if m is not None else (None, None)
            year, source = figure_year(end, date, u.get("published"), _v(r.get("kind")))
            if year is None:
                continue
            value = r.get("value") if table != "targets" else r.get("numerator")
            rows.append({
                "article_id": aid, "figure": figure, "figure_index": _int(r[idx_col]),
                **{k: u.get(k) for k in ("level", "unit_code", "unit_name", "scheme", "province_code", "province",
                                         "successor_code", "successor_name", "province_2025", "url")},
                "year": int(year), "year_source": source, "indicator": r["indicator"],
                "value": _v(value), "value_max": _v(r.get("value_max")), "qualifier": _v(r.get("qualifier")),
                "kind": _v(r.get("kind")), "previous": _v(r.get("previous")),
                "change": bool(_v(r.get("change")) or False), "unit": _v(r.get("unit")),
                "numerator": _v(r.get("numerator")), "denominator": _v(r.get("denominator")),
                "subject": _v(r.get("subject")), "span_text": _v(r.get("span_text")),
                "span_start": _int(r.get("span_start")), "span_end": _int(r.get("span_end")),
            })
    rows.sort(key=lambda r: (r["indicator"], r["unit_code"] or "", r["year"], r["article_id"], r["figure"],
                             r["figure_index"]))
    return frame("panel", rows)


def schema_json() -> dict:
    """The link tables' columns and Arrow types (for ``vnextract schema --tables``)."""
    return {t: {f.name: str(f.type) for f in LINK_SCHEMAS[t]} for t in LINK_TABLES}


__all__ = ["LINK_SCHEMAS", "LINK_TABLES", "mentions_table", "panel_table", "people_table", "schema_json",
           "tenures_table"]
