"""Query results as text: W3C SPARQL 1.1 JSON, XML, CSV and TSV, an aligned table, Turtle.

>>> r = QueryResult("select", ("label", "n"), ((ox.Literal("农民工", language="zh"), ox.Literal("3", datatype=XSD_INTEGER)),))
>>> print(to_table(r))
label   n
------  -
农民工  3
>>> to_csv(r).splitlines()
['label,n', '农民工,3']
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import pyoxigraph as ox

from kg.query.run import PREFIXES, XSD_INTEGER, QueryResult
from kg.rdf.formats import CONTENT_TYPES, GRAPH_RESULT_FORMATS

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: Media type of each result format (used by the HTTP endpoint too): :mod:`kg.rdf.formats`.
MEDIA_TYPES = CONTENT_TYPES

#: The formats a CONSTRUCT/DESCRIBE result can be written in.
GRAPH_FORMATS = GRAPH_RESULT_FORMATS

def escape(data: str) -> str:
    """``&``, ``<`` and ``>`` escaped for XML text (as ``xml.sax.saxutils.escape``, whose
    module would import urllib and http.client: a tenth of kg query's start-up).

    >>> escape("a<b & c")
    'a&lt;b &amp; c'
    """
    return data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(data: str) -> str:
    """An XML attribute value, escaped and quoted (as ``xml.sax.saxutils.quoteattr``).

    >>> print(quoteattr('say "hi"'), quoteattr("it's"))
    'say "hi"' "it's"
    """
    data = escape(data).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"' + data.replace('"', "&quot;") + '"'


#: Widest cell an aligned table shows (in terminal columns); longer text is cut with "…".
MAX_CELL = 60


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")}}
    raise TypeError(term)


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean})
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows
    ]
    return json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("</head>")
    if result.kind == "ask":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            cells = "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(result.variables, row)
                if t is not None
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: plain values (IRIs bare, literals without quotes, tags or types)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        w.writerow(["boolean"])
        w.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    w.writerow(result.variables)
    for row in result.rows:
        w.writerow(["" if t is None else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value) for t in row])
    return buf.getvalue()


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: terms in Turtle/N-Triples syntax, variables with their ``?``."""
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else _tsv_term(t) for t in row))
    return "\n".join(lines) + "\n"


def _tsv_term(term) -> str:
    if isinstance(term, ox.Literal) and term.datatype == XSD_INTEGER:
        return term.value
    return str(term)


def display(term) -> str:
    """A term as a person reads it: prefixed IRIs, bare literal text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def width(text: str) -> int:
    """Terminal columns ``text`` takes: Chinese characters are two wide.

    >>> width("农民工 ok")
    9
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else (0 if unicodedata.combining(c) else 1) for c in text)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())  # newlines and tabs would break the alignment
    if width(text) <= limit:
        return text
    out, used = [], 0
    for c in text:
        w = width(c)
        if used + w > limit - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def _pad(text: str, cols: int) -> str:
    return text + " " * (cols - width(text))


def to_table(result: QueryResult, max_cell: int = MAX_CELL) -> str:
    """Columns aligned for a terminal, counting Chinese characters as two columns wide."""
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    header = list(result.variables)
    rows = [[_clip(display(t), max_cell) for t in row] for row in result.rows]
    cols = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(_pad(h, c) for h, c in zip(header, cols)).rstrip()]
    lines.append("  ".join("-" * c for c in cols))
    lines += ["  ".join(_pad(x, c) for x, c in zip(r, cols)).rstrip() for r in rows]
    footer = f"({len(rows)} row{'s' if len(rows) != 1 else ''}{', truncated' if result.truncated else ''})"
    if not rows or result.truncated:
        lines.append(footer)
    return "\n".join(lines)


def triples_to(result: QueryResult, fmt: str = "turtle") -> bytes:
    """CONSTRUCT/DESCRIBE triples as sorted Turtle, N-Triples, compact JSON-LD or RDF/XML."""
    from kg.export import jsonld_bytes
    from kg.export.turtle import ntriples_bytes, sorted_triples, turtle_bytes

    if fmt == "ntriples":
        return ntriples_bytes(result.triples)
    if fmt == "jsonld":
        store = ox.Store()
        store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in result.triples)
        return jsonld_bytes(store)
    if fmt == "rdfxml":
        return ox.serialize(sorted_triples(result.triples), format=ox.RdfFormat.RDF_XML,
                            prefixes=dict(PREFIXES)) or b""
    return turtle_bytes(result.triples)


def format_result(result: QueryResult, fmt: str) -> bytes:
    """The result in ``fmt``: json, xml, csv, tsv or table for solutions; for a graph
    turtle, ntriples, jsonld or rdfxml (any other name gives Turtle, as on the command line)."""
    if result.kind == "graph":
        return triples_to(result, fmt if fmt in GRAPH_FORMATS else "turtle")
    writer = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv, "table": to_table}[fmt]
    text = writer(result)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")
