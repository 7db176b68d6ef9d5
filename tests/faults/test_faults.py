"""The fault suite: each way a hostile user or an unlucky operator broke the batch, as a test
with real files.  No input line kills a batch, no run doubles or loses records through its
output, no input hangs it, and a crash says so in its exit code.

Kept quick (the whole file in well under a minute): runs are in this process with
``--workers 0`` where the point is not the worker pool, and the few subprocesses are those a
kill or a pipe needs.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from extractor import cli, extract
from extractor.api import TextTooLarge
from extractor.batch import core
from extractor.batch import pool as batch
from extractor.io import readers
from extractor.io.writers import JsonlWriter, ParquetWriter, read_manifest, read_tables

ROOT = Path(__file__).resolve().parents[2]

COMMUNES = ["Bình Khánh", "An Thạnh", "Tân Hội", "Phước Hiệp", "Thành Thới", "Minh Đức", "Hương Mỹ", "Cẩm Sơn"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi"]
MIDDLES = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Quốc"]
GIVEN = ["Hùng", "Lan", "Phước", "Tâm", "Dũng", "Hạnh", "Nghĩa", "Sơn", "Thảo", "Long"]


def article(i: int) -> str:
    """A distinct commune report for index ``i`` (two officials, one target)."""
    commune = COMMUNES[i % len(COMMUNES)]
    chair = f"{SURNAMES[i % 8]} {MIDDLES[i % 6]} {GIVEN[i % 10]}"
    deputy = f"{SURNAMES[(i + 3) % 8]} {MIDDLES[(i + 1) % 6]} {GIVEN[(i + 7) % 10]}"
    return (f"Xã {commune} tổng kết công tác năm 2023\n\n"
            f"Sáng ngày {1 + i % 28:02d}/{1 + i % 12:02d}/2023, Đảng ủy xã {commune} tổ chức hội nghị tổng kết. "
            f"Đồng chí {chair}, Bí thư Đảng ủy xã chủ trì hội nghị. Dự hội nghị có đồng chí {deputy}, "
            f"Phó Chủ tịch UBND huyện Mỏ Cày Nam.\n\nNăm 2023, xã đạt {10 + i % 9}/18 chỉ tiêu nghị quyết.\n")


def jsonl(path: Path, ids, start: int = 0) -> Path:
    path.write_text("".join(json.dumps({"id": f"t{i:03d}", "text": article(start + k)}, ensure_ascii=False) + "\n"
                            for k, i in enumerate(ids)), encoding="utf-8")
    return path


def rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def vnx(*args: str) -> int:
    return cli.main(["extract", *map(str, args), "--no-progress", "--workers", "0", "--no-ner"])


@contextlib.contextmanager
def deadline(seconds: int):
    """Fail (instead of hanging the suite) when the body takes longer than ``seconds``."""
    def boom(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: the run hangs")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def deep(n: int) -> str:
    return '{"id": "sau", "text": ' + "[" * n + "]" * n + "}"


# ---------------------------------------------------------------------------------------------
# 1. a JSON line nested 1,000 deep or more

@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_line_is_its_row_and_resume_goes_past_it(tmp_path, capsys, depth):
    src = tmp_path / "dump.jsonl"
    lines = [json.dumps({"id": f"t{i}", "text": article(i)}, ensure_ascii=False) for i in range(4)]
    lines.insert(2, deep(depth))
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "mot.json").write_text(deep(depth), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert vnx(src, tmp_path / "mot.json", "-o", out) == 1  # some inputs failed, rows written
    got = rows(out)
    assert [r.get("id") for r in got] == ["t0", "t1", None, "t2", "t3", None]
    assert got[2]["error"]["type"] == "InvalidJSONLine" and "nested too deeply" in got[2]["error"]["message"]
    assert got[5]["error"]["type"] == "InvalidJSON" and got[5]["source"] == str(tmp_path / "mot.json")
    assert "Traceback" not in capsys.readouterr().err
    assert vnx(src, tmp_path / "mot.json", "-o", out) == 0  # the resume goes past it, adds nothing
    assert len(rows(out)) == 6


def test_nested_values_in_fields_do_not_reach_the_pipeline(tmp_path):
    src = tmp_path / "dump.jsonl"
    nested = "[" * 900 + "]" * 900
    src.write_text("\n".join([
        '{"id": "a", "text": %s, "title": "x"}' % json.dumps(article(1), ensure_ascii=False),
        '{"id": "b", "text": %s, "title": %s}' % (json.dumps(article(2), ensure_ascii=False), nested),
        '{"id": %s, "text": "Xã An Thạnh"}' % nested,
        '{"id": "d", "text": {"p": 1}}',
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(src), "-o", str(out), "--no-progress", "--workers", "2", "--no-ner"]) == 1
    got = rows(out)
    assert [r.get("error", {}).get("type") for r in got] == [None, None, "InvalidInput", "InvalidInput"]
    assert got[1]["title"] != nested and any("title of type list" in w for w in got[1]["warnings"])


# ---------------------------------------------------------------------------------------------
# 2. the output guarded: locked, never read back, never equal to an input

def test_second_run_on_a_locked_jsonl_output_exits_at_once(tmp_path, capsys):
    src = jsonl(tmp_path / "in.jsonl", range(3))
    out = tmp_path / "out.jsonl"
    holder = JsonlWriter(str(out))  # another run holds the output
    try:
        t0 = time.monotonic()
        assert vnx(src, "-o", out) == 4
        assert time.monotonic() - t0 < 5
        err = capsys.readouterr().err.strip()
        assert err.startswith("vnextract: the output") and "in use by another run" in err and "\n" not in err
        assert out.read_text() == ""  # nothing written by the refused run
    finally:
        holder.close()
    assert vnx(src, "-o", out) == 0 and len(rows(out)) == 3  # free again: runs
    assert vnx(src, "-o", out) == 0 and len(rows(out)) == 3  # and again: nothing doubled


def test_two_parquet_runs_on_one_folder(tmp_path, capsys):
    src = jsonl(tmp_path / "in.jsonl", range(6))
    out = tmp_path / "out.parquet"
    holder = ParquetWriter(str(out))
    try:
        assert vnx(src, "-o", out) == 4
        assert "in use by another run" in capsys.readouterr().err
    finally:
        holder.close()
    assert vnx(src, "-o", out) == 0
    assert vnx(src, "-o", out) == 0
    assert sorted(read_tables(str(out))["records"]["id"]) == [f"t{i:03d}" for i in range(6)]


def test_locked_duckdb_output_is_a_run_failure(tmp_path, capsys):
    src = jsonl(tmp_path / "in.jsonl", range(2))
    db = tmp_path / "out.duckdb"
    code = f"import duckdb, sys; c = duckdb.connect({str(db)!r}); print('ok', flush=True); sys.stdin.read()"
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        assert vnx(src, "-o", db) == 4
        err = capsys.readouterr().err
        assert "in use by another run or program" in err and "Traceback" not in err
    finally:
        holder.stdin.close()
        holder.wait(10)
    assert vnx(src, "-o", db) == 0
    assert sorted(read_tables(str(db))["records"]["id"]) == ["t000", "t001"]


def test_output_equal_to_an_input_is_refused(tmp_path, capsys):
    src = jsonl(tmp_path / "in.jsonl", range(3))
    before = src.read_bytes()
    assert vnx(src, "-o", src) == 2
    assert vnx(src, "-o", tmp_path / "." / "in.jsonl") == 2  # another spelling of it
    assert src.read_bytes() == before
    assert "is also an input" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["out.jsonl", "out.parquet", "out.duckdb"])
def test_output_inside_the_input_folder_is_never_read(tmp_path, name):
    d = tmp_path / "tin"
    d.mkdir()
    for i in range(20):
        (d / f"a{i:02d}.txt").write_text(article(i), encoding="utf-8")
    out = d / name
    for _ in range(3):  # each run would read the previous run's output back as input
        assert vnx(d, "-o", out) == 0
    if name.endswith(".jsonl"):
        got = [r["id"] for r in rows(out)]
    else:
        got = list(read_tables(str(out))["records"]["id"])
    assert sorted(got) == [f"a{i:02d}" for i in range(20)]


# ---------------------------------------------------------------------------------------------
# 3. resume keyed by what the input is, not by how its path was spelled

def test_resume_by_another_spelling_of_the_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    jsonl(tmp_path / "in.jsonl", range(8))
    out = tmp_path / "out.jsonl"
    assert vnx("in.jsonl", "-o", out) == 0
    assert vnx(tmp_path / "in.jsonl", "-o", out) == 0  # absolute
    (tmp_path / "sub").mkdir()
    assert vnx("./sub/../in.jsonl", "-o", out) == 0
    os.symlink(tmp_path / "in.jsonl", tmp_path / "link.jsonl")
    assert vnx("link.jsonl", "-o", out) == 0
    ids = [r["id"] for r in rows(out)]
    assert len(ids) == 8 and len(set(ids)) == 8  # 0 duplicates


def test_lines_added_at_the_top_and_a_changed_line(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    jsonl(src, range(5))
    out = tmp_path / "out.jsonl"
    assert vnx(src, "-o", out) == 0
    old = src.read_text(encoding="utf-8").splitlines()
    new = [json.dumps({"id": f"n{i}", "text": article(40 + i)}, ensure_ascii=False) for i in range(2)]
    src.write_text("\n".join(new + old) + "\n", encoding="utf-8")  # two new lines at the top
    capsys.readouterr()
    assert vnx(src, "-o", out) == 0
    err = capsys.readouterr().err
    ids = [r["id"] for r in rows(out)]
    assert sorted(ids) == sorted([f"t{i:03d}" for i in range(5)] + ["n0", "n1"])  # none lost, none doubled
    assert "5 inputs already in the output skipped" in err and "2 inputs new or changed" in err
    # one line changed: it is done again, and the row of its old version is reported
    lines = src.read_text(encoding="utf-8").splitlines()
    lines[4] = json.dumps({"id": "t002", "text": article(77)}, ensure_ascii=False)
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert vnx(src, "-o", out) == 0
    err = capsys.readouterr().err
    assert "1 inputs new or changed" in err and "1 rows of the output match no input now" in err
    assert "warning" in err
    t002 = [r for r in rows(out) if r["id"] == "t002"]
    assert len(t002) == 2 and t002[-1]["text"].startswith(article(77)[:20])


def test_resume_of_an_output_written_before_fingerprints(tmp_path):
    src = jsonl(tmp_path / "in.jsonl", range(3))
    out = tmp_path / "out.jsonl"
    assert vnx(src, "-o", out) == 0
    legacy = [{k: v for k, v in r.items() if k != "input"} for r in rows(out)]  # as older versions wrote it
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in legacy), encoding="utf-8")
    assert vnx(src, "-o", out) == 0 and len(rows(out)) == 3


# ---------------------------------------------------------------------------------------------
# 4. FIFOs, sockets and devices; folders that cannot be entered; stdin

def test_fifo_in_a_folder_is_a_row_not_a_hang(tmp_path):
    d = tmp_path / "tin"
    d.mkdir()
    (d / "a.txt").write_text(article(1), encoding="utf-8")
    os.mkfifo(d / "b.jsonl")
    (d / "c.txt").write_text(article(3), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with deadline(60):
        assert vnx(d, "-o", out) == 1
    got = rows(out)
    assert [r["source"] for r in got] == [str(d / "a.txt"), str(d / "b.jsonl"), str(d / "c.txt")]
    assert got[1]["error"]["type"] == "NotAFile" and "FIFO" in got[1]["error"]["message"]


def test_device_given_by_name_is_never_opened(tmp_path):
    with deadline(30):
        got = list(readers.iter_items(["/dev/zero", "/dev/null"]))
    assert [(i["source"], i["error"]["type"]) for i in got] == [("/dev/zero", "NotAFile"), ("/dev/null", "NotAFile")]


def test_folder_that_cannot_be_entered_gives_a_row(tmp_path, monkeypatch):
    d = tmp_path / "tin"
    (d / "khoa").mkdir(parents=True)
    (d / "a.txt").write_text(article(1), encoding="utf-8")
    (d / "khoa" / "b.txt").write_text(article(2), encoding="utf-8")
    os.chmod(d / "khoa", 0)
    try:
        if os.geteuid() == 0:  # root enters any folder: refuse it the way the kernel would
            real_scandir = os.scandir

            def scandir(path="."):
                if os.fspath(path) == str(d / "khoa"):
                    raise PermissionError(13, "Permission denied", os.fspath(path))
                return real_scandir(path)

            monkeypatch.setattr(os, "scandir", scandir)
        got = list(readers.iter_items([str(d)]))
    finally:
        os.chmod(d / "khoa", 0o755)
    assert [i["source"] for i in got] == [str(d / "a.txt"), str(d / "khoa")]
    assert got[1]["error"]["type"] == "ReadError" and "cannot enter the folder" in got[1]["error"]["message"]


STDIN_N = 40  # ~40 KB of JSONL: well past the 8 KB a sniffing read once swallowed


def stdin_data() -> str:
    return "".join(json.dumps({"id": f"s{i:02d}", "text": article(i) * 2}, ensure_ascii=False) + "\n"
                   for i in range(STDIN_N))


def test_dev_stdin_loses_nothing_to_sniffing(tmp_path):
    data = stdin_data()
    assert len(data.encode()) > 20_000
    out = tmp_path / "out.jsonl"
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from extractor import cli; "
            f"sys.exit(cli.main(['extract', '/dev/stdin', '-o', {str(out)!r}, '--workers', '0', '--no-ner', "
            f"'--no-progress']))")
    res = subprocess.run([sys.executable, "-c", code], input=data, text=True, capture_output=True, timeout=120)
    assert res.returncode == 0, res.stderr[-1000:]
    got = rows(out)
    assert [r["id"] for r in got] == [f"s{i:02d}" for i in range(STDIN_N)]
    assert got[0]["source"] == "/dev/stdin:1"


def test_dash_reads_stdin_through_a_pipe(tmp_path, monkeypatch):
    r, w = os.pipe()
    data = stdin_data().encode()

    def feed():
        with os.fdopen(w, "wb") as f:
            for i in range(0, len(data), 3000):  # in pieces, as a producer writes
                f.write(data[i:i + 3000])
                f.flush()
                time.sleep(0.002)

    th = threading.Thread(target=feed)
    th.start()
    monkeypatch.setattr(sys, "stdin", os.fdopen(r, "r", encoding="utf-8"))
    out = tmp_path / "out.jsonl"
    with deadline(60):
        assert vnx("-", "-o", out) == 0
    th.join(10)
    got = rows(out)
    assert [r["id"] for r in got] == [f"s{i:02d}" for i in range(STDIN_N)] and got[0]["source"] == "<stdin>:1"


# ---------------------------------------------------------------------------------------------
# 5. a crash is not a partial success: exit 4 (or 2 for a bad path), one line, no traceback

def test_full_disk_is_a_run_failure(tmp_path, capsys):
    src = jsonl(tmp_path / "in.jsonl", range(2))
    assert vnx(src, "-o", "/dev/full") == 4
    err = capsys.readouterr().err.strip()
    assert err.startswith("vnextract: the run failed: the disk is full") and "\n" not in err


def test_output_whose_parent_is_a_file(tmp_path, capsys):
    src = jsonl(tmp_path / "in.jsonl", range(1))
    (tmp_path / "tep").write_text("x")
    assert vnx(src, "-o", tmp_path / "tep" / "out.jsonl") == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("vnextract: cannot create the output") and "is a file, not a folder" in err
    assert "Traceback" not in err


def test_internal_error_is_exit_4_and_debug_shows_the_traceback(tmp_path, capsys, monkeypatch):
    src = jsonl(tmp_path / "in.jsonl", range(1))

    def broken(*a, **k):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(batch, "skip_done", broken)
    assert vnx(src, "-o", tmp_path / "a.jsonl") == 4
    err = capsys.readouterr().err
    assert err.strip() == "vnextract: internal error: recursion too deep (run with --debug for the traceback)"
    assert cli.main(["--debug", "extract", str(src), "-o", str(tmp_path / "b.jsonl"), "--workers", "0"]) == 4
    assert "Traceback (most recent call last)" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# 6. Parquet: a plain reader of a table sees committed parts only, even after a kill

KILL_WRITER = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, {root!r})
    from extractor.io.writers import ParquetWriter
    lines = [json.loads(x) for x in open({lines!r}, encoding="utf-8")]
    w = ParquetWriter({out!r}, rows_per_part=25)
    done = w.done()  # a resume: what is committed is skipped
    for n in range(100000):
        if done.get(f"{{n:020x}}"):
            continue
        rec = dict(lines[n % len(lines)], source=f"gen:{{n}}", input=f"{{n:020x}}")
        w.write(json.dumps(rec, ensure_ascii=False))
        if n == 60 + len(done):
            print("go", flush=True)
""")


