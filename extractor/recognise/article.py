"""Headline, dateline and byline of a plain-text article, read as a crawler leaves the page.

A crawled page is chrome, then the story, then chrome again: menus, the site's name, a site
clock (a weekday with the crawl day's date), the headline, a dateline in one of many forms
(``21/12/2023``, ``Thứ Tư, 08/04/2015, 08:11``, ``Cập nhật lúc 14:57, Thứ Ba, 14/07/2020
(GMT+7)``, ``NAME - hh:mm, dd/mm/yyyy``, ``(11/10/2018). Số lượt xem: 20``), the paragraphs,
a byline (``Bảo Toàn``, ``SƠN TRUNG``, ``Tin, ảnh: Minh Đức``, ``Tuyết Mai (CTV)``), then
view counters, menus and related headlines.

The reading is by zones and candidates, not by examples.  The paragraphs of the story are
the long, sentence-like lines; before the first is the head zone, after the last the tail
zone.  Every line that holds a full date and nothing but dateline furniture is a dateline
candidate, scored by layout cues (its zone, being right under the headline, a cue word, a
clock time, the site clock's shape: weekday-led above the headline) with the weights of
``patterns/article.yaml``; the best at or above the threshold is the dateline.  The byline is
an author named on the dateline line, a signed line under the headline, or the first
name-shaped line of the tail zone.  Values given by the input win over what is read here.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.context import Context
from extractor.grammar.dates import find_dates
from extractor.resources import load_yaml
from extractor.text.normalize import UPPER

_MAX_HEAD_LINES = 12  # the headline sits in the first lines of the page
_MAX_TAIL_LINES = 8   # the byline among the first lines after the story
_MAX_OFFICE_WORDS = 10
_MAX_DATELINE = 140   # a dateline line is short
_MAX_TAIL_DATELINE = 4  # lines after the story's end: a dateline there is the story's; further down, another's
_MAX_LEAD_GAP = 21    # days a story's dateline may follow the day its lead reports
_MAX_LEAD_AHEAD = 10  # ... or precede it (an announcement)
_LEAD_WINDOW = 800    # characters of the story searched for its first dated day


def _cue_rx(words, flags=re.I) -> re.Pattern:
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alt + r")(?!\w)", flags)


@lru_cache(maxsize=1)
def _rules():
    data = load_yaml("article.yaml")
    junk = re.compile(r"\A(?:" + "|".join(f"(?:{p})" for p in data["junk_lines"]) + r")\Z")
    by = sorted(data["byline_prefixes"], key=len, reverse=True)
    byline_prefix = re.compile(r"\A\(?\s*(?:" + "|".join(by) + r")\s*:?\s*", re.I)
    org_words = tuple(sorted(data["byline_org_words"], key=len, reverse=True))
    cues = _cue_rx(data["dateline_cues"])
    meta = re.compile(r"\s*(?:" + "|".join(re.escape(k) for k in data["metadata_keys"])
                      + r")\s*:?\s*((?:19|20)\d{2})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?(?=\s|\Z)", re.I)
    never = {w.lower() for w in data["byline_never"]}
    return {"junk": junk, "byline_prefix": byline_prefix, "org_words": org_words, "cues": cues, "meta": meta,
            "weights": data["dateline_weights"], "threshold": float(data["threshold"]), "never": never,
            "years": tuple(int(y) for y in data["dateline_years"])}


def _lines(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line from ``start``, stripped."""
    out = []
    pos = start
    for line in text[start:].split("\n"):
        a, b = pos, pos + len(line)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        pos += len(line) + 1
    return out


def is_junk(key_line: str) -> bool:
    return bool(_rules()["junk"].match(key_line.strip()))


# --------------------------------------------------------------------------- dateline lines

