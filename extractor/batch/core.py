"""The per-item core of a batch, shared by the local pool (:mod:`extractor.batch.pool`) and the Dask
engine (:mod:`extractor.batch.dask`): one item to one JSON line, a record or an error row, under a
time limit, and the summary of a run.  Neither engine is imported here, so they share it without
an import circle.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from extractor.api import coerce_date, extract
from extractor.io import readers
from extractor.io.readers import DEFAULT_MAX_CHARS, InputError
from extractor.records import Article

__all__ = ["DEFAULT_MAX_CHARS", "DEFAULT_TIMEOUT", "ArticleTimeout", "Summary", "UsageError", "cores", "error_line",
           "extract_item", "process", "run", "stats_of", "time_limit"]

DEFAULT_TIMEOUT = 30.0

@dataclass
class Summary:
    articles: int = 0
    errors: int = 0
    officials: int = 0
    targets: int = 0
    percentages: int = 0
    skipped: int = 0                      # inputs the output already held (resumed run)
    redone: int = 0                       # inputs new or changed since the output was written
    stale: int = 0                        # rows of the output that no input matches any more
    seconds: float = 0.0
    output: str | None = None
    format: str = "jsonl"
    error_types: Counter = field(default_factory=Counter)
    passed_over: Counter = field(default_factory=Counter)  # records that are no article (a WARC's requests, ...)

    def add(self, art: Article | None) -> None:
        if art is None:
            self.errors += 1
            return
        self.articles += 1
        self.officials += len(art.officials)
        self.targets += len(art.targets)
        self.percentages += len(art.percentages)

    def add_stats(self, stats: tuple) -> None:
        ok, officials, targets, percentages, err_type = stats
        if not ok:
            self.errors += 1
            self.error_types[err_type] += 1
            return
        self.articles += 1
        self.officials += officials
        self.targets += targets
        self.percentages += percentages

    def line(self) -> str:
        s = (f"{self.articles} articles, {self.officials} officials, {self.targets} targets, "
             f"{self.percentages} percentages, {self.errors} errors")
        if self.error_types:
            s += " (" + ", ".join(f"{k} {v}" for k, v in self.error_types.most_common()) + ")"
        if self.passed_over:
            s += (f"; {sum(self.passed_over.values())} records passed over ("
                  + ", ".join(f"{k} {v}" for k, v in self.passed_over.most_common()) + ")")
        if self.skipped:
            s += f"; {self.skipped} inputs already in the output skipped"
        if self.redone:
            s += f"; {self.redone} inputs new or changed since"
        if self.stale:
            s += f"; {self.stale} rows of the output match no input now (kept)"
        if self.seconds:
            n = self.articles + self.errors
            s += f"; {self.seconds:.1f} s" + (f", {n / self.seconds:.1f} inputs/s" if self.seconds > 0 and n else "")
        if self.output:
            s += f" -> {self.output} ({self.format})"
        return s


def stats_of(line: str, art: Article | None) -> tuple:
    """What the summary needs of one processed input (small, to send between processes)."""
    if art is None:
        try:
            err_type = json.loads(line).get("error", {}).get("type")
        except ValueError:
            err_type = None
        return (False, 0, 0, 0, err_type)
    return (True, len(art.officials), len(art.targets), len(art.percentages), None)


# ---------------------------------------------------------------------------------------------
# one article

class ArticleTimeout(BaseException):
    """Raised by the alarm inside an article over its time limit.  A BaseException, so that
    the pipeline's own ``except Exception`` guards do not swallow it."""


def _on_alarm(signum, frame):
    raise ArticleTimeout()


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Raise :class:`ArticleTimeout` in the body after ``seconds``: by SIGALRM in the main
    thread, elsewhere (a Dask worker's task thread) by a timer that raises it asynchronously in
    the thread (it lands at the next Python instruction)."""
    if not seconds or seconds <= 0:
        yield
        return
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        with _thread_time_limit(seconds):
            yield
        return
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@contextlib.contextmanager
def _thread_time_limit(seconds: float):
    import ctypes

    tid = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}
    set_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc

    def fire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                set_exc(ctypes.c_ulong(tid), ctypes.py_object(ArticleTimeout))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["active"] = False
            if state["fired"]:  # raised already, or still pending: make sure it lands no later
                set_exc(ctypes.c_ulong(tid), None)


def error_line(item: dict, type: str, message: str) -> str:
    row = {"id": item.get("id"), "error": {"type": type, "message": message[:500]}, "source": item.get("source")}
    if item.get("key") is not None:
        row["input"] = item["key"]
    return json.dumps(row, ensure_ascii=False)


def extract_item(item: dict[str, Any], ner: bool) -> Article:  # the size was checked by readers.prepare
    """The record of one prepared item (its given values passed on; a bad ``published`` is a warning)."""
    kw: dict[str, Any] = {k: item.get(k) for k in ("id", "url", "title", "published", "warnings")}
    warnings = list(kw.get("warnings") or [])
    if kw["published"] is not None:
        try:
            kw["published"] = coerce_date(kw["published"])
        except (ValueError, TypeError):
            warnings.append(f"input published {str(kw['published'])[:40]!r} is not a date; ignored")
            kw["published"] = None
    if kw["id"] is not None:
        kw["id"] = str(kw["id"])
    kw["warnings"] = warnings
    if item.get("author"):
        kw["author"] = item["author"]
    kw = {k: v for k, v in kw.items() if v is not None and v != []}
    return extract(item["text"], ner=ner, max_chars=None, **kw)


def process(item: dict[str, Any], *, ner: bool = True, timeout: float | None = None,
            max_chars: int | None = DEFAULT_MAX_CHARS) -> tuple[str, Article | None]:
    """One item to one JSON line (and the Article when it succeeded).  Never raises for a bad
    input: a reader's error, a too large article (``TooLarge``), a page without text
    (``NoText``), an article over ``timeout`` seconds (``Timeout``) or any failure of the
    pipeline gives an error row."""
    if "error" in item:
        err = item["error"] or {}
        return error_line(item, str(err.get("type", "InputError")), str(err.get("message", ""))), None
    try:
        with time_limit(timeout):
            prepared = readers.prepare(item, max_chars)
            art = extract_item(prepared, ner)
        rec = art.model_dump(mode="json")
        rec["source"] = item.get("source")
        if item.get("key") is not None:
            rec["input"] = item["key"]  # the resume key: the last field of the line
        return json.dumps(rec, ensure_ascii=False), art
    except ArticleTimeout:
        return error_line(item, "Timeout", f"no result within the limit of {timeout:g} s"), None
    except InputError as e:
        return error_line(item, e.type, str(e)), None
    except Exception as e:  # one bad article must not stop the batch
        return error_line(item, type(e).__name__, str(e)), None


def run(items: Iterable[dict[str, Any]], out: Any = sys.stdout, **opts) -> Summary:
    """Process ``items`` in this process, writing one line each to ``out`` (a stream or a
    :class:`~extractor.io.writers.Writer`)."""
    summary = Summary()
    for item in items:
        line, art = process(item, **opts)
        out.write(line + "\n" if not hasattr(out, "done") else line)
        summary.add(art)
        if art is None:
            summary.error_types[stats_of(line, None)[4]] += 1
    return summary


def cores() -> int:
    """The cores this process may run on (all cores by default)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class UsageError(Exception):
    """The command cannot run as asked (exit code 2): an input that is also the output, an
    output that cannot be created."""
