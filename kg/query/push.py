"""``push``: load a graph into a SPARQL server, one named graph per article.

Over the SPARQL 1.1 Graph Store HTTP Protocol: each article's part of the graph (see
:func:`kg.export.partition.partition_by_article`: the article, its evidence and the
statements that evidence supports) is PUT as the named graph called by the article's
IRI, so pushing an article again replaces what the server held for it, and nothing
else. The shared remainder (entity labels, classes, rules) is POSTed, i.e. added, to
the default graph. Query the server with ``kg query --endpoint URL`` (which reads all
graphs as one).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.export.partition import partition_by_article
from kg.query.remote import _session, request, store_url
from kg.rdf.formats import CONTENT_TYPES
from kg.rdf.graphio import load_store
from kg.rdf.iris import article_iri


@dataclass(frozen=True)
class PushResult:
    """What was sent: articles (named graphs) and triples, and the shared triples."""

    articles: int
    triples: int
    shared: int


#: The format each graph is sent in (:mod:`kg.rdf.formats`).
SENT_AS = CONTENT_TYPES["ntriples"]


def _ntriples(triples) -> bytes:
    return ox.serialize((ox.Triple(*t) for t in triples), format=ox.RdfFormat.N_TRIPLES) or b""


def push_graph(graph: str | os.PathLike, url: str, *, articles: Iterable[str] | None = None,
               shared: bool = True, session=None) -> PushResult:
    """Push the graph file or build folder ``graph`` to the server at ``url``.

    ``articles``: push only these (article ids as in the IRI ``ghr:article/ID``, or full
    IRIs); a name that is not in the graph raises ValueError. ``shared``: also add the
    shared remainder to the default graph. Raises :class:`kg.query.remote.RemoteError` when the
    server cannot be reached or refuses a graph, :class:`kg.rdf.graphio.GraphInputError` for
    a bad graph file.
    """
    parts, rest = partition_by_article(load_store(graph))
    chosen = dict(parts)
    if articles is not None:
        wanted = {a if a.startswith(("http://", "https://")) else str(article_iri(a)) for a in articles}
        chosen = {iri: ts for iri, ts in parts.items() if iri.value in wanted}
        missing = sorted(wanted - {iri.value for iri in chosen})
        if missing:
            raise ValueError(f"{graph}: no article {', '.join(missing)} in this graph")
    session = session or _session()
    target = store_url(url)
    headers = {"Content-Type": SENT_AS}
    sent = 0
    for iri in sorted(chosen, key=lambda n: n.value):
        request(session, "PUT", target, params={"graph": iri.value}, data=_ntriples(chosen[iri]), headers=headers)
        sent += len(chosen[iri])
    if shared and rest:
        request(session, "POST", target, params={"default": ""}, data=_ntriples(rest), headers=headers)
    return PushResult(articles=len(chosen), triples=sent, shared=len(rest) if shared else 0)
