"""Scoring against gold records, with the contract's matching rules, and the glue baseline.

The rules are those of ``shared/spec/records.md`` ("Gold files and scoring"):
officials by name (NFC, casefold, whitespace, tone placement) and by
(name, title, level); targets by (numerator, denominator); percentages by
(value, previous); the first meeting's date and kind; the number of meetings; ``published`` and
``author`` exact, each split into "stated" and "none may be invented".
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.evaluation.keys import text_key


def _words(value: Any) -> set[str]:
    return set(text_key(value).replace(",", " ").split())


def similar(a: Any, b: Any) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return not wa and not wb
    return len(wa & wb) / len(wa | wb) >= 0.5 or wa <= wb or wb <= wa


def _num(x: Any) -> float | None:
    return None if x is None else round(float(x), 4)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Counter, pred: Counter) -> None:
        common = sum((gold & pred).values())
        self.tp += common
        self.fp += sum(pred.values()) - common
        self.fn += sum(gold.values()) - common

    def row(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Rate:
    ok: int = 0
    n: int = 0

    def add(self, ok: bool) -> None:
        self.n += 1
        self.ok += bool(ok)

    def row(self) -> dict[str, Any]:
        return {"acc": round(self.ok / self.n, 4) if self.n else None, "n": self.n}


PRF_FIELDS = ("officials.name", "officials.role", "targets", "percentages")
RATE_FIELDS = ("targets.subject", "percentages.subject", "percentages.qualifier", "meetings.date", "meetings.no_date",
               "meetings.kind", "meetings.count", "published", "published.none", "author", "author.none",
               "indicator")
# Fields this module reports that ``shared/checks/score.py`` does not (the taxonomy is the project's own).
OWN_FIELDS = ("indicator", "links")  # links: pairwise links of gold person_ids (extractor.linking)


def _roles(o: dict) -> list[tuple[str, str]]:
    out = []
    for r in o.get("roles") or []:
        if isinstance(r, str):
            out.append((text_key(r).split(" ")[0] if r else "", ""))
        else:
            out.append((text_key(r.get("title")), text_key(r.get("level"))))
    return out


def _role_texts(officials: list[dict]) -> dict[tuple, list[tuple[str, str]]]:
    """Each scored role key (name, title, level) -> (title, text) of the roles behind it, in order."""
    out: dict[tuple, list[tuple[str, str]]] = {}
    for o in officials:
        for r, key in zip(o.get("roles") or [], _roles(o)):
            if isinstance(r, str):
                title, text = r, r
            else:
                title, text = r.get("title") or "", r.get("text") or r.get("title") or ""
            out.setdefault((text_key(o.get("name")),) + key, []).append((title, " ".join(str(text).split())))
    return out


def _role_errors(gid: str, gold_off: list[dict], pred_off: list[dict], gr: Counter, pr: Counter) -> list[str]:
    """One line per missed and per extra role: who, the canonical title and level, the role as written.

    A role whose title is right but whose level is not shows as one miss and one extra of the
    same person, side by side."""
    names = {text_key(o.get("name")): o.get("name") for o in pred_off + gold_off}
    lines = []
    for what, diff, offs in (("missed", gr - pr, gold_off), ("extra", pr - gr, pred_off)):
        texts = _role_texts(offs)
        for key in sorted(diff):
            name, title, level = key
            got = texts.get(key, [])
            # the copies in the other side are matched first: show the last ones
            for shown, text in got[len(got) - diff[key]:] or [(title, "")] * diff[key]:
                lines.append(f"[{gid}] role {what:6s} {names.get(name, name)}: {shown or '-'} @{_level_shown(offs, key) or '-'}  «{text}»")
    return lines


def _level_shown(officials: list[dict], key: tuple) -> str | None:
    """The level of ``key`` as its record writes it (the key's form moves tone marks)."""
    for o in officials:
        for r in o.get("roles") or []:
            if isinstance(r, dict) and text_key(r.get("level")) == key[2] and r.get("level"):
                return r["level"]
    return key[2]


@dataclass
class Report:
    fields: dict[str, dict] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    articles: dict[str, int] = field(default_factory=dict)


def score(gold: dict[str, dict], pred: dict[str, dict]) -> Report:
    """Field-by-field scores of ``pred`` against ``gold`` (both keyed by article id)."""
    m = {k: Counts() for k in PRF_FIELDS}
    r = {k: Rate() for k in RATE_FIELDS}
    errs: list[str] = []
    missing = failed = 0
    for gid, g in gold.items():
        p = pred.get(gid)
        if p is None:
            missing += 1
            p = {}
        if "error" in p:
            failed += 1
        if "officials" in g:
            gn = Counter(text_key(o["name"]) for o in g["officials"])
            pn = Counter(text_key(o.get("name")) for o in p.get("officials") or [])
            m["officials.name"].add(gn, pn)
            gr = Counter((text_key(o["name"]),) + t for o in g["officials"] for t in _roles(o))
            pr = Counter((text_key(o.get("name")),) + t for o in p.get("officials") or [] for t in _roles(o))
            m["officials.role"].add(gr, pr)
            if gn != pn:
                errs.append(f"[{gid}] officials missed={sorted((gn - pn).elements())} extra={sorted((pn - gn).elements())}")
            if gr != pr:
                errs.extend(_role_errors(gid, g["officials"], p.get("officials") or [], gr, pr))
        if "targets" in g:
            key = lambda t: (_num(t.get("numerator")), _num(t.get("denominator")))
            gt = Counter(key(t) for t in g["targets"])
            pt = Counter(key(t) for t in p.get("targets") or [])
            m["targets"].add(gt, pt)
            if gt != pt:
                errs.append(f"[{gid}] targets missed={sorted((gt - pt).elements(), key=str)} extra={sorted((pt - gt).elements(), key=str)}")
            pmap: dict = {}
            for t in p.get("targets") or []:
                pmap.setdefault(key(t), t)
            for t in g["targets"]:
                hit = pmap.get(key(t))
                if hit is not None and "indicator" in t:
                    _indicator(r, errs, gid, "target", key(t), t, hit)
                if hit is not None and t.get("subject") is not None:
                    ok = similar(t["subject"], hit.get("subject"))
                    r["targets.subject"].add(ok)
                    if not ok:
                        errs.append(f"[{gid}] target subject {key(t)} gold={t['subject']!r} pred={hit.get('subject')!r}")
        if "percentages" in g:
            key = lambda x: (_num(x.get("value")), _num(x.get("previous")))
            gp = Counter(key(x) for x in g["percentages"])
            pp = Counter(key(x) for x in p.get("percentages") or [])
            m["percentages"].add(gp, pp)
            if gp != pp:
                errs.append(f"[{gid}] percentages missed={sorted((gp - pp).elements(), key=str)} extra={sorted((pp - gp).elements(), key=str)}")
            pm: dict = {}
            for x in p.get("percentages") or []:
                pm.setdefault(key(x), []).append(x)
            for x in g["percentages"]:
                cands = pm.get(key(x)) or []
                if not cands:
                    continue
                hit = cands.pop(0)
                if "indicator" in x:
                    _indicator(r, errs, gid, "percentage", key(x), x, hit)
                if x.get("qualifier"):
                    ok = x["qualifier"] == hit.get("qualifier")
                    r["percentages.qualifier"].add(ok)
                    if not ok:
                        errs.append(f"[{gid}] qualifier {key(x)} gold={x['qualifier']} pred={hit.get('qualifier')}")
                if x.get("subject") is not None:
                    ok = similar(x["subject"], hit.get("subject"))
                    r["percentages.subject"].add(ok)
                    if not ok:
                        errs.append(f"[{gid}] percentage subject {key(x)} gold={x['subject']!r} pred={hit.get('subject')!r}")
        if any("indicator" in q for q in g.get("quantities") or []):
            qkey = lambda q: (_num(q.get("value")), text_key(q.get("unit")))
            qm: dict = {}
            for q in p.get("quantities") or []:
                qm.setdefault(qkey(q), []).append(q)
            for q in g["quantities"]:
                cands = qm.get(qkey(q)) or []
                if cands and "indicator" in q:
                    _indicator(r, errs, gid, "quantity", qkey(q), q, cands.pop(0))
        if "meetings" in g:
            gm = g["meetings"][0] if g["meetings"] else {}
            pm0 = (p.get("meetings") or [{}])[0] if p.get("meetings") else {}
            r["meetings.date" if gm.get("date") else "meetings.no_date"].add(gm.get("date") == pm0.get("date"))
            if gm:
                ok = text_key(gm.get("kind")) == text_key(pm0.get("kind"))
                r["meetings.kind"].add(ok)
                if not ok:
                    errs.append(f"[{gid}] meeting kind gold={gm.get('kind')} pred={pm0.get('kind')}")
            # as many meetings as the article reports: a back-reference to the same meeting is not another
            n_gold, n_pred = len(g["meetings"] or []), len(p.get("meetings") or [])
            r["meetings.count"].add(n_gold == n_pred)
            if n_gold != n_pred:
                errs.append(f"[{gid}] meetings gold={n_gold} pred={n_pred}")
            if gm.get("date") != pm0.get("date"):
                errs.append(f"[{gid}] meeting date gold={gm.get('date')} pred={pm0.get('date')}")
        for k in ("published", "author"):
            if k in g:
                ok = text_key(g[k]) == text_key(p.get(k))
                r[k if g[k] else k + ".none"].add(ok)
                if not ok:
                    errs.append(f"[{gid}] {k} gold={g[k]!r} pred={p.get(k)!r}")
    rep = Report()
    rep.fields = {k: v.row() for k, v in m.items()}
    rep.fields.update({k: v.row() for k, v in r.items()})
    rep.errors = errs
    rep.articles = {"gold": len(gold), "missing": missing, "errors": failed}
    if any(o.get("person_id") for g in gold.values() for o in g.get("officials") or []):
        from extractor.linking.metrics import evaluate_links  # pairwise links of the gold's person_id

        links = evaluate_links(gold, pred)
        rep.errors.extend(links.pop("errors"))
        rep.fields["links"] = links
    return rep


def _indicator(r: dict, errs: list, gid: str, what: str, key: Any, gold_item: dict, hit: dict) -> None:
    """``indicator`` accuracy over the gold items that carry one (null included), matched items only."""
    ok = gold_item.get("indicator") == hit.get("indicator")
    r["indicator"].add(ok)
    if not ok:
        errs.append(f"[{gid}] {what} indicator {key} gold={gold_item.get('indicator')} pred={hit.get('indicator')}")


# ------------------------------------------------------------------ inputs

def load_gold(path: Path) -> dict[str, dict]:
    if path.is_dir():
        items = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(path.glob("*.gold.json"))]
    elif path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else [data]
    else:
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {str(g["id"]): g for g in items}