_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật|chúa\s*nhật|t[2-7]|cn)(?!\w)"
_WEEKDAY_LEAD = re.compile(r"\A[\s(\[]*" + _WEEKDAY, re.I)
_TIME = re.compile(r"(?<![\d:])\d{1,2}\s?[:h]\s?\d{2}(?::\d{2})?(?:\s*(?:am|pm|sa|ch)\b)?['’]?", re.I)
_GMT = re.compile(r"[(\[]?\s*gmt\s*[+-]?\s*\d{0,2}\s*[)\]]?", re.I)
_VIEWS = re.compile(r"(?:(?:số\s+)?lượt\s+(?:xem|đọc)|views?|lần\s+xem)\s*:?\s*[\d.,]*", re.I)
_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
_SEPARATED = re.compile(r"\s[-–—|]\s|\|")
_LEAD_DATE = re.compile(r"[\s(*\-–•]*(?:sáng|chiều|tối|trưa|đêm|hôm qua|hôm nay|vào|trong|từ)(?!\w)", re.I)
_POSTER = re.compile(r"\A[a-z0-9_.]{2,20}\Z")  # a site account before `gửi vào`: not an author


@dataclass
class DatelineLine:
    date: dt.date
    author: str | None
    cue: bool
    time: bool
    label: bool
    weekday_lead: bool


def _date_in(s: str) -> tuple[dt.date, int, int] | None:
    """The first full date (day, month, year) in ``s`` and its offsets."""
    m = _ISO.search(s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])), m.start(), m.end()
        except ValueError:
            return None
    for d in find_dates(s):
        if d.year and d.day and d.month:
            try:
                return dt.date(d.year, d.month, d.day), d.start, d.end
            except ValueError:
                return None
    return None


def _dateline_line(line: str) -> DatelineLine | None:
    """The dateline a line states, or None if the line is anything else (a sentence, a caption).

    >>> d = _dateline_line("Cập nhật lúc 14:57, Thứ Ba, 14/07/2020 (GMT+7)"); (d.date, d.cue, d.time)
    (datetime.date(2020, 7, 14), True, True)
    >>> _dateline_line("Văn Nam - Lê Hà - 16:11, 09/09/2024").author
    'Văn Nam - Lê Hà'
    >>> _dateline_line("Ngày 16/7/2020 tại hội trường xã, HĐND xã họp") is None
    True
    """
    if len(line) > _MAX_DATELINE or _LEAD_DATE.match(line) or line.rstrip().endswith(","):
        return None  # "Sáng 21/6/2013, ...": a lead's date, cut from its sentence by a line break
    found = _date_in(line)
    if found is None:
        return None
    date, a, b = found
    r = _rules()
    if not r["years"][0] <= date.year <= r["years"][1]:
        return None
    rest = line[:a] + " \x00 " + line[b:]
    # the date's own cue words (`ngày`, `sáng`) are part of find_dates' mention; strip the rest
    cue = bool(r["cues"].search(line))
    rest = r["cues"].sub(" ", rest)
    # find_dates' mention takes in a weekday before the date and a clock time after it
    weekday_lead = bool(_WEEKDAY_LEAD.match(r["cues"].sub(" ", line)))
    rest = re.sub(_WEEKDAY, " ", rest, flags=re.I)
    time = bool(_TIME.search(line))
    rest = _TIME.sub(" ", rest)
    rest = re.sub(r"(?<!\w)(?:am|pm|sa|ch|a\.m\.|p\.m\.)(?!\w)", " ", rest, flags=re.I)
    rest = _GMT.sub(" ", rest)
    rest = _VIEWS.sub(" ", rest)
    rest = re.sub(r"(?<=\s)\d{1,9}(?=\s|\Z)", " ", rest)  # a counter glued after the time (`04:163670`)
    before, _, after = rest.partition("\x00")
    before, after = before.strip(" |,;:-–—()[].'’•"), after.strip(" |,;:-–—()[].'’•")
    author = None
    label = False
    for side, piece, raw in (("before", before, line[:a]), ("after", after, line[b:])):
        if not piece:
            continue
        if _POSTER.match(piece) or piece.lower() in r["never"]:
            continue
        name = _byline_name(piece) if _SEPARATED.search(raw) or r["byline_prefix"].match(piece) else None
        if name and author is None:
            author = name
            continue
        words = [x for x in piece.split() if x not in "-–—|"]
        if len(words) <= 4 and not re.search(r"\d", piece) and piece[:1].isupper() and not _looks_like_name(piece):
            label = True  # a section label: `Chính trị 28-05-2024`, `12/05/2025 | Thời sự`
            continue
        return None
    return DatelineLine(date, author, cue, time, label, weekday_lead)


# --------------------------------------------------------------------------- bylines

