"""Datasets across articles: one person across many articles, and indicator panels.

``link(run)`` reads the per-article tables of ``vnextract extract --format parquet|duckdb``
(a Parquet folder or a DuckDB file), links the officials of all its articles into people and
writes beside them ``mentions``, ``people``, ``tenures`` and ``panel``
(see :mod:`extractor.linking.outputs`); ``vnextract link RUN`` does the same.  How mentions
are compared and linked: :mod:`extractor.linking.match`; the evidence each mention carries:
:mod:`extractor.linking.features`.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Optional, Union

import pandas as pd

from extractor.linking.features import build_mentions, person_key
from extractor.linking.match import THRESHOLD, WEIGHTS, link_mentions
from extractor.linking.outputs import (
    LINK_SCHEMAS,
    LINK_TABLES,
    mentions_table,
    panel_table,
    people_table,
    tenures_table,
)

_INPUT_TABLES = ("articles", "meetings", "officials", "targets", "percentages", "quantities")
_ARTICLE_COLUMNS = ("article_id", "url", "published", "commune", "district", "province", "location_codes")


def read_run(run: str | Path, fmt: str | None = None) -> dict[str, pd.DataFrame]:
    """The per-article tables of a run (the ``articles`` table without its text), extra columns
    kept (a run written by a newer version may have more)."""
    from extractor.io.writers import output_format, read_manifest

    run = Path(run)
    if not run.exists():
        raise FileNotFoundError(f"no such run: {run}")
    fmt = output_format(str(run), fmt)
    out: dict[str, pd.DataFrame] = {}
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        parts = [p["part"] for p in read_manifest(run)]
        for t in _INPUT_TABLES:
            d = run / t
            files = [d / f"{p}.parquet" for p in parts] if parts else sorted(d.glob("*.parquet"))
            files = [f for f in files if f.exists()]
            cols = list(_ARTICLE_COLUMNS) if t == "articles" else None
            tabs = []
            for f in files:
                names = pq.read_schema(f).names
                tabs.append(pq.read_table(f, columns=[c for c in cols if c in names] if cols else None))
            if tabs:
                out[t] = pa.concat_tables(tabs, promote_options="default").to_pandas()
            else:
                from extractor.io.tables import SCHEMAS

                out[t] = SCHEMAS[t].empty_table().to_pandas()
    elif fmt == "duckdb":
        import duckdb

        con = duckdb.connect(str(run), read_only=True)
        try:
            have = {r[0] for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
            for t in _INPUT_TABLES:
                if t not in have:
                    from extractor.io.tables import SCHEMAS

                    out[t] = SCHEMAS[t].empty_table().to_pandas()
                    continue
                if t == "articles":
                    names = {r[0] for r in con.execute(f"DESCRIBE {t}").fetchall()}
                    sel = ", ".join(f'"{c}"' for c in _ARTICLE_COLUMNS if c in names)
                else:
                    sel = "*"
                out[t] = con.execute(f'SELECT {sel} FROM "{t}"').df()
        finally:
            con.close()
    else:
        raise ValueError("link reads a Parquet folder or a DuckDB file (vnextract extract --format parquet|duckdb)")
    return out


def link_tables(tables: dict[str, pd.DataFrame], threshold: float | None = None,
                engine: str = "rules") -> dict[str, pd.DataFrame]:
    """The four link tables of per-article tables (pandas DataFrames keyed by table name)."""
    mentions, roles = build_mentions(tables)
    pids, _ = link_mentions(mentions, threshold=threshold, engine=engine)
    people = people_table(mentions, pids)
    return {
        "mentions": mentions_table(mentions, pids),
        "people": people,
        "tenures": tenures_table(mentions, roles, pids, people),
        "panel": panel_table(tables),
    }


def write_link_tables(run: str | Path, out: dict[str, pd.DataFrame], fmt: str | None = None) -> None:
    """Write the link tables beside the run's tables (replacing those of an earlier ``link``)."""
    import pyarrow as pa

    from extractor.io.writers import output_format

    run = Path(run)
    fmt = output_format(str(run), fmt)
    arrow = {t: pa.Table.from_pandas(out[t], schema=LINK_SCHEMAS[t], preserve_index=False) for t in LINK_TABLES}
    if fmt == "parquet":
        import os

        import pyarrow.parquet as pq

        for t, tab in arrow.items():
            d = run / t
            if d.exists():
                shutil.rmtree(d)
            d.mkdir(parents=True)
            tmp = d / ".link.parquet.tmp"
            pq.write_table(tab, tmp, compression="zstd")
            os.replace(tmp, d / "link.parquet")
        return
    import duckdb

    con = duckdb.connect(str(run))
    try:
        con.execute("BEGIN TRANSACTION")
        for t, tab in arrow.items():
            con.register("_link", tab)
            con.execute(f'CREATE OR REPLACE TABLE "{t}" AS SELECT * FROM _link')
            con.unregister("_link")
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def link(run: str | Path, fmt: str | None = None, write: bool = True, threshold: float | None = None,
         engine: str = "rules") -> dict[str, pd.DataFrame]:
    """Link the officials of a run (Parquet folder or DuckDB file) into people, build the
    ``mentions``, ``people``, ``tenures`` and ``panel`` tables, write them beside the run's
    tables (unless ``write=False``) and return them as DataFrames."""
    out = link_tables(read_run(run, fmt), threshold=threshold, engine=engine)
    if write:
        write_link_tables(run, out, fmt)
    return out


__all__ = ["LINK_SCHEMAS", "LINK_TABLES", "THRESHOLD", "WEIGHTS", "build_mentions", "link", "link_mentions",
           "link_tables", "person_key", "read_run", "write_link_tables"]
