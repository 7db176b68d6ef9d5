"""Readers: folders of .txt, JSONL (plain and gzip), .json, HTML and WARC, streamed, with every
record's source kept and every broken container turned into error items (never a crash)."""
from __future__ import annotations

import argparse
import gzip
import io
import json
from pathlib import Path

import pytest

from extractor.batch import pool as batch
from extractor.io import readers
from extractor.io.readers import InputError, iter_items, prepare

ARTICLE_A = """Xã Bình Khánh tổng kết công tác năm 2023

Sáng ngày 20/12/2023, Đảng ủy xã Bình Khánh, huyện Mỏ Cày Nam tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2023. Dự hội nghị có đồng chí Nguyễn Văn Bé Tư, Phó Chủ tịch HĐND huyện Mỏ Cày Nam. Đồng chí Trần Văn Hùng, Bí thư Đảng ủy xã chủ trì hội nghị.

Năm 2023, xã thực hiện đạt 17/18 chỉ tiêu nghị quyết, đạt 94,4%. Tỉ lệ người dân tham gia bảo hiểm y tế đạt 95,1%. Thu nhập bình quân đạt 60 triệu đồng/người/năm.
"""

ARTICLE_B = """Phường 3 sơ kết 6 tháng đầu năm 2024

Chiều ngày 05/7/2024, Đảng ủy Phường 3, thành phố Bến Tre tổ chức hội nghị sơ kết công tác 6 tháng đầu năm 2024. Bà Lê Thị Mỹ Hạnh, Phó Bí thư Thường trực Đảng ủy phường báo cáo kết quả. Phường đã vận động xây dựng 12/10 căn nhà tình thương, vượt kế hoạch. Tỉ lệ hộ nghèo giảm từ 2,1% xuống còn 1,4%.
"""


