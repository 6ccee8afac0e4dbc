"""graph.html in a real headless Chromium, offline: every non-file request is blocked and recorded."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from kg.rdf.namespace import GH
from kg.viz import write_explorer

GHR = "https://w3id.org/gonghui-kg/resource/"
XSS_TITLE = "<script>alert(1)</script>工会动态"
PAGE_CLASSES = (GH.Article, GH.Person, GH.Organization, GH.WorkerGroup, GH.Measure, GH.Column)


def graph_node_count(graph: Graph) -> int:
    return len({s for c in PAGE_CLASSES for s in graph.subjects(RDF.type, c)})


@pytest.fixture
def small_page(small_graph, tmp_path, offline_page):
    path = tmp_path / "graph.html"
    write_explorer(small_graph, path)
    offline_page.open(path)
    return offline_page


def node_id(page, iri: str) -> int:
    i = page.evaluate("iri => window.kgExplorer.indexOf(iri)", iri)
    assert i >= 0, iri
    return i


def click_at(page, canvas_point: dict) -> None:
    """Click the graph canvas at a point in network coordinates."""
    dom = page.evaluate("p => window.kgExplorer.network.canvasToDOM(p)", canvas_point)
    box = page.locator("#graph canvas").bounding_box()
    page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])


def test_page_is_offline_and_error_free(small_page):
    small_page.page.wait_for_timeout(300)
    assert small_page.external == []
    assert small_page.errors == []


def test_every_graph_node_is_on_the_page(small_page, small_graph):
    page = small_page.page
    expected = graph_node_count(small_graph)
    assert expected == 17
    assert page.evaluate("window.kgExplorer.nodes.length") == expected
    assert page.evaluate("window.kgExplorer.nodesView.length") == expected
    assert "17 of 17 nodes" in page.locator("#status").inner_text()


@pytest.mark.parametrize("query, iri, label", [
    ("江苏省总工会", GHR + "org/江苏省总工会", "江苏省总工会"),
    ("快递小哥", GHR + "group/快递员", "快递员"),            # an alias finds the entity
    ("全总", GHR + "org/中华全国总工会", "中华全国总工会"),
])
def test_search_selects_and_shows_the_node(small_page, query, iri, label):
    page = small_page.page
    page.locator("#search").click()
    page.keyboard.insert_text(query)  # what an IME commits: Chinese text in one go
    assert page.locator("#results li").first.get_attribute("data-node") == iri
    page.keyboard.press("Enter")
    selected = page.evaluate("window.kgExplorer.network.getSelectedNodes()")
    assert selected == [node_id(page, iri)]
    assert page.locator("#panel h2").inner_text() == label
    page.wait_for_timeout(500)  # the focus animation
    centre = page.evaluate("(() => { const n = window.kgExplorer.network; return n.canvasToDOM(n.getViewPosition()); })()")
    node = page.evaluate("i => { const n = window.kgExplorer.network; return n.canvasToDOM(n.getPositions([i])[i]); }",
                         selected[0])
    assert abs(centre["x"] - node["x"]) < 5 and abs(centre["y"] - node["y"]) < 5


def test_clicking_a_node_shows_its_evidence(small_page):
    page = small_page.page
    i = node_id(page, GHR + "measure/求学圆梦行动")
    click_at(page, page.evaluate("i => window.kgExplorer.network.getPositions([i])[i]", i))
    assert page.locator("#panel h2").inner_text() == "求学圆梦行动"
    panel = page.locator("#panel")
    assert "聚焦主责主业把广大职工团结在党的周围" in panel.locator("ul").first.inner_text()
    sentences = panel.locator(".ev .sentence").all_inner_texts()
    assert "大力实施农民工“求学圆梦行动”，多渠道促进农民工就业创业。" in sentences
    assert set(panel.locator(".ev mark").all_inner_texts()) == {"求学圆梦行动"}


def test_clicking_an_edge_shows_the_evidence_for_that_edge(small_page):
    page = small_page.page
    a, b = node_id(page, GHR + "person/魏国强"), node_id(page, GHR + "org/江苏省总工会")
    pos = page.evaluate("ids => window.kgExplorer.network.getPositions(ids)", [a, b])
    # a point on the edge, a third of the way along (clear of both nodes and of the label)
    pa, pb = pos[str(a)], pos[str(b)]
    page.evaluate("window.kgExplorer.network.setOptions({edges: {smooth: false}})")
    click_at(page, {"x": pa["x"] + (pb["x"] - pa["x"]) * 0.35, "y": pa["y"] + (pb["y"] - pa["y"]) * 0.35})
    body = page.locator("#panel-body")
    assert body.get_attribute("data-edge") is not None
    assert page.locator("#panel h2").inner_text() == "主席"  # a membership edge is labelled with the role
    assert body.locator(".ev .sentence").all_inner_texts() == ["江苏省总工会主席魏国强表示，要关心快递小哥等灵活就业群体。"]
    assert body.locator(".ev mark").all_inner_texts() == ["魏国强"]
    assert "member.org-role-name" in body.locator(".ev .meta").inner_text()


def test_corpus_html_is_shown_as_text(small_page):
    page = small_page.page
    page.locator("#search").click()
    page.keyboard.insert_text("alert(1)")
    page.keyboard.press("Enter")
    assert page.locator("#panel h2").inner_text() == XSS_TITLE
    sentences = page.locator("#panel .ev .sentence").all_inner_texts()
    assert sentences[0] == "王东明"  # the byline comes first: evidence reads in text order
    assert any("<img src=x onerror=alert(1)>" in s for s in sentences)
    assert any("javascript:alert(1)" in s for s in sentences)
    assert page.locator("#panel").get_attribute("hidden") is None
    assert page.evaluate("document.querySelectorAll('img, a[href], #panel script').length") == 0
    assert small_page.dialogs == []
    assert small_page.errors == []


def test_filters_hide_classes_relations_and_scope_to_an_article(small_page):
    page = small_page.page
    page.locator("#f-classes input[data-key=Person]").uncheck()
    assert page.evaluate("window.kgExplorer.nodesView.length") == 15
    page.locator("#f-relations input[data-key=mentions]").uncheck()
    assert page.evaluate("window.kgExplorer.edgesView.get().every(e => window.kgExplorer.data.edges[e.id][2] !== 0)")
    page.locator("#reset").click()
    page.locator("#f-classes input[data-key=Person]").check()
    page.locator("#f-relations input[data-key=mentions]").check()
    article = node_id(page, GHR + "article/a3-xinyetai")
    page.locator("#f-article").select_option(str(article))
    shown = page.evaluate("window.kgExplorer.nodesView.getIds().map(i => window.kgExplorer.data.nodes[i].l).sort()")
    assert shown == sorted(["新就业形态劳动者入会", "中华全国总工会", "新就业形态劳动者", "快递员", "集体协商"])
    column = node_id(page, GHR + "column/观点")
    page.locator("#f-column").select_option(str(column))
    shown = page.evaluate("window.kgExplorer.nodesView.getIds().map(i => window.kgExplorer.data.nodes[i].l)")
    assert XSS_TITLE in shown and "王东明" in shown and "新就业形态劳动者入会" not in shown


def test_large_graph_mode_lays_out_in_python_and_shows_the_top_n(small_graph, tmp_path, offline_page):
    path = tmp_path / "graph.html"
    write_explorer(small_graph, path, max_physics_nodes=5)
    page = offline_page.open(path)
    assert page.evaluate("window.kgExplorer.network.physics.options.enabled") is False
    assert page.evaluate("window.kgExplorer.data.nodes.every(n => typeof n.x === 'number')")
    assert page.evaluate("window.kgExplorer.nodes.length") == 17
    assert page.evaluate("window.kgExplorer.nodesView.length") == 5
    assert page.locator("#f-top").is_checked()
    # the search still reaches a node outside the top 5, and shows it
    ranks = page.evaluate("window.kgExplorer.data.nodes.map(n => [n.r, n.l])")
    outside = max(ranks)[1]
    page.locator("#search").click()
    page.keyboard.insert_text(outside)
    page.keyboard.press("Enter")
    assert page.locator("#panel h2").inner_text() == outside
    assert page.evaluate("window.kgExplorer.nodesView.length") == 6
    page.locator("#f-top").uncheck()
    assert page.evaluate("window.kgExplorer.nodesView.length") == 17
    assert offline_page.external == [] and offline_page.errors == []


def test_one_sentence_cited_by_two_rules_is_shown_once_with_both(small_page):
    page = small_page.page
    page.evaluate("i => window.kgExplorer.select(i)", node_id(page, GHR + "group/快递员"))
    items = page.locator("#panel .ev")
    texts = items.locator(".sentence").all_inner_texts()
    assert len(texts) == len(set(texts)) == 3
    cited = items.filter(has_text="快递员是新就业形态劳动者").locator(".meta").inner_text()
    assert "rules mention.vocabulary, broader.shi" in cited or "rules broader.shi, mention.vocabulary" in cited
