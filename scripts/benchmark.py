#!/usr/bin/env python
"""Throughput and memory of the extractor, beside underthesea's ``ner`` on the same articles.

Builds at least ``--n`` articles (default 2,000) by repeating ``corpus/*.txt`` and, when present,
the shared development set's raw texts; by default each article is made at least ``--kb`` KB
(default 4) by joining consecutive texts, the size the throughput goal is stated for
(``--kb 0`` keeps the texts as they are).  Then, in one run:

1. the full pipeline, single process, article after article: articles/s (per worker, since one
   process is one worker), peak resident memory, and milliseconds per article of each stage;
2. underthesea's ``word_tokenize`` and ``ner`` on samples (``--tok-sample``, default 300;
   ``--ner-sample``, default 30) of the same articles, and the ratios of the speeds;
3. the cost against article size: ``extractor.extract`` on articles of 1, 4, 16 and 64 KB (the same
   bytes in all), in ms per KB, which stays flat when the cost is linear;
4. the time ``import extractor`` takes in a fresh interpreter, beside a bare interpreter's start;
5. with ``--workers N``: the batch runner (``extractor.batch.pool.run_parallel``, forked workers,
   JSONL written to a temporary file) over the same articles: articles/s overall and per worker,
   and the workers' peak resident memory.

Usage::

    .venv/bin/python scripts/benchmark.py                 # 2,000 articles of >= 4 KB
    .venv/bin/python scripts/benchmark.py --workers 2     # also the batch runner on 2 workers
    .venv/bin/python scripts/benchmark.py --kb 0 --n 3000 # the corpus texts as they are

Not a test: nothing is asserted, figures depend on the machine.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEV_RAW = Path(os.environ.get("VN_DEV_RAW", ROOT.parent / "shared" / "examples" / "dev" / "raw"))


def base_texts() -> list[tuple[str, str]]:
    texts = [(Path(f).stem, Path(f).read_text(encoding="utf-8")) for f in sorted(glob.glob(str(ROOT / "corpus" / "*.txt")))]
    if DEV_RAW.is_dir():
        for f in sorted(DEV_RAW.glob("*.json")):
            with f.open(encoding="utf-8") as fh:
                rec = json.load(fh)
            if rec.get("text"):
                texts.append((f"dev-{f.stem}", rec["text"]))
    if not texts:
        sys.exit("no corpus texts found")
    return texts


def build(n: int, kb: float) -> list[dict]:
    """``n`` articles: the texts repeated, or (``kb`` > 0) paragraphs of consecutive texts joined
    until an article holds at least ``kb`` KB."""
    texts = base_texts()
    if kb <= 0:
        return [{"id": f"bench-{i:05d}", "text": texts[i % len(texts)][1], "source": texts[i % len(texts)][0]}
                for i in range(n)]
    paras = [(name, p.strip()) for name, text in texts for p in text.split("\n") if p.strip()]
    items, i = [], 0
    min_bytes = int(kb * 1024)
    while len(items) < n:
        parts, size, first = [], 0, paras[i % len(paras)][0]
        while size < min_bytes:
            parts.append(paras[i % len(paras)][1])
            size += len(parts[-1].encode("utf-8")) + 1
            i += 1
        items.append({"id": f"bench-{len(items):05d}", "text": "\n".join(parts), "source": first})
    return items


def cpu_s(who=resource.RUSAGE_SELF) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def bench_pipeline(items: list[dict], ner: bool) -> dict:
    from extractor.context import Meta
    from extractor.pipeline import run
    from extractor.resolve import to_article
    from extractor.text.repair import fix_text

    warm = items[: min(20, len(items))]
    for it in warm:  # first calls load lexicons, the gazetteer and the NER model
        to_article(run(it["text"], Meta(id=it["id"]), ner=ner))
    timings: dict[str, float] = {}
    errors = 0
    c0 = cpu_s()
    t0 = time.perf_counter()
    for it in items:
        try:
            # what extractor.extract does, stage by stage: repair, the stages, records
            t_1 = time.perf_counter()
            text, notes = fix_text(it["text"])
            timings["repair"] = timings.get("repair", 0.0) + time.perf_counter() - t_1
            ctx = run(text, Meta(id=it["id"], warnings=notes), ner=ner, timings=timings)
            t = time.perf_counter()
            art = to_article(ctx)
            t2 = time.perf_counter()
            json.dumps(art.model_dump(mode="json"), ensure_ascii=False)
            t3 = time.perf_counter()
            timings["resolve"] = timings.get("resolve", 0.0) + t2 - t
            timings["json"] = timings.get("json", 0.0) + t3 - t2
        except Exception:
            errors += 1
    secs = time.perf_counter() - t0
    cpu = cpu_s() - c0
    return {"n": len(items), "seconds": secs, "per_s": len(items) / secs, "per_cpu_s": len(items) / cpu, "errors": errors,
            "stages_ms": {k: 1000 * v / len(items) for k, v in timings.items()}, "rss_mb": rss_mb()}


def bench_underthesea(items: list[dict]) -> dict:
    from underthesea import ner

    ner(items[0]["text"][:200])  # load the model
    c0 = cpu_s()
    t0 = time.perf_counter()
    for it in items:
        ner(it["text"])
    secs = time.perf_counter() - t0
    cpu = cpu_s() - c0
    return {"n": len(items), "seconds": secs, "per_s": len(items) / secs, "per_cpu_s": len(items) / cpu}


def bench_word_tokenize(items: list[dict]) -> dict:
    from underthesea import word_tokenize

    word_tokenize(items[0]["text"][:200])
    c0 = cpu_s()
    t0 = time.perf_counter()
    for it in items:
        word_tokenize(it["text"])
    secs = time.perf_counter() - t0
    cpu = cpu_s() - c0
    return {"n": len(items), "seconds": secs, "per_s": len(items) / secs, "per_cpu_s": len(items) / cpu}


def bench_sizes(kbs=(1, 4, 16, 64), total_kb: int = 512, ner: bool = True) -> dict:
    """ms per KB of ``extractor.extract`` for articles of each size, the same bytes in all."""
    import extractor

    out = {}
    for kb in kbs:
        items = build(max(2, total_kb // kb), kb)
        extractor.extract(items[0]["text"], id="warm", ner=ner)
        nbytes = sum(len(it["text"].encode("utf-8")) for it in items)
        t0 = time.perf_counter()
        for it in items:
            extractor.extract(it["text"], id=it["id"], ner=ner)
        secs = time.perf_counter() - t0
        out[kb] = {"n": len(items), "ms_per_kb": 1000 * secs / (nbytes / 1024), "ms_per_article": 1000 * secs / len(items)}
    return out


def import_seconds(runs: int = 3) -> dict:
    """Seconds to ``import extractor`` in a fresh interpreter, beside a bare start (best of ``runs``)."""
    import subprocess

    def best(code: str) -> float:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, cwd=str(ROOT))
            times.append(time.perf_counter() - t0)
        return min(times)

    bare = best("pass")
    full = best("import extractor")
    return {"bare_s": bare, "import_s": full - bare}


def bench_workers(items: list[dict], workers: int, ner: bool, timeout: float) -> dict:
    from extractor.batch import pool as batch
    from extractor.io.writers import JsonlWriter

    batch._warm(ner)
    errors = 0
    with tempfile.TemporaryDirectory() as d:
        w = JsonlWriter(os.path.join(d, "bench.jsonl"), resume=False)

        def emit(line, stats):
            nonlocal errors
            w.write(line)
            errors += 0 if stats[0] else 1

        c0 = cpu_s(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        batch.run_parallel(items, emit, workers=workers,
                           opts={"ner": ner, "timeout": timeout, "max_chars": 1_000_000})
        w.close()
        secs = time.perf_counter() - t0
        cpu = cpu_s(resource.RUSAGE_CHILDREN) - c0
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"n": len(items), "workers": workers, "seconds": secs, "per_s": len(items) / secs,
            "per_worker_s": len(items) / secs / workers, "per_worker_cpu_s": len(items) / cpu,
            "errors": errors, "worker_rss_mb": child_rss}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    ap.add_argument("--kb", type=float, default=4.0, help="make each article at least this many KB (0: as is)")
    ap.add_argument("--ner-sample", type=int, default=30, help="articles given to underthesea.ner (default 30)")
    ap.add_argument("--tok-sample", type=int, default=300, help="articles given to underthesea.word_tokenize (default 300)")
    ap.add_argument("--no-sizes", action="store_true", help="skip the cost-against-size run")
    ap.add_argument("--workers", type=int, default=0, help="also time the batch runner on N worker processes")
    ap.add_argument("--no-ner", action="store_true", help="the pipeline without its NER confirmation stage")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    a = ap.parse_args()

    items = build(a.n, a.kb)
    sizes = [len(it["text"].encode("utf-8")) for it in items]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.2f} (other processes share the cores when it is above 0)")
    print(f"articles: {len(items)} built from corpus/*.txt" + (f" and {DEV_RAW}" if DEV_RAW.is_dir() else "")
          + f"; size mean {statistics.mean(sizes) / 1024:.1f} KB (min {min(sizes) / 1024:.1f}, max {max(sizes) / 1024:.1f})")

    ours = bench_pipeline(items, ner=not a.no_ner)
    print(f"\nextractor, full pipeline, 1 process: {ours['per_s']:.1f} articles/s per worker "
          f"({ours['seconds']:.1f} s for {ours['n']}; {1000 / ours['per_s']:.1f} ms/article; errors {ours['errors']}); "
          f"{ours['per_cpu_s']:.1f} articles per CPU-second; peak RSS {ours['rss_mb']:.0f} MB")
    print("per stage, ms/article:")
    for k, v in sorted(ours["stages_ms"].items(), key=lambda kv: -kv[1]):
        print(f"  {k:<22} {v:7.2f}")

    sample = items[: a.ner_sample]
    und = bench_underthesea(sample)
    ratio = ours["per_s"] / und["per_s"]
    print(f"\nunderthesea.ner on {und['n']} of the same articles: {und['per_s']:.2f} articles/s "
          f"({1000 / und['per_s']:.0f} ms/article; {und['per_cpu_s']:.2f} articles per CPU-second); "
          f"peak RSS now {rss_mb():.0f} MB")
    print(f"the full extractor is {ratio:.0f}x the speed of underthesea.ner alone "
          f"({ours['per_cpu_s'] / und['per_cpu_s']:.0f}x per CPU-second)")

    tok = bench_word_tokenize(items[: a.tok_sample])
    print(f"underthesea.word_tokenize on {tok['n']} of the same articles: {tok['per_s']:.1f} articles/s "
          f"({1000 / tok['per_s']:.1f} ms/article; {tok['per_cpu_s']:.1f} articles per CPU-second)")
    print(f"the full extractor is {ours['per_s'] / tok['per_s']:.2f}x the speed of underthesea.word_tokenize alone "
          f"({ours['per_cpu_s'] / tok['per_cpu_s']:.2f}x per CPU-second)")

    out = {"articles": len(items), "mean_kb": statistics.mean(sizes) / 1024, "pipeline": ours,
           "underthesea_ner": und, "ratio": ratio, "underthesea_word_tokenize": tok}
    imp = import_seconds()
    print(f"\nimport extractor: {imp['import_s']:.2f} s in a fresh interpreter (a bare start takes {imp['bare_s']:.2f} s)")
    out["import"] = imp
    if not a.no_sizes:
        sz = bench_sizes(ner=not a.no_ner)
        print("cost against article size (extractor.extract, the same 512 KB in each row):")
        for kb, r in sz.items():
            print(f"  {kb:>3} KB x {r['n']:<4} {r['ms_per_kb']:6.2f} ms/KB  ({r['ms_per_article']:.1f} ms/article)")
        out["sizes"] = sz
    if a.workers:
        wk = bench_workers(items, a.workers, ner=not a.no_ner, timeout=30.0)
        print(f"\nbatch runner, {wk['workers']} workers: {wk['per_s']:.1f} articles/s "
              f"({wk['per_worker_s']:.1f} per worker; {wk['seconds']:.1f} s for {wk['n']}; errors {wk['errors']}); "
              f"{wk['per_worker_cpu_s']:.1f} articles per worker CPU-second; "
              f"peak RSS of a worker {wk['worker_rss_mb']:.0f} MB")
        out["workers"] = wk
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    if a.json:
        print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
