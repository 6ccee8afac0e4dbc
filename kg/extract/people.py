"""What the person rules (``kg.extract.rules.person``) and the membership rules share:
where a name is (never guessed from ordinary words), chains of posts, roles as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    if not _may_open_name(text, start):
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


def _may_open_name(text: str, start: int) -> bool:
    """A surname at ``start``, and no word after it that no name holds (副, 的, 是…)."""
    if _surname_len(text[start:start + 2]) == 0:
        return False
    if any(c in _NOT_IN_NAMES for c in text[start + 1:start + 3]) or text.startswith(inv.AFTER_NAME, start + 1):
        return False
    return text[start:start + 2] not in inv.NOT_NAMES and text[start:start + 3] not in inv.NOT_NAMES


_NOT_IN_NAMES = set("副正的了是在和与及等或应由对为把被将从向以之其这那此每各该本不要会")


def _three_is_two(ctx: Context, start: int) -> bool:
    """张三在…: the third character starts the following word (在/和/等), not the name."""
    third = ctx.text[start + 2:start + 3]
    return third in ("在", "和", "与", "等", "说", "也", "还", "对", "到", "来", "是", "率", "及")


@cache
def _re_post_chain():
    return re.compile(rf"(?:{_alt(inv.POSTS)})(?:、(?:{_alt(inv.POSTS)}))*")


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


@dataclass(frozen=True)
class OrgRole:
    """An organization, a role as printed after it, and the name after the role:
    青岛港国际物流有限公司|机械司机|郭希辉; ``unit``: the sub-unit the role opens with (海洋生命学院)."""

    org: Candidate
    name_start: int
    name_end: int
    unit: str


def org_role_walk(ctx: Context, orgs: list[Candidate]) -> list[OrgRole]:
    """Every organization of ``orgs`` followed by a role and a name (the first such name
    after each), computed once per article for the rules that read it."""
    return ctx.once("org_role_walk", lambda: [w for o in orgs if o.cls == "Organization"
                                              for w in _org_role(ctx, o)])


def _org_role(ctx: Context, o: Candidate) -> list[OrgRole]:
    text = ctx.text
    for pos in range(o.end + 2, min(len(text), o.end + 13)):
        if not _surname_len(text[pos:pos + 2]) or not role_between(text, o.end, pos):
            continue
        end = _name_at(ctx, pos)
        if end is None or ctx.sentence_of(o.start, end) is None:
            continue
        return [OrgRole(o, pos, end, split_sub_unit(text[o.end:pos])[0])]
    return []
