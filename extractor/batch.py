"""The batch runner: exactly one output line per input, a record or an error row."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import IO, Any, Iterable, Optional

from .api import _item_kwargs, extract
from .records import Article


@dataclass
class Summary:
    articles: int = 0
    errors: int = 0
    officials: int = 0
    targets: int = 0
    percentages: int = 0

    def add(self, art: Optional[Article]) -> None:
        if art is None:
            self.errors += 1
            return
        self.articles += 1
        self.officials += len(art.officials)
        self.targets += len(art.targets)
        self.percentages += len(art.percentages)


def process(item: dict[str, Any]) -> tuple[str, Optional[Article]]:
    """One item to one JSON line (and the Article when it succeeded)."""
    if "error" in item:
        return json.dumps({"id": item.get("id"), "error": item["error"], "source": item.get("source")},
                          ensure_ascii=False), None
    try:
        kw = _item_kwargs(item)
        text = kw.pop("text")
        if text is None:
            raise ValueError("the input has no text")
        art = extract(text, **{k: v for k, v in kw.items() if v is not None})
        line = json.dumps(art.model_dump(mode="json"), ensure_ascii=False)
        return line, art
    except Exception as e:  # one bad article must not stop the batch
        return json.dumps({"id": item.get("id"), "error": {"type": type(e).__name__, "message": str(e)[:500]},
                           "source": item.get("source")}, ensure_ascii=False), None


def run(items: Iterable[dict[str, Any]], out: IO[str] = sys.stdout) -> Summary:
    summary = Summary()
    for item in items:
        line, art = process(item)
        out.write(line + "\n")
        summary.add(art)
    return summary
