"""graph.html: one self-contained page to explore the graph, offline.

The page inlines its renderer, its own script and style, and the graph as JSON in a
``<script type="application/json">`` block. Small graphs are drawn by vis-network (read
from the installed pyvis package, canvas 2D); above ``SIGMA_ABOVE`` nodes by sigma.js on
graphology (WebGL, vendored under ``kg/viz/static/``); a sigma page inlines vis-network
too and draws with it, for its best ``SIGMA_ABOVE`` nodes, where WebGL is unavailable.
One page script serves both, so search, filters, labels (placed so they never overlap)
and the evidence panel are written once. Positions are computed here,
seeded, for every node, so the picture is the same on every build and no filter moves a
node. No corpus text is ever written as HTML: the JSON escapes ``<``, ``>`` and ``&``,
and the script puts text on the page with ``textContent`` only.
"""

from __future__ import annotations

import json
import math
import re
from importlib import resources
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.analyze import pagerank
from kg.rdf.atomic import atomic_write_text
from kg.rdf.reader import GraphContent
from kg.viz.graphdata import NODE_CLASSES, RELATIONS, GraphData, read_graph
from kg.viz.layout import layout
from kg.viz.style import CLASS_STYLE, RELATION_STYLE
from kg.viz.vislib import vis_network_assets

#: Node sizes on the page, smallest and largest, scaled by PageRank.
MIN_SIZE, MAX_SIZE = 10, 42
#: Above this many nodes the page draws with sigma.js (WebGL) instead of vis-network:
#: measured with benchmarks/bench_html.py (see README, "The explorer").
SIGMA_ABOVE = 1000
#: Above this many nodes the page opens on the top ``TOP_N`` (per class in turn), articles off:
#: 150 keeps the opening readable on the laws corpus (500 was a dense cloud of 358 nodes).
OPEN_ALL_UP_TO = 500
TOP_N = 150
RENDERERS = ("vis", "sigma")
#: Up to this many nodes vis-network lays the graph out in the browser (seeded physics).
PHYSICS_UP_TO = 500
#: At most this many edges drawn by sigma.js, those of the nodes in view first, then the
#: best-ranked: without a GPU each drawn edge costs about 6 microseconds of a still frame.
EDGE_BUDGET = 20_000


def write_explorer(graph: Graph | GraphContent | GraphData, path: Path, *, top_n: int = TOP_N,
                   open_all_up_to: int = OPEN_ALL_UP_TO, renderer: str | None = None) -> None:
    """Write the interactive explorer for ``graph`` to ``path`` (atomically).

    ``renderer``: "vis" or "sigma"; by default vis-network up to ``SIGMA_ABOVE`` nodes,
    sigma.js above. Above ``open_all_up_to`` nodes the page opens on the top ``top_n``
    entities (by PageRank, each class in turn) with articles hidden until asked for.
    """
    atomic_write_text(Path(path), explorer_html(graph, top_n=top_n, open_all_up_to=open_all_up_to,
                                                renderer=renderer))


def explorer_html(graph: Graph | GraphContent | GraphData, *, top_n: int = TOP_N,
                  open_all_up_to: int = OPEN_ALL_UP_TO, renderer: str | None = None) -> str:
    """The explorer page for ``graph`` as a string."""
    data = read_graph(graph)
    G = data.network
    scores = {n: {"pagerank": v} for n, v in pagerank(G).items()}
    big = len(data.nodes) > open_all_up_to
    chosen = renderer or ("sigma" if len(data.nodes) > SIGMA_ABOVE else "vis")
    if chosen not in RENDERERS:
        raise ValueError(f"renderer must be one of {RENDERERS}, not {renderer!r}")
    # vis-network lays out small graphs itself (seeded physics, then frozen); sigma and
    # big graphs get seeded positions from Python.
    physics = chosen == "vis" and not big and len(data.nodes) <= PHYSICS_UP_TO
    positions: dict[str, tuple[float, float]] = {}
    if not physics:
        core = _opening_graph(data, scores, top_n) if big else None
        positions = layout(_display_graph(data), core=core)
    payload = explorer_payload(data, scores, positions, top_n=top_n, big=big, renderer=chosen)
    return render_page(payload)


