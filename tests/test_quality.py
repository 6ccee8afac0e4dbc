"""Extraction quality on gold: the development set and a held-out pair of news articles.

tests/data/unseen/ holds two news reports written for this test (other provinces,
programmes, people and phrasing than the seed); the extractors were not tuned on them.
The thresholds are the issue's acceptance bars.
"""

from pathlib import Path

import pytest
from shared_corpus import SHARED

import kg
from kg.evaluate import evaluate

HERE = Path(__file__).parent
SEED_GOLD = SHARED / "gold" / "seed.json"
CLASSES = ("Person", "Organization", "WorkerGroup", "Measure")


def _score(paths, gold, tmp_path):
    result = kg.build(paths, output=tmp_path, html=False)
    return evaluate(gold, result.graph_path)


def _f1(score, part):
    return score.part(part).counts.f1


@pytest.mark.skipif(not SEED_GOLD.is_file(), reason="../shared/gold/seed.json is not beside the repo")
def test_seed_meets_the_development_bars(tmp_path):
    s = _score(None, SEED_GOLD, tmp_path)
    for part in CLASSES + ("mentions",):
        assert _f1(s, part) >= 0.90, (part, _f1(s, part))
    for part in ("targets", "broader", "memberships"):
        assert _f1(s, part) >= 0.80, (part, _f1(s, part))
    assert _f1(s, "authors") == 1.0
    assert s.evidence.coverage == 1.0 and s.evidence.span_validity == 1.0


def test_held_out_news_meets_the_unseen_bars(tmp_path):
    s = _score([HERE / "data" / "unseen" / "news.md"], HERE / "data" / "unseen" / "news.json", tmp_path)
    assert s.macro_f1 >= 0.75, s.macro_f1
    assert _f1(s, "mentions") >= 0.75
    for part in ("targets", "broader", "memberships"):
        assert _f1(s, part) >= 0.60, (part, _f1(s, part))
    assert s.part("authors").counts.precision == 1.0  # no invented authors


REPORTS = HERE / "data" / "reports"


@pytest.mark.parametrize("name", ["a", "b", "c"])
def test_three_later_reports_keep_their_scores(name, tmp_path):
    """Three reports with gold written by a helper that never saw the rules (Hubei riders,
    Hefei building sites, Dalian industrial workers). They first scored macro-F1 0.985,
    0.729 and 0.765; general fixes found through them brought 0.985, 0.903 and 0.940, so
    they are regression bars now, not a held-out measure."""
    s = _score([REPORTS / f"{name}.md"], REPORTS / f"{name}.json", tmp_path)
    assert s.macro_f1 >= 0.80, s.macro_f1
    assert _f1(s, "mentions") >= 0.80, _f1(s, "mentions")
    assert _f1(s, "memberships") >= 0.75, _f1(s, "memberships")
    assert s.part("authors").counts.f1 == 1.0
    assert s.evidence.coverage == 1.0 and s.evidence.span_validity == 1.0


SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV_GOLD = SHARED / "gold" / "dev.json"
DEV_CORPUS = SHARED / "corpus" / "dev"

#: The dev corpus (25 real texts, ../shared/gold/dev-sources.md) as a regression bar, at
#: the level the extractors reached (issue 12): entity macro-F1 0.708 -> 0.851 -> 0.876
#: -> 0.921 -> 0.936 -> 0.951, mentions 0.766 -> 0.882 -> 0.919 -> 0.945 -> 0.961, targets 0.444 -> 0.672 ->
#: 0.755 -> 0.790, broader 0.312 -> 0.782 -> 0.812, memberships 0.323 -> 0.732 -> 0.960. Authors come from
#: ingestion, not scored here. The bars are the reached values, rounded down.
DEV_BARS = {"Person": 0.985, "Organization": 0.948, "WorkerGroup": 0.941, "Measure": 0.936,
            "mentions": 0.962, "targets": 0.845, "broader": 0.831, "memberships": 0.959}


@pytest.mark.skipif(not (DEV_GOLD.is_file() and DEV_CORPUS.is_dir()),
                    reason="needs ../shared/gold/dev.json and ../shared/corpus/dev beside the repo")
def test_dev_corpus_keeps_its_scores(tmp_path):
    s = _score([DEV_CORPUS], DEV_GOLD, tmp_path)
    assert s.macro_f1 >= 0.952, s.macro_f1
    for part, bar in DEV_BARS.items():
        assert _f1(s, part) >= bar, (part, _f1(s, part))
    assert s.part("authors").counts.precision in (None, 1.0)  # no invented authors
    assert s.evidence.coverage == 1.0 and s.evidence.span_validity == 1.0
