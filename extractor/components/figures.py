"""Figures: ``x/y`` targets, percentages and quantities.

Each finder scans the matching key with module-level regexes (linear: no
nested quantifiers) and checks the words around a hit against the data in
``patterns/figures.yaml``: what makes a slash figure a date, a document
number, a rate or a proportion rather than a target; what qualifies a
percentage; what marks a goal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..context import Claims, Context
from ..numbers import parse_number
from ..resources import alternation as alt, load_yaml

# A number as news text writes it: 1.200 | 83,3 | 12.500.000 | 01 | 6.100.000đ.
# Digits and separators alternate, so the pattern cannot backtrack badly.
NUM = r"\d{1,15}(?:[.,]\d{1,15}){0,6}"

# x/y: two numbers around a slash, each optionally with a money unit or scale
# (``25,064 tỷ đồng/20,448 tỷ đồng``, ``6.100.000đ/6.100.000đ``).
_SCALE = r"(?:\s?(?:tỷ|tỉ|triệu|nghìn|ngàn)(?:\s?đồng)?|\s?đồng|đ)?"
_SLASH = re.compile(
    rf"""(?<![\w/.,-])
        (?P<x>{NUM})(?P<xunit>{_SCALE})
        \s?/\s?
        (?P<y>{NUM})(?P<yunit>{_SCALE})
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
        "units": re.compile(r"\s?(" + alt(d["units"]) + r")(?=[\s,.;:)/]|$)"),
    }


@dataclass
class Found:
    start: int
    end: int


@dataclass
class TargetFound(Found):
    numerator: float
    denominator: float
    subject: str
    stated_percent: Optional[float] = None
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class PercentFound(Found):
    value: float
    value_max: Optional[float] = None
    previous: Optional[float] = None
    direction: Optional[str] = None
    qualifier: str = "exact"
    kind: str = "result"
    subject: Optional[str] = None
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class QuantityFound(Found):
    value: float
    unit: str
    per: Optional[str] = None
    subject: Optional[str] = None


def _clause_start(ctx: Context, pos: int, limit: int = 160) -> int:
    """Start of the clause that ``pos`` is in (after , ; : . ( or a line break)."""
    lo = max(ctx.sentence_range(pos)[0], pos - limit)
    seg = ctx.key[lo:pos]
    last = None
    for m in _CLAUSE_BREAK.finditer(seg):
        last = m
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
    r"\s(?:đã|đang|được|đạt|tham\s+dự|trên\s+địa\s+bàn|theo|so\s+với|bằng|với|vào|tại|trong\s+đó|là|của\s+năm|thuộc|có)\b"
)
_TRAILING_VERBS = re.compile(
    r"(?:\s(?:ước\s+đạt|đạt\s+được|đạt|là|chiếm|bằng|còn|ở\s+mức|được|tăng|giảm|xuống|lên|từ|trên|hơn|dưới|khoảng|gần|"
    r"xấp\s+xỉ|ít\s+nhất|tối\s+thiểu|không\s+quá|tối\s+đa|vượt|đạt\s+tỷ\s+lệ|đạt\s+tỉ\s+lệ|đạt\s+trên|đến|mức|có|với|"
    r"bình\s+quân|hằng\s+năm|hàng\s+năm|năm\s+\d{4}|đạt\s+và\s+vượt|phấn\s+đấu|mới|chỉ|đã|cũng|vẫn|"
    r"tương\s+ứng|chiếm\s+tỷ\s+lệ|chiếm\s+tỉ\s+lệ|xác\s+định|đề\s+ra|trong\s+khi|nhưng))+\s*$"
)
_LEADING_FILLER = re.compile(
    r"^(?:(?:và|trong\s+đó|đặc\s+biệt|như|gồm|cụ\s+thể|trọng\s+tâm\s+như|nổi\s+bật\s+là|có|đã|toàn\s+\w+\s+có|"
    r"phấn\s+đấu|mục\s+tiêu|(?:tính\s+)?đến\s+(?:cuối\s+|hết\s+)?(?:năm|ngày|tháng|nay)(?:\s+[\d/]+)?,?|"
    r"giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4},?|(?:trong\s+)?năm\s+\d{4},?|nhiệm\s+kỳ\s+\d{4}\s*[-–]\s*\d{4},?)\s+)+")


