"""Fixtures for the extractor tests: the project lexicon and Articles built from strings."""

from __future__ import annotations

import re

import pytest

from kg.extract import load_lexicon
from kg.model import Article, Byline, Paragraph, Sentence

_SENT = re.compile(r"[^。！？!?]*[。！？!?]+[”’]?|[^。！？!?]+$")


@pytest.fixture(scope="session")
def lexicon():
    return load_lexicon()


def build_article(text: str, authors: tuple[str, ...] = (), note: str | None = None, aid: str = "t") -> Article:
    """An Article as ingestion would give it: one paragraph per line, sentences split
    at 。！？, byline names found in the text, an optional (作者为…) note line appended."""
    if note is not None:
        text = text + "\n" + note
    paragraphs, sentences = [], []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            kind = "note" if note is not None and line == note else "body"
            paragraphs.append(Paragraph(pos, pos + len(line), kind))
            for m in _SENT.finditer(line):
                if m.group().strip():
                    sentences.append(Sentence(pos + m.start(), pos + m.end(), len(paragraphs) - 1))
        pos += len(line) + 1
    bylines = []
    for name in authors:
        i = text.index(name)
        bylines.append(Byline(name, i, i + len(name)))
    note_para = next((p for p in paragraphs if p.kind == "note"), None)
    return Article(aid, text.split("\n")[0], "test.md", text, tuple(paragraphs), tuple(sentences),
                   tuple(bylines), note=note_para)


@pytest.fixture
def make_article():
    return build_article
