"""The rule registry: every extraction rule declared once, with its id, text and example.

A rule is a function registered with ``@rule``; the id is what the graph records as the
rule of each fact (``gh:rule``), so ``grep -rn '"targets.aim-word"' kg/`` lands on the
declaration. ``kg.extract.pipeline`` runs the rules of each kind in the order they are
declared (the modules of ``kg.extract.rules`` are imported in a fixed order), so adding a
rule is one declaration with its example::

    @rule("group.group-noun", example="要把灵活用工群体组织起来。", expect=("WorkerGroup", "灵活用工群体"),
          description="a noun phrase before 群体")
    def group_nouns(ctx: Context, pool: Pool) -> list[Candidate]: ...

``expect`` is what the public extraction must find on ``example`` by this rule: an entity
``(class, label)``, a relation ``(predicate, subject label, object label)``, or for the
blocking rule ``("Other", span)``. A generated test (tests/extract/test_registry.py) checks
every declaration against it.

>>> from kg.extract.rules import RULES
>>> RULES["targets.aim-word"].kind, RULES["targets.aim-word"].expect
('relation', ('targets', '司机之家', '货车司机'))
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: What a rule's ``apply`` takes and gives, by kind:
#: entity: (Context, Pool) -> list[Candidate]; block: the same, never emitted;
#: author: (Context, Pool) -> list[Mention]; relation: (Context, Facts) -> list[Relation].
KINDS = ("entity", "block", "author", "relation")


@dataclass(frozen=True)
class Rule:
    """One extraction rule: its stable id, what it is for, and the function applying it."""

    id: str
    kind: str  # one of KINDS
    description: str
    example: str
    expect: tuple[str, ...]
    apply: Callable[..., list[Any]]


_DECLARED: dict[str, Rule] = {}
_BY_KIND: dict[str, tuple[Rule, ...]] = {}  # of_kind's answers, until the next declaration


def rule(rule_id: str, *, example: str, expect: tuple[str, ...], description: str,
         kind: str | None = None) -> Callable[[Callable[..., list[Any]]], Callable[..., list[Any]]]:
    """Declare the decorated function as the rule ``rule_id``. ``kind`` defaults to
    "relation" for a three-part ``expect`` and "entity" for a two-part one."""
    chosen = kind or ("relation" if len(expect) == 3 else "entity")
    if chosen not in KINDS:
        raise ValueError(f"rule {rule_id!r}: kind must be one of {KINDS}, not {chosen!r}")

    def declare(fn: Callable[..., list[Any]]) -> Callable[..., list[Any]]:
        if rule_id in _DECLARED:
            raise ValueError(f"rule {rule_id!r} is declared twice")
        _DECLARED[rule_id] = Rule(rule_id, chosen, description, example, tuple(expect), fn)
        _BY_KIND.clear()
        return fn

    return declare


def declared() -> dict[str, Rule]:
    """Every declared rule by id, in declaration order (import ``kg.extract.rules`` first)."""
    return dict(_DECLARED)


def of_kind(kind: str) -> tuple[Rule, ...]:
    """The rules of one kind, in the order the pipeline runs them (worked out once, not per article)."""
    got = _BY_KIND.get(kind)
    if got is None:
        got = _BY_KIND[kind] = tuple(r for r in _DECLARED.values() if r.kind == kind)
    return got


def fingerprint() -> str:
    """sha256 over every rule's id and description and the source of the rule modules:
    it changes whenever a rule is added, renamed, described anew or its code edited."""
    h = hashlib.sha256()
    for r in sorted(_DECLARED.values(), key=lambda r: r.id):
        h.update(f"{r.id}\t{r.description}\n".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode() + b"\n" + path.read_bytes())
    return h.hexdigest()
