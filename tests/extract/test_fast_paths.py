"""The shortcuts extraction takes for speed give exactly what the plain way gives.

Each shortcut is checked against the plain computation it replaces, on the seed and the
development corpus (every text, many offsets) and on generated text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_corpus import SHARED

from kg.extract.rules.org import _place_org_starts, _re_place_org, _search_from


@pytest.fixture(scope="module")
def real_texts() -> list[str]:
    """The seed's articles, and the development corpus' when ../shared is present."""
    from kg.ingest import ingest, matching_text
    from kg.resources import seed_corpus

    paths = [str(seed_corpus())]
    dev = SHARED / "corpus" / "dev"
    if dev.is_dir():
        paths += sorted(str(p) for p in dev.glob("*.md"))
    articles, _, _ = ingest(paths)
    return [matching_text(a) for a in articles]


def _same_search(text: str, step: int) -> None:
    rx = _re_place_org()
    starts = _place_org_starts(text)
    for pos in range(0, len(text) + 1, step):
        plain, fast = rx.search(text, pos), _search_from(rx, text, starts, pos)
        assert (plain and plain.span()) == (fast and fast.span()), (text[pos:pos + 40], pos)


def test_place_org_search_from_candidate_starts_is_a_plain_search(real_texts):
    assert any(_re_place_org().search(t) for t in real_texts)  # the texts do name places
    for text in real_texts:
        _same_search(text, 5)


_PIECES = ["江苏省", "江苏", "南京市", "南京", "市", "省", "区", "县", "自治州", "总工会", "工会", "人民政府", "委",
           "鼓楼区", "高新技术产业开发区", "（天元区）", "和", "的", "，", "设区的市", "新", "城", "与"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_place_org_search_on_generated_text(pieces):
    _same_search("".join(pieces), 1)
