"""Every extraction rule, declared once by kind (see ``registry`` for how to add one).

The modules are imported in the order the pipeline runs their rules: entity rules
(org, group, measure, person, block) before relation rules (member, broader, targets);
within a module, in the order they are declared.

>>> sorted(RULES)[:3]
['block.not-entity', 'broader.enum-head', 'broader.includes']
>>> RULES["targets.aim-word"].example
'针对货车司机群体开展“司机之家”建设。'
"""

from __future__ import annotations

from kg.extract.rules.registry import KINDS, Rule, declared, fingerprint, of_kind, rule

# Importing a module declares its rules: the imports are static (the build cache follows
# them to know which code a build ran) and in the order the rules run, kept by isort: off.
# isort: off
from kg.extract.rules import org, group, measure, person, block, member, broader, targets
# isort: on

#: The rule modules, in the order their rules run.
MODULES = tuple(m.__name__.rpartition(".")[2] for m in (org, group, measure, person, block, member, broader, targets))

#: Every declared rule by id, in the order the pipeline runs them.
RULES: dict[str, Rule] = declared()

__all__ = ["KINDS", "MODULES", "RULES", "Rule", "fingerprint", "of_kind", "rule"]
