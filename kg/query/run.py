"""Run SPARQL on an Oxigraph store with safely bound parameters.

>>> from kg.rdf.graphio import load_store
>>> store = load_store("tests/data/query/seed_small.ttl")
>>> r = run_query(store, "SELECT ?label WHERE { ?m gh:targets ?g ; rdfs:label ?label . ?g rdfs:label ?group } ORDER BY ?label",
...               {"group": "农民工"})
Traceback (most recent call last):
...
kg.query.run.ParamError: parameter 'group' is not a variable the query selects (SELECT ?label)
>>> r = run_canned(store, "measures_for_group", {"group": "农民工"})
>>> sorted({row[r.variables.index("measureLabel")].value for row in r.rows})
['求学圆梦行动']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from kg.query.canned import CannedQuery, Param, find_query
from kg.rdf.prefixes import PREFIXES as _PREFIXES

#: Prefixes every query may use without declaring them.
PREFIXES = dict(_PREFIXES)

XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_ERROR_AT = re.compile(r"error at (\d+):(\d+):\s*")
_PREFIXED = re.compile(r"^([A-Za-z][\w.-]*)?:(\S*)$")


@dataclass(frozen=True)
class QueryResult:
    """What a query returned: rows for SELECT, a boolean for ASK, triples for CONSTRUCT/DESCRIBE."""

    kind: str  # "select", "ask" or "graph"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple, ...] = ()  # one tuple of Oxigraph terms (or None when unbound) per solution
    boolean: bool | None = None
    triples: tuple = ()
    truncated: bool = False  # more rows/triples existed than max_rows


class QuerySyntaxError(ValueError):
    """A malformed query; :meth:`pretty` shows the line where it broke and a caret."""

    def __init__(self, message: str, query: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message, self.query, self.line, self.column = message, query, line, column

    def pretty(self) -> str:
        if self.line is None:
            return f"malformed query: {self.message}"
        lines = self.query.split("\n")
        text = lines[self.line - 1] if 0 < self.line <= len(lines) else ""
        col = min(self.column or 0, len(text))
        gutter = f"{self.line:>4} | "
        caret = " " * (len(gutter) + _width(text[:col])) + "^"
        first = self.message.split("\n")[0]
        if len(first) > 200:
            first = first[:200] + "…"
        return f"malformed query at line {self.line}, column {col + 1}: {first}\n{gutter}{text}\n{caret}"


class ParamError(ValueError):
    """A --param that the query does not take, or a value of the wrong kind."""


class QueryFailed(RuntimeError):
    """A well-formed query that the engine could not evaluate (message says why)."""


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def expand_iri(value: str) -> str:
    """``<iri>``, ``ghr:person/魏国强`` or a full IRI, as a full IRI string.

    >>> expand_iri("ghr:group/农民工")
    'https://w3id.org/gonghui-kg/resource/group/农民工'
    """
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        return v[1:-1]
    m = _PREFIXED.match(v)
    if m and (m.group(1) or "") in PREFIXES and not v.startswith(("http:", "https:", "urn:")):
        return PREFIXES[m.group(1) or ""] + m.group(2)
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", v):
        return v
    raise ParamError(f"{value!r} is not an IRI (write <https://…> or a prefixed name such as ghr:group/农民工)")


def term_for(kind: str, value: str):
    """The RDF term a parameter value of the given kind stands for.

    >>> term_for("label", "农民工")
    <Literal value=农民工 language=zh>
    >>> term_for("integer", "x")
    Traceback (most recent call last):
    ...
    kg.query.run.ParamError: 'x' is not an integer
    """
    if kind == "label":
        return ox.Literal(value, language="zh")
    if kind == "string":
        return ox.Literal(value)
    if kind == "integer":
        try:
            return ox.Literal(str(int(value)), datatype=XSD_INTEGER)
        except ValueError:
            raise ParamError(f"{value!r} is not an integer") from None
    if kind == "iri":
        try:
            return ox.NamedNode(expand_iri(value))
        except ValueError as exc:
            raise ParamError(f"{value!r} is not a valid IRI: {exc}") from None
    raise ParamError(f"unknown parameter kind {kind!r}")


def guess_term(value: str):
    """A value for a query that declares no parameters: ``<iri>``/``prefix:name`` -> IRI,
    ``"text"`` -> plain literal, ``"text"@lang`` -> tagged literal, digits -> integer,
    anything else -> a ``@zh`` label (the graph's labels are ``@zh``).

    >>> guess_term("ghr:group/农民工").value
    'https://w3id.org/gonghui-kg/resource/group/农民工'
    >>> guess_term('"abc"@en')
    <Literal value=abc language=en>
    """
    v = value.strip()
    m = re.match(r'^"(.*)"(?:@([A-Za-z-]+))?$', v, re.S)
    if m:
        return ox.Literal(m.group(1), language=m.group(2)) if m.group(2) else ox.Literal(m.group(1))
    if re.fullmatch(r"[+-]?\d+", v):
        return ox.Literal(v, datatype=XSD_INTEGER)
    try:
        if v.startswith("<") and v.endswith(">"):
            return ox.NamedNode(v[1:-1])
        m = _PREFIXED.match(v)
        if m and (m.group(1) or "") in PREFIXES:
            return ox.NamedNode(expand_iri(v))
    except ValueError as exc:
        raise ParamError(f"{value!r} is not a valid IRI: {exc}") from None
    return ox.Literal(value, language="zh")


def bind_params(params: dict[str, str] | None, declared: tuple[Param, ...] | None = None) -> dict:
    """Oxigraph substitutions for ``params``: declared kinds and defaults if given, else guessed."""
    params = dict(params or {})
    subs = {}
    if declared is not None:
        names = {p.name for p in declared}
        unknown = sorted(set(params) - names)
        if unknown:
            takes = ", ".join(sorted(names)) or "no parameters"
            raise ParamError(f"unknown parameter {', '.join(unknown)}; this query takes {takes}")
        for p in declared:
            value = params.get(p.name, p.default)
            try:
                subs[ox.Variable(p.name)] = term_for(p.kind, value)
            except ParamError as exc:
                raise ParamError(f"parameter {p.name}: {exc}") from None
        return subs
    for name, value in params.items():
        if not re.fullmatch(r"\w+", name):
            raise ParamError(f"parameter name {name!r} is not a SPARQL variable name")
        subs[ox.Variable(name)] = guess_term(value)
    return subs


def parse_error(exc: SyntaxError, query: str) -> QuerySyntaxError:
    msg = str(exc)
    m = _ERROR_AT.match(msg)
    if m:
        return QuerySyntaxError(msg[m.end():], query, int(m.group(1)), int(m.group(2)))
    return QuerySyntaxError(msg, query)


def run_query(
    store: ox.Store,
    query: str,
    params: dict[str, str] | None = None,
    *,
    declared: tuple[Param, ...] | None = None,
    max_rows: int | None = None,
) -> QueryResult:
    """Run ``query`` (SELECT, ASK, CONSTRUCT or DESCRIBE) with ``params`` bound by substitution.

    Raises :class:`QuerySyntaxError` for a malformed query, :class:`ParamError` for a
    parameter the query cannot take and :class:`QueryFailed` when evaluation fails.
    ``max_rows`` caps the solutions (or triples) read.
    """
    subs = bind_params(params, declared)
    try:
        result = store.query(query, prefixes=PREFIXES, substitutions=subs or None, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise parse_error(exc, query) from None
    except RuntimeError as exc:
        unselected = _unselected(store, query, subs)
        if unselected:
            selected = " ".join("?" + v for v in _selected(query)) or "?…"
            raise ParamError(f"parameter {unselected!r} is not a variable the query selects (SELECT {selected})") from None
        raise QueryFailed(f"query failed: {exc}") from None
    except OSError as exc:
        raise QueryFailed(f"query failed: {exc}") from None
    try:  # Oxigraph evaluates as the answer is read
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            rows, truncated = _take(((sol[v] for v in variables) for sol in result), max_rows, tuple)
            return QueryResult("select", variables, rows, truncated=truncated)
        triples, truncated = _take(iter(result), max_rows, lambda t: t)
        return QueryResult("graph", triples=triples, truncated=truncated)
    except (OSError, RuntimeError) as exc:
        raise QueryFailed(f"query failed: {exc}") from None


def _unselected(store: ox.Store, query: str, subs: dict) -> str | None:
    """The first parameter Oxigraph refuses to substitute on its own (it only substitutes
    variables the query selects), or None when the query fails without parameters too or
    takes each one alone. Preparing a query evaluates nothing, so this costs little."""
    trials = [{}] + [{variable: value} for variable, value in subs.items()] if subs else []
    for trial in trials:
        try:
            store.query(query, prefixes=PREFIXES, substitutions=trial or None, use_default_graph_as_union=True)
        except RuntimeError:
            return next((v.value for v in trial), None)  # None: it fails with no parameter too
    return None


def _take(items, limit, convert) -> tuple[tuple, bool]:
    out: list = []
    for item in items:
        if limit is not None and len(out) >= limit:
            return tuple(out), True
        out.append(convert(item))
    return tuple(out), False


def _selected(query: str) -> list[str]:
    m = re.search(r"SELECT\s+(.*?)\s+(?:WHERE|FROM|\{)", query, re.I | re.S)
    return re.findall(r"[?$](\w+)", m.group(1)) if m else []


def run_canned(
    store: ox.Store,
    query: str | CannedQuery,
    params: dict[str, str] | None = None,
    *,
    max_rows: int | None = None,
) -> QueryResult:
    """Run a canned query (by name or :class:`CannedQuery`) with its declared parameters."""
    canned = find_query(query) if isinstance(query, str) else query
    return run_query(store, canned.text, params, declared=canned.params, max_rows=max_rows)
