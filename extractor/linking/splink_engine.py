"""The same linking with splink's Fellegi-Sunter model in place of the fixed weights (optional).

``vnextract link --engine splink`` / ``link(run, engine="splink")``; needs the ``link`` extra
(``pip install "vn-news-extractor[link]"``).  The candidate pairs are those of
:func:`extractor.linking.blocking.candidate_pairs` (registered with splink as its blocked pairs),
the comparisons are the evidence of :func:`~extractor.linking.match.evidence_sql` as splink
comparison levels, ``u`` is estimated by random sampling, ``m`` by expectation maximisation over
the pairs with the same folded name, and the pair's ``match_weight`` is its score; the clustering
is the same constrained one (splink's own clustering cannot keep two officials of one article
apart across thousands of articles).  Where EM cannot run (too few pairs), the prior ``m``/``u``
below are kept.  On the project's gold this does worse than the fixed weights (see the report),
so it is not the default.
"""
from __future__ import annotations

import logging

import pandas as pd

from extractor.linking.blocking import SEAT_COLUMNS, candidate_pairs, connect

THRESHOLD = 0.0  # match weight 0: match probability 1/2


def _level(sql: str, label: str, m: float, u: float, null: bool = False) -> dict:
    d = {"sql_condition": sql, "label_for_charts": label, "m_probability": m, "u_probability": u}
    if null:
        d = {"sql_condition": sql, "label_for_charts": label, "is_null_level": True}
    return d


def _overlap(col: str) -> str:
    return f"len(list_intersect({col}_l, {col}_r)) > 0"


def _disjoint(col: str) -> str:
    return f"len({col}_l) > 0 AND len({col}_r) > 0 AND len(list_intersect({col}_l, {col}_r)) = 0"


def comparisons() -> list[dict]:
    seat = " OR ".join(f"({_disjoint(c)})" for c in SEAT_COLUMNS)
    return [
        {"output_column_name": "name", "comparison_levels": [
            _level("key_l = key_r", "same folded name", 0.9, 0.001),
            _level("list_contains(variants_l, key_r) OR list_contains(variants_r, key_l)", "without a middle name",
                   0.1, 0.0005),
            _level("ELSE", "other", 0.001, 0.9985)]},
        {"output_column_name": "place", "comparison_levels": [
            _level("len(prov_q_l) = 0 OR len(prov_q_r) = 0", "unplaced", None, None, null=True),
            _level(f"{_overlap('communes')} OR {_overlap('districts')}", "a district or commune in common", 0.7, 0.01),
            _level(f"{_overlap('prov_p')} OR ((len(prov_p_l) = 0 OR len(prov_p_r) = 0) AND {_overlap('prov_q')})",
                   "same province", 0.28, 0.05),
            _level("ELSE", "other province", 0.02, 0.94)]},
        {"output_column_name": "district", "comparison_levels": [
            _level("len(seat_district_l) = 0 OR len(seat_district_r) = 0", "no district seat", None, None, null=True),
            _level(_overlap("seat_district"), "same district", 0.8, 0.05),
            _level("ELSE", "other district", 0.2, 0.95)]},
        {"output_column_name": "lane", "comparison_levels": [
            _level("len(lanes_l) = 0 OR len(lanes_r) = 0", "no seat", None, None, null=True),
            _level(_overlap("lanes"), "same body and level", 0.7, 0.1),
            _level("ELSE", "other", 0.3, 0.9)]},
        {"output_column_name": "post", "comparison_levels": [
            _level(_overlap("posts"), "same post", 0.5, 0.02),
            _level("ELSE", "other", 0.5, 0.98)]},
        {"output_column_name": "colleagues", "comparison_levels": [
            _level("len(list_intersect(colleagues_l, colleagues_r)) >= 2", "two or more", 0.2, 0.0001),
            _level("len(list_intersect(colleagues_l, colleagues_r)) = 1", "one", 0.3, 0.005),
            _level("ELSE", "none", 0.5, 0.9949)]},
        {"output_column_name": "same_year_seats", "comparison_levels": [
            _level(f"year_l IS NOT NULL AND year_l = year_r AND ({seat})", "two seats in one year", 0.005, 0.2),
            _level("ELSE", "other", 0.995, 0.8)]},
    ]


def score_pairs_splink(mentions: pd.DataFrame, train: bool = True) -> pd.DataFrame:
    """Candidate pairs of ``mentions`` with splink's ``match_weight`` as ``score``."""
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.ERROR)
    con = connect()
    cols = ["mid", "article_id", "key", "variants", "year", "prov_p", "prov_q", "communes", "districts", *SEAT_COLUMNS, "posts",
            "lanes", "colleagues"]
    con.register("m_in", mentions[cols])
    con.execute("CREATE OR REPLACE TABLE m AS SELECT * FROM m_in")
    con.unregister("m_in")
    pairs = con.execute(candidate_pairs(con)).df()
    art = mentions["article_id"].tolist()
    pairs = pairs[[art[int(a)] != art[int(b)] for a, b in zip(pairs["l"], pairs["r"])]]
    if not len(pairs):
        return pd.DataFrame({"l": [], "r": [], "score": []})
    db = DuckDBAPI(con)
    df = db.register("m", table_name="mentions_in")
    settings = SettingsCreator(link_type="dedupe_only", unique_id_column_name="mid", comparisons=comparisons(),
                               probability_two_random_records_match=max(1e-6, 1.0 / max(2, len(mentions))))
    linker = Linker(df, settings, log_level=None)
    if train:
        try:
            linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
            linker.training.estimate_parameters_using_expectation_maximisation(
                block_on("key"), record_sample_proportion=1.0)
        except Exception:  # too few pairs for a level: keep the priors
            pass
    bp = pd.DataFrame({"match_key": "0", "join_key_l": pairs["l"].astype("int64"),
                       "join_key_r": pairs["r"].astype("int64")})
    linker.table_management.register_blocked_pairs_for_predict(db.register(bp, table_name="blocked_pairs"))
    pred = linker.inference.predict().as_pandas_dataframe()
    out = pd.DataFrame({"l": pred["mid_l"].astype("int64"), "r": pred["mid_r"].astype("int64"),
                        "score": pred["match_weight"].astype(float)})
    con.close()
    return out


__all__ = ["THRESHOLD", "comparisons", "score_pairs_splink"]