def test_parquet_readers_see_committed_rows_only_after_kill(tmp_path):
    import pandas as pd

    lines = tmp_path / "lines.jsonl"
    lines.write_text("".join(batch.process({"id": f"k{i}", "text": article(i), "source": "x"}, ner=False)[0] + "\n"
                             for i in range(4)), encoding="utf-8")
    out = tmp_path / "out.parquet"
    script = KILL_WRITER.format(root=str(ROOT), lines=str(lines), out=str(out))
    for k in range(2):  # kill at two moments
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "go"
        time.sleep(0.07 * k)
        proc.kill()
        proc.wait(10)
        proc.stdout.close()
        manifest = read_manifest(out)
        committed = sum(p["rows"] for p in manifest)
        seen = len(pd.read_parquet(out / "records")) + len(pd.read_parquet(out / "errors"))
        # nothing uncommitted is visible; the one state where a plain reader sees less than the
        # manifest is a kill in the few renames after a commit, with that part still staged
        staged = [p["part"] for p in manifest if (out / "_staging" / p["part"]).is_dir()]
        assert committed > 0 and (seen == committed or (seen < committed and staged)), (seen, committed, staged)
        t = read_tables(str(out))
        assert len(t["records"]) + len(t["errors"]) == committed  # the manifest's reader: exact
        w = ParquetWriter(str(out))  # a resume: the keys of every committed row, once
        done = w.done()
        w.close()
        assert sum(done.values()) == committed and max(done.values()) == 1
        assert len(pd.read_parquet(out / "records")) + len(pd.read_parquet(out / "errors")) == committed
        assert len(pd.read_parquet(out / "articles")) == len(pd.read_parquet(out / "records"))


