"""Event mentions in one article: the trigger words kept, each with its actor and recipient in
its own clause and its scope (the clause less those of triggers inside it). Words used in another
sense are dropped here (see lookalikes.py); what a mention's context adds is context.py's.
`overlay`: the article context (overlay.Overlay).
"""
from __future__ import annotations

from typing import NamedTuple

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
# Support and help as nouns tell an event only between a giver and a receiver (issue 12).
GIVING_NOUNS = word_set("giving_nouns")
# A release or an arrest is of people: "released its inflation figures" is neither.
HUMAN_OBJECT = {("RETREAT", "release"), ("COERCE", "arrest"), ("ASSAULT", "abduct")}
# Senses of an attack verb that are no attack, tried in this order (see lookalikes.py).
NOT_AN_ATTACK = ((lookalikes.aim, "an aim, not an attack"),
                 (lookalikes.match_result, "a match result"),
                 (lookalikes.struggle, "fighting for a cause, with no opponent"),
                 (lookalikes.dismissal, "a dismissal of staff"))


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
        if folds[token.i] is not None:
            overlay.drop(token, entry.type, "folds.folded", f"restates '{folds[token.i].text}' in its clause")
            continue
        mention = one_mention(overlay, token, entry, restating.get(token.i, []))
        if isinstance(mention, Drop):
            overlay.drop(token, entry.type, mention.rule, mention.reason)
        else:
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


class Drop(NamedTuple):
    """Why a trigger makes no mention: the rule (a function's name) and its reason in words."""

    rule: str
    reason: str


