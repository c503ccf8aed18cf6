"""The stages of the ``kg_events`` component, registered in spaCy's ``registry.misc``.

``DEFAULT_STAGES`` is the order the component's config lists by default:

1. ``kg.candidates.triggers.v1`` -- a candidate per trigger word of the lexicon
2. ``kg.candidates.obligations.v1`` -- "X said Y must ...": a demand by X on Y
3. ``kg.suppress.collocations.v1`` -- "signed an agreement": the verb consumes its object noun
4. ``kg.suppress.complements.v1`` -- modal/commit verbs give way to their complement; content verbs absorb it
5. ``kg.absorb.act_nouns.v1`` -- "a bombing killed ...": the verb takes the act noun's code
6. ``kg.suppress.classifiers.v1`` -- "prisoners of war": a classifier, no event
7. ``kg.identity.pledged_acts.v1`` -- "pledged 500 million euros in aid": one event, the pledged act
8. ``kg.candidates.mentions.v1`` -- anchor text, sentence, ordinals, content-of-another-event
8a. ``kg.places.capitals.v1`` -- "the Nigerian capital" refers to the capital city
9. ``kg.arguments.v1`` -- sources, targets, participants, themes, place from the parse
9a. ``kg.participants.described.v1`` -- "the leaders", "the bloc", an unresolved 'it': the actor described
10. ``kg.factuality.v1`` -- Actual / Negated / Planned / Possible
11. ``kg.recoding.v1`` -- act-noun codes; intent (03x), threat (13x), refusal (12x) codes
12. ``kg.time.v1`` -- normalised time
13. ``kg.targets.complement.v1`` -- a content noun aims at what its complement names
14. ``kg.targets.place.v1`` -- a one-sided act aims at the territory where it happens
14a. ``kg.time.narrative.v1`` -- an undated past event takes the day of the clause narrated before it
14b. ``kg.places.premodifier.v1`` -- "the Ankara talks": the city is the place, not its country an actor
14c. ``kg.places.as_actors.v1`` -- a city read as a participant is the place; an attacked city's country the target
14d. ``kg.places.host_not_party.v1`` -- the host city's country is no party for having hosted
14e. ``kg.places.relative_clauses.v1`` -- "a clash in X in which ... were killed": the antecedent event's place
14f. ``kg.places.attack_targets.v1`` -- "strikes on targets in X": an act of force happens where it hits
14g. ``kg.places.visits.v1`` -- "to visit Washington": the city visited is the place
14h. ``kg.places.dateline.v1`` -- the dateline city is the place of the lead's meetings and agreements
14i. ``kg.places.class_modifiers.v1`` -- "toured Gulf capitals": a place modifying a plural noun is no place
14j. ``kg.places.discourse.v1`` -- a same-day meeting/agreement later in the paragraph takes the earlier one's place
15. ``kg.targets.purpose.v1`` -- a protest aims at whoever the demand it presses addresses
16. ``kg.targets.named_act.v1`` -- a condemnation aims at the agent of the act it names
17. ``kg.targets.answered_appeal.v1`` -- an appeal is addressed to whoever answers it
17a. ``kg.types.<rule>.v1`` -- the 21 type and factuality rules of :mod:`kg.nlp.types`
     (motives and aims, background events, generic mentions, restatements, assertions, appeal
     contents, cessations, announced acts vs threats, litotes, cautions, invitations, reconsidered
     refusals, agreed truces, future-dated events ...)
18. ``kg.arguments.from_event_subject.v1`` -- "the meeting failed to ...": participants lent by an event subject
19. ``kg.identity.trip_meetings.v1`` -- "flew to X for talks with Y": the trip is the meeting
19a. ``kg.identity.trips_at_meetings.v1`` -- "flew to X" ... "talks in X": the trip is a mention of the meeting
19b. ``kg.identity.accepted_offers.v1`` -- "accepted an invitation to visit X": one event, the planned visit
20. ``kg.roles.symmetric.v1`` -- meet/talk/sign with: source = subject side, target = partners
20a. ``kg.actors.places.v1`` -- a city is where an event happens, not who takes part
20b. ``kg.actors.topics.v1`` -- "no deal on Libya": the topic is no party
20c. ``kg.actors.moved_forces.v1`` -- troops moved to a border: the border's owner is the target
20d. ``kg.actors.referenced_event.v1`` -- "protested against the trip": the trip's parties are the target
20e. ``kg.actors.visit_host.v1`` -- a request made during a visit is addressed to the host
20f. ``kg.actors.brokers.v1`` -- a broker takes part in the deal it brokered
20g. ``kg.actors.institutions.v1`` -- "stormed the parliament": an assaulted institution stands for its state
20h. ``kg.actors.one_side.v1`` -- a leader and his own country are one side, counted once
21. ``kg.confidence.v1`` -- one confidence per mention
21a. ``kg.identity.distributive_targets.v1`` -- "recalled its ambassadors to A and B": one dyadic event per recipient
22. ``kg.identity.sequence.v1`` -- "after his call with X ...", "met again": ordered mentions stay two events
23. ``kg.identity.v1`` -- anaphors, twins and mentions of one event merged; events nobody takes part in dropped

Recoding reads the factuality, and the target rules read the final code, so
factuality and recoding come before the targets; confidence is per mention,
so it comes before identity keeps the best mention's.
"""
from __future__ import annotations

