"""Oxigraph vs rdflib's in-memory store on a graph of over a million triples.

Builds a contract-shaped graph from the statutes in ../shared/corpus/laws (articles,
columns, entities found by a few suffix patterns, mentions, gh:targets and skos:broader
with evidence sentences and offsets), then measures in the same run:

* the canned aggregate queries (ontology/queries) on rdflib's default store vs Oxigraph;
* Turtle export: rdflib's serializer vs kg.export.write_turtle (sorted, deterministic).

Run: ``python benchmarks/bench_store.py [LAWS_DIR]``. Not a test: it prints numbers.
"""

from __future__ import annotations

import hashlib
import re
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.export import write_turtle
from kg.query import find_query, run_canned
from kg.query.run import PREFIXES, bind_params
from kg.rdf.graphio import load_store, to_rdflib

GH = "https://w3id.org/gonghui-kg/ontology#"
GHR = "https://w3id.org/gonghui-kg/resource/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

PATTERNS = {  # class -> (IRI segment, regex): crude, but shaped like real extractions
    "Organization": ("org", re.compile(r"[\u4e00-\u9fff]{2,6}?(?:委员会|部门|机关|机构|工会|法院|政府|单位|企业|组织)")),
    "WorkerGroup": ("group", re.compile(r"[\u4e00-\u9fff]{0,3}?(?:劳动者|职工|农民工|人员|残疾人|未成年人|军人|妇女|学生|老年人)")),
    "Measure": ("measure", re.compile(r"[\u4e00-\u9fff]{2,5}?(?:制度|保险|机制|救助|补贴|培训|协商|合同|标准|规划|措施|计划)")),
}
SENTENCE = re.compile(r"[^。；\n]+[。；]?")
#: Cheapest first: rdflib needs minutes for each of these at this size.
AGGREGATES = ("articles_per_column", "rule_counts", "measures_per_group", "group_hierarchy", "top_entities")


