#!/usr/bin/env python3
"""Build ``patterns/gazetteer_vn.tsv``, the compact gazetteer read by ``extractor.recognise.places``.

Source: the installed ``vietnamadminunits`` package (PyPI, MIT), which ships

* ``data/dataset.db`` table ``admin_units_legacy``: the 63 provinces, their
  districts and communes before the 2025 reorganisation, with the official
  (GSO) codes;
* ``data/dataset.db`` table ``admin_units``: the 34 provinces and 3,321
  communes/wards/special zones in force from 1 July 2025, with official codes;
* ``data/converter_2025.json``: which old province, and which old commune
  (wholly, or split among several new ones with a default), went to which new unit.

Only names, types, codes, parents, successors and former-name keys are kept,
so the file is small and loads fast, and nothing touches the network.

Usage::

    .venv/bin/python scripts/build_gazetteer.py            # writes patterns/gazetteer_vn.tsv
    .venv/bin/python scripts/build_gazetteer.py --check    # exit 1 if the file is out of date
    .venv/bin/python scripts/build_gazetteer.py -o OTHER.tsv

The output is deterministic (no timestamps): rebuilding from the same package
version gives the same bytes, which ``tests/recognise/test_places.py`` checks.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sqlite3
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "patterns" / "gazetteer_vn.tsv"

# Type words as written in the full names, longest first, mapped to the lower-case form
# the records use.
_TYPES = [
    ("Thành phố", "thành phố"),
    ("Thị trấn", "thị trấn"),
    ("Thị xã", "thị xã"),
    ("Đặc khu", "đặc khu"),
    ("Phường", "phường"),
    ("Huyện", "huyện"),
    ("Quận", "quận"),
    ("Tỉnh", "tỉnh"),
    ("Xã", "xã"),
]


# Former names the package does not list, added here (kind, code) -> accent-free keys.
# Thừa Thiên Huế became the centrally-run city of Huế on 2025-01-01, before the
# snapshot the package calls "legacy"; articles up to 2024 name the old province.
EXTRA_ALIASES: dict[tuple[str, str], list[str]] = {
    ("P", "46"): ["thuathienhue"],
}


def split_type(full: str) -> tuple[str, str]:
    """``'Huyện Mỏ Cày Nam'`` -> ``('huyện', 'Mỏ Cày Nam')``; ``'Phường 14'`` -> ``('phường', '14')``."""
    for word, canon in _TYPES:
        if full[: len(word) + 1].lower() == word.lower() + " ":
            return canon, full[len(word) + 1:].strip()
    raise ValueError(f"no type word in {full!r}")


def key(name: str) -> str:
    """Accent-free lower-case key without spaces, as the package's keywords: ``'Bình Khánh'`` -> ``'binhkhanh'``."""
    s = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^0-9a-z]", "", s)


_TYPE_KEYS = ("thanhpho", "thitran", "phuong", "thixa", "huyen", "quan", "tinh", "tp", "tx", "xa")


def _aliases(raw: str | None, own_name: str, extra: list[str] | None = None) -> str:
    """Former names merged into a unit, as accent-free keys (``'binhkhanhtay'``), type word dropped.

    The package lists each former name twice, with and without its type word
    (``'xabinhkhanhtay', 'binhkhanhtay'``); the unit's own name under another
    type (``'huyenquevo'`` for thị xã Quế Võ) is not a former name.
    """
    if not raw and not extra:
        return ""
    own = key(own_name)
    keys = [key(k) for k in json.loads(raw or "[]")] + list(extra or [])
    out: set[str] = set()
    for k in keys:
        if any(o != k and k.endswith(o) for o in keys):
            continue  # the long form of another key
        for t in _TYPE_KEYS:
            if k.startswith(t) and k[len(t):] in (own, *keys):
                k = k[len(t):]
                break
        if k and k != own:
            out.add(k)
    return ",".join(sorted(out))


def _clean_tsv(s: str) -> str:
    if "\t" in s or "\n" in s:
        raise ValueError(f"tab or newline in {s!r}")
    return s


