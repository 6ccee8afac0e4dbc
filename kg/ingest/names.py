"""Bylines: recognise a byline line and split run-together author names.

A byline may print its names run together (``**郭晶显刚艾辉唐红**``). The names are
recovered, in this order of trust, from (1) the spacing another form of the same
byline gives (``**郭晶显刚**`` / ``**艾辉 唐红**``), (2) the length of Chinese names
(2-3 characters, 3-4 with a compound surname), (3) a surname table. A run that none
of these accounts for unambiguously is kept whole, and the log says so.

>>> parse_byline("**艾辉 唐红** 观点")
(['艾辉', '唐红'], ['观点'])
>>> split_names([["郭晶显刚艾辉唐红"], ["郭晶显刚"], ["艾辉", "唐红"]])
(['郭晶', '显刚', '艾辉', '唐红'], [])
"""

from __future__ import annotations

import re
from functools import cache

from kg.ingest import surnames
from kg.ingest.clean import matching_view

#: Genre tags that may follow a byline (``**魏国强** 观点``); they become columns.
GENRE_TAGS = frozenset(
    ["观点", "评论", "时评", "述评", "短评", "快评", "微评", "随笔", "杂谈", "漫谈", "笔谈", "言论", "论坛", "访谈", "专访", "调研", "调查", "专稿", "特稿", "手记", "札记", "感言", "心得", "体会", "视点", "声音", "思考", "评析", "综述", "通讯", "特写", "纵论", "探讨", "研究", "理论", "评说"]
)

# Role words before names: 文/ 作者: 本报记者 通讯员 ... (文 and 图 need a slash or colon:
# alone they may start a name such as 文静). A credit may run them together with the names
# (记者吴某某通讯员龙某某) or close with what the names did (报道, 采访整理).
#: A paper, site, app or broadcaster before 记者 (news apps named X新闻, with a Latin brand: 看看新闻Knews).
MEDIA = (r"(?:[\u4e00-\u9fff]{1,6}?(?:报|网|社|台|刊|客户端|融媒体中心|融媒|传媒|新闻中心|视频)|央视|央广|总台|[\u4e00-\u9fff]{2,4}卫视"
         r"|[\u4e00-\u9fff]{1,4}?新闻[A-Za-z]{0,12})")
_ROLE_WORD = (
    r"文\s*[/／|｜丨、]\s*图\s*[/／:：|｜丨]?|(?:文|图|摄影?|图片)\s*[/／:：|｜丨]"
    rf"|(?:(?:^|(?<=[\s、，,/／]))(?:{MEDIA}\s*[-－—/·・]\s*)?{MEDIA}[\u4e00-\u9fff]{{0,4}}?|本报|本刊|本台|本网)?"
    r"(?:驻[\u4e00-\u9fff]{1,5}?)?"
    r"(?:特约|见习|首席|全媒体|融媒体|全媒|实习|摄影|高级)?(?:记者|通讯员|评论员)\s*[/／:：|｜丨]?"
    r"|实习生\s*[/／:：|｜丨]?"
    r"|(?:作者|撰文|执笔|整理|口述人?|讲述人?|编译|采写|撰稿)\s*[/／:：|｜丨]?"
)
_ROLE = re.compile(_ROLE_WORD + r"|(?:采访|采写)?整理|(?:摄影|图文)?报道(?:摄影|并摄影?)?|[/／]\s*(?:文|图|摄影?)(?=$|[\s、，,])|^\s*[□■◎●◆]\s*")
_ROLE_PREFIX = re.compile(_ROLE_WORD + r"|[□■◎●◆]")
#: What every line :data:`_ROLE_PREFIX` matches holds, spaced out or not (see
#: :func:`unspaced_roles`): one of the role words each branch of ``_ROLE_WORD`` ends in,
#: or, after white space, a first character (:data:`ROLE_FIRST`) that starts the other
#: branches. A line with neither (and without the bold markers ``*`` ``_``) is no byline:
#: layout does not call :func:`parse_byline` for it.
#: The role words whose traditional form differs: a credit holding one is read on its simplified view.
_TRADITIONAL_ROLE_WORDS = r"記[ \u3000]*者|通[ \u3000]*訊[ \u3000]*員|評論員|實[ \u3000]*習[ \u3000]*生|執筆|講述|編譯|採寫"
ROLE_WORDS = (r"记[ \u3000]*者|通[ \u3000]*讯[ \u3000]*员|评论员|实[ \u3000]*习[ \u3000]*生"
              r"|作者|撰文|执笔|整理|口述|讲述|编译|采写|撰稿|" + _TRADITIONAL_ROLE_WORDS)
