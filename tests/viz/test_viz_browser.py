"""graph.html in a real headless Chromium, offline: every non-file request is blocked and
recorded. Each behaviour is checked with both renderers (vis-network and sigma.js)."""

from __future__ import annotations

import math

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from kg.rdf.namespace import GH
from kg.viz import write_explorer

GHR = "https://w3id.org/gonghui-kg/resource/"
XSS_TITLE = "<script>alert(1)</script>工会动态"
PAGE_CLASSES = (GH.Article, GH.Person, GH.Organization, GH.WorkerGroup, GH.Measure, GH.Column)
RENDERERS = ["vis", "sigma"]


def graph_node_count(graph: Graph) -> int:
    return len({s for c in PAGE_CLASSES for s in graph.subjects(RDF.type, c)})


def open_page(graph, tmp_path, offline_page, renderer, **options):
    path = tmp_path / f"graph-{renderer}.html"
    write_explorer(graph, path, renderer=renderer, **options)
    offline_page.open(path)
    assert offline_page.page.evaluate("window.kgExplorer.renderer.name") == renderer
    return offline_page


@pytest.fixture(params=RENDERERS)
def small_page(request, small_graph, tmp_path, offline_page):
    return open_page(small_graph, tmp_path, offline_page, request.param)


def node_id(page, iri: str) -> int:
    i = page.evaluate("iri => window.kgExplorer.indexOf(iri)", iri)
    assert i >= 0, iri
    return i


def visible_labels(page) -> list[str]:
    return sorted(page.evaluate("window.kgExplorer.visible().map(i => window.kgExplorer.nodes[i].l)"))


def search(page, text: str) -> None:
    page.locator("#search").click()
    page.locator("#search").fill("")
    page.keyboard.insert_text(text)  # what an IME commits: Chinese text in one go


def test_page_is_offline_and_error_free(small_page):
    small_page.page.wait_for_timeout(300)
    assert small_page.external == []
    assert small_page.errors == []


def test_every_graph_node_is_on_the_page(small_page, small_graph):
    page = small_page.page
    expected = graph_node_count(small_graph)
    assert expected == 17
    assert page.evaluate("window.kgExplorer.nodes.length") == expected
    assert len(page.evaluate("window.kgExplorer.visible()")) == expected
    assert len(page.evaluate("window.kgExplorer.positions()")) == expected
    assert "17 of 17 nodes" in page.locator("#status").inner_text()


@pytest.mark.parametrize("query, iri, label", [
    ("江苏省总工会", GHR + "org/江苏省总工会", "江苏省总工会"),
    ("快递小哥", GHR + "group/快递员", "快递员"),            # an alias finds the entity
    ("全总", GHR + "org/中华全国总工会", "中华全国总工会"),
    ("農民工", GHR + "group/农民工", "农民工"),              # a traditional form finds the simplified label
    ("江蘇省總工會", GHR + "org/江苏省总工会", "江苏省总工会"),
])
def test_search_selects_and_shows_the_node(small_page, query, iri, label):
    page = small_page.page
    search(page, query)
    assert page.locator("#results li").first.get_attribute("data-node") == iri
    page.keyboard.press("Enter")
    selected = page.evaluate("window.kgExplorer.renderer.selected()")
    assert selected == [node_id(page, iri)]
    assert page.locator("#panel h2").inner_text() == label
    # the focus animation ends with the node in the middle of the graph
    page.wait_for_function("""i => { const R = window.kgExplorer.renderer, c = R.centre(), n = R.screen(i);
                                     return Math.abs(c.x - n.x) < 5 && Math.abs(c.y - n.y) < 5; }""",
                           arg=selected[0], timeout=10_000)


def test_clicking_a_node_shows_its_evidence(small_page):
    page = small_page.page
    i = node_id(page, GHR + "measure/求学圆梦行动")
    at = page.evaluate("i => window.kgExplorer.renderer.screen(i)", i)
    page.mouse.click(at["x"], at["y"])
    assert page.locator("#panel h2").inner_text() == "求学圆梦行动"
    panel = page.locator("#panel")
    assert "聚焦主责主业把广大职工团结在党的周围" in panel.locator("ul").first.inner_text()
    sentences = panel.locator(".ev .sentence").all_inner_texts()
    assert "大力实施农民工“求学圆梦行动”，多渠道促进农民工就业创业。" in sentences
    assert set(panel.locator(".ev mark").all_inner_texts()) == {"求学圆梦行动"}


