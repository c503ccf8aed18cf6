"""Sentences per CAMEO root, read by the real model.

Two readings of the same table of sentences:

* ``test_lexicon_reaches_root`` -- a small *reference reading* of
  ``kg/data/triggers.csv`` over the model's dependency parse (lemma, particle,
  direct or prepositional object, compound/amod modifiers). It says whether the
  lexicon can reach the expected root at all, independently of the extractor.
* ``test_pipeline_finds_root`` -- the project's pipeline
  (``kg.nlp.pipeline.load_pipeline()``), reading ``doc._.kg_events``. Skipped,
  with the reason, while ``kg.nlp.pipeline`` does not exist.

A sentence passes when any event found in it has the expected root; other
events in the same sentence (a killing in a bombing sentence) are allowed.
The sentences were written for these tests, not taken from a corpus.
"""
from __future__ import annotations

import csv
import importlib
from functools import lru_cache
from importlib import resources

import pytest

pytestmark = pytest.mark.model

# (sentence, expected CAMEO root)
SENTENCES: list[tuple[str, str]] = [
    # 01 make public statement
    ("Jordan expressed deep concern over the escalation in the West Bank.", "01"),
    ("Emmanuel Macron offered his condolences to Turkey after the earthquake.", "01"),
    ("Moscow denied the allegations on Thursday.", "01"),
    ("Olaf Scholz laid a wreath at the memorial in Warsaw.", "01"),
    ("The militia claimed responsibility for the ambush.", "01"),
    # 02 appeal
    ("The United Nations called for an immediate ceasefire in Gaza.", "02"),
    ("Kenya appealed for international aid after the floods.", "02"),
    ("Germany urged both sides to show restraint.", "02"),
    ("Lebanon's plea for help went unanswered.", "02"),
    # 03 express intent to cooperate
    ("Japan pledged $500 million in reconstruction aid to Ukraine.", "03"),
    ("Turkey offered to host talks between the two sides.", "03"),
    ("Beijing has promised further assistance to the island nation.", "03"),
    ("Canada's pledge of support was welcomed in Kyiv.", "03"),
    ("Ethiopia accepted the roadmap for ending the border dispute.", "03"),
    # 04 consult
    ("Macron visited Beijing last week.", "04"),
    ("Putin held a phone call with Erdogan on Tuesday.", "04"),
    ("Israeli and Palestinian negotiators resumed talks in Cairo.", "04"),
    ("Donald Trump met Vladimir Putin in Helsinki in July.", "04"),
    ("Qatar is mediating between Israel and Hamas.", "04"),
    ("Kenya gave the Pope a warm welcome in Nairobi.", "04"),
    ("Oman launched a mediation effort between Iran and Saudi Arabia.", "04"),
    ("Algeria acted as mediator between Mali and the rebels.", "04"),
    ("Negotiations between Sudan and South Sudan were held in Addis Ababa.", "04"),
    # 05 engage in diplomatic cooperation
    ("Washington praised Seoul's decision to join the initiative.", "05"),
    ("India and Australia signed a trade agreement on Monday.", "05"),
    ("Belgium apologised to Congo for the abuses committed by colonial troops.", "05"),
    ("Saudi Arabia and Iran restored diplomatic relations in March.", "05"),
    ("The treaty was ratified by the parliament in Ankara.", "05"),
    # 06 engage in material cooperation
    ("Mexico extradited the cartel leader to the United States.", "06"),
    ("Spain approved the extradition of the suspect to Argentina.", "06"),
    ("Jordan and Egypt share intelligence on militant networks.", "06"),
    ("Economic cooperation between Vietnam and Laos has expanded.", "06"),
    ("Germany shared evidence with France about the plot.", "06"),
    ("China and Russia held joint naval exercises in the East China Sea.", "06"),
    # 07 provide aid
    ("The United States provided Ukraine with Patriot missiles.", "07"),
    ("Germany delivered humanitarian aid to Gaza.", "07"),
    ("Egypt received military aid from Washington.", "07"),
    ("Sweden granted asylum to the dissident.", "07"),
    ("Norway handed over 40 tonnes of medicine to the Red Cross in Yemen.", "07"),
    ("Italy gave Tunisia 3 million euros of aid.", "07"),
    ("Japan contributed 500 troops to the UN mission in South Sudan.", "07"),
    ("Uganda took in thousands of refugees from South Sudan.", "07"),
    # 08 yield
    ("Iran released two French hostages on Friday.", "08"),
    ("Sri Lanka lifted the curfew in Colombo.", "08"),
    ("Russian troops withdrew from Kherson in November.", "08"),
    ("The rebels declared a unilateral ceasefire.", "08"),
    ("Washington eased sanctions on Venezuela's oil sector.", "08"),
    ("Boris Johnson resigned after weeks of pressure.", "08"),
    ("Egypt shortened the curfew in Cairo by two hours.", "08"),
    ("Chile lifted the emergency measures in Santiago.", "08"),
    ("Jordan allowed the return of Syrian refugees.", "08"),
    ("The EU's lifting of sanctions on Belarus angered Poland.", "08"),
    # 09 investigate
    ("France is investigating the former minister for corruption.", "09"),
    ("The United Nations launched an investigation into the incident.", "09"),
    ("Israel opened an inquiry into the deaths of the aid workers.", "09"),
    ("Italy placed the Egyptian diplomat under investigation.", "09"),
    ("The OPCW sent investigators to the site of the attack in Syria.", "09"),
    # 10 demand
    ("The opposition demanded the resignation of the prime minister.", "10"),
    ("China demanded an apology from Japan.", "10"),
    ("Kyiv renewed its demand for air defence systems.", "10"),
    # 11 disapprove
    ("Iran condemned the air strike on its embassy.", "11"),
    ("Beijing accused Washington of interference in its internal affairs.", "11"),
    ("Seoul lodged a formal protest with Tokyo.", "11"),
    ("The criticism from Paris angered officials in Rome.", "11"),
    # 12 reject
    ("Hamas rejected the proposal.", "12"),
    ("Russia vetoed the Security Council resolution.", "12"),
    ("Hungary's refusal to ratify the treaty angered Sweden.", "12"),
    ("Kabul reneged on its promise to hold elections.", "12"),
    ("Israel opposes Turkish mediation in the conflict.", "12"),
    # 13 threaten
    ("North Korea threatened the United States.", "13"),
    ("Washington threatened Beijing with new tariffs.", "13"),
    ("Israel issued an ultimatum to Hezbollah.", "13"),
    ("Russia's threat against Moldova was taken seriously in Brussels.", "13"),
    # 14 protest
    ("Georgians protested in Tbilisi against the foreign agents law.", "14"),
    ("Belgian dockworkers went on strike in Antwerp.", "14"),
    ("Kenyan protesters rioted in Nairobi after the vote.", "14"),
    ("Serbian students staged demonstrations in Belgrade for a third day.", "14"),
    ("Serbian farmers blocked traffic in Belgrade.", "14"),
    ("Opposition parties organized a protest in Dhaka.", "14"),
    ("Kashmiri youths threw stones at police in Srinagar.", "14"),
    # 15 exhibit force posture
    ("Russia deployed troops along the border.", "15"),
    ("China held large-scale military drills around Taiwan.", "15"),
    ("Israel announced the mobilization of 300,000 reservists.", "15"),
    ("Turkey strengthened its forces on the Syrian border.", "15"),
    # 16 reduce relations
    ("Bolivia severed diplomatic ties with Israel.", "16"),
    ("The European Union imposed new sanctions on Russia.", "16"),
    ("Poland expelled two Russian diplomats.", "16"),
    ("Niger's expulsion of the French ambassador deepened the dispute.", "16"),
    ("The Iranian delegation walked out of the negotiations.", "16"),
    ("Sudan forced the aid agencies out of Darfur.", "16"),
    ("Britain reduced aid to Malawi after the election.", "16"),
    ("The Arab League ended its mediation between the two factions.", "16"),
    ("Washington reimposed sanctions on Tehran in November.", "16"),
    # 17 coerce
    ("Police arrested dozens of opposition supporters.", "17"),
    ("Bangladesh imposed a curfew in Dhaka.", "17"),
    ("Security forces cracked down on protesters.", "17"),
    ("The detention of the journalist drew wide criticism.", "17"),
    ("Rwanda's expulsion of two foreign journalists drew protests.", "17"),
    ("Ethiopia imposed a news blackout on the Tigray region.", "17"),
    ("Bolivia's army declared a state of siege in La Paz.", "17"),
    ("South Korea's imposition of martial law shocked Washington.", "17"),
    ("Russian hackers hacked into the computers of the Estonian parliament.", "17"),
    ("Turkish hackers defaced dozens of French government websites.", "17"),
    ("Rioters set fire to the German consulate in Izmir.", "17"),
    # 18 assault
    ("Al-Shabaab kidnapped three aid workers in Somalia.", "18"),
    ("A Taliban suicide bombing killed twelve people in Kabul.", "18"),
    ("Israel's assassination of the Hamas leader shocked Tehran.", "18"),
    ("Militants used civilians as human shields.", "18"),
    ("Militants held villagers as human shields.", "18"),
    ("Soldiers mistreated detainees at the base in Bagram.", "18"),
    ("Insurgents blew up a gas pipeline in Sinai.", "18"),
    # 19 fight
    ("Israeli jets carried out airstrikes on southern Lebanon.", "19"),
    ("Fighting broke out between Armenia and Azerbaijan.", "19"),
    ("Rebels shelled the city overnight.", "19"),
    ("Russia invaded Ukraine in February 2022.", "19"),
    ("The navy imposed a blockade on the port.", "19"),
    # 20 use unconventional mass violence
    ("Soldiers massacred villagers in the north.", "20"),
    ("Serbia carried out ethnic cleansing in Kosovo.", "20"),
    ("Syria's chemical attack on Douma killed dozens.", "20"),
    ("The rebels engaged in ethnic cleansing in the region.", "20"),
]