ROLE_FIRST = "文图圖摄攝□■◎●◆"
#: what a contributor who is not an author did: （实习生某某参与采写）
#: and a photo's credit in its caption: （总台央视记者某某拍摄）
_NOT_AUTHOR = re.compile(r"参与(?:采写|采访|报道|调查)|亦有贡献|对此文亦有贡献|对本文亦有贡献|拍摄$")
#: a TV report's cameraman after its reporters (记者 张三 摄像 李四): credited, not an author, as a photographer
_CAMERA = re.compile(r"摄像[\s\u3000]*[：:/／]?[\s\u3000]*(?:[\u4e00-\u9fff·]{2,4}(?:[\s\u3000、，,]+|$)){1,3}$")


def _without_camera(text: str) -> str:
    """``text`` without the cameraman ending it (记者 张三 摄像 李四 -> 记者 张三); matched from
    the last 摄像 only, so a run of spaces is read once."""
    at = text.rfind("摄像")
    return text[:at] if at >= 0 and _CAMERA.match(text, at) else text


#: editors named after the authors in one credit: （某某新闻记者：张三 李四 编辑：王五）
_EDITOR_KEY = re.compile(r"(?:责任编辑|责编|编辑|校对|审核|审校)\s*[：:]")
#: an editor's name without a colon, ending the credit: （某报记者张三 责任编辑李四）
_EDITOR_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")


def _without_editors(text: str) -> str:
    """``text`` cut before an editor key whose colon is its last one, or before an editor
    set off by white space and named without a colon at its end (linear: no backtracking)."""
    last_colon = max(text.rfind("："), text.rfind(":"))
    for m in _EDITOR_KEY.finditer(text):
        if m.end() - 1 == last_colon:
            return text[:m.start()].rstrip(" \t\u3000，,；;")
    for key in ("责任编辑", "责编", "编辑"):
        at = text.rfind(key)
        if at > 0 and text[at - 1] in " \t\u3000" and _EDITOR_NAME.fullmatch(text[at + len(key):].lstrip(" \t\u3000")):
            return text[:at].rstrip(" \t\u3000，,；;")
    return text


_ASIDE = re.compile(r"[(（][^()（）]*[)）]")
_FILED_FROM = re.compile(r"发自[\u4e00-\u9fff]{2,8}")
#: 记者某某文 某某摄影: the photographer after the writer's 文 (a photo credit, not an author)
_PHOTO_AFTER_TEXT = re.compile(
    r"(?<=[\u4e00-\u9fff\s])文[\s\u3000]*[\u4e00-\u9fff]{2,3}(?:[\s\u3000、]+[\u4e00-\u9fff]{2,3})?[\s\u3000]*摄影?\s*$")
# 本报记者 张三 北京报道: a place set off by a space before 报道
_PLACE_REPORT = re.compile(r"(?<=[\s\u3000])([\u4e00-\u9fff]{2,4})(?=报道\s*[：:]?\s*$)")
#: a desk, a paper or a unit, not a person: 编辑部, 新华网, 市总工会; a site's account or a
#: stand-in (作者：管理员, 作者：佚名)
_NOT_A_NAME = re.compile(r"^(?:编辑|责编|摄影|本报|本刊|本台|本网)|^(?:管理员|小编|佚名|匿名|网友|不详|未知|站长)$|(?:部|社|网|报|台|站|组|办|室|局|厅|院|处|中心|工会|委员会|宫|馆|所|队|公司|集团|学校|融媒)$")
_SEPARATORS = re.compile(r"[\s、，,;；/／|｜:：\u3000]+")
_BOLD_GAP = re.compile(r"[\s、，,]+")
_BOLD = re.compile(r"\*\*([^*]+)\*\*|__([^_]+)__")
_NAME_CHUNK = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff·•]{1,15}")
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")


