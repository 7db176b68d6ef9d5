"""The batch on a Dask cluster: the same per-article function over input partitions.

The client plans partitions without reading articles: a run of up to ``partition_size`` small
files (``.txt``, ``.html``, ``.json``); a range of ``partition_size`` lines of a plain JSONL dump
(found by one pass counting newlines, so sources keep their true line numbers); a whole
``.jsonl.gz`` or WARC file (a gzip stream cannot be entered in the middle).  Each partition is one
task: a worker reads it, runs :func:`extractor.batch.core.process` on every item and, for Parquet
output, writes its own part of every table (``part-pNNNNN.parquet``, NNNNN the partition's index)
straight into the output folder, which must be reachable from the workers at the same path (a
shared or local disk).  The client commits each finished partition to ``_manifest.jsonl``; a
re-run skips committed partitions, and a partition Dask runs twice (a lost worker) just writes
the same files again.

For JSONL or DuckDB output the workers return their lines and the client writes them in input
order; a re-run skips the inputs the output holds.

The per-article time limit holds on Dask too: tasks run in worker threads, where no alarm can be
set, so :func:`extractor.batch.core.time_limit` raises the timeout in the task's thread from a timer
(an article over it gets a ``Timeout`` row and the partition goes on); ``--max-chars`` holds as
everywhere.  The output is locked for the run's life and never read as input, as with the local
runner.
"""
from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extractor.batch.core import DEFAULT_MAX_CHARS, DEFAULT_TIMEOUT, Summary, process, stats_of
from extractor.io import readers

DEFAULT_PARTITION_SIZE = 100


def plan_partitions(paths: list[str], size: int = DEFAULT_PARTITION_SIZE,
                    exclude: readers.Exclude | None = None) -> Iterator[dict]:
    """Partition specs of ``paths`` in input order: plain dicts a worker can read."""
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing and len(missing) == len(paths):  # else, like cat, each missing path gets its error row
        raise FileNotFoundError(f"no such file or folder: {missing[0]}")
    batch: list[tuple[str, str]] = []

    def flush_batch():
        nonlocal batch
        if batch:
            spec = {"kind": "files", "files": batch}
            batch = []
            return spec
        return None

    for what, path in readers.walk(paths, exclude):
        if what == "error":  # a folder that cannot be entered, a FIFO: its row, nothing to read
            spec = flush_batch()
            if spec:
                yield spec
            yield {"kind": "errors", "items": [path]}
            continue
        if what == "stream":  # stdin or a FIFO is the client's: no worker can read it
            spec = flush_batch()
            if spec:
                yield spec
            yield {"kind": "errors", "items": [readers.error_item(
                path, "NotAFile", f"{path}: a stream (stdin or a FIFO) cannot be read on a Dask cluster; "
                                  f"run without --dask", key=readers.fingerprint(readers.real_path(path), "NotAFile"))]}
            continue
        kind = readers._kind(path)
        entry = (str(path.resolve()), str(path))
        if kind in ("txt", "html", "json"):
            batch.append(entry)
            if len(batch) >= size:
                yield flush_batch()  # type: ignore[misc]
            continue
        spec = flush_batch()
        if spec:
            yield spec
        gz = path.name.lower().endswith(".gz") or _is_gzip(path)
        if kind == "jsonl" and not gz:
            bounds = list(readers.jsonl_line_starts(path, size))
            for i, (start, line) in enumerate(bounds):
                end = bounds[i + 1][0] if i + 1 < len(bounds) else None
                yield {"kind": "jsonl", "file": entry, "start": start, "end": end, "line": line}
        else:
            yield {"kind": "file", "file": entry, "type": kind}
    spec = flush_batch()
    if spec:
        yield spec


def _is_gzip(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(2) == b"\x1f\x8b"
    except OSError:
        return False


def _stamp(real: str) -> str:
    """What says a file changed: its size and modification time."""
    try:
        st = Path(real).stat()
    except OSError:
        return "?"
    return f"{st.st_size}:{st.st_mtime_ns}"


def partition_key(spec: dict) -> str:
    """A stable name of a partition (to recognise it in a resumed run): the real paths of its
    files (how they were typed does not matter), its byte range, and each file's size and
    modification time (a file changed since gives other keys)."""
    if spec["kind"] == "files":
        body = "\n".join(f"{real}|{_stamp(real)}" for real, _ in spec["files"])
    elif spec["kind"] == "jsonl":
        body = f"{spec['file'][0]}:{spec['start']}:{spec['end']}|{_stamp(spec['file'][0])}"
    elif spec["kind"] == "errors":
        body = "\n".join(str(it.get("key")) for it in spec["items"])
    else:
        body = f"{spec['file'][0]}|{_stamp(spec['file'][0])}"
    return spec["kind"] + ":" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:16]


