"""split_articles on short Markdown strings: one test per layout rule."""

import re

import pytest

from kg.ingest import ingest, split_articles
from kg.model import Document


def articles(text, source="t.md"):
    return split_articles(Document(source, source, text, "utf-8"))


def one(text, source="t.md"):
    [a] = articles(text, source)
    return a


def kinds(a):
    return [p.kind for p in a.paragraphs]


def paras(a, kind=None):
    return [a.span(p) for p in a.paragraphs if kind is None or p.kind == kind]


def authors(a):
    return [b.name for b in a.authors]


# --- articles, titles, bylines --------------------------------------------------------

def test_articles_split_at_level_one_headings():
    found = articles("# 甲\n\n正文一。\n\n## 小节\n\n正文二。\n\n# 乙\n\n正文三。")
    assert [a.title for a in found] == ["甲", "乙"]
    assert paras(found[0]) == ["甲", "正文一。", "小节", "正文二。"]
    assert kinds(found[0]) == ["title", "body", "heading", "body"]


def test_byline_after_title_with_genre_tag():
    a = one("# 标题\n\n**魏国强** 观点\n\n正文。")
    assert authors(a) == ["魏国强"] and a.columns == ("观点",)
    assert kinds(a) == ["title", "byline", "body"]


def test_byline_before_title_belongs_to_that_title():
    first, second = articles("# 甲\n\n正文一。\n\n**匙涛**\n\n# 乙\n\n正文二。")
    assert authors(first) == [] and authors(second) == ["匙涛"]
    assert "匙涛" not in first.text


def test_byline_repeated_in_two_forms_yields_each_author_once():
    text = ("# 上一篇\n\n正文。\n\n**郭晶显刚艾辉唐红**\n\n# 标题\n\n"
            "**郭晶显刚**  \n**艾辉 唐红** 观点\n\n正文。")
    a = articles(text)[1]
    assert authors(a) == ["郭晶", "显刚", "艾辉", "唐红"]
    assert a.columns == ("观点",)


def test_byline_of_the_first_article_before_its_title():
    a = one("**张三**\n\n# 标题\n\n正文。")
    assert authors(a) == ["张三"]


@pytest.mark.parametrize("byline, names", [
    ("文/王小明、欧阳修文", ["王小明", "欧阳修文"]),
    ("作者：张伟李娜王芳", ["张伟", "李娜", "王芳"]),
    ("本报记者 张三 通讯员 李四", ["张三", "李四"]),
    ("张三，李四", ["张三", "李四"]),  # unmarked names right under the title
    # a TV report's credits: its reporter, then its cameraman (no author, as a photographer);
    # a station's source line naming its reporter
    ("记者：张小华 摄像：李小明", ["张小华"]),
    ("记者 张小华 李小刚 摄像 王小明", ["张小华", "李小刚"]),
    ("来源：某某电视台 记者：张小华", ["张小华"]),
])
def test_byline_forms(byline, names):
    a = one(f"# 标题\n\n{byline}\n\n正文。")
    assert authors(a) == names


def test_a_credit_ending_a_paragraph_is_read_and_never_glued_to_the_next():
    a = one("# 标题\n\n荔枝新闻讯 7月1日，市总工会开展活动。记者 张小华\n\n市总工会为环卫工人送去清凉物资。")
    assert authors(a) == ["张小华"]
    assert "市总工会为环卫工人送去清凉物资。" in paras(a, "body")


def test_a_time_stamp_before_a_byline_gives_the_date_and_the_author():
    a = one("# 工会为骑手开展微课堂\n\n2025-12-17 14:17:52 看看新闻Knews记者 陈小莹\n\n骑手们结伴来看视频微课堂。")
    assert authors(a) == ["陈小莹"]
    assert a.date == "2025-12-17"
    assert "14:17" not in a.text


def test_a_digest_credits_each_item_with_a_bare_name_in_brackets():
    a = one("# 标题\n\n某省启动评选，推荐人选以产业工人为主。（陈小娴）\n\n某省举办竞赛，职工踊跃参加。（崔小淳）")
    assert authors(a) == ["陈小娴", "崔小淳"]
    lone = one("# 标题\n\n某省启动评选，推荐人选以产业工人为主。（陈小娴）\n\n某省举办竞赛，职工踊跃参加。")
    assert authors(lone) == []


