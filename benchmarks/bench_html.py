"""Benchmark the explorer (graph.html) and the report in headless Chromium, vis-network against sigma.js.

    python benchmarks/bench_html.py [CORPUS_DIR] [--skip-laws] [--skip-synthetic] [--renderers vis,sigma]
                                    [--chromium-args "--use-angle=swiftshader ..."]

Two graphs:

- the laws graph: ``kg.build`` of ../shared/corpus/laws (read in place);
- a synthetic graph of 30,000 nodes and 100,000 edges (seeded: articles that mention
  entities with Zipf-like frequencies, measures that target groups, groups under groups),
  given to the page through the same payload code as a real graph.

For each graph and renderer it writes graph.html and prints, measured in Debian's headless
Chromium (offline, the page's CSP on):

- first draw: seconds from navigation until the page says it is ready (its first frame);
- switch: seconds from asking for every node (``kgExplorer.showAll()``) until it is drawn;
- frame: with every node shown, the mean milliseconds between frames while a person zooms in
  with the mouse wheel, drags the view and zooms out (Playwright mouse events; the worst
  frame too). Renderers may lighten what they draw while the view moves, as they do for a
  person: vis-network hides edges above 500 nodes; sigma, above 1,000 nodes or 2,000 edges
  shown, draws nothing while the camera moves but moves and scales its last still frame
  (a CSS transform), and draws the view in full once the camera stops;
- end of move (sigma): that full redraw, in ms of the main thread and until it is on
  screen, and how many edges the edge budget changed for the new view (past 20,000 edges,
  the edges of the nodes in view are drawn first); the same after a zoom-in that stops;
- still redraw: milliseconds for a full frame of everything shown, after a move. With no GPU,
  Chromium draws WebGL in software (SwiftShader) on the CPU, so this is mostly rasterising;
- heap: the page's JS heap in MB after all that (CDP ``Runtime.getHeapUsage``).

Goals (issue 16): first draw < 3 s, switch < 1.5 s, frame < 33 ms at 30,000 nodes, heap < 300 MB.
It also prints how long write_explorer and write_report take and the report's size (goal < 3 MB).
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.analyze import pagerank  # noqa: E402
from kg.viz.explorer import TOP_N, explorer_payload, render_page  # noqa: E402
from kg.viz.graphdata import ArticleInfo, Edge, EvidenceRow, GraphData, Node  # noqa: E402
from kg.viz.layout import layout  # noqa: E402

LAWS = ROOT.parent / "shared" / "corpus" / "laws"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
GOALS = {"first draw": 3.0, "switch": 1.5, "frame": 33.0, "heap": 300.0}
BROWSER_TIMEOUT_MS = 180_000
#: Wheel steps in, then out, and mouse moves of the drag between them.
WHEELS = 8
DRAG_STEPS = 24
#: Wheel steps of the zoom-in that stops (the edge budget then follows the view).
ZOOM_IN_STEPS = 8


def laws_pages(corpus: Path, out: Path, renderers: list[str]) -> dict[str, Path]:
    import kg
    from kg.viz import write_explorer
    from kg.viz.report import write_report

    started = time.perf_counter()
    result = kg.build([corpus], output=out / "build", html=False, cache=True)
    print(f"laws: kg.build of {result.articles} articles in {time.perf_counter() - started:.1f} s")
    pages = {}
    for r in renderers:
        path = out / f"laws-{r}.html"
        started = time.perf_counter()
        write_explorer(result.graph, path, renderer=r)
        print(f"  write_explorer ({r}): {time.perf_counter() - started:.2f} s, {path.stat().st_size / 1e6:.1f} MB")
        pages[r] = path
    started = time.perf_counter()
    write_report(result.graph, out / "report.html")
    size = (out / "report.html").stat().st_size / 1e6
    print(f"  write_report: {time.perf_counter() - started:.2f} s, {size:.2f} MB (goal < 3 MB, ratio {size / 3:.2f})")
    return pages


def synthetic_data(nodes: int = 30_000, edges: int = 100_000, seed: int = 42) -> GraphData:
    """A seeded graph of ``nodes`` nodes and ``edges`` edges in the page's shape."""
    rng = random.Random(seed)
    n_articles = nodes // 5
    kinds = [("Person", "person"), ("Organization", "org"), ("WorkerGroup", "group"), ("Measure", "measure")]
    items: list[Node] = []
    articles: dict[str, ArticleInfo] = {}
    for k in range(n_articles):
        iri = f"https://w3id.org/gonghui-kg/resource/article/s{k:05d}"
        date = f"{2018 + k % 7}-{1 + k % 12:02d}-01"
        articles[iri] = ArticleInfo(iri, f"第{k}篇 关于职工权益保障的文章", f"synthetic/{k % 40}.md", "", date)
        items.append(Node(iri, "Article", articles[iri].title))
    entities = []
    for i in range(nodes - n_articles):
        cls, seg = kinds[i % 4]
        iri = f"https://w3id.org/gonghui-kg/resource/{seg}/实体{i:05d}"
        entities.append(Node(iri, cls, f"{'人组群措'[i % 4]}实体{i:05d}"))
    items += entities
    cum: list[float] = []
    total = 0.0
    for r in range(len(entities)):  # cumulative, so each draw is a bisection, not a scan
        total += 1 / (r + 1) ** 0.8
        cum.append(total)
    sentences = [f"第{j}句：各级工会要为农民工和困难职工办实事，落实帮扶措施。" for j in range(2000)]
    evidence: list[EvidenceRow] = []
    out: list[Edge] = []
    seen: set[tuple[str, str]] = set()
    groups = [e for e in entities if e.cls == "WorkerGroup"]
    measures = [e for e in entities if e.cls == "Measure"]
    while len(out) < edges:
        roll = rng.random()
        if roll < 0.03:
            s, o, rel = rng.choice(measures).iri, rng.choice(groups).iri, "targets"
        elif roll < 0.04:
            s, o, rel = rng.choice(groups).iri, rng.choice(groups).iri, "broader"
        else:
            s = items[rng.randrange(n_articles)].iri
            o, rel = rng.choices(entities, cum_weights=cum)[0].iri, "mentions"
        if s == o or (s, o) in seen:
            continue
        seen.add((s, o))
        article = s if s in articles else items[rng.randrange(n_articles)].iri
        evidence.append(EvidenceRow(article, rng.choice(sentences), 6, 9, "synthetic"))
        out.append(Edge(s, o, rel, rel, (len(evidence) - 1,)))
    return GraphData(tuple(items), tuple(out), tuple(evidence), articles)


