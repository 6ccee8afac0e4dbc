"""``kg.build``: files in, ``graph.ttl``, ``graph.html`` and ``report.html`` out.

The whole pipeline in order; every stage is a plain function of the previous
stage's values (see ``kg/model.py``).

>>> import tempfile
>>> result = build(output=tempfile.mkdtemp())   # the bundled sample corpus
>>> result.articles, result.skipped
(3, ())
>>> result.graph_path.name
'graph.ttl'
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Sequence

from rdflib import Graph
from rdflib.namespace import RDF

from kg.atomic import atomic_write_text
from kg.ingest import ingest
from kg.model import ENTITY_CLASSES, Skipped
from kg.rdf.graph import Triple, to_graph, to_triples
from kg.rdf.namespace import GH
from kg.rdf.turtle import write_turtle
from kg.resources import seed_corpus

DEFAULT_OUTPUT = Path("output")


@dataclass(frozen=True, eq=False)
class BuildResult:
    """What a build produced: counts, the files written, what was skipped and the log."""

    output: Path
    articles: int
    entities: dict[str, int]  # per class of the four
    triples: tuple[Triple, ...] = field(repr=False)
    skipped: tuple[Skipped, ...]
    log: tuple[str, ...] = field(repr=False)
    seconds: float = 0.0

    @property
    def graph_path(self) -> Path:
        return self.output / "graph.ttl"

    @property
    def html_path(self) -> Path:
        return self.output / "graph.html"

    @property
    def report_path(self) -> Path:
        return self.output / "report.html"

    @property
    def log_path(self) -> Path:
        return self.output / "build.log"

    @cached_property
    def graph(self) -> Graph:
        """The graph as an rdflib Graph (built on first use)."""
        return to_graph(self.triples)

    @property
    def ok(self) -> bool:
        """True when every input was read."""
        return not self.skipped


def build(paths: Sequence[str | Path] | None = None, output: str | Path = DEFAULT_OUTPUT, *,
          html: bool = True, progress: Callable[[str], None] | None = None) -> BuildResult:
    """Build the graph of ``paths`` (files or folders; default: the bundled sample corpus)
    and write it under ``output``."""
    from kg.extract import extract, load_lexicon  # the heavy stage, imported when used

    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    output = Path(output)
    paths = list(paths) if paths else [seed_corpus()]

    articles, skipped, log = ingest(paths)
    log = list(log)
    say(f"read {len(articles)} articles from {len(paths)} input(s), {len(skipped)} skipped")

    lexicon = load_lexicon()
    log.extend(lexicon.log)
    extractions = []
    for i, article in enumerate(articles, 1):
        extractions.append(extract(article, lexicon))
        if i % 100 == 0:
            say(f"extracted {i}/{len(articles)} articles")
    for ex in extractions:
        log.extend(ex.log)

    triples, rdf_log = to_triples(articles, extractions)
    log.extend(rdf_log)
    write_turtle(triples, output / "graph.ttl")
    say(f"wrote {len(triples)} triples to {output / 'graph.ttl'}")

    result = BuildResult(output=output, articles=len(articles), entities=count_entities(triples),
                         triples=tuple(triples), skipped=tuple(skipped), log=tuple(log))
    if html:
        from kg.report import write_report
        from kg.viz import write_explorer

        write_explorer(result.graph, result.html_path)
        write_report(result.graph, result.report_path)
        say(f"wrote {result.html_path} and {result.report_path}")
    skipped_lines = [f"skipped {s.path}: {s.reason}" for s in skipped]
    atomic_write_text(result.log_path, "\n".join(skipped_lines + log) + "\n")
    object.__setattr__(result, "seconds", time.perf_counter() - started)
    return result


def count_entities(triples) -> dict[str, int]:
    """Entities per class of the four, from the graph's rdf:type triples."""
    classes = {GH[c]: c for c in ENTITY_CLASSES}
    counts = Counter(classes[o] for _, p, o in triples if p == RDF.type and o in classes)
    return {c: counts.get(c, 0) for c in ENTITY_CLASSES}
