"""Meetings: what was held, by whom, when, and about which period, as the article reports them.

Each distinct meeting once.  The main meeting is the first one the body reports as held (a
kind from ``patterns/meetings.yaml`` in a sentence with a held-verb or a date), else the
headline's.  Not meetings: a kind spoken of as planned (``chuẩn bị tổ chức Đại hội``, ``dự
kiến vào ngày 31/5``, ``ngày 26/5 tới``: a report of plans alone reports none), a kind inside
a document's name (``Nghị quyết Đại hội ...``, ``Chỉ thị số 50 về ... sinh hoạt chi bộ``), a
photo caption, a venue (``Trung tâm Thông tin - Hội nghị tỉnh``), a part or a likeness of an
event (``phần lễ``, ``là ngày hội của toàn dân``), a session's day (``phiên bế mạc``).  A
later reference (``Phát biểu chỉ đạo hội nghị``, ``Dự kỳ họp có``, the same ordinal and
organiser) is the same meeting; a round-up's items (another organiser, another day, ``Cùng
ngày``) are meetings of their own.  An excerpt that opens mid-article (``Tại hội nghị, ...``)
implies its meeting, undated.

The date is a date mention of the meeting's sentence (or of the lead), never one that belongs
to a document, a deadline, a plan or a session; a range is dated by its first day.  With no
year written, the year comes from the dateline (or the crawler metadata's year-month), else
from the text: a congress's opening term year, a full date or a year its sentence states, an
anniversary (``kỷ niệm 115 năm Ngày Quốc tế Phụ nữ``: 1910 + 115), a congress term named
beside it, a year the opening states (never a site clock's, a horizon, a birth year or a count
of years); else null, as it is when the text states no day (``vừa tổ chức``).  ``Sáng nay``
with no numbers resolves against a dateline only.  A year outside the plausible years is no
meeting's.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import lru_cache

from extractor.context import Context
from extractor.findings import MeetingFound
from extractor.grammar.dates import DateMention, resolve_year
from extractor.resources import alternation as _alt
from extractor.resources import load_yaml
from extractor.text.normalize import fold

_MAX_DESCRIPTION = 220



@lru_cache(maxsize=1)
def _data():
    d = load_yaml("meetings.yaml")
    kinds = {}
    weak = set()
    for k in d["kinds"]:
        for f in k["forms"]:
            kinds.setdefault(f, k["kind"])
            if k.get("weak"):
                weak.add(f)
    lo, hi = d["plausible_years"]
    return {
        "kinds": kinds,
        "weak": weak,
        "plan_before": re.compile(r"(?<![\w])(?:" + _alt(d["plan_before"]) + r")(?![\w])"),
        "plan_after": re.compile(r"(?<![\w])(?:" + _alt(d["plan_after"]) + r")(?![\w])"),
        "future_after": re.compile(r"\s*(?:" + _alt(d["date_future_after"]) + r")(?![\w])"),
        "years": (int(lo), int(hi)),
        "anniversaries": {n: int(a["year"]) for a in d["anniversaries"] for n in a["names"]},
        "anniversary_rx": re.compile(r"(?<![\w\d])(\d{1,4})\s+năm\s+((?:\S+\s+){0,4}?)(" + _alt({n for a in d["anniversaries"] for n in a["names"]}) + r")(?![\w])"),
        "not_kind_after": re.compile(r"(?<![\w])(?:" + _alt(d["not_kind_after"]) + r"|\d(?:[\d.,]*\d)?)\s+$"),
        "doc_of_meeting": re.compile(r"(?<![\w])(?:" + _alt(d["document_of_meeting"]) + r")\s+$"),
        "not_year_before": re.compile(r"(?<![\w])(?:" + _alt(d["not_event_year_before"]) + r")\s*$"),
        "kind_rx": re.compile(r"(?<![\w])(" + _alt(kinds) + r")(?![\w])"),
        "held_rx": re.compile(r"(?<![\w])(" + _alt(d["held_verbs"]) + r")(?![\w])"),
        "not_before": re.compile(r"(?:^|\s)(?:" + _alt(d["date_not_meeting_before"]) + r")\s*$"),
        "doc_rx": re.compile(r"(?<![\w])(?:" + _alt(d["document_words"]) + r")(?![\w])"),
        "periods": [re.compile(p) for p in d["periods"]],
        "qualifiers": [(q["near"], q["kind"]) for q in d["kind_qualifiers"]],
    }




# What an organiser's name starts with: a committee, council, front, union, office...
_ORGANIZER_HEAD = re.compile(
    r"(?:đảng|hội|ban|ủy|ubnd|hđnd|mttq|ubmttq|liên|chi|(?:huyện|tỉnh|thành|thị|quận|xã|phường) (?:ủy|đoàn)|"
    r"thường trực|trung|sở|phòng|văn|đoàn|công|các|cục|bộ|tổ|trường|bệnh|viện|cơ quan)")
_HORIZON = re.compile(r"(?:đến|tới|tầm nhìn(?: đến)?|giai đoạn|trước)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?(?:19|20)\d{2}(?:\s*[-–—]\s*(?:19|20)\d{2})?")
_LONE_YEAR = re.compile(r"(?<![\d\-–—])((?:19|20)\d{2})(?![\d\-–—])")
_TERM = re.compile(r"nhiệm kỳ\s*(\d{4})\s*[-–—]\s*(\d{4})")
_CONGRESS_TERM = re.compile(r"đại hội[^.;]{0,100}?nhiệm kỳ\s*(\d{4})\s*[-–—]\s*\d{4}")
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
    ctx = _joined(ctx)
    body = ctx.body_start
    # a dateline's or a site clock's date is the page's, never a meeting's
    chrome = ctx.found.chrome_dates
    dates = [x for x in dates if not any(a <= x.start < b for a, b in chrome)]
    meetings: list[MeetingFound] = []
    end = min(len(ctx.key), ctx.body_end)
    kinds = [m for m in d["kind_rx"].finditer(ctx.key, 0, end) if m.start() >= body]
    if not kinds and ctx.title:
        kinds = list(d["kind_rx"].finditer(ctx.key, 0, body))
    kinds = [m for m in kinds if not _is_venue(ctx, m.start())
             and (m.group(1) not in d["weak"] or _governed(ctx, m))]
    # a photo caption ("Quang cảnh hội nghị", "... Ảnh: K.L") shows a meeting the text reports, or none
    captions = _caption_ranges(ctx)
    kinds = [m for m in kinds if not any(a <= m.start() < b for a, b in captions)
             and not d["not_kind_after"].search(ctx.key, max(0, m.start() - 15), m.start())]
    used_sent = set()
    main: MeetingFound | None = None
    planned = False
    for m in kinds:
        sent = ctx.sentence_of(m.start())
        if sent in used_sent:
            continue
        s0, s1 = ctx.sentences[sent] if ctx.sentences else (0, len(ctx.text))
        held = d["held_rx"].search(ctx.key, s0, s1) or _ATTEND.search(ctx.key, s0, s1)
        if held and not (m.start() <= held.start() < m.end()):
            # "tổ chức Đại hội ...": the kind the held-verb governs, not one met earlier in the sentence
            governed = d["kind_rx"].search(ctx.key, held.end(), min(s1, held.end() + 40))
            if (governed and governed.start() > m.start() and governed.group(1) not in d["weak"]
                    and not _is_venue(ctx, governed.start()) and not _planned(ctx, governed, s0, s1, dates)):
                m = governed
        if _planned(ctx, m, s0, s1, dates):
            planned = True
            continue
        if _in_document_name(ctx, m, s0) or d["doc_of_meeting"].search(ctx.key, max(0, m.start() - 30), m.start()):
            continue
        sent_dates = [x for x in (_meeting_date(ctx, x) for x in dates if s0 <= x.start < s1) if x is not None]
        if not held and not sent_dates and m.start() >= body:
            continue
        used_sent.add(sent)
        kind = _kind_at(ctx, m)
        if m.group(1) in d["weak"]:
            kind = _named_later(ctx, sent, kind)
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
            date = _resolve(ctx, mention, kind, sent)
            date_text = ctx.text[mention.start:mention.end]
            tod = mention.time_of_day
        elif main is None:
            rel = _relative_lead(ctx, dates, sent)
            if rel is not None:
                date = resolve_year(rel, ctx.published)
                date_text = ctx.text[rel.start:rel.end]
                tod = rel.time_of_day
        if mention is None and date is None and meetings and _SAME_DAY.match(ctx.key, s0):
            date, date_text = meetings[-1].date, ctx.text[s0:s0 + len(_SAME_DAY.match(ctx.key, s0).group(0))].strip(" *-•+,")
        period = _period(ctx, m.start(), desc_end)
        found = MeetingFound(m.start(), m.start() + len(desc), kind, desc, organizer, date, date_text, tod, period)
        if main is None:
            main = found
        elif _backref(ctx, m, s0) and not (mention is not None and mention.start - s0 < 25):
            continue  # "Dự kỳ họp có ...", "Phát biểu chỉ đạo hội nghị, ...": the same meeting
        elif _ON_THIS_OCCASION.match(ctx.key, s0) and mention is None:
            continue  # "Dịp này, Hội trao giấy khen ...": a part of the meeting reported
        elif not _another_meeting(found, meetings, bool(d["held_rx"].search(ctx.key, s0, s1))):
            continue
        meetings.append(found)
        if len(meetings) >= 5:
            break
    if not meetings and not planned and ctx.title is None:  # an excerpt that starts mid-article
        implied = _implied(ctx, kinds)
        if implied is not None:
            meetings.append(implied)
    return _merge_restatement(ctx, meetings)


_SENT_END = re.compile(r"[.!?:;…\"”’)\]]\s*\Z")


def _joined(ctx: Context) -> Context:
    """The context with sentences that a hard line break cut in two joined again: a line that
    ends without a stop and a next line that goes on in lower case ("Chiều\nngày 14/9/2021, ...")."""
    sents = ctx.sentences
    if len(sents) < 2:
        return ctx
    out = [sents[0]]
    changed = False
    for a, b in sents[1:]:
        pa, pb = out[-1]
        gap = ctx.text[pb:a]
        first = ctx.text[a:a + 1]
        if (gap.count("\n") == 1 and not gap.strip() and not _SENT_END.search(ctx.text[pa:pb])
                and (first.islower() or first.isdigit())):
            out[-1] = (pa, b)
            changed = True
        else:
            out.append((a, b))
    return dataclasses.replace(ctx, sentences=out) if changed else ctx


def _caption_ranges(ctx: Context) -> list[tuple[int, int]]:
    """Lines of the body that caption a photo: a credit (`Ảnh: ...`), or a short line with no stop
    between paragraphs."""
    out = []
    pos = ctx.body_start
    text = ctx.text
    rows = text[ctx.body_start:min(len(text), ctx.body_end)].split("\n")
    for k, line in enumerate(rows):
        a, b = pos, pos + len(line)
        pos = b + 1
        s = line.strip()
        if not s:
            continue
        words = len(s.split())
        nxt = rows[k + 1].strip() if k + 1 < len(rows) else ""
        # a line of a hard-wrapped paragraph goes on, in lower case, on the next line: no caption
        wrapped = s[:1].islower() or (nxt[:1].islower() and nxt[:1].isalpha())
        if (_CREDIT.search(s) and words < 40) or (words < 12 and not wrapped and not re.search(r"[.!?…:;,]", s)):
            out.append((a, b))
    return out


_CREDIT = re.compile(r"(?:^|[\s.(])(?:ảnh|ảnh tư liệu|ảnh minh họa|nguồn ảnh)\s*:\s*\S", re.I)


def _governed(ctx: Context, m: re.Match) -> bool:
    """A weak kind (`kỷ niệm`) names the event only right after a held-verb: `tổ chức kỷ niệm`."""
    return bool(_HELD_FOR_WEAK.search(ctx.key, max(0, m.start() - 40), m.start()))


_HELD_FOR_WEAK = re.compile(r"(?<![\w])(?:" + _alt(["tổ chức", "long trọng tổ chức", "trọng thể tổ chức", "đã tổ chức", "vừa tổ chức",
                                                  "tổ chức lễ", "phối hợp tổ chức", "long trọng", "trọng thể", "tổ chức buổi"])
                            + r")\s+(?:\S+\s+)?$")


def _named_later(ctx: Context, sent: int, kind: str) -> str:
    """A weak kind refined by a named kind that refers back to it in the next sentences:
    "tổ chức kỷ niệm ... ngày 8/3. Buổi họp mặt diễn ra ..." is a họp mặt."""
    d = _data()
    for k in range(sent + 1, min(len(ctx.sentences), sent + 4)):
        a, b = ctx.sentences[k]
        m = d["kind_rx"].search(ctx.key, a, min(b, a + 40))
        if m and m.group(1) not in d["weak"]:
            return _kind_at(ctx, m)
    return kind


def _planned(ctx: Context, m: re.Match, s0: int, s1: int, dates: list[DateMention]) -> bool:
    """Whether the sentence speaks of this meeting as planned: `chuẩn bị tổ chức Đại hội`, `đi dự
    Đại hội ... cấp trên`, `... dự kiến vào ngày 31/5`, `được tổ chức vào ngày 26, 27/5 tới`."""
    d = _data()
    before = ctx.key[max(s0, m.start() - 40):m.start()]
    before = re.split(r"[,;(]", before)[-1]
    if d["plan_before"].search(before):
        return True
    stop = re.search(r"\.\s|;|\n", ctx.key[m.end():s1])
    after_end = m.end() + stop.start() if stop else s1
    after = ctx.key[m.end():min(after_end, m.end() + 160)]
    if d["plan_after"].search(after):
        return True
    for x in dates:
        if m.end() <= x.start < min(after_end, m.end() + 160) and d["future_after"].match(ctx.key, x.end):
            return True
    return False


def _in_document_name(ctx: Context, m: re.Match, s0: int) -> bool:
    """`Chỉ thị số 50 về ... nâng cao chất lượng sinh hoạt chi bộ`: a kind inside a document's name."""
    before = re.split(r"[;:]", ctx.key[max(s0, m.start() - 100):m.start()])[-1]
    doc = None
    for doc in _data()["doc_rx"].finditer(before):
        pass
    if doc is None or not re.match(r"(?:\s+(?:số\s+)?[\w/\-]*\d[\w/\-]*)?\s+[\"“«(]?về\s", before[doc.end():]):
        return False
    return not _data()["held_rx"].search(before, doc.end())