def test_name_that_cannot_be_split_is_kept_whole_and_logged():
    a = one("# 标题\n\n**张某某某某某**\n\n正文。")
    assert authors(a) == ["张某某某某某"]
    assert any("张某某某某某" in line and "kept whole" in line for line in a.log)


def test_bold_words_that_are_no_names_are_no_byline():
    a = one("**聚焦职工权益**\n\n# 标题\n\n**不忘初心**\n\n正文。")
    assert authors(a) == []


def test_byline_offsets_point_at_the_names():
    a = one("# 标题\n\n**张三 李四**\n\n正文。")
    assert a.span(a.paragraphs[1]) == "张三 李四"
    assert [(b.name, a.span(b)) for b in a.authors] == [("张三", "张三"), ("李四", "李四")]
    for b in a.authors:
        s = a.sentence_at(b.start)
        assert s.start <= b.start < b.end <= s.end


def test_bold_line_inside_the_body_is_not_a_byline():
    a = one("# 标题\n\n正文。\n\n**一是加强领导。**\n\n**张三**\n\n更多正文。")
    assert authors(a) == []
    assert paras(a, "body") == ["正文。", "一是加强领导。", "张三", "更多正文。"]


# --- columns and topics ---------------------------------------------------------------

def test_heading_with_pinyin_is_the_column():
    a = one("# 标题\n\n## 三工论坛\n\nSANGONGLUNTAN\n\n**张三**\n\n正文。")
    assert a.columns == ("三工论坛",)
    assert "SANGONGLUNTAN" not in a.text and "三工论坛" not in a.text
    assert authors(a) == ["张三"]


def test_column_before_the_title():
    a = articles("# 甲\n\n正文。\n\n## 观察思考\n\nGUANCHA SIKAO\n\n# 乙\n\n正文。")[1]
    assert a.columns == ("观察思考",)


def test_banner_between_articles_is_the_next_articles_topic():
    first, second = articles(
        "# 甲\n\n正文一。\n\n(作者为某市总工会主席)\n\n## 认真学习贯彻重要讲话精神\n\n"
        "**张三**\n\n# 乙\n\n正文二。")
    assert second.topic == "认真学习贯彻重要讲话精神" and first.topic is None
    assert "认真学习" not in first.text and "认真学习" not in second.text
    assert "heading" not in kinds(first)
    assert authors(second) == ["张三"]


def test_section_headings_inside_the_body():
    a = one("# 标题\n\n正文。\n\n## 第一部分\n\n正文。\n\n### 小节\n\n正文二。")
    assert kinds(a) == ["title", "body", "heading", "body", "heading", "body"]
    assert a.topic is None and a.columns == ()


# --- notes ----------------------------------------------------------------------------

@pytest.mark.parametrize("note", [
    "(作者为江苏省人大常委会副主任、省总工会主席)",
    "（作者系某某大学教授）",
    "(作者单位:某某大学)",
    "（本文作者为某市总工会干部）",
])
def test_author_note(note):
    a = one(f"# 标题\n\n**张三**\n\n正文。\n\n{note}")
    assert a.note is not None and a.span(a.note) == note
    assert a.paragraphs[-1] == a.note and a.note.kind == "note"


def test_note_goes_last_and_stays_with_its_article():
    first, second = articles("# 甲\n\n(作者系教授)\n\n正文一。\n\n# 乙\n\n正文二。")
    assert paras(first) == ["甲", "正文一。", "(作者系教授)"]
    assert second.note is None


def test_bracketed_text_that_is_not_a_note():
    a = one("# 标题\n\n(开发区)之间的问题。")
    assert a.note is None


# --- page breaks and repeats ----------------------------------------------------------

@pytest.mark.parametrize("first, second, joined", [
    ("加强源头参与,健全以职代会为基本形式的企事", "业单位民主管理制度。",
     "加强源头参与,健全以职代会为基本形式的企事业单位民主管理制度。"),
    ("要在精准性上下功夫。坚", "持职工需求导向。", "要在精准性上下功夫。坚持职工需求导向。"),
    ("各街道", "(开发区)之间,还不够平衡。", None),  # no punctuation yet: may be a caption
    ("问题还不够平衡。各街道", "(开发区)之间,还不够平衡。", "问题还不够平衡。各街道(开发区)之间,还不够平衡。"),
    ("the text, which is", "wrapped here.", "the text, which is wrapped here."),
    ("the text,", "wrapped here.", "the text, wrapped here."),
    ("Use it, in the folders", "社会法 and 经济法.", "Use it, in the folders 社会法 and 经济法."),
    ("促进社会公平正义,要建立更加", "精准的机制。", "促进社会公平正义,要建立更加精准的机制。"),
    ("工资,增长到2018", "年的水平,很好。", "工资,增长到2018年的水平,很好。"),
])
def test_page_break_repair(first, second, joined):
    a = one(f"# 标题\n\n{first}\n\n{second}")
    if joined:
        assert paras(a, "body") == [joined]
        assert any("page break repaired" in line for line in a.log)
    else:
        assert paras(a, "body") == [first, second]


