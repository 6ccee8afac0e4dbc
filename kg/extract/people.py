"""What the person rules (``kg.extract.rules.person``) and the membership rules share:
where a name is (never guessed from ordinary words), chains of posts, roles as printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from kg.extract import inventory as inv
from kg.extract.context import COUNT, Candidate, Context, finditer_from, is_cjk, literal_starts


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
    dotted = _dotted_end(text, start)
    if dotted is not None:
        return dotted  # 迪力夏提·某某: a name of several parts, no surname
    opens = _may_open_name(text, start)
    if not opens and not _may_close_three(text, start):
        return None  # no name can start here, whatever the tagger says: it is not asked
    tags = ctx.pos_tags(start, min(len(text), start + 6))
    if _closed_name(text, tags, start):
        return start + 3
    if not opens:
        return None
    if tags and tags[0][2].startswith("nr") and 2 <= tags[0][1] - start <= 3:
        if tags[0][1] - start == 3 and text[start + 2] in _NOT_IN_NAMES:
            return start + 2  # 张三在/nr: the tagger took the next word's first character
        if tags[0][1] - start == 2 and (_third_closes(ctx, start) or _third_glued(ctx, tags, start)
                                        or _third_alone(ctx, tags, start)):
            return start + 3  # （记者 李白/nr 蕾）: a mark right after the third character
        return tags[0][1]
    if len(tags) > 1 and tags[0][1] - start == 1 and tags[1][2].startswith("nr") \
            and 2 <= tags[1][1] - start <= 3:
        return tags[1][1]  # 周/nr 红梅/nr, 刘/zg 红梅/nr: a surname the tagger split off
    return _misread_three(ctx, tags, start)


#: A name of two or three parts joined by a middle dot (Uyghur, Tibetan, foreign names): 阿依古丽·某某.
_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}(?:[·•‧][\u4e00-\u9fff]{2,8}){1,2}")


def _dotted_end(text: str, start: int) -> int | None:
    """End of a dotted name at ``start``: its last part ends at a mark or before a word that
    follows names (迪力夏提·某某出席) and does not overlap the next such word, or None.

    >>> t = "主席迪力夏提·柯德尔汗出席并讲话"
    >>> t[2:_dotted_end(t, 2)]
    '迪力夏提·柯德尔汗'
    """
    m = _DOTTED_NAME.match(text, start)
    if m is None:
        return None
    last = max(text.rfind(d, start, m.end()) for d in "·•‧")
    # 买买提出席: 提出 follows names too, but 出席 right after it is the word that does
    return next((e for e in range(last + 3, m.end() + 1) if e == len(text) or not is_cjk(text[e])
                 or (text.startswith(inv.AFTER_NAME, e) and not text.startswith(inv.AFTER_NAME, e + 1))), None)


def _third_closes(ctx: Context, start: int) -> bool:
    """A name's third character the tagger left out, a mark or the end right after it."""
    text = ctx.text
    third, after = text[start + 2:start + 3], text[start + 3:start + 4]
    return is_cjk(third) and third not in _NOT_IN_NAMES and not (after and is_cjk(after)) \
        and not _three_is_two(ctx, start) and not text.startswith(inv.AFTER_NAME, start + 2)


def _third_glued(ctx: Context, tags: list[tuple[int, int, str]], start: int) -> bool:
    """宋明/nr 争边/d 说: the tagger's two-character name, then a word no dictionary holds that
    it made of the name's third character and the next word's first (王东/nr 进为/v 团长)."""
    if len(tags) < 2 or tags[1][0] != start + 2 or tags[1][1] != start + 4:
        return False
    word = ctx.text[start + 2:start + 4]
    return word[0] not in _NOT_IN_NAMES and is_cjk(word[0]) and ctx.comp.tokenizer.FREQ.get(word) is None


#: Tags of a lone character that may end a name (黄玉/nr 生/vn 陪同): no verb, particle or adverb.
_NAME_CHAR_TAGS = frozenset(("n", "ng", "nr", "nz", "vn", "a", "ag", "j"))


def _third_alone(ctx: Context, tags: list[tuple[int, int, str]], start: int) -> bool:
    """黄玉/nr 生/vn 陪同: the tagger's two-character name, then a lone character no particle or
    verb, then a word that follows names (陪同, 表示)."""
    if len(tags) < 2 or tags[1][0] != start + 2 or tags[1][1] != start + 3 or tags[1][2] not in _NAME_CHAR_TAGS:
        return False
    text = ctx.text
    return is_cjk(text[start + 2]) and text[start + 2] not in _NOT_IN_NAMES \
        and not text.startswith(inv.AFTER_NAME, start + 2) and text.startswith(inv.AFTER_NAME, start + 3)


def _misread_three(ctx: Context, tags: list[tuple[int, int, str]], start: int) -> int | None:
    """End of a three-character name the tagger misreads (魏国/ns 强), taken when a word
    that follows names closes it; None for a word (厂长任期内) or 刘明在…."""
    text = ctx.text
    end = start + 3
    if _ends_in_he(text, start):
        return end
    if _starts_with_word(tags, start) or text[start + 2:start + 3] in _NOT_IN_NAMES:
        return None  # 厂长任期内: 任期 is a word; 刘明在…: no three-character name ends in 在
    if end <= len(text) and all(is_cjk(c) for c in text[start:end]) and not _three_is_two(ctx, start) \
            and _closes_name(text, end):
        return end
    return None


