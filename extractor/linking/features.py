"""Mentions and their evidence: one row per official of an article, with what linking compares.

A *mention* is one official (``officials.official``) of one article.  It carries

* ``key``: the name folded (:func:`extractor.text.normalize.fold`: case, ``Uỷ``/``Ủy``, ``Hoà``/``Hòa``),
  spaces collapsed; ``variants``: the keys with one middle syllable dropped (``trần thị mỹ hạnh``
  -> ``trần mỹ hạnh``, ``trần thị hạnh``), so a name written with and without a middle name meets;
* ``date``/``year``: the official's meeting's date (the ``meeting`` column, when the run has it),
  else the article's first dated meeting, else ``published``;
* places, as codes of the gazetteer: the units of the official's roles (``Bí thư Huyện ủy Cầu Kè``
  -> district 845; a role without a place name takes the article's unit of that level) and the
  article's location.  A mention whose every role is at the central level (a minister visiting a
  province) gets no place: the article's province says where the visit was, not who the person is.
  ``prov_p`` are pre-2025 province codes, ``prov_q`` 2025 province codes (a pre-2025 province is
  also given the 2025 province it went to), ``communes`` (a pre-2025 commune also as the 2025
  commune it went to) and ``districts`` (a commune's district too);
* ``posts``: ``title|body|level|unit`` of every role, and ``seat_*``: the communes, districts
  (a commune's district too) and 2025 provinces the person's roles sit in, to see two seats held
  in one year;
* ``lanes``: ``body|level`` of every role that is a seat (not a membership such as ``Huyện ủy
  viên``, see ``patterns/linking.yaml``): a move between two districts of a province within one
  lane (``Phó Chủ tịch UBND huyện`` here, ``Chủ tịch UBND huyện`` there) is a transfer;
* ``reach``: ``commune`` when every seat is in a commune, ``upper`` when every seat is in a
  province or at the centre (a jump between the two, over the district, is no career step);
* ``colleagues``: the keys of the article's other officials.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pandas as pd

from extractor.recognise.places import NEW, PRE, gazetteer, name_key
from extractor.text.normalize import fold

LEVELS = {"xã": "commune", "phường": "commune", "thị trấn": "commune", "đặc khu": "commune",
          "huyện": "district", "quận": "district", "thị xã": "district", "thành phố": "city",
          "tỉnh": "province", "trung ương": "central"}

MENTION_COLUMNS = ["mid", "article_id", "official", "name", "key", "variants", "date", "year",
                   "prov_p", "prov_q", "communes", "districts", "seat_commune_pre", "seat_commune_new",
                   "seat_district", "seat_province", "posts", "lanes", "reach", "colleagues", "central", "seen_in", "seen_names"]
ROLE_COLUMNS = ["mid", "role", "title", "body", "level", "place", "organization", "post",
                "unit_scheme", "unit_level", "unit_code", "unit_name", "province_code", "province_2025"]


def person_key(name: Any) -> str:
    """The folded name linking blocks on.

    >>> person_key("Nguyễn  Thị Thuý Hoà") == person_key("NGUYỄN THỊ THÚY HÒA")
    True
    """
    if not isinstance(name, str):
        return ""
    return " ".join(fold(name).split())


def name_variants(key: str) -> list[str]:
    """The key with one middle syllable left out (a name written without its middle name).

    >>> name_variants("trần thị mỹ hạnh")
    ['trần mỹ hạnh', 'trần thị hạnh']
    >>> name_variants("lê an")
    []
    """
    toks = key.split()
    if len(toks) < 3:
        return []
    return [" ".join(toks[:i] + toks[i + 1:]) for i in range(1, len(toks) - 1)]


def _none(v: Any) -> Any:
    """None for every kind of missing value pandas hands back (None, NaN, NA, NaT)."""
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
        return None
    return v


def columns(df: pd.DataFrame, cols: Iterable[str]) -> Iterable[tuple]:
    """The rows of ``df``'s columns as tuples (by whole columns: fast on Arrow-backed frames)."""
    return zip(*[df[c].tolist() if c in df.columns else [None] * len(df) for c in cols])


def _as_date(v: Any) -> dt.date | None:
    v = _none(v)
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if hasattr(v, "date"):
        return v.date()
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


_fold = lru_cache(maxsize=100_000)(fold)


