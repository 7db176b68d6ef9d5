"""Headline, dateline and byline of a plain-text article.

A crawler's text starts with navigation lines, then usually the headline, a
dateline (``21/12/2023``, ``Thứ Tư, 08/04/2015, 08:11``, ``14/09/2020 15:00 |
Phương Thảo``) and ends with a byline (``Bảo Toàn``, ``SƠN TRUNG``, ``Tin,
ảnh: Minh Đức``).  Values given by the input win over what is read here.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Optional

from ..context import Context
from ..normalize import UPPER
from ..dates import find_dates
from ..resources import load_yaml

_MAX_HEAD_LINES = 8  # the headline and dateline sit in the first few lines
_MAX_TAIL_LINES = 6  # the byline in the last few


@lru_cache(maxsize=1)
def _rules():
    data = load_yaml("article.yaml")
    junk = re.compile(r"\A(?:" + "|".join(f"(?:{p})" for p in data["junk_lines"]) + r")\Z")
    prefixes = sorted(data["dateline_prefixes"], key=len, reverse=True)
    dateline_prefix = re.compile(r"\A[\s(]*(?:" + "|".join(re.escape(p) for p in prefixes) + r")?\s*", re.I)
    by = sorted(data["byline_prefixes"], key=len, reverse=True)
    byline_prefix = re.compile(r"\A\(?\s*(?:" + "|".join(by) + r")\s*", re.I)
    org_words = tuple(sorted(data["byline_org_words"], key=len, reverse=True))
    return junk, dateline_prefix, byline_prefix, org_words


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, stripped."""
    out = []
    pos = 0
    for line in text.split("\n"):
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
    return bool(_rules()[0].match(key_line.strip()))


# What may remain on a dateline besides the date: times, weekdays, bars, dashes.
_DATELINE_REST = re.compile(
    r"""\A[\s|,\-–—()\[\]:.]*
        (?:\(?gmt\s*[+-]\s*\d{1,2}\)?[\s|,]*)?                                  # (GMT+7)
        (?:(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|t[2-7]|cn)[\s,]*)?   # weekday
        (?:\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:am|pm|sa|ch)?[\s|,\-–—()]*)*          # time(s)
        (?:\(?gmt\s*[+-]\s*\d{1,2}\)?[\s|,\-–—()]*)?
        \Z""",
    re.VERBOSE,
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NAME_SYLLABLE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.])*\Z")


def _dateline(ctx: Context, a: int, b: int) -> Optional[tuple[dt.date, Optional[str]]]:
    """The date (and author) of a dateline line, or None if the line is not one."""
    line = ctx.text[a:b]
    if len(line) > 120:
        return None
    rest_author = None
    # "14/09/2020 15:00 | Phương Thảo", "Ngày đăng bài: 16/12/2019 | Tác giả: Long Hà"
    parts = re.split(r"\s*\|\s*", line)
    date_found = None
    leftovers = []
    for part in parts:
        pkey = part.lower()
        m = _rules()[1].match(pkey)
        body = part[m.end():] if m else part
        if date_found is None:
            d = _date_in(body)
            if d is not None:
                date_found, rest = d
                if _DATELINE_REST.match(rest.lower()):
                    continue
                date_found = None
        leftovers.append(part)
    if date_found is None:
        return None
    for part in leftovers:
        if _DATELINE_REST.match(part.lower()):
            continue
        name = _byline_name(part)
        if name:
            rest_author = name
            break
        if not re.fullmatch(r"\s*(?:lượt xem|views?)\s*:?\s*\d*\s*", part.lower()):
            return None
    return date_found, rest_author


def _date_in(s: str) -> Optional[tuple[dt.date, str]]:
    """A full date (day, month, year) in ``s`` and what remains around it."""
    m = _ISO.search(s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])), s[: m.start()] + " " + s[m.end():]
        except ValueError:
            return None
    for d in find_dates(s):
        if d.year and d.day and d.month:
            try:
                return dt.date(d.year, d.month, d.day), s[: d.start] + " " + s[d.end:]
            except ValueError:
                return None
    return None


def _titlecase(name: str) -> str:
    """``SƠN TRUNG`` -> ``Sơn Trung``; initials stay as written (``T.H``)."""
    return " ".join(w[:1].upper() + w[1:].lower() if w.isupper() and "." not in w else w for w in name.split())


def _byline_name(line: str) -> Optional[str]:
    """The author's name if ``line`` reads as a byline, else None.

    >>> _byline_name("Tin, ảnh: Minh Đức"), _byline_name("SƠN TRUNG"), _byline_name("(HOÀI NHI)")
    ('Minh Đức', 'Sơn Trung', 'Hoài Nhi')
    >>> _byline_name("Huỳnh Thơ - Hội Nông dân huyện Tháp Mười"), _byline_name("Quang cảnh hội nghị")
    ('Huỳnh Thơ', None)
    """
    _, _, prefix, org_words = _rules()
    s = line.strip()
    s = prefix.sub("", s, count=1).strip()
    if s.startswith("(") and s.endswith(")"):
        s = s[1:-1]
    s = s.strip("[] .").strip()
    if not s:
        return None
    # "Name (Org)" / "Name - Org" / "Name – Name"
    s = re.sub(r"\s*\(.*\)\s*$", "", s)
    pieces = re.split(r"\s*[-–—]\s*", s)
    kept = [pieces[0]]
    for piece in pieces[1:]:
        low = piece.lower()
        if any(low == w or low.startswith(w + " ") for w in org_words):
            break
        kept.append(piece)
    names = [p for p in kept if _looks_like_name(p)]
    if len(names) != len(kept) or not names:
        return None
    sep = re.search(r"\s*[-–—]\s*", s)
    joined = (sep.group(0) if sep and len(names) > 1 else " ").join(_titlecase(n) for n in names)
    return joined


