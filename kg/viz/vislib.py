"""Find vis-network's standalone build inside the installed pyvis package."""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def vis_network_assets() -> tuple[str, str]:
    """(vis-network.min.js, vis-network.css) of the newest vis version pyvis ships.

    >>> js, css = vis_network_assets()
    >>> "vis-network" in js[:200] and len(js) > 100_000
    True
    """
    spec = importlib.util.find_spec("pyvis")  # found, not imported: pyvis loads IPython and jinja2 (0.13 s)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the pyvis package is not installed; install it with: pip install 'pyvis>=0.3.2'")
    root = Path(spec.submodule_search_locations[0])
    candidates = []
    for lib in (root / "templates" / "lib", root / "lib"):
        if not lib.is_dir():
            continue
        for d in lib.iterdir():
            m = re.fullmatch(r"vis-(\d+)\.(\d+)\.(\d+)", d.name)
            if m and (d / "vis-network.min.js").is_file():
                candidates.append((tuple(map(int, m.groups())), d))
    if not candidates:
        raise FileNotFoundError(
            "vis-network.min.js not found in the installed pyvis package; "
            "reinstall it with: pip install 'pyvis>=0.3.2'"
        )
    _, d = max(candidates, key=lambda c: c[0])
    css = d / "vis-network.css"
    return (
        (d / "vis-network.min.js").read_text(encoding="utf-8"),
        css.read_text(encoding="utf-8") if css.is_file() else "",
    )
