"""The batch on a two-worker Dask LocalCluster gives the same records as the local run, writes
partitioned Parquet, and skips finished partitions when run again."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from extractor.batch import dask as dask_engine  # noqa: E402
from extractor.batch import core
from extractor.batch import pool as batch
from extractor.io.readers import iter_items  # noqa: E402
from extractor.io.writers import read_manifest, read_tables  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

COMMUNES = ["Bình Khánh", "An Thạnh", "Tân Hội", "Phước Hiệp"]
PEOPLE = ["Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Hữu Phước", "Phạm Minh Tâm", "Võ Thanh Dũng", "Huỳnh Thị Hạnh"]


def article(i: int) -> str:
    commune, chair, deputy = COMMUNES[i % 4], PEOPLE[i % 6], PEOPLE[(i + 2) % 6]
    return (f"Xã {commune} sơ kết 6 tháng đầu năm 2024\n\n"
            f"Sáng ngày {10 + i:02d}/7/2024, Đảng ủy xã {commune}, huyện Mỏ Cày Nam tổ chức hội nghị sơ kết công tác "
            f"6 tháng đầu năm 2024. Đồng chí {chair}, Bí thư Đảng ủy xã chủ trì hội nghị. Dự hội nghị có đồng chí "
            f"{deputy}, Phó Chủ tịch UBND huyện Mỏ Cày Nam.\n\n"
            f"Sáu tháng đầu năm, xã đạt {8 + i}/{15} chỉ tiêu. Tỉ lệ hộ nghèo giảm từ 3,{i}% xuống còn 2,{i}%.\n")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    d = tmp_path_factory.mktemp("dask-in")
    txt = d / "tin"
    txt.mkdir()
    for f in sorted((ROOT / "corpus").glob("*.txt"))[:12]:
        shutil.copy(f, txt / f.name)
    dump = d / "crawl.jsonl"
    dump.write_text("".join(json.dumps({"id": f"mcn-{i:02d}", "url": f"https://mocaynam.bentre.gov.vn/tin/{i}",
                                        "text": article(i)}, ensure_ascii=False) + "\n" for i in range(8)),
                    encoding="utf-8")
    return [str(txt), str(dump)]


@pytest.fixture(scope="module")
def local_lines(inputs) -> list[str]:
    return [batch.process(item)[0] for item in iter_items(inputs, decode=False)]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None)
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


def facts(recs: list[dict]):
    ids = sorted(r["id"] for r in recs)
    officials = sorted((r["id"], o["name"], tuple(x["title"] for x in o["roles"])) for r in recs for o in r["officials"])
    targets = sorted((r["id"], t["numerator"], t["denominator"], t["subject"]) for r in recs for t in r["targets"])
    return ids, officials, targets


def test_partitions_plan(inputs):
    specs = list(dask_engine.plan_partitions(inputs, size=5))
    assert [s["kind"] for s in specs] == ["files", "files", "files", "jsonl", "jsonl"]
    assert [len(s["files"]) for s in specs[:3]] == [5, 5, 2]
    assert [(s["line"]) for s in specs[3:]] == [1, 6]
    items = [i for s in specs for i in dask_engine.iter_partition(s)]
    assert [i["source"] for i in items] == [i["source"] for i in iter_items(inputs, decode=False)]
    assert len({dask_engine.partition_key(s) for s in specs}) == len(specs)


def test_dask_parquet_same_records_as_local(inputs, local_lines, client, tmp_path):
    out = tmp_path / "ket-qua.parquet"
    s = dask_engine.run(client, inputs, str(out), partition_size=5)
    assert (s.articles, s.errors) == (20, 0)
    assert sorted(p.name for p in (out / "officials").glob("*.parquet")) == [f"part-p{i:05d}.parquet" for i in range(5)]
    t = read_tables(str(out))
    recs = [dict(r) for r in t["records"].to_dict("records")]
    for r in recs:
        r["officials"] = [dict(o, roles=list(o["roles"])) for o in r["officials"]]
        r["targets"] = list(r["targets"])
    local = [json.loads(x) for x in local_lines]
    assert facts(recs) == facts(local)
    assert sorted(r["source"] for r in recs) == sorted(r["source"] for r in local)
    mcn3 = t["officials"][t["officials"]["article_id"] == "mcn-03"]
    assert set(mcn3["name"]) == {"Phạm Minh Tâm", "Huỳnh Thị Hạnh"}
    # again: every partition is committed, nothing is redone
    s2 = dask_engine.run(client, inputs, str(out), partition_size=5)
    assert (s2.articles, s2.skipped) == (0, 20)
    assert len(read_manifest(out)) == 5


def test_dask_jsonl_output_in_input_order(inputs, local_lines, client, tmp_path):
    out = tmp_path / "out.jsonl"
    s = dask_engine.run(client, inputs, str(out), partition_size=7)
    assert s.articles == 20
    assert out.read_text(encoding="utf-8").splitlines() == local_lines


SLOW_ON_WORKERS = """
from extractor.batch import core
if not hasattr(core, "_real_extract_item"):
    core._real_extract_item = core.extract_item
