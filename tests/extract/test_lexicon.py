"""The SKOS vocabularies load into a picklable, fingerprinted Lexicon."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from kg.extract import load_lexicon
from kg.extract.lexicon import default_vocab_dir


def test_every_scheme_loads_with_its_class(lexicon):
    classes = {c.cls for c in lexicon.concepts}
    assert classes == {"Organization", "WorkerGroup", "Measure"}
    assert len(lexicon.concepts) > 200


@pytest.mark.parametrize("name, cls, label", [
    ("全总", "Organization", "中华全国总工会"),
    ("全国总工会", "Organization", "中华全国总工会"),
    ("我们党", "Organization", "中国共产党"),
    ("农民工群体", "WorkerGroup", "农民工"),
    ("职工群众", "WorkerGroup", "职工"),
    ("工资协商", "Measure", "集体协商"),
    ("职代会", "Organization", "职工代表大会"),
    ("工会工作人员", "WorkerGroup", "工会工作者"),
    ("离退休人员", "WorkerGroup", "退休职工"),
    ("网约送餐员", "WorkerGroup", "外卖骑手"),
    ("建会入会", "Measure", "建会入会"),  # its own concept, no alias of 工会组建
])
def test_aliases_resolve_to_the_preferred_label(lexicon, name, cls, label):
    c = lexicon.concept(name)
    assert (c.cls, c.label) == (cls, label)


def test_broader_links_come_from_the_vocabulary(lexicon):
    assert "职工" in lexicon.concept("农民工").broader
    assert "新就业形态劳动者" in lexicon.concept("快递员").broader


def test_lexicon_pickles_with_its_index_and_fingerprint(lexicon):
    back = pickle.loads(pickle.dumps(lexicon))
    assert back.fingerprint == lexicon.fingerprint
    assert back.concept("全总").label == "中华全国总工会"


def test_fingerprint_follows_the_vocabularies(tmp_path, lexicon):
    vocab = tmp_path / "vocab"
    shutil.copytree(default_vocab_dir(), vocab)
    assert load_lexicon(vocab).fingerprint == lexicon.fingerprint
    path = vocab / "groups.ttl"
    path.write_text(path.read_text(encoding="utf-8").replace('"灵活就业者"@zh', '"灵活就业者"@zh, "灵活就业工作者"@zh'),
                    encoding="utf-8")
    changed = load_lexicon(vocab)
    assert changed.fingerprint != lexicon.fingerprint
    assert changed.concept("灵活就业工作者").label == "灵活就业人员"


def test_a_lexicon_read_back_from_its_cache_is_the_one_parsed(tmp_path, monkeypatch, lexicon):
    from kg.extract import lexicon as lexicon_module

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    parsed = load_lexicon()  # nothing cached in tmp_path yet: parsed, then cached there
    cache = tmp_path / "kg-lexicon.cache"
    assert cache.is_file()

    def no_parsing(sources):
        raise AssertionError("parsed although cached")

    with monkeypatch.context() as m:
        m.setattr(lexicon_module, "_parse_vocabularies", no_parsing)
        back = load_lexicon()
    assert (back.concepts, back.fingerprint, back.log) == (parsed.concepts, parsed.fingerprint, parsed.log)
    assert (back.concepts, back.fingerprint, back.log) == (lexicon.concepts, lexicon.fingerprint, lexicon.log)

    cache.write_bytes(b"not a cache")  # damaged: parsed again, and cached anew
    assert load_lexicon().concepts == parsed.concepts
    assert cache.read_bytes() != b"not a cache"


def test_a_cache_file_others_may_write_is_not_read(tmp_path, monkeypatch):
    """The cache sits in the shared temporary directory: a file anyone may write (or one
    another account owns) could say anything, so it is parsed again, never trusted."""
    from kg.extract import lexicon as lexicon_module

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    load_lexicon()
    cache = tmp_path / "kg-lexicon.cache"
    cache.chmod(0o666)
    parsed = []
    real = lexicon_module._parse_vocabularies
    monkeypatch.setattr(lexicon_module, "_parse_vocabularies", lambda sources: parsed.append(1) or real(sources))
    load_lexicon()
    assert parsed == [1]


def test_an_alias_two_concepts_share_is_logged(tmp_path):
    (tmp_path / "m.ttl").write_text("""
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix gh: <https://w3id.org/gonghui-kg/ontology#> .
<urn:s> a skos:ConceptScheme ; dcterms:type gh:Organization .
<urn:a> skos:inScheme <urn:s> ; skos:prefLabel "江苏省总工会"@zh ; skos:altLabel "省总工会"@zh .
<urn:b> skos:inScheme <urn:s> ; skos:prefLabel "四川省总工会"@zh ; skos:altLabel "省总工会"@zh .
""", encoding="utf-8")
    lex = load_lexicon(tmp_path)
    assert any("省总工会" in line and "江苏省总工会" in line and "四川省总工会" in line for line in lex.log)
    assert lex.concept("省总工会") is None


def test_the_shipped_vocabularies_declare_each_concept_once_and_share_no_alias(lexicon):
    # A concept written twice (its second copy with other altLabels) once made 职业指导 an
    # ambiguous alias of 职业介绍, so it was never found.
    assert not [line for line in lexicon.log if line.startswith("ambiguous alias")]
    for path in default_vocab_dir().glob("*.ttl"):
        subjects = re.findall(r"^(\S+) a skos:Concept", path.read_text(encoding="utf-8"), re.M)
        assert len(subjects) == len(set(subjects)), path.name
    assert lexicon.concept("职业指导").label == "职业指导"


def test_names_jieba_would_split_are_logged(lexicon):
    line = next(line for line in lexicon.log if "jieba cannot keep whole" in line)
    assert "乡镇（街道）工会" in line


def test_unreadable_vocabulary_names_the_file(tmp_path):
    (tmp_path / "broken.ttl").write_text("this is not turtle <", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.ttl"):
        load_lexicon(tmp_path)


def test_empty_folder_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="no SKOS vocabularies"):
        load_lexicon(tmp_path)


def test_every_rule_id_in_the_code_is_declared():
    """Every rule id written in kg/extract is a declared rule, and every declared rule's id
    is written where it is declared."""
    import re
    from pathlib import Path

    from kg.extract.rules import RULES

    src = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).resolve().parents[2].joinpath("kg", "extract").rglob("*.py"))
    in_code = set(re.findall(r'"((?:org|group|measure|person|targets|broader|member|block)\.[a-z-]+)"', src))
    assert in_code == set(RULES)


AMBIGUOUS_VOCAB = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix gh: <https://w3id.org/gonghui-kg/ontology#> .
@prefix o: <https://example.org/o/> .
<https://example.org/s> a skos:ConceptScheme ; dcterms:type gh:Organization .
o:a a skos:Concept ; skos:inScheme <https://example.org/s> ; skos:prefLabel "江苏省总工会"@zh ; skos:altLabel "省总"@zh .
o:b a skos:Concept ; skos:inScheme <https://example.org/s> ; skos:prefLabel "浙江省总工会"@zh ; skos:altLabel "省总"@zh .
"""