def _ends_in_he(text: str, start: int) -> bool:
    """黄庆和及县总工会…: a 和 no conjunction can be (one before 及, 等 or a mark) ends the name."""
    return text[start + 2:start + 3] == "和" and text[start + 3:start + 4] in tuple("及等、，,。；;")


def addressed(text: str, pos: int) -> bool:
    """The surname at ``pos`` is followed by a way of address, not a given name (王师傅, 李总).

    >>> addressed("环卫工王师傅正在清扫", 3), addressed("环卫工王海涛正在清扫", 3)
    (True, False)
    """
    return text[pos + 1:pos + 3] in inv.HONORIFICS or text[pos + 1:pos + 2] in inv.HONORIFICS


def _closes_name(text: str, pos: int) -> bool:
    """What follows ``pos`` ends a name: the end, a mark, or a word like 表示, 率领, 当选."""
    after = text[pos:pos + 4]
    return not after or not is_cjk(after[0]) or after.startswith(inv.AFTER_NAME + inv.ELECTED_VERBS)


def _closed_name(text: str, tags: list[tuple[int, int, str]], start: int) -> bool:
    """A three-character name the tagger reads whole (马应宏/nr, 李云会/nr) and a word that
    follows names closes (讲话, 率领, a mark): taken even with a character such as 应 or
    会 inside, which elsewhere rules a name out."""
    if not tags or tags[0][0] != start or tags[0][1] - start != 3 or not tags[0][2].startswith("nr"):
        return False
    return _may_close_three(text, start)


def _may_close_three(text: str, start: int) -> bool:
    """What ``_closed_name`` asks of the text alone: a one-character surname at ``start``,
    three characters that are not a known non-name, and a word that closes names after them."""
    if _surname_len(text[start:start + 2]) != 1 or text[start:start + 3] in inv.NOT_NAMES:
        return False
    return _closes_name(text, start + 3)


def _may_open_name(text: str, start: int) -> bool:
    """A surname at ``start``, and no word after it that no name holds (副, 的, 是…)."""
    if _surname_len(text[start:start + 2]) == 0:
        return False
    second = text[start + 1:start + 2]
    if second not in _GIVEN_TOO and (second in _NOT_IN_NAMES or text.startswith(inv.AFTER_NAME, start + 1)):
        return False  # 王的, 张说: the character after the surname is no given name
    return text[start:start + 2] not in inv.NOT_NAMES and text[start:start + 3] not in inv.NOT_NAMES


#: jieba tags of ordinary two-character words (a name's first two characters are not one).
_COMMON_WORD_TAGS = ("n", "v", "vn", "d", "f", "t", "m", "r", "p", "c", "a", "ad", "an")


def _starts_with_word(tags: list[tuple[int, int, str]], start: int) -> bool:
    """The first two characters at ``start`` are an ordinary word to jieba (任期/n)."""
    return bool(tags) and tags[0][1] - start == 2 and tags[0][2] in _COMMON_WORD_TAGS


_NOT_IN_NAMES = set("副正的了是在和与及等或应由对为把被将从向以之其这那此每各该本不要会")
#: Of those, the ones that often open a given name (齐为民, 李为国): the tagger decides there.
_GIVEN_TOO = set("为")


def _three_is_two(ctx: Context, start: int) -> bool:
    """张三在…: the third character starts the following word (在/和/等), not the name."""
    third = ctx.text[start + 2:start + 3]
    return third in ("在", "和", "与", "等", "说", "也", "还", "对", "到", "来", "是", "率", "及")


@cache
def _re_post_chain():
    return re.compile(rf"(?:{_alt(inv.POSTS)})(?:、(?:{_alt(inv.POSTS)}))*")


def post_chains(text: str) -> Iterator[re.Match[str]]:
    """``_re_post_chain().finditer(text)``, tried only where a post begins (one automaton pass).

    >>> [m.group() for m in post_chains("任命张三为主席、副主席。")]
    ['主席、副主席']
    """
    return finditer_from(_re_post_chain(), text, literal_starts(text, tuple(inv.POSTS)))


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


_ROLE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,20}")
#: The characters a role may hold, then the white space ``role_between`` strips after it.
_ROLE_REACH = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{0,20}[ \t\u3000]{0,20}")
_NOT_IN_ROLES = ("的", "是", "和", "与", "及", "或", "在", "为", "将", "了", "由", "向", "对", "以", "应", "不", "并", "等",
                 "指派", "委派", "派出", "当即", "携手", "邀请", "会同")  # 某市总工会当即指派…中心主任: a clause


