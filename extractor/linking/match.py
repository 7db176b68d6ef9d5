"""Linking mentions into people: blocking, pair evidence and a constrained clustering.

1. **Blocking** (DuckDB SQL): two mentions are compared only when one's folded name equals the
   other's name or one of its drop-a-middle-name variants, *and* they share a 2025 province code
   or a co-mentioned colleague, or one of them has no place (a central-level official).  Blocks
   are keyed on (name, province) and (name, colleague), so a common name is split by province
   and the pairs grow with the square of a name's mentions *within one province*, not overall.
2. **Evidence** (SQL over the pairs): place codes (a shared commune, a shared district, the same
   province, two different provinces, two districts or communes of one province), the same post
   (title, body, level, unit) or lane (body and level), a jump from commune to province,
   co-mentioned colleagues, two seats at one level in different units in the same year (two
   people), a name written without its middle syllable.  Each adds a weight (:data:`WEIGHTS`, log-odds in spirit:
   positive for evidence of one person, negative against); the pair's score is their sum.
3. **Clustering** (Python, union-find): pairs at or above the threshold are merged in order of
   score, except when the merge would put two mentions of one article in one person, or join
   names that cannot be one person's (``Nguyễn Văn An`` and ``Nguyễn Thị An`` through the
   middle-less ``Nguyễn An``), or seat one person in two units of one level in one year (the
   chain check single linkage lacks).  So same name, two provinces, nothing shared: two people.

The same SQL runs on Spark (``scripts/bench_link.py`` tells how); the clustering works on the
edges alone.
"""
from __future__ import annotations

import hashlib
from collections import Counter

import pandas as pd

from extractor.linking.blocking import SEAT_COLUMNS, candidate_pairs, connect

WEIGHTS = {
    "variant": -1.0,           # one name lacks a middle syllable of the other
    "shared_commune": 3.0,     # a commune seat in common (a pre-2025 commune meets the 2025 one it went to)
    "shared_district": 1.5,    # a district in common (a commune's district counts)
    "other_district": -3.0,    # both seated in districts, none in common
    "same_lane": 1.5,          # a seat of the same body at the same level (a transfer keeps its lane)
    "other_commune": -3.5,     # both seated in communes (one system), none in common, not in one lane
    "level_jump": -2.0,        # commune seats only against province/central seats only, not in one lane
    "same_province": 2.0,
    "other_province": -3.0,    # both placed, no province in common
    "both_central": 0.5,       # both only at the central level (no place)
    "one_central": -0.5,       # one only at the central level, the other placed
    "colleague": 4.0,          # per co-mentioned colleague in common (at most 2 count)
    "same_post": 1.5,          # the same title, body, level and unit
    "seat_conflict": -6.0,     # the same year, two different units at one level
    "common_name": -1.0,       # per doubling of the name's expected namesakes in the province (at most 4)
}
THRESHOLD = 0.3

def _seat_conflict_sql() -> str:
    parts = [f"(len(a.{c}) > 0 AND len(b.{c}) > 0 AND len(list_intersect(a.{c}, b.{c})) = 0)" for c in SEAT_COLUMNS]
    return "(len(list_intersect(a.years, b.years)) > 0 AND (" + " OR ".join(parts) + "))"


