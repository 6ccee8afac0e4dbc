"""Fixtures for the explorer tests: the small contract-shaped graph and a real headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from offline_browser import OfflinePage
from rdflib import Graph

DATA = Path(__file__).resolve().parents[1] / "data" / "viz"
@pytest.fixture(scope="session")
def small_graph() -> Graph:
    """Three articles (one full of HTML and JavaScript) in the shape CONTRACT.md fixes."""
    return Graph().parse(DATA / "small.ttl", format="turtle")


@pytest.fixture
def offline_page(browser):
    p = OfflinePage(browser)
    yield p
    p.page.close()
