"""The lexicon: SKOS vocabularies loaded into plain, picklable data.

``load_lexicon()`` reads ``ontology/vocab/*.ttl`` (one ``skos:ConceptScheme`` per file,
its ``dcterms:type`` naming the entity class of its concepts) into a frozen
``Lexicon``. The expensive matchers (an Aho-Corasick automaton over every label and
alias, a private jieba tokenizer that keeps vocabulary words whole) are built lazily,
once per process, by ``compiled(lexicon)`` and cached by the lexicon's fingerprint,
so a Lexicon sent to a worker process costs a pickle of some strings.

>>> lex = load_lexicon()
>>> lex.concept("农民工").cls
'WorkerGroup'
>>> lex.concept("全总").label
'中华全国总工会'
>>> len(lex.fingerprint)
16
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import marshal
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import astuple, dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kg.model import ENTITY_CLASSES

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_GH = "https://w3id.org/gonghui-kg/ontology#"
_RULE_SOURCES = Path(__file__).resolve().parent

# jieba's own regexes split words holding these characters, whatever their frequency
# (it keeps + - % . inside a word, but not a middle dot, a space or brackets).
_JIEBA_SPLITS = set("·•・ \u3000（）()【】、，")


@dataclass(frozen=True)
class Concept:
    """One vocabulary concept: its class, canonical label, aliases and broader labels."""

    iri: str
    cls: str
    label: str
    aliases: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()  # labels of broader concepts


@dataclass(frozen=True)
class Lexicon:
    """Vocabulary concepts plus the fingerprint of vocabularies and rules."""

    concepts: tuple[Concept, ...]
    fingerprint: str
    log: tuple[str, ...] = ()
    _index: Mapping[str, tuple[int, ...]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, list[int]] = {}
        for i, c in enumerate(self.concepts):
            for name in (c.label, *c.aliases):
                ids = index.setdefault(name, [])
                if i not in ids:
                    ids.append(i)
        object.__setattr__(self, "_index", MappingProxyType({k: tuple(v) for k, v in index.items()}))

    def __reduce__(self):  # pickle without the derived index
        return (Lexicon, (self.concepts, self.fingerprint, self.log))

    def lookup(self, name: str) -> tuple[Concept, ...]:
        """Every concept that has ``name`` as its label or an alias."""
        return tuple(self.concepts[i] for i in self._index.get(name, ()))

    def concept(self, name: str) -> Concept | None:
        """The concept named ``name``: its own label first, else its only alias owner."""
        found = self.lookup(name)
        for c in found:
            if c.label == name:
                return c
        return found[0] if len(found) == 1 else None

    def names(self) -> tuple[str, ...]:
        """Every label and alias, sorted."""
        return tuple(sorted(self._index))


def default_vocab_dir() -> Path:
    """``ontology/vocab`` of the installed package or the source checkout."""
    try:
        from kg.resources import ontology_dir
    except ImportError:  # pragma: no cover - resources.py not written yet
        return Path(__file__).resolve().parents[2] / "ontology" / "vocab"
    return ontology_dir() / "vocab"


def load_lexicon(vocab_dir: Path | None = None) -> Lexicon:
    """Read every ``*.ttl`` SKOS scheme in ``vocab_dir`` into a Lexicon.

    The concepts parsed are kept in ``$TMPDIR/kg-lexicon.cache`` (marshal), keyed by the
    digest of the vocabularies and rule sources (this module included) and by rdflib's
    version, so that a build whose vocabularies did not change neither imports rdflib
    nor parses Turtle (0.3 s), as ``import_posseg`` does for jieba's tags.

    Raises ValueError naming the file when a vocabulary cannot be read.
    """
    vocab_dir = Path(vocab_dir) if vocab_dir is not None else default_vocab_dir()
    files = sorted(vocab_dir.glob("*.ttl"))
    if not files:
        raise ValueError(f"{vocab_dir}: no SKOS vocabularies (*.ttl) found")
    sources = [(path, path.read_bytes()) for path in files]
    digest = hashlib.sha256()
    for path, data in sources:
        digest.update(path.name.encode() + b"\0" + data)
    for src in sorted(_RULE_SOURCES.glob("*.py")):
        digest.update(src.name.encode() + b"\0" + src.read_bytes())
    cache = os.path.join(tempfile.gettempdir(), "kg-lexicon.cache")
    key = (digest.hexdigest(), _rdflib_stamp())
    parsed = _cached_concepts(cache, key)
    if parsed is None:
        parsed = _parse_vocabularies(sources)
        _write_marshal(cache, ".kg-lexicon.", (key, [astuple(c) for c in parsed[0]], parsed[1]))
    concepts, log = parsed
    concepts.sort(key=lambda c: (c.cls, c.label))
    log.extend(_ambiguities(concepts))
    split = sorted({n for c in concepts for n in (c.label, *c.aliases) if _JIEBA_SPLITS & set(n)})
    if split:
        log.append(f"vocabulary names jieba cannot keep whole (matched by the automaton only): {', '.join(split)}")
    return Lexicon(tuple(concepts), digest.hexdigest()[:16], tuple(log))


def _parse_vocabularies(sources: list[tuple[Path, bytes]]) -> tuple[list[Concept], list[str]]:
    """The concepts of each vocabulary file (path, bytes), in order, and what was skipped."""
    import rdflib  # imported here: loading rdflib is not free, and only this needs it

    concepts: list[Concept] = []
    log: list[str] = []
    for path, data in sources:
        graph = rdflib.Graph()
        try:
            graph.parse(data=data.decode("utf-8"), format="turtle")
        except Exception as exc:  # rdflib raises many kinds
            raise ValueError(f"{path}: not readable Turtle: {exc}") from exc
        concepts.extend(_concepts_of(graph, path, log))
    return concepts, log


def _rdflib_stamp() -> tuple[str, int, int] | None:
    """Which rdflib parses the vocabularies (its file, size and time), found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("rdflib")
    if spec is None or spec.origin is None:
        return None
    stat = os.stat(spec.origin)
    return spec.origin, stat.st_size, stat.st_mtime_ns