def _meeting_date(ctx: Context, dm: DateMention) -> DateMention | None:
    """``dm`` as a meeting's date, or None: a range written `từ ngày 12 đến ngày 15/10` is dated by
    its first day; a future date (`26/5 tới`) is a plan's."""
    d = _data()
    if dm.day is None or dm.month is None:
        return None
    if d["future_after"].match(ctx.key, dm.end):
        return None
    r = _RANGE_FROM.search(ctx.key, max(0, dm.start - 30), dm.start)
    if r and 1 <= int(r.group(1)) < dm.day:
        return dataclasses.replace(dm, start=r.start(), day=int(r.group(1)), end_day=dm.day, has_cue=True)
    return dm if _date_ok(ctx, dm) else None


_RANGE_FROM = re.compile(r"(?<![\w])từ\s+(?:ngày\s+)?(\d{1,2})\s*(?:đến|tới|-|–)\s*(?:ngày\s+)?$")


def _resolve(ctx: Context, mention: DateMention, kind: str, sent: int) -> dt.date | None:
    """The meeting's day: the written year, else the dateline's (or the metadata's year-month),
    else the text's implied year; None outside the plausible years."""
    ref = ctx.published
    if ref is None and ctx.found.reference_month:
        y, mo = ctx.found.reference_month
        ref = dt.date(y, mo, 15)
    date = resolve_year(mention, ref, _fallback_year(ctx, mention, kind, sent))
    lo, hi = _data()["years"]
    if date is not None and not lo <= date.year <= hi:
        return None
    return date


