"""The values ``evaluate`` returns: counts, the items behind them, and the derived scores.

>>> c = Counts(correct=3, predicted=4, found=2, required=4)
>>> c.precision, c.recall, round(c.f1, 3)
(0.75, 0.5, 0.6)
>>> Counts(0, 0, 0, 0).f1 is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import ENTITY_CLASSES

#: Parts scored as precision/recall/F1, in report order.
ENTITY_PARTS = ENTITY_CLASSES
STATEMENT_PARTS = ("mentions", "authors", "targets", "broader", "memberships")
PARTS = ENTITY_PARTS + STATEMENT_PARTS


def ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class Counts:
    """Precision counts graph items, recall counts required gold items."""

    correct: int  # graph items judged right
    predicted: int  # graph items scored
    found: int  # required gold items the graph has
    required: int  # required gold items

    @property
    def precision(self) -> float | None:
        """None when the graph has nothing to score here."""
        return ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float | None:
        """None when the gold requires nothing here."""
        return ratio(self.found, self.required)

    @property
    def f1(self) -> float | None:
        """Harmonic mean; None when nothing is required, 0.0 when nothing required was found."""
        p, r = self.precision, self.recall
        if r is None:
            return None
        if r == 0 or not p:
            return 0.0
        return 2 * p * r / (p + r)


@dataclass(frozen=True)
class Item:
    """A missed gold item or a wrong graph item, described for a person."""

    text: str  # e.g. "A1 · 农民工" or "求学圆梦行动 → 农民工"
    note: str  # why it is missed or wrong
    rules: tuple[str, ...] = ()  # the gh:rule labels behind a wrong graph item


@dataclass(frozen=True)
class PartScore:
    name: str  # one of PARTS
    counts: Counts
    missed: tuple[Item, ...]
    wrong: tuple[Item, ...]


@dataclass(frozen=True)
class RuleScore:
    """How many statements one rule produced that were right and wrong, per part."""

    rule: str
    parts: tuple[tuple[str, int, int], ...]  # (part, right, wrong)

    @property
    def right(self) -> int:
        return sum(r for _, r, _ in self.parts)

    @property
    def wrong(self) -> int:
        return sum(w for _, _, w in self.parts)

    @property
    def precision(self) -> float | None:
        return ratio(self.right, self.right + self.wrong)


@dataclass(frozen=True)
class EvidenceScore:
    statements: tuple[tuple[str, int, int], ...]  # (predicate name, statements, with evidence)
    nodes: int  # evidence nodes
    valid_spans: int  # evidence nodes whose span is a non-empty part of their sentence
    unevidenced: tuple[Item, ...]
    bad_spans: tuple[Item, ...]

    @property
    def total_statements(self) -> int:
        return sum(n for _, n, _ in self.statements)

    @property
    def evidenced(self) -> int:
        return sum(e for _, _, e in self.statements)

    @property
    def coverage(self) -> float | None:
        """Share of evidenced statements that have an evidence node."""
        return ratio(self.evidenced, self.total_statements)

    @property
    def span_validity(self) -> float | None:
        """Share of evidence nodes whose span lies inside their sentence."""
        return ratio(self.valid_spans, self.nodes)


@dataclass(frozen=True)
class DateScore:
    """FORMAT.md item 6: of the gold articles with a date, those whose graph article has
    exactly one dcterms:date whose first ten characters equal it."""

    scored: int  # gold articles with a date
    right: int
    wrong: tuple[Item, ...]  # the others, each with what the graph has

    @property
    def share(self) -> float | None:
        return ratio(self.right, self.scored)


@dataclass(frozen=True)
class ArticleMatch:
    gold_id: str
    title: str
    graph_articles: tuple[str, ...]  # IRIs of the graph articles with this title


@dataclass(frozen=True)
class Score:
    gold: str  # where the gold came from
    graph: str  # where the graph came from
    articles: tuple[ArticleMatch, ...]  # one per gold article, in gold order
    extra_articles: tuple[Item, ...]  # graph articles that match no gold title
    parts: tuple[PartScore, ...]  # in PARTS order
    evidence: EvidenceScore
    rules: tuple[RuleScore, ...]  # most wrong first
    dates: DateScore = DateScore(0, 0, ())

    def part(self, name: str) -> PartScore:
        for part in self.parts:
            if part.name == name:
                return part
        raise KeyError(name)

    @property
    def macro_f1(self) -> float | None:
        """Mean entity F1 over the classes where it is defined (the gold requires something)."""
        values = [f1 for c in ENTITY_PARTS if (f1 := self.part(c).counts.f1) is not None]
        return sum(values) / len(values) if values else None

    @property
    def headline(self) -> dict[str, float | None]:
        """The F1 scores ``--min-f1`` checks, by name."""
        scores = {"entities_macro_f1": self.macro_f1}
        scores.update({f"{name}_f1": self.part(name).counts.f1 for name in STATEMENT_PARTS})
        return scores