def evidence_sql(pairs: str, table: str = "m", weights: dict | None = None) -> str:
    """SQL of the pairs with their evidence columns and ``score``."""
    w = {**WEIGHTS, **(weights or {})}
    return f"""
    WITH p AS ({pairs}),
    e AS (
        SELECT p.l, p.r, p.variant,
            len(list_intersect(a.communes, b.communes)) > 0 AS shared_commune,
            len(list_intersect(a.districts, b.districts)) > 0 AS shared_district,
            len(a.seat_district) > 0 AND len(b.seat_district) > 0
                AND len(list_intersect(a.seat_district, b.seat_district)) = 0 AS other_district,
            len(list_intersect(a.lanes, b.lanes)) > 0 AS same_lane,
            ((len(a.seat_commune_pre) > 0 AND len(b.seat_commune_pre) > 0
              AND len(list_intersect(a.seat_commune_pre, b.seat_commune_pre)) = 0)
             OR (len(a.seat_commune_new) > 0 AND len(b.seat_commune_new) > 0
              AND len(list_intersect(a.seat_commune_new, b.seat_commune_new)) = 0)) AS other_commune,
            (a.reach = 'commune' AND b.reach = 'upper') OR (a.reach = 'upper' AND b.reach = 'commune') AS level_jump,
            (len(list_intersect(a.prov_p, b.prov_p)) > 0
             OR ((len(a.prov_p) = 0 OR len(b.prov_p) = 0) AND len(list_intersect(a.prov_q, b.prov_q)) > 0))
                AS same_province,
            len(a.prov_q) > 0 AND len(b.prov_q) > 0 AS both_placed,
            a.central AND b.central AS both_central,
            (len(a.prov_q) = 0) <> (len(b.prov_q) = 0) AS one_unplaced,
            least(len(list_intersect(a.colleagues, b.colleagues)), 2) AS colleagues,
            len(list_intersect(a.posts, b.posts)) > 0 AS same_post,
            {_seat_conflict_sql()} AS seat_conflict,
            greatest(a.namesakes, b.namesakes) AS common_name
        FROM p JOIN {table} a ON a.mid = p.l JOIN {table} b ON b.mid = p.r
        WHERE len(list_intersect(a.articles, b.articles)) = 0
    )
    SELECT *,
        (CASE WHEN variant THEN {w['variant']} ELSE 0 END
         + CASE WHEN shared_commune THEN {w['shared_commune']} ELSE 0 END
         + CASE WHEN shared_district THEN {w['shared_district']} ELSE 0 END
         + CASE WHEN other_district THEN {w['other_district']} ELSE 0 END
         + CASE WHEN same_lane THEN {w['same_lane']} ELSE 0 END
         + CASE WHEN other_commune AND NOT same_lane THEN {w['other_commune']} ELSE 0 END
         + CASE WHEN level_jump AND NOT same_lane THEN {w['level_jump']} ELSE 0 END
         + CASE WHEN same_province THEN {w['same_province']}
                WHEN both_placed THEN {w['other_province']} ELSE 0 END
         + CASE WHEN both_central THEN {w['both_central']} WHEN one_unplaced THEN {w['one_central']} ELSE 0 END
         + colleagues * {w['colleague']}
         + CASE WHEN same_post THEN {w['same_post']} ELSE 0 END
         + CASE WHEN seat_conflict THEN {w['seat_conflict']} ELSE 0 END
         + {w['common_name']} * least(4, log2(1 + common_name))) AS score
    FROM e
    """


PROFILE_COLUMNS = ("key", "prov_p", "prov_q", "communes", "districts", *SEAT_COLUMNS, "posts", "lanes", "reach", "central")


