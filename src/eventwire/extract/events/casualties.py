"""Killed and injured counts of one event mention, read from the parse of its clause.

A toll is a number that counts the victims of a kill, die or injure word ("killed twenty-five
people", "was shot dead", "the death toll rose to 12", "three bodies were found"): number words
grouped, lists summed, one person for a singular victim. Numbers that count something else
(ages, dates, calibres, unit numbers, times) are never victims here, so never tolls. Must not
turn a vague toll ("dozens killed") into a number, nor count attackers' own dead as victims.
"""
from __future__ import annotations

from ...data import word_set
from ..grammar import (CONDITIONAL_MARKS, DEFINITE, NEAR_MISS, NO_ONE, NOT_DONE_AUX, REFLEXIVES,
                       SHARING_DEPS, TOLL_PREPS)
from ..grammar import PERSON_PRONOUNS as SINGLE_PRONOUNS
from ..quantities import number_group

KILL_LEMMAS = word_set("kill_lemmas")
DIE_LEMMAS = word_set("die_lemmas")
INJURE_LEMMAS = word_set("injure_lemmas")
# "two gunmen were shot dead after they killed three shoppers": the attackers' own dead.
ASSAILANT_NOUNS = word_set("assailant_nouns")
# "12 deaths", "three fatalities"; "the death toll"; "three bodies were found".
DEATH_NOUNS = word_set("death_nouns")
BODY_FOUND_VERBS = word_set("body_found_verbs")
# What a kill verb kills that is not a person: "killed the bill", "killed the engine".
NOT_VICTIMS = word_set("not_victim_nouns")
# Words that count people without a number: "dozens were killed" says no number.
VAGUE_COUNTS = word_set("vague_counts")
# Entity labels of numbers that count something other than people (spaCy's English labels).
NOT_COUNTS = {"DATE", "TIME", "QUANTITY", "ORDINAL", "MONEY", "PERCENT"}
LETHAL_ADVERBS = {"fatally"}  # "fatally shot", "fatally stabbed"
ACTIVE_DEPS = ("dobj",)
# Clauses that share their governor's subject ("was found shot and killed": three verbs up), and
# how far up it is looked for.
SHARED_SUBJECT_DEPTH = 3
# Harm that wounds unless the text says it killed: "was shot in the leg" is one injured.
WOUNDING_VERBS = word_set("wounding_verbs")
KILLED, INJURED, SHOT, SHOT_KNOWN = "killed", "injured", "shot", "shot_known"
# A count of victims not known: vague, or a plural noun with no number ("civilians were killed").
UNKNOWN = None


def casualties(tokens) -> dict[str, int | None]:
    """Counts from the casualty words among `tokens` (a mention's scope): killed, injured,
    shot (wounded unless told killed) and shot_known (shot, all named or referred back to:
    "she shot her daughter", maybe a death told elsewhere). Several readings of one kind in a
    clause restate one toll, so the largest is kept."""
    found = {KILLED: [], INJURED: [], SHOT: [], SHOT_KNOWN: []}
    for token in tokens:
        reading = _reading(token)
        if reading is None:
            continue
        kind, victims = reading
        count = _count_victims(victims, token)
        if count is UNKNOWN:
            continue
        if kind == SHOT and all(_referring(v) for v in victims):
            kind = SHOT_KNOWN
        found[kind].append(count)
    return {kind: max(counts) if counts else None for kind, counts in found.items()}


def wounded(counts: dict) -> int | None:
    """The injured of an event from its counts (`casualties`, merged; the shot ones taken out):
    those said to be, else those shot and not said to have died ("two men were shot; one died":
    one injured)."""
    injured, killed = counts.get(INJURED), counts.get(KILLED) or 0
    shot = max(counts.pop(SHOT, None) or 0, counts.pop(SHOT_KNOWN, None) or 0)
    if injured is not None or not shot:
        return injured
    return shot - killed if shot > killed else None


def told_dead(counts: dict, article_killed: int) -> None:
    """Those shot who are named or referred back to ("the man was shot") are the dead the
    article tells of elsewhere when it has as many: they are not wounded as well."""
    if counts.get(SHOT_KNOWN) and counts[SHOT_KNOWN] <= article_killed:
        counts[SHOT_KNOWN] = None


def _referring(victim) -> bool:
    """A victim named or referred back to: a name, a pronoun, "the man", "her daughter"."""
    if victim.pos_ in ("PROPN", "PRON"):
        return True
    return any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in victim.children)


def tolls_outside(doc, covered: set[int], is_trigger):
    """(token, kind, count) for each toll told outside every event's clause by a word that is
    no event trigger itself: "He died in hospital", "the death toll rose to 12", "three bodies
    were found". The events stage gives each to an assault of its sentence, else the one told
    before it."""
    for token in doc:
        reading = None if token.i in covered else _reading(token)
        if reading is None or is_trigger(token):
            continue
        if (count := _count_victims(reading[1], token)) is not UNKNOWN:
            yield token, reading[0], count


