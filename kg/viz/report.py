"""report.html: a static summary of the graph, readable without JavaScript and printable.

It answers the core question on its own: a measure-by-group matrix (each cell links to
the sentences that say so) and, per worker group, the measures aimed at it with the
articles and their authors. Then charts as inline SVG (entities per class, the top 20
per class by mentions, a timeline per month when articles carry ``dcterms:date``, the
communities), the overview picture, the top entities, the pairs named together, and
every article grouped by month, column or folder in collapsible sections.

All corpus text is HTML-escaped, the page has no script, and the same graph gives the
same bytes whatever the hash seed.

>>> import tempfile, pathlib
>>> from rdflib import Graph
>>> from kg.analyze import EXAMPLE_TURTLE
>>> out = pathlib.Path(tempfile.mkdtemp()) / "report.html"
>>> write_report(Graph().parse(data=EXAMPLE_TURTLE, format="turtle"), out)
>>> "求学圆梦行动" in out.read_text(encoding="utf-8")
True
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.analyze import centrality, co_mentions, communities, top_by_class
from kg.rdf.atomic import atomic_write_text
from kg.rdf.reader import GraphContent
from kg.viz.charts import bar_chart, month_histogram, timeline_chart
from kg.viz.graphdata import NODE_CLASSES, EvidenceRow, GraphData, read_graph
from kg.viz.overview import overview_svg
from kg.viz.style import CLASS_STYLE, RELATION_STYLE

#: How many entities of each class, communities and co-mentioned pairs the report lists.
TOP_PER_CLASS = 15
COMMUNITIES_SHOWN = 12
MEMBERS_SHOWN = 25
PAIRS_SHOWN = 25
#: Bars per class in the "top by mentions" charts, and lines in the timeline.
CHART_TOP = 20
TIMELINE_SERIES = 5
#: The matrix keeps the most-targeted measures and groups; the per-group lists keep all.
MATRIX_MEASURES = 60
MATRIX_GROUPS = 30
#: Evidence sentences shown per measure-group pair, entities shown per article.
SENTENCES_PER_PAIR = 5
ENTITIES_PER_ARTICLE = 40
#: Article groups are open up to this many articles in all (closed above, to stay short).
OPEN_ARTICLES_UP_TO = 200

STYLE = """
body { font: 15px/1.55 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       color: #1f2933; max-width: 1180px; margin: 0 auto; padding: 20px 28px 60px; }
h1 { font-size: 26px; margin-bottom: 4px; } h2 { margin-top: 40px; border-bottom: 1px solid #d9dee3; }
h3 { margin: 22px 0 6px; }
table { border-collapse: collapse; margin: 8px 0 18px; font-size: 14px; }
table.wide { width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eef0f2; vertical-align: top; }
th { background: #f4f6f8; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.title { min-width: 16em; max-width: 30em; } td.who { min-width: 5em; } td.measure { min-width: 11em; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; }
.muted { color: #6b7785; } .ents span { white-space: nowrap; margin-right: 10px; display: inline-block; }
.overview svg, svg.chart { max-width: 100%; height: auto; }
.overview svg { border: 1px solid #d9dee3; }
details { margin: 6px 0; } summary { cursor: pointer; } summary h3 { display: inline; }
nav.toc { background: #f7f8fa; border: 1px solid #e4e7eb; padding: 8px 18px; columns: 2; }
nav.toc ol { margin: 0; padding-left: 18px; }
.charts { display: flex; flex-wrap: wrap; gap: 10px 30px; }
.charts figure { margin: 0; } figcaption { font-weight: 600; margin: 6px 0; }
.matrix-wrap { overflow-x: auto; }
table.matrix { font-size: 13px; }
table.matrix th.g { writing-mode: vertical-rl; white-space: nowrap; vertical-align: bottom;
                    padding: 6px 2px; max-height: 12em; font-weight: normal; }
table.matrix th.m { white-space: nowrap; font-weight: normal; background: #fff; }
table.matrix td { text-align: center; padding: 2px 4px; border: 1px solid #eef0f2; min-width: 1.8em; }
table.matrix td.hit { background: #fde3c8; } table.matrix td.hit a { color: #7a3d00; font-weight: 600; }
blockquote { margin: 4px 0 4px 0; padding: 2px 10px; border-left: 3px solid #d9dee3; background: #fafbfc; }
mark { background: #ffe08a; }
:target { outline: 2px solid #f28e2b; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav.toc { columns: 1; }
  h2 { break-after: avoid; } h3 { break-after: avoid; }
  tr, blockquote, figure, svg { break-inside: avoid; }
  .matrix-wrap { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  :target { outline: none; }
}
"""


@dataclass(frozen=True)
class Facts:
    """What the sections share, computed once from the graph."""

    data: GraphData
    labels: dict[str, str]
    classes: dict[str, str]
    anchor: dict[str, int]  # IRI -> its index in data.nodes, for fragment ids
    authors: dict[str, list[str]]  # article -> people
    columns: dict[str, list[str]]  # article -> columns
    mentions: dict[str, list[str]]  # article -> entities it names
    mention_count: Counter  # entity -> mention sentences (at least one per article)
    article_count: Counter  # entity -> articles that name it
    targets: dict[tuple[str, str], tuple[int, ...]]  # (measure, group) -> evidence rows
    narrower: dict[str, list[str]]  # group -> groups directly under it


def write_report(graph: Graph | GraphContent | GraphData, path: Path) -> None:
    """Write the report for ``graph`` to ``path`` (atomically; pictures are inline SVG)."""
    atomic_write_text(Path(path), report_html(graph))


def report_html(graph: Graph | GraphContent | GraphData) -> str:
    """The report page for ``graph`` as a string."""
    data = read_graph(graph)
    facts = _facts(data)
    G = data.network
    scores = centrality(G)
    groups = communities(G)
    dated = any(a.month for a in data.articles.values())
    sections: list[tuple[str, str, str]] = [
        ("summary", "Corpus 语料", _summary(data.size, facts)),
        ("matrix", "Measures × groups 举措与群体", _matrix(facts)),
        ("groups", "Measures per group 各群体的举措", _per_group(facts)),
        ("charts", "Charts 图表", _charts(facts)),
    ]
    if dated:
        sections.append(("timeline", "Timeline 时间线", _timeline(facts)))
    sections += [
        ("communities", "Communities 社群", _communities(groups, facts, scores)),
        ("overview", "Overview 概览", f'<div class="overview">{overview_svg(G, scores)}</div>'),
        ("entities", "Top entities 主要实体", _top_entities(G, scores, facts)),
        ("co-mentions", "Named together 共现", _co_mentions(co_mentions(data.content) if data.content else [], facts)),
        ("articles", f"Articles 文章 ({len(data.articles)})", _articles(facts, scores)),
    ]
    toc = "".join(f"<li><a href='#{key}'>{escape(title)}</a></li>" for key, title, _ in sections)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
        "<title>gonghui-kg report · 工会知识图谱报告</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>工会知识图谱 report</h1>",
        '<p class="muted">Generated by gonghui-kg from graph.ttl. Open graph.html to explore it interactively.</p>',
        f"<nav class='toc' aria-label='contents'><ol>{toc}</ol></nav>",
    ]
    for key, title, body in sections:
        parts.append(f"<h2 id='{key}'>{escape(title)}</h2>")
        parts.append(body)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _facts(data: GraphData) -> Facts:
    labels = {n.iri: n.label for n in data.nodes}
    classes = {n.iri: n.cls for n in data.nodes}
    authors: dict[str, list[str]] = defaultdict(list)
    columns: dict[str, list[str]] = defaultdict(list)
    mentions: dict[str, list[str]] = defaultdict(list)
    mention_count: Counter = Counter()
    article_count: Counter = Counter()
    targets: dict[tuple[str, str], tuple[int, ...]] = {}
    narrower: dict[str, list[str]] = defaultdict(list)
    for e in data.edges:
        if e.rel == "creator":
            authors[e.source].append(e.target)
        elif e.rel == "column":
            columns[e.source].append(e.target)
        elif e.rel == "mentions":
            mentions[e.source].append(e.target)
            mention_count[e.target] += max(1, len(e.evidence))
            article_count[e.target] += 1
        elif e.rel == "targets" and classes[e.source] == "Measure" and classes[e.target] == "WorkerGroup":
            targets[(e.source, e.target)] = e.evidence
        elif e.rel == "broader":
            narrower[e.target].append(e.source)
    return Facts(data, labels, classes, {n.iri: i for i, n in enumerate(data.nodes)}, dict(authors),
                 dict(columns), dict(mentions), mention_count, article_count, targets, dict(narrower))


def _swatch(cls: str) -> str:
    return f"<span class='swatch' style='background:{CLASS_STYLE[cls]['color']}'></span>"


def _summary(triples: int, f: Facts) -> str:
    data = f.data
    by_class = Counter(n.cls for n in data.nodes)
    by_rel = Counter(e.rel for e in data.edges)
    sources = sorted({a.source for a in data.articles.values() if a.source})
    rows = [f"<tr><td>{_swatch(c)}{escape(CLASS_STYLE[c]['zh'])} {escape(CLASS_STYLE[c]['name'])}</td>"
            f"<td class='n'>{by_class.get(c, 0)}</td></tr>" for c in NODE_CLASSES]
    rows += [f"<tr><td>{escape(RELATION_STYLE[r]['zh'])} {escape(RELATION_STYLE[r]['name'])} (links)</td>"
             f"<td class='n'>{by_rel.get(r, 0)}</td></tr>" for r in RELATION_STYLE]
    rows.append(f"<tr><td>evidence sentences 证据</td><td class='n'>{len(data.evidence)}</td></tr>")
    rows.append(f"<tr><td>source files 来源文件</td><td class='n'>{len(sources)}</td></tr>")
    rows.append(f"<tr><td>triples</td><td class='n'>{triples}</td></tr>")
    dates = sorted(a.date for a in data.articles.values() if a.date)
    if dates:
        rows.append(f"<tr><td>dated articles 有日期的文章 ({escape(dates[0])} – {escape(dates[-1])})</td>"
                    f"<td class='n'>{len(dates)}</td></tr>")
    return "<table><tr><th>what</th><th>count</th></tr>" + "".join(rows) + "</table>"


def _pair_articles(f: Facts, rows: tuple[int, ...]) -> list[str]:
    """The distinct articles of some evidence rows, in text order."""
    return list(dict.fromkeys(f.data.evidence[i].article for i in rows))


def _matrix(f: Facts) -> str:
    if not f.targets:
        return "<p>No measure is aimed at a worker group in this corpus.</p>"
    per_measure: Counter = Counter()
    per_group: Counter = Counter()
    cells: dict[tuple[str, str], int] = {}
    for (m, g), rows in f.targets.items():
        n = len(_pair_articles(f, rows))
        cells[(m, g)] = n
        per_measure[m] += max(1, n)
        per_group[g] += max(1, n)
    measures = sorted(per_measure, key=lambda m: (-per_measure[m], f.labels[m], m))[:MATRIX_MEASURES]
    groups = sorted(per_group, key=lambda g: (-per_group[g], f.labels[g], g))[:MATRIX_GROUPS]
    out = ["<p class='muted'>Rows are measures 举措, columns the worker groups 职工群体 they are aimed at "
           "(<code>gh:targets</code>); a cell is the number of articles that say so and links to their "
           "sentences.</p>"]
    if len(per_measure) > len(measures) or len(per_group) > len(groups):
        out.append(f"<p class='muted'>The {len(measures)} most-targeting of {len(per_measure)} measures and the "
                   f"{len(groups)} most-targeted of {len(per_group)} groups; "
                   "<a href='#groups'>Measures per group</a> lists them all.</p>")
    out.append("<div class='matrix-wrap'><table class='matrix'><tr><th></th>")
    out.extend(f"<th class='g' scope='col'><a href='#g-{f.anchor[g]}'>{escape(f.labels[g])}</a></th>"
               for g in groups)
    out.append("</tr>")
    for m in measures:
        out.append(f"<tr><th class='m' scope='row'>{escape(f.labels[m])}</th>")
        for g in groups:
            if (m, g) in cells:
                n = cells[(m, g)]
                out.append(f"<td class='hit'><a href='#t-{f.anchor[m]}-{f.anchor[g]}' "
                           f"title='{escape(f.labels[m])} → {escape(f.labels[g])}'>{n or '✓'}</a></td>")
            else:
                out.append("<td></td>")
        out.append("</tr>")
    out.append("</table></div>")
    return "".join(out)


def _descendants(f: Facts, group: str) -> list[str]:
    """Groups under ``group`` (narrower, transitively), nearest first."""
    seen, order, queue = {group}, [], [group]
    while queue:
        nxt = []
        for g in queue:
            for n in sorted(f.narrower.get(g, ()), key=lambda x: (f.labels[x], x)):
                if n not in seen:
                    seen.add(n)
                    order.append(n)
                    nxt.append(n)
        queue = nxt
    return order


def _sentence_html(ev: EvidenceRow) -> str:
    s = ev.sentence
    if ev.end > ev.start:
        return f"{escape(s[:ev.start])}<mark>{escape(s[ev.start:ev.end])}</mark>{escape(s[ev.end:])}"
    return escape(s)


def _article_ref(f: Facts, article: str) -> str:
    info = f.data.articles.get(article)
    title = info.title if info else article
    who = "、".join(f.labels[p] for p in f.authors.get(article, []))
    date = f" · {info.date}" if info and info.date else ""
    return (f"《<a href='#a-{f.anchor[article]}'>{escape(title)}</a>》"
            + (f" <span class='muted'>{escape(who)}{escape(date)}</span>" if who or date else
               ""))


def _per_group(f: Facts) -> str:
    by_group: dict[str, list[str]] = defaultdict(list)
    for m, g in f.targets:
        by_group[g].append(m)
    if not by_group:
        return "<p>No measure is aimed at a worker group in this corpus.</p>"
    reached = {g for g in f.classes if f.classes[g] == "WorkerGroup"
               and any(d in by_group for d in [g, *_descendants(f, g)])}
    order = sorted(reached, key=lambda g: (-len(by_group.get(g, ())), f.labels[g], g))
    opened = " open" if len(order) <= 40 else ""
    out = ["<p class='muted'>For each worker group, the measures aimed at it, and those aimed at a narrower "
           "group under it (<code>skos:broader</code>), with the articles, their authors and the sentences.</p>"]
    for g in order:
        rows = _group_rows(f, g, by_group)
        alias = f.data.nodes[f.anchor[g]].aliases
        also = f" <span class='muted'>又名 {escape('、'.join(alias))}</span>" if alias else ""
        out.append(f"<details{opened} id='g-{f.anchor[g]}'><summary><h3>{_swatch('WorkerGroup')}"
                   f"{escape(f.labels[g])}</h3>{also} <span class='muted'>({len(rows)} measures)</span>"
                   "</summary><table class='wide'><tr><th>measure 举措</th><th>articles and sentences 文章与证据</th></tr>")
        out.extend(_measure_row(f, m, target, g) for m, target in rows)
        out.append("</table></details>")
    return "\n".join(out)


def _group_rows(f: Facts, group: str, by_group: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(measure, group aimed at) for ``group`` and the groups under it: its own first, then by label."""
    rows = [(m, group) for m in by_group.get(group, ())]
    for d in _descendants(f, group):
        rows += [(m, d) for m in by_group.get(d, ())]
    rows.sort(key=lambda r: (r[1] != group, f.labels[r[0]], r[0], f.labels[r[1]]))
    return rows


def _measure_row(f: Facts, measure: str, target: str, group: str) -> str:
    """One table row of a group's measures: the measure, then each article with its sentences.

    The row of a measure aimed at the group itself carries the id the matrix cell links to.
    """
    via = f" <span class='muted'>via {escape(f.labels[target])}</span>" if target != group else ""
    rid = f" id='t-{f.anchor[measure]}-{f.anchor[group]}'" if target == group else ""
    by_article: dict[str, list[int]] = defaultdict(list)
    for i in f.targets[(measure, target)]:
        by_article[f.data.evidence[i].article].append(i)
    cell = []
    for article, idx in by_article.items():
        cell.append(f"<div>{_article_ref(f, article)}</div>")
        once = {f.data.evidence[i].sentence: i for i in reversed(idx)}  # first row per sentence
        cell.extend(f"<blockquote>{_sentence_html(f.data.evidence[i])}</blockquote>"
                    for i in sorted(once.values())[:SENTENCES_PER_PAIR])
    if not by_article:
        cell.append("<span class='muted'>no evidence sentence recorded</span>")
    return (f"<tr{rid}><td class='measure'>{_swatch('Measure')}{escape(f.labels[measure])}{via}</td>"
            f"<td>{''.join(cell)}</td></tr>")


def _charts(f: Facts) -> str:
    by_class = Counter(n.cls for n in f.data.nodes)
    out = ["<div class='charts'>",
           "<figure><figcaption>Entities per class 各类实体数</figcaption>",
           bar_chart([(f"{CLASS_STYLE[c]['zh']} {CLASS_STYLE[c]['name']}", by_class.get(c, 0))
                      for c in NODE_CLASSES], color="#8c9aa8", title="entities per class"),
           "</figure>"]
    for cls in NODE_CLASSES[1:5]:
        members = [n for n in f.data.nodes if n.cls == cls and f.mention_count[n.iri]]
        top = sorted(members, key=lambda n: (-f.mention_count[n.iri], n.label, n.iri))[:CHART_TOP]
        if not top:
            continue
        style = CLASS_STYLE[cls]
        out.append(f"<figure><figcaption>{_swatch(cls)}Top {len(top)} {escape(style['zh'])} "
                   f"{escape(style['name'])} by mentions 提及次数</figcaption>")
        out.append(bar_chart([(n.label, f.mention_count[n.iri]) for n in top], color=style["color"],
                             title=f"top {style['name']} by mentions"))
        out.append("</figure>")
    out.append("</div>")
    return "\n".join(out)


def _months(f: Facts) -> list[str]:
    """Every month from the first dated article to the last, gaps included."""
    known = sorted({a.month for a in f.data.articles.values() if len(a.month) == 7})
    if not known:
        return []
    y, m = int(known[0][:4]), int(known[0][5:7])
    months = []
    while f"{y:04d}-{m:02d}" <= known[-1]:
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _timeline(f: Facts) -> str:
    months = _months(f)
    if not months:
        return "<p>Articles carry only years, no months.</p>"
    at = {m: i for i, m in enumerate(months)}
    per_article = Counter(f.data.articles[a].month for a in f.data.articles if f.data.articles[a].month in at)
    out = ["<figure><figcaption>Articles per month 每月文章数</figcaption>",
           month_histogram(months, [per_article.get(m, 0) for m in months]), "</figure>"]
    for cls in ("WorkerGroup", "Measure"):
        counts: dict[str, list[int]] = {}
        for article, named in f.mentions.items():
            month = f.data.articles[article].month if article in f.data.articles else ""
            if month not in at:
                continue
            for e in named:
                if f.classes.get(e) == cls:
                    counts.setdefault(e, [0] * len(months))[at[month]] += 1
        top = sorted(counts, key=lambda e: (-sum(counts[e]), f.labels[e], e))[:TIMELINE_SERIES]
        if not top:
            continue
        style = CLASS_STYLE[cls]
        out.append(f"<figure><figcaption>{_swatch(cls)}Top {len(top)} {escape(style['zh'])} "
                   f"{escape(style['name'])}: articles naming them per month</figcaption>")
        out.append(timeline_chart(months, [(f.labels[e], counts[e]) for e in top],
                                  title=f"top {style['name']} per month"))
        out.append("</figure>")
    return "\n".join(out)


def _top_entities(G: nx.Graph, scores: dict, f: Facts) -> str:
    aliases = {n.iri: n.aliases for n in f.data.nodes}
    out = ["<p class='muted'>Ranked by PageRank on the article–entity network (weighted by evidence).</p>"]
    top = top_by_class(G, scores, n=TOP_PER_CLASS)
    for cls in NODE_CLASSES[1:5]:
        nodes = top.get(cls, [])
        if not nodes:
            continue
        style = CLASS_STYLE[cls]
        out.append(f"<h3>{_swatch(cls)}{escape(style['zh'])} {escape(style['name'])}</h3>")
        out.append("<table><tr><th>#</th><th>name 名称</th><th>also 别名</th><th>articles</th>"
                   "<th>PageRank</th><th>degree</th><th>betweenness</th></tr>")
        for i, n in enumerate(nodes, 1):
            s = scores[n]
            out.append(f"<tr><td class='n'>{i}</td><td>{escape(G.nodes[n]['label'])}</td>"
                       f"<td>{escape('、'.join(aliases.get(n, ())))}</td><td class='n'>{f.article_count[n]}</td>"
                       f"<td class='n'>{s['pagerank']:.4f}</td><td class='n'>{s['degree']:.3f}</td>"
                       f"<td class='n'>{s['betweenness']:.3f}</td></tr>")
        out.append("</table>")
    return "\n".join(out)


def _communities(groups: list[list[str]], f: Facts, scores: dict) -> str:
    out = [f"<p class='muted'>Louvain communities (seeded) of the article–entity network: {len(groups)} "
           "with two or more members; the largest are listed, members by PageRank.</p>"]
    shown = groups[:COMMUNITIES_SHOWN]
    bars = []
    for i, group in enumerate(shown, 1):
        members = sorted((n for n in group if f.classes.get(n) != "Article"),
                         key=lambda n: (-scores.get(n, {}).get("pagerank", 0.0), n))
        bars.append((f"{i}: " + "、".join(f.labels.get(n, n) for n in members[:3]), len(group)))
    out.append("<figure><figcaption>Community sizes, with their top members</figcaption>"
               + bar_chart(bars, width=760, label_width=360, title="community sizes", max_label=30) + "</figure>")
    for i, group in enumerate(shown, 1):
        members = sorted(group, key=lambda n: (-scores.get(n, {}).get("pagerank", 0.0), n))
        kinds = Counter(f.classes.get(n, "") for n in group)
        summary = ", ".join(f"{kinds[c]} {CLASS_STYLE[c]['zh']}" for c in NODE_CLASSES if kinds.get(c))
        names = "、".join(escape(f.labels.get(n, n)) for n in members[:MEMBERS_SHOWN])
        more = f" … and {len(members) - MEMBERS_SHOWN} more" if len(members) > MEMBERS_SHOWN else ""
        out.append(f"<details{' open' if i <= 3 else ''}><summary><b>Community {i}</b> "
                   f"({len(group)} nodes: {escape(summary)})</summary><p>{names}{more}</p></details>")
    return "\n".join(out)


def _co_mentions(pairs: list[tuple[str, str, int]], f: Facts) -> str:
    out = ["<p class='muted'>Pairs of entities named in the same articles, in at least two articles.</p>"]
    if not pairs:
        out.append("<p>No pair of entities is named together in more than one article.</p>")
        return "\n".join(out)
    out.append("<table><tr><th>entity</th><th>entity</th><th>articles</th></tr>")
    for a, b, n in pairs[:PAIRS_SHOWN]:
        out.append(f"<tr><td>{escape(f.labels.get(a, a))}</td><td>{escape(f.labels.get(b, b))}</td>"
                   f"<td class='n'>{n}</td></tr>")
    out.append("</table>")
    return "\n".join(out)


def article_groups(f: Facts) -> tuple[str, list[tuple[str, list[str]]]]:
    """How the article list is grouped (month, column or folder) and the groups in order."""
    arts = f.data.articles
    dated = any(a.month for a in arts.values())
    how = "month 月份" if dated else "column 栏目" if f.columns else "folder 文件夹"

    def key(a: str) -> str:
        if dated:
            return arts[a].month or "(no date 无日期)"
        if f.columns:
            return "、".join(f.labels[c] for c in f.columns.get(a, [])) or "(no column 无栏目)"
        return arts[a].source.rsplit("/", 1)[0] if "/" in arts[a].source else "(top folder)"

    grouped: dict[str, list[str]] = defaultdict(list)
    for a in sorted(arts, key=lambda a: (arts[a].date, arts[a].source, arts[a].title, a)):
        grouped[key(a)].append(a)
    return how, sorted(grouped.items(), key=lambda kv: (kv[0].startswith("("), kv[0]))


def _articles(f: Facts, scores: dict) -> str:
    how, grouped = article_groups(f)
    opened = " open" if len(f.data.articles) <= OPEN_ARTICLES_UP_TO else ""
    out = [f"<p class='muted'>By {escape(how)}; click a group to open it.</p>"]
    for name, arts in grouped:
        out.append(f"<details{opened}><summary><b>{escape(name)}</b> ({len(arts)})</summary>"
                   "<table class='wide'><tr><th>title 标题</th><th>authors 作者</th><th>column 栏目</th>"
                   "<th>entities named 提及的实体</th></tr>")
        for iri in arts:
            info = f.data.articles[iri]
            authors = "、".join(escape(f.labels[p]) for p in f.authors.get(iri, []))
            columns = "、".join(escape(f.labels[c]) for c in f.columns.get(iri, []))
            named = sorted(f.mentions.get(iri, []),
                           key=lambda n: (NODE_CLASSES.index(f.classes[n]),
                                          -scores.get(n, {}).get("pagerank", 0.0), n))
            ents = "".join(f"<span>{_swatch(f.classes[n])}{escape(f.labels[n])}</span>"
                           for n in named[:ENTITIES_PER_ARTICLE])
            if len(named) > ENTITIES_PER_ARTICLE:
                ents += f"<span class='muted'>+{len(named) - ENTITIES_PER_ARTICLE} more</span>"
            meta = " · ".join(x for x in (info.date, info.source) if x)
            source = f"<br><span class='muted'>{escape(meta)}</span>" if meta else ""
            out.append(f"<tr id='a-{f.anchor[iri]}'><td class='title'>{escape(info.title)}{source}</td>"
                       f"<td class='who'>{authors}</td><td>{columns}</td><td class='ents'>{ents}</td></tr>")
        out.append("</table></details>")
    return "\n".join(out)