def test_clicking_an_edge_shows_the_evidence_for_that_edge(small_page):
    page = small_page.page
    a, b = node_id(page, GHR + "person/魏国强"), node_id(page, GHR + "org/江苏省总工会")
    # show only these two, zoomed in, so the click lands on the edge and nothing else
    page.evaluate("""([a, b]) => {
        const k = window.kgExplorer;
        k.setScope({article: null});
        document.querySelectorAll('#f-classes input').forEach(cb => {
          if (cb.dataset.key !== 'Person' && cb.dataset.key !== 'Organization') cb.click(); });
        document.getElementById('f-orphans').click();
    }""", [a, b])
    assert sorted(page.evaluate("window.kgExplorer.visible()")) == sorted([a, b])
    page.wait_for_timeout(300)
    pa, pb = (page.evaluate("i => window.kgExplorer.renderer.screen(i)", n) for n in (a, b))
    page.mouse.click(pa["x"] + (pb["x"] - pa["x"]) * 0.35, pa["y"] + (pb["y"] - pa["y"]) * 0.35)
    body = page.locator("#panel-body")
    assert body.get_attribute("data-edge") is not None
    assert page.locator("#panel h2").inner_text() == "主席"  # a membership edge is labelled with the role
    assert body.locator(".ev .sentence").all_inner_texts() == ["江苏省总工会主席魏国强表示，要关心快递小哥等灵活就业群体。"]
    assert body.locator(".ev mark").all_inner_texts() == ["魏国强"]
    assert "member.org-role-name" in body.locator(".ev .meta").inner_text()


def test_corpus_html_is_shown_as_text(small_page):
    page = small_page.page
    search(page, "alert(1)")
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


def test_filters_hide_classes_relations_and_nodes_left_without_links(small_page):
    page = small_page.page
    page.locator("#f-classes input[data-key=Person]").uncheck()
    assert len(page.evaluate("window.kgExplorer.visible()")) == 15
    page.locator("#f-relations input[data-key=mentions]").uncheck()
    rels = page.evaluate("window.kgExplorer.visibleEdges().map(k => window.kgExplorer.edges[k][2])")
    assert rels and 0 not in rels
    page.locator("#f-orphans").check()
    linked = page.evaluate("""(() => { const k = window.kgExplorer, s = new Set();
        k.visibleEdges().forEach(e => { s.add(k.edges[e][0]); s.add(k.edges[e][1]); });
        return k.visible().every(i => s.has(i)); })()""")
    assert linked
    assert visible_labels(page) == sorted(["求学圆梦行动", "农民工", "困难职工帮扶攻坚行动", "困难职工",
                                           "快递员", "新就业形态劳动者", "灵活就业群体",  # targets, broader
                                           XSS_TITLE, "观点", "聚焦主责主业把广大职工团结在党的周围", "三工论坛"])
    page.locator("#f-orphans").uncheck()
    assert len(page.evaluate("window.kgExplorer.visible()")) == 15


def test_scope_to_an_article_or_a_column(small_page):
    page = small_page.page
    article = node_id(page, GHR + "article/a3-xinyetai")
    page.locator("#f-article").select_option(str(article))
    assert visible_labels(page) == sorted(["新就业形态劳动者入会", "中华全国总工会", "新就业形态劳动者", "快递员", "集体协商"])
    page.evaluate("window.kgExplorer.setScope({column: '%s'})" % (GHR + "column/观点"))
    shown = visible_labels(page)
    assert XSS_TITLE in shown and "王东明" in shown and "新就业形态劳动者入会" not in shown
    page.evaluate("window.kgExplorer.reset()")
    assert len(page.evaluate("window.kgExplorer.visible()")) == 17


def overlapping_pairs(positions: dict, distance: float = 8.0) -> int:
    pts = list(positions.values())
    return sum(1 for i in range(len(pts)) for j in range(i + 1, len(pts))
               if math.dist((pts[i]["x"], pts[i]["y"]), (pts[j]["x"], pts[j]["y"])) < distance)


