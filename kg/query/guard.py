"""Keep a public endpoint read-only: find SPARQL Update, LOAD and SERVICE in the parse tree.

The query is parsed with rdflib's SPARQL 1.1 grammar and the tree is walked for a
``ServiceGraphPattern`` node; anything that parses only as an update is refused as one.
Keywords are never looked at, so a label such as "SERVICE" or an IRI ending in /load
never trips the check, and no spelling of SERVICE gets past it.

Oxigraph, not rdflib, runs the query, so the two parsers must read the same text the
same way. rdflib differs from the SPARQL grammar (and from Oxigraph) in two places,
and the copy it checks is adjusted for both (see :func:`as_oxigraph_reads_it`):

* a comment ends at a carriage return as well as a line feed, but rdflib's comment runs
  to the line feed only, so ``# x\\rSERVICE <…>`` would hide the SERVICE from it;
* rdflib replaces ``\\uXXXX`` anywhere in the text before parsing, Oxigraph reads it as
  an escape inside a string or IRI only; so ``"\\u0022 SERVICE … \\u0022"`` would be one
  string for Oxigraph but SERVICE between two strings for rdflib.

A query that rdflib cannot parse is refused as malformed (:class:`QuerySyntaxError`):
the endpoint takes standard SPARQL 1.1, and what is not checked is not run.

>>> forbidden_operation("SELECT * WHERE { ?s ?p ?o }") is None
True
>>> forbidden_operation("PREFIX ex: <http://x/> INSERT DATA { ex:a ex:b ex:c }")
'SPARQL Update (INSERT DATA)'
>>> forbidden_operation("SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }")
'SERVICE (federated query)'
>>> forbidden_operation("SELECT * WHERE { # x\\rSERVICE <http://x/> { ?s ?p ?o } }")
'SERVICE (federated query)'
>>> forbidden_operation('SELECT * WHERE { ?s rdfs:label "SERVICE LOAD" } # load') is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.query.run import QuerySyntaxError

#: Update operations by their node name in rdflib's tree, as the message names them.
UPDATE_OPERATIONS = {
    "Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD", "Move": "MOVE",
    "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE",
    "Modify": "INSERT/DELETE",
}

_PAIR = re.compile(r"\\(.)", re.S)


def as_oxigraph_reads_it(query: str) -> str:
    """``query`` as rdflib must see it to find the structure Oxigraph finds.

    Every carriage return becomes a line feed (both end a comment; elsewhere both are
    white space, and a raw one inside a long string changes no structure), and the
    ``\\u``/``\\U`` of an escape becomes ``_u`` so rdflib's text-wide replacement of escapes
    cannot open or close a string. Backslashes are taken in pairs, as both lexers do.

    >>> as_oxigraph_reads_it('# a\\rSERVICE "\\\\u0022" \\\\\\\\u')
    '# a\\nSERVICE "_u0022" \\\\\\\\u'
    """

    def keep_structure(m: re.Match) -> str:
        return "_" + m.group(1) if m.group(1) in "uU" else m.group(0)

    return _PAIR.sub(keep_structure, query.replace("\r", "\n"))


def _node_names(tree: object) -> Iterator[str]:
    """The names of every node (rdflib ``CompValue``) in a parse tree, depth first."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node.name
            stack.extend(node.values())
        elif isinstance(node, ParseResults):
            stack.extend(node)
            stack.extend(node.as_dict().values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())


def forbidden_operation(query: str) -> str | None:
    """What makes ``query`` unfit for a read-only endpoint, or None if it is a plain query.

    Raises :class:`QuerySyntaxError` (with rdflib's line and column) for text that is
    neither a SPARQL 1.1 query nor an update.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    text = as_oxigraph_reads_it(query)
    try:
        tree = parseQuery(text)
    except ParseException as exc:
        try:
            update = parseUpdate(text)
        except ParseException:
            raise QuerySyntaxError(f"not a SPARQL 1.1 query: {exc.msg}", query.replace("\r", "\n"), exc.lineno,
                                   exc.col - 1) from None
        names = [n for n in _node_names(update) if n in UPDATE_OPERATIONS]
        return f"SPARQL Update ({UPDATE_OPERATIONS[names[0]] if names else 'update'})"
    if "ServiceGraphPattern" in _node_names(tree):
        return "SERVICE (federated query)"
    return None
