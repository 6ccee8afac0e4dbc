"""Readers of other formats (kg/ingest/html.py, docx.py, pdf.py) and the format table of
kg/ingest/read.py: real files made here or saved pages, built through kg.build, checked
for titles, dates, authors, paragraphs, the absence of clutter, and files left out."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDFS, XSD

import kg
from kg.ingest import ingest, split_articles
from kg.ingest.read import read_inputs
from kg.model import Document
from kg.rdf.namespace import GH
from kg.rdf.validate import validate

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"
ROOT = Path(__file__).resolve().parents[2]

NEWS_CLUTTER = ["首页", "当前位置", "相关新闻", "送温暖", "网友", "查看全部评论", "热门排行", "版权所有", "分享到",
                "微博", "增值电信", "责任编辑", "_工会新闻_", "临江日报网"]
NOTICE_CLUTTER = ["工会概况", "请输入关键词", "您现在的位置", "打印", "关闭", "友情链接", "ICP备", "浏览次数", "金秋助学申请表"]


def articles_of(graph: Graph) -> dict[str, dict]:
    out = {}
    for a in graph.subjects(predicate=GH.text):
        out[str(graph.value(a, DCTERMS.title))] = {
            "text": str(graph.value(a, GH.text)),
            "date": graph.value(a, DCTERMS.date),
            "authors": sorted(str(graph.value(p, RDFS.label)) for p in graph.objects(a, DCTERMS.creator)),
        }
    return out


# --- web pages ------------------------------------------------------------------------

def test_saved_news_page_title_date_author_paragraphs_and_no_clutter():
    [doc], skipped = read_inputs([DATA / "news.html"])
    assert not skipped
    meta = dict(doc.meta)
    assert meta["date"] == "2026-03-12" and meta["author"] == "李明"
    assert meta["url"] == "https://www.linjiang-daily.cn/news/2026-03/12/content_88231.html"
    [a] = split_articles(doc)
    assert a.title == "临江市总工会启动“职工技能提升行动”"  # og:title, not <title> with the site name
    assert (a.date, a.date_source) == ("2026-03-12", "file metadata")
    assert [b.name for b in a.authors] == ["李明", "王芳"]  # the metadata author and the lead byline (通讯员 are authors)
    paras = [a.span(p) for p in a.paragraphs]
    assert "培训补贴直达职工" in paras  # the bold sub-headline stays its own paragraph
    assert [p.kind for p in a.paragraphs if a.span(p) == "培训补贴直达职工"] == ["heading"]
    # <br> breaks the paragraph
    assert "活动现场，20余家企业提供了1200多个就业岗位，吸引了近千名职工前来咨询。" in paras
    assert "不少外卖骑手在现场报名参加了网约配送员培训。" in paras
    assert paras[2].startswith("本报讯（记者 李明 通讯员 王芳）3月12日")
    for word in NEWS_CLUTTER:
        assert word not in a.text, word
    assert "<" not in a.text and "&" not in a.text


def test_union_site_notice_keeps_its_signature_and_drops_the_site_around_it():
    [doc], _ = read_inputs([DATA / "union.html"])
    [a] = split_articles(doc)
    assert a.title == "关于开展2026年“金秋助学”活动的通知"
    assert a.date == "2026-08-15"
    paras = [a.span(p) for p in a.paragraphs]
    assert paras[1] == "各市总工会，省产业工会："
    assert paras.count("关于开展2026年“金秋助学”活动的通知") == 1  # the title is not repeated as body
    assert paras[-2:] == ["江东省总工会", "2026年8月15日"]
    for word in NOTICE_CLUTTER:
        assert word not in a.text, word


GBK_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>四川省总工会启动“川工技能提升行动”-中工网</title></head>
<body><div class="top"><a href="/">中工网首页</a> | <a href="/gh/">工会</a></div>
<div class="side"><ul><li><a href="/x">2025-12-30 往期回顾：全总召开年终会议</a></li></ul></div>
<div class="main"><h1>四川省总工会启动“川工技能提升行动”</h1>
<div class="info">2026-03-05 08:10:12　来源：工人日报　作者：李明华 张强</div>
<div class="content"><p>本报成都3月4日电（记者 李明华）近日，四川省总工会印发实施意见，决定在全省启动“川工技能提升行动”。</p>
<p>四川省总工会党组书记张建国表示，各级工会要针对货车司机、网约车司机等新就业形态劳动者的实际需求开展服务。</p>
<p>据介绍，今年全省工会将投入专项资金，为困难职工家庭子女提供金秋助学服务。</p></div>
<div class="footer">Copyright 2008-2026 中工网 版权所有</div></div></body></html>"""


