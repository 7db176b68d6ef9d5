"""Records as tables: the nested records and flat, tidy tables joining on ``article_id``.

``articles``    one row per article (metadata, location, counts, text)
``meetings``    one row per meeting
``officials``   one row per person and role (a person without a role: one row, role columns null)
``targets``     one row per ``x/y`` figure
``percentages`` one row per percentage
``quantities``  one row per count or amount
``errors``      one row per input that gave no record

Every table has a fixed Arrow schema (:data:`SCHEMAS`), so Parquet parts written at different
times, DuckDB tables and pandas frames always have the same columns and types.  The nested
``records`` table has the schema of :class:`~extractor.records.Article` (derived from the pydantic
model) plus ``source``.
"""
from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Iterable
from typing import Any, Union

import pyarrow as pa
from pydantic import BaseModel

from extractor.records import Article

TABLES = ("articles", "meetings", "officials", "targets", "percentages", "quantities", "errors")

_s, _f, _i, _d = pa.string(), pa.float64(), pa.int64(), pa.date32()


def _span_fields() -> list[tuple[str, pa.DataType]]:
    # span_* rather than start/end/text: `end` is reserved in SQL, and `text` is the article's in `articles`
    return [("span_text", _s), ("span_start", _i), ("span_end", _i), ("sentence", _i)]


SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("article_id", _s), ("source", _s), ("url", _s), ("title", _s), ("published", _d), ("author", _s),
        ("commune", _s), ("commune_type", _s), ("district", _s), ("district_type", _s), ("province", _s),
        ("commune_code", _s), ("district_code", _s), ("province_code", _s),
        ("location_codes", _s), ("location_inferred", pa.list_(_s)),
        ("n_meetings", _i), ("n_officials", _i), ("n_targets", _i), ("n_percentages", _i),
        ("n_quantities", _i), ("warnings", pa.list_(_s)), ("chars", _i), ("text", _s),
    ]),
    "meetings": pa.schema([
        ("article_id", _s), ("meeting", _i), ("kind", _s), ("description", _s), ("organizer", _s),
        ("date", _d), ("date_text", _s), ("time_of_day", _s), ("period", _s),
        ("period_start", _d), ("period_end", _d), *_span_fields(),
    ]),
    "officials": pa.schema([
        ("article_id", _s), ("official", _i), ("name", _s), ("honorific", _s),
        ("role", _i), ("title", _s), ("organization", _s), ("body", _s), ("level", _s), ("place", _s),
        ("role_text", _s), ("participation", pa.list_(_s)), ("mentions", _i), ("meeting", _i),
        *_span_fields(),
    ]),
    "targets": pa.schema([
        ("article_id", _s), ("target", _i), ("numerator", _f), ("denominator", _f), ("subject", _s),
        ("ratio", _f), ("stated_percent", _f), ("status", _s), ("indicator", _s), ("meeting", _i), ("mentions", _i),
        *_span_fields(),
    ]),
    "percentages": pa.schema([
        ("article_id", _s), ("percentage", _i), ("value", _f), ("value_max", _f), ("subject", _s),
        ("qualifier", _s), ("previous", _f), ("direction", _s), ("kind", _s), ("indicator", _s), ("basis", _s),
        ("change", pa.bool_()), ("meeting", _i), ("mentions", _i), *_span_fields(),
    ]),
    "quantities": pa.schema([
        ("article_id", _s), ("quantity", _i), ("value", _f), ("unit", _s), ("per", _s), ("subject", _s),
        ("indicator", _s), ("meeting", _i), *_span_fields(),
    ]),
    "errors": pa.schema([("article_id", _s), ("source", _s), ("type", _s), ("message", _s)]),
}


# ---------------------------------------------------------------------------------------------
# the nested schema, from the pydantic models

def _arrow_type(ann: Any) -> pa.DataType:
    origin = typing.get_origin(ann)
    args = typing.get_args(ann)
    if origin in (Union, getattr(types, "UnionType", Union)):
        rest = [a for a in args if a is not type(None)]
        return _arrow_type(rest[0]) if len(rest) == 1 else _s
    if origin is typing.Literal:
        return _s
    if origin in (list, tuple, set, frozenset):
        return pa.list_(_arrow_type(args[0]) if args else _s)
    if origin is dict:
        return pa.map_(_arrow_type(args[0]), _arrow_type(args[1]))
    if isinstance(ann, type):
        if issubclass(ann, BaseModel):
            return pa.struct([pa.field(n, _arrow_type(f.annotation)) for n, f in ann.model_fields.items()])
        if issubclass(ann, bool):
            return pa.bool_()
        if issubclass(ann, int):
            return _i
        if issubclass(ann, float):
            return _f
        if issubclass(ann, dt.datetime):
            return pa.timestamp("us")
        if issubclass(ann, dt.date):
            return _d
    return _s


