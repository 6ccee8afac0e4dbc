"""What every rule sees: the article's text, its sentences, lazily computed word boundaries.

``Candidate`` is a proposed entity span (before the overlap policy picks among them);
``Context`` wraps one Article with the per-process matchers and caches the jieba work
done on its sentences, so a rule asks "is offset i a word boundary?" and pays for
jieba only in sentences where some rule needed to know.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from math import inf, log
from typing import Any, TypeVar

from kg.extract.lexicon import Compiled, WordFinder
from kg.ingest import matching_text
from kg.model import Article

#: Characters that end a clause (full-width and ASCII forms: corpora mix them).
CLAUSE_PUNCT = "，,；;：:。！？!?\n"
#: Quotation and book-title marks dropped from labels.
QUOTE_MARKS = "“”‘’\"'「」『』《》〈〉"

_T = TypeVar("_T")

#: A count: a number, perhaps approximate, and its classifier (3万场次, 近千名, 11名, 两家). It
#: starts at the first digit of a run only, so a search is linear in the text.
_NUMERAL = "0-9０-９.一二两三四五六七八九十百千万亿几数"
COUNT = re.compile(rf"(?<![{_NUMERAL}])(?:约|近|超过|共|累计|逾)?[{_NUMERAL}]+(?:万|千|百)?(?:余|多)?"
                   r"(?:场次|人次|场|次|个|项|名|位|人|家|户|批|期|届|元|余|处|所|座|支|份|件|套)")

_SENTENCE_END = re.compile(r"[。！？!?…]+[”’」』]?|\n+")


def is_cjk(ch: str) -> bool:
    """True for a CJK unified ideograph."""
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


def strip_marks(label: str) -> str:
    """A label without white space, quotation or book-title marks.

    >>> strip_marks("“求学圆梦行动” ")
    '求学圆梦行动'
    """
    return _MARKS.sub("", label)


#: What ``strip_marks`` drops (``\s`` in a str pattern is exactly what ``str.isspace`` is true of).
_MARKS = re.compile(rf"[\s{re.escape(QUOTE_MARKS)}]")


@dataclass(frozen=True)
class Candidate:
    """An entity span a rule proposes: class, canonical label, rule id."""

    start: int
    end: int
    cls: str  # an ENTITY_CLASSES name, or "Other" for spans that block (slogans, events)
    label: str
    rule: str
    vocab: bool = False  # found in a vocabulary (wins ties against patterns)
    whole: bool = True  # False: inside a longer word; only names the inside of a kept measure

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class Context:
    """One article plus cached, lazily computed facts about its text."""

    article: Article
    comp: Compiled
    log: list[str] = field(default_factory=list)
    _bounds: dict[int, frozenset[int]] = field(default_factory=dict)  # run start -> its cuts, from the run's start
    _sentences: tuple[tuple[int, int], ...] | None = None
    _sentence_starts: list[int] | None = None  # the sentences' starts, for sentence_of's bisect
    _run_start: list[int] | None = None  # by offset: the start of the run around it, once asked about; else -1
    _once: dict[str, Any] = field(default_factory=dict)

    def once(self, key: str, compute: Callable[[], _T]) -> _T:
        """``compute()``, computed once per article: what several rules share (the
        vocabulary walk, the organization-role walk) is done once."""
        if key not in self._once:
            self._once[key] = compute()
        return self._once[key]

    @cached_property
    def text(self) -> str:
        """The matching view of the article's text: simplified characters, full-width
        punctuation, the same length as ``Article.text`` so every offset is valid there too.
        (Computed once, then read as a plain attribute: the rules read it half a million
        times over a corpus.)"""
        return matching_text(self.article)

    @property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of every sentence: the article's own, else split here."""
        if self._sentences is None:
            own = tuple((s.start, s.end) for s in self.article.sentences
                        if 0 <= s.start < s.end <= len(self.text))
            self._sentences = tuple(sorted(own)) if own else tuple(_split_sentences(self.text))
        return self._sentences

    def sentence_of(self, start: int, end: int) -> tuple[int, int] | None:
        """The sentence holding the whole span [start, end), or None."""
        sents, starts = self.sentences, self._sentence_starts
        if starts is None:  # plain numbers bisect faster than (start, end) pairs; every end is within the text
            starts = self._sentence_starts = [s for s, _e in sents]
        i = bisect_right(starts, start) - 1
        if i >= 0:
            s, e = sents[i]
            if s <= start and end <= e and start < end:
                return s, e
        return None

    def name_hits(self) -> list[tuple[int, int, str]]:
        """(start, end, name) of every vocabulary name and known place in the text, overlapping
        ones too, by end (the longest first at one end), from one pass of ``comp.automaton`` per article."""
        return self.once("name_hits", lambda: self.comp.automaton.find(self.text))

    def is_boundary(self, pos: int) -> bool:
        """True when jieba, cutting the sentence, would put a word boundary at ``pos``.

        jieba cuts each run of word characters (its ``re_han_default``) on its own, so
        only the run around ``pos`` is segmented, once, and only where a candidate
        needs it: this is what keeps extraction near the speed of plain segmentation.
        """
        text = self.text
        if pos <= 0 or _INSIDE_RUN.match(text, pos) is None:  # not between two word characters
            return True
        run_start = self._run_start
        if run_start is None:
            run_start = self._run_start = [-1] * len(text)
        start = run_start[pos]
        if start < 0:  # the run's ends, found once: each character is read once per article, not once per call
            start, end = pos - _run_length(self._reversed, len(text) - pos), pos + _run_length(text, pos)
            run_start[start:end] = [start] * (end - start)
            self._bounds[start] = run_cuts(self.comp.tokenizer, text[start:end])
        return pos - start in self._bounds[start]

    @cached_property
    def _reversed(self) -> str:
        """``text`` backwards: a run's start is where ``_WORD_RUN`` stops matching it from ``pos`` back."""
        return self.text[::-1]

    def aligned(self, start: int, end: int) -> bool:
        """True when [start, end) begins and ends on jieba word boundaries."""
        return self.is_boundary(start) and self.is_boundary(end)

    def pos_tags(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, flag) of jieba POS-tagged words in text[start:end]."""
        out, pos = [], start
        for size, flag in pos_cut(self.comp.pos_tokenizer, self.text[start:end]):
            out.append((pos, pos + size, flag))
            pos += size
        return out


# ---------------------------------------------------------------- regexes where they can match

def search_from(rx: re.Pattern[str], text: str, starts: list[int], pos: int = 0) -> re.Match[str] | None:
    """``rx.search(text, pos)`` for a pattern that can only begin at one of ``starts``
    (sorted): the pattern is tried there and nowhere else. A look-behind still reads the
    text before each start (``rx.match(text, i)`` does not cut the text at ``i``).

    >>> rx = re.compile(r"[\u4e00-\u9fff]{2}?市")
    >>> search_from(rx, "去南京市", [1], 0).group()
    '南京市'
    """
    match = rx.match
    for i in range(bisect_left(starts, pos), len(starts)):
        m = match(text, starts[i])
        if m is not None:
            return m
    return None


def finditer_from(rx: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern (no empty match) that can only begin at one of
    ``starts`` (sorted): the same matches, the pattern tried only there.

    >>> [m.group() for m in finditer_from(re.compile("ab|b"), "abab", [0, 1, 2])]
    ['ab', 'ab']
    """
    match, pos = rx.match, 0
    for start in starts:  # one walk over the starts: each is tried once, unless a match covered it
        if start >= pos:
            m = match(text, start)
            if m is not None:
                pos = m.end()
                yield m


