"""The batch runner: one output row per input whatever happens (bad inputs, a worker killed
mid-article, a pathological article over the time limit), output in input order, and a real
run killed with SIGKILL and restarted that ends with every input exactly once."""
from __future__ import annotations

import argparse
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor import cli
from extractor.batch import core
from extractor.batch import pool as batch
from extractor.batch.pool import process, run_parallel, run_paths

ROOT = Path(__file__).resolve().parents[2]

ARTICLE_A = """Xã Bình Khánh tổng kết công tác năm 2023

Sáng ngày 20/12/2023, Đảng ủy xã Bình Khánh, huyện Mỏ Cày Nam tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2023. Dự hội nghị có đồng chí Nguyễn Văn Bé Tư, Phó Chủ tịch HĐND huyện Mỏ Cày Nam. Đồng chí Trần Văn Hùng, Bí thư Đảng ủy xã chủ trì hội nghị.

Năm 2023, xã thực hiện đạt 17/18 chỉ tiêu nghị quyết, đạt 94,4%. Tỉ lệ người dân tham gia bảo hiểm y tế đạt 95,1%. Thu nhập bình quân đạt 60 triệu đồng/người/năm.
"""

ARTICLE_B = """Phường 3 sơ kết 6 tháng đầu năm 2024

Chiều ngày 05/7/2024, Đảng ủy Phường 3, thành phố Bến Tre tổ chức hội nghị sơ kết công tác 6 tháng đầu năm 2024. Bà Lê Thị Mỹ Hạnh, Phó Bí thư Thường trực Đảng ủy phường báo cáo kết quả. Phường đã vận động xây dựng 12/10 căn nhà tình thương, vượt kế hoạch. Tỉ lệ hộ nghèo giảm từ 2,1% xuống còn 1,4%.
"""

