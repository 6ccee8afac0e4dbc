"""kg.evaluate and ``kg eval``: exact scores on small contract-shaped graphs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import main
from kg.evaluate import EvalInputError, evaluate, format_report, normalise_name, score_to_json

DATA = Path(__file__).parent / "data" / "eval"

PREFIXES = """\
@prefix gh: <https://w3id.org/gonghui-kg/ontology#> .
@prefix ghr: <https://w3id.org/gonghui-kg/resource/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""

GOLD = {
    "format": "gonghui-kg gold v1",
    "articles": [
        {"id": "A1", "title": "聚焦 主责主业", "authors": ["魏国强"], "columns": []},
        {"id": "A2", "title": "第二篇", "authors": ["郭晶", "显刚"], "columns": []},
    ],
    "entities": [
        {"label": "魏国强", "types": ["Person"], "required": True},
        {"label": "郭晶", "types": ["Person"], "required": True},
        {"label": "显刚", "types": ["Person"], "required": True},
        {"label": "习近平", "aliases": ["习近平总书记"], "types": ["Person"], "required": True,
         "articles": ["A1", "A2"]},
        {"label": "江苏省总工会", "aliases": ["省总工会"], "types": ["Organization"], "required": True,
         "articles": ["A1"]},
        {"label": "工会", "types": ["Organization", "Other"], "required": True,
         "articles": ["A1"], "articles_optional": ["A2"]},
        {"label": "五种意识", "types": ["Other"], "required": False},
        {"label": "送温暖", "aliases": ["冬送温暖"], "types": ["Measure"], "required": True,
         "articles": ["A1"]},
        {"label": "冬送温暖", "types": ["Measure", "Other"], "required": False},
        {"label": "农民工", "aliases": ["农民工群体"], "types": ["WorkerGroup"], "required": True,
         "articles": ["A1"]},
        {"label": "快递员", "types": ["WorkerGroup"], "required": True, "articles": ["A1"]},
        {"label": "灵活就业群体", "types": ["WorkerGroup"], "required": True},
        {"label": "平台就业群体", "types": ["WorkerGroup"], "required": True},
        {"label": "求学圆梦行动", "aliases": ["农民工求学圆梦行动"], "types": ["Measure"], "required": True,
         "articles": ["A1"]},
        {"label": "网格化工会工作站", "types": ["Measure", "Organization", "Other"], "required": True},
        {"label": "江苏省人大常委会", "types": ["Organization"], "required": True},
    ],
    "relations": [
        {"subject": "求学圆梦行动", "predicate": "targets", "object": "农民工", "required": True},
        {"subject": "送温暖", "predicate": "targets", "object": "农民工", "required": False},
        {"subject": "快递员", "predicate": "broader", "object_any": ["灵活就业群体", "平台就业群体"],
         "required": True},
        {"subject": "灵活就业群体", "predicate": "broader", "object": "农民工", "required": True},
    ],
    "memberships": [
        {"person": "魏国强", "organization": "江苏省总工会", "role": "主席", "required": True},
        {"person": "魏国强", "organization_any": ["江苏省人大常委会", "江苏省总工会"], "role": "副主任",
         "required": True},
        {"person": "郭晶", "organization": "江苏省总工会", "role": "副主席", "required": True},
    ],
}

A1_TEXT = "聚焦主责主业\n魏国强\n大力实施农民工“求学圆梦行动”。关心快递员。"
A1_SENTENCE = "大力实施农民工“求学圆梦行动”。"
A2_TEXT = "第二篇\n郭晶 显刚\n工会帮助农民工。"
A1_TTL, A2_TTL = (t.replace("\n", "\\n") for t in (A1_TEXT, A2_TEXT))  # Turtle string escapes


def evidence(name: str, s: str, p: str, o: str, article: str, text: str, sentence: str, word: str,
             rule: str) -> str:
    """An evidence node whose span is the first ``word`` inside ``sentence`` in ``text``."""
    start = text.index(sentence) + sentence.index(word)
    return (f"ghr:ev{name} a gh:Evidence ; rdf:subject {s} ; rdf:predicate {p} ; rdf:object {o} ;\n"
            f"  gh:article {article} ; gh:sentence \"{sentence}\"@zh ; gh:start {start} ; "
            f"gh:end {start + len(word)} ; gh:rule <https://w3id.org/gonghui-kg/resource/rule/{rule}> .\n")


