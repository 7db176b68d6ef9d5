"""The command line and the packaging, as a user meets them."""
import json
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = """Đảng ủy xã Tân Phú tổng kết công tác năm 2023

21/12/2023

Sáng ngày 20/12, Đảng ủy xã Tân Phú tổ chức hội nghị tổng kết năm 2023. Đồng chí Lê Văn Hai, Bí thư Đảng ủy xã chủ trì.
Năm 2023, xã đạt 15/17 chỉ tiêu nghị quyết; tỷ lệ hộ nghèo giảm từ 3,1% xuống còn 2,2%.

Minh Châu
"""


def vnextract(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, cwd=cwd)


def test_extract_txt_and_jsonl_one_line_per_input(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "dump.jsonl").write_text(
        json.dumps({"id": "j1", "text": ARTICLE, "url": "http://x.vn/1"}, ensure_ascii=False) + "\n"
        + "{not json\n"
        + json.dumps({"id": "j3", "text": ""}) + "\n",
        encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = vnextract("extract", str(tmp_path / "a.txt"), str(tmp_path / "dump.jsonl"), "-o", str(out), "--workers", "1")
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 4, res.stderr
    a = lines[0]
    assert a["id"] == "a" and a["title"] == "Đảng ủy xã Tân Phú tổng kết công tác năm 2023"
    assert a["published"] == "2023-12-21" and a["author"] == "Minh Châu"
    assert a["meetings"][0]["date"] == "2023-12-20"
    assert [o["name"] for o in a["officials"]] == ["Lê Văn Hai"]
    assert lines[1]["id"] == "j1" and lines[1]["url"] == "http://x.vn/1"
    assert "error" in lines[2]
    assert res.returncode == 1  # some inputs failed, their error rows are written


def test_missing_path_is_a_one_line_error(tmp_path):
    res = vnextract("extract", str(tmp_path / "nope.txt"))
    assert res.returncode == 2
    assert res.stderr.strip().startswith("vnextract:") and "Traceback" not in res.stderr


def test_schema():
    res = vnextract("schema")
    schema = json.loads(res.stdout)
    assert schema["title"] == "Article" and "officials" in schema["properties"]


def test_evaluate_on_own_prediction(tmp_path):
    gold = {"id": "a", "published": "2023-12-21", "author": "Minh Châu",
            "meetings": [{"kind": "hội nghị tổng kết", "date": "2023-12-20"}],
            "officials": [{"name": "Lê Văn Hai", "roles": [{"title": "Bí thư", "level": "xã"}]}],
            "targets": [{"numerator": 15, "denominator": 17, "subject": "chỉ tiêu"}],
            "percentages": [{"value": 2.2, "previous": 3.1, "qualifier": "exact", "subject": "tỷ lệ hộ nghèo"}]}
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    res = vnextract("evaluate", str(tmp_path), "--json")
    rep = json.loads(res.stdout)["ours"]
    for field in ("officials.name", "officials.role", "targets", "percentages"):
        assert rep[field]["f1"] == 1.0, (field, rep[field])
    assert rep["meetings.date"]["acc"] == 1.0 and rep["author"]["acc"] == 1.0


def test_wheel_ships_patterns_and_runs_from_elsewhere(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("vn_news_extractor-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for data in ("extractor/patterns/roles.yaml", "extractor/patterns/people.yaml", "extractor/patterns/gazetteer_vn.tsv"):
        assert data in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("import extractor, extractor.resources as r; "
            "a = extractor.extract('Đồng chí Trần Văn Nam, Bí thư Huyện ủy dự hội nghị.'); "
            "print(r.location()); print(a.officials[0].roles[0].title)")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    res = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); " + code],
                         capture_output=True, text=True, cwd=elsewhere)
    assert res.returncode == 0, res.stderr
    where, title = res.stdout.split("\n")[:2]
    assert where.startswith(str(site)) and title == "Bí thư"
