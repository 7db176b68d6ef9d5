#!/usr/bin/env python3
"""Adversarial timing and memory benchmark: does every stage stay linear in its input?

    python scripts/adversarial.py                 # the timing table (10 KB, 100 KB, 1 MB; one 2 MB line)
    python scripts/adversarial.py --quick         # 10 KB and 100 KB only
    python scripts/adversarial.py --memory 20000  # resident size over a long run in one process
    python scripts/adversarial.py --only slashes,nines --sizes 10000,100000
    python scripts/adversarial.py --regexes       # every regex the extractor compiles, on hostile strings

Each pattern (``1/1/1/...``, ``9999...``, ``đồng chí `` with no name, unclosed
parentheses, a chain of roles, one long line of real prose, mixed Vietnamese
junk, mojibake, TCVN3 ...) is repeated to each size and run through the
stages of ``extractor.extract`` (repair, normalise, tokenize, every pipeline
component via ``extractor.pipeline.run(timings=...)``, and the record
builder), each measurement in a fresh worker process with a time limit, so a
pattern that backtracks catastrophically shows as TIMEOUT instead of hanging
the benchmark.  The table gives seconds and ms per KB; a pattern whose time
per KB grows more than 3x from 100 KB to 1 MB (or from 10 KB to 100 KB) is
flagged SUPERLINEAR together with the stage that grew.

``--regexes`` audits the patterns themselves: every regular expression the
``extractor`` package compiles while it extracts the corpus (recorded from
``re``'s compile cache hook, with the line that compiled it) is run with
``finditer`` over hostile strings of 2,000 and 20,000 characters; a pattern
whose time grows more than 30x for the tenfold string (and takes over 50 ms)
or that exceeds its time limit is reported with its source line.  Read the
report with the call site: ``finditer`` tries every start, so a flagged
pattern is quadratic when *searched* over a long text; used with ``match`` at
one position (``[ \t]*X`` failing is then linear) or over a bounded window, it
is harmless.

Exit status: 0 when everything is linear, 1 when a pattern was flagged.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PROSE = (
    "Sáng ngày 26/12/2019, Đảng ủy xã Phong Phú, huyện Cầu Kè tổ chức hội nghị tổng kết công tác xây dựng "
    "Đảng năm 2019. Dự hội nghị có đồng chí Thạch Sóc Kha - HUV, Phó Chủ tịch UBND huyện Cầu Kè. Đồng chí "
    "Lê Hoàng Phúc, Bí thư Đảng ủy xã chủ trì hội nghị. Xã đạt 15/17 chỉ tiêu nghị quyết, đạt 88,2%; tỉ lệ hộ "
    "nghèo giảm từ 4,12% xuống còn 2,86%; thu nhập bình quân ước đạt 42 triệu đồng/người/năm. "
)
JUNK = ["đồng chí ", "(", ")", "14/18 chỉ tiêu ", "đạt ", "106%", "Phó Chủ tịch HĐND huyện ", "Bí thư ", "1/",
        "9999", "%", ", ", " - ", "ông ", "bà ", "Nguyễn Văn ", "Sáng ngày 02/8/2023 ", "nhiệm kỳ 2020-2025 ",
        "\n", "số 12/3 ", "Quyết định 1234/QĐ-UBND ", "ĐẢNG ỦY ", "xã ", "huyện ", "tỉnh ", "năm 2023 ", "“", "”",
        "Trưởng Ban Tuyên giáo ", "UVBTV, PBT ", "trên 95% ", "60 triệu đồng/người/năm ", "...", "\u0301", "Ð"]


def _junk(size: int, seed: int = 8) -> str:
    rng = random.Random(seed)
    out, n = [], 0
    while n < size:
        piece = rng.choice(JUNK)
        out.append(piece)
        n += len(piece)
    return "".join(out)


def _repeat(unit: str):
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def _mojibake(size: int) -> str:
    return _repeat(PROSE)(size).encode("utf-8").decode("latin-1")[:size]


def _tcvn3(size: int) -> str:
    from extractor.text.legacy import legacy_tables

    inv = {u: chr(b) for b, u in legacy_tables().tcvn3.items()}
    return "".join(inv.get(c) or inv.get(c.lower(), c) for c in _repeat(PROSE)(size))


def _names(size: int, cue: str, joiner: str, seed: int) -> str:
    """Different four-syllable names, one after another, in one endless sentence (no full stop)."""
    rng = random.Random(seed)
    out, n = [], 0
    while n < size:
        piece = f"{cue}{rng.choice(GIVEN)} {rng.choice(MIDDLE)} {rng.choice(LAST)} {rng.choice(LAST)}{joiner}"
        out.append(piece)
        n += len(piece)
    return "".join(out)[:size]


def _many_names(size: int) -> str:
    """Different names after "ông", one after another."""
    return _names(size, "ông ", ", ", 5)


def _names_no_cue(size: int) -> str:
    """Different names with no cue and no role, joined by "và"."""
    return _names(size, "", " và ", 3)


def _place_then_spaces(size: int) -> str:
    """A place name followed by one long run of spaces (the gazetteer looks for "(cũ)" after it)."""
    head = "Đảng ủy xã Bình Khánh"
    return head + " " * max(0, size - len(head) - 1) + "x"


# name -> (maker(size) -> text, what it is)
PATTERNS = {
    "slashes": (_repeat("1/"), "1/1/1/1/... (no spaces)"),
    "nines": (_repeat("9"), "9999... (one number)"),
    "dong_chi": (_repeat("đồng chí "), "'đồng chí ' with no name"),
    "open_parens": (_repeat("("), "((((... unclosed"),
    "unclosed": (_repeat("(đạt 14/18 "), "'(đạt 14/18 ' unclosed, repeated"),
    "percent": (_repeat("1%"), "1%1%1%..."),
    "percent_list": (_repeat("1%, "), "1%, 1%, 1%, ... (a list of figures)"),
    "percent_clauses": (_repeat("tăng 5%; giảm 3% "), "a figure every few words, each with its verb"),
    "dates": (_repeat("02/8/2023, "), "dates in a row"),
    "numbers": (_repeat("1.200,5 "), "Vietnamese numbers in a row"),
    "role_chain": (_repeat("Phó Chủ tịch HĐND huyện "), "one endless chain of roles"),
    "names": (_repeat("Nguyễn Văn An, "), "one name, repeated"),
    "many_names": (_many_names, "different names in one endless sentence"),
    "names_no_cue": (_names_no_cue, "different names, no cue, one endless sentence"),
    "place_spaces": (_place_then_spaces, "a place name, then a long run of spaces"),
    "caps": (_repeat("ĐẢNG ỦY XÃ BÌNH KHÁNH "), "ALL CAPS"),
    "long_line": (lambda size: _repeat(PROSE.replace(". ", ", "))(size), "real prose on one line, no full stop"),
    "prose": (_repeat(PROSE), "real prose (sentences)"),
    "junk": (_junk, "mixed Vietnamese junk (seeded)"),
    "mojibake": (_mojibake, "prose as UTF-8 read as Latin-1"),
    "tcvn3": (_tcvn3, "prose in TCVN3 read as Windows-1252"),
}
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
LONG_LINE = 2_000_000  # "one 2 MB line"


# ---------------------------------------------------------------------------- worker

def measure(name: str, size: int) -> dict:
    """Time each stage of ``extract`` on pattern ``name`` at ``size`` characters (in this process)."""
    from extractor.context import Meta
    from extractor.pipeline import run
    from extractor.resolve import to_article
    from extractor.text.repair import fix_text

    # warm up: the pattern files and the name recogniser load once per process
    to_article(run(PROSE + "Nguyễn Văn An, Trần Thị Bình. " * 3 + "\n§¶ng ñy", Meta()))
    fix_text(_mojibake(2000))
    raw = PATTERNS[name][0](size)
    best = None
    for _ in range(3 if size <= 10_000 else 2 if size <= 100_000 else 1):  # small sizes: best of a few
        stages: dict[str, float] = {}
        t0 = time.perf_counter()
        text, notes = fix_text(raw)
        t1 = time.perf_counter()
        stages["repair"] = t1 - t0
        ctx = run(text, Meta(warnings=notes), timings=stages)
        t2 = time.perf_counter()
        article = to_article(ctx)
        t3 = time.perf_counter()
        stages["records"] = t3 - t2
        if best is None or t3 - t0 < best["seconds"]:
            best = {"seconds": t3 - t0, "stages": stages, "chars": size,
                    "found": {"officials": len(article.officials), "targets": len(article.targets),
                              "percentages": len(article.percentages), "quantities": len(article.quantities)}}
    return best


def run_one(name: str, size: int, timeout: float) -> dict:
    """``measure`` in a fresh process, killed after ``timeout`` seconds."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", name, str(size)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=str(ROOT))
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------- report

