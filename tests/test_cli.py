"""The command line and the packaging, as a user meets them."""
import json
import re
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


# ---------------------------------------------------------------------------------------------
# the command as a Unix tool

def test_stdin_text_and_stdin_jsonl(tmp_path):
    res = subprocess.run([sys.executable, "-m", "extractor", "extract", "-", "--workers", "0"],
                         input=ARTICLE, capture_output=True, text=True)
    [rec] = [json.loads(x) for x in res.stdout.splitlines()]
    assert res.returncode == 0, res.stderr
    assert rec["source"] == "<stdin>" and rec["published"] == "2023-12-21"
    assert [o["name"] for o in rec["officials"]] == ["Lê Văn Hai"]
    dump = "".join(json.dumps({"id": f"s{i}", "text": ARTICLE}, ensure_ascii=False) + "\n" for i in range(2))
    res = subprocess.run([sys.executable, "-m", "extractor", "extract", "-", "--workers", "0"],
                         input="\n" + dump, capture_output=True, text=True)  # a blank first line: still JSONL
    assert [json.loads(x)["id"] for x in res.stdout.splitlines()] == ["s0", "s1"], res.stderr
    assert "'-' reads stdin: a JSONL dump when" in vnextract("extract", "--help").stdout


def test_bad_values_and_typos_get_the_subcommands_usage():
    for flags in (["--workers", "-1"], ["--timeout", "0"], ["--timeout", "nan"], ["--max-chars", "0"],
                  ["--workers", "two"]):
        res = vnextract("extract", "a.txt", *flags)
        assert res.returncode == 2, flags
        assert res.stderr.startswith("usage: vnextract extract "), (flags, res.stderr)
        assert f"argument {flags[0]}:" in res.stderr
    res = vnextract("extract", "a.txt", "--wrokers", "2")
    assert res.returncode == 2 and res.stderr.startswith("usage: vnextract extract ")
    assert "unrecognized arguments: --wrokers 2" in res.stderr and "did you mean --workers?" in res.stderr
    res = vnextract("evaluate", "corpus", "--shwo-errors")
    assert res.returncode == 2 and res.stderr.startswith("usage: vnextract evaluate ")
    assert vnextract("extract", "a.txt", "--workers", "0", "--help").returncode == 0  # 0 is allowed: in process
    res = vnextract("extract", str(ROOT / "corpus" / "001.txt"), "--format", "parquet")  # tables need a place
    assert res.returncode == 2 and res.stderr == "vnextract: --format parquet writes tables into a folder or file: give it with -o\n"


def test_a_missing_path_among_good_ones_is_an_error_row_like_cat(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "blank.jsonl").write_text(json.dumps({"id": "trang", "text": " \n\t "}) + "\n", encoding="utf-8")
    res = vnextract("extract", str(tmp_path / "a.txt"), str(tmp_path / "khong-co.txt"), "--workers", "0")
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert res.returncode == 1 and len(lines) == 2, res.stderr
    assert lines[0]["id"] == "a" and lines[0]["officials"]
    assert lines[1]["error"] == {"type": "ReadError", "message": f"{tmp_path / 'khong-co.txt'}: no such file or folder"}
    assert f"vnextract: no such file or folder: {tmp_path / 'khong-co.txt'}" in res.stderr
    res = vnextract("extract", str(tmp_path / "x.txt"), str(tmp_path / "y.txt"))  # nothing readable at all
    assert res.returncode == 2 and res.stdout == "" and res.stderr.startswith("vnextract: none of the paths")
    res = vnextract("extract", str(tmp_path / "blank.jsonl"), "--workers", "0")  # white space only: NoText
    [row] = [json.loads(x) for x in res.stdout.splitlines()]
    assert res.returncode == 1 and row["id"] == "trang" and row["error"]["type"] == "NoText"