def _cached_concepts(path: str, key: tuple[str, tuple[str, int, int] | None]) -> tuple[list[Concept], list[str]] | None:
    """The concepts and log cached at ``path`` for ``key``, else None."""
    try:
        found, rows, log = marshal.loads(_own_bytes(path))
        if found != key:
            return None
        return [Concept(*row) for row in rows], list(log)
    except Exception:  # missing, damaged or of another layout: parsed again
        return None


def _concepts_of(graph, path: Path, log: list[str]) -> list[Concept]:
    from rdflib import URIRef

    skos = lambda t: URIRef(_SKOS + t)  # noqa: E731
    scheme_cls = {}
    for scheme in graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), skos("ConceptScheme")):
        for t in graph.objects(scheme, URIRef(_DCT + "type")):
            name = str(t).removeprefix(_GH)
            if name in ENTITY_CLASSES:
                scheme_cls[scheme] = name
    if not scheme_cls:
        raise ValueError(f"{path}: no skos:ConceptScheme with a dcterms:type of gh:Person/Organization/WorkerGroup/Measure")
    out = []
    for concept, scheme in graph.subject_objects(skos("inScheme")):
        cls = scheme_cls.get(scheme)
        labels = [str(x) for x in graph.objects(concept, skos("prefLabel"))]
        if cls is None or len(labels) != 1:
            log.append(f"{path.name}: {concept} skipped (needs one skos:prefLabel and a typed scheme)")
            continue
        aliases = tuple(sorted({str(x) for x in graph.objects(concept, skos("altLabel"))} - set(labels)))
        broader = tuple(sorted(str(x) for b in graph.objects(concept, skos("broader")) for x in graph.objects(b, skos("prefLabel"))))
        out.append(Concept(str(concept), cls, labels[0], aliases, broader))
    return out


def _ambiguities(concepts: list[Concept]) -> list[str]:
    owners: dict[str, list[str]] = {}
    for c in concepts:
        for name in (c.label, *c.aliases):
            owners.setdefault(name, []).append(f"{c.cls}:{c.label}")
    return [f"ambiguous alias {name!r}: {' | '.join(o)} (resolved by context, else skipped)"
            for name, o in sorted(owners.items()) if len(set(o)) > 1]


# ---------------------------------------------------------------- per-process matchers

