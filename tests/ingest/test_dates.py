"""Article dates (kg.ingest.dates): each source on real-looking strings, the order between
them, and the date through kg.build into graph.ttl, build.log, the SHACL shapes and kg eval."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, XSD

import kg
from kg.evaluate import evaluate, score_to_json
from kg.ingest import split_articles
from kg.ingest.dates import date_in_name, parse_date
from kg.model import Document
from kg.rdf.namespace import GH
from kg.rdf.validate import validate

SHARED = Path(__file__).resolve().parents[3] / "shared"


def dated(text: str, source: str = "t.md", meta: tuple = ()) -> list[tuple[str | None, str | None]]:
    doc = Document(source, source, text, "utf-8", meta=meta)
    # a date line layout lifts into Article.meta is a printed date line too
    return [(a.date, "printed date line" if a.date_source == "metadata line" else a.date_source)
            for a in split_articles(doc)]


@pytest.mark.parametrize("text, expected", [
    ("2025年03月12日", "2025-03-12"),
    ("发布时间：2026-05-20", "2026-05-20"),
    ("时间：2016-02-14 10:41", "2016-02-14"),
    ("2014/7/3", "2014-07-03"),
    ("2018.10.25 17:03", "2018-10-25"),
    ("２０２６年８月１５日", "2026-08-15"),        # full-width digits
    ("二〇二六年八月十五日", "2026-08-15"),        # Chinese numerals, as notices sign
    ("二〇一九年十二月三十一日", "2019-12-31"),
    ("二O二六年一月八日", "2026-01-08"),          # a Latin O for 〇, as typed
    ("2014年02月20日 10時07分", "2014-02-20"),     # traditional characters
    ("2021年12月", "2021-12"),
    ("2026年2月30日", None),                       # no such day
    ("4月2日", None),                              # no year: not a date on its own
    ("第2026号", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("name, expected", [
    ("news/20230516.md", "2023-05-16"),
    ("经济法/种子法(2021-12-24).md", "2021-12-24"),
    ("2026-07-02-关于开展送温暖活动的通知.md", "2026-07-02"),
    ("工人日报2026年3月5日.txt", "2026-03-05"),
    ("archive/2021-12.md", "2021-12"),
    ("report_2019_04.md", "2019-04"),
    ("D01-fujian-nongmingong-yijian.md", None),
    ("scan-20231399.md", None),                    # not a date: month 13
    ("id-120230516.md", None),                     # digits run on: not a date
])
def test_date_in_file_name(name, expected):
    assert date_in_name(name) == expected


@pytest.mark.parametrize("text, expected", [
    # a newspaper's page line under the title
    ("# 自贡工会向特困职工发放救助金\n\n《工人日报》（2012年01月17日 002版）\n\n本报讯 （记者高柱）四川自贡市总工会日前举行仪式。",
     ("2012-01-17", "printed date line")),
    ("# 标题\n\n《某某日报》（2025年03月12日 第 04 版）\n\n正文。",
     ("2025-03-12", "printed date line")),
    # a web page's date line, glued to the lead paragraph by page-break repair
    ("# 三位全国劳模当选全总兼职副主席\n\n时间：2018-10-26 12:26:29  来源：新华网\n\n在25日举行的会议上，三位劳模当选",
     ("2018-10-26", "printed date line")),
    ("# 标题\n\n发布时间：2026-05-20\n\n正文。", ("2026-05-20", "printed date line")),
    ("# 宜宾县总工会送清凉\n\n//www.workercn.cn2014-08-06 14:29:44来源： 中工网\n\n正文。",
     ("2014-08-06", "printed date line")),
    ("# 楊志明：農民工總量2.69億人\n\n中央政府門戶網站 www.gov.cn   2014年02月20日 10時07分   來源：中國政府網\n\n正文。",
     ("2014-02-20", "printed date line")),
    # the signature block at the end of a notice
    ("# 关于开展送温暖活动的通知\n\n各基层工会：\n\n现将有关事项通知如下。\n\n临江市总工会\n\n2026年8月15日",
     ("2026-08-15", "printed date line")),
    ("# 通知\n\n各分会：\n\n请于9月10日前报名。\n\n校工会\n\n二〇一九年八月二十八日",
     ("2019-08-28", "printed date line")),
    ("# 通知\n\n各分会：\n\n请于9月10日前报名。\n\n临江市总工会办公室 2026年8月15日",
     ("2026-08-15", "printed date line")),
    ("# 标题\n\n2026年3月5日 星期四\n\n正文。", ("2026-03-05", "printed date line")),
    ("# 标题\n\n来源：工人日报 2026-03-05\n\n正文。", ("2026-03-05", "printed date line")),
    ("# 标题\n\n【发布时间：2026/3/5】【字体：大 中 小】\n\n正文。", ("2026-03-05", "printed date line")),
])
def test_printed_date_line(text, expected):
    assert dated(text) == [expected]


def test_a_date_inside_a_sentence_is_not_a_date_line():
    text = "# 标题\n\n2019年4月23日，全国五一劳动奖表彰大会在北京举行。\n\n正文。"
    assert dated(text) == [(None, None)]
    last = "# 标题\n\n正文。\n\n会议要求各地于2026年8月15日前报送材料，逾期不候。"
    assert dated(last) == [(None, None)]
    # nor a statute's record of adoption
    law = "# 中华人民共和国种子法\n\n2000年7月8日 第九届全国人民代表大会常务委员会第十六次会议通过\n\n第一条 为了保护种质资源，制定本法。"
    assert dated(law) == [(None, None)]
    assert dated(law, source="经济法/种子法(2021-12-24).md") == [("2021-12-24", "file name")]


def test_dateline_takes_its_year_from_the_file_name_then_the_text():
    text = "# 标题\n\n本报杭州4月2日电（记者 张三）浙江省总工会日前召开会议。"
    assert dated(text, source="2024-05-01-news.md") == [("2024-04-02", "dateline")]
    assert dated(text) == [(None, None)]  # no year anywhere
    with_year = "# 标题\n\n新华社北京2月13日电 国务院办公厅派出督查组，落实2016年全面治理拖欠工资的意见。"
    assert dated(with_year) == [("2016-02-13", "dateline")]
    radio = "# 标题\n\n央广网北京3月4日消息（记者 王五）据全国总工会消息，2026年工会工作会议召开。"
    assert dated(radio) == [("2026-03-04", "dateline")]
    gansu = "# 标题\n\n中新网甘肃新闻12月31日电 （曹颖敏）近日，金川区举办2025年困难职工帮扶金集中发放仪式。"
    assert dated(gansu) == [("2025-12-31", "dateline")]


def test_sources_in_order():
    text = "# 标题\n\n发布时间：2026-05-20\n\n本报杭州4月2日电 正文。"
    assert dated(text, meta=(("date", "2026-05-21T08:00:00"),)) == [("2026-05-21", "file metadata")]
    assert dated(text, source="20230516.md") == [("2026-05-20", "printed date line")]
    assert dated("# 标题\n\n本报杭州4月2日电 正文。", source="20230516.md") == [("2023-04-02", "dateline")]
    assert dated("# 标题\n\n正文。", source="20230516.md") == [("2023-05-16", "file name")]
    assert dated("# 标题\n\n正文。", meta=(("date", "not a date"),)) == [(None, None)]


def test_article_meta_date_comes_after_file_metadata():
    from dataclasses import replace

    from kg.ingest.dates import assign_dates
    doc = Document("t.md", "20230516.md", "# 标题\n\n正文。", "utf-8")
    [a] = split_articles(doc)
    [b] = assign_dates(doc, [replace(a, meta=(("date", "2016-02-14 10:41"),))])
    assert (b.date, b.date_source) == ("2016-02-14", "metadata line")
    [c] = assign_dates(replace(doc, meta=(("date", "2015-01-01"),)), [b])
    assert (c.date, c.date_source) == ("2015-01-01", "file metadata")


def test_each_article_of_a_file_is_dated_on_its_own():
    text = ("# 甲\n\n《工人日报》（2012年01月17日 002版）\n\n正文一。\n\n"
            "# 乙\n\n正文二。\n\n# 丙\n\n时间：2013-03-01 09:00\n\n正文三。")
    assert dated(text) == [("2012-01-17", "printed date line"), (None, None),
                           ("2013-03-01", "printed date line")]


def test_build_writes_typed_dates_logs_their_source_and_scores_them(tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "20230516.md").write_text("# 工会开展送温暖活动\n\n工会面向困难职工开展送温暖活动。\n", encoding="utf-8")
    (corpus / "page.md").write_text(
        "# 自贡工会向特困职工发放救助金\n\n《工人日报》（2012年01月17日 002版）\n\n本报讯 四川自贡市总工会日前举行仪式。\n",
        encoding="utf-8")
    (corpus / "report-2021-12.md").write_text("# 年度报告\n\n工会全年帮扶困难职工。\n", encoding="utf-8")
    (corpus / "undated.md").write_text("# 无日期\n\n工会帮扶困难职工。\n", encoding="utf-8")
    result = kg.build([corpus], output=tmp_path / "out", workers=1, cache=False)
    g = Graph().parse(result.graph_path)
    by_title = {str(g.value(a, DCTERMS.title)): list(g.objects(a, DCTERMS.date))
                for a in g.subjects(predicate=GH.text)}
    assert by_title == {
        "工会开展送温暖活动": [Literal("2023-05-16", datatype=XSD.date)],
        "自贡工会向特困职工发放救助金": [Literal("2012-01-17", datatype=XSD.date)],
        "年度报告": [Literal("2021-12", datatype=XSD.gYearMonth)],
        "无日期": [],
    }
    assert validate(g).conforms
    log = (tmp_path / "out" / "build.log").read_text(encoding="utf-8")
    assert "news/20230516.md: 工会开展送温暖活动: date 2023-05-16 (file name)" in log
    assert "news/page.md: 自贡工会向特困职工发放救助金: date 2012-01-17 (metadata line)" in log
    assert "news/undated.md: 无日期: no date" in log

    gold = {"format": "gonghui-kg gold v1", "entities": [], "articles": [
        {"id": "A", "title": "工会开展送温暖活动", "authors": [], "columns": [], "date": "2023-05-16"},
        {"id": "B", "title": "自贡工会向特困职工发放救助金", "authors": [], "columns": [], "date": "2012-01-18"},
        {"id": "C", "title": "年度报告", "authors": [], "columns": [], "date": "2021-12-01"},
        {"id": "D", "title": "无日期", "authors": [], "columns": []},
    ]}
    dates = score_to_json(evaluate(gold, result.graph_path))["dates"]
    assert (dates["scored"], dates["right"]) == (3, 1)
    assert [w["item"] for w in dates["wrong"]] == ["B · 2012-01-18", "C · 2021-12-01"]


def test_two_dates_on_one_article_break_the_shapes():
    from kg.model import Article, Paragraph, Sentence
    from kg.rdf.graph import to_graph, to_triples
    art = Article(id="a1", title="题", source="x.md", text="题", paragraphs=(Paragraph(0, 1, "title"),),
                  sentences=(Sentence(0, 1, 0),), date="2026-07-02")
    triples, _ = to_triples([art], [])
    g = to_graph(triples)
    assert validate(g).conforms
    g.add((next(g.subjects(DCTERMS.date, None)), DCTERMS.date, Literal("2026", datatype=XSD.gYear)))
    assert not validate(g).conforms


@pytest.mark.skipif(not (SHARED / "corpus" / "dev").is_dir(), reason="../shared/corpus/dev is not beside the repo")
def test_dev_corpus_dates_match_the_gold(tmp_path):
    result = kg.build([SHARED / "corpus" / "dev"], output=tmp_path, workers=1, cache=False)
    dates = score_to_json(evaluate(SHARED / "gold" / "dev.json", result.graph_path))["dates"]
    assert dates["scored"] >= 9 and dates["share"] >= 0.95, dates["wrong"]