def starts_before(text: str, anchor: re.Pattern[str], back: range) -> list[int]:
    """The offsets ``k`` characters (``k`` in ``back``) before each match of ``anchor``,
    sorted: where a pattern can begin that reaches ``anchor`` after ``k`` characters.

    >>> starts_before("南京市和无锡市", re.compile("市"), range(2, 4))
    [0, 3, 4]
    """
    positions = [m.start() for m in anchor.finditer(text)]
    if len(back) == 1:  # one shift: the positions are already sorted and distinct
        k = back[0]
        return [p - k for p in positions if p >= k]
    if back.step == 1 and back:  # each position gives an interval; the sorted positions give them sorted
        out: list[int] = []
        done, first, last = 0, back[-1], back[0] - 1  # ``done``: every offset below it is out already
        for p in positions:
            lo, hi = max(p - first, done), p - last
            if lo < hi:
                out.extend(range(lo, hi))
                done = hi
        return out
    return sorted(s for s in {p - k for k in back for p in positions} if s >= 0)


def literal_starts(text: str, words: tuple[str, ...]) -> list[int]:
    """The offsets where one of ``words`` begins in ``text``, sorted.

    >>> literal_starts("女职工和困难职工", ("女", "困难"))
    [0, 4]
    """
    return sorted(_LITERALS.offsets(text, words)[0])


