"""Helpers for the robustness tests: corpora with good files next to bad ones, and the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF
from shared_corpus import LAWS  # noqa: F401  (test_kill reads it from here)

from kg.rdf.namespace import GH

REPO = Path(__file__).resolve().parents[2]

#: Two small well-formed articles that every bad-input corpus carries.
GOOD = {
    "good1.md": "# 工会为农民工办实事\n\n**张伟**\n\n各级工会要为农民工办实事，开展职工技能培训。\n",
    "good2.md": "# 困难职工帮扶\n\n市总工会对困难职工开展送温暖活动。\n",
}
GOOD_TITLES = {"工会为农民工办实事", "困难职工帮扶"}


@dataclass
class Run:
    status: int
    stdout: str
    stderr: str
    output: Path

    @property
    def graph(self) -> Graph:
        return Graph().parse(self.output / "graph.ttl", format="turtle")

    def titles(self) -> set[str]:
        return {str(o) for o in self.graph.objects(None, DCTERMS.title)}

    def skipped_lines(self) -> list[str]:
        return [ln for ln in self.stderr.splitlines() if ln.startswith("kg build: skipped ")]


def good_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus


def kg_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
            **extra}


def kg_subprocess(*args: str, env: dict | None = None, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    """``python -m kg ARGS`` from this checkout, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          env=env or kg_env(), timeout=timeout, **kw)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    """A private build cache, so that no test reads another's (or the user's) entries."""
    d = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(d))
    return d


@pytest.fixture
def kg_build(capsys, cache_dir):
    """Run ``kg build ARGS -o OUT --no-html`` in this process (the CLI's own main) and
    return what a user sees; in-process because the lexicon is then loaded once."""
    from kg.cli import main

    def run(*args: str, output: Path, html: bool = False) -> Run:
        capsys.readouterr()
        status = main(["build", *map(str, args), "-o", str(output), "-j", "1",
                       *([] if html else ["--no-html"])])
        out, err = capsys.readouterr()
        return Run(status, out, err, output)

    return run


def article_texts(graph: Graph) -> list[tuple[str, str]]:
    """(title, gh:text) of every article."""
    return sorted((str(graph.value(a, DCTERMS.title)), str(graph.value(a, GH.text)))
                  for a in graph.subjects(RDF.type, GH.Article))


def zh(s: str) -> Literal:
    return Literal(s, lang="zh")
