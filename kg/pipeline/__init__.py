"""The build machinery around the stages.

``build()`` lives in :mod:`kg.pipeline.run` and is what ``kg.build`` and ``kg build``
call; the rest of the package is what it runs on: :mod:`~kg.pipeline.documents` (one
input file through layout and extraction, the unit of work), :mod:`~kg.pipeline.parallel`
(the process pool), :mod:`~kg.pipeline.distributed` (Dask), :mod:`~kg.pipeline.cache` and
:mod:`~kg.pipeline.codec` (the cache, data only), :mod:`~kg.pipeline.progress` and
:mod:`~kg.pipeline.output` (the output folder as one set).

Importing the package loads none of them: ``build`` and its companions are looked up in
``run`` when first asked for, so a worker that needs only ``documents`` does not load the
explorer and the report (and the cache key of the per-file work, which follows imports,
does not change with them).
"""

from __future__ import annotations

import importlib
from typing import Any

#: What ``from kg.pipeline import …`` offers, all defined in :mod:`kg.pipeline.run`.
__all__ = ["DEFAULT_OUTPUT", "BuildResult", "NothingToBuild", "build", "count_entities", "cyclic_gc_paused"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("kg.pipeline.run"), name)
    raise AttributeError(f"module 'kg.pipeline' has no attribute {name!r}")