def test_scope_and_reset_keep_every_position(small_page):
    page = small_page.page
    first = page.evaluate("window.kgExplorer.positions()")
    assert len(first) == 17
    for article in ("a1-zhuze", "a2-xss", "a3-xinyetai"):
        page.evaluate("iri => window.kgExplorer.setScope({article: iri})", GHR + "article/" + article)
        page.locator("#f-classes input[data-key=Organization]").uncheck()
        page.evaluate("window.kgExplorer.reset()")
        page.locator("#f-classes input[data-key=Organization]").check()
    page.evaluate("window.kgExplorer.setScope({column: '%s'})" % (GHR + "column/三工论坛"))
    page.locator("#reset").click()
    after = page.evaluate("window.kgExplorer.positions()")
    assert after == first
    assert overlapping_pairs(after) <= overlapping_pairs(first)


@pytest.mark.parametrize("renderer", RENDERERS)
def test_large_mode_opens_on_the_top_entities_with_articles_on_demand(small_graph, tmp_path, offline_page, renderer):
    page = open_page(small_graph, tmp_path, offline_page, renderer, top_n=6, open_all_up_to=10).page
    assert page.evaluate("window.kgExplorer.nodes.every(n => typeof n.x === 'number')")
    assert page.evaluate("window.kgExplorer.nodes.length") == 17
    shown = page.evaluate("window.kgExplorer.visible().map(i => window.kgExplorer.nodes[i])")
    assert 0 < len(shown) <= 6 and all(n["c"] != 0 for n in shown)  # no article until asked for
    assert len({n["c"] for n in shown}) >= 3  # the leaders of several classes, not of one
    assert page.locator("#f-top").is_checked()
    assert not page.locator("#f-classes input[data-key=Article]").is_checked()
    # the search still reaches a node outside the top, and shows it
    ranks = page.evaluate("window.kgExplorer.nodes.filter(n => n.c !== 0).map(n => [n.r, n.l])")
    outside = max(ranks)[1]
    search(page, outside)
    page.keyboard.press("Enter")
    assert page.locator("#panel h2").inner_text() == outside
    assert len(page.evaluate("window.kgExplorer.visible()")) == len(shown) + 1
    page.locator("#f-top").uncheck()
    page.locator("#f-classes input[data-key=Article]").check()
    assert len(page.evaluate("window.kgExplorer.visible()")) == 17
    assert offline_page.external == [] and offline_page.errors == []


@pytest.mark.parametrize("renderer", RENDERERS)
def test_targets_follow_narrower_groups_when_asked(seed_graph, tmp_path, offline_page, renderer):
    page = open_page(seed_graph, tmp_path, offline_page, renderer).page
    page.evaluate("i => window.kgExplorer.select(i)", node_id(page, GHR + "group/困难职工"))
    aimed = page.locator("#panel li.aimed")
    direct = [t for t in aimed.all_inner_texts() if "via" not in t]
    via = [t for t in aimed.all_inner_texts() if "via 城镇困难职工" in t]
    assert direct and via
    page.locator("#f-narrower").uncheck()
    assert page.locator("#panel li.aimed").count() == len(direct)
    page.locator("#f-narrower").check()
    assert page.locator("#panel li.aimed").count() == len(direct) + len(via)


@pytest.mark.parametrize("renderer", RENDERERS)
def test_date_range_hides_articles_outside_it_and_entities_only_they_name(dated_graph, tmp_path, offline_page, renderer):
    page = open_page(dated_graph, tmp_path, offline_page, renderer).page
    assert page.locator("#dates").is_visible()
    bars = page.locator("#histogram rect")
    assert bars.count() == 2 and "2024-05: 2" in bars.nth(1).inner_html()
    page.locator("#f-from").select_option("2024-05")
    shown = visible_labels(page)
    assert "聚焦主责主业把广大职工团结在党的周围" not in shown  # 2024-03
    assert "新就业形态劳动者入会" in shown and XSS_TITLE in shown
    assert "魏国强" not in shown and "求学圆梦行动" not in shown  # named only in the 2024-03 article
    assert "农民工" in shown  # named in a 2024-05 article too
    page.locator("#f-from").select_option("2024-03")
    assert len(page.evaluate("window.kgExplorer.visible()")) == 17