def _titlecase(name: str) -> str:
    """``SƠN TRUNG`` -> ``Sơn Trung``; initials stay as written (``T.H``)."""
    words = name.split()
    return " ".join(w[:1].upper() + w[1:].lower() if w.isupper() and "." not in w and (len(w) > 2 or len(words) > 1) else w
                    for w in words)


_NAME_SYLLABLE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.])*\Z")
_GLUED = re.compile(r"(?<=[a-zà-ỹđ])(?=" + UPPER + r"[a-zà-ỹđ])")


def _byline_name(line: str) -> str | None:
    """The author's name if ``line`` reads as a byline, else None.

    >>> _byline_name("Tin, ảnh: Minh Đức"), _byline_name("SƠN TRUNG"), _byline_name("(HOÀI NHI)")
    ('Minh Đức', 'Sơn Trung', 'Hoài Nhi')
    >>> _byline_name("Huỳnh Thơ - Hội Nông dân huyện Tháp Mười"), _byline_name("Quang cảnh hội nghị")
    ('Huỳnh Thơ', None)
    >>> _byline_name("Thu Hà (CTV)"), _byline_name("Tác giả: Lê Vân - Nguồn: abc.gov.vn"), _byline_name("T")
    ('Thu Hà', 'Lê Vân', None)
    """
    r = _rules()
    s = line.strip()
    s = r["byline_prefix"].sub("", s, count=1).strip()
    if s.startswith("(") and s.endswith(")"):
        s = s[1:-1]
    s = s.strip("[] .").strip()
    if not s or s.lower() in r["never"]:
        return None
    # "Name (Org)" / "Name - Org" / "Name – Name" / "Name, Name" / "Name/TTXVN"
    s = re.sub(r"\s*\(.*\)\s*$", "", s)
    s = re.sub(r"\s*/\s*[A-ZĐ]{2,8}\s*$", "", s)
    pieces = [p for p in re.split(r"\s*[-–—]\s*|\s*,\s+", s) if p]
    if not pieces:
        return None
    kept = [pieces[0]]
    for piece in pieces[1:]:
        low = piece.lower()
        if any(low == w or low.startswith(w + " ") or low.startswith(w + ":") for w in r["org_words"]):
            break
        kept.append(piece)
    names = [p for p in kept if _looks_like_name(p)]
    if len(names) != len(kept) or not names:
        return None
    seps = re.findall(r"\s*[-–—]\s*|\s*,\s+", s)
    sep = seps[0] if seps and len(names) > 1 else " "
    if sep.strip() == ",":
        sep = ", "
    return sep.join(_titlecase(n) for n in names)


def _looks_like_name(s: str) -> bool:
    words = s.split()
    if not 1 <= len(words) <= 4:
        return False
    if len(words) == 1:
        w = words[0]
        initials = re.fullmatch(r"(?:[A-ZĐ]\.){1,3}[A-ZĐ]?\.?|[A-ZĐ]\.[A-ZĐ][a-zà-ỹđ]+", w)
        if not initials and not (w.isupper() and len(w) >= 2):
            return False
    for w in words:
        if not _NAME_SYLLABLE.match(w) or not w[0].isupper():
            return False
    low = s.lower().split()
    if any(t in low for t in ("hội", "nghị", "đảng", "ủy", "uỷ", "huyện", "tỉnh", "xã", "ban", "ảnh", "video", "tin", "bài",
                              "báo", "tìm", "kiếm")):
        return False
    return True


# --------------------------------------------------------------------------- layout

def _words(line: str) -> int:
    return len(line.split())


def _is_paragraph(line: str) -> bool:
    """A line of the story's prose: long, or a full sentence (a headline has no final stop)."""
    n = _words(line)
    if n >= 25 or (n >= 3 and re.search(r"[.!?]\s+\S", line)):
        return True
    return n >= 8 and bool(re.search(r"[.!?…:;]\s*[\"”’)]*\Z", line))


def _reads_as_headline(line: str) -> bool:
    words = line.split()
    if len(words) < 4 or len(line) > 250:
        return False
    if re.search(r"[.!?]\s+\S", line):  # two sentences: a paragraph, not a headline
        return False
    if line.endswith(".") and len(line) > 160:
        return False
    return True


_RELATED = re.compile(r"(?:tin|bài|tin tức|bài viết)\s+(?:liên quan|khác|cùng chuyên mục|đã đưa|mới|mới nhất|cùng loại|xem nhiều)|xem thêm|đọc thêm|có thể bạn quan tâm", re.I)


