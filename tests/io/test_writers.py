"""Writers and tables: JSONL, Parquet folder and DuckDB file, the tidy tables joining on
article_id and resuming after a kill."""
from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

import extractor
from extractor.io.tables import RECORD_SCHEMA, SCHEMAS, to_frames
from extractor.io.writers import JsonlWriter, ParquetWriter, open_writer, output_format, read_tables, release_lock

ARTICLE_A = """Xã Bình Khánh tổng kết công tác năm 2023

Sáng ngày 20/12/2023, Đảng ủy xã Bình Khánh, huyện Mỏ Cày Nam tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2023. Dự hội nghị có đồng chí Nguyễn Văn Bé Tư, Phó Chủ tịch HĐND huyện Mỏ Cày Nam. Đồng chí Trần Văn Hùng, Bí thư Đảng ủy xã chủ trì hội nghị.

Năm 2023, xã thực hiện đạt 17/18 chỉ tiêu nghị quyết, đạt 94,4%. Tỉ lệ người dân tham gia bảo hiểm y tế đạt 95,1%. Thu nhập bình quân đạt 60 triệu đồng/người/năm.
"""

ARTICLE_B = """Phường 3 sơ kết 6 tháng đầu năm 2024

Chiều ngày 05/7/2024, Đảng ủy Phường 3, thành phố Bến Tre tổ chức hội nghị sơ kết công tác 6 tháng đầu năm 2024. Bà Lê Thị Mỹ Hạnh, Phó Bí thư Thường trực Đảng ủy phường báo cáo kết quả. Phường đã vận động xây dựng 12/10 căn nhà tình thương, vượt kế hoạch. Tỉ lệ hộ nghèo giảm từ 2,1% xuống còn 1,4%.
"""

ARTICLE_C = """Huyện Thạnh Phú tổng kết phong trào thi đua năm 2022

Ngày 28/12/2022, UBND huyện Thạnh Phú tổ chức hội nghị tổng kết phong trào thi đua yêu nước năm 2022. Ông Phan Vũ Hùng, Ủy viên Ban Thường vụ Huyện ủy, Chủ tịch UBND huyện chủ trì hội nghị. Năm 2022, huyện đạt 20/21 chỉ tiêu, có 6 chỉ tiêu vượt kế hoạch.
"""


@pytest.fixture(scope="module")
def arts():
    return [extractor.extract(ARTICLE_A, id="bk-2023"), extractor.extract(ARTICLE_B, id="p3-2024"),
            extractor.extract(ARTICLE_C, id="tp-2022")]


def lines_of(arts):
    out = []
    for i, a in enumerate(arts):
        d = a.model_dump(mode="json")
        d["source"] = f"crawl.jsonl:{i + 1}"
        out.append(json.dumps(d, ensure_ascii=False))
    out.append(json.dumps({"id": None, "error": {"type": "InvalidJSONLine", "message": "crawl.jsonl line 4 (byte 9,120): "
                                                 "Expecting value"}, "source": "crawl.jsonl:4"}, ensure_ascii=False))
    return out


def test_output_format_by_name_and_flag(tmp_path):
    assert output_format(str(tmp_path / "ket-qua.jsonl")) == "jsonl"
    assert output_format(str(tmp_path / "ket-qua.parquet")) == "parquet"
    assert output_format(str(tmp_path / "ket-qua.duckdb")) == "duckdb"
    assert output_format(str(tmp_path)) == "parquet"  # an existing folder
    assert output_format(str(tmp_path / "x.jsonl"), "duckdb") == "duckdb"
    with pytest.raises(ValueError):
        output_format("x", "csv")