def collapse(mentions: pd.DataFrame) -> tuple[pd.DataFrame, list[int]]:
    """Mentions with one name and the same evidence (posts, places, seats) made one node, the
    node of each mention: a person seen in many articles in one post is compared once, not once
    per pair of articles, so a block's pairs grow with its distinct profiles, not its mentions.
    A node holds its mentions' ``articles``, ``years`` and ``colleagues``; two officials of one
    article are never one node (the second goes to a node of its own)."""
    cols = ["article_id", "year", "colleagues", "variants", *PROFILE_COLUMNS]
    index: dict[tuple, int] = {}
    nodes: list[dict] = []
    node_of: list[int] = []
    for aid, year, colleagues, variants, *prof in zip(*[mentions[c].tolist() for c in cols]):
        base = tuple(tuple(v) if isinstance(v, list) else v for v in prof)
        k, dup = base, 0
        while True:
            n = index.get(k)
            if n is None or aid not in nodes[n]["arts"]:
                break
            dup += 1
            k = (base, dup)
        if n is None:
            n = index[k] = len(nodes)
            nodes.append({"arts": set(), "years": set(), "colleagues": set(), "variants": variants,
                          "prof": prof})
        node = nodes[n]
        node["arts"].add(aid)
        if year is not None and year == year:
            node["years"].add(int(year))
        node["colleagues"].update(colleagues)
        node_of.append(n)
    table = pd.DataFrame({
        "mid": range(len(nodes)),
        "articles": [sorted(x["arts"]) for x in nodes], "years": [sorted(x["years"]) for x in nodes],
        "colleagues": [sorted(x["colleagues"]) for x in nodes], "variants": [x["variants"] for x in nodes],
        **{c: [x["prof"][i] for x in nodes] for i, c in enumerate(PROFILE_COLUMNS)},
    })
    shares = NameShares(table["key"].tolist(), table["prov_q"].tolist())
    table["namesakes"] = namesakes(table, shares)
    table["colleagues"] = rare_colleagues(table, shares)
    return table, node_of


class NameShares:
    """How common a folded name is in a run: its share estimated from its parts' shares among
    the run's distinct names (family name, middle, given name: a person seen in many articles
    counts once; add-one smoothed with the vocabulary sizes of ``patterns/linking.yaml``), and
    the number of distinct names seen in each 2025 province."""

    def __init__(self, keys: list[str], provs: list[list[str]]):
        from extractor.resources import load_yaml

        distinct = set(keys)
        self.n = len(distinct)
        self.sur, self.mid, self.giv = Counter(), Counter(), Counter()
        for k in distinct:
            t = k.split()
            self.sur[t[0]] += 1
            self.giv[t[-1]] += 1
            self.mid[" ".join(t[1:-1])] += 1
        voc = load_yaml("linking.yaml").get("name_vocabulary") or {}
        self.sizes = (voc.get("family", 150), voc.get("middle", 150), voc.get("given", 1000))
        names_in: dict[str, set] = {}
        for k, ps in zip(keys, provs):
            for q in ps:
                names_in.setdefault(q, set()).add(k)
        self.in_province = {q: len(v) for q, v in names_in.items()}

    def share(self, key: str) -> float:
        t = key.split() or [""]
        parts = ((self.sur, t[0]), (self.mid, " ".join(t[1:-1])), (self.giv, t[-1]))
        out = 1.0
        for i, ((counter, part), size) in enumerate(zip(parts, self.sizes)):
            if i == 1 and len(t) <= 2:  # written without a middle name: any middle name fits
                continue
            out *= (counter[part] + 1) / (self.n + size)
        return out

    def expected(self, key: str, provs: list[str]) -> float:
        """The expected number of people named ``key`` in the province (the run, when none)."""
        d = max((self.in_province.get(q, 0) for q in provs), default=self.n)
        return self.share(key) * d


RARE = 0.5  # a co-mentioned colleague is evidence when fewer namesakes than this are expected


def namesakes(table: pd.DataFrame, shares: NameShares | None = None) -> list[float]:
    """Each row's expected number of people with its name in its province (:class:`NameShares`):
    a common name in a big run is weak evidence; in a small run every name is rare."""
    shares = shares or NameShares(table["key"].tolist(), table["prov_q"].tolist())
    return [round(shares.expected(k, ps), 4) for k, ps in zip(table["key"].tolist(), table["prov_q"].tolist())]


