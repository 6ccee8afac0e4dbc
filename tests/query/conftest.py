from pathlib import Path

import pytest

from kg.rdf.graphio import load_store

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "query" / "seed_small.ttl"


@pytest.fixture(scope="session")
def fixture_path() -> Path:
    return FIXTURE


@pytest.fixture(scope="session")
def store():
    return load_store(FIXTURE)