def iter_partition(spec: dict, max_chars: int | None = DEFAULT_MAX_CHARS,
                   skipped: Counter | None = None) -> Iterator[dict]:
    """The items of one partition (read on the worker); ``skipped`` counts the records passed over
    (a WARC's requests, non-HTML responses, ...)."""
    if spec["kind"] == "errors":
        yield from spec["items"]
    elif spec["kind"] == "files":
        for real, name in spec["files"]:
            yield from readers.read_path(Path(real), max_chars, name, skipped=skipped)
    elif spec["kind"] == "jsonl":
        real, name = spec["file"]
        yield from readers.read_jsonl(Path(real), max_chars, name, start=spec["start"], end=spec["end"],
                                      first_line=spec["line"])
    else:
        real, name = spec["file"]
        yield from readers.read_path(Path(real), max_chars, name, kind=spec.get("type"), skipped=skipped)


def _process_lines(spec: dict, opts: dict, skipped: Counter | None = None) -> list[tuple[Any, str, tuple]]:
    out = []
    for item in iter_partition(spec, opts.get("max_chars"), skipped):
        item.pop(readers.NBYTES, None)
        line, art = process(item, **opts)
        out.append(((readers.item_key(item), readers.legacy_key(item)), line, stats_of(line, art)))
    return out


def lines_task(spec: dict, opts: dict) -> dict:
    """Dask task: the (key, line, stats) of every item of a partition (``rows``) and the records
    passed over (``passed_over``)."""
    skipped: Counter = Counter()
    rows = _process_lines(spec, opts, skipped)
    return {"rows": rows, "passed_over": dict(skipped)}


def parquet_task(spec: dict, opts: dict, out_dir: str, part: str) -> dict:
    """Dask task: process a partition and write its part of every table; returns its counts."""
    from extractor.io.tables import TableBuffer
    from extractor.io.writers import write_part

    buf = TableBuffer()
    summary = Summary()
    skipped: Counter = Counter()
    for _key, line, stats in _process_lines(spec, opts, skipped):
        buf.add(json.loads(line))
        summary.add_stats(stats)
    write_part(Path(out_dir), part, buf.arrow(include_records=True))
    return {"rows": len(buf), "articles": summary.articles, "errors": summary.errors,
            "officials": summary.officials, "targets": summary.targets, "percentages": summary.percentages,
            "error_types": dict(summary.error_types), "passed_over": dict(skipped)}


def _bounded_submit(client, calls, limit: int):
    """Submit ``(index, fn, args)`` calls keeping at most ``limit`` running; yield (index, result)
    as they finish."""
    from distributed import as_completed

    calls = iter(calls)
    running: dict = {}
    ac = as_completed()
    for _ in range(limit):
        nxt = next(calls, None)
        if nxt is None:
            break
        i, fn, args = nxt
        fut = client.submit(fn, *args, pure=False)
        running[fut] = i
        ac.add(fut)
    for fut in ac:
        i = running.pop(fut)
        result = fut.result()
        fut.release()
        nxt = next(calls, None)
        if nxt is not None:
            j, fn, args = nxt
            f2 = client.submit(fn, *args, pure=False)
            running[f2] = j
            ac.add(f2)
        yield i, result


