"""Blocking: which mentions are compared at all (DuckDB SQL, shared by the rules matcher of
:mod:`extractor.linking.match` and the splink scorer of :mod:`extractor.linking.splink_engine`)."""
from __future__ import annotations

from typing import Any

SEAT_COLUMNS = ("seat_commune_pre", "seat_commune_new", "seat_district", "seat_province")


def connect() -> Any:  # a duckdb.DuckDBPyConnection: duckdb is typed as Any (no stubs)
    """A DuckDB connection for the linking SQL (insertion order not kept: the SQL orders what it needs)."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    return con


def candidate_pairs(con: Any, table: str = "m") -> str:
    """SQL (a query) of the candidate pairs ``l < r`` of mention table ``table`` with ``variant``."""
    return f"""
    WITH allk AS (
        SELECT mid, key AS k, false AS variant FROM {table}
        UNION ALL SELECT mid, unnest(variants) AS k, true AS variant FROM {table}
    ),
    tok AS (
        SELECT mid, 'q:' || unnest(prov_q) AS t FROM {table}
        UNION ALL SELECT mid, 'none' AS t FROM {table} WHERE len(prov_q) = 0
        UNION ALL SELECT mid, 'c:' || unnest(colleagues) AS t FROM {table}
    ),
    ownt AS (SELECT m.mid, m.key AS k, t.t FROM {table} m JOIN tok t USING (mid)),
    allt AS (SELECT a.mid, a.k, a.variant, t.t FROM allk a JOIN tok t USING (mid)),
    shared AS (
        SELECT o.mid AS a, x.mid AS b, x.variant FROM ownt o JOIN allt x ON o.k = x.k AND o.t = x.t
        WHERE o.mid <> x.mid
    ),
    noplace AS (SELECT mid, key AS k FROM {table} WHERE len(prov_q) = 0),
    npk AS (SELECT a.mid, a.k, a.variant FROM allk a SEMI JOIN noplace n USING (mid)),
    unplaced AS (
        SELECT n.mid AS a, x.mid AS b, x.variant FROM noplace n JOIN allk x ON n.k = x.k WHERE n.mid <> x.mid
        UNION ALL
        SELECT x.mid AS a, n.mid AS b, n.variant FROM {table} x JOIN npk n ON x.key = n.k WHERE n.mid <> x.mid
    ),
    pairs AS (SELECT * FROM shared UNION ALL SELECT * FROM unplaced)
    SELECT least(a, b) AS l, greatest(a, b) AS r, bool_and(variant) AS variant
    FROM pairs GROUP BY 1, 2
    """
