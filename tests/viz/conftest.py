"""Fixtures for the explorer tests: the small contract-shaped graph and a real headless Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph

DATA = Path(__file__).resolve().parents[1] / "data" / "viz"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOW_TO_INSTALL = ("needs Chromium and Playwright: apt-get install -y chromium fonts-noto-cjk "
                  "&& pip install playwright")


@pytest.fixture(scope="session")
def small_graph() -> Graph:
    """Three articles (one full of HTML and JavaScript) in the shape CONTRACT.md fixes."""
    return Graph().parse(DATA / "small.ttl", format="turtle")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} not found; {HOW_TO_INSTALL}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(f"playwright not installed; {HOW_TO_INSTALL}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class OfflinePage:
    """A page that may load file: URLs only; every other request is blocked and recorded."""

    def __init__(self, browser):
        # bypass_csp: Playwright polls with eval, which the page's CSP (rightly) forbids
        self.page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
        self.external: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path):
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.kgReady === true", timeout=30_000)
        return self.page


@pytest.fixture
def offline_page(browser):
    p = OfflinePage(browser)
    yield p
    p.page.close()
