"""Person rules: names beside post titles in running text, never guessed from ordinary words.

- ``person.post-name``: a post, then one name or a list of names: 全国总工会主席王东明表示
- ``person.name-post``: a leader's name, then a post: 习近平总书记 (the label drops the post)
- ``person.name-elected``: a name, then 当选/担任 and a post: 王东明当选全国总工会主席
- ``person.group-name``: a worker group, then a name: 全国劳动模范张建国, 快递员李明说
Bylines are ``person.byline`` (in ``kg.extract.pipeline``): authors come from ingestion.
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract import inventory as inv
from kg.extract.context import Candidate, Context, is_cjk


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_SURNAMES = frozenset(inv.SURNAMES)


def _surname_len(s: str) -> int:
    if s[:2] in _SURNAMES:
        return 2
    return 1 if s[:1] in _SURNAMES else 0


def _name_at(ctx: Context, start: int) -> int | None:
    """End of a 2-3 character name starting at ``start``, or None if none is there.

    jieba's tagger must call it a person's name (nr); a three-character run it
    misreads (魏国强 -> 魏国/ns 强) is still taken when a word like 表示 or a
    punctuation mark closes it.
    """
    text = ctx.text
    if _surname_len(text[start:start + 2]) == 0:
        return None
    if any(c in _NOT_IN_NAMES for c in text[start + 1:start + 3]) or text.startswith(inv.AFTER_NAME, start + 1):
        return None
    if text[start:start + 2] in inv.NOT_NAMES or text[start:start + 3] in inv.NOT_NAMES:
        return None
    tags = ctx.pos_tags(start, min(len(text), start + 6))
    if tags and tags[0][2].startswith("nr") and 2 <= tags[0][1] - start <= 3:
        return tags[0][1]
    if len(tags) > 1 and tags[0][1] - start == 1 and tags[1][2].startswith("nr") \
            and 2 <= tags[1][1] - start <= 3:
        return tags[1][1]  # 周/nr 红梅/nr, 刘/zg 红梅/nr: a surname the tagger split off
    end = start + 3
    after = text[end:end + 4]
    if end <= len(text) and all(is_cjk(c) for c in text[start:end]) and not _three_is_two(ctx, start) \
            and (not after or not is_cjk(after[0]) or after.startswith(inv.AFTER_NAME + inv.ELECTED_VERBS)):
        return end
    return None


_NOT_IN_NAMES = set("副正的了是在和与及等或应由对为把被将从向以之其这那此每各该本不要会")


def _three_is_two(ctx: Context, start: int) -> bool:
    """张三在…: the third character starts the following word (在/和/等), not the name."""
    third = ctx.text[start + 2:start + 3]
    return third in ("在", "和", "与", "等", "说", "也", "还", "对", "到", "来", "是", "率", "及")


@cache
def _re_post_chain():
    return re.compile(rf"(?:{_alt(inv.POSTS)})(?:、(?:{_alt(inv.POSTS)}))*")


def post_names(ctx: Context) -> list[Candidate]:
    """Names after a post (rule ``person.post-name``): 主席王东明, 记者 张三, 书记李明、王强."""
    out = []
    text = ctx.text
    for m in _re_post_chain().finditer(text):
        pos = m.end()
        while pos < len(text) and text[pos] in " \u3000":
            pos += 1
        if pos - m.end() > 1:
            continue
        while True:
            end = _name_at(ctx, pos)
            if end is None or ctx.sentence_of(pos, end) is None:
                break
            out.append(Candidate(pos, end, "Person", text[pos:end], "person.post-name"))
            if text[end:end + 1] in ("、", " ") and _surname_len(text[end + 1:end + 3]):
                pos = end + 1
                continue
            break
    return out


@cache
def _re_name_post():
    return re.compile(rf"(?:{_alt(inv.POSTS_AFTER_NAME)})")


def name_posts(ctx: Context) -> list[Candidate]:
    """A name before a leader's post (rule ``person.name-post``): 习近平总书记 -> 习近平."""
    out = []
    text = ctx.text
    for m in _re_name_post().finditer(text):
        s = m.start()
        if s < 2 or not is_cjk(text[s - 1]):
            continue
        sent = ctx.sentence_of(s, m.end())
        if sent is None:
            continue
        tags = ctx.pos_tags(max(sent[0], s - 8), s)
        if not tags:
            continue
        ts, te, flag = tags[-1]
        if te != s or not flag.startswith("nr") or not 2 <= te - ts <= 3:
            continue
        if _surname_len(text[ts:ts + 2]) == 0 or text[ts:te] in inv.NOT_NAMES:
            continue
        out.append(Candidate(ts, te, "Person", text[ts:te], "person.name-post"))
    return out


@cache
def _re_elected():
    return re.compile(rf"(?:{_alt(inv.ELECTED_VERBS)})")


def elected_names(ctx: Context) -> list[Candidate]:
    """A name before 当选/担任 (rule ``person.name-elected``): 王东明当选全国总工会主席."""
    out = []
    text = ctx.text
    for m in _re_elected().finditer(text):
        s = m.start()
        if m.group() == "任" or s < 2:
            continue
        if not _re_post_chain().search(text, m.end(), min(len(text), m.end() + 24)):
            continue
        for length in (3, 2):
            ns = s - length
            if ns < 0 or (ns > 0 and is_cjk(text[ns - 1]) and not ctx.is_boundary(ns)):
                continue
            if _surname_len(text[ns:ns + 2]) and _name_at(ctx, ns) == s:
                out.append(Candidate(ns, s, "Person", text[ns:s], "person.name-elected"))
                break
    return out


