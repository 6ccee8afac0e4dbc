"""Hostile corpus text in the explorer and the report: shown as text in real Chromium,
nothing runs. The graph is built from a real article through kg.build."""

from __future__ import annotations

from pathlib import Path

import pytest
from offline_browser import OfflinePage
from rdflib.namespace import DCTERMS

import kg

# Entities in the source decode to markup in gh:text: what a scraped page really carries.
SCRIPT = '<script>window.__pwned="script";alert("script")</script>'
IMG = '<img src=x onerror="window.__pwned=\'img\';alert(\'img\')">'
LINK = '<a href="javascript:window.__pwned=\'link\';alert(\'link\')">点我</a>'
TITLE = f"工会维权{SCRIPT}专题"
SOURCE = (
    "# 工会维权&lt;script&gt;window.__pwned=&quot;script&quot;;alert(&quot;script&quot;)&lt;/script&gt;专题\n\n"
    "各级工会要为农民工办实事&lt;img src=x onerror=&quot;window.__pwned='img';alert('img')&quot;&gt;。\n\n"
    "市总工会开展送温暖活动，详见&lt;a href=&quot;javascript:window.__pwned='link';alert('link')&quot;&gt;点我&lt;/a&gt;。\n\n"
    "链接 javascript:alert(document.cookie) 不是链接。\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    (root / "corpus").mkdir()
    (root / "corpus" / "hostile.md").write_text(SOURCE, encoding="utf-8")
    result = kg.build([root / "corpus"], output=root / "out", html=True, workers=1, cache=root / "cache")
    return result


class Watched(OfflinePage):
    """The shared offline page, plus the check that nothing from the corpus ran."""

    def open(self, path: Path):
        page = self.goto(path)
        page.wait_for_timeout(300)  # give an injected handler the chance to fire
        return page

    def assert_nothing_ran(self):
        assert self.page.evaluate("window.__pwned === undefined"), self.page.evaluate("window.__pwned")
        assert self.dialogs == []
        assert self.external == []


def test_the_hostile_text_is_in_the_graph_as_written(built):
    titles = {str(t) for t in built.graph.objects(None, DCTERMS.title)}
    assert TITLE in titles


def test_explorer_shows_hostile_text_as_text(built, browser):
    w = Watched(browser)
    page = w.open(built.html_path)
    page.wait_for_function("window.kgReady === true", timeout=30_000)
    page.locator("#search").click()
    page.keyboard.insert_text("工会维权")
    page.keyboard.press("Enter")
    assert page.locator("#panel h2").inner_text() == TITLE
    sentences = page.locator("#panel .ev .sentence").all_inner_texts()
    assert sentences[0] == TITLE
    assert any(IMG in s for s in sentences) and any(LINK in s for s in sentences)
    # no element was made from corpus text: no image, no link with a javascript: href, no extra script
    assert page.evaluate("document.querySelectorAll('img, a[href^=\"javascript\"], #panel script').length") == 0
    w.assert_nothing_ran()
    w.page.close()


def test_report_shows_hostile_text_as_text(built, browser):
    w = Watched(browser)
    page = w.open(built.report_path)
    text = page.locator("body").inner_text()
    assert TITLE in text
    assert page.evaluate("document.querySelectorAll('img[src=x], a[href^=\"javascript\"]').length") == 0
    assert page.evaluate("[...document.scripts].every(s => !s.textContent.includes('__pwned'))")
    w.assert_nothing_ran()
    w.page.close()
