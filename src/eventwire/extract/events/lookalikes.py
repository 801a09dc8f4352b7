"""Event words used in another sense: a match result, a profit warning, a firm's deal, a strike
at a factory, fighting for an aim. Predicates on one clause of the parse, asked by the events
stage before it keeps a trigger; the word lists live in data/word_sets.tsv.
"""
from __future__ import annotations

import re

from ...data import plover_types, word_pattern, word_set
from ..grammar import MONTH_ABBREVIATIONS, MONTHS, STATE_LABELS
from ..tree import subtree, subtree_ids
from .roles import doer, doer_words
from .triggers import HOSTILE, match

# A match result: a name followed by a score ("beat Ghana 2-1", "drew with Chelsea 1-1").
# A month before the numbers makes them a date range ("on March 2-3"), not a score.
MONTH_NAMES = "|".join((*(m.title() for m in MONTHS), *MONTH_ABBREVIATIONS))
SCORE = re.compile(rf"\b(?!(?:{MONTH_NAMES})\b)[A-Z][\w.]*\s+\d{{1,2}}\s*-\s*\d{{1,2}}\b"
                   r"(?!\s*(?:people|dead|killed|%|percent))")
# "Fight" for an aim is a struggle, not combat, unless an opponent or a hostile aim is named.
STRUGGLE_VERBS = word_set("struggle_verbs")
OPPONENT_PREPS = {"against", "with", "on", "over", "for", "in", "near", "around"}
# Who fights: state forces and irregulars ("troops fought to regain the highway" is combat), and
# the weapons that stand for an unnamed attacker ("a roadside bomb killed ...").
STATE_FORCES = word_set("state_forces")
IRREGULAR_FORCES = word_set("irregular_forces")
WEAPON_NOUNS = word_set("weapon_nouns")
ARMED_NOUNS = STATE_FORCES | IRREGULAR_FORCES
# "warn" is a threat when it names whom or what hostile act; else it forecasts ("profits will fall").
FORECAST_VERBS = word_set("forecast_verbs")
# Where people work: striking "at" one is a labour strike. Animals: their "slaughter" is meat.
WORKPLACES = word_set("workplaces")
LIVESTOCK = word_set("livestock")
# Who strike from work: a "strike" they begin or call is a labour strike.
LABOUR_NOUNS = word_set("labour_nouns")
# Nature does no political act: "Nairobi has been the worst hit by the flu", "wildfires forced the
# evacuation of 3,000 people" (PLOVER leaves natural disasters out).
NATURAL_FORCES = word_set("natural_forces")
# Words that condemn what they name: "called the strikes a war crime" (see condemning_name).
CONDEMNING_NAMES = word_set("condemning_names")
# What one asks that is a question: "asked him a question" (see question).
QUESTION_NOUNS = word_set("question_nouns")
# Who holds talks by phone: states and their organs, parties, rebels, organisations (see private_call).
CALLING_SECTORS = word_set("calling_sectors")
STATE_KINDS = word_set("state_actor_kinds")
# Harm done to people, in the passive: "were not injured" says nobody was (see unharmed).
UNHARMED_VERBS = word_set("unharmed_verbs")
# ... but a fire someone opens is gunfire: "artillery fire by M23 rebels", "rocket fire from Gaza".
FIRING_SOURCES = word_set("firing_sources")
# An act someone avoids or prevents does not take place: "urged both sides to avoid violence".
AVERTING_VERBS = word_set("averting_verbs")
# ... unless the averting failed: "failed to prevent the attack" reports an attack.
FAILING_VERBS = word_set("failing_verbs")
# "fire" and "sack" people are dismissals; "fired rockets", "fired on protesters" stay attacks.
DISMISSAL_VERBS = word_set("dismissal_verbs")
STAFF = word_set("staff")
# What marks a firm: its name's legal form, or the words of its business in the event's clause.
CORPORATE = re.compile(r"\b(" + word_pattern("corporate_forms") + r")\b\.?")
COMMERCIAL_WORDS = word_set("commercial_words")
# Event types a firm's deal or statement can look like; violence and protest are kept whoever does them.
COMMERCIAL_LOOKALIKES = plover_types("commercial_lookalike")


def natural_doer(verb) -> bool:
    """The verb's doer is a force of nature: its subject, or its "by" phrase."""
    return bool(doer_words(verb) & NATURAL_FORCES) and not _gunfire(doer(verb))


