"""Roles that one clause does not give: a recipient taken from another event ("made a request for
the expanded mission", "threatened to ban ... if Hamas ran"), the attacker no one names, and the
target a domestic protest or restriction has by convention (PLOVER and ACLED coding practice).
"""
from __future__ import annotations

from ...data import plover_types
from ..tree import subtree, subtree_ids
from .lookalikes import IRREGULAR_FORCES, STATE_FORCES, WEAPON_NOUNS
from .merge import EventDraft, precision_rank
from .roles import doer_words
from .triggers import agent_like

# Stances taken on a thing someone proposed: "rejected a demand from the US President", "accepted
# the offer by Egypt": the one who proposed it receives the stance.
STANCE_ON_PROPOSALS = plover_types("stance_on_proposals")
# Attacks only states' (or coalitions') forces make: an unnamed airstrike is left without an actor
# rather than given to an armed group.
ARMED_FORCES_ONLY = {"aerial"}
# Event types whose target, when the text names none, is the actor's own state or people.
DOMESTIC_BY_DEFAULT = plover_types("domestic_by_default")


def recipients_by_reference(events: list[EventDraft]) -> None:
    """ "made a request for the expanded mission": the mission's own actor receives the request."""
    by_lemma: dict[str, list[int]] = {}  # lemma -> the events with actors that have it, in order
    for n, other in enumerate(events):
        if other.actors:
            for t in other.tokens:
                by_lemma.setdefault(t.lemma_.lower(), []).append(n)
    for event in events:
        if event.recipients:
            continue
        wanted = {t.lemma_.lower() for trigger in event.tokens for child in trigger.head.children
                  if child.dep_ == "prep" and child.lower_ == "for" for t in subtree(child)}
        wanted |= {t.lemma_.lower() for trigger in event.tokens for child in trigger.children
                   if child.dep_ == "prep" and child.lower_ == "for" for t in subtree(child)}
        for n in sorted({n for lemma in wanted for n in by_lemma.get(lemma, ())}):
            other = events[n]
            if other is not event:
                event.recipients = [a for a in other.actors if a not in event.actors]
                break


def recipients_from_content(events: list[EventDraft]) -> None:
    """An event word with no recipient takes one from the event inside its phrase: "threatened to
    ban voting ... if Hamas ran" (the threat's content falls on Hamas); "refused to respond to a
    demand from the US President" (a rejected proposal's author is who is rejected)."""
    at_token: dict[int, list[int]] = {}  # token -> the events with it among their tokens
    for n, other in enumerate(events):
        for t in other.tokens:
            at_token.setdefault(t.i, []).append(n)
    for event in events:
        if (event.recipients and not event.place_recipient) or not event.verbal:
            continue
        trigger = event.tokens[0]
        inside = set(subtree_ids(trigger)) - {trigger.i}
        hits = sorted({n for i in inside for n in at_token.get(i, ())})
        contents = sorted((events[n] for n in hits if events[n] is not event),
                          key=lambda o: min(abs(t.i - trigger.i) for t in o.tokens))
        for other in contents:
            proposal = not other.verbal and event.type in STANCE_ON_PROPOSALS
            found = [a for a in (other.actors if proposal else other.recipients) if a not in event.actors]
            if found:
                event.recipients, event.place_recipient = found, False
                break


def unnamed_attackers(events: list[EventDraft], found) -> None:
    """An attack nobody is named for: by the state where it happened when the text says only
    "soldiers" or "police"; by that place's unidentified armed group (ACLED's "Unidentified Armed
    Group (Iraq)") when it says "gunmen", names a weapon alone or nobody; by no one when the doer
    is something else ("tourists invaded") or the attack came from the air. The place is where it happened ("near Samarra"), not
    the victims' nationality ("a U.S. soldier"). `found`: the article context (overlay.Overlay)."""
    for event in events:
        if event.type != "ASSAULT" or event.actors or event.mode in ARMED_FORCES_ONLY:
            continue
        places = [p for p in event.places if not found.names_actor(p, event.recipients)]
        if not places:
            continue
        place = min(places, key=precision_rank)
        who = doer_words(event.tokens[0]) if event.tokens[0].pos_ == "VERB" else set()
        if who & STATE_FORCES:
            event.actors = [a for a in [found.country_of(place)] if a]
        elif not who or who & (IRREGULAR_FORCES | WEAPON_NOUNS):
            event.actors = [a for a in [found.unidentified_group(place)] if a]


def domestic_target(event_type: str, anchor) -> bool:
    """Whether an act with no named target falls on the actor's own state or people: a protest, a
    restriction, or an act on people the text names no actor for ("dispersed demonstrators")."""
    return event_type in DOMESTIC_BY_DEFAULT or _unnamed_people(anchor)


def _unnamed_people(anchor) -> bool:
    """The act falls on people the text names no actor for: "dispersed demonstrators"."""
    objects = [c for c in anchor.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    objects += [g for c in anchor.children if c.dep_ == "prep" and c.lower_ in ("from", "against", "on", "at")
                for g in c.children if g.dep_ == "pobj"]
    return any(agent_like(o) and o.ent_type_ not in ("GPE", "ORG", "PERSON", "NORP") for o in objects)
