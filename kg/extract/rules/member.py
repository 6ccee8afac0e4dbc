"""Relation rules for org:Membership (``member.*``): who holds which post where.

Each rule is ``(ctx, facts) -> list[Relation]`` declared with ``@rule``.
"""

from __future__ import annotations

import re

from kg.extract import inventory as inv
from kg.extract.context import Context
from kg.extract.people import (
    _re_post_chain,
    current_post,
    current_role,
    posts_before,
    re_current,
    role_after_unit,
    role_between,
)
from kg.extract.rules.registry import rule
from kg.extract.rules.shared import _MAX_CHAIN, Facts, Found, Spans, _by_cls, _rel
from kg.model import Relation

_NOTE_LEAD = re.compile(r"^[（(\s]*(?:本文)?作者(?:[\u4e00-\u9fff]{2,3})?(?:为|系|是|单位[:：]?|简介[:：]?|[:：])\s*")


@rule("member.author-note", example="# 题目\n\n**魏国强**\n\n工会要把职工组织起来。\n\n（作者为江苏省人大常委会副主任、省总工会主席）",
      expect=("member", "魏国强", "江苏省人大常委会"),
      description="the authors' posts in the author note ((作者为江苏省人大常委会副主任、省总工会主席))")
def members_from_note(ctx: Context, facts: Facts) -> list[Relation]:
    """Posts in an author note make the authors members (rule ``member.author-note``):
    (作者为江苏省人大常委会副主任、省总工会主席) gives 副主任 of 江苏省人大常委会 and
    主席 of 江苏省总工会 (the elided province resolved by ``org.elided-place``).
    The evidence span is the post phrase."""
    note, authors = facts.note, facts.authors
    if note is None or not authors:
        return []
    text = ctx.text
    ns, ne = note.start, note.end
    lead = _NOTE_LEAD.match(text[ns:ne])
    if lead is None:
        return []
    orgs = sorted((f for f in _by_cls(facts.found, "Organization") if ns <= f.start and f.end <= ne), key=lambda f: f.start)
    out = []
    pos = ns + lead.end()
    last_org = None
    for seg in re.split(r"([、，,；;和])", text[pos:ne]):
        s, e = pos, pos + len(seg)
        pos = e
        body = seg.rstrip("）)。 \n")
        if not body or body in "、，,；;和":
            continue
        e = s + len(body)
        inside = _outermost([o for o in orgs if s <= o.start and o.end <= e])
        org = inside[-1] if inside else last_org
        role_start = inside[-1].end if inside else s
        role = re.sub(r"^(?:原|前|时任|现任|曾任|兼任|兼)", "", text[role_start:e])  # 原副主席: a post held
        if org is None or not _is_post(role):
            continue
        last_org = org
        for a in authors:
            out += _rel(ctx, "member", a, org.ref, s, e, "member.author-note", role=role)
    return out


def _outermost(orgs: list[Found]) -> list[Found]:
    """``orgs`` without those inside a longer one: 省总工会研究室, not the 省总工会 it names."""
    return [o for o in orgs if not any(p.start <= o.start and o.end <= p.end and p.end - p.start > o.end - o.start
                                       for p in orgs)]


def _is_post(role: str) -> bool:
    _, posts = posts_before(role, len(role))
    return (bool(posts) and "".join(posts) == role.replace("、", "")) or role in inv.POSTS


@rule("member.post-name", example="全国总工会党组书记、副主席徐留平出席会议。",
      expect=("member", "徐留平", "中华全国总工会"),
      description="an organization, its posts, then a name (全国总工会党组书记、副主席徐留平)")
