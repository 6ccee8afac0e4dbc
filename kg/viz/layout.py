"""Seeded node positions for graphs too big to lay out in the browser."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

#: Above this many nodes only the best-connected core goes through the force layout;
#: the rest are placed around their strongest neighbour (spring_layout is O(n^2)).
FULL_LAYOUT_UP_TO = 1200


def layout(G: nx.Graph, *, seed: int = 42, scale_per_node: float = 40.0,
           core: nx.Graph | None = None) -> dict[str, tuple[float, float]]:
    """Positions in screen units for every node of ``G``; the same graph gives the same picture.

    ``core``: a graph over some nodes of ``G`` (it may hold edges ``G`` lacks) to lay out
    first, on its own; every other node is then placed around a placed neighbour. Without
    it, above ``FULL_LAYOUT_UP_TO`` nodes the best-connected nodes are the core.

    >>> G = nx.path_graph(["a", "b", "c"])
    >>> pos = layout(G)
    >>> sorted(pos) == ["a", "b", "c"] and pos == layout(G)
    True
    """
    n = G.number_of_nodes()
    if n == 0:
        return {}
    scale = scale_per_node * math.sqrt(n) + 200
    if core is not None:
        pos = _core_then_satellites(G, seed, core)
    elif n <= FULL_LAYOUT_UP_TO:
        pos = force_layout(G, seed=seed)
    else:
        order = sorted(G, key=lambda v: (-G.degree(v), str(v)))
        pos = _core_then_satellites(G, seed, G.subgraph(order[:FULL_LAYOUT_UP_TO]))
    return {str(k): (round(float(x) * scale, 1), round(float(y) * scale, 1)) for k, (x, y) in pos.items()}


def force_layout(G: nx.Graph, *, seed: int = 42, iterations: int = 60) -> dict:
    """Fruchterman-Reingold in dense float32 numpy: the algorithm of nx.spring_layout, faster here.

    networkx switches to a per-node Python loop above 500 nodes; the dense form is
    O(n^2) memory but about ten times quicker up to a few thousand nodes.

    >>> pos = force_layout(nx.path_graph(4))
    >>> sorted(pos), all(-1.0 <= c <= 1.0 for p in pos.values() for c in p)
    ([0, 1, 2, 3], True)
    """
    nodes = sorted(G, key=str)
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    A = nx.to_numpy_array(G, nodelist=nodes, weight=None, dtype=np.float32)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2), dtype=np.float32)
    k = np.float32(1.0 / math.sqrt(n))
    t = np.float32(0.1)
    dt = t / (iterations + 1)
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        dist2 = dx * dx + dy * dy
        np.clip(dist2, 1e-4, None, out=dist2)
        force = k * k / dist2 - A * np.sqrt(dist2) / k
        mx, my = (dx * force).sum(axis=1), (dy * force).sum(axis=1)
        length = np.sqrt(mx * mx + my * my)
        np.clip(length, 0.01, None, out=length)
        x += mx * (t / length)
        y += my * (t / length)
        t -= dt
    pos = np.stack([x, y], axis=1)
    pos -= pos.mean(axis=0)
    pos /= max(float(np.abs(pos).max()), 1e-9)
    return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, pos)}


def _core_then_satellites(G: nx.Graph, seed: int, core: nx.Graph) -> dict:
    """Force-layout the core, then ring the other nodes around a placed neighbour."""
    order = sorted(G, key=lambda v: (-G.degree(v), str(v)))
    pos = force_layout(core, seed=seed)
    placed_around: dict = {}
    pending = [v for v in order if v not in pos]
    for _ in range(3):  # nodes whose neighbours are placed in an earlier round
        rest = []
        for v in pending:
            anchors = [u for u in G[v] if u in pos]
            if not anchors:
                rest.append(v)
                continue
            anchor = max(anchors, key=lambda u: (G.degree(u), str(u)))
            k = placed_around.get(anchor, 0)
            placed_around[anchor] = k + 1
            angle = k * 2.399963  # golden angle: an even spiral around the anchor
            r = 0.015 * math.sqrt(k + 1)
            x, y = pos[anchor]
            pos[v] = (x + r * math.cos(angle), y + r * math.sin(angle))
        pending = rest
    for i, v in enumerate(pending):  # isolated: a ring outside the picture
        angle = 2 * math.pi * i / max(1, len(pending))
        pos[v] = (1.15 * math.cos(angle), 1.15 * math.sin(angle))
    return pos
