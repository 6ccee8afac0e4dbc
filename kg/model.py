"""The typed values passed between pipeline stages.

Every stage is a function from these values to these values::

    files --ingest--> Document --layout--> Article[] --extract--> Extraction --rdf--> Graph

All offsets are character offsets (0-based, end exclusive) into ``Article.text``,
the cleaned text that the graph stores as ``gh:text``.

>>> a = Article(id="x", title="T", source="s.md", text="T\\n甲。乙。",
...             paragraphs=(Paragraph(0, 1, "title"), Paragraph(2, 6, "body")),
...             sentences=(Sentence(0, 1, 0), Sentence(2, 4, 1), Sentence(4, 6, 1)))
>>> a.sentence_at(3)
Sentence(start=2, end=4, paragraph=1)
>>> a.span(a.sentence_at(3))
'甲。'
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

#: The four scored entity classes of CONTRACT.md, as local names in the gh: namespace.
ENTITY_CLASSES = ("Person", "Organization", "WorkerGroup", "Measure")

#: Relation predicates an extractor can emit (see kg.rdf for their IRIs).
RELATION_PREDICATES = ("targets", "broader", "member")


@dataclass(frozen=True)
class Document:
    """One input file, decoded."""

    path: str  # the file as given on disk
    source: str  # the name recorded as gh:source (relative to the input root)
    text: str  # decoded text, newlines normalised to "\n"
    encoding: str  # the encoding it was read with
    #: What the file's own metadata says, as (key, value) pairs: a reader of a format with
    #: metadata (HTML, Word, PDF) fills it; keys are "title", "date", "author", "url",
    #: "organization" (the issuer of a notice), "description".
    meta: tuple[tuple[str, str], ...] = ()
    #: the heading level that starts a story in a bundle (``kg build --split-level``); None: found by structure
    split_level: int | None = None


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, and why."""

    path: str
    reason: str
    #: A file of a format kg does not read, met while walking a folder (pictures, tables):
    #: named in the summary and build.log, but not an error that changes the exit status.
    unsupported: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A block of ``Article.text``; kind is title, byline, heading, body or note."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of ``Article.text``; ``paragraph`` indexes ``Article.paragraphs``."""

    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Byline:
    """One author as the byline gives it, with its offsets in ``Article.text``."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One article, cleaned: the unit every later stage works on."""

    id: str  # stable key, used in the article IRI
    title: str  # exactly as printed
    source: str  # gh:source
    text: str  # gh:text; every offset refers to it
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    authors: tuple[Byline, ...] = ()
    columns: tuple[str, ...] = ()  # column headings (三工论坛), genre tags (观点)
    topic: str | None = None  # a banner heading that stood above the article
    note: Paragraph | None = None  # the author note, e.g. (作者为…主席)
    #: What metadata and clutter lines said (来源：…, 作者：…, 发布时间：…, 原标题：…), as
    #: (key, value) pairs with keys "source", "author", "date", "original_title", "url", "editor".
    meta: tuple[tuple[str, str], ...] = ()
    date: str | None = None  # publication date: "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    date_source: str | None = None  # where the date came from, for build.log ("file name", …)
    log: tuple[str, ...] = ()  # what ingestion did that a person may want to know

    def span(self, s: Sentence | Paragraph | Byline) -> str:
        """The text a sentence, paragraph or byline covers."""
        return self.text[s.start:s.end]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing character ``offset``, or None."""
        starts = [s.start for s in self.sentences]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None


@dataclass(frozen=True, order=True)
class EntityRef:
    """An entity by class and canonical label: the key the graph merges on."""

    cls: str  # one of ENTITY_CLASSES
    label: str


@dataclass(frozen=True)
class Entity:
    """An entity with the other names this article used for it."""

    ref: EntityRef
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """Where a statement comes from: a span inside a sentence, and the rule."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int
    rule: str  # a stable rule id, e.g. "targets.aim-word"; grep the code for it


@dataclass(frozen=True)
class Mention:
    """The article's text names ``entity`` at ``evidence``."""

    entity: EntityRef
    evidence: Evidence


@dataclass(frozen=True)
class Relation:
    """subject --predicate--> object; ``role`` is the post for ``member``.

    targets: Measure -> WorkerGroup; broader: WorkerGroup -> WorkerGroup;
    member: Person -> Organization (with role).
    """

    predicate: str
    subject: EntityRef
    object: EntityRef
    evidence: Evidence
    role: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything the extractors found in one article."""

    article_id: str
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    authors: tuple[Mention, ...] = ()  # dcterms:creator, Person entities
    relations: tuple[Relation, ...] = ()
    log: tuple[str, ...] = field(default=())