def _ms_per_kb(r: dict) -> float:
    return 1000 * r["seconds"] / (r["chars"] / 1000)


def _worst_stage(r: dict) -> tuple[str, float]:
    name, secs = max(r["stages"].items(), key=lambda kv: kv[1])
    return name, secs


def _fmt_size(n: int) -> str:
    return f"{n // 1_000_000} MB" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000} KB"


def benchmark(names: list[str], sizes: tuple[int, ...], timeout: float, long_line: bool) -> int:
    rows = []
    flagged = []
    print(f"{'pattern':<12} {'size':>7} {'seconds':>9} {'ms/KB':>8}  {'slowest stage':<24} found")
    print("-" * 84)
    for name in names:
        results: dict[int, dict] = {}
        plan = list(sizes) + ([LONG_LINE] if long_line and name == "long_line" else [])
        for size in plan:
            if any("timeout" in results.get(s, {}) for s in results):
                results[size] = {"skipped": True}
                print(f"{name:<12} {_fmt_size(size):>7} {'skipped (smaller size timed out)':>40}")
                continue
            r = run_one(name, size, timeout)
            results[size] = r
            if "timeout" in r:
                print(f"{name:<12} {_fmt_size(size):>7} {'TIMEOUT':>9} {'':>8}  (> {timeout:.0f} s)")
                continue
            if "error" in r:
                print(f"{name:<12} {_fmt_size(size):>7} {'ERROR':>9} {'':>8}  {r['error'][:60]}")
                flagged.append((name, f"error at {_fmt_size(size)}: {r['error']}"))
                continue
            stage, secs = _worst_stage(r)
            found = ",".join(f"{k[0]}{v}" for k, v in r["found"].items() if v)
            print(f"{name:<12} {_fmt_size(size):>7} {r['seconds']:>9.3f} {_ms_per_kb(r):>8.3f}  "
                  f"{stage + f' {secs:.3f}s':<24} {found}", flush=True)
            rows.append((name, size, r))
        # growth of the time per KB between consecutive sizes
        for small, big in zip(sizes, sizes[1:]):
            rs, rb = results.get(small, {}), results.get(big, {})
            if "timeout" in rb or ("timeout" in rs):
                flagged.append((name, f"timed out at {_fmt_size(big if 'timeout' in rb else small)}"))
                break
            if "seconds" in rs and "seconds" in rb and rb["seconds"] > 1.0:  # below a second it is noise
                growth = _ms_per_kb(rb) / max(_ms_per_kb(rs), 1e-9)
                if growth > 3:
                    grown = max(rb["stages"], key=lambda k: rb["stages"][k] / big - rs["stages"].get(k, 0) / small)
                    flagged.append((name, f"ms/KB x{growth:.1f} from {_fmt_size(small)} to {_fmt_size(big)}; "
                                          f"stage {grown}"))
    print("-" * 84)
    measured = [(n, s, r) for n, s, r in rows]
    if measured:
        n, s, r = max(measured, key=lambda x: _ms_per_kb(x[2]))
        print(f"worst time per KB: {_ms_per_kb(r):.3f} ms/KB ({n}, {_fmt_size(s)})")
    if flagged:
        print("SUPERLINEAR / FAILED:")
        for name, why in flagged:
            print(f"  {name}: {why}")
        return 1
    print("every pattern linear: time per KB grew less than 3x with each tenfold size")
    return 0


