"""Person rules (``person.*``): bylines, and names beside post titles in running text,
never guessed from ordinary words. What they share with the membership rules is in
``kg.extract.people``.

Each rule is ``(ctx, pool) -> list[Candidate]`` declared with ``@rule`` (the byline rule
gives the authors' Mentions).
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract import inventory as inv
from kg.extract.context import Candidate, Context, is_cjk, strip_marks
from kg.extract.people import (
    _NOT_IN_NAMES,
    _alt,
    _name_at,
    _re_post_chain,
    _surname_len,
    org_role_walk,
)
from kg.extract.rules.org import ROLE_ORGS
from kg.extract.rules.registry import rule
from kg.extract.rules.shared import VOCAB_RULES, Pool, vocab_orgs, vocabulary_matches
from kg.model import EntityRef, Evidence, Mention


@rule("person.vocab", example="王小明出席会议。", expect=("Person", "王小明"),
      description="a name in a person vocabulary (none ships by default; the example needs one naming 王小明)")
def vocabulary_people(ctx: Context, pool: Pool) -> list[Candidate]:
    return vocabulary_matches(ctx, "Person", "person.vocab")


@rule("person.byline", example="# 题目\n\n**魏国强**\n\n工会要把职工组织起来。", expect=("Person", "魏国强"), kind="author",
      description="an author as ingestion read the byline; the evidence is the byline span")
def bylines(ctx: Context, pool: Pool) -> list[Mention]:
    out = []
    text = ctx.text
    for b in ctx.article.authors:
        name = strip_marks(b.name)
        if not name or not (0 <= b.start < b.end <= len(text)):
            continue
        sent = ctx.sentence_of(b.start, b.end)
        if sent is None:
            para = next(((p.start, p.end) for p in ctx.article.paragraphs if p.start <= b.start and b.end <= p.end), None)
            sent = para or (b.start, b.end)
        out.append(Mention(EntityRef("Person", name), Evidence(b.start, b.end, sent[0], sent[1], "person.byline")))
    return out


@rule("person.post-name", example="广东省总工会主席李明表示，要把劳动者组织起来。", expect=("Person", "李明"),
      description="a post, then one name or a list of names (全国总工会主席王东明表示, 记者 张三)")
def post_names(ctx: Context, pool: Pool) -> list[Candidate]:
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


@rule("person.name-post", example="习近平总书记强调，要大力弘扬劳模精神。", expect=("Person", "习近平"),
      description="a name, then a leader's post; the label drops the post (习近平总书记)")
def name_posts(ctx: Context, pool: Pool) -> list[Candidate]:
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


@rule("person.name-elected", example="会议选举王强当选湖南省总工会主席。", expect=("Person", "王强"),
      description="a name, then 当选/担任 and a post (王东明当选全国总工会主席)")
def elected_names(ctx: Context, pool: Pool) -> list[Candidate]:
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


@rule("person.org-role-name", example="青岛港国际物流有限公司机械司机郭希辉获得表彰。", expect=("Person", "郭希辉"),
      description="an organization, a role as printed, then a name (青岛港国际物流有限公司机械司机郭希辉)")
def org_role_names(ctx: Context, pool: Pool) -> list[Candidate]:
    """After a post (院长包振民) the name is person.post-name's."""
    text = ctx.text
    return [Candidate(w.name_start, w.name_end, "Person", text[w.name_start:w.name_end], "person.org-role-name")
            for w in org_role_walk(ctx, pool.of(*ROLE_ORGS) + vocab_orgs(pool))
            if not text[w.org.end:w.name_start].endswith(inv.POSTS)]


@rule("person.group-name", example="快递员李明说，有了工会，心里就踏实了。", expect=("Person", "李明"),
      description="a worker group, then a name (快递员李明说, 全国劳动模范张建国)")
def group_names(ctx: Context, pool: Pool) -> list[Candidate]:
    """jieba's tagger must call it a name, and a mark or a word like 说/表示 must close it.
    Where a vocabulary name starts (农民工农民工…: the second 农民工 is no person) the
    tagger is not asked."""
    vocab = pool.of(*VOCAB_RULES)
    named = frozenset(c.start for c in vocab if c.whole and c.length > 2)
    groups = pool.of("group.modifier-head", "group.group-noun", "group.occupation", "group.enum-head")
    groups += [c for c in vocab if c.cls == "WorkerGroup" and c.whole]
    out = []
    for g in groups:
        if g.cls != "WorkerGroup" or g.end in named or _surname_len(ctx.text[g.end:g.end + 2]) == 0:
            continue
        end = _name_after_group(ctx, g.end)
        if end is not None:
            out.append(Candidate(g.end, end, "Person", ctx.text[g.end:end], "person.group-name"))
    return out


def _name_after_group(ctx: Context, pos: int) -> int | None:
    """End of the name starting at ``pos`` right after a group, or None."""
    text = ctx.text
    tags = ctx.pos_tags(pos, min(len(text), pos + 6))
    if not tags:
        return None
    if tags[0][2].startswith("nr") and tags[0][1] - pos == 3 and all(is_cjk(c) for c in text[pos:pos + 3]):
        # 环卫工人程正珍拿着…: a whole three-character name to the tagger needs no closing word
        ok = text[pos:pos + 3] not in inv.NOT_NAMES and not any(c in _NOT_IN_NAMES - {"正"} for c in text[pos + 1:pos + 3])
        return pos + 3 if ok else None
    ends = _name_ends(tags, pos)
    end = next((e for e in ends if not text[e:e + 1] or not is_cjk(text[e]) or text.startswith(inv.AFTER_NAME, e)), None)
    if end is None or not all(is_cjk(c) for c in text[pos:end]):
        return None
    if text[pos:end] in inv.NOT_NAMES or any(c in _NOT_IN_NAMES for c in text[pos + 1:end]):
        return None
    return end


def _name_ends(tags: list[tuple[int, int, str]], pos: int) -> list[int]:
    """Where a name starting at ``pos`` may end, by the tagger's reading."""
    if tags[0][2].startswith("nr"):
        return [tags[0][1]] if 2 <= tags[0][1] - pos <= 3 else [pos + 2, pos + 3]  # 李/nr 明说/v
    if len(tags) > 1 and tags[0][1] - pos == 1 and tags[1][2].startswith("nr") and 2 <= tags[1][1] - pos <= 3:
        return [tags[1][1]]  # 毕/v 海涛/nr: a surname the tagger split off
    return []
