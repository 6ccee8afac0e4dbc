"""The RDF stage on hand-made extractions of real sentences."""

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.model import Article, Byline, Entity, EntityRef, Evidence, Extraction, Mention, Paragraph, Relation, Sentence
from kg.rdf.graph import to_graph, to_triples
from kg.rdf.iris import article_iri, entity_iri
from kg.rdf.namespace import GH, ORG
from kg.rdf.turtle import serialize_turtle
from kg.rdf.validate import validate

TITLE = "聚焦主责主业把广大职工团结在党的周围"
BODY = "大力实施农民工“求学圆梦行动”,多渠道促进农民工就业创业。"
NOTE = "(作者为江苏省人大常委会副主任、省总工会主席)"
TEXT = f"{TITLE}\n魏国强\n{BODY}\n{NOTE}"
B0 = len(TITLE) + 1 + 3 + 1
N0 = B0 + len(BODY) + 1

ARTICLE = Article(
    id="seed-1", title=TITLE, source="seed.md", text=TEXT,
    paragraphs=(Paragraph(0, len(TITLE), "title"), Paragraph(len(TITLE) + 1, B0 - 1, "byline"),
                Paragraph(B0, B0 + len(BODY), "body"), Paragraph(N0, len(TEXT), "note")),
    sentences=(Sentence(0, len(TITLE), 0), Sentence(len(TITLE) + 1, B0 - 1, 1),
               Sentence(B0, B0 + len(BODY), 2), Sentence(N0, len(TEXT), 3)),
    authors=(Byline("魏国强", len(TITLE) + 1, B0 - 1),), columns=("观点",),
)

PERSON = EntityRef("Person", "魏国强")
GROUP = EntityRef("WorkerGroup", "农民工")
MEASURE = EntityRef("Measure", "求学圆梦行动")
ORG_ = EntityRef("Organization", "江苏省总工会")


def ev(sub: str, rule: str, sentence: int = 2, occurrence: int = 0) -> Evidence:
    s = ARTICLE.sentences[sentence]
    start = TEXT.index(sub, s.start)
    for _ in range(occurrence):
        start = TEXT.index(sub, start + 1)
    return Evidence(start, start + len(sub), s.start, s.end, rule)


def extraction(**kw) -> Extraction:
    base = dict(
        article_id="seed-1",
        entities=(Entity(GROUP, ("农民工群体",)), Entity(MEASURE, ("农民工“求学圆梦行动”",)),
                  Entity(ORG_, ("省总工会",))),
        mentions=(Mention(GROUP, ev("农民工", "test.group")), Mention(MEASURE, ev("求学圆梦行动", "test.measure")),
                  Mention(ORG_, ev("省总工会", "test.org", 3))),
        authors=(Mention(PERSON, ev("魏国强", "test.byline", 1)),),
        relations=(Relation("targets", MEASURE, GROUP, ev("实施农民工“求学圆梦行动”", "test.targets")),
                   Relation("member", PERSON, ORG_, ev("省总工会主席", "test.note", 3), role="主席")),
    )
    base.update(kw)
    return Extraction(**base)


def graph(ex=None) -> Graph:
    triples, _ = to_triples([ARTICLE], [ex or extraction()])
    return to_graph(triples)


def test_article_statements_follow_the_contract():
    g = graph()
    a = article_iri("seed-1")
    assert g.value(a, DCTERMS.title) == Literal(TITLE, lang="zh")
    assert g.value(a, GH.text) == Literal(TEXT, lang="zh")
    assert g.value(a, DCTERMS.creator) == entity_iri(PERSON)
    assert set(g.objects(a, GH.mentions)) == {entity_iri(GROUP), entity_iri(MEASURE), entity_iri(ORG_)}
    col = g.value(a, GH.column)
    assert g.value(col, RDFS.label) == Literal("观点", lang="zh")


def test_every_evidenced_statement_has_a_span_inside_its_sentence():
    g = graph()
    evidenced = [(s, p, o) for p in (GH.mentions, DCTERMS.creator, GH.targets, SKOS.broader, ORG.member)
                 for s, o in g.subject_objects(p)]
    assert len(evidenced) == 6
    for s, p, o in evidenced:
        nodes = [e for e in g.subjects(RDF.subject, s)
                 if g.value(e, RDF.predicate) == p and g.value(e, RDF.object) == o]
        assert nodes, (s, p, o)
        for e in nodes:
            start, end = int(g.value(e, GH.start)), int(g.value(e, GH.end))
            assert 0 <= start < end <= len(TEXT)
            assert TEXT[start:end] in str(g.value(e, GH.sentence))
            assert g.value(g.value(e, GH.rule), RDFS.label) is not None


