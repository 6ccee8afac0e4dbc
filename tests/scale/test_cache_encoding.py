"""What a cold build's cache entries are made of, and that cheaper ways of making them
write the same bytes: orjson's own encoding of plain dataclasses, each Article encoded
once for its key and its entry, and one folder per kind (format 3; format 2 ignored)."""

import dataclasses
import json
from functools import cached_property

from kg.extract import load_lexicon
from kg.model import Article, Document, Extraction
from kg.pipeline import build
from kg.pipeline.cache import CACHE_FORMAT, Cache
from kg.pipeline.codec import _fields_of, decode, encode, plain_dataclass
from kg.pipeline.documents import DocumentEntry, entry_key, layout_key, process_document
from kg.resources import seed_corpus


def _passthrough(value) -> bytes:
    """The bytes of the encoding that hands every dataclass to ``_fields_of`` (as encode did before)."""
    import orjson

    return orjson.dumps(value, default=_fields_of, option=orjson.OPT_PASSTHROUGH_DATACLASS)


def _seed_entry(tmp_path) -> tuple[Document, DocumentEntry, bytes]:
    """The seed issue (three real articles) laid out and extracted with a cache: its
    Document, its entry as read back, and the bytes on disk."""
    text = seed_corpus().read_text(encoding="utf-8")
    doc = Document(str(tmp_path / "issue.md"), "issue.md", text, "utf-8")
    store = Cache(tmp_path / "cache")
    done = process_document(doc, layout_key(doc), load_lexicon(), store)
    assert done.extracted == 3
    path = store.path("document", entry_key(doc))
    return doc, store.get("document", entry_key(doc), DocumentEntry), path.read_bytes()


def test_a_plain_dataclass_is_written_as_the_field_by_field_encoding_writes_it(tmp_path):
    _, entry, on_disk = _seed_entry(tmp_path)
    assert plain_dataclass(DocumentEntry) and plain_dataclass(Article) and plain_dataclass(Extraction)
    assert len(entry.articles) == 3 and entry.articles[0].sentences  # real Articles, sentences and all
    assert encode(entry) == _passthrough(entry) == on_disk  # the entry written from JSON made per Article too
    for article in entry.articles:
        assert encode(article) == _passthrough(article)
    assert decode(on_disk, DocumentEntry) == entry


def test_a_dataclass_with_a_cached_property_or_a_private_field_is_written_field_by_field():
    @dataclasses.dataclass(frozen=True)
    class Counted:
        name: str
        n: int

        @cached_property
        def double(self) -> int:  # its value lands in __dict__, which orjson would write whole
            return self.n * 2

    @dataclasses.dataclass(frozen=True)
    class Hidden:
        name: str
        _secret: int  # orjson leaves such a field out

    c = Counted("a", 2)
    assert c.double == 4 and "double" in vars(c)
    assert not plain_dataclass(Counted) and not plain_dataclass(Hidden)
    assert json.loads(encode(c)) == {"name": "a", "n": 2}
    assert json.loads(encode(Hidden("b", 7))) == {"name": "b", "_secret": 7}
    assert decode(encode(Hidden("b", 7)), Hidden) == Hidden("b", 7)


def test_entries_of_a_cold_build_sit_in_one_folder_per_kind(corpus, tmp_path):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "out", html=False, workers=1, cache=cache)
    base = cache / f"v{CACHE_FORMAT}"
    assert CACHE_FORMAT == "3"
    kinds = {p.name: sorted(q.name for q in p.iterdir()) for p in base.iterdir()}
    assert set(kinds) == {"document", "graph", "graph-turtle"}
    assert len(kinds["document"]) == 3 and all(len(name) == 64 for name in kinds["document"])
    assert not [p for p in cache.rglob("*") if p.name.startswith(".")]  # no temp file left


def test_a_cache_of_format_2_is_ignored_and_left_alone(corpus, tmp_path):
    """A cache written by the code before (entries under v2/<kind>/<key[:2]>/<key>) is not
    read: the build extracts everything and gives the graph a build without a cache gives."""
    cache = tmp_path / "cache"
    old = cache / "v2" / "document" / "ab" / ("ab" * 32)
    old.parent.mkdir(parents=True)
    cache.chmod(0o700)
    old.write_bytes(b'{"layout_key": "x", "articles": [], "log": [], "extractions": {}}')
    cold = build([corpus], tmp_path / "cold", html=False, workers=1, cache=cache)
    bare = build([corpus], tmp_path / "bare", html=False, workers=1, cache=None)
    assert (cold.extracted, cold.cached) == (3, 0)
    assert cold.graph_path.read_bytes() == bare.graph_path.read_bytes()
    assert old.exists()
    warm = build([corpus], tmp_path / "warm", html=False, workers=2, cache=cache)
    assert warm.extracted == 0 and warm.graph_path.read_bytes() == bare.graph_path.read_bytes()
