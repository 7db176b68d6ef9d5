"""Readers: inputs streamed as items, one dict per article.

An item holds ``text`` (or ``html``, or undecoded ``data`` bytes) and optional ``id``, ``url``,
``title``, ``published``, ``author``, ``warnings``, and always ``source`` saying where it came
from: ``file`` for a one-article file, ``file:LINE`` for a JSONL line, ``file@OFFSET`` for a
WARC record.  Inputs:

* ``.txt``: one article, its stem is the id;
* ``.jsonl`` / ``.jsonl.gz`` (also ``.ndjson``): a crawl dump, one JSON object a line with
  ``text`` or ``html`` and optional ``id``, ``url``, ``title``, ``published``;
* ``.json``: one such object, or a list of them (``*.gold.json`` files are skipped);
* ``.html`` / ``.htm``: one page; main text, title, date and author by trafilatura;
* ``.warc`` / ``.warc.gz``: HTTP responses holding HTML, read with warcio;
* a folder: walked (sorted) for all of these.

Nothing is loaded whole: dumps are read a line or a record at a time, and a file or record
larger than the size limit is skipped without being read.  A broken container (a truncated
``.gz``, a WARC cut mid-record, a line that is not JSON) becomes an item with an ``error``
(type and message saying the file and offset) so the batch writes an error row for it and goes
on with every good record.

The heavy work (decoding bytes, HTML to text) is left to :func:`prepare`, which the batch runs
in its workers; ``iter_items(paths)`` with the default ``decode=True`` decodes bytes itself so
its items always hold ``text`` or ``html``.
"""
from __future__ import annotations

import codecs
import contextlib
import gzip
import hashlib
import io
import json
import os
import re
import stat
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

Item = dict[str, Any]

DEFAULT_MAX_CHARS = 1_000_000
TEXT_BYTES_PER_CHAR = 4      # a text file may hold up to 4 bytes a character (UTF-8 worst case)
HTML_BYTES_PER_CHAR = 10     # an HTML page may be up to 10 bytes per allowed text character

SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json", ".html", ".htm",
            ".warc", ".warc.gz")
META_KEYS = ("id", "url", "title", "published", "author")
NBYTES = "nbytes"   # an item's share of its input's bytes (for a progress bar); not part of the item's identity


class InputError(Exception):
    """A problem with one input (not with the extractor): written as an error row of ``type``."""

    def __init__(self, type: str, message: str):
        super().__init__(message)
        self.type = type


def error_item(source: str, type: str, message: str, id: str | None = None,
               key: str | None = None) -> Item:
    item: Item = {"id": id, "source": source, "error": {"type": type, "message": message[:500]}}
    if key is not None:
        item["key"] = key
    return item


