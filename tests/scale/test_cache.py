"""Incremental builds: extraction cached by article content and lexicon fingerprint."""

import dataclasses
import json
import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import kg
import kg.extract
from kg.pipeline import build
from kg.pipeline.cache import CACHE_FORMAT, Cache, default_cache_dir


def test_unchanged_corpus_rebuilds_without_extracting(corpus, tmp_path):
    cache = tmp_path / "cache"
    cold = build([corpus], tmp_path / "cold", html=False, workers=1, cache=cache)
    warm = build([corpus], tmp_path / "warm", html=False, workers=1, cache=cache)
    assert (cold.extracted, cold.cached, cold.reused_graph) == (3, 0, False)
    assert (warm.extracted, warm.reused_graph) == (0, True)
    assert warm.graph_path.read_bytes() == cold.graph_path.read_bytes()
    assert warm.entities == cold.entities and warm.articles == cold.articles == 3
    assert warm.log_path.read_text(encoding="utf-8") == cold.log_path.read_text(encoding="utf-8")
    assert set(warm.triples) == set(cold.triples)


def test_an_edited_article_is_extracted_alone(corpus, tmp_path):
    cache = tmp_path / "cache"
    before = build([corpus], tmp_path / "before", html=False, workers=1, cache=cache)
    (corpus / "b.md").write_text("# 四川省总工会启动帮扶行动\n\n**李红**\n\n四川省总工会针对农民工开展帮扶。\n",
                                 encoding="utf-8")
    after = build([corpus], tmp_path / "after", html=False, workers=1, cache=cache)
    assert (after.extracted, after.cached, after.reused_graph) == (1, 2, False)
    fresh = build([corpus], tmp_path / "fresh", html=False, workers=1, cache=None)
    assert after.graph_path.read_bytes() == fresh.graph_path.read_bytes()
    assert after.graph_path.read_bytes() != before.graph_path.read_bytes()
    assert "针对农民工开展帮扶" in after.graph_path.read_text(encoding="utf-8")


def test_a_changed_lexicon_fingerprint_invalidates_every_extraction(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "one", html=False, workers=1, cache=cache)
    real = kg.extract.load_lexicon
    monkeypatch.setattr(kg.extract, "load_lexicon",
                        lambda: dataclasses.replace(real(), fingerprint="a-changed-vocabulary"))
    again = build([corpus], tmp_path / "two", html=False, workers=1, cache=cache)
    assert (again.extracted, again.cached, again.reused_graph) == (3, 0, False)


def test_corrupt_entries_are_ignored_and_recomputed(corpus, tmp_path):
    cache = tmp_path / "cache"
    good = build([corpus], tmp_path / "good", html=False, workers=1, cache=cache)
    entries = [p for p in (cache).rglob("*") if p.is_file()]
    assert len(entries) == 3 + 2  # one per input file, the graph and its graph.ttl
    for p in entries:
        p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2])  # as if cut off mid-write
    again = build([corpus], tmp_path / "again", html=False, workers=1, cache=cache)
    assert (again.extracted, again.reused_graph) == (3, False)
    assert again.graph_path.read_bytes() == good.graph_path.read_bytes()
    assert Cache(cache).get("graph", "0" * 64) is None


def test_a_cut_off_graph_ttl_in_the_cache_is_not_copied_out(corpus, tmp_path):
    """The Turtle kept beside the graph entry is used only when its sha256 is the one the
    entry names: cut off, the graph stage runs again (into a new folder, so that no
    earlier graph.ttl can stand in)."""
    cache = tmp_path / "cache"
    good = build([corpus], tmp_path / "good", html=False, workers=1, cache=cache)
    (turtle,) = (p for p in (cache / f"v{CACHE_FORMAT}" / "graph-turtle").rglob("*") if p.is_file())
    turtle.write_bytes(turtle.read_bytes()[:-100])
    again = build([corpus], tmp_path / "again", html=False, workers=1, cache=cache)
    assert (again.extracted, again.cached, again.reused_graph) == (0, 3, False)
    assert again.graph_path.read_bytes() == good.graph_path.read_bytes()
    warm = build([corpus], tmp_path / "warm", html=False, workers=1, cache=cache)  # the entry is whole again
    assert warm.reused_graph and warm.graph_path.read_bytes() == good.graph_path.read_bytes()