def _opening_graph(data: GraphData, scores: dict[str, dict[str, float]], top_n: int) -> nx.Graph:
    """The nodes the page opens on, joined by their relations and by the articles they share.

    Laid out first and on their own, they spread over the picture instead of sitting
    in a knot at the centre of the whole graph; everything else is placed around them.
    """
    ranks = opening_ranks(data, scores)
    top = {iri for iri, r in ranks.items() if r < top_n and iri not in data.articles}
    core = nx.Graph()
    core.add_nodes_from(sorted(top))
    by_article: dict[str, list[str]] = {}
    for e in data.edges:
        if e.source in top and e.target in top and e.source != e.target:
            core.add_edge(e.source, e.target)
        elif e.rel == "mentions" and e.target in top:
            by_article.setdefault(e.source, []).append(e.target)
    for named in by_article.values():  # a star per article: linear in mentions
        named = sorted(named, key=lambda x: ranks[x])
        core.add_edges_from((named[0], other) for other in named[1:])
    return core


def opening_ranks(data: GraphData, scores: dict[str, dict[str, float]]) -> dict[str, int]:
    """Each node's rank when the classes take turns, each by PageRank (then degree, IRI).

    The top N of the page so holds the leaders of every class, not only of the biggest.
    """
    degree = {n.iri: 0 for n in data.nodes}
    for e in data.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    pr = {n.iri: scores.get(n.iri, {}).get("pagerank", 0.0) for n in data.nodes}
    order = sorted(data.nodes, key=lambda n: (-pr[n.iri], -degree[n.iri], n.iri))
    place: dict[str, int] = {}
    seen: dict[str, int] = {}
    for n in order:
        place[n.iri] = seen.get(n.cls, 0)
        seen[n.cls] = place[n.iri] + 1
    turns = sorted(order, key=lambda n: (place[n.iri], NODE_CLASSES.index(n.cls)))
    return {n.iri: r for r, n in enumerate(turns)}


def explorer_payload(
    data: GraphData,
    scores: dict[str, dict[str, float]],
    positions: dict[str, tuple[float, float]],
    *,
    top_n: int,
    big: bool,
    renderer: str = "vis",
) -> dict:
    """The JSON the page script reads: nodes, edges and evidence as compact lists.

    ``r`` of a node is its rank when the classes take turns, each by PageRank: the
    top N of the page holds the leaders of every class, not only the biggest class.
    """
    index = {n.iri: i for i, n in enumerate(data.nodes)}
    pagerank = {n.iri: scores.get(n.iri, {}).get("pagerank", 0.0) for n in data.nodes}
    rank = opening_ranks(data, scores)
    top = max(pagerank.values(), default=0.0) or 1.0

    sentences: dict[str, int] = {}
    rules: dict[str, int] = {}
    evidence = []
    for ev in data.evidence:
        s = sentences.setdefault(ev.sentence, len(sentences))
        r = rules.setdefault(ev.rule, len(rules))
        evidence.append([s, ev.start, ev.end, index.get(ev.article, -1), r])

    nodes = []
    for n in data.nodes:
        pr = pagerank[n.iri]
        size = MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(pr / top) if pr else MIN_SIZE
        item = {
            "i": n.iri,
            "l": n.label,
            "c": NODE_CLASSES.index(n.cls),
            "s": round(size, 1),
            "r": rank[n.iri],
            "pr": round(pr, 6),
        }
        if n.aliases:
            item["a"] = list(n.aliases)
        if n.iri in positions:
            item["x"], item["y"] = positions[n.iri]
        if n.cls == "Article":
            info = data.articles[n.iri]
            item["src"] = info.source
            if info.date:
                item["d"] = info.date
            if info.topic:
                item["topic"] = info.topic
        nodes.append(item)

    rel_keys = list(RELATIONS)
    edges = [
        [index[e.source], index[e.target], rel_keys.index(e.rel),
         e.label if e.rel == "member" else RELATION_STYLE[e.rel]["zh"], list(e.evidence)]
        for e in data.edges
    ]
    return {
        "classes": [dict(key=k, **CLASS_STYLE[k]) for k in NODE_CLASSES],
        "relations": [dict(key=k, **RELATION_STYLE[k]) for k in rel_keys],
        "nodes": nodes,
        "edges": edges,
        "evidence": evidence,
        "sentences": list(sentences),
        "rules": list(rules),
        "t2s": traditional_map(data),
        "layout": {"renderer": renderer, "topN": top_n, "topByDefault": big, "articlesByDefault": not big,
                   "fallbackMax": SIGMA_ABOVE, "edgeBudget": EDGE_BUDGET if renderer == "sigma" else 0},
    }