GRAPH = PREFIXES + f"""
ghr:a1 a gh:Article ; dcterms:title "聚焦主责主业"@zh ; gh:text "{A1_TTL}"@zh ;
  dcterms:creator ghr:p-wei ;
  gh:mentions ghr:p-xi, ghr:o-sheng, ghr:g-nmg, ghr:m-help, ghr:m-dong, ghr:p-zhang .
ghr:a2 a gh:Article ; dcterms:title "第二篇"@zh ; gh:text "{A2_TTL}"@zh ;
  dcterms:creator ghr:p-guo, ghr:p-zhang ;
  gh:mentions ghr:p-xi, ghr:o-gonghui, ghr:g-nmg .
ghr:a3 a gh:Article ; dcterms:title "附录"@zh ; gh:mentions ghr:g-kdy .

ghr:p-wei a gh:Person ; rdfs:label "魏国强"@zh .
ghr:p-guo a gh:Person ; rdfs:label "郭晶"@zh .
ghr:p-xi a gh:Person ; rdfs:label "习近平总书记"@zh .
ghr:p-zhang a gh:Person ; rdfs:label "张三"@zh .

ghr:o-sheng a gh:Organization ; rdfs:label "省总工会"@zh .
ghr:o-gonghui a gh:Organization ; rdfs:label "工会"@zh .
ghr:o-yishi a gh:Organization ; rdfs:label "五种意识"@zh .
ghr:o-wangge a gh:Organization ; rdfs:label "网格化工会工作站"@zh .

ghr:g-nmg a gh:WorkerGroup ; rdfs:label "农民工"@zh .
ghr:g-kdy a gh:WorkerGroup ; rdfs:label "快递员"@zh .
ghr:g-ptjy a gh:WorkerGroup ; rdfs:label "平台就业群体"@zh .
ghr:g-lhjy a gh:WorkerGroup ; rdfs:label "灵活就业人员"@zh .

ghr:m-dong a gh:Measure ; rdfs:label "冬送温暖"@zh .
ghr:m-qxym a gh:Measure ; rdfs:label "农民工“求学圆梦行动”"@zh .
ghr:m-help a gh:Measure ; rdfs:label "帮扶"@zh ; skos:altLabel "农民工群体"@zh, "求学圆梦行动"@zh .

ghr:m-qxym gh:targets ghr:g-nmg, ghr:g-kdy .
ghr:m-dong gh:targets ghr:g-nmg .
ghr:g-kdy skos:broader ghr:g-ptjy .
ghr:g-lhjy skos:broader ghr:g-nmg .

ghr:ms1 a org:Membership ; org:member ghr:p-wei ; org:organization ghr:o-sheng ; org:role ghr:r-zx .
ghr:ms2 a org:Membership ; org:member ghr:p-wei ; org:organization ghr:o-sheng ; org:role ghr:r-fzr .
ghr:ms3 a org:Membership ; org:member ghr:p-guo ; org:organization ghr:o-sheng ; org:role ghr:r-zx .
ghr:r-zx a org:Role ; rdfs:label "主席"@zh .
ghr:r-fzr a org:Role ; rdfs:label "副主任"@zh .
<https://w3id.org/gonghui-kg/resource/rule/mention.lexicon> a gh:Rule ; rdfs:label "mention.lexicon" .

""" + "".join([
    evidence("1", "ghr:a1", "gh:mentions", "ghr:g-nmg", "ghr:a1", A1_TEXT, A1_SENTENCE, "农民工", "mention.lexicon"),
    evidence("2", "ghr:a2", "gh:mentions", "ghr:g-nmg", "ghr:a2", A2_TEXT, "工会帮助农民工。", "农民工", "mention.lexicon"),
    evidence("3", "ghr:m-qxym", "gh:targets", "ghr:g-nmg", "ghr:a1", A1_TEXT, A1_SENTENCE, "求学圆梦行动", "targets.aim"),
    evidence("4", "ghr:m-dong", "gh:targets", "ghr:g-nmg", "ghr:a1", A1_TEXT, A1_SENTENCE, "农民工", "targets.aim"),
    evidence("5", "ghr:m-qxym", "gh:targets", "ghr:g-kdy", "ghr:a1", A1_TEXT, "关心快递员。", "快递员", "targets.list"),
    evidence("6", "ghr:a2", "dcterms:creator", "ghr:p-zhang", "ghr:a2", A2_TEXT, "郭晶 显刚", "郭晶", "byline"),
    evidence("7", "ghr:a1", "dcterms:creator", "ghr:p-wei", "ghr:a1", A1_TEXT, "魏国强", "魏国强", "byline"),
])


