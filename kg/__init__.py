"""gonghui-kg: turn Chinese trade-union (工会) articles into an evidenced knowledge graph.

>>> import kg, tempfile
>>> result = kg.build(output=tempfile.mkdtemp())
>>> result.articles
3
"""

__version__ = "0.1.0"
__all__ = ["BuildResult", "build"]


def __getattr__(name):
    # Imported on first use so that `import kg` stays cheap (the CLI's --help, workers).
    if name in ("build", "BuildResult"):
        import importlib

        _build_module = importlib.import_module("kg.pipeline.run")

        return getattr(_build_module, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