def _relative_lead(ctx: Context, dates: list[DateMention], sent: int) -> DateMention | None:
    """`Sáng nay, ...`, `Hôm qua, ...` opening the meeting's sentence (or the lead): the day
    only against a dateline, never against a guess."""
    if ctx.published is None:
        return None
    lead = next((i for i, (a, _) in enumerate(ctx.sentences) if a >= ctx.body_start), None)
    for k in {sent, lead} - {None}:
        a, b = ctx.sentences[k]
        for x in dates:
            if a <= x.start < b and x.month is None and x.relative:
                if re.fullmatch(r"[\s(]*(?:\S{1,25}\)\s*)?[-–—]?\s*", ctx.text[a:x.start]):
                    return x
    return None


_BACKREF = re.compile(r"(?:^|[\s,])(?:tại|trong|cũng tại|qua|kết thúc|bế mạc|phát biểu (?:chỉ đạo |khai mạc |bế mạc )?tại|"
                      r"phát biểu chỉ đạo|phát biểu khai mạc|chủ trì|dự)\s+(?:buổi\s+)?$")


_ON_THIS_OCCASION = re.compile(r"[\s*\-•+]*(?:dịp này|nhân dịp này|trong dịp này|cũng trong dịp này|trong khuôn khổ|"
                               r"đồng thời|bên lề|tiếp đó|sau đó|kết thúc|trước đó)(?![\w])")
