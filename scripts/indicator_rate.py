"""How often a percentage carries the indicator its gold subject names.

usage: python scripts/indicator_rate.py [DEV_DIR] [--from dNN] [--show]

DEV_DIR (default ``../shared/examples/dev``) holds ``raw/dNN.json`` and ``gold/dNN.gold.json``.
For every gold percentage whose subject names an indicator of ``patterns/indicators.yaml``
(read by the same matcher the extractor uses), the matched predicted percentage (same value
and previous) must carry that key.  Prints the rate and, with ``--show``, the misses.
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor import extract  # noqa: E402
from extractor.recognise.indicators import by_key, indicator_for  # noqa: E402


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    first = argv[argv.index("--from") + 1] if "--from" in argv else ""
    if first in args:
        args.remove(first)
    dev = Path(args[0]) if args else ROOT.parent / "shared" / "examples" / "dev"
    show = "--show" in argv
    n = ok = ok_change = 0
    change_of = {k: i.change_of for k, i in by_key().items() if i.change_of}
    keys: Counter = Counter()
    for raw in sorted((dev / "raw").glob("*.json")):
        if first and raw.stem < first:
            continue
        gold = json.loads((dev / "gold" / f"{raw.stem}.gold.json").read_text(encoding="utf-8"))
        if "percentages" not in gold:
            continue
        r = json.loads(raw.read_text(encoding="utf-8"))
        a = extract(r["text"], id=r["id"], url=r.get("url"))
        pool = defaultdict(list)
        for p in a.percentages:
            pool[(round(p.value, 4), None if p.previous is None else round(p.previous, 4))].append(p)
        for g in gold["percentages"]:
            want = indicator_for(g.get("subject"), "percentage")
            key = (round(float(g["value"]), 4), None if g.get("previous") is None else round(float(g["previous"]), 4))
            if want is None or not pool.get(key):
                continue
            got = pool[key].pop(0).indicator
            n += 1
            ok += got == want
            # the amount the indicator moved by ("tỷ lệ hộ nghèo giảm 3,43%"), which the taxonomy names
            # apart (`change_of`), while the gold subject names only the indicator that moved
            ok_change += got == want or (got is not None and change_of.get(got) == want)
            keys[want] += 1
            if show and got != want:
                print(f"[{raw.stem}] {g['value']}% gold subject {g.get('subject')!r}: want {want}, got {got}")
    print(f"indicator on percentages whose gold subject names one: {ok}/{n} = {ok / n if n else float('nan'):.3f}")
    print(f"the same, a change variant (taxonomy `change_of`) counted as its indicator: {ok_change}/{n} = "
          f"{ok_change / n if n else float('nan'):.3f}")
    print(f"indicators seen: {len(keys)}: " + ", ".join(f"{k} {v}" for k, v in keys.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