def synthetic_pages(out: Path, renderers: list[str]) -> dict[str, Path]:
    import networkx as nx

    from kg.rdf.atomic import atomic_write_text
    from kg.viz.explorer import _display_graph

    started = time.perf_counter()
    data = synthetic_data()
    G = nx.Graph()
    G.add_edges_from((e.source, e.target) for e in data.edges)
    G.add_nodes_from(n.iri for n in data.nodes)
    scores = {n: {"pagerank": v} for n, v in pagerank(G).items()}
    positions = layout(_display_graph(data))
    print(f"synthetic: {len(data.nodes)} nodes, {len(data.edges)} edges; data, PageRank and layout "
          f"in {time.perf_counter() - started:.1f} s")
    pages = {}
    for r in renderers:
        path = out / f"synthetic-{r}.html"
        atomic_write_text(path, render_page(explorer_payload(data, scores, positions, top_n=TOP_N, big=True,
                                                             renderer=r)))
        print(f"  page ({r}): {path.stat().st_size / 1e6:.1f} MB")
        pages[r] = path
    return pages


SWITCH_JS = """async () => {
  const k = window.kgExplorer;
  const frame = () => new Promise(r => requestAnimationFrame(() => r(performance.now())));
  await frame();
  const t0 = performance.now();
  k.showAll();
  await frame(); await frame();
  return {shown: k.visible().length, total: k.nodes.length, switchMs: performance.now() - t0};
}"""