def test_one_sentence_cited_by_two_rules_is_shown_once_with_both(small_page):
    page = small_page.page
    page.evaluate("i => window.kgExplorer.select(i)", node_id(page, GHR + "group/快递员"))
    items = page.locator("#panel .ev")
    texts = items.locator(".sentence").all_inner_texts()
    assert len(texts) == len(set(texts)) == 3
    cited = items.filter(has_text="快递员是新就业形态劳动者").locator(".meta").inner_text()
    assert "rules mention.vocabulary, broader.shi" in cited or "rules broader.shi, mention.vocabulary" in cited


def boxes_overlap(a, b) -> bool:
    return a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]


@pytest.mark.parametrize("renderer", RENDERERS)
def test_labels_never_overlap_and_fewer_show_as_you_zoom_out(seed_graph, tmp_path, offline_page, renderer):
    page = open_page(seed_graph, tmp_path, offline_page, renderer).page
    page.wait_for_timeout(300)
    labels = page.evaluate("window.kgExplorer.renderer.labels()")
    shown = page.evaluate("window.kgExplorer.visible()")
    assert 0 < len(labels) <= len(shown)
    assert not any(boxes_overlap(a, b) for i, a in enumerate(labels) for b in labels[i + 1:])
    best = min(shown, key=lambda i: page.evaluate("i => window.kgExplorer.nodes[i].r", i))
    assert best in [b[0] for b in labels]  # the best-ranked node is always named
    # zoomed out, the nodes crowd together: fewer labels, still none on another
    page.evaluate("window.kgExplorer.renderer.zoomBy(1 / 3); window.kgExplorer.renderer.drawNow()")
    crowded = page.evaluate("window.kgExplorer.renderer.labels()")
    assert 0 < len(crowded) < len(labels)
    assert not any(boxes_overlap(a, b) for i, a in enumerate(crowded) for b in crowded[i + 1:])
    assert best in [b[0] for b in crowded]
    # a selected node is named first, whatever its rank
    last = max(shown, key=lambda i: page.evaluate("i => window.kgExplorer.nodes[i].r", i))
    page.evaluate("i => { window.kgExplorer.select(i); }", last)
    page.wait_for_timeout(600)
    assert page.evaluate("window.kgExplorer.renderer.labels()")[0][0] == last


def test_without_webgl_the_sigma_page_draws_the_best_nodes_with_vis_network(browser, seed_graph, tmp_path, monkeypatch):
    from offline_browser import CHROMIUM, CHROMIUM_ARGS, OfflinePage

    import kg.viz.explorer as explorer

    monkeypatch.setattr(explorer, "SIGMA_ABOVE", 20)  # the fallback's limit, small enough to see
    path = tmp_path / "graph.html"
    write_explorer(seed_graph, path, renderer="sigma")
    no_webgl = browser.browser_type.launch(executable_path=CHROMIUM,
                                           args=[*CHROMIUM_ARGS, "--disable-webgl", "--disable-3d-apis"])
    try:
        offline = OfflinePage(no_webgl)
        page = offline.open(path)
        assert page.evaluate("!document.createElement('canvas').getContext('webgl')")
        assert page.evaluate("window.kgExplorer.renderer.name") == "vis"
        notice = page.locator("#notice")
        assert notice.is_visible() and "WebGL" in notice.inner_text() and "20" in notice.inner_text()
        total = graph_node_count(seed_graph)
        assert page.evaluate("window.kgExplorer.nodes.length") == total
        shown = page.evaluate("window.kgExplorer.visible()")
        ranks = page.evaluate("window.kgExplorer.nodes.map(n => n.r)")
        assert len(shown) == 20 and sorted(ranks[i] for i in shown) == sorted(ranks)[:20]
        assert len(page.evaluate("window.kgExplorer.positions()")) == 20
        assert f"of {total} without WebGL" in page.locator("#status").inner_text()
        assert page.locator("#graph canvas").count() >= 1  # something is drawn, not a blank box
        search(page, "農民工")  # outside the best 20 or not, the search reaches it and shows it
        page.keyboard.press("Enter")
        assert page.locator("#panel h2").inner_text() == "农民工"
        assert node_id(page, GHR + "group/农民工") in page.evaluate("window.kgExplorer.visible()")
        assert offline.external == [] and offline.errors == []
    finally:
        no_webgl.close()


