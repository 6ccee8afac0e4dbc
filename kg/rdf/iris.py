"""Stable IRIs: derived from canonical names or content, never from counters.

>>> entity_iri(EntityRef("WorkerGroup", "农民工"))
rdflib.term.URIRef('https://w3id.org/gonghui-kg/resource/group/农民工')
>>> str(column_iri("A B"))
'https://w3id.org/gonghui-kg/resource/column/A%20B'
"""

from __future__ import annotations

import hashlib
import re

from rdflib import URIRef

from kg.model import EntityRef
from kg.rdf.namespace import CLASS_SEGMENT, GHR_IRI

# Characters that may not appear in an IRI (RFC 3987) or that would change its
# structure; everything else, Chinese included, stays readable.
_UNSAFE = frozenset(' "<>\\^`{|}%#?/') | frozenset(chr(c) for c in range(0x20)) | {"\x7f"}


_UNSAFE_CHAR = re.compile("[" + re.escape("".join(sorted(_UNSAFE | set("\u2028\u2029\ufeff")))) + "]")


def iri_segment(name: str) -> str:
    """``name`` with only IRI-unsafe characters percent-encoded.

    >>> iri_segment("职工 之家/100%")
    '职工%20之家%2F100%25'
    """
    return _UNSAFE_CHAR.sub(_percent_encoded, name)


def _percent_encoded(m: re.Match) -> str:
    return "".join(f"%{b:02X}" for b in m.group().encode("utf-8"))


def digest(*parts: object, size: int = 16) -> str:
    """A short hex digest of ``parts``, for IRIs of nodes without a name."""
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:size]


def article_iri(article_id: str) -> URIRef:
    return URIRef(f"{GHR_IRI}article/{iri_segment(article_id)}")


def entity_iri(ref: EntityRef) -> URIRef:
    return URIRef(f"{GHR_IRI}{CLASS_SEGMENT[ref.cls]}/{iri_segment(ref.label)}")


def column_iri(label: str) -> URIRef:
    return URIRef(f"{GHR_IRI}column/{iri_segment(label)}")


def role_iri(label: str) -> URIRef:
    return URIRef(f"{GHR_IRI}role/{iri_segment(label)}")


def rule_iri(rule_id: str) -> URIRef:
    return URIRef(f"{GHR_IRI}rule/{iri_segment(rule_id)}")


def membership_iri(person: URIRef, organization: URIRef, role: str) -> URIRef:
    return URIRef(f"{GHR_IRI}membership/{digest(person, organization, role)}")


def evidence_iri(subject: URIRef, predicate: URIRef, obj: URIRef, article: URIRef,
                 start: int, end: int, rule: str) -> URIRef:
    return URIRef(f"{GHR_IRI}evidence/{digest(subject, predicate, obj, article, start, end, rule)}")
