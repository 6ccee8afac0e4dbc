"""Person rules (``person.*``): bylines, and names beside post titles in running text,
never guessed from ordinary words. What they share with the membership rules is in
``kg.extract.people``.

Each rule is ``(ctx, pool) -> list[Candidate]`` declared with ``@rule`` (the byline rule
gives the authors' Mentions).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from kg.extract import inventory as inv
from kg.extract.context import Candidate, Context, finditer_from, is_cjk, literal_starts, starts_before, strip_marks
from kg.extract.people import (
    _NOT_IN_NAMES,
    _alt,
    _name_at,
    _re_post_chain,
    _surname_len,
    addressed,
    current_post,
    org_role_walk,
    post_chains,
    re_current,
    tagged_name,
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


#: Marks papers print between a post and a name: 全国人大代表——张桂梅.
_POST_NAME_DASHES = ("——", "—", "－－")


@rule("person.post-name", example="广东省总工会主席李明表示，要把劳动者组织起来。", expect=("Person", "李明"),
      description="a post, then one name or a list of names (全国总工会主席王东明表示, 记者 张三)")
def post_names(ctx: Context, pool: Pool) -> list[Candidate]:
    """Names after a post (rule ``person.post-name``): 主席王东明, 记者 张三, 书记李明、王强."""
    out = []
    text = ctx.text
    for m in post_chains(text):
        pos = m.end()
        pos += next((len(d) for d in _POST_NAME_DASHES if text.startswith(d, pos)), 0)
        while pos < len(text) and text[pos] in " \u3000":
            pos += 1
        if pos - m.end() > 2:
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
    for m in finditer_from(_re_name_post(), text, literal_starts(text, inv.POSTS_AFTER_NAME)):
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


#: What closes a listed name and its post (甲副局长、乙专员共同见证).
_LISTED_POST_CLOSERS = ("、", "，", ",", "。", "；", "共同", "等", "出席", "参加")


@rule("person.listed-name-post", example="邀请市劳动局刘明远副局长、陈立平专员共同见证。", expect=("Person", "陈立平"),
      description="names each printed before its post in a list (甲副局长、乙专员, Taiwan's order): the name "
                  "runs from a list mark or an organization's end to the post; not one word the tagger knows")
def listed_name_posts(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    org_ends = {c.end for c in pool.everything() if c.cls == "Organization"}
    out = []
    for m in post_chains(text):
        post, end = m.start(), m.end()
        closed = text.startswith(_LISTED_POST_CLOSERS, end)
        if not closed or not (text[end:end + 1] == "、" or "、" in text[max(0, post - 24):post]):
            continue  # an item of a list: a 、 after the post, or before the name and its organization
        for n in (3, 2, 4):
            start = post - n
            if start < 1 or not (text[start - 1] in "、，,：:" or start in org_ends):
                continue
            if _name_before_post(ctx, start, post):
                out.append(Candidate(start, post, "Person", text[start:post], "person.listed-name-post"))
            break
    return out


def _name_before_post(ctx: Context, start: int, end: int) -> bool:
    """``text[start:end]`` can be a name printed before its post: a surname, no word that
    is never in a name, and not one word the tagger reads as something else (职工, 总工会)."""
    name = ctx.text[start:end]
    if not (_may_be_name(name) and all(map(is_cjk, name))):
        return False
    tags = ctx.pos_tags(start, end)
    return not (len(tags) == 1 and not tags[0][2].startswith("nr"))


@cache
def _re_elected():
    return re.compile(rf"(?:{_alt(inv.ELECTED_VERBS)})")


_YEAR_LEAD = re.compile(r"于\d{4}年(?:首次|再次|连续|继续)?$")


def _year_lead(text: str, pos: int) -> str:
    """于2013年首次 right before ``pos`` (郭明义于2013年首次当选), else ''."""
    m = _YEAR_LEAD.search(text, max(0, pos - 10), pos)
    return m.group() if m else ""


@rule("person.name-elected", example="会议选举王强当选湖南省总工会主席。", expect=("Person", "王强"),
      description="a name, then 当选/担任 and a post (王东明当选全国总工会主席)")
def elected_names(ctx: Context, pool: Pool) -> list[Candidate]:
    """A name before 当选/担任 (rule ``person.name-elected``): 王东明当选全国总工会主席."""
    out = []
    text = ctx.text
    for m in _re_elected().finditer(text):
        s = m.start() - len(_year_lead(text, m.start()))
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
    ends = {g.end for g in groups if g.cls == "WorkerGroup"} | {m.end() for m in _HONOUR.finditer(ctx.text)}
    out = []
    for pos in sorted(ends - named):
        if _surname_len(ctx.text[pos:pos + 2]) == 0:
            continue
        end = _name_after_group(ctx, pos)
        if end is not None:
            out.append(Candidate(pos, end, "Person", ctx.text[pos:end], "person.group-name"))
    return out


#: A visit to a home: 困难职工何某某家中, 劳模甲、乙家里. What closes the names.
_HOME = re.compile(r"家(?:中|里|(?=[，。、,；;]))")


@rule("person.home-visit", example="慰问组来到困难职工何国栋、童永康家中，送去慰问金。", expect=("Person", "何国栋"),
      description="the names after a worker group (困难职工, 劳模), listed with 、/和, whose home is visited (…家中/家里)")
def home_names(ctx: Context, pool: Pool) -> list[Candidate]:
    """Walks back from 家中 over the names, each two to four characters opening with a surname,
    to a worker group or an honour: the tagger is not asked (it cuts 李家/勇, 何/国文)."""
    text = ctx.text
    homes = [m.start() for m in _HOME.finditer(text)]
    if not homes:
        return []
    groups = pool.of("group.modifier-head", "group.group-noun", "group.occupation", "group.enum-head", *VOCAB_RULES)
    ends = {g.end for g in groups if g.cls == "WorkerGroup"} | {m.end() for m in _HONOUR.finditer(text)}
    taken = {g.start for g in groups}  # 困难职工、农民工家中: a group, not a name
    out = []
    for home in homes:
        names = _names_back(text, home, ends)
        out += [Candidate(s, e, "Person", text[s:e], "person.home-visit") for s, e in names if s not in taken]
    return out


def _names_back(text: str, end: int, group_ends: set[int]) -> list[tuple[int, int]]:
    """The names ending at ``end``, walking back over 、/和 to a group's end; [] when none is reached."""
    names: list[tuple[int, int]] = []
    while len(names) < 8:
        start = next((end - n for n in (3, 2, 4) if _listed_name(text, end - n, end, group_ends)), None)
        if start is None:
            return []
        names.append((start, end))
        if start in group_ends:
            return names
        end = start - 1  # over the 、 or 和
    return []


