"""``extract(article, lexicon)``: the entity rules, the overlap policy, then the relation rules.

The order is spelled out in ``_extract``; every rule it calls lives in
``entity_rules``, ``people`` or ``relation_rules`` under its id.
"""

from __future__ import annotations

from collections import Counter

from kg.extract import entity_rules as er
from kg.extract import people
from kg.extract import relation_rules as rr
from kg.extract.context import Candidate, Context, strip_marks
from kg.extract.lexicon import Lexicon, compiled
from kg.extract.overlap import longest_first
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
    kept = _unify_classes(kept + _nested(kept, candidates), lexicon)
    found = [rr.Found(c, EntityRef(c.cls, c.label)) for c in kept]

    authors = _authors(ctx)
    author_refs = [m.entity for m in authors]
    paragraphs = [(p.start, p.end) for p in article.paragraphs if p.kind == "body"] or _line_paragraphs(article.text)
    relations: list[Relation] = []
    relations += rr.members_from_note(ctx, found, article.note or _find_note(article), author_refs)
    relations += rr.members_from_posts(ctx, found)
    relations += rr.members_org_role(ctx, found, relations)
    relations += rr.members_elected(ctx, found)
    relations += rr.broader_enumerations(ctx, found)
    relations += rr.broader_inclusions(ctx, found)
    relations += rr.broader_part_of(ctx, found)
    relations += rr.broader_scope_list(ctx, found)
    relations += rr.broader_modifiers(ctx, found)
    relations += rr.broader_vocabulary(ctx, found, lexicon)
    relations += rr.targets_aim_words(ctx, found)
    relations += rr.targets_anaphor(ctx, found)
    relations += rr.targets_focus(ctx, found)
    relations += rr.targets_benefits(ctx, found)
    relations += rr.targets_frames(ctx, found)
    relations += rr.targets_in_titles(ctx, found)
    relations += rr.targets_rights(ctx, found)
    relations += rr.targets_compounds(ctx, found, candidates)
    relations += rr.targets_paragraph_topic(ctx, found, paragraphs)

    relations = rr.prefer_named_targets(relations)
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
    """Every candidate span of every entity rule, before the overlap policy."""
    vocab = er.vocabulary_matches(ctx)
    orgs = er.place_orgs(ctx)
    place_spans = er.places(ctx, orgs)
    orgs += er.elided_place_orgs(ctx, place_spans) + er.state_organs(ctx) + er.unit_unions(ctx) + er.companies(ctx)
    orgs += er.institutions(ctx)
    orgs += er.sub_units(ctx, orgs)
    all_orgs = orgs + [c for c in vocab if c.cls == "Organization" and c.whole]
    orgs += er.departments(ctx, all_orgs) + er.facilities(ctx, all_orgs)
    groups = er.modified_groups(ctx) + er.group_nouns(ctx) + er.occupations(ctx)
    groups += er.enumerated_groups(ctx, groups + [c for c in vocab if c.cls == "WorkerGroup"])
    measures = er.verb_objects(ctx) + er.quoted_measures(ctx) + er.titled_documents(ctx) + er.means_measures(ctx)
    measures += er.edition_names(ctx, vocab)
    persons = people.post_names(ctx) + people.name_posts(ctx) + people.elected_names(ctx)
    persons += people.org_role_names(ctx, orgs + [c for c in vocab if c.cls == "Organization" and c.whole])
    named = frozenset(c.start for c in vocab if c.whole and c.length > 2)
    persons += people.group_names(ctx, groups + [c for c in vocab if c.cls == "WorkerGroup" and c.whole], named)
    cands = vocab + orgs + groups + measures + persons + er.blocked_spans(ctx)
    return _resolve_ambiguous(ctx, cands)


def _nested(kept: list[Candidate], candidates: list[Candidate]) -> list[Candidate]:
    """Vocabulary groups and organizations (and modified groups) inside a kept measure's
    name are named too: 农民工职业技能竞赛 names 农民工 (the longest one at each place)."""
    owner: dict[int, Candidate] = {}
    for m in kept:
        if m.cls == "Measure":
            owner.update((i, m) for i in range(m.start, m.end))
    for o in kept:  # 美团东湖立交桥站 names 美团
        if o.rule == "org.sub-unit":
            owner.update((i, o) for i in range(o.start, o.end))
    inner = [c for c in candidates if (c.vocab or c.rule == "group.modifier-head") and c.cls in ("WorkerGroup", "Organization")
             and c.start in owner and owner[c.start] is owner.get(c.end - 1) and c.length < owner[c.start].length
             and (owner[c.start].cls == "Measure" or c.cls == "Organization")]
    inner = [Candidate(c.start, c.end, c.cls, c.label, c.rule, c.vocab) for c in inner]  # whole within the measure
    return [c for c in longest_first(inner) if not c.label.startswith("?")]


def _resolve_ambiguous(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """An alias several concepts share ("?" labels) takes the concept the article also
    names unambiguously; otherwise it is dropped and logged."""
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
    """One label, one class per article: the vocabulary's class, else the most frequent."""
    classes: dict[str, Counter] = {}
    for c in kept:
        classes.setdefault(c.label, Counter())[c.cls] += 1
    out = []
    for c in kept:
        counts = classes[c.label]
        if len(counts) > 1:
            concept = lexicon.concept(c.label)
            cls = concept.cls if concept is not None and concept.label == c.label else \
                sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            c = Candidate(c.start, c.end, cls, c.label, c.rule, c.vocab)
        out.append(c)
    return out


def _authors(ctx: Context) -> list[Mention]:
    """One Person mention per byline entry (rule ``person.byline``), evidence = the byline span."""
    out = []
    text = ctx.text
    for b in ctx.article.authors:
        name = strip_marks(b.name)
        if not name or not (0 <= b.start < b.end <= len(text)):
            continue
        sent = ctx.sentence_of(b.start, b.end)
        if sent is None:
            para = next(((p.start, p.end) for p in ctx.article.paragraphs if p.start <= b.start and b.end <= p.end), None)
            sent = para or (b.start, b.end)
        out.append(Mention(EntityRef("Person", name), Evidence(b.start, b.end, sent[0], sent[1], "person.byline")))
    return out


def _mentions(ctx: Context, found: list[rr.Found]) -> list[Mention]:
    seen: Counter = Counter()
    out = []
    for f in found:
        key = (f.ref, strip_marks(ctx.text[f.start:f.end]))
        if seen[key] >= _MAX_MENTIONS_PER_SURFACE:
            continue
        seen[key] += 1
        sent = ctx.sentence_of(f.start, f.end)
        if sent is None:  # kept mentions lie inside a sentence; this only satisfies the type
            continue
        out.append(Mention(f.ref, Evidence(f.start, f.end, sent[0], sent[1], f.cand.rule)))
    return out


def _entities(text: str, found: list[rr.Found], authors: list[Mention]) -> tuple[Entity, ...]:
    """Every entity once, with the other names this article used for it as aliases."""
    aliases: dict[EntityRef, set[str]] = {}
    for f in found:
        aliases.setdefault(f.ref, set())
        surface = strip_marks(text[f.start:f.end])
        if surface and surface != f.ref.label:
            aliases[f.ref].add(surface)
    for a in authors:
        aliases.setdefault(a.entity, set())
    return tuple(Entity(ref, tuple(sorted(al))) for ref, al in sorted(aliases.items()))


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

    for s, e in _line_paragraphs(article.text):
        line = article.text[s:e].strip()
        if line[:1] in "(（" and "作者" in line[:6]:
            return Paragraph(s, e, "note")
    return None
