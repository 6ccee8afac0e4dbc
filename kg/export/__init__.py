"""Hand the graph to other tools: Turtle, N-Triples, JSON-LD, TriG, GraphML, GEXF, CSV.

>>> from kg.rdf.graphio import load_store
>>> store = load_store("tests/data/query/seed_small.ttl")
>>> export_graph(store, "turtle").decode().splitlines()[:2]
['@base <https://w3id.org/gonghui-kg/resource/> .', '@prefix gh: <https://w3id.org/gonghui-kg/ontology#> .']
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pyoxigraph as ox

from kg.export.network import entity_article_network
from kg.export.partition import Partition, partition_by_article
from kg.export.tables import write_csv_tables
from kg.export.turtle import ntriples_bytes, sorted_triples, turtle_bytes, with_fixed_prefixes, write_turtle
from kg.rdf.atomic import atomic_write_bytes
from kg.rdf.formats import EXPORT_FORMATS, EXPORT_SUFFIXES
from kg.rdf.graphio import to_rdflib, to_store
from kg.rdf.prefixes import PREFIXES

#: ``kg export --format`` names and the suffix suggested for each: :mod:`kg.rdf.formats`.
FORMATS = EXPORT_FORMATS
SUFFIXES = EXPORT_SUFFIXES

#: The compact JSON-LD context: the project's prefixes, and Chinese as the default language.
JSONLD_CONTEXT = {**dict(PREFIXES), "@language": "zh"}


def jsonld_bytes(store: ox.Store) -> bytes:
    """JSON-LD compacted with :data:`JSONLD_CONTEXT` (``"rdfs:label": "农民工"``)."""
    graph = to_rdflib(store)
    for prefix, ns in PREFIXES:
        graph.bind(prefix, ns)
    text = graph.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True, ensure_ascii=False)
    # rdflib's node order follows its hash-ordered store: sort the nodes for stable files.
    doc = json.loads(text)
    if isinstance(doc.get("@graph"), list):
        doc["@graph"].sort(key=lambda n: n.get("@id", ""))
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def trig_bytes(store: ox.Store) -> bytes:
    """TriG with the shared triples in the default graph and one named graph per article,
    named by the article's IRI (see :mod:`kg.export.partition`)."""
    parts, shared = partition_by_article(store)
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in sorted_triples(shared)]
    for article in sorted(parts, key=str):
        quads += [ox.Quad(t.subject, t.predicate, t.object, article) for t in sorted_triples(parts[article])]
    return with_fixed_prefixes(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=dict(PREFIXES)) or b"")


def network_bytes(store: ox.Store, fmt: str) -> bytes:
    import networkx as nx  # imported when used: it costs every kg command 0.1 s to start

    graph = entity_article_network(store)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buf, encoding="utf-8")
    else:
        nx.write_gexf(graph, buf, encoding="utf-8")
    return buf.getvalue()


def export_graph(graph, fmt: str, output: str | os.PathLike | None = None):
    """Export ``graph`` (Oxigraph store or rdflib Graph) in ``fmt``.

    With ``output``, writes there (temp file + rename, mode from the umask like every
    file of the build) and returns the written paths;
    without, returns the bytes. ``csv`` writes two files and needs ``output`` (a folder).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    store = to_store(graph)
    if fmt == "csv":
        if output is None:
            raise ValueError("csv export writes two tables (entities.csv, relations.csv): give an output folder")
        return list(write_csv_tables(store, output))
    data = {
        "turtle": turtle_bytes,
        "ntriples": ntriples_bytes,
        "jsonld": jsonld_bytes,
        "trig": trig_bytes,
        "graphml": lambda s: network_bytes(s, "graphml"),
        "gexf": lambda s: network_bytes(s, "gexf"),
    }[fmt](store)
    if output is None:
        return data
    atomic_write_bytes(Path(output), data)
    return [Path(output)]


__all__ = [
    "FORMATS",
    "JSONLD_CONTEXT",
    "Partition",
    "entity_article_network",
    "export_graph",
    "jsonld_bytes",
    "ntriples_bytes",
    "partition_by_article",
    "sorted_triples",
    "trig_bytes",
    "turtle_bytes",
    "write_csv_tables",
    "write_turtle",
]
