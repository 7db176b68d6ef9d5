"""What a run was and what it can be trusted for: ``vnextract info`` and the dataset card.

The card is a ``README.md`` written beside the tables of every Parquet or DuckDB run, so
that a folder handed to a colleague says what it holds: what was run, when, by which
version, over which inputs, how many rows each table has, the columns, the accuracy the
project measures (``accuracy.json``, shipped with the package) and the known limits.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterable, Mapping
from importlib import metadata, resources
from typing import Any

#: the distributions whose versions decide what a run produces
DEPENDENCIES = ("spacy", "underthesea", "underthesea_core", "pydantic", "dateparser", "PyYAML", "trafilatura",
                "warcio", "ftfy", "charset-normalizer", "pyarrow", "pandas", "duckdb", "dask", "altair",
                "vl-convert-python")

LIMITS = (
    "Records are read by rules and lexicons tuned on Vietnamese local-government reports; other genres "
    "(court news, business, sport) give few or wrong items.",
    "Roles, meeting dates, datelines and bylines carry no character offsets; every other item does.",
    "A meeting date with no year anywhere in the text (no dateline, no full date, no term) is null.",
    "Places come from a gazetteer of early 2025 with the post-2025 successors; a name shared by several "
    "units stays unresolved rather than guessed.",
    "Subjects of figures are the noun phrase as written; `indicator` keys are given only when a listed "
    "phrase names the figure, never guessed.",
)


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def environment() -> dict[str, Any]:
    """Versions of the package, its dependencies, its pattern files and its bundled model."""
    from extractor import __version__

    patterns = {}
    root = resources.files("extractor.patterns")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.is_file() and not entry.name.startswith("__"):
            data = entry.read_bytes()
            patterns[entry.name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()[:12]}
    deps = {d: _version(d) for d in DEPENDENCIES}
    return {
        "vn-news-extractor": __version__,
        "python": sys.version.split()[0],
        "dependencies": {d: v for d, v in deps.items() if v},
        "not installed": [d for d, v in deps.items() if not v],
        "patterns": {"location": str(root), "files": patterns},
        "models": {"underthesea NER (CRF, inside the underthesea package)": _version("underthesea")},
    }


def format_environment(env: Mapping[str, Any]) -> str:
    """``vnextract info`` as a person reads it."""
    lines = [f"vn-news-extractor {env['vn-news-extractor']} (Python {env['python']})", "dependencies:"]
    lines += [f"  {d} {v}" for d, v in env["dependencies"].items()]
    if env["not installed"]:
        lines.append("not installed (optional): " + ", ".join(env["not installed"]))
    lines.append(f"patterns: {env['patterns']['location']}")
    lines += [f"  {name} ({f['bytes']:,} bytes, sha256 {f['sha256']})" for name, f in env["patterns"]["files"].items()]
    lines.append("models:")
    lines += [f"  {name} {v}" for name, v in env["models"].items()]
    return "\n".join(lines)


def accuracy() -> dict[str, Any]:
    """The accuracy figures the project reports (``extractor/accuracy.json``)."""
    return json.loads(resources.files("extractor").joinpath("accuracy.json").read_text(encoding="utf-8"))


def dataset_card(*, output: str, fmt: str, inputs: Iterable[str], counts: Mapping[str, int],
                 columns: Mapping[str, Iterable[str]], command: str | None = None,
                 started: dt.datetime | None = None, finished: dt.datetime | None = None,
                 run: str | None = None, notes: Iterable[str] = ()) -> str:
    """The card (Markdown) of a run's output folder or file.  ``run``: the run's summary line;
    ``notes``: more lines for "What was run" (a resumed run, records passed over)."""
    env = environment()
    acc = accuracy()
    when = (finished or dt.datetime.now()).isoformat(timespec="seconds")
    out = [f"# Dataset card: {output}", "",
           f"Records of Vietnamese local-government news extracted by vn-news-extractor "
           f"{env['vn-news-extractor']} ({fmt}).", "",
           "## What was run", "",
           f"- command: `{command or 'vnextract extract'}`",
           f"- started: {started.isoformat(timespec='seconds') if started else 'unknown'}; finished: {when}",
           f"- Python {env['python']}; " + ", ".join(f"{d} {v}" for d, v in env["dependencies"].items()
                                                     if d in ("spacy", "underthesea", "pydantic", "pyarrow", "duckdb")),
           ]
    if run:
        out.append(f"- this run: {run}")
    out += [f"- {n}" for n in notes]
    out.append("- inputs:")
    out += [f"  - `{p}`" for p in inputs]
    out += ["", "## Tables", "", "| table | rows | columns |", "|---|---|---|"]
    for t, n in counts.items():
        out.append(f"| {t} | {n:,} | {', '.join(f'`{c}`' for c in columns.get(t, []))} |")
    out += ["", "Tables join on `article_id` (`records.id` and `articles.article_id`). The record contract "
            "and every field's meaning: `vnextract schema`.", "",
            "## Accuracy", "", acc.get("about", ""), "", "| field | " + " | ".join(acc["sets"]) + " |",
            "|---|" + "---|" * len(acc["sets"])]
    fields: list[str] = []
    for figures in acc["sets"].values():
        fields += [f for f in figures if f not in fields]
    for f in fields:
        out.append(f"| {f} | " + " | ".join("" if s.get(f) is None else f"{s[f]:.3f}" for s in acc["sets"].values())
                   + " |")
    out += ["", "## Known limits", ""] + [f"- {x}" for x in LIMITS]
    return "\n".join(out) + "\n"


__all__ = ["accuracy", "dataset_card", "environment", "format_environment"]