@pytest.mark.parametrize("first, second", [
    ("一句完整的话。", "另一句。"),
    ("一句话;", "另一句。"),
    ("下列情形之一的:", "(一)未经批准的。"),
    ("他说:“好。”", "然后走了。"),
    ("这是第一条规定,", "第二条 这是第二条。"),
    ("2001年10月27日第九届全国人民代表大会常务委员会修正,", "2009年8月27日修正"),
])
def test_complete_paragraphs_are_not_joined(first, second):
    assert paras(one(f"# 标题\n\n{first}\n\n{second}"), "body") == [first, second]


@pytest.mark.parametrize("middle", ["## 小节", "(作者系教授)"])
def test_never_join_across_a_heading_or_note(middle):
    a = one(f"# 标题\n\n没有结束的一段,还在写\n\n{middle}\n\n后文。")
    assert "没有结束的一段,还在写" in paras(a)
    assert "后文。" in paras(a)


def test_never_join_into_the_next_article():
    first, second = articles("# 甲\n\n写到一半,没有\n\n# 乙\n\n结束。")
    assert paras(first, "body") == ["写到一半,没有"]
    assert paras(second, "body") == ["结束。"]


def test_truncated_last_paragraph_is_kept_as_is():
    a = one("# 标题\n\n第一段。\n\n最后一段被截断,实施工会改革,")
    assert paras(a, "body") == ["第一段。", "最后一段被截断,实施工会改革,"]
    assert any("ends mid-sentence" in line for line in a.log)


def test_truncated_reprint_of_the_previous_paragraph_is_dropped():
    p = "工会要赢得职工群众的信任和支持,必须做好维护职工切身利益工作。"
    a = one(f"# 标题\n\n{p}\n\n{p[:20]}")
    assert paras(a, "body") == [p]
    assert any("cut off by the end" in line for line in a.log)


def test_repeated_paragraph_is_kept_once_and_logged():
    p = "工会要赢得职工群众的信任和支持,必须做好维护职工切身利益工作。"
    a = one(f"# 标题\n\n{p}\n\n{p}\n\n后文还有一段。")
    assert paras(a, "body") == [p, "后文还有一段。"]
    [line] = [x for x in a.log if "repeated paragraph" in x]
    assert line.startswith("t.md: 标题: ") and p[:10] in line


def test_repair_comes_before_dedupe():
    text = ("# 标题\n\n强化意识。要建立更加精准的维\n\n权服务工作机制,适应职工需要。\n\n"
            "强化意识。要建立更加精准的维\n\n权服务工作机制,适应职工需要。\n\n"
            "强化意识。要建立更加精准的维\n\n权服务工作机制,实施工会改革,")
    a = one(text)
    assert paras(a, "body") == ["强化意识。要建立更加精准的维权服务工作机制,适应职工需要。",
                                "强化意识。要建立更加精准的维权服务工作机制,实施工会改革,"]


def test_similar_paragraphs_are_not_removed():
    p1 = "强化大局意识。对于工会组织而言,团结职工是工会组织的基本职责。"
    p2 = "强化政治引领意识。对于工会组织而言,团结职工是工会组织的基本职责。"
    a = one(f"# 标题\n\n{p1}\n\n{p2}")
    assert paras(a, "body") == [p1, p2]


def test_repeats_far_apart_are_the_texts_own():
    p = "有前款行为,尚不构成犯罪的,由县级以上人民政府处以罚款。"
    a = one(f"# 法\n\n第一条 甲。\n\n{p}\n\n第二条 乙。\n\n{p}")
    assert paras(a, "body").count(p) == 2


def test_a_repeated_run_of_paragraphs_is_kept_once():
    run = "这是第一段很长的正文内容。\n\n这是第二段很长的正文内容。"
    a = one(f"# 标题\n\n{run}\n\n{run}\n\n结尾。")
    assert paras(a, "body") == ["这是第一段很长的正文内容。", "这是第二段很长的正文内容。", "结尾。"]