COMMUNES = ["Bình Khánh", "An Thạnh", "Tân Hội", "Phước Hiệp", "Thành Thới", "Minh Đức", "Hương Mỹ", "Cẩm Sơn"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi"]
MIDDLES = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Quốc"]
GIVEN = ["Hùng", "Lan", "Phước", "Tâm", "Dũng", "Hạnh", "Nghĩa", "Sơn", "Thảo", "Long"]


def generated_article(i: int) -> str:
    """A distinct, realistic commune report for index ``i``."""
    commune = COMMUNES[i % len(COMMUNES)]
    chair = f"{SURNAMES[i % 8]} {MIDDLES[i % 6]} {GIVEN[i % 10]}"
    deputy = f"{SURNAMES[(i + 3) % 8]} {MIDDLES[(i + 1) % 6]} {GIVEN[(i + 7) % 10]}"
    done, planned = 10 + i % 9, 18
    day, month = 1 + i % 28, 1 + i % 12
    return (f"Xã {commune} tổng kết công tác năm 2023\n\n"
            f"Sáng ngày {day:02d}/{month:02d}/2023, Đảng ủy xã {commune}, huyện Mỏ Cày Nam tổ chức hội nghị tổng kết "
            f"công tác xây dựng Đảng năm 2023. Đồng chí {chair}, Bí thư Đảng ủy xã chủ trì hội nghị. Dự hội nghị có "
            f"đồng chí {deputy}, Phó Chủ tịch UBND huyện Mỏ Cày Nam.\n\n"
            f"Năm 2023, xã thực hiện đạt {done}/{planned} chỉ tiêu nghị quyết. Tỉ lệ người dân tham gia bảo hiểm y tế "
            f"đạt {90 + i % 10},{i % 10}%. Thu nhập bình quân đạt {50 + i % 20} triệu đồng/người/năm.\n")


def args_for(paths, output=None, **kw) -> argparse.Namespace:
    base = dict(paths=[str(p) for p in paths], output=str(output) if output else None, format=None, workers=2,
                timeout=None, max_chars=None, dask=None, no_ner=False, no_progress=True, summary=False)
    base.update(kw)
    return argparse.Namespace(**base)


def read_lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


# ---------------------------------------------------------------------------------------------

def test_process_good_and_bad_items():
    line, art = process({"id": "bk", "text": ARTICLE_A, "source": "tin/bk.txt"})
    rec = json.loads(line)
    assert art is not None and rec["id"] == "bk" and rec["source"] == "tin/bk.txt"
    assert [(t["numerator"], t["denominator"]) for t in rec["targets"]] == [(17.0, 18.0)]
    assert {o["name"] for o in rec["officials"]} == {"Nguyễn Văn Bé Tư", "Trần Văn Hùng"}
    line, art = process({"id": None, "source": "dump.jsonl:7",
                         "error": {"type": "InvalidJSONLine", "message": "dump.jsonl line 7: Expecting ','"}})
    assert art is None and json.loads(line) == {"id": None, "source": "dump.jsonl:7", "error": {
        "type": "InvalidJSONLine", "message": "dump.jsonl line 7: Expecting ','"}}
    line, art = process({"id": "dai", "text": ARTICLE_A * 3, "source": "dai.txt"}, max_chars=1000)
    assert json.loads(line)["error"]["type"] == "TooLarge" and json.loads(line)["source"] == "dai.txt"
    line, _ = process({"id": "x", "source": "x.jsonl:1", "text": None})
    assert json.loads(line)["error"]["type"] == "NoText"


def test_bad_published_is_a_warning_not_an_error():
    line, art = process({"id": "p3", "text": ARTICLE_B, "published": "32/13/2023", "source": "s"})
    assert art is not None and any("32/13/2023" in w for w in art.warnings)


def test_time_limit_in_process(monkeypatch):
    def slow(item, ner):
        while True:
            pass

    monkeypatch.setattr(core, "extract_item", slow)
    t0 = time.monotonic()
    line, art = process({"id": "cham", "text": ARTICLE_A, "source": "cham.txt"}, timeout=0.5)
    assert art is None and json.loads(line)["error"]["type"] == "Timeout"
    assert time.monotonic() - t0 < 20


def test_timeout_is_not_swallowed_by_the_pipelines_guards(monkeypatch):
    def guarded(item, ner):
        try:
            time.sleep(30)
        except Exception:  # what a stage's broad guard would do
            pass
        raise AssertionError("not reached")

    monkeypatch.setattr(core, "extract_item", guarded)
    line, _ = process({"id": "g", "text": ARTICLE_A, "source": "g"}, timeout=0.3)
    assert json.loads(line)["error"]["type"] == "Timeout"


def test_workers_survive_crashes_and_timeouts_in_order(monkeypatch):
    real = core.extract_item

    def flaky(item, ner):
        if "SEGFAULT" in item["text"]:
            os.kill(os.getpid(), signal.SIGKILL)  # what a crash in C code looks like from outside
        if "VÒNG LẶP" in item["text"]:
            while True:
                pass
        return real(item, ner)

    monkeypatch.setattr(core, "extract_item", flaky)  # inherited by the forked workers
    items = []
    for i in range(14):
        text = generated_article(i)
        if i == 4:
            text += "SEGFAULT"
        if i == 9:
            text += "VÒNG LẶP"
        items.append({"id": f"a{i:02d}", "text": text, "source": f"gen:{i}"})
    items.insert(6, {"id": None, "source": "gen:bad", "error": {"type": "InvalidJSONLine", "message": "cut"}})
    out = []
    run_parallel(items, lambda line, stats: out.append((json.loads(line), stats)), workers=2,
                 opts={"ner": True, "timeout": 1.0, "max_chars": 100_000}, maxtasks=3)
    recs = [r for r, _ in out]
    assert [r["source"] for r in recs] == [it["source"] for it in items]  # one row each, in input order
    by = {r["source"]: r for r in recs}
    assert by["gen:4"]["error"]["type"] == "WorkerCrashed" and "signal 9" in by["gen:4"]["error"]["message"]
    assert by["gen:9"]["error"]["type"] == "Timeout"
    assert by["gen:bad"]["error"]["type"] == "InvalidJSONLine"
    ok = [r for r in recs if "error" not in r]
    assert len(ok) == 12
    assert by["gen:5"]["targets"][0]["numerator"] == 15.0 and by["gen:5"]["targets"][0]["denominator"] == 18.0
    assert [s for _, s in out if not s[0]] == [(False, 0, 0, 0, "WorkerCrashed"), (False, 0, 0, 0, "InvalidJSONLine"),
                                               (False, 0, 0, 0, "Timeout")]


def make_inputs(d: Path) -> None:
    """A folder of mixed inputs: .txt files, a JSONL dump with a bad line, a truncated .jsonl.gz,
    an HTML page and one without a body, a WARC."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "io"))
    from test_readers import PAGE_A, build_warc  # the same pages and WARC builder

    d.mkdir()
    (d / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (d / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    lines = [json.dumps({"id": f"j{i}", "text": generated_article(i)}, ensure_ascii=False) for i in range(5)]
    lines[2] = '{"id": "j2", "text": "Xã An Thạnh'
    (d / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = gzip.compress(("\n".join(json.dumps({"id": f"z{i}", "text": generated_article(i)}, ensure_ascii=False)
                                     for i in range(40)) + "\n").encode("utf-8"))
    (d / "d.jsonl.gz").write_bytes(data[: len(data) // 2])
    (d / "e.html").write_text(PAGE_A, encoding="utf-8")
    (d / "f.html").write_text("<html><head><title>Lỗi 404</title></head><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    build_warc(d / "g.warc.gz", [("https://binhkhanh.vn/tin/1.html", PAGE_A)], gz=True)


def test_cli_extract_mixed_folder(tmp_path, capsys):
    make_inputs(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    code = cli.main(["extract", str(tmp_path / "in"), "-o", str(out), "--workers", "2", "--no-progress"])
    assert code == 1  # some inputs failed: their error rows are written
    recs = read_lines(out)
    srcs = [r["source"] for r in recs]
    assert len(srcs) == len(set(srcs))
    d = tmp_path / "in"
    assert srcs[:2] == [str(d / "a.txt"), str(d / "b.txt")]
    assert srcs[2:7] == [f"{d / 'c.jsonl'}:{i}" for i in range(1, 6)]
    errors = {r["source"]: r["error"]["type"] for r in recs if "error" in r}
    assert errors[f"{d / 'c.jsonl'}:3"] == "InvalidJSONLine"
    assert errors[str(d / "f.html")] == "NoText"
    assert list(v for k, v in errors.items() if "d.jsonl.gz" in k) == ["TruncatedFile"]
    html = next(r for r in recs if r["source"] == str(d / "e.html"))
    assert html["author"] == "Bảo Toàn" and html["published"] == "2023-12-21"
    warc = [r for r in recs if "g.warc.gz@" in r["source"]]
    assert len(warc) == 1 and warc[0]["url"] == "https://binhkhanh.vn/tin/1.html"
    err = capsys.readouterr().err
    assert "errors" in err and str(out) in err
    # run again: everything is there already, nothing is added
    assert cli.main(["extract", str(d), "-o", str(out), "--workers", "2", "--no-progress"]) == 0
    assert len(read_lines(out)) == len(recs)


@pytest.mark.parametrize("ext", ["parquet", "duckdb"])
def test_run_paths_tables_and_resume(tmp_path, ext):
    from extractor.io.writers import read_tables

    src = tmp_path / "dump.jsonl"
    src.write_text("".join(json.dumps({"id": f"g{i:03d}", "text": generated_article(i)}, ensure_ascii=False) + "\n"
                           for i in range(12)), encoding="utf-8")
    out = tmp_path / f"ket-qua.{ext}"
    s = run_paths(args_for([src], out))
    assert (s.articles, s.errors, s.format) == (12, 0, ext)
    s2 = run_paths(args_for([src], out))
    assert (s2.articles, s2.skipped) == (0, 12)
    t = read_tables(str(out))
    assert sorted(t["articles"]["article_id"]) == [f"g{i:03d}" for i in range(12)]
    g7 = t["officials"][t["officials"]["article_id"] == "g007"]
    assert set(g7["name"]) == {"Bùi Thị Sơn", "Lê Hữu Dũng"}
    assert set(t["targets"][t["targets"]["article_id"] == "g007"]["numerator"]) == {17.0}


def test_in_process_mode_matches_workers(tmp_path):
    src = tmp_path / "dump.jsonl"
    src.write_text("".join(json.dumps({"id": f"g{i}", "text": generated_article(i)}, ensure_ascii=False) + "\n"
                           for i in range(6)), encoding="utf-8")
    run_paths(args_for([src], tmp_path / "w0.jsonl", workers=0))
    run_paths(args_for([src], tmp_path / "w2.jsonl", workers=2))
    assert (tmp_path / "w0.jsonl").read_text(encoding="utf-8") == (tmp_path / "w2.jsonl").read_text(encoding="utf-8")


def test_kill_and_resume_real_run(tmp_path):
    n = 500
    src = tmp_path / "crawl.jsonl"
    src.write_text("".join(json.dumps({"id": f"tin-{i:04d}", "url": f"https://mocaynam.bentre.gov.vn/tin/{i}",
                                       "text": generated_article(i)}, ensure_ascii=False) + "\n" for i in range(n)),
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "extractor", "extract", str(src), "-o", str(out), "--workers", "2", "--no-progress"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if out.exists() and out.read_bytes().count(b"\n") >= 40:
                break
            if proc.poll() is not None:
                pytest.fail(f"the run ended before it could be killed: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.05)
        else:
            pytest.fail("no output within 240 s")
        proc.send_signal(signal.SIGKILL)  # the runner only: its workers must notice and leave
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()
    written = out.read_bytes().count(b"\n")
    assert 40 <= written < n, "the kill must land mid-run"
    time.sleep(0.5)
    res = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "inputs already in the output skipped" in res.stderr
    raw = out.read_text(encoding="utf-8")
    assert raw.endswith("\n")
    recs = [json.loads(x) for x in raw.splitlines()]
    ids = [r["id"] for r in recs]
    assert sorted(ids) == [f"tin-{i:04d}" for i in range(n)]  # every input exactly once
    assert len(set(ids)) == n and not any("error" in r for r in recs)
    assert all(r["source"] == f"{src}:{int(r['id'][4:]) + 1}" for r in recs)
    # orphans of the killed run are gone
    try:
        os.killpg(proc.pid, 0)
        alive = True
    except ProcessLookupError:
        alive = False
    if alive:
        time.sleep(3)
        try:
            os.killpg(proc.pid, 0)
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail("workers of the killed run were still running")
        except ProcessLookupError:
            pass


def test_resume_when_inputs_changed(tmp_path):
    d = tmp_path / "tin"
    d.mkdir()
    for name, i in (("a", 1), ("c", 3)):
        (d / f"{name}.txt").write_text(generated_article(i), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_paths(args_for([d], out, workers=0)).articles == 2
    (d / "b.txt").write_text(generated_article(2), encoding="utf-8")  # sorts between the two done ones
    (d / "d.txt").write_text(generated_article(4), encoding="utf-8")
    s = run_paths(args_for([d], out, workers=0))
    assert (s.articles, s.skipped) == (2, 2)
    assert [r["id"] for r in read_lines(out)] == ["a", "c", "b", "d"]


def test_byte_progress_moves_as_rows_are_written_and_counts_skipped_inputs_done():
    from collections import Counter

    from extractor.io.readers import NBYTES

    items = [{"id": f"i{k}", "key": f"k{k}", NBYTES: n} for k, n in enumerate((100, 50, 30, 20))]
    progress = batch.ByteProgress()
    summary = batch.Summary()
    todo = progress.queued(batch.skip_done(progress.seen(iter(items)), Counter({"k1": 1}), summary))
    first = next(todo)  # i0 read and pending, nothing else read yet
    assert first["id"] == "i0" and NBYTES not in first  # the workers never see it
    assert (progress.read, progress.pending_bytes) == (100, 100)
    assert progress.written() == 100  # i0 written
    rest = list(todo)  # i1 read and skipped (its bytes done at once), i2 and i3 read, pending
    assert [i["id"] for i in rest] == ["i2", "i3"] and summary.skipped == 1
    assert (progress.read, progress.pending_bytes) == (200, 50)
    assert progress.written() == 180 and progress.written() == 200