def test_gbk_page_without_metadata_takes_date_and_author_from_its_info_line(tmp_path):
    (tmp_path / "page.htm").write_bytes(GBK_PAGE.encode("gb18030"))
    [doc], _ = read_inputs([tmp_path / "page.htm"])
    assert doc.encoding == "gb18030" and dict(doc.meta)["author"] == "李明华、张强"
    [a] = split_articles(doc)
    assert a.title == "四川省总工会启动“川工技能提升行动”"
    assert a.date == "2026-03-05"
    assert [b.name for b in a.authors] == ["李明华", "张强"]
    for clutter in ("中工网", "往期回顾", "Copyright", "来源"):
        assert clutter not in a.text


def test_html_inside_markdown_breaks_paragraphs_and_drops_link_lines():
    text = ("# 《晚间新闻》报道\n\n<p>第一段&nbsp;工会&amp;职工。</p><p><strong>小标题，不接下段</strong></p>"
            "<p>第二段。<br/>第三段。</p>\n\n[查看原文](https://example.cn/a/1.html)\n\n阅读原文\n\n"
            "- [相关：另一篇报道](https://example.cn/a/2.html)\n\n第四段引用[工会法](https://x.cn)的规定。")
    [a] = split_articles(Document("t.md", "t.md", text, "utf-8"))
    assert [a.span(p) for p in a.paragraphs] == [
        "《晚间新闻》报道", "第一段 工会&职工。", "小标题，不接下段", "第二段。", "第三段。", "第四段引用工会法的规定。"]
    assert a.paragraphs[2].kind == "heading"  # a bold sub-headline is not glued to what follows
    assert "<" not in a.text and "查看原文" not in a.text and "相关" not in a.text


def test_html_headings_scripts_and_tags_over_lines_inside_markdown():
    text = ("# 工会动态\n\n<script>var share = '分享到微信';</script><style>p{color:red}</style>"
            "<h2>职工驿站建成</h2><p class=\"txt\"\n   style=\"indent\">驿站为户外劳动者服务。</p>")
    [a] = split_articles(Document("t.md", "t.md", text, "utf-8"))
    assert [(p.kind, a.span(p)) for p in a.paragraphs] == [
        ("title", "工会动态"), ("heading", "职工驿站建成"), ("body", "驿站为户外劳动者服务。")]


def test_short_notice_page_is_not_lost():
    page = ("<html><head><title>通知 - 某市总工会</title></head><body><div id='nav'><a href='/'>首页</a></div>"
            "<h1>关于春节放假的通知</h1><p>各单位：春节放假2月16日至22日，共7天。</p><p>某市总工会</p></body></html>")
    from kg.ingest.html import read_html
    doc = read_html(page.encode("utf-8"), Path("n.html"), "n.html")
    assert isinstance(doc, Document)
    [a] = split_articles(doc)
    assert a.title == "关于春节放假的通知" and "春节放假2月16日至22日" in a.text and "首页" not in a.text


# --- folders, unsupported files, the help ------------------------------------------------