def _subject_before(ctx: Context, pos: int) -> Optional[tuple[int, int]]:
    """What a figure measures when written before it: ``tỉ lệ hộ nghèo giảm từ``."""
    start = _clause_start(ctx, pos)
    seg = ctx.key[start:pos]
    m = _TRAILING_VERBS.search(" " + seg)
    cut = (m.start() - 1) if m else len(seg)
    seg = seg[: max(cut, 0)]
    lead = _LEADING_FILLER.match(seg.lstrip())
    off = len(seg) - len(seg.lstrip()) + (lead.end() if lead else 0)
    a, b = start + off, start + len(seg.rstrip())
    if b - a < 2 or not re.search(r"[^\W\d_]", ctx.text[a:b]):
        return None
    return a, b


def _subject_after(ctx: Context, pos: int, max_words: int = 8) -> Optional[tuple[int, int]]:
    a, b = _words_after(ctx, pos, max_words)
    if b <= a:
        return None
    seg = ctx.key[a:b]
    m = _SUBJECT_STOP_AFTER.search(" " + seg, 1)
    if m:
        b = a + max(m.start() - 1, 0)
    if b - a < 2 or not re.match(r"[^\W\d_]", ctx.text[a:b]):
        return None
    return a, b


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
        if d["not_before"].search(before) or d["not_after"].match(after):
            continue
        if re.match(r"\s?/\s?\d", after) or re.search(r"\d\s?/\s?$", before):  # 3/2/2024 chains
            continue
        x, y = parse_number(m["x"]), parse_number(m["y"])
        if x is None or y is None:
            continue
        x, y = _scaled(x, m["xunit"] or m["yunit"]), _scaled(y, m["yunit"])
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
        subj = _subject_after(ctx, e + (paren.end() if paren else 0), 7)
        if subj is None and re.search(r"\(\s?$", ctx.key[max(0, s - 2):s]):
            # "kết nạp 356 hội viên mới (356/300, đạt 118,7%)": what the phrase before counts
            subj = _paren_subject(ctx, s - 1 if ctx.key[s - 1] == "(" else s - 2)
        if subj is None and _day_month(m["x"], m["y"]):
            continue  # a bare day/month with nothing counted after it is a date
        if subj is None or re.match(r"(?:đạt|bằng|=)", ctx.key[subj[0]:subj[1]]):
            subj = _subject_before(ctx, s)
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
        out[key] = TargetFound(s, e, x, y, subject, stated, [(s, e)])
    return list(out.values())


def _paren_subject(ctx: Context, open_paren: int) -> Optional[tuple[int, int]]:
    lo = max(ctx.sentence_range(open_paren)[0], open_paren - 200)
    brk = None
    for brk in _PHRASE_BREAK.finditer(ctx.key, lo, open_paren):
        pass
    return _clause_head(ctx, brk.end() if brk else lo, open_paren)


def _day_month(x: str, y: str) -> bool:
    return x.isdigit() and y.isdigit() and 1 <= int(x) <= 31 and 1 <= int(y) <= 12


def _scaled(v: float, unit: Optional[str]) -> float:
    """``25,064 tỷ đồng`` -> 25064000000: the scale word written with the figure (its value from
    the number lexicon, as parse_number reads it)."""
    word = re.search(r"tỷ|tỉ|triệu|nghìn|ngàn", unit or "")
    return round(v * parse_number("1 " + word.group()), 4) if word else v


def _subject_key(s: str) -> str:
    return " ".join(s.lower().split()[:1])


_STATED = re.compile(rf"^\s?(?:\(\s?(?:đạt|bằng|=|tỷ lệ|tỉ lệ)?\s?|,?\s?(?:đạt|bằng|tỷ lệ|tỉ lệ|=)\s?(?:tỷ lệ\s|tỉ lệ\s)?)(?P<p>{NUM})\s?%")


def _stated_percent(ctx: Context, end: int) -> Optional[float]:
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
    by_value: dict[tuple[float, Optional[float]], list[PercentFound]] = {}
    used = set()
    glued = None  # (end, direction, qualifier, kind, subject) of the figure before
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
        subject = ctx.text[subj[0]:subj[1]].strip(" ,") if subj else None
        glued = (e, direction, qualifier, kind, subject)
        budget -= 1
        same_value = by_value.setdefault((v1, prev), [])  # looked up by value: no scan of all found so far
        # the latest few of that value: a text repeating one figure thousands of times stays linear
        dup = next((p for p in same_value[-20:] if _same_subject(p.subject, subject) or p.start < ctx.body_start), None)
        if dup is not None:
            dup.mentions.append((s, e))
            continue
        found = PercentFound(s, e, v1, v2, prev, direction, qualifier, kind, subject, [(s, e)])
        out.append(found)
        same_value.append(found)
    if dense:
        ctx.warnings.append(f"percentages: {dense} figures too dense to read each in its own context "
                            f"(more than one per {_DENSE_CHARS} characters) took the context of the one before")
    return out