def run(client, paths: list[str], output: str | None, fmt: str | None = None, *, ner: bool = True,
        max_chars: int | None = DEFAULT_MAX_CHARS, partition_size: int = DEFAULT_PARTITION_SIZE,
        progress: bool = False, timeout: float | None = DEFAULT_TIMEOUT) -> Summary:
    """Run the batch of ``paths`` on ``client``'s cluster, writing ``output`` (Parquet by default)."""
    from extractor.io.writers import (
        acquire_lock,
        clean_uncommitted,
        open_writer,
        output_exclude,
        output_format,
        read_manifest,
        release_lock,
    )

    if not fmt and output:  # on a cluster, Parquet unless the output's extension says otherwise
        fmt = output_format(output)
        if fmt == "jsonl" and not output.lower().endswith((".jsonl", ".json", ".ndjson")):
            fmt = "parquet"
    fmt = output_format(output, fmt)
    opts = {"ner": ner, "timeout": timeout or None, "max_chars": max_chars}
    exclude = output_exclude(output, fmt)
    summary = Summary(output=output, format=fmt)
    limit = max(2, 2 * max(1, len(client.scheduler_info().get("workers", {})) or 1))
    bar = _bar(progress)
    t0 = time.monotonic()
    keys: dict[int, str] = {}
    try:
        if fmt == "parquet":
            if not output:
                raise ValueError("Parquet output needs -o FOLDER")
            out = Path(output).resolve()
            out.mkdir(parents=True, exist_ok=True)
            lock = acquire_lock(out / ".lock", output)
            committed = read_manifest(out)
            clean_uncommitted(out, {p["part"] for p in committed})
            done = {p.get("partition"): p.get("rows", 0) for p in committed}
            plan = [(spec, partition_key(spec)) for spec in plan_partitions(paths, partition_size, exclude)]
            stale = set(done) - {k for _, k in plan}
            if stale:  # a partition's parts are named by its place in the plan: a changed plan would double rows
                release_lock(lock)
                from extractor.batch.core import UsageError

                raise UsageError(f"the inputs changed since {output} was written on Dask ({len(stale)} committed "
                                 f"partitions match no input now); write to a fresh output, or resume without --dask")

            def todo():
                for i, (spec, key) in enumerate(plan):
                    if key in done:
                        summary.skipped += done[key]
                        if bar:
                            bar.update(1)
                        continue
                    keys[i] = key
                    yield i, parquet_task, (spec, opts, str(out), f"part-p{i:05d}")

            try:
                _run_parquet(client, todo(), limit, out, keys, summary, bar)
            finally:
                release_lock(lock)
        else:
            writer = open_writer(output, fmt)
            done_keys = writer.done()
            try:
                pending: dict[int, list] = {}
                nxt = 0
                todo = ((i, lines_task, (spec, opts))
                        for i, spec in enumerate(plan_partitions(paths, partition_size, exclude)))
                for i, res in _bounded_submit(client, todo, limit):
                    pending[i] = res["rows"]
                    summary.passed_over.update(res.get("passed_over") or {})
                    while nxt in pending:
                        for (key, legacy), line, stats in pending.pop(nxt):
                            hit = key if done_keys.get(key, 0) > 0 else legacy if done_keys.get(legacy, 0) > 0 else None
                            if hit is not None:
                                done_keys[hit] -= 1
                                summary.skipped += 1
                                continue
                            writer.write(line)
                            summary.add_stats(stats)
                        writer.flush()
                        nxt += 1
                        if bar:
                            bar.update(1)
                            bar.set_postfix(errors=summary.errors, refresh=False)
                summary.stale = sum(v for v in done_keys.values() if v > 0)
            finally:
                writer.close()
    finally:
        summary.seconds = time.monotonic() - t0
        if bar:
            bar.close()
    return summary


def _run_parquet(client, todo, limit: int, out: Path, keys: dict, summary: Summary, bar) -> None:
    from extractor.io.writers import append_manifest

    for i, res in _bounded_submit(client, todo, limit):
        append_manifest(out, {"part": f"part-p{i:05d}", "rows": res["rows"], "partition": keys.pop(i),
                              "time": time.strftime("%Y-%m-%dT%H:%M:%S")}, publish=True)  # commit, then into place
        for k in ("articles", "errors", "officials", "targets", "percentages"):
            setattr(summary, k, getattr(summary, k) + res[k])
        summary.error_types.update(res["error_types"])
        summary.passed_over.update(res.get("passed_over") or {})
        if bar:
            bar.update(1)
            bar.set_postfix(errors=summary.errors, refresh=False)


def _bar(enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(desc="partitions", unit=" part", file=sys.stderr, dynamic_ncols=True)


def run_paths(args) -> Summary:
    """``vnextract extract --dask SCHEDULER|local``."""
    from distributed import Client, LocalCluster

    address = args.dask
    cluster = None
    if address == "local":
        from extractor.batch.core import cores

        n = getattr(args, "workers", None) or cores()
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        max_chars = getattr(args, "max_chars", None)
        timeout = getattr(args, "timeout", None)
        return run(client, args.paths, getattr(args, "output", None), getattr(args, "format", None),
                   ner=not getattr(args, "no_ner", False), timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
                   max_chars=DEFAULT_MAX_CHARS if max_chars is None else (max_chars or None),
                   progress=not getattr(args, "no_progress", False) and sys.stderr.isatty())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


__all__ = ["iter_partition", "partition_key", "plan_partitions", "run", "run_paths"]
