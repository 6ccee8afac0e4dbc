"""Turning a Score into the human report and the ``--json`` document.

The human report lists misses and wrong answers first and ends with the summary table,
so ``kg eval … | tail -n 15`` shows the headline numbers. The JSON layout is documented
in ``kg.evaluate`` and versioned by its ``format`` field.
"""

from __future__ import annotations

from kg.evaluate.result import ENTITY_PARTS, Item, PartScore, Score

JSON_FORMAT = "gonghui-kg eval v1"


def _num(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _items(title: str, items: tuple[Item, ...], limit: int) -> list[str]:
    if not items:
        return []
    lines = [f"  {title} ({len(items)}):"]
    shown = items if limit <= 0 else items[:limit]
    for item in shown:
        rules = f"  [{', '.join(item.rules)}]" if item.rules else ""
        lines.append(f"    {item.text}  ({item.note}){rules}")
    if len(shown) < len(items):
        lines.append(f"    … and {len(items) - len(shown)} more (--max-items 0 or --json lists all)")
    return lines


def format_report(score: Score, max_items: int = 20) -> str:
    """The human-readable report: details first, the summary table last (about 15 lines).

    ``max_items`` caps each list of misses/wrong answers (0: no cap).
    """
    lines = [f"kg eval: {score.graph} against {score.gold}", ""]
    missing = [a for a in score.articles if not a.graph_articles]
    lines.append(f"articles: {len(score.articles) - len(missing)}/{len(score.articles)} gold articles found in the graph,"
                 f" {len(score.extra_articles)} graph articles not in the gold")
    lines += _items("gold articles missing (no graph article with this title)",
                    tuple(Item(f"{a.gold_id} {a.title}", "no dcterms:title match") for a in missing), max_items)
    lines += _items("graph articles not in the gold (their statements are not scored)", score.extra_articles, max_items)
    for part in score.parts:
        if part.missed or part.wrong:
            lines.append("")
            lines.append(f"{part.name}:")
            lines += _items("missed", part.missed, max_items)
            lines += _items("wrong", part.wrong, max_items)
    if score.dates.wrong:
        lines.append("")
        lines.append("dates:")
        lines += _items("wrong or missing", score.dates.wrong, max_items)
    ev = score.evidence
    if ev.unevidenced or ev.bad_spans:
        lines.append("")
        lines.append("evidence:")
        lines += _items("statements without evidence", ev.unevidenced, max_items)
        lines += _items("evidence spans not inside their sentence", ev.bad_spans, max_items)
    if score.rules:
        lines.append("")
        lines.append("by rule (statements right / wrong, most wrong first):")
        shown = score.rules if max_items <= 0 else score.rules[:max_items]
        width = max(len(r.rule) for r in shown)
        for rule in shown:
            parts = ", ".join(f"{name} {right}/{wrong}" for name, right, wrong in rule.parts)
            lines.append(f"  {rule.rule:<{width}}  {rule.right:>5} {rule.wrong:>5}  P {_num(rule.precision)}  ({parts})")
        if len(shown) < len(score.rules):
            lines.append(f"  … and {len(score.rules) - len(shown)} more rules")
    lines.append("")
    lines += summary_lines(score)
    return "\n".join(lines) + "\n"


def summary_lines(score: Score) -> list[str]:
    """The headline table (the last lines of the report)."""
    lines = [f"{'part':<13} {'P':>6} {'R':>6} {'F1':>6}   right/graph  found/required"]

    def row(part: PartScore) -> str:
        c = part.counts
        return (f"{part.name:<13} {_num(c.precision):>6} {_num(c.recall):>6} {_num(c.f1):>6}"
                f"   {f'{c.correct}/{c.predicted}':>11}  {f'{c.found}/{c.required}':>14}")

    for name in ENTITY_PARTS:
        lines.append(row(score.part(name)))
    lines.append(f"{'macro-F1':<13} {'':>6} {'':>6} {_num(score.macro_f1):>6}   (entity classes)")
    for part in score.parts:
        if part.name not in ENTITY_PARTS:
            lines.append(row(part))
    if score.dates.scored:
        d = score.dates
        lines.append(f"dates: {_pct(d.share)} of gold dates right ({d.right}/{d.scored})")
    ev = score.evidence
    lines.append(f"evidence: {_pct(ev.coverage)} of statements evidenced ({ev.evidenced}/{ev.total_statements}),"
                 f" {_pct(ev.span_validity)} of spans inside their sentence ({ev.valid_spans}/{ev.nodes})")
    return lines


def _item_json(item: Item) -> dict:
    return {"item": item.text, "note": item.note, "rules": list(item.rules)}


def _part_json(part: PartScore) -> dict:
    c = part.counts
    return {
        "correct": c.correct,
        "predicted": c.predicted,
        "found": c.found,
        "required": c.required,
        "precision": c.precision,
        "recall": c.recall,
        "f1": c.f1,
        "missed": [_item_json(i) for i in part.missed],
        "wrong": [_item_json(i) for i in part.wrong],
    }


def score_to_json(score: Score) -> dict:
    """A plain dict (JSON-ready) with every number and list of the score; layout in ``kg.evaluate``."""
    ev = score.evidence
    return {
        "format": JSON_FORMAT,
        "gold": score.gold,
        "graph": score.graph,
        "headline": {
            **score.headline,
            "evidence_coverage": ev.coverage,
            "evidence_span_validity": ev.span_validity,
        },
        "articles": {
            "matched": [
                {"id": a.gold_id, "title": a.title, "graph": list(a.graph_articles)}
                for a in score.articles if a.graph_articles
            ],
            "missing": [{"id": a.gold_id, "title": a.title} for a in score.articles if not a.graph_articles],
            "extra": [_item_json(i) for i in score.extra_articles],
        },
        "entities": {
            "macro_f1": score.macro_f1,
            "classes": {name: _part_json(score.part(name)) for name in ENTITY_PARTS},
        },
        "parts": {p.name: _part_json(p) for p in score.parts if p.name not in ENTITY_PARTS},
        "dates": {
            "scored": score.dates.scored,
            "right": score.dates.right,
            "share": score.dates.share,
            "wrong": [_item_json(i) for i in score.dates.wrong],
        },
        "evidence": {
            "statements": ev.total_statements,
            "evidenced": ev.evidenced,
            "coverage": ev.coverage,
            "by_predicate": {name: {"statements": n, "evidenced": e} for name, n, e in ev.statements},
            "nodes": ev.nodes,
            "valid_spans": ev.valid_spans,
            "span_validity": ev.span_validity,
            "unevidenced": [_item_json(i) for i in ev.unevidenced],
            "bad_spans": [_item_json(i) for i in ev.bad_spans],
        },
        "rules": [
            {
                "rule": r.rule,
                "right": r.right,
                "wrong": r.wrong,
                "precision": r.precision,
                "parts": {name: {"right": right, "wrong": wrong} for name, right, wrong in r.parts},
            }
            for r in score.rules
        ],
    }
