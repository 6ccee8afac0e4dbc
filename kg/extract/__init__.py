"""Rule-based extraction: vocabularies + patterns + jieba, no models, no network.

Public API::

    lexicon = load_lexicon()            # SKOS vocabularies of ontology/vocab, picklable
    extraction = extract(article, lexicon)

Where things are (grep a rule id such as ``"targets.aim-word"`` to land on its code):

- ``rules``           every rule id with the text it is for (the ids in Evidence.rule)
- ``inventory``       head words, suffixes, trigger verbs, posts, surnames (rule data)
- ``lexicon``         loading the SKOS vocabularies; per-process automaton and jieba tokenizer
- ``entity_rules``    org.*, group.*, measure.*, block.* rules
- ``people``          person.* rules
- ``overlap``         the policy choosing among overlapping matches
- ``normalize``       canonical labels
- ``relation_rules``  targets.*, broader.*, member.* rules
- ``pipeline``        extract(): the order in which all of it runs
"""

from kg.extract.lexicon import Concept, Lexicon, load_lexicon, warm_up
from kg.extract.pipeline import extract

__all__ = ["Concept", "Lexicon", "extract", "load_lexicon", "warm_up"]
