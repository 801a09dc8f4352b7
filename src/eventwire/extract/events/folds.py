"""Event words that only restate another in their clause: "an attack ... which killed", "carried
out an attack", "go on strike", "called a strike", "cancelled a planned visit", "violated the ceasefire". The events
stage keeps one mention for both.
"""
from __future__ import annotations

from ...data import word_set
from ..tree import subtree_ids
from .rules import halts
from .triggers import COOPERATIVE, HOSTILE, agent_like, base_forms

# "called a strike", "called a meeting": the call announces the event its object names.
CALLING_VERBS = word_set("calling_verbs")


def folded(token, entry, found):
    """The trigger that `token` only restates, if any: "an attack ... which killed", "the
    bombing killed 4" (the verb restates the noun), "carried out an attack" (the noun the verb)."""
    base = token
    while base.dep_ == "conj" and base.head.i != base.i:  # "killed one and injured nine"
        base = base.head
    for other, other_entry in found:
        if other.i == token.i:
            continue
        if token.pos_ == "VERB" and other.pos_ != "VERB" and other.head.i == token.i \
                and other.dep_ in ("dobj", "nsubjpass") and halts(token, other_entry.type):
            return other  # "cancelled a planned visit": one SANCTION, not a REJECT besides
        if token.pos_ == "VERB" and other.pos_ != "VERB" and other.head.i == token.i and other.dep_ == "dobj" \
                and any(f in CALLING_VERBS for f in base_forms(token)) \
                and not any(c.dep_ == "prt" for c in token.children):
            return other  # "called a general strike": one PROTEST, no phone call ("called off": halting)
        if token.pos_ != "VERB" and other.pos_ == "VERB" and len(other_entry.words) > 1 \
                and token.lemma_.lower() in other_entry.words[1:] and _near(token, other) \
                and not halts(other, entry.type):
            return other  # "go on strike": the noun is part of the verb's own trigger
        if token.pos_ != "VERB" and other.pos_ == "VERB" and entry.type in COOPERATIVE \
                and other_entry.type in HOSTILE and _object_of(token, other) \
                and not halts(other, entry.type):  # the halting rule keeps the noun instead
            return other  # "violated the ceasefire", "boycotted the talks": no ceasefire, no talks
        if other_entry.type != entry.type:
            continue
        if token.pos_ == "VERB" and other.pos_ != "VERB" and _has_victims(base):
            phrase = set(subtree_ids(other))
            linked = ((base.dep_ == "relcl" and base.head.i in phrase)
                      or any(c.i == other.i for c in base.children if c.dep_ in ("nsubj", "nsubjpass"))
                      or any(g.i == other.i for c in base.children
                             if c.dep_ == "prep" and c.lower_ in ("in", "during")
                             for g in c.children))  # "five were killed in the attack"
            if linked:
                return other
        if token.pos_ != "VERB" and other.pos_ == "VERB" and token.head.i == other.i \
                and token.dep_ in ("dobj", "pobj", "npadvmod"):
            return other
    return None


def _near(token, verb) -> bool:
    """A child or grandchild of the verb, where the lexicon's extra words are looked for."""
    return token.head.i == verb.i or token.head.head.i == verb.i


def _object_of(noun, verb) -> bool:
    """The noun is the verb's object, directly, as a modifier of it ("violated the ceasefire
    agreement") or through one preposition ("withdrew from the deal")."""
    if noun.dep_ == "compound":
        noun = noun.head
    if noun.head.i == verb.i and noun.dep_ in ("dobj", "nsubjpass"):
        return True
    return noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.i == verb.i


def _has_victims(verb) -> bool:
    """ "killed six people", "killed 4": people or a number suffer it ("hurt his campaign" does not)."""
    sufferers = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(s.like_num or agent_like(s) for s in sufferers)