@dataclass
class Compiled:
    """Matchers built from a Lexicon, once per process (see ``compiled``)."""

    lexicon: Lexicon

    @cached_property
    def automaton(self) -> WordFinder:
        """Every label and alias, and every known place (full and short name)."""
        return WordFinder([*self.lexicon.names(), *(name for pair in _places() for name in pair)])

    @cached_property
    def tokenizer(self):
        """A private jieba.Tokenizer that keeps every vocabulary name whole."""
        jieba = import_jieba()
        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        load_jieba_dictionary(tok)
        for name in self.lexicon.names():
            if len(name) > 1 and not (_JIEBA_SPLITS & set(name)):
                tok.add_word(name, freq=max(tok.suggest_freq(name, tune=False), 1000), tag="n")
        return tok

    @cached_property
    def pos_tokenizer(self):
        """jieba's POS tagger over the private tokenizer (used on short windows only)."""
        posseg = import_posseg()

        # POSTokenizer() would parse dict.txt's tags again (0.7 s); importing jieba.posseg
        # already has the same table for its default tagger, so start from a copy of that
        # table (a copy: the tagger merges this tokenizer's own words into it).
        pos = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
        pos.tokenizer = self.tokenizer
        pos.word_tag_tab = dict(posseg.dt.word_tag_tab)
        pos._POSTokenizer__cut_detail = _kept_detail(pos._POSTokenizer__cut_detail)  # read before the method's own
        return pos

    @cached_property
    def concepts_by_name(self) -> dict[str, tuple[Concept, ...]]:
        """``lexicon.lookup(name)`` of every label and alias, looked up once per process."""
        return {name: self.lexicon.lookup(name) for name in self.lexicon.names()}

    @cached_property
    def unsplittable(self) -> tuple[str, ...]:
        """Vocabulary names jieba's regexes split: matched by the automaton alone."""
        return tuple(n for n in self.lexicon.names() if _JIEBA_SPLITS & set(n))


def _kept_detail(cut_detail: Any, most: int = 1 << 15) -> Any:
    """``cut_detail`` (the tagger's HMM over a stretch of characters its dictionary route
    leaves single, half a millisecond each), its answers kept: the same stretch (是指, 并将,
    a name) comes back in many windows, and the HMM's tables never change. At most
    ``most`` stretches are kept (then forgotten all at once)."""
    kept: dict[str, tuple[Any, ...]] = {}

    def kept_detail(sentence: str) -> Iterator[Any]:
        got = kept.get(sentence)
        if got is None:
            if len(kept) >= most:
                kept.clear()
            got = kept[sentence] = tuple(cut_detail(sentence))
        return iter(got)

    return kept_detail


_SURROGATE = re.compile("[\ud800-\udfff]")


#: The most words a ``WordFinder`` builds a DFA for (its memory grows with the words).
_DFA_WORDS = 20_000


class WordFinder:
    """Every occurrence of a set of words in a text, overlapping ones too, in one
    Aho-Corasick pass (ahocorasick_rs: pyahocorasick scans the root's children one by one
    for every character, 0.13 µs a character with a thousand names; this is four times faster).
    Up to ``_DFA_WORDS`` words, the automaton is a DFA (twice as fast again on the vocabulary,
    built in 10 ms); a larger set keeps the library's default, which is smaller.

    >>> WordFinder(["工会", "总工会", "会"]).find("全国总工会")
    [(2, 5, '总工会'), (3, 5, '工会'), (4, 5, '会')]
    """

    def __init__(self, words: Iterable[str]) -> None:
        import ahocorasick_rs

        self.words = sorted(set(words))
        kind = ahocorasick_rs.Implementation.DFA if len(self.words) <= _DFA_WORDS else None
        self._ac = ahocorasick_rs.AhoCorasick(self.words, matchkind=ahocorasick_rs.MatchKind.Standard,
                                              implementation=kind)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, word) of every occurrence in ``text``: by end, the longest first at one end."""
        words = self.words
        found = self.matches(text)
        found.sort(key=lambda m: (m[2], m[1]))
        return [(start, end, words[i]) for i, start, end in found]

    def starts(self, text: str) -> list[int]:
        """The offsets where a word begins in ``text``, sorted, each once.

        >>> WordFinder(["工会", "总工会", "会"]).starts("全国总工会")
        [2, 3, 4]
        """
        return sorted({start for _i, start, _end in self.matches(text)})

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """(word index, start, end) of every occurrence, in the automaton's order."""
        try:
            return self._ac.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:  # a lone surrogate (no word holds one): searched as U+FFFD, offsets kept
            return self._ac.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text), overlapping=True)


def import_jieba() -> Any:
    """``jieba``, imported without ``pkg_resources`` (60 ms of the 80 ms its import costs):
    jieba only uses it to open its own data files, and opens them by path when it is
    missing. Anything that imports ``pkg_resources`` later gets it as usual.

    >>> import_jieba().lcut("工会")
    ['工会']
    """
    import sys

    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # the import then raises ImportError
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def load_jieba_dictionary(tok) -> None:
    """``tok.initialize()``, three times faster when jieba's dictionary cache exists.

    jieba keeps its parsed default dictionary in ``$TMPDIR/jieba.cache`` and reads it
    back with ``marshal.load(file)``, which reads the 9 MB file a few bytes at a time
    (0.6 s); ``marshal.loads`` of the file's bytes gives the same tables in 0.2 s. The
    same file and the same check as jieba's; anything else (another dictionary, no
    cache yet, a damaged file) is left to ``initialize()``, which also writes the cache.
    """
    import jieba

    path = os.path.join(tok.tmp_dir or tempfile.gettempdir(), "jieba.cache")
    if tok.dictionary == jieba.DEFAULT_DICT and not tok.cache_file and os.path.isfile(path):
        try:
            freq, total = marshal.loads(_own_bytes(path))
        except Exception:  # jieba then rebuilds the file
            pass
        else:
            if isinstance(freq, dict) and isinstance(total, int):
                tok.FREQ, tok.total, tok.initialized = freq, total, True
                return
    tok.initialize()


