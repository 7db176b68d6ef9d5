"""Readers: inputs streamed as items (dicts with ``text`` and optional ``id``, ``url``,
``title``, ``published``, and ``source`` saying where each came from).

A ``.txt`` file is one article (its stem is the id); a ``.jsonl`` file is a crawl
dump, one article per line; a folder is walked for both.  A bad line becomes an
item with an ``error`` so the batch writes an error row for it and goes on.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterator

Item = dict[str, Any]
SUFFIXES = (".txt", ".jsonl")


def iter_paths(paths: list[str]) -> Iterator[Path]:
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for f in sorted(files):
                    fp = Path(root) / f
                    if fp.name.endswith(SUFFIXES) and not fp.name.endswith(".gold.json"):
                        yield fp
        else:
            yield path


def read_txt(path: Path) -> Iterator[Item]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        yield {"id": path.stem, "source": str(path), "error": {"type": "UnicodeDecodeError", "message": str(e)}}
        return
    yield {"id": path.stem, "text": text, "source": str(path)}


def read_jsonl(path: Path) -> Iterator[Item]:
    with path.open("rb") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            source = f"{path}:{n}"
            try:
                rec = json.loads(raw)
                if not isinstance(rec, dict):
                    raise ValueError("a JSONL line must hold an object")
            except (ValueError, UnicodeDecodeError) as e:
                yield {"id": None, "source": source, "error": {"type": "InvalidJSONLine", "message": str(e)[:300]}}
                continue
            item = {k: rec.get(k) for k in ("id", "url", "title", "published", "text", "html")}
            if item["id"] is not None:
                item["id"] = str(item["id"])
            item["source"] = source
            yield item


def iter_items(paths: list[str]) -> Iterator[Item]:
    """Every input item of ``paths`` in order; missing paths raise ``FileNotFoundError``."""
    for p in paths:
        if not Path(p).exists():
            raise FileNotFoundError(f"no such file or folder: {p}")
    for path in iter_paths(paths):
        if path.name.endswith(".jsonl"):
            yield from read_jsonl(path)
        else:
            yield from read_txt(path)