# --- text, paragraphs, sentences ------------------------------------------------------

def test_text_layout_and_offsets():
    a = one("**张三** 观点\n\n# 标题\n\n## 一、小节\n\n甲。乙!\n\n丙?\n\n(作者为主席)")
    assert a.text == "标题\n张三\n一、小节\n甲。乙!\n丙?\n(作者为主席)"
    assert [a.span(s) for s in a.sentences] == ["标题", "张三", "一、小节", "甲。", "乙!", "丙?",
                                                "(作者为主席)"]
    assert [s.paragraph for s in a.sentences] == [0, 1, 2, 3, 3, 4, 5]


def test_sentences_cover_all_non_space_text_and_stay_in_their_paragraph():
    a = one("# 标题 二\n\n**张三 李四**\n\n第一句。 第二句“引号。”第三句\n\n## 小节\n\n第四句!")
    covered = set()
    for s in a.sentences:
        p = a.paragraphs[s.paragraph]
        assert p.start <= s.start < s.end <= p.end
        covered.update(range(s.start, s.end))
    assert {i for i, c in enumerate(a.text) if not c.isspace()} <= covered
    assert "第二句“引号。”" in [a.span(s) for s in a.sentences]


def test_markdown_and_html_stripped_from_body():
    a = one("# 标题\n\n**加粗**和*斜体*见[链接](http://a.cn)![图](b.png)<b>粗</b>&amp;。\n\n"
            "依据<中华人民共和国工会法>。\n\n- 列表项一\n- 列表项二")
    assert paras(a, "body") == ["加粗和斜体见链接粗&。", "依据<中华人民共和国工会法>。",
                                "列表项一", "列表项二"]


# --- missing titles, empty articles, ids ----------------------------------------------

def test_no_level_one_heading_takes_the_first_line():
    a = one("职工之家建设\n\n本报记者 张三\n\n正文。", source="a/b.txt")
    assert a.title == "职工之家建设" and authors(a) == ["张三"]
    assert any("title taken from the first line" in line for line in a.log)


def test_no_usable_first_line_takes_the_file_name():
    long_line = "很长的正文," * 30 + "。"
    a = one(long_line, source="corpus/工会报告.md")
    assert a.title == "工会报告" and paras(a, "body") == [long_line]
    assert any("title taken from the file name" in line for line in a.log)


def test_heading_with_no_body():
    first, _second = articles("# 甲\n\n# 乙\n\n正文。")
    assert first.text == "甲" and kinds(first) == ["title"]
    assert any("no body" in line for line in first.log)


def test_ids_are_stable_distinct_and_iri_safe():
    text = "# 工会法\n\n正文。\n\n# 工会法\n\n正文。"
    ids = [a.id for a in articles(text, "corpus/社会法/工会法(2021).md")]
    assert ids == [a.id for a in articles(text, "corpus/社会法/工会法(2021).md")]
    assert len(set(ids)) == 2
    assert all(re.fullmatch(r"[A-Za-z0-9-]+", i) for i in ids)
    assert ids != [a.id for a in articles(text, "other/工会法.md")]


def test_law_layout():
    law = ("# 中华人民共和国工会法\n\n1992年4月3日 第七届全国人民代表大会第五次会议通过\n\n"
           "2001年10月27日 第九届全国人民代表大会常务委员会第二十四次会议修正\n\n"
           "<!-- INFO END -->\n\n## 第一章 总 则\n\n第一条 为保障工会的地位，制定本法。\n\n"
           "第二条 工会是职工自愿结合的工人阶级群众组织。\n\n（一）其他情形；\n\n"
           "第三条 下列人员：\n\n（一）其他情形；")
    a = one(law)
    assert a.title == "中华人民共和国工会法"
    assert "INFO END" not in a.text
    assert paras(a, "heading") == ["第一章 总 则"]
    assert paras(a, "body")[:2] == ["1992年4月3日 第七届全国人民代表大会第五次会议通过",
                                    "2001年10月27日 第九届全国人民代表大会常务委员会第二十四次会议修正"]
    assert paras(a, "body").count("（一）其他情形；") == 2