def test_kill_between_commit_and_publication_is_finished_by_resume(tmp_path):
    from extractor.io.tables import TableBuffer
    from extractor.io.writers import STAGING, append_manifest, write_part

    out = tmp_path / "out.parquet"
    w = ParquetWriter(str(out), rows_per_part=2)
    for i in range(2):
        w.write(batch.process({"id": f"k{i}", "text": article(i), "source": f"s{i}", "key": f"{i:020x}"}, ner=False)[0])
    w.close()
    buf = TableBuffer()
    buf.add(json.loads(batch.process({"id": "k9", "text": article(9), "source": "s9"}, ner=False)[0]))
    write_part(out, "part-00001", buf.arrow())  # staged, committed, killed before the renames
    append_manifest(out, {"part": "part-00001", "rows": 1, "keys": ["9" * 20]})
    assert (out / STAGING / "part-00001").is_dir()
    w = ParquetWriter(str(out))
    w.close()
    assert sorted(read_tables(str(out))["records"]["id"]) == ["k0", "k1", "k9"]
    import pandas as pd

    assert sorted(pd.read_parquet(out / "records")["id"]) == ["k0", "k1", "k9"]


# ---------------------------------------------------------------------------------------------
# 7. linear cost: percent-dense text

def test_percent_dense_text_is_cheap(monkeypatch):
    """The percentage reader on ``1%1%...`` does bounded work per character: reading a figure's
    context (its subject: the costly step, a few hundred microseconds) happens at most
    ``_DENSE_BURST`` times at once, then once per ``_DENSE_CHARS`` characters; the rest are read in
    the context of the figure before.  Counted, not timed (timings are the adversarial script's)."""
    from extractor.context import Meta
    from extractor.pipeline import run
    from extractor.recognise import figures
    from extractor.resolve import to_article

    real, calls = figures._percent_subject, []

    def counted(ctx, start, end):
        calls.append(start)
        return real(ctx, start, end)

    monkeypatch.setattr(figures, "_percent_subject", counted)
    for n_chars in (10_000, 50_000):
        calls.clear()
        ctx = run(("1%" * 25_000)[:n_chars], Meta(), ner=False)
        assert len(calls) <= figures._DENSE_BURST + n_chars / figures._DENSE_CHARS + 1
        [p] = to_article(ctx).percentages  # one figure, mentioned n_chars / 2 times
        assert p.value == 1.0 and len(p.mentions) == n_chars // 2
    # a text of ordinary density reads every figure in its own context
    calls.clear()
    prose = "Tỷ lệ hộ nghèo còn 2,1%. Tỷ lệ bao phủ bảo hiểm y tế đạt 95,3%. " * 20
    ctx = run(prose, Meta(), ner=False)
    assert len(calls) == 2 * 20  # every mention read in its own context (duplicates fold later)