def test_an_edited_graph_ttl_in_the_output_is_written_again(corpus, tmp_path):
    """An unchanged rebuild keeps graph.ttl only while it is the cached graph's bytes."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    good = build([corpus], out, html=False, workers=1, cache=cache).graph_path.read_bytes()
    (out / "graph.ttl").write_bytes(good.replace(b"gh:Article", b"gh:Artikel", 1))
    again = build([corpus], out, html=False, workers=1, cache=cache)
    assert again.reused_graph and (out / "graph.ttl").read_bytes() == good


def test_cli_caches_in_the_documented_place_and_no_cache_leaves_it_alone(corpus, tmp_path):
    env_dir = default_cache_dir()  # $KG_CACHE_DIR, pointed into tmp by conftest
    assert str(env_dir).startswith(str(tmp_path))

    def kg(*args):
        return subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--no-html", "--workers", "1", *args],
                              capture_output=True, text=True)

    r = kg("-o", str(tmp_path / "nc"), "--no-cache")
    assert r.returncode == 0, r.stderr
    assert "3 extracted, 0 from the cache" in r.stdout
    assert not env_dir.exists()
    r = kg("-o", str(tmp_path / "c1"))
    assert r.returncode == 0 and any(env_dir.rglob("*"))
    r = kg("-o", str(tmp_path / "c2"))
    assert "graph reused from the cache" in r.stdout
    other = tmp_path / "elsewhere"
    r = kg("-o", str(tmp_path / "c3"), "--cache-dir", str(other))
    assert "3 extracted" in r.stdout and any(other.rglob("*"))
    assert (tmp_path / "c3" / "graph.ttl").read_bytes() == (tmp_path / "nc" / "graph.ttl").read_bytes()


def test_an_entry_is_on_disk_when_put_returns(tmp_path):
    """Entries are written when they are put (no writer thread to wait for), in one
    folder per kind, and no temp file is left beside them."""
    cache = Cache(tmp_path)
    cache.put("document", "ab" * 32, {"found": 1})
    assert cache.path("document", "ab" * 32) == tmp_path / f"v{CACHE_FORMAT}" / "document" / ("ab" * 32)
    assert json.loads(cache.path("document", "ab" * 32).read_bytes()) == {"found": 1}
    assert Cache(tmp_path).get("document", "ab" * 32) == {"found": 1}
    assert [p.name for p in (tmp_path / f"v{CACHE_FORMAT}" / "document").iterdir()] == ["ab" * 32]


def test_pool_workers_entries_are_on_disk_when_the_build_returns(corpus, tmp_path):
    cache = tmp_path / "cache"
    for i in range(4):  # more files, so both workers get some
        (corpus / f"extra{i}.md").write_text(f"# 工会开展第{i}次培训\n\n工会面向农民工开展技能培训。\n", encoding="utf-8")
    build([corpus], tmp_path / "a", html=False, workers=2, cache=cache)
    entries = {p.parent.name for p in cache.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert entries == {"document", "graph", "graph-turtle"}
    assert len([p for p in (cache / f"v{CACHE_FORMAT}" / "document").rglob("*") if p.is_file()]) == 7  # one per input file
    assert not [p for p in cache.rglob(".*.tmp")]


def test_editing_one_article_of_a_magazine_issue_extracts_that_article_alone(tmp_path):
    """A file of three articles has one cache entry; an edit inside one article re-extracts
    that article and takes the other two from the entry."""
    from kg.resources import seed_corpus

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    issue = seed_corpus().read_text(encoding="utf-8")
    (corpus / "issue.md").write_text(issue, encoding="utf-8")
    cache = tmp_path / "cache"
    first = build([corpus], tmp_path / "one", html=False, workers=1, cache=cache)
    assert (first.articles, first.extracted) == (3, 3)

    sentence = "各级工会要把农民工入会工作摆在突出位置。"
    anchor = "对于做好新时代工会工作具有重要的指导意义。"  # in the second article's first paragraph
    assert issue.count(anchor) == 1
    (corpus / "issue.md").write_text(issue.replace(anchor, anchor + sentence), encoding="utf-8")
    again = build([corpus], tmp_path / "two", html=False, workers=1, cache=cache)
    assert (again.extracted, again.cached, again.reused_graph) == (1, 2, False)
    assert sentence in again.graph_path.read_text(encoding="utf-8")
    fresh = build([corpus], tmp_path / "fresh", html=False, workers=1, cache=None)
    assert again.graph_path.read_bytes() == fresh.graph_path.read_bytes()


def test_a_file_replaced_by_another_document_is_laid_out_again(corpus, tmp_path):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "one", html=False, workers=1, cache=cache)
    (corpus / "a.md").write_text((corpus / "b.md").read_text(encoding="utf-8").replace("李红", "王芳"),
                                 encoding="utf-8")
    again = build([corpus], tmp_path / "two", html=False, workers=2, cache=cache)
    fresh = build([corpus], tmp_path / "fresh", html=False, workers=1, cache=None)
    assert (again.extracted, again.cached) == (1, 2)
    assert again.graph_path.read_bytes() == fresh.graph_path.read_bytes()
    assert "王芳" in again.graph_path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- entries are data, never code

def kg_cli(*args, env=None, cwd=None, timeout=300):
    """``python -m kg ARGS`` from this checkout (or from ``env``'s PYTHONPATH and ``cwd``)."""
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=timeout)


