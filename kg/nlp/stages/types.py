"""Type and factuality stages: the event-level rules of :mod:`kg.nlp.types`, one registered stage each."""
from __future__ import annotations

from kg.nlp import types as rules
from kg.nlp.stages.registry import rule_stage

# name -> rule, in the order kg.nlp.types.PASSES runs them
TYPE_STAGES = {f"kg.types.{rule.__name__}.v1": rule for rule in rules.PASSES}

for _name, _rule in TYPE_STAGES.items():
    rule_stage(_name, _rule)