@pytest.fixture(scope="module")
def score():
    return evaluate(GOLD, Graph().parse(data=GRAPH, format="turtle"))


def counts(score, part):
    c = score.part(part).counts
    return (c.correct, c.predicted, c.found, c.required)


def texts(items):
    return sorted(i.text for i in items)


def test_names_ignore_white_space_and_quotes():
    assert normalise_name(" 农民工 “求学圆梦行动”\u3000") == "农民工求学圆梦行动"
    assert normalise_name("《工会法》「甲」『乙』〈丙〉'丁'\"戊\"‘己’") == "工会法甲乙丙丁戊己"


def test_person_precision_and_recall_with_alias_match(score):
    # 魏国强, 郭晶, 习近平总书记 (an alias of 习近平) right; 张三 wrong; 显刚 missed
    assert counts(score, "Person") == (3, 4, 3, 4)
    part = score.part("Person")
    assert part.counts.precision == 0.75 and part.counts.recall == 0.75
    assert texts(part.wrong) == ["张三"]
    assert texts(part.missed) == ["显刚"]


def test_organization_other_type_is_wrong_and_secondary_type_is_right(score):
    # 省总工会 (alias), 工会 ([Organization, Other]) and 网格化工会工作站 (Measure first,
    # Organization allowed) are right; 五种意识 (gold type Other only) is wrong.
    assert counts(score, "Organization") == (3, 4, 2, 3)
    part = score.part("Organization")
    assert texts(part.wrong) == ["五种意识"]
    assert "Other" in part.wrong[0].note
    assert texts(part.missed) == ["江苏省人大常委会"]


def test_measure_label_match_beats_alias_and_first_gold_wins(score):
    # 冬送温暖 equals the label of gold 冬送温暖 (Measure/Other), so it does not find 送温暖
    # although 送温暖 lists it as an alias and comes first. 帮扶's altLabels name 农民工 (alias)
    # and 求学圆梦行动; it matches only the first, 农民工, a WorkerGroup: wrong for Measure.
    # 网格化工会工作站 (first type Measure) is found by an Organization, which its types allow.
    assert counts(score, "Measure") == (2, 3, 2, 3)
    part = score.part("Measure")
    assert texts(part.wrong) == ["帮扶"]
    assert texts(part.missed) == ["送温暖"]


def test_worker_group_unmatched_name_is_wrong(score):
    assert counts(score, "WorkerGroup") == (3, 4, 3, 4)
    assert texts(score.part("WorkerGroup").wrong) == ["灵活就业人员"]
    assert texts(score.part("WorkerGroup").missed) == ["灵活就业群体"]


def test_macro_f1_is_the_mean_of_class_f1(score):
    f1 = [score.part(c).counts.f1 for c in ("Person", "Organization", "WorkerGroup", "Measure")]
    assert f1[0] == pytest.approx(0.75)
    assert f1[1] == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    assert f1[3] == pytest.approx(2 / 3)
    assert score.macro_f1 == pytest.approx(sum(f1) / 4)


def test_mentions_pairs_optional_articles_and_exclusions(score):
    # Pairs: (A1,习近平) (A2,习近平) (A1,江苏省总工会) (A1,农民工) right, (A2,工会) right as
    # optional, (A2,农民工) wrong. 帮扶 also maps to (A1,农民工): one pair. 冬送温暖 (not
    # required), 张三 (no gold) and the unmatched article 附录 are not scored.
    assert counts(score, "mentions") == (5, 6, 4, 8)
    part = score.part("mentions")
    assert texts(part.wrong) == ["A2 · 农民工"]
    assert part.wrong[0].rules == ("mention.lexicon",)
    assert texts(part.missed) == ["A1 · 工会", "A1 · 快递员", "A1 · 求学圆梦行动", "A1 · 送温暖"]


def test_authors_exact_pairs(score):
    assert counts(score, "authors") == (2, 3, 2, 3)
    assert texts(score.part("authors").wrong) == ["A2 · 张三"]
    assert texts(score.part("authors").missed) == ["A2 · 显刚"]


def test_targets_only_listed_pairs_count(score):
    # 冬送温暖 matches gold 冬送温暖, and only 送温暖 → 农民工 is listed: wrong.
    assert counts(score, "targets") == (1, 3, 1, 1)
    assert texts(score.part("targets").wrong) == ["农民工“求学圆梦行动” → 快递员", "冬送温暖 → 农民工"]