def literal_ends(text: str, words: tuple[str, ...]) -> list[int]:
    """The offsets where one of ``words`` ends in ``text``, sorted.

    >>> literal_ends("女职工和困难职工", ("职工", "困难"))
    [3, 6, 8]
    """
    return sorted(_LITERALS.offsets(text, words)[1])


def any_between(sorted_offsets: list[int], lo: int, hi: int) -> bool:
    """True if one of ``sorted_offsets`` lies in ``[lo, hi]``.

    >>> any_between([3, 6, 8], 4, 6), any_between([3, 6, 8], 4, 5)
    (True, False)
    """
    i = bisect_left(sorted_offsets, lo)
    return i < len(sorted_offsets) and sorted_offsets[i] <= hi


@dataclass(frozen=True)
class _LiteralSets:
    """The word sets asked about so far (each set's number), and one automaton over all their words."""

    number: dict[tuple[str, ...], int]
    finder: WordFinder | None
    owners: tuple[tuple[int, ...], ...]  # by word index of ``finder``: the numbers of the sets holding the word

    @staticmethod
    def of(sets: list[tuple[str, ...]]) -> _LiteralSets:
        owners: dict[str, set[int]] = {}
        for k, words in enumerate(sets):
            for w in words:
                owners.setdefault(w, set()).add(k)
        finder = WordFinder(owners) if owners else None
        return _LiteralSets({words: k for k, words in enumerate(sets)}, finder,
                            tuple(tuple(sorted(owners[w])) for w in finder.words) if finder else ())


class _Literals:
    """The word sets ``literal_starts`` and ``literal_ends`` are asked about, found in one
    automaton pass per text over all of them (the rules ask about five sets per article:
    one pass instead of five), then split by set. A set asked about for the first time
    joins the automaton (the first article only); past ``_MAX_SETS`` sets, each further
    one gets a pass of its own. The state and the last text's offsets are each replaced
    whole, never changed in place, so concurrent callers never mix two texts."""

    _MAX_SETS = 32

    def __init__(self) -> None:
        self._sets = _LiteralSets.of([])
        self._lock = threading.Lock()
        # the last text, the sets it was split for, and the starts and ends of each set's words there
        self._last: tuple[str, _LiteralSets, list[tuple[set[int], set[int]]]] | None = None

    def offsets(self, text: str, words: tuple[str, ...]) -> tuple[set[int], set[int]]:
        """(starts, ends) of the occurrences of ``words`` in ``text``, overlapping ones too."""
        sets = self._sets
        k = sets.number.get(words)
        if k is None:
            with self._lock:
                sets = self._sets
                if words not in sets.number and len(sets.number) < self._MAX_SETS:
                    sets = self._sets = _LiteralSets.of([*sets.number, words])
            k = sets.number.get(words)
            if k is None:
                found = _finder(words).find(text)
                return {s for s, _e, _w in found}, {e for _s, e, _w in found}
        last = self._last
        if last is None or last[0] is not text or last[1] is not sets:
            last = self._last = (text, sets, _split(sets, text))
        return last[2][k]


def _split(sets: _LiteralSets, text: str) -> list[tuple[set[int], set[int]]]:
    """The starts and the ends of each set's words in ``text``, from one automaton pass."""
    found: list[tuple[set[int], set[int]]] = [(set(), set()) for _ in sets.number]
    owners = sets.owners
    for i, start, end in sets.finder.matches(text) if sets.finder is not None else ():
        for k in owners[i]:
            starts, ends = found[k]
            starts.add(start)
            ends.add(end)
    return found