#: A role word printed with its characters spaced out to the width of a column: 记 者, 通 讯 员.
_SPACED_ROLE = re.compile(r"记[ \u3000]+者|通[ \u3000]*讯[ \u3000]*员|实[ \u3000]*习[ \u3000]*生|摄[ \u3000]+影")


def unspaced_roles(text: str) -> str:
    """``text`` with spaced-out role words closed up.

    >>> unspaced_roles("记 者  吴某某   王 某")
    '记者  吴某某   王 某'
    """
    if " " not in text and "\u3000" not in text:
        return text
    return _SPACED_ROLE.sub(lambda m: re.sub(r"[ \u3000]", "", m.group()), text)


def parse_byline(raw: str) -> tuple[list[str], list[str]] | None:
    """``(name chunks, genre tags)`` if ``raw`` (a Markdown line) is a byline, else None.

    A byline is either bold names (``**魏国强** 观点``), or names after a role word
    (``文/张三``, ``作者：李四``, ``本报记者 王五 赵六``). Unmarked plain names
    are :func:`parse_plain_names`' business.

    >>> parse_byline("文/张三、李四")
    (['张三', '李四'], [])
    >>> parse_byline("**一是加强领导。**") is None
    True
    """
    found = _parse_byline(raw)
    if found is None and _TRADITIONAL_ROLE.search(raw):  # 通訊員 呂敏: read simplified, names as printed
        found = _parse_byline(matching_view(raw))
        return ([as_printed(n, matching_view(raw), raw) for n in found[0]], found[1]) if found else None
    return found


_TRADITIONAL_ROLE = re.compile(_TRADITIONAL_ROLE_WORDS)


def as_printed(name: str, view: str, printed: str) -> str:
    """``name`` (read from ``view``, a simplified view of ``printed``) as ``printed`` writes it.

    >>> as_printed("吕敏", "通讯员 吕 敏", "通訊員 呂 敏")
    '呂敏'
    """
    m = re.search(r"\s*".join(map(re.escape, name)), view)
    return re.sub(r"\s", "", printed[m.start():m.end()]) if m else name


def _parse_byline(raw: str) -> tuple[list[str], list[str]] | None:
    line = unspaced_roles(raw.strip())
    if not line:
        return None
    bold = _BOLD.match(line)
    if bold:
        # outside the bold names only separators and a genre tag (not "**注意**:以下…")
        outside = [p for p in _BOLD_GAP.split(_ROLE.sub(" ", _BOLD.sub(" ", line))) if p]
        if any(p not in GENRE_TAGS for p in outside):
            return None
        rest = _BOLD.sub(lambda m: f" {m.group(1) or m.group(2)} ", line)
        bulleted = False
    else:
        marked = _ROLE_PREFIX.match(line)
        if not marked:
            return None
        rest = line
        bulleted = marked.group() in _BULLETS  # □某某: the mark alone stands for the role
    found = _chunks(_ROLE.sub(" ", _strip_extras(rest)))
    if found and bold and not _ROLE.search(line) and not all(_surnamed(n) for n in found[0]):
        return None  # **聚焦职工权益**: a bold kicker or lead-in, not names
    if found and bulleted and not all(_bullet_name(n) for n in found[0]):
        return None  # ●群众性文体活动: a bulleted item, not □ before a reporter's name
    return found


_BULLETS = frozenset("□■◎●◆")


def _bullet_name(chunk: str) -> bool:
    """A name a bullet mark (□张三) may stand for: short and with a surname, or foreign."""
    return _surnamed(chunk) and (len(chunk) <= 4 or "·" in chunk or "•" in chunk)


def _surnamed(chunk: str) -> bool:
    """True if ``chunk`` starts with a surname, or is a foreign name (with a middle dot)."""
    _, single, compound = _tables()
    return "·" in chunk or "•" in chunk or chunk[:2] in compound or chunk[0] in single