def test_membership_has_role_organization_and_evidence():
    g = graph()
    (m,) = g.subjects(RDF.type, ORG.Membership)
    assert g.value(m, ORG.member) == entity_iri(PERSON)
    assert g.value(m, ORG.organization) == entity_iri(ORG_)
    assert g.value(g.value(m, ORG.role), RDFS.label) == Literal("主席", lang="zh")


def test_aliases_become_altlabels_and_the_label_stays_single():
    g = graph()
    e = entity_iri(GROUP)
    assert list(g.objects(e, RDFS.label)) == [Literal("农民工", lang="zh")]
    assert Literal("农民工群体", lang="zh") in set(g.objects(e, SKOS.altLabel))


def test_a_span_outside_its_sentence_is_dropped_with_its_statement():
    bad = Evidence(0, 3, B0, B0 + 5, "test.bad")  # span in the title, sentence in the body
    triples, log = to_triples([ARTICLE], [extraction(
        relations=(Relation("targets", MEASURE, GROUP, bad),))])
    g = to_graph(triples)
    assert (entity_iri(MEASURE), GH.targets, entity_iri(GROUP)) not in g
    assert any("test.bad" in line for line in log)


def test_one_class_per_label_across_articles():
    other = ARTICLE.__class__(**{**ARTICLE.__dict__, "id": "seed-2"})
    as_org = EntityRef("Organization", "求学圆梦行动")
    e2 = Extraction("seed-2", mentions=(Mention(as_org, ev("求学圆梦行动", "test.org")),))
    triples, log = to_triples([ARTICLE, other], [extraction(), e2])
    g = to_graph(triples)
    assert (entity_iri(MEASURE), RDF.type, GH.Measure) in g
    assert (entity_iri(as_org), RDF.type, GH.Organization) not in g
    assert any("求学圆梦行动" in line for line in log)


def test_the_graph_stage_fed_file_by_file_in_any_order_gives_the_triples_of_the_whole():
    from kg.rdf.graph import GraphStage

    other = ARTICLE.__class__(**{**ARTICLE.__dict__, "id": "seed-2", "source": "other.md"})
    third = ARTICLE.__class__(**{**ARTICLE.__dict__, "id": "seed-3", "source": "third.md"})
    as_org = EntityRef("Organization", "求学圆梦行动")  # the Measure of seed-1, found as an Organization
    e2 = Extraction("seed-2", mentions=(Mention(as_org, ev("求学圆梦行动", "test.org")),
                                        Mention(as_org, Evidence(0, 3, B0, B0 + 5, "test.bad"))))
    e3 = extraction(article_id="seed-3", relations=())
    parts = [([ARTICLE], [extraction()]), ([other], [e2]), ([third], [e3])]
    whole = to_triples([a for arts, _ in parts for a in arts], [x for _, xs in parts for x in xs])
    stage = GraphStage()
    for i in (2, 0, 1):  # as a pool's results come
        stage.add(i, *parts[i])
    assert stage.finish() == whole
    assert any("found as" in line for line in whole[1]) and any("test.bad" in line for line in whole[1])
    assert (entity_iri(as_org), RDF.type, GH.Organization) not in to_graph(whole[0])
    # An Extraction given with another file's Article, or two Articles of one id: as to_triples does
    mixed = GraphStage()
    mixed.add(0, [ARTICLE, other], [e2])
    mixed.add(1, [third], [extraction()])
    assert mixed.finish() == to_triples([ARTICLE, other, third], [e2, extraction()])
    twice = GraphStage()
    twice.add(0, [ARTICLE], [extraction()])
    twice.add(1, [other.__class__(**{**other.__dict__, "id": "seed-1"})], [e2])
    assert twice.finish() == to_triples([ARTICLE, other.__class__(**{**other.__dict__, "id": "seed-1"})],
                                        [extraction(), e2])


def test_mention_evidence_is_capped_per_entity():
    many = tuple(Mention(GROUP, ev("农民工", "test.group", occurrence=i)) for i in range(2))
    g = graph(extraction(mentions=many))
    nodes = [e for e in g.subjects(RDF.predicate, GH.mentions)]
    assert len(nodes) == 2
    g1 = to_graph(to_triples([ARTICLE], [extraction(mentions=many)], mention_evidence_limit=1)[0])
    assert len(list(g1.subjects(RDF.predicate, GH.mentions))) == 1


