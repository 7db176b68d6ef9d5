"""The batch runner: exactly one output row per input, a record or an error row.

``process(item)`` is the per-article function (used alike by the local runner, the worker
processes and the Dask engine): it decodes the item's bytes, turns HTML into text, extracts the
record under a time limit and returns its JSON line (the record plus ``source``, or
``{"id", "error": {"type", "message"}, "source"}``).

``run_paths(args)`` is ``vnextract extract``: inputs streamed from the readers, articles spread
over ``--workers`` forked processes (each handles one article at a time, so a worker that dies
costs exactly the article it held, which gets a ``WorkerCrashed`` row; workers are recycled every
``maxtasks`` articles to bound memory), rows written in input order to JSONL, Parquet or DuckDB,
and an existing output resumed: the inputs it already holds are skipped.

What cannot go wrong: one input cannot stop the batch (every failure to read or extract one
item is that item's error row); the output is locked for the run's life (a second run on it
fails at once, exit 4), is never read as input (not even inside an input folder) and is refused
when it is an input (exit 2); resume matches inputs by their fingerprint (real path, id and hash
of the line or file), not by how their path was typed, and reports output rows no input matches
any more; workers die with the runner (``PR_SET_PDEATHSIG``, else a watcher thread) and every
article has its time limit, in worker threads (Dask) too.
"""
from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from typing import Any

from extractor.api import extract
from extractor.batch.core import (
    DEFAULT_MAX_CHARS,
    DEFAULT_TIMEOUT,
    ArticleTimeout,
    Summary,
    UsageError,
    cores,
    error_line,
    process,
    run,
    stats_of,
    time_limit,
)
from extractor.io import readers
from extractor.io.readers import item_key, legacy_key

DEFAULT_MAXTASKS = 500        # articles a worker handles before it is replaced (bounds memory)
HARD_KILL_GRACE = 10.0        # seconds past --timeout after which a silent worker is killed


# ---------------------------------------------------------------------------------------------
# worker processes

