"""Rule-based extraction: vocabularies + patterns + jieba, no models, no network.

Public API::

    lexicon = load_lexicon()            # SKOS vocabularies of ontology/vocab, picklable
    extraction = extract(article, lexicon)

Where things are (grep a rule id such as ``"targets.aim-word"`` to land on its declaration):

- ``rules/``          every rule, declared once with ``@rule`` (id, example, expect,
                      description) in a module of its kind: org, group, measure, person,
                      block, member, broader, targets; ``rules/registry.py`` the registry,
                      ``rules/shared.py`` what rules of several kinds share
- ``inventory``       head words, suffixes, trigger verbs, posts, surnames (rule data)
- ``lexicon``         loading the SKOS vocabularies; per-process automaton and jieba tokenizer
- ``people``          where a name is, chains of posts, roles (person and member rules share them)
- ``overlap``         the policy choosing among overlapping matches
- ``normalize``       canonical labels, and the one class a label keeps
- ``pipeline``        extract(): runs the declared rules in order
"""

from kg.extract.lexicon import Concept, Lexicon, load_lexicon, warm_up

__all__ = ["Concept", "Lexicon", "extract", "load_lexicon", "warm_up"]


def __getattr__(name: str):
    # The rules are imported when extraction is first asked for: a rebuild that reuses its
    # cached graph needs the lexicon's fingerprint, not the rules (0.1 s of imports).
    if name == "extract":
        from kg.extract.pipeline import extract
        return extract
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
