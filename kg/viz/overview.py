"""A static overview picture of the graph: the most central nodes, as SVG.

SVG keeps Chinese labels readable wherever it is shown (the viewer's fonts draw them).
``write_overview_png`` rasterises the same SVG in headless Chromium for places that want
a PNG (docs/overview.png in the README):

    python -m kg.viz.overview output/graph.ttl docs/overview.png
"""

from __future__ import annotations

import math
import sys
from html import escape
from pathlib import Path

import networkx as nx

from kg.viz.layout import force_layout
from kg.viz.style import CLASS_STYLE

#: Chromium flags for an offline, quiet headless browser.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
CHROMIUM = "/usr/bin/chromium"


def overview_svg(
    G: nx.Graph,
    scores: dict[str, dict[str, float]],
    *,
    max_nodes: int = 60,
    labels: int = 30,
    width: int = 960,
    height: int = 640,
    seed: int = 42,
) -> str:
    """An SVG drawing of the ``max_nodes`` nodes of ``G`` with the highest PageRank.

    Nodes are coloured by kind as on the explorer; the ``labels`` most central are named.

    >>> G = nx.Graph([("a", "b")])
    >>> nx.set_node_attributes(G, {"a": "Article", "b": "WorkerGroup"}, "kind")
    >>> nx.set_node_attributes(G, {"a": "<第一篇>", "b": "农民工"}, "label")
    >>> svg = overview_svg(G, {"a": {"pagerank": .5}, "b": {"pagerank": .5}})
    >>> svg.startswith("<svg") and "&lt;第一篇&gt;" in svg and "<第一篇>" not in svg
    True
    """
    ranked = sorted(G, key=lambda n: (-scores.get(n, {}).get("pagerank", 0.0), n))
    keep = ranked[:max_nodes]
    # A fresh graph in a fixed order: a subgraph view iterates a set, whose order (and so
    # each edge's orientation) would follow the hash seed.
    H = nx.Graph()
    H.add_nodes_from(sorted(keep))
    H.add_edges_from(sorted(tuple(sorted((a, b))) for a, b in G.subgraph(keep).edges()))
    pos = force_layout(H, seed=seed) if len(H) else {}
    legend_h = 34
    margin = 70

    def xy(n):
        x, y = pos[n]
        return (margin + (x + 1) / 2 * (width - 2 * margin),
                legend_h + margin / 2 + (y + 1) / 2 * (height - legend_h - margin))

    top = max((scores.get(n, {}).get("pagerank", 0.0) for n in keep), default=1.0) or 1.0

    def radius(n):
        return 4 + 14 * math.sqrt(scores.get(n, {}).get("pagerank", 0.0) / top)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="Noto Sans CJK SC, PingFang SC, '
           f'Microsoft YaHei, sans-serif" role="img" aria-label="overview of the graph">',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    out.append('<g stroke="#c3c9d0" stroke-width="0.8" stroke-opacity="0.8">')
    for a, b in sorted(H.edges()):
        (x1, y1), (x2, y2) = xy(a), xy(b)
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"/>')
    out.append("</g><g>")
    for n in reversed(keep):  # most central drawn last, on top
        x, y = xy(n)
        style = CLASS_STYLE.get(G.nodes[n].get("kind", ""), {"color": "#999999", "shape": "dot"})
        out.append(_shape(style["shape"], x, y, radius(n), style["color"],
                          escape(G.nodes[n].get("label", n))))
    out.append('</g><g font-size="12" fill="#1f2933" text-anchor="middle" paint-order="stroke" '
               'stroke="#ffffff" stroke-width="3">')
    for n in keep[:labels]:
        x, y = xy(n)
        label = G.nodes[n].get("label", n)
        label = label if len(label) <= 12 else label[:11] + "…"
        out.append(f'<text x="{x:.1f}" y="{y + radius(n) + 13:.1f}">{escape(label)}</text>')
    out.append("</g>")
    x = 12
    out.append('<g font-size="13" fill="#1f2933">')
    for kind, style in CLASS_STYLE.items():
        if kind == "Column":
            continue
        out.append(_shape(style["shape"], x + 7, 18, 6, style["color"], escape(style["name"])))
        text = f'{style["zh"]} {style["name"]}'
        out.append(f'<text x="{x + 18}" y="23">{escape(text)}</text>')
        x += 30 + 9 * len(text)
    shown = f"top {len(keep)} of {G.number_of_nodes()} nodes by PageRank"
    out.append(f'<text x="{width - 12}" y="23" text-anchor="end" fill="#6b7785">{escape(shown)}</text>')
    out.append("</g></svg>")
    return "\n".join(out)


def _shape(shape: str, x: float, y: float, r: float, color: str, title: str) -> str:
    if shape == "square":
        body = f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}"'
    elif shape in ("diamond", "triangle", "star", "hexagon"):
        body = f'<polygon points="{_points(shape, x, y, r)}"'
    else:
        body = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"'
    return f'{body} fill="{color}" stroke="#ffffff" stroke-width="1"><title>{title}</title></{body[1:body.index(" ")]}>'


def _points(shape: str, x: float, y: float, r: float) -> str:
    if shape == "star":
        pts = [(r if i % 2 == 0 else r * 0.45, -math.pi / 2 + i * math.pi / 5) for i in range(10)]
    else:
        k = {"diamond": 4, "triangle": 3, "hexagon": 6}[shape]
        start = {"diamond": -math.pi / 2, "triangle": -math.pi / 2, "hexagon": 0.0}[shape]
        pts = [(r * 1.15, start + i * 2 * math.pi / k) for i in range(k)]
    return " ".join(f"{x + d * math.cos(a):.1f},{y + d * math.sin(a):.1f}" for d, a in pts)


def write_overview_png(svg: str, path: Path, *, executable: str = CHROMIUM) -> None:
    """Rasterise ``svg`` to a PNG at ``path`` with headless Chromium (fonts from the system).

    Needs Playwright and Chromium (``apt-get install -y chromium fonts-noto-cjk``,
    ``pip install playwright``); the build itself never calls this.
    """
    from playwright.sync_api import sync_playwright

    from kg.rdf.atomic import atomic_write_bytes

    page_html = ("<!DOCTYPE html><meta charset='utf-8'><style>body{margin:0}</style>" + svg)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(device_scale_factor=2)
            page.route("**/*", lambda route: route.abort())
            page.set_content(page_html)
            png = page.locator("svg").screenshot(type="png")
        finally:
            browser.close()
    atomic_write_bytes(Path(path), png)


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.viz.overview GRAPH.ttl OUT.png``: the overview picture of a built graph."""
    from rdflib import Graph

    from kg.analyze import centrality, project

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m kg.viz.overview GRAPH.ttl OUT.png|OUT.svg", file=sys.stderr)
        return 2
    graph = Graph().parse(args[0], format="turtle")
    G = project(graph)
    svg = overview_svg(G, centrality(G))
    if args[1].endswith(".svg"):
        from kg.rdf.atomic import atomic_write_text

        atomic_write_text(Path(args[1]), svg)
    else:
        write_overview_png(svg, Path(args[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
