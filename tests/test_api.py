"""extractor.api: what extract() needs, and what it must not pull in."""
from __future__ import annotations

import subprocess
import sys
import textwrap


def test_extract_works_with_the_table_and_model_libraries_unavailable():
    # The base install is what extract() needs: pyarrow, duckdb and pandas come with the `parquet`
    # extra, spaCy sits at the edge.  Make them unimportable and extract one article.
    code = textwrap.dedent("""
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {"pyarrow", "duckdb", "pandas", "spacy"}:
                    raise ImportError(f"{name} is blocked in this test")
        sys.meta_path.insert(0, Block())
        import extractor
        a = extractor.extract("Sáng 12/3/2024, Đảng ủy xã An Phú tổ chức hội nghị; xã đạt 15/17 chỉ tiêu. "
                              "Đồng chí Lê Văn Tâm, Bí thư Đảng ủy xã chủ trì.")
        print(a.officials[0].name, a.officials[0].roles[0].title, a.targets[0].numerator, a.meetings[0].date)
        print(sorted(m for m in ("pyarrow", "duckdb", "pandas", "spacy") if m in sys.modules))
    """)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    first, loaded = res.stdout.splitlines()[:2]
    assert first == "Lê Văn Tâm Bí thư 15.0 2024-03-12"
    assert loaded == "[]"
