#!/usr/bin/env python3
"""Fuzz target: bytes -> decode_bytes -> fix_text -> extract, checking the record invariants.

    python tests/fuzz_extract.py -runs=2000              # bounded run, as CI does
    python tests/fuzz_extract.py -runs=2000 -max_len=4096 tests/fuzz_corpus/
    python tests/fuzz_extract.py -max_total_time=600      # open-ended, for a person

With atheris installed this is a coverage-guided libFuzzer target (flags as
libFuzzer takes them, ``extractor`` instrumented); without it the same
``one_input`` runs under hypothesis for ``-runs`` examples.  A failing input
raises: atheris saves it as ``crash-*``, hypothesis prints it; replay one
with ``python tests/fuzz_extract.py crash-file``.

Importing this module runs nothing (pytest imports it for doctests; the
hostile suite calls :func:`one_input` on a few seeds so CI keeps it working).

Invariants, for whatever the bytes are:
* decoding, repair and extraction never raise;
* every span satisfies ``article.text[start:end] == span.text``;
* ``article.model_dump(mode="json")`` validates against ``extractor.records.json_schema()``.
"""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

FRAGMENTS = [
    "đồng chí ", "ông ", "bà ", "14/18 chỉ tiêu", "(đạt ", "106%)", "Phó Chủ tịch HĐND huyện ", "Bí thư Đảng ủy xã ",
    "Nguyễn Văn Bé Tư", "PHAN VŨ HÙNG", "UVBTV, PBT ", "Sáng ngày 02/8/2023, ", "Thứ Tư, 08/04/2015, 08:11\n",
    "nhiệm kỳ 2020-2025", "giảm từ 3,39% xuống còn 2,35%", "60 triệu đồng/người/năm", "Quyết định 1234/QĐ-UBND",
    "24/7", "số 12/3 đường ", "hội nghị tổng kết ", "Tin, ảnh: Minh Đức", "1/", "9", "%", "(", ")", ", ", ". ", "\n",
    "trên 95%", "khoảng ", "1.200", "83,3", "chủ trì", "phát biểu", "huyện Mỏ Cày Nam", "tỉnh Bến Tre", "\u0301",
    "\u202e", "\U0001F600", "\ufffd", "Ä\x90áº£ng á»§y ", "§¶ng ñy x· ", "Ñaûng uûy xaõ ",
]
DECLARED = [None, "utf-8", "windows-1258", "windows-1252", "iso-8859-1", "utf-16", "shift_jis", "x-bogus", ""]


class _Bytes:
    """A tiny data provider over the fuzzer's bytes (the same for atheris and hypothesis)."""

    def __init__(self, data: bytes):
        self.data = data
        self.i = 0

    def byte(self) -> int:
        if self.i >= len(self.data):
            return 0
        self.i += 1
        return self.data[self.i - 1]

    def rest(self) -> bytes:
        out = self.data[self.i:]
        self.i = len(self.data)
        return out


_VALIDATOR = None


def _validator():
    global _VALIDATOR
    if _VALIDATOR is None:
        import jsonschema

        from extractor.records import json_schema

        _VALIDATOR = jsonschema.Draft202012Validator(json_schema())
    return _VALIDATOR


def check(article) -> None:
    """The invariants of a record."""
    text = article.text
    for span in article.iter_spans():
        assert 0 <= span.start <= span.end <= len(text), (span.start, span.end, len(text))
        assert text[span.start:span.end] == span.text, (span.start, span.end, span.text)
    data = article.model_dump(mode="json")
    errors = list(_validator().iter_errors(data))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def make_text(data: bytes) -> tuple[str, list[str]]:
    """The fuzzer's bytes as an article, by one of several routes chosen by the first byte."""
    from extractor.text.repair import decode_bytes

    src = _Bytes(data)
    mode = src.byte() % 5
    if mode == 0:  # bytes as a crawler would hand them, with or without a declared charset
        declared = DECLARED[src.byte() % len(DECLARED)]
        return decode_bytes(src.rest(), declared)
    if mode == 1:  # raw UTF-8, invalid sequences replaced
        return src.rest().decode("utf-8", errors="replace"), []
    if mode == 2:  # code points, surrogates and all
        raw = src.rest()
        return "".join(chr(int.from_bytes(raw[k:k + 3], "little") % 0x110000) for k in range(0, len(raw) - 2, 3)), []
    # fragments of the genre, glued by the bytes; mode 4 in NFD
    parts = [FRAGMENTS[b % len(FRAGMENTS)] for b in src.rest()]
    text = "".join(parts)
    return (unicodedata.normalize("NFD", text) if mode == 4 else text), []


def one_input(data: bytes) -> None:
    """The fuzz target: never raises unless an invariant breaks."""
    from extractor import extract
    from extractor.text.repair import fix_text

    text, notes = make_text(data)
    assert isinstance(text, str)
    text, more = fix_text(text)
    article = extract(text, warnings=notes + more)
    check(article)


def _runs(argv: list[str], default: int = 2000) -> int:
    for a in argv:
        if a.startswith("-runs="):
            return int(a.split("=", 1)[1])
    return default


def _replay(paths: list[str]) -> int | None:
    files = [Path(p) for p in paths if not p.startswith("-") and Path(p).is_file()]
    if not files:
        return None
    for f in files:
        one_input(f.read_bytes())
        print(f"ok: {f}")
    return 0


def main(argv: list[str]) -> int:
    if str(Path(__file__).resolve().parent.parent) not in sys.path:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    replayed = _replay(argv[1:])
    if replayed is not None:
        return replayed
    try:
        import atheris
    except ImportError:
        atheris = None
    if atheris is not None:
        with atheris.instrument_imports(include=["extractor"]):
            import extractor.api
            import extractor.text.repair  # noqa: F401
        one_input(b"\x03" + bytes(range(40)))  # load the pipeline before fuzzing starts
        argv = list(argv)
        if not any(a.startswith("-max_len=") for a in argv):
            argv.append("-max_len=2048")
        if not any(a.startswith("-len_control=") for a in argv):
            argv.append("-len_control=0")  # long inputs from the start, not after a million runs
        atheris.Setup(argv, one_input)
        atheris.Fuzz()
        return 0
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    runs = _runs(argv)

    @settings(max_examples=runs, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=4096))
    def fuzz(data: bytes) -> None:
        one_input(data)

    fuzz()
    print(f"hypothesis: {runs} inputs, no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