def build() -> str:
    import vietnamadminunits

    pkg_dir = Path(vietnamadminunits.__file__).resolve().parent
    db_path = pkg_dir / "data" / "dataset.db"
    conv_path = pkg_dir / "data" / "converter_2025.json"
    version = metadata.version("vietnamadminunits")
    digest = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in (db_path, conv_path)
    }

    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    legacy = con.execute(
        "SELECT province, district, ward, provinceCode, districtCode, wardCode, "
        "provinceKey, districtKey, wardKey, "
        "provinceAlias, districtAlias, wardAlias "
        "FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"
    ).fetchall()
    new = con.execute(
        "SELECT province, ward, provinceCode, wardCode, provinceKey, wardKey, provinceAlias "
        "FROM admin_units ORDER BY provinceCode, wardCode"
    ).fetchall()
    con.close()
    conv = json.loads(conv_path.read_text(encoding="utf-8"))

    # ---- the 2025 units, and key -> code tables for the successor mapping
    new_prov_code: dict[str, str] = {}
    new_ward_code: dict[tuple[str, str], str] = {}
    q_lines: dict[str, str] = {}
    w_lines: list[str] = []
    for r in new:
        new_prov_code[r["provinceKey"]] = r["provinceCode"]
        new_ward_code[(r["provinceKey"], r["wardKey"])] = r["wardCode"]
        if r["provinceCode"] not in q_lines:
            ptype, pname = split_type(r["province"])
            q_lines[r["provinceCode"]] = "\t".join(
                ["Q", r["provinceCode"], "", ptype, _clean_tsv(pname), "", "", ""]
            )
        wtype, wname = split_type(r["ward"])
        w_lines.append("\t".join(["W", r["wardCode"], r["provinceCode"], wtype, _clean_tsv(wname), "", "", ""]))

    old_to_new_prov: dict[str, str] = {}
    for new_key, old_keys in conv["DICT_PROVINCE"].items():
        for ok in old_keys:
            old_to_new_prov[ok] = new_prov_code[new_key]

    # old "province_district_ward" key -> (default new code, [other new codes])
    succ: dict[str, tuple[str, list[str]]] = {}
    for new_pkey, mapping in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wkey, old_keys in mapping.items():
            code = new_ward_code[(new_pkey, new_wkey)]
            for ok in old_keys:
                succ[ok] = (code, [])
    for new_pkey, mapping in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for ok, wards in mapping.items():
            codes = [new_ward_code[(new_pkey, w["newWardKey"])] for w in wards]
            default = next(
                (new_ward_code[(new_pkey, w["newWardKey"])] for w in wards if w["isDefaultNewWard"]),
                codes[0],
            )
            succ[ok] = (default, sorted(c for c in set(codes) if c != default))

    # ---- the legacy units
    p_lines: dict[str, str] = {}
    d_lines: dict[str, str] = {}
    c_lines: list[str] = []
    for r in legacy:
        pc, dc, wc = r["provinceCode"], r["districtCode"], r["wardCode"]
        if pc not in p_lines:
            ptype, pname = split_type(r["province"])
            p_lines[pc] = "\t".join([
                "P", pc, "", ptype, _clean_tsv(pname), old_to_new_prov[r["provinceKey"]], "",
                _aliases(r["provinceAlias"], pname, EXTRA_ALIASES.get(("P", pc))),
            ])
        old_key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"
        if dc not in d_lines:
            dtype, dname = split_type(r["district"])
            # districts without communes (islands) went whole to one 2025 special zone
            dsucc = succ[old_key][0] if not r["ward"] else ""
            d_lines[dc] = "\t".join([
                "D", dc, pc, dtype, _clean_tsv(dname), dsucc, "",
                _aliases(r["districtAlias"], dname, EXTRA_ALIASES.get(("D", dc))),
            ])
        if not r["ward"]:
            continue
        wtype, wname = split_type(r["ward"])
        default, others = succ[old_key]
        c_lines.append("\t".join([
            "C", wc, dc, wtype, _clean_tsv(wname), default, ",".join(others),
            _aliases(r["wardAlias"], wname),
        ]))

    header = [
        "# Gazetteer of Vietnam's administrative units, before and after the 2025 reorganisation.",
        "# GENERATED FILE - do not edit. Built by scripts/build_gazetteer.py from the installed",
        f"# PyPI package vietnamadminunits=={version} (data/dataset.db tables admin_units_legacy and",
        "# admin_units; data/converter_2025.json for successors);",
        f"# source sha256[:16]: dataset.db {digest['dataset.db']}, converter_2025.json {digest['converter_2025.json']}.",
        "# Rebuild: .venv/bin/python scripts/build_gazetteer.py",
        f"# Counts: {len(p_lines)} provinces, {len(d_lines)} districts, {len(c_lines)} communes (pre-2025);",
        f"#         {len(q_lines)} provinces, {len(w_lines)} communes (from 2025-07-01).",
        "# Columns (tab-separated): kind, code, parent, type, name, successor, other_successors, aliases",
        "#   kind P = pre-2025 province: successor = code of the 2025 province it went to",
        "#   kind D = pre-2025 district, parent = province code; successor set only for districts",
        "#            without communes (islands), = code of the 2025 special zone",
        "#   kind C = pre-2025 commune/ward/town, parent = district code; successor = code of the",
        "#            2025 commune it went to (the package's default one when it was split),",
        "#            other_successors = the other 2025 communes it was split among (comma-separated)",
        "#   kind Q = 2025 province; kind W = 2025 commune/ward/special zone, parent = province code",
        "#   name = official name without the type word; type = lower-case type word",
        "#   aliases = former names merged into the unit, as accent-free keys (comma-separated);",
        "#            the package's, plus EXTRA_ALIASES of the script (Thừa Thiên Huế)",
        "# meta\tvietnamadminunits\t" + version,
    ]
    body = list(p_lines.values()) + list(d_lines.values()) + c_lines + list(q_lines.values()) + w_lines
    return "\n".join(header + body) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="only compare with the existing file")
    args = ap.parse_args(argv)
    text = build()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; rebuild with scripts/build_gazetteer.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text.encode('utf-8'))} bytes, {text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