def members_from_posts(ctx: Context, facts: Facts) -> list[Relation]:
    """An organization, its posts, then a name (rule ``member.post-name``):
    全国总工会主席王东明, 省总工会党组书记、主席张三."""
    text = ctx.text
    orgs = {f.end: f for f in _by_cls(facts.found, "Organization")}
    people = {f.end: f for f in _by_cls(facts.found, "Person")}
    first_org: dict[int, Found] = {}  # a name's end -> the organization its posts are held in
    out = []
    for p in sorted(_by_cls(facts.found, "Person"), key=lambda f: f.start):  # the posts before a name decide
        pstart, posts = posts_before(text, _list_start(text, p, people))
        org = orgs.get(pstart)
        if org is None and posts and text[pstart - 1:pstart] in ("，", ",", "、"):
            # 市总工会主席甲，副主席乙 (or 、副主席乙): the organization of the name before goes on
            org = first_org.get(pstart - 1)
            if org is not None:
                out += _held(ctx, p, org, pstart, posts)
            continue
        if org is not None:
            first_org[p.end] = org
        for _ in range(_MAX_CHAIN):  # 区人大常委会副主任、区总工会主席陈国裕: each organization its posts
            if org is None:
                break
            out += _held(ctx, p, org, pstart, posts)
            # 区总工会副主席、区女职工委员会主任: a level word may open the next organization
            before = org.start - (1 if text[org.start - 1:org.start] in ("省", "市", "县", "区") else 0)
            if not text.endswith(("、", "，", ","), 0, before):  # 区人大副主任，区总工会主席甲: one chain
                break
            pstart, posts = posts_before(text, before - 1)
            org = orgs.get(pstart) if posts else None
    return out


def _list_start(text: str, p: Found, people: dict[int, Found]) -> int:
    """Where the list of names ``p`` ends (甲、乙 after one post chain) starts."""
    end = p.start
    names = 0
    while end > 0 and text[end - 1] in " \u3000、" and names < _MAX_CHAIN:
        end -= 1
        if text[end] == "、":
            prev = people.get(end)
            if prev is None:
                break
            end = prev.start
            names += 1
    return end


def _held(ctx: Context, p: Found, org: Found, pstart: int, posts: list[str]) -> list[Relation]:
    """One membership of ``p`` in ``org`` per post printed from ``pstart``, the role as printed
    (副部長 in traditional text)."""
    out = []
    pos = pstart
    for post in posts:
        pos = ctx.text.index(post, pos)
        role = ctx.article.text[pos:pos + len(post)]
        pos += len(post)
        out += _rel(ctx, "member", p.ref, org.ref, org.start, p.end, "member.post-name", role=role)
    return out


@rule("member.org-role", example="中石化第十建设有限公司焊接首席技师唐元生获得表彰。",
      expect=("member", "唐元生", "中石化第十建设有限公司"),
      description="an organization, a role as printed, then a person who has no post there yet (中石化第十建设有限公司焊接首席技师唐元生)")
def members_org_role(ctx: Context, facts: Facts) -> list[Relation]:
    """An organization, a role as printed, then a person who has no post there yet
    (rule ``member.org-role``): 青岛港国际物流有限公司机械司机郭希辉 (role 机械司机),
    中国海洋大学海洋生命学院院长包振民 (role 院长 of the sub-unit the text names)."""
    text = ctx.text
    orgs = {f.end: f for f in _by_cls(facts.found, "Organization")}
    has_post = {r.subject for r in facts.earlier if r.predicate == "member"}
    out = []
    for p in _by_cls(facts.found, "Person"):
        if p.ref in has_post:
            continue
        for q in range(p.start - 1, max(0, p.start - 13), -1):
            org = orgs.get(q)
            if org is not None and role_between(text, q, p.start):
                role = ctx.article.text[q:p.start].rstrip(" \t\u3000")
                out += _rel(ctx, "member", p.ref, org.ref, org.start, p.end, "member.org-role", role=role)
                break
    return out


@rule("member.org-name-post", example="邀请东山市总工会刘明远副主席、陈立平专员共同见证。",
      expect=("member", "刘明远", "东山市总工会"),
      description="an organization, a name, then its post (台北市产业总工会王某某副理事长: Taiwan's order)")
def members_org_name_post(ctx: Context, facts: Facts) -> list[Relation]:
    text = ctx.text
    orgs = {f.end: f for f in _by_cls(facts.found, "Organization")}
    out = []
    for p in _by_cls(facts.found, "Person"):
        org = orgs.get(p.start)
        if org is not None and org.end - org.start <= 4 and text[org.start - 1:org.start].isalpha():
            continue  # 央广工会甲理事长: a kind (工会, 企业工会) at the end of a name not found
        chain = _re_post_chain().match(text, p.end) if org is not None else None
        if org is None or chain is None:
            continue
        pos = chain.start()
        for post in chain.group().split("、"):
            role = ctx.article.text[pos:pos + len(post)]
            pos += len(post) + 1
            out += _rel(ctx, "member", p.ref, org.ref, org.start, chain.end(), "member.org-name-post", role=role)
    return out


