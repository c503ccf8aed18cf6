"""English closed-class words the event and coreference rules read.

Hand-written for this project (MIT, like the code). Open lexicons (triggers,
cue words, roles) are CSV files in ``kg/data``; what lives here are the short
closed lists the rules test membership in.
"""
from __future__ import annotations

# determiners that make an event noun a mention of a known event ("the meeting", "these talks")
DEFINITE = frozenset({"the", "this", "these", "that", "those"})
# modifiers that tell two mentions of one kind of event apart ("the first summit" vs "a second summit")
ORDINALS = frozenset({"first", "second", "third", "initial", "latest", "last", "previous", "next", "new", "another",
                      "earlier", "later", "future", "upcoming", "further", "recent"})
# cue words of a negated commitment that CAMEO codes as a rejection ("refused to meet")
REFUSAL_CUES = ("refus", "declin", "will not", "would not", "won't", "wouldn't", "will never", "would never")
# the preposition of a classifier phrase ("prisoners of war")
OF = "of"
# the preposition naming the act the victims were harmed in ("killed in a bombing")
IN = "in"

# pronoun form -> (gender or number, possessive)
PRONOUNS: dict[str, tuple[str, bool]] = {
    "he": ("male", False), "him": ("male", False), "his": ("male", True), "himself": ("male", False),
    "she": ("female", False), "her": ("female", True), "hers": ("female", True), "herself": ("female", False),
    "they": ("plural", False), "them": ("plural", False), "their": ("plural", True),
    "theirs": ("plural", True), "themselves": ("plural", False),
}
IT_FORMS = frozenset({"it", "its"})
HONORIFIC_GENDER = {"mr": "male", "mr.": "male", "sir": "male", "mrs": "female", "mrs.": "female",
                    "ms": "female", "ms.": "female", "madam": "female", "dame": "female"}
LEADER_ROLES = frozenset({"president", "prime minister", "chancellor", "supreme leader", "general secretary", "king",
                          "queen", "emir", "sultan", "crown prince", "leader"})
# group nouns after 'the two' / 'both': which kind of antecedent they take
GROUP_NOUNS = {
    "leaders": "person", "men": "person", "women": "person", "presidents": "person",
    "ministers": "person", "heads": "person", "statesmen": "person",
    "countries": "country", "nations": "country", "states": "country", "governments": "country",
    "neighbours": "country", "neighbors": "country",
    "sides": "any", "parties": "any", "delegations": "any", "allies": "any", "rivals": "any",
    "powers": "country", "members": "any", "signatories": "any",
}
# numbers that count a group mention ('the four countries', 'six world powers'); 'two'/'both' pair up
GROUP_NUMBERS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "eleven": 11, "twelve": 12}
# words between the members of a list ('A, B, the C and D'): a list of exactly N names is what
# a numbered group mention stands for
LIST_GLUE = frozenset({",", "and", "the", "&"})
# punctuation after a group mention that introduces its members ('the six powers: A, B, ...')
LIST_INTRODUCERS = frozenset({":", "—", "–", "-", "--", ","})
# object pronouns that take the nearest plural noun phrase ("intercepted most of them")
PLURAL_OBJECT_PRONOUNS = frozenset({"them", "themselves"})
# possessive clitics as the tokenizer splits them ("Russia's")
POSSESSIVE_CLITICS = frozenset({"'s", "’s"})
# 'the two leaders', 'both sides'
GROUP_QUANTIFIERS = frozenset({"two", "both"})
# first words of a minister's office that a bare 'the minister' does not refer to
NOT_A_PLAIN_MINISTER = frozenset({"prime", "deputy"})
# prepositions that order two events in time ("after his call with X", "ahead of the summit"): two events
SEQUENCE_PREPS = frozenset({"after", "before", "following", "since", "until", "ahead", "prior", "preceding"})
# adverbs that make a mention another occurrence of an event already told ("met again")
REPETITION = frozenset({"again", "anew", "once more"})
# the relative adverb of a where-clause ("travelled to X, where she met Y")
WHERE = frozenset({"where"})
# the preposition of a trip's purpose ("flew to X for talks with Y")
PURPOSE_FOR = frozenset({"for"})
# measure and partitive prepositions inside an object ("500 million euros in aid", "a package of assistance")
MEASURE_PREPS = frozenset({"in", "of"})
# modifiers that make an indefinite event mention a new occurrence ("another meeting", "fresh talks")
NEW_OCCURRENCE = frozenset({"another", "new", "fresh", "second", "third", "next", "later", "further", "renewed",
                            "subsequent"})
# nouns for a settlement or territory: a name the model tagged as a person but that modifies one
# ('the Kalbajar district'), stands in apposition to one ('X, a border town') or follows 'the town
# of' names a place
PLACE_NOUNS = frozenset({
    "city", "cities", "town", "towns", "village", "villages", "district", "districts", "province", "provinces",
    "region", "regions", "county", "counties", "enclave", "enclaves", "oblast", "governorate", "municipality",
    "territory", "territories", "port", "island", "islands", "capital", "suburb", "neighbourhood", "neighborhood",
    "settlement", "settlements", "valley", "peninsula", "state", "prefecture", "canton", "commune", "shoal", "reef",
})
# definite nouns that name an organisation already in the text ('the bloc', 'the alliance')
ORGANISATION_NOUNS = frozenset({"bloc", "alliance", "union", "organisation", "organization", "agency", "coalition",
                                "commission"})
# nouns for a state: a region name modifying one ('the small Gulf state', 'the Baltic nations') describes
# where the state lies; the phrase names the state, not the region
STATE_NOUNS = frozenset({"state", "states", "country", "countries", "nation", "nations", "kingdom", "emirate",
                         "monarchy", "republic", "neighbour", "neighbor", "neighbours", "neighbors", "ally", "allies"})
# institutions that are also buildings: stormed or shelled, they stand for their state
INSTITUTION_NOUNS = frozenset({"parliament", "legislature", "assembly", "senate", "congress", "presidency"})
