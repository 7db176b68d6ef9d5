#!/usr/bin/env python
"""Time and memory of ``vnextract link`` on synthetic runs of 100,000 and 1,000,000 mentions.

A synthetic run is what ``vnextract extract --format parquet`` writes (``articles``, ``meetings``,
``officials`` folders and a manifest), made without extracting:

* people: one per 4 mentions; family names drawn from the published shares of Vietnamese family
  names (``SURNAMES`` below: Nguyễn 38 %, Trần 11 %, Lê 9.5 %, ..., the rest of
  ``patterns/people.yaml``'s surnames sharing what is left), middle and given names drawn from
  their frequencies among the officials of the project's gold corpus (``corpus/*.gold.json``),
  so common names (``Nguyễn Văn Hùng``) have many namesakes, as in life;
* places from ``patterns/gazetteer_vn.tsv`` (pre-2025 units): a person lives in a commune of a
  district of a province (provinces weighted by their number of communes), holds a seat at the
  commune, district or province level (a few at the centre), and may be promoted once (commune
  -> district) at a random year;
* articles: a district and a year 2015-2026, 3-6 officials drawn from the people of that
  district and its province, so colleagues co-occur as in life; ~5 % of mentions drop the middle
  name, ~5 % use the old tone placement (``Hoà``).

Each size is linked in a fresh process (``link`` of :mod:`extractor.linking`, stage by stage), and
the script prints seconds per stage, candidate pairs, peak resident memory and, between sizes, how
time and pairs grew (10x the mentions: ~10x is linear, 100x quadratic).

Usage::

    .venv/bin/python scripts/bench_link.py                  # 100,000 and 1,000,000 mentions
    .venv/bin/python scripts/bench_link.py --sizes 20000    # a quick look

Not a test: nothing is asserted, figures depend on the machine.

On a cluster
------------
Every stage is a relational step, so it maps onto Spark (or Dask) by partitioning:

1. mention features are computed per article (a ``mapPartitions`` over the ``officials`` table
   joined to its ``articles`` and ``meetings`` rows); the gazetteer is a 1 MB broadcast;
2. mentions with one name and the same evidence become one node
   (:func:`extractor.linking.match.collapse`): a ``groupBy`` on the profile columns collecting
   articles, years and colleagues (the rare second official of one article with the same profile
   gets a node of its own);
3. blocking and evidence are the SQL of :func:`extractor.linking.blocking.candidate_pairs` and
   :func:`~extractor.linking.match.evidence_sql` (``unnest`` = ``explode``, ``list_intersect`` =
   ``array_intersect``, ``len`` = ``size``): equi-joins on (name, 2025 province) and (name,
   colleague), which Spark shuffles by key, so each block is scored on one executor;
4. the clustering needs only the edges at or above the threshold; blocks share no edge with
   other names (a name and its middle-less variant share a family and given name), so edges are
   repartitioned by (family name, given name) and :func:`~extractor.linking.match.cluster` runs
   per partition (``groupBy(...).applyInPandas``) with the same checks (one article, one seat per
   level and year), since a person never spans two partitions;
5. ``people``/``tenures``/``panel`` are group-bys on ``person_id`` and the unit codes.

splink (``splink.SparkAPI``) runs the scoring step on Spark too, for its Fellegi-Sunter model
(``extractor/linking/splink_engine.py``, ``vnextract link --engine splink``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Shares (%) of the commonest Vietnamese family names, as commonly published.
SURNAMES = {"nguyễn": 38.4, "trần": 11.0, "lê": 9.5, "phạm": 7.1, "hoàng": 4.0, "huỳnh": 3.1, "phan": 4.5,
            "vũ": 2.0, "võ": 1.9, "đặng": 2.1, "bùi": 2.0, "đỗ": 1.4, "hồ": 1.3, "ngô": 1.3, "dương": 1.0,
            "lý": 0.5}

LEVEL_TITLES = {
    "xã": [("Chủ tịch", "Ủy ban nhân dân"), ("Phó Chủ tịch", "Ủy ban nhân dân"), ("Bí thư", "Đảng ủy"),
           ("Phó Bí thư", "Đảng ủy"), ("Chủ tịch", "Hội đồng nhân dân"), ("Chủ tịch", "Hội Nông dân"),
           ("Chủ tịch", "Hội Liên hiệp Phụ nữ"), ("Chủ tịch", "Mặt trận Tổ quốc")],
    "huyện": [("Bí thư", "Huyện ủy"), ("Phó Bí thư", "Huyện ủy"), ("Chủ tịch", "Ủy ban nhân dân"),
              ("Phó Chủ tịch", "Ủy ban nhân dân"), ("Chủ tịch", "Hội đồng nhân dân"), ("Trưởng ban", "Ban Tổ chức"),
              ("Chủ tịch", "Hội Nông dân"), ("Chủ tịch", "Mặt trận Tổ quốc")],
    "tỉnh": [("Phó Chủ tịch", "Ủy ban nhân dân"), ("Giám đốc", "Sở Nông nghiệp và Phát triển nông thôn"),
             ("Giám đốc", "Sở Tài chính"), ("Phó Bí thư", "Tỉnh ủy"), ("Trưởng ban", "Ban Dân vận")],
    "trung ương": [("Thứ trưởng", "Bộ Nội vụ"), ("Phó Trưởng ban", "Ban Tổ chức Trung ương")],
}


def _title(s: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in s.split())


def name_frequencies() -> tuple[list, list, list, list]:
    """(surnames, weights), (middles, weights), (givens, weights) from the tables above and the corpus gold."""
    from extractor.linking.features import person_key
    from extractor.resources import load_yaml

    middles: Counter = Counter()
    givens: Counter = Counter()
    for f in glob.glob(str(ROOT / "corpus" / "*.gold.json")):
        for o in json.loads(Path(f).read_text(encoding="utf-8")).get("officials") or []:
            toks = person_key(o.get("name")).split()
            if len(toks) >= 3 and toks[0] in SURNAMES:
                middles[" ".join(toks[1:-1])] += 1
                givens[toks[-1]] += 1
    others = [s for s in dict.fromkeys(load_yaml("people.yaml")["surnames"]) if s not in SURNAMES and " " not in s]
    rest = max(0.0, 100.0 - sum(SURNAMES.values()))
    sur = list(SURNAMES) + others
    sw = list(SURNAMES.values()) + [rest / len(others)] * len(others)
    return (sur, sw), (list(middles), list(middles.values())), (list(givens), list(givens.values()))


def places():
    """Provinces with their districts and communes (pre-2025 codes), weighted by communes."""
    from extractor.recognise.places import PRE, gazetteer

    gaz = gazetteer()
    provs: dict[str, dict] = {}
    for code, d in gaz.by_code[(PRE, "district")].items():
        provs.setdefault(d.parent, {})[code] = []
    for code, c in gaz.by_code[(PRE, "commune")].items():
        for p in provs.values():
            if c.parent in p:
                p[c.parent].append(code)
                break
    out = []
    for pcode, dists in provs.items():
        dists = {k: v for k, v in dists.items() if v}
        if dists:
            out.append((gaz.get(PRE, "province", pcode), [(gaz.get(PRE, "district", k), [gaz.get(PRE, "commune", c)
                                                                                          for c in v])
                                                           for k, v in dists.items()]))
    return out


def make_run(n_mentions: int, folder: Path, seed: int = 7) -> dict:
    import pyarrow as pa

    from extractor.io.tables import SCHEMAS
    from extractor.io.writers import append_manifest, write_part

    rnd = random.Random(seed)
    (sur, sw), (mid, mw), (giv, gw) = name_frequencies()
    geo = places()
    pweights = [sum(len(c) for _, c in dists) for _, dists in geo]
    n_people = max(10, n_mentions // 4)
    # people, by district
    by_district: dict[str, list[int]] = {}
    by_province: dict[str, list[int]] = {}
    people = []
    for i in range(n_people):
        pi = rnd.choices(range(len(geo)), pweights)[0]
        prov, dists = geo[pi]
        dist, comms = rnd.choice(dists)
        comm = rnd.choice(comms)
        r = rnd.random()
        level = "xã" if r < 0.6 else "huyện" if r < 0.9 else "tỉnh" if r < 0.99 else "trung ương"
        name = " ".join((rnd.choices(sur, sw)[0], rnd.choices(mid, mw)[0], rnd.choices(giv, gw)[0]))
        promo = rnd.randint(2016, 2030) if level == "xã" and rnd.random() < 0.3 else None
        people.append((_title(name), prov, dist, comm, level, rnd.choice(LEVEL_TITLES[level]), promo,
                       rnd.choice(LEVEL_TITLES["huyện"])))
        by_district.setdefault(dist.code, []).append(i)
        if level in ("tỉnh", "trung ương"):
            by_province.setdefault(prov.code, []).append(i)
    dist_keys = list(by_district)
    arts, meets, offs, truth = [], [], [], []
    count = a = 0
    while count < n_mentions:
        d = rnd.choice(dist_keys)
        pool = by_district[d]
        first = people[pool[0]]
        prov, dist = first[1], first[2]
        year = rnd.randint(2015, 2026)
        date = dt.date(year, rnd.randint(1, 12), rnd.randint(1, 28))
        chosen = rnd.sample(pool, min(len(pool), rnd.randint(2, 5)))
        if by_province.get(prov.code) and rnd.random() < 0.5:
            chosen.append(rnd.choice(by_province[prov.code]))
        chosen = list(dict.fromkeys(chosen))
        aid = f"s{a:07d}"
        codes = {"scheme": "pre-2025", "province": prov.code, "district": dist.code,
                 "province_2025": prov.successor}
        arts.append({"article_id": aid, "source": aid, "url": f"https://tin.vn/{aid}", "published": date,
                     "district": dist.name, "province": prov.name, "location_codes": json.dumps(codes)})
        meets.append({"article_id": aid, "meeting": 0, "kind": "hội nghị", "date": date})
        for j, p in enumerate(chosen):
            name, pprov, pdist, comm, level, (title, body), promo, (t2, b2) = people[p]
            if promo and year >= promo:
                level, title, body = "huyện", t2, b2
            r = rnd.random()
            if r < 0.05:
                toks = name.split()
                name = " ".join([toks[0], toks[-1]])
            elif r < 0.10:
                name = name.replace("Hòa", "Hoà").replace("Thủy", "Thuỷ")
            place = {"xã": comm.name, "huyện": pdist.name, "tỉnh": pprov.name, "trung ương": None}[level]
            offs.append({"article_id": aid, "official": j, "name": name, "role": 0, "title": title, "body": body,
                         "level": level, "place": place})
            truth.append(p)
            count += 1
        a += 1
    tables = {}
    for t, rows in (("articles", arts), ("meetings", meets), ("officials", offs)):
        tables[t] = pa.Table.from_pylist(rows, schema=SCHEMAS[t])
    for t in ("targets", "percentages", "quantities", "errors"):
        tables[t] = SCHEMAS[t].empty_table()
    folder.mkdir(parents=True, exist_ok=True)
    write_part(folder, "part-00000", tables)
    append_manifest(folder, {"part": "part-00000", "rows": len(arts)}, publish=True)
    (folder.parent / "truth.json").write_text(json.dumps(truth))  # the person of each officials row, in order
    return {"mentions": len(offs), "articles": len(arts), "people": n_people}


def pairwise(truth: list[int], pids: list[str]) -> dict:
    """Pairwise precision and recall of the found people against the synthetic ones (mentions in
    the run's order, which is the order they were made in)."""
    import pandas as pd

    df = pd.DataFrame({"t": truth, "p": pids})
    pairs = lambda s: int((s * (s - 1) // 2).sum())
    tp, pred, gold = pairs(df.groupby(["t", "p"]).size()), pairs(df.groupby("p").size()), pairs(df.groupby("t").size())
    return {"p": round(tp / pred, 4) if pred else 1.0, "r": round(tp / gold, 4) if gold else 1.0}


def measure(folder: str) -> dict:
    """Link one run stage by stage (in this process) and report seconds and peak memory."""
    from extractor.linking import read_run, write_link_tables
    from extractor.linking.features import build_mentions
    from extractor.linking.match import THRESHOLD, cluster, collapse, person_ids, score_pairs
    from extractor.linking.outputs import mentions_table, panel_table, people_table, tenures_table

    t = {}
    t0 = time.perf_counter()
    tables = read_run(folder)
    t["read"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    mentions, roles = build_mentions(tables)
    t["features"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    nodes, node_of = collapse(mentions)
    t["collapse"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    edges = score_pairs(nodes)
    t["pairs+evidence"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    node_labels = cluster(len(nodes), edges, nodes["articles"].tolist(), nodes["key"].tolist(), THRESHOLD)
    pids = person_ids(mentions, [node_labels[i] for i in node_of])
    t["cluster"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    people = people_table(mentions, pids)
    out = {"mentions": mentions_table(mentions, pids), "people": people,
           "tenures": tenures_table(mentions, roles, pids, people), "panel": panel_table(tables)}
    t["tables"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    write_link_tables(folder, out)
    t["write"] = time.perf_counter() - t0
    truth = json.loads((Path(folder).parent / "truth.json").read_text())
    return {"seconds": {k: round(v, 2) for k, v in t.items()}, "total": round(sum(t.values()), 2),
            "accuracy": pairwise(truth, pids),
            "nodes": len(nodes), "pairs": len(edges), "links": int((edges["score"] >= THRESHOLD).sum()), "people": len(people),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    prev = None
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="bench_link_") as tmp:
            run = Path(tmp) / "run.parquet"
            t0 = time.perf_counter()
            made = make_run(n, run)
            gen = time.perf_counter() - t0
            done = subprocess.run([sys.executable, __file__, "--measure", str(run)], capture_output=True, text=True,
                                  check=True)
            res = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{made['mentions']:,} mentions in {made['articles']:,} articles ({made['people']:,} synthetic people; "
              f"made in {gen:.1f} s)")
        print(f"  linked in {res['total']} s: {res['seconds']}")
        print(f"  {res['nodes']:,} distinct profiles, {res['pairs']:,} candidate pairs, {res['links']:,} above the threshold, {res['people']:,} people "
              f"found (pairwise against the synthetic people: P={res['accuracy']['p']} R={res['accuracy']['r']}); "
              f"peak memory {res['peak_rss_mb']:,} MB")
        if prev:
            k = made["mentions"] / prev[0]
            print(f"  growth for {k:.1f}x the mentions: time x{res['total'] / prev[1]:.1f}, "
                  f"pairs x{res['pairs'] / max(1, prev[2]):.1f} (linear x{k:.0f}, quadratic x{k * k:.0f})")
        prev = (made["mentions"], res["total"], res["pairs"])
        sys.stdout.flush()


if __name__ == "__main__":
    main()
