"""Colours, shapes and names of node classes and relations, shared by the page and the report."""

from __future__ import annotations

#: vis-network shape, colour and names per node class (legend order is NODE_CLASSES).
CLASS_STYLE = {
    "Article": {"name": "Article", "zh": "文章", "color": "#8c9aa8", "shape": "square"},
    "Person": {"name": "Person", "zh": "人物", "color": "#e15759", "shape": "dot"},
    "Organization": {"name": "Organization", "zh": "组织", "color": "#4e79a7", "shape": "diamond"},
    "WorkerGroup": {"name": "Worker group", "zh": "职工群体", "color": "#59a14f", "shape": "triangle"},
    "Measure": {"name": "Measure", "zh": "举措", "color": "#f28e2b", "shape": "star"},
    "Column": {"name": "Column", "zh": "栏目", "color": "#b07aa1", "shape": "hexagon"},
}

#: Colour and names per relation kind; ``zh`` is the edge label on the page.
RELATION_STYLE = {
    "mentions": {"name": "mentions", "zh": "提及", "color": "#b8bec6"},
    "creator": {"name": "author", "zh": "作者", "color": "#e15759"},
    "column": {"name": "column", "zh": "栏目", "color": "#b07aa1"},
    "targets": {"name": "targets", "zh": "面向", "color": "#f28e2b"},
    "broader": {"name": "broader group", "zh": "属于", "color": "#59a14f"},
    "member": {"name": "member (role)", "zh": "任职", "color": "#4e79a7"},
}