#: A still redraw of everything shown (what follows each move): a zoom step drawn at once,
#: until two frames later (the first frame after it waits for the rasterising).
STILL_JS = """async (n) => {
  const R = window.kgExplorer.renderer;
  const frame = () => new Promise(r => requestAnimationFrame(() => r(performance.now())));
  let total = 0;
  for (let f = 0; f < n; f++) {
    await frame(); await frame();
    const t0 = performance.now();
    R.zoomBy(f % 2 ? 1.02 : 1 / 1.02); R.drawNow();
    await frame(); await frame();
    total += performance.now() - t0;
  }
  return total / n;
}"""

FRAMES_ON = """window.kgFrames = []; window.kgLogFrames = true;
(function f() { if (!window.kgLogFrames) return; window.kgFrames.push(performance.now()); requestAnimationFrame(f); })();"""


def interact(page) -> tuple[float, float, int]:
    """Zoom in with the wheel, drag, zoom out, as a person does; (mean, worst) ms between frames."""
    box = page.locator("#graph").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.evaluate(FRAMES_ON)
    page.mouse.move(cx, cy)
    for _ in range(WHEELS):
        page.mouse.wheel(0, -120)
        page.wait_for_timeout(40)
    x0, y0 = box["x"] + 30, box["y"] + 30  # a corner: vis-network would drag a node, not the view
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x0 + 240, y0 + 140, steps=DRAG_STEPS)
    page.mouse.up()
    page.mouse.move(cx, cy)
    for _ in range(WHEELS):
        page.mouse.wheel(0, 120)
        page.wait_for_timeout(40)
    times = page.evaluate("window.kgLogFrames = false; window.kgFrames")
    gaps = [b - a for a, b in itertools.pairwise(times)]
    return sum(gaps) / len(gaps), max(gaps), len(gaps)


#: After the moves: until the view is drawn for real again (sigma moves the last still frame
#: of a heavy view while the camera moves), and what that redraw cost (kgTimings.settled).
SETTLED_JS = """async () => {
  const R = window.kgExplorer.renderer, T = window.kgTimings;
  if (!R.moving) return null;
  const sleep = ms => new Promise(r => setTimeout(r, ms)), end = performance.now() + 10000;
  const wait = async ok => { while (!ok()) { if (performance.now() > end) return false; await sleep(20); } return true; };
  if (!await wait(() => !R.moving() && T.settled !== undefined)) return null;  // a light view: drawn as it moves
  await sleep(400);  // the settle that follows the last camera step, if one is still due
  return await wait(() => !R.moving() && T.settled.drawnMs !== undefined) ? T.settled : null;
}"""


def zoom_in_and_stop(page) -> dict | None:
    """Zoom in on a quarter of the view with the wheel and stop: the redraw that follows."""
    box = page.locator("#graph").bounding_box()
    page.evaluate("window.kgTimings.settled = undefined; window.kgTimings.rebudgeted = 0")
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.35)
    for _ in range(ZOOM_IN_STEPS):
        page.mouse.wheel(0, -120)
        page.wait_for_timeout(40)
    settled = page.evaluate(SETTLED_JS)
    if settled:  # every settle of the zoom (a pause in the wheel steps settles too)
        settled["edges"] = page.evaluate("window.kgTimings.rebudgeted")
    return settled


