"""A real headless Chromium for the tests: Debian's package, driven by Playwright, and a
page that may load file: URLs only, recording every other request, error and dialog."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOW_TO_INSTALL = ("needs Chromium and Playwright: apt-get install -y chromium fonts-noto-cjk "
                  "&& pip install playwright")


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

    def goto(self, path: Path):
        """Open a file and wait until it has loaded."""
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def open(self, path: Path):
        """Open an explorer page and wait until its script says it is ready."""
        self.goto(path)
        self.page.wait_for_function("window.kgReady === true", timeout=30_000)
        return self.page