# ---------------------------------------------------------------------------- memory

def _rss_mb() -> float:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


GIVEN = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Thạch", "Kim"]
MIDDLE = ["Văn", "Thị", "Hoàng", "Minh", "Thanh", "Quốc", "Hữu", "Ngọc", "Đức", "Kim"]
LAST = ["An", "Bình", "Chất", "Dũng", "Hùng", "Khánh", "Lan", "Mai", "Nam", "Phúc", "Sơn", "Tâm", "Thủy", "Tư", "Vinh"]
PLACES = ["Bình Khánh", "Phong Phú", "Phước Hiệp", "An Thạnh", "Tân Hòa", "Long Mỹ", "Hưng Nhơn", "Thạnh Phú"]
DISTRICTS = ["Mỏ Cày Nam", "Cầu Kè", "Châu Thành", "Giồng Trôm", "Ba Tri", "Tiểu Cần"]
ROLES = ["Bí thư Đảng ủy xã", "Phó Chủ tịch UBND huyện", "Chủ tịch HĐND xã", "Phó Bí thư Thường trực Huyện ủy",
         "Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Tuyên giáo Huyện ủy", "Chủ tịch Hội Nông dân xã"]


def article(i: int, rng: random.Random) -> str:
    """A generated article, different every time (names, places, figures, dates)."""
    def person() -> str:
        return f"{rng.choice(GIVEN)} {rng.choice(MIDDLE)} {rng.choice(LAST)}"

    y = rng.randint(2015, 2025)
    a, b = rng.randint(5, 30), rng.randint(5, 30)
    place, district = rng.choice(PLACES), rng.choice(DISTRICTS)
    lines = [
        f"Đảng ủy xã {place} hoàn thành {a}/{b} chỉ tiêu nghị quyết năm {y}",
        f"Thứ Sáu, {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{y}, {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        f"Sáng ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{y}, Đảng ủy xã {place}, huyện {district} tổ chức hội nghị "
        f"tổng kết công tác năm {y}, triển khai nhiệm vụ năm {y + 1}. Dự hội nghị có đồng chí {person()}, "
        f"{rng.choice(ROLES)} {district}. Đồng chí {person()}, {rng.choice(ROLES)} chủ trì hội nghị.",
        f"Năm qua xã đạt {a}/{b} chỉ tiêu, đạt {100 * a / b:.1f}%".replace(".", ",") +
        f"; tỉ lệ hộ nghèo giảm từ {rng.uniform(2, 6):.2f}% xuống còn {rng.uniform(0.5, 2):.2f}%".replace(".", ",") +
        f"; thu nhập bình quân {rng.randint(30, 90)} triệu đồng/người/năm; {rng.randint(1, 900)} hộ được hỗ trợ "
        f"(mã {i}).",
        f"Phát biểu chỉ đạo, ông {person()} đề nghị xã tiếp tục phát huy kết quả đạt được.",
        rng.choice(["Hữu Nghĩa", "MINH ĐỨC", "Tin, ảnh: Bảo Toàn"]),
    ]
    return "\n\n".join(lines)