def many_mentions_page(tmp_path, articles: int = 500, entities: int = 300, per_article: int = 8):
    """A sigma page past its thin-edge threshold once every node is shown (4,000 mentions)."""
    import random

    from kg.analyze import pagerank
    from kg.viz.explorer import _display_graph, explorer_payload, render_page
    from kg.viz.graphdata import ArticleInfo, Edge, EvidenceRow, GraphData, Node
    from kg.viz.layout import layout

    rng = random.Random(7)
    info = {f"{GHR}article/m{k}": ArticleInfo(f"{GHR}article/m{k}", f"第{k}篇", f"m/{k}.md", "") for k in range(articles)}
    nodes = [Node(a, "Article", i.title) for a, i in info.items()]
    nodes += [Node(f"{GHR}group/g{j}", "WorkerGroup", f"群体{j}") for j in range(entities)]
    evidence, edges = [], []
    for a in info:
        for j in sorted(rng.sample(range(entities), per_article)):
            evidence.append(EvidenceRow(a, f"关心群体{j}。", 2, 4 + len(str(j)), "synthetic"))
            edges.append(Edge(a, f"{GHR}group/g{j}", "mentions", "提及", (len(evidence) - 1,)))
    data = GraphData(tuple(nodes), tuple(edges), tuple(evidence), info)
    import networkx as nx

    G = nx.Graph((e.source, e.target) for e in edges)
    scores = {n: {"pagerank": v} for n, v in pagerank(G).items()}
    path = tmp_path / "many.html"
    path.write_text(render_page(explorer_payload(data, scores, layout(_display_graph(data)), top_n=50, big=True,
                                                 renderer="sigma")), encoding="utf-8")
    return path


def test_show_all_frames_the_graph_when_edges_turn_thin(tmp_path, offline_page):
    page = offline_page.open(many_mentions_page(tmp_path))
    assert page.evaluate("window.kgExplorer.renderer.name") == "sigma"
    page.evaluate("window.kgExplorer.showAll()")
    assert len(page.evaluate("window.kgExplorer.visibleEdges()")) == 4000
    page.wait_for_timeout(500)
    box = page.locator("#graph").bounding_box()
    on_screen = page.evaluate("""() => { const k = window.kgExplorer, out = [];
        for (const i of k.visible()) out.push(k.renderer.screen(i)); return out; }""")
    inside = [p for p in on_screen if box["x"] <= p["x"] <= box["x"] + box["width"]
              and box["y"] <= p["y"] <= box["y"] + box["height"]]
    assert len(inside) >= 0.9 * len(on_screen)  # the camera frames what is shown
    assert page.evaluate("window.kgExplorer.renderer.labels().length") > 0
    assert offline_page.errors == []


def settled(page) -> None:
    """Wait until the camera has stopped and the view is drawn for real (sigma)."""
    page.wait_for_function("!window.kgExplorer.renderer.moving()")
    page.wait_for_timeout(400)  # a move just begun, or a settle still due after the last camera step
    page.wait_for_function("!window.kgExplorer.renderer.moving()")


def wheel_in(page, x: float, y: float, steps: int) -> None:
    page.mouse.move(x, y)
    for _ in range(steps):
        page.mouse.wheel(0, -120)
        page.wait_for_timeout(60)