def harms(token) -> bool:
    """Whether `token` is a passive that says a known number of people were killed or injured
    and names no doer ("the victim was shot and killed"): an assault by someone unnamed. Not
    an active verb or a "by" phrase: "floods have killed 31 people" names a doer, not a person."""
    clauses = [token, token.head] if token.dep_ == "conj" else [token]
    if not _passive(token) or any(c.dep_ == "agent" for t in clauses for c in t.children):
        return False
    reading = _reading(token)
    return reading is not None and _count_victims(reading[1], token) is not UNKNOWN


def _reading(token):
    """(kind, victim tokens) where `token` says people were killed or injured, else None."""
    if not _factual(token):
        return None  # "threatened to kill", "could have killed", "was not injured"
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in KILL_LEMMAS | INJURE_LEMMAS:
        return (INJURED if lemma in INJURE_LEMMAS else KILLED), _victims(token)
    if token.pos_ == "VERB" and lemma in DIE_LEMMAS and not any(c.dep_ == "prt" for c in token.children):
        return KILLED, _subjects(token, ("nsubj",))  # not "died off", "died out"
    if token.pos_ == "VERB" and _lethal(token):  # "shot dead", "beaten to death", "found dead"
        return KILLED, _victims(token)
    if token.pos_ == "VERB" and lemma in WOUNDING_VERBS and not any(
            c.dep_ == "prt" or (c.lower_ == "at" and not any(c.children)) for c in token.children):
        victims = _victims(token)  # "was shot in the back"; not "shot down", "was shot at"
        if token.tag_ == "VBG" and victims and all(v.i == token.i + 1 and v.lemma_.lower() in ASSAILANT_NOUNS
                                                   for v in victims):
            return None  # "shooting suspect Earnest Hardy": a name for the suspect, read as a verb
        return SHOT, victims
    if token.pos_ == "VERB" and lemma == "gun" and any(c.lower_ == "down" for c in token.children):
        return KILLED, _victims(token)  # "gunned down"
    if token.lower_ == "dead" and token.pos_ in ("ADJ", "NOUN") and token.dep_ not in ("oprd", "acomp", "xcomp", "amod"):
        return KILLED, [c for c in token.children if c.dep_ == "nummod"] or _copula_subject(token)
    if token.lower_ == "dead" and token.dep_ == "acomp" and token.head.lemma_ == "be":
        return KILLED, _copula_subject(token)  # "two people are dead"
    if token.pos_ == "NOUN" and lemma in DEATH_NOUNS and any(c.dep_ == "nummod" for c in token.children):
        return KILLED, [token]  # "12 deaths", "three fatalities"
    if token.pos_ == "NOUN" and lemma == "toll":
        return KILLED, _toll_numbers(token)
    if token.pos_ == "NOUN" and lemma == "body" and token.head.lemma_.lower() in BODY_FOUND_VERBS \
            and token.dep_ in ("nsubjpass", "dobj"):
        return KILLED, [token]  # "three bodies were found"
    return None


def _factual(token) -> bool:
    """Whether a word tells of harm done, not harm intended, possible or denied: no "to"
    infinitive, modal, negation or condition on it (or, for "shot and killed", on its head)."""
    clauses = [token, token.head] if token.dep_ == "conj" else [token]
    for clause in clauses:
        for child in clause.children:
            if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in NOT_DONE_AUX) or (
                    child.dep_ == "advmod" and child.lower_ in NEAR_MISS) or (
                    child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS):
                return False
    return True


def _lethal(verb) -> bool:
    """Whether a verb of harm is said to have killed: "shot dead", "stabbed to death"."""
    for child in verb.children:
        if child.lower_ in LETHAL_ADVERBS and child.dep_ == "advmod":
            return True  # "fatally shot"
        if child.lower_ == "dead" and child.dep_ in ("oprd", "acomp", "advmod", "xcomp", "ccomp"):
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(
                g.lemma_.lower() == "death" for g in child.children if g.dep_ == "pobj"):
            return True
    return False


def _passive(verb) -> bool:
    """A passive or a bare participle: "were killed", "12 injured", "9 wounded" (no object)."""
    children = list(verb.children)
    if any(c.dep_ == "auxpass" for c in children):
        return True
    has_aux = any(c.dep_ == "aux" for c in children)
    return verb.tag_ == "VBN" and not has_aux and not any(c.dep_ == "dobj" for c in children)