def page(title: str, paragraphs: list[str], *, author: str = "Bảo Toàn", date: str = "2023-12-21",
         charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="{charset}">
<title>{title} - Cổng thông tin điện tử huyện Mỏ Cày Nam</title>
<meta property="og:title" content="{title}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}T08:30:00+07:00">
</head><body>
<nav><a href="/">Trang chủ</a> | <a href="/tin-tuc">Tin tức</a> | <a href="/lien-he">Liên hệ</a></nav>
<article><h1>{title}</h1>{body}</article>
<footer>Bản quyền thuộc UBND huyện Mỏ Cày Nam. Địa chỉ: khu phố 1, thị trấn Mỏ Cày.</footer>
</body></html>"""


def paragraphs(text: str) -> tuple[str, list[str]]:
    lines = [x for x in text.split("\n") if x.strip()]
    return lines[0], lines[1:]


PAGE_A = page(*paragraphs(ARTICLE_A))
PAGE_B = page(*paragraphs(ARTICLE_B), author="Minh Đức", date="2024-07-06")


def build_warc(path: Path, pages: list[tuple[str, str]], *, gz: bool, extras: bool = True) -> list[int]:
    """A WARC of HTML responses (url, html), with a request, an image and a 404 between them;
    returns the offsets of the HTML response records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    offsets = []
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=gz)

        def response(url, body: bytes, ctype: str, status: str = "200 OK"):
            h = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            return w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=h)

        for i, (url, html) in enumerate(pages):
            if extras:
                req = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "mocaynam.bentre.gov.vn")], is_http_request=True)
                w.write_record(w.create_warc_record(url, "request", http_headers=req))
            offsets.append(f.tell())
            w.write_record(response(url, html.encode("utf-8"), "text/html; charset=utf-8"))
            if extras:
                w.write_record(response(url.replace(".html", ".png"), b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"))
                w.write_record(response(url + "?p=2", b"<html><body>Not found</body></html>", "text/html",
                                        "404 Not Found"))
    return offsets


def test_folder_of_txt_skips_gold_and_keeps_sources(tmp_path):
    d = tmp_path / "tin"
    (d / "sub").mkdir(parents=True)
    (d / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (d / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (d / "a.gold.json").write_text('{"id": "a"}', encoding="utf-8")
    (d / "notes.md").write_text("ghi chú", encoding="utf-8")
    (d / "sub" / "c.txt").write_text(ARTICLE_A, encoding="utf-8")
    items = list(iter_items([str(d)]))
    assert [i["id"] for i in items] == ["a", "b", "c"]
    assert items[0]["source"] == str(d / "a.txt") and items[2]["source"] == str(d / "sub" / "c.txt")
    assert items[0]["text"] == ARTICLE_A
    # undecoded for the workers: bytes, decoded later by prepare
    raw = list(iter_items([str(d)], decode=False))
    assert raw[0]["data"] == ARTICLE_A.encode("utf-8")
    assert prepare(raw[0])["text"] == ARTICLE_A


def test_missing_path_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        list(iter_items([str(tmp_path / "khong-co.jsonl")]))


def test_jsonl_good_bad_and_blank_lines(tmp_path):
    p = tmp_path / "crawl.jsonl"
    lines = [
        json.dumps({"id": 101, "url": "https://binhkhanh.vn/tin/1", "title": "Xã Bình Khánh tổng kết",
                    "published": "2023-12-21", "text": ARTICLE_A}, ensure_ascii=False),
        "",
        '{"id": "102", "text": "Xã Bình Khánh tổ chức hội ng',  # cut: not JSON
        json.dumps(["không", "phải", "đối tượng"], ensure_ascii=False),
        json.dumps({"id": "104", "url": "https://binhkhanh.vn/tin/4"}),
        json.dumps({"id": "105", "html": PAGE_B}, ensure_ascii=False),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_items([str(p)]))
    assert [i["source"] for i in items] == [f"{p}:1", f"{p}:3", f"{p}:4", f"{p}:5", f"{p}:6"]
    first = items[0]
    assert first["id"] == "101" and first["url"] == "https://binhkhanh.vn/tin/1"
    assert first["published"] == "2023-12-21" and first["text"] == ARTICLE_A
    assert items[1]["error"]["type"] == "InvalidJSONLine" and "line 3" in items[1]["error"]["message"]
    assert items[2]["error"]["type"] == "InvalidJSONLine"
    assert items[3]["error"]["type"] == "NoText" and items[3]["id"] == "104"
    assert items[4]["html"] == PAGE_B and "text" not in items[4]


def test_truncated_jsonl_gz_keeps_every_good_record(tmp_path):
    recs = [{"id": f"bk-{i:03d}", "text": ARTICLE_A.replace("17/18", f"{i}/18")} for i in range(60)]
    data = gzip.compress(("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n").encode("utf-8"))
    p = tmp_path / "dump.jsonl.gz"
    p.write_bytes(data[: len(data) * 2 // 3])
    items = list(iter_items([str(p)]))
    good = [i for i in items if "error" not in i]
    bad = [i for i in items if "error" in i]
    assert 5 < len(good) < 60
    assert [i["id"] for i in good] == [f"bk-{i:03d}" for i in range(len(good))]
    assert good[3]["text"] == recs[3]["text"] and good[3]["source"] == f"{p}:4"
    assert len(bad) == 1 and bad[0]["error"]["type"] == "TruncatedFile"
    assert bad[0]["source"] == f"{p}:{len(good) + 1}"
    assert str(p) in bad[0]["error"]["message"] and f"line {len(good) + 1}" in bad[0]["error"]["message"]


def test_whole_gzip_jsonl(tmp_path):
    p = tmp_path / "dump.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as f:
        for i in range(3):
            f.write(json.dumps({"id": f"x{i}", "text": ARTICLE_B}, ensure_ascii=False) + "\n")
    assert [i["id"] for i in iter_items([str(p)])] == ["x0", "x1", "x2"]


def test_jsonl_partition_ranges_keep_line_numbers(tmp_path):
    p = tmp_path / "big.jsonl"
    p.write_text("".join(json.dumps({"id": f"n{i}", "text": "Xã Bình Khánh."}) + "\n" for i in range(1, 24)),
                 encoding="utf-8")
    bounds = list(readers.jsonl_line_starts(p, 10))
    assert [b[1] for b in bounds] == [1, 11, 21]
    got = []
    for k, (start, line) in enumerate(bounds):
        end = bounds[k + 1][0] if k + 1 < len(bounds) else None
        got += list(readers.read_jsonl(p, start=start, end=end, first_line=line))
    assert [i["id"] for i in got] == [f"n{i}" for i in range(1, 24)]
    assert [i["source"] for i in got] == [f"{p}:{i}" for i in range(1, 24)]


def test_html_page_main_text_title_date_author(tmp_path):
    p = tmp_path / "tong-ket-2023.html"
    p.write_text(PAGE_A, encoding="utf-8")
    [raw] = list(iter_items([str(p)], decode=False))
    assert raw["id"] == "tong-ket-2023" and raw["source"] == str(p)
    item = prepare(raw)
    assert item["title"] == "Xã Bình Khánh tổng kết công tác năm 2023"
    assert item["published"] == "2023-12-21" and item["author"] == "Bảo Toàn"
    assert "đạt 17/18 chỉ tiêu nghị quyết" in item["text"]
    assert "Trang chủ" not in item["text"] and "Bản quyền" not in item["text"]
    line, art = batch.process(raw)
    rec = json.loads(line)
    assert rec["source"] == str(p) and rec["id"] == "tong-ket-2023"
    assert rec["published"] == "2023-12-21" and rec["author"] == "Bảo Toàn"
    assert {o["name"] for o in rec["officials"]} >= {"Nguyễn Văn Bé Tư", "Trần Văn Hùng"}
    assert [(t["numerator"], t["denominator"]) for t in rec["targets"]] == [(17.0, 18.0)]


def test_given_values_win_over_the_page():
    item = prepare({"id": "x", "title": "Tiêu đề do trình thu thập ghi", "html": PAGE_A, "source": "s"})
    assert item["title"] == "Tiêu đề do trình thu thập ghi" and item["author"] == "Bảo Toàn"


def test_html_without_body_is_an_error_row(tmp_path):
    p = tmp_path / "trong.html"
    p.write_text("<html><head><title>Trang chủ</title></head><body></body></html>", encoding="utf-8")
    [raw] = list(iter_items([str(p)], decode=False))
    with pytest.raises(InputError) as e:
        prepare(raw)
    assert e.value.type == "NoText"
    line, art = batch.process(raw)
    assert art is None
    row = json.loads(line)
    assert row.pop("input") == raw["key"] and len(raw["key"]) == 20  # the resume key, last
    assert row == {"id": "trong", "error": {"type": "NoText", "message": "no main text found in the HTML page"},
                   "source": str(p)}


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_only_with_offsets(tmp_path, gz):
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    offsets = build_warc(p, [("https://mocaynam.bentre.gov.vn/tin/1.html", PAGE_A),
                             ("https://mocaynam.bentre.gov.vn/tin/2.html", PAGE_B)], gz=gz)
    items = list(iter_items([str(p)], decode=False))
    assert [i["url"] for i in items] == ["https://mocaynam.bentre.gov.vn/tin/1.html",
                                         "https://mocaynam.bentre.gov.vn/tin/2.html"]
    assert [i["source"] for i in items] == [f"{p}@{o}" for o in offsets]
    assert items[0]["charset"] == "utf-8"
    rec = json.loads(batch.process(items[1])[0])
    assert rec["url"] == "https://mocaynam.bentre.gov.vn/tin/2.html" and rec["author"] == "Minh Đức"
    assert rec["published"] == "2024-07-06"
    assert [(t["numerator"], t["denominator"]) for t in rec["targets"]] == [(12.0, 10.0)]
    if not gz:
        with p.open("rb") as f:
            f.seek(offsets[1])
            assert f.read(8) == b"WARC/1.0"


@pytest.mark.parametrize("gz", [False, True])
def test_warc_cut_mid_record(tmp_path, gz):
    full = tmp_path / "full.warc"
    offsets = build_warc(full, [(f"https://binhkhanh.vn/tin/{i}.html", PAGE_A if i % 2 else PAGE_B) for i in range(4)],
                         gz=gz, extras=False)
    data = full.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut_at = offsets[2] + (offsets[3] - offsets[2]) // 2  # the middle of the third record
    cut.write_bytes(data[:cut_at])
    items = list(iter_items([str(cut)], decode=False))
    good = [i for i in items if "error" not in i]
    bad = [i for i in items if "error" in i]
    assert [i["url"] for i in good] == ["https://binhkhanh.vn/tin/0.html", "https://binhkhanh.vn/tin/1.html"]
    assert len(bad) == 1 and bad[0]["error"]["type"] == "TruncatedWARC"
    assert bad[0]["source"] == f"{cut}@{offsets[2]}"
    assert f"byte {offsets[2]:,}" in bad[0]["error"]["message"]


def test_undecodable_bytes_replaced_with_a_warning(tmp_path):
    p = tmp_path / "hong.txt"
    p.write_bytes(ARTICLE_A.encode("utf-8").replace("Bình Khánh tổng".encode(), b"B\xecnh Kh\xe1nh t\xf4ng"))
    [raw] = list(iter_items([str(p)], decode=False))
    line, art = batch.process(raw)
    assert art is not None and art.warnings, "the decoding note must reach the record's warnings"
    assert any("utf-8" in w.lower() or "decod" in w.lower() or "encod" in w.lower() for w in art.warnings)
    assert "17/18" in art.text


def test_size_limits(tmp_path):
    big = tmp_path / "dai.txt"
    big.write_text(ARTICLE_A * 20, encoding="utf-8")
    [item] = list(iter_items([str(big)], max_chars=500))
    assert item["error"]["type"] == "TooLarge" and item["id"] == "dai"
    [item] = list(iter_items([str(big)], max_chars=len(ARTICLE_A) * 5))  # bytes pass, characters do not
    line, art = batch.process(item, max_chars=len(ARTICLE_A) * 5)
    assert json.loads(line)["error"]["type"] == "TooLarge"
    p = tmp_path / "dump.jsonl"
    p.write_text(json.dumps({"id": "ok", "text": ARTICLE_B}, ensure_ascii=False) + "\n"
                 + json.dumps({"id": "huge", "text": ARTICLE_A * 50}, ensure_ascii=False) + "\n"
                 + json.dumps({"id": "ok2", "text": ARTICLE_B}, ensure_ascii=False) + "\n", encoding="utf-8")
    items = list(iter_items([str(p)], max_chars=1000))
    assert [i.get("id") for i in items if "error" not in i] == ["ok", "ok2"]
    assert [i["source"] for i in items if "error" in i] == [f"{p}:2"]


def test_json_file_of_one_record(tmp_path):
    p = tmp_path / "d01.json"
    p.write_text(json.dumps({"id": "d01", "url": "https://phuong3.bentre.gov.vn/a", "domain": "bentre.gov.vn",
                             "text": ARTICLE_B}, ensure_ascii=False), encoding="utf-8")
    [item] = list(iter_items([str(p)]))
    assert item["id"] == "d01" and item["url"] == "https://phuong3.bentre.gov.vn/a" and item["text"] == ARTICLE_B


def to_cp1258(text: str) -> bytes:
    """Vietnamese text in Windows-1258: base letters precomposed, tone marks combining."""
    import unicodedata

    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in d if c in tones)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out.append(base + tone)
    return "".join(out).encode("cp1258")


def test_warc_http_charset_windows_1258(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html = PAGE_B.replace('<meta charset="utf-8">', "")
    p = tmp_path / "cu.warc"
    with p.open("wb") as f:
        w = WARCWriter(f, gzip=False)
        h = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=windows-1258")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("http://phuong3.bentre.gov.vn/tin/so-ket.html", "response",
                                            payload=io.BytesIO(to_cp1258(html)), http_headers=h))
    [item] = list(iter_items([str(p)], decode=False))
    assert item["charset"] == "windows-1258"
    line, art = batch.process(item)
    assert art is not None, line
    assert [o.name for o in art.officials] == ["Lê Thị Mỹ Hạnh"]
    assert "Tỉ lệ hộ nghèo giảm từ 2,1% xuống còn 1,4%" in art.text


def test_warc_records_passed_over_are_counted_by_kind(tmp_path):
    from collections import Counter

    p = tmp_path / "crawl.warc.gz"
    build_warc(p, [("https://mocaynam.bentre.gov.vn/tin/1.html", PAGE_A),
                   ("https://mocaynam.bentre.gov.vn/tin/2.html", PAGE_B)], gz=True)
    passed = Counter()
    items = list(iter_items([str(p)], decode=False, skipped=passed))
    assert len(items) == 2
    assert passed == {"WARC request record": 2, "WARC non-HTML response": 2, "WARC response not 2xx": 2}
    args = argparse.Namespace(paths=[str(p)], output=str(tmp_path / "o.jsonl"), format=None, workers=0, timeout=None,
                              max_chars=None, dask=None, no_ner=True, no_progress=True, summary=False)
    summary = batch.run_paths(args)
    assert summary.articles == 2 and summary.errors == 0
    assert ("6 records passed over (WARC request record 2, WARC non-HTML response 2, WARC response not 2xx 2)"
            in summary.line())


def test_items_carry_their_share_of_the_input_bytes(tmp_path):
    from extractor.io.readers import NBYTES, input_bytes

    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    lines = [json.dumps({"id": f"j{i}", "text": ARTICLE_B}, ensure_ascii=False) for i in range(3)]
    (tmp_path / "d.jsonl").write_text(lines[0] + "\n\n" + "\n".join(lines[1:]) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "z.jsonl.gz", "wt", encoding="utf-8") as g:
        g.write("\n".join(lines) + "\n")
    warc = tmp_path / "w.warc"
    build_warc(warc, [("https://binhkhanh.vn/tin/1.html", PAGE_A)], gz=False)
    items = list(iter_items([str(tmp_path)], decode=False))
    total = input_bytes([str(tmp_path)])
    assert sum(i.get(NBYTES, 0) for i in items) <= total
    files = {"a.txt", "d.jsonl", "z.jsonl.gz"}
    by_file = {}
    for i in items:
        name = Path(i["source"].split("@")[0].split(":")[0]).name
        by_file[name] = by_file.get(name, 0) + i[NBYTES]
    for name in files:  # a text or JSONL input: every byte is some item's (gzip: uncompressed)
        f = tmp_path / name
        size = len(gzip.decompress(f.read_bytes())) if name.endswith(".gz") else f.stat().st_size
        assert by_file[name] == size, name
    assert total == sum(by_file[n] for n in files) + warc.stat().st_size
    assert input_bytes([str(tmp_path), "-"]) is None  # a stream: the size is not known