def test_an_alias_two_concepts_share_is_listed_and_never_merged_silently(tmp_path, make_article):
    from kg.extract import extract, load_lexicon

    (tmp_path / "orgs.ttl").write_text(AMBIGUOUS_VOCAB, encoding="utf-8")
    lex = load_lexicon(tmp_path)
    assert any("省总" in line and "江苏省总工会" in line and "浙江省总工会" in line for line in lex.log)

    alone = extract(make_article("省总今年为职工办实事。"), lex)
    assert not [m for m in alone.mentions if m.entity.cls == "Organization"]
    assert any("ambiguous" in line and "省总" in line for line in alone.log)

    # the article names one of the owners unambiguously: the alias is that one
    with_context = extract(make_article("江苏省总工会召开会议。省总今年为职工办实事。"), lex)
    orgs = {m.entity.label for m in with_context.mentions if m.entity.cls == "Organization"}
    assert orgs == {"江苏省总工会"}


def test_the_pos_tagger_copies_jiebas_tag_table_and_tags_as_a_freshly_loaded_one(lexicon):
    """The private tagger starts from a copy of jieba.posseg's parsed table instead of
    parsing dict.txt again: it must tag real text exactly as a tagger that loaded it."""
    import jieba.posseg

    from kg.extract.lexicon import Compiled
    from kg.resources import seed_corpus

    ours = Compiled(lexicon).pos_tokenizer
    loaded = jieba.posseg.POSTokenizer(Compiled(lexicon).tokenizer)
    assert ours.word_tag_tab is not jieba.posseg.dt.word_tag_tab
    text = seed_corpus().read_text(encoding="utf-8")
    shared = dict(jieba.posseg.dt.word_tag_tab)
    tagged = [(w.word, w.flag) for w in ours.cut(text)]
    assert tagged == [(w.word, w.flag) for w in loaded.cut(text)]
    assert ("农民工", "n") in tagged  # a vocabulary word, tagged through the tokenizer's own words
    assert jieba.posseg.dt.word_tag_tab == shared  # the tokenizer's own words stay in the copy


def test_jiebas_dictionary_loads_from_its_cache_to_the_same_tables(tmp_path):
    """load_jieba_dictionary reads jieba's own cache file faster; the tables must be the
    ones jieba builds, and with no cache file yet jieba builds (and writes) it."""
    import jieba

    from kg.extract.lexicon import load_jieba_dictionary

    fresh = jieba.Tokenizer()
    fresh.tmp_dir = str(tmp_path)  # an empty temp folder: no cache file yet
    load_jieba_dictionary(fresh)
    assert (tmp_path / "jieba.cache").is_file()

    cached = jieba.Tokenizer()
    cached.tmp_dir = str(tmp_path)
    load_jieba_dictionary(cached)
    assert cached.initialized and cached.total == fresh.total
    assert cached.FREQ == fresh.FREQ and cached.FREQ is not fresh.FREQ
    text = "江苏省总工会面向农民工开展求学圆梦行动，帮助困难职工提升学历。"
    assert cached.lcut(text) == fresh.lcut(text)

    (tmp_path / "jieba.cache").write_bytes(b"not marshal data")  # damaged: jieba rebuilds it
    damaged = jieba.Tokenizer()
    damaged.tmp_dir = str(tmp_path)
    load_jieba_dictionary(damaged)
    assert damaged.FREQ == fresh.FREQ


def test_jiebas_pos_tags_read_back_from_kgs_cache_are_the_ones_jieba_parses(tmp_path):
    """import_posseg caches the tags of jieba's dictionary in $TMPDIR; a later process that
    reads them back must tag with exactly the table jieba.posseg parses from dict.txt."""
    import subprocess
    import sys

    code = (
        "import jieba\n"
        "from kg.extract.lexicon import import_posseg\n"
        "posseg = import_posseg()\n"
        "got = dict(posseg.dt.word_tag_tab)\n"
        "posseg.dt.load_word_tag(jieba.dt.get_dict_file())\n"
        "assert got == posseg.dt.word_tag_tab, 'tag tables differ'\n"
        "print(len(got), 'get_dict_file' in vars(jieba.dt))\n"
    )
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert (tmp_path / "kg-jieba-tags.cache").is_file()  # written by the first process
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout == second.stdout and int(second.stdout.split()[0]) > 300_000
    assert second.stdout.split()[1] == "False"  # jieba's tokenizer is left as it was