def read_article(ctx: Context) -> None:
    """Fill ``ctx.title``, ``ctx.published``, ``ctx.author``, ``ctx.body_start`` (and ``ctx.body_end``).

    A year-month given by the crawler's metadata prefix (``date 2024-12``) is no dateline, but
    the year it gives is kept in ``ctx.found.reference_month`` for dates that omit it.
    """
    r = _rules()
    w = r["weights"]
    meta_date = None
    lines = _lines(ctx.text)
    # the crawler's metadata prefix opens the text (or one of its first lines, under a clock)
    for k, (a, b) in enumerate(lines[:6]):
        m = r["meta"].match(ctx.text, a, b)
        if not m:
            continue
        y, mo = int(m[1]), int(m[2])
        if 1 <= mo <= 12 and r["years"][0] <= y <= r["years"][1]:
            ctx.found.reference_month = (y, mo)
            if m[3]:
                try:
                    meta_date = dt.date(y, mo, int(m[3]))
                except ValueError:
                    meta_date = None
        a2 = m.end()
        while a2 < b and ctx.text[a2].isspace():
            a2 += 1
        lines = lines[:k] + ([(a2, b)] if a2 < b else []) + lines[k + 1:]
        break
    if not lines:
        return
    text_of = [ctx.text[a:b] for a, b in lines]
    junk = [is_junk(ctx.key[a:b]) for a, b in lines]
    datelines = [None if j or (k + 1 < len(text_of) and text_of[k + 1][:1].islower()) else _dateline_line(t)
                 for k, (t, j) in enumerate(zip(text_of, junk))]
    # "Tin liên quan" and the like: other articles' headlines follow; the story ends before them.
    n = len(lines)
    first_para = next((i for i in range(n) if not junk[i] and datelines[i] is None and _is_paragraph(text_of[i])), None)
    for i in range(first_para + 1 if first_para is not None else 1, n):
        if _RELATED.match(ctx.key[lines[i][0]:lines[i][1]]):
            ctx.body_end = lines[i][0]
            n = i
            break
    paras = [i for i in range(n) if not junk[i] and datelines[i] is None and _is_paragraph(text_of[i])]
    p0 = paras[0] if paras else n
    p1 = paras[-1] if paras else n - 1
    # Headline: the first line before the story that reads as one (not chrome, not a dateline).
    title_idx = None
    for i in range(min(p0, _MAX_HEAD_LINES)):
        if junk[i] or datelines[i] is not None:
            continue
        if _reads_as_headline(text_of[i]) and _byline_name(text_of[i]) is None:
            title_idx = i
            break
    if title_idx is not None:
        ctx.title = text_of[title_idx]
    # Dateline: score every candidate line.
    story = ctx.key[lines[p0][0] if p0 < n else 0:]
    story = re.sub(r"(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}|(?:đến|tới|tầm nhìn|trước)\s+(?:năm\s+)?(?:19|20)\d{2}", " ", story)
    story_years = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", story)}  # not a term's, nor a horizon's
    best = None
    if meta_date is not None:
        best = (w["metadata"], -1, meta_date, None)
    for i in range(n):
        d = datelines[i]
        if d is None:
            continue
        score = w["base"]
        if d.cue:
            score += w["cue"]
        if d.time:
            score += w["time"]
        if d.label:
            score += w["label"]
        if i < p0:
            score += w["head"]
        elif i > p1:
            score += w["tail"] if i - p1 <= _MAX_TAIL_DATELINE else w["far_tail"]
        else:
            score += w["middle"]
        if title_idx is not None and i == title_idx + 1:
            score += w["next_to_headline"]
        # a weekday-led date above the headline; with no headline, the first of the head's datelines
        clock = d.weekday_lead and i < p0 and (i < title_idx if title_idx is not None
                                                else i == next(k for k in range(n) if datelines[k] is not None))
        if clock:
            # the site's clock: the crawl day's date, not the article's (nor its year)
            # taken only with evidence: the story's first dated day is close to it, or the story
            # dates no day and names the clock's year ("vừa tổ chức ... năm 2023")
            agrees = _agrees_with_lead(ctx, lines, p0, d.date, story_years) if d.time else False
            if not (agrees or (agrees is None and d.date.year in story_years)):
                continue
            score += w["site_clock"]
        # of two clock-shaped lines, the one nearer the headline
        if score >= r["threshold"] and (best is None or score > best[0] or (clock and score == best[0])):
            best = (score, i, d.date, d.author)
    # every dateline-shaped line is page furniture: its date is never a meeting's, its year never a meeting year
    ctx.found.chrome_dates = [lines[i] for i in range(n) if datelines[i] is not None]
    head_end = (title_idx + 1) if title_idx is not None else 0
    if best is not None:
        ctx.published = best[2]
        if best[3]:
            ctx.author = best[3]
        # a dateline among the first lines closes the head, over a caption above it
        if 0 <= best[1] < p0 or 0 <= best[1] <= min(p1, p0 + 2):
            head_end = max(head_end, best[1] + 1)
    # Lines of chrome right before the story also belong to the head; with no headline, so do
    # short labels ("Tìm kiếm", "Đăng nhập"), but not the lines of a hard-wrapped lead.
    for i in range(head_end, min(p0, n)):
        label = (title_idx is None and _words(text_of[i]) < 6 and not text_of[i][:1].islower()
                 and not (i + 1 < n and text_of[i + 1][:1].islower()))
        if junk[i] or datelines[i] is not None or label:
            head_end = i + 1
        else:
            break
    # A signed line under the headline: "Lê Thanh Chương (Ban Tổ chức Tỉnh ủy)", "Tác giả: Lê Hà".
    if ctx.author is None:
        first = title_idx + 1 if title_idx is not None else 0
        for i in range(first, min(p0, first + 3, n)):
            line = text_of[i]
            if len(line) < 90 and ("(" in line or r["byline_prefix"].match(line) or re.search(r"\s[-–]\s", line)):
                name = _byline_name(line)
                if name:
                    ctx.author = name
                    head_end = max(head_end, i + 1)
                    break
    if ctx.author is None:
        ctx.author = (_item_bylines(ctx, lines[:n], head_end) or _tail_byline(ctx, lines[:n], text_of, junk, datelines, p1)
                      or _signed_item(ctx, lines[head_end:n]))
    # a bare name between the headline and the story: "Thanh Hà" under the headline or the dateline
    if ctx.author is None and title_idx is not None:
        for i in range(title_idx + 1, min(p0, title_idx + 4, n)):
            if junk[i] or datelines[i] is not None:
                continue
            name = _byline_name(text_of[i])
            if name and len(name.split()) >= 2 and name == _titlecase(text_of[i].strip()) and not _is_province(name):
                ctx.author = name
                head_end = max(head_end, i + 1)
            break
    ctx.body_start = lines[head_end][0] if head_end < len(lines) else lines[-1][0]


