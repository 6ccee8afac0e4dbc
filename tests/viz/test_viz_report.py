"""report.html: summary, top entities, articles, communities, overview picture; all escaped."""

from __future__ import annotations

import re

import pytest

from kg.report import write_report


@pytest.fixture(scope="module")
def report(small_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    write_report(small_graph, path)
    return path.read_text(encoding="utf-8")


def test_report_is_static_and_escaped(report):
    assert "<script" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;工会动态" in report
    assert "<img" not in report
    assert "dir/&lt;b&gt;x&lt;/b&gt;.md" in report


def test_report_lists_every_article_with_authors_column_and_entities(report):
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td class='ents'>(.*?)</td></tr>", report)
    by_title = {re.sub(r"<br>.*", "", r[0]): r for r in rows}
    assert set(by_title) == {"聚焦主责主业把广大职工团结在党的周围", "新就业形态劳动者入会",
                             "&lt;script&gt;alert(1)&lt;/script&gt;工会动态"}
    _title, authors, column, ents = by_title["聚焦主责主业把广大职工团结在党的周围"]
    assert authors == "魏国强" and column == "三工论坛"
    named = re.findall(r"</span>([^<]+)</span>", ents)
    assert sorted(named) == sorted(["江苏省总工会", "农民工", "快递员", "灵活就业群体", "求学圆梦行动"])


def test_report_has_summary_top_entities_communities_and_picture(report):
    assert re.search(r"人物 Person</td><td class='n'>2</td>", report)
    assert re.search(r"职工群体 Worker group</td><td class='n'>5</td>", report)
    assert "<td>快递员</td><td>快递小哥</td>" in report  # top worker group with its alias
    assert report.count("<summary><b>Community") == 3
    svg = re.search(r"<svg.*?</svg>", report, re.S).group(0)
    assert svg.count("<title>") >= 15 and "农民工" in svg
    assert "&lt;script&gt;" in svg and "<script>" not in svg


def test_report_write_is_atomic(small_graph, tmp_path):
    path = tmp_path / "report.html"
    write_report(small_graph, path)
    write_report(small_graph, path)
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