_LITERALS = _Literals()


@lru_cache(maxsize=64)
def _finder(words: tuple[str, ...]) -> WordFinder:
    return WordFinder(words)


# ---------------------------------------------------------------- jieba's word boundaries

@lru_cache(maxsize=1 << 14)
def run_cuts(tokenizer: Any, run: str) -> frozenset[int]:
    """The offsets (from the run's start, 0 and ``len(run)`` included) where
    ``tokenizer.cut(run, HMM=True)`` puts word boundaries in ``run``, one run of jieba's
    word characters (``_WORD_RUN``). The same run text always cuts the same way, so the
    cuts are kept for the runs a corpus repeats (statutes repeat whole clauses); this
    holds because a tokenizer's dictionary is complete before its first use (``Compiled``).

    The best route is computed as jieba's ``get_DAG`` and ``calc`` compute it, in one
    pass and without building the DAG and a tuple per edge (twice as fast), with the same
    floating-point sums and the same tie-break (the longer word); the stretches of single
    characters go to jieba's own HMM as in ``Tokenizer.cut``. tests/extract/test_fast_paths.py
    checks it against ``tokenizer.cut`` on real and generated text.

    >>> import jieba
    >>> sorted(run_cuts(jieba.dt, "我们在南京大学学习"))
    [0, 2, 3, 7, 9]
    """
    tokenizer.check_initialized()
    ends = _best_route(_log_probabilities(tokenizer), tokenizer.FREQ, log(tokenizer.total), run)
    cuts, buf_start, x, n = {0}, 0, 0, len(run)
    while x < n:
        y = ends[x]
        if y - x > 1:
            if x > buf_start:
                _cut_single_chars(tokenizer.FREQ, run, buf_start, x, cuts)
            cuts.add(y)
            buf_start = y
        x = y
    if n > buf_start:
        _cut_single_chars(tokenizer.FREQ, run, buf_start, n, cuts)
    return frozenset(cuts)


@lru_cache(maxsize=1 << 14)
def pos_cut(pos_tokenizer: Any, text: str) -> tuple[tuple[int, str], ...]:
    """(length, flag) of each word ``pos_tokenizer.cut(text)`` tags, kept for the windows a
    corpus repeats (the same few characters after 主任 or before 群体): the same text
    always tags the same way once the tokenizer's dictionary is complete (``run_cuts``).

    The words are those of ``pos_tokenizer.cut(text)`` (``POSTokenizer.__cut_internal``
    with its HMM), the dictionary route computed by ``_best_route`` instead of jieba's
    ``get_DAG`` and ``calc`` (as ``run_cuts`` does); tests/extract/test_fast_paths.py
    checks it against ``pos_tokenizer.cut``.

    >>> import jieba.posseg
    >>> pos_cut(jieba.posseg.dt, "我爱北京")
    ((1, 'r'), (1, 'v'), (2, 'ns'))
    """
    from jieba import posseg

    pos_tokenizer.makesure_userdict_loaded()
    out: list[tuple[int, str]] = []
    for blk in posseg.re_han_internal.split(text):
        if posseg.re_han_internal.match(blk):
            _tag_words(pos_tokenizer, blk, out)
            continue
        for x in posseg.re_skip_internal.split(blk):  # what jieba's tagger does outside word runs
            if posseg.re_skip_internal.match(x):
                out.append((len(x), "x"))
            else:
                flags = ("m" if posseg.re_num.match(xx) else "eng" if posseg.re_eng.match(x) else "x" for xx in x)
                out.extend((1, flag) for flag in flags)
    return tuple(out)