# ---------------------------------------------------------------------------------------------
# 8. bidi and other format characters

BIDI = ("Sáng ngày 20/12/2023, Đảng ủy xã Bình Khánh tổ chức hội nghị tổng kết. Đồng chí Trần Văn Hùng, "
        "Bí thư Đảng ủy xã chủ trì. Dự hội nghị có đồng chí Nguyễn Văn Bé Tư, Phó Chủ tịch HĐND huyện; "
        "bà Lê Thị Mỹ Hạnh, Chủ tịch UBND xã và ông Phạm Minh Tâm, Phó Chủ tịch UBND xã.")


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c", "\u202b", "\u2067", "\u2069", "\u2063", "\U000e0041"])
def test_format_characters_between_letters(mark):
    names = {"Trần Văn Hùng", "Nguyễn Văn Bé Tư", "Lê Thị Mỹ Hạnh", "Phạm Minh Tâm"}
    assert {o.name for o in extract(BIDI, ner=False).officials} == names
    marked = "".join(c + mark if c.isalpha() else c for c in BIDI)
    a = extract(marked, ner=False)
    assert {o.name for o in a.officials} == names
    assert mark not in a.text
    spans = list(a.iter_spans())
    assert spans and all(a.text[sp.start:sp.end] == sp.text for sp in spans)  # offsets index the kept text
    one = BIDI.replace("Phạm Minh Tâm", "Phạm Mi\u200fnh Tâm")
    assert "Phạm Minh Tâm" in {o.name for o in extract(one, ner=False).officials}


