"""The rule registry: one generated test per declared rule, run on the rule's own example
through the public extraction; and every rule id the builds record is a declared rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.extract import extract, load_lexicon
from kg.extract.context import Context
from kg.extract.lexicon import compiled, default_vocab_dir
from kg.extract.pipeline import entity_candidates
from kg.extract.rules import RULES, rule
from kg.ingest import ingest, split_articles
from kg.model import Article, Document

REPO = Path(__file__).resolve().parents[2]

#: The person.vocab rule needs a person vocabulary; none ships, so the test adds one.
PERSON_VOCAB = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix gh: <https://w3id.org/gonghui-kg/ontology#> .
<https://example.org/people> a skos:ConceptScheme ; dcterms:type gh:Person .
<https://example.org/people/1> a skos:Concept ; skos:inScheme <https://example.org/people> ; skos:prefLabel "王小明"@zh .
"""


@pytest.fixture(scope="module")
def rule_lexicon(tmp_path_factory):
    """The project's vocabularies plus a one-name person vocabulary."""
    folder = tmp_path_factory.mktemp("vocab")
    for ttl in default_vocab_dir().glob("*.ttl"):
        shutil.copy(ttl, folder / ttl.name)
    (folder / "people.ttl").write_text(PERSON_VOCAB, encoding="utf-8")
    return load_lexicon(folder)


def article_of(example: str, make_article) -> Article:
    """An example starting with a Markdown title is read by ingestion (bylines, author
    notes); any other is one Article of its lines (``make_article``)."""
    if example.startswith("# "):
        return split_articles(Document("rule.md", "rule.md", example, "utf-8"))[0]
    return make_article(example)


def produced(rule_id: str, article: Article, lexicon) -> set[tuple[str, ...]]:
    """What the extraction of ``article`` records as found by ``rule_id``."""
    kind = RULES[rule_id].kind
    if kind == "block":  # never emitted: the blocked span is a candidate, and no entity has its name
        ctx = Context(article, compiled(lexicon))
        labels = {e.ref.label for e in extract(article, lexicon).entities}
        return {(c.cls, c.label) for c in entity_candidates(ctx) if c.rule == rule_id and c.label not in labels}
    ex = extract(article, lexicon)
    if kind == "relation":
        return {(r.predicate, r.subject.label, r.object.label) for r in ex.relations if r.evidence.rule == rule_id}
    mentions = ex.authors if kind == "author" else ex.mentions
    return {(m.entity.cls, m.entity.label) for m in mentions if m.evidence.rule == rule_id}


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_finds_its_example(rule_id, rule_lexicon, make_article):
    r = RULES[rule_id]
    assert r.example and r.expect, f"{rule_id}: declare an example and what it finds there"
    assert r.expect in produced(rule_id, article_of(r.example, make_article), rule_lexicon)


def test_a_rule_does_not_take_credit_for_another(lexicon, make_article):
    """The check above can fail: what one rule finds is not credited to another."""
    aim = RULES["targets.aim-word"]
    assert aim.expect in produced("targets.aim-word", article_of(aim.example, make_article), lexicon)
    assert aim.expect not in produced("targets.aim-word-next", article_of(aim.example, make_article), lexicon)
    assert produced("org.vocab", article_of("他是一名普通的叉车司机。", make_article), lexicon) == set()


def _recorded_rules(articles: list[Article]) -> set[str]:
    lexicon = load_lexicon()
    used: set[str] = set()
    for art in articles:
        ex = extract(art, lexicon)
        used |= {m.evidence.rule for m in ex.mentions + ex.authors} | {r.evidence.rule for r in ex.relations}
    return used


def test_every_rule_the_seed_and_report_builds_record_is_declared():
    from kg.resources import seed_corpus

    inputs = [str(seed_corpus()), *sorted(str(p) for p in (REPO / "tests" / "data" / "reports").glob("*.md"))]
    articles, _, _ = ingest(inputs)
    used = _recorded_rules(articles)
    assert len(used) >= 20
    assert used <= set(RULES), used - set(RULES)


def test_a_rule_is_declared_once():
    with pytest.raises(ValueError, match="declared twice"):
        rule("org.vocab", example="全总", expect=("Organization", "中华全国总工会"), description="again")(lambda ctx, pool: [])


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind must be one of"):
        rule("org.test-only", example="x", expect=("Organization", "x"), description="x", kind="relations")
