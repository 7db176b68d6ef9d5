"""Meetings: what was held, by whom, when, and about which period.

The main meeting is the first one the body reports as held (a kind from
``patterns/meetings.yaml`` in a sentence with a held-verb or a date), else the
headline's.  Its date is a date mention of that sentence (or of the lead),
never one that belongs to a document, a deadline or a plan; with no year
written, the year comes from the dateline, else from the congress's opening
term, else from a year the sentence states; with no day, the date is null.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..context import Context
from ..dates import DateMention, resolve_year
from ..normalize import fold
from ..resources import alternation as _alt, load_yaml

_MAX_DESCRIPTION = 220



@lru_cache(maxsize=1)
def _data():
    d = load_yaml("meetings.yaml")
    kinds = {}
    for k in d["kinds"]:
        for f in k["forms"]:
            kinds.setdefault(f, k["kind"])
    return {
        "kinds": kinds,
        "kind_rx": re.compile(r"(?<![\w])(" + _alt(kinds) + r")(?![\w])"),
        "held_rx": re.compile(r"(?<![\w])(" + _alt(d["held_verbs"]) + r")(?![\w])"),
        "not_before": re.compile(r"(?:^|\s)(?:" + _alt(d["date_not_meeting_before"]) + r")\s*$"),
        "doc_rx": re.compile(r"(?<![\w])(?:" + _alt(d["document_words"]) + r")(?![\w])"),
        "periods": [re.compile(p) for p in d["periods"]],
        "qualifiers": [(q["near"], q["kind"]) for q in d["kind_qualifiers"]],
    }


@dataclass
class MeetingFound:
    start: int
    end: int
    kind: str
    description: str
    organizer: Optional[str]
    date: Optional[dt.date]
    date_text: Optional[str]
    time_of_day: Optional[str]
    period: Optional[str]


# What an organiser's name starts with: a committee, council, front, union, office...
_ORGANIZER_HEAD = re.compile(
    r"(?:đảng|hội|ban|ủy|ubnd|hđnd|mttq|ubmttq|liên|chi|(?:huyện|tỉnh|thành|thị|quận|xã|phường) (?:ủy|đoàn)|"
    r"thường trực|trung|sở|phòng|văn|đoàn|công|các|cục|bộ|tổ|trường|bệnh|viện|cơ quan)")
_HORIZON = re.compile(r"(?:đến|tới|tầm nhìn(?: đến)?|giai đoạn|trước)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?(?:19|20)\d{2}(?:\s*[-–—]\s*(?:19|20)\d{2})?")
_LONE_YEAR = re.compile(r"(?<![\d\-–—])((?:19|20)\d{2})(?![\d\-–—])")
_TERM = re.compile(r"nhiệm kỳ\s*(\d{4})\s*[-–—]\s*(\d{4})")
_YEAR = re.compile(r"(?:năm|/)\s?((?:19|20)\d{2})\b")


def _kind_at(ctx: Context, m: re.Match) -> str:
    d = _data()
    kind = d["kinds"][m.group(1)]
    if kind == "hội nghị":
        tail = ctx.key[m.end():m.end() + 60]
        for near, k in d["qualifiers"]:
            if near in tail.split(",")[0]:
                return k
    return kind


def _date_ok(ctx: Context, dm: DateMention) -> bool:
    d = _data()
    if dm.day is None or dm.month is None or not (dm.has_cue or dm.year):
        return False  # "Ngày Môi trường thế giới 5/6": a bare day/month named by a holiday is not a meeting day
    before = ctx.key[max(ctx.sentence_range(dm.start)[0], dm.start - 25):dm.start]
    blocked = d["not_before"].search(before)
    # "Từ ngày 25 đến 27/9, ... tổ chức đại hội": a range is the event's own span
    if blocked and not (dm.end_day and blocked.group().strip() == "từ"):
        return False
    # "Chỉ thị 35-CT/TW ngày 30/5/2019": a document's date
    clause = ctx.key[max(ctx.sentence_range(dm.start)[0], dm.start - 60):dm.start]
    if re.search(r"\d+\s?[-/–]\s?[a-zđ]{1,5}(?:/[a-zđ]{1,6})?\s*(?:của [^,;]{0,40})?\s*$", clause) or re.search(r"số\s+\S+\s*$", clause):
        return False
    # "(18/11/1930 - 18/11/2020)": an anniversary's span of years, not the meeting's day
    if re.match(r"\s*[-–—]\s*\d{1,2}/\d{1,2}/\d{4}", ctx.key[dm.end:dm.end + 14]) or re.search(r"\d{4}\s*[-–—]\s*$", before):
        return False
    last_doc = None
    for last_doc in d["doc_rx"].finditer(clause):
        pass
    if last_doc is not None and "," not in clause[last_doc.end():]:
        return False
    return True


def find_meetings(ctx: Context, dates: list[DateMention]) -> list[MeetingFound]:
    d = _data()
    body = ctx.body_start
    meetings: list[MeetingFound] = []
    kinds = [m for m in d["kind_rx"].finditer(ctx.key) if m.start() >= body]
    if not kinds and ctx.title:
        kinds = list(d["kind_rx"].finditer(ctx.key, 0, body))
    kinds = [m for m in kinds if not _VENUE.search(ctx.key, max(0, m.start() - 12), m.start())]
    used_sent = set()
    main: Optional[MeetingFound] = None
    for m in kinds:
        sent = ctx.sentence_of(m.start())
        if sent in used_sent:
            continue
        s0, s1 = ctx.sentences[sent] if ctx.sentences else (0, len(ctx.text))
        held = d["held_rx"].search(ctx.key, s0, s1) or _ATTEND.search(ctx.key, s0, s1)
        if held:
            # "tổ chức Đại hội ...": the kind the held-verb governs, not one met earlier in the sentence
            governed = d["kind_rx"].search(ctx.key, held.end(), min(s1, held.end() + 40))
            if governed and governed.start() > m.start() and not _VENUE.search(ctx.key, max(0, governed.start() - 12), governed.start()):
                m = governed
        sent_dates = [x for x in dates if s0 <= x.start < s1 and _date_ok(ctx, x)]
        if not held and not sent_dates and m.start() >= body:
            continue
        used_sent.add(sent)
        kind = _kind_at(ctx, m)
        desc_end = min(s1, m.start() + _MAX_DESCRIPTION)
        desc = ctx.text[m.start():desc_end].rstrip(" .;,")
        cut = re.search(r"\.\s|;\s|\s(?:với sự tham dự|với sự hiện diện|tại hội trường|với chủ đề)", desc)
        if cut:
            desc = desc[: cut.start()]
        organizer = _organizer(ctx, s0, held.start() if held else m.start(), m.start())
        mention = _pick_date(ctx, sent_dates, sent, dates)
        if mention is None and main is None:
            mention = _lead_date(ctx, dates, sent)
        date = None
        date_text = None
        tod = None
        if mention is not None:
            date = resolve_year(mention, ctx.published, _fallback_year(ctx, mention, kind, sent))
            date_text = ctx.text[mention.start:mention.end]
            tod = mention.time_of_day
        period = _period(ctx, m.start(), desc_end)
        found = MeetingFound(m.start(), m.start() + len(desc), kind, desc, organizer, date, date_text, tod, period)
        if main is None:
            main = found
        elif not _another_meeting(found, meetings, bool(d["held_rx"].search(ctx.key, s0, s1))):
            continue
        meetings.append(found)
        if len(meetings) >= 5:
            break
    return _merge_restatement(ctx, meetings)


def _another_meeting(found: MeetingFound, meetings: list[MeetingFound], held: bool) -> bool:
    """Whether a later mention reports a meeting of its own: a new date for a kind already seen
    (a round-up's items), or another kind said to be held; "Dự kỳ họp có ..." is the same meeting."""
    same = [m for m in meetings if m.kind == found.kind]
    if same:
        return found.date is not None and all(m.date != found.date for m in same)
    return held and (found.date is not None or not any(m.date for m in meetings))


def _merge_restatement(ctx: Context, meetings: list[MeetingFound]) -> list[MeetingFound]:
    """The headline's meeting restated with its date in the lead is one meeting, the dated one."""
    if len(meetings) < 2 or meetings[0].date is not None:
        return meetings
    first, second = meetings[0], meetings[1]
    lead = [i for i, (a, _) in enumerate(ctx.sentences) if a >= ctx.body_start][:2]
    # not in a round-up, whose headline speaks of many units: "HĐND các xã ... tổ chức kỳ họp"
    roundup = ctx.title is not None and re.search(r"(?:^|\s)(?:các|nhiều|hoàn thành)\s", fold(ctx.title))
    if second.date is not None and second.kind == first.kind and not roundup and (
            first.start < ctx.body_start or ctx.sentence_of(second.start) in lead):
        return [second] + meetings[2:]
    return meetings


# "Trung tâm Hội nghị tỉnh", "phòng họp": a place, not a meeting.
_VENUE = re.compile(r"(?:trung tâm|phòng|cung|nhà|hội trường|khu|tòa|toà)\s*$")
_ATTEND = re.compile(r"(?<![\w])(?:dự|tham dự|chủ trì|trao|trao tặng|đón tiếp)(?![\w])")


def _lead_date(ctx: Context, dates: list[DateMention], sent: int) -> Optional[DateMention]:
    """The lead sentence's date when it reports the event: "Ngày 25/1, đồng chí ... dự và trao ..."."""
    lead = next((i for i, (a, _) in enumerate(ctx.sentences) if a >= ctx.body_start), None)
    if lead is None or lead >= sent or sent - lead > 2:
        return None
    a, b = ctx.sentences[lead]
    if not (_data()["held_rx"].search(ctx.key, a, b) or _ATTEND.search(ctx.key, a, b)):
        return None
    got = [x for x in dates if a <= x.start < min(b, a + 40) and _date_ok(ctx, x)]
    return got[0] if got else None


def _pick_date(ctx: Context, sent_dates: list[DateMention], sent: int, dates: list[DateMention]) -> Optional[DateMention]:
    if sent_dates:
        return sent_dates[0]
    # "Ngày 16/7/2020 tại nhà văn hóa xã. HĐND xã ... tổ chức kỳ họp": a verbless lead before
    if sent > 0:
        p0, p1 = ctx.sentences[sent - 1]
        if p0 >= ctx.body_start and p1 - p0 < 90:
            prev = [x for x in dates if p0 <= x.start < p1 and _date_ok(ctx, x)]
            if prev and prev[0].start - p0 < 5:
                return prev[0]
    return None


def _fallback_year(ctx: Context, mention: DateMention, kind: str, sent: int) -> Optional[int]:
    s0, s1 = ctx.sentences[sent] if ctx.sentences else (0, len(ctx.text))
    seg = ctx.key[s0:s1]
    if kind == "đại hội":
        t = _TERM.search(seg) or _TERM.search(ctx.key)
        if t:
            return int(t.group(1))
    stated = [int(y) for y in _YEAR.findall(_HORIZON.sub(" ", seg))]
    if stated:  # the latest: "Lễ kỷ niệm 90 năm (18/11/1930 - 18/11/2020)" is of 2020
        return max(stated)
    # The latest year the opening states (not a horizon: "đến năm 2030", "tầm nhìn 2050"); a term
    # "2025-2030" counts by its first year only for a congress, which opens it.
    head = _HORIZON.sub(" ", ctx.key[: ctx.body_start + 600])
    years = [int(t.group(1)) for t in _TERM.finditer(head)] if kind == "đại hội" else []
    years += [int(y) for y in _LONE_YEAR.findall(_TERM.sub(" ", head))]
    return max(years) if years else None


def _organizer(ctx: Context, s0: int, verb: int, kind_start: int) -> Optional[str]:
    """Who held it: the last body-like segment before the held-verb."""
    seg_end = verb if verb > s0 else kind_start
    seg = ctx.text[s0:seg_end]
    parts = [p.strip() for p in re.split(r",|\)|\(", seg)]
    for part in reversed(parts):
        low = fold(part)
        if _ORGANIZER_HEAD.match(low):
            part = re.sub(r"\s+(?:đã|vừa|long trọng|trọng thể|phối hợp|chính thức)(?:\s.*)?$", "", part)
            return part or None
        if not part or low.startswith(("tại ", "sáng", "chiều", "tối", "ngày", "trong", "hôm", "vào", "trưa", "xã ", "huyện ",
                                       "tỉnh ", "phường ", "thị trấn ", "thị xã ", "thành phố ", "quận ", "tp",
                                       "nhiệm kỳ", "khóa", "khoá", "lần thứ")):
            continue
        break
    return None


def _period(ctx: Context, start: int, end: int) -> Optional[str]:
    best = None
    for rx in _data()["periods"]:
        m = rx.search(ctx.key, start, end)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.end())
    if best is None:
        return None
    return ctx.text[best[0]:best[1]]
