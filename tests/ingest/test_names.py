"""Bylines: recognising them and splitting names printed together."""

import pytest

from kg.ingest.names import parse_byline, parse_plain_names, split_names


@pytest.mark.parametrize("line, expected", [
    ("**魏国强** 观点", (["魏国强"], ["观点"])),
    ("**郭晶显刚艾辉唐红**", (["郭晶显刚艾辉唐红"], [])),
    ("**艾辉 唐红** 观点", (["艾辉", "唐红"], ["观点"])),
    ("**张三**、**李四**", (["张三", "李四"], [])),
    ("**张三，李四** 时评", (["张三", "李四"], ["时评"])),
    ("文/张三", (["张三"], [])),
    ("文／张三 李四", (["张三", "李四"], [])),
    ("作者:王小明", (["王小明"], [])),
    ("作者：王小明、李华", (["王小明", "李华"], [])),
    ("本报记者 张三 李四", (["张三", "李四"], [])),
    ("本报记者张三 通讯员李四", (["张三", "李四"], [])),
    ("记者 欧阳修文", (["欧阳修文"], [])),
    ("□ 赵六", (["赵六"], [])),
    ("**本报记者 张三**", (["张三"], [])),
    ("**魏国强**观点", (["魏国强"], ["观点"])),
    ("**张三** 本报评论员", (["张三"], [])),
])
def test_parse_byline(line, expected):
    assert parse_byline(line) == expected


@pytest.mark.parametrize("line", [
    "**一是加强领导。**",  # bold lead-in of a body paragraph
    "**注意**:以下内容",
    "文静是一个好学生。",  # 文 without slash is not a role word
    "作者认为,工会要加强建设。",
    "正文第一段。",
    "**",
])
def test_not_a_byline(line):
    assert parse_byline(line) is None


@pytest.mark.parametrize("line, expected", [
    ("张三 李四", ["张三", "李四"]),
    ("司马光", ["司马光"]),
    ("前言", None),
    ("总则", None),
    ("张三说了一句很长的话", None),
])
def test_parse_plain_names(line, expected):
    assert parse_plain_names(line) == expected


@pytest.mark.parametrize("forms, names", [
    # the other forms of the byline give the spacing; 显 is a rare surname
    ([["郭晶显刚艾辉唐红"], ["郭晶显刚"], ["艾辉", "唐红"]], ["郭晶", "显刚", "艾辉", "唐红"]),
    # a byline given twice in the same form yields each author once
    ([["魏国强"], ["魏国强"]], ["魏国强"]),
    ([["张伟李娜王芳"]], ["张伟", "李娜", "王芳"]),
    ([["王强刘明华"]], ["王强", "刘明华"]),
    ([["刘明华王强"]], ["刘明华", "王强"]),
    ([["欧阳修文"]], ["欧阳修文"]),  # compound surname: four characters, one name
    ([["欧阳明李华"]], ["欧阳明", "李华"]),
    ([["诸葛明亮司马光"]], ["诸葛明亮", "司马光"]),
    ([["郭晶显刚"]], ["郭晶", "显刚"]),  # four characters, no compound surname: 2 + 2
    ([["张三"], ["张三李四"]], ["张三", "李四"]),
    ([["阿不都·热合曼"]], ["阿不都·热合曼"]),  # never split names with a middle dot
])
def test_split_names(forms, names):
    assert split_names(forms) == (names, [])


@pytest.mark.parametrize("run", [
    "喻萍萍萍喻萍",  # no partition stands out
    "某某某某某某",  # no surname at all
])
def test_runs_that_cannot_be_accounted_for_are_kept_whole(run):
    names, log = split_names([[run]])
    assert names == [run]
    assert len(log) == 1 and run in log[0] and "kept whole" in log[0]
