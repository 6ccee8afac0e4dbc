"""kg.build end to end on the bundled sample and on real files."""

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

import kg
from kg.rdf.namespace import GH
from kg.rdf.validate import validate

SEED_TITLES = ["聚焦主责主业把广大职工团结在党的周围", "不忘初心对新时代工会工作的重要意义", "强化五种意识 展现工会作为"]
SEED_AUTHORS = {
    SEED_TITLES[0]: {"魏国强"},
    SEED_TITLES[1]: {"郭晶", "显刚", "艾辉", "唐红"},
    SEED_TITLES[2]: {"匙涛"},
}


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return kg.build(output=tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def seed_graph(seed) -> Graph:
    return Graph().parse(seed.graph_path, format="turtle")


def _articles(g: Graph) -> dict[str, object]:
    return {str(g.value(a, DCTERMS.title)): a for a in g.subjects(RDF.type, GH.Article)}


def test_seed_has_three_articles_with_the_printed_titles(seed, seed_graph):
    assert seed.articles == 3
    assert sorted(_articles(seed_graph)) == sorted(SEED_TITLES)


def test_seed_authors_are_exactly_right(seed_graph):
    for title, a in _articles(seed_graph).items():
        authors = {str(seed_graph.value(p, RDFS.label)) for p in seed_graph.objects(a, DCTERMS.creator)}
        assert authors == SEED_AUTHORS[title]


def test_seed_columns_are_on_the_right_articles(seed_graph):
    arts = _articles(seed_graph)
    def cols(t):
        return {str(seed_graph.value(c, RDFS.label)) for c in seed_graph.objects(arts[t], GH.column)}
    assert "三工论坛" in cols(SEED_TITLES[1])
    assert "观察思考" in cols(SEED_TITLES[2])
    assert "三工论坛" not in cols(SEED_TITLES[0]) | cols(SEED_TITLES[2])
    assert "观察思考" not in cols(SEED_TITLES[0]) | cols(SEED_TITLES[1])


def test_seed_text_has_no_page_break_fragments_or_repeated_paragraphs(seed_graph):
    texts = {t: str(seed_graph.value(a, GH.text)) for t, a in _articles(seed_graph).items()}
    first = texts[SEED_TITLES[0]]
    assert "企事业单位民主管理制度" in first and "企事\n业单位" not in first
    assert "坚持职工需求导向" in first
    for text in texts.values():
        paragraphs = [p for p in text.split("\n") if len(p) > 20]
        assert len(paragraphs) == len(set(paragraphs))


def test_every_evidence_span_lies_inside_its_sentence(seed_graph):
    texts = {a: str(seed_graph.value(a, GH.text)) for a in seed_graph.subjects(RDF.type, GH.Article)}
    evidence = list(seed_graph.subjects(RDF.type, GH.Evidence))
    assert len(evidence) > 20
    for e in evidence:
        text = texts[seed_graph.value(e, GH.article)]
        start, end = int(seed_graph.value(e, GH.start)), int(seed_graph.value(e, GH.end))
        sentence = str(seed_graph.value(e, GH.sentence))
        assert 0 <= start < end <= len(text)
        assert sentence in text
        s0 = text.find(sentence)
        while s0 != -1 and not (s0 <= start and end <= s0 + len(sentence)):
            s0 = text.find(sentence, s0 + 1)
        assert s0 != -1, (text[start:end], sentence)


def test_seed_graph_passes_shacl(seed_graph):
    v = validate(seed_graph)
    assert v.conforms, v.report


def test_same_input_gives_byte_identical_turtle(seed, tmp_path):
    again = kg.build(output=tmp_path, html=False)
    assert again.graph_path.read_bytes() == seed.graph_path.read_bytes()


def test_result_object_reports_counts_and_files(seed):
    assert set(seed.entities) == {"Person", "Organization", "WorkerGroup", "Measure"}
    assert all(n > 0 for n in seed.entities.values())
    assert seed.html_path.stat().st_size > 1000 and seed.report_path.stat().st_size > 1000
    assert len(seed.graph) == len(seed.triples)
    assert seed.log_path.read_text(encoding="utf-8").strip()


def test_folders_are_read_recursively_and_bad_files_are_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "2019").mkdir(parents=True)
    (corpus / "2019" / "a.md").write_text("# 江苏省总工会开展职工技能培训\n\n**张伟**\n\n江苏省总工会面向农民工开展职业技能培训。\n",
                                          encoding="utf-8")
    (corpus / "b.txt").write_bytes("# 四川省总工会启动帮扶行动\n\n四川省总工会针对困难职工开展帮扶。\n".encode("gbk"))
    (corpus / "broken.md").write_bytes(b"\x00\x01\x02\xff\xfe\x00binary" * 50)
    (corpus / "notes.json").write_text("{}", encoding="utf-8")
    result = kg.build([corpus], output=tmp_path / "out", html=False)
    assert result.articles == 2
    assert [(Path(s.path).name, s.unsupported) for s in result.skipped] == [("broken.md", False), ("notes.json", True)]
    assert "JSON" in result.skipped[1].reason
    g = Graph().parse(result.graph_path)
    sources = {str(o) for o in g.objects(None, GH.source)}
    assert sources == {"corpus/2019/a.md", "corpus/b.txt"}
    assert validate(g).conforms


def test_the_graph_stage_pauses_cyclic_gc_and_restores_it_even_on_error():
    import gc

    from kg.pipeline import cyclic_gc_paused

    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), cyclic_gc_paused():
        assert not gc.isenabled()
        1 / 0
    assert gc.isenabled()
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()