def test_to_frames_tidy_tables(arts):
    fr = extractor.to_frames(arts)
    assert set(fr) == {"articles", "meetings", "officials", "targets", "percentages", "quantities", "errors"}
    assert list(fr["articles"]["article_id"]) == ["bk-2023", "p3-2024", "tp-2022"]
    off = fr["officials"]
    hung = off[off["name"] == "Phan Vũ Hùng"]
    # one row per person and role
    assert list(hung["title"]) == ["Ủy viên Ban Thường vụ", "Chủ tịch"]
    assert list(hung["level"]) == ["huyện", "huyện"] and list(hung["role"]) == [0, 1]
    tu = off[off["name"] == "Nguyễn Văn Bé Tư"].iloc[0]
    assert (tu["title"], tu["level"], tu["place"]) == ("Phó Chủ tịch", "huyện", "Mỏ Cày Nam")
    tg = fr["targets"].set_index("article_id")
    assert (tg.loc["bk-2023", "numerator"], tg.loc["bk-2023", "denominator"]) == (17.0, 18.0)
    assert tg.loc["p3-2024", "status"] == "exceeded"
    pc = fr["percentages"]
    poor = pc[(pc["article_id"] == "p3-2024")].iloc[0]
    assert (poor["value"], poor["previous"]) == (1.4, 2.1)
    joined = off.merge(fr["articles"], on="article_id")
    assert set(joined[joined["name"] == "Lê Thị Mỹ Hạnh"]["district"]) == {"Bến Tre"}
    assert fr["meetings"].set_index("article_id").loc["p3-2024", "kind"] == "hội nghị sơ kết"
    assert fr["meetings"].set_index("article_id").loc["p3-2024", "date"] == pd.Timestamp("2024-07-05")
    assert len(fr["errors"]) == 0


def test_frames_are_typed_for_analysis_and_join_without_ambiguity(arts):
    fr = extractor.to_frames(arts)
    for t in ("meetings", "officials", "targets", "percentages", "quantities"):
        cols = set(fr[t].columns)
        assert not cols & {"start", "end", "text"}, t  # `end` is reserved in SQL; `text` is the article's
        assert {"span_start", "span_end", "span_text"} <= cols, t
    assert str(fr["articles"]["published"].dtype).startswith("datetime64")
    assert str(fr["meetings"]["period_start"].dtype).startswith("datetime64")
    assert str(fr["officials"]["role"].dtype) == "Int64"  # a person with no role: <NA>, not a float
    assert all(isinstance(v, list) for v in fr["officials"]["participation"])
    pc = fr["percentages"].merge(fr["articles"], on="article_id")  # no "ambiguous column"
    row = pc[pc["article_id"] == "p3-2024"].iloc[0]
    assert row["span_text"] == "1,4%" and row["text"].startswith("Phường 3")


def test_to_frames_empty_has_columns():
    fr = to_frames([])
    for t, schema in SCHEMAS.items():
        assert list(fr[t].columns) == schema.names and len(fr[t]) == 0


