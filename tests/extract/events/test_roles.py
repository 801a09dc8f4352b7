"""roles.py on hand-made parses: who did what to whom around one event word.

Each case is a sentence, its parse (word head dep pos lemma), the actors the actors stage would
have found in it, and the roles expected; no statistical model is involved.
"""
import pytest

from eventwire.extract.events.roles import ActorIndex, doer_words, has_agent, noun_roles, verb_roles

from .parses import actor, parse, word

ACTIVE = """
Russia    1 nsubj PROPN Russia
attacked  1 ROOT  VERB  attack
Ukraine   1 dobj  PROPN Ukraine
.         1 punct PUNCT .
"""
PASSIVE_BY = """
The       1 det       DET   the
party     3 nsubjpass NOUN  party
was       3 auxpass   AUX   be
suspended 3 ROOT      VERB  suspend
by        3 agent     ADP   by
the       6 det       DET   the
registrar 4 pobj      NOUN  registrar
.         3 punct     PUNCT .
"""
PASSIVE = """
The       1 det       DET   the
party     3 nsubjpass NOUN  party
was       3 auxpass   AUX   be
suspended 3 ROOT      VERB  suspend
.         3 punct     PUNCT .
"""
DATIVE = """
Japan     1 nsubj  PROPN Japan
gave      1 ROOT   VERB  give
Tanzania  1 dative PROPN Tanzania
a         4 det    DET   a
grant     1 dobj   NOUN  grant
.         1 punct  PUNCT .
"""
MEDIATE_BETWEEN = """
Turkey    1 nsubj PROPN Turkey
offered   1 ROOT  VERB  offer
to        3 aux   PART  to
mediate   1 xcomp VERB  mediate
between   3 prep  ADP   between
Russia    4 pobj  PROPN Russia
and       5 cc    CCONJ and
Ukraine   5 conj  PROPN Ukraine
.         1 punct PUNCT .
"""
MISSION_BETWEEN = """
Turkey    1 nsubj    PROPN Turkey
undertook 1 ROOT     VERB  undertake
a         4 det      DET   a
mediation 4 compound NOUN  mediation
mission   1 dobj     NOUN  mission
between   4 prep     ADP   between
Syria     5 pobj     PROPN Syria
and       6 cc       CCONJ and
Israel    6 conj     PROPN Israel
.         1 punct    PUNCT .
"""
RECEIVED = """
Sudan     1 nsubj    PROPN Sudan
received  1 ROOT     VERB  receive
food      3 compound NOUN  food
aid       1 dobj     NOUN  aid
from      1 prep     ADP   from
Egypt     4 pobj     PROPN Egypt
.         1 punct    PUNCT .
"""
# "it" stands for the state named before it, never for a person.
IT_SAID = """
{}        1 nsubj PROPN {}
said      1 ROOT  VERB  say
it        4 nsubj PRON  it
would     4 aux   AUX   would
reject    1 ccomp VERB  reject
the       6 det   DET   the
plan      4 dobj  NOUN  plan
.         1 punct PUNCT .
"""
# A dateline parsed into the subject: the country of the dateline does not abduct anyone.
DATELINE = """
KADUNA    4 nmod   PROPN Kaduna
,         0 punct  PUNCT ,
Nigeria   0 appos  PROPN Nigeria
-         4 punct  PUNCT -
Gunmen    5 nsubj  NOUN  gunman
abducted  5 ROOT   VERB  abduct
30        7 nummod NUM   30
pupils    5 dobj   NOUN  pupil
.         5 punct  PUNCT .
"""
# A named state nearby, but nobody named cuts the prices.
PRICES_CUT = """
Kenya     1 nsubj     PROPN Kenya
said      1 ROOT      VERB  say
prices    4 nsubjpass NOUN  price
were      4 auxpass   AUX   be
cut       1 ccomp     VERB  cut
.         1 punct     PUNCT .
"""
RAIN = """
Heavy     1 amod  ADJ   heavy
rain      2 nsubj NOUN  rain
hit       2 ROOT  VERB  hit
Kenya     2 dobj  PROPN Kenya
.         2 punct PUNCT .
"""
GUNMEN = """
Gunmen    1 nsubj NOUN  gunman
attacked  1 ROOT  VERB  attack
the       3 det   DET   the
village   1 dobj  NOUN  village
.         1 punct PUNCT .
"""
CIVILIAN_KILLED = """
A         1 det       DET   a
civilian  3 nsubjpass NOUN  civilian
was       3 auxpass   AUX   be
killed    3 ROOT      VERB  kill
.         3 punct     PUNCT .
"""
# The model sometimes labels a passive subject nsubj: the auxiliary still says it is passive.
PASSIVE_AS_NSUBJ = """
Kenya     2 nsubj   PROPN Kenya
was       2 auxpass AUX   be
hit       2 ROOT    VERB  hit
.         2 punct   PUNCT .
"""
STOCKS = """
Stocks    1 nsubj  NOUN  stock
rallied   1 ROOT   VERB  rally
sharply   1 advmod ADV   sharply
.         1 punct  PUNCT .
"""
# Two sentences: "the alliance" refers back to NATO; "he" to the person named before.
ALLIANCE = """
NATO      1 nsubj PROPN NATO
met       1 ROOT  VERB  meet
.         1 punct PUNCT .
The       4 det   DET   the
alliance  5 nsubj NOUN  alliance
warned    5 ROOT  VERB  warn
Russia    5 dobj  PROPN Russia
.         5 punct PUNCT .
"""
ANNAN_HE = """
Annan     1 nsubj PROPN Annan
said      1 ROOT  VERB  say
he        4 nsubj PRON  he
would     4 aux   AUX   would
resign    1 ccomp VERB  resign
.         1 punct PUNCT .
"""