def N(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def synthesize(laws: Path) -> list[ox.Triple]:
    T, triples, seen = ox.Triple, [], set()
    a_type, label = N(RDF + "type"), N(RDFS + "label")

    def add(s, p, o):
        triples.append(T(s, p, o))

    def evidence(s, p, o, article, sentence, start, end, rule):
        key = f"{s.value}|{p.value}|{o.value}|{article.value}|{start}"
        ev = N(GHR + "evidence/" + hashlib.sha1(key.encode()).hexdigest()[:16])
        add(ev, a_type, N(GH + "Evidence"))
        add(ev, N(RDF + "subject"), s)
        add(ev, N(RDF + "predicate"), p)
        add(ev, N(RDF + "object"), o)
        add(ev, N(GH + "article"), article)
        add(ev, N(GH + "sentence"), ox.Literal(sentence, language="zh"))
        add(ev, N(GH + "start"), ox.Literal(str(start), datatype=XSD_INT))
        add(ev, N(GH + "end"), ox.Literal(str(end), datatype=XSD_INT))
        add(ev, N(GH + "rule"), N(GHR + "rule/" + rule))

    for rule in ("vocab-org", "vocab-group", "vocab-measure", "rel-targets", "rel-broader"):
        add(N(GHR + "rule/" + rule), a_type, N(GH + "Rule"))
        add(N(GHR + "rule/" + rule), label, ox.Literal(rule))
    for path in sorted(laws.rglob("*.md")):
        if path.name.startswith("_"):
            continue
        text = path.read_text(encoding="utf-8")
        art = N(GHR + "article/" + hashlib.sha1(str(path.relative_to(laws)).encode()).hexdigest()[:12])
        column = N(GHR + "column/" + path.parent.name)
        add(art, a_type, N(GH + "Article"))
        add(art, N(DCT + "title"), ox.Literal(path.stem, language="zh"))
        add(art, N(GH + "column"), column)
        add(art, N(GH + "text"), ox.Literal(text, language="zh"))
        add(art, N(GH + "source"), ox.Literal(str(path.relative_to(laws))))
        if column not in seen:
            seen.add(column)
            add(column, a_type, N(GH + "Column"))
            add(column, label, ox.Literal(path.parent.name, language="zh"))
        mentioned = set()
        for m in SENTENCE.finditer(text):
            sentence, base = m.group(), m.start()
            found = {}
            for cls, (seg, rx) in PATTERNS.items():
                for e in rx.finditer(sentence):
                    name = e.group()
                    ent = N(f"{GHR}{seg}/{name}")
                    if ent not in seen:
                        seen.add(ent)
                        add(ent, a_type, N(GH + cls))
                        add(ent, label, ox.Literal(name, language="zh"))
                    start, end = base + e.start(), base + e.end()
                    evidence(art, N(GH + "mentions"), ent, art, sentence, start, end, "vocab-" + seg)
                    mentioned.add(ent)
                    found.setdefault(cls, []).append((ent, name, start, end))
            for meas, _, ms, me in found.get("Measure", [])[:2]:
                for grp, _, _, _ in found.get("WorkerGroup", [])[:2]:
                    if (meas, grp) not in seen:
                        seen.add((meas, grp))
                        add(meas, N(GH + "targets"), grp)
                    evidence(meas, N(GH + "targets"), grp, art, sentence, ms, me, "rel-targets")
            for grp, name, gs, ge in found.get("WorkerGroup", []):
                for head in ("职工", "劳动者", "军人"):
                    if name.endswith(head) and name != head:
                        broader = N(f"{GHR}group/{head}")
                        if broader not in seen:
                            seen.add(broader)
                            add(broader, a_type, N(GH + "WorkerGroup"))
                            add(broader, label, ox.Literal(head, language="zh"))
                        if (grp, broader) not in seen:
                            seen.add((grp, broader))
                            add(grp, N(SKOS + "broader"), broader)
                        evidence(grp, N(SKOS + "broader"), broader, art, sentence, gs, ge, "rel-broader")
        for ent in sorted(mentioned, key=str):
            add(art, N(GH + "mentions"), ent)
    return triples


def timed(fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    return time.perf_counter() - t, out


def main() -> None:
    laws = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus" / "laws"
    if not laws.is_dir():
        laws = Path("/work/shared/corpus/laws")
    t_syn, triples = timed(synthesize, laws)
    store = ox.Store()
    t_ox_load, _ = timed(store.extend, (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples))
    print(f"graph: {len(store):,} triples from {laws} (synthesized in {t_syn:.1f} s)")
    t_rdf_load, graph = timed(to_rdflib, store)
    print(f"load into memory: Oxigraph {t_ox_load:.1f} s, rdflib {t_rdf_load:.1f} s\n", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        t_rdf_ttl, _ = timed(graph.serialize, destination=f"{tmp}/rdflib.ttl", format="turtle")
        t_ox_ttl, _ = timed(write_turtle, store, f"{tmp}/kg.ttl")
        again = load_store(f"{tmp}/kg.ttl")
        write_turtle(again, f"{tmp}/kg2.ttl")
        same = Path(f"{tmp}/kg.ttl").read_bytes() == Path(f"{tmp}/kg2.ttl").read_bytes()
        size = Path(f"{tmp}/kg.ttl").stat().st_size / 1e6
        print(f"Turtle export ({size:.0f} MB): rdflib {t_rdf_ttl:.1f} s, kg.export.write_turtle {t_ox_ttl:.1f} s, "
              f"ratio {t_rdf_ttl / t_ox_ttl:.1f}x (goal >= 5x)")
        print(f"Turtle re-read ({len(again):,} triples) and re-written byte-identical: {same}", flush=True)

    print(f"\n{'canned aggregate query':<24}{'rows':>7}{'rdflib s':>11}{'Oxigraph s':>12}{'ratio':>9}")
    total_rdf = total_ox = 0.0
    for name in AGGREGATES:
        q = find_query(name)
        t_ox, res = timed(run_canned, store, q)
        init = {str(k.value): _to_rdflib(v) for k, v in bind_params({}, q.params).items()}
        t_rdf, n_rows = rdflib_query_timed(graph, q.text, init, RDFLIB_LIMIT)
        over = n_rows is None
        if not over and n_rows != len(res.rows):
            print(f"  note: {name}: rdflib returned {n_rows} rows, Oxigraph {len(res.rows)}")
        total_rdf, total_ox = total_rdf + t_rdf, total_ox + t_ox
        mark = ">" if over else " "
        print(f"{name:<24}{len(res.rows):>7}{mark}{t_rdf:>10.2f}{t_ox:>12.3f}{mark}{t_rdf / t_ox:>7.1f}x", flush=True)
    print(f"{'all aggregates':<24}{'':>7}{total_rdf:>11.2f}{total_ox:>12.3f}{total_rdf / total_ox:>8.1f}x  (goal >= 10x)")
    print(f"(> : rdflib stopped after {RDFLIB_LIMIT:.0f} s, so the ratio is a lower bound)")


#: rdflib gets this long per query; past it the query is stopped and the ratio is a lower bound.
RDFLIB_LIMIT = 300.0


def rdflib_query_timed(graph, text, init, limit):
    """(seconds, rows) of an rdflib query run in a forked child (rows None if stopped at ``limit``).

    rdflib cannot be interrupted, so the query runs in a fork that shares the loaded graph."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe()

    def work():
        t = time.perf_counter()
        n = len(list(graph.query(text, initNs=PREFIXES, initBindings=init)))
        child.send((time.perf_counter() - t, n))

    proc = ctx.Process(target=work)
    start = time.perf_counter()
    proc.start()
    if parent.poll(limit):
        seconds, n = parent.recv()
        proc.join()
        return seconds, n
    proc.kill()
    proc.join()
    return time.perf_counter() - start, None


def _to_rdflib(term):
    from kg.rdf.graphio import term_to_rdflib

    return term_to_rdflib(term)


if __name__ == "__main__":
    main()
