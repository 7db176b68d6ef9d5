"""Officials: names of people, their roles, and what they did at the meeting.

The rule stage reads the chains people write (``X, A, B``; ``X - A - B``;
``X-UVBTV Huyện ủy-Phó Chủ tịch HĐND huyện``; ``X (A)``; role before name;
``các đồng chí: A, ...; B, ...``) against the lexicons of
``patterns/roles.yaml`` and ``patterns/people.yaml``.  Every regex runs over
the matching key, so ``Uỷ viên`` and ``Ủy viên`` read alike.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from extractor.context import Claims, Context
from extractor.findings import PersonFound, RoleFound
from extractor.resources import alternation as _alt
from extractor.resources import load_yaml
from extractor.text.normalize import UPPER, fold

_LETTER = r"[^\W\d_]"
# One syllable of a name as written: capitalised (``Bé``), or all caps (``HÙNG``),
# or a capital with an apostrophe (``H'`` in ``H' Xuân``, ``H'Bé``).
_APOSTROPHE = re.compile(r"['’]")
_SYL = re.compile(rf"{_LETTER}+(?:['’]{_LETTER}*)?|{_LETTER}['’]")







@lru_cache(maxsize=1)
def _lex():
    roles = load_yaml("roles.yaml")
    people = load_yaml("people.yaml")
    titles: dict[str, dict] = {}
    for t in roles["member_titles"]:
        for f in t["forms"]:
            titles.setdefault(f, {"title": t.get("canonical", t["title"]), "level": t.get("level"),
                                  "body": t.get("body"), "member": True, "keep_org": t.get("keep_org", False),
                                  "before_name_only": t.get("before_name_only", False), "no_level": t.get("no_level", False)})
    quals = roles["qualifiers"]

    def with_qualifiers(form: str, info: dict) -> None:
        titles.setdefault(form, info)
        for q in quals:
            for qf in q["forms"]:
                # a qualifier may carry its body ("PBT TTĐU": Thường trực Đảng ủy)
                extra = {"body": q["body"], "level": q.get("level") or info.get("level")} if q.get("body") else {}
                if q.get("before_body"):  # "phụ trách" is of the title only when an organisation follows
                    extra["short_form"] = form
                titles.setdefault(form + " " + qf, dict(info, title=info["title"] + " " + q["text"], **extra))

    acting = [(a, roles.get("acting_title", "Quyền")) for a in roles.get("acting_prefixes", [])]
    for h in roles["head_titles"]:
        base = h["title"]
        info = {"level": h.get("level"), "ban": h.get("org_is_ban", False), "needs_org": h.get("needs_org", False),
                "no_level": h.get("no_level", False)}
        for f in h["forms"]:
            variants = [(f, base)]
            if not h.get("no_deputy"):
                for dp in roles["deputy_prefixes"]:
                    variants.append((dp + f if dp.endswith(".") else dp.rstrip() + " " + f, "Phó " + base))
            for form, title in list(variants):
                for ap, at in acting:  # "quyền Chủ tịch", "quyền Phó Giám đốc"
                    variants.append((ap + " " + form, at + " " + title))
            for form, title in variants:
                with_qualifiers(form, dict(info, title=title))
    for d in roles["deputy_abbreviations"]:
        for f in d["forms"]:
            with_qualifiers(f, {"title": "Phó " + d["title"]})
    for d in roles.get("deputy_of_unit", []):  # "Phó Ban Dân vận" -> "Phó Trưởng ban"
        for f in d["forms"]:
            with_qualifiers(f, {"title": d["title"], "ban": d.get("org_is_ban", False)})
    # Spaces inside a title may be any run of blanks, one line break included ("đại biểu Hội đồng\nnhân dân").
    title_rx = re.compile(r"(?<![\w/])(" + _alt(titles).replace("\\ ", r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)") + r")(?![\w])")
    bodies: dict[str, dict] = {}
    caps_bodies: set[str] = set()
    for b in roles["bodies"]:
        for f in b["forms"] + b.get("caps_forms", []):
            bodies.setdefault(f, {"body": b["body"], "level": b.get("level")})
        caps_bodies.update(b.get("caps_forms", []))
    body_rx = re.compile(r"(" + _alt(bodies) + r")(?![\w])")
    levels = roles["levels"]
    level_rx = re.compile(r"(" + _alt(levels) + r")(?![\w])")
    cues: dict[str, str | None] = {}
    rank_cues: set[str] = set()  # military and police ranks: "Thượng tá Ông Văn An" has no second cue
    for c in people["cues"]:
        for f in c["forms"]:
            cues[f] = c.get("honorific")
            if c.get("role_title"):
                rank_cues.add(f)
    cue_rx = re.compile(r"(?<![\w/])(" + _alt(cues) + r")(?=[\s:])\s*:?\s*(?=[^\W\d_])")
    return {
        "qualifier_texts": {q["text"].casefold() for q in quals},
        "titles": titles, "title_rx": title_rx, "bodies": bodies, "body_rx": body_rx, "caps_bodies": caps_bodies,
        "levels": levels, "level_rx": level_rx, "cues": cues, "cue_rx": cue_rx, "rank_cues": rank_cues,
        "surnames": set(people["surnames"]), "middle": set(people["middle_names"]),
        "not_name": set(people["not_name_words"]), "not_people": set(people["not_people"]),
        "not_before": re.compile(r"(?:^|[\s(,;:])(?:" + _alt(people["not_person_before"]) + r")\s*$"),
        "org_words": set(roles["org_words"]) - {"thông", "đồng"},
        "place_units": people["place_units"],
        "delegation_cues": set(people["delegation_cues"]),
        "into": {f: {"title": c["title"], "member": True, "keep_org": False} for c in roles["elected_into"] for f in c["forms"]},
        "into_rx": re.compile(r"(" + _alt([f for c in roles["elected_into"] for f in c["forms"]]) + r")(?!\w)"),
        "name_openers": set(people["name_openers"]),
        "elect_verb_rx": re.compile(r"(?<!\w)(?:" + _alt(roles["elect_verbs"]) + r")(?!\w)"),
        "dashed_rx": re.compile(r"(?:" + "|".join(
            r"\s*[-–]\s*".join(re.escape(part.strip()) for part in re.split(r"\s*[-–]\s*", d))
            for d in sorted(roles["dashed_names"], key=len, reverse=True)) + r")(?!\w)"),
        "not_own_rx": re.compile(r"(?<!\w)(?:" + _alt(roles["not_own_post_before"]) + r")\s*$"),
        "held_post_rx": re.compile(r"(?<!\w)(?:" + _alt(roles["held_post_verbs"]) + r")(?!\w)"),
        "plural_rx": re.compile(r"(?<!\w)(?:" + _alt(roles["plural_markers"]) + r")\s+$"),
        "numbered_units": tuple(roles["numbered_units"]),
        "stop_rx": re.compile(r"(?:" + _alt(roles["role_stoppers"]) + r")(?![\w])"),
        "unlevelled_rx": re.compile(r"(?<!\w)(?:" + _alt(roles["unlevelled_units"]) + r"|(?:ban|tiểu ban|tổ) \w+(?: \w+)? (?:"
                                    + _alt(roles["event_words"]) + r"))(?!\w)"),
    }


# ---------------------------------------------------------------- names

_TWO_CAPITALS = re.compile(rf"{UPPER}{UPPER}[^\W\d_A-ZĐ]{{2,}}$")


def _syllables(ctx: Context, pos: int, limit: int = 6) -> list[tuple[int, int]]:
    """Consecutive capitalised syllables from ``pos`` (single spaces between)."""
    out: list[tuple[int, int]] = []
    text = ctx.text
    i = pos
    caps_mode: bool | None = None
    while len(out) < limit:
        m = _SYL.match(text, i)
        if not m or not text[m.start()].isupper():
            break
        w = m.group()
        letters = _APOSTROPHE.sub("", w)
        is_caps = len(letters) > 1 and letters.isupper()
        if caps_mode is None:
            caps_mode = is_caps
        elif len(letters) > 1 and is_caps != caps_mode:
            break
        if not caps_mode and any(len(p) > 1 and not p[1:].islower() for p in _APOSTROPHE.split(w)) \
                and not (len(out) >= 2 and _TWO_CAPITALS.match(w)):  # "Niê KĐăm": an Ê Đê syllable
            break
        out.append((m.start(), m.end()))
        j = m.end()
        if w.endswith(("'", "’")) and text.startswith(" ", j):
            j += 1  # "H’ Xuân"
        elif text.startswith(" ", j) and j + 1 < len(text) and text[j + 1] != " ":
            j += 1
        else:
            break
        i = j
    return out


def _read_name(ctx: Context, pos: int, surname_cue: bool = False, after_cue: bool = False) -> tuple[int, int] | None:
    """A person's name starting at ``pos``: capitalised syllables up to a title or an organisation.
    ``surname_cue``: the first syllable may be a cue word used as a surname (``Thượng tá Ông Văn An``)."""
    lex = _lex()
    first = _SYL.match(ctx.key, pos)
    if first is None:
        return None
    as_surname = (surname_cue and first.group() in lex["cues"] and ctx.text[pos].isupper()) or \
        (after_cue and first.group() in lex["name_openers"] and ctx.text[pos].isupper())  # "bà Thị Ngọc Hân"
    if first.group() in lex["not_name"] and first.group() not in lex["surnames"] and not as_surname:
        return None  # most capitalised words open a sentence or an organisation: cheap exit
    syls = _syllables(ctx, pos)
    kept: list[tuple[int, int]] = []
    for a, b in syls:
        k = ctx.key[a:b]
        raw = ctx.text[a:b]
        if not kept:
            # the first syllable: never a cue ("ĐỒNG CHÍ NGUYỄN VĂN HÙNG"), an abbreviation or a common word
            if as_surname:
                pass
            elif k in lex["cues"] or lex["cue_rx"].match(ctx.key, a) or (k in lex["not_name"] and k not in lex["surnames"]):
                return None
        else:
            if _title_at(ctx, a) is not None:
                break
            if raw[:1].isupper() and k in lex["cues"] and len(kept) >= 2:
                nxt = _SYL.match(ctx.key, b + 1)
                if nxt and nxt.group() == ctx.key[kept[0][0]:kept[0][1]]:
                    break  # "Ông Lê Văn Sáu Ông Lê Văn Sáu": a caption's second copy opens with its cue
            bm = lex["body_rx"].match(ctx.key, a)
            if bm and (" " in bm.group(1) or (raw.isupper() and len(raw) > 1 and not ctx.text[kept[0][0]:kept[0][1]].isupper())):
                break
            if raw.isupper() and len(raw) > 1 and k in lex["not_name"] and not ctx.text[kept[0][0]:kept[0][1]].isupper():
                break
            if raw.isupper() and len(kept) >= 2 and _verbs()[1].match(ctx.key, a):
                break  # "ĐỒNG CHÍ PHAN VĂN LỢI PHÁT BIỂU CHỈ ĐẠO": a capitals caption runs on into its verb
        kept.append((a, b))
    if not kept:
        return None
    keys = [ctx.key[a:b] for a, b in kept]
    for k in range(2, len(keys) - 1):
        if keys[k:k + 2] == keys[:2]:  # "Lê Văn Tâm Lê Văn Tâm": a name doubled in a caption
            kept = kept[:k]
            break
    return kept[0][0], kept[-1][1]


def _name_text(ctx: Context, a: int, b: int) -> str:
    name = " ".join(ctx.text[a:b].split())
    letters = re.sub(r"[^\w]", "", name)
    if letters.isupper() and len(letters) > 2:
        name = " ".join(w[:1] + w[1:].lower() for w in name.split())
    return name


def _is_strong_name(ctx: Context, a: int, b: int) -> bool:
    """Surname + common middle syllable (``Trịnh Minh Kha``), or surname + 2 more."""
    lex = _lex()
    parts = ctx.key[a:b].split()
    if len(parts) < 2 or parts[0] not in lex["surnames"]:
        return False
    if " ".join(parts) in lex["not_people"]:
        return False
    return parts[1] in lex["middle"] or len(parts) >= 3


# ---------------------------------------------------------------- roles

def _title_at(ctx: Context, pos: int) -> tuple[int, dict] | None:
    lex = _lex()
    m = lex["title_rx"].match(ctx.key, pos)
    if not m:
        return None
    raw = ctx.text[m.start():m.end()]
    # Two- and three-letter abbreviations (CT, PCT, HUV) count only in capitals.
    letters = re.sub(r"[^\w]", "", raw)
    if len(letters) <= 4 and " " not in raw and not letters.isupper():
        return None
    info = lex["titles"][" ".join(m.group(1).split())]
    if info.get("short_form") and not ctx.text[m.end() + 1:m.end() + 2].isupper():
        return m.start() + len(info["short_form"]), lex["titles"][info["short_form"]]
    return m.end(), info


# Patterns used with a start position (never on a slice: slicing a long text is quadratic).
_SPACES = re.compile(r" +")
_CAPITAL_WORD = re.compile(r"(?<![\w'’])" + UPPER + _LETTER + "*")
# Patterns with a repeat inside a repeat, safe only inside a bounded window (read by the linear-time
# guard, tests/test_patterns_linear.py):
# window: a role's organisation text, at most 18 words
# window: at most 90 characters after the name
# window: at most 160 characters after the name
WINDOWED: dict[str, str] = {
    "_PLACE_AFTER_LEVEL": "a role's organisation text, at most 18 words",
    "_elected_rx()": "at most 90 characters after the name",
    "_GROUP_GAP": "at most 160 characters after the name",
}
_PLACE_AFTER_LEVEL = re.compile(r" ((?:" + UPPER + r"[^\s,;.()]*)(?: " + UPPER + r"[^\s,;.()]*)*)")
_ORG_WORD = re.compile(rf"{_LETTER}+(?:['’]{_LETTER}+)?")
_TERM_OR_NUMERAL = re.compile(r"[IVXLivxl]+\b|\d{4}\s?[-–]\s?\d{4}|\d{1,4}\b")
_CHAIN_SEP = re.compile(r"\s*(?:[,–—-]|\(|:)?\s*")
_PAREN_ABBR = re.compile(r"\(" + UPPER + r"[^\W_]{1,9}\)")
_AND = re.compile(r" (?:và|kiêm) ")  # "Bí thư Chi bộ kiêm Trưởng ấp"


def _parse_role(ctx: Context, pos: int, got: tuple[int, dict] | None = None) -> RoleFound | None:
    """A role starting at ``pos``: title, then the organisation it belongs to (``got``: the title
    read already, as ``_title_at`` gives it)."""
    lex = _lex()
    got = got or _title_at(ctx, pos)
    if got is None:
        return None
    tend, info = got
    key, text = ctx.key, ctx.text
    org_start = tend
    if info.get("ban"):  # "Trưởng Ban Tuyên giáo", "Trưởng đoàn ĐBQH": the Ban/Đoàn is the organisation
        last = key.rfind(" ", pos, tend) + 1
        if last > pos and key[last:tend] in ("ban", "đoàn"):
            org_start = last
    if info.get("keep_org"):  # "đại biểu HĐND", "Ủy viên UBND": the body is in the form
        org_start = pos + len(key[pos:tend].split()[0]) + 1
        for w in ("viên", "biểu"):
            k = key.find(w, pos, tend)
            if k >= 0:
                org_start = k + len(w) + 1
    i = tend
    end = tend
    if text[tend:tend + 2] == ". " and text[pos:tend].isupper():  # "PCT. Hội phụ nữ huyện": an abbreviation's dot
        i = org_start = tend + 1
    if org_start < tend:  # "Trưởng Ban Văn hóa - Xã hội": a body whose name holds a dash
        bm = lex["body_rx"].match(key, org_start)
        if bm and bm.end() > tend:
            i = end = bm.end()
    after_level = False
    n = 0
    while n < 18:
        m = _SPACES.match(text, i)
        j = m.end() if m else i
        if j >= len(text) or (j == i and i != tend and i != org_start):
            break
        if j == i and i == tend and not info.get("ban") and text[i:i + 1] not in (" ",):
            if j < len(text) and text[j].isalnum():
                break
        dm = lex["dashed_rx"].match(key, j)
        if dm:  # "Phòng Tài chính - Kế hoạch", "Sở Lao động - Thương binh và Xã hội": a dash inside a name
            i = end = dm.end()
            after_level = False
            n += 1
            continue
        pa = _PAREN_ABBR.match(text, j) if n > 0 or org_start < tend else None
        if pa:  # "Ủy ban Dân tộc (UBDT)", "Hội đồng nhân dân (HĐND) huyện": the short form goes on
            i = pa.end()
            n += 1
            continue
        bm = lex["body_rx"].match(key, j)
        # a person's name right after the title or the organisation ends the role
        if text[j:j + 1].isupper() and not (bm and " " in bm.group(1)):
            split = _place_then_name(ctx, j) if n > 0 else None
            if split:  # "UBND huyện Trần Văn Thời Lê Văn Hùng"
                i = end = split
                break
            if _name_follows(ctx, j, 3 if after_level else 2):
                break
        if bm and ((" " in bm.group(1) and not lex["stop_rx"].match(key, j)) or text[j].isupper()) and (len(bm.group(1)) > 3 or text[j:bm.end()].isupper()):
            i = end = bm.end()
            after_level = False
            n += 1
            continue
        lm = lex["level_rx"].match(key, j)
        if lm and not (lm.group(1) in ("tp", "tw") and not text[j:lm.end()].isupper()):
            i = end = lm.end()
            after_level = True
            n += 1
            continue
        wm = _ORG_WORD.match(text, j)
        if wm:
            w = wm.group()
            wk = key[j:j + len(w)]
            if lex["stop_rx"].match(key, j) and not (after_level and w[0].isupper()) \
                    and not key.startswith(("dự án", "dự toán"), j):
                break
            inner = _title_at(ctx, j)
            if inner is not None and not inner[1].get("before_name_only"):
                break
            if w[0].isupper() or wk in lex["org_words"] or wk == "của":
                nxt = j + len(w) + 1
                if wk in ("và", "các", "của") and (_title_at(ctx, nxt) or not text[nxt:nxt + 1].isupper()):
                    # "các dân tộc thiểu số", "các cơ quan Đảng": "các" goes on into organisation words
                    nw = _ORG_WORD.match(key, nxt) if wk == "các" and text[j + len(w):nxt] == " " else None
                    if not (nw and nw.group() in lex["org_words"] and not lex["stop_rx"].match(key, nxt)
                            and _title_at(ctx, nxt) is None):
                        break
                i = j + len(w)
                if w[0].isupper() or wk not in ("và", "các", "của"):
                    end = i
                n += 1
                continue
            of = _OF_BODY.match(text, j)
            if of and _TASK_FORCE.search(key, org_start, i) and not lex["stop_rx"].search(key, j, of.end(1)) \
                    and not any(_title_at(ctx, x.start() + j) for x in re.finditer(r"(?<!\S)\S", text[j:of.end(1)])):
                # "Tổ trưởng Tổ công tác giải quyết tranh chấp đất đai của UBND huyện": a task force's
                # purpose in lower case, then the body it belongs to
                i = of.end(1) - 1
                n += 1
                continue
            break
        rm = _TERM_OR_NUMERAL.match(text, j)
        before = key[max(0, j - 10):j].rstrip()
        if rm and (before.endswith(("khóa", "khoá", "kỳ", "nhiệm kỳ", "thứ", "lần"))
                   or (rm.group().isdigit() and before.endswith(lex["numbered_units"]))):
            i = end = rm.end()  # "khóa XIII"; "Quận 8", "Phường 3": a numbered unit
            n += 1
            continue
        break
    role_text = text[pos:end].rstrip(" ,-–")
    end = pos + len(role_text)
    while org_start < end and text[org_start] in " ,-–":
        org_start += 1
    org = text[org_start:end] if org_start < end else None
    role = _resolve_role(ctx, pos, end, info, org, org_start)
    if info.get("needs_org") and not (org and role.body):
        return None  # "phụ trách Hội Nông dân xã" is a post, "phụ trách địa bàn" is not
    role.only_before_name = bool(info.get("before_name_only"))
    role.member = bool(info.get("member"))
    return role


def _name_follows(ctx: Context, j: int, min_syllables: int = 2) -> bool:
    """Whether a person's name (not a place) starts at ``j``; right after a level word
    (``huyện Châu Thành``) two syllables read as a place."""
    span = _read_name(ctx, j)
    if not span:
        return False
    a, b = span
    if len(ctx.key[a:b].split()) < min_syllables or _is_place(ctx.text[a:b]):
        return False
    if _is_strong_name(ctx, a, b):
        rest = ctx.text[b:b + 3]
        return not rest[:1].isalpha()
    return False


def _place_then_name(ctx: Context, j: int) -> int | None:
    """End of a known place at ``j`` when a person's name follows it in the same capitalised run."""
    syls = _syllables(ctx, j, 8)
    for k in range(2, len(syls) - 1):
        a, b = syls[k][0], syls[-1][1]
        if _is_place(ctx.text[j:syls[k - 1][1]]) and _is_strong_name(ctx, a, b):
            return syls[k - 1][1]
    return None