def test_broader_object_any_and_unmatched_subject(score):
    assert counts(score, "broader") == (1, 2, 1, 2)
    part = score.part("broader")
    assert texts(part.wrong) == ["灵活就业人员 → 农民工"]
    assert "subject" in part.wrong[0].note
    assert texts(part.missed) == ["灵活就业群体 → 农民工"]


def test_memberships_with_organization_any(score):
    assert counts(score, "memberships") == (2, 3, 2, 3)
    assert texts(score.part("memberships").wrong) == ["郭晶 · 省总工会 · 主席"]
    assert texts(score.part("memberships").missed) == ["郭晶 · 江苏省总工会 · 副主席"]


def test_articles_matched_by_normalised_title(score):
    assert [(a.gold_id, len(a.graph_articles)) for a in score.articles] == [("A1", 1), ("A2", 1)]
    assert texts(score.extra_articles) == ["附录"]


def test_evidence_coverage_counts_every_evidenced_statement(score):
    ev = score.evidence
    # mentions 10, creator 3, targets 3, broader 2, org:member 3; 7 have evidence
    assert dict((n, (s, e)) for n, s, e in ev.statements) == {
        "mentions": (10, 2), "creator": (3, 2), "targets": (3, 3), "broader": (2, 0), "member": (3, 0)}
    assert ev.coverage == pytest.approx(7 / 21)
    assert ev.nodes == 7 and ev.valid_spans == 7


def test_rule_breakdown(score):
    rules = {r.rule: {p: (right, wrong) for p, right, wrong in r.parts} for r in score.rules}
    assert rules["mention.lexicon"] == {"mentions": (1, 1), "WorkerGroup": (1, 0)}
    assert rules["targets.aim"] == {"targets": (1, 1)}
    assert rules["targets.list"] == {"targets": (0, 1)}
    assert rules["byline"] == {"authors": (1, 1), "Person": (1, 1)}
    assert score.rules[0].wrong >= score.rules[-1].wrong


SPAN_TEXT = "甲工会。乙工会帮助农民工。"


def span_graph(*spans: tuple[str, int, int]) -> Graph:
    nodes = "".join(
        f"ghr:e{i} a gh:Evidence ; rdf:subject ghr:a ; rdf:predicate gh:mentions ; rdf:object ghr:g ;\n"
        f"  gh:article ghr:a ; gh:sentence \"{sentence}\"@zh ; gh:start {start} ; gh:end {end} ;\n"
        f"  gh:rule ghr:r{i} .\n"
        for i, (sentence, start, end) in enumerate(spans)
    )
    ttl = PREFIXES + f"""
ghr:a a gh:Article ; dcterms:title "T"@zh ; gh:text "{SPAN_TEXT}"@zh ; gh:mentions ghr:g, ghr:o .
ghr:g a gh:WorkerGroup ; rdfs:label "农民工"@zh .
ghr:o a gh:Organization ; rdfs:label "工会"@zh .
""" + nodes
    return Graph().parse(data=ttl, format="turtle")


def test_evidence_spans_inside_sentence():
    s2 = "乙工会帮助农民工。"
    graph = span_graph(
        (s2, 9, 12),  # 农民工: valid
        (s2, 1, 3),  # 工会 is in the sentence, but these offsets are in the first sentence
        (s2, 9, 9),  # empty
        (s2, 11, 99),  # past the end of the text
        ("乙工会 帮助农民工", 9, 12),  # sentence not verbatim in the text: substring test only
        (s2, 0, 1),  # 甲 is not part of the sentence
    )
    score = evaluate({"articles": [{"id": "A", "title": "T", "authors": []}], "entities": []}, graph)
    ev = score.evidence
    assert (ev.nodes, ev.valid_spans) == (6, 2)
    assert ev.span_validity == pytest.approx(1 / 3)
    bad = {item.text.rsplit("/", 1)[-1]: item.note for item in ev.bad_spans}
    assert sorted(bad) == ["e1", "e2", "e3", "e5"]
    assert "outside every occurrence" in bad["e1"]
    assert "empty or outside" in bad["e2"] and "empty or outside" in bad["e3"]
    assert "not part of the sentence" in bad["e5"]
    # two mentions, only ghr:g has evidence
    assert (ev.total_statements, ev.evidenced) == (2, 1)
    assert texts(ev.unevidenced) == ["T mentions 工会"]