def posts_before(text: str, end: int) -> tuple[int, list[str]]:
    """The chain of posts ending at ``end`` (党组书记、主席): (its start, the posts)."""
    posts: list[str] = []
    pos = end
    while True:
        for p in sorted(inv.POSTS, key=len, reverse=True):
            if text.endswith(p, 0, pos):
                posts.insert(0, p)
                pos -= len(p)
                break
        else:
            break
        if pos > 0 and text[pos - 1] == "、":
            pos -= 1
            continue
        break
    if posts and text[pos:pos + 1] == "、":
        pos += 1
    return pos, posts


_ROLE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,12}")
_NOT_IN_ROLES = ("的", "是", "和", "与", "及", "或", "在", "为", "将", "了", "由", "向", "对", "以", "应", "不", "并")


def role_between(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` reads as a role printed between an organization and a name:
    机械司机, 焊接首席技师, SMT维修分析工程师, 海洋生命学院院长 (a sub-unit, then a post)."""
    role = text[start:end]
    return (_ROLE.fullmatch(role) is not None and role.endswith(inv.ROLE_ENDS + inv.POSTS)
            and not any(w in role for w in _NOT_IN_ROLES))


def split_sub_unit(role: str) -> tuple[str, str]:
    """(sub-unit, post) when ``role`` is a unit then one of its posts: 海洋生命学院院长 ->
    (海洋生命学院, 院长); otherwise ("", role)."""
    for p in sorted(inv.POSTS, key=len, reverse=True):
        unit = role[: -len(p)]
        if role.endswith(p) and len(unit) >= 2 and unit.endswith(inv.SUB_UNIT_ENDS):
            return unit, p
    return "", role


def org_role_names(ctx: Context, orgs: list[Candidate]) -> list[Candidate]:
    """An organization, a role as printed, then a name (rule ``person.org-role-name``):
    青岛港国际物流有限公司机械司机郭希辉, 中石化第十建设有限公司焊接首席技师唐元生. A unit
    between the organization and a post is a sub-unit of it (rule ``org.sub-unit``):
    中国海洋大学海洋生命学院院长包振民 names 中国海洋大学海洋生命学院."""
    out = []
    text = ctx.text
    for o in orgs:
        if o.cls != "Organization":
            continue
        for pos in range(o.end + 2, min(len(text), o.end + 13)):
            if not _surname_len(text[pos:pos + 2]) or not role_between(text, o.end, pos):
                continue
            end = _name_at(ctx, pos)
            if end is None or ctx.sentence_of(o.start, end) is None:
                continue
            if not text[o.end:pos].endswith(inv.POSTS):  # 院长包振民: person.post-name finds it
                out.append(Candidate(pos, end, "Person", text[pos:end], "person.org-role-name"))
            unit, _post = split_sub_unit(text[o.end:pos])
            if unit:
                out.append(Candidate(o.start, o.end + len(unit), "Organization", o.label + unit, "org.sub-unit"))
            break
    return out


def group_names(ctx: Context, groups: list[Candidate], named: frozenset[int] = frozenset()) -> list[Candidate]:
    """A name right after a worker group (rule ``person.group-name``): 快递员李明说,
    全国劳动模范张建国. jieba's tagger must call it a name, and a mark or a word like
    说/表示 must close it. ``named``: offsets where a vocabulary name starts (农民工农民工…:
    the second 农民工 is no person), skipped without asking the tagger."""
    out = []
    text = ctx.text
    for g in groups:
        if g.cls != "WorkerGroup":
            continue
        pos = g.end
        if pos in named or _surname_len(text[pos:pos + 2]) == 0:
            continue
        tags = ctx.pos_tags(pos, min(len(text), pos + 6))
        if not tags:
            continue
        if tags[0][2].startswith("nr") and tags[0][1] - pos == 3 and all(is_cjk(c) for c in text[pos:pos + 3]):
            # 环卫工人程正珍拿着…: a whole three-character name to the tagger needs no closing word
            if text[pos:pos + 3] not in inv.NOT_NAMES and not any(c in _NOT_IN_NAMES - {"正"} for c in text[pos + 1:pos + 3]):
                out.append(Candidate(pos, pos + 3, "Person", text[pos:pos + 3], "person.group-name"))
            continue
        if tags[0][2].startswith("nr"):
            ends = [tags[0][1]] if 2 <= tags[0][1] - pos <= 3 else [pos + 2, pos + 3]  # 李/nr 明说/v
        elif len(tags) > 1 and tags[0][1] - pos == 1 and tags[1][2].startswith("nr") and 2 <= tags[1][1] - pos <= 3:
            ends = [tags[1][1]]  # 毕/v 海涛/nr: a surname the tagger split off
        else:
            continue
        end = next((e for e in ends if not text[e:e + 1] or not is_cjk(text[e]) or text.startswith(inv.AFTER_NAME, e)), None)
        if end is None or not all(is_cjk(c) for c in text[pos:end]):
            continue
        if text[pos:end] in inv.NOT_NAMES or any(c in _NOT_IN_NAMES for c in text[pos + 1:end]):
            continue
        out.append(Candidate(pos, end, "Person", text[pos:end], "person.group-name"))
    return out