_UNIT_BEFORE = None


def _in_quotes(ctx: Context, a: int) -> bool:
    """Whether ``a`` stands inside quotation marks opened on its line."""
    line0 = ctx.text.rfind("\n", 0, a) + 1
    seg = ctx.text[max(line0, a - 300):a]
    return seg.count('"') % 2 == 1 or seg.count("“") > seg.count("”")


def is_place_name(ctx: Context, k: str) -> bool:
    """Whether ``k`` is a place: the article writes it after a unit word (``xã Hương Giang``,
    ``Huyện ủy Lạc Sơn``) and it is not shaped like a person's name, or it is so shaped but the
    gazetteer knows it too (``huyện Trần Văn Thời``: "Chủ tịch UBND huyện Lê Văn An" names a
    person after a unit word); or the gazetteer knows it and no surname opens it."""
    global _UNIT_BEFORE
    if _UNIT_BEFORE is None:
        _UNIT_BEFORE = re.compile(r"(?<!\w)(?:" + _alt(_lex()["place_units"]) + r")\s+$")
    parts = k.split()
    lex = _lex()
    person_like = len(parts) >= 2 and parts[0] in lex["surnames"] and (parts[1] in lex["middle"] or len(parts) >= 3)
    for m in re.finditer(re.escape(k), ctx.key):
        if not ctx.key[m.end():m.end() + 1].isalpha() and _UNIT_BEFORE.search(ctx.key, max(0, m.start() - 12), m.start()):
            return not person_like or _is_place(k)
    return parts[0] not in lex["surnames"] and _is_place(k)


