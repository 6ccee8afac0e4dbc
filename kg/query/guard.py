"""Keep a public endpoint read-only: spot SPARQL Update, LOAD and SERVICE in a request.

The check looks at keywords only, after blanking out comments, strings and IRIs, so a
label such as "SERVICE" or an IRI ending in /load never trips it.

>>> forbidden_operation("SELECT * WHERE { ?s ?p ?o }") is None
True
>>> forbidden_operation("PREFIX ex: <http://x/> INSERT DATA { ex:a ex:b ex:c }")
'SPARQL Update (INSERT)'
>>> forbidden_operation("SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }")
'SERVICE (federated query)'
>>> forbidden_operation('SELECT * WHERE { ?s rdfs:label "SERVICE LOAD" } # load')
"""

from __future__ import annotations

import re

UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")

_BLANK = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
    re.S,
)
_WORD = re.compile(r"(?<![\w:?$@])([A-Za-z]+)(?![\w:])")


def keywords(query: str) -> list[str]:
    """The bare words of ``query`` (upper-cased), outside strings, IRIs and comments."""
    return [w.upper() for w in _WORD.findall(_BLANK.sub(" ", query))]


def forbidden_operation(query: str) -> str | None:
    """What makes ``query`` unfit for a read-only endpoint, or None if it is a plain query."""
    words = keywords(query)
    i = 0
    while i < len(words) and words[i] in ("PREFIX", "BASE"):
        i += 1  # the prologue's own names were IRIs and prefixed names, already gone
    if i < len(words) and words[i] in UPDATE_KEYWORDS:
        return f"SPARQL Update ({words[i]})"
    if "SERVICE" in words:
        return "SERVICE (federated query)"
    if "LOAD" in words:
        return "SPARQL Update (LOAD)"
    return None