def is_marked_byline(raw: str) -> bool:
    """True if the byline line ``raw`` names its people's role (记者, 通讯员, 作者, 文/…):
    such a line is a byline wherever it stands, not only next to a title.

    >>> is_marked_byline("**本报记者 张三**"), is_marked_byline("**张三**")
    (True, False)
    """
    line = raw.replace("*", "").replace("_", "").strip()
    return bool(_ROLE_PREFIX.match(unspaced_roles(matching_view(line) if _TRADITIONAL_ROLE.search(line) else line)))


def parse_plain_names(raw: str) -> list[str] | None:
    """Name chunks if the line is nothing but short names each starting with a surname
    (``张三 李四``); used only right after a title, where a byline is expected.

    >>> parse_plain_names("张三 欧阳修文")
    ['张三', '欧阳修文']
    >>> parse_plain_names("前言") is None
    True
    >>> parse_plain_names("黃某")
    ['黃某']
    """
    parts = [p for p in _SEPARATORS.split(raw.strip()) if p]
    if not parts or len(parts) > 6:
        return None
    for printed in parts:
        p = matching_view(printed)  # 黃榆: the surname table is simplified
        if not _CJK_ONLY.fullmatch(p) or not 2 <= len(p) <= 4:
            return None
        compound = p[:2] in _tables()[2]
        if not (compound or p[0] in _tables()[1]) or (len(p) == 4 and not compound) or p[-1] in _NEWS_WORD_ENDS:
            return None  # 时讯, 简讯, 要闻: a news rubric under the title, not a name
    return parts


_NEWS_WORD_ENDS = "讯闻报稿刊网社台"


def parse_credit(text: str) -> list[str] | None:
    """Author names of a credit without its brackets or dateline, or None if anything in
    it is not a role word or a name. Contributors (``某某参与采写``) are no authors.

    >>> parse_credit("记者吴媛媛通讯员龙德红")
    ['吴媛媛', '龙德红']
    >>> parse_credit("全媒体记者/谭某")
    ['谭某']
    >>> parse_credit("记者 张 明 实习生 李四参与采写")
    ['张明']
    >>> parse_credit("通讯员王莉、程某报道")
    ['王莉', '程某']
    """
    if _TRADITIONAL_ROLE.search(text) and not _ROLE.search(text):
        view = matching_view(text)
        names = parse_credit(view)
        return [as_printed(n, view, text) for n in names] if names else None
    text = _without_editors(unspaced_roles(text))
    cut = _NOT_AUTHOR.search(text)
    if cut:
        roles = [m for m in _ROLE.finditer(text, 0, cut.start()) if m.group().strip()]
        text = text[:roles[-1].start()] if roles else ""
    found = _chunks(_ROLE.sub(" ", _strip_extras(text)))
    return found[0] if found and not found[1] else None


def _strip_extras(text: str) -> str:
    """A credit without what it says besides names: an aside in brackets (口述：张三（某厂
    职工）), where it was filed from (发自上海, 北京报道), the cameraman after it (摄像 某某).

    >>> _strip_extras("本报记者 张三 北京报道")
    '本报记者 张三  报道'
    >>> _strip_extras("□记者张三文李四摄影")
    '□记者张三 '
    """
    text = _without_camera(_ASIDE.sub(" ", text))
    text = _PHOTO_AFTER_TEXT.sub(" ", _FILED_FROM.sub(" ", text))

    def place(m: re.Match[str]) -> str:
        word = m.group(1)
        is_place = word.endswith(("省", "市", "县", "区", "州")) or (len(word) == 2 and word[0] not in _tables()[0])
        return " " if is_place else word
    return _PLACE_REPORT.sub(place, text)


def _chunks(text: str) -> tuple[list[str], list[str]] | None:
    names: list[str] = []
    tags: list[str] = []
    for part in _unpad([p for p in _SEPARATORS.split(text) if p]):
        if part in GENRE_TAGS and names:
            tags.append(part)
        elif _NAME_CHUNK.fullmatch(part) and not tags:
            names.append(part)
        else:
            return None
    if any(_NOT_A_NAME.search(n) for n in names):
        return None
    return (names, tags) if names else None