def rare_colleagues(table: pd.DataFrame, shares: NameShares | None = None) -> list[list[str]]:
    """Each row's colleagues whose names are rare enough in its province to tell who it is (a
    shared ``Nguyễn Văn Hùng`` at two meetings of a big province says little)."""
    shares = shares or NameShares(table["key"].tolist(), table["prov_q"].tolist())
    memo: dict[tuple, bool] = {}

    def rare(c: str, ps: list[str]) -> bool:
        k = (c, tuple(ps))
        if k not in memo:
            memo[k] = shares.expected(c, ps) < RARE
        return memo[k]

    provs = table["prov_q"].tolist()
    return [[c for c in cols if rare(c, ps)] for cols, ps in zip(table["colleagues"].tolist(), provs)]


def timelines(nodes: pd.DataFrame) -> list[dict]:
    """Each node's ``{year: seats by level}`` (for :func:`cluster`)."""
    cols = [nodes[c].tolist() for c in ("years", *SEAT_COLUMNS)]
    return [_timeline(y, seats) for y, *seats in zip(*cols)]


def score_pairs(mentions: pd.DataFrame, con=None, weights: dict | None = None) -> pd.DataFrame:
    """Every candidate pair of ``mentions`` (or of the nodes of :func:`collapse`, which have
    ``articles`` and ``years`` lists) with its evidence and score (a DataFrame)."""
    if "articles" not in mentions.columns:
        mentions = mentions.assign(articles=[[a] for a in mentions["article_id"].tolist()],
                                   years=[[] if y is None or y != y else [int(y)] for y in mentions["year"].tolist()])
    if "namesakes" not in mentions.columns:
        mentions = mentions.assign(namesakes=namesakes(mentions), colleagues=rare_colleagues(mentions))
    own = con is None
    con = con or connect()
    try:
        con.register("m_in", mentions)
        con.execute("CREATE OR REPLACE TEMP TABLE m AS SELECT * FROM m_in")
        con.unregister("m_in")
        return con.execute(evidence_sql(candidate_pairs(con)) if weights is None
                           else evidence_sql(candidate_pairs(con), weights=weights)).df()
    finally:
        if own:
            con.close()


# ------------------------------------------------------------------------------------ clustering

def compatible_names(a: str, b: str) -> bool:
    """Whether two folded names can be one person's: equal, or one is the other without some
    middle syllables (same family and given name).

    >>> compatible_names("trần thị mỹ hạnh", "trần mỹ hạnh"), compatible_names("nguyễn văn an", "nguyễn thị an")
    (True, False)
    """
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    if len(ta) > len(tb):
        ta, tb = tb, ta
    if len(ta) < 2 or ta[0] != tb[0] or ta[-1] != tb[-1] or len(ta) == len(tb):
        return False
    it = iter(tb[1:-1])
    return all(t in it for t in ta[1:-1])


def _timeline(years, seats) -> dict[int, tuple]:
    return {int(y): tuple(set(x) for x in seats) for y in years} if any(seats) else {}


def _consistent(ta: dict, tb: dict) -> bool:
    """Whether two seat timelines (year -> seats by level) can be one person's: in no year two
    seats at one level in different units."""
    if len(ta) > len(tb):
        ta, tb = tb, ta
    for y, sa in ta.items():
        sb = tb.get(y)
        if sb and any(x and z and x.isdisjoint(z) for x, z in zip(sa, sb)):
            return False
    return True


def _merge_timelines(ta: dict, tb: dict) -> dict:
    if len(ta) < len(tb):
        ta, tb = tb, ta
    for y, sb in tb.items():
        sa = ta.get(y)
        ta[y] = tuple(x | z for x, z in zip(sa, sb)) if sa else sb
    return ta