def _agrees_with_lead(ctx: Context, lines, p0: int, date: dt.date, story_years: set) -> bool | None:
    """Whether the story's first dated day (its year, if unwritten, taken from ``date``) lies at
    most a few weeks before ``date`` (or a few days after it): the evidence a clock-shaped line
    needs to be taken for the dateline rather than the crawl day.  None: the story dates no day."""
    if p0 >= len(lines):
        return None
    a = lines[p0][0]
    for m in find_dates(ctx.text[a:a + _LEAD_WINDOW]):
        if m.day and m.month:
            try:
                day = dt.date(m.year or date.year, m.month, m.day)
            except ValueError:
                return False
            if m.year is None and (day - date).days > _MAX_LEAD_AHEAD:
                try:
                    day = day.replace(year=date.year - 1)
                except ValueError:
                    return False
            close = -_MAX_LEAD_AHEAD <= (date - day).days <= _MAX_LEAD_GAP
            # a day-month agrees with any year: then the story must name the clock's year too
            return close and (m.year is not None or any(abs(y - date.year) <= 1 for y in story_years))
    return None


def _item_bylines(ctx: Context, lines: list[tuple[int, int]], head_end: int) -> str | None:
    """A round-up whose items are each signed on a line of their own: the first item's byline."""
    for k, (a, b) in enumerate(lines[head_end:-1], head_end):
        line = ctx.text[a:b]
        if len(line) <= 40 and not is_junk(ctx.key[a:b]):
            nxt = ctx.text[lines[k + 1][0]:lines[k + 1][1]]
            if nxt.lstrip().startswith(("*", "+", "•")):
                name = _byline_name(line)
                if name:
                    return name
    return None