def _victims(verb) -> list:
    """Who a kill or injure verb harmed: its object, or its subject when passive; a verb
    that shares a subject with the one before it ("were shot and killed") takes that one's."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.like_num:
        return [verb.head]  # "3 dead, 12 injured"
    if _passive(verb):
        found = _subjects(verb, ("nsubjpass", "nsubj"))
    else:
        found = [c for c in verb.children if c.dep_ in ACTIVE_DEPS]
    if not found and verb.dep_ in ("xcomp", "oprd", "ccomp"):  # "found him shot to death"
        found = [c for c in verb.head.children if c.dep_ in ACTIVE_DEPS]
        if not found and verb.head.lemma_.lower() in BODY_FOUND_VERBS:  # "found Gyger shot" as a clause
            found = [c for c in verb.children if c.dep_ == "nsubj"]
    return found


def _subjects(verb, deps) -> list:
    """The verb's own subject, else the one it shares: "were shot and killed" (conj), "died
    after being shot" (a clause under a preposition or an adverbial clause of the verb)."""
    own = [c for c in verb.children if c.dep_ in deps]
    for _ in range(SHARED_SUBJECT_DEPTH):
        if own or verb.dep_ not in SHARING_DEPS:
            break
        governor = verb.head.head if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" else verb.head
        if governor.i == verb.i or governor.pos_ not in ("VERB", "AUX"):
            break
        verb = governor
        own = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
    return own


def _copula_subject(token) -> list:
    head = token.head if token.head.i != token.i else token
    return [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]


def _toll_numbers(toll) -> list:
    """The number a toll is given as: "a toll of 12", "the toll rose to 12", "the toll is 12"."""
    places = [toll]
    if toll.dep_ in ("nsubj", "nsubjpass"):
        places.append(toll.head)
    for place in places:
        for child in place.children:
            if child.dep_ == "prep" and child.lower_ in TOLL_PREPS:
                numbers = [g for g in child.children if g.dep_ == "pobj" and g.like_num]
                if numbers:
                    return numbers
            if place is not toll and child.dep_ in ("attr", "dobj") and child.like_num:
                return [child]
    return []


def _count_victims(victims, verb) -> int | None:
    """How many people `victims` (a phrase's head tokens, with their conjuncts) are; None when
    that is not known or when all are attackers (reflexive, or assailants beside other victims)."""
    heads = []
    for victim in victims:
        heads += _conjuncts(victim)
    heads = [h for h in heads if h.lower_ not in REFLEXIVES]
    if heads and _attackers_beside_victims(heads, verb):
        return UNKNOWN
    counts = [_count_one(h) for h in heads]
    if not counts or any(c is UNKNOWN for c in counts):
        return UNKNOWN
    return sum(counts)


def _conjuncts(token) -> list:
    out, todo = [], [token]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "NUM", "PRON")]
    return sorted(out, key=lambda t: t.i)


def _attackers_beside_victims(heads, verb) -> bool:
    """Every victim is an assailant ("two gunmen were shot dead") and the sentence tells of
    other victims of theirs ("after they killed three shoppers"): the attackers' own dead."""
    if not all(h.lemma_.lower() in ASSAILANT_NOUNS or h.lower_ in ASSAILANT_NOUNS for h in heads):
        return False
    for token in verb.sent:
        if token.i == verb.i:
            continue
        reading = _reading(token)
        if reading and reading[0] == KILLED and any(
                v.lemma_.lower() not in ASSAILANT_NOUNS and v.lower_ not in REFLEXIVES
                for v in reading[1]):
            return True
    return False


def _count_one(head) -> int | None:
    """How many people one victim head counts: its number, 1 for a singular person, else None."""
    if head.lower_ in VAGUE_COUNTS or head.lower_ in NO_ONE or any(
            c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return UNKNOWN  # "dozens", "no one", "no officers"
    if head.like_num or head.pos_ == "NUM":
        return _value(head)
    numbers = [c for c in head.children if c.dep_ == "nummod"]
    if numbers:
        return _value(numbers[0])
    if head.pos_ == "PRON":
        return 1 if head.lower_ in SINGLE_PRONOUNS else UNKNOWN
    if head.pos_ == "PROPN" and head.tag_ == "NNPS":
        return UNKNOWN  # "Homeowners died off": a plural, not a name
    if head.pos_ == "PROPN":  # a name: a person, unless the NER or an apposition says otherwise
        appositions = [c for c in head.children if c.dep_ == "appos" and not c.like_num]  # not an age
        if appositions:
            return 1 if any(a.tag_ == "NN" for a in appositions) else UNKNOWN
        return 1 if head.ent_type_ in ("PERSON", "") else UNKNOWN
    if head.lemma_.lower() in NOT_VICTIMS:
        return UNKNOWN
    if head.tag_ in ("NN",) or (head.pos_ == "ADJ" and any(
            c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)):
        return 1  # "a man", "his wife", "a 22-year-old"
    return UNKNOWN


def _value(number) -> int | None:
    if number.ent_type_ in NOT_COUNTS or number.lower_ in VAGUE_COUNTS:
        return UNKNOWN
    value = number_group(number)[1]
    return int(value) if value is not None and float(value).is_integer() else UNKNOWN