def measure(path: Path, label: str, chromium_args: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=chromium_args)
        page = browser.new_page(viewport={"width": 1280, "height": 800}, bypass_csp=True)
        external: list[str] = []
        errors: list[str] = []

        def offline(route) -> None:  # file: only; anything else is recorded and refused
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                external.append(route.request.url)
                route.abort()

        page.route("**/*", offline)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        started = time.perf_counter()
        try:
            page.goto(path.as_uri(), timeout=BROWSER_TIMEOUT_MS)
            page.wait_for_function("window.kgReady === true", timeout=BROWSER_TIMEOUT_MS, polling=50)
            first = time.perf_counter() - started
            opened = page.evaluate("window.kgExplorer.visible().length")
            renderer = page.evaluate("window.kgExplorer.renderer.name")
            page.set_default_timeout(BROWSER_TIMEOUT_MS)
            m = page.evaluate(SWITCH_JS)
            page.wait_for_timeout(300)
            mean, worst, frames = interact(page)
            settled = page.evaluate(SETTLED_JS)
            still = page.evaluate(STILL_JS, 4)
            zoomed = zoom_in_and_stop(page)
            status = page.locator("#status").inner_text()
            cdp = page.context.new_cdp_session(page)
            heap = cdp.send("Runtime.getHeapUsage")["usedSize"] / 1e6
        except Exception as exc:  # a renderer that cannot cope is a result too
            print(f"  {label:<22} failed after {time.perf_counter() - started:.0f} s: {type(exc).__name__}: "
                  f"{str(exc).splitlines()[0][:120]}")
            browser.close()
            return
        browser.close()
    values = {"first draw": first, "switch": m["switchMs"] / 1000, "frame": mean, "heap": heap}
    ratios = "  ".join(f"{k} {values[k] / GOALS[k]:.2f}" for k in GOALS)
    print(f"  {label:<22} [{renderer}] opens on {opened:>5} of {m['total']} nodes | first draw {first:6.2f} s | "
          f"switch to all {m['shown']} {values['switch']:6.2f} s | zoom and drag: frame {mean:7.1f} ms "
          f"(worst {worst:6.0f} ms, {frames} frames) | {end_of_move(settled)}still redraw {still:7.1f} ms | "
          f"heap {heap:6.0f} MB | ratio to goal: {ratios} | external {len(external)}, errors {len(errors)}")
    if zoomed:
        print(f"  {'':<22} zoomed in and stopped: redraw {zoomed['ms']:5.0f} ms on the main thread, "
              f"{zoomed['drawnMs']:5.0f} ms until on screen, {zoomed['edges']} edges re-budgeted; status: {status}")


def end_of_move(settled: dict | None) -> str:
    """The full redraw once a move ends, where the renderer only moved the last still frame meanwhile."""
    if not settled or not settled.get("moved"):
        return ""
    return (f"end of move: full redraw {settled['ms']:4.0f} ms main thread, {settled['drawnMs']:4.0f} ms on screen "
            f"({settled['edges']} edges re-budgeted) | ")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=LAWS, help="corpus folder (default: the laws corpus)")
    ap.add_argument("--skip-laws", action="store_true")
    ap.add_argument("--skip-synthetic", action="store_true")
    ap.add_argument("--renderers", default="vis,sigma", help="comma-separated: vis, sigma")
    ap.add_argument("--chromium-args", default="",
                    help="extra Chromium flags, space-separated (e.g. '--use-angle=swiftshader' or '--disable-webgl')")
    args = ap.parse_args()
    renderers = args.renderers.split(",")
    chromium_args = CHROMIUM_ARGS + args.chromium_args.split()
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} missing: apt-get install -y chromium fonts-noto-cjk")
        return 1
    out = Path(tempfile.mkdtemp(prefix="bench_html_"))
    print(f"goals: first draw < {GOALS['first draw']} s, switch < {GOALS['switch']} s, "
          f"frame < {GOALS['frame']} ms, heap < {GOALS['heap']} MB")
    if not args.skip_laws:
        if args.corpus.is_dir():
            for r, path in laws_pages(args.corpus, out, renderers).items():
                measure(path, f"laws / {r}", chromium_args)
        else:
            print(f"{args.corpus} not found: laws graph skipped")
    if not args.skip_synthetic:
        for r, path in synthetic_pages(out, renderers).items():
            measure(path, f"synthetic 30k / {r}", chromium_args)
    print(f"files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
