"""Writers: batch lines to JSONL, a Parquet folder or a DuckDB file, resumably.

Every writer takes the batch's JSON lines (a record plus ``source``, or an error row) in input
order, and on opening an existing output reports what it already holds (:meth:`Writer.done`, a
count of input keys: the ``source``, else the id) so that a re-run skips those inputs and
appends the rest: no input lost, none written twice.

The keys are the inputs' fingerprints (:func:`extractor.io.readers.fingerprint`), which a batch
line carries as its last field, ``input``; rows written before fingerprints are known by their
``source``.  An output is locked for the life of its writer (``flock`` on the JSONL file, on
``FOLDER/.lock`` for Parquet, DuckDB's own lock for a database): a second run on it fails at once
with :class:`OutputLocked`.

* JSONL: one line per input, appended and flushed as the run goes; a last line cut short by a
  kill is dropped on resume (the file is truncated to its last complete line).
* Parquet (a folder): ``records/`` (the nested records, one row per article), and the tidy
  tables of :mod:`extractor.io.tables` (``articles/``, ``meetings/``, ``officials/``, ``targets/``,
  ``percentages/``, ``quantities/``, ``errors/``), each a folder of ``part-NNNNN.parquet`` files
  that ``pandas.read_parquet(folder/"officials")`` or DuckDB's
  ``read_parquet('folder/officials/*.parquet')`` read as one table.  A part of every table is
  written into ``_staging/NAME/`` (invisible to those readers), committed by a line in
  ``_manifest.jsonl`` (with the keys of its inputs), and only then renamed into place; a kill
  before the commit leaves nothing visible (the staged files are deleted on resume and their
  inputs done again), a kill after it is finished on resume.
* DuckDB (a file): the same tables, and ``_input_keys``; each flush is one transaction.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

FORMATS = ("jsonl", "parquet", "duckdb")

#: the Python packages each table format needs (the ``parquet`` extra)
NEEDS = {"parquet": ("pyarrow",), "duckdb": ("pyarrow", "duckdb")}


class MissingExtra(ImportError):
    """An optional dependency of the asked format is not installed: one line saying which extra."""


def require(fmt: str) -> None:
    """Raise :class:`MissingExtra` when ``fmt`` (parquet, duckdb) cannot be written here.

    The tables need pyarrow (and DuckDB for ``duckdb``), which the base install leaves out: they
    come with the ``parquet`` extra.  JSONL needs nothing."""
    for mod in NEEDS.get(fmt, ()):
        try:
            __import__(mod)
        except ImportError:
            raise MissingExtra(f"--format {fmt} needs the 'parquet' extra: "
                               f"pip install vn-news-extractor[parquet]") from None


def __getattr__(name: str) -> Any:
    """``ALL_TABLES`` and the table schemas, from :mod:`extractor.io.tables` (which needs pyarrow) on
    first use, so that a JSONL run imports this module without pyarrow installed."""
    if name == "ALL_TABLES":
        from extractor.io.tables import TABLES

        return ("records",) + TABLES
    if name in ("RECORD_SCHEMA", "SCHEMAS", "TABLES", "TableBuffer"):
        from extractor.io import tables

        return getattr(tables, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _all_tables() -> tuple[str, ...]:
    from extractor.io.tables import TABLES

    return ("records",) + TABLES


def output_format(output: str | None, fmt: str | None = None) -> str:
    """The format asked for, else the output's: ``.parquet`` or a folder -> parquet, ``.duckdb``
    or ``.db`` -> duckdb, anything else (or stdout) -> jsonl.

    >>> output_format("out.jsonl"), output_format("out.parquet"), output_format("x.duckdb"), output_format(None)
    ('jsonl', 'parquet', 'duckdb', 'jsonl')
    >>> output_format("results", "parquet")
    'parquet'
    """
    if fmt:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
        return fmt
    if not output:
        return "jsonl"
    low = output.lower().rstrip("/\\")
    if low.endswith(".parquet") or output.endswith(("/", os.sep)) or Path(output).is_dir():
        return "parquet"
    if low.endswith((".duckdb", ".db", ".ddb")):
        return "duckdb"
    return "jsonl"


def key_of(rec: dict) -> Any:
    """The input key of an output row (same as :func:`extractor.io.readers.item_key`): its
    ``input`` fingerprint, else (rows of older runs) its source, else its id."""
    k = rec.get("input")
    if k is not None:
        return k
    src = rec.get("source")
    return src if src is not None else ("id", rec.get("id"))


_INPUT_TAIL = re.compile(r'"input":\s*"([0-9a-f]+)"\}\s*$')
_SOURCE_TAIL = re.compile(r'"source":\s*("(?:[^"\\]|\\.)*")\}\s*$')


def _line_key(line: str) -> Any:
    tail = line[-4096:]
    m = _INPUT_TAIL.search(tail)
    if m:
        return m.group(1)
    m = _SOURCE_TAIL.search(tail)
    if m:
        return json.loads(m.group(1))
    return key_of(json.loads(line))


# ---------------------------------------------------------------------------------------------
# the output's lock

class OutputLocked(RuntimeError):
    """The output is in use by another run (or another program holding its lock)."""


_LOCK_FDS: set[int] = set()


def lock_path(output: str, fmt: str) -> Path | None:
    """The file whose lock guards ``output``: the JSONL file itself, ``FOLDER/.lock`` for
    Parquet; None for DuckDB (its own lock) and stdout."""
    if not output:
        return None
    if fmt == "jsonl":
        return Path(output)
    if fmt == "parquet":
        return Path(output) / ".lock"
    return None


def acquire_lock(path: Path, output: str) -> int:
    """An exclusive, non-blocking ``flock`` on ``path`` (created if missing), held until
    :func:`release_lock`; raises :class:`OutputLocked` when another process holds it."""
    import fcntl

    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise OutputLocked(f"the output {output} is in use by another run (its lock is held); "
                           f"wait for that run to end or choose another output") from None
    except OSError:
        os.close(fd)  # a file system without locks: run unguarded rather than not at all
        return -1
    _LOCK_FDS.add(fd)
    return fd


def release_lock(fd: int | None) -> None:
    if fd is not None and fd >= 0 and fd in _LOCK_FDS:
        _LOCK_FDS.discard(fd)
        with contextlib.suppress(OSError):
            os.close(fd)


def close_inherited_locks() -> None:
    """In a forked worker: close the copies of the runner's lock descriptors (closing a copy
    does not release the runner's lock; a worker outliving the runner would otherwise keep it)."""
    for fd in list(_LOCK_FDS):
        with contextlib.suppress(OSError):
            os.close(fd)
    _LOCK_FDS.clear()


