"""Bylines, credits, metadata lines and headline furniture, as news pages print them.

The short strings imitate each form (names here are made up: 张三, 李四, 王小明…); they are
unit tests, not evidence. The last test reads the real development corpus beside the
repository (``../shared``) and is skipped when it is absent.
"""

import json
from pathlib import Path

import pytest

from kg.ingest import split_articles
from kg.ingest.bylines import lead_credit, trail_credit
from kg.ingest.headlines import title_rubric
from kg.ingest.metadata import parse_meta_line
from kg.ingest.names import parse_byline, parse_credit
from kg.model import Document

SHARED = Path(__file__).resolve().parents[3] / "shared"


def one(text):
    [a] = split_articles(Document("t.md", "t.md", text, "utf-8"))
    return a


def authors(a):
    return [b.name for b in a.authors]


BODY = "某市总工会日前召开会议，部署职工服务工作。"


# --- every byline form, in place: (Markdown of one article, its authors) -----------------

@pytest.mark.parametrize("text, names", [
    # a dateline whose site names its paper in brackets
    (f"# 标题\n\n某某网（某某日报网）讯（记者张小丽、王大明 通讯员李四）{BODY}", ["张小丽", "王大明", "李四"]),
    # a news rubric under the title is no byline
    (f"# 标题\n\n时讯\n\n{BODY}", []),
    # a news app with a Latin brand before 记者, the editor in the same brackets is no author
    (f"# 标题\n\n{BODY}\n\n（某某新闻Knews记者：张小丽 王大明 编辑：李四）", ["张小丽", "王大明"]),
    # the reporters' names, then their paper in brackets, closing the article
    (f"# 标题\n\n{BODY}\n\n  张小丽 王大明（某某日报）", ["张小丽", "王大明"]),
    # a credit ending the article: a paper and its app before 记者, 文、图/; a unit as 通讯员 is no author
    (f"# 标题\n\n{BODY}\n\n文、图/某州日报新花城记者：张小丽\n\n通讯员：某州市工人文化宫", ["张小丽"]),
    # a byline line under the title, names padded to the width of three characters
    (f"# 标题\n\n本报记者  张  明  李  华\n\n{BODY}", ["张明", "李华"]),
    (f"# 标题\n\n本报记者　张　明　王小华\n\n{BODY}", ["张明", "王小华"]),
    (f"# 标题\n\n记者 张三 通讯员 李四\n\n{BODY}", ["张三", "李四"]),
    (f"# 标题\n\n**本报记者 孙小东  通讯员 何小婷**\n\n{BODY}", ["孙小东", "何小婷"]),
    (f"# 标题\n\n本报记者 张三 文/图\n\n{BODY}", ["张三"]),
    (f"# 标题\n\n文丨张三\n\n{BODY}", ["张三"]),
    (f"# 标题\n\n工人日报－中工网记者 张三 通讯员 李四\n\n{BODY}", ["张三", "李四"]),
    (f"# 标题\n\n□ 本报驻湖北记者 张三\n\n{BODY}", ["张三"]),
    (f"# 标题\n\n本报记者 阿依古丽·买买提\n\n{BODY}", ["阿依古丽·买买提"]),
    (f"# 标题\n\n作者：张三（某大学教授）\n\n{BODY}", ["张三"]),
    (f"# 标题\n\n本报记者 张三/文 李四/图\n\n{BODY}", ["张三", "李四"]),
    (f"# 标题\n\n记者 张三 摄影报道\n\n{BODY}", ["张三"]),
    (f"# 标题\n\n【作者：张三】\n\n{BODY}", ["张三"]),
    # traditional characters: a credit line at the end and a metadata line of two bracketed keys
    (f"# 標題\n\n{BODY}\n\n通訊員 張小明", ["張小明"]),
    (f"# 標題\n\n{BODY}\n\n【作者：通訊員 張小明】 【責任編輯：李四】", ["張小明"]),
    # a photo's credit in its caption names no author
    (f"# 标题\n\n{BODY}\n\n△会场（总台央视记者张小明拍摄）\n\n{BODY}", []),
    (f"# 标题\n\n◆本报记者 张三\n\n{BODY}", ["张三"]),
    # after a dateline, in the first paragraph
    (f"# 标题\n\n本报讯（记者张三 通讯员李四）{BODY}", ["张三", "李四"]),
    # a paper and its video app joined by a middle dot before 记者; an intern is an author
    (f"# 标题\n\n  大河报·豫视频记者 李红勋 实习生 康小豪 通讯员 吕占伟\n\n{BODY}", ["李红勋", "康小豪", "吕占伟"]),
    # the authors between a date and a reading counter the page leaves empty
    (f"# 标题\n\n发布时间：2024-09-30  作者：杜小华 吴燕  阅读次数：次  保护视力色：\n\n{BODY}", ["杜小华", "吴燕"]),
    # a bare name under a title of traditional text
    (f"# 雲南省總啟動活動\n\n黃榆\n\n{BODY}", ["黃榆"]),
    # a radio site's dateline ending 报道
    (f"# 标题\n\n某某在线江苏报道（韩小明 通讯员 张大鹏）：{BODY}", ["韩小明", "张大鹏"]),
    # the writer (文) and the photographer (摄影) run together after □记者: only the writer wrote
    (f"# 标题\n\n□记者侯小菲文王小鸽摄影\n\n{BODY}", ["侯小菲"]),
    # an aggregator's account is no author
    (f"# 标题\n\n2018-10-19 12:20:57 来源：网络整理 作者：管理员\n\n{BODY}", []),
    # Taiwan's TV sites: the stamp, then the reporters and 報導 between slashes
    (f"# 標題\n\n2017-12-10 20:41:00 / 邱君平 榮昊南 報導 /\n\n{BODY}", ["邱君平", "榮昊南"]),
    (f"# 标题\n\n本报讯 （记者张三 通讯员李四）{BODY}", ["张三", "李四"]),
    (f"# 标题\n\n本报上海3月5日电（记者张三）{BODY}", ["张三"]),
    (f"# 标题\n\n新华社北京2月13日电（记者 张三、李四）{BODY}", ["张三", "李四"]),
    (f"# 标题\n\n新华社北京电（记者 张三 李四）{BODY}", ["张三", "李四"]),
    (f"# 标题\n\n中新网甘肃新闻12月31日电（张小三）{BODY}", ["张小三"]),
    (f"# 标题\n\n某某日报讯(全媒体记者/张三){BODY}", ["张三"]),
    (f"# 标题\n\n本报讯 通讯员王小明、程小芳报道 {BODY}", ["王小明", "程小芳"]),
    (f"# 标题\n\n本报讯 通讯员王小明、程小芳报道：{BODY}", ["王小明", "程小芳"]),
    (f"# 标题\n\n本报讯（记者吴小媛通讯员龙小红）{BODY}", ["吴小媛", "龙小红"]),
    (f"# 标题\n\n本报讯 记者 张三 通讯员 李四 {BODY}", ["张三", "李四"]),
    (f"# 标题\n\n本报讯 记者张三 通讯员李四 近日，{BODY}", ["张三", "李四"]),
    (f"# 标题\n\n记者 张三 通讯员 李四 报道：{BODY}", ["张三", "李四"]),
    (f"# 标题\n\n新华社北京3月5日电 记者张三\n\n{BODY}", ["张三"]),
    (f"# 标题\n\n本报北京3月5日电 （记者 张三 李四）{BODY}", ["张三", "李四"]),
    # at the end
    (f"# 标题\n\n{BODY}\n\n最后一段。（记者吴小媛通讯员龙小红）", ["吴小媛", "龙小红"]),
    (f"# 标题\n\n{BODY}(记者 张小三 通讯员 李小四)\n\n已有0人发表了评论", ["张小三", "李小四"]),
    (f"# 标题\n\n{BODY}\n\n共发放慰问金7万元。（张小三）\n\n编辑：李小四", ["张小三"]),
    (f"# 标题\n\n{BODY}\n\n（记者 张三 通讯员 李四）", ["张三", "李四"]),
    (f"# 标题\n\n{BODY}\n\n记者 张三", ["张三"]),
    (f"# 标题\n\n{BODY}\n\n（张小三 李小四）", ["张小三", "李小四"]),
    (f"# 标题\n\n{BODY}\n\n（文/张三）", ["张三"]),
    (f"# 标题\n\n{BODY}（完）\n\n（张小三）", ["张小三"]),
    # in a metadata line
    (f"# 标题\n\n时间：2020-01-02 来源：新华网 作者：张三、李四\n\n{BODY}", ["张三", "李四"]),
    (f"# 标题\n\n2020-06-16 09:40:50 来源：某市总工会 作者： 点击数：\n\n{BODY}", []),
    # a role word spaced out to a column's width, at the end or at the top
    (f"# 标题\n\n{BODY}\n\n记 者  周海涛   李 明", ["周海涛", "李明"]),
    (f"# 标题\n\n通 讯 员  张 明\n\n{BODY}", ["张明"]),
    # the reporters after the source on the metadata line
    (f"# 标题\n\n2020-01-22 来源：某某工报 记者张三 通讯员李四\n\n{BODY}", ["张三", "李四"]),
    # several section bylines in one report
    (f"# 标题\n\n## 一\n\n本报记者 张三\n\n{BODY}\n\n## 二\n\n本报记者 李四\n\n{BODY}", ["张三", "李四"]),
    (f"# 标题\n\n## 一\n\n{BODY}（记者 张三）\n\n## 二\n\n{BODY}（记者 李四）", ["张三", "李四"]),
    # an oral account written down by a reporter: both are authors
    (f"# 标题\n\n口述：张三\n\n{BODY}\n\n（记者李四采访整理）", ["张三", "李四"]),
    (f"# 标题\n\n讲述人 张三\n\n{BODY}\n\n（记者 李四 整理）", ["张三", "李四"]),
])
def test_byline_forms_give_their_authors(text, names):
    assert authors(one(text)) == names