def one_mention(overlay, token, entry, restating=(), modelled=False) -> Mention | Drop:
    """The trigger with its roles, or why it makes none (a verb with nobody acting, a word in
    another sense). A noun restated by verbs ("an airstrike killed 15 al-Shabab fighters") takes
    their objects as recipients. `modelled`: the learned model read an event of this type in the
    sentence (decide.py); whether anyone acts ("stocks rallied", "rain threatens") is then its
    judgement, not the agent word list's (`roles.has_agent`)."""
    type_rule = ""
    if token.pos_ != "VERB":
        roles, anchor = noun_roles(token, overlay.index)
        actors, recipients = roles.actors, roles.recipients
        actor_rule, recipient_rule = roles.actor_rule, roles.recipient_rule
        if lookalikes.averted(token):
            return Drop("lookalikes.averted", "an act averted or avoided, not done")
        if anchor.i != token.i and lookalikes.natural_doer(anchor):
            return Drop("lookalikes.natural_doer", "done by nature (a storm, a fire, a disease)")
        for verb in restating:  # "Russian aircraft killed 46 civilians in an attack"
            said = verb_roles(verb, overlay.index)
            if not actors and said.actors:
                actors, actor_rule = said.actors, f"the restating verb '{verb.text}': {said.actor_rule}"
            if not recipients:
                recipients = [r for r in said.recipients if r not in actors]
                recipient_rule = f"the restating verb '{verb.text}': {said.recipient_rule}" if recipients else ""
        if not actors and entry.type == "ASSAULT" and any(
                c.dep_ == "prep" and c.lower_ == "between" for c in token.children):
            # "fighting between Eritrean and Ethiopian forces": both fight
            actors, recipients = recipients, []
            actor_rule, recipient_rule = ("both sides of 'between'" if actors else ""), ""
        if not actors and entry.type in ("RETREAT", "MOBILIZE"):
            # "the pullback of Israeli tanks", "the deployment of French troops": they move
            movers = [a for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children
                      if g.dep_ == "pobj" and (agent_like(g) or g.lemma_.lower() in ARMED_NOUNS)
                      for a in overlay.index.of_phrase(g)]
            actors, recipients = movers, [r for r in recipients if r not in movers]
            actor_rule = "who moves: the noun's 'of' phrase" if movers else ""
            recipient_rule = recipient_rule if recipients else ""
        if anchor.i != token.i and anchor.pos_ == "VERB" and not modelled and not has_agent(anchor, actors):
            return Drop("roles.has_agent", f"nobody acts in '{anchor.text}'")
        if entry.type == "THREATEN" and not actors:
            return Drop("mentions.one_mention", "a threat with nobody threatening")
        if entry.type in ("SUPPORT", "AID") and token.lemma_.lower() in GIVING_NOUNS and not (actors and recipients):
            return Drop("mentions.one_mention", "support or help with no giver and receiver named")
        if entry.type == "ASSAULT" and lookalikes.livestock(token):
            return Drop("lookalikes.livestock", "the slaughter of animals")
        if entry.type == "ASSAULT" and token.lemma_.lower() == "strike" and lookalikes.by_labour(anchor):
            entry = LexiconEntry("PROTEST", "strike", entry.pos, entry.words, entry.context)
            type_rule = "lookalikes.by_labour: a strike by workers is a protest"
        return Mention(entry, token, anchor, tuple(actors), tuple(recipients), mode_of(entry, token),
                       actor_rule, recipient_rule, type_rule)
    if lookalikes.natural_doer(token):
        return Drop("lookalikes.natural_doer", "done by nature (a storm, a fire, a disease)")
    if entry.type == "RETREAT" and lookalikes.homecoming(token):
        return Drop("lookalikes.homecoming", "someone going back home, nothing returned and no force withdrawing")
    roles = verb_roles(token, overlay.index)
    actors, recipients = roles.actors, roles.recipients
    actor_rule, recipient_rule = roles.actor_rule, roles.recipient_rule
    if entry.type == "ASSAULT" and token.lemma_.lower() == "strike" and (
            lookalikes.by_labour(token) or lookalikes.at_work(token)):
        # "struck at three GM plants": a labour strike
        entry = LexiconEntry("PROTEST", "strike", entry.pos, entry.words, entry.context)
        type_rule = "lookalikes.by_labour/at_work: a strike by workers or at a workplace is a protest"
    if entry.type == "ASSAULT" and lookalikes.unharmed(token):
        return Drop("lookalikes.unharmed", "nobody was harmed: no attack is told")
    if entry.type == "CONSULT" and lookalikes.speech(token):
        return Drop("lookalikes.speech", "speaking with no one named: a statement, not talks")
    if entry.type in ("CONSULT", "REQUEST") and lookalikes.condemning_name(token):  # not "called on" ... Tuesday
        entry = LexiconEntry("ACCUSE", "disapprove", entry.pos, entry.words, entry.context)
        type_rule = "lookalikes.condemning_name: calling something a crime or a sham accuses"
    elif entry.type == "CONSULT" and lookalikes.naming(token):
        return Drop("lookalikes.naming", "'called it an attack': a naming, not a call")
    if entry.type == "REQUEST" and lookalikes.question(token):
        return Drop("lookalikes.question", "asking a question, not for something")
    if (entry.type, entry.mode) == ("CONSULT", "phone") and lookalikes.private_call(
            token, [a for i in actors if (a := overlay.actor(i))], [a for i in recipients if (a := overlay.actor(i))]):
        return Drop("lookalikes.private_call", "a call with no party of political standing on each side: no talks")
    if entry.type == "CONSULT" and token.lemma_.lower() in HOST_VERBS and recipients:
        actors, recipients = recipients, actors
        actor_rule, recipient_rule = (f"host verb: the visitor ({recipient_rule}) acts",
                                      f"host verb: the host ({actor_rule}) receives" if recipients else "")
    if entry.type == "MOBILIZE" and not actors and any(c.dep_ == "nsubjpass" for c in token.children):
        actors, recipients = recipients, []  # "Greek forces were placed on alert": they mobilise
        actor_rule, recipient_rule = ("the passive subject mobilises" if actors else ""), ""
    if entry.type == "THREATEN" and lookalikes.forecast(token, recipients):
        return Drop("lookalikes.forecast", "a forecast, not a threat")
    if not modelled and not has_agent(token, actors) and not (entry.type == "ASSAULT" and harms(token)) \
            and not ((entry.type, entry.mode) == ("COERCE", "arrest") and _people_held(token)):
        # "Stocks rallied", "Heavy rain threatens": nobody acts; but "the victim was shot and
        # killed" tells of an assault by someone unnamed, "leftists were arrested" of an arrest
        return Drop("roles.has_agent", f"nobody acts in '{token.text}'")
    if entry.type == "MOBILIZE" and len(entry.words) == 1 and not moves_forces(token):
        return Drop("triggers.moves_forces", "moves no people or arms")
    if (entry.type, entry.mode) in HUMAN_OBJECT and len(entry.words) == 1 and not moves_forces(token):
        return Drop("triggers.moves_forces", "a release, arrest or abduction of no people")
    for check, reason in NOT_AN_ATTACK:
        if entry.type == "ASSAULT" and check(token):
            return Drop(f"lookalikes.{check.__name__}", reason)
    return Mention(entry, token, token, tuple(actors), tuple(recipients), mode_of(entry, token),
                   actor_rule, recipient_rule, type_rule)


def _people_held(verb) -> bool:
    """ "Leftists known to be sympathetic to ETA were arrested", "two journalists were detained":
    an arrest told in the passive, of people (a person or group, or a plural: "the decline was
    arrested" is none), with no doer named, is an arrest by authorities the text does not name
    (ACLED codes it), not a verb with nobody acting."""
    return (any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)
            and any(c.dep_ == "nsubjpass" and (agent_like(c) or c.tag_ in ("NNS", "NNPS")) for c in verb.children))


def _clause(anchor) -> set[int]:
    """The tokens an event word governs; "following a rocket attack earlier this week" as a whole
    belongs to the attack, so a trigger that is the object of a preposition takes the preposition."""
    top = anchor.head if anchor.dep_ == "pobj" and anchor.head.dep_ == "prep" else anchor
    return set(subtree_ids(top))
