"""Fixtures for the explorer tests: the small contract-shaped graph, the same with dates,
the built sample corpus, and a real headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from offline_browser import OfflinePage
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

import kg

DATA = Path(__file__).resolve().parents[1] / "data" / "viz"
GHR = "https://w3id.org/gonghui-kg/resource/"


@pytest.fixture(scope="session")
def small_graph() -> Graph:
    """Three articles (one full of HTML and JavaScript) in the shape CONTRACT.md fixes."""
    return Graph().parse(DATA / "small.ttl", format="turtle")


@pytest.fixture(scope="session")
def dated_graph(small_graph) -> Graph:
    """The small graph with dates: one article in 2024-03, two in 2024-05 (one month-only)."""
    g = Graph()
    for t in small_graph:
        g.add(t)
    dates = {"a1-zhuze": ("2024-03-05", XSD.date), "a2-xss": ("2024-05", XSD.gYearMonth),
             "a3-xinyetai": ("2024-05-20", XSD.date)}
    for tail, (value, dtype) in dates.items():
        g.add((URIRef(GHR + "article/" + tail), DCTERMS.date, Literal(value, datatype=dtype)))
    return g


@pytest.fixture(scope="session")
def seed_graph(tmp_path_factory) -> Graph:
    """The bundled sample corpus, built as `kg build` builds it."""
    out = tmp_path_factory.mktemp("seed")
    return kg.build(None, output=out, workers=1, html=False).graph


@pytest.fixture
def offline_page(browser):
    p = OfflinePage(browser)
    yield p
    p.page.close()
