"""graph.html: one self-contained page to explore the graph, offline.

The page inlines vis-network (read from the installed pyvis package), its own script
and style, and the graph as JSON in a ``<script type="application/json">`` block. No
corpus text is ever written as HTML: the JSON escapes ``<``, ``>`` and ``&``, and the
script puts text on the page with ``textContent`` only.
"""

from __future__ import annotations

import json
import math
import re
from importlib import resources
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.analyze import pagerank, project
from kg.atomic import atomic_write_text
from kg.viz.graphdata import NODE_CLASSES, RELATIONS, GraphData, read_graph
from kg.viz.layout import layout
from kg.viz.style import CLASS_STYLE, RELATION_STYLE
from kg.viz.vislib import vis_network_assets

#: Node sizes on the page, smallest and largest, scaled by PageRank.
MIN_SIZE, MAX_SIZE = 10, 42


def write_explorer(graph: Graph, path: Path, *, max_physics_nodes: int = 500) -> None:
    """Write the interactive explorer for ``graph`` to ``path`` (atomically).

    Up to ``max_physics_nodes`` nodes the browser lays the graph out (seeded physics,
    switched off once stable); above it the layout is computed here, physics is off,
    and the page opens on the top ``max_physics_nodes`` nodes by PageRank.
    """
    atomic_write_text(Path(path), explorer_html(graph, max_physics_nodes=max_physics_nodes))


def explorer_html(graph: Graph, *, max_physics_nodes: int = 500) -> str:
    """The explorer page for ``graph`` as a string."""
    data = read_graph(graph)
    G = project(graph)
    scores = {n: {"pagerank": v} for n, v in pagerank(G).items()}
    big = len(data.nodes) > max_physics_nodes
    positions = layout(_display_graph(data)) if big else {}
    payload = explorer_payload(data, scores, positions, top_n=max_physics_nodes, big=big)
    return render_page(payload)


def explorer_payload(
    data: GraphData,
    scores: dict[str, dict[str, float]],
    positions: dict[str, tuple[float, float]],
    *,
    top_n: int,
    big: bool,
) -> dict:
    """The JSON the page script reads: nodes, edges and evidence as compact lists."""
    index = {n.iri: i for i, n in enumerate(data.nodes)}
    pagerank = {n.iri: scores.get(n.iri, {}).get("pagerank", 0.0) for n in data.nodes}
    degree = {n.iri: 0 for n in data.nodes}
    for e in data.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    # Columns are outside the projection; rank them by how many articles they hold.
    order = sorted(data.nodes, key=lambda n: (-pagerank[n.iri], -degree[n.iri], n.iri))
    rank = {n.iri: r for r, n in enumerate(order)}
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
        "layout": {"physics": not big, "topN": top_n, "topByDefault": big},
    }


def render_page(payload: dict) -> str:
    """Fill the page template with the inlined assets and the JSON payload."""
    vis_js, vis_css = vis_network_assets()
    static = resources.files("kg.viz") / "static"
    parts = {
        "VIS_CSS": _inline_css(vis_css),
        "APP_CSS": _inline_css((static / "explorer.css").read_text(encoding="utf-8")),
        "VIS_JS": _inline_js(vis_js),
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
