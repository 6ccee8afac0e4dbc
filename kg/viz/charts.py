"""Small charts as inline SVG, with no script: bars, a month timeline and a histogram.

Every text is HTML-escaped; the same input gives the same bytes.

>>> svg = bar_chart([("农民工", 12), ("<b>", 3)], color="#59a14f")
>>> svg.startswith("<svg") and "&lt;b&gt;" in svg and "<b>" not in svg
True
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

FONT = 'font-family="Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"'
#: Line colours of the timeline, one per series (colour-blind-safe Tableau 10).
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
           "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")


def bar_chart(items: Sequence[tuple[str, int]], *, color: str = "#4e79a7", width: int = 520,
              label_width: int = 170, row: int = 20, title: str = "", max_label: int = 16) -> str:
    """Horizontal bars, one row per ``(label, value)``, the value written after the bar.

    >>> bar_chart([]) == ""
    True
    """
    if not items:
        return ""
    top = max(v for _, v in items) or 1
    bar_w = width - label_width - 50
    height = row * len(items) + 6
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" {FONT} font-size="12" role="img" aria-label="{escape(title)}">']
    for i, (label, value) in enumerate(items):
        y = 3 + i * row
        w = max(1.0, bar_w * value / top)
        shown = label if len(label) <= max_label else label[:max_label - 1] + "…"
        out.append(f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end" fill="#1f2933">'
                   f'<title>{escape(label)}</title>{escape(shown)}</text>')
        out.append(f'<rect x="{label_width}" y="{y + 2}" width="{w:.1f}" height="{row - 6}" fill="{color}"/>')
        out.append(f'<text x="{label_width + w + 4:.1f}" y="{y + 13}" fill="#52606d">{value}</text>')
    out.append("</svg>")
    return "".join(out)


def timeline_chart(months: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], *,
                   width: int = 900, height: int = 260, title: str = "") -> str:
    """One line per ``(label, counts per month)`` over ``months``, with a legend.

    >>> svg = timeline_chart(["2024-01", "2024-02"], [("农民工", [1, 3])])
    >>> "<polyline" in svg and "2024-02" in svg
    True
    """
    if not months or not series:
        return ""
    left, right, top_pad, bottom = 40, 190, 12, 40
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max((max(c) for _, c in series if c), default=1) or 1
    step = plot_w / max(1, len(months) - 1)

    def xy(i: int, v: int) -> tuple[float, float]:
        return left + i * step, top_pad + plot_h - plot_h * v / top

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" {FONT} font-size="11" role="img" aria-label="{escape(title)}">',
           f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" y2="{top_pad + plot_h}" stroke="#9aa5b1"/>',
           f'<text x="{left - 6}" y="{top_pad + 8}" text-anchor="end" fill="#52606d">{top}</text>',
           f'<text x="{left - 6}" y="{top_pad + plot_h}" text-anchor="end" fill="#52606d">0</text>']
    every = max(1, len(months) // 12)
    for i, m in enumerate(months):
        if i % every == 0 or i == len(months) - 1:
            x, _ = xy(i, 0)
            out.append(f'<text x="{x:.1f}" y="{top_pad + plot_h + 16}" text-anchor="middle" '
                       f'fill="#52606d">{escape(m)}</text>')
    for k, (label, counts) in enumerate(series):
        color = PALETTE[k % len(PALETTE)]
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in enumerate(counts)))
        out.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2">'
                   f'<title>{escape(label)}</title></polyline>')
        for i, v in enumerate(counts):
            if v:
                x, y = xy(i, v)
                out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{color}">'
                           f'<title>{escape(label)} {escape(months[i])}: {v}</title></circle>')
        ly = top_pad + 4 + k * 17
        shown = label if len(label) <= 12 else label[:11] + "…"
        out.append(f'<rect x="{width - right + 14}" y="{ly}" width="12" height="4" fill="{color}"/>'
                   f'<text x="{width - right + 32}" y="{ly + 7}" fill="#1f2933">{escape(shown)}</text>')
    out.append("</svg>")
    return "".join(out)


def month_histogram(months: Sequence[str], counts: Sequence[int], *, width: int = 900,
                    height: int = 120, color: str = "#8c9aa8") -> str:
    """Articles per month as columns.

    >>> "<rect" in month_histogram(["2024-01"], [4])
    True
    """
    if not months:
        return ""
    left, bottom = 40, 24
    plot_w, plot_h = width - left - 10, height - bottom - 8
    top = max(counts) or 1
    w = plot_w / len(months)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" {FONT} font-size="11" role="img" aria-label="articles per month">',
           f'<text x="{left - 6}" y="16" text-anchor="end" fill="#52606d">{top}</text>']
    every = max(1, len(months) // 12)
    for i, (m, c) in enumerate(zip(months, counts)):
        h = plot_h * c / top
        x = left + i * w
        out.append(f'<rect x="{x + 1:.1f}" y="{8 + plot_h - h:.1f}" width="{max(1.0, w - 2):.1f}" '
                   f'height="{h:.1f}" fill="{color}"><title>{escape(m)}: {c}</title></rect>')
        if i % every == 0:
            out.append(f'<text x="{x + w / 2:.1f}" y="{height - 6}" text-anchor="middle" '
                       f'fill="#52606d">{escape(m)}</text>')
    out.append("</svg>")
    return "".join(out)
