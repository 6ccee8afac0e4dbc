"""Ingestion: input files -> Documents -> Articles.

``read_inputs`` finds and decodes files (:mod:`.read`, :mod:`.decode`),
``split_articles`` lays one Document out into Articles (:mod:`.layout`, with
:mod:`.clean`, :mod:`.names`, :mod:`.sentences`) and dates them (:mod:`.dates`),
``ingest`` does both.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from kg.ingest import layout
from kg.ingest.bundles import find_bundle
from kg.ingest.clean import fold_punctuation, matching_view
from kg.ingest.dates import assign_dates
from kg.ingest.html import markdown_paragraphs
from kg.ingest.read import read_inputs
from kg.model import Article, Document, Skipped

__all__ = ["fold_punctuation", "ingest", "matching_text", "read_inputs", "split_articles"]


def matching_text(article: Article | str) -> str:
    """The view of ``Article.text`` that patterns and vocabularies are matched against:
    traditional characters simplified and half-width ``,;:!?()`` folded to full width.

    It has exactly the length of ``Article.text``, so an offset found in it is an offset
    into the text as written (what the graph stores as gh:text and evidence).

    >>> matching_text("中華全國總工會:保障農民工(試點)")
    '中华全国总工会：保障农民工（试点）'
    """
    return matching_view(article if isinstance(article, str) else article.text)


def split_articles(doc: Document) -> list[Article]:
    """The Articles of ``doc`` (see :func:`kg.ingest.layout.split_articles`), each with its
    publication date and where it came from (see :mod:`kg.ingest.dates`). HTML paragraph
    tags inside Markdown break paragraphs first (:func:`kg.ingest.html.markdown_paragraphs`),
    and a file bundling many stories gives one article per story (:mod:`kg.ingest.bundles`)."""
    text = markdown_paragraphs(doc.text)
    bundle = find_bundle(text, doc.split_level)
    if bundle is not None:
        text = bundle.text
    if text != doc.text:
        doc = dataclasses.replace(doc, text=text)
    articles = layout.split_articles(doc)
    if bundle is not None and articles:
        articles[0] = dataclasses.replace(articles[0], log=(*(f"{doc.source}: {m}" for m in bundle.log),
                                                             *articles[0].log))
    return assign_dates(doc, articles, bundle.date if bundle else None)


def ingest(paths: Sequence[str | Path], **kw) -> tuple[list[Article], list[Skipped], list[str]]:
    """Read and lay out ``paths``: ``(articles, skipped, log)``; every log line names
    its file. Keyword arguments go to :func:`read_inputs`."""
    docs, skipped = read_inputs(paths, **kw)
    articles: list[Article] = []
    log = [f"{s.path}: skipped: {s.reason}" for s in skipped]
    for doc in docs:
        found = split_articles(doc)
        if doc.encoding not in ("utf-8", "utf-8-sig"):
            log.append(f"{doc.source}: read as {doc.encoding}")
        log.append(f"{doc.source}: {len(found)} article(s)")
        for a in found:
            log.extend(a.log)
        articles.extend(found)
    return articles, skipped, log