def _listed_name(text: str, start: int, end: int, group_ends: set[int]) -> bool:
    """``text[start:end]`` may be a name in a list of homes: a surname, given-name characters, and a
    group's end or a list mark before it."""
    if start < 1 or not (start in group_ends or text[start - 1] in "、和"):
        return False
    name = text[start:end]
    surname = _surname_len(name)
    return surname > 0 and 1 <= len(name) - surname <= 2 and all(is_cjk(c) for c in name) \
        and name not in inv.NOT_NAMES and not any(c in _NOT_IN_NAMES for c in name[surname:]) \
        and not addressed(text, start)


@cache
def _re_role_then_surname():
    """A role's last character and a surname after it; ``role_names`` wants an ideograph before
    (no look-behind here: a pattern opening with one is tried at every offset, three times slower)."""
    singles = "".join(sorted(s for s in inv.SURNAMES if len(s) == 1))
    return re.compile(rf"(?:员|工|师|司机|大姐|大哥|阿姨|大叔)(?=[{singles}])")  # 环卫大姐任某某


@rule("person.role-name", example="推进会上，农民工周传标手持会员证高兴地说。", expect=("Person", "周传标"),
      description="a word for a job or role (调解员, 司机, 环卫工), then a three-character name: one the tagger "
                  "reads whole, or a surname it split off before a word and a verb (陈/传标/手持)")
