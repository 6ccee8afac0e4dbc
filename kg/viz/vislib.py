"""Find vis-network's standalone build inside the installed pyvis package."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def vis_network_assets() -> tuple[str, str]:
    """(vis-network.min.js, vis-network.css) of the newest vis version pyvis ships.

    >>> js, css = vis_network_assets()
    >>> "vis-network" in js[:200] and len(js) > 100_000
    True
    """
    root = resources.files("pyvis")
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