@pytest.mark.parametrize("text", [
    f"# 标题\n\n{BODY}\n\n编辑：张小三",
    f"# 标题\n\n{BODY}\n\n责编：张小三",
    f"# 标题\n\n{BODY}（完）\n\n【编辑：张小三】",
    f"# 标题\n\n{BODY}\n\n（ 责编：zl ）",
    f"# 标题\n\n2014-07-03 10:41 来源：某某日报\n\n{BODY}",
    f"# 标题\n\n{BODY}\n\n来源：某某市总工会",
    f"# 标题\n\n{BODY}\n\n（张小三参与采写）",
    f"# 标题\n\n{BODY}（完）",
    f"# 标题\n\n{BODY}\n\n（下转第二版）",
    f"# 标题\n\n{BODY}\n\n（有删节）",
    f"# 标题\n\n（一）{BODY}\n\n（二）{BODY}",
    f"# 标题\n\n{BODY}\n\n据介绍，活动由王小明主持（张三）。",  # not after a finished sentence
    f"# 标题\n\n国家电网（国网）供电公司表示，{BODY}",  # not a dateline
    f"# 标题\n\n{BODY}（记者从市总工会了解到）\n\n{BODY}",
    f"# 标题\n\n记者从市总工会了解到，{BODY}",
    f"# 标题\n\n{BODY}（张小三）\n\n{BODY}",  # a bare name in brackets that does not end the article
    f"# 标题\n\n{BODY}\n\n（张三 摄）",  # a photo credit
    f"# 标题\n\n{BODY}\n\n（新华社记者 张三 摄）",
    f"# 标题\n\n本报评论员\n\n{BODY}",
    f"# 标题\n\n{BODY}\n\n（受访者供图）",
    f"# 标题\n\n{BODY}\n\n（本报记者 张三 对本文亦有贡献）",
    f"# 标题\n\n作者：本报评论员\n\n{BODY}",
    f"# 标题\n\n作者：某某编辑部\n\n{BODY}",
    f"# 标题\n\n本报讯 记者 近日走访了{BODY}",
    f"# 标题\n\n{BODY}\n\n共发放慰问金7万元。（公告）",
    f"# 标题\n\n{BODY}\n\n共发放慰问金7万元。（简讯）",
    # bulleted items ending the article are no □ before a reporter's name
    f"# 标题\n\n{BODY}\n\n活动分为4大类\n\n●群众性文体活动\n\n●关心关爱职工行动",
])
def test_never_an_invented_author(text):
    assert authors(one(text)) == []