def _same_subject(a: Optional[str], b: Optional[str]) -> bool:
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
_MEASURE = re.compile(r"(?:^|\s)(?:tỷ lệ|tỉ lệ|chỉ số|tốc độ|tổng|thu|chi|giá trị|sản lượng|năng suất|thu nhập|diện tích|số lượng|mức)(?:\s|$)")
# Words after a figure that are not what it measures: "đạt 52,9% kế hoạch", "tăng 5% so với".
_NOT_SUBJECT_AFTER = re.compile(
    r"^\s*(?:kế\s+hoạch|dự\s+toán|chỉ\s+tiêu|so\s+với|trở\s+lên|trở\s+xuống|năm|/|cùng\s+kỳ|cùng\s+kì|trong|đến|và|với|của|"
    r"theo|nghị\s+quyết|mục\s+tiêu|trên|dưới|là|thì|được|đạt|tăng|giảm|=|\)|\(|,|;|\.|:|$)"
)
_ONLY_CUES = re.compile(r"(?:mục\s+tiêu|phấn\s+đấu|xác\s+định|đề\s+ra|trong\s+đó|có|toàn\s+\w+(?:\s+có)?|cho\s+biết|đặt)\s*$")


_HORIZON_YEAR = re.compile(r"(?:đến|tới)\s+(?:hết\s+|cuối\s+)?năm\s+((?:19|20)\d{2})")


def _latest_year(ctx: Context) -> Optional[int]:
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", ctx.key[: ctx.body_start + 400])]
    return max(years) if years else None


def _percent_subject(ctx: Context, start: int, end: int) -> Optional[tuple[int, int]]:
    k = ctx.key
    # "(đạt 106%)": the clause before the parenthesis is what is measured
    lead = k[max(0, start - 22):start]
    if re.search(r"\(\s?(?:[^\W\d_]+\s){0,3}(?:=\s?)?$", lead):
        open_paren = k.rfind("(", max(0, start - 22), start)
        xy = re.search(rf"{NUM}\s?/\s?{NUM}\s?$", k[max(0, open_paren - 30):open_paren])
        if xy:  # "91/1447 (= 6,29 %) đảng bộ, chi bộ cơ sở": what the x/y counts, after the parenthesis
            close = k.find(")", start)
            sub = _subject_after(ctx, close + 1) if 0 < close < start + 20 else None
            if sub:
                return sub
        if open_paren > 0:
            # the phrase before the parenthesis, commas included: "512/480 hộ đạt ... sản xuất, kinh doanh giỏi (đạt 106,7%)"
            sub = _paren_subject(ctx, open_paren)
            if sub:
                return sub
    cs = _clause_start(ctx, start)
    clause = k[cs:start]
    label = _label_before(ctx, cs)
    if label and len(clause.split()) <= 2:
        return label  # "- Tỷ lệ xã đạt chuẩn nông thôn mới: 98,5%": a flattened table's row label
    # "..., đạt 52,9% kế hoạch và đạt 53,5% chỉ tiêu, tăng 22,6%": a short verb clause continues a chain
    if (_CONTINUES.match(clause) and len(clause.split()) <= 3) or "%" in clause:
        chained = _chain_subject(ctx, start)
        if chained:
            return chained
    if re.search(r"(?:^|\s)chiếm\s*(?:khoảng|gần|hơn|trên)?\s*$", clause):
        head = _clause_head(ctx, cs, start)  # "đồng bào Jrai chiếm 52% dân số"
        if head:
            return head
    before = _subject_before(ctx, start)
    rest = re.match(r"\s*(?:trở\s+lên|trở\s+xuống)\s", k[end:end + 14])
    after_at = end + rest.end() - 1 if rest else end
    after = None if _NOT_SUBJECT_AFTER.match(k[after_at:after_at + 20]) else _subject_after(ctx, after_at)
    if before and _MEASURE.search(k[before[0]:before[1]]):
        return before
    if after:
        return after
    if before and not _ONLY_CUES.fullmatch(k[before[0]:before[1]].strip()):
        return before
    # ", bằng 118,2% dự toán": the previous clause's head noun phrase
    return _previous_clause_subject(ctx, start) or after or before


_CONTINUES = re.compile(r"^\s*(?:và\s+)?(?:ước\s+)?(?:đạt|bằng|tăng(?!\s+trưởng)|giảm|vượt|chiếm|và)\b")


_BULLET = re.compile(r"[ \t]*(?:[-+•*–]\s*)?")


def _label_before(ctx: Context, clause_start: int) -> Optional[tuple[int, int]]:
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


