"""Place and context-date stages: the event-level rules of :mod:`kg.nlp.places` and
:func:`kg.nlp.timex.narrative_dates`, one registered stage each."""
from __future__ import annotations

from kg.nlp import places as rules
from kg.nlp.stages.registry import rule_stage
from kg.nlp.timex import narrative_dates

rule_stage("kg.time.narrative.v1", narrative_dates)
rule_stage("kg.places.premodifier.v1", rules.premodifier_places)
rule_stage("kg.places.as_actors.v1", rules.places_as_actors)
rule_stage("kg.places.host_not_party.v1", rules.host_not_party)
rule_stage("kg.places.dateline.v1", rules.dateline_places)
rule_stage("kg.places.capitals.v1", rules.capital_references)
rule_stage("kg.places.relative_clauses.v1", rules.relative_clause_places)
rule_stage("kg.places.attack_targets.v1", rules.attack_target_places)
rule_stage("kg.places.visits.v1", rules.visited_places)
rule_stage("kg.places.class_modifiers.v1", rules.class_modifier_places)
rule_stage("kg.places.discourse.v1", rules.discourse_places)