@rule("member.name-elected", example="会议选举王东明当选全国总工会主席。",
      expect=("member", "王东明", "中华全国总工会"),
      description="names, 当选/担任, an organization and a post (王东明当选全国总工会主席; 郭明义、巨晓林当选为…)")
def members_elected(ctx: Context, facts: Facts) -> list[Relation]:
    """A name or a list of names (郭明义、巨晓林、高凤林), perhaps a year (于2013年首次),
    当选/担任, an organization, its posts (rule ``member.name-elected``)."""
    text = ctx.text
    orgs = {f.start: f for f in _by_cls(facts.found, "Organization")}
    people = _by_cls(facts.found, "Person")
    by_end = {f.end: f for f in people}
    out = []
    for p in people:
        lead = _ELECTED_LEAD.match(text, p.end)
        lead_end = lead.end() if lead else p.end
        verb = next((v for v in _ELECTED_VERBS if text.startswith(v, lead_end)), None)
        org = orgs.get(lead_end + len(verb)) if verb else None
        if org is None or (lead_end > p.end and verb == "任"):
            continue
        chain = _re_post_chain().match(text, org.end)  # 兼职副主席、党组成员
        for q in _listed_before(text, p, by_end) if chain is not None else ():
            for post in chain.group().split("、"):
                out += _rel(ctx, "member", q.ref, org.ref, q.start, chain.end(), "member.name-elected", role=post)
    return out


#: What may stand between a name and 当选: a year and how often (郭明义于2013年首次当选).
_ELECTED_LEAD = re.compile(r"(?:于\d{4}年)?(?:首次|再次|连续|继续|正式)?")
_ELECTED_VERBS = tuple(sorted(inv.ELECTED_VERBS, key=len, reverse=True))


def _listed_before(text: str, p: Found, by_end: dict[int, Found]) -> list[Found]:
    """``p`` and the names listed right before it: 郭明义、巨晓林、高凤林."""
    out = [p]
    while len(out) < _MAX_CHAIN and text[out[-1].start - 1:out[-1].start] == "、" and out[-1].start - 1 in by_end:
        out.append(by_end[out[-1].start - 1])
    return out


@rule("member.current-post", example="张建华，现任江苏省总工会副主席。", expect=("member", "张建华", "江苏省总工会"),
      description="a name and the posts 现任/现为 gives it in an organization (现任…副主席的孙丽华)")
def members_current_post(ctx: Context, facts: Facts) -> list[Relation]:
    text = ctx.text
    orgs: dict[int, Found] = {}
    for f in _by_cls(facts.found, "Organization"):
        if f.start not in orgs or f.end > orgs[f.start].end:
            orgs[f.start] = f
    people = {(f.start, f.end): f for f in _by_cls(facts.found, "Person")}
    out = []
    for m in re_current().finditer(text):
        org = orgs.get(m.end())
        span = current_post(ctx, m, org.end) if org is not None else None
        person = people.get(span) if span is not None else _pronoun_subject(ctx, m, facts)
        role_end = current_role(text, org.end) if org is not None else None
        if org is None or person is None or role_end is None:
            continue
        printed = ctx.article.text[org.end:role_end]  # the roles as printed: 副主席 or 副主蓆
        same_sentence = ctx.sentence_of(min(person.start, m.start()), max(person.end, role_end)) is not None
        lo = min(person.start, m.start()) if same_sentence else m.start()  # 他现任…: the evidence is the post phrase
        hi = max(person.end, role_end) if same_sentence else role_end
        for post in printed.split("、"):
            post = role_after_unit(post)
            out += _rel(ctx, "member", person.ref, org.ref, lo, hi, "member.current-post", role=post)
    return out


def _pronoun_subject(ctx: Context, m: re.Match, facts: Facts) -> Found | None:
    """他现任…/她现为…: the person the pronoun stands for, the last one named in the same
    or the sentence before (高凤林是首次当选。他现为…)."""
    if ctx.text[max(0, m.start() - 1):m.start()] not in ("他", "她"):
        return None
    sent = ctx.sentence_of(m.start(), m.end())
    if sent is None:
        return None
    lo = ctx.sentence_of(sent[0] - 1, sent[0]) if sent[0] > 0 else None
    before = Spans(_by_cls(facts.found, "Person")).within((lo or sent)[0], m.start())
    return before[-1] if before else None

