"""The passes over all of an article's events, after each sentence's mentions are merged: one
ordered list, run by one loop (as the pipeline runs its stages).

Each pass takes the events and the article context (overlay.Overlay) and returns the events it
keeps; it writes what it changed into each event's rule trail, and what it dropped into the
context's dropped candidates.
"""
from __future__ import annotations

from typing import Callable

from ...data import plover_types, word_set
from ...records import RuleStep
from ..tree import subtree_ids
from . import casualties, conventions, facts, lookalikes
from .merge import EventDraft
from .roles import unnamed_heads, verb_roles
from .triggers import match

# Events a text may report with nobody named on either side ("a bomb exploded in Kabul",
# "thousands marched", "a curfew was imposed"); any other event word needs someone acting or
# acted on (PLOVER: an event has an actor), or it is a health notice, a visit to a restaurant ...
UNATTRIBUTED_TYPES = plover_types("unattributed")
UNNAMED_ATTACKERS = "conventions.unnamed_attackers"  # the trail's rule for an attacker by convention
CLAIM_OBJECTS = word_set("claim_objects")
CONFIRM_VERBS = word_set("confirm_verbs")

Pass = Callable[[list[EventDraft], object], list[EventDraft]]
# Types whose verb's object is what is sent or given ("deployed troops", "sent doctors"), never
# the one it falls on.
SENT_OBJECT_TYPES = frozenset({"MOBILIZE", "AID"})


# Statuses of an assault that happened, to which a toll told apart may belong.
FACTUAL_STATUS = {"reported", "claimed", "historical"}


def tolls_outside(events: list[EventDraft], overlay) -> list[EventDraft]:
    """A toll told apart from any event ("A man was shot on Monday. He died in hospital.")
    belongs to an assault of its own sentence ("X died after being shot"), else the nearest told
    before it; a later toll that is larger updates it."""
    doc = overlay.doc
    assaults = [e for e in events if e.type == "ASSAULT" and e.status in FACTUAL_STATUS]
    for token, kind, count in casualties.tolls_outside(doc, overlay.covered, lambda t: match(t) is not None):
        sent = token.sent
        # No limit on how far back: on GVDB dev a limit of 2 or 4 sentences lost tolls told late
        # ("He died in surgery") and kept out no invented death.
        nearest = max(((sent.start <= t.i < sent.end, t.i < token.i, t.i, n)
                       for n, e in enumerate(assaults) for t in e.tokens
                       if t.i < token.i or sent.start <= t.i < sent.end), default=None)
        if nearest is not None:
            event = assaults[nearest[-1]]
            event.magnitude[kind] = max(event.magnitude.get(kind) or 0, count)
            event.trail.append(RuleStep("magnitude", "passes.tolls_outside",
                                        f"{kind} {count} from '{token.sent.text[:60]}'"))
    article_killed = max((e.magnitude.get("killed") or 0 for e in assaults), default=0)
    for event in assaults:
        casualties.told_dead(event.magnitude, article_killed)
    return events


def claims(events: list[EventDraft], overlay) -> list[EventDraft]:
    """ "X claimed responsibility for the attack": X claims it (and is no longer its actor);
    "has not confirmed": the claim is unconfirmed."""
    first_event: dict[int, int] = {}  # token -> the first event with it among its tokens
    for n, event in enumerate(events):
        for t in event.tokens:
            first_event.setdefault(t.i, n)
    claimed = {id(e): e for e in events if e.claimed_by}  # in the order they were claimed
    for token in overlay.doc:
        lemma = token.lemma_.lower()
        if lemma in facts.CLAIM_VERBS and token.pos_ == "VERB":
            target = _event_in(events, token, first_event)
            objects = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}
            if target is not None and (objects & CLAIM_OBJECTS or not objects):
                claimants = verb_roles(token, overlay.index).actors
                target.claimed_by += [a for a in claimants if a not in target.claimed_by]
                if target.claimed_by:
                    claimed.setdefault(id(target), target)
                    target.trail.append(RuleStep("claim", "passes.claims",
                                                 f"claimed by {overlay.names(target.claimed_by)} ('{token.text}')"))
                target.actors = [a for a in target.actors if a not in claimants]
                if len(target.evidence) == 1:  # known only through the claim
                    target.status = "claimed"
        if lemma in CONFIRM_VERBS and any(c.dep_ == "neg" for c in token.children):
            for event in claimed.values():
                if any(e.start <= token.idx < e.end for e in event.evidence):
                    event.confirmed = False
                    event.trail.append(RuleStep("claim", "passes.claims", f"not confirmed ('{token.text}')"))
    return events