def role_names(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    words = ctx.comp.tokenizer.FREQ
    out = []
    for m in _re_role_then_surname().finditer(text):
        pos = m.end()
        if not is_cjk(text[m.start() - 1:m.start()]):
            continue  # the role word is a word's end: 调解员, 环卫工
        if words.get(text[pos - 1:pos + 1]) or _surname_len(text[pos:pos + 2]) != 1:
            continue  # 工程, 工商: the role's last character and the "surname" make a word
        if not ctx.is_boundary(pos):
            continue
        name = text[pos:pos + 3]
        if len(name) == 3 and name not in inv.NOT_NAMES and not addressed(text, pos) \
                and all(is_cjk(c) and c not in _NOT_IN_NAMES for c in name[1:]) \
                and _tagged_after_role(ctx, pos) and _role_word_before(ctx, pos):
            out.append(Candidate(pos, pos + 3, "Person", name, "person.role-name"))
    return out


def _tagged_after_role(ctx: Context, pos: int) -> bool:
    """The tagger reads the three characters at ``pos`` as one name closed by a mark or 的, or
    splits a surname off a word that a verb follows (陈/nr 传标/n 手持/v)."""
    tags = ctx.pos_tags(pos, min(len(ctx.text), pos + 7))
    if tags[0][2].startswith("nr") and tags[0][1] == pos + 3:
        return _closes_role_name(ctx.text, pos + 3)
    return len(tags) > 2 and tags[0][1] == pos + 1 and tags[0][2].startswith("nr") and tags[1][1] == pos + 3 \
        and not tags[1][2].startswith("nr") and tags[2][2].startswith("v")


def _role_word_before(ctx: Context, pos: int) -> bool:
    """A noun of two or more characters ends at ``pos`` (调解员, 农民工), not a verb (施工许可证)."""
    before = ctx.pos_tags(max(0, pos - 4), pos)
    return bool(before) and before[-1][1] - before[-1][0] >= 2 and before[-1][2] == "n"


def _closes_role_name(text: str, pos: int) -> bool:
    """What may follow a name after a role word: a mark, 的, or a word that follows names."""
    if text[pos:pos + 1] in ("》", "〉", "”"):
        return False  # 《爆破作业人员许可证》: the end of a title, not of a name
    return not text[pos:pos + 1] or not is_cjk(text[pos]) or text.startswith(inv.AFTER_NAME + ("的",), pos) \
        or _MANNER_SAID.match(text, pos) is not None


#: How a speaker spoke, between the name and the verb: 激动地说道, 笑着说.
_MANNER_SAID = re.compile(r"(?:[\u4e00-\u9fff]{1,2}地|笑着)(?:说|表示|告诉|介绍)")


#: An honour's holder, a title no vocabulary lists as a group: 全国五一劳动奖章获得者王某.
_HONOUR = re.compile(inv.HONOUR_HOLDER)


#: A quoted honour right before a name: “最美农民工”杨某、“护理标兵”贾某某.
_QUOTED_TITLE = re.compile(r"“[^“”\n]{2,12}”")


@rule("person.quoted-title", example="“纺织大国工匠”黄云霞、“护理标兵”贾亚娟等来到现场。", expect=("Person", "黄云霞"),
      description="a name right after a quoted honour (“最美农民工”杨某), read as after a group")
def quoted_title_names(ctx: Context, pool: Pool) -> list[Candidate]:
    out = []
    for m in _QUOTED_TITLE.finditer(ctx.text):
        if _surname_len(ctx.text[m.end():m.end() + 2]) == 0:
            continue
        end = _name_after_group(ctx, m.end())
        if end is not None:
            out.append(Candidate(m.end(), end, "Person", ctx.text[m.end():end], "person.quoted-title"))
    return out


#: 等, a count perhaps, then the group: 甲、乙等困难职工, 廖某某等11名职工.
_NAMES_THEN_GROUP = re.compile(r"等(?:\d+|[一二两三四五六七八九十百千几数]+)?(?:余|多)?名?")
#: After a list of names, their count alone: 甲、乙、丙3位全国劳动模范 (found from its 位/名).
_COUNT_WORD = re.compile("[位名]")
_COUNT_BEFORE = re.compile(r"(?:\d+|[两三四五六七八九十]+)$")
_NUMERALS = "两三四五六七八九十"


@rule("person.names-before-group", example="顾绍明、常英芝等困难职工对区总工会满怀感激。", expect=("Person", "常英芝"),
      description="names listed before 等 and a worker group (甲、乙等困难职工), or two or more before their count "
                  "(甲、乙2位…); only names jieba tags as names")
def names_before_group(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    groups = {c.start for c in pool.of(*VOCAB_RULES, "group.modifier-head") if c.cls == "WorkerGroup"}
    out = []
    for m in _NAMES_THEN_GROUP.finditer(text):
        if m.end() in groups:
            out += _listed_names(ctx, m.start())
    for w in _COUNT_WORD.finditer(text):
        c = _COUNT_BEFORE.search(text, max(0, w.start() - 6), w.start())
        if c is None or "、" not in text[max(0, c.start() - 5):c.start()] or not is_cjk(text[c.start() - 1]) \
                or text[c.start() - 1] in _NUMERALS:
            continue  # no 、 before the last name: no list of names (3名以上 in a statute)
        names = _listed_names(ctx, c.start())
        if len(names) > 1:  # a count alone follows a list, never one name
            out += names
    return out


def _listed_names(ctx: Context, end: int) -> list[Candidate]:
    """The names of a list ending at ``end`` (甲、乙、丙), last to first."""
    text = ctx.text
    out = []
    for _ in range(12):
        start = next((end - n for n in (3, 2) if end - n >= 0 and tagged_name(ctx, end - n, end, listed=True)), None)
        glued = start is not None and start > 0 and is_cjk(text[start - 1]) and text[start - 1] not in "、，,：:（( \u3000"
        if start is None or (glued and end - start < 3):  # a unit's name may run into a full name
            break
        out.append(Candidate(start, end, "Person", text[start:end], "person.names-before-group"))
        if start == 0 or text[start - 1] != "、":
            break
        end = start - 1
    return out


def _name_after_group(ctx: Context, pos: int) -> int | None:
    """End of the name starting at ``pos`` right after a group, or None."""
    text = ctx.text
    tags = ctx.pos_tags(pos, min(len(text), pos + 6)) if not addressed(text, pos) else None
    if not tags:
        return None
    if tags[0][2].startswith("nr") and tags[0][1] - pos == 3 and all(is_cjk(c) for c in text[pos:pos + 3]):
        return pos + 3 if _whole_name(text, pos) else None
    ends = _name_ends(tags, pos)
    end = next((e for e in ends if not text[e:e + 1] or not is_cjk(text[e]) or text.startswith(inv.AFTER_NAME, e)), None)
    if end is None or not all(is_cjk(c) for c in text[pos:end]):
        return None
    if text[pos:end] in inv.NOT_NAMES or text[pos:end] in inv.AFTER_NAME or any(c in _NOT_IN_NAMES for c in text[pos + 1:end]):
        return None  # 职工荣获称号: a word that follows names is none
    return end


def _whole_name(text: str, pos: int) -> bool:
    """环卫工人程正珍拿着…: a whole three-character name to the tagger needs no closing word."""
    return text[pos:pos + 3] not in inv.NOT_NAMES and not any(c in _NOT_IN_NAMES - {"正"} for c in text[pos + 1:pos + 3])


def _name_ends(tags: list[tuple[int, int, str]], pos: int) -> list[int]:
    """Where a name starting at ``pos`` may end, by the tagger's reading."""
    if tags[0][2].startswith("nr"):
        return [tags[0][1]] if 2 <= tags[0][1] - pos <= 3 else [pos + 2, pos + 3]  # 李/nr 明说/v
    if len(tags) > 1 and tags[0][1] - pos == 1 and tags[1][2].startswith("nr") and 2 <= tags[1][1] - pos <= 3:
        return [tags[1][1]]  # 毕/v 海涛/nr: a surname the tagger split off
    return []


@rule("person.current-post", example="张建华，现任江苏省总工会副主席。", expect=("Person", "张建华"),
      description="the name 现任/现为 + an organization + posts belongs to (…的孙丽华 after it, or the name before)")
def current_post_names(ctx: Context, pool: Pool) -> list[Candidate]:
    by_start: dict[int, Candidate] = {}
    for o in pool.of(*ROLE_ORGS) + vocab_orgs(pool):
        if o.cls == "Organization" and (o.start not in by_start or o.length > by_start[o.start].length):
            by_start[o.start] = o  # the longest organization at each place
    out = []
    for m in re_current().finditer(ctx.text):
        org = by_start.get(m.end())
        span = current_post(ctx, m, org.end) if org is not None else None
        if span is not None and ctx.sentence_of(span[0], span[1]) is not None:
            out.append(Candidate(span[0], span[1], "Person", ctx.text[span[0]:span[1]], "person.current-post"))
    return out


@cache
def _re_name_verb():
    return re.compile(rf"(?:{_alt(inv.NAME_VERBS)})")


_CLAUSE_OPEN = "，,；;：:。！？!?\n（(“” 、」』"
#: Verbs that say who spoke the quote closing before the name: “…”陈某某说.
_SPEAKING = ("说", "表示", "介绍", "告诉", "坦言", "笑着说")


def _quoted_speaker(text: str, end: int, verb: str) -> bool:
    """Three characters between a closing quote and a speaking verb are the speaker's name
    even where the tagger splits it (”陈萌芽说: 陈/nr 萌芽/v): a one-character surname and no
    character a name never holds."""
    start = end - 3
    return start > 0 and text[start - 1] in "”」』" and verb.startswith(_SPEAKING) \
        and _surname_len(text[start:start + 2]) == 1 and text[start:end] not in inv.NOT_NAMES \
        and all(is_cjk(c) and c not in _NOT_IN_NAMES for c in text[start + 1:end])
#: The longest list of names one verb is followed back over: 陈志强、王海燕出席.
_MAX_NAME_LIST = 12


#: 来自深圳的赖海彬获得…: a contestant introduced by where they come from.
_FROM_PLACE = re.compile(r"来自[^，,。；;：:！？!?、]{1,12}的$")


def _opens_clause(text: str, start: int) -> bool:
    """A name at ``start`` opens a clause, or follows 来自…的."""
    return start == 0 or text[start - 1] in _CLAUSE_OPEN or _FROM_PLACE.search(text, max(0, start - 16), start) is not None


@rule("person.name-verb", example="刘玉芳主持会议，陈志强、王海燕出席。", expect=("Person", "王海燕"),
      description="names opening a clause before 主持/出席/表示 (each name of a list); only names jieba tags as names")
def name_verbs(ctx: Context, pool: Pool) -> list[Candidate]:
    """党中央强调 is no person: the tagger does not read 党中央 as a name."""
    out = []
    text = ctx.text
    for m in finditer_from(_re_name_verb(), text, literal_starts(text, inv.NAME_VERBS)):
        end = m.start()
        for _ in range(_MAX_NAME_LIST):
            listed = text[end:end + 1] == "、"
            start = next((end - n for n in (3, 2) if end - n >= 0 and tagged_name(ctx, end - n, end, listed)), None)
            if start is None and _quoted_speaker(text, end, m.group()):
                start = end - 3
            if start is None or not _opens_clause(text, start) or ctx.sentence_of(start, end) is None:
                break
            out.append(Candidate(start, end, "Person", text[start:end], "person.name-verb"))
            if start == 0 or text[start - 1] != "、":
                break
            end = start - 1
    return out


#: Titles of heads of state and government a foreign name follows: 美国总统拜登.
_FOREIGN_TITLES = ("副总统", "总统", "首相", "国务卿", "外长", "外交部长", "议长", "国王", "女王", "总理", "秘书长")


@cache
def _re_foreign_title():
    return re.compile(rf"(?:{_alt(_FOREIGN_TITLES)})")


@rule("person.foreign-title", example="美国总统拜登和国务卿布林肯出席会议。", expect=("Person", "布林肯"),
      description="a foreign leader's title after a country, then the name jieba tags as a name (2-6 characters)")
def foreign_leaders(ctx: Context, pool: Pool) -> list[Candidate]:
    """总理李强 is a Chinese post: a surname and a two- or three-character name are left to
    the post rules."""
    out = []
    text = ctx.text
    for m in finditer_from(_re_foreign_title(), text, literal_starts(text, _FOREIGN_TITLES)):
        end = _foreign_name_end(ctx, m)
        if end is not None and not (_surname_len(text[m.end():m.end() + 2]) and end - m.end() <= 3):
            out.append(Candidate(m.end(), end, "Person", text[m.end():end], "person.foreign-title"))
    return out


def _foreign_name_end(ctx: Context, m: re.Match) -> int | None:
    """End of the run of name-tagged words after a foreign title ``m``, or None."""
    text = ctx.text
    sent = ctx.sentence_of(m.start(), m.end())
    if sent is None:
        return None
    before = ctx.pos_tags(max(sent[0], m.start() - 6), m.start())
    if m.group() not in ("国务卿", "首相") and not (before and before[-1][2] in ("ns", "nt")):
        return None
    end = m.end()
    for ts, te, flag in ctx.pos_tags(m.end(), min(sent[1], m.end() + 8)):
        if ts != end or not flag.startswith("nr") or te - m.end() > 6:
            break
        end = te
    closed = end >= len(text) or not is_cjk(text[end]) or text.startswith(inv.AFTER_NAME, end)
    return end if 2 <= end - m.end() <= 6 and closed else None


#: A TV script's sound-bite caption: 同期：某区总工会工作者    张三 (or the name first, then
#: who they are), the name set off by white space at either end of the line.
_CAPTION = re.compile(r"(?:同期声?|采访)\s*[：:]\s*(?:(?P<lead>[\u4e00-\u9fff]{2,3})[ \t\u3000]+\S[^\n]{1,30}"
                      r"|\S[^\n]{1,30}?[ \t\u3000]+(?P<tail>[\u4e00-\u9fff]{2,3}))[ \t\u3000]*(?=\n|$)")


@rule("person.caption", example="# 新春送温暖\n\n解说：活动现场人头攒动。\n\n同期： 某公司负责人    李建华\n\n我们还开展了送温暖活动。",
      expect=("Person", "李建华"),
      description="the name in a TV script's sound-bite caption (同期：…工作者    王小明), set off by white space")
def caption_names(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    out = []
    for m in finditer_from(_CAPTION, text, literal_starts(text, ("同期", "采访"))):
        group = "lead" if m.group("lead") else "tail"
        start, end = m.span(group)
        if _surname_len(text[start:start + 2]) and text[start:end] not in inv.NOT_NAMES \
                and not any(c in _NOT_IN_NAMES for c in text[start + 1:end]):
            out.append(Candidate(start, end, "Person", text[start:end], "person.caption"))
    return out


#: Three or more short items joined by 、 (甲、乙、丙…): a list, of names if they read as names.
_LIST_RUN = re.compile(r"[\u4e00-\u9fff·]{2,4}(?:、[\u4e00-\u9fff·]{2,4}){2,}")
#: What may follow the last name of a list: 等, a count, a mark, or a word that follows names.
_LIST_END = re.compile(r"$|[等，,。；;：:（(\d一二两三四五六七八九十]")
#: The first 、 of a ``_LIST_RUN``: where one can begin is two to four characters before it.
_LIST_ANCHOR = re.compile(r"、(?=[\u4e00-\u9fff·]{2,4}、)")


def _list_starts(text: str) -> list[int]:
    """Where a ``_LIST_RUN`` can begin: two to four characters before a 、 that opens a list."""
    return starts_before(text, _LIST_ANCHOR, range(2, 5))


@rule("person.name-list", example="最终推选出陈志远、周海燕、刘建军、孙丽娟4名个人。", expect=("Person", "周海燕"),
      description="a list of three or more names joined by 、, each opening with a surname and most tagged as names")
def name_lists(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    out = []
    for m in finditer_from(_LIST_RUN, text, _list_starts(text)):
        items = _list_items(ctx, m.start(), m.end())
        tagged = sum(tagged_name(ctx, s, e, listed=True) for s, e in items)
        if len(items) >= 3 and tagged >= 2 and tagged * 2 >= len(items):
            out += [Candidate(s, e, "Person", text[s:e], "person.name-list") for s, e in items]
    return out


def _list_items(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a 、 list in ``text[start:end]`` that can be names: the first and the
    last cut to the name they end or open with; [] if an inner one cannot be a name."""
    text = ctx.text
    seps = [i for i in range(start, end) if text[i] == "、"]
    items = [(a + 1, b) for a, b in pairwise(seps)]
    names = [(s, e) for s, e in items if _may_be_name(text[s:e])]
    if len(names) * 4 < len(items) * 3:
        return []  # 次仁措姆 may stand in a list of names; a list of other things has few
    first = next(((seps[0] - n, seps[0]) for n in (3, 2) if seps[0] - n >= start and tagged_name(ctx, seps[0] - n, seps[0], True)), None)
    return [x for x in (first, *names, _last_listed(text, seps[-1] + 1, end)) if x is not None]


def _last_listed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name that opens the last item of a list (``text[start:end]``): closed by 等, a
    count or a mark, or followed by a word that follows names (…、李某参加开幕式)."""
    for n in (3, 2, 4):
        closed = _LIST_END.match(text, start + n) or (n < 4 and text.startswith(inv.AFTER_NAME, start + n))
        if start + n <= end and closed and _may_be_name(text[start:start + n]):
            return start, start + n
    if end - start in (2, 3) and text.startswith(inv.AFTER_NAME, end):
        return start, end
    return None


def _may_be_name(word: str) -> bool:
    """Two to four characters opening with a surname, none that no name holds."""
    return 2 <= len(word) <= 4 and _surname_len(word[:2]) > 0 and word not in inv.NOT_NAMES \
        and not any(c in _NOT_IN_LISTED_NAMES for c in word[1:]) and (len(word) < 4 or _surname_len(word[:2]) == 2)


_NOT_IN_LISTED_NAMES = _NOT_IN_NAMES - set("正应会")  # 俞正声, 马应宏, 李云会


#: A turn of an interview transcript: a name and a colon opening a line or a sentence
#: (谢某：对，我报了…); a sound cue of a TV script (（杨某音响）).
#: Speakers' roles a transcript may print with the name in brackets: 主持人（王某）：.
_NAMED_ROLES = ("主持人", "记者", "嘉宾", "特约评论员", "评论员")
_SPEAKER = re.compile(r"(?:^|(?<=[\n。！？!?…”\s]))(?:(?P<turn>[\u4e00-\u9fff]{2,3})[：:]"
                      # 【同期声】返乡人员 王某：, 主持人（王某）：, 王某（某公司董事长）：
                      r"|【同期声?】[^\n：:【】]{0,20}?[ \t\u3000]*(?P<sound>[\u4e00-\u9fff]{2,3})[：:]"
                      r"|【(?P<tag>[\u4e00-\u9fff]{2,3})】"
                      rf"|(?:{'|'.join(_NAMED_ROLES)})（(?P<role>[\u4e00-\u9fff]{{2,3}})）[：:]"
                      r"|(?P<who>[\u4e00-\u9fff]{2,3})（[^（）\n]{2,30}）[：:])"
                      r"|（(?P<cue>[\u4e00-\u9fff]{2,3})(?:音响|同期声?)）")
#: Speaker forms that name their speaker once for good: a sound cue, a role with the name, a
#: name with who they are.
_STRONG_SPEAKER = ("cue", "role", "who", "sound")
#: Who else speaks in a transcript or a script: never a name.
_SPEAKER_ROLES = ("主持人", "记者", "解说", "同期", "字幕", "旁白", "嘉宾", "观众", "网友", "画外音", "问", "答", "编者")


@rule("person.speaker", example="主持人：您好。\n王建新：我们在街上巡逻。\n主持人：辛苦吗？\n王建新：不辛苦。",
      expect=("Person", "王建新"),
      description="a speaker of an interview transcript (a name opening two or more turns, 王某： or 【王某】, or "
                  "alone on its line once, the tagger reading it as a name), or a TV script's sound cue (（杨某音响）)")
def speakers(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    found = [(m.start(g), m.end(g), g) for m in finditer_from(_SPEAKER, text, _speaker_starts(text))
             for g in ("turn", "tag", "role", "who", "sound", "cue") if m.group(g)]
    turns: dict[str, int] = {}
    for s, e, g in found:
        strong = g in _STRONG_SPEAKER or (g == "turn" and _tag_line(ctx, s, e))
        turns[text[s:e]] = turns.get(text[s:e], 0) + (2 if strong else 1)
    return [Candidate(s, e, "Person", text[s:e], "person.speaker") for s, e, _ in found
            if turns[text[s:e]] >= 2 and _may_be_name(text[s:e]) and text[s:e] not in _SPEAKER_ROLES]


def _tag_line(ctx: Context, start: int, end: int) -> bool:
    """白某某： alone on its line, the speech below: a speaker tag once is enough when the
    tagger reads it as a name (a page of a transcript may show one turn of each speaker)."""
    return ctx.text[end + 1:end + 2] in ("\n", "") and tagged_name(ctx, start, end)


def _speaker_starts(text: str) -> list[int]:
    """Where a ``_SPEAKER`` match can begin: two or three characters before a colon or a
    bracket, after what is no ideograph (its look-behind, which ``finditer_from`` keeps,
    wants a line, sentence or space break there); at a 【 or a speaker's role; three or
    four characters before 音响/同期.

    >>> _speaker_starts("主持人：您好。王建新：（杨某音响）")
    [0, 7, 10, 11]
    """
    opens = [b for m in _BRACKET_COLON.finditer(text) if (b := text.rfind("（", max(0, m.start() - 31), m.start())) >= 0]
    colons = starts_before(text, _COLON, range(2, 4)) + starts_before(text, _ASCII_COLON, range(2, 4))
    turns = [s for s in colons + [b - k for b in opens for k in (2, 3) if b >= k]
             if s == 0 or not is_cjk(text[s - 1])]
    cues = [s for cue in _CUE_WORDS for s in starts_before(text, cue, range(3, 5))]
    return sorted({*turns, *(m.start() for m in _TAG_OPEN.finditer(text)), *cues,
                   *literal_starts(text, _NAMED_ROLES)})


#: A colon, full-width or not: two literal scans are three times faster than one over the class [：:].
_COLON, _ASCII_COLON = re.compile("："), re.compile(":")
#: 王某（某公司董事长）：: the bracket that opens before such a colon is looked for back from it.
_BRACKET_COLON = re.compile("）[：:]")
_TAG_OPEN = re.compile("【")
_CUE_WORDS = (re.compile("音响"), re.compile("同期"))


#: An age before a name: 50岁的林某坐在台下.
_AGED = re.compile(r"(?<![\d〇一二三四五六七八九十])(?:\d{1,3}|[二三四五六七八九]?十[一二三四五六七八九]?)岁的")
#: What every ``_AGED`` ends with, one to three characters after its start.
_AGE_END = re.compile("岁的")


def _aged_starts(text: str) -> list[int]:
    """Where an ``_AGED`` can begin: one to three characters before a 岁的."""
    return starts_before(text, _AGE_END, range(1, 4))


@rule("person.aged", example="50岁的林建华坐在台下开心不已。", expect=("Person", "林建华"),
      description="a name right after an age (50岁的林某); only names jieba tags as names")
def aged_names(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    out = []
    for m in finditer_from(_AGED, text, _aged_starts(text)):
        end = _tagged_name_end(ctx, m.end())
        if end is not None and not (end < len(text) and text[end] in "的之") and ctx.is_boundary(end):
            # 陈/萌芽: a name is never cut inside the word that follows its surname
            out.append(Candidate(m.end(), end, "Person", text[m.end():end], "person.aged"))
    return out


def _tagged_name_end(ctx: Context, pos: int) -> int | None:
    """Where a name of three, else two, characters jieba tags as a name ends, from ``pos``."""
    return next((pos + n for n in (3, 2) if tagged_name(ctx, pos, pos + n)), None)


@rule("person.after-quote", example="“今年是我第三年坐免费大巴回家。”袁海平给记者算了一笔账。", expect=("Person", "袁海平"),
      description="a three-character name right after a closing quote, before the sentence goes on: the speaker; "
                  "only names jieba tags as names")
def after_quote_names(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    out = []
    for m in _QUOTE_CLOSED.finditer(text):
        start, end = m.end(), m.end() + 3
        if end < len(text) and is_cjk(text[end]) and text[end] not in "的之" and tagged_name(ctx, start, end) \
                and ctx.is_boundary(end):
            out.append(Candidate(start, end, "Person", text[start:end], "person.after-quote"))
    return out


_QUOTE_CLOSED = re.compile(r"[”」』](?=[\u4e00-\u9fff]{4})")  # 」 and 』 close quotes in traditional text


#: A person introduced by name: 他叫郭某，今年22岁; 一位名叫王某的快递员.
_CALLED = re.compile(r"(?:他|她)(?:名)?叫|名叫|我叫|我是(?:记者)?")  # 我是汪某: a TV host introduces themself


def _called_starts(text: str) -> list[int]:
    """Where ``_CALLED`` can begin (a plain scan tries every offset)."""
    return literal_starts(text, ("他叫", "他名叫", "她叫", "她名叫", "名叫", "我叫", "我是"))


@rule("person.called", example="他叫王海涛，今年22岁，已经在广东打工4年了。", expect=("Person", "王海涛"),
      description="a name after 他叫/她叫/名叫, closed by a mark or 的; only names jieba tags as names")
def called_names(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    out = []
    for m in finditer_from(_CALLED, text, _called_starts(text)):
        end = _tagged_name_end(ctx, m.end())
        if end is not None and (end == len(text) or text[end] in "，,。；;的、 "):
            out.append(Candidate(m.end(), end, "Person", text[m.end():end], "person.called"))
    return out


@rule("person.listed-after", example="三位农民工康志明、朱雪梅和胡晓燕成为全国人大代表。", expect=("Person", "胡晓燕"),
      description="the names listed after one another rule found (甲、乙和丙): each between list marks, "
                  "the last after 和/及 closed as a name is; only names jieba tags as names")
def listed_after(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    people = [c for c in pool.everything() if c.cls == "Person"]
    known = {(c.start, c.end) for c in people}
    out = []
    for p in people:
        pos = p.end
        for _ in range(8):
            end = _next_listed(ctx, pos)
            if end is None:
                break
            if (pos + 1, end) not in known:
                out.append(Candidate(pos + 1, end, "Person", text[pos + 1:end], "person.listed-after"))
            pos = end
    return out


def _next_listed(ctx: Context, pos: int) -> int | None:
    """End of the name after the list mark at ``pos`` (、 or 和/及/与), or None."""
    text, start = ctx.text, pos + 1
    mark = text[pos:start]
    if mark == "、":
        end = next((start + n for n in (2, 3) if text[start + n:start + n + 1] in _LIST_CLOSERS), None)
        ok = end is not None and tagged_name(ctx, start, end, listed=True)
    elif mark in ("和", "及", "与"):
        end = _name_at(ctx, start)
        ok = end is not None and (end == len(text) or not is_cjk(text[end]) or text.startswith(_AFTER_LAST, end))
    else:
        return None
    return end if ok and not addressed(text, start) else None


#: What follows a name inside a list of names: the next mark, 等, or the end of the clause.
_LIST_CLOSERS = frozenset("、和及与等，,。；;：:）)")
#: What may follow the last name of a list: a word that follows names, or 成为/作为/获得.
_AFTER_LAST = (*inv.AFTER_NAME, "成为", "作为", "获", "被", "分别", "同志", "先后", "均")