def _is_place(name: str) -> bool:
    """A unit the gazetteer knows (``Châu Thành``, ``Trần Văn Thời``): after an organisation it
    names the organisation's place, not a person."""
    from extractor.recognise.places import gazetteer

    return bool(gazetteer().find(name))


def _resolve_role(ctx: Context, start: int, end: int, info: dict, org: str | None, org_start: int) -> RoleFound:
    lex = _lex()
    title = info["title"]
    level = info.get("level")
    body = info.get("body")
    place = None
    intrinsic = level is not None and info.get("member", False)
    no_level = False
    if org:
        # a line break inside the organisation reads as a space (same length: offsets hold)
        org = org.replace("\n", " ")
        okey = ctx.key[org_start:org_start + len(org)].replace("\n", " ")
        found_body = None
        found_form = None
        found_level = None
        has_tw = re.search(r"(?:^|\s)(?:trung ương|tw)(?:\s|$)", okey) is not None
        pos = 0
        while pos < len(okey):
            bm = lex["body_rx"].match(okey, pos)
            if bm and bm.group(1) in lex["caps_bodies"] and not org[pos:bm.end()].isupper():
                bm = None  # "HU", "TU", "ĐU" are bodies in capitals only
            if bm and (pos == 0 or okey[pos - 1] == " "):
                b = lex["bodies"][bm.group(1)]
                if found_body is None or found_body["body"] in ("Ban", "Hội", "Đoàn", "Ủy ban", "Trung ương Hội") \
                        or (found_form == "ủy ban" and bm.group(1) != "ủy ban"):
                    # a bare "Ủy ban" is the People's Committee unless a fuller body follows
                    # ("Ủy ban Trung ương MTTQ Việt Nam")
                    found_body, found_form = b, bm.group(1)
                if b.get("level") and found_level is None and not found_level_word(okey):
                    found_level = b["level"]
                pos = bm.end()
                continue
            pos += 1
        lw = found_level_word(okey)
        if lw:
            level_word, lstart, lend = lw
            found_level = lex["levels"][level_word]
            pm = _PLACE_AFTER_LEVEL.match(org, lend)
            if pm:
                place = pm.group(1)
        else:
            if has_tw:
                found_level = "trung ương"
            # "Bí thư Huyện ủy Châu Thành": the place follows the committee
            bm = re.search(r"(?:huyện|tỉnh|thành|thị|quận) (?:ủy|đoàn)(?= )", okey)
            pm = _PLACE_AFTER_LEVEL.match(org, bm.end()) if bm else None
            if pm:
                place = pm.group(1)
        if not lw and not has_tw and lex["unlevelled_rx"].search(okey):
            # "Bí thư Chi bộ bản Nà Phát", "Trưởng Ban Chỉ đạo Đại hội": a unit below the commune or a
            # committee of one event has no administrative level; nothing lends it one
            no_level = True
            found_level = None
        if not intrinsic:
            level = found_level or level
        if found_body and not body:
            body = found_body["body"]
    if info.get("no_level") and level is None:
        no_level = True
    found = RoleFound(start, end, title, org, body, level, place, intrinsic)
    found.no_level = no_level
    return found


