"""Event mentions in one article: the trigger words kept, each with its actor and recipient in
its own clause and its scope (the clause less those of triggers inside it). Words used in another
sense are dropped here (see lookalikes.py); what a mention's context adds is context.py's.
`overlay`: the earlier stages' records on the tokens (coder._Overlay).
"""
from __future__ import annotations

from ...data import word_set
from ..tree import sentence_number, subtree_ids
from . import lookalikes
from .casualties import harms
from .folds import folded
from .lookalikes import ARMED_NOUNS
from .roles import has_agent, noun_roles, verb_roles
from .triggers import LexiconEntry, Mention, agent_like, match, mode_of, moves_forces

# "Germany hosted NATO ministers": in a visit the visitor acts and the host receives (PLOVER).
HOST_VERBS = word_set("host_verbs")
# A release or an arrest is of people: "released its inflation figures" is neither.
HUMAN_OBJECT = {("RETREAT", "release"), ("COERCE", "arrest"), ("ASSAULT", "abduct")}


def mentions(overlay):
    """Each kept trigger with its scope (its clause less the clauses of triggers inside it),
    the tokens of other triggers' clauses, and whether it sits inside another's clause."""
    found = [(t, e) for t in overlay.doc if t.i not in overlay.time_tokens  # "3 March" is no march
             for e in [match(t)] if e is not None]
    # No dependency arc crosses a sentence: triggers fold into, restate and govern only those
    # of their own sentence, so each is compared with those alone (not every trigger of a
    # long text: that was quadratic).
    by_sentence: dict[int, list] = {}
    for pair in found:
        by_sentence.setdefault(sentence_number(pair[0]), []).append(pair)
    folds = {token.i: folded(token, entry, by_sentence[sentence_number(token)]) for token, entry in found}
    restated: dict[int, set[int]] = {}
    restating: dict[int, list] = {}  # noun -> the verbs that restate it ("strike ... killed")
    for token, _entry in found:
        if folds[token.i] is not None:
            restated.setdefault(folds[token.i].i, set()).update(subtree_ids(token))
            restating.setdefault(folds[token.i].i, []).append(token)
    anchors: dict[int, Mention] = {}
    for token, entry in found:
        if folds[token.i] is None:
            mention = _mention(overlay, token, entry, restating.get(token.i, []))
            if mention is not None:
                anchors[token.i] = mention
    clauses = {i: _clause(m.anchor) | restated.get(i, set()) for i, m in anchors.items()}
    # Every clause of the text: a token outside a trigger's sentence is in another's clause
    # iff it is in some clause (see context._elsewhere); inside it, only its sentence's count.
    overlay.covered = set().union(*clauses.values())
    peers: dict[int, list[int]] = {}
    for i in anchors:
        peers.setdefault(sentence_number(overlay.doc[i]), []).append(i)
    for i, mention in anchors.items():
        same = peers[sentence_number(overlay.doc[i])]
        others = [j for j in same if j != i and anchors[j].anchor.i != mention.anchor.i]
        foreign = set().union(*(clauses[j] for j in others)) - {mention.token.i}
        inner = set().union(*(clauses[j] for j in same if j != i and clauses[j] < clauses[i]))
        scope = clauses[i] - (foreign & inner)  # less the clauses of triggers inside its own
        scope.add(mention.token.i)
        embedded = any(mention.anchor.i in clauses[j] for j in others)
        yield mention, scope, foreign - scope, embedded


