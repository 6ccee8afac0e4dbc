"""The canned questions: ``ontology/queries/*.rq``, each opening with a comment header.

Header format (the lines before the first non-comment line)::

    # What the query answers, in one or more lines.
    # @param group label 农民工  the worker group, by rdfs:label or skos:altLabel

A parameter line gives the variable name, its kind (``label``: a ``@zh`` literal,
``iri``: an IRI or a ``ghr:``/``gh:`` name, ``string``: a plain literal, ``integer``),
its default value and what it means. The variable must be projected by the query:
its value is bound by Oxigraph's substitution (SEP-0007), never pasted into the text.

>>> [q.name for q in canned_queries()][:3]
['articles_mentioning', 'articles_per_column', 'authors_posts']
>>> find_query("measures_for_group").params[0].name
'group'
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import kg

PARAM_KINDS = ("label", "iri", "string", "integer")
_PARAM = re.compile(r"^#\s*@param\s+(\w+)\s+(\w+)\s+(\S+)\s*(.*)$")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # one of PARAM_KINDS
    default: str
    help: str


@dataclass(frozen=True)
class CannedQuery:
    name: str  # file stem
    path: Path
    description: str  # what it answers
    params: tuple[Param, ...]
    text: str


class UnknownQuery(LookupError):
    pass


def queries_dir() -> Path:
    """``ontology/queries``: inside the installed package, else at the repository root."""
    here = Path(kg.__file__).resolve().parent
    for candidate in (here / "ontology" / "queries", here.parent / "ontology" / "queries"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("ontology/queries not found beside the kg package")


def parse_canned(path: str | os.PathLike) -> CannedQuery:
    """Read one ``.rq`` file and its header."""
    p = Path(path)
    text = p.read_text(encoding="utf-8")
    desc, params = [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _PARAM.match(line)
        if m:
            name, kind, default, help_ = m.groups()
            if kind not in PARAM_KINDS:
                raise ValueError(f"{p}: parameter {name}: unknown kind {kind!r} (use {', '.join(PARAM_KINDS)})")
            params.append(Param(name, kind, default, help_.strip()))
        else:
            desc.append(line.lstrip("#").strip())
    description = " ".join(d for d in desc if d)
    if not description:
        raise ValueError(f"{p}: a canned query must open with a comment saying what it answers")
    return CannedQuery(p.stem, p, description, tuple(params), text)


def canned_queries(directory: str | os.PathLike | None = None) -> list[CannedQuery]:
    """All canned queries, sorted by name."""
    d = Path(directory) if directory else queries_dir()
    return [parse_canned(p) for p in sorted(d.glob("*.rq"))]


def find_query(name: str, directory: str | os.PathLike | None = None) -> CannedQuery:
    queries = {q.name: q for q in canned_queries(directory)}
    if name not in queries:
        raise UnknownQuery(f"no canned query named {name!r}; known: {', '.join(sorted(queries))}")
    return queries[name]