def _tag_words(pos_tokenizer: Any, blk: str, out: list[tuple[int, str]]) -> None:
    """(length, flag) of each word the tagger finds in ``blk``, one run of its word
    characters, appended to ``out``: ``POSTokenizer.__cut_DAG`` over ``_best_route``."""
    tok = pos_tokenizer.tokenizer
    tok.check_initialized()
    freq, tags = tok.FREQ, pos_tokenizer.word_tag_tab
    ends = _best_route(_log_probabilities(tok), freq, log(tok.total), blk)
    x, buf_start, n = 0, 0, len(blk)
    while x <= n:
        y = ends[x] if x < n else n + 1  # past the end: the last stretch of single characters goes out
        if y - x > 1 or x == n:
            if x > buf_start:  # a stretch of single characters: one, a word, or the tagger's HMM
                buf = blk[buf_start:x]
                if len(buf) == 1:
                    out.append((1, tags.get(buf, "x")))
                elif not freq.get(buf):
                    out.extend((len(pair.word), pair.flag) for pair in pos_tokenizer._POSTokenizer__cut_detail(buf))
                else:
                    out.extend((1, tags.get(ch, "x")) for ch in buf)
            if x == n:
                return
            out.append((y - x, tags.get(blk[x:y], "x")))
            buf_start = y
        x = y


@lru_cache(maxsize=4)
def _log_probabilities(tokenizer: Any) -> dict[str, float]:
    """``log(freq) - log(total)`` of each word of ``tokenizer`` met so far (``_PREFIX`` for a
    prefix that is no word), filled by ``_best_route``: at most one entry per dictionary entry."""
    return {}


_PREFIX = inf  # what _log_probabilities holds for a prefix (a log-probability is never positive)


def _best_route(logp: dict[str, float], freq: dict[str, int], logtotal: float, run: str) -> list[int]:
    """For each offset, the end of the word jieba's best route takes from there
    (``Tokenizer.calc`` over ``Tokenizer.get_DAG``: ``freq`` holds every word's prefixes
    with frequency 0, so the walk stops at the first fragment that is no prefix). Each
    word's ``log(f) - logtotal`` is computed once and kept in ``logp``: the same float."""
    n = len(run)
    score = [0.0] * (n + 1)
    ends = [0] * n
    get, fget = logp.get, freq.get
    for idx in range(n - 1, -1, -1):
        # the one-character word first, then longer ones while the fragment is a prefix
        frag = run[idx]
        p = get(frag)
        if p is None:
            f = fget(frag)
            if f is None:  # not even a prefix: the character alone, as jieba's DAG has it
                score[idx], ends[idx] = log(1) - logtotal + score[idx + 1], idx + 1
                continue
            p = logp[frag] = log(f) - logtotal if f else _PREFIX
        end = x = idx + 1
        best = None if p == _PREFIX else p + score[x]
        while x < n:
            x += 1
            frag = run[idx:x]
            p = get(frag)
            if p is None:
                f = fget(frag)
                if f is None:
                    break
                p = logp[frag] = log(f) - logtotal if f else _PREFIX
            if p != _PREFIX:
                s = p + score[x]
                if best is None or s >= best:  # max() over (score, x): ties go to the larger x
                    best, end = s, x
        if best is None:
            best = log(fget(run[idx]) or 1) - logtotal + score[idx + 1]
        score[idx], ends[idx] = best, end
    return ends


def _cut_single_chars(freq: dict[str, int], run: str, start: int, end: int, cuts: set[int]) -> None:
    """Add the cuts jieba makes in ``run[start:end]``, a stretch its route takes one
    character at a time: its HMM joins them into words unless the stretch is a word itself."""
    buf = run[start:end]
    if len(buf) == 1 or freq.get(buf):
        cuts.update(range(start + 1, end + 1))
        return
    from jieba import finalseg

    pos = start
    for word in finalseg.cut(buf):
        pos += len(word)
        cuts.add(pos)


#: A run of the characters jieba segments together (its ``re_han_default``); others split runs.
_WORD_RUN = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
#: Matches at an offset between two of those characters: strictly inside a run.
_INSIDE_RUN = re.compile(r"(?<=[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-])[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")


def _run_length(text: str, pos: int) -> int:
    """How many of jieba's word characters ``text`` holds from ``pos`` on.

    >>> _run_length("在南京市，", 1)
    3
    """
    m = _WORD_RUN.match(text, pos)
    return m.end() - pos if m is not None else 0


def _split_sentences(text: str):
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start and text[start:m.end()].strip():
            yield start, m.end()
        start = m.end()
    if start < len(text) and text[start:].strip():
        yield start, len(text)