def load_pred(path: Path) -> dict[str, dict]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[str(rec.get("id"))] = rec
    return out


def gold_inputs(gold_path: Path, gold: dict[str, dict]) -> list[dict]:
    """The article inputs behind gold records: ``ID.txt`` beside them, or ``../raw/ID.json``."""
    base = gold_path if gold_path.is_dir() else gold_path.parent
    items = []
    for gid in gold:
        txt = base / f"{gid}.txt"
        raw = base.parent / "raw" / f"{gid}.json"
        if txt.exists():
            items.append({"id": gid, "text": txt.read_text(encoding="utf-8")})
        elif raw.exists():
            r = json.loads(raw.read_text(encoding="utf-8"))
            items.append({"id": gid, "url": r.get("url"), "text": r["text"]})
        else:
            raise FileNotFoundError(f"no text for gold record {gid!r}: looked for {txt} and {raw}")
    return items


def predict(items: Iterable[dict], fn: Callable[[dict], dict] | None = None) -> dict[str, dict]:
    from extractor.batch.core import process

    out = {}
    for item in items:
        if fn is not None:
            out[item["id"]] = fn(item)
        else:
            line, _ = process(item)
            out[item["id"]] = json.loads(line)
    return out


def format_report(rep: Report, baseline: Report | None = None) -> str:
    lines = []
    head = f"{'field':24s} {'ours':>30s}" + (f"   {'baseline':>30s}" if baseline else "")
    lines.append(head)
    for k, v in rep.fields.items():
        b = baseline.fields.get(k) if baseline else None
        lines.append(f"{k:24s} {_cell(v):>30s}" + (f"   {_cell(b):>30s}" if baseline else ""))
    a = rep.articles
    lines.append(f"articles: {a['gold']} gold, {a['missing']} without a prediction, {a['errors']} errors")
    return "\n".join(lines)


def _cell(v: dict | None) -> str:
    if v is None:
        return "-"
    if "f1" in v:
        return f"P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}"
    return "n/a" if v["acc"] is None else f"acc={v['acc']:.3f} (n={v['n']})"