def die_with_parent(ppid: int) -> None:
    """Make this (forked) process end as soon as the process ``ppid`` that started it does: on
    Linux the kernel sends SIGKILL (``PR_SET_PDEATHSIG``), elsewhere a watcher thread checks
    every half second.  A worker never goes on with an article for a runner that is gone."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:
        pass

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != ppid:
                os._exit(0)

    threading.Thread(target=watch, daemon=True, name="vnextract-parent-watch").start()
    if os.getppid() != ppid:  # the runner died before the above took effect
        os._exit(0)


def _worker_main(conn, to_close, opts: dict, maxtasks: int | None, ppid: int) -> None:
    code = 0
    try:
        die_with_parent(ppid)
        for c in to_close:
            with contextlib.suppress(Exception):
                c.close()
        from extractor.io.writers import close_inherited_locks

        close_inherited_locks()  # the output's lock stays the runner's alone
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        n = 0
        while maxtasks is None or n < maxtasks:
            while not conn.poll(1.0):
                if os.getppid() != ppid:  # the runner died: do not linger
                    os._exit(0)
            msg = conn.recv()
            if msg is None:
                break
            seq, item = msg
            line, art = process(item, **opts)
            conn.send((seq, line, stats_of(line, art)))
            n += 1
    except (EOFError, OSError, KeyboardInterrupt):
        pass
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no flushing of buffers copied from the parent


class _Worker:
    def __init__(self, ctx, opts: dict, maxtasks: int | None, others: list):
        parent, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, others + [parent], opts, maxtasks, os.getpid()),
                                daemon=True, name="vnextract-worker")
        self.proc.start()
        child.close()
        self.conn = parent
        self.task: tuple[int, dict, float] | None = None
        self.done = 0

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
        with contextlib.suppress(Exception):
            self.proc.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()


def _warm(ner: bool) -> None:
    """Load the pipeline (and the NER model) once before forking, so workers share it."""
    with contextlib.suppress(Exception):
        extract("Sáng ngày 02/8/2023, đồng chí Nguyễn Văn An, Bí thư Đảng ủy xã Bình Khánh chủ trì "
                "hội nghị; xã đạt 17/18 chỉ tiêu, đạt 94,4%. Ông Trần Hữu Phước dự.", ner=ner)
    if ner:
        with contextlib.suppress(Exception):
            from extractor.recognise import people_ner as _ner

            fn = _ner._ner()
            if fn is not None:
                fn("Ông Nguyễn Văn An dự hội nghị.")


def run_parallel(items: Iterable[dict], emit, *, workers: int, opts: dict,
                 maxtasks: int | None = DEFAULT_MAXTASKS, window: int | None = None,
                 on_tick=None) -> None:
    """Process ``items`` on ``workers`` forked processes and call ``emit(line, stats)`` once per
    item, in input order.

    Each worker holds one item at a time, so when one dies (segfault, OOM kill) the item it
    held is known and gets a ``WorkerCrashed`` row, and a fresh worker takes its place; one
    silent for ``timeout + HARD_KILL_GRACE`` seconds (stuck where the alarm cannot reach) is
    killed and its item gets a ``Timeout`` row.  At most ``window`` items are read ahead of the
    last one written.
    """
    import multiprocessing as mp
    from multiprocessing.connection import wait

    ctx = mp.get_context("fork")
    window = window or max(64, 16 * workers)
    timeout = opts.get("timeout")
    hard = (timeout + max(HARD_KILL_GRACE, timeout)) if timeout else None
    pool: list[_Worker] = []

    def spawn() -> _Worker:
        return _Worker(ctx, opts, maxtasks, [w.conn for w in pool])

    for _ in range(workers):
        pool.append(spawn())
    it: Iterator[dict] = iter(items)
    exhausted = False
    requeue: deque = deque()
    results: dict[int, tuple[str, tuple]] = {}
    crashes: Counter = Counter()
    next_seq = next_write = 0

    def take():
        nonlocal exhausted, next_seq
        if requeue:
            return requeue.popleft()
        if exhausted or next_seq - next_write >= window:
            return None
        try:
            item = next(it)
        except StopIteration:
            exhausted = True
            return None
        next_seq += 1
        return next_seq - 1, item

    def drain(w: _Worker) -> None:
        try:
            while w.conn.poll():
                seq, line, stats = w.conn.recv()
                results[seq] = (line, stats)
                w.task = None
                w.done += 1
        except (EOFError, OSError):
            pass

    def fail(w: _Worker, type: str, message: str) -> None:
        seq, item, _ = w.task  # type: ignore[misc]
        results[seq] = (error_line(item, type, message), (False, 0, 0, 0, type))
        w.task = None

    def usable(w: _Worker) -> bool:
        return (maxtasks is None or w.done < maxtasks) and w.proc.is_alive()

    try:
        while True:
            for w in pool:
                while w.task is None and usable(w):
                    nxt = take()
                    if nxt is None:
                        break
                    seq, item = nxt
                    if "error" in item:  # a reader's error row: nothing to run
                        line, art = process(item)
                        results[seq] = (line, stats_of(line, art))
                        continue
                    try:
                        w.conn.send((seq, item))
                    except (OSError, ValueError):
                        requeue.appendleft((seq, item))
                        break
                    w.task = (seq, item, time.monotonic())
            while next_write in results:
                line, stats = results.pop(next_write)
                emit(line, stats)
                next_write += 1
            if on_tick:
                on_tick()
            busy = [w for w in pool if w.task is not None]
            if not busy and exhausted and not requeue and next_write == next_seq:
                break
            if busy:  # else there is nothing to wait for: reader errors only, or workers to replace
                wait([w.conn for w in busy] + [w.proc.sentinel for w in pool], timeout=0.25)
            now = time.monotonic()
            for i, w in enumerate(pool):
                drain(w)
                if w.proc.is_alive() and not (w.task is None and not usable(w)):
                    if hard and w.task is not None and now - w.task[2] > hard:
                        w.kill()
                        fail(w, "Timeout", f"no result within {hard:g} s; the worker was killed")
                        pool[i] = spawn()
                    continue
                if w.task is None and w.proc.is_alive():  # recycled: it leaves by itself
                    w.proc.join(5)
                w.proc.join(1)
                drain(w)  # a result sent just before the worker exited
                if w.task is not None:
                    seq, item, _ = w.task
                    crashes[seq] += 1
                    if crashes[seq] < 2:  # once more on a fresh worker, in case it was not this item
                        requeue.appendleft((seq, item))
                        w.task = None
                    else:
                        code = w.proc.exitcode
                        how = (f"killed by signal {-code}" if code is not None and code < 0
                               else f"exit code {code}")
                        fail(w, "WorkerCrashed", f"the worker process died ({how}) on this input, twice")
                w.kill()
                pool[i] = spawn()
    finally:
        for w in pool:
            if w.proc.is_alive():
                with contextlib.suppress(Exception):
                    w.conn.send(None)
        deadline = time.monotonic() + 2
        for w in pool:
            w.proc.join(max(0.0, deadline - time.monotonic()))
            if w.proc.is_alive():
                w.kill()
            with contextlib.suppress(Exception):
                w.conn.close()


# ---------------------------------------------------------------------------------------------
# the command

_END = object()


def skip_done(items: Iterable[dict], done: Any, summary: Summary) -> Iterator[dict]:
    """``items`` less those the output already holds, each key as many times as it is held.

    The key of an item is its fingerprint (:func:`extractor.io.readers.fingerprint`: the input's
    real path, the item's id and the hash of its line or file), so another spelling of a path
    skips what is done and a changed line is done again; rows written before fingerprints are
    matched by their ``source``.  ``done`` is a Counter of keys, or an iterator of them in output
    order: as the output is written in input order it is normally a prefix of the inputs,
    matched here one by one without holding the keys in memory; on the first difference (the
    inputs changed) the rest of the keys are read into a Counter.  At the end,
    ``summary.stale`` counts the output's rows that no input matches any more and
    ``summary.redone`` the inputs done although the output was not empty.
    """
    counter: Counter = done if isinstance(done, Counter) else Counter()
    lazy = None if isinstance(done, Counter) else iter(done)
    held = sum(counter.values()) if lazy is None else None
    for item in items:
        k, legacy = item_key(item), legacy_key(item)
        if lazy is not None:
            nk = next(lazy, _END)
            if nk is _END:
                lazy = None
                held = summary.skipped
            elif nk == k or nk == legacy:
                summary.skipped += 1
                continue
            else:
                counter[nk] += 1
                counter.update(lazy)
                lazy = None
                held = summary.skipped + sum(counter.values())
        hit = k if counter.get(k, 0) > 0 else legacy if counter.get(legacy, 0) > 0 else None
        if hit is not None:
            counter[hit] -= 1
            summary.skipped += 1
            continue
        if held:
            summary.redone += 1
        yield item
    if lazy is not None:
        summary.stale += sum(1 for _ in lazy)
    summary.stale += sum(v for v in counter.values() if v > 0)


def _opt(args, name, default):
    v = getattr(args, name, None)
    return default if v is None else v


def _progress(enabled: bool, total: int | None = None):
    """A tqdm bar on stderr over the input's bytes (``total``, when known: then it has an ETA)."""
    if not enabled:
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover
        return None
    tqdm.monitor_interval = 0  # no monitor thread in a process that forks
    return tqdm(desc="extract", total=total, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr,
                dynamic_ncols=True, mininterval=0.5, smoothing=0.1)


class ByteProgress:
    """What share of the input's bytes is done: bytes read by the readers less those of the items
    read but not yet written (so the bar moves as rows are written, skipped inputs count as done)."""

    def __init__(self) -> None:
        self.read = 0
        self.pending: deque = deque()
        self.pending_bytes = 0

    def seen(self, items: Iterable[dict]) -> Iterator[dict]:
        """Before skip_done: count every item's bytes as read."""
        for item in items:
            self.read += item.get(readers.NBYTES) or 0
            yield item

    def queued(self, items: Iterable[dict]) -> Iterator[dict]:
        """After skip_done: the items to process, each pending until written (its ``nbytes`` dropped)."""
        for item in items:
            n = item.pop(readers.NBYTES, 0) or 0
            self.pending.append(n)
            self.pending_bytes += n
            yield item

    def written(self) -> int:
        """One item written (in input order): the bytes done now."""
        if self.pending:
            self.pending_bytes -= self.pending.popleft()
        return self.read - self.pending_bytes


def is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def check_output(paths: list[str], output: str | None, fmt: str) -> None:
    """Refuse an output that is one of the inputs, or a Parquet folder an input lies in (an
    output inside an input folder is fine: the walk passes over it)."""
    if not output:
        return
    ro = readers.real_path(output)
    for p in paths:
        if p == "-":
            continue
        rp = readers.real_path(p)
        if rp == ro:
            raise UsageError(f"the output {output} is also an input; choose another output")
        if fmt == "parquet" and rp.startswith(ro.rstrip(os.sep) + os.sep):
            raise UsageError(f"the input {p} lies inside the output folder {output}; choose another output")


def _why_not(output: str, e: OSError) -> str:
    from pathlib import Path

    p = Path(output).parent
    while str(p) not in ("", ".", "/") and not p.exists():
        p = p.parent
    if p.exists() and not p.is_dir():
        return f"{p} is a file, not a folder"
    return str(e.strerror or e)


def run_paths(args) -> Summary:
    """``vnextract extract``: see the module docstring.  ``args`` has ``paths``, ``output``,
    ``format``, ``workers``, ``timeout``, ``max_chars``, ``dask``, ``no_ner``, ``no_progress``,
    ``summary``.

    Raises :class:`UsageError` for an output that is an input or cannot be created,
    :class:`extractor.io.writers.OutputLocked` when another run holds the output, and lets any
    failure of the run itself (a full disk) through."""
    from extractor.io.writers import open_writer, output_exclude, output_format, require

    output = getattr(args, "output", None)
    fmt = output_format(output, getattr(args, "format", None))
    require(fmt)  # a missing extra: one line, exit 2, before anything is read or written
    if fmt != "jsonl" and not output:
        raise UsageError(f"--format {fmt} writes tables into a folder or file: give it with -o")
    check_output(args.paths, output, fmt)
    started = _now()
    if getattr(args, "dask", None):
        try:
            import distributed  # noqa: F401
        except ImportError:
            from extractor.io.writers import MissingExtra

            raise MissingExtra("--dask needs the 'dask' extra: pip install vn-news-extractor[dask]") from None
        from extractor.batch import dask as dask_engine

        summary = dask_engine.run_paths(args)
        write_card(args, summary, fmt, started)
        _report(args, summary)
        return summary
    opts = {"ner": not getattr(args, "no_ner", False),
            "timeout": _opt(args, "timeout", DEFAULT_TIMEOUT) or None,
            "max_chars": _opt(args, "max_chars", DEFAULT_MAX_CHARS) or None}
    workers = _opt(args, "workers", cores())
    summary = Summary()
    from extractor.io.writers import OutputLocked

    try:
        writer = open_writer(output, fmt)
    except OutputLocked:
        raise
    except OSError as e:
        raise UsageError(f"cannot create the output {output}: {_why_not(output, e)}") from e
    summary.output, summary.format = (str(writer.path) if writer.path else None), writer.format
    try:
        done = writer.iter_done() if writer.format == "jsonl" else writer.done()
    except BaseException:
        writer.close()
        raise
    exclude = output_exclude(output, fmt)
    show = not getattr(args, "no_progress", False) and not getattr(args, "quiet", False) and is_terminal(sys.stderr)
    bar = _progress(show, readers.input_bytes(args.paths, exclude) if show else None)
    progress = ByteProgress()
    items = progress.queued(skip_done(progress.seen(
        readers.iter_items(args.paths, max_chars=opts["max_chars"], decode=False, exclude=exclude,
                           skipped=summary.passed_over)), done, summary))
    if workers > 0:
        _warm(opts["ner"])  # before forking, so that the workers share the loaded pipeline
    t0 = time.monotonic()
    last = {"flush": t0, "bar": t0}

    def emit(line: str, stats: tuple) -> None:
        writer.write(line)
        summary.add_stats(stats)
        n = progress.written()
        if bar is not None:
            bar.update(n - bar.n)

    def tick() -> None:
        now = time.monotonic()
        if now - last["flush"] > 0.5:
            writer.flush()
            last["flush"] = now
        if bar is not None and now - last["bar"] > 1.0:
            bar.set_postfix(articles=summary.articles, errors=summary.errors, refresh=False)
            last["bar"] = now

    old_term = None
    if threading.current_thread() is threading.main_thread():
        old_term = signal.signal(signal.SIGTERM, _on_term)
    try:
        if workers <= 0:
            for item in items:
                line, art = process(item, **opts)
                emit(line, stats_of(line, art))
                tick()
        else:
            run_parallel(items, emit, workers=workers, opts=opts, on_tick=tick)
    except BrokenPipeError:  # stdout's reader went away (``| head``): stop quietly
        _silence_stdout()
    finally:
        summary.seconds = time.monotonic() - t0
        if bar is not None:
            bar.set_postfix(articles=summary.articles, errors=summary.errors, refresh=False)
            bar.close()
        try:
            writer.close()
        except BrokenPipeError:
            _silence_stdout()
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
    write_card(args, summary, fmt, started)
    _report(args, summary)
    return summary


def _now():
    import datetime as dt

    return dt.datetime.now().astimezone()


def card_path(output: str, fmt: str):
    """Where the dataset card of a table output goes: ``README.md`` in a Parquet folder,
    ``OUTPUT.README.md`` beside a DuckDB file."""
    from pathlib import Path

    return Path(output) / "README.md" if fmt == "parquet" else Path(str(output) + ".README.md")


def write_card(args, summary: Summary, fmt: str, started) -> str | None:
    """(Re)write the dataset card of a Parquet or DuckDB output, counting what the output holds
    now (all runs that wrote it, this one last).  Returns its path."""
    import shlex

    output = getattr(args, "output", None)
    if fmt not in ("parquet", "duckdb") or not output:
        return None
    from extractor.io.card import dataset_card
    from extractor.io.writers import table_summary

    tables = table_summary(output, fmt)
    argv = getattr(args, "argv", None)
    command = "vnextract " + " ".join(shlex.quote(a) for a in argv) if argv is not None else None
    notes = []
    if summary.skipped:
        notes.append(f"resumed: {summary.skipped} inputs were already in the output and skipped")
    if summary.passed_over:
        notes.append(f"{sum(summary.passed_over.values())} input records passed over (no article): "
                     + ", ".join(f"{k} {v}" for k, v in summary.passed_over.most_common()))
    text = dataset_card(output=str(output), fmt=fmt, inputs=list(args.paths),
                        counts={t: n for t, (n, _) in tables.items()},
                        columns={t: cols for t, (_, cols) in tables.items()},
                        command=command, started=started, finished=_now(),
                        run=summary.line(), notes=notes)
    path = card_path(output, fmt)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return str(path)


def _silence_stdout() -> None:
    with contextlib.suppress(Exception):
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())


def _on_term(signum, frame):
    raise KeyboardInterrupt("terminated")


def _report(args, summary: Summary) -> None:
    if getattr(args, "summary", False) or (getattr(args, "output", None) and not getattr(args, "quiet", False)):
        print(summary.line(), file=sys.stderr)
    if summary.stale:
        print(f"vnextract: warning: {summary.stale} rows of the output match no input now (inputs changed or "
              f"removed since they were written); they are kept, the changed inputs were done again",
              file=sys.stderr)


__all__ = ["ArticleTimeout", "Summary", "UsageError", "check_output", "error_line", "process", "run", "run_parallel",
           "run_paths", "time_limit"]