_SAME_DAY = re.compile(r"[\s*\-•+]*(?:cùng ngày|trong cùng ngày|cũng trong ngày|cùng buổi sáng|cùng buổi chiều|cùng thời điểm)(?![\w])\s*,?")


def _backref(ctx: Context, m: re.Match, s0: int) -> bool:
    return bool(_BACKREF.search(ctx.key[max(s0, m.start() - 40):m.start()]))


def _implied(ctx: Context, kinds: list[re.Match]) -> MeetingFound | None:
    """An excerpt that opens mid-article names its meeting only by back-references: "Tại hội
    nghị, ...", "Hội nghị đã thông qua ...".  That meeting, undated."""
    d = _data()
    for m in kinds:
        if m.group(1) in d["weak"]:
            continue
        s0, _ = ctx.sentence_range(m.start())
        before = ctx.key[s0:m.start()]
        if (_BACKREF.search(before) and len(before) < 60) or not before.strip(" *-•+"):
            after = ctx.key[m.end():m.end() + 30]
            if before.strip(" *-•+") == "" and not re.match(r"\s*(?:\S+\s+){0,8}?(?:đã|cũng|được|diễn ra|thông qua|tiến hành|bầu|quyết nghị)", after):
                continue
            kind = _kind_at(ctx, m)
            desc = ctx.text[m.start():min(len(ctx.text), m.end() + 60)].split(",")[0].split(".")[0]
            return MeetingFound(m.start(), m.start() + len(desc), kind, desc, None, None, None, None, None)
    return None