def memory(n: int, every: int) -> int:
    from extractor import extract

    rng = random.Random(2024)
    extract(article(0, rng))  # warm up: the pipeline and the pattern files are loaded once
    start = _rss_mb()
    peak = start
    t0 = time.perf_counter()
    print(f"{'articles':>9} {'RSS MB':>8} {'seconds':>8}")
    print(f"{0:>9} {start:>8.1f} {0.0:>8.1f}  (after warm-up)")
    for i in range(1, n + 1):
        extract(article(i, rng), id=f"gen-{i}")
        if i % every == 0 or i == n:
            rss = _rss_mb()
            peak = max(peak, rss)
            print(f"{i:>9} {rss:>8.1f} {time.perf_counter() - t0:>8.1f}", flush=True)
    end = _rss_mb()
    secs = time.perf_counter() - t0
    print(f"RSS at start {start:.1f} MB, at end {end:.1f} MB (peak {peak:.1f} MB, growth {end - start:+.1f} MB) "
          f"over {n:,} articles in {secs:.0f} s ({1000 * secs / n:.1f} ms/article), pid {os.getpid()}")
    return 0


# ---------------------------------------------------------------------------- regex audit

HOSTILE_UNITS = ["1/", "9", "a", " ", "đồng chí ", "(", "(đạt ", "nguyễn ", "Nguyễn ", "A", "Đ", "ĐẢNG ", "1.", "1,",
                 "%", "-", " - ", "\n", ", ", "x ", "phó chủ tịch hđnd huyện ", "Phó Chủ tịch HĐND huyện ",
                 "02/8/2023 ", "ông ", "và ", "“", "a\u0301", "\u00e1\u00bb", "1/1 ", "số ", "tháng "]


def _record_patterns() -> list[dict]:
    """Every pattern compiled by code in ``extractor/`` while extracting the corpus and some junk."""
    import re
    import traceback

    seen: dict[tuple, dict] = {}
    pkg = str(ROOT / "extractor")
    original = re._compile

    def spy(pattern, flags):
        compiled = original(pattern, flags)
        if isinstance(pattern, str):
            key = (pattern, int(flags))
            if key not in seen:
                where = next((f"{Path(fr.filename).relative_to(ROOT)}:{fr.lineno}"
                              for fr in reversed(traceback.extract_stack(limit=12)) if fr.filename.startswith(pkg)), None)
                if where:
                    seen[key] = {"pattern": pattern, "flags": int(flags), "where": where}
        return compiled

    re._compile = spy
    try:
        re.purge()
        from extractor import extract
        from extractor.text.repair import fix_text

        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
        texts += [PROSE, _junk(5000), _many_names(3000), _mojibake(2000), _tcvn3(2000)]
        for t in texts:
            extract(fix_text(t)[0])
    finally:
        re._compile = original
    return list(seen.values())


