"""vn-news-extractor: structured, checkable records from Vietnamese local-government news.

>>> import extractor
>>> a = extractor.extract("Đồng chí Nguyễn Văn An, Bí thư Đảng ủy xã dự hội nghị.")
>>> a.officials[0].name, a.officials[0].roles[0].title
('Nguyễn Văn An', 'Bí thư')
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.api import extract, extract_many
from extractor.grammar.date_expressions import parse_date
from extractor.grammar.numbers import parse_number
from extractor.records import Article, Location, Meeting, Official, Percentage, Quantity, Role, Span, Target

if TYPE_CHECKING:  # pandas comes with the `parquet` extra only
    import pandas as pd

def to_frames(articles: Iterable[Any]) -> dict[str, pd.DataFrame]:
    """Tidy pandas DataFrames (articles, meetings, officials, targets, percentages, quantities)."""
    from extractor.io.tables import to_frames as _to_frames

    return _to_frames(articles)


def link(run: str | Path, fmt: str | None = None, write: bool = True, threshold: float | None = None,
         engine: str = "rules") -> dict[str, pd.DataFrame]:
    """Link the officials of an extract run (Parquet folder or DuckDB file) across articles and write
    ``mentions``, ``people``, ``tenures`` and ``panel`` beside its tables (see :mod:`extractor.linking`)."""
    from extractor.linking import link as _link

    return _link(run, fmt=fmt, write=write, threshold=threshold, engine=engine)


__all__ = [
    "Article",
    "Location",
    "Meeting",
    "Official",
    "Percentage",
    "Quantity",
    "Role",
    "Span",
    "Target",
    "extract",
    "extract_many",
    "link",
    "parse_date",
    "parse_number",
    "to_frames",
]
__version__ = "0.1.0"