# --- the pieces, on their own ---------------------------------------------------------

@pytest.mark.parametrize("credit, names", [
    ("记者吴小媛通讯员龙小红", ["吴小媛", "龙小红"]),
    ("全媒体记者/张三", ["张三"]),
    ("记者 张 明 实习生 李四参与采写", ["张明"]),
    ("通讯员王小明、程小芳报道", ["王小明", "程小芳"]),
    ("全媒体记者周小茜报道摄影", ["周小茜"]),
    ("某州日报全媒体记者丁小霞 责任编辑徐小林", ["丁小霞"]),  # an editor without a colon ends the credit
    ("记者李四采访整理", ["李四"]),
    ("本报驻湖北记者 张三", ["张三"]),
    ("张三 摄", None),
    ("编辑 张三", None),
])
def test_parse_credit(credit, names):
    assert parse_credit(credit) == names


@pytest.mark.parametrize("line, names", [
    ("本报记者  张  明  李  华", ["张明", "李华"]),
    ("本报记者 张三 北京报道", ["张三"]),
    ("本报记者 张三 李四 郑州报道", ["张三", "李四"]),
    ("本报记者 张三 发自上海", ["张三"]),
    ("口述：张三（某厂退休职工）", ["张三"]),
    ("通讯员 王小莉 程小芳报道", ["王小莉", "程小芳"]),
    ("讲述人：张三", ["张三"]),
    ("口述/张三", ["张三"]),
])
def test_parse_byline_line(line, names):
    assert parse_byline(line) == (names, [])