def _gc_state(_i: int) -> bool:
    import gc

    return gc.isenabled()


def test_pool_workers_run_their_work_with_cyclic_gc_paused():
    import gc

    from kg.pipeline.parallel import forks, pool_map

    if not forks():
        pytest.skip("the check runs in forked workers")
    seen: dict[int, bool] = {}
    pool_map(_gc_state, [1] * 6, 2, on_result=seen.__setitem__)
    assert seen == {i: False for i in range(6)}  # paused around every task in the workers
    assert gc.isenabled()  # and never in the caller


def _module_loaded(_i: int) -> bool:
    import sys

    return "kg.pipeline.progress" in sys.modules


def test_what_the_caller_does_meanwhile_runs_here_after_the_workers_started():
    """``meanwhile`` is for what only this process needs next (the graph stage's imports):
    it runs before any result is handled, and the workers, already started, never see it."""
    import os
    import sys

    from kg.pipeline.parallel import forks, pool_map

    if not forks():
        pytest.skip("the check runs in forked workers")
    sys.modules.pop("kg.pipeline.progress", None)
    events: list = []

    def meanwhile() -> None:
        import kg.pipeline.progress  # noqa: F401

        events.append(("meanwhile", os.getpid()))

    pool_map(_module_loaded, [1] * 4, 2, on_result=lambda i, v: events.append((i, v)), meanwhile=meanwhile)
    assert events[0] == ("meanwhile", os.getpid())
    assert sorted(events[1:]) == [(i, False) for i in range(4)]  # imported here, not in the workers


def test_a_build_without_a_cache_gives_the_graph_a_cached_one_gives(tmp_path):
    bare = kg.build(output=tmp_path / "bare", workers=2, cache=False, html=False)
    cold = kg.build(output=tmp_path / "cold", workers=1, cache=tmp_path / "cache", html=False)
    warm = kg.build(output=tmp_path / "warm", workers=1, cache=tmp_path / "cache", html=False)
    assert (bare.extracted, cold.extracted, warm.reused_graph) == (3, 3, True)
    assert bare.graph_path.read_bytes() == cold.graph_path.read_bytes() == warm.graph_path.read_bytes()
    assert bare.log == cold.log == warm.log


@pytest.mark.parametrize("workers", [1, 2])  # with 2, the Turtle is written in halves, or beside the pages' data
def test_an_unchanged_rebuild_keeps_the_pages_and_a_changed_graph_redraws_them(tmp_path, workers):
    out = tmp_path / "out"
    kg.build(output=out, workers=workers)
    first = {name: (out / name).stat().st_ino for name in ("graph.html", "report.html")}
    again = kg.build(output=out, workers=workers)
    assert {name: (out / name).stat().st_ino for name in first} == first  # the same files, not redrawn
    assert (out / "graph.html").read_bytes().count(b"<html") >= 1
    one = tmp_path / "one.md"
    one.write_text("# 工会关爱农民工\n\n市总工会面向农民工开展技能培训。\n", encoding="utf-8")
    changed = kg.build([one], output=out, workers=workers)
    assert changed.articles == 1 and again.articles == 3
    assert {name: (out / name).stat().st_ino for name in first} != first
    assert "工会关爱农民工" in (out / "report.html").read_text(encoding="utf-8")


def test_an_unchanged_rebuild_draws_a_deleted_or_edited_page_again(tmp_path):
    """The graph comes from the cache (its triples are not even read), yet a page that is
    gone or no longer as drawn is drawn again, the same bytes as before."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    cold = kg.build(output=out, workers=1, cache=cache)
    drawn = {name: (out / name).read_bytes() for name in ("graph.html", "report.html")}
    (out / "graph.html").unlink()
    again = kg.build(output=out, workers=1, cache=cache)
    assert again.reused_graph and (out / "graph.html").read_bytes() == drawn["graph.html"]
    assert again.triples == cold.triples  # read back from graph.ttl, as the graph stage made them
    (out / "report.html").write_bytes(drawn["report.html"].replace(b"<html", b"<html data-edited", 1))
    kg.build(output=out, workers=1, cache=cache)
    assert {name: (out / name).read_bytes() for name in drawn} == drawn
    kept = (out / "graph.html").stat().st_ino
    kg.build(output=out, workers=1, cache=cache)
    assert (out / "graph.html").stat().st_ino == kept  # as drawn: kept, not drawn again


def test_an_entity_only_traditional_text_prints_keeps_its_printed_label(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "big5.md").write_bytes("# 某省總工會慰問職工\n\n某省總工會副主席胡東輝看望農民工，並送去慰問金。\n".encode("big5"))
    (corpus / "gbk.md").write_bytes("# 某市总工会开展帮扶\n\n某市总工会为农民工提供免费技能培训。\n".encode("gbk"))
    g = Graph().parse(kg.build([corpus], output=tmp_path / "out", html=False).graph_path)
    labels = {str(o) for o in g.objects(None, RDFS.label)}
    assert "胡東輝" in labels and "胡东辉" not in labels  # only traditional text names him
    assert "农民工" in labels and "農民工" not in labels  # simplified text names it too
    (person,) = [s for s in g.subjects(RDFS.label, None) if str(g.value(s, RDFS.label)) == "胡東輝"]
    assert "胡东辉" in {str(o) for o in g.objects(person, SKOS.altLabel)}