class _Planted:
    """Unpickling this calls ``open(marker, "w")``: the file appears if a pickle is ever loaded."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_pickle_planted_over_every_entry_runs_nothing(corpus, tmp_path):
    cache, marker = tmp_path / "cache", tmp_path / "PWNED"
    first = kg_cli("build", corpus, "-o", tmp_path / "one", "-j", "1", "--cache-dir", cache)
    assert first.returncode == 0, first.stderr
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert len(entries) == 3 + 2  # one per input file, the graph and its graph.ttl
    for p in entries:
        if p.parent.name == "graph-turtle":
            assert p.read_bytes() == (tmp_path / "one" / "graph.ttl").read_bytes()  # copied out, never decoded
        else:
            json.loads(p.read_bytes())  # plain JSON
        p.write_bytes(pickle.dumps(_Planted(marker)))
    assert pickle.loads(entries[0].read_bytes()) and marker.exists()  # the payload works...
    marker.unlink()

    again = kg_cli("build", corpus, "-o", tmp_path / "two", "-j", "2", "--cache-dir", cache)
    assert again.returncode == 0, again.stderr
    assert not marker.exists()  # ...but the build never loads it
    assert "3 extracted, 0 from the cache" in again.stdout  # each planted entry was taken as absent
    warm = kg_cli("build", corpus, "-o", tmp_path / "three", "-j", "1", "--cache-dir", cache)
    assert "graph reused from the cache" in warm.stdout
    for name in ("graph.ttl", "graph.html", "report.html", "build.log"):
        one = (tmp_path / "one" / name).read_bytes()
        assert one == (tmp_path / "two" / name).read_bytes() == (tmp_path / "three" / name).read_bytes(), name


def test_entries_round_trip_every_field_of_the_model(tmp_path):
    """Every field of Article and Extraction survives the cache, a field added later too."""
    from kg.model import (
        Article,
        Byline,
        Entity,
        EntityRef,
        Evidence,
        Extraction,
        Mention,
        Paragraph,
        Relation,
        Sentence,
    )
    from kg.pipeline.documents import DocumentEntry

    ev = Evidence(3, 5, 0, 9, "targets.aim-word")
    group, measure = EntityRef("WorkerGroup", "农民工"), EntityRef("Measure", "求学圆梦行动")
    article = Article(id="a1", title="工会", source="c/a.md", text="工会\n为农民工开展求学圆梦行动。",
                      paragraphs=(Paragraph(0, 2, "title"), Paragraph(3, 17, "body")),
                      sentences=(Sentence(0, 2, 0), Sentence(3, 17, 1)), authors=(Byline("张伟", 0, 2),),
                      columns=("三工论坛",), topic="专题", note=Paragraph(3, 5, "note"),
                      meta=(("source", "工人日报"), ("date", "2024-03-01")), date="2024-03",
                      date_source="file name", log=("a.md: split a name",))
    extraction = Extraction("a1", entities=(Entity(group, ("进城务工人员",)), Entity(measure)),
                            mentions=(Mention(group, ev),), authors=(Mention(EntityRef("Person", "张伟"), ev),),
                            relations=(Relation("targets", measure, group, ev),
                                       Relation("member", EntityRef("Person", "张伟"), EntityRef("Organization", "全总"),
                                                ev, role="主席")), log=("x",))
    entry = DocumentEntry("k", (article, Article("a2", "T", "s", "T")), ("log",), {"e1": extraction})
    store = Cache(tmp_path / "c")
    store.put("document", "ab" * 32, entry)
    assert Cache(tmp_path / "c").get("document", "ab" * 32, DocumentEntry) == entry

    later = dataclasses.make_dataclass(  # as another branch might add to the model
        "LaterArticle", [("region", "tuple[tuple[str, str], ...]", dataclasses.field(default=()))],
        bases=(Article,), frozen=True)
    value = later(**{f.name: getattr(article, f.name) for f in dataclasses.fields(Article)},
                  region=(("province", "江苏"),))
    store.put("document", "cd" * 32, value)
    assert store.get("document", "cd" * 32, later) == value
    assert store.get("document", "cd" * 32, Article) is None  # the wrong shape is no entry


# ---------------------------------------------------------------- the key covers the code

def _copy_package(dest):
    """The package and its ontology, as an installed copy that can be edited."""
    repo = Path(kg.__file__).resolve().parents[1]
    shutil.copytree(repo / "kg", dest / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(repo / "ontology", dest / "ontology")
    return dest


def test_the_code_fingerprint_follows_the_imports(tmp_path):
    from kg.pipeline.cache import code_fingerprint
    from kg.pipeline.documents import WORK_MODULES

    def fingerprint_after(n, edit=None):
        pkg = _copy_package(tmp_path / f"v{n}") / "kg"
        if edit:
            path, text = edit
            with open(pkg / path, "a", encoding="utf-8") as f:
                f.write(text)
        return code_fingerprint(*WORK_MODULES, package=pkg)

    base = fingerprint_after(0)
    assert fingerprint_after(1) == base  # the same code, elsewhere
    for n, path in enumerate(["ingest/decode.py", "convert.py", "ingest/read.py", "extract/people.py",
                              "model.py", "pipeline/documents.py"], start=2):
        assert fingerprint_after(n, (path, "\n# changed\n")) != base, path
    for n, path in enumerate(["viz/explorer.py", "serve/worker.py", "viz/report.py"], start=20):
        assert fingerprint_after(n, (path, "\n# changed\n")) == base, path  # not part of the per-file work

    # a module that the work reaches only through an import inside a function still counts
    pkg = _copy_package(tmp_path / "new") / "kg"
    (pkg / "ingest" / "helper.py").write_text("X = 1\n", encoding="utf-8")
    with open(pkg / "ingest" / "clean.py", "a", encoding="utf-8") as f:
        f.write("\n\ndef _uses_helper():\n    from .helper import X\n    return X\n")
    with_helper = code_fingerprint(*WORK_MODULES, package=pkg)
    (pkg / "ingest" / "helper.py").write_text("X = 2\n", encoding="utf-8")
    code_fingerprint.cache_clear()
    assert code_fingerprint(*WORK_MODULES, package=pkg) != with_helper


def test_editing_an_installed_ingestion_or_conversion_module_forces_reextraction(corpus, tmp_path):
    pkg = _copy_package(tmp_path / "site")
    env = {**os.environ, "PYTHONPATH": str(pkg)}
    cache = tmp_path / "cache"

    def build_(n):
        r = kg_cli("build", corpus, "-o", tmp_path / f"o{n}", "-j", "1", "--no-html", "--cache-dir", cache, env=env,
                   cwd=pkg)  # python -m looks in the working folder first
        assert r.returncode == 0, r.stderr
        return r.stdout

    assert "3 extracted, 0 from the cache" in build_(0)
    assert "graph reused from the cache" in build_(1)
    for n, module in enumerate(["ingest/decode.py", "convert.py"], start=2):
        with open(pkg / "kg" / module, "a", encoding="utf-8") as f:
            f.write("\n# a new release\n")
        assert "3 extracted, 0 from the cache" in build_(n), module
    (pkg / "ontology" / "vocab" / "extra.ttl").write_text(
        (pkg / "ontology" / "vocab").joinpath(sorted(p.name for p in (pkg / "ontology" / "vocab").glob("*.ttl"))[0])
        .read_text(encoding="utf-8"), encoding="utf-8")
    assert "3 extracted, 0 from the cache" in build_(9)


# ---------------------------------------------------------------- a cache folder nobody else controls

def test_a_cache_folder_others_may_write_is_refused(corpus, tmp_path):
    shared = tmp_path / "shared-cache"
    shared.mkdir()
    shared.chmod(0o777)
    r = kg_cli("build", corpus, "-o", tmp_path / "out", "--cache-dir", shared)
    assert r.returncode == 2
    assert f"kg build: error: cache folder {shared} is writable by group and others" in r.stderr
    assert "--no-cache" in r.stderr and "Traceback" not in r.stderr
    assert not any(shared.iterdir()) and not (tmp_path / "out" / "graph.ttl").exists()
    shared.chmod(0o775)
    r = kg_cli("build", corpus, "-o", tmp_path / "out", "--cache-dir", shared)
    assert r.returncode == 2 and "is writable by group (" in r.stderr


def test_a_cache_folder_of_another_user_is_refused(corpus, tmp_path):
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    try:
        os.chown(theirs, 65534, 65534)
    except PermissionError:
        pytest.skip("only root can give a folder to another user")
    r = kg_cli("build", corpus, "-o", tmp_path / "out", "--cache-dir", theirs)
    assert r.returncode == 2
    assert f"kg build: error: cache folder {theirs} belongs to another user (uid 65534" in r.stderr


def test_a_new_cache_folder_is_private(corpus, tmp_path):
    fresh = tmp_path / "deep" / "cache"
    r = kg_cli("build", corpus, "-o", tmp_path / "out", "--no-html", "--cache-dir", fresh)
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700


def test_a_full_cache_disk_warns_once_and_the_build_goes_on(tmp_path):
    """The cache on a 4 kB tmpfs (mounted in a private mount namespace by unshare)."""
    if not shutil.which("unshare"):
        pytest.skip("util-linux unshare is missing")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(12):
        (corpus / f"a{i}.md").write_text(f"# 工会第{i}次培训\n\n" + "各级工会面向农民工开展职业技能培训。" * 40 + "\n",
                                         encoding="utf-8")
    cache = tmp_path / "tiny"
    cache.mkdir(mode=0o700)
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=4k,mode=0700 none {cache}"],
                           capture_output=True, text=True)
    if probe.returncode:
        pytest.skip(f"cannot mount a tmpfs in a user namespace here: {probe.stderr.strip()}")
    env = {**os.environ, "PYTHONPATH": str(Path(kg.__file__).resolve().parents[1])}
    script = (f"mount -t tmpfs -o size=4k,mode=0700 none {cache} && exec {sys.executable} -m kg build {corpus} "
              f"-o {tmp_path / 'out'} --no-html -j 2 --cache-dir {cache}")
    r = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    warnings = [ln for ln in r.stderr.splitlines() if "warning" in ln]
    assert warnings == [f"kg: warning: cache {cache}: cannot write entries (the disk is full); "
                        "the build goes on without saving them"], r.stderr
    reference = kg_cli("build", corpus, "-o", tmp_path / "ref", "--no-html", "-j", "1", "--no-cache")
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (tmp_path / "ref" / "graph.ttl").read_bytes()
    assert reference.returncode == 0