def test_turtle_is_deterministic_and_parses_back_to_the_same_graph():
    triples, _ = to_triples([ARTICLE], [extraction()])
    text = serialize_turtle(triples)
    assert text == serialize_turtle(list(reversed(triples)))
    back = Graph().parse(data=text, format="turtle")
    assert set(back) == set(to_graph(triples))


def test_labels_with_iri_unsafe_characters_round_trip():
    odd = EntityRef("Measure", 'A "B" <C> 50%/#x')
    e = Extraction("seed-1", mentions=(Mention(odd, ev("农民工", "test.odd")),))
    triples, _ = to_triples([ARTICLE], [e])
    back = Graph().parse(data=serialize_turtle(triples), format="turtle")
    assert Literal('A "B" <C> 50%/#x', lang="zh") in set(back.objects(None, RDFS.label))


def test_the_built_graph_passes_shacl():
    v = validate(graph())
    assert v.conforms, v.report


def test_shacl_catches_a_statement_without_evidence():
    g = graph()
    g.add((entity_iri(MEASURE), GH.targets, entity_iri(EntityRef("WorkerGroup", "农民工"))))
    g.add((entity_iri(EntityRef("WorkerGroup", "快递员")), RDF.type, GH.WorkerGroup))
    g.add((entity_iri(MEASURE), GH.targets, entity_iri(EntityRef("WorkerGroup", "快递员"))))
    v = validate(g)
    assert not v.conforms
    assert "evidence" in v.report


def test_rules_in_the_graph_are_described_and_the_rule_set_is_fingerprinted():
    from kg.extract.rules import RULES, fingerprint
    from kg.rdf.graph import RULE_SET
    from kg.rdf.iris import rule_iri

    ex = extraction(mentions=(Mention(GROUP, ev("农民工", "group.vocab")),),
                    relations=(Relation("targets", MEASURE, GROUP, ev("实施农民工“求学圆梦行动”", "targets.compound")),))
    g = graph(ex)
    compound = rule_iri("targets.compound")
    assert g.value(compound, RDFS.label) == Literal("targets.compound")
    assert g.value(compound, RDFS.comment) == Literal(RULES["targets.compound"].description, lang="en")
    assert g.value(rule_iri("group.vocab"), RDFS.comment) == Literal(RULES["group.vocab"].description, lang="en")
    assert (rule_iri("targets.aim-word"), None, None) not in g  # only the rules evidence names
    assert g.value(rule_iri("test.byline"), RDFS.comment) is None  # not a declared rule: no description
    assert list(g.subjects(RDF.type, GH.RuleSet)) == [RULE_SET]
    assert g.value(RULE_SET, GH.fingerprint) == Literal(f"sha256:{fingerprint()}")
    assert len(fingerprint()) == 64 and validate(g).conforms


def test_metadata_lines_give_the_publisher_and_the_original_title(tmp_path):
    from kg.pipeline import build

    src = tmp_path / "news.md"
    src.write_text("# 市总工会为职工办实事\n\n来源：工人日报  作者：马晓燕  点击数：1234\n\n原标题：温暖送到职工心坎上\n\n"
                   "近日，市总工会开展送温暖活动，慰问困难职工。\n", encoding="utf-8")
    g = build([src], output=tmp_path / "out", workers=1, html=False, cache=False).graph
    art = next(g.subjects(RDF.type, GH.Article))
    assert g.value(art, DCTERMS.publisher) == Literal("工人日报", lang="zh")
    assert g.value(art, DCTERMS.alternative) == Literal("温暖送到职工心坎上", lang="zh")
    text = str(g.value(art, GH.text))
    assert "工人日报" not in text and "原标题" not in text  # used, and kept out of the text


def test_triples_come_sorted_by_subject_predicate_and_object_as_strings():
    from kg.pipeline.run import build

    triples = list(build(output=__import__("tempfile").mkdtemp(), workers=1, html=False).triples)
    expected = sorted(set(triples), key=lambda t: (str(t[0]), str(t[1]), type(t[2]).__name__, str(t[2])))
    assert triples == expected
    assert len(triples) > 500  # the seed corpus: a real graph, many subjects and kinds of object


def test_iri_segments_encode_exactly_the_unsafe_characters():
    from kg.rdf.iris import iri_segment

    unsafe = ' "<>\\^`{|}%#?/' + "".join(chr(c) for c in range(0x20)) + "\x7f\u2028\u2029\ufeff"
    for ch in unsafe:
        assert iri_segment(f"工{ch}会") == "工" + "".join(f"%{b:02X}" for b in ch.encode()) + "会", repr(ch)
    kept = "农民工-_.~!$&'()*+,;=:@[]ÀÉ\u3000１"
    assert iri_segment(kept) == kept