def index_of(*actors, anaphora=None):
    return ActorIndex(list(actors), anaphora or {})


@pytest.mark.parametrize("table, verb, named, expected", [
    pytest.param(ACTIVE, "attacked", {"RUS": "Russia", "UKR": "Ukraine"}, (["RUS"], ["UKR"]), id="active"),
    # the actor is the "by" agent, the subject suffers it
    pytest.param(PASSIVE_BY, "suspended", {"PTY": "party", "REG": "registrar"}, (["REG"], ["PTY"]),
                 id="passive-by-agent"),
    pytest.param(PASSIVE, "suspended", {"PTY": "party"}, ([], ["PTY"]), id="passive-no-agent"),
    pytest.param(DATIVE, "gave", {"JPN": "Japan", "TZA": "Tanzania"}, (["JPN"], ["TZA"]), id="dative"),
    # the subject of "offered" mediates; both sides of "between" receive it
    pytest.param(MEDIATE_BETWEEN, "mediate", {"TUR": "Turkey", "RUS": "Russia", "UKR": "Ukraine"},
                 (["TUR"], ["RUS", "UKR"]), id="xcomp-between"),
    pytest.param(IT_SAID.format("Syria", "Syria"), "reject", {"SYR": "Syria"}, (["SYR"], []),
                 id="it-is-the-state-before"),
    pytest.param(DATELINE, "abducted", {"NGA": "Nigeria"}, ([], []), id="none-dateline-country"),
    pytest.param(PRICES_CUT, "cut", {"KEN": "Kenya"}, ([], []), id="none-passive-no-name"),
    pytest.param(RAIN, "hit", {"KEN": "Kenya"}, ([], ["KEN"]), id="none-rain-hits"),
])
def test_roles_verb_roles(table, verb, named, expected):
    doc = parse(table)
    index = index_of(*(actor(doc, id, text) for id, text in named.items()))
    assert verb_roles(word(doc, verb), index)[:2] == expected


@pytest.mark.parametrize("table, verb, named, rules", [
    pytest.param(ACTIVE, "attacked", {"RUS": "Russia", "UKR": "Ukraine"},
                 ("the subject: named in the phrase", "the object"), id="active"),
    pytest.param(PASSIVE_BY, "suspended", {"PTY": "party", "REG": "registrar"},
                 ("the passive's 'by' phrase: named in the phrase", "the passive subject: named in the phrase"),
                 id="passive-by-agent"),
    pytest.param(MEDIATE_BETWEEN, "mediate", {"TUR": "Turkey", "RUS": "Russia", "UKR": "Ukraine"},
                 ("the subject: named in the phrase", "a preposition of the verb or its object"), id="xcomp-between"),
    pytest.param(IT_SAID.format("Syria", "Syria"), "reject", {"SYR": "Syria"},
                 ("the subject: 'it': the state or body named before it in the sentence", ""),
                 id="it-is-the-state-before"),
    pytest.param(DATELINE, "abducted", {"NGA": "Nigeria"}, ("", ""), id="none-found-no-rule"),
])
def test_roles_verb_roles_names_the_rule_that_fired(table, verb, named, rules):
    doc = parse(table)
    index = index_of(*(actor(doc, id, text) for id, text in named.items()))
    found = verb_roles(word(doc, verb), index)
    assert (found.actor_rule, found.recipient_rule) == rules