def found_level_word(okey: str) -> tuple[str, int, int] | None:
    lex = _lex()
    for m in lex["level_rx"].finditer(okey):
        if m.start() == 0 or okey[m.start() - 1] == " ":
            w = m.group(1)
            if w in ("trung ương", "tw") or re.match(r" (?:ủy|đoàn|hội)\b", okey[m.end():m.end() + 5]):
                continue  # "huyện ủy", "tỉnh đoàn": a body, its level comes with it; "xã hội" is no xã
            return w, m.start(), m.end()
    return None


_POSITION_NOTE = re.compile(r"\s*\((?:[^()]{0,20}(?:trái|phải|giữa|bìa|hàng)[^()]{0,20}|đứng[^()]{0,30})\)")
_MAX_CHAIN = 8  # nobody holds more posts than this in one breath; bounds hostile input


def _role_chain(ctx: Context, pos: int, after_role: bool = False) -> tuple[list[RoleFound], int]:
    """Roles written after a name: ``, A, B`` / `` - A - B`` / ``-A-B`` / `` (A)`` / `` A``."""
    roles: list[RoleFound] = []
    text = ctx.text
    i = pos
    cap = _POSITION_NOTE.match(ctx.key, i)
    if cap:  # "Đồng chí Trần Văn Hai (bìa trái), Phó Chủ tịch ...": a photo position
        i = cap.end()
    while len(roles) < _MAX_CHAIN:
        m = _CHAIN_SEP.match(text, i)
        j = m.end()
        sep = m.group().strip()
        if not roles and not after_role and not sep and j == i:
            break
        if (roles or after_role) and sep == "":
            # after the first role only a mark or "và" goes on: "Phó Bí thư Huyện ủy và Chủ tịch UBND huyện"
            vm = _AND.match(text, i)
            if vm and _title_at(ctx, vm.end()):
                j = vm.end()
            else:
                break
        role = _parse_role_prefixed(ctx, j)
        if role is None and roles and sep == ",":
            # "Trưởng Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh, đại biểu HĐND tỉnh": a name with a comma
            # in it; the lower-case rest of it is skipped when a post follows
            seg = _LOWER_SEGMENT.match(text, j)
            if seg and not _lex()["stop_rx"].search(ctx.key, j, seg.end() - 1):
                role = _parse_role_prefixed(ctx, seg.end())
                if role is not None and role.only_before_name:
                    role = None
        if role is None or role.only_before_name:
            break
        roles.append(role)
        i = role.end
        if text[i:i + 1] == ")":
            i += 1
        term = _TERM.match(ctx.key, i)
        if term:  # "..., nhiệm kỳ 2020 - 2025, Bí thư ...": a term between two posts ends nothing
            i = term.end()
    return roles, i


