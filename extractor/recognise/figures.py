"""Figures: ``x/y`` targets, percentages and quantities.

Each finder scans the matching key with module-level regexes (linear: no
nested quantifiers) and checks the words around a hit against the data in
``patterns/figures.yaml``: what makes a slash figure a date, a document
number, a rate or a proportion rather than a target; what qualifies a
percentage; what marks a goal.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.context import Claims, Context
from extractor.findings import PercentFound, QuantityFound, TargetFound
from extractor.grammar.numbers import parse_number
from extractor.recognise.indicators import change_indicator, count_fits, indicator_for, phrase_at, phrase_ending
from extractor.resources import alternation as alt
from extractor.resources import load_yaml
from extractor.text.normalize import fold

# A number as news text writes it: 1.200 | 83,3 | 12.500.000 | 01 | 6.100.000đ.
# Digits and separators alternate, so the pattern cannot backtrack badly.
NUM = r"\d{1,15}(?:[.,]\d{1,15}){0,6}"

# x/y: two numbers around a slash, each optionally with a money unit or scale
# (``25,064 tỷ đồng/20,448 tỷ đồng``, ``6.100.000đ/6.100.000đ``).
_SCALE = r"(?:\s?(?:tỷ|tỉ|triệu|nghìn|ngàn)(?:\s?đồng)?|\s?đồng(?!\s?chí)|đ(?![^\W\d_]))?"
_SLASH = re.compile(
    rf"""(?<![\w/.,-])
        (?P<x>{NUM})(?P<xunit>{_SCALE})(?P<xpct>\s?%)?
        \s?/\s?
        (?P<y>{NUM})(?P<yunit>{_SCALE})(?P<ypct>\s?%)?
        (?![\w/]|[.,]\d|-\d)
    """,
    re.VERBOSE,
)
# x%: a number, an optional range, the sign (or "phần trăm").
_PERCENT = re.compile(
    rf"""(?<![\w.,])
        (?P<v1>{NUM})
        (?:\s?%?\s?(?:-|–|—|đến|tới)\s?(?P<v2>{NUM}))?
        \s?(?:%|phần\s+trăm)
    """,
    re.VERBOSE,
)
# A quantity: a number, an optional scale word, then a unit from the lexicon.
_QTY_NUM = re.compile(
    rf"""(?<![\w.,/%-])
        (?P<n>{NUM})
        (?P<scale>\s(?:tỷ|tỉ|triệu|nghìn|ngàn|trăm)(?:\s\d{{1,3}}\s(?:triệu|nghìn|ngàn|trăm))*)?
        (?![\w/%]|[.,]\d)
    """,
    re.VERBOSE,
)
_CLAUSE_BREAK = re.compile(r"[;:!?()\n]|\.(?=\s|$)|,\s|(?<!\d)\s[-–—]\s(?!\d)")
_PHRASE_BREAK = re.compile(r"[;:!?()\n]|\.(?=\s|$)")


@lru_cache(maxsize=1)
def _data():
    d = load_yaml("figures.yaml")

    qb = [(re.compile(r"(?:^|\s)(?:" + alt(q["forms"]) + r")(?:\s(?:mức|đạt|là|được|bằng|còn|ở mức))?\s*$"), q["qualifier"]) for q in d["qualifiers_before"]]
    qa = [(re.compile(r"^\s*(?:" + alt(q["forms"]) + r")\b"), q["qualifier"]) for q in d["qualifiers_after"]]
    return {
        "qb": qb,
        "qa": qa,
        "goal": re.compile(r"(?:^|[\s(])(?:" + alt(d["goal_cues"]) + r")(?=[\s,:;)]|$)"),
        "result": re.compile(r"(?:^|\s)(?:" + alt(d["result_cues"]) + r")(?=[\s,:;]|$)"),
        "dec": re.compile(r"(?:^|\s)(?:" + alt(d["decrease_words"]) + r")(?=\s|$)"),
        "inc": re.compile(r"(?:^|\s)(?:" + alt(d["increase_words"]) + r")(?=\s|$)"),
        "not_before": re.compile(r"(?:^|[\s(])(?:" + alt(d["not_target_before"]) + r")\s*[:.]?\s*$"),
        "not_after": re.compile(r"^\s*(?:" + alt(d["not_target_after"]) + r")(?=[\s,.;)]|$)"),
        "never": set(d["never_targets"]),
        "basis": re.compile(r"\s?(?:(?:" + alt(d["basis_lead"]) + r")\s)?(?P<form>" + alt(f for b in d["basis"] for f in b["forms"])
                            + r"|năm\s(?:19|20)\d{2})(?=[\s,.;:)]|$)"),
        "basis_of": {f: b["basis"] for b in d["basis"] for f in b["forms"]},
        "unit_list": re.compile(r",\s(?:" + alt(d["units"]) + r")(?=[\s.;:)]|$)"),
        "units_with_place": set(d["units_with_place"]),
        "unit_place": re.compile(r"\s(?:" + alt(d["places_of_units"]) + r")(?=[\s,.;:)]|$)"),
        "after_money": re.compile(r"\s(?:" + alt(d["after_bare_money"]) + r")(?=[\s,.;:]|$)"),
        "counted_before": re.compile(r"(?:^|\s)(?:" + alt(d["units"]) + r")(?:\s(?:mới|đạt|được))?:?\s$"),
        "not_subject_start": re.compile(r"(?:" + alt(d["not_subject_start"]) + r")(?=\s|$)"),
        "subject_cue": re.compile(r"(?:^|\s)(?:" + alt(d["subject_after_cue"]) + r")(?=\s)"),
        "head": re.compile(r"(?:" + alt(d["list_heads"]) + r")(?=\s)"),
        "total": re.compile(r"(?:" + alt(d["total_cues"]) + r")(?=\s|$)"),
        "list_join": re.compile(r",\s(?:" + alt(d["list_nouns"]) + r")(?=[\s,.;:)]|$)"),
        "list_noun_end": re.compile(r"(?:^|\s)(?:" + alt(d["list_nouns"]) + r")$"),
        "measure_only": re.compile(r"(?:" + alt(d["measure_units"]) + r")[.,;]?"),
        "units": re.compile(r"\s?(" + alt(d["units"]) + r")(?=[\s,.;:)/]|$)"),
    }










def _clause_start(ctx: Context, pos: int, limit: int = 160) -> int:
    """Start of the clause that ``pos`` is in (after , ; : . ( or a line break)."""
    lo = max(ctx.sentence_range(pos)[0], pos - limit)
    seg = ctx.key[lo:pos]
    last = None
    for m in _CLAUSE_BREAK.finditer(seg):
        last = m
    if last is not None and ("”" in seg or '"' in seg):
        # a comma inside quotes breaks no clause: "đạt tiêu chí gia đình “5 không, 3 sạch”"
        breaks = [m for m in _CLAUSE_BREAK.finditer(seg)]
        for m in reversed(breaks):
            rest = seg[m.end():]
            if rest.count("”") <= rest.count("“") and rest.count('"') % 2 == 0:
                return lo + m.end()
        return lo
    return lo + last.end() if last else lo


def _clause_end(ctx: Context, pos: int, limit: int = 160) -> int:
    hi = min(ctx.sentence_range(pos)[1], pos + limit)
    m = _CLAUSE_BREAK.search(ctx.key, pos, hi)
    return m.start() if m else hi


def _words_after(ctx: Context, pos: int, max_words: int = 8) -> tuple[int, int]:
    """The span of up to ``max_words`` words after ``pos``, within the clause."""
    end = _clause_end(ctx, pos)
    words = list(re.finditer(r"\S+", ctx.text[pos:end]))[:max_words]
    if not words:
        return pos, pos
    return pos + words[0].start(), pos + words[-1].end()


_SUBJECT_STOP_AFTER = re.compile(
    r"\s(?:đã|đang|được|đạt|tham\s+dự|trên\s+địa\s+bàn|theo|so\s+với|bằng|với|vào|tại|trong\s+đó|đó\s+là|là|của\s+năm|thuộc|có)\b"
)
# Patterns with a repeat inside a repeat, safe only because each is applied inside a bounded window
# (the linear-time guard, tests/test_patterns_linear.py, reads this):
# window: one clause, at most 200 characters (_clause_start's 160, _paren_subject's 200)
# window: at most 200 characters after the figure
WINDOWED: dict[str, str] = {
    "_TRAILING_VERBS": "one clause, at most 200 characters",
    "_LEADING_FILLER": "one clause, at most 200 characters",
    "_ACTIVITY_TAIL": "one clause, at most 200 characters",
    "_LIST_ITEMS": "at most 200 characters after the figure",
}
_TRAILING_VERBS = re.compile(
    r"(?:\s(?:ước\s+đạt|đạt\s+được|đạt|là|chiếm|bằng|còn|ở\s+mức|được|tăng|giảm|xuống|(?<!trở\s)lên|từ|trên|hơn|dưới|khoảng|gần|"
    r"xấp\s+xỉ|ít\s+nhất|tối\s+thiểu|không\s+quá|tối\s+đa|vượt|đạt\s+tỷ\s+lệ|đạt\s+tỉ\s+lệ|đạt\s+trên|đến|mức|có|với|"
    r"bình\s+quân|hằng\s+năm|hàng\s+năm|năm\s+\d{4}|đạt\s+và\s+vượt|phấn\s+đấu|chỉ\s+mới|mới\s+đạt|(?<!chứng\s)chỉ|đã|cũng|vẫn|"
    r"tương\s+ứng|chiếm\s+tỷ\s+lệ|chiếm\s+tỉ\s+lệ|xác\s+định|đề\s+ra|trong\s+khi|nhưng))+\s*$"
)
_LEADING_FILLER = re.compile(
    r"^(?:(?:và|trong\s+đó|đặc\s+biệt|như|gồm|cụ\s+thể|trọng\s+tâm\s+như|nổi\s+bật\s+là|có|đã|toàn\s+\w+\s+có|"
    r"phấn\s+đấu|mục\s+tiêu|hằng\s+năm|hàng\s+năm|mỗi\s+năm|(?:trong\s+)?(?:\d+\s+)?(?:năm|tháng)\s+qua,?|"
    r"(?:trong\s+)?thời\s+gian\s+qua,?|(?:tính\s+)?đến\s+(?:cuối\s+|hết\s+)?(?:năm|ngày|tháng|nay)(?:\s+[\d/]+)?,?|"
    r"giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4},?|(?:trong\s+)?năm\s+\d{4},?|nhiệm\s+kỳ\s+\d{4}\s*[-–]\s*\d{4},?)\s+)+")


def _subject_before(ctx: Context, pos: int) -> tuple[int, int] | None:
    """What a figure measures when written before it: ``tỉ lệ hộ nghèo giảm từ``."""
    start = _clause_start(ctx, pos)
    seg = ctx.key[start:pos]
    m = _TRAILING_VERBS.search(" " + seg)
    cut = (m.start() - 1) if m else len(seg)
    seg = seg[: max(cut, 0)]
    cue = None
    for cue in _data()["subject_cue"].finditer(seg):
        pass
    if cue is not None and cue.end() < len(seg.rstrip()) - 1:
        # "phường phấn đấu thu ngân sách tăng bình quân 12%/năm": the actor and the cue are not the subject
        seg = " " * cue.end() + seg[cue.end():]
    lead = _LEADING_FILLER.match(seg.lstrip())
    off = len(seg) - len(seg.lstrip()) + (lead.end() if lead else 0)
    a, b = start + off, start + len(seg.rstrip())
    if b - a < 2 or not re.search(r"[^\W\d_]", ctx.text[a:b]):
        return None
    # "Tỷ lệ đảng viên đánh giá, xếp loại hoàn thành tốt nhiệm vụ trở lên 93%", "tỷ trọng công nghiệp - xây dựng 41%":
    # a comma or dash inside the noun phrase; the part before it names the measure and holds no figure of its own.
    here = start
    for _ in range(3):
        sep = re.search(r"(?:,|\s[-–])\s$", ctx.key[max(0, here - 3):here])
        if not sep or _MEASURE.match(" " + ctx.key[a:b]) or (here < start and _MEASURE.search(" " + ctx.key[a:b])):
            break
        cut = here - len(sep.group())
        p0 = _clause_start(ctx, cut)
        prev = ctx.key[p0:cut]
        p0 += len(prev) - len(prev.lstrip())
        lead = _LEADING_FILLER.match(ctx.key[p0:cut])
        p0 += lead.end() if lead else 0
        named = _MEASURE.match(" " + ctx.key[p0:cut])
        short = len(ctx.key[a:b].split()) <= 2 and len(ctx.key[p0:cut].split()) <= 5
        if re.search(r"\d", prev) or len(prev.split()) > 8 or p0 >= cut:
            break
        if named or short:
            return p0, b
        if _MEASURE.search(" " + ctx.key[a:b]):
            break
        # a middle part ("đảng viên được đánh giá"): look one part further back for the measure
        far = _clause_start(ctx, p0 - 2) if p0 >= 2 and ctx.key[p0 - 2:p0] == ", " else None
        if far is None:
            break
        seg0 = ctx.key[far:p0 - 2].strip()
        if _MEASURE.match(" " + seg0) and not re.search(r"\d", seg0) and len(seg0.split()) <= 8:
            return far + (len(ctx.key[far:p0 - 2]) - len(ctx.key[far:p0 - 2].lstrip())), b
        break
    return a, b


def _subject_after(ctx: Context, pos: int, max_words: int = 8) -> tuple[int, int] | None:
    a, b = _words_after(ctx, pos, max_words)
    if b <= a:
        return None
    seg = ctx.key[a:b]
    m = _SUBJECT_STOP_AFTER.search(" " + seg, 1)
    if m:
        b = a + max(m.start() - 1, 0)
    nxt = re.search(rf"(?:\s(?:và|hoặc|cùng))?\s(?={NUM}\s?%)", ctx.key[a:b])  # "100% hộ cận nghèo và 100% người cao tuổi"
    if nxt:
        b = a + nxt.start()
    if b - a < 2 or not re.match(r"[^\W\d_]", ctx.text[a:b]):
        return None
    return a, _whole_end(ctx, a, b)


def _whole_end(ctx: Context, a: int, b: int) -> int:
    """The end of a subject made whole: a list sharing its head (``cấp huyện, thành phố``) and a
    taxonomy phrase begun inside it (``hộ khá, giàu``, ``xã đạt chuẩn nông thôn mới``)."""
    d = _data()
    for _ in range(4):
        m = d["list_join"].match(ctx.key, b)
        if not (m and d["list_noun_end"].search(ctx.key[max(a, b - 20):b])):
            break
        b = m.end()
    for _ in range(3):  # "xã đạt chuẩn nông thôn mới" then "nông thôn mới nâng cao"
        ph = phrase_at(ctx.text, a, b)
        if not ph or ph[1] <= b:
            break
        b = ph[1]
    return b


def find_targets(ctx: Context, taken: list[tuple[int, int]]) -> list[TargetFound]:
    d = _data()
    claimed = Claims(taken)
    out: dict[tuple[float, float, str], TargetFound] = {}
    for m in _SLASH.finditer(ctx.key, 0, min(len(ctx.key), ctx.body_end)):
        s, e = m.start(), m.end()
        if claimed.overlaps(s, e):
            continue
        raw = ctx.key[s:e]
        if raw.replace(" ", "") in d["never"]:
            continue
        before = ctx.key[max(0, s - 30):s]
        after = ctx.key[e:e + 25]
        pct_pair = bool(m["xpct"])
        if d["not_before"].search(before) or (d["not_after"].match(after) and not pct_pair):
            continue
        if re.match(r"\s?/\s?\d", after) or re.search(r"\d\s?/\s?$", before):  # 3/2/2024 chains
            continue
        if (((m["xunit"] or m["yunit"]) and m["y"] == "1") or (m["xunit"] and not m["yunit"])) and re.match(r"\s[^\W\d_]", ctx.key[e:e + 2]):
            continue  # "500.000 đồng/1 người", "cho vay 1,25 tỷ đồng/25 hộ": money per a count, not a target
        if bool(m["xpct"]) != bool(m["ypct"]):
            continue  # "5%/năm" is a rate; "83,2%/50%" (achieved against planned) is a target
        x, y = parse_number(m["x"]), parse_number(m["y"])
        if x is None or y is None:
            continue
        if m["xunit"] or not _grouped(m["x"], m["y"]):
            x, y = _scaled(x, m["xunit"] or m["yunit"]), _scaled(y, m["yunit"])
        # else "45.799/36.875 tỷ đồng": thousands-grouped figures with one scale word after both are kept as written
        # codes with leading zeros: "mã số thuế 0301/234"
        if (len(m["x"]) >= 3 and m["x"].startswith("0")) or (len(m["y"]) >= 3 and m["y"].startswith("0")):
            continue
        # "Năm học 2023/2024", "vụ Đông Xuân 2023/2024": two years, not a count
        if 1900 <= x <= 2100 and 1900 <= y <= 2100 and len(m["x"]) == 4:
            continue
        # month/year: ``01/2023``, ``tháng 8/2022``
        if 1900 <= y <= 2100 and x <= 12 and len(m["y"]) == 4:
            continue
        paren = re.match(r"\s?\([^()]{0,30}\)", ctx.key[e:e + 34])
        subj = None if pct_pair else _subject_after(ctx, e + (paren.end() if paren else 0), 7)
        if subj is not None and d["not_subject_start"].match(ctx.key, subj[0]):
            subj = None
        if subj is None and re.search(r"\(\s?$", ctx.key[max(0, s - 2):s]):
            # "kết nạp 356 hội viên mới (356/300, đạt 118,7%)": what the phrase before counts
            subj = _paren_subject(ctx, s - 1 if ctx.key[s - 1] == "(" else s - 2, counted_noun=True)
            if isinstance(subj, list):
                subj = subj[-1]  # what is counted, without the activity
        if subj is None and _day_month(m["x"], m["y"]) and not d["counted_before"].search(ctx.key[max(0, s - 30):s]):
            continue  # a bare day/month with nothing counted after it is a date ("kết nạp đảng viên 4/6" counts)
        if subj is None or re.match(r"(?:đạt|bằng|=)", ctx.key[subj[0]:subj[1]]):
            subj = _subject_before(ctx, s)
        elif d["measure_only"].fullmatch(ctx.key[subj[0]:subj[1]]) or m["yunit"]:
            # "Tổng sản lượng lương thực có hạt đạt 140/165 tấn", "thu ngân sách đạt 96,2 tỷ đồng/158 tỷ đồng dự toán":
            # a unit or an amount of money; a measure named before it is what is counted
            sb = _subject_before(ctx, s)
            if sb and _MEASURE.search(" " + ctx.key[sb[0]:sb[1]]):
                subj = sb
        if subj is None:
            continue
        subject = ctx.text[subj[0]:subj[1]].strip(" ,")
        stated = _stated_percent(ctx, e)
        # One record per distinct (x, y, what is counted): a title repeat is a second mention.
        key = (x, y, _subject_key(subject))
        same = out.get(key) or next((t for k, t in out.items() if k[:2] == (x, y) and (t.start < ctx.body_start or s < ctx.body_start)), None)
        if same is not None:
            same.mentions.append((s, e))
            if same.stated_percent is None:
                same.stated_percent = stated
            continue
        found = TargetFound(s, e, x, y, subject, stated, [(s, e)])
        found.indicator = _figure_indicator(ctx, subject, "target", s, e)
        out[key] = found
    return list(out.values())


def _paren_subject(ctx: Context, open_paren: int, counted_noun: bool = False) -> tuple[int, int] | None:
    lo = max(ctx.sentence_range(open_paren)[0], open_paren - 200)
    brk = None
    for brk in _PHRASE_BREAK.finditer(ctx.key, lo, open_paren):
        pass
    end = open_paren
    while end > 0 and ctx.key[end - 1] == " ":
        end -= 1
    return _clause_head(ctx, brk.end() if brk else lo, end, counted_noun)


def _grouped(x: str, y: str) -> bool:
    """Both numbers written with thousands groups (``45.799``, ``36.875``)."""
    return all(re.fullmatch(r"\d{1,3}(?:\.\d{3})+", v) for v in (x, y))


def _day_month(x: str, y: str) -> bool:
    return x.isdigit() and y.isdigit() and 1 <= int(x) <= 31 and 1 <= int(y) <= 12


def _scaled(v: float, unit: str | None) -> float:
    """``25,064 tỷ đồng`` -> 25064000000: the scale word written with the figure (its value from
    the number lexicon, as parse_number reads it)."""
    word = re.search(r"tỷ|tỉ|triệu|nghìn|ngàn", unit or "")
    return round(v * parse_number("1 " + word.group()), 4) if word else v


def _subject_key(s: str) -> str:
    return " ".join(s.lower().split()[:1])


_STATED = re.compile(rf"^\s?(?:\(\s?(?:đạt|bằng|=|tỷ lệ|tỉ lệ)?\s?|,?\s?(?:đạt|bằng|tỷ lệ|tỉ lệ|=)\s?(?:tỷ lệ\s|tỉ lệ\s)?)(?P<p>{NUM})\s?%")


def _stated_percent(ctx: Context, end: int) -> float | None:
    """A percentage the text gives for the figure just before ``end``: ``(đạt 106%)``."""
    window = ctx.key[end:end + 60]
    # skip the subject words: "265/250 lao động (đạt 106%)", "14/18 chỉ tiêu, tỉ lệ 83,3%"
    m = _STATED.match(window)
    if not m:
        sub = re.match(r"^[^\d(,;.]{0,40}", window)
        if sub:
            m = _STATED.match(window[sub.end():])
    return parse_number(m["p"]) if m else None


_number = lru_cache(maxsize=4096)(parse_number)  # a figure repeated thousands of times is read once
_DENSE_BURST, _DENSE_CHARS = 50, 200


def find_percentages(ctx: Context) -> list[PercentFound]:
    d = _data()
    hits = []
    for m in _PERCENT.finditer(ctx.key, 0, min(len(ctx.key), ctx.body_end)):
        v1 = _number(m["v1"])
        if v1 is None:
            continue
        v2 = _number(m["v2"]) if m["v2"] else None
        if v2 is not None and v2 <= v1:
            v2 = None if v2 < v1 else None
        hits.append((m.start(), m.end(), v1, v2))
    out: list[PercentFound] = []
    by_value: dict[tuple[float, float | None], list[PercentFound]] = {}
    used = set()
    glued = None  # (end, direction, qualifier, kind, subject) of the figure before
    glued_indicator: str | None = None
    # Reading a figure's context costs a few hundred microseconds: at most _DENSE_BURST readings
    # at once, then one per _DENSE_CHARS characters, so that text dense with figures stays cheap
    # per KB; a figure over the budget is read in the context of the one before (and noted).
    budget, last_s, dense = float(_DENSE_BURST), 0, 0
    for i, (s, e, v1, v2) in enumerate(hits):
        if i in used:
            continue
        budget = min(float(_DENSE_BURST), budget + (s - last_s) / _DENSE_CHARS)
        last_s = s
        if glued is not None and glued[0] <= s and (glued[0] == s or budget < 1 or not ctx.key[glued[0]:s].strip(" \t")):
            # glued to the figure before ("1%1%1%", "5% 6%": no word between, so not the start of a
            # "từ X% xuống Y%" pair), or over the budget: read in that one's context
            dense += budget < 1
            glued = (e, *glued[1:])
            same_value = by_value.setdefault((v1, None), [])
            last = same_value[-1] if same_value else None
            if last is not None and (last.subject == glued[4] or _same_subject(last.subject, glued[4])):
                last.mentions.append((s, e))
            else:
                found = PercentFound(s, e, v1, v2, None, *glued[1:], [(s, e)])
                found.indicator = glued_indicator
                out.append(found)
                same_value.append(found)
            continue
        # "giảm từ 3,39% xuống còn 2,35%": one record, value the later figure.
        prev = None
        direction = None
        if i + 1 < len(hits):
            s2, e2, w1, _ = hits[i + 1]
            between = ctx.key[e:s2]
            if len(between) <= 40 and re.search(r"(?:xuống|lên|còn|đến|tới)\s*(?:còn|mức|đạt)?\s*(?:gần|khoảng|hơn|trên|dưới|xấp xỉ)?\s*$", between) and re.search(r"(?:^|\s)từ\s*$", ctx.key[max(0, s - 8):s]):
                prev, used_i = v1, i + 1
                used.add(used_i)
                s_first = s
                s, e, v1, v2 = s2, e2, w1, None
                window = ctx.key[max(0, s_first - 40):s]
                direction = "decrease" if d["dec"].search(window) else "increase" if d["inc"].search(window) else None
                start_for_context = s_first
            else:
                start_for_context = s
        else:
            start_for_context = s
        before = ctx.key[max(ctx.sentence_range(start_for_context)[0], start_for_context - 40):start_for_context]
        if prev is None and direction is None:
            # "giảm xuống còn 1,8%", "giảm bình quân 1,2%/năm", "nâng tỷ lệ che phủ rừng lên 45%"
            change = None
            for change in _CHANGE.finditer(ctx.key, _clause_start(ctx, start_for_context), start_for_context):
                pass
            if change is not None:
                direction = "decrease" if change.group(1) in ("giảm", "hạ") else "increase"
        qualifier = "exact"
        if prev is None:
            for rx, q in d["qb"]:
                if rx.search(before):
                    qualifier = q
                    break
            if qualifier == "at_least" and not re.search(r"(?:ít nhất|tối thiểu|không dưới|không thấp hơn)", before[-25:]):
                # bare "từ X%" is a minimum only with "trở lên"; "từ 10-12%" is a range
                qualifier = "exact"
            for rx, q in d["qa"]:
                if rx.search(ctx.key[e:e + 12]):
                    qualifier = q
        kind = _kind(ctx, start_for_context)
        subj = _percent_subject(ctx, start_for_context, e)
        if isinstance(subj, tuple):
            subj = _whole_phrase_back(ctx, subj, s)
        inherited = None
        if subj == "same":
            inherited = next((p for p in reversed(out) if p.start < s), None)
            subject = inherited.subject if inherited else None
        elif isinstance(subj, list):
            subject = " ".join(ctx.text[a:b].strip(" ,") for a, b in subj)
        else:
            subject = ctx.text[subj[0]:subj[1]].strip(" ,") if subj else None
        if subject and "%" in subject:
            subject = _after_last_figure(subject)
        leaning = None
        if subject and not inherited and out and _DEPENDENT.fullmatch(fold(subject)) \
                and ctx.sentence_range(out[-1].start) == ctx.sentence_range(s) and s - out[-1].end < 80:
            # "tốc độ tăng trưởng ... đạt 7,1%, cao hơn 0,6% so với cùng kỳ", "giảm còn 27,64%, bình quân mỗi
            # năm giảm 4,19%": a figure said of the one before it, by comparison or by year, measures what
            # that one measures (its subject stays as written)
            leaning = out[-1]
        if subject and not inherited and out and _PLAN_ONLY.fullmatch(fold(subject)) \
                and ctx.sentence_range(out[-1].start) == ctx.sentence_range(s) and s - out[-1].end < 40:
            # "tỷ lệ hộ gia đình văn hóa (đạt 92%, kế hoạch 95%)": the plan beside a result is of the
            # result's subject, and a planned level is a goal
            inherited = out[-1]
            subject = inherited.subject
            kind = "goal"
        if out and not inherited and subject:
            subject = _with_shared_head(ctx, out[-1], subject, start_for_context)
        same_value = by_value.setdefault((v1, prev), [])  # looked up by value: no scan of all found so far
        indicator = (inherited.indicator if inherited else leaning.indicator if leaning else
                     _figure_indicator(ctx, subject, "percentage", start_for_context, e))
        moved = _change_amount(ctx, s) if prev is None else None
        growth = change_indicator(indicator, moved) if indicator and moved else None
        # "giá trị sản xuất tăng 8,4%": a growth rate, an indicator of its own in the taxonomy;
        # "tỷ lệ hộ nghèo giảm 2,1%": the poverty rate's own key, the figure flagged as the amount it moved by
        indicator = growth or indicator
        change = bool(moved) and growth is None
        glued, glued_indicator = (e, direction, qualifier, kind, subject), indicator
        budget -= 1
        # the latest few of that value: a text repeating one figure thousands of times stays linear;
        # "100% hộ nghèo, 100% hộ cận nghèo": two indicators are two figures however alike the words
        dup = next((p for p in same_value[-20:] if (_same_subject(p.subject, subject) or p.start < ctx.body_start)
                    and not (p.indicator and indicator and p.indicator != indicator)
                    and not (_listed_together(ctx, p, s) and fold(p.subject or "") != fold(subject or ""))), None)
        if dup is not None:
            dup.mentions.append((s, e))
            continue
        found = PercentFound(s, e, v1, v2, prev, direction, qualifier, kind, subject, [(s, e)])
        found.basis = _basis(ctx, e)
        found.change = change
        found.indicator = indicator
        out.append(found)
        same_value.append(found)
    if dense:
        ctx.warnings.append(f"percentages: {dense} figures too dense to read each in its own context "
                            f"(more than one per {_DENSE_CHARS} characters) took the context of the one before")
    return out


# A figure inside a subject read back over it, with what joins the next item: "giảm tỷ lệ hộ nghèo
# 2-2,5% mỗi năm và | nâng tỷ lệ che phủ rừng lên 47%".
_FIGURE_IN_SUBJECT = re.compile(r"""
    \d[\d.,]{0,20}\s?%                                  # the figure of an earlier item
    (?:/năm|\s(?:mỗi|hằng|hàng)\snăm)?                   # its rate per year
    (?:\s(?:kế\shoạch|dự\stoán|chỉ\stiêu|trở\slên))?     # what it was measured against
    [\s,;]{0,3}(?:(?:và|hoặc|cùng)\s)?                   # the join
    """, re.VERBOSE)


def _after_last_figure(subject: str) -> str | None:
    """A subject never holds another figure: what follows the last one in it, else None."""
    last = None
    for last in _FIGURE_IN_SUBJECT.finditer(subject):
        pass
    rest = subject[last.end():].strip(" ,;") if last else subject
    # "tỷ lệ xã đạt chuẩn 83,2%/84%": nothing after the figure, which is this one's own pair
    return rest if any(c.isalpha() for c in rest) else subject


def _whole_phrase_back(ctx: Context, span: tuple[int, int], figure: int) -> tuple[int, int]:
    """A subject cut at a comma or dash inside one named phrase, made whole: ``nông, lâm, thủy sản``
    read as ``lâm, thủy sản``; ``công nghiệp - xây dựng`` as ``xây dựng``; and one cut before the
    words that end its phrase, read to the phrase's end (only when words stand between the subject
    and its ``figure``, so the common case costs nothing)."""
    a, b = span
    ahead = phrase_at(ctx.text, a, b) if len(ctx.key[b:figure].split()) >= 2 else None
    if ahead and ahead[0] >= a and ahead[1] > b and not _CLAUSE_MARK.search(ctx.key, b, ahead[1]):
        # "tỷ lệ hộ | có nhà tiêu hợp vệ sinh (79%": the phrase the subject opens, read to its end
        b = ahead[1]
        span = (a, b)
    lo = max(ctx.sentence_range(a)[0], a - 60)
    if not _INNER_MARK.search(ctx.key, lo, a + 1):
        return span
    start = phrase_ending(ctx.text, lo, b)
    # only across the comma or dash that cut it, never across a clause
    if start is None or start >= a or not _INNER_MARK.search(ctx.key, start, a + 1) \
            or _CLAUSE_MARK.search(ctx.key, start, a):
        return span
    head = _MEASURE_HEAD.search(ctx.key, max(lo, start - 12), start)  # "tỷ trọng | nông, lâm, thủy sản"
    return (head.start(1) if head else start, b)


_MEASURE_HEAD = re.compile(r"(?<![^\W_])((?:tỷ|tỉ)\s(?:trọng|lệ)\s)\Z")
_INNER_MARK = re.compile(r"[,\-–]")
# What a named phrase never runs across: the end of a clause, a figure, a colon.
_CLAUSE_MARK = re.compile(r"[;:.()%\n]|\d")


# A subject that is only a comparison or a per-year phrase: the figure is said of the one before.
_DEPENDENT = re.compile(r"""
    (?:cao|thấp)(?:\s+hơn)?(?:\s+(?:kế\s+hoạch|chỉ\s+tiêu|nghị\s+quyết|cùng\s+kỳ|mục\s+tiêu))?
    | (?:bình\s+quân|trung\s+bình)(?:\s+(?:mỗi|hằng|hàng)\s+năm)?
    | (?:mỗi|hằng|hàng)\s+năm
    """, re.VERBOSE)
# A subject that is only the word for a plan: the figure is the plan of the figure before it.
_PLAN_ONLY = re.compile(r"(?:theo\s)?(?:kế\shoạch|chỉ\stiêu|mục\stiêu|dự\stoán|nghị\squyết)(?:\sđề\sra|\sgiao|\snăm)?")


def _change_amount(ctx: Context, s: int) -> str | None:
    """``decrease`` or ``increase`` for a figure that is the amount a value changed by: a change verb
    earlier in its clause and no level word between (``giảm 2,1%``, ``giảm tỷ lệ hộ nghèo 3-4%/năm``,
    ``(giảm 1,12% so với``); else None."""
    a = max(_clause_start(ctx, s), s - 80)
    verb = None
    for verb in _CHANGE_VERB.finditer(ctx.key, a, s):  # the last one
        pass
    if verb is None or _LEVEL_REACHED.search(ctx.key, verb.end(), s):
        return None
    return "decrease" if verb.group(1) in ("giảm", "hạ") else "increase"


def _listed_together(ctx: Context, p: PercentFound, s: int) -> bool:
    """Two figures of one sentence, close together: items of a list, not two mentions of one figure."""
    return p.start >= ctx.body_start and ctx.sentence_range(p.start) == ctx.sentence_range(s) and s - p.end < 200


_ITEM_LEAD = re.compile(r"[,;]?\s(?:và\s)?")
_ITEM_TAIL = re.compile(r"(?:\s(?:đạt|là|chiếm|còn|ở\s+mức|khoảng|gần|trên))?\s?")


def _with_shared_head(ctx: Context, last: PercentFound, subject: str, start: int) -> str:
    """``tỷ trọng công nghiệp - xây dựng 41%, dịch vụ 35%``: a bare item of a list takes the head its
    first item wrote (``tỷ trọng dịch vụ``)."""
    if ctx.sentence_range(last.start) != ctx.sentence_range(start) or not last.subject:
        return subject
    between = ctx.key[last.end:start]
    if len(between) > len(subject) + 24:
        return subject
    lead = _ITEM_LEAD.match(between)
    rest = between[lead.end():] if lead else None
    item = fold(subject)
    if rest is None or not rest.startswith(item) or not _ITEM_TAIL.fullmatch(rest[len(item):]):
        return subject
    head = _data()["head"].match(fold(last.subject))
    if not head or _data()["head"].match(fold(subject)) or _MEASURE.match(" " + fold(subject)):
        return subject
    return last.subject[:head.end()] + " " + subject


def _same_subject(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return a == b
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) / len(wa | wb) >= 0.5


def _kind(ctx: Context, pos: int) -> str:
    d = _data()
    s0 = ctx.sentence_range(pos)[0]
    window = ctx.key[max(s0, pos - 250):pos]
    goal = None
    for goal in d["goal"].finditer(window):
        pass
    horizon = None
    for horizon in _HORIZON_YEAR.finditer(window):
        pass
    if horizon is not None and (goal is None or horizon.start() > goal.start()):
        ref = ctx.published.year if ctx.published else _latest_year(ctx)
        if ref is not None and int(horizon.group(1)) > ref and not d["result"].search(window[horizon.end():]):
            return "goal"
        if goal is None or horizon.start() > goal.end():
            return "result" if goal is None else ("result" if d["result"].search(window[goal.end():]) else "goal")
    if goal is None:
        return "result"
    after_goal = window[goal.end():]
    if d["result"].search(after_goal):
        return "result"
    return "goal"


_CHANGE = re.compile(r"(?:^|\s)(giảm|hạ|tăng|nâng)(?=\s)")
# A change verb as a word of its own (a lookbehind, not `^`: the search starts inside the text).
_CHANGE_VERB = re.compile(r"(?<![^\W_])(giảm|hạ|tăng)(?=\s)")
# Words between a change verb and its figure that make the figure the level reached ("giảm còn
# 2,35%", "tăng lên 45%", "nâng tỷ lệ ... đạt 90%") rather than the amount of the change.
_LEVEL_REACHED = re.compile(r"(?:^|\s)(?:còn|xuống|lên|đến|tới|ở\s+mức|đạt|là|chiếm|bằng|cường)(?=\s|$)")
_MEASURE = re.compile(r"(?:^|\s)(?:tỷ lệ|tỉ lệ|tăng trưởng|tỷ trọng|tỉ trọng|cơ cấu|độ bao phủ|độ che phủ|mức độ|tỷ suất|tỉ suất|hệ số|chỉ số|tốc độ|tổng|thu|chi|giá trị|sản lượng|năng suất|thu nhập|diện tích|số lượng|mức)(?:\s|$)")
# Words after a figure that are not what it measures: "đạt 52,9% kế hoạch", "tăng 5% so với".
_NOT_SUBJECT_AFTER = re.compile(
    r"^\s*(?:kế\s+hoạch|dự\s+toán|chỉ\s+tiêu|so\s+với|cả\s+năm|mỗi\s+năm|hằng\s+năm|hàng\s+năm|trở\s+lên|trở\s+xuống|năm|/|cùng\s+kỳ|cùng\s+kì|trong|đến|và|với|của|"
    r"theo|nghị\s+quyết|mục\s+tiêu|trên|dưới|là|thì|được|đạt|tăng|giảm|=|\)|\(|,|;|\.|:|$)"
)
_ONLY_CUES = re.compile(r"(?:mục\s+tiêu|phấn\s+đấu|xác\s+định|đề\s+ra|trong\s+đó|có|toàn\s+\w+(?:\s+có)?|cho\s+biết|đặt)\s*$")


_HORIZON_YEAR = re.compile(r"(?:đến|tới)\s+(?:hết\s+|cuối\s+)?năm\s+((?:19|20)\d{2})")


def _latest_year(ctx: Context) -> int | None:
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", ctx.key[: ctx.body_start + 400])]
    return max(years) if years else None


def _percent_subject(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    k = ctx.key
    # "(đạt 106%)": the clause before the parenthesis is what is measured
    lead = k[max(0, start - 22):start]
    if re.search(r"\(\s?(?:[^\W\d_]+\s){0,3}(?:=\s?)?$", lead):
        open_paren = k.rfind("(", max(0, start - 22), start)
        xy = re.search(rf"{NUM}\s?/\s?{NUM}\s?$", k[max(0, open_paren - 30):open_paren])
        counted = re.search(rf"(?<![\d.,]){NUM}\s?/\s?{NUM}\s((?:[^\W\d_]+\s?){{1,4}})$", k[max(0, open_paren - 60):open_paren])
        close = k.find(")", start)
        if counted and 0 < close < start + 20 and re.match(r"\s(?:đạt|được|có|hoàn\s+thành|tham\s+gia|sử\s+dụng)\s", k[close + 1:close + 20]):
            # "5.775/8.227 xã (chiếm 70,2%) đạt chuẩn nông thôn mới": what the x/y counts and what it says of them
            noun = (max(0, open_paren - 60) + counted.start(1), open_paren)
            sub = _subject_after(ctx, close + 2)
            if sub:
                return [noun, sub]
        if xy:  # "91/1447 (= 6,29 %) đảng bộ, chi bộ cơ sở": what the x/y counts, after the parenthesis
            close = k.find(")", start)
            sub = _subject_after(ctx, close + 1) if 0 < close < start + 20 else None
            if sub:
                return sub
        if open_paren > 0:
            # the phrase before the parenthesis, commas included: "512/480 hộ đạt ... sản xuất, kinh doanh giỏi (đạt 106,7%)"
            if "%" in k[_clause_start(ctx, open_paren):open_paren]:
                return "same"  # "95% gia đình ... (tăng 5% so với năm 2015)": the aside measures what the figure before it does
            sub = _paren_subject(ctx, open_paren, counted_noun=True)
            if sub:
                return sub
    cs = _clause_start(ctx, start)
    clause = k[cs:start]
    label = _label_before(ctx, cs)
    if label and len(clause.split()) <= 2 and not re.match(r"\s?[^\W\d_]", k[end:end + 3]):
        return label  # "- Tỷ lệ xã đạt chuẩn nông thôn mới: 98,5%": a flattened table's row label
    share_of = re.match(r"\s(?:tổng\s+số|trong\s+tổng\s+số|số|(?=tổng\s))\s?", k[end:end + 20])
    if share_of and re.search(r"(?:^|\s)chiếm\s*(?:khoảng|gần|hơn|trên|tỷ\s+lệ|tỉ\s+lệ)?\s*$", clause):
        sub = _subject_after(ctx, end + share_of.end())  # "chiếm 38,7% tổng số đơn vị cấp huyện"
        if sub:
            return sub
    # "..., đạt 52,9% kế hoạch và đạt 53,5% chỉ tiêu, tăng 22,6%": a short verb clause continues a chain
    own = clause[clause.rfind("%") + 1:]  # "trên 75% và giảm tỉ lệ hộ nghèo từ 1,5-2%": a measure of its own
    if ((_CONTINUES.match(clause) and len(clause.split()) <= 3) or "%" in clause) and not _MEASURE.search(own):
        chained = _chain_subject(ctx, start)
        if chained == "same" and not _NOT_SUBJECT_AFTER.match(k[end:end + 20]):
            own_after = _subject_after(ctx, end)  # "100% hộ nghèo, 100% hộ cận nghèo": a list item names its own
            if own_after:
                return own_after
        if chained:
            return chained
    if re.search(r"(?:^|\s)chiếm\s*(?:khoảng|gần|hơn|trên)?\s*$", clause):
        head = _clause_head(ctx, cs, start)  # "đồng bào Jrai chiếm 52% dân số"
        if head:
            return head
    if re.fullmatch(r"\s*trong\s+đó,?(?:\s+(?:có|khoảng|gần|hơn|trên))*\s*", clause) and _PREDICATE.match(k[end:end + 20]):
        # "..., trong đó 60% đạt danh hiệu các cấp": a part of the figure before, named by what it says of it
        sub = _subject_after(ctx, end + 1)
        if sub:
            return sub
    before = _subject_before(ctx, start)
    rest = re.match(r"\s*(?:trở\s+lên|trở\s+xuống)\s", k[end:end + 14])
    after_at = end + rest.end() - 1 if rest else end
    after = None if _NOT_SUBJECT_AFTER.match(k[after_at:after_at + 20]) else _subject_after(ctx, after_at)
    if before and _MEASURE.search(k[before[0]:before[1]]):
        return before
    if (before and after and re.search(r"\s(?:đạt|chiếm|bằng)\s*$", k[max(0, start - 8):start])
            and len(k[before[0]:before[1]].split()) >= 3 and not _ONLY_CUES.fullmatch(k[before[0]:before[1]].strip())):
        return before  # "Độ bao phủ bảo hiểm y tế toàn xã đạt 94,2% dân số": the measure before, its base after
    is_ = re.match(r"\s(?:là|thuộc\s+về|thuộc)\s", k[end:end + 12])
    if after is None and is_:
        sub = _subject_after(ctx, end + is_.end())  # "khoảng 45% là chị em dân tộc Khmer"
        if sub:
            return sub
    if after:
        return after
    if before and not _ONLY_CUES.fullmatch(k[before[0]:before[1]].strip()):
        return before
    # ", bằng 118,2% dự toán": the previous clause's head noun phrase
    return _previous_clause_subject(ctx, start) or after or before


_CONTINUES = re.compile(r"^\s*(?:và\s+)?(?:ước\s+)?(?:đạt|bằng|tăng(?!\s+trưởng)|giảm|vượt|chiếm|và|thực\s+hiện|ước\s+thực\s+hiện)\b")


_BULLET = re.compile(r"[ \t]*(?:[-+•*–]\s*)?")


def _label_before(ctx: Context, clause_start: int) -> tuple[int, int] | None:
    """The label of a "Label: value" row (a table the crawler flattened into lines)."""
    colon = clause_start - 1
    while colon >= 0 and ctx.key[colon] == " ":
        colon -= 1
    if colon < 0 or ctx.key[colon] != ":":
        return None
    lo = max(0, colon - 200)  # a row label is short: never search back through the whole text
    line_start = max(lo, ctx.key.rfind("\n", lo, colon) + 1)
    a = _BULLET.match(ctx.key, line_start).end()
    label = ctx.key[a:colon]
    if not label or len(label.split()) > 14 or re.search(r"[.;!?]", label):
        return None
    return a, colon


_WEAK = re.compile(r"(?:ước|ước\s+đạt|ước\s+thực\s+hiện|đạt|khoảng|gần|hơn|trên|thu\s+về|thu\s+được|được|với|là)?")


def _weak(ctx: Context, head) -> bool:
    """A clause head that names nothing: ``ước``, ``thu về hơn``."""
    if head is None:
        return True
    if isinstance(head, list):
        return False
    return bool(_WEAK.fullmatch(ctx.key[head[0]:head[1]].strip()))


def _chain_subject(ctx: Context, start: int) -> tuple[int, int] | None:
    """"X đạt 477 tỷ đồng, đạt 52,9% kế hoạch và đạt 53,5% chỉ tiêu, tăng 22,6%": every figure of
    the chain measures X, named in the first clause."""
    here = _clause_start(ctx, start)
    first_with_figure = None
    for _ in range(4):
        if here < 2 or ctx.key[here - 2:here] != ", ":
            break
        prev = _clause_start(ctx, here - 2)
        seg = ctx.key[prev:here - 2]
        if not (_CONTINUES.match(seg) or "%" in seg):
            if ctx.key[max(0, prev - 2):prev].strip() == "(":
                # "kết nạp 356 hội viên mới (356/300, đạt 118,7%)": the chain opens an aside; the phrase before it
                return _paren_subject(ctx, ctx.key.rfind("(", 0, prev), counted_noun=True)
            head = _clause_head(ctx, prev, here - 2, counted_noun=True)
            if _weak(ctx, head):
                # "- Tổng thu ngân sách năm 2025: ước 42.500 tỷ đồng, đạt 112%": the row's label names it
                return _label_before(ctx, prev) or head
            return head
        if not _CONTINUES.match(seg):
            first_with_figure = (prev, here - 2)
        here = prev
    # "Tổng thu ngân sách tăng 15,3% so với cùng kỳ, ước thực hiện 1.507,2 tỷ đồng, đạt 45,6%": the chain
    # opens the sentence with a figure of its own; its head names what every figure measures
    if first_with_figure and first_with_figure[0] == here and (here < 2 or ctx.key[here - 2:here] != ", "):
        if "%" in ctx.key[first_with_figure[0]:first_with_figure[1]]:
            return "same"  # the chain comments on the percentage that opens it
        return _clause_head(ctx, *first_with_figure)
    return None


_VERB = re.compile(r"\s(?:ước\s+đạt|đạt|là|chiếm|bằng|tăng|giảm|có|được|với|còn)\s")


def _previous_clause_subject(ctx: Context, pos: int) -> tuple[int, int] | None:
    here = _clause_start(ctx, pos)
    if here < 2 or ctx.key[here - 2:here] != ", ":
        return None
    end = here - 2
    if ctx.key[end - 1:end] == ")":
        # "giúp 283 hộ phụ nữ thoát nghèo (trong đó ...), đạt 235,9%": the clause before the aside
        open_paren = ctx.key.rfind("(", max(0, end - 200), end)
        if open_paren < 0:
            return None
        end = open_paren
        while end > 0 and ctx.key[end - 1] == " ":
            end -= 1
    return _clause_head(ctx, _clause_start(ctx, end), end, counted_noun=True)


_COUNTED = re.compile(rf"(?<![\d.,/]){NUM}\s(?!(?:tỷ|tỉ|triệu|nghìn|ngàn|đồng|năm|tháng|ngày)\b)(?=[^\W\d_])")


def _activity(ctx: Context, a: int, f0: int) -> tuple[int, int] | None:
    """The verb phrase right before a count, from its comma-clause's start, its actor left out."""
    seg = ctx.key[a:f0]
    c = seg.rfind(", ")
    lo = a + (c + 2 if c >= 0 else 0)
    lead = _LEADING_FILLER.match(ctx.key[lo:f0])
    lo += lead.end() if lead else 0
    actor = None
    for actor in re.finditer(r"(?:^|\s)(?:đã|đang|vừa|đều|cũng)\s", ctx.key[lo:f0]):
        pass
    if actor:
        lo += actor.end()
    if re.search(r"(?:^|\s)(?:có|còn|gồm)\s*$", ctx.key[lo:f0]):
        return None  # "Xã có 1.250/1.300 hộ tham gia BHYT": an existential, no activity
    tail = _ACTIVITY_TAIL.search(ctx.key, lo, f0)
    hi = tail.start() if tail else f0
    while hi > lo and ctx.key[hi - 1] == " ":
        hi -= 1
    return (lo, hi) if hi > lo and re.search(r"[^\W\d_]", ctx.key[lo:hi]) else None


_ACTIVITY_TAIL = re.compile(r"(?:\s+(?:cho|được|với|của|là|đạt|có|gồm|từ|trên|hơn|gần|khoảng))+\s*$")


def _clause_head(ctx: Context, a0: int, b0: int, counted_noun: bool = False) -> tuple[int, int] | None:
    """What a clause reports on, for a figure that comments on it: the thing an x/y or a count
    counts (``kết nạp 214 hội viên mới``), else the words before its verb (``Tỷ lệ hộ nghèo giảm từ ...``)."""
    seg = ctx.key[a0:b0]
    lead = _LEADING_FILLER.match(seg)
    la = seg.rfind(" là ")
    if la >= 0 and re.match(r"\s*\d", seg[la + 4:]):
        # "số chi hội đạt TSVM bình quân hàng năm là 74/79 chi hội, đạt 93,67%": what is before "là" names it
        a = a0 + (lead.end() if lead else 0)
        tail = _TRAILING_VERBS.search(" " + ctx.key[a:a0 + la])
        b = a + (tail.start() - 1 if tail else la - (a - a0))
        if b > a:
            return a, b
    if la >= 0:  # "Hai chỉ tiêu chưa đạt là tỉ lệ hộ sử dụng nước sạch (mới đạt 78%)"
        a = a0 + la + 4
        tail = _TRAILING_VERBS.search(" " + ctx.key[a:b0])
        b = a + (tail.start() - 1 if tail else b0 - a)
        return (a, b) if b > a else None
    xy = re.search(rf"{NUM}\s?/\s?{NUM}", seg)
    counted = None
    for counted in _COUNTED.finditer(seg):
        pass
    if xy or counted:
        # the activity and what it counts: "Giải quyết việc làm cho 265/250 lao động"
        a = a0 + (lead.end() if lead else 0)
        if counted_noun:
            # what is counted, after the last figure: "giúp 283 hộ phụ nữ thoát nghèo", "kết nạp 128/100 đảng viên mới"
            figs = list(re.finditer(rf"(?<![\d.,]){NUM}(?:\s?/\s?{NUM})?\s(?=[^\W\d_])", seg))
            figs = [f for f in figs if not re.match(r"(?:tỷ|tỉ|triệu|nghìn|ngàn|đồng|năm|tháng|ngày)\b", seg[f.end():])
                    and not re.search(r"(?:năm|tháng|ngày|quý)\s?$", seg[:f.start()])]
            if figs:
                n0 = a0 + figs[-1].end()
                # up to a comma that ends a clause (not one inside a short list: "chi, đảng bộ")
                for c in re.finditer(r",\s", ctx.key[n0:b0]):
                    here = n0 + c.start()
                    if _data()["list_join"].match(ctx.key, here) and _data()["list_noun_end"].search(ctx.key[max(n0, here - 20):here]):
                        continue
                    if len(ctx.key[n0:here].split()) >= 3:
                        b0 = here
                        break
                if b0 <= n0:
                    return None
                ph = phrase_at(ctx.text, n0, b0)  # "hộ đạt danh hiệu nông dân sản xuất, kinh doanh giỏi"
                if ph and ph[1] > b0:
                    b0 = ph[1]
                f0 = a0 + figs[-1].start()
                noun_words = ctx.key[n0:b0].split()
                vb = _VERB.search(ctx.key, a, f0)
                if (len(noun_words) == 1 and vb and noun_words[0] in ctx.key[a:vb.start()].split()
                        and not re.search(r"\d", ctx.key[a:vb.start()])):
                    # "Số hộ nghèo giảm còn 45 hộ, chiếm 0,9%": the unit repeats what the clause opens with
                    return a, vb.start()
                # ...with the activity that counts them, without its actor: "đã khởi công 3.852/5.226 nhà"
                act = _activity(ctx, a, f0)
                if act and _data()["total"].match(ctx.key[act[0]:act[1]]) and len(figs) >= 2:
                    # "thêm 15 xã đạt chuẩn nông thôn mới, nâng tổng số lên 103/230 xã": the count before names them
                    p0 = a0 + figs[-2].end()
                    comma = ctx.key.find(", ", p0, act[0])
                    if comma > p0:
                        return p0, comma
                return [act, (n0, b0)] if act else (n0, b0)
        if not counted_noun:
            return (a, b0) if b0 > a else None
    m = _VERB.search(seg + " ", lead.end() if lead else 0)
    a = a0 + (lead.end() if lead else 0)
    if not m or m.start() < 2:
        # "Thu ngân sách trên địa bàn 7,8 tỷ đồng": the words before the amount
        n = re.search(r"\s\d", seg)
        if n and a0 + n.start() > a:
            return a, a0 + n.start()
        if counted_noun and not n and 0 < len(seg[a - a0:].split()) <= 8:
            return a, b0  # "gồm: thu ngân sách (đạt 85%)": a bare noun phrase
        return None
    b = a0 + m.start()
    tail = _TRAILING_VERBS.search(" " + ctx.key[a:b])
    if tail:
        b = a + max(tail.start() - 1, 0)
    return (a, b) if b > a else None


def find_quantities(ctx: Context, taken: list[tuple[int, int]]) -> list[QuantityFound]:
    d = _data()
    claimed = Claims(taken)
    out: list[QuantityFound] = []
    seen: set[tuple[float, str, str]] = set()
    for m in _QTY_NUM.finditer(ctx.key, 0, min(len(ctx.key), ctx.body_end)):
        s, e = m.start(), m.end()
        if claimed.overlaps(s, e):
            continue
        before = ctx.key[max(0, s - 12):s]
        if re.search(r"(?:^|\s)(?:năm|thứ|khóa|khoá|số|lần|ngày|tháng|quý|kỳ|lúc|đợt|tổ|ấp|khu phố)\s*$", before):
            continue
        u = d["units"].match(ctx.key, e)
        if u and u.group(1) == "đồng" and ctx.key.startswith(" chí", u.end()):
            continue  # "gồm 11 đồng chí": people, not money
        bare_money = bool(u is None and m["scale"] and re.fullmatch(r"\s(?:tỷ|tỉ|triệu)", m["scale"])
                          and (not re.match(r"\s[^\W\d_]", ctx.key[e:e + 2]) or d["after_money"].match(ctx.key, e)))
        if u is None and not bare_money:
            continue
        value = parse_number(m["n"])
        if value is None:
            continue
        if m["scale"]:
            value = parse_number(ctx.text[s:e]) or value
        if bare_money:
            # "vận động được 147,7 triệu, hỗ trợ 1,25 tỷ": a scale word alone is an amount of money
            out.append(QuantityFound(s, e, value, "đồng", None, _money_subject(ctx, s)))
            out[-1].indicator = indicator_for(out[-1].subject, "quantity", money=True)
            continue
        unit = ctx.text[u.start(1):u.end(1)]
        qend = u.end()
        # whole units: "26 nhiệm vụ, giải pháp", "15 xã, phường", "2 chi bộ ấp"
        more = d["unit_list"].match(ctx.key, qend)
        if more and not re.match(r"\s?\d", ctx.key[more.end():more.end() + 2]):
            unit = ctx.text[u.start(1):more.end()]
            qend = more.end()
        elif fold(unit) in d["units_with_place"]:
            place = d["unit_place"].match(ctx.key, qend)
            if place:
                unit = ctx.text[u.start(1):place.end()]
                qend = place.end()
        per = None
        pm = re.match(r"/(?:1\s)?([^\W\d_]+(?:\s[^\W\d_]+)?(?:/[^\W\d_]+)*)", ctx.key[qend:qend + 30])
        if pm:
            per = ctx.text[qend + pm.start(1):qend + pm.end()]
            qend += pm.end()
        if unit.lower() in ("triệu đồng", "tỷ đồng", "nghìn đồng", "ngàn đồng"):
            scale = parse_number("1 " + unit.split()[0]) or 1
            value *= scale
            unit = "đồng"
        subj = None
        if unit == "đồng":
            subj = _money_subject(ctx, s)
        else:
            sa = _subject_after(ctx, u.start(1), 8)
            subj = ctx.text[sa[0]:sa[1]] if sa else unit
            nxt = re.search(r"(?:\s(?:và|hoặc)|,)?\s(?=\d)", subj)  # "3 khâu đột phá và 18 chỉ tiêu": the next count
            if nxt and nxt.start() >= len(unit):
                subj = subj[:nxt.start()]
            subj = re.sub(r"\s(?:đó|này)$", "", subj)  # "6 chỉ tiêu vượt đó là ..."
            if len(subj) < len(unit):
                subj = unit
        money = unit == "đồng" or unit.lower() in _money_units()
        named = subj
        if not money and subj:
            # "kết nạp 312 đảng viên", "giải quyết việc làm mới cho 4.500 lao động": the activity names it too
            verb = ctx.key[_clause_start(ctx, s, 60):s].split()[-6:]
            named = " ".join(verb) + " " + subj if verb and not re.search(r"\d", " ".join(verb)) else subj
        indicator = indicator_for(named, "quantity", money=money)
        if indicator and not count_fits(indicator, ctx.text[qend:_clause_end(ctx, qend)][:60],
                                        " ".join(ctx.key[_clause_start(ctx, s, 60):s].split()[-4:])):
            indicator = None
        found = QuantityFound(s, qend, value, unit, per, subj, indicator)
        # one record per distinct amount of one thing: "6 chỉ tiêu vượt ... Có 6 chỉ tiêu vượt đó là"
        key = (value, fold(unit), fold(subj or ""))
        if key in seen:
            continue
        seen.add(key)
        out.append(found)
    return out


def _money_subject(ctx: Context, s: int) -> str | None:
    sb = _subject_before(ctx, s)
    if sb is None or re.fullmatch(r"(?:ước\s+)?(?:thực\s+hiện|đạt|thu\s+về|thu\s+được|ước)(?:\s+(?:hơn|gần|khoảng|trên))?",
                                  ctx.key[sb[0]:sb[1]].strip()):
        # "Tổng thu ngân sách tăng 9% so với cùng kỳ, ước thực hiện 35,6 tỷ đồng": the clause before names it
        head = _previous_clause_subject(ctx, s)
        if head and not isinstance(head, list) and not re.search(r"\d", ctx.key[head[0]:head[1]]):
            return ctx.text[head[0]:head[1]]
    return ctx.text[sb[0]:sb[1]] if sb else None


def _money_units() -> set[str]:
    return set(load_yaml("figures.yaml")["money_units"])


_LIST_ITEMS = re.compile(rf"^(?:\s?(?:,|và|;)\s(?:{NUM})\s?%(?:\s(?!và\s|được|đã|có|đạt|tham|sử|hoàn|thực|đăng)(?!\d[\d.,]*\s?%)[^\W_]+){{1,8}})+")
_PREDICATE = re.compile(r"\s(?:được|đã|có|đạt|tham\s+gia|sử\s+dụng|hoàn\s+thành|thực\s+hiện|đăng\s+ký)\s")


def _figure_indicator(ctx: Context, subject: str | None, kind: str, s: int, e: int) -> str | None:
    """The indicator of a figure: named by its subject, else by the words of its own clause
    (``95% gia đình đạt tiêu chuẩn “Gia đình văn hóa”``)."""
    found = indicator_for(subject, kind)
    if subject and kind == "percentage":
        # "100% hộ nghèo được cấp thẻ bảo hiểm y tế": what the clause says of the subject after the figure
        # is what is measured of it
        stop = _PHRASE_BREAK.search(ctx.key, e, min(len(ctx.key), e + 200))
        rest = ctx.text[e:stop.start() if stop else min(len(ctx.key), e + 200)]
        lead = len(rest) - len(rest.lstrip())
        if rest.lstrip().startswith(subject):
            # past the other items of a list that shares the predicate: "100% hộ nghèo, 100% hộ cận nghèo và
            # 100% người cao tuổi được cấp thẻ bảo hiểm y tế"
            pred = fold(rest[lead + len(subject):])
            if not _PREDICATE.search(" " + fold(subject) + " "):  # an item with no predicate of its own
                pred = _LIST_ITEMS.sub("", pred, count=1)
            if _PREDICATE.match(pred):
                found = indicator_for(fold(subject) + pred[:120], kind) or found
    if found is None and kind == "target":
        label = _label_before(ctx, _clause_start(ctx, s))  # "- Giải quyết việc làm: 210/200 lao động"
        if label:
            found = indicator_for(ctx.text[label[0]:label[1]], kind)
    if found is None and subject:
        a, b = _clause_start(ctx, s), _clause_end(ctx, e)
        if "%" not in ctx.key[a:s] and "%" not in ctx.key[e:b]:  # a clause of one figure only
            found = indicator_for(ctx.text[a:b], kind)
    return found


def _basis(ctx: Context, end: int) -> str | None:
    """What a percentage is measured against, written right after it: ``đạt 105% kế hoạch``."""
    d = _data()
    m = d["basis"].match(ctx.key, end)
    if not m:
        return None
    form = m.group("form")
    return d["basis_of"].get(form) or ctx.text[m.start("form"):m.end("form")]


def consistency_warnings(targets: list[TargetFound], quantities: list[QuantityFound], ctx: Context) -> list[str]:
    """Plain-sentence findings: stated percentages off their own x/y; parts not adding up."""
    warnings = []
    for t in targets:
        if t.denominator and t.stated_percent is not None:
            actual = 100 * t.numerator / t.denominator
            if abs(actual - t.stated_percent) > 0.6:
                warnings.append(
                    f"{_fmt(t.numerator)}/{_fmt(t.denominator)} is {actual:.1f}%, not the stated {_fmt(t.stated_percent)}%"
                )
        # "14/18 chỉ tiêu ... (6 chỉ tiêu vượt, 8 chỉ tiêu đạt)": the parts should add up to x.
        sent = ctx.sentence_range(t.start)
        parts = [q for q in quantities if sent[0] <= q.start < sent[1] and q.start > t.end
                 and q.unit.lower() == t.subject.lower().split(" (")[0][: len(q.unit)].lower()
                 and re.match(r"\s*(?:vượt|đạt)\b", ctx.key[q.end:q.end + 12])]
        if len(parts) >= 2:
            total = sum(q.value for q in parts)
            if total != t.numerator:
                warnings.append(
                    f"the parts {' + '.join(_fmt(q.value) for q in parts)} = {_fmt(total)} do not add up to "
                    f"{_fmt(t.numerator)} of {_fmt(t.numerator)}/{_fmt(t.denominator)} {t.subject}"
                )
    return warnings


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"