def _event_in(events: list[EventDraft], verb, first_event: dict[int, int]):
    """The first event with a token in the verb's subtree (by token, not a pass over all)."""
    hits = [first_event[i] for i in subtree_ids(verb) if i in first_event]
    return events[min(hits)] if hits else None


def _watching(role: str, change: Callable[[list[EventDraft], object], None], rule: str) -> Pass:
    """A pass from a convention that fills a role in place: it notes each event it changed."""

    def run(events: list[EventDraft], overlay) -> list[EventDraft]:
        before = [list(getattr(e, role)) for e in events]
        change(events, overlay)
        for event, old in zip(events, before):
            new = getattr(event, role)
            if new != old:
                step = "actor" if role == "actors" else "recipient"
                event.trail.append(RuleStep(step, rule, overlay.names(new)))
        return events

    run.__name__ = rule.split(".")[-1]
    return run


def unnamed_people(events: list[EventDraft], overlay) -> list[EventDraft]:
    """Add to each side of an event the people its clause names without a name ("A 20-year-old
    man was shot", "two gunmen killed three villagers"), after the actors the rules and the
    conventions chose (a country, an unidentified armed group), which stay first: the analyst
    reads who it was, ACLED's export keeps its actor. Who acts is read from the event's own word
    (the verb of "opened fire" for a noun), who receives from its verbs in that word's sentence
    ("opened fire ..., killing his wife"): a mention merged in from elsewhere may have other
    roles ("officers exchanged fire with the attackers"). Run last, so that no event is kept,
    merged or typed because of them."""
    for event in events:
        if not event.tokens:
            continue
        anchor = event.tokens[0]
        if anchor.pos_ == "NOUN" and anchor.dep_ == "dobj" and anchor.head.pos_ == "VERB":
            anchor = anchor.head  # "opened fire", "carried out an attack"
        verbs = [anchor] + [t for t in event.tokens[1:] if t.pos_ == "VERB" and t.sent == anchor.sent]
        sides = [("actors", unnamed_heads(anchor)[0] if anchor.pos_ in ("VERB", "AUX") else [])]
        if event.type not in SENT_OBJECT_TYPES:  # "sent 2,000 troops": whom it sends, not to whom
            sides.append(("recipients", [h for v in verbs if v.pos_ in ("VERB", "AUX") for h in unnamed_heads(v)[1]]))
        for side, heads in sides:
            for head in heads:
                added = overlay.unnamed_actor(head)
                if added and added not in event.actors and added not in event.recipients:
                    getattr(event, side).append(added)
                    event.unnamed.add(added)
                    event.trail.append(RuleStep("actor" if side == "actors" else "recipient",
                                                "passes.unnamed_people", overlay.names([added])))
    return events


def attributed(events: list[EventDraft], overlay) -> list[EventDraft]:
    """Keep events with an actor or a recipient, or of a type that may name neither."""
    kept = []
    for event in events:
        if event.actors or event.recipients or event.type in UNATTRIBUTED_TYPES:
            kept.append(event)
        else:
            overlay.drop(event.tokens[0], event.type, "passes.attributed",
                         f"a {event.type} event with no actor and no recipient")
    return kept


def not_between_firms(events: list[EventDraft], overlay) -> list[EventDraft]:
    """Drop deals, purchases and disputes between firms (lookalikes.between_firms)."""
    kept = []
    for event in events:
        sides = [a for a in (overlay.actor(i) for i in (*event.actors, *event.recipients)) if a is not None]
        if lookalikes.between_firms(event.type, sides, event.lemmas):
            overlay.drop(event.tokens[0], event.type, "lookalikes.between_firms", "business between firms")
        else:
            kept.append(event)
    return kept


# In this order: tolls told apart join their assault first; a claim takes the claimant off the actors before anyone fills in an attacker;
# recipients by reference and by content before the drop of events with no one on either side.
PASSES: tuple[Pass, ...] = (
    tolls_outside,
    claims,
    _watching("recipients", lambda events, overlay: conventions.recipients_by_reference(events),
              "conventions.recipients_by_reference"),
    _watching("recipients", lambda events, overlay: conventions.recipients_from_content(events),
              "conventions.recipients_from_content"),
    _watching("actors", conventions.unnamed_attackers, UNNAMED_ATTACKERS),
    attributed,
    not_between_firms,
)


def run_passes(events: list[EventDraft], overlay) -> list[EventDraft]:
    for step in PASSES:
        events = step(events, overlay)
    return events
