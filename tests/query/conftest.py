import os
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


@pytest.fixture(autouse=True, scope="session")
def private_cache_dir(tmp_path_factory):
    """kg query and kg serve keep query stores in the cache folder: tests (and the commands
    they start) use their own, never the user's."""
    old = os.environ.get("KG_CACHE_DIR")
    os.environ["KG_CACHE_DIR"] = str(tmp_path_factory.mktemp("kg-cache"))
    yield
    if old is None:
        os.environ.pop("KG_CACHE_DIR", None)
    else:
        os.environ["KG_CACHE_DIR"] = old