def import_posseg() -> Any:
    """``jieba.posseg``, whose import parses the tags of jieba's dictionary (0.3 s) for its
    default tagger; here that table is read back from a cache file beside jieba's own
    (``$TMPDIR/kg-jieba-tags.cache``, marshal, keyed by the dictionary file's size and
    time) when it holds the tags of the same file, else parsed and then cached.

    >>> import_posseg().dt.word_tag_tab["工会"]
    'n'
    """
    import sys

    import jieba

    if "jieba.posseg" in sys.modules or jieba.dt.dictionary != jieba.DEFAULT_DICT:
        import jieba.posseg
        return jieba.posseg
    dict_file = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    cache = os.path.join(jieba.dt.tmp_dir or tempfile.gettempdir(), "kg-jieba-tags.cache")
    stat = os.stat(dict_file)
    key = (dict_file, stat.st_size, stat.st_mtime_ns)
    tags = _cached_tags(cache, key)
    if tags is None:
        import jieba.posseg
        _write_tags(cache, key, jieba.posseg.dt.word_tag_tab)
        return jieba.posseg
    jieba.dt.get_dict_file = lambda: io.BytesIO()  # the import's default tagger parses nothing
    try:
        import jieba.posseg
    finally:
        del jieba.dt.get_dict_file
    jieba.posseg.dt.word_tag_tab = tags
    return jieba.posseg


def _cached_tags(path: str, key: tuple[str, int, int]) -> dict[str, str] | None:
    """The tag table cached at ``path`` for the dictionary file ``key`` names, else None."""
    try:
        found, words, names, codes = marshal.loads(_own_bytes(path))
        if found != key:
            return None
        tags = dict(zip(words.split("\n"), map(names.__getitem__, codes)))
    except Exception:  # missing, damaged or of another layout: parsed again
        return None
    return tags if len(tags) == len(codes) else None


def _packed(tags: dict[str, str]) -> tuple[str, list[str], bytes]:
    """``tags`` as its words joined by newlines, its few distinct tags, and each word's tag
    as a byte indexing them: read back twice as fast as the dict itself."""
    names = sorted(set(tags.values()))
    index = {name: i for i, name in enumerate(names)}
    return "\n".join(tags), names, bytes(index[t] for t in tags.values())


def _write_tags(path: str, key: tuple[str, int, int], tags: dict[str, str]) -> None:
    """Cache ``tags`` at ``path``."""
    try:
        _write_marshal(path, ".kg-jieba-tags.", (key, *_packed(tags)))
    except ValueError:  # more than 256 tags: not cached
        pass


def _own_bytes(path: str) -> bytes:
    """The bytes of a cache file in the shared temporary directory, read only if this user
    owns it and nobody else may write it: another account's file is never taken as ours.
    OSError otherwise."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if hasattr(os, "geteuid") and (st.st_uid != os.geteuid() or st.st_mode & 0o022):
            raise OSError(f"{path}: not this user's own cache file")
        return f.read()


def _write_marshal(path: str, prefix: str, data: Any) -> None:
    """``marshal.dumps(data)`` into ``path``, written aside and renamed: concurrent builds
    never read half a file; a read-only temporary directory means no cache. ValueError
    if ``data`` cannot be marshalled."""
    blob = marshal.dumps(data)
    try:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=prefix)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


_CACHE: dict[str, Compiled] = {}


def compiled(lexicon: Lexicon) -> Compiled:
    """The per-process matchers for ``lexicon``, built on first use."""
    c = _CACHE.get(lexicon.fingerprint)
    if c is None:
        c = _CACHE[lexicon.fingerprint] = Compiled(lexicon)
    return c


def warm_up(lexicon: Lexicon) -> None:
    """Build this process's matchers now rather than on the first article.

    A process pool that forks after this shares them with every worker for free,
    instead of each worker loading jieba's dictionaries again (about 1.5 s each).
    """
    c = compiled(lexicon)
    c.automaton, c.tokenizer, c.pos_tokenizer, c.unsplittable  # noqa: B018 - built for their side effect


def _places():
    from kg.extract.inventory import CITIES, PROVINCES

    yield from PROVINCES
    for city in CITIES:
        yield city + "市", city
