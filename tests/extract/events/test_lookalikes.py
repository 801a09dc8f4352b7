"""lookalikes.py on hand-made parses, both ways: an event word used in another sense is
recognised, and a real event with the same word is left alone."""
import pytest

from eventwire.extract.events import lookalikes
from eventwire.records import Actor

from .parses import parse, word

MATCH = """
The       2 det      DET   the
Super     2 compound PROPN Super
Eagles    3 nsubj    PROPN Eagles
beat      3 ROOT     VERB  beat
Ghana     3 dobj     PROPN Ghana
2-1       3 npadvmod NUM   2-1
.         3 punct    PUNCT .
"""
TROOPS_BEAT = """
Troops     1 nsubj NOUN  troop
beat       1 ROOT  VERB  beat
protesters 1 dobj  NOUN  protester
in         1 prep  ADP   in
Lagos      3 pobj  PROPN Lagos
.          1 punct PUNCT .
"""
DATE_RANGE = """
Russian   1 amod   ADJ   Russian
forces    2 nsubj  NOUN  force
attacked  2 ROOT   VERB  attack
Kharkiv   2 dobj   PROPN Kharkiv
on        2 prep   ADP   on
March     4 pobj   PROPN March
2-3       5 nummod NUM   2-3
.         2 punct  PUNCT .
"""


@pytest.mark.parametrize("table, verb, expected", [
    pytest.param(MATCH, "beat", True, id="beat-ghana-2-1"),
    pytest.param(TROOPS_BEAT, "beat", False, id="not-troops-beat-protesters"),
    pytest.param(DATE_RANGE, "attacked", False, id="not-date-range"),
])
def test_lookalikes_match_result(table, verb, expected):
    assert lookalikes.match_result(word(parse(table), verb)) is expected


STRUCK_AT = """
{}        1 nsubj    {}    {}    {}
struck    1 ROOT     VERB  strike
at        1 prep     ADP   at
the       4 det      DET   the
{}        2 pobj     NOUN  {}
.         1 punct    PUNCT .
"""


@pytest.mark.parametrize("subject, pos, ent, place, expected", [
    pytest.param("Workers", "NOUN", "O", "factory", True, id="workers-at-a-factory"),
    pytest.param("UAW", "PROPN", "B-ORG", "factory", True, id="a-union-at-a-factory"),
    pytest.param("Rebels", "NOUN", "O", "factory", False, id="not-rebels-at-a-factory"),
    pytest.param("Workers", "NOUN", "O", "embassy", False, id="not-at-a-non-workplace"),
    # a state strikes from the air or the ground, never from work
    pytest.param("Russia", "PROPN", "B-GPE", "plant", False, id="not-russia-at-a-power-plant"),
])
def test_lookalikes_at_work(subject, pos, ent, place, expected):
    lemma = subject.lower().removesuffix("s")
    doc = parse(STRUCK_AT.format(subject, pos, lemma, ent, place, place))
    assert lookalikes.at_work(word(doc, "struck")) is expected


A_STRIKE = """
{}        1 nsubj NOUN  {}
{}        1 ROOT  VERB  {}
a         3 det   DET   a
strike    1 dobj  NOUN  strike
.         1 punct PUNCT .
"""


@pytest.mark.parametrize("subject, verb, expected", [
    pytest.param("Teachers", "began", True, id="teachers-began-a-strike"),
    pytest.param("Jets", "launched", False, id="not-jets-launched-a-strike"),
])
def test_lookalikes_by_labour(subject, verb, expected):
    lemmas = {"began": "begin", "launched": "launch"}
    doc = parse(A_STRIKE.format(subject, subject.lower().removesuffix("s"), verb, lemmas[verb]))
    assert lookalikes.by_labour(word(doc, verb)) is expected


STORM_HIT = """
The       1 det   DET   the
{}        2 nsubj NOUN  {}
hit       2 ROOT  VERB  hit
the       4 det   DET   the
coast     2 dobj  NOUN  coast
.         2 punct PUNCT .
"""
HIT_BY = """
The       1 det       DET   the
town      3 nsubjpass NOUN  town
was       3 auxpass   AUX   be
hit       3 ROOT      VERB  hit
by        3 agent     ADP   by
an        6 det       DET   an
{}        4 pobj      NOUN  {}
.         3 punct     PUNCT .
"""
TOWN_WAS_HIT = """
The       1 det       DET   the
town      3 nsubjpass NOUN  town
was       3 auxpass   AUX   be
hit       3 ROOT      VERB  hit
.         3 punct     PUNCT .
"""


@pytest.mark.parametrize("table, expected", [
    pytest.param(STORM_HIT.format("storm", "storm"), True, id="the-storm-hit"),
    pytest.param(HIT_BY.format("earthquake", "earthquake"), True, id="hit-by-an-earthquake"),
    pytest.param(STORM_HIT.format("rebels", "rebel"), False, id="not-the-rebels-hit"),
    pytest.param(HIT_BY.format("airstrike", "airstrike"), False, id="not-hit-by-an-airstrike"),
    pytest.param(TOWN_WAS_HIT, False, id="not-no-doer-named"),
    pytest.param(HIT_BY.format("fire", "fire"), True, id="hit-by-a-fire"),
])
def test_lookalikes_natural_doer(table, expected):
    assert lookalikes.natural_doer(word(parse(table), "hit")) is expected


