"""The wheel carries the ontology, shapes, vocabularies, canned queries and the sample corpus."""

import json
from importlib import metadata

import pytest


def _installed_files() -> set[str]:
    try:
        dist = metadata.distribution("gonghui-kg")
    except metadata.PackageNotFoundError:
        pytest.skip("gonghui-kg is not installed (pip install .)")
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    if direct.get("dir_info", {}).get("editable"):
        pytest.skip("gonghui-kg is installed in editable mode: the wheel's files are not there to check")
    return {str(f) for f in dist.files or ()}


def test_wheel_ships_ontology_shapes_vocabularies_queries_and_seed():
    files = _installed_files()
    for needed in ("kg/ontology/gonghui.ttl", "kg/ontology/shapes.ttl", "kg/data/seed.md", "kg/cli.py"):
        assert needed in files
    assert any(f.startswith("kg/ontology/vocab/") and f.endswith(".ttl") for f in files)
    assert sum(f.startswith("kg/ontology/queries/") and f.endswith(".rq") for f in files) >= 8


def test_console_script_is_declared():
    dist = metadata.distribution("gonghui-kg") if _installed_files() else None
    scripts = {ep.name: ep.value for ep in dist.entry_points if ep.group == "console_scripts"}
    assert scripts.get("kg") == "kg.cli:main"