def output_exclude(output: str | None, fmt: str):
    """What a run writing ``output`` must never read as input (an :class:`extractor.io.readers.Exclude`)."""
    from extractor.io.readers import Exclude

    if not output:
        return Exclude()
    if fmt == "parquet":
        return Exclude(folders=[output])
    if fmt == "duckdb":
        return Exclude(files=[output, output + ".wal"])
    return Exclude(files=[output])


class Writer:
    format = "?"
    path: Path | None = None

    def __init__(self) -> None:
        self.written = 0

    def done(self) -> Counter:
        """Keys of the inputs the output already holds."""
        return Counter()

    def iter_done(self) -> Iterator[Any]:
        """The same keys in output order (= input order), read lazily where the format allows."""
        yield from self.done().elements()

    def write(self, line: str) -> None:
        raise NotImplementedError

    def flush(self, force: bool = False) -> None:
        pass

    def close(self) -> None:
        self.flush(force=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def describe(self) -> str:
        return str(self.path) if self.path else "stdout"


class JsonlWriter(Writer):
    format = "jsonl"

    def __init__(self, path: str | None, resume: bool = True, stream: IO[str] | None = None):
        super().__init__()
        self.path = Path(path) if path else None
        if self.path is None:
            self.f = stream or sys.stdout
            self._own = False
            return
        self._resume_end = 0
        existed = self.path.exists()
        if not existed:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = acquire_lock(self.path, str(self.path))  # before anything is read or cut
        try:
            if resume and existed and self.path.is_file():
                self._resume_end = self._trim_tail()
            elif self.path.is_file():
                with self.path.open("r+b") as f:
                    f.truncate(0)
            self.f = self.path.open("a", encoding="utf-8", newline="\n")
        except BaseException:
            release_lock(self._lock)
            raise
        self._own = True

    def _trim_tail(self) -> int:
        """Cut off a last line left incomplete by a kill; the size of what is kept."""
        path = self.path
        size = path.stat().st_size  # type: ignore[union-attr]
        with path.open("rb") as f:  # type: ignore[union-attr]
            end = size
            while end > 0:  # the end of the last complete line: after the last newline
                start = max(0, end - (1 << 20))
                f.seek(start)
                block = f.read(end - start)
                i = block.rfind(b"\n")
                if i >= 0:
                    end = start + i + 1
                    break
                end = start
        if end < size:
            with path.open("r+b") as f:  # type: ignore[union-attr]
                f.truncate(end)
        return end

    def iter_done(self) -> Iterator[Any]:
        """Keys of the lines the output held when opened, in order, read lazily."""
        if not self.path or not self._resume_end:
            return
        with self.path.open("rb") as f:
            pos = 0
            for raw in f:
                pos += len(raw)
                if pos > self._resume_end:
                    return
                try:
                    yield _line_key(raw.decode("utf-8"))
                except (ValueError, UnicodeDecodeError):
                    continue  # a damaged line: its input is done again

    def done(self) -> Counter:
        return Counter(self.iter_done())

    def write(self, line: str) -> None:
        self.f.write(line + "\n")
        self.written += 1

    def flush(self, force: bool = False) -> None:
        self.f.flush()

    def close(self) -> None:
        try:
            self.flush()
        finally:
            if self._own:
                try:
                    self.f.close()
                finally:
                    release_lock(self._lock)


class _TableWriter(Writer):
    """Buffers lines as table rows and writes them in parts (every ``rows_per_part`` lines, or
    ``seconds`` after the previous part)."""

    def __init__(self, rows_per_part: int = 2000, seconds: float = 30.0):
        from extractor.io.tables import TableBuffer

        super().__init__()
        self.buffer = TableBuffer()
        self.rows_per_part = rows_per_part
        self.seconds = seconds
        self._last = time.monotonic()
        self._keys: list = []

    def write(self, line: str) -> None:
        rec = json.loads(line) if isinstance(line, str) else dict(line)
        self._keys.append(key_of(rec))
        rec.pop("input", None)
        self.buffer.add(rec)
        self.written += 1
        if len(self.buffer) >= self.rows_per_part:
            self.flush(force=True)

    def flush(self, force: bool = False) -> None:
        if not len(self.buffer):
            return
        if not force and time.monotonic() - self._last < self.seconds:
            return
        tables = self.buffer.arrow(include_records=True)
        self._commit(tables, len(self.buffer), self._keys)
        self.buffer.clear()
        self._keys = []
        self._last = time.monotonic()

    def _commit(self, tables, rows: int, keys: list) -> None:
        raise NotImplementedError


class ParquetWriter(_TableWriter):
    format = "parquet"

    def __init__(self, path: str, resume: bool = True, rows_per_part: int = 2000, seconds: float = 30.0,
                 part_prefix: str = "part-"):
        super().__init__(rows_per_part, seconds)
        self.path = Path(path)
        self.prefix = part_prefix
        self.path.mkdir(parents=True, exist_ok=True)
        self._lock = acquire_lock(self.path / ".lock", str(self.path))
        try:
            self.manifest = self.path / "_manifest.jsonl"
            self.parts = read_manifest(self.path) if resume else []
            if not resume:
                for t in _all_tables():
                    for p in (self.path / t).glob("*.parquet"):
                        p.unlink()
                self.manifest.write_text("", encoding="utf-8")
            clean_uncommitted(self.path, {p["part"] for p in self.parts})
        except BaseException:
            release_lock(self._lock)
            raise
        self._next = 1 + max((int(m.group(1)) for p in self.parts
                              if (m := re.fullmatch(re.escape(part_prefix) + r"(\d+)", p["part"]))), default=-1)

    def done(self) -> Counter:
        done: Counter = Counter()
        for p in self.parts:
            if "keys" in p:
                done.update(k if isinstance(k, str) else tuple(k) if isinstance(k, list) else k for k in p["keys"])
        done.update(parquet_keys(self.path, [p["part"] for p in self.parts if "keys" not in p]))
        return done

    def _commit(self, tables, rows: int, keys: list) -> None:
        name = f"{self.prefix}{self._next:05d}"
        write_part(self.path, name, tables)
        entry = {"part": name, "rows": rows, "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "keys": keys}
        append_manifest(self.path, entry, publish=True)  # the commit, then the parts into place
        self.parts.append(entry)
        self._next += 1

    def close(self) -> None:
        try:
            self.flush(force=True)
        finally:
            release_lock(self._lock)


STAGING = "_staging"


def write_part(folder: Path, name: str, tables: dict) -> None:
    """One part of every table, written into ``FOLDER/_staging/NAME/`` where no reader of a
    table's folder sees it; :func:`publish_part` moves it into place once committed."""
    import pyarrow.parquet as pq

    stage = Path(folder) / STAGING / name
    stage.mkdir(parents=True, exist_ok=True)
    for t, tab in tables.items():
        tmp = stage / f".{t}.parquet.tmp"
        pq.write_table(tab, tmp, compression="zstd")
        os.replace(tmp, stage / f"{t}.parquet")


def publish_part(folder: Path, name: str) -> None:
    """Move a committed part's staged files into the tables' folders (idempotent: a kill in the
    middle is finished by the next run)."""
    stage = Path(folder) / STAGING / name
    if not stage.is_dir():
        return
    for f in sorted(stage.glob("*.parquet")):
        d = Path(folder) / f.stem
        d.mkdir(parents=True, exist_ok=True)
        os.replace(f, d / f"{name}.parquet")
    shutil.rmtree(stage, ignore_errors=True)


def append_manifest(folder: Path, entry: dict, publish: bool = False) -> None:
    """Commit a part: its line in ``_manifest.jsonl``.  With ``publish``, the part's staged files
    are renamed into place right after the line is written and before it is synced to disk, so
    that the moment a kill can fall between the commit and the publication is as short as a few
    renames (a kill there leaves the part committed and staged; the next opening publishes it)."""
    with (Path(folder) / "_manifest.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        f.flush()
        if publish:
            publish_part(folder, entry["part"])
        os.fsync(f.fileno())


def read_manifest(folder: Path) -> list[dict]:
    """The committed parts of a Parquet output (a last line cut short is dropped)."""
    path = Path(folder) / "_manifest.jsonl"
    if not path.exists():
        return []
    parts, good_end = [], 0
    with path.open("rb") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                break
            try:
                parts.append(json.loads(raw))
            except ValueError:
                break
            good_end += len(raw)
    if good_end < path.stat().st_size:
        with path.open("r+b") as f:
            f.truncate(good_end)
    return parts


def clean_uncommitted(folder: Path, committed: set[str]) -> None:
    """Finish the publication of committed parts a kill interrupted; delete the parts a kill left
    without a manifest line (staged, or in place from older versions) and temporary files."""
    stage_root = Path(folder) / STAGING
    if stage_root.is_dir():
        for stage in sorted(stage_root.iterdir()):
            if stage.name in committed:
                publish_part(folder, stage.name)
            else:
                shutil.rmtree(stage, ignore_errors=True) if stage.is_dir() else stage.unlink()
    for t in _all_tables():
        d = Path(folder) / t
        if not d.is_dir():
            continue
        for p in d.iterdir():
            if p.name.endswith(".tmp") or (p.suffix == ".parquet" and p.stem not in committed):
                p.unlink()


def parquet_keys(folder: Path, parts: list[str]) -> Counter:
    import pyarrow.parquet as pq

    done: Counter = Counter()
    for part in parts:
        for t, id_col in (("records", "id"), ("errors", "article_id")):
            f = Path(folder) / t / f"{part}.parquet"
            if not f.exists():
                continue
            tab = pq.read_table(f, columns=[id_col, "source"])
            for i, s in zip(tab.column(id_col).to_pylist(), tab.column("source").to_pylist()):
                done[s if s is not None else ("id", i)] += 1
    return done


class DuckDBWriter(_TableWriter):
    format = "duckdb"

    def __init__(self, path: str, resume: bool = True, rows_per_part: int = 2000, seconds: float = 30.0):
        import duckdb

        super().__init__(rows_per_part, seconds)
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.path))
        except duckdb.IOException as e:
            if "lock" in str(e).lower():
                why = str(e).split(":", 2)[-1].split(". See also")[0].strip()[:200]
                raise OutputLocked(f"the output {self.path} is in use by another run or program (DuckDB: {why})") from None
            raise
        if not resume:
            for t in _all_tables() + ("_input_keys",):
                self.con.execute(f'DROP TABLE IF EXISTS "{t}"')
        existing = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        self._done: Counter = Counter()
        if "_input_keys" in existing:
            self._done.update(k for (k,) in self.con.execute('SELECT key FROM "_input_keys"').fetchall())
        else:
            for t, id_col in (("records", "id"), ("errors", "article_id")):
                if t in existing:
                    for i, s in self.con.execute(f'SELECT "{id_col}", source FROM "{t}"').fetchall():
                        self._done[s if s is not None else ("id", i)] += 1
        self._ensure_tables(existing)

    def _ensure_tables(self, existing: set[str]) -> None:
        from extractor.io.tables import TableBuffer

        empty = TableBuffer().arrow(include_records=True)
        for t, tab in empty.items():
            if t not in existing:
                self.con.register("_empty", tab)
                self.con.execute(f'CREATE TABLE "{t}" AS SELECT * FROM _empty')
                self.con.unregister("_empty")
        if "_input_keys" not in existing:
            self.con.execute('CREATE TABLE "_input_keys" (key VARCHAR)')
            legacy = [[k] for k in self._done.elements() if isinstance(k, str)]
            if legacy:  # rows of an older run, keyed by their source
                self.con.executemany('INSERT INTO "_input_keys" VALUES (?)', legacy)

    def done(self) -> Counter:
        return Counter(self._done)

    def _commit(self, tables, rows: int, keys: list) -> None:
        import pyarrow as pa

        self.con.execute("BEGIN TRANSACTION")
        try:
            for t, tab in tables.items():
                self.con.register("_batch", tab)
                self.con.execute(f'INSERT INTO "{t}" SELECT * FROM _batch')
                self.con.unregister("_batch")
            ktab = pa.table({"key": pa.array([k if isinstance(k, str) else None for k in keys], pa.string())})
            self.con.register("_keys", ktab)
            self.con.execute('INSERT INTO "_input_keys" SELECT key FROM _keys')
            self.con.unregister("_keys")
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.flush(force=True)
        try:
            self.con.execute("CHECKPOINT")
        finally:
            self.con.close()


def open_writer(output: str | None, fmt: str | None = None, resume: bool = True,
                stream: IO[str] | None = None, **kw) -> Writer:
    """The writer for ``output`` (None: JSONL on stdout) in ``fmt`` (else by extension)."""
    fmt = output_format(output, fmt)
    if fmt == "jsonl":
        return JsonlWriter(output, resume=resume, stream=stream)
    if not output:
        raise ValueError(f"--format {fmt} needs an output (-o)")
    require(fmt)
    if fmt == "parquet":
        return ParquetWriter(output, resume=resume, **kw)
    return DuckDBWriter(output, resume=resume, **kw)


def read_tables(output: str, fmt: str | None = None):
    """The tables of a Parquet folder or DuckDB file as pandas DataFrames (for checks and notebooks),
    typed as ``to_frames`` types them (:func:`extractor.io.tables.frame_of`)."""
    from extractor.io.tables import frame_of

    fmt = output_format(output, fmt)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        committed = [p["part"] for p in read_manifest(Path(output))]
        out = {}
        for t in _all_tables():
            # a committed part a kill left staged is read from there: the manifest's rows, always
            files = [Path(output) / t / f"{p}.parquet" for p in committed]
            files = [f if f.exists() else Path(output) / STAGING / f.stem / f"{t}.parquet" for f in files]
            files = [f for f in files if f.exists()]
            from extractor.io.tables import RECORD_SCHEMA, SCHEMAS

            schema = RECORD_SCHEMA if t == "records" else SCHEMAS[t]
            tabs = [pq.read_table(f, schema=schema) for f in files]
            import pyarrow as pa

            table = pa.concat_tables(tabs) if tabs else schema.empty_table()
            out[t] = table.to_pandas() if t == "records" else frame_of(table)
        return out
    if fmt == "duckdb":
        import duckdb

        con = duckdb.connect(output, read_only=True)
        try:
            def arrow(t: str):
                rel = con.sql(f'SELECT * FROM "{t}"')
                # DuckDB 2 names it to_arrow_table; 1.x arrow()
                return (getattr(rel, "to_arrow_table", None) or rel.arrow)()

            return {t: con.execute(f'SELECT * FROM "{t}"').df() if t == "records" else frame_of(arrow(t))
                    for t in _all_tables()}
        finally:
            con.close()
    raise ValueError("read_tables reads parquet or duckdb outputs")


def table_summary(output: str, fmt: str | None = None) -> dict[str, tuple[int, list[str]]]:
    """Rows and columns of every table of a Parquet folder or DuckDB file (for the dataset card),
    read from the Parquet footers or DuckDB's catalogue, not from the data."""
    fmt = output_format(output, fmt)
    out: dict[str, tuple[int, list[str]]] = {}
    if fmt == "parquet":
        import pyarrow.parquet as pq

        from extractor.io.tables import RECORD_SCHEMA, SCHEMAS

        committed = [p["part"] for p in read_manifest(Path(output))]
        for t in _all_tables():
            rows = 0
            for part in committed:
                f = Path(output) / t / f"{part}.parquet"
                if not f.exists():
                    f = Path(output) / STAGING / part / f"{t}.parquet"
                if f.exists():
                    rows += pq.read_metadata(f).num_rows
            out[t] = (rows, list((RECORD_SCHEMA if t == "records" else SCHEMAS[t]).names))
        return out
    if fmt == "duckdb":
        import duckdb

        con = duckdb.connect(output, read_only=True)
        try:
            for t in _all_tables():
                cols = [r[0] for r in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ? "
                    "ORDER BY ordinal_position", [t]).fetchall()]
                if cols:
                    out[t] = (con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0], cols)
        finally:
            con.close()
        return out
    raise ValueError("table_summary reads parquet or duckdb outputs")


__all__ = [
    "DuckDBWriter",
    "JsonlWriter",
    "MissingExtra",
    "OutputLocked",
    "ParquetWriter",
    "Writer",
    "acquire_lock",
    "open_writer",
    "output_exclude",
    "output_format",
    "publish_part",
    "read_tables",
    "release_lock",
    "require",
    "table_summary",
]