def _unpad(parts: list[str]) -> list[str]:
    """Two-character names padded to the width of three (``张　明``) come apart at the
    padding: runs of single characters are put back together two by two. A run of odd
    length stays as it is (and is then no name)."""
    out: list[str] = []
    i = 0
    while i < len(parts):
        j = i
        while j < len(parts) and len(parts[j]) == 1 and _CJK_ONLY.fullmatch(parts[j]):
            j += 1
        if j - i >= 2 and (j - i) % 2 == 0:
            out += [parts[k] + parts[k + 1] for k in range(i, j, 2)]
            i = j
        else:
            out.append(parts[i])
            i += 1
    return out


@cache
def _tables() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    return frozenset(surnames.COMMON), frozenset(surnames.SINGLE), frozenset(surnames.COMPOUND)


def split_names(forms: list[list[str]]) -> tuple[list[str], list[str]]:
    """Author names, each once in order of first appearance, from the name chunks of all
    forms of one article's byline; and log lines for runs kept whole.

    >>> split_names([["张伟李娜王芳"]])
    (['张伟', '李娜', '王芳'], [])
    >>> split_names([["王强刘明华"]])
    (['王强', '刘明华'], [])
    """
    chunks = [c for form in forms for c in form]
    names: list[str] = []
    log: list[str] = []
    for chunk in chunks:
        others = frozenset(chunks) - {chunk}
        for name in _resolve(chunk, others, log):
            if name not in names:
                names.append(name)
    return names, log


def _is_single_name(chunk: str) -> bool:
    if not _CJK_ONLY.fullmatch(chunk):  # foreign names with ·, mixed scripts: never split
        return True
    return len(chunk) <= 3 or (len(chunk) == 4 and chunk[:2] in _tables()[2])


def _resolve(chunk: str, others: frozenset[str], log: list[str]) -> list[str]:
    if _is_single_name(chunk):
        return [chunk]
    cover = _cover(chunk, tuple(sorted(o for o in others if len(o) >= 2 and o in chunk)))
    if cover:
        names = []
        for piece in cover:
            names.extend(_resolve(piece, others - {piece}, log))
        return names
    split = _split_by_surnames(chunk)
    if split is None:
        log.append(f"byline '{chunk}' kept whole: cannot tell where one name ends")
        return [chunk]
    return split


def _cover(chunk: str, pieces: tuple[str, ...]) -> list[str] | None:
    """``chunk`` as a concatenation of two or more ``pieces``, or None."""
    @cache
    def from_(i: int) -> list[str] | None:
        if i == len(chunk):
            return []
        for p in sorted(pieces, key=len, reverse=True):
            if chunk.startswith(p, i) and len(p) < len(chunk):
                rest = from_(i + len(p))
                if rest is not None:
                    return [p, *rest]
        return None
    return from_(0)


def _part_score(part: str) -> int | None:
    """How plausible ``part`` is as one name; None if its length rules it out."""
    common, single, compound = _tables()
    if part[:2] in compound:  # 诸葛亮, not 诸 + 葛亮; 诸葛 alone is no name
        return 2 if len(part) in (3, 4) else None
    if len(part) not in (2, 3):
        return None
    if part[0] in common:
        return 2
    if part[0] in single:
        return 1
    return -3


def _split_by_surnames(chunk: str) -> list[str] | None:
    """The best partition into names, if it is unique and every part has a surname.

    A four-character run whose first name has a known surname splits 2+2 even if the
    second surname is unknown: a Chinese name of four characters needs a compound surname.
    """
    best: list[tuple[int, list[str]]] = []

    def walk(i: int, parts: list[str], score: int) -> None:
        if i == len(chunk):
            best.append((score, list(parts)))
            return
        for n in (2, 3, 4):
            part = chunk[i:i + n]
            s = _part_score(part) if len(part) == n else None
            if s is not None:
                parts.append(part)
                walk(i + n, parts, score + s)
                parts.pop()

    if len(chunk) <= 16:
        walk(0, [], 0)
    if not best:
        return None
    best.sort(key=lambda t: -t[0])
    top_score, top = best[0]
    if len(best) > 1 and best[1][0] == top_score:
        return None
    if all((_part_score(p) or 0) > 0 for p in top):
        return top
    if len(chunk) == 4 and len(top) == 2 and (_part_score(top[0]) or 0) > 0:
        return top
    return None