def cluster(n: int, edges: pd.DataFrame, article_of: list, key_of: list,
            threshold: float = THRESHOLD, timeline_of: list | None = None) -> list[int]:
    """A cluster label per mention (or node) ``0..n-1`` from scored edges (``l``, ``r``, ``score``):
    merged in order of score (then ids), never two mentions of one article, never incompatible
    names, never (with ``timeline_of``: each one's ``{year: seats by level}``) a person seated in
    two units of one level in one year.  ``article_of``: each one's article id, or the set of a
    node's article ids."""
    times: dict[int, dict] = {}
    parent = list(range(n))
    arts: dict[int, set] = {}
    keys: dict[int, set] = {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    good = edges[edges["score"] >= threshold]
    if len(good):
        good = good.sort_values(["score", "l", "r"], ascending=[False, True, True], kind="stable")
        for l, r in zip(good["l"].to_numpy(), good["r"].to_numpy()):
            a, b = find(int(l)), find(int(r))
            if a == b:
                continue
            sa = arts.get(a) or _as_set(article_of[a])
            sb = arts.get(b) or _as_set(article_of[b])
            if not sa.isdisjoint(sb):
                continue
            ka = keys.get(a) or {key_of[a]}
            kb = keys.get(b) or {key_of[b]}
            if ka != kb and not all(compatible_names(x, y) for x in ka for y in kb):
                continue
            if timeline_of is not None:
                ta = times.get(a) if a in times else timeline_of[a]
                tb = times.get(b) if b in times else timeline_of[b]
                if not _consistent(ta, tb):
                    continue
            if len(sa) < len(sb):
                a, b, sa, sb, ka, kb = b, a, sb, sa, kb, ka
            parent[b] = a
            arts[a] = sa | sb
            keys[a] = ka | kb
            arts.pop(b, None)
            keys.pop(b, None)
            if timeline_of is not None:
                times[a] = _merge_timelines(ta if a in times or b in times else dict(ta), tb)
                times.pop(b, None)
    return [find(i) for i in range(n)]


def _as_set(x) -> set:
    return set(x) if isinstance(x, (set, frozenset, list, tuple)) else {x}


def person_ids(mentions: pd.DataFrame, labels: list[int]) -> list[str]:
    """A stable id per cluster: a hash of its first mention (``article_id#official``)."""
    first: dict[int, str] = {}
    for lab, aid, off in zip(labels, mentions["article_id"], mentions["official"]):
        tag = f"{aid}#{int(off)}"
        if lab not in first or tag < first[lab]:
            first[lab] = tag
    ids = {lab: "p" + hashlib.sha1(tag.encode("utf-8")).hexdigest()[:12] for lab, tag in first.items()}
    return [ids[lab] for lab in labels]


def link_mentions(mentions: pd.DataFrame, threshold: float | None = None, weights: dict | None = None,
                  engine: str = "rules") -> tuple[list[str], pd.DataFrame]:
    """The person id of every mention (``mentions.mid`` must be ``0..n-1``) and the scored pairs.
    ``engine``: ``rules`` (the weights above) or ``splink`` (:mod:`extractor.linking.splink_engine`)."""
    n = len(mentions)
    if n == 0:
        return [], pd.DataFrame(columns=["l", "r", "score"])
    if engine == "splink":
        from extractor.linking.splink_engine import THRESHOLD as SPLINK_THRESHOLD
        from extractor.linking.splink_engine import score_pairs_splink

        edges = score_pairs_splink(mentions)
        threshold = SPLINK_THRESHOLD if threshold is None else threshold
        labels = cluster(n, edges, mentions["article_id"].tolist(), mentions["key"].tolist(), threshold)
    elif engine == "rules":
        nodes, node_of = collapse(mentions)
        edges = score_pairs(nodes, weights=weights)
        threshold = THRESHOLD if threshold is None else threshold
        node_labels = cluster(len(nodes), edges, nodes["articles"].tolist(), nodes["key"].tolist(), threshold,
                              timelines(nodes))
        labels = [node_labels[i] for i in node_of]
    else:
        raise ValueError(f"unknown linking engine {engine!r}: rules or splink")
    return person_ids(mentions, labels), edges


__all__ = ["THRESHOLD", "WEIGHTS", "candidate_pairs", "cluster", "compatible_names", "evidence_sql",
           "link_mentions", "person_ids", "score_pairs"]
