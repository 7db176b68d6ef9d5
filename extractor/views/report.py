"""``vnextract report RUN``: one self-contained HTML page about a batch run.

A person who has just run ``vnextract extract`` wants to see what came out: how many
articles from which provinces and years, which meetings, how often each field was
found, which indicators and what values, which warnings and errors.  The charts are
Vega-Lite specs built with Altair and rendered in the page by Vega-Embed; the
JavaScript runtime comes from ``vl-convert`` (a bundle of Vega, Vega-Lite and
Vega-Embed shipped inside that wheel), inlined with the data, so the file opens
offline and nothing is fetched.  Install with the ``report`` extra.
"""
from __future__ import annotations

import collections
import datetime as dt
import functools
import html
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

#: what the coverage chart counts: a label and a test on one record
COVERAGE: tuple[tuple[str, Any], ...] = (
    ("published", lambda r: bool(r.get("published"))),
    ("author", lambda r: bool(r.get("author"))),
    ("province", lambda r: bool((r.get("location") or {}).get("province"))),
    ("a meeting", lambda r: bool(r.get("meetings"))),
    ("a meeting date", lambda r: any(m.get("date") for m in r.get("meetings") or [])),
    ("officials", lambda r: bool(r.get("officials"))),
    ("a role", lambda r: any(o.get("roles") for o in r.get("officials") or [])),
    ("targets", lambda r: bool(r.get("targets"))),
    ("percentages", lambda r: bool(r.get("percentages"))),
    ("quantities", lambda r: bool(r.get("quantities"))),
    ("an indicator", lambda r: any(x.get("indicator") for g in ("targets", "percentages", "quantities")
                                   for x in r.get(g) or [])),
)

_NUMBER = re.compile(r"\d+(?:[.,]\d+){0,6}")  # numbers in a warning, so warnings of one kind group together


