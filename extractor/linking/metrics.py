"""Pairwise precision and recall of links against gold ``person_id``s.

A gold official that carries ``person_id`` is a gold mention; two gold mentions of different
articles with one ``person_id`` are a gold link.  Predicted officials are matched to the gold
ones of their article by name (the scoring key of :func:`extractor.evaluation.keys.text_key`); two
matched mentions with one predicted ``person_id`` are a predicted link.  Precision is over the
predicted links between matched mentions, recall over the gold links (``r`` among gold mentions
both extracted, ``r_e2e`` counting the gold links of mentions the extraction missed as missed).
"""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations


def has_person_ids(gold: dict[str, dict]) -> bool:
    return any(o.get("person_id") for g in gold.values() for o in g.get("officials") or [])


def _pairs(groups: dict[str, list]) -> set[tuple]:
    out = set()
    for members in groups.values():
        for a, b in combinations(sorted(members), 2):
            if a[0] != b[0]:
                out.add((a, b))
    return out


def link_scores(gold: dict[str, dict], pred: dict[str, dict], pred_person: dict[tuple[str, int], str]) -> dict:
    """``pred_person``: (article id, official index in the predicted record) -> person id."""
    from extractor.evaluation.keys import text_key

    gold_groups: dict[str, list] = defaultdict(list)
    pred_groups: dict[str, list] = defaultdict(list)
    all_gold: dict[str, list] = defaultdict(list)
    errors: list[str] = []
    for gid, g in gold.items():
        officials = [o for o in g.get("officials") or [] if o.get("person_id")]
        by_name: dict[str, list] = defaultdict(list)
        for j, o in enumerate(officials):
            all_gold[o["person_id"]].append((gid, j))
            by_name[text_key(o["name"])].append((j, o["person_id"]))
        for i, o in enumerate((pred.get(gid) or {}).get("officials") or []):
            hits = by_name.get(text_key(o.get("name")))
            if not hits:
                continue
            j, pid = hits.pop(0)
            gold_groups[pid].append((gid, j))
            p = pred_person.get((gid, i))
            if p is not None:
                pred_groups[p].append((gid, j))
    gp, pp, ap = _pairs(gold_groups), _pairs(pred_groups), _pairs(all_gold)
    tp = len(gp & pp)
    names = {}
    for gid, g in gold.items():
        for j, o in enumerate(o for o in g.get("officials") or [] if o.get("person_id")):
            names[(gid, j)] = o["name"]
    for a, b in sorted(pp - gp):
        errors.append(f"[link] false link {a[0]}:{names.get(a)} ~ {b[0]}:{names.get(b)}")
    for a, b in sorted(gp - pp):
        errors.append(f"[link] missed link {a[0]}:{names.get(a)} ~ {b[0]}:{names.get(b)}")
    p = tp / len(pp) if pp else 1.0
    r = tp / len(gp) if gp else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": len(pp) - tp, "fn": len(gp) - tp,
            "r_e2e": round(tp / len(ap), 4) if ap else 1.0, "gold_links": len(ap), "errors": errors}


def link_predictions(pred: dict[str, dict], engine: str = "rules") -> dict[tuple[str, int], str]:
    """Link predicted records (JSON dicts keyed by id) across articles: (id, official) -> person id."""
    from extractor.io.tables import to_arrow
    from extractor.linking import link_tables

    tables = {t: tab.to_pandas() for t, tab in to_arrow(pred.values()).items()}
    out = link_tables(tables, engine=engine)["mentions"]
    return {(a, int(o)): p for a, o, p in zip(out["article_id"], out["official"], out["person_id"])}


def evaluate_links(gold: dict[str, dict], pred: dict[str, dict], engine: str = "rules") -> dict:
    return link_scores(gold, pred, link_predictions(pred, engine=engine))


__all__ = ["evaluate_links", "has_person_ids", "link_predictions", "link_scores"]