_SIGNED_ITEM = re.compile(r"\((" + UPPER + r"(?:" + UPPER + r"|[\s.]){3,40})\)\s*$")


def _tail_byline(ctx: Context, lines, text_of, junk, datelines, p1: int) -> str | None:
    """The first name-shaped line after the story's last paragraph, over captions, counters,
    menus and the centre or site named below it."""
    start = p1 + 1 if p1 >= 0 else 0
    first_tail = next((i for i in range(start, len(lines)) if not junk[i]), None)
    for i in range(start, min(len(lines), start + _MAX_TAIL_LINES)):
        line = text_of[i]
        if junk[i] and not _rules()["byline_prefix"].match(line):
            continue
        if datelines[i] is not None:
            if datelines[i].author:
                return datelines[i].author
            continue
        if len(line) > 80 or _is_paragraph(line):
            continue
        name = _byline_name(line)
        if name is None:
            # "Minh KiênTrung tâm Văn hóa", "Minh Kiên Trung tâm Văn hóa": a byline glued to the site text after it
            glued = _GLUED.split(line, maxsplit=1)
            if len(glued) != 2:
                glued = _ORG_START.split(line, maxsplit=1)
            if len(glued) == 2 and len(glued[0].split()) >= 2:
                name = _byline_name(glued[0] + " - " + glued[1])
        if name and not (name == line.strip() and _is_province(name)):  # a menu's "Hà Nội" is no byline
            return name
        if i == first_tail and _is_office(line):
            return line.strip()  # an office or a centre signs: "Văn phòng HĐND-UBND huyện"
    # The last line of prose ending in a signature: "... lần thứ XX. (HOÀI NHI)"
    return None


_ORG_START = re.compile(r"\s+(?=(?:Trung tâm|Báo|Đài|Cổng|Văn phòng|Ban|Phòng|Hội|UBND|Huyện ủy|Huyện đoàn|Tỉnh đoàn)(?!\w))")
_OFFICE = re.compile(r"(?:văn phòng|trung tâm|ban tuyên giáo|ban dân vận|ban tổ chức|phòng văn hóa|phòng văn hoá|đài truyền thanh|"
                     r"đài phát thanh|ủy ban|uỷ ban|ubnd|hđnd|ubmttq|mttq|hội (?:nông dân|phụ nữ|liên hiệp|cựu chiến binh)|"
                     r"huyện đoàn|tỉnh đoàn|thành đoàn|đoàn thanh niên|bộ phận|tổ biên tập|ban biên tập)(?!\w)", re.I)


_CAPTION_VERB = re.compile(r"(?<!\w)(?:trao|tặng|phát biểu|dự|tham dự|chụp|ra mắt|tổ chức|thăm|kiểm tra|biểu dương|chúc mừng|"
                           r"tiếp|làm việc|khai mạc|bế mạc|nhận|đón|báo cáo|thảo luận)(?!\w)", re.I)
_UNIT_END = re.compile(r"(?:huyện|xã|tỉnh|thành phố|phường|thị xã|thị trấn|quận|" + UPPER + r"\S*)\s*\Z")


def _is_office(line: str) -> bool:
    """An office or a centre as the whole of a line: "Văn phòng HĐND - UBND huyện", not a caption
    ("Hội Nông dân xã trao quà cho hội viên")."""
    s = line.strip()
    return bool(_OFFICE.match(s) and _words(s) <= _MAX_OFFICE_WORDS and not re.search(r"[\d.!?;:]", s)
                and not _CAPTION_VERB.search(s) and _UNIT_END.search(s))


def _is_province(name: str) -> bool:
    from extractor.recognise.places import gazetteer  # loaded once per process, shared with the location stage

    try:
        return bool(gazetteer().find(name, level="province"))
    except Exception:  # the gazetteer must never cost an article its byline
        return False


def _signed_item(ctx: Context, lines) -> str | None:
    """Round-ups sign each item: "... lần thứ XX. (HOÀI NHI)"."""
    for a, b in lines:
        m = _SIGNED_ITEM.search(ctx.text[a:b])
        if m:
            name = _byline_name(m.group(1))
            if name:
                return name
    return None