def test_a_heavy_view_moves_its_last_frame_and_is_drawn_in_full_once_it_stops(tmp_path, offline_page):
    page = offline_page.open(many_mentions_page(tmp_path))  # 800 nodes, 4,000 edges: heavy
    page.evaluate("window.kgExplorer.showAll()")
    page.wait_for_function("window.kgTimings.overview !== undefined")  # the sketch of the whole picture
    assert not page.evaluate("window.kgExplorer.renderer.moving()")
    before = page.evaluate("window.kgExplorer.renderer.frames()")
    page.evaluate("""() => { const R = window.kgExplorer.renderer, nodes = R.sigma.getCanvases().nodes;
        const sketch = document.querySelector("#graph canvas.overview");
        window.kgMoves = [];
        R.sigma.getCamera().on("updated", () => window.kgMoves.push(
            {moving: R.moving(), frames: R.frames(), transform: nodes.style.transform, sketch: !sketch.hidden})); }""")
    box = page.locator("#graph").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    wheel_in(page, cx, cy, 3)
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + 200, cy + 120, steps=12)
    page.mouse.up()
    settled(page)
    moves = page.evaluate("window.kgMoves")
    assert len(moves) >= 5
    # while the camera moved, nothing was drawn: the last still frame was moved and scaled,
    # over a sketch of the whole picture
    assert all(m["moving"] and m["frames"] == before and m["transform"].startswith("matrix(") and m["sketch"]
               for m in moves)
    # once it stopped, everything shown was drawn again, in place, with its labels
    assert page.evaluate("window.kgExplorer.renderer.frames()") > before
    layers = page.evaluate("""() => { const c = window.kgExplorer.renderer.sigma.getCanvases();
        return [c.nodes.style.transform, c.edges.style.transform, c.labels.style.visibility,
                document.querySelector("#graph canvas.overview").hidden]; }""")
    assert layers == ["", "", "", True]
    assert len(page.evaluate("window.kgExplorer.visibleEdges()")) == 4000
    assert page.evaluate("window.kgExplorer.renderer.labels().length") > 0
    assert offline_page.errors == []


def test_zooming_in_draws_the_trimmed_edges_of_the_nodes_in_view(tmp_path, offline_page, monkeypatch):
    import kg.viz.explorer as explorer

    monkeypatch.setattr(explorer, "EDGE_BUDGET", 1500)  # past it, as the 20,000 of an archive
    page = offline_page.open(many_mentions_page(tmp_path))  # 4,000 edges once every node is shown
    k = "window.kgExplorer"
    page.evaluate(f"{k}.showAll()")
    settled(page)
    budget = page.evaluate(f"{k}.edgeBudget()")
    assert budget == {"budget": 1500, "wanted": 4000, "drawn": 1500, "viewNodes": 0, "viewEdges": 0}
    assert "only the edges of the best-ranked nodes are drawn" in page.locator("#status").inner_text()
    first = set(page.evaluate(f"{k}.visibleEdges()"))
    assert len(first) == 1500
    ends = page.evaluate(f"{k}.edges.map(e => [e[0], e[1]])")
    box = page.locator("#graph").bounding_box()

    def inside(p, margin=0.0):
        return (box["x"] + margin <= p["x"] <= box["x"] + box["width"] - margin
                and box["y"] + margin <= p["y"] <= box["y"] + box["height"] - margin)

    # zoom in, with the wheel, on an article whose edges were all trimmed
    trimmed_articles = sorted({ends[e][0] for e in range(len(ends)) if e not in first}
                              - {ends[e][0] for e in first})
    spots = [(i, page.evaluate(f"i => {k}.renderer.screen(i)", i)) for i in trimmed_articles]
    target, at = next((i, p) for i, p in spots if inside(p, margin=150))
    wheel_in(page, at["x"], at["y"], 6)
    page.wait_for_function(f"() => !{k}.renderer.moving() && {k}.edgeBudget().viewNodes > 0")
    settled(page)
    budget = page.evaluate(f"{k}.edgeBudget()")
    assert 0 < budget["viewNodes"] < 800 and budget["viewEdges"] <= 1500
    drawn = set(page.evaluate(f"{k}.visibleEdges()"))
    assert len(drawn) == 1500  # the budget is spent on the view first, then on the best-ranked
    shown = page.evaluate(f"() => {k}.visible().map(i => [i, {k}.renderer.screen(i)])")
    in_view = {i for i, p in shown if inside(p)}
    assert target in in_view
    touching = {e for e, (a, b) in enumerate(ends) if a in in_view or b in in_view}
    assert touching <= drawn  # every edge of every node in view
    assert {e for e, (a, _) in enumerate(ends) if a == target} <= drawn - first  # trimmed before, drawn now
    status = page.locator("#status").inner_text()
    assert f"every edge of the {budget['viewNodes']} nodes in view" in status
    # the whole picture again: the best-ranked edges again
    page.evaluate(f"{k}.showAll()")
    settled(page)
    assert page.evaluate(f"{k}.edgeBudget()")["viewNodes"] == 0
    assert set(page.evaluate(f"{k}.visibleEdges()")) == first
    assert offline_page.errors == []