# A term after a body: "khóa XIII", "nhiệm kỳ 2021 - 2026", "khóa mới".
# at most four terms in a row ("khóa XI, nhiệm kỳ 2016-2021"): a bounded repeat keeps it linear
_TERM = re.compile(r"(?:,?\s*(?:khóa|khoá|nhiệm kỳ)\s+(?:mới|[ivxl]+\b|\d{4}\s?[-–]\s?\d{4}|\d{1,2}\b)){1,4}")
# Words before a title that leave it a role of the person: a former post ("nguyên Bí thư").
_OF_BODY = re.compile(r"((?:[^\W\d_]+ ){1,9})của (?=" + UPPER + ")")
_TASK_FORCE = re.compile(r"(?<!\w)(?:tổ|ban|đoàn|hội đồng|tiểu ban)(?: (?:công tác|chỉ đạo|giúp việc|thường trực))?(?!\w)")
_LOWER_SEGMENT = re.compile(r"[^\W\d_A-ZĐ][^\W\d_]*(?: [^\W\d_A-ZĐ][^\W\d_]*){0,7}, ")
_FORMER = re.compile(r"nguyên\s+")


def _parse_role_prefixed(ctx: Context, j: int) -> RoleFound | None:
    role = _parse_role(ctx, j)
    if role is None:
        fm = _FORMER.match(ctx.key, j)
        if fm:  # "nguyên Bí thư Huyện ủy": a former post
            role = _parse_role(ctx, fm.end())
    return role


# ---------------------------------------------------------------- people