def _another_meeting(found: MeetingFound, meetings: list[MeetingFound], held: bool) -> bool:
    """Whether a later mention reports a meeting of its own: a new date for a kind already seen
    (a round-up's items), or another kind said to be held; "Dự kỳ họp có ..." is the same meeting."""
    same = [m for m in meetings if m.kind == found.kind]
    # "Đại hội ... lần thứ XI" twice is one congress, whatever day each mention gives
    # (a round-up's communes each hold their "kỳ họp thứ nhất": another organiser, another meeting)
    if any(_ordinal(m.description) and _ordinal(m.description) == _ordinal(found.description)
           and m.organizer is not None and found.organizer is not None and _org_key(m.organizer) == _org_key(found.organizer)
           for m in same):
        return False
    if same:
        if found.date is not None and all(m.date != found.date for m in same):
            return True
        # a round-up's items: the same kind held the same day by another organiser
        return (held and found.date is not None and found.organizer is not None
                and all(m.organizer is not None and _org_key(m.organizer) != _org_key(found.organizer) for m in same))
    return held and (found.date is not None or not any(m.date for m in meetings))


_ORDINAL = re.compile(r"(?:lần|kỳ họp|kì họp|phiên họp|khóa|khoá)\s+thứ\s+([\w]+)")


def _ordinal(desc: str) -> str | None:
    m = _ORDINAL.search(fold(desc)[:80])
    return m.group(0) if m else None


def _org_key(org: str) -> str:
    return " ".join(fold(org).split())