@lru_cache(maxsize=1)
def _membership_titles() -> frozenset:
    from extractor.resources import load_yaml

    return frozenset(fold(t) for t in load_yaml("linking.yaml").get("membership_titles") or ())


# ------------------------------------------------------------------------------------ places

class ArticlePlace:
    """The article's location as gazetteer units (codes may be missing)."""

    __slots__ = ("commune", "district", "names", "province", "province_q", "scheme")

    def __init__(self, codes: dict, names: dict):
        self.scheme = codes.get("scheme") or PRE
        self.province = codes.get("province")
        self.district = codes.get("district")
        self.commune = codes.get("commune")
        self.province_q = codes.get("province_2025") or (self.province if self.scheme == NEW else None)
        self.names = names


@lru_cache(maxsize=200_000)
def _resolve(level: str, place: str | None, scheme: str, province: str | None) -> tuple | None:
    """(scheme, level, code, name, pre-2025 province, 2025 province) of a role's unit, or None."""
    if not place:
        return None
    gaz = gazetteer()
    levels = ("district", "province") if level == "city" else (level,)
    found = []
    for lv in levels:
        units = [u for u in gaz.find(place, lv) if u.scheme == scheme] or gaz.find(place, lv)
        if province:
            inside = [u for u in units if gaz.province_of(u).code == province and u.scheme == scheme]
            units = inside or [u for u in units if u.level == "province"] or units
        found.extend(units)
        if found:
            break
    if len(found) != 1:
        return ("name", level, name_key(place), place, None, None, None, None)
    return _unit_tuple(found[0])


def _unit_tuple(u) -> tuple:
    """(scheme, level, code, name, pre-2025 province, 2025 province, pre-2025 district) of a unit."""
    gaz = gazetteer()
    succ = gaz.successor_province(u)
    district = gaz.district_of(u) if u.scheme == PRE else None
    return (u.scheme, u.level, u.code, u.name, gaz.province_of(u).code if u.scheme == PRE else None,
            succ.code if succ else None, district.code if district else None,
            u.successor if u.scheme == PRE and u.level == "commune" else None)


def _unit_of(level: str | None, place: str | None, art: ArticlePlace) -> tuple | None:
    lv = LEVELS.get(level or "")
    if lv is None or lv == "central":
        return None
    if place:
        return _resolve(lv, place, art.scheme, art.province)
    # a role without a place name: the article's unit of that level
    code = {"commune": art.commune, "district": art.district, "province": art.province,
            "city": art.district or art.province}.get(lv)
    if not code:
        return None
    unit_level = "district" if lv == "city" and art.district else ("province" if lv == "city" else lv)
    gaz = gazetteer()
    u = gaz.get(art.scheme, unit_level, code)
    return _unit_tuple(u) if u is not None else None


# ------------------------------------------------------------------------------------ mentions

def _article_places(articles: pd.DataFrame) -> dict[str, ArticlePlace]:
    out = {}
    cols = [c for c in ("commune", "district", "province") if c in articles]
    for aid, raw, *vals in columns(articles, ["article_id", "location_codes", *cols]):
        raw = _none(raw)
        try:
            codes = json.loads(raw) if raw else {}
        except ValueError:
            codes = {}
        out[aid] = ArticlePlace(codes, {c: _none(v) for c, v in zip(cols, vals)})
    return out


def _mention_dates(tables: dict[str, pd.DataFrame]) -> tuple[dict, dict]:
    """Per article: the first dated meeting's date, and each meeting's date; and ``published``."""
    meetings = tables.get("meetings")
    first: dict[str, dt.date] = {}
    by_meeting: dict[tuple[str, int], dt.date] = {}
    if meetings is not None and len(meetings):
        for aid, i, d in columns(meetings, ["article_id", "meeting", "date"]):
            d = _as_date(d)
            if d is None:
                continue
            by_meeting[(aid, int(i))] = d
            if aid not in first:
                first[aid] = d
    published = {aid: _as_date(p) for aid, p in columns(tables["articles"], ["article_id", "published"])}
    return {"first": first, "by_meeting": by_meeting}, published