def find_officials(ctx: Context, exclude: list[tuple[int, int]] = ()) -> list[PersonFound]:
    lex = _lex()
    people: list[PersonFound] = []
    by_key: dict[str, PersonFound] = {}
    claimed = Claims(exclude)
    byline = {fold(part.strip()) for part in re.split(r"\s*[-–—,]\s*", ctx.author or "") if part.strip()}
    overlaps = claimed.overlaps

    def add(a: int, b: int, honorific: str | None, roles: list[RoleFound], source: str = "rules") -> PersonFound | None:
        name = _name_text(ctx, a, b)
        k = fold(name)
        # "Hồ Chí Minh", "Lê Lợi": names of things unless a cue or a post says a person holds them now
        if " ".join(k.split()) in lex["not_people"] and not (honorific or roles):
            return None
        # "cử tri Hương Giang" where the article writes "xã Hương Giang"; the byline's name: not people
        # unless a personal honorific or a post says so
        if not roles and (k in byline or (not honorific and is_place_name(ctx, k))) and k not in by_key:
            return None
        p = by_key.get(k) or _short_form(people, k)
        if p is None:
            if len(k.split()) < 2:
                return None
            p = PersonFound(name, k, honorific, [], [], [], source)
            people.append(p)
            by_key[k] = p
        p.mentions.append((a, b))
        for r in roles:
            if not any(fold(x.title) == fold(r.title) and x.level == r.level for x in p.roles):
                p.roles.append(r)
            claimed.add(r.start, r.end)  # a place inside a post ("Bí thư Huyện ủy Lạc Sơn") is nobody
        claimed.add(a, b)
        return p

    group_role: tuple[int, list[RoleFound]] | None = None  # (sentence, roles)
    candidates: list[tuple[int, str]] = []
    for m in lex["cue_rx"].finditer(ctx.key):
        candidates.append((m.end(), m.group(1)))
    # names written before their role without a cue: "Lâm Hoàng Sa - Ủy viên ..."
    for m in _CAPITAL_WORD.finditer(ctx.text):
        candidates.append((m.start(), ""))
    candidates.sort(key=lambda c: (c[0], c[1] == ""))
    seen_pos = set()
    bare: tuple[PersonFound, int] | None = None  # the last person named with no role, and where the name ends
    read_to = 0  # end of the last capitalised run read as a name without a cue
    for pos, cue in candidates:
        if pos in seen_pos or overlaps(pos, pos + 1) or pos >= ctx.body_end:
            continue
        seen_pos.add(pos)
        sent = ctx.sentence_of(pos)
        if group_role and group_role[0] != sent:
            group_role = None
        if cue in lex["delegation_cues"] and ":" in ctx.text[max(0, pos - 3):pos]:
            # "Tổ đại biểu HĐND tỉnh ... gồm các đại biểu: ông A, ...; bà B, ...": each is a delegate
            s0 = ctx.sentence_range(pos)[0]
            dm = None
            for dm in _DELEGATION.finditer(ctx.key, max(s0, pos - 200), pos):
                pass
            role = _parse_role(ctx, dm.start(1)) if dm else None
            if role is not None:
                group_role = (sent, [role])
        if cue:
            # "các đồng chí Ủy viên Ban Chấp hành Đảng bộ tỉnh: A - ..., B - ..."
            pre = _parse_role(ctx, pos)
            if pre is not None:
                after = ctx.text[pre.end:pre.end + 3]
                if after.lstrip().startswith(":"):
                    group_role = (sent, [pre])
                    continue
                # "đồng chí Bí thư Đảng ủy xã Trần Văn D"
                j = pre.end + 1
                span = _read_name(ctx, j) if ctx.text[pre.end:j] == " " else None
                if span and len(ctx.key[span[0]:span[1]].split()) >= 2:
                    chain, _ = _role_chain(ctx, span[1])
                    add(*span, lex["cues"].get(cue), [pre] + chain)
                continue
        span = _read_name(ctx, pos, surname_cue=cue in lex["rank_cues"], after_cue=bool(lex["cues"].get(cue)))
        if not span and cue:
            one = _SYL.match(ctx.text, pos)  # "đồng chí Nam": a given name that is also a word
            if one and ctx.text[pos].isupper() and _short_form(people, ctx.key[one.start():one.end()]):
                span = (one.start(), one.end())
        if not span:
            continue
        a, b = span
        if not cue and a < read_to:
            continue  # inside a capitalised run read (and set aside) already: "tỉnh Lê Văn An" is not "Văn An"
        if not cue:
            read_to = b
        nsyl = len(ctx.key[a:b].split())
        if nsyl == 1 and not cue:
            continue
        roles, end = _role_chain(ctx, b)
        before = ctx.key[max(0, a - 40):a]
        elected = _elected_roles(ctx, end)
        if cue and not lex["cues"].get(cue) and not roles and not elected and _in_quotes(ctx, a):
            continue  # "Phong trào “Cựu chiến binh Gương Mẫu”": a slogan, not a veteran named Gương Mẫu
        if not cue:
            if not roles and not elected:
                continue
            in_list = re.search(r"[;:]\s*$", ctx.text[max(0, a - 3):a]) is not None
            if (ctx.key[a:b].split()[0] not in lex["surnames"] and not in_list) or lex["not_before"].search(before):
                continue
            if is_place_name(ctx, fold(_name_text(ctx, a, b))):
                continue  # "Huyện ủy Lạc Sơn, đại biểu ...": the article writes it as a place
            if nsyl < 2:
                continue
        # role written just before the cue: "đại biểu HĐND tỉnh ông Nguyễn Văn Chính"
        if cue:
            lead = _role_before(ctx, a)
            if lead:
                roles = [lead] + roles
            else:
                # "Bí thư Chi bộ bản X, đồng chí A"; "miễn nhiệm chức vụ Phó Chủ tịch HĐND huyện đối với ông A"
                cue_start = ctx.key.rfind(cue, max(0, a - len(cue) - 4), a)
                ahead = _chain_before_cue(ctx, cue_start, sent, people) if cue_start >= 0 else []
                roles = ahead + roles
        if group_role and group_role[0] == sent:
            roles = group_role[1] + roles
        if nsyl == 1 and not cue:
            continue
        roles += elected
        p = add(a, b, lex["cues"].get(cue) if cue else None, roles)
        if p is not None and cue and p.honorific is None and p.mentions[0] == (a, b):
            p.honorific = lex["cues"].get(cue)
        if p is not None and roles and bare is not None and bare[0] is not p and _JOINED.fullmatch(ctx.key, bare[1], a):
            # "ông A và ông B, đại biểu HĐND huyện": a membership written once for both
            shared = []
            for r in roles:
                if not r.member:
                    break
                shared.append(r)
            for r in shared:
                if not any(fold(x.title) == fold(r.title) and x.level == r.level for x in bare[0].roles):
                    bare[0].roles.append(r)
        bare = (p, b) if p is not None and not roles else None
    # Roles before a name with no cue: "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Lê Văn C"
    skip_to = 0
    for m in lex["title_rx"].finditer(ctx.key):
        if m.start() < skip_to or overlaps(m.start(), m.end()) or m.start() >= ctx.body_end:
            continue
        chain_before = _roles_then_name(ctx, m.start())
        if chain_before is None:
            continue
        roles_before, span = chain_before
        skip_to = span[1]
        if not overlaps(*span):
            chain, _ = _role_chain(ctx, span[1])
            add(*span, None, roles_before + chain)
            if lex["plural_rx"].search(ctx.key, max(0, m.start() - 8), m.start()) and not chain:
                # "các Phó Chủ tịch HĐND tỉnh A, B và C": the post is each one's
                for nxt in _more_names(ctx, span[1]):
                    if not overlaps(*nxt):
                        add(*nxt, None, list(roles_before))
                    skip_to = nxt[1]
        else:  # the name was read already with the roles after it: "đại biểu Quốc hội Lê Văn A, Giám đốc Sở ..."
            known = by_key.get(fold(_name_text(ctx, *span)))
            if known is not None and span in known.mentions:
                new = [r for r in roles_before
                       if not any(fold(x.title) == fold(r.title) and x.level == r.level for x in known.roles)]
                known.roles[:0] = new
    for p in people:
        p.roles.sort(key=lambda r: r.start)  # in the order the text gives them
    _inherit_levels(ctx, people)
    _merge_repeats(people)
    _merge_early_short_forms(people)
    _more_mentions(ctx, people)
    return people


def _merge_early_short_forms(people: list[PersonFound]) -> None:
    """A short form written before the full name (a caption's ``Bà Thúy Nga`` above ``bà Nguyễn
    Thị Thúy Nga``) is that person: one record, from the first mention."""
    for p in list(people[:_MAX_PEOPLE]):
        if p.roles:
            continue
        parts = p.key.split()
        fuller = [q for q in people[:_MAX_PEOPLE] if q is not p and len(q.key.split()) > len(parts)
                  and q.key.split()[-len(parts):] == parts and q.mentions[0] > p.mentions[0]]
        if len(fuller) == 1:
            q = fuller[0]
            q.mentions = sorted(set(q.mentions + p.mentions))
            q.honorific = q.honorific or p.honorific
            q.participation = p.participation + [x for x in q.participation if x not in p.participation]
            people.remove(p)


def _merge_repeats(people: list[PersonFound]) -> None:
    """A post written again shorter is the same post: without its qualifier (a caption's ``Phó Chủ
    tịch HĐND huyện`` beside ``Phó Chủ tịch Thường trực HĐND huyện``), or as a bare title before
    the name (``đại biểu Lê Văn A`` for the ``đại biểu Quốc hội``).  A post given at the meeting
    (``được bầu giữ chức Phó Bí thư``) is a new one and stays."""
    quals = _lex()["qualifier_texts"]

    def covered(r: RoleFound, x: RoleFound) -> bool:  # r says less than x about the same post
        if r is x or r.elected:
            return False
        tr, tx = r.title.casefold(), x.title.casefold()
        if r.organization is None and (r.level is None or r.only_before_name) and tx.startswith(tr) \
                and (tx == tr or tx[len(tr)] == " "):
            return True
        if r.level != x.level or (r.body and x.body and r.body != x.body):
            return False
        return tx.startswith(tr + " ") and tx[len(tr) + 1:] in quals

    for p in people:
        keep = [r for r in p.roles if not any(covered(r, x) for x in p.roles if x is not r)]
        p.roles[:] = keep