def _merge_restatement(ctx: Context, meetings: list[MeetingFound]) -> list[MeetingFound]:
    """The headline's meeting restated with its date in the lead is one meeting, the dated one;
    a round-up's opening about many units ("các đảng bộ xã tổ chức đại hội") gives way to its
    dated items."""
    if len(meetings) < 2 or meetings[0].date is not None:
        return meetings
    org = fold(meetings[0].organizer or "")
    if re.match(r"(?:các|nhiều|những|toàn bộ|100%)\s", org) and any(
            m.kind == meetings[0].kind and m.date is not None for m in meetings[1:]):
        return meetings[1:]
    first, second = meetings[0], meetings[1]
    lead = [i for i, (a, _) in enumerate(ctx.sentences) if a >= ctx.body_start][:2]
    # not in a round-up, whose headline speaks of many units: "HĐND các xã ... tổ chức kỳ họp"
    roundup = ctx.title is not None and re.search(r"(?:^|\s)(?:các|nhiều|hoàn thành)\s", fold(ctx.title))
    if second.date is not None and second.kind == first.kind and not roundup and (
            first.start < ctx.body_start or ctx.sentence_of(second.start) in lead):
        return [second] + meetings[2:]
    return meetings


# "Trung tâm Hội nghị tỉnh", "phòng họp": a place, not a meeting.
_VENUE_WORDS = r"(?:trung tâm|phòng|cung|nhà|hội trường|khu|tòa|toà)"
_VENUE_NEXT = re.compile(_VENUE_WORDS + r"\s*$")
# "Trung tâm Thông tin - Hội nghị tỉnh": capitalised words of a venue's name between
_VENUE_NAMED = re.compile(r"(?i:" + _VENUE_WORDS + r")(?:\s+[^\s,.;]+){1,3}\s*[-–]\s*$")


def _is_venue(ctx: Context, pos: int) -> bool:
    """Whether the kind word at ``pos`` names a place: `phòng họp`, `Trung tâm Hội nghị tỉnh`."""
    return bool(_VENUE_NEXT.search(ctx.key, max(0, pos - 12), pos) or _VENUE_NAMED.search(ctx.text, max(0, pos - 40), pos))
_ATTEND = re.compile(r"(?<![\w])(?:dự|tham dự|chủ trì|trao|trao tặng|đón tiếp)(?![\w])")


def _lead_date(ctx: Context, dates: list[DateMention], sent: int) -> DateMention | None:
    """The lead sentence's date when it reports the event: "Ngày 25/1, đồng chí ... dự và trao ..."."""
    lead = next((i for i, (a, _) in enumerate(ctx.sentences) if a >= ctx.body_start), None)
    if lead is None or lead >= sent or sent - lead > 2:
        return None
    a, b = ctx.sentences[lead]
    if not (_data()["held_rx"].search(ctx.key, a, b) or _ATTEND.search(ctx.key, a, b)):
        return None
    got = [y for y in (_meeting_date(ctx, x) for x in dates if a <= x.start < min(b, a + 40)) if y is not None]
    return got[0] if got else None


def _pick_date(ctx: Context, sent_dates: list[DateMention], sent: int, dates: list[DateMention]) -> DateMention | None:
    if sent_dates:
        return sent_dates[0]
    # "Ngày 16/7/2020 tại nhà văn hóa xã. HĐND xã ... tổ chức kỳ họp": a verbless lead before
    if sent > 0:
        p0, p1 = ctx.sentences[sent - 1]
        if p0 >= ctx.body_start and p1 - p0 < 90:
            prev = [y for y in (_meeting_date(ctx, x) for x in dates if p0 <= x.start < p1) if y is not None]
            if prev and prev[0].start - p0 < 5:
                return prev[0]
    return None