GUNFIRE_WORDS = FIRING_SOURCES | WEAPON_NOUNS | ARMED_NOUNS  # who or what fires: "artillery fire", "police fire"


def _gunfire(noun) -> bool:
    """ "artillery fire", "police fire", "Israeli fire", "fire by M23 rebels", "fire from Gaza":
    a fire with a weapon, a force or a side named is shooting, not a blaze."""
    return noun is not None and noun.lemma_.lower() == "fire" and any(
        c.lemma_.lower() in GUNFIRE_WORDS or c.ent_type_ in ("NORP", "ORG", "GPE")
        or (c.dep_ == "prep" and c.lower_ in ("by", "from")) for c in noun.children)


def averted(noun) -> bool:
    """ "avoid violence", "prevent a war", "refrain from attacks": the act named is not happening;
    unless the averting failed ("police failed to prevent the attack", "did not prevent the raid")."""
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ not in ("dobj", "pobj") or head.lemma_.lower() not in AVERTING_VERBS:
        return False
    failed = head.dep_ == "xcomp" and head.head.lemma_.lower() in FAILING_VERBS
    return not failed and not any(c.dep_ == "neg" for c in head.children)


def match_result(verb) -> bool:
    """ "the Super Eagles beat Ghana 2-1": a score in the verb's phrase."""
    words = subtree_ids(verb)
    return bool(SCORE.search(verb.doc[words[0]:words[-1] + 1].text))


def aim(verb) -> bool:
    """ "India has targeted to produce 180 mln tonnes": an aim, not an attack."""
    return any(c.dep_ == "xcomp" for c in verb.children) and not any(
        c.dep_ in ("dobj", "nsubjpass") for c in verb.children)


def dismissal(verb) -> bool:
    """ "firms may fire workers": staff or a person fired is a dismissal, not a shooting."""
    return verb.lemma_.lower() in DISMISSAL_VERBS and any(
        c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in STAFF or c.ent_type_ == "PERSON")
        for c in verb.children)


def struggle(verb) -> bool:
    """ "fighting hard to prevent a takeover": an aim and no opponent, place, armed fighters or
    hostile aim ("fought to capture the town" stays combat, as does "fought rebels near Goma")."""
    if verb.lemma_.lower() not in STRUGGLE_VERBS:
        return False
    aims = [c for c in verb.children if c.dep_ == "xcomp" or (
        c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]
    if not aims or any(c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "prep" and c.lower_ in OPPONENT_PREPS)
                       or (c.dep_ == "nsubj" and c.lemma_.lower() in ARMED_NOUNS) for c in verb.children):
        return False
    return not any((entry := match(aim)) is not None and entry.type in HOSTILE for aim in aims)


def forecast(verb, recipients) -> bool:
    """ "the company warned that profits would halve": a warning to nobody of nothing hostile."""
    if verb.lemma_.lower() not in FORECAST_VERBS:
        return False
    if recipients or any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return False  # "warned Iran", "warned the rebels that ..."
    said = [t for c in verb.children if c.dep_ in ("ccomp", "xcomp") for t in subtree(c)]
    return not any((entry := match(t)) is not None and entry.type in HOSTILE for t in said)


def homecoming(verb) -> bool:
    """ "his wife returned to the family home", "the minister is due to return home": someone
    going back, with nothing returned and no force withdrawing ("returned the seized land",
    "hostages were returned", "troops returned to their barracks" stay a retreat)."""
    if verb.lemma_.lower() != "return" or any(c.dep_ in ("dobj", "dative", "nsubjpass") for c in verb.children):
        return False
    mover = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if mover is None and verb.dep_ == "xcomp":  # "is due to return home": the subject of "due"
        mover = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return mover is None or mover.lemma_.lower() not in ARMED_NOUNS and mover.lower_ not in ARMED_NOUNS


def speech(verb) -> bool:
    """ "the minister spoke today on the status of two diseases": speaking or talking with no
    one named to talk with (no "with" or "to" phrase, no object, one speaker) is a statement,
    not talks; "the two sides talked", "spoke with Abiy by phone" stay CONSULT."""
    if verb.lemma_.lower() not in ("speak", "talk"):
        return False
    if any(c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("with", "to"))
           for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    plural = subject.tag_ in ("NNS", "NNPS") or (subject.pos_ == "NOUN" and subject.lower_ != subject.lemma_.lower())
    return not plural and not any(c.dep_ == "conj" for c in subject.children)