AVOID = """
The       1 det   DET   the
UN        2 nsubj PROPN UN
urged     2 ROOT  VERB  urge
both      4 det   DET   both
sides     2 dobj  NOUN  side
to        6 aux   PART  to
{}        2 xcomp VERB  {}
violence  6 dobj  NOUN  violence
.         2 punct PUNCT .
"""
REFRAIN = """
Rebels    2 nsubj NOUN  rebel
must      2 aux   AUX   must
refrain   2 ROOT  VERB  refrain
from      2 prep  ADP   from
attacks   3 pobj  NOUN  attack
.         2 punct PUNCT .
"""
DID_NOT_PREVENT = """
Soldiers  3 nsubj NOUN  soldier
did       3 aux   AUX   do
not       3 neg   PART  not
prevent   3 ROOT  VERB  prevent
the       5 det   DET   the
raid      3 dobj  NOUN  raid
.         3 punct PUNCT .
"""


FAILED_TO_PREVENT = """
Police    1 nsubj NOUN  police
failed    1 ROOT  VERB  fail
to        3 aux   PART  to
prevent   1 xcomp VERB  prevent
the       5 det   DET   the
attack    3 dobj  NOUN  attack
.         1 punct PUNCT .
"""


@pytest.mark.parametrize("table, noun, expected", [
    pytest.param(AVOID.format("avoid", "avoid"), "violence", True, id="avoid-violence"),
    pytest.param(REFRAIN, "attacks", True, id="refrain-from-attacks"),
    pytest.param(AVOID.format("end", "end"), "violence", False, id="not-end-violence"),
    pytest.param(FAILED_TO_PREVENT, "attack", False, id="not-failed-to-prevent"),
    pytest.param(DID_NOT_PREVENT, "raid", False, id="not-did-not-prevent"),
])
def test_lookalikes_averted(table, noun, expected):
    assert lookalikes.averted(word(parse(table), noun)) is expected


JACOR = Actor("jacor", "Jacor Communications Inc", "organization")
BELO = Actor("belo", "A.H. Belo", "organization")
UNION = Actor("cosatu", "COSATU", "organization")
GHANA = Actor("GHA", "Ghana", "country", country="GHA", sector="GOV")


@pytest.mark.parametrize("type, sides, lemmas, expected", [
    pytest.param("AGREE", [JACOR, BELO], set(), True, id="a-company-by-its-name"),
    pytest.param("AGREE", [BELO, UNION], {"stake"}, True, id="firms-dealing-in-a-stake"),
    pytest.param("AGREE", [BELO, UNION], {"wage"}, False, id="not-organisations-without-business"),
    pytest.param("AGREE", [JACOR, GHANA], {"stake"}, False, id="not-with-a-state"),
    pytest.param("ASSAULT", [JACOR, BELO], {"stake"}, False, id="not-violence"),
])
def test_lookalikes_between_firms(type, sides, lemmas, expected):
    assert lookalikes.between_firms(type, sides, lemmas) is expected


SPOKE = """
{}        1 nsubj    {}    {}
{}        1 ROOT     VERB  {}
{}        1 {}       ADP   {}
{}        2 pobj     NOUN  {}
.         1 punct    PUNCT .
"""


@pytest.mark.parametrize("subject, pos, verb, prep, dep, thing, expected", [
    pytest.param("Perez", "PROPN", "spoke", "on", "prep", "dengue", True, id="spoke-on-a-subject"),
    pytest.param("Ruto", "PROPN", "spoke", "with", "prep", "Abiy", False, id="not-spoke-with-someone"),
    pytest.param("sides", "NOUN", "talked", "for", "prep", "hours", False, id="not-the-sides-talked"),
])
def test_lookalikes_speech(subject, pos, verb, prep, dep, thing, expected):
    lemmas = {"spoke": "speak", "talked": "talk", "sides": "side"}
    doc = parse(SPOKE.format(subject, pos, lemmas.get(subject, subject), verb, lemmas[verb], prep, dep, prep,
                             thing, thing))
    assert lookalikes.speech(word(doc, verb)) is expected


CALLED = """
Macron    1 nsubj PROPN Macron
called    1 ROOT  VERB  call
the       3 det   DET   the
blast     1 dobj  NOUN  blast
{}
.         1 punct PUNCT .
"""


@pytest.mark.parametrize("rest, expected", [
    pytest.param("attack 1 oprd NOUN attack", True, id="called-the-blast-an-attack"),
    pytest.param("today 1 npadvmod NOUN today", False, id="not-called-someone-today"),
])
def test_lookalikes_naming(rest, expected):
    assert lookalikes.naming(word(parse(CALLED.format(rest)), "called")) is expected