def record_schema() -> pa.Schema:
    """The Arrow schema of the nested records: every Article field plus ``source``."""
    fields = [pa.field(n, _arrow_type(f.annotation)) for n, f in Article.model_fields.items()]
    return pa.schema(fields + [pa.field("source", _s)])


RECORD_SCHEMA = record_schema()


def _coerce(value: Any, typ: pa.DataType) -> Any:
    """A JSON value made ready for ``typ`` (ISO strings to dates, nested structs and lists)."""
    if value is None:
        return None
    if pa.types.is_date32(typ):
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    if pa.types.is_struct(typ):
        if not isinstance(value, dict):
            return None
        return {typ.field(i).name: _coerce(value.get(typ.field(i).name), typ.field(i).type)
                for i in range(typ.num_fields)}
    if pa.types.is_map(typ):
        return [(str(k), None if v is None else str(v)) for k, v in dict(value).items()]
    if pa.types.is_list(typ):
        return [_coerce(v, typ.value_type) for v in value]
    if pa.types.is_string(typ):
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if pa.types.is_floating(typ):
        return float(value)
    if pa.types.is_integer(typ):
        return int(value)
    return value


def _date(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# rows

def as_record(obj: Any) -> dict:
    """An Article, a batch line (str) or its dict, as the JSON-mode dict of a batch line."""
    if isinstance(obj, Article):
        return obj.model_dump(mode="json")
    if isinstance(obj, (str, bytes)):
        return json.loads(obj)
    if isinstance(obj, dict):
        return obj
    raise TypeError(f"cannot make a record of {type(obj).__name__}")


def _span(s: dict | None) -> dict:
    s = s or {}
    return {"span_text": s.get("text"), "span_start": s.get("start"), "span_end": s.get("end"),
            "sentence": s.get("sentence")}


def rows_of(rec: dict) -> dict[str, list[dict]]:
    """The tidy rows of one batch line (a record or an error row), by table."""
    out: dict[str, list[dict]] = {t: [] for t in TABLES}
    aid = rec.get("id")
    if "error" in rec:
        err = rec.get("error") or {}
        out["errors"].append({"article_id": aid, "source": rec.get("source"),
                              "type": err.get("type"), "message": err.get("message")})
        return out
    loc = rec.get("location") or {}
    codes = loc.get("codes") or {}
    text = rec.get("text") or ""
    out["articles"].append({
        "article_id": aid, "source": rec.get("source"), "url": rec.get("url"), "title": rec.get("title"),
        "published": _date(rec.get("published")), "author": rec.get("author"),
        "commune": loc.get("commune"), "commune_type": loc.get("commune_type"),
        "district": loc.get("district"), "district_type": loc.get("district_type"),
        "province": loc.get("province"),
        "commune_code": codes.get("commune"), "district_code": codes.get("district"),
        "province_code": codes.get("province"),
        "location_codes": json.dumps(codes, ensure_ascii=False, sort_keys=True) if codes else None,
        "location_inferred": list(loc.get("inferred") or []),
        "n_meetings": len(rec.get("meetings") or []), "n_officials": len(rec.get("officials") or []),
        "n_targets": len(rec.get("targets") or []), "n_percentages": len(rec.get("percentages") or []),
        "n_quantities": len(rec.get("quantities") or []),
        "warnings": list(rec.get("warnings") or []), "chars": len(text), "text": text,
    })
    for i, m in enumerate(rec.get("meetings") or []):
        sp = _span(m.get("span"))
        out["meetings"].append({
            "article_id": aid, "meeting": i, "kind": m.get("kind"), "description": m.get("description"),
            "organizer": m.get("organizer"), "date": _date(m.get("date")), "date_text": m.get("date_text"),
            "time_of_day": m.get("time_of_day"), "period": m.get("period"),
            "period_start": _date(m.get("period_start")), "period_end": _date(m.get("period_end")), **sp,
        })
    for i, o in enumerate(rec.get("officials") or []):
        mentions = o.get("mentions") or []
        first = _span(mentions[0] if mentions else None)
        base = {"article_id": aid, "official": i, "name": o.get("name"), "honorific": o.get("honorific"),
                "participation": list(o.get("participation") or []), "mentions": len(mentions),
                "meeting": o.get("meeting"), **first}
        roles = o.get("roles") or []
        if not roles:
            out["officials"].append({**base, "role": None})
        for j, r in enumerate(roles):
            out["officials"].append({**base, "role": j, "title": r.get("title"),
                                     "organization": r.get("organization"), "body": r.get("body"),
                                     "level": r.get("level"), "place": r.get("place"), "role_text": r.get("text")})
    for i, t in enumerate(rec.get("targets") or []):
        out["targets"].append({
            "article_id": aid, "target": i, "numerator": t.get("numerator"), "denominator": t.get("denominator"),
            "subject": t.get("subject"), "ratio": t.get("ratio"), "stated_percent": t.get("stated_percent"),
            "status": t.get("status"), "indicator": t.get("indicator"), "meeting": t.get("meeting"),
            "mentions": len(t.get("mentions") or []) or 1, **_span(t.get("span")),
        })
    for i, p in enumerate(rec.get("percentages") or []):
        out["percentages"].append({
            "article_id": aid, "percentage": i, "value": p.get("value"), "value_max": p.get("value_max"),
            "subject": p.get("subject"), "qualifier": p.get("qualifier"), "previous": p.get("previous"),
            "direction": p.get("direction"), "kind": p.get("kind"), "indicator": p.get("indicator"),
            "basis": p.get("basis"), "change": bool(p.get("change")), "meeting": p.get("meeting"),
            "mentions": len(p.get("mentions") or []) or 1, **_span(p.get("span")),
        })
    for i, q in enumerate(rec.get("quantities") or []):
        out["quantities"].append({
            "article_id": aid, "quantity": i, "value": q.get("value"), "unit": q.get("unit"), "per": q.get("per"),
            "subject": q.get("subject"), "indicator": q.get("indicator"), "meeting": q.get("meeting"),
            **_span(q.get("span")),
        })
    return out


class TableBuffer:
    """Rows of many batch lines gathered by table, turned into Arrow tables on demand."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict]] = {t: [] for t in TABLES}
        self.records: list[dict] = []
        self.count = 0

    def add(self, obj: Any) -> None:
        rec = as_record(obj)
        self.count += 1
        for t, rows in rows_of(rec).items():
            self.rows[t].extend(rows)
        if "error" not in rec:
            self.records.append({f.name: _coerce(rec.get(f.name), f.type) for f in RECORD_SCHEMA})

    def __len__(self) -> int:
        return self.count

    def arrow(self, include_records: bool = True) -> dict[str, pa.Table]:
        out = {t: pa.Table.from_pylist(self.rows[t], schema=SCHEMAS[t]) for t in TABLES}
        if include_records:
            out = {"records": pa.Table.from_pylist(self.records, schema=RECORD_SCHEMA), **out}
        return out

    def clear(self) -> None:
        self.__init__()


def to_arrow(items: Iterable[Any], include_records: bool = False) -> dict[str, pa.Table]:
    buf = TableBuffer()
    for obj in items:
        buf.add(obj)
    return buf.arrow(include_records=include_records)


def to_frames(articles: Iterable[Any]):
    """Tidy pandas DataFrames (articles, meetings, officials, targets, percentages, quantities,
    errors) of Articles, batch lines or their dicts; every frame has its columns even when empty.

    >>> from extractor.records import Article
    >>> fr = to_frames([Article(id="a1", text="Xã đạt 17/18 chỉ tiêu.")])
    >>> sorted(fr), list(fr["articles"]["article_id"]), len(fr["targets"])
    (['articles', 'errors', 'meetings', 'officials', 'percentages', 'quantities', 'targets'], ['a1'], 0)
    """
    return {t: frame_of(tab) for t, tab in to_arrow(articles).items()}


def frame_of(table: pa.Table):
    """A pandas frame of a tidy table, typed for analysis: dates as ``datetime64``, nullable
    integers as ``Int64``, lists as Python lists and ``location_codes`` as a dict (in the Parquet
    and DuckDB tables it is JSON text, for SQL's JSON functions), however the table was read."""
    import pandas as pd

    df = table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
    for f in table.schema:
        if pa.types.is_date32(f.type):
            df[f.name] = pd.to_datetime(df[f.name])
        elif pa.types.is_list(f.type) or pa.types.is_large_list(f.type):
            df[f.name] = [None if v is None else list(v) for v in df[f.name]]
        elif pa.types.is_map(f.type):
            df[f.name] = [None if v is None else dict(v) for v in df[f.name]]
    if "location_codes" in df.columns:
        df["location_codes"] = [json.loads(v) if isinstance(v, str) else (v or None) for v in df["location_codes"]]
    return df


__all__ = [
    "RECORD_SCHEMA",
    "SCHEMAS",
    "TABLES",
    "TableBuffer",
    "as_record",
    "frame_of",
    "record_schema",
    "rows_of",
    "to_arrow",
    "to_frames",
]
