"""Actor-set stages: the event-level rules of :mod:`kg.nlp.actors`, one registered stage each."""
from __future__ import annotations

from kg.nlp import actors as rules
from kg.nlp.stages.registry import rule_stage

rule_stage("kg.actors.places.v1", rules.drop_place_actors)
rule_stage("kg.actors.topics.v1", rules.topics_are_no_parties)
rule_stage("kg.actors.moved_forces.v1", rules.moved_forces_are_no_target)
rule_stage("kg.actors.referenced_event.v1", rules.referenced_event_targets)
rule_stage("kg.actors.visit_host.v1", rules.visit_host_targets)
rule_stage("kg.actors.brokers.v1", rules.broker_parties)
rule_stage("kg.actors.institutions.v1", rules.institutions_stand_for_state)
rule_stage("kg.actors.one_side.v1", rules.one_actor_per_side)