def test_progress_has_a_total_and_an_eta_on_a_terminal_only(tmp_path):
    import os
    import pty

    for i in range(2):
        (tmp_path / f"{i}.txt").write_text(ARTICLE.replace("Lê Văn Hai", ("Lê Văn Hai", "Võ Thị Sáu")[i]), encoding="utf-8")
    size = sum(p.stat().st_size for p in tmp_path.glob("*.txt"))
    assert size < 1000  # shown as a plain number of bytes
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a terminal 120 columns wide
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "extract", str(tmp_path), "--workers", "0"],
                            stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal's other end closed
            break
        if not chunk:
            break
        seen += chunk
    proc.stdout.read()
    assert proc.wait() == 0
    os.close(master)
    bar = seen.decode("utf-8", "replace")
    assert f"{size}/{size}" in bar and "100%" in bar, bar
    assert "<00:00" in bar  # the ETA
    res = vnextract("extract", str(tmp_path), "--workers", "0")  # stderr a pipe: no bar
    assert "100%" not in res.stderr and res.returncode == 0
    res = subprocess.run([sys.executable, "-m", "extractor", "extract", str(tmp_path / "0.txt"), "-o",
                          str(tmp_path / "o.jsonl"), "--quiet", "--workers", "0"], capture_output=True, text=True)
    assert res.returncode == 0 and res.stderr == ""  # --quiet: no summary line either


def test_info_lists_versions_of_package_dependencies_patterns_and_model():
    from importlib import metadata

    res = vnextract("info")
    assert res.returncode == 0
    out = res.stdout
    assert out.startswith("vn-news-extractor 0.1.0 (Python ")
    assert f"  pydantic {metadata.version('pydantic')}\n" in out
    assert "  roles.yaml (" in out and "sha256 " in out
    assert f"underthesea NER (CRF, inside the underthesea package) {metadata.version('underthesea')}" in out


LEAN = """
import sys
for name in ("pyarrow", "duckdb", "pandas", "dask", "distributed", "altair", "vl_convert"):
    sys.modules[name] = None  # as if not installed: ``import name`` raises ImportError
import extractor
from extractor import cli
a = extractor.extract("Đồng chí Trần Văn Nam, Bí thư Huyện ủy chủ trì hội nghị; huyện đạt 14/18 chỉ tiêu.")
print("extract", a.officials[0].name, a.targets[0].numerator)
sys.argv = ["vnextract"] + sys.argv[1:]
code = cli.main(sys.argv[1:])
print("exit", code, file=sys.stderr)
assert not any(sys.modules.get(m) for m in ("pyarrow", "duckdb", "pandas")), "an optional package was imported"
"""


def test_extract_and_the_jsonl_cli_work_without_the_optional_packages(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")

    def lean(*args, stdin=""):
        return subprocess.run([sys.executable, "-c", LEAN, *args], capture_output=True, text=True, cwd=tmp_path,
                              input=stdin)

    stdin = json.dumps({"id": "s1", "text": ARTICLE.replace("Lê Văn Hai", "Võ Thị Sáu")}, ensure_ascii=False)
    res = lean("extract", "a.txt", "-", "-o", "out.jsonl", "--workers", "0", stdin=stdin)
    assert res.stdout.startswith("extract Trần Văn Nam 14"), res.stderr
    assert "exit 0" in res.stderr, res.stderr
    recs = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["officials"][0]["name"]) for r in recs] == [("a", "Lê Văn Hai"), ("s1", "Võ Thị Sáu")]
    for fmt, out in (("parquet", "out.parquet"), ("duckdb", "out.duckdb")):
        res = lean("extract", "a.txt", "-o", out, "--format", fmt)
        assert res.stderr.splitlines()[0] == (f"vnextract: --format {fmt} needs the 'parquet' extra: "
                                              f"pip install vn-news-extractor[parquet]"), res.stderr
        assert "exit 2" in res.stderr and not (tmp_path / out).exists()
    res = lean("extract", "a.txt", "--dask", "local")
    assert "vnextract: --dask needs the 'dask' extra: pip install vn-news-extractor[dask]" in res.stderr
    assert "exit 2" in res.stderr
    res = lean("report", "out.jsonl", "-o", "r.html")
    assert "vnextract: vnextract report needs the 'report' extra" in res.stderr and "exit 2" in res.stderr


