"""Bundles (kg/ingest/bundles.py): a file holding many stories gives one dated article
per story; the headline list is not an article; single articles with sections, statutes
and the magazine layout are left alone; --split-level forces the level."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, XSD

import kg
from kg.ingest import split_articles
from kg.model import Document
from kg.rdf.namespace import GH

ROOT = Path(__file__).resolve().parents[2]

# a day of a news transcript archive, as its Markdown export writes it
EVENING = """# 《晚间新闻》 (20251101)

## 新闻摘要

1. 全国总工会部署冬季送温暖工作
2. 临江市为快递员建设职工驿站
3. 多地开展职工技能大赛

### 全国总工会部署冬季送温暖工作

<p>本台消息，全国总工会今天召开会议，部署今冬明春送温暖工作。</p><p>会议要求，各级工会要把困难职工、农民工和新就业形态劳动者作为重点。<br>慰问资金要在春节前发放到位。</p>

### 临江市为快递员建设职工驿站

<p>临江市总工会今年在城区建成职工驿站120个，为快递员、外卖送餐员提供歇脚、饮水等服务。</p>

[查看原文](https://example.cn/news/20251101/2.html)

### 多地开展职工技能大赛

<p>连日来，多地工会开展职工职业技能大赛，数万名一线职工参赛。</p>
"""

NEXT_DAY = """# 《晚间新闻》 (20251102)

### 工会法律援助进企业

<p>记者从全国总工会获悉，工会法律援助服务已覆盖全国大部分产业园区。</p>

### 2025年10月31日，劳模宣讲团走进工地

<p>劳模宣讲团走进建设工地，与农民工面对面交流。</p>
"""


def titles_and_dates(text: str, source: str = "t.md", split_level: int | None = None):
    doc = Document(source, source, text, "utf-8", split_level=split_level)
    return [(a.title, a.date, a.date_source) for a in split_articles(doc)]


def test_a_day_of_a_transcript_archive_is_one_dated_article_per_story():
    doc = Document("day.md", "archive/2025-11-01.md", EVENING, "utf-8")
    found = split_articles(doc)
    assert [(a.title, a.date, a.date_source) for a in found] == [
        ("全国总工会部署冬季送温暖工作", "2025-11-01", "bundle heading"),
        ("临江市为快递员建设职工驿站", "2025-11-01", "bundle heading"),
        ("多地开展职工技能大赛", "2025-11-01", "bundle heading"),
    ]
    first = found[0]
    assert [first.span(p) for p in first.paragraphs] == [
        "全国总工会部署冬季送温暖工作",
        "本台消息，全国总工会今天召开会议，部署今冬明春送温暖工作。",
        "会议要求，各级工会要把困难职工、农民工和新就业形态劳动者作为重点。",
        "慰问资金要在春节前发放到位。",
    ]
    assert "查看原文" not in found[1].text and "<p>" not in found[1].text
    assert not any("新闻摘要" in a.text or "晚间新闻" in a.title for a in found)
    assert any("bundle '《晚间新闻》 (20251101)': 3 stories under level-3 headings" in line for line in first.log)


def test_a_story_that_prints_its_own_date_keeps_it():
    found = titles_and_dates(NEXT_DAY.replace("记者从", "（2025年11月1日 第 03 版）\n\n记者从"))
    assert found[0] == ("工会法律援助进企业", "2025-11-01", "printed date line")
    assert found[1] == ("2025年10月31日，劳模宣讲团走进工地", "2025-11-02", "bundle heading")


def test_a_newspaper_issue_with_a_dated_heading_and_story_bylines():
    text = ("# 工人日报 2026年3月5日\n\n## 全总召开新闻发布会\n\n**张三**\n\n全总今天召开新闻发布会。\n\n"
            "## 农民工工资支付情况良好\n\n本报讯（记者 李四）人社部门日前通报农民工工资支付情况。\n")
    doc = Document("p.md", "p.md", text, "utf-8")
    found = split_articles(doc)
    assert [(a.title, a.date) for a in found] == [("全总召开新闻发布会", "2026-03-05"),
                                                  ("农民工工资支付情况良好", "2026-03-05")]
    assert [b.name for b in found[0].authors] == ["张三"]


def test_not_bundles():
    # one article whose sub-headings follow a lead paragraph, with a date in its title
    article = ("# 2026年3月5日全总召开新闻发布会\n\n全总今天召开新闻发布会，通报今年工作安排。会议介绍了三个方面的重点工作。\n\n"
               "## 技能提升\n\n技能提升行动继续开展。\n\n## 权益维护\n\n权益维护工作继续加强。\n")
    assert [t for t, _, _ in titles_and_dates(article)] == ["2026年3月5日全总召开新闻发布会"]
    # a statute: its chapters are enumerated sections of one text
    law = "# 中华人民共和国工会法\n\n## 第一章 总则\n\n第一条 为保障工会的地位。\n\n## 第二章 工会组织\n\n第九条 工会各级组织。\n"
    assert [t for t, _, _ in titles_and_dates(law, "工会法(2021-12-24).md")] == ["中华人民共和国工会法"]
    # the magazine layout: several level-1 articles
    magazine = "# 甲\n\n**张三** 观点\n\n## 小节\n\n正文。\n\n# 乙\n\n## 小节\n\n正文。\n"
    assert [t for t, _, _ in titles_and_dates(magazine)] == ["甲", "乙"]


def test_split_level_forces_the_level():
    text = "# 合订本\n\n## 第一篇\n\n正文一。\n\n## 第二篇\n\n正文二。\n"
    assert [t for t, _, _ in titles_and_dates(text)] == ["合订本"]  # no date, issue or headline list
    assert [t for t, _, _ in titles_and_dates(text, split_level=2)] == ["第一篇", "第二篇"]
    assert [t for t, _, _ in titles_and_dates(EVENING, split_level=1)] == ["《晚间新闻》 (20251101)"]


def test_a_two_day_archive_through_kg_build_and_the_cli(tmp_path):
    corpus = tmp_path / "晚间新闻"
    corpus.mkdir()
    (corpus / "20251101.md").write_text(EVENING, encoding="utf-8")
    (corpus / "20251102.md").write_text(NEXT_DAY, encoding="utf-8")
    result = kg.build([corpus], output=tmp_path / "out", workers=1, cache=False)
    assert result.articles == 5
    g = Graph().parse(result.graph_path)
    dates = sorted((str(g.value(a, DCTERMS.title)), g.value(a, DCTERMS.date)) for a in g.subjects(predicate=GH.text))
    assert dates == sorted([
        ("全国总工会部署冬季送温暖工作", Literal("2025-11-01", datatype=XSD.date)),
        ("临江市为快递员建设职工驿站", Literal("2025-11-01", datatype=XSD.date)),
        ("多地开展职工技能大赛", Literal("2025-11-01", datatype=XSD.date)),
        ("工会法律援助进企业", Literal("2025-11-02", datatype=XSD.date)),
        ("2025年10月31日，劳模宣讲团走进工地", Literal("2025-11-02", datatype=XSD.date)),
    ])
    texts = " ".join(str(t) for t in g.objects(None, GH.text))
    assert "<" not in texts and "查看原文" not in texts and "新闻摘要" not in texts
    out = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(tmp_path / "one"),
                          "-j", "1", "--no-cache", "--split-level", "1"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "dates: 2 of 2 article(s) dated" in out.stdout
    assert len(set(Graph().parse(tmp_path / "one" / "graph.ttl").subjects(predicate=GH.text))) == 2
    bad = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--split-level", "7"], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "1 to 6" in bad.stderr
