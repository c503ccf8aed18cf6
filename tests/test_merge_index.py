"""kg.merge: the blocked index finds exactly the matches a pairwise scan would, and meets few candidates."""
from __future__ import annotations

import io
import random
from datetime import date, timedelta

from kg.merge import EntityUnifier, EventIndex, EventSig, same_event
from kg.progress import LineProgress, make_progress

from conftest import make_result


def _random_sigs(n: int, seed: int = 3) -> list[tuple[str, EventSig]]:
    rng = random.Random(seed)
    actors = [f"a{i}" for i in range(6)]
    out = []
    for i in range(n):
        day = date(2020, 1, 1) + timedelta(days=rng.randrange(40))
        time = rng.choice([None, day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]])
        sig = EventSig(code=rng.choice(["040", "042", "051", "057", "190"]),
                       actors=frozenset(rng.sample(actors, rng.choice([1, 2]))),
                       place=rng.choice([None, "p1", "p2"]), time=time,
                       factuality=rng.choice(["Actual", "Planned"]))
        out.append((f"e{i:04d}", sig))
    return out


def test_index_matches_the_pairwise_rule():
    index, canonical = EventIndex(), []
    for iri, sig in _random_sigs(600):
        expected = [c for c, s in canonical if same_event(sig, s)]
        got = index.match(iri, sig)
        assert got == (min(expected) if expected else None)
        if got is None:
            index.add(iri, sig, ())
            canonical.append((iri, sig))


def test_a_new_event_meets_only_its_block():
    index = EventIndex()
    sigs = _random_sigs(600)
    for iri, sig in sigs:
        if index.match(iri, sig) is None:
            index.add(iri, sig, ())
    probe = EventSig(code="042", actors=frozenset({"a1", "a2"}), time="2020-01-10", factuality="Actual")
    cands = index.candidates(probe)
    assert len(cands) < len(index) / 10
    assert all(s.block == probe.block for i, s in sigs if i in cands)


def test_the_stored_event_itself_and_discard():
    index = EventIndex(known=lambda iri: iri == "stored")
    sig = EventSig(code="040", actors=frozenset({"x"}), place="p", time=None)
    index.add("first", sig, ())
    assert index.match("second", sig) == "first"
    assert index.match("stored", sig) == "stored"  # a re-added document keeps its own events
    index.discard("first")
    assert index.match("second", sig) is None and len(index) == 0


def test_lazy_blocks_load_once_and_only_their_own_events():
    calls = []
    other = EventSig(code="040", actors=frozenset({"x", "y"}), place="p")

    def load(block):
        calls.append(block)
        return [("s1", EventSig(code="043", actors=frozenset({"x"}), place="p"), ()), ("s2", other, ())]

    index = EventIndex(load_block=load)
    sig = EventSig(code="042", actors=frozenset({"x"}), place="p")
    assert index.match("new", sig) == "s1"
    assert index.match("new2", sig) == "s1" and len(calls) == 1
    assert "s2" not in index  # not of this block: its own block loads it when asked


def test_entity_descriptions_unify_streaming():
    unify = EntityUnifier()
    a = make_result("a")
    b = make_result("b")
    renamed = b.entities[0].model_copy(update={"label": "President Trump", "role": None})
    b = b.model_copy(update={"entities": (renamed, *b.entities[1:])})
    assert unify(a) is a
    out = unify(b)
    first = out.entities[0]
    assert first.label == "Donald Trump" and first.role == "president"
    assert set(first.aliases) == {"President Trump", "Trump"}


def test_plain_progress_lines_and_quiet(monkeypatch):
    buf = io.StringIO()
    p = LineProgress(total=4, stream=buf, every=0.0)
    p.events(3)
    p.problem()
    p.advance(2)
    line = buf.getvalue().strip().splitlines()[-1]
    assert "2/4 document(s)" in line and "3 event(s)" in line and "1 problem(s)" in line and "ETA" in line
    quiet = make_progress(4, quiet=True, stream=buf)
    before = buf.getvalue()
    quiet.advance(4)
    assert buf.getvalue() == before
    monkeypatch.delenv("KG_PROGRESS", raising=False)
    assert isinstance(make_progress(4, stream=io.StringIO()), LineProgress)  # not a terminal: plain lines
