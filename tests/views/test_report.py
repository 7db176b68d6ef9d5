"""``vnextract report``: the summary it is drawn from, and the page in a real browser."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from extractor import extract
from extractor.views.report import charts, render, summarise, write_report

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def run_file(tmp_path_factory):
    """A small JSONL run: three corpus articles and one error row, as the batch writes them."""
    path = tmp_path_factory.mktemp("run") / "run.jsonl"
    lines = []
    for gid in ("001", "002", "006"):
        art = extract((ROOT / "corpus" / f"{gid}.txt").read_text(encoding="utf-8"), id=gid)
        lines.append(json.dumps(art.model_dump(mode="json"), ensure_ascii=False))
    lines.append(json.dumps({"id": "bad", "error": {"type": "NoText", "message": "no text"}, "source": "x:4"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_summary_counts_what_the_records_hold(run_file):
    recs = [json.loads(line) for line in run_file.read_text(encoding="utf-8").splitlines()]
    s = summarise(recs)
    assert s["articles"] == 3 and s["errors"] == 1
    assert s["error_types"] == {"NoText": 1}
    assert s["provinces"] == {"Trà Vinh": 1, "Phú Thọ": 1, "Thái Nguyên": 1}
    assert s["years"] == {"2019": 1, "2021": 1, "2024": 1}
    assert s["kinds"]["hội nghị tổng kết"] == 2 and s["kinds"]["kỳ họp"] == 1
    assert s["coverage"]["published"] == 3 and s["coverage"]["officials"] == 3
    assert s["officials"] == sum(len(r.get("officials", [])) for r in recs if "error" not in r)


def test_warnings_of_one_shape_group_together():
    recs = [{"id": "a", "warnings": ["14/18 is 77.8%, not the stated 83.3%"]},
            {"id": "b", "warnings": ["9/10 is 90.0%, not the stated 95%"]}]
    assert summarise(recs)["warnings"] == {"#/# is #%, not the stated #%": 2}


def test_each_group_gives_a_chart_and_empty_groups_none(run_file):
    recs = [json.loads(line) for line in run_file.read_text(encoding="utf-8").splitlines()]
    titles = [t for t, _ in charts(summarise(recs))]
    assert titles == ["Articles by province", "Articles by year", "Meeting kinds", "Field coverage", "Indicators",
                      "Indicator values", "Errors"]  # no warnings in these three: no warnings chart
    spec = dict(charts(summarise(recs)))["Articles by province"]
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert {"province": "Trà Vinh", "count": 1} in spec["data"]["values"]


def test_page_is_self_contained(run_file, tmp_path):
    out = tmp_path / "report.html"
    write_report(run_file, out)
    page = out.read_text(encoding="utf-8")
    assert "vegaEmbed" in page and len(page) > 100_000  # the runtime is inlined
    # nothing is loaded from elsewhere: no script or stylesheet with a source address
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=", page)
    assert "</script" not in page.split("<script>", 1)[1].split("</script>")[0]


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    assert exe, "the browser test needs Debian's chromium (scripts/test.sh installs it: apt-get install chromium)"
    return exe


def test_every_chart_renders_in_a_real_browser(run_file, tmp_path):
    out = tmp_path / "report.html"
    summary = write_report(run_file, out)
    n = len(charts(summary))
    dom = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=20000",
         "--dump-dom", out.as_uri()],
        capture_output=True, text=True, timeout=120,
    ).stdout
    assert f'data-charts="{n}"' in dom, "not every chart finished rendering"
    assert dom.count('data-rendered="1"') == n
    assert "data-error" not in dom
    # each chart drew an SVG with marks in it
    for i in range(n):
        block = re.split(r"<h2>|<script", dom.split(f'id="chart-{i}"', 1)[1], maxsplit=1)[0]
        assert "<svg" in block and "mark-" in block, f"chart {i} drew nothing"


def test_render_escapes_the_title():
    page = render(summarise([]), title="<b>x</b>")
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page


def test_a_jsonl_run_of_any_name_with_a_line_cut_short(run_file, tmp_path):
    from extractor.views.report import iter_run

    cut = tmp_path / "run.out"  # stdout redirected to a file: JSONL whatever its name
    cut.write_text(run_file.read_text(encoding="utf-8") + '{"id": "004", "officials": [{"na', encoding="utf-8")
    rows = list(iter_run(cut))
    assert [r.get("id") for r in rows] == ["001", "002", "006", "bad"]
    summary = write_report(cut, tmp_path / "r.html")
    assert summary["articles"] == 3 and summary["errors"] == 1 and summary["error_types"] == {"NoText": 1}