from kg.nlp.stages import (actors, arguments, candidates, episodes, identity, places, reading, roles,  # noqa: F401
                           scoring, suppression, targets, types)
from kg.nlp.stages import participants  # noqa: F401
from kg.nlp.stages.types import TYPE_STAGES
from kg.nlp.stages.registry import EventContext, get_stage, rule_stage, run_stages, stage

__all__ = ["DEFAULT_STAGES", "EventContext", "stage", "rule_stage", "get_stage", "run_stages"]

DEFAULT_STAGES: list[str] = [
    "kg.candidates.triggers.v1",
    "kg.candidates.obligations.v1",
    "kg.suppress.collocations.v1",
    "kg.suppress.complements.v1",
    "kg.absorb.act_nouns.v1",
    "kg.suppress.classifiers.v1",
    "kg.identity.pledged_acts.v1",
    "kg.candidates.mentions.v1",
    "kg.places.capitals.v1",
    "kg.arguments.v1",
    "kg.participants.described.v1",
    "kg.factuality.v1",
    "kg.recoding.v1",
    "kg.time.v1",
    "kg.targets.complement.v1",
    "kg.targets.place.v1",
    "kg.time.narrative.v1",
    "kg.places.premodifier.v1",
    "kg.places.as_actors.v1",
    "kg.places.host_not_party.v1",
    "kg.places.relative_clauses.v1", "kg.places.attack_targets.v1", "kg.places.visits.v1",
    "kg.places.dateline.v1",
    "kg.places.class_modifiers.v1",
    "kg.places.discourse.v1",
    "kg.targets.purpose.v1",
    "kg.targets.named_act.v1",
    "kg.targets.answered_appeal.v1",
    *TYPE_STAGES,
    "kg.arguments.from_event_subject.v1",
    "kg.identity.trip_meetings.v1",
    "kg.identity.trips_at_meetings.v1",
    "kg.identity.accepted_offers.v1",
    "kg.roles.symmetric.v1",
    "kg.actors.places.v1",
    "kg.actors.topics.v1",
    "kg.actors.moved_forces.v1",
    "kg.actors.referenced_event.v1",
    "kg.actors.visit_host.v1",
    "kg.actors.brokers.v1",
    "kg.actors.institutions.v1",
    "kg.actors.one_side.v1",
    "kg.confidence.v1",
    "kg.identity.distributive_targets.v1",
    "kg.identity.sequence.v1",
    "kg.identity.v1",
]