def _fallback_year(ctx: Context, mention: DateMention, kind: str, sent: int) -> int | None:
    """The year the text implies for a date that omits it, when there is no dateline: a
    congress's opening term year; the latest year its sentence states; the latest year the
    opening states.  Never a horizon (`đến năm 2030`), a birth or founding year (`sinh năm
    1937`), a count of years (`1985 năm`), nor one outside the plausible years."""
    s0, s1 = ctx.sentences[sent] if ctx.sentences else (0, len(ctx.text))
    seg = ctx.key[s0:s1]
    if kind == "đại hội":
        t = _TERM.search(seg) or _TERM.search(ctx.key)
        if t and _plausible(int(t.group(1))):
            return int(t.group(1))
    stated = _years(_HORIZON.sub(" ", seg), _YEAR)
    # the years of full dates in the sentence: "(3-2-1930 - 3-2-2026)"
    stated += [x.year for x in ctx.found.dates if s0 <= x.start < s1 and x.year and _plausible(x.year)]
    if stated:  # the latest: "Lễ kỷ niệm 90 năm (18/11/1930 - 18/11/2020)" is of 2020
        return max(stated)
    # an anniversary: "kỷ niệm 115 năm Ngày Quốc tế Phụ nữ" is held in 1910 + 115
    for seg_a, seg_b in ((s0, s1), (ctx.body_start, min(len(ctx.key), ctx.body_start + 400)), (0, ctx.body_start)):
        got = _anniversary_year(ctx.key[seg_a:seg_b])
        if got is not None:
            return got
    # a congress the sentence names, with its term: the meeting is of the year the term opens
    t = _CONGRESS_TERM.search(seg)
    if t and _plausible(int(t.group(1))):
        return int(t.group(1))
    # The latest year the opening states (not a horizon: "đến năm 2030", "tầm nhìn 2050"); a term
    # "2025-2030" counts by its first year only for a congress, which opens it.
    head = ctx.key[: ctx.body_start + 600]
    for a, b in ctx.found.chrome_dates:  # a site clock's year is never a meeting's
        if b <= len(head):
            head = head[:a] + " " * (b - a) + head[b:]
    head = _HORIZON.sub(" ", head)
    years = [int(t.group(1)) for t in _TERM.finditer(head) if _plausible(int(t.group(1)))] if kind == "đại hội" else []
    years += _years(_TERM.sub(" ", head), _LONE_YEAR)
    return max(years) if years else None


def _anniversary_year(seg: str) -> int | None:
    d = _data()
    for m in d["anniversary_rx"].finditer(seg):
        if re.fullmatch(r"(?:(?:ngày|thành lập|truyền thống|cuộc|chiến thắng|của)\s+)*", m.group(2) or ""):
            y = d["anniversaries"][m.group(3)] + int(m.group(1))
            if _plausible(y):
                return y
    return None


def _plausible(year: int) -> bool:
    lo, hi = _data()["years"]
    return lo <= year <= hi


def _years(seg: str, rx: re.Pattern) -> list[int]:
    out = []
    d = _data()
    for m in rx.finditer(seg):
        y = int(m.group(1))
        if not _plausible(y) or re.match(r"\s+năm(?!\s+\d)", seg[m.end(1):]):
            continue  # "kỷ niệm 1985 năm cuộc khởi nghĩa": a count of years
        if d["not_year_before"].search(seg, max(0, m.start(1) - 25), m.start(1) if not seg[m.start():m.start(1)].strip() else m.start()):
            continue
        out.append(y)
    return out


def _organizer(ctx: Context, s0: int, verb: int, kind_start: int) -> str | None:
    """Who held it: the last body-like segment before the held-verb."""
    seg_end = verb if verb > s0 else kind_start
    seg = re.sub(r"\([^()]{0,40}\)", " ", ctx.text[s0:seg_end])  # "Đảng bộ thị trấn X (Duy Xuyên)"
    parts = [p.strip() for p in re.split(r",|\)|\(", seg)]
    for part in reversed(parts):
        low = fold(part)
        if _ORGANIZER_HEAD.match(low):
            part = re.sub(r"\s+(?:đã|vừa|long trọng|trọng thể|phối hợp|chính thức)(?:\s.*)?$", "", part)
            return part or None
        if not part or low.startswith(("tại ", "sáng", "chiều", "tối", "ngày", "trong", "hôm", "vào", "trưa", "cũng", "cùng", "xã ", "huyện ",
                                       "tỉnh ", "phường ", "thị trấn ", "thị xã ", "thành phố ", "quận ", "tp",
                                       "nhiệm kỳ", "khóa", "khoá", "lần thứ")):
            continue
        break
    return None


def _period(ctx: Context, start: int, end: int) -> str | None:
    best = None
    for rx in _data()["periods"]:
        m = rx.search(ctx.key, start, end)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.end())
    if best is None:
        return None
    return ctx.text[best[0]:best[1]]