def test_jsonl_resume_drops_a_cut_last_line(tmp_path, arts):
    out = tmp_path / "out.jsonl"
    lines = lines_of(arts)
    with JsonlWriter(str(out)) as w:
        for line in lines[:2]:
            w.write(line)
    with out.open("a", encoding="utf-8") as f:
        f.write(lines[2][: len(lines[2]) // 2])  # a kill in the middle of a line
    w = JsonlWriter(str(out))
    assert w.done() == {"crawl.jsonl:1": 1, "crawl.jsonl:2": 1}
    assert out.read_text(encoding="utf-8") == lines[0] + "\n" + lines[1] + "\n"
    for line in lines[2:]:
        w.write(line)
    w.close()
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [g["source"] for g in got] == ["crawl.jsonl:1", "crawl.jsonl:2", "crawl.jsonl:3", "crawl.jsonl:4"]
    assert got[3]["error"]["type"] == "InvalidJSONLine"


def test_parquet_folder_tables_and_resume(tmp_path, arts):
    out = tmp_path / "ket-qua.parquet"
    lines = lines_of(arts)
    w = open_writer(str(out), rows_per_part=2)
    assert isinstance(w, ParquetWriter)
    for line in lines[:3]:
        w.write(line)
    w.flush(force=True)
    # a kill now (which frees the lock): a part written but not committed, in place (older
    # versions) and staged, and a manifest line cut short
    release_lock(w._lock)
    (out / "articles" / "part-00009.parquet").write_bytes(b"PAR1 cut")
    (out / "_staging" / "part-00002").mkdir(parents=True)
    (out / "_staging" / "part-00002" / "records.parquet").write_bytes(b"PAR1 cut")
    with (out / "_manifest.jsonl").open("a") as f:
        f.write('{"part": "part-000')
    w2 = ParquetWriter(str(out), rows_per_part=2)
    assert w2.done() == {"crawl.jsonl:1": 1, "crawl.jsonl:2": 1, "crawl.jsonl:3": 1}
    assert not (out / "articles" / "part-00009.parquet").exists() and not (out / "_staging" / "part-00002").exists()
    w2.write(lines[3])
    w2.close()
    assert [json.loads(x)["part"] for x in (out / "_manifest.jsonl").read_text().splitlines()] == \
        ["part-00000", "part-00001", "part-00002"]
    t = read_tables(str(out))
    assert sorted(t["records"]["id"]) == ["bk-2023", "p3-2024", "tp-2022"]
    assert list(t["errors"]["source"]) == ["crawl.jsonl:4"] and list(t["errors"]["type"]) == ["InvalidJSONLine"]
    rec = t["records"].set_index("id").loc["tp-2022"]
    assert rec["officials"][0]["name"] == "Phan Vũ Hùng"
    assert [r["title"] for r in rec["officials"][0]["roles"]] == ["Ủy viên Ban Thường vụ", "Chủ tịch"]
    # each table folder reads as one table with pandas and DuckDB
    off = pd.read_parquet(out / "officials")
    assert set(off["article_id"]) == {"bk-2023", "p3-2024", "tp-2022"}
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/targets/*.parquet') WHERE status = 'exceeded'").fetchall()[0][0]
    assert n == 1


def test_duckdb_file_tables_sql_and_resume(tmp_path, arts):
    out = tmp_path / "ket-qua.duckdb"
    lines = lines_of(arts)
    w = open_writer(str(out))
    for line in lines[:2]:
        w.write(line)
    w.close()
    w = open_writer(str(out))
    assert w.done() == {"crawl.jsonl:1": 1, "crawl.jsonl:2": 1}
    for line in lines[2:]:
        w.write(line)
    w.close()
    con = duckdb.connect(str(out), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert tables >= {"records", "articles", "meetings", "officials", "targets", "percentages", "quantities", "errors"}
        rows = con.execute("""
            SELECT o.name, o.title, a.district FROM officials o JOIN articles a USING (article_id)
            WHERE o.level = 'huyện' ORDER BY o.name, o.role""").fetchall()
        assert ("Phan Vũ Hùng", "Chủ tịch", "Thạnh Phú") in rows
        assert ("Nguyễn Văn Bé Tư", "Phó Chủ tịch", "Mỏ Cày Nam") in rows
        assert con.execute("SELECT count(*) FROM records").fetchone()[0] == 3
        assert con.execute("SELECT officials[1].name FROM records WHERE id = 'p3-2024'").fetchone()[0] == "Lê Thị Mỹ Hạnh"
        assert con.execute("SELECT type FROM errors").fetchall() == [("InvalidJSONLine",)]
    finally:
        con.close()


def test_record_schema_covers_the_model():
    from extractor.records import Article

    assert RECORD_SCHEMA.names == list(Article.model_fields) + ["source"]


def test_every_path_gives_the_same_types(arts, tmp_path):
    """to_frames, a Parquet run read back and a DuckDB run read back agree on types and values."""
    lines = lines_of(arts)
    paths = {}
    for fmt in ("parquet", "duckdb"):
        out = tmp_path / f"run.{fmt}"
        with open_writer(str(out), fmt) as w:
            for line in lines:
                w.write(line)
        paths[fmt] = read_tables(str(out), fmt)
    mem = to_frames([json.loads(x) for x in lines])
    for got in paths.values():
        for t in ("articles", "officials", "meetings", "percentages"):
            assert dict(got[t].dtypes.astype(str)) == dict(mem[t].dtypes.astype(str)), t
        assert list(got["officials"]["participation"]) == list(mem["officials"]["participation"])
        codes = got["articles"].set_index("article_id")["location_codes"]
        assert codes.map(type).eq(dict).all() or codes.isna().all()
        assert list(codes) == list(mem["articles"].set_index("article_id")["location_codes"])
