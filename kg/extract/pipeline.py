"""``extract(article, lexicon)``: the entity rules, the overlap policy, then the relation rules.

Every rule is declared once in ``kg.extract.rules`` (by kind: org, group, measure, person,
block, member, broader, targets); this module runs them in their declared order.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable

from kg.extract.context import Candidate, Context, strip_marks
from kg.extract.lexicon import Lexicon, compiled
from kg.extract.normalize import one_class
from kg.extract.overlap import longest_first
from kg.extract.rules import of_kind
from kg.extract.rules.shared import Facts, Found, Pool
from kg.extract.rules.targets import prefer_named_targets
from kg.model import ENTITY_CLASSES, Article, Entity, EntityRef, Evidence, Extraction, Mention, Relation

#: Mentions (each with its evidence) kept per entity and surface form in one article.
_MAX_MENTIONS_PER_SURFACE = 1


def extract(article: Article, lexicon: Lexicon) -> Extraction:
    """Entities, mentions, authors and relations of one article; pure and deterministic.

    Never raises: a failure inside a rule is logged in ``Extraction.log`` and the
    article yields what the other stages found (nothing, at worst).

    >>> from kg.extract import load_lexicon
    >>> from kg.model import Article, Paragraph, Sentence
    >>> text = "大力实施农民工“求学圆梦行动”。"
    >>> art = Article("a", "t", "s.md", text, (Paragraph(0, len(text), "body"),),
    ...               (Sentence(0, len(text), 0),))
    >>> ex = extract(art, load_lexicon())
    >>> sorted((e.ref.cls, e.ref.label) for e in ex.entities)
    [('Measure', '求学圆梦行动'), ('WorkerGroup', '农民工')]
    >>> [(r.subject.label, r.predicate, r.object.label, r.evidence.rule) for r in ex.relations]
    [('求学圆梦行动', 'targets', '农民工', 'targets.compound')]
    """
    try:
        return _extract(article, lexicon)
    except Exception as exc:  # the contract: extraction never takes the build down
        return Extraction(article_id=getattr(article, "id", "?"),
                          log=(f"extraction failed in {getattr(article, 'source', '?')}: {exc!r}",))


def _extract(article: Article, lexicon: Lexicon) -> Extraction:
    ctx = Context(article, compiled(lexicon))
    if not article.text:
        return Extraction(article.id)
    candidates = entity_candidates(ctx)
    kept = [c for c in longest_first(candidates) if c.cls in ENTITY_CLASSES and ctx.sentence_of(c.start, c.end)]
    kept = _unify_classes(kept + _nested(ctx, kept, candidates), lexicon)
    found = [Found(c, EntityRef(c.cls, c.label)) for c in kept]

    authors = [m for r in of_kind("author") for m in r.apply(ctx, Pool())]
    paragraphs = [(p.start, p.end) for p in article.paragraphs if p.kind == "body"] or _line_paragraphs(article.text)
    facts = Facts(found, candidates, tuple(m.entity for m in authors), article.note or _find_note(article),
                  tuple(paragraphs))
    relations: list[Relation] = []
    for r in of_kind("relation"):
        new = r.apply(ctx, facts)
        if new:  # what the next rules see as ``earlier`` (dataclasses.replace is slow: only when it changed)
            relations += new
            facts = dataclasses.replace(facts, earlier=tuple(relations))

    relations = prefer_named_targets(relations)
    mentions = _mentions(ctx, found)
    entities = _entities(article.text, found, authors)
    return Extraction(
        article_id=article.id,
        entities=entities,
        mentions=tuple(mentions),
        authors=tuple(authors),
        relations=_dedupe(relations),
        log=tuple(ctx.log),
    )


def entity_candidates(ctx: Context) -> list[Candidate]:
    """Every candidate span of every entity (and blocking) rule, before the overlap policy."""
    pool = Pool()
    for r in of_kind("entity") + of_kind("block"):
        pool.add(r.id, r.apply(ctx, pool))
    return _resolve_ambiguous(ctx, pool.everything())


def _nested(ctx: Context, kept: list[Candidate], candidates: list[Candidate]) -> list[Candidate]:
    """Vocabulary groups and organizations (and modified groups) inside a kept measure's
    name are named too: 农民工职业技能竞赛 names 农民工 (the longest one at each place). A
    two-character name must be a word there: 权益维护工作 does not name 护工."""
    owner = _owners(kept)
    inner = [Candidate(c.start, c.end, c.cls, c.label, c.rule, c.vocab)  # whole within the measure
             for c in candidates if _nests_in(ctx, c, owner)]
    return [c for c in longest_first(inner) if not c.label.startswith("?")]


def _owners(kept: list[Candidate]) -> dict[int, Candidate]:
    """The kept measure, unit or department covering each offset: names inside them are named too."""
    owner: dict[int, Candidate] = {}
    for m in kept:
        if m.cls == "Measure":
            owner.update((i, m) for i in range(m.start, m.end))
    for o in kept:  # 美团东湖立交桥站 names 美团
        if o.rule in ("org.sub-unit", "org.sub-unit-post", "org.parent-dept"):
            owner.update((i, o) for i in range(o.start, o.end))
    return owner


#: Pattern rules whose names are named inside a longer one too: 西宁市总工会 in 西宁市总工会宣教部.
_NESTED_RULES = ("group.modifier-head", "org.place-union")


def _nests_in(ctx: Context, c: Candidate, owner: dict[int, Candidate]) -> bool:
    """``c``, a vocabulary or modified group or organization, lies inside one owner and is
    shorter than it (an organization inside a unit; anything inside a measure)."""
    if not (c.vocab or c.rule in _NESTED_RULES) or c.cls not in ("WorkerGroup", "Organization"):
        return False
    o = owner.get(c.start)
    if o is None or o is not owner.get(c.end - 1) or c.length >= o.length:
        return False
    return (o.cls == "Measure" or c.cls == "Organization") and (c.length > 2 or ctx.aligned(c.start, c.end))


def _resolve_ambiguous(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """An alias several concepts share ("?" labels) takes the concept the article also
    names unambiguously; otherwise it is dropped and logged."""
    if not any(c.label.startswith("?") for c in cands):  # the common case: nothing to resolve
        return cands
    lex = ctx.comp.lexicon
    named = {c.label for c in cands if not c.label.startswith("?")}
    out = []
    for c in cands:
        if not c.label.startswith("?"):
            out.append(c)
            continue
        name = c.label[1:]
        owners = [k for k in lex.lookup(name) if k.cls == c.cls and k.label in named]
        if len(owners) == 1:
            out.append(Candidate(c.start, c.end, c.cls, owners[0].label, c.rule, c.vocab))
        elif c.cls == lex.lookup(name)[0].cls:  # log once per span
            ctx.log.append(f"ambiguous {name!r} at {c.start}: {', '.join(k.label for k in lex.lookup(name))}; skipped")
    return out


def _unify_classes(kept: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """One label, one class per article: the vocabulary's class, else the most frequent.
    (The classes are counted only for the few labels found with more than one.)

    >>> from kg.extract import load_lexicon
    >>> found = [Candidate(0, 3, "Measure", "甲乙丙", "r"), Candidate(4, 7, "Organization", "甲乙丙", "r"),
    ...          Candidate(8, 11, "Measure", "甲乙丙", "r"), Candidate(12, 14, "Organization", "工会", "r")]
    >>> [c.cls for c in _unify_classes(found, load_lexicon())]
    ['Measure', 'Measure', 'Measure', 'Organization']
    """
    first: dict[str, str] = {}
    classes: dict[str, Counter] = {}
    for c in kept:
        if first.setdefault(c.label, c.cls) != c.cls:
            classes[c.label] = Counter()
    if not classes:
        return kept
    for c in kept:
        if c.label in classes:
            classes[c.label][c.cls] += 1
    out = []
    for c in kept:
        counts = classes.get(c.label)
        if counts is not None:
            concept = lexicon.concept(c.label)
            known = concept.cls if concept is not None and concept.label == c.label else None
            c = Candidate(c.start, c.end, one_class(counts, known), c.label, c.rule, c.vocab)
        out.append(c)
    return out


def _mentions(ctx: Context, found: list[Found]) -> list[Mention]:
    seen: dict[tuple[EntityRef, str], int] = {}
    out = []
    surface = _surfaces(ctx.text)
    for f in found:
        key = (f.ref, surface(f.start, f.end))
        n = seen.get(key, 0)
        if n >= _MAX_MENTIONS_PER_SURFACE:
            continue
        seen[key] = n + 1
        sent = ctx.sentence_of(f.start, f.end)
        if sent is None:  # kept mentions lie inside a sentence; this only satisfies the type
            continue
        out.append(Mention(f.ref, Evidence(f.start, f.end, sent[0], sent[1], f.cand.rule)))
    return out


def _entities(text: str, found: list[Found], authors: list[Mention]) -> tuple[Entity, ...]:
    """Every entity once, with the other names this article used for it as aliases."""
    aliases: dict[EntityRef, set[str]] = {}
    surface_at = _surfaces(text)
    for f in found:
        surface = surface_at(f.start, f.end)
        names = aliases.setdefault(f.ref, set())
        if surface and surface != f.ref.label:
            names.add(surface)
    for a in authors:
        aliases.setdefault(a.entity, set())
    return tuple(Entity(ref, tuple(sorted(al))) for ref, al in sorted(aliases.items()))


def _surfaces(text: str) -> Callable[[int, int], str]:
    """``strip_marks(text[start:end])``, computed once per distinct span text: an article
    names the same few entities over and over (工会, 职工).

    >>> _surfaces("“工会”和工会")(0, 4)
    '工会'
    """
    memo: dict[str, str] = {}

    def surface(start: int, end: int) -> str:
        raw = text[start:end]
        got = memo.get(raw)
        if got is None:
            got = memo[raw] = strip_marks(raw)
        return got

    return surface


def _dedupe(relations: list[Relation]) -> tuple[Relation, ...]:
    seen = set()
    out = []
    for r in relations:
        key = (r.predicate, r.subject, r.object, r.role)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return tuple(out)


def _line_paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _find_note(article: Article):
    """Articles built without ingestion: a paragraph like (作者为…) is the note."""
    from kg.model import Paragraph

    if "作者" not in article.text:  # the common case: no line can be a note
        return None
    for s, e in _line_paragraphs(article.text):
        line = article.text[s:e].strip()
        if line[:1] in "(（" and "作者" in line[:6]:
            return Paragraph(s, e, "note")
    return None