def _slow(item, ner, _real=core._real_extract_item):
    if "VÒNG LẶP" in item["text"]:
        while True:
            sum(range(1000))
    return _real(item, ner)
core.extract_item = _slow
"""


def test_dask_per_article_time_limit(client, tmp_path):
    """An article stuck in a task thread gets its Timeout row; the partition goes on."""
    dump = tmp_path / "crawl.jsonl"
    texts = [article(0), article(1) + "VÒNG LẶP", article(2)]
    dump.write_text("".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    client.run(exec, SLOW_ON_WORKERS)  # exec: a builtin, sent by reference
    try:
        s = dask_engine.run(client, [str(dump)], str(tmp_path / "out.jsonl"), partition_size=10, timeout=1.0)
    finally:
        client.run(exec, "from extractor.batch import core\ncore.extract_item = core._real_extract_item")
    recs = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["d0", "d1", "d2"]
    assert recs[1]["error"]["type"] == "Timeout" and "error" not in recs[0] and "error" not in recs[2]
    assert (s.articles, s.errors) == (2, 1)


def test_dask_parquet_resume_refused_when_inputs_changed(client, tmp_path):
    dump = tmp_path / "crawl.jsonl"
    dump.write_text("".join(json.dumps({"id": f"c{i}", "text": article(i)}, ensure_ascii=False) + "\n"
                            for i in range(3)), encoding="utf-8")
    out = tmp_path / "out.parquet"
    assert dask_engine.run(client, [str(dump)], str(out), partition_size=2).articles == 3
    assert dask_engine.run(client, [str(tmp_path / "." / "crawl.jsonl")], str(out), partition_size=2).skipped == 3
    with dump.open("a", encoding="utf-8") as f:  # the dump grew: its partitions are not those committed
        f.write(json.dumps({"id": "c3", "text": article(3)}, ensure_ascii=False) + "\n")
    with pytest.raises(batch.UsageError, match="inputs changed"):
        dask_engine.run(client, [str(dump)], str(out), partition_size=2)
    assert sorted(read_tables(str(out))["records"]["id"]) == ["c0", "c1", "c2"]  # nothing doubled


def test_dask_counts_the_warc_records_it_passes_over(client, tmp_path):
    import sys
    sys.path.insert(0, str(Path(__file__).parents[1] / "io"))
    from test_readers import PAGE_A, PAGE_B, build_warc  # the same pages and WARC builder

    warc = tmp_path / "crawl.warc.gz"
    build_warc(warc, [("https://mocaynam.bentre.gov.vn/tin/1.html", PAGE_A),
                      ("https://mocaynam.bentre.gov.vn/tin/2.html", PAGE_B)], gz=True)
    want = {"WARC request record": 2, "WARC non-HTML response": 2, "WARC response not 2xx": 2}
    for out in ("o.jsonl", "o.parquet"):
        s = dask_engine.run(client, [str(warc)], str(tmp_path / out), ner=False)
        assert (s.articles, s.errors) == (2, 0) and s.passed_over == want, out