def test_pyproject_keeps_the_base_install_lean():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = " ".join(project["dependencies"]).lower()
    for heavy in ("pyarrow", "duckdb", "pandas", "dask", "vietnamadminunits", "altair"):
        assert heavy not in base, heavy
    extras = project["optional-dependencies"]
    assert {"parquet", "dask", "report", "all", "build", "test"} <= set(extras)
    assert any("pyarrow" in d for d in extras["parquet"]) and any("duckdb" in d for d in extras["parquet"])
    assert any("parquet" in d and "report" in d and "dask" in d for d in extras["test"])


# ---------------------------------------------------------------------------------------------
# report and dataset card

def test_report_of_jsonl_and_parquet_runs(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    runs = {"run.jsonl": None, "run.parquet": "parquet"}
    for out in runs:
        res = vnextract("extract", str(tmp_path / "a.txt"), str(tmp_path / "nope.txt"), "-o", str(tmp_path / out),
                        "--workers", "0")
        assert res.returncode == 1, res.stderr
        res = vnextract("report", str(tmp_path / out), "-o", str(tmp_path / f"{out}.html"))
        assert res.returncode == 0, res.stderr
        assert res.stderr.strip() == f"{tmp_path / out}.html: 1 articles, 1 errors"
        page = (tmp_path / f"{out}.html").read_text(encoding="utf-8")
        assert "vegaEmbed" in page and not re.search(r"<script[^>]+src=", page)  # the runtime inlined
        assert '"error_type": "ReadError"' in page or '"ReadError"' in page
    res = vnextract("report", str(tmp_path / "khong-co.jsonl"), "-o", str(tmp_path / "x.html"))
    assert res.returncode == 2 and res.stderr.startswith("vnextract: no such file or folder")


def _card_table(card: str) -> dict[str, int]:
    rows = {}
    for line in card.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 3 and cells[1].replace(",", "").isdigit():
            rows[cells[0]] = int(cells[1].replace(",", ""))
    return rows


def test_every_table_run_writes_its_dataset_card_and_a_resume_rewrites_it(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "run.parquet"
    res = vnextract("extract", str(tmp_path / "in"), "-o", str(out), "--workers", "0")
    assert res.returncode == 0, res.stderr
    card = (out / "README.md").read_text(encoding="utf-8")
    assert f"- command: `vnextract extract {tmp_path / 'in'} -o {out} --workers 0`" in card
    assert f"  - `{tmp_path / 'in'}`" in card and "- started: 20" in card and "; finished: 20" in card
    assert _card_table(card) == {"records": 1, "articles": 1, "meetings": 1, "officials": 1, "targets": 1,
                                 "percentages": 1, "quantities": 0, "errors": 0}
    assert "| errors | 0 | `article_id`, `source`, `type`, `message` |" in card or "| errors | 0 | `article_id`" in card
    (tmp_path / "in" / "b.txt").write_text(ARTICLE.replace("Lê Văn Hai", "Phan Văn Tới"), encoding="utf-8")
    res = vnextract("extract", str(tmp_path / "in"), "-o", str(out), "--workers", "0", "--no-ner")
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "--no-ner`" in card and "resumed: 1 inputs were already in the output and skipped" in card
    assert _card_table(card)["records"] == 2 and _card_table(card)["officials"] == 2
    db = tmp_path / "run.duckdb"
    res = vnextract("extract", str(tmp_path / "in" / "a.txt"), "-o", str(db), "--workers", "0")
    card = (tmp_path / "run.duckdb.README.md").read_text(encoding="utf-8")
    assert res.returncode == 0 and "(duckdb)" in card and _card_table(card)["officials"] == 1
    assert not (tmp_path / "o.jsonl.README.md").exists()