def test_roles_it_is_never_a_person():
    doc = parse(IT_SAID.format("Annan", "Annan"))
    index = index_of(actor(doc, "annan", "Annan", kind="person"))
    assert verb_roles(word(doc, "reject"), index)[:2] == ([], [])


@pytest.mark.parametrize("table, noun, named, expected", [
    # the light verb's subject gives, its dative receives
    pytest.param(DATIVE, "grant", {"JPN": "Japan", "TZA": "Tanzania"}, (["JPN"], ["TZA"], "gave"),
                 id="dative-light-verb"),
    # "mediation mission": the carrier noun's "between" names both sides
    pytest.param(MISSION_BETWEEN, "mediation", {"TUR": "Turkey", "SYR": "Syria", "ISR": "Israel"},
                 (["TUR"], ["SYR", "ISR"], "undertook"), id="carrier-between"),
    # "received aid from Egypt": the giver acts, the subject receives
    pytest.param(RECEIVED, "aid", {"SDN": "Sudan", "EGY": "Egypt"}, (["EGY"], ["SDN"], "received"),
                 id="received-from"),
])
def test_roles_noun_roles(table, noun, named, expected):
    doc = parse(table)
    index = index_of(*(actor(doc, id, text) for id, text in named.items()))
    roles, anchor = noun_roles(word(doc, noun), index)
    assert (roles.actors, roles.recipients, anchor.text) == expected
    assert roles.actor_rule and roles.recipient_rule  # each role names the rule that found it


@pytest.mark.parametrize("table, verb, expected", [
    pytest.param(GUNMEN, "attacked", True, id="agent-noun-subject"),
    pytest.param(CIVILIAN_KILLED, "killed", True, id="passive-person-suffers"),
    pytest.param(STOCKS, "rallied", False, id="none-stocks"),
    pytest.param(RAIN, "hit", False, id="none-rain"),
    pytest.param(PRICES_CUT, "cut", False, id="none-passive-prices"),
])
def test_roles_has_agent_without_named_actors(table, verb, expected):
    assert has_agent(word(parse(table), verb), []) is expected


@pytest.mark.parametrize("table, verb, expected", [
    pytest.param(ACTIVE, "attacked", {"russia"}, id="active-subject"),
    pytest.param(PASSIVE_BY, "suspended", {"registrar"}, id="passive-by-phrase"),
    pytest.param(PASSIVE, "suspended", set(), id="none-passive-subject-is-not-the-doer"),
    pytest.param(PASSIVE_AS_NSUBJ, "hit", set(), id="none-passive-subject-labelled-nsubj"),
    pytest.param(DATIVE, "grant", set(), id="none-not-a-verb"),
])
def test_roles_doer_words(table, verb, expected):
    assert doer_words(word(parse(table), verb)) == expected


def test_roles_of_phrase_anaphora_reaches_back_to_its_kind():
    doc = parse(ALLIANCE)
    nato = actor(doc, "NATO", "NATO", kind="organization", sector="IGO")
    alliance = word(doc, "alliance")
    assert index_of(nato, anaphora={"alliance": {"IGO"}}).of_phrase(alliance) == ["NATO"]
    assert index_of(nato, anaphora={"alliance": {"GOV"}}).of_phrase(alliance) == []


def test_roles_of_phrase_he_is_the_person_before():
    doc = parse(ANNAN_HE)
    he = word(doc, "he")
    assert index_of(actor(doc, "annan", "Annan", kind="person")).of_phrase(he) == ["annan"]
    assert index_of(actor(doc, "UN", "Annan", kind="organization")).of_phrase(he) == []