_DELEGATION = re.compile(r"(?<!\w)(?:tổ|đoàn) (đại biểu)(?!\w)")
_JOINED = re.compile(r"\s+và\s+(?:(?:ông|bà|đồng chí|đ/c|anh|chị)\s+)?")
_NAME_SEP = re.compile(r"\s*(?:,|\svà)\s+")


def _more_names(ctx: Context, pos: int) -> list[tuple[int, int]]:
    """Names listed after a name (``, B và C``) with nothing else between them."""
    out = []
    while len(out) < _MAX_CHAIN:
        sep = _NAME_SEP.match(ctx.text, pos)
        if not sep:
            break
        span = _read_name(ctx, sep.end())
        if not span or not _is_strong_name(ctx, *span):
            break
        out.append(span)
        pos = span[1]
    return out


_NAME_BEFORE = re.compile(r"(?<![\w'’])((?:" + UPPER + r"[^\W\d_]*['’]?\s){1,4}" + UPPER + r"[^\W\d_]*)\s*[,–-]\s*$")
_LINK_BEFORE_CUE = re.compile(r"(?:,|\s(?:đối\s+với|với))\s*$")


def _chain_before_cue(ctx: Context, cue_start: int, sent: int, people: list[PersonFound]) -> list[RoleFound]:
    """Roles written before a cue and its name, joined to it by a comma (``Bí thư Huyện ủy, đồng
    chí A``) or by ``đối với`` (``bãi nhiệm đại biểu HĐND huyện đối với ông A``).  A chain that is
    the roles of the person named before it (``đồng chí B, Bí thư ..., đồng chí A``) is not A's."""
    lex = _lex()
    link = _LINK_BEFORE_CUE.search(ctx.key, max(0, cue_start - 12), cue_start)
    if not link:
        return []
    target = link.start()
    s0 = ctx.sentence_range(cue_start)[0]
    lo = max(s0, cue_start - 240)
    taken = [(r.start, r.end) for p in people[-_MAX_PEOPLE:] for r in p.roles]
    for m in lex["title_rx"].finditer(ctx.key, lo, target):
        if any(a < target and b > m.start() for a, b in taken):
            continue  # the chain (or a part of it) belongs to someone named before
        first = _parse_role_prefixed(ctx, m.start())
        if first is None or first.start != m.start() or first.end > target:
            continue
        rest, end = _role_chain(ctx, first.end, after_role=True)
        chain = [first] + rest
        term = _TERM.match(ctx.key, end)
        if term:
            end = term.end()
        while end < target and ctx.text[end] in " ,":
            end += 1
        if end != target:
            continue
        lead = ctx.key[max(s0, m.start() - 60):m.start()]
        if lex["not_own_rx"].search(lead):
            return []  # "Thừa ủy quyền của Chủ tịch UBND tỉnh, đồng chí A": someone else's post
        if link.group().strip(" ,") and not lex["held_post_rx"].search(lead):
            return []  # "đối với ông A" names the holder only after a verb on a post already held
        between = ctx.text[s0:m.start()]
        if re.search(r"(?:ông|bà|đồng chí|đ/c|anh|chị)\s+" + UPPER + r"\S*(?:\s+" + UPPER + r"\S*)+\s*[,–-]\s*$", between):
            return []
        nm = _NAME_BEFORE.search(ctx.text, max(s0, m.start() - 50), m.start())
        if nm and _is_strong_name(ctx, nm.start(1), nm.end(1)):
            return []  # "Lê Văn A, Bí thư Huyện ủy, đồng chí B": the post is A's
        if any(r.only_before_name for r in chain):
            return []
        return chain
    return []


# "được bầu giữ chức", "được bầu lại làm", "tái cử", "được hiệp thương giữ chức", "được cử làm":
# a post given at the meeting is a role of the person(s) named just before.
@lru_cache(maxsize=1)
def _elected_rx():
    # "được Ban Chấp hành tín nhiệm bầu giữ chức", "được Đại hội bầu làm": the electing body may stand
    # between "được" and the verb
    agents = r"(?:(?:" + _alt(load_yaml("roles.yaml")["election_agents"]) + r")\s+)?"
    return re.compile(
        r"(?:(?:tiếp\s+tục|đã|cũng|lần\s+lượt)\s+)*"
        r"(?:được\s+" + agents + r"(?:(?:tín\s+nhiệm|hiệp\s+thương|bầu|cử|giao|bổ\s+nhiệm|tái\s+bổ\s+nhiệm|chỉ\s+định)\s+)+(?:lại\s+)?"
        r"(?:giữ\s+chức(?:\s+vụ)?|làm|tái\s+cử|vào\s+chức|vào)?|(?:bầu\s+)?giữ\s+chức(?:\s+vụ)?"
        r"|(?:tái\s+cử|tái\s+đắc\s+cử|đắc\s+cử)(?:\s+chức(?:\s+vụ|\s+danh)?)?)\s+"
    )


# What may stand between the name and the verb: more names of the same group, a post in brackets.
_PAREN_NOTE = r"(?:\s*\([^()\n]{1,60}\))?"
_GROUP_GAP = re.compile(_PAREN_NOTE + r"(?:\s*(?:,|và)\s*(?:(?:ông|bà|đồng\s+chí|anh|chị)\s+)?(?:" + UPPER
                        + r"[^\s,;.()]*\s?){2,5}" + _PAREN_NOTE + r")*\s*")


def _elected_roles(ctx: Context, pos: int) -> list[RoleFound]:
    """``... được tín nhiệm bầu giữ chức Chủ tịch Hội LHPN huyện``: a post given at the meeting."""
    s0, s1 = ctx.sentence_range(pos)
    gap = _GROUP_GAP.match(ctx.text, pos, min(s1, pos + 160))
    start = gap.end() if gap else pos
    comma = _COMMA.match(ctx.text, start)
    m = _elected_rx().match(ctx.key, start, min(s1, start + 90)) \
        or (comma and _elected_rx().match(ctx.key, comma.end(), min(s1, comma.end() + 90)))  # "A, Phó Bí thư, tái đắc cử ..."
    if not m:
        # "Kỳ họp bầu đồng chí A làm Trưởng Ban ...": the verb before the name, the post after "làm"
        lm = _LAM.match(ctx.key, start, min(s1, start + 20))
        if not (lm and lex_elect_before(ctx, s0, pos)):
            return []
        m = lm
    got = None
    if m.group().rstrip().endswith("vào"):  # "được bầu vào Ban Thường vụ Huyện ủy": a member of it
        im = _lex()["into_rx"].match(ctx.key, m.end())
        if not im:
            return []
        got = (im.end(), _lex()["into"][im.group(1)])
    role = _parse_role(ctx, m.end(), got)
    if role:
        role.elected = True
    return [role] if role else []