def _plain(value: Any) -> Any:
    """A value read back from Parquet or DuckDB as plain Python (arrays to lists)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return _plain(value.tolist())
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value


def iter_run(run: str | Path) -> Iterator[dict]:
    """Every output line of a run: records and error rows, from JSONL, Parquet or DuckDB."""
    from extractor.io.writers import output_format

    path = Path(run)
    if path.is_file() and output_format(str(path)) == "jsonl":  # any file but a DuckDB one: JSONL lines
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError:  # a last line cut short by a kill: the batch redoes it on resume
                    continue
                if isinstance(row, dict):
                    yield row
        return
    from extractor.io.writers import read_tables

    tables = read_tables(str(path))
    for row in tables["records"].to_dict("records"):
        yield _plain(row)
    for row in tables["errors"].to_dict("records"):
        row = _plain(row)
        yield {"id": row.get("article_id"), "source": row.get("source"),
               "error": {"type": row.get("type") or row.get("error_type"), "message": row.get("message")}}


def _year(rec: dict) -> str | None:
    for value in [rec.get("published"), *[m.get("date") for m in rec.get("meetings") or []]]:
        if value:
            return str(value)[:4]
    return None


def summarise(lines: Iterable[dict]) -> dict[str, Any]:
    """The counts the report shows, as plain data (also what the tests check)."""
    n = errors = 0
    provinces: collections.Counter[str] = collections.Counter()
    years: collections.Counter[str] = collections.Counter()
    kinds: collections.Counter[str] = collections.Counter()
    coverage: collections.Counter[str] = collections.Counter()
    error_types: collections.Counter[str] = collections.Counter()
    warnings: collections.Counter[str] = collections.Counter()
    indicators: collections.Counter[str] = collections.Counter()
    values: list[dict[str, Any]] = []
    officials = roles = 0
    for rec in lines:
        if rec.get("error"):
            errors += 1
            error_types[str((rec["error"] or {}).get("type") or "unknown")] += 1
            continue
        n += 1
        provinces[(rec.get("location") or {}).get("province") or "(not found)"] += 1
        years[_year(rec) or "(no date)"] += 1
        for m in rec.get("meetings") or []:
            kinds[m.get("kind") or "(none)"] += 1
        for label, test in COVERAGE:
            coverage[label] += bool(test(rec))
        for w in rec.get("warnings") or []:
            warnings[_NUMBER.sub("#", w)[:80]] += 1
        officials += len(rec.get("officials") or [])
        roles += sum(len(o.get("roles") or []) for o in rec.get("officials") or [])
        for group in ("targets", "percentages", "quantities"):
            for item in rec.get(group) or []:
                key = item.get("indicator")
                if not key:
                    continue
                indicators[key] += 1
                if group == "percentages" and item.get("value") is not None:
                    values.append({"indicator": key, "value": float(item["value"]),
                                   "kind": item.get("kind") or "result", "article": rec.get("id")})
    return {
        "articles": n, "errors": errors, "officials": officials, "roles": roles,
        "provinces": provinces, "years": years, "kinds": kinds, "coverage": coverage,
        "error_types": error_types, "warnings": warnings, "indicators": indicators, "values": values,
    }


def _bars(counts: collections.Counter[str], field: str, title: str, top: int = 30, sort_by_key: bool = False):
    import altair as alt

    items = sorted(counts.items()) if sort_by_key else counts.most_common(top)
    data = alt.Data(values=[{field: k, "count": v} for k, v in items])
    order = [k for k, _ in items]
    return alt.Chart(data, title=title).mark_bar().encode(
        y=alt.Y(f"{field}:N", sort=order, title=None),
        x=alt.X("count:Q", title="count"),
        tooltip=[alt.Tooltip(f"{field}:N"), alt.Tooltip("count:Q")],
    ).properties(width=480)


def charts(summary: dict[str, Any]) -> list[tuple[str, dict]]:
    """(title, Vega-Lite spec) of every chart of the report; empty groups give no chart."""
    import altair as alt

    out: list[tuple[str, Any]] = []
    if summary["provinces"]:
        out.append(("Articles by province", _bars(summary["provinces"], "province", "Articles by province")))
    if summary["years"]:
        out.append(("Articles by year", _bars(summary["years"], "year", "Articles by year (dateline, else meeting date)",
                                              sort_by_key=True)))
    if summary["kinds"]:
        out.append(("Meeting kinds", _bars(summary["kinds"], "kind", "Meetings by kind")))
    if summary["articles"]:
        n = summary["articles"]
        cov = [{"field": label, "share": summary["coverage"][label] / n, "articles": summary["coverage"][label]}
               for label, _ in COVERAGE]
        out.append(("Field coverage", alt.Chart(alt.Data(values=cov), title=f"Articles with ... (of {n})")
                    .mark_bar().encode(
                        y=alt.Y("field:N", sort=[c["field"] for c in cov], title=None),
                        x=alt.X("share:Q", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]), title=None),
                        tooltip=["field:N", "articles:Q", alt.Tooltip("share:Q", format=".1%")],
                    ).properties(width=480)))
    if summary["indicators"]:
        out.append(("Indicators", _bars(summary["indicators"], "indicator", "Figures by indicator")))
    if summary["values"]:
        top = [k for k, _ in collections.Counter(v["indicator"] for v in summary["values"]).most_common(15)]
        vals = [v for v in summary["values"] if v["indicator"] in top]
        out.append(("Indicator values", alt.Chart(alt.Data(values=vals), title="Percentages by indicator")
                    .mark_tick(thickness=2).encode(
                        y=alt.Y("indicator:N", sort=top, title=None),
                        x=alt.X("value:Q", title="%"),
                        color=alt.Color("kind:N"),
                        tooltip=["indicator:N", "value:Q", "kind:N", "article:N"],
                    ).properties(width=480)))
    if summary["warnings"]:
        out.append(("Warnings", _bars(summary["warnings"], "warning", "Warnings (numbers as #)", top=20)))
    if summary["error_types"]:
        out.append(("Errors", _bars(summary["error_types"], "type", "Error rows by type")))
    return [(title, chart.to_dict()) for title, chart in out]


@functools.lru_cache(maxsize=1)
def _runtime() -> str:
    """Vega, Vega-Lite and Vega-Embed as one script, from the vl-convert wheel (no network)."""
    import vl_convert

    return vl_convert.javascript_bundle("window.vegaEmbed = vegaEmbed;")


_EMBED = """
(function () {
  const specs = %s;
  const done = specs.map(([id, spec]) => window.vegaEmbed("#" + id, spec, {renderer: "svg", actions: false})
    .then(() => { document.getElementById(id).dataset.rendered = "1"; })
    .catch((e) => { document.getElementById(id).dataset.error = String(e); }));
  Promise.all(done).then(() => { document.body.dataset.charts = String(specs.length); });
})();
"""

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222;background:#fff}
h1{font-size:1.5em} h2{font-size:1.15em;margin-top:1.6em} table{border-collapse:collapse}
td,th{padding:2px 10px;text-align:left;border-bottom:1px solid #ddd} .muted{color:#666}
@media (prefers-color-scheme: dark){body{color:#ddd;background:#1e1e1e} td,th{border-color:#444} .muted{color:#aaa}}
"""


def _script_safe(js: str) -> str:
    return js.replace("</script", "<\\/script")


def render(summary: dict[str, Any], *, title: str = "vn-news-extractor run", source: str = "") -> str:
    """The report page for a summary (see :func:`summarise`)."""
    specs = charts(summary)
    ids = [f"chart-{i}" for i in range(len(specs))]
    head = [("articles", summary["articles"]), ("error rows", summary["errors"]),
            ("officials", summary["officials"]), ("roles", summary["roles"]),
            ("figures with an indicator", sum(summary["indicators"].values()))]
    rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{v:,}</td></tr>" for k, v in head)
    sections = "".join(f"<h2>{html.escape(t)}</h2><div class='chart' id='{i}'></div>" for i, (t, _) in zip(ids, specs))
    embed = _EMBED % json.dumps([[i, s] for i, (_, s) in zip(ids, specs)], ensure_ascii=False)
    from extractor import __version__

    stamp = dt.datetime.now().isoformat(timespec="seconds")
    return (f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{_STYLE}</style></head><body data-charts='0'>"
            f"<h1>{html.escape(title)}</h1><p class='muted'>{html.escape(source)} · vn-news-extractor "
            f"{html.escape(__version__)} · {stamp}</p><table>{rows}</table>{sections}"
            f"<script>{_script_safe(_runtime())}</script><script>{_script_safe(embed)}</script></body></html>")


def write_report(run: str | Path, output: str | Path) -> dict[str, Any]:
    """Write the HTML report of ``run`` (a JSONL output, a Parquet folder or a DuckDB file) to ``output``."""
    summary = summarise(iter_run(run))
    Path(output).write_text(render(summary, source=str(run)), encoding="utf-8")
    return summary


__all__ = ["charts", "iter_run", "render", "summarise", "write_report"]