def test_every_format_character_is_dropped():
    import unicodedata

    from extractor.text.normalize import normalize

    cf = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert len(cf) > 150  # this Python's Unicode has them all, from U+00AD to the tags
    assert normalize("Bình" + "".join(cf) + " Khánh") == "Bình Khánh"


# ---------------------------------------------------------------------------------------------
# 9. extract() has a size guard

def test_extract_refuses_text_over_max_chars(monkeypatch):
    unit = "Xã Bình Khánh đạt 17/18 chỉ tiêu. "
    big = unit * (1_000_000 // len(unit) + 1)
    import extractor.api as api

    def never(*a, **k):
        raise AssertionError("the pipeline ran on a text over the limit")

    with monkeypatch.context() as m:
        m.setattr(api, "run", never)  # refused before any work
        with pytest.raises(TextTooLarge) as e:
            extract(big)
    assert f"{len(big):,} characters" in str(e.value) and "1,000,000" in str(e.value)
    assert isinstance(e.value, ValueError)
    assert extract(big[:2000], max_chars=1000 * 2).targets  # a raised limit: extracted


# ---------------------------------------------------------------------------------------------
# 10. workers exit when their runner dies, even mid-article; the time limit holds in threads

SLOW_RUNNER = textwrap.dedent("""
    import os, sys, time, argparse
    sys.path.insert(0, {root!r})
    from extractor.batch import core
    from extractor.batch import pool as batch
    def slow(item, ner):
        print("worker", os.getpid(), flush=True)
        time.sleep(600)
    core.extract_item = slow
    args = argparse.Namespace(paths=[{src!r}], output={out!r}, format=None, workers=1, timeout=300, max_chars=None,
                              dask=None, no_ner=True, no_progress=True, summary=False)
    batch.run_paths(args)
""")


def test_worker_exits_when_the_runner_is_killed_mid_article(tmp_path):
    src = jsonl(tmp_path / "in.jsonl", range(2))
    script = SLOW_RUNNER.format(root=str(ROOT), src=str(src), out=str(tmp_path / "out.jsonl"))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("worker"), line
        pid = int(line.split()[1])
        proc.kill()  # SIGKILL: no chance to tell the worker
        proc.wait(10)
        t0 = time.monotonic()
        while time.monotonic() - t0 < 5:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
            pytest.fail("the worker went on with its article after the runner was killed")
        assert time.monotonic() - t0 < 2
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()


def test_time_limit_holds_in_a_worker_thread(monkeypatch):
    def stuck(item, ner):
        while True:
            sum(range(1000))

    monkeypatch.setattr(core, "extract_item", stuck)
    out = {}

    def task():  # what a Dask worker's task thread runs
        t0 = time.monotonic()
        out["line"], out["art"] = batch.process({"id": "x", "text": "Xã An Thạnh", "source": "s"}, timeout=0.5)
        out["seconds"] = time.monotonic() - t0
        time.sleep(0.8)  # nothing fires after the block is left
        out["after"] = "fine"

    th = threading.Thread(target=task)
    th.start()
    th.join(20)
    assert not th.is_alive()
    assert json.loads(out["line"])["error"]["type"] == "Timeout" and out["seconds"] < 5 and out["after"] == "fine"