@pytest.mark.parametrize("paragraph, names", [
    ("新华社北京2月13日电（记者 张三、李四）全国总工会日前召开会议。", ("张三", "李四")),
    ("人民网北京1月1日电 （记者 张三）近日，会议召开。", ("张三",)),
    ("中新网甘肃新闻 12月31日电（张小三）近日，会议召开。", ("张小三",)),
    ("据新华社电（记者 张三）近日，会议召开。", ("张三",)),
    ("会议在北京召开 大家来电（张小三）称赞。", None),
    ("（一）加强领导。", None),
    ("本报讯 近日，会议召开。", None),
    # names and 报道 with no role word, after a dateline only
    ("本报讯 毛小阳、胡小英、郑小明报道 日前，某市工资集体协商工作推进会举行。", ("毛小阳", "胡小英", "郑小明")),
    ("本报讯 市总工会报道 日前，会议召开。", None),
    ("据新华社报道 日前，会议召开。", None),
    # another paper's reporter after a site's dateline, role words with slashes
    ("广佛都市网讯 珠江时报记者/刘小玲 通讯员/李小荣报道：已经在某学院学习一年多的她说。", ("刘小玲", "李小荣")),
    # a paper's 消息 is a dateline too
    ("日报消息（全媒体记者周小茜报道摄影）炎炎夏日，酷暑难耐。", ("周小茜",)),
    # a broadcaster before 记者 is no name
    ("央视网消息（央视记者 张小明 李小华）：今天，会议召开。", ("张小明", "李小华")),
    # a local media centre before 记者 is no name
    ("慶陽網訊（慶陽融媒記者 張小倩）8月6日，比賽開賽。", ("張小倩",)),
    # traditional characters: role words read simplified, names kept as printed
    ("長春日報9月1日訊（記者 周小源 通訊員 聞一平）：日前，會議召開。", ("周小源", "聞一平")),
])
def test_lead_credit(paragraph, names):
    found = lead_credit(paragraph)
    assert (found.names if found else None) == names
    if found:
        span = paragraph[found.start:found.end].strip("（）() ：")
        assert span.removesuffix("报道摄影").removesuffix("报道").endswith(names[-1])


@pytest.mark.parametrize("paragraph, last, names", [
    ("会议结束。（记者 张三）", False, ("张三",)),
    ("会议结束。（张小三）", True, ("张小三",)),
    ("会议结束。（张小三）", False, None),
    ("会议结束。（张小三）（来源：某某日报）", True, ("张小三",)),  # the source's bracket after the credit
    ("会议结束。（编辑：张小三）", True, None),
    ("会议结束。（作者单位：某大学）", True, None),
    ("会议结束。（图）", True, None),
    ("會議結束。（通訊員 李小慧 張道明 報道）", False, ("李小慧", "張道明")),
    # a name and 报道 ending the article, no brackets
    ("本次活动共赠送了860余份清凉大礼包。李若明报道", True, ("李若明",)),
    ("本次活动共赠送了清凉大礼包。通讯员张三报道", True, ("张三",)),
    ("本次活动共赠送了清凉大礼包。李若明报道", False, None),
    ("大家纷纷点赞报道", True, None),
    # a role word and names ending any paragraph, no brackets
    ("为环卫工人送去清凉。记者 张小华 李小明", False, ("张小华", "李小明")),
    ("为环卫工人送去清凉。记者 很多人", False, None),
    ("为环卫工人送去清凉。我们记者", True, None),
    ("还可以把爱心的“接力棒”传递得更广更远。  □费小华", True, ("费小华",)),
    # reporters' names set off by white space, ending the article (traditional text too)
    ("爲更多職工提供了一個夢想舞臺。 秦小潔 秦卿", True, ("秦小潔", "秦卿")),
    ("爲更多職工提供了一個夢想舞臺。 秦小潔 秦卿", False, None),
    ("提供了一个舞台。 我们 一起", True, None),
])
def test_trail_credit(paragraph, last, names):
    found = trail_credit(paragraph, last=last)
    assert (found.names if found else None) == names


