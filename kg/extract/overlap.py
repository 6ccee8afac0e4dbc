"""The policy for overlapping matches: one small function, swappable.

>>> from kg.extract.context import Candidate
>>> a = Candidate(0, 4, "Organization", "基层工会", "org.vocab", vocab=True)
>>> b = Candidate(2, 9, "WorkerGroup", "工会工作者", "group.vocab", vocab=True)
>>> c = Candidate(2, 4, "Organization", "工会", "org.vocab", vocab=True)
>>> [x.label for x in longest_first([a, b, c])]
['工会工作者']
"""

from __future__ import annotations

from kg.extract.context import Candidate

#: On equal spans: which class wins (a blocked slogan beats everything).
CLASS_PRIORITY = {"Other": 0, "Person": 1, "Organization": 2, "Measure": 3, "WorkerGroup": 4}


def longest_first(candidates: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping whole-word candidates: longest first, then leftmost, then vocabulary
    over pattern, then class priority, then label (so the choice is deterministic).
    Returns the kept ones in text order."""
    order = sorted(candidates, key=lambda c: (-c.length, c.start, not c.vocab,
                                              CLASS_PRIORITY.get(c.cls, 9), c.label, c.rule))
    taken = bytearray(max((c.end for c in candidates), default=0) + 1)
    kept = []
    for c in order:
        if c.length <= 0 or c.start < 0 or not c.whole or taken.find(1, c.start, c.end) >= 0:  # no slice copied
            continue
        taken[c.start:c.end] = b"\x01" * c.length
        kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.end))
