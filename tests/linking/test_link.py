"""Linking officials across articles: people, careers (tenures) and indicator panels.

The inputs are invented records in the shapes the extractor writes (locations from the
gazetteer, roles as the pipeline canonicalises them); one test goes from texts through
``vnextract extract --format parquet`` and ``vnextract link`` to DuckDB queries.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.io.tables import to_arrow
from extractor.linking import link, link_tables
from extractor.linking.match import compatible_names
from extractor.linking.metrics import link_scores
from extractor.recognise.places import locate

_LOC: dict[str, dict] = {}


def loc(where: str) -> dict:
    if where not in _LOC:
        _LOC[where] = locate(where).model_dump(mode="json")
    return _LOC[where]


def role(title, body, level, place=None, org=None):
    return {"title": title, "body": body, "level": level, "place": place, "organization": org,
            "text": f"{title} {org or body}"}


def official(name, *roles):
    return {"name": name, "honorific": "ông", "roles": list(roles), "participation": [], "mentions": []}


def article(aid, where, published, officials, meetings=(), **figures):
    return {"id": aid, "url": f"https://baomau.vn/{aid}.html", "title": None, "published": published,
            "author": None, "text": "", "location": loc(where), "meetings": list(meetings),
            "officials": list(officials), "targets": figures.get("targets", []),
            "percentages": figures.get("percentages", []), "quantities": figures.get("quantities", []),
            "warnings": []}


def run(records):
    tables = {t: tab.to_pandas() for t, tab in to_arrow(records).items()}
    return link_tables(tables)


def pid(out, aid, name):
    m = out["mentions"]
    rows = m[(m.article_id == aid) & (m.name == name)]
    assert len(rows) == 1, (aid, name, rows)
    return rows.person_id.iloc[0]


BINH_KHANH = "xã Bình Khánh, huyện Mỏ Cày Nam, tỉnh Bến Tre"
BA_TRI = "huyện Ba Tri, tỉnh Bến Tre"
AN_NINH = "xã An Ninh, huyện Châu Thành, tỉnh Sóc Trăng"


def test_one_person_across_years_spellings_and_promotion():
    recs = [
        article("a1", BINH_KHANH, "2017-12-20", [
            official("Phạm Văn Hoà", role("Phó Chủ tịch", "Ủy ban nhân dân", "xã", "Bình Khánh")),
            official("Lê Thị Kim Thuỷ", role("Bí thư", "Đảng ủy", "xã", "Bình Khánh"))]),
        article("a2", BINH_KHANH, "2019-06-30", [
            official("Phạm Văn Hòa", role("Chủ tịch", "Ủy ban nhân dân", "xã", "Bình Khánh")),
            official("Lê Thị Kim Thủy", role("Bí thư", "Đảng ủy", "xã", "Bình Khánh"))]),
        article("a3", "huyện Mỏ Cày Nam, tỉnh Bến Tre", "2022-01-05", [
            official("PHẠM VĂN HÒA".title(), role("Phó Chủ tịch", "Ủy ban nhân dân", "huyện", "Mỏ Cày Nam"))]),
    ]
    out = run(recs)
    assert pid(out, "a1", "Phạm Văn Hoà") == pid(out, "a2", "Phạm Văn Hòa") == pid(out, "a3", "Phạm Văn Hòa")
    assert pid(out, "a1", "Lê Thị Kim Thuỷ") == pid(out, "a2", "Lê Thị Kim Thủy")
    people = out["people"].set_index("person_id")
    hoa = people.loc[pid(out, "a1", "Phạm Văn Hoà")]
    assert hoa.n_articles == 3 and sorted(hoa.variants) == ["Phạm Văn Hoà", "Phạm Văn Hòa"]
    assert str(hoa.first_seen) == "2017-12-20" and str(hoa.last_seen) == "2022-01-05"
    assert list(hoa.places) == ["Bến Tre"]
    career = out["tenures"][out["tenures"].person_id == pid(out, "a1", "Phạm Văn Hoà")]
    assert [(t, lv, u) for t, lv, u in zip(career.title, career.level, career.unit_code)] == [
        ("Phó Chủ tịch", "xã", "28945"), ("Chủ tịch", "xã", "28945"), ("Phó Chủ tịch", "huyện", "833")]
    assert list(career.article_ids.iloc[0]) == ["a1"]


def test_namesakes_in_two_provinces_with_nothing_shared_are_two_people():
    recs = [
        article("b1", BA_TRI, "2020-05-04", [
            official("Nguyễn Văn Hùng", role("Chủ tịch", "Hội Nông dân", "huyện", "Ba Tri"))]),
        article("b2", AN_NINH, "2021-05-04", [
            official("Nguyễn Văn Hùng", role("Chủ tịch", "Hội Nông dân", "xã", "An Ninh"))]),
    ]
    recs += [  # one lane (a provincial department's deputy head), two provinces merged in 2025
        article("b3", BA_TRI, "2020-06-04", [
            official("Trịnh Thị Ngọc Hà", role("Phó Giám đốc", "Sở Y tế", "tỉnh", "Bến Tre"))]),
        article("b4", "huyện Cầu Kè, tỉnh Trà Vinh", "2022-06-04", [
            official("Trịnh Thị Ngọc Hà", role("Phó Giám đốc", "Sở Y tế", "tỉnh", "Trà Vinh"))])]
    out = run(recs)
    assert pid(out, "b1", "Nguyễn Văn Hùng") != pid(out, "b2", "Nguyễn Văn Hùng")
    assert pid(out, "b3", "Trịnh Thị Ngọc Hà") != pid(out, "b4", "Trịnh Thị Ngọc Hà")
    assert len(out["people"]) == 4


def test_two_provinces_linked_by_a_shared_colleague():
    recs = [
        article("c1", BA_TRI, "2020-05-04", [
            official("Đặng Minh Quân", role("Giám đốc", "Sở Nông nghiệp và Phát triển nông thôn", "tỉnh", "Bến Tre")),
            official("Võ Thành Hạo", role("Phó Thủ tướng", None, "trung ương"))]),
        article("c2", AN_NINH, "2023-05-04", [
            official("Đặng Minh Quân", role("Thứ trưởng", "Bộ Nông nghiệp và Phát triển nông thôn", "trung ương")),
            official("Võ Thành Hạo", role("Phó Thủ tướng", None, "trung ương"))]),
    ]
    out = run(recs)
    assert pid(out, "c1", "Đặng Minh Quân") == pid(out, "c2", "Đặng Minh Quân")
    assert pid(out, "c1", "Võ Thành Hạo") == pid(out, "c2", "Võ Thành Hạo")


def test_two_officials_of_one_article_are_never_one_person():
    recs = [
        article("d1", BINH_KHANH, "2019-03-01", [
            official("Trần Văn Tư", role("Bí thư", "Chi bộ", "xã", "Bình Khánh")),
            official("Trần Văn Tư", role("Trưởng ấp", None, "xã", "Bình Khánh"))]),
        article("d2", BINH_KHANH, "2019-09-01", [
            official("Trần Văn Tư", role("Bí thư", "Chi bộ", "xã", "Bình Khánh"))]),
    ]
    out = run(recs)
    m = out["mentions"]
    assert m[m.article_id == "d1"].person_id.nunique() == 2
    assert pid(out, "d2", "Trần Văn Tư") in set(m[m.article_id == "d1"].person_id)


def test_middle_name_variants_and_names_that_cannot_be_one():
    recs = [
        article("e1", BINH_KHANH, "2018-01-01", [
            official("Trần Thị Mỹ Hạnh", role("Chủ tịch", "Hội Liên hiệp Phụ nữ", "xã", "Bình Khánh")),
            official("Nguyễn Văn An", role("Phó Chủ tịch", "Ủy ban nhân dân", "xã", "Bình Khánh"))]),
        article("e2", BINH_KHANH, "2019-01-01", [
            official("Trần Mỹ Hạnh", role("Chủ tịch", "Hội Liên hiệp Phụ nữ", "xã", "Bình Khánh")),
            official("Nguyễn An", role("Phó Chủ tịch", "Ủy ban nhân dân", "xã", "Bình Khánh"))]),
        article("e3", BINH_KHANH, "2020-01-01", [
            official("Nguyễn Thị An", role("Phó Chủ tịch", "Ủy ban nhân dân", "xã", "Bình Khánh"))]),
    ]
    out = run(recs)
    assert pid(out, "e1", "Trần Thị Mỹ Hạnh") == pid(out, "e2", "Trần Mỹ Hạnh")
    assert pid(out, "e1", "Nguyễn Văn An") != pid(out, "e3", "Nguyễn Thị An")
    assert pid(out, "e2", "Nguyễn An") in {pid(out, "e1", "Nguyễn Văn An"), pid(out, "e3", "Nguyễn Thị An")}
    assert compatible_names("nguyễn văn an", "nguyễn an") and not compatible_names("nguyễn văn an", "nguyễn hữu an")


def test_same_province_other_district_needs_the_same_lane():
    recs = [
        # a district vice-chairman moved to chair another district: one person
        article("f1", "huyện Mỏ Cày Nam, tỉnh Bến Tre", "2017-07-01", [
            official("Huỳnh Quốc Việt", role("Phó Chủ tịch", "Ủy ban nhân dân", "huyện", "Mỏ Cày Nam"))]),
        article("f2", BA_TRI, "2020-07-01", [
            official("Huỳnh Quốc Việt", role("Chủ tịch", "Ủy ban nhân dân", "huyện", "Ba Tri"))]),
        # a commune secretary in one district, a district union chairman in another: two people
        article("f3", BINH_KHANH, "2018-03-01", [
            official("Lê Văn Bảy", role("Bí thư", "Đảng ủy", "xã", "Bình Khánh"))]),
        article("f4", BA_TRI, "2020-03-01", [
            official("Lê Văn Bảy", role("Chủ tịch", "Hội Cựu chiến binh", "huyện", "Ba Tri"),
                     role("Huyện ủy viên", "Huyện ủy", "huyện", "Ba Tri"))]),
    ]
    out = run(recs)
    assert pid(out, "f1", "Huỳnh Quốc Việt") == pid(out, "f2", "Huỳnh Quốc Việt")
    assert pid(out, "f3", "Lê Văn Bảy") != pid(out, "f4", "Lê Văn Bảy")


def test_two_seats_in_one_year_are_two_people():
    recs = [
        article("g1", "huyện Mỏ Cày Nam, tỉnh Bến Tre", "2021-02-01", [
            official("Võ Văn Tâm", role("Chủ tịch", "Hội Nông dân", "huyện", "Mỏ Cày Nam"))]),
        article("g2", BA_TRI, "2021-11-01", [
            official("Võ Văn Tâm", role("Phó Chủ tịch", "Hội Nông dân", "huyện", "Ba Tri"))]),
    ]
    out = run(recs)
    assert pid(out, "g1", "Võ Văn Tâm") != pid(out, "g2", "Võ Văn Tâm")


def _pct(value, indicator=None, meeting=None, previous=None):
    p = {"value": value, "value_max": None, "subject": "tỷ lệ hộ nghèo", "qualifier": "exact",
         "previous": previous, "direction": "decrease" if previous else None, "kind": "result",
         "span": {"start": 0, "end": 5, "text": f"{value}%", "sentence": 2}, "mentions": []}
    if indicator is not None:
        p["indicator"] = indicator
    if meeting is not None:
        p["meeting"] = meeting
    return p


def _meeting(date, period_end=None):
    m = {"kind": "hội nghị tổng kết", "description": "hội nghị tổng kết", "organizer": None, "date": date,
         "date_text": None, "time_of_day": None, "period": "năm", "span": {"start": 0, "end": 1, "text": "h",
                                                                         "sentence": 0}}
    if period_end:
        m["period_start"], m["period_end"] = period_end[:4] + "-01-01", period_end
    return m


def _panel(records):
    tables = {t: tab.to_pandas() for t, tab in to_arrow(records).items()}
    for name in ("percentages", "meetings"):  # the columns of a run whose records carry them
        rows = [dict(p, article_id=r["id"], **{name[:-1]: i})
                for r in records for i, p in enumerate(r[name])]
        for col in ("indicator", "meeting", "period_end"):
            if any(col in row for row in rows):
                tables[name][col] = [row.get(col) for row in rows]
    return link_tables(tables)["panel"]


def test_panel_years_units_and_successors():
    recs = [
        article("h1", BINH_KHANH, "2024-01-10", [], [_meeting("2024-01-08", "2023-12-31")],
                percentages=[_pct(2.35, "poverty_rate", 0, previous=3.39), _pct(95.0, None, 0)]),
        article("h2", BINH_KHANH, "2021-12-30", [], [_meeting("2021-12-28")],
                percentages=[_pct(4.1, "poverty_rate", 0)]),
        article("h3", BINH_KHANH, "2019-12-30", [], [], percentages=[_pct(5.2, "poverty_rate")]),
        article("h4", BINH_KHANH, None, [], [], percentages=[_pct(6.0, "poverty_rate")]),
        # a congress opening the term 2020-2025: its results are of 2020, its goals of 2025
        article("h5", BINH_KHANH, "2020-06-02", [], [_meeting("2020-06-01", "2025-12-31")],
                percentages=[_pct(4.8, "poverty_rate", 0), dict(_pct(2.0, "poverty_rate", 0), kind="goal")]),
    ]
    panel = _panel(recs)
    assert list(zip(panel.article_id, panel.year, panel.year_source, panel.value)) == [
        ("h3", 2019, "published", 5.2), ("h5", 2020, "meeting_date", 4.8), ("h2", 2021, "meeting_date", 4.1),
        ("h1", 2023, "period_end", 2.35), ("h5", 2025, "period_end", 2.0)]
    row = panel.iloc[3]
    assert (row.level, row.unit_code, row.unit_name, row.province_code) == ("commune", "28945", "Bình Khánh", "83")
    assert (row.successor_code, row.successor_name, row.previous) == ("28945", "Đồng Khởi", 3.39)


def test_panel_has_no_rows_without_the_indicator_column():
    recs = [article("i1", BINH_KHANH, "2024-01-10", [], [], percentages=[_pct(2.35)])]
    out = run(recs)
    assert len(out["panel"]) == 0 and "indicator" in out["panel"].columns


def test_link_scores_pairwise():
    gold = {
        "x1": {"officials": [{"name": "Lê Văn A", "person_id": "P1"}, {"name": "Phan Thị B", "person_id": "P2"}]},
        "x2": {"officials": [{"name": "Lê Văn A", "person_id": "P1"}, {"name": "Phan Thị B", "person_id": "P3"}]},
        "x3": {"officials": [{"name": "Lê Văn A", "person_id": "P1"}]},
    }
    pred = {k: {"officials": [{"name": o["name"]} for o in g["officials"]]} for k, g in gold.items()}
    person = {("x1", 0): "a", ("x2", 0): "a", ("x3", 0): "z", ("x1", 1): "b", ("x2", 1): "b"}
    s = link_scores(gold, pred, person)
    # gold links: A x1~x2, x1~x3, x2~x3; predicted: A x1~x2, B x1~x2 (false)
    assert (s["tp"], s["fp"], s["fn"], s["p"], s["r"]) == (1, 1, 2, 0.5, 0.3333)


TEXTS = {
    "k1": "Mỏ Cày Nam: Đảng ủy xã Bình Khánh tổng kết năm 2019\n\nNgày 26/12/2019, Đảng ủy xã Bình Khánh, huyện "
          "Mỏ Cày Nam tổ chức hội nghị tổng kết công tác năm 2019. Đồng chí Phạm Văn Hoà, Phó Bí thư Đảng ủy, "
          "Chủ tịch UBND xã trình bày báo cáo. Tỷ lệ hộ nghèo của xã giảm còn 3,1%.\n",
    "k2": "Mỏ Cày Nam: HĐND xã Bình Khánh họp kỳ thứ 10\n\nNgày 28/12/2021, HĐND xã Bình Khánh, huyện Mỏ Cày "
          "Nam tổ chức kỳ họp thứ 10. Ông Phạm Văn Hòa, Bí thư Đảng ủy, Chủ tịch HĐND xã chủ trì kỳ họp. "
          "Tỷ lệ hộ nghèo còn 2,4%.\n",
}


@pytest.mark.parametrize("fmt", ["parquet", "duckdb"])
def test_cli_link_writes_tables_beside_the_run(tmp_path: Path, fmt: str):
    import duckdb

    src = tmp_path / "in"
    src.mkdir()
    for k, t in TEXTS.items():
        (src / f"{k}.txt").write_text(t, encoding="utf-8")
    out = tmp_path / ("run.parquet" if fmt == "parquet" else "run.duckdb")
    cli = [sys.executable, "-m", "extractor"]
    subprocess.run(cli + ["extract", str(src), "-o", str(out), "--format", fmt, "--workers", "0", "--no-progress"],
                   check=True, capture_output=True)
    done = subprocess.run(cli + ["link", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "mentions" in done.stderr and "people" in done.stderr
    if fmt == "parquet":
        con = duckdb.connect()
        career = con.execute(f"""
            SELECT t.title, t.level, t.unit_name, t.first_seen
            FROM read_parquet('{out}/tenures/*.parquet') t
            JOIN read_parquet('{out}/people/*.parquet') p USING (person_id)
            WHERE p.name = 'Phạm Văn Hòa' ORDER BY t.first_seen, t.title""").fetchall()
    else:
        con = duckdb.connect(str(out), read_only=True)
        career = con.execute("""
            SELECT t.title, t.level, t.unit_name, t.first_seen FROM tenures t JOIN people p USING (person_id)
            WHERE p.name = 'Phạm Văn Hòa' ORDER BY t.first_seen, t.title""").fetchall()
    con.close()
    assert [(t, lv, u, str(d)) for t, lv, u, d in career] == [
        ("Chủ tịch", "xã", "Bình Khánh", "2019-12-26"), ("Phó Bí thư", "xã", "Bình Khánh", "2019-12-26"),
        ("Bí thư", "xã", "Bình Khánh", "2021-12-28"), ("Chủ tịch", "xã", "Bình Khánh", "2021-12-28")]
    again = link(out)  # re-linking replaces the tables, nothing doubles
    assert len(again["people"]) == 1


def test_cli_link_errors_and_schema_tables(tmp_path: Path):
    from extractor.cli import main

    assert main(["link", str(tmp_path / "nothing.parquet")]) == 2
    done = subprocess.run([sys.executable, "-m", "extractor", "schema", "--tables"], capture_output=True, text=True)
    cols = json.loads(done.stdout)
    assert list(cols["people"])[:3] == ["person_id", "name", "variants"] and "year" in cols["panel"]
    assert "officials" in cols


def test_splink_engine_scores_the_same_candidate_pairs():
    recs = [
        article("s1", BINH_KHANH, "2017-12-20", [
            official("Phạm Văn Hoà", role("Phó Chủ tịch", "Ủy ban nhân dân", "xã", "Bình Khánh")),
            official("Lê Thị Kim Thuỷ", role("Bí thư", "Đảng ủy", "xã", "Bình Khánh"))]),
        article("s2", BINH_KHANH, "2019-06-30", [
            official("Phạm Văn Hòa", role("Chủ tịch", "Ủy ban nhân dân", "xã", "Bình Khánh")),
            official("Lê Thị Kim Thủy", role("Bí thư", "Đảng ủy", "xã", "Bình Khánh"))]),
        article("s3", "huyện Cầu Kè, tỉnh Trà Vinh", "2019-06-30", [
            official("Phạm Văn Hòa", role("Chủ tịch", "Hội Nông dân", "huyện", "Cầu Kè"))]),
    ]
    tables = {t: tab.to_pandas() for t, tab in to_arrow(recs).items()}
    out = link_tables(tables, engine="splink")
    assert pid(out, "s1", "Phạm Văn Hoà") == pid(out, "s2", "Phạm Văn Hòa") != pid(out, "s3", "Phạm Văn Hòa")
    assert pid(out, "s1", "Lê Thị Kim Thuỷ") == pid(out, "s2", "Lê Thị Kim Thủy")
    with pytest.raises(ValueError):
        link_tables(tables, engine="fuzzy")


# The README's "Datasets" queries, exactly as written there (run from the folder holding run.parquet).
README_CAREER = """
SELECT t.title, t.body, t.level, t.unit_name, t.first_seen, t.last_seen, t.n_articles
FROM 'run.parquet/people/*.parquet' p
JOIN 'run.parquet/tenures/*.parquet' t USING (person_id)
WHERE p.name = 'Phạm Văn Hòa'
ORDER BY t.first_seen, t.title;
"""
README_SERIES = """
SELECT year, unit_name, value, previous, qualifier, kind, article_id
FROM 'run.parquet/panel/*.parquet'
WHERE indicator = 'poverty_rate' AND NOT change AND successor_code = '28945'
ORDER BY year, article_id;
"""


def test_readme_holds_these_queries_as_written():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert README_CAREER.strip() in readme and README_SERIES.strip() in readme


def test_readme_queries_run_as_written(tmp_path: Path, monkeypatch):
    import duckdb
    import pyarrow as pa

    from extractor.io.writers import append_manifest, write_part

    recs = [
        article("r1", BINH_KHANH, "2019-12-27", [
            official("Phạm Văn Hoà", role("Phó Chủ tịch", "Ủy ban nhân dân", "xã", "Bình Khánh"))],
            [_meeting("2019-12-26", "2019-12-31")], percentages=[_pct(3.1, "poverty_rate", 0, previous=4.2)]),
        article("r2", BINH_KHANH, "2021-12-29", [
            official("Phạm Văn Hòa", role("Chủ tịch", "Ủy ban nhân dân", "xã", "Bình Khánh"),
                     role("Phó Bí thư", "Đảng ủy", "xã", "Bình Khánh"))],
            [_meeting("2021-12-28", "2021-12-31")], percentages=[_pct(2.4, "poverty_rate", 0, previous=3.1)]),
    ]
    tables = to_arrow(recs)
    for name in ("percentages", "meetings"):  # a run written with the analysis columns
        rows = [r for rec in recs for r in rec[name]]
        extra = {"percentages": ("indicator", "meeting"), "meetings": ("period_start", "period_end")}[name]
        for col in extra:  # (runs of this version have them already)
            if col not in tables[name].column_names:
                tables[name] = tables[name].append_column(col, pa.array([r.get(col) for r in rows]))
    run_dir = tmp_path / "run.parquet"
    write_part(run_dir, "part-00000", tables)
    append_manifest(run_dir, {"part": "part-00000", "rows": len(recs)}, publish=True)
    link(run_dir)
    monkeypatch.chdir(tmp_path)
    career = duckdb.sql(README_CAREER).fetchall()
    assert [(c[0], c[2], str(c[4])) for c in career] == [
        ("Phó Chủ tịch", "xã", "2019-12-26"), ("Chủ tịch", "xã", "2021-12-28"), ("Phó Bí thư", "xã", "2021-12-28")]
    series = duckdb.sql(README_SERIES).fetchall()
    assert series == [(2019, "Bình Khánh", 3.1, 4.2, "exact", "result", "r1"),
                      (2021, "Bình Khánh", 2.4, 3.1, "exact", "result", "r2")]