# --- metadata and clutter lines -------------------------------------------------------

@pytest.mark.parametrize("line, pairs", [
    ("时间：2020-01-02 10:00 来源：新华网 作者：张三、李四",
     (("date", "2020-01-02 10:00"), ("source", "新华网"), ("author", "张三、李四"))),
    ("2014-07-03 10:41 来源:某某日报", (("date", "2014-07-03 10:41"), ("source", "某某日报"))),
    ("//www.example.cn2014-08-06 14:29:44来源： 某某网",
     (("url", "//www.example.cn"), ("date", "2014-08-06 14:29:44"), ("source", "某某网"))),
    ("來源：某某日報", (("source", "某某日報"),)),
    ("来源：某某工报 記者 张三", (("source", "某某工报"), ("author", "記者 张三"))),
    ("来源：某某工报记者站", (("source", "某某工报记者站"),)),
    ("原标题：某某共迎新春", (("original_title", "某某共迎新春"),)),
    ("【编辑：张三】", (("editor", "张三"),)),
    ("责任编辑：张三", (("editor", "张三"),)),
    ("《某某日报》（2012年01月17日 002版）", (("source", "某某日报"), ("date", "2012年01月17日"))),
    ("来源：某市总工会 作者： 点击数：", (("source", "某市总工会"),)),
    ("阅读数：1012 文章字数：10024", ()),
    ("文章字数：254", ()),
    ("字号：大 中 小", ()),
    ("【字体：大 中 小】【打印】【关闭】", ()),
    ("【字体：", ()),
    ("打印", ()),
    ("上一篇：某某文章 下一篇：另一篇文章", ()),
    ("已有0人发表了评论", ()),
    ("当前位置：首页 > 新闻", ()),
])
def test_metadata_lines(line, pairs):
    found = parse_meta_line(line)
    assert found is not None and found.pairs == pairs


@pytest.mark.parametrize("line", [
    "资金来源：市财政拨款",
    "各分会：",
    "附件：困难职工申请表",
    "时间：9月10日下午，地点：三楼会议室。",
    "来源：调查显示，职工满意度提高。",
    "（作者单位：某大学）",
])
def test_text_that_is_not_metadata(line):
    assert parse_meta_line(line) is None


def test_a_traditional_credit_and_metadata_line_leave_the_text():
    a = one(f"# 標題\n\n{BODY}\n\n通訊員 張小明\n\n【作者：通訊員 張小明】 【責任編輯：李四】")
    assert ("editor", "李四") in a.meta
    for clutter in ("通訊員", "責任編輯", "李四"):
        assert clutter not in a.text


def test_metadata_goes_to_meta_and_out_of_the_text():
    a = one("# 标题\n\n2014-07-03 10:41 来源:某某日报\n\n文章字数：254\n\n"
            "新华社北京电（记者 张三 李四）全国总工会日前召开会议，要求各级工会\n\n"
            "编辑：王五\n\n上一篇：别的文章 下一篇：另一篇\n\n扎实履行维权职责。")
    assert dict(a.meta) == {"date": "2014-07-03 10:41", "source": "某某日报", "editor": "王五"}
    for clutter in ("来源", "字数", "编辑", "上一篇", "王五"):
        assert clutter not in a.text
    # the metadata lines stop page-break repair: the two halves are not glued
    assert "要求各级工会\n扎实履行维权职责。" in a.text
    assert authors(a) == ["张三", "李四"]


def test_a_date_line_is_metadata_only_in_the_header():
    a = one("# 通知\n\n2019.08.28\n\n各分会：\n\n请按时参加。\n\n校工会\n\n2019年8月28日")
    assert ("date", "2019.08.28") in a.meta and "2019.08.28" not in a.text
    assert a.text.endswith("2019年8月28日")


def test_page_break_repair_never_glues_a_byline():
    a = one("# 标题\n\n要求各级工会\n\n本报记者 张三\n\n扎实履行维权职责。")
    assert authors(a) == ["张三"]
    assert "要求各级工会扎实" not in a.text


# --- kicker, subtitle, rubric, notes ----------------------------------------------------

