"""Regenerate the README pictures in docs/ from the bundled sample corpus.

    python docs/screenshots.py [LAWS_CORPUS]

Builds the sample (kg/data/seed.md) into a temporary folder, then, in Debian's headless
Chromium (offline), writes:

- docs/explorer.png: graph.html at 1280x800, with 农民工 searched and its panel open;
- docs/report.png: the top of report.html at 1280 wide (table of contents, summary, matrix);
- docs/overview.png: the overview picture of the report (kg.viz.overview);
- docs/explorer-laws.png: graph.html of the laws corpus at 1280x800, as it opens (only when
  the corpus folder is given, e.g. ``../shared/corpus/laws``; it is read in place).

Each picture is cut to a 256-colour palette with Pillow (installed with fpdf2, the test
extra), so it stays well under 300 KB. Needs Playwright and Chromium:
``apt-get install -y chromium fonts-noto-cjk``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import kg  # noqa: E402
from kg.analyze import centrality, project  # noqa: E402
from kg.viz.overview import CHROMIUM, CHROMIUM_ARGS, overview_svg, write_overview_png  # noqa: E402

DOCS = ROOT / "docs"


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    args = sys.argv[1:] if argv is None else argv
    out = Path(tempfile.mkdtemp(prefix="kg-shots-"))
    result = kg.build(None, output=out / "sample", workers=1)
    laws = kg.build([Path(args[0])], output=out / "laws") if args else None
    names = ["explorer.png", "report.png", "overview.png"] + (["explorer-laws.png"] if laws else [])
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800}, bypass_csp=True)
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            page.goto(result.html_path.resolve().as_uri())
            page.wait_for_function("window.kgReady === true", timeout=60_000)
            page.locator("#search").click()
            page.keyboard.insert_text("農民工")  # a traditional form finds 农民工
            page.keyboard.press("Enter")
            page.wait_for_timeout(800)
            page.screenshot(path=str(DOCS / "explorer.png"))
            if laws:
                page.goto(laws.html_path.resolve().as_uri())
                page.wait_for_function("window.kgReady === true", timeout=60_000)
                page.wait_for_timeout(800)
                page.screenshot(path=str(DOCS / "explorer-laws.png"))
            page.set_viewport_size({"width": 1280, "height": 1600})
            page.goto(result.report_path.resolve().as_uri())
            page.wait_for_load_state("load")
            page.screenshot(path=str(DOCS / "report.png"))
        finally:
            browser.close()
    G = project(result.graph)
    write_overview_png(overview_svg(G, centrality(G)), DOCS / "overview.png")
    for name in names:
        shrink(DOCS / name)
        print(f"{DOCS / name}: {(DOCS / name).stat().st_size / 1000:.0f} KB")
    return 0


def shrink(path: Path) -> None:
    """Rewrite a screenshot with a 256-colour palette: a third of the bytes, the same to the eye."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256)
    small.save(path, optimize=True)


if __name__ == "__main__":
    sys.exit(main())