IDS = [f"{root}:{sentence[:40]}" for sentence, root in SENTENCES]

# Sentences the lexicon reaches but the extractor (kg.nlp.events, not part of
# this table) did not turn into an event of the expected root when these
# tests were written. Marked xfail(strict=True): each documents a known gap, and
# the suite fails as soon as one is fixed, so the list cannot go stale.
KNOWN_EXTRACTOR_GAPS: dict[str, str] = {
    "Canada's pledge of support was welcomed in Kyiv.":
        "noun trigger 'pledge' under the verb 'welcomed' is not kept as its own event",
    "Qatar is mediating between Israel and Hamas.":
        "the model parses 'mediating' as attr of 'is'; no subject reaches the trigger",
    "Spain approved the extradition of the suspect to Argentina.":
        "'approved' (051) wins over its object 'extradition' (063)",
}


def test_every_root_has_two_sentences() -> None:
    from collections import Counter

    from kg.cameo import ROOTS

    counts = Counter(root for _, root in SENTENCES)
    assert len(SENTENCES) >= 40
    assert all(counts[root] >= 2 for root in ROOTS), counts


@lru_cache(maxsize=1)
def _rows() -> tuple[dict[str, str], ...]:
    text = resources.files("kg.data").joinpath("triggers.csv").read_text(encoding="utf-8")
    return tuple(csv.DictReader(text.splitlines()))