def _audit_worker(patterns: list[dict], start: int) -> None:
    """Time each pattern from ``start`` on; print one JSON line per pattern before and after."""
    import re

    for i in range(start, len(patterns)):
        p = patterns[i]
        rx = re.compile(p["pattern"], p["flags"])
        print(json.dumps({"start": i}), flush=True)
        worst = None
        for unit in HOSTILE_UNITS:
            times = []
            for size in (2_000, 20_000):
                s = (unit * (size // len(unit) + 1))[:size]
                t = time.perf_counter()
                for _ in rx.finditer(s):
                    pass
                times.append(time.perf_counter() - t)
            ratio = times[1] / max(times[0], 1e-6)
            if worst is None or times[1] > worst[2]:
                worst = (unit, ratio, times[1])
        print(json.dumps({"done": i, "unit": worst[0], "ratio": worst[1], "seconds": worst[2]}), flush=True)


def audit_regexes(timeout: float) -> int:
    patterns = _record_patterns()
    cache = ROOT / ".adversarial_patterns.json"
    cache.write_text(json.dumps(patterns, ensure_ascii=False), encoding="utf-8")
    flagged = []
    i = 0
    print(f"{len(patterns)} patterns compiled by extractor/; each run over {len(HOSTILE_UNITS)} hostile strings "
          f"of 2,000 and 20,000 characters")
    try:
        while i < len(patterns):
            proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--audit-from", str(i), str(cache)],
                                    stdout=subprocess.PIPE, text=True, cwd=str(ROOT))
            current, last_line = i, time.monotonic()
            import selectors

            sel = selectors.DefaultSelector()
            sel.register(proc.stdout, selectors.EVENT_READ)
            while True:
                if not sel.select(timeout=max(0.1, timeout - (time.monotonic() - last_line))):
                    if time.monotonic() - last_line >= timeout:
                        proc.kill()
                        proc.wait()
                        p = patterns[current]
                        flagged.append((p, f"over {timeout:.0f} s on a 20,000-character hostile string"))
                        i = current + 1
                        break
                    continue
                line = proc.stdout.readline()
                if not line:
                    proc.wait()
                    i = len(patterns) if proc.returncode == 0 else current + 1
                    break
                msg = json.loads(line)
                last_line = time.monotonic()
                if "start" in msg:
                    current = msg["start"]
                else:
                    if msg["ratio"] > 30 and msg["seconds"] > 0.05:
                        flagged.append((patterns[msg["done"]], f"x{msg['ratio']:.0f} for 10x input on "
                                                                f"{msg['unit']!r} ({msg['seconds']:.2f} s at 20,000)"))
            sel.close()
    finally:
        cache.unlink(missing_ok=True)
    if not flagged:
        print("no pattern grew faster than linear on any hostile string")
        return 0
    print("SUPERLINEAR PATTERNS:")
    for p, why in flagged:
        shown = p["pattern"] if len(p["pattern"]) < 160 else p["pattern"][:150] + " ..."
        print(f"  {p['where']}: {why}\n      {shown!r}")
    return 1


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--one", nargs=2, metavar=("PATTERN", "SIZE"), help=argparse.SUPPRESS)
    p.add_argument("--audit-from", nargs=2, metavar=("INDEX", "FILE"), help=argparse.SUPPRESS)
    p.add_argument("--regexes", action="store_true", help="instead: audit every regex the extractor compiles")
    p.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="sizes in characters (default %(default)s)")
    p.add_argument("--quick", action="store_true", help="10 KB and 100 KB only, no 2 MB line")
    p.add_argument("--only", help="comma-separated pattern names: " + ", ".join(PATTERNS))
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per measurement (default %(default)s)")
    p.add_argument("--memory", type=int, metavar="N", help="instead: extract N generated articles in this process, "
                                                           "printing the resident size")
    p.add_argument("--every", type=int, default=2000, help="with --memory: print every so many articles")
    args = p.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]))))
        return 0
    if args.audit_from:
        _audit_worker(json.loads(Path(args.audit_from[1]).read_text(encoding="utf-8")), int(args.audit_from[0]))
        return 0
    if args.regexes:
        return audit_regexes(min(args.timeout, 30.0))
    if args.memory:
        return memory(args.memory, args.every)
    sizes = (10_000, 100_000) if args.quick else tuple(int(s) for s in args.sizes.split(","))
    names = args.only.split(",") if args.only else list(PATTERNS)
    unknown = [n for n in names if n not in PATTERNS]
    if unknown:
        p.error(f"unknown pattern(s): {', '.join(unknown)}")
    return benchmark(names, sizes, args.timeout, long_line=not args.quick)


if __name__ == "__main__":
    sys.exit(main())
