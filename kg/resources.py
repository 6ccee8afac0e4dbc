"""Where the package's data lives, installed or in a source checkout.

The wheel carries ``ontology/`` inside the package as ``kg/ontology``; a source
checkout has it beside ``kg/``.

>>> (ontology_dir() / "gonghui.ttl").is_file()
True
>>> seed_corpus().name
'seed.md'
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def ontology_dir() -> Path:
    """The folder holding the OWL ontology, SHACL shapes, vocabularies and queries."""
    installed = _PACKAGE / "ontology"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "ontology"


def seed_corpus() -> Path:
    """The bundled sample corpus that ``kg build`` reads when given no input."""
    return _PACKAGE / "data" / "seed.md"
