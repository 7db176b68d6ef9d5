#!/usr/bin/env python
"""Scores of each set of corpus articles named in ``tests/floors.json`` (id ranges).

    .venv/bin/python scripts/score_sets.py                 # every set's report
    .venv/bin/python scripts/score_sets.py --set 142-171   # one set (it need not be in the floors yet)
    .venv/bin/python scripts/score_sets.py --raise-floors  # floors := max(floor, today's figure truncated)

Floors are only ever raised: a field below its floor is reported, never lowered.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.evaluation import evaluate as ev  # noqa: E402

FLOORS = ROOT / "tests" / "floors.json"


def in_set(gid: str, ids: str) -> bool:
    first, last = ids.split("-")
    return first <= gid <= last and len(gid) == len(first)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", action="append", help="an id range FIRST-LAST (default: every set of the floors)")
    ap.add_argument("--raise-floors", action="store_true", help="raise each set's floors to today's figures")
    ap.add_argument("--show-errors", action="store_true")
    a = ap.parse_args()
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    sets = a.set or [k for k in floors if not k.startswith("_")]
    gold = ev.load_gold(ROOT / "corpus")
    for ids in sets:
        part = {g: v for g, v in gold.items() if in_set(g, ids)}
        pred = ev.predict(ev.gold_inputs(ROOT / "corpus", part))
        rep = ev.score(part, pred)
        print(f"== {ids} ({len(part)} articles)")
        print(ev.format_report(rep))
        if a.show_errors:
            print("\n".join(rep.errors))
        if a.raise_floors:
            mine = floors.setdefault(ids, {})
            for field, row in rep.fields.items():
                got = row.get("f1", row.get("acc"))
                if got is None or not row.get("n", 1):
                    continue
                new = math.floor(got * 100) / 100
                if new > mine.get(field, -1):
                    mine[field] = new
    if a.raise_floors:
        FLOORS.write_text(json.dumps(floors, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"floors written: {FLOORS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