def fingerprint(real: str, *parts: Any) -> str:
    """The resume key of one input item: a hash of the input's real path and of what the item is
    (its id and the bytes of its line, file or record; for an error, where and what).  The same
    item reached by another spelling of the path has the same key; a changed line has another.

    >>> fingerprint("/data/a.jsonl", "j1", b'{"id": "j1"}') == fingerprint("/data/a.jsonl", "j1", b'{"id": "j1"}')
    True
    >>> fingerprint("/data/a.jsonl", "j1", b"x") == fingerprint("/data/b.jsonl", "j1", b"x")
    False
    """
    h = hashlib.blake2b(digest_size=10)
    h.update(real.encode("utf-8", "surrogatepass"))
    for part in parts:
        h.update(b"\x00")
        h.update(part if isinstance(part, (bytes, bytearray)) else str(part).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def real_path(path: Any) -> str:
    """The real path of an input (symlinks and ``..`` resolved; ``-`` stays ``-``)."""
    s = str(path)
    return s if s == "-" else os.path.realpath(s)


# ---------------------------------------------------------------------------------------------
# bytes to str

_repair_decode = None


def _decoder():
    """``extractor.text.repair.decode_bytes`` when that module exists, else None."""
    global _repair_decode
    if _repair_decode is None:
        try:
            from extractor.text.repair import decode_bytes  # type: ignore[attr-defined]
        except Exception:
            decode_bytes = False
        _repair_decode = decode_bytes
    return _repair_decode or None


def decode(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """``data`` as text, with notes on any repair made.

    Uses ``extractor.text.repair.decode_bytes`` when it exists; otherwise the declared charset when
    Python knows it, else UTF-8 (a BOM is dropped), replacing undecodable bytes with a note.
    """
    fn = _decoder()
    if fn is not None:
        text, notes = fn(data, declared)
        return text, list(notes or [])
    enc = "utf-8"
    if declared:
        try:
            enc = codecs.lookup(declared).name
        except LookupError:
            enc = "utf-8"
    if enc in ("utf-8", "ascii"):
        enc = "utf-8-sig"
    try:
        return data.decode(enc), []
    except UnicodeDecodeError:
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd") - data.decode(enc, errors="ignore").count("\ufffd")
        return text, [f"input bytes are not valid {enc.replace('-sig', '')}: "
                      f"{bad} undecodable byte(s) replaced"]


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def sniff_charset(html_head: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes (``<meta charset>``), if any."""
    m = _META_CHARSET.search(html_head[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def _http_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    return m.group(1) if m else None


# ---------------------------------------------------------------------------------------------
# HTML to text

def html_to_item(html: str, url: str | None = None) -> Item:
    """Main text, title, publication date and author of an HTML page, by trafilatura.

    Returns only what was found (``text`` always); raises :class:`InputError` ``NoText`` when the
    page has no main text.  Dates are taken from the page's markup only (meta tags, JSON-LD,
    URL), never guessed from dates in the body, which are usually the meeting's.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        raise InputError("NoText", "no main text found in the HTML page")
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (d.get("text") or d.get("raw_text") or "").strip()
    if not text:
        raise InputError("NoText", "no main text found in the HTML page")
    out: Item = {"text": text}
    for key, src in (("title", "title"), ("published", "date"), ("author", "author")):
        v = d.get(src)
        if isinstance(v, str) and v.strip():
            out[key] = v.strip()
    if not url and d.get("url"):
        out["url"] = d["url"]
    return out


def prepare(item: Item, max_chars: int | None = DEFAULT_MAX_CHARS) -> Item:
    """``item`` ready for ``extract``: bytes decoded, HTML turned into text (values the input
    gives win over those read from the page).  Raises :class:`InputError` (``TooLarge``,
    ``NoText``, ...)."""
    item = dict(item)
    warnings = list(item.get("warnings") or [])
    data = item.pop("data", None)
    kind = item.pop("format", None)
    charset = item.pop("charset", None)
    if data is not None:
        if kind == "html" and not charset:
            charset = sniff_charset(data)
        text, notes = decode(data, charset)
        warnings += notes
        item["html" if kind == "html" else "text"] = text
    if item.get("text") is None and item.get("html") is not None:
        html = item.pop("html")
        if max_chars and len(html) > max_chars * HTML_BYTES_PER_CHAR:
            raise InputError("TooLarge", f"HTML of {len(html):,} characters is over the limit "
                                         f"of {max_chars * HTML_BYTES_PER_CHAR:,}")
        found = html_to_item(html, url=item.get("url"))
        for k, v in found.items():
            if item.get(k) is None:
                item[k] = v
    item.pop("html", None)
    text = item.get("text")
    if text is None:
        raise InputError("NoText", "the input has neither text nor html")
    if not isinstance(text, str):
        raise InputError("InvalidInput", f"text must be a string, not {type(text).__name__}")
    if max_chars and len(text) > max_chars:
        raise InputError("TooLarge", f"article of {len(text):,} characters is over the limit of {max_chars:,}")
    if not text.strip():
        raise InputError("NoText", "the text is empty" if not text else "the text is only white space")
    if warnings:
        item["warnings"] = warnings
    return item


def decode_item(item: Item) -> Item:
    """Decode an item's ``data`` bytes in place of ``prepare`` (HTML stays HTML)."""
    if "data" not in item:
        return item
    item = dict(item)
    data, kind, charset = item.pop("data"), item.pop("format", None), item.pop("charset", None)
    if kind == "html" and not charset:
        charset = sniff_charset(data)
    text, notes = decode(data, charset)
    item["html" if kind == "html" else "text"] = text
    if notes:
        item["warnings"] = list(item.get("warnings") or []) + notes
    return item


# ---------------------------------------------------------------------------------------------
# paths

def _kind(path: Path) -> str:
    kind = _kind_of_name(path.name)
    return kind if kind else _sniff_kind(path)


def _kind_of_name(name: str) -> str | None:
    name = name.lower()
    for suf, kind in ((".jsonl.gz", "jsonl"), (".ndjson.gz", "jsonl"), (".warc.gz", "warc"),
                      (".jsonl", "jsonl"), (".ndjson", "jsonl"), (".warc", "warc"),
                      (".json", "json"), (".html", "html"), (".htm", "html"), (".txt", "txt")):
        if name.endswith(suf):
            return kind
    return None


def _kind_of_head(head: bytes) -> str:
    if head.startswith(b"WARC/"):
        return "warc"
    s = head.lstrip().lower()
    if s.startswith(b"{"):
        return "jsonl"
    if s.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "txt"


def _sniff_kind(path: Path) -> str:
    """The kind of a (regular) file with an unknown extension, from its first bytes."""
    try:
        with path.open("rb") as f:
            head = f.read(512)
    except OSError:
        return "txt"
    if head[:2] == b"\x1f\x8b":
        try:
            with gzip.open(path, "rb") as g:
                head = g.read(512)
        except (OSError, EOFError, zlib.error):
            return "txt"
        if head.startswith(b"WARC/"):
            return "warc"
        return "jsonl" if head.lstrip()[:1] == b"{" else "txt"
    return _kind_of_head(head)


class Exclude:
    """Paths never read as input: the run's own output (a file, or a folder and all under it)."""

    def __init__(self, files: Iterable[str] = (), folders: Iterable[str] = ()):
        self.files = {real_path(f) for f in files}
        self.folders = [real_path(d) for d in folders]

    def __contains__(self, real: str) -> bool:
        return real in self.files or any(real == d or real.startswith(d.rstrip(os.sep) + os.sep) for d in self.folders)

    def __bool__(self) -> bool:
        return bool(self.files or self.folders)


def _not_a_file(path: str, mode: int) -> Item:
    what = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return error_item(path, "NotAFile", f"{path}: {what}, not read", key=fingerprint(real_path(path), "NotAFile"))


def walk(paths: list[str], exclude: Exclude | None = None) -> Iterator[tuple[str, Any]]:
    """What ``paths`` hold, in order, as ``(what, value)``: ``("file", Path)`` for a regular
    input file, ``("stream", name)`` for ``-`` (stdin) or a FIFO given by name (read once,
    front to back), ``("error", item)`` for what is not read: ``NotAFile`` (a FIFO, socket or
    device in a folder, a device or socket given by name: never opened), ``ReadError`` (a folder
    that cannot be entered, a broken link).  Folders are walked in sorted order; files and
    folders in ``exclude`` (the run's output) are passed over."""
    exclude = exclude or Exclude()
    for p in paths:
        if p == "-":
            yield "stream", "-"
            continue
        try:
            st = os.stat(p)
        except OSError as e:
            why = ("no such file or folder" if not os.path.lexists(p) else "a broken link"
                   if isinstance(e, FileNotFoundError) else e.strerror or str(e))
            yield "error", error_item(p, "ReadError", f"{p}: {why}", key=fingerprint(real_path(p), "ReadError"))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_folder(p, exclude)
        elif stat.S_ISREG(st.st_mode):
            if real_path(p) not in exclude:
                yield "file", Path(p)
        elif stat.S_ISFIFO(st.st_mode):
            yield "stream", p
        else:
            yield "error", _not_a_file(p, st.st_mode)


def _walk_folder(top: str, exclude: Exclude) -> Iterator[tuple[str, Any]]:
    errors: list[OSError] = []

    def flush() -> Iterator[tuple[str, Any]]:
        while errors:
            e = errors.pop(0)
            name = str(e.filename or top)
            yield "error", error_item(name, "ReadError", f"{name}: cannot enter the folder: {e.strerror or e}",
                                      key=fingerprint(real_path(name), "ReadError"))

    if real_path(top) in exclude:
        return
    for root, dirs, files in os.walk(top, onerror=errors.append):
        yield from flush()
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and (not exclude or real_path(os.path.join(root, d)) not in exclude))
        for f in sorted(files):
            low = f.lower()
            if low.startswith(".") or low.endswith(".gold.json") or not low.endswith(SUFFIXES):
                continue
            full = os.path.join(root, f)
            try:
                st = os.stat(full)
            except OSError as e:
                yield "error", error_item(full, "ReadError", f"{full}: {e.strerror or e}",
                                          key=fingerprint(real_path(full), "ReadError"))
                continue
            if not stat.S_ISREG(st.st_mode):
                yield "error", _not_a_file(full, st.st_mode)
            elif not exclude or real_path(full) not in exclude:
                yield "file", Path(full)
    yield from flush()


def iter_paths(paths: list[str], exclude: Exclude | None = None) -> Iterator[Path]:
    """The regular input files of ``paths``: files as given, folders walked in sorted order."""
    for what, value in walk(paths, exclude):
        if what == "file":
            yield value


# ---------------------------------------------------------------------------------------------
# one file

def _limit_bytes(max_chars: int | None, per_char: int) -> int | None:
    return max_chars * per_char if max_chars else None


def read_one_file(path: Path, kind: str, max_chars: int | None = DEFAULT_MAX_CHARS,
                  name: str | None = None) -> Iterator[Item]:
    """A ``.txt`` or ``.html`` file as one item with undecoded ``data`` (``name``: the path to
    show in ``source``, default ``path``)."""
    source = name or str(path)
    real = real_path(path)
    per = HTML_BYTES_PER_CHAR if kind == "html" else TEXT_BYTES_PER_CHAR
    limit = _limit_bytes(max_chars, per)
    try:
        size = path.stat().st_size
        if limit and size > limit:
            yield error_item(source, "TooLarge", f"{source}: file of {size:,} bytes is over the limit of {limit:,}",
                             id=path.stem, key=fingerprint(real, "TooLarge", size))
            return
        data = path.read_bytes()
    except OSError as e:
        yield error_item(source, "ReadError", f"{source}: {e.strerror or e}", id=path.stem,
                         key=fingerprint(real, "ReadError"))
        return
    item: Item = {"id": path.stem, "source": source, "data": data, "format": kind,
                  "key": fingerprint(real, "file", data), NBYTES: len(data)}
    yield item


def _read_lines(f: BinaryIO, limit: int | None) -> Iterator[tuple[bytes, bool]]:
    """Lines of ``f`` as (bytes, too_long); a line over ``limit`` bytes is skipped, not kept."""
    chunk = (limit + 2) if limit else -1
    while True:
        line = f.readline(chunk)
        if not line:
            return
        if limit and len(line) > limit and not line.endswith(b"\n"):
            n = len(line)
            while line and not line.endswith(b"\n"):  # drain the rest of the long line
                line = f.readline(1 << 20)
                n += len(line)
            yield b"", True
            continue
        yield line, False


def read_jsonl(path: Path, max_chars: int | None = DEFAULT_MAX_CHARS, name: str | None = None,
               start: int = 0, end: int | None = None, first_line: int = 1) -> Iterator[Item]:
    """A JSONL dump (plain or gzip), one item per non-blank line, streamed.

    For a plain file, ``start``/``end`` (byte offsets at line starts) and ``first_line`` (the
    number of the line at ``start``) read one partition of it.
    """
    label = name or str(path)
    real = real_path(path)
    gz = path.name.lower().endswith(".gz")
    try:
        if not gz:
            with path.open("rb") as f0:
                gz = f0.read(2) == b"\x1f\x8b"
        f: BinaryIO = gzip.open(path, "rb") if gz else path.open("rb")  # type: ignore[assignment]
    except OSError as e:
        yield error_item(label, "ReadError", f"{label}: {e.strerror or e}", key=fingerprint(real, "ReadError"))
        return
    with f:
        offset = 0
        if start and not gz:
            f.seek(start)
            offset = start
        yield from _jsonl_lines(f, label, real, gz, max_chars, first_line, offset, end)


def _jsonl_lines(f: BinaryIO, label: str, real: str, gz: bool, max_chars: int | None, first_line: int = 1,
                 offset: int = 0, end: int | None = None) -> Iterator[Item]:
    limit = _limit_bytes(max_chars, HTML_BYTES_PER_CHAR)
    n = first_line - 1
    blank = 0
    try:
        for raw, too_long in _read_lines(f, limit):
            if end is not None and offset >= end:
                break
            n += 1
            source = f"{label}:{n}"
            line_start, offset = offset, offset + len(raw)
            if too_long:
                with contextlib.suppress(OSError, ValueError):
                    offset = f.tell()
                yield error_item(source, "TooLarge", f"{label} line {n}: over the limit of {limit:,} bytes",
                                 key=fingerprint(real, "TooLarge", n))
                continue
            if not raw.strip():
                blank += len(raw)
                continue
            item = _jsonl_item(raw, source, label, n, line_start, real)
            item[NBYTES] = len(raw) + blank
            blank = 0
            yield item
    except (EOFError, OSError, zlib.error) as e:
        where = f"line {n + 1}" + (f" (uncompressed byte {offset:,})" if gz else f" (byte {offset:,})")
        kind = "TruncatedFile" if isinstance(e, EOFError) else "BrokenFile"
        yield error_item(f"{label}:{n + 1}", kind, f"{label}: cannot read past {where}: {e}",
                         key=fingerprint(real, kind, n + 1))


def jsonl_line_starts(path: Path, every: int) -> Iterator[tuple[int, int]]:
    """(byte offset, line number) of every ``every``-th line of a plain JSONL file, from (0, 1):
    the boundaries of its partitions.  Reads the file once, in blocks."""
    yield 0, 1
    line, offset = 1, 0
    size = path.stat().st_size
    with path.open("rb") as f:
        while True:
            block = f.read(1 << 22)
            if not block:
                return
            pos = 0
            while True:
                i = block.find(b"\n", pos)
                if i < 0:
                    break
                line += 1
                pos = i + 1
                if (line - 1) % every == 0 and offset + pos < size:
                    yield offset + pos, line
            offset += len(block)


def _loads(s: str) -> Any:
    """``json.loads``, with nesting too deep for the parser (``RecursionError``) as a ValueError."""
    try:
        return json.loads(s)
    except RecursionError:
        raise ValueError("nested too deeply to read") from None


def _jsonl_item(raw: bytes, source: str, path: Any, n: int, offset: int, real: str = "") -> Item:
    notes: list[str] = []
    key = fingerprint(real, "line", raw.rstrip(b"\r\n"))
    try:
        try:
            s = raw.decode("utf-8")
        except UnicodeDecodeError:
            s, notes = decode(raw, None)
        rec = _loads(s)
        if not isinstance(rec, dict):
            raise ValueError(f"a JSONL line must hold an object, not {type(rec).__name__}")
    except ValueError as e:
        return error_item(source, "InvalidJSONLine", f"{path} line {n} (byte {offset:,}): {e}", key=key)
    item = _record_item(rec, source, notes)
    item["key"] = key
    return item


_SCALAR = (str, int, float, bool)


def _record_item(rec: dict, source: str, notes: list[str] | None = None) -> Item:
    """An input record as an item; values of the wrong type are an error (``text``, ``html``,
    ``id``) or dropped with a warning (the other fields), so that nothing nested reaches the
    pipeline."""
    rid = rec.get("id")
    if rid is not None and not isinstance(rid, _SCALAR):
        return error_item(source, "InvalidInput", f"{source}: 'id' must be a string or a number, "
                                                  f"not {type(rid).__name__}")
    item: Item = {"id": None if rid is None else str(rid)}
    text, html = rec.get("text"), rec.get("html")
    if text is None and html is None:
        return error_item(source, "NoText", f"{source}: the record has neither 'text' nor 'html'", id=item["id"])
    for k, v in (("text", text), ("html", html)):
        if v is not None and not isinstance(v, str):
            return error_item(source, "InvalidInput", f"{source}: '{k}' must be a string, not {type(v).__name__}",
                              id=item["id"])
    if text is not None:
        item["text"] = text
    else:
        item["html"] = html
    w = [x for x in (rec.get("warnings") or []) if isinstance(x, str)] if isinstance(rec.get("warnings"), list) else []
    for k in ("url", "title", "published", "author"):
        v = rec.get(k)
        if v is None:
            continue
        if isinstance(v, str):
            item[k] = v
        else:
            w.append(f"input {k} of type {type(v).__name__} is not a string; ignored")
    w += list(notes or [])
    if w:
        item["warnings"] = w
    item["source"] = source
    return {k: v for k, v in item.items() if v is not None or k in ("id", "source")}


def read_json(path: Path, max_chars: int | None = DEFAULT_MAX_CHARS, name: str | None = None) -> Iterator[Item]:
    """A ``.json`` file: one record object, or a list of them."""
    label = name or str(path)
    real = real_path(path)
    limit = _limit_bytes(max_chars, HTML_BYTES_PER_CHAR)
    data = b""
    try:
        size = path.stat().st_size
        if limit and size > limit:
            yield error_item(label, "TooLarge", f"{label}: file of {size:,} bytes is over the limit of {limit:,}",
                             key=fingerprint(real, "TooLarge", size))
            return
        data = path.read_bytes()
        text, notes = decode(data)
        obj = _loads(text)
    except OSError as e:
        yield error_item(label, "ReadError", f"{label}: {e.strerror or e}", key=fingerprint(real, "ReadError"))
        return
    except ValueError as e:
        yield error_item(label, "InvalidJSON", f"{label}: {e}", key=fingerprint(real, "json", data))
        return
    if isinstance(obj, dict):
        item = _record_item(obj, label, notes)
        if item.get("id") is None and "error" not in item:
            item["id"] = path.stem
        item["key"] = fingerprint(real, "json", data)
        item[NBYTES] = len(data)
        yield item
    elif isinstance(obj, list):
        for i, rec in enumerate(obj):
            source = f"{label}#{i}"
            key = fingerprint(real, "json", i, data)
            if isinstance(rec, dict):
                item = _record_item(rec, source, notes)
                item["key"] = key
                item[NBYTES] = len(data) if i == 0 else 0
                yield item
            else:
                yield error_item(source, "InvalidJSON", f"{label} item {i}: not an object", key=key)
    else:
        yield error_item(label, "InvalidJSON", f"{label}: neither an object nor a list", key=fingerprint(real, "json", data))


def read_warc(path: Path, max_chars: int | None = DEFAULT_MAX_CHARS, name: str | None = None,
              skipped: Counter | None = None) -> Iterator[Item]:
    """HTTP responses holding HTML in a WARC (plain or gzip), one item each, streamed.

    Other records (requests, metadata, images, non-2xx responses) are passed over, each counted
    in ``skipped`` (by kind: ``WARC request``, ``WARC non-HTML response``, ...) when given.  A
    record cut short, or bytes after the last record that cannot be read, give an error item at
    its offset.
    """
    label = name or str(path)
    real = real_path(path)
    try:
        size = path.stat().st_size
        fh = path.open("rb")
    except OSError as e:
        yield error_item(label, "ReadError", f"{label}: {e.strerror or e}", key=fingerprint(real, "ReadError"))
        return
    with fh:
        yield from _warc_records(fh, label, real, max_chars, size, skipped)


def _warc_records(fh: BinaryIO, label: str, real: str, max_chars: int | None,
                  size: int | None, skipped: Counter | None = None) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator

    limit = _limit_bytes(max_chars, HTML_BYTES_PER_CHAR)
    skipped = Counter() if skipped is None else skipped
    it = ArchiveIterator(fh)
    offset = last = 0
    try:
        for rec in it:
            offset = it.offset
            source = f"{label}@{offset}"
            if rec.rec_type != "response" or rec.http_headers is None:
                skipped[f"WARC {rec.rec_type or 'unknown'} record" if rec.rec_type != "response"
                        else "WARC response without HTTP headers"] += 1
                continue
            status = rec.http_headers.get_statuscode() or ""
            ctype = rec.http_headers.get_header("Content-Type") or ""
            if not status.startswith("2"):
                skipped["WARC response not 2xx"] += 1
                continue
            if ctype and "html" not in ctype.lower():
                skipped["WARC non-HTML response"] += 1
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI")
            stream = rec.content_stream()
            data = stream.read(limit + 1) if limit else stream.read()
            if limit and len(data) > limit:
                yield error_item(source, "TooLarge", f"{label} record at byte {offset:,} ({url}): "
                                                     f"over the limit of {limit:,} bytes",
                                 key=fingerprint(real, "TooLarge", offset))
                continue
            remaining = getattr(rec.raw_stream, "limit", 0) or 0
            if remaining > 0:
                yield error_item(source, "TruncatedWARC",
                                 f"{label}: the record at byte {offset:,} ({url}) is cut short, "
                                 f"{remaining:,} bytes missing", key=fingerprint(real, "TruncatedWARC", offset))
                return
            item: Item = {"id": None, "url": url, "source": source, "data": data, "format": "html",
                          "key": fingerprint(real, "warc", url, data), NBYTES: offset - last}
            last = offset
            cs = _http_charset(ctype)
            if cs:
                item["charset"] = cs
            yield item
        end = it.offset
    except Exception as e:  # warcio raises many kinds on a damaged archive
        yield error_item(f"{label}@{it.offset}", "BrokenWARC",
                         f"{label}: cannot read the record at byte {it.offset:,}: {type(e).__name__}: {e}",
                         key=fingerprint(real, "BrokenWARC", it.offset))
        return
    if size is not None and end < size:
        yield error_item(f"{label}@{end}", "TruncatedWARC",
                         f"{label}: {size - end:,} bytes from byte {end:,} do not hold a complete record",
                         key=fingerprint(real, "TruncatedWARC", end))


def read_stream(name: str, max_chars: int | None = DEFAULT_MAX_CHARS,
                skipped: Counter | None = None) -> Iterator[Item]:
    """``-`` (stdin) or a FIFO given by name: read once, front to back, its kind told by its
    name or else by its first bytes, which are looked at without being consumed (nothing is
    lost to sniffing).  A JSONL or WARC stream gives one item per line or record; anything else
    is one article."""
    label = "<stdin>" if name == "-" else name
    real = real_path(name)
    try:
        raw = sys.stdin.buffer if name == "-" else open(name, "rb")
    except OSError as e:
        yield error_item(label, "ReadError", f"{label}: {e.strerror or e}", key=fingerprint(real, "ReadError"))
        return
    f = raw if hasattr(raw, "peek") else io.BufferedReader(raw, 1 << 16)
    try:
        kind = _kind_of_name(name)
        head = f.peek(512)[:512]
        gz = head[:2] == b"\x1f\x8b" or name.lower().endswith(".gz")
        g: Any = gzip.GzipFile(fileobj=f, mode="rb") if gz else f
        if gz:
            g = io.BufferedReader(g, 1 << 16)
            head = g.peek(512)[:512]
        if kind is None:
            kind = _kind_of_head(head)
        if kind == "jsonl":
            yield from _jsonl_lines(g, label, real, gz, max_chars)
        elif kind == "warc":
            yield from _warc_records(g, label, real, max_chars, None, skipped)
        else:
            limit = _limit_bytes(max_chars, HTML_BYTES_PER_CHAR if kind == "html" else TEXT_BYTES_PER_CHAR)
            data = g.read(limit + 1) if limit else g.read()
            if limit and len(data) > limit:
                yield error_item(label, "TooLarge", f"{label}: over the limit of {limit:,} bytes",
                                 key=fingerprint(real, "TooLarge"))
            else:
                yield {"id": None if name == "-" else Path(name).stem, "source": label, "data": data,
                       "format": "html" if kind == "html" else "txt", "key": fingerprint(real, "file", data),
                       NBYTES: len(data)}
    except (OSError, EOFError, zlib.error) as e:
        yield error_item(label, "ReadError", f"{label}: {e}", key=fingerprint(real, "ReadError"))
    finally:
        if name != "-":
            with contextlib.suppress(Exception):
                raw.close()


def _guarded(items: Iterator[Item], label: str, real: str) -> Iterator[Item]:
    """A reader's items; an unexpected failure of the reader ends that input with an error
    item instead of ending the batch."""
    try:
        yield from items
    except Exception as e:  # a reader's bug or a library's surprise: never the batch's end
        yield error_item(label, "ReadError", f"{label}: reading stopped: {type(e).__name__}: {e}",
                         key=fingerprint(real, "ReadError", type(e).__name__))


def iter_items(paths: list[str], *, max_chars: int | None = DEFAULT_MAX_CHARS,
               decode: bool = True, exclude: Exclude | None = None,
               skipped: Counter | None = None) -> Iterator[Item]:
    """Every input item of ``paths`` in order.  Like ``cat``, a missing path among others is an
    error item (``ReadError``) and the rest are read; when every path is missing,
    ``FileNotFoundError`` is raised.

    ``decode=False`` leaves files' bytes undecoded (``data``) for :func:`prepare` to decode in a
    worker.  ``exclude``: paths never read (the run's output).  ``skipped``: a Counter of the
    records passed over (a WARC's requests, metadata, non-HTML responses), by kind.  Every item
    has a ``key`` (:func:`fingerprint`) for resuming.
    """
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing and len(missing) == len(paths):
        raise FileNotFoundError(f"no such file or folder: {missing[0]}")
    for what, value in walk(paths, exclude):
        if what == "error":
            yield value
            continue
        if what == "stream":
            src = read_stream(value, max_chars, skipped)
            label, real = value, real_path(value)
        else:
            src = read_path(value, max_chars, skipped=skipped)
            label, real = str(value), real_path(value)
        for item in _guarded(src, label, real):
            yield decode_item(item) if decode and "error" not in item else item


def read_path(path: Path, max_chars: int | None = DEFAULT_MAX_CHARS, name: str | None = None,
              kind: str | None = None, skipped: Counter | None = None) -> Iterator[Item]:
    """The items of one input file (bytes undecoded)."""
    kind = kind or _kind(path)
    if kind == "jsonl":
        return read_jsonl(path, max_chars, name)
    if kind == "warc":
        return read_warc(path, max_chars, name, skipped)
    if kind == "json":
        return read_json(path, max_chars, name)
    return read_one_file(path, kind, max_chars, name)


def item_key(item: Item) -> Any:
    """What identifies an input across runs (for resuming): its ``key`` (the real path and a
    fingerprint of the item), else its source, else its id."""
    k = item.get("key")
    if k is not None:
        return k
    return legacy_key(item)


def legacy_key(item: Item) -> Any:
    """The key outputs written before fingerprints used: the source as typed, else the id."""
    src = item.get("source")
    return src if src is not None else ("id", item.get("id"))


__all__ = [
    "Exclude",
    "InputError",
    "Item",
    "decode",
    "fingerprint",
    "html_to_item",
    "input_bytes",
    "item_key",
    "iter_items",
    "iter_paths",
    "legacy_key",
    "prepare",
    "read_path",
    "read_stream",
    "real_path",
    "walk",
]


def _gzip_size(path: Path, size: int) -> int:
    """The uncompressed size of a gzip file (its trailer's ISIZE: exact below 4 GiB), else its size."""
    try:
        with path.open("rb") as f:
            if f.read(2) != b"\x1f\x8b" or size < 18:
                return size
            f.seek(-4, os.SEEK_END)
            isize = int.from_bytes(f.read(4), "little")
    except OSError:
        return size
    return isize if isize >= size // 2 else size  # a multi-member or huge file: its size will do


def input_bytes(paths: list[str], exclude: Exclude | None = None) -> int | None:
    """How many bytes the readers will go through for ``paths`` (what the items' ``nbytes`` add up
    to): the sizes of the input files, a JSONL dump's in gzip uncompressed; None when an input is
    a stream (stdin, a FIFO), whose size is not known."""
    total = 0
    for what, value in walk(paths, exclude):
        if what == "stream":
            return None
        if what != "file":
            continue
        try:
            size = value.stat().st_size
        except OSError:
            continue
        name = value.name.lower()
        if name.endswith((".jsonl.gz", ".ndjson.gz")) or (_kind(value) == "jsonl" and not name.endswith((".jsonl", ".ndjson"))):
            size = _gzip_size(value, size)
        total += size
    return total