def _chain_subject(ctx: Context, start: int) -> Optional[tuple[int, int]]:
    """"X đạt 477 tỷ đồng, đạt 52,9% kế hoạch và đạt 53,5% chỉ tiêu, tăng 22,6%": every figure of
    the chain measures X, named in the first clause."""
    here = _clause_start(ctx, start)
    for _ in range(4):
        if here < 2 or ctx.key[here - 2:here] != ", ":
            return None
        prev = _clause_start(ctx, here - 2)
        seg = ctx.key[prev:here - 2]
        if not (_CONTINUES.match(seg) or "%" in seg):
            return _clause_head(ctx, prev, here - 2)
        here = prev
    return None


_VERB = re.compile(r"\s(?:ước\s+đạt|đạt|là|chiếm|bằng|tăng|giảm|có|được|với|còn)\s")


def _previous_clause_subject(ctx: Context, pos: int) -> Optional[tuple[int, int]]:
    here = _clause_start(ctx, pos)
    if here < 2 or ctx.key[here - 2:here] != ", ":
        return None
    return _clause_head(ctx, _clause_start(ctx, here - 2), here - 2)


_COUNTED = re.compile(rf"(?<![\d.,/]){NUM}\s(?!(?:tỷ|tỉ|triệu|nghìn|ngàn|đồng|năm|tháng|ngày)\b)(?=[^\W\d_])")


def _clause_head(ctx: Context, a0: int, b0: int) -> Optional[tuple[int, int]]:
    """What a clause reports on, for a figure that comments on it: the thing an x/y or a count
    counts (``kết nạp 214 hội viên mới``), else the words before its verb (``Tỷ lệ hộ nghèo giảm từ ...``)."""
    seg = ctx.key[a0:b0]
    lead = _LEADING_FILLER.match(seg)
    la = seg.rfind(" là ")
    if la >= 0:  # "Hai chỉ tiêu chưa đạt là tỉ lệ hộ sử dụng nước sạch (mới đạt 78%)"
        a = a0 + la + 4
        tail = _TRAILING_VERBS.search(" " + ctx.key[a:b0])
        b = a + (tail.start() - 1 if tail else b0 - a)
        return (a, b) if b > a else None
    if re.search(rf"{NUM}\s?/\s?{NUM}", seg) or _COUNTED.search(seg):
        # the activity and what it counts: "Giải quyết việc làm cho 265/250 lao động"
        a = a0 + (lead.end() if lead else 0)
        return (a, b0) if b0 > a else None
    m = _VERB.search(seg + " ")
    a = a0 + (lead.end() if lead else 0)
    if not m or m.start() < 2:
        # "Thu ngân sách trên địa bàn 7,8 tỷ đồng": the words before the amount
        n = re.search(r"\s\d", seg)
        if n and a0 + n.start() > a:
            return a, a0 + n.start()
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
    for m in _QTY_NUM.finditer(ctx.key, 0, min(len(ctx.key), ctx.body_end)):
        s, e = m.start(), m.end()
        if claimed.overlaps(s, e):
            continue
        before = ctx.key[max(0, s - 12):s]
        if re.search(r"(?:^|\s)(?:năm|thứ|khóa|khoá|số|lần|ngày|tháng|quý|kỳ|lúc|đợt|tổ|ấp|khu phố)\s*$", before):
            continue
        u = d["units"].match(ctx.key, e)
        if not u or (u.group(1) == "đồng" and ctx.key.startswith(" chí", u.end())):
            continue  # "gồm 11 đồng chí": people, not money
        value = parse_number(m["n"])
        if value is None:
            continue
        if m["scale"]:
            value = parse_number(ctx.text[s:e]) or value
        unit = ctx.text[u.start(1):u.end(1)]
        qend = u.end()
        per = None
        pm = re.match(r"/([^\W\d_]+(?:\s[^\W\d_]+)?(?:/[^\W\d_]+)*)", ctx.key[qend:qend + 30])
        if pm:
            per = ctx.text[qend + 1:qend + pm.end()]
            qend += pm.end()
        if unit.lower() in ("triệu đồng", "tỷ đồng", "nghìn đồng", "ngàn đồng"):
            scale = parse_number("1 " + unit.split()[0]) or 1
            value *= scale
            unit = "đồng"
        subj = None
        if unit == "đồng":
            sb = _subject_before(ctx, s)
            subj = ctx.text[sb[0]:sb[1]] if sb else None
        else:
            sa = _subject_after(ctx, u.start(1), 6)
            subj = ctx.text[sa[0]:sa[1]] if sa else unit
        out.append(QuantityFound(s, qend, value, unit, per, subj))
    return out


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