@pytest.mark.parametrize("title, rubric", [
    ("【工会报告】工会主席在全委会上的报告", "工会报告"),
    ("（民生观察）让职工住得安心", "民生观察"),
    ("某某新先事 | 区总工会开展帮扶活动", "某某新先事"),
    ("某某新先事｜区总工会开展帮扶活动", "某某新先事"),
    ("让职工住得安心（民生观察）", "民生观察"),
    ("宜宾县总工会为环卫工人送清凉（图）", None),
    ("某某省职工权益保障办法（试行）", None),
    ("关于修改条例的决定（2020年）", None),
    ("全总：春节期间工会服务“不打烊”", None),
])
def test_rubric_in_the_title(title, rubric):
    assert title_rubric(title) == rubric


def test_rubric_is_offered_as_a_column_and_the_title_is_kept():
    a = one(f"# 【工会报告】工会主席的报告\n\n{BODY}")
    assert a.title == "【工会报告】工会主席的报告" and "工会报告" in a.columns


def test_kicker_and_subtitle_stay_with_the_article():
    a = one(f"政策解读\n\n# 出台背景\n\n——某某工会服务农民工见闻\n\n本报记者 张三\n\n{BODY}")
    assert a.topic == "政策解读" and authors(a) == ["张三"]
    assert [(p.kind, a.span(p)) for p in a.paragraphs][:3] == [
        ("title", "出台背景"), ("byline", "张三"), ("heading", "——某某工会服务农民工见闻")]


@pytest.mark.parametrize("note", [
    "（作者为本报驻湖北记者）",
    "（作者单位：某某大学）",
    "作者系某某大学教授",
    "(作者系某某市总工会副主席)",
])
def test_author_notes_of_every_form(note):
    a = one(f"# 标题\n\n**张三**\n\n{BODY}\n\n{note}")
    assert a.note is not None and a.span(a.note) == note


def test_author_note_run_into_the_last_paragraph():
    a = one(f"# 标题\n\n**张三**\n\n{BODY}（作者为本报驻湖北记者）")
    assert a.span(a.note) == "（作者为本报驻湖北记者）"
    assert BODY in a.text and authors(a) == ["张三"]


# --- the real development corpus ----------------------------------------------------------

@pytest.mark.skipif(not (SHARED / "gold" / "dev.json").is_file(), reason="../shared (dev corpus and gold) is not beside the repo")
def test_dev_corpus_authors(tmp_path):
    """Every byline of the 25 real dev texts read, none invented: authors F1 1.0 (it was 0.0;
    the 8 texts held out while the rules were written scored 7/7 on their first run)."""
    import kg
    from kg.evaluate import evaluate

    gold = SHARED / "gold" / "dev.json"
    result = kg.build([SHARED / "corpus" / "dev"], output=tmp_path, html=False)
    score = evaluate(gold, result.graph_path).part("authors").counts
    assert score.precision == 1.0 and score.recall == 1.0, score
    with_authors = sum(1 for a in json.loads(gold.read_text(encoding="utf-8"))["articles"] if a["authors"])
    assert with_authors >= 9


def test_a_subtitle_printed_as_a_second_title_stays_with_its_title():
    [a] = split_articles(Document("t.md", "t.md", f"# 工地上的夜校开课了\n\n# ——某市工会服务农民工见闻\n\n{BODY}", "utf-8"))
    assert a.title == "工地上的夜校开课了"
    assert [(p.kind, a.span(p)) for p in a.paragraphs][:2] == [
        ("title", "工地上的夜校开课了"), ("heading", "——某市工会服务农民工见闻")]


def test_page_break_repair_never_glues_a_headline():
    a = one("# 标题\n\n现将有关事项报告如下，请予\n\n为全面加快品质之城建设作出新贡献\n\n审议。")
    assert "请予为全面" not in a.text


def test_page_break_repair_never_glues_a_tv_scripts_sound_bite_caption():
    a = one("# 标题\n\n解说：活动现场人头攒动。\n\n同期： 某区总工会工作者    王小明\n\n我们还开展了送温暖活动。")
    assert "王小明\n我们" in a.text


def test_a_plain_subtitle_over_the_byline_stays_with_the_title():
    a = one(f"# 工地上的夜校开课了\n\n合肥工会服务建筑业农民工见闻\n\n本报记者 张三\n\n{BODY}")
    assert authors(a) == ["张三"]
    assert [(p.kind, a.span(p)) for p in a.paragraphs][:3] == [
        ("title", "工地上的夜校开课了"), ("byline", "张三"), ("heading", "合肥工会服务建筑业农民工见闻")]