def _looks_like_name(s: str) -> bool:
    words = s.split()
    if not 1 <= len(words) <= 4:
        return False
    if len(words) == 1 and not re.fullmatch(r"(?:[A-ZĐ]\.){1,3}[A-ZĐ]?\.?", words[0]) and not words[0].isupper():
        return False
    for w in words:
        if not _NAME_SYLLABLE.match(w):
            return False
        if not (w[0].isupper()):
            return False
    low = s.lower()
    if any(t in low.split() for t in ("hội", "nghị", "đảng", "ủy", "uỷ", "huyện", "tỉnh", "xã", "ban", "ảnh", "video", "tin", "bài")):
        return False
    return True


def read_article(ctx: Context) -> None:
    """Fill ``ctx.title``, ``ctx.published``, ``ctx.author`` and ``ctx.body_start``."""
    lines = _lines(ctx.text)
    if not lines:
        return
    head_end = 0
    title_idx = None
    # Headline: the first line that is not navigation and reads as one.
    for i, (a, b) in enumerate(lines[:_MAX_HEAD_LINES]):
        key = ctx.key[a:b]
        if is_junk(key):
            continue
        if _dateline(ctx, a, b):
            continue
        line = ctx.text[a:b]
        if _reads_as_headline(line):
            title_idx = i
        break
    if title_idx is not None:
        a, b = lines[title_idx]
        ctx.title = ctx.text[a:b]
        head_end = title_idx + 1
    # Dateline: the first dateline-shaped line near the top, else anywhere.
    for i, (a, b) in enumerate(lines):
        found = _dateline(ctx, a, b)
        if found:
            ctx.published, author = found
            if author:
                ctx.author = author
            if i < _MAX_HEAD_LINES:
                head_end = max(head_end, i + 1)
            break
    # A byline just under the headline: "Lê Thanh Chương (Ban Tổ chức Tỉnh ủy)".
    if ctx.author is None and title_idx is not None and title_idx + 1 < len(lines):
        a, b = lines[title_idx + 1]
        line = ctx.text[a:b]
        if "(" in line and len(line) < 80:
            name = _byline_name(line)
            if name:
                ctx.author = name
    # "Tin liên quan" and the like: other articles' headlines follow; the story ends before them.
    for i, (a, b) in enumerate(lines[head_end:], head_end):
        if _RELATED.match(ctx.key[a:b]):
            lines = lines[:i]
            ctx.body_end = a
            break
    if ctx.author is None:
        ctx.author = _item_bylines(ctx, lines, head_end) or _tail_byline(ctx, lines, head_end)
    ctx.body_start = lines[head_end][0] if head_end < len(lines) else lines[-1][0]


def _reads_as_headline(line: str) -> bool:
    words = line.split()
    if len(words) < 4 or len(line) > 250:
        return False
    if re.search(r"[.!?]\s+\S", line):  # two sentences: a paragraph, not a headline
        return False
    if line.endswith(".") and len(line) > 160:
        return False
    return True


_RELATED = re.compile(r"(?:tin|bài|tin tức|bài viết)\s+(?:liên quan|khác|cùng chuyên mục|đã đưa)|xem thêm|đọc thêm", re.I)


def _item_bylines(ctx: Context, lines: list[tuple[int, int]], head_end: int) -> Optional[str]:
    """A round-up whose items are each signed on a line of their own: the first item's byline."""
    names = []
    for k, (a, b) in enumerate(lines[head_end:-1], head_end):
        line = ctx.text[a:b]
        if len(line) <= 40 and not is_junk(ctx.key[a:b]):
            nxt = ctx.text[lines[k + 1][0]:lines[k + 1][1]]
            if nxt.lstrip().startswith(("*", "+", "•")):
                name = _byline_name(line)
                if name:
                    names.append(name)
    return names[0] if names else None


_SIGNED_ITEM = re.compile(r"\((" + UPPER + r"(?:" + UPPER + r"|[\s.]){3,40})\)\s*$")


def _tail_byline(ctx: Context, lines: list[tuple[int, int]], head_end: int) -> Optional[str]:
    """A byline among the last lines, skipping boilerplate below it."""
    tail = lines[max(head_end, len(lines) - _MAX_TAIL_LINES):]
    for a, b in reversed(tail):
        line = ctx.text[a:b]
        key = ctx.key[a:b]
        if is_junk(key) or re.fullmatch(r"[\W\d_]*", line):
            continue
        if len(line) <= 70:
            name = _byline_name(line)
            if name:
                return name
        break
    # Round-ups sign each item: "... lần thứ XX. (HOÀI NHI)"
    for a, b in lines[head_end:]:
        m = _SIGNED_ITEM.search(ctx.text[a:b])
        if m:
            name = _byline_name(m.group(1))
            if name:
                return name
    return None
