"""An unchanged rebuild takes the graph without reading a file, on the word of the file
system (kg.pipeline.stamp); any change to a file, or a file added or removed, is read."""

import os
import time

import pytest

import kg.pipeline.run
import kg.pipeline.stamp
from kg.pipeline import build
from kg.pipeline.cache import CACHE_FORMAT
from kg.pipeline.stamp import input_stamp


@pytest.fixture
def settled(corpus, monkeypatch):
    """The corpus with its files an hour old, and stamps taken at once (the files of a test
    are seconds old, which would make no stamp)."""
    old = time.time() - 3600
    for p in corpus.iterdir():
        os.utime(p, (old, old))
    monkeypatch.setattr(kg.pipeline.stamp, "SETTLE_SECONDS", 0.0)
    return corpus


def _no_reading(*_args, **_kwargs):
    raise AssertionError("an unchanged corpus was read")


def test_an_unchanged_corpus_is_not_read_and_gives_the_same_output(settled, tmp_path, monkeypatch):
    (settled / "picture.png").write_bytes(b"\x89PNG")  # skipped, and said so again
    cache = tmp_path / "cache"
    cold = build([settled], tmp_path / "out", workers=1, cache=cache)
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    monkeypatch.setattr(kg.pipeline.run, "_read", _no_reading)
    warm = build([settled], tmp_path / "out", workers=1, cache=cache)
    assert warm.reused_graph and (warm.articles, warm.skipped, warm.ok) == (cold.articles, cold.skipped, cold.ok)
    assert [s.path for s in warm.skipped] == [str(settled / "picture.png")]
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before  # build.log too
    assert (warm.size, warm.dated, warm.entities, warm.log) == (cold.size, cold.dated, cold.entities, cold.log)


@pytest.mark.parametrize("change", ["same-size edit, old times put back", "file added", "file removed", "renamed"])
def test_any_change_to_the_files_is_read(settled, tmp_path, change):
    cache = tmp_path / "cache"
    build([settled], tmp_path / "one", workers=1, cache=cache, html=False)
    a = settled / "a.md"
    text = a.read_text(encoding="utf-8")
    if change.startswith("same-size"):
        st = a.stat()
        a.write_text(text.replace("工会", "公会", 1), encoding="utf-8")  # as many bytes
        os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))  # as `cp -p` or an unpacked archive would
        assert (a.stat().st_size, a.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    elif change == "file added":
        (settled / "d.md").write_text("# 市总工会开展送温暖活动\n\n市总工会面向困难职工开展送温暖活动。\n", encoding="utf-8")
    elif change == "file removed":
        a.unlink()
    else:
        a.rename(settled / "z.md")
    again = build([settled], tmp_path / "two", workers=1, cache=cache, html=False)
    fresh = build([settled], tmp_path / "fresh", workers=1, cache=None, html=False)
    assert not again.reused_graph
    assert again.graph_path.read_bytes() == fresh.graph_path.read_bytes()
    assert again.log_path.read_bytes() == fresh.log_path.read_bytes()


def test_files_changed_a_moment_ago_make_no_stamp(corpus, tmp_path, monkeypatch):
    """A file written twice in one tick of the file system's clock keeps its times: a
    stamp is taken only of files that have not changed for a while."""
    assert input_stamp([corpus], None, None) is None  # just written
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "one", workers=1, cache=cache, html=False)
    assert not (cache / f"v{CACHE_FORMAT}" / "inputs").exists()
    monkeypatch.setattr(kg.pipeline.run, "_read", _no_reading)
    with pytest.raises(AssertionError, match="was read"):  # so the next build reads them
        build([corpus], tmp_path / "two", workers=1, cache=cache, html=False)


def test_the_stamp_covers_how_the_files_are_read(settled, tmp_path, monkeypatch):
    """Another size cap, another split level, the same folder named otherwise: a different stamp."""
    stamps = {input_stamp([settled], None, None), input_stamp([settled], 10_000, None),
              input_stamp([settled], None, 2), input_stamp([settled / ".." / settled.name], None, None)}
    assert len(stamps) == 4 and None not in stamps
    monkeypatch.chdir(tmp_path)
    here = input_stamp([settled.name], None, None)
    monkeypatch.chdir(settled)
    (settled / settled.name).mkdir()
    assert input_stamp([settled.name], None, None) != here  # the same words, another folder


def test_a_stamp_whose_graph_is_gone_reads_the_files(settled, tmp_path):
    cache = tmp_path / "cache"
    first = build([settled], tmp_path / "one", workers=1, cache=cache, html=False)
    for kind in ("graph", "graph-turtle"):
        for p in (cache / f"v{CACHE_FORMAT}" / kind).rglob("*"):
            if p.is_file():
                p.unlink()
    again = build([settled], tmp_path / "two", workers=1, cache=cache, html=False)
    assert (again.reused_graph, again.extracted, again.cached) == (False, 0, 3)
    assert again.graph_path.read_bytes() == first.graph_path.read_bytes()


def test_what_the_lexicon_fingerprint_hashes_is_in_the_stamp():
    """A stamp is taken without loading the lexicon: the sources its fingerprint hashes
    (every module of kg.extract, and the vocabularies) must all be part of the work's
    fingerprint, which the stamp's key holds."""
    from pathlib import Path

    import kg.extract.lexicon
    from kg.pipeline.cache import code_modules
    from kg.pipeline.documents import WORK_MODULES

    hashed = {f"kg.extract.{p.stem}" for p in Path(kg.extract.lexicon._RULE_SOURCES).glob("*.py") if p.stem != "__init__"}
    assert hashed and hashed <= set(code_modules(*WORK_MODULES))
    from kg.resources import ontology_dir

    assert kg.extract.lexicon.default_vocab_dir() == ontology_dir() / "vocab"  # what work_fingerprint hashes


def test_installing_a_package_changes_the_stamp(settled, tmp_path, monkeypatch):
    """A reader's library upgraded: the files are read again, not trusted to read as before."""
    import site

    packages = tmp_path / "site-packages"
    packages.mkdir()
    monkeypatch.setattr(site, "getsitepackages", lambda: [str(packages)])
    before = input_stamp([settled], None, None)
    time.sleep(0.01)
    (packages / "lxml-9.9.dist-info").mkdir()
    assert input_stamp([settled], None, None) != before