def role_between(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` reads as a role printed between an organization and a name:
    机械司机, 焊接首席技师, SMT维修分析工程师, 海洋生命学院院长 (a sub-unit, then a post).
    A TV caption sets the name off by white space: 某某有限公司员工 王某：."""
    role = text[start:end].rstrip(" \t\u3000")
    return (_ROLE.fullmatch(role) is not None and role.endswith(inv.ROLE_ENDS + inv.POSTS)
            and not any(w in role for w in _NOT_IN_ROLES) and COUNT.search(role) is None)  # 廖某某等11名职工: a list


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


@cache
def _re_role_then_surname() -> re.Pattern[str]:
    """A character a surname may open with, after one a role may end with (or white space
    after the role): the only offsets where ``_org_role`` can find a name, found by one
    regex call instead of asking at each of the twenty offsets after an organization."""
    last = {w[-1] for w in inv.ROLE_ENDS + inv.POSTS} | set(" \t\u3000")
    first = {s[0] for s in inv.SURNAMES}
    return re.compile(f"(?<=[{''.join(map(re.escape, sorted(last)))}])[{''.join(map(re.escape, sorted(first)))}]")


def _org_role(ctx: Context, o: Candidate) -> list[OrgRole]:
    text = ctx.text
    # ``role_between`` needs the role to be word characters (white space may trail it): no
    # name starts past the first other character after them
    m = _ROLE_REACH.match(text, o.end)  # it matches everywhere (possibly empty)
    reach = m.end() + 1 if m is not None else len(text)
    for mark in _re_role_then_surname().finditer(text, o.end + 2, min(len(text), o.end + 21, reach)):
        pos = mark.start()
        if not _surname_len(text[pos:pos + 2]) or not role_between(text, o.end, pos):
            continue
        end = _name_at(ctx, pos)
        if end is None or ctx.sentence_of(o.start, end) is None:
            continue
        return [OrgRole(o, pos, end, split_sub_unit(text[o.end:pos].rstrip(" \t\u3000"))[0])]
    return []


def tagged_name(ctx: Context, start: int, end: int, listed: bool = False) -> bool:
    """jieba's tagger reads ``text[start:end]`` as a person's name (one nr word, or a
    surname it split off before one): stricter than ``_name_at``, for rules without a post.
    ``listed``: the name stands in a list of names (郭明义、巨晓林), where a three-character
    word the tagger calls a name may start with a surname the table leaves out (巨)."""
    text = ctx.text
    if not 2 <= end - start <= 3 or text[start:end] in inv.NOT_NAMES:
        return False
    if _surname_len(text[start:start + 2]) == 0 and not (listed and end - start == 3):
        return False
    if any(c in _NOT_IN_NAMES or not is_cjk(c) for c in text[start:end]):
        return False
    tags = ctx.pos_tags(start, end)
    if len(tags) == 1:
        return tags[0][2].startswith("nr")
    return _surname_len(text[start:start + 2]) > 0 and len(tags) == 2 and tags[0][1] - start == 1 and tags[1][2].startswith("nr")


#: Words that give the post someone holds now: 张三，现任江苏省总工会副主席.
CURRENT_POST_WORDS = ("现担任", "现任", "现为")


@cache
def re_current():
    return re.compile(rf"(?:{_alt(CURRENT_POST_WORDS)})")


def current_post(ctx: Context, m: re.Match, org_end: int) -> tuple[int, int] | None:
    """(start, end) of the name a 现任/现为 + organization + posts phrase belongs to: the
    name before it (张三，现任…主席) or after it (现任…主席的孙丽华); None if none."""
    text = ctx.text
    role_end = current_role(text, org_end)
    if role_end is None:
        return None
    if text.startswith("的", role_end):
        end = _name_at(ctx, role_end + 1)
        return (role_end + 1, end) if end is not None else None
    end = m.start() - (1 if text[m.start() - 1:m.start()] in ("，", ",") else 0)
    start = next((end - n for n in (3, 2) if end - n >= 0 and tagged_name(ctx, end - n, end)), None)
    return (start, end) if start is not None else None


_CLAUSE_MARKS = re.compile(r"[，,。；;、）)\n的]")


def role_to_clause_end(text: str, pos: int) -> int | None:
    """End of a role printed from ``pos`` to the clause end (…铁矿|生产技术室公路管理业务主管。,
    …有限公司|特种熔融焊接工的): where it ends, or None if no role runs there."""
    stop = _CLAUSE_MARKS.search(text, pos, pos + 21)
    return stop.start() if stop is not None and stop.start() > pos and role_between(text, pos, stop.start()) else None


def current_role(text: str, org_end: int) -> int | None:
    """End of the posts after an organization (副主席、党组书记), or of a role as printed up
    to the clause end (特种熔融焊接工): what 现任/现为 + organization gives someone."""
    chain = _re_post_chain().match(text, org_end)
    return chain.end() if chain is not None else role_to_clause_end(text, org_end)


def role_after_unit(role: str) -> str:
    """The role without a sub-unit printed before it: 生产技术室公路管理业务主管 -> 公路管理业务主管
    (the unit is part of the organization, 室/科/车间…); the role itself otherwise."""
    for i in range(len(role) - 2, 1, -1):
        if role[:i].endswith(inv.SUB_UNIT_ENDS) and role[i:].endswith(inv.ROLE_ENDS + inv.POSTS) and len(role) - i >= 2:
            return role[i:]
    return role
