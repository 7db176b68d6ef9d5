"""CI gate: the corpus scores stay at or above the floors kept in ``tests/floors.json``,
and ``vnextract evaluate`` agrees with ``../shared/checks/score.py`` where that exists."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.evaluation import evaluate as ev

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED_SCORE = ROOT.parent / "shared" / "checks" / "score.py"


@pytest.fixture(scope="module")
def corpus_scores():
    gold = ev.load_gold(CORPUS)
    assert len(gold) >= 60
    pred = ev.predict(ev.gold_inputs(CORPUS, gold))
    return gold, pred, ev.score(gold, pred)


FLOORS = json.loads((ROOT / "tests" / "floors.json").read_text(encoding="utf-8"))
SETS = sorted(k for k in FLOORS if not k.startswith("_"))


def _in_set(gid: str, ids: str) -> bool:
    first, last = ids.split("-")
    return first <= gid <= last and len(gid) == len(first)


def test_every_corpus_article_belongs_to_a_floored_set(corpus_scores):
    gold, _, _ = corpus_scores
    loose = [g for g in gold if not any(_in_set(g, ids) for ids in SETS)]
    assert not loose, f"corpus articles outside every set of tests/floors.json: {loose}"


@pytest.mark.parametrize("ids", SETS)
def test_floors(corpus_scores, ids):
    gold, pred, _ = corpus_scores
    part = {g: v for g, v in gold.items() if _in_set(g, ids)}
    assert part, f"no corpus article in {ids}"
    rep = ev.score(part, {g: pred[g] for g in part})
    below = {}
    for field, floor in FLOORS[ids].items():
        row = rep.fields[field]
        got = row.get("f1", row.get("acc"))
        if got is None or got < floor:
            below[field] = (got, floor)
    assert not below, f"{ids}: below floor (got, floor): {below}"


def test_every_corpus_article_has_a_record(corpus_scores):
    gold, pred, rep = corpus_scores
    assert rep.articles["missing"] == 0 and rep.articles["errors"] == 0
    assert set(pred) == set(gold)


@pytest.mark.skipif(not SHARED_SCORE.exists(), reason="../shared is given to CI and developers, not to users")
def test_agrees_with_shared_scorer(corpus_scores, tmp_path):
    _, pred, rep = corpus_scores
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pred.values()), encoding="utf-8")
    out = subprocess.run([sys.executable, str(SHARED_SCORE), str(CORPUS), str(pred_file), "--json"],
                         capture_output=True, text=True, check=True)
    theirs = json.loads(out.stdout)
    # compare the fields both report: `indicator` is the project's own (its taxonomy), not the shared scorer's
    both = [f for f in rep.fields if f in theirs]
    assert set(rep.fields) - set(both) <= set(ev.OWN_FIELDS)
    assert len(both) >= 10
    for field in both:
        assert theirs[field] == rep.fields[field], field
