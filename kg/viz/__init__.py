"""The interactive explorer (graph.html) and the pictures of the graph.

>>> callable(write_explorer)
True
"""

from kg.viz.explorer import write_explorer

__all__ = ["write_explorer"]
