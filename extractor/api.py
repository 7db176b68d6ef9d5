"""The public API: a few typed functions over the pipeline."""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from typing import Any, Union

from extractor.context import Meta
from extractor.pipeline import run
from extractor.records import Article
from extractor.resolve import to_article
from extractor.text.repair import fix_text

DateLike = Union[dt.date, str, None]

DEFAULT_MAX_CHARS = 1_000_000  # the batch's default too (``vnextract extract --max-chars``)


class TextTooLarge(ValueError):
    """The text is longer than ``max_chars``: refused before any work (pass a larger
    ``max_chars``, or ``None``, to extract it anyway)."""

    def __init__(self, chars: int, max_chars: int):
        super().__init__(f"text of {chars:,} characters is over the limit of {max_chars:,} "
                         f"(raise it with max_chars=)")
        self.chars, self.max_chars = chars, max_chars


def coerce_date(value: DateLike) -> dt.date | None:
    """A given ``published``: a date, an ISO string or ``dd/mm/yyyy``.

    >>> coerce_date("2023-12-21"), coerce_date("21/12/2023"), coerce_date("2023-12-21T08:00:00+07:00")
    (datetime.date(2023, 12, 21), datetime.date(2023, 12, 21), datetime.date(2023, 12, 21))
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    from extractor.grammar.dates import find_dates

    # A written day, month and year only: "hôm qua" would make the record depend on the run's day.
    for d in find_dates(s):
        if d.day and d.month and d.year:
            try:
                return dt.date(d.year, d.month, d.day)
            except ValueError:
                break
    raise ValueError(f"published: cannot read a date (day, month and year) from {value!r}")


def extract(text: str, *, id: str | None = None, url: str | None = None,
            title: str | None = None, published: DateLike = None, author: str | None = None,
            ner: bool = True, warnings: list[str] | None = None, repair: bool = True,
            max_chars: int | None = DEFAULT_MAX_CHARS) -> Article:
    """Extract the record of one article.

    Given ``title``, ``published`` and ``author`` win over those read from the text; ``warnings`` (from a
    reader's repairs) are carried into the record's ``warnings``.  With ``repair`` (the default) mojibake
    and legacy TCVN3/VNI text are repaired first (:func:`extractor.text.repair.fix_text`), each repair noted
    in ``warnings``.  A text over ``max_chars`` characters (default 1,000,000; ``None``: no limit)
    raises :class:`TextTooLarge` at once.

    >>> extract("Đồng chí Lê Văn Hai dự hội nghị. " * 10, max_chars=100)
    Traceback (most recent call last):
    ...
    extractor.api.TextTooLarge: text of 330 characters is over the limit of 100 (raise it with max_chars=)
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if max_chars and len(text) > max_chars:
        raise TextTooLarge(len(text), max_chars)
    notes: list[str] = []
    if repair:
        text, notes = fix_text(text)
    meta = Meta(id=None if id is None else str(id), url=url, title=None if title is None else str(title), published=coerce_date(published), author=author,
                warnings=list(warnings or []) + notes)
    return to_article(run(text, meta, ner=ner))


def _item_kwargs(item: str | dict[str, Any]) -> dict[str, Any]:
    if isinstance(item, str):
        return {"text": item}
    if item.get("text") is None and (item.get("html") is not None or item.get("data") is not None):
        from extractor.io.readers import prepare  # decodes bytes, reads HTML; the input's own values win

        item = prepare(item)
    return {k: item.get(k) for k in ("text", "id", "url", "title", "published", "author", "warnings")}


def _extract_item(item: str | dict[str, Any]) -> Article:
    kw = _item_kwargs(item)
    return extract(kw.pop("text"), **{k: v for k, v in kw.items() if v is not None})


def extract_many(items: Iterable[str | dict[str, Any]], n_process: int = 1) -> Iterator[Article]:
    """Extract many articles (str, or dicts with ``text`` and optional ``id``, ``url``, ``title``,
    ``published``), yielding Articles in input order.  ``n_process > 1`` uses worker processes;
    ``-1`` all cores.  An item that fails raises; the batch runner (``extractor.batch.pool``) turns
    failures into error rows instead.
    """
    if n_process == -1:
        n_process = os.cpu_count() or 1
    if n_process <= 1:
        for item in items:
            yield _extract_item(item)
        return
    import multiprocessing as mp

    with mp.get_context("spawn" if os.name == "nt" else "fork").Pool(n_process) as pool:
        yield from pool.imap(_extract_item, items, chunksize=8)