def test_empty_parts_have_no_precision_and_zero_f1_when_something_is_required():
    score = evaluate(GOLD, Graph())
    c = score.part("targets").counts
    assert (c.precision, c.recall, c.f1) == (None, 0.0, 0.0)
    empty = evaluate({"articles": [], "entities": []}, Graph()).part("Person").counts
    assert (empty.precision, empty.recall, empty.f1) == (None, None, None)
    assert evaluate({"articles": [], "entities": []}, Graph()).macro_f1 is None


def test_report_ends_with_the_headline_table(score):
    report = format_report(score)
    tail = report.splitlines()[-15:]
    assert any(line.startswith("Person") and "0.750" in line for line in tail)
    assert any(line.startswith("macro-F1") for line in tail)
    assert tail[-1].startswith("evidence: 33.3% of statements evidenced (7/21)")
    # the lists come before the table
    assert report.index("张三") < report.index("macro-F1")


def test_json_structure(score):
    doc = json.loads(json.dumps(score_to_json(score), ensure_ascii=False))
    assert doc["format"] == "gonghui-kg eval v1"
    assert doc["entities"]["classes"]["Person"]["precision"] == 0.75
    assert doc["parts"]["broader"]["missed"] == [
        {"item": "灵活就业群体 → 农民工", "note": "not in the graph", "rules": []}]
    assert doc["headline"]["authors_f1"] == pytest.approx(2 / 3)
    assert doc["articles"]["extra"][0]["item"] == "附录"
    assert doc["evidence"]["by_predicate"]["member"] == {"statements": 3, "evidenced": 0}


def test_gold_file_errors_name_the_file(tmp_path):
    with pytest.raises(EvalInputError, match=r"missing\.json: gold file not found"):
        evaluate(tmp_path / "missing.json", Graph())
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(EvalInputError, match=r"bad\.json: not a JSON gold file"):
        evaluate(bad, Graph())
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"articles": [], "entities": [{"label": "x", "types": ["Place"]}]}), encoding="utf-8")
    with pytest.raises(EvalInputError, match=r"wrong.json: entities\[0\] \(x\): types"):
        evaluate(wrong, Graph())


@pytest.fixture()
def files(tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    build = tmp_path / "out"
    build.mkdir()
    (build / "graph.ttl").write_text(GRAPH, encoding="utf-8")
    return gold, build


def test_cli_json_on_a_build_directory(files, capsys):
    gold, build = files
    assert main(["eval", str(gold), str(build), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["graph"] == str(build / "graph.ttl")
    assert doc["parts"]["mentions"]["correct"] == 5


def test_cli_reads_other_rdf_formats_by_extension(files, capsys):
    gold, build = files
    nt = build / "graph.nt"
    Graph().parse(build / "graph.ttl").serialize(nt, format="nt", encoding="utf-8")
    assert main(["eval", str(gold), str(nt), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["parts"]["authors"]["predicted"] == 3


def test_cli_min_f1(files, capsys):
    gold, build = files
    assert main(["eval", str(gold), str(build), "--min-f1", "0.3"]) == 0
    assert main(["eval", str(gold), str(build), "--min-f1", "0.9"]) == 1
    assert "below --min-f1 0.9" in capsys.readouterr().err


def test_cli_usage_errors_exit_2(files, tmp_path):
    gold, build = files
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle <<<", encoding="utf-8")
    cases = [
        ([str(tmp_path / "nope.json"), str(build)], "nope.json: gold file not found"),
        ([str(gold), str(tmp_path / "nothing")], "nothing: no such file or folder"),
        ([str(gold), str(broken)], "broken.ttl: not valid Turtle"),
    ]
    for args, message in cases:
        proc = subprocess.run([sys.executable, "-m", "kg", "eval", *args], capture_output=True, text=True,
                              cwd=Path(__file__).parents[1])
        assert proc.returncode == 2, proc.stderr
        assert message in proc.stderr
        assert proc.stdout == ""


def test_fixture_files_score_as_documented():
    """tests/data/eval holds a tiny gold + graph pair for trying ``kg eval`` by hand."""
    score = evaluate(DATA / "gold.json", DATA / "graph.ttl")
    assert counts(score, "Person") == (1, 2, 1, 2)
    assert counts(score, "targets") == (1, 1, 1, 1)
    assert score.evidence.coverage == 1.0 and score.evidence.span_validity == 1.0