def naming(verb) -> bool:
    """ "what Macron called an attack", "called the explosion an attack": a naming, not a call."""
    return verb.lemma_.lower() == "call" and any(c.dep_ == "oprd" for c in verb.children)


def question(verb) -> bool:
    """ "Mendeloff asked.", "asked the agent if there was any evidence", "asked him a question":
    asking a question is no request. "asked Congress for aid", "asked the UN to intervene", "asked
    that the court drop the case", "asked permission" stay REQUEST."""
    if verb.lemma_.lower() != "ask":
        return False
    for child in verb.children:
        if child.dep_ == "xcomp" or (child.dep_ == "prep" and child.lower_ == "for"):
            return False
        if any(g.dep_ == "aux" and g.tag_ == "TO" for g in child.children):  # "... on Wednesday to explain"
            return False
        if child.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
            return False
        if (child.dep_ == "dobj" and child.pos_ == "NOUN" and not child.ent_type_
                and child.lemma_.lower() not in QUESTION_NOUNS):
            return False
    return True


def private_call(verb, actors, recipients) -> bool:
    """ "he called Elliott's to obtain a price quote", "prosecutors also called the manager":
    a phone call is talks (PLOVER CONSULT) between parties of political standing, a state, its
    organs and officials, a party, an organisation ("Biden called Erdogan"); a call to a firm,
    a witness or a tip line is none. `actors`, `recipients`: the sides' records."""
    if verb.lemma_.lower() != "call":
        return False

    def standing(side) -> bool:
        return any(a.kind in STATE_KINDS or (a.sector or "") in CALLING_SECTORS for a in side)

    return not (standing(actors) and standing(recipients))


def unharmed(verb) -> bool:
    """ "the troopers inside the vehicle were not injured": a passive of harm, negated, with no
    doer named, tells that nobody was harmed, not of an attack that did not happen."""
    return (verb.lemma_.lower() in UNHARMED_VERBS and any(c.dep_ == "neg" for c in verb.children)
            and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
            and not any(c.dep_ == "agent" for c in verb.children))


def condemning_name(verb) -> bool:
    """ "Iran called the strikes a war crime", "called the decree tyranny": calling something by a
    word of condemnation accuses (PLOVER ACCUSE, disapprove), whatever the small parser makes of
    the two objects."""
    if verb.lemma_.lower() != "call":
        return False
    named = [w for c in verb.children if c.dep_ in ("dobj", "oprd") for w in c.subtree
             if w.dep_ not in ("relcl", "acl") and w.head.dep_ not in ("relcl", "acl")]
    return any(w.lemma_.lower() in CONDEMNING_NAMES or w.lower_ in CONDEMNING_NAMES for w in named)


def livestock(noun) -> bool:
    """ "today's hog slaughter": meat, not a massacre."""
    return any(c.dep_ == "compound" and c.lemma_.lower() in LIVESTOCK for c in noun.children)


def by_labour(verb) -> bool:
    """ "teachers began a strike", "the union called a strike", "the United Auto Workers struck
    GM's plants" (a union's name ends in its members): a labour strike, not an attack."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and bool(
        {subject.lemma_.lower(), subject.lower_, subject.lower_.removesuffix("s")} & LABOUR_NOUNS)


def at_work(verb) -> bool:
    """ "struck at three GM factories": a strike at a workplace, by no armed subject and no state."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and (subject.lemma_.lower() in ARMED_NOUNS | WEAPON_NOUNS
                                or subject.ent_type_ in STATE_LABELS):
        return False
    return any(g.lemma_.lower() in WORKPLACES for c in verb.children if c.dep_ == "prep" and c.lower_ == "at"
               for g in c.children if g.dep_ == "pobj")


def between_firms(event_type: str, sides, lemmas: set[str]) -> bool:
    """ "Jacor Communications agreed to buy two radio stations from A.H. Belo": organisations of no
    state or sector on every side (`sides`: the event's actor records) of a cooperative or verbal
    act, named as companies or dealing in shares, stakes and sales, are firms doing business."""
    if event_type not in COMMERCIAL_LOOKALIKES or not sides:
        return False
    if not all(a.kind == "organization" and not a.country and not a.sector for a in sides):
        return False
    return any(CORPORATE.search(a.name) for a in sides) or bool(lemmas & COMMERCIAL_WORDS)