def build_mentions(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The mentions of a run's tables (``articles``, ``meetings``, ``officials``), one row each,
    and their roles, one row each (with the unit each role resolves to)."""
    officials = tables["officials"]
    if not len(officials):
        return pd.DataFrame({c: [] for c in MENTION_COLUMNS}), pd.DataFrame({c: [] for c in ROLE_COLUMNS})
    places = _article_places(tables["articles"])
    dates, published = _mention_dates(tables)
    has_meeting = "meeting" in officials.columns
    cols = ["article_id", "official", "name", "title", "body", "level", "place", "organization"] \
        + (["meeting"] if has_meeting else [])
    off = officials[cols].sort_values(["article_id", "official"], kind="stable")
    groups: dict[tuple[str, int], dict] = {}
    for aid, i, name, title, body, level, place, org, *meeting in columns(off, cols):
        k = (aid, int(i))
        g = groups.get(k)
        if g is None:
            g = groups[k] = {"name": name, "roles": [], "meeting": _none(meeting[0]) if meeting else None}
        if _none(title) is not None:
            g["roles"].append((title, _none(body), _none(level), _none(place), _none(org)))
    keys_by_article: dict[str, list[str]] = {}
    for (aid, _), g in groups.items():
        g["key"] = person_key(g["name"])
        keys_by_article.setdefault(aid, []).append(g["key"])
    rows, role_rows = [], []
    empty = ArticlePlace({}, {})
    for mid, ((aid, i), g) in enumerate(groups.items()):
        art = places.get(aid, empty)
        m = g["meeting"]
        date = (dates["by_meeting"].get((aid, int(m))) if m is not None else None) \
            or dates["first"].get(aid) or published.get(aid)
        prov_p, prov_q, communes, districts, posts, lanes = set(), set(), set(), set(), [], set()
        seats: dict[str, set] = {"commune_pre": set(), "commune_new": set(), "district": set(), "province": set()}
        central = bool(g["roles"]) and all(LEVELS.get(r[2] or "") == "central" for r in g["roles"])
        levels = {LEVELS.get(r[2] or "") for r in g["roles"]} - {None}
        # how high the mention's seats reach: only below the district, only above it, or both/unknown
        reach = "commune" if levels == {"commune"} else \
            "upper" if levels and levels <= {"province", "central"} else None
        for j, (title, body, level, place, org) in enumerate(g["roles"]):
            u = _unit_of(level, place, art)
            unit_id = f"{u[0]}:{u[2]}" if u else (f"name:{name_key(place)}" if place else "")
            post = "|".join((_fold(title or ""), _fold(body or ""), level or "", unit_id))
            posts.append(post)
            if body and _fold(title or "") not in _membership_titles():
                lanes.add(f"{_fold(body)}|{level or ''}")
            role_rows.append((mid, j, title, body, level, place, org, post,
                              *(u[:6] if u else (None,) * 6)))
            if u is None:
                continue
            if u[0] != "name":
                if u[4]:
                    prov_p.add(u[4])
                if u[5]:
                    prov_q.add(u[5])
                if u[1] == "commune":
                    communes.add(f"{u[0]}:{u[2]}")
                    if u[7]:  # the 2025 commune it went to
                        communes.add(f"{NEW}:{u[7]}")
                if u[6]:
                    districts.add(u[6])
            if u[0] == "name":
                continue
            if u[1] == "commune":
                seats["commune_pre" if u[0] == PRE else "commune_new"].add(u[2])
                if u[7]:
                    seats["commune_new"].add(u[7])
            if u[6]:
                seats["district"].add(u[6])
            if u[5]:
                seats["province"].add(u[5])
        if not central:  # the article's place is the person's place too
            if art.province and art.scheme == PRE:
                prov_p.add(art.province)
            if art.province_q:
                prov_q.add(art.province_q)
        seen = sorted(prov_q | ({art.province_q} if art.province_q else set()))
        seen_names = [art.names["province"]] if art.names.get("province") else []
        colleagues = sorted({k for k in keys_by_article[aid] if k != g["key"]})
        rows.append((mid, aid, i, g["name"], g["key"], name_variants(g["key"]), date,
                     date.year if date else None, sorted(prov_p), sorted(prov_q), sorted(communes), sorted(districts),
                     *(sorted(seats[k]) for k in ("commune_pre", "commune_new", "district", "province")),
                     posts, sorted(lanes), reach, colleagues, central, seen, seen_names))
    return (pd.DataFrame.from_records(rows, columns=MENTION_COLUMNS),
            pd.DataFrame.from_records(role_rows, columns=ROLE_COLUMNS))


__all__ = ["LEVELS", "MENTION_COLUMNS", "ROLE_COLUMNS", "build_mentions", "name_variants", "person_key"]