def traditional_map(data: GraphData) -> dict[str, str]:
    """Traditional character -> simplified, for every simplified character of the page's labels.

    The page folds a search through it, so 農民工 finds 农民工. It uses the project's own
    character table (kg.convert), restricted to what the labels can match.

    >>> from kg.viz.graphdata import Node
    >>> traditional_map(GraphData((Node("x", "WorkerGroup", "农民工"),), (), (), {}))["農"]
    '农'
    """
    from kg.convert import t2s_table

    chars = {ch for n in data.nodes for text in (n.label, *n.aliases) for ch in text}
    return {chr(t): s for t, s in sorted(t2s_table().items()) if s in chars}


def render_page(payload: dict) -> str:
    """Fill the page template with the inlined assets and the JSON payload."""
    static = resources.files("kg.viz") / "static"
    vis_js, lib_css = vis_network_assets()
    libs = [vis_js]
    if payload["layout"]["renderer"] == "sigma":  # vis-network stays, for browsers without WebGL
        libs += [(static / name).read_text(encoding="utf-8") for name in ("graphology.umd.min.js", "sigma.min.js")]
    # Each library on its own: sigma.js throws as it loads when WebGL is off, and the page
    # then draws with vis-network instead (see explorer.js).
    lib_js = "\n".join(f"try {{\n{code}\n}} catch (err) {{ (window.kgLibErrors = window.kgLibErrors || []).push(String(err)); }}"
                       for code in libs)
    parts = {
        "LIB_CSS": _inline_css(lib_css),
        "APP_CSS": _inline_css((static / "explorer.css").read_text(encoding="utf-8")),
        "LIB_JS": _inline_js(lib_js),
        "APP_JS": _inline_js((static / "explorer.js").read_text(encoding="utf-8")),
        "DATA": json_for_script(payload),
    }
    template = (static / "explorer.html").read_text(encoding="utf-8")
    # One pass, so text inserted for one marker is never scanned for another.
    return re.sub(r"/\*@(\w+)@\*/", lambda m: parts[m.group(1)], template)


def json_for_script(value) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no tag can end it.

    >>> json_for_script({"t": "<script>alert(1)</script>&\\u2028"})
    '{"t":"\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _inline_js(code: str) -> str:
    code = re.sub(r"^//# sourceMappingURL=.*$", "", code, flags=re.M)  # no map file to fetch
    return code.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def _inline_css(code: str) -> str:
    if "</style" in code.lower():
        raise ValueError("stylesheet contains </style and cannot be inlined")
    return code


def _display_graph(data: GraphData) -> nx.Graph:
    """Every node and edge of the page, undirected, for the Python layout."""
    G = nx.Graph()
    G.add_nodes_from(n.iri for n in data.nodes)
    G.add_edges_from((e.source, e.target) for e in data.edges if e.source != e.target)
    return G