def test_ingest_log_names_the_file(tmp_path):
    (tmp_path / "a.md").write_text("# 甲\n\n正文。\n\n正文。", encoding="gbk")
    (tmp_path / "b.md").write_bytes(b"\x00\x01\x02\x03" * 100)
    found, skipped, log = ingest([tmp_path])
    assert [a.title for a in found] == ["甲"] and len(skipped) == 1
    name = tmp_path.name
    assert all(line.startswith((f"{name}/a.md: ", str(tmp_path / "b.md"))) for line in log)
    assert any("gb18030" in line for line in log)
    assert any("skipped" in line and "binary" in line for line in log)


# --- the fast path for plain lines ----------------------------------------------------

#: Lines each close to one of the kinds a line can be, and plain lines beside them.
TRICKY_LINES = """# 标题
   ## 小节 ##
**张三 李四** 观点
**聚焦职工权益**
__王五__
文/张三、李四
文 / 图 王某
图：李某
摄影 赵某
摄 影 赵某
本报记者 王五 赵六
记 者  吴某某   王 某
通 讯 员 张某
某某日报记者 张某
实习生 李某
作者：张三（某大学教授）
（作者为本报驻湖北记者）
作者系某市总工会干部
本文作者单位：某大学
□ 张某
◆ 本报评论员
- 第一项
* 第二项
+ 第三项
• 第四项
· 第五项
1. 第六项
> 引用的一句。
SANWU LUNTAN
Sanwu luntan
ABC
2014-07-03 10:41 来源：石狮日报
2011.05.30
2011年5月30日
一九九九年十月
（一）坚持党的领导；
(二)保障职工权益。
【打印】【关闭窗口】
打印本页
大 中 小
已有0人发表了评论
《工人日报》（2012年01月17日 002版）
来源:新华网
原标題：某某
时间：9月10日下午
关键词 工会
整理：王某
口述人：李某
讲述 赵某
编译 钱某
撰稿 孙某
执笔：周某
采写 吴某
撰文 郑某
第一条　为了保障职工的合法权益，制定本法。
第二条  工会是职工自愿结合的工人阶级群众组织。
　　全国总工会开展送温暖活动，惠及困难职工。
一线职工和农民工是工会工作的重点。
工会面向困难职工开展帮扶&nbsp;活动。
见[工会法](http://x.cn)的规定。
工会<b>必须</b>坚持。
a_b 和 2*3*4 都是文本。
职工代表大会是企业实行民主管理的基本形式"""


def _slow_path_only(monkeypatch):
    import re

    from kg.ingest import layout
    monkeypatch.setattr(layout, "_MAYBE_NOT_TEXT", re.compile(""))  # every line takes the tests one by one
    monkeypatch.setattr(layout, "_MAYBE_NOT_TEXT_START", re.compile(""))


def _documents() -> list[Document]:
    from pathlib import Path

    from shared_corpus import SHARED

    from kg.ingest import read_inputs

    root = Path(__file__).resolve().parents[2]
    paths = [root / "kg" / "data" / "seed.md", root / "tests" / "data"]
    paths += [p for p in (SHARED / "corpus" / "dev", SHARED / "corpus" / "laws") if p.is_dir()]
    docs, _ = read_inputs(paths)
    tricky = "\n\n".join(f"# 第{i}篇\n\n{line}\n\n正文。" for i, line in enumerate(TRICKY_LINES.splitlines()))
    return [*docs, Document("tricky.md", "tricky.md", tricky, "utf-8"),
            Document("lines.md", "lines.md", "# 标题\n" + TRICKY_LINES, "utf-8")]


def test_plain_lines_are_laid_out_as_the_tests_one_by_one_would(monkeypatch):
    """A line the one search of _classify lets through as plain text is one that the
    heading, metadata, note, byline, bullet and PINYIN tests would each have let through:
    the Articles are the same with and without it, on the seed, the test files, lines of
    every kind (and dev and laws when ../shared is there)."""
    docs = _documents()
    fast = [split_articles(d) for d in docs]
    _slow_path_only(monkeypatch)
    slow = [split_articles(d) for d in docs]
    assert len(docs) > 4
    for doc, a, b in zip(docs, fast, slow):
        assert a == b, doc.source
    tricky = fast[-2]  # one article per tricky line: not all of them text, the kinds were told apart
    assert sum(1 for a in tricky if a.authors) > 15 and sum(1 for a in tricky if a.meta) >= 8
    assert sum(1 for a in tricky if kinds(a).count("body") == 2) > 15  # plain lines stayed text