def _expand(tokens):
    """Tokens plus their conjuncts ('sanctions and tariffs'), and what a quantity measures.

    A number, a noun with a number or a measure the model tags as one ('700 kg',
    'thousands') stands for its 'of' object: 'handed over 40 tonnes [of medicine]'.
    """
    out = []
    for t in tokens:
        out.append(t)
        out.extend(t.conjuncts)
    for t in list(out):
        if t.like_num or t.pos_ == "NUM" or t.ent_type_ in ("CARDINAL", "QUANTITY", "MONEY") \
                or any(c.dep_ == "nummod" for c in t.children):
            out.extend(g for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj")
    return out


def reference_codes(doc) -> set[str]:
    """Codes the lexicon assigns in ``doc`` under a plain reading of the table.

    Verbs: the lemma, with a particle child (prt, advmod or prep, or the next word
    read as 'more than' of a number) for phrasal rows; a row with an
    ``object`` needs that lemma on the direct object (or passive subject, or an
    xcomp verb: 'declined to comment', or what a quantity object measures), or,
    with ``prep``, on the object of that preposition. Nouns: the head lemma with every listed modifier among its
    compound/amod children. Of the rows that match one token, object rows beat
    preposition rows beat plain rows (the table's stated precedence).
    """
    codes: set[str] = set()
    for tok in doc:
        if tok.pos_ == "VERB":
            # 'walked out of the talks' parses 'out' as prep; 'stepped down' as advmod
            parts = {c.lemma_.lower() for c in tok.children if c.dep_ in ("prt", "advmod", "prep")}
            if tok.i + 1 < len(doc) and doc[tok.i + 1].dep_ == "quantmod":  # 'handed over 40 tonnes'
                parts.add(doc[tok.i + 1].lower_)
            objects = {t.lemma_.lower() for t in _expand([c for c in tok.children
                                                          if c.dep_ in ("dobj", "obj", "nsubjpass", "xcomp")])}
            preps: dict[str, set[str]] = {}
            for c in tok.children:
                if c.dep_ in ("prep", "agent", "dative"):
                    preps.setdefault(c.lemma_.lower(), set()).update(
                        t.lemma_.lower() for t in _expand([g for g in c.children if g.dep_ == "pobj"]))
            ranked: dict[int, set[str]] = {}
            for r in _rows():
                if r["pos"] != "VERB":
                    continue
                words = r["lemma"].split(" ")
                if words[0] != tok.lemma_.lower() or (len(words) == 2 and words[1] not in parts):
                    continue
                wanted = set(r["object"].split("|")) if r["object"] else set()
                if r["prep"] and r["prep"] not in preps:
                    continue
                have = preps.get(r["prep"], set()) if r["prep"] else objects
                if wanted and not (wanted & have):
                    continue
                rank = 2 if wanted else 1 if r["prep"] else 0
                rank += len(words) - 1
                ranked.setdefault(rank, set()).add(r["code"])
            if ranked:
                codes |= ranked[max(ranked)]
        elif tok.pos_ == "NOUN":
            mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
            preps = {}
            for c in tok.children:
                if c.dep_ == "prep":
                    preps.setdefault(c.lemma_.lower(), set()).update(
                        g.lemma_.lower() for g in c.children if g.dep_ == "pobj")
            ranked = {}
            for r in _rows():
                if r["pos"] != "NOUN":
                    continue
                words = r["lemma"].split(" ")
                if words[-1] != tok.lemma_.lower() or not set(words[:-1]) <= mods:
                    continue
                if r["prep"]:
                    if r["prep"] not in preps:
                        continue
                    if r["object"] and not (set(r["object"].split("|")) & preps[r["prep"]]):
                        continue
                rank = len(words) - 1 + (1 if r["prep"] else 0) + (1 if r["object"] else 0)
                ranked.setdefault(rank, set()).add(r["code"])
            if ranked:
                codes |= ranked[max(ranked)]
    return codes


@pytest.mark.parametrize(("sentence", "root"), SENTENCES, ids=IDS)
def test_lexicon_reaches_root(sentence: str, root: str, model_nlp) -> None:
    codes = reference_codes(model_nlp(sentence))
    assert root in {c[:2] for c in codes}, f"codes found: {sorted(codes)}"


def _pipeline():
    try:
        module = importlib.import_module("kg.nlp.pipeline")
    except ImportError as exc:  # the extractor is written in parallel with this table
        pytest.skip(f"kg.nlp.pipeline is not importable yet ({exc}); lexicon-only tests still run")
    return _load(module)


@lru_cache(maxsize=1)
def _load(module):
    return module.load_pipeline()


@pytest.mark.parametrize(("sentence", "root"), [
    pytest.param(sentence, root, marks=pytest.mark.xfail(reason=KNOWN_EXTRACTOR_GAPS[sentence], strict=True))
    if sentence in KNOWN_EXTRACTOR_GAPS else (sentence, root)
    for sentence, root in SENTENCES], ids=IDS)
def test_pipeline_finds_root(sentence: str, root: str) -> None:
    nlp = _pipeline()
    doc = nlp(sentence)
    events = doc._.kg_events or []
    found = sorted({str(e.get("cameo_code", "")) for e in events})
    assert root in {c[:2] for c in found}, f"events found: {found}"