_COMMA = re.compile(r"\s*,\s*")
_LAM = re.compile(r"\s*(?:làm|giữ\s+chức(?:\s+vụ)?|vào\s+chức(?:\s+danh)?)\s+")


def lex_elect_before(ctx: Context, s0: int, pos: int) -> bool:
    """Whether an electing verb ("bầu", "bổ nhiệm") stands in the sentence before ``pos``."""
    return _lex()["elect_verb_rx"].search(ctx.key, max(s0, pos - 120), pos) is not None


_BEFORE_SEP = re.compile(r"\s*[,–—-]\s*")


def _roles_then_name(ctx: Context, pos: int) -> tuple[list[RoleFound], tuple[int, int]] | None:
    """A chain of roles written before a name: ``Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Tô Minh Đạt``."""
    roles: list[RoleFound] = []
    while len(roles) < 6:
        role = _parse_role_prefixed(ctx, pos)
        if role is None:
            return None
        roles.append(role)
        after = role.end
        pa = _PAREN_ABBR.match(ctx.text, after + 1) if ctx.text[after:after + 1] == " " else None
        if pa:  # "Chủ nhiệm Ủy ban Dân tộc (UBDT) Lò Văn Mười"
            after = pa.end()
        if ctx.text[after:after + 1] == " ":
            span = _read_name(ctx, after + 1)
            if span and _is_strong_name(ctx, *span):
                return roles, span
        if role.only_before_name:
            return None
        sep = _BEFORE_SEP.match(ctx.text, after)
        if not sep or sep.end() == after:
            return None
        pos = sep.end()
    return None


def _role_before(ctx: Context, name_start: int) -> RoleFound | None:
    """A member title standing right before ``ông``/``bà`` + name."""
    lex = _lex()
    window_start = max(0, name_start - 60)
    seg = ctx.key[window_start:name_start]
    cue = re.search(r"\s(?:ông|bà|đồng chí|anh|chị)\s*$", seg)
    if not cue:
        return None
    for m in lex["title_rx"].finditer(ctx.key, window_start, window_start + cue.start()):
        role = _parse_role(ctx, m.start())
        if role and not ctx.text[role.end:window_start + cue.start() + 1].strip() and ctx.key[m.start():m.end()].startswith("đại biểu"):
            return role
    return None


def _short_form(people: list[PersonFound], k: str) -> PersonFound | None:
    """``ông Chất`` / ``đồng chí Bé Tư``: the person whose name ends with these syllables."""
    parts = k.split()
    for p in reversed(people[-_MAX_PEOPLE:]):  # the latest people: bounded work per mention
        full = p.key.split()
        if len(parts) < len(full) and full[-len(parts):] == parts:
            return p
        # Ê Đê and Jrai names put the given name first: "Y Ruăn Mlô" is later "ông Y Ruăn"
        if 1 < len(parts) < len(full) and full[0] in _GIVEN_FIRST and full[:len(parts)] == parts:
            return p
    return None


# Bound on work that grows with the number of people (an article names a few dozen at most).
_MAX_PEOPLE = 200

_GIVEN_FIRST = {"y", "h'", "h’", "a", "k'", "ksor", "nay", "siu", "rơ"}


_SECTION = re.compile(r"(?:về phía|phía|cấp|về cấp|ở|tại)\s+(tỉnh|huyện|xã|thành phố|thị xã|quận|phường|thị trấn|trung ương)\b")


def _inherit_levels(ctx: Context, people: list[PersonFound]) -> None:
    """A role with no level takes its neighbour's in the chain, else the section's ("về phía huyện")."""
    for p in people:
        rs = p.roles
        for i, r in enumerate(rs):
            if r.level is not None or r.no_level:
                continue
            nxt = next((x.level for x in rs[i + 1:] if x.level and not x.intrinsic), None)
            prv = next((x.level for x in reversed(rs[:i]) if x.level and not x.intrinsic), None)
            level = nxt or prv
            if level is None:
                s0 = ctx.sentence_range(r.start)[0]
                lo = max(0, s0 - 300)
                sec = None
                for sec in _SECTION.finditer(ctx.key, lo, r.start):
                    pass
                if sec is not None:
                    level = sec.group(1)
            r.level = level


def _more_mentions(ctx: Context, people: list[PersonFound]) -> None:
    # one scan of the text per person: bounded, or a text of thousands of names is quadratic
    for p in people[:_MAX_PEOPLE]:
        # the mention that writes the name in full (a short form may come first: a caption)
        first = max(p.mentions, key=lambda m: m[1] - m[0])
        k = fold(ctx.text[first[0]:first[1]])
        seen = set(p.mentions)
        for m in re.finditer(re.escape(k), ctx.key):
            span = (m.start(), m.end())
            if span not in seen and not ctx.key[m.end():m.end() + 1].isalpha():
                seen.add(span)
                p.mentions.append(span)
        p.mentions.sort()


@lru_cache(maxsize=1)
def _verbs():
    data = load_yaml("participation.yaml")["verbs"]
    forms = {}
    for v in data:
        for f in v["forms"]:
            forms.setdefault(f, v["lemma"])
    return forms, re.compile(r"(?<![\w])(" + _alt(forms) + r")(?![\w])")


def participation(ctx: Context, people: list[PersonFound]) -> None:
    """What each person did: the verbs of their own stretch of the sentence (from their mention to
    the next person's), and those that lead the sentence before anyone is named ("Dự hội nghị có
    A, B ..." / "Kết luận hội nghị, đồng chí C ...").  Words inside roles ("Trưởng Ban Chỉ đạo")
    are not acts."""
    forms, rx = _verbs()
    starts = sorted((a, i) for i, p in enumerate(people) for a, _ in p.mentions)
    roles = Claims([(r.start, r.end) for p in people for r in p.roles])
    firsts = [a for a, _ in starts]
    for idx, p in enumerate(people):
        lemmas: list[str] = []
        for a, b in p.mentions:
            s0, s1 = ctx.sentence_range(a)
            k = bisect.bisect_right(firsts, a)
            nxt = firsts[k] if k < len(firsts) else s1
            prev = firsts[k - 2] if k >= 2 else -1
            windows = [(a, min(s1, nxt, b + 300))]
            if prev < s0:  # the first person named in the sentence: the lead applies to all in it
                windows.insert(0, (max(s0, a - 300), a))
            else:
                lead_end = next((x for x in firsts if x >= s0), a)
                windows.insert(0, (max(s0, lead_end - 300), lead_end))
            for lo, hi in windows:
                for m in rx.finditer(ctx.key, lo, hi):
                    lemma = forms[m.group(1)]
                    if lemma and lemma not in lemmas and not roles.overlaps(m.start(), m.end()):
                        lemmas.append(lemma)
        p.participation = lemmas
