"""Fixtures shared by every test folder."""

from __future__ import annotations

import os

import pytest
from offline_browser import CHROMIUM, CHROMIUM_ARGS, HOW_TO_INSTALL


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