def test_folder_with_pages_assets_and_unsupported_files(tmp_path):
    corpus = tmp_path / "archive"
    (corpus / "新闻_files").mkdir(parents=True)
    shutil.copy(DATA / "news.html", corpus / "新闻.html")
    (corpus / "新闻_files" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # the page's assets: not inputs
    (corpus / "统计.xlsx").write_bytes(b"PK\x03\x04xlsx")
    (corpus / "照片.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (corpus / "data.json").write_text("{}", encoding="utf-8")
    (corpus / "旧通知.doc").write_bytes(b"\xd0\xcf\x11\xe0old word")
    result = kg.build([corpus], output=tmp_path / "out", workers=1, cache=False)
    assert result.articles == 1
    reasons = {Path(s.path).name: s.reason for s in result.skipped}
    assert set(reasons) == {"统计.xlsx", "照片.jpg", "data.json", "旧通知.doc"}
    assert "spreadsheet" in reasons["统计.xlsx"] and "image" in reasons["照片.jpg"]
    assert ".doc" in reasons["旧通知.doc"] and ".docx" in reasons["旧通知.doc"]
    log = (tmp_path / "out" / "build.log").read_text(encoding="utf-8")
    assert "统计.xlsx: unsupported: spreadsheet" in log and "logo.png" not in log


def test_cli_names_an_explicit_unreadable_file_and_lists_the_formats(tmp_path):
    bad = tmp_path / "旧通知.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0old word")
    out = subprocess.run([sys.executable, "-m", "kg", "build", str(DATA / "news.html"), str(bad), "-o",
                          str(tmp_path / "out"), "-q", "-j", "1", "--no-cache"], cwd=ROOT, capture_output=True,
                         text=True)
    assert out.returncode == 1
    assert f"skipped {bad}: unsupported: old Word format (.doc)" in out.stderr
    help_text = subprocess.run([sys.executable, "-m", "kg", "build", "--help"], cwd=ROOT, capture_output=True,
                               text=True).stdout
    for shown in (".html", ".docx", ".pdf", ".md", ".doc"):
        assert shown in help_text


def test_pages_through_kg_build_into_a_valid_graph(tmp_path):
    result = kg.build([DATA], output=tmp_path, workers=1, cache=False)
    g = Graph().parse(result.graph_path)
    arts = articles_of(g)
    assert arts["临江市总工会启动“职工技能提升行动”"]["date"] == Literal("2026-03-12", datatype=XSD.date)
    assert arts["临江市总工会启动“职工技能提升行动”"]["authors"] == ["李明", "王芳"]
    assert arts["关于开展2026年“金秋助学”活动的通知"]["date"] == Literal("2026-08-15", datatype=XSD.date)
    assert validate(g).conforms


def test_ingest_of_a_page_is_the_same_as_through_the_build(tmp_path):
    found, skipped, log = ingest([DATA / "news.html"])
    assert [a.title for a in found] == ["临江市总工会启动“职工技能提升行动”"] and not skipped
    assert any("date 2026-03-12 (file metadata)" in line for line in log)


@pytest.fixture(scope="module")
def cjk_font() -> Path:
    for p in (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
              Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")):
        if p.is_file():
            return p
    pytest.skip("no CJK font found (apt-get install fonts-noto-cjk) to write a Chinese PDF with")


# --- Word -------------------------------------------------------------------------------

def write_notice(path: Path) -> None:
    docx = pytest.importorskip("docx", reason="python-docx (pip install '.[test]') writes the Word file")
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    d = docx.Document()
    title = d.add_paragraph()
    title.add_run("临江市总工会关于开展2026年“送清凉”活动的通知").bold = True
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("各县（市、区）总工会，各产业工会：")
    d.add_paragraph("为切实做好高温季节一线职工防暑降温工作，市总工会决定在全市开展“送清凉”活动。现将有关事项通知如下：")
    d.add_heading("一、活动对象", level=2)
    d.add_paragraph("户外作业的环卫工人、建筑工人、快递员、外卖送餐员等一线职工和农民工。")
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "慰问对象", (0, 1): "标准", (1, 0): "环卫工人", (1, 1): "每人200元"}.items():
        table.cell(r, c).text = text
    d.add_paragraph("临江市总工会").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_paragraph("2026年6月15日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.core_properties.author = "Administrator"  # the typist's account: not the author
    d.save(str(path))


def test_word_notice_title_body_and_signature(tmp_path):
    write_notice(tmp_path / "通知.docx")
    [doc], skipped = read_inputs([tmp_path / "通知.docx"])
    assert not skipped
    assert dict(doc.meta) == {"title": "临江市总工会关于开展2026年“送清凉”活动的通知",
                              "organization": "临江市总工会", "date": "2026年6月15日"}
    [a] = split_articles(doc)
    assert a.title == "临江市总工会关于开展2026年“送清凉”活动的通知"
    assert (a.date, a.date_source) == ("2026-06-15", "file metadata")
    assert [(p.kind, a.span(p)) for p in a.paragraphs][1:] == [
        ("body", "各县（市、区）总工会，各产业工会："),
        ("body", "为切实做好高温季节一线职工防暑降温工作，市总工会决定在全市开展“送清凉”活动。现将有关事项通知如下："),
        ("heading", "一、活动对象"),
        ("body", "户外作业的环卫工人、建筑工人、快递员、外卖送餐员等一线职工和农民工。"),
        ("body", "慰问对象 标准"),
        ("body", "环卫工人 每人200元"),
    ]  # the signature and its date are not body text
    assert "Administrator" not in a.text and not a.authors


def test_official_document_banner_number_and_a_note_after_the_signature(tmp_path):
    docx = pytest.importorskip("docx", reason="python-docx (pip install '.[test]') writes the Word file")
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    d = docx.Document()
    for text in ("临江市总工会文件", "临工发〔2026〕5号"):
        d.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("关于表彰2025年度先进职工之家的决定", style="Title")
    d.add_paragraph("各基层工会：")
    d.add_paragraph("经研究，决定授予10个单位“先进职工之家”称号。")
    d.add_paragraph("临江市总工会")
    d.add_paragraph("二〇二六年一月八日")
    d.add_paragraph("（此件公开发布）")
    d.save(str(tmp_path / "决定.docx"))
    [doc], _ = read_inputs([tmp_path / "决定.docx"])
    assert dict(doc.meta)["organization"] == "临江市总工会"
    [a] = split_articles(doc)
    assert a.title == "关于表彰2025年度先进职工之家的决定"
    assert a.date == "2026-01-08"
    assert [a.span(p) for p in a.paragraphs][-2:] == ["经研究，决定授予10个单位“先进职工之家”称号。", "（此件公开发布）"]
    assert "临工发〔2026〕5号" in a.text  # kept as text, not taken for the title


def test_a_file_named_docx_that_is_not_word_is_named(tmp_path):
    (tmp_path / "notes.docx").write_text("# 其实是文本", encoding="utf-8")
    docs, [skipped] = read_inputs([tmp_path / "notes.docx"])
    assert not docs and "not a readable Word (.docx) file" in skipped.reason


# --- PDF --------------------------------------------------------------------------------

COMMENT_P1 = [
    "当前，新就业形态劳动者数量快速增长，快递员、外卖送餐员、网约车司机已成为城市运行不可或缺的力量。"
    "如何把他们组织到工会中来，是各级工会面临的新课题。",
    "近年来，临江市总工会坚持“哪里有职工，哪里就有工会组织”，在快递、外卖等行业推行集中入会，累计吸纳"
    "新就业形态劳动者入会两万余人，建成职工驿站一百二十个，为户外劳动者提供歇脚、饮水、充电等服务，让他们在城市里有了",
]
COMMENT_P2 = "“娘家”。这一做法得到了广大职工的欢迎。"
COMMENT_LEFT = "工会还要在维权上下功夫。要推动平台企业开展集体协商，就劳动报酬、休息休假、劳动安全等问题与劳动者代表平等协商。"
COMMENT_RIGHT = "同时，要加强法律援助，为权益受到侵害的劳动者提供免费法律服务，让他们遇事有处说、有人帮。"


def write_commentary(path: Path, font: Path) -> None:
    """Two pages: running head and page number on each, a large title, a byline, a
    paragraph running over the page break, a two-column part, an author note."""
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (pip install '.[test]') writes the PDF")
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", fname=str(font), collection_font_number=2 if font.suffix == ".ttc" else 0)

    def furniture(n: int) -> None:
        pdf.set_font("cjk", size=8)
        pdf.set_xy(10, 8)
        pdf.cell(190, 5, "工会理论与实践 · 2026年第3期", align="C")
        pdf.set_xy(10, 285)
        pdf.cell(190, 5, f"— {n} —", align="C")

    pdf.add_page()
    furniture(1)
    pdf.set_font("cjk", size=18)
    pdf.set_xy(10, 25)
    pdf.multi_cell(190, 10, "把新就业形态劳动者凝聚在工会周围", align="C")
    pdf.set_font("cjk", size=10)
    pdf.set_xy(10, 42)
    pdf.cell(190, 6, "□ 张明远", align="C")
    pdf.set_font("cjk", size=11)
    y = 60.0
    for para in COMMENT_P1:
        pdf.set_xy(10, y)
        pdf.multi_cell(190, 7, para)
        y = pdf.get_y() + 4
    pdf.add_page()
    furniture(2)
    pdf.set_font("cjk", size=11)
    pdf.set_xy(10, 25)
    pdf.multi_cell(190, 7, COMMENT_P2)
    top = pdf.get_y() + 4
    for x, para in ((10, COMMENT_LEFT), (110, COMMENT_RIGHT)):
        pdf.set_xy(x, top)
        pdf.multi_cell(90, 7, para)
    pdf.set_xy(10, 120)
    pdf.multi_cell(190, 7, "（作者为临江市总工会副主席）")
    pdf.set_title("Microsoft Word - 评论.docx")
    pdf.output(str(path))


def test_two_page_pdf_commentary(tmp_path, cjk_font):
    write_commentary(tmp_path / "评论.pdf", cjk_font)
    [doc], skipped = read_inputs([tmp_path / "评论.pdf"])
    assert not skipped
    [a] = split_articles(doc)
    assert a.title == "把新就业形态劳动者凝聚在工会周围"
    assert [b.name for b in a.authors] == ["张明远"]
    body = [a.span(p) for p in a.paragraphs if p.kind == "body"]
    assert body == [
        COMMENT_P1[0],
        COMMENT_P1[1] + COMMENT_P2,  # lines joined without spaces, the page break repaired
        COMMENT_LEFT,                # the left column before the right one
        COMMENT_RIGHT,
    ]
    assert a.span(a.note) == "（作者为临江市总工会副主席）"
    for clutter in ("工会理论与实践", "— 1 —", "— 2 —", "Microsoft"):
        assert clutter not in a.text


def test_scanned_pdf_is_named_not_an_empty_article(tmp_path):
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (pip install '.[test]') writes the PDF")
    from PIL import Image
    Image.new("RGB", (200, 100), "white").save(tmp_path / "scan.png")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.image(str(tmp_path / "scan.png"), x=10, y=10, w=180)
    pdf.output(str(tmp_path / "扫描件.pdf"))
    (tmp_path / "坏.pdf").write_bytes(b"%PDF-1.4\nnot really")
    docs, skipped = read_inputs([tmp_path])
    assert not docs
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons["扫描件.pdf"] == "no text layer (scanned)"
    assert reasons["坏.pdf"].startswith("not a readable PDF")


def test_word_and_pdf_through_kg_build(tmp_path, cjk_font):
    corpus = tmp_path / "docs"
    corpus.mkdir()
    write_notice(corpus / "通知.docx")
    write_commentary(corpus / "2026-03-05-评论.pdf", cjk_font)
    result = kg.build([corpus], output=tmp_path / "out", workers=1, cache=False)
    assert not result.skipped
    g = Graph().parse(result.graph_path)
    arts = articles_of(g)
    assert arts["临江市总工会关于开展2026年“送清凉”活动的通知"]["date"] == Literal("2026-06-15", datatype=XSD.date)
    comment = arts["把新就业形态劳动者凝聚在工会周围"]
    assert comment["date"] == Literal("2026-03-05", datatype=XSD.date)  # from the file name
    assert comment["authors"] == ["张明远"]
    assert validate(g).conforms