def _mention(overlay, token, entry, restating=()) -> Mention | None:
    """The trigger with its roles, or None when a verb has nobody acting. A noun restated by
    verbs ("an airstrike killed 15 al-Shabab fighters") takes their objects as recipients."""
    if token.pos_ != "VERB":
        actors, recipients, anchor = noun_roles(token, overlay.index)
        if lookalikes.averted(token):
            return None  # "urged both sides to avoid violence"
        if anchor.i != token.i and lookalikes.natural_doer(anchor):
            return None  # "wildfires forced the evacuation of 3,000 people"
        for verb in restating:  # "Russian aircraft killed 46 civilians in an attack"
            doers, sufferers = verb_roles(verb, overlay.index)
            actors = actors or doers
            recipients = recipients or [r for r in sufferers if r not in actors]
        if not actors and entry.type == "ASSAULT" and any(
                c.dep_ == "prep" and c.lower_ == "between" for c in token.children):
            actors, recipients = recipients, []  # "fighting between Eritrean and Ethiopian forces": both fight
        if not actors and entry.type in ("RETREAT", "MOBILIZE"):
            # "the pullback of Israeli tanks", "the deployment of French troops": they move
            movers = [a for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children
                      if g.dep_ == "pobj" and (agent_like(g) or g.lemma_.lower() in ARMED_NOUNS)
                      for a in overlay.index.of_phrase(g)]
            actors, recipients = movers, [r for r in recipients if r not in movers]
        if anchor.i != token.i and anchor.pos_ == "VERB" and not has_agent(anchor, actors):
            return None  # "the market staged a rally": nobody acts
        if entry.type == "THREATEN" and not actors:
            return None  # "the threat to Americans has increased": no one threatens
        if entry.type == "ASSAULT" and lookalikes.livestock(token):
            return None  # "today's hog slaughter"
        if entry.type == "ASSAULT" and token.lemma_.lower() == "strike" and lookalikes.by_labour(anchor):
            entry = LexiconEntry("PROTEST", "strike", entry.pos, entry.words, entry.context)
        return Mention(entry, token, anchor, tuple(actors), tuple(recipients), mode_of(entry, token))
    if lookalikes.natural_doer(token):
        return None  # "the capital has been the worst hit by the flu"
    actors, recipients = verb_roles(token, overlay.index)
    if entry.type == "ASSAULT" and token.lemma_.lower() == "strike" and (
            lookalikes.by_labour(token) or lookalikes.at_work(token)):
        # "struck at three GM plants": a labour strike
        entry = LexiconEntry("PROTEST", "strike", entry.pos, entry.words, entry.context)
    if entry.type == "CONSULT" and token.lemma_.lower() in HOST_VERBS and recipients:
        actors, recipients = recipients, actors
    if entry.type == "MOBILIZE" and not actors and any(c.dep_ == "nsubjpass" for c in token.children):
        actors, recipients = recipients, []  # "Greek forces were placed on alert": they mobilise
    if entry.type == "THREATEN" and lookalikes.forecast(token, recipients):
        return None  # "the company warned that profits would halve": a forecast, not a threat
    if not has_agent(token, actors) and not (entry.type == "ASSAULT" and harms(token)):
        return None  # "Stocks rallied", "Heavy rain threatens": nobody acts; but "the victim
        # was shot and killed" tells of an assault by someone unnamed
    if entry.type == "MOBILIZE" and len(entry.words) == 1 and not moves_forces(token):
        return None  # "deployed new software"
    if (entry.type, entry.mode) in HUMAN_OBJECT and len(entry.words) == 1 and not moves_forces(token):
        return None  # "released its inflation figures"
    if entry.type == "ASSAULT" and (lookalikes.aim(token) or lookalikes.match_result(token)
                                    or lookalikes.struggle(token) or lookalikes.dismissal(token)):
        return None  # an aim, a match, fighting for a cause, a dismissal (see lookalikes.py)
    return Mention(entry, token, token, tuple(actors), tuple(recipients), mode_of(entry, token))


def _clause(anchor) -> set[int]:
    """The tokens an event word governs; "following a rocket attack earlier this week" as a whole
    belongs to the attack, so a trigger that is the object of a preposition takes the preposition."""
    top = anchor.head if anchor.dep_ == "pobj" and anchor.head.dep_ == "prep" else anchor
    return set(subtree_ids(top))
