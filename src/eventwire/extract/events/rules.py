"""Coding rules above the lexicon: what a trigger's clause makes of its event type.

PLOVER v0.8 asks for the single category, not a category plus an auxiliary mode: a hostile act
an actor says it will do is a threat, a cooperative one an agreement, a refusal a rejection,
"X says Y must ..." a request. These functions read one clause; they never see other sentences.
"""
from __future__ import annotations

from typing import NamedTuple

from ...data import plover_type_facts, plover_types, word_set
from ..grammar import DEONTIC_AUX, EXCEPTIVE_MARKS, IF_MARKS, PROSPECTIVE_AUX
from . import facts
from .roles import ActorIndex, verb_roles
from .triggers import Mention, base_forms

# A cooperative act refused outright ("will not accept refugees") is a rejection (PLOVER REJECT:
# "all rejections and refusals"); other negated events keep their type with status "negated".
REFUSABLE = plover_types("refusable")
# Verbs that say their complement was not done: "declined to resign", "failed to reach agreement".
REFUSING_VERBS = word_set("refusing_verbs")
# An actor saying it will or may do something hostile is making a threat (PLOVER manual v0.8:
# "THREATEN could be ASSAULT + hypothetical ... the coder should always return the single event
# category"); the THREATEN mode is the threat's content, from the manual's table of modes.
THREAT_CONTENT = {("COERCE", "arrest"): "arrest", ("SANCTION", "expel"): "expel",
                  ("COERCE", "seize"): "territory", ("ASSAULT", None): "violence",
                  ("COERCE", None): "restrict", ("PROTEST", None): "restrict",
                  ("SANCTION", None): "relations"}
# A cooperative act stated as intent ("Portugal will support", "said it would allow the return")
# is an agreement to act: PLOVER AGREE ("AGREE could be SUPPORT + future"; CAMEO 03 "express
# intent to cooperate", 036 "express intent to meet" map to AGREE).
INTENDED_COOPERATION = plover_types("intent_is_agree")
# Stopping a cooperative act is reducing relations, PLOVER SANCTION (CAMEO 16: "halt aid",
# "halt negotiations", "halt mediation"): "cancelled a planned visit", "ended mediation efforts".
HALT_VERBS = word_set("halt_verbs")
HALTABLE = plover_types("haltable")
# Stopping a hostile act is yielding (CAMEO 08: "ease curfew", "call off a strike"): CONCEDE; an
# attack called off is a retreat from violence.
# Easing economic sanctions is RETREAT "ease" (CAMEO 085); easing curfews and bans is CONCEDE (081).
EASED = plover_type_facts("eased_to")
EASED_MODE = {(t, EASED[t]): mode for t, mode in plover_type_facts("eased_mode").items()}
HALT_VERBS_EXTRA = word_set("halt_verbs_extra")
FORBID_VERBS = word_set("forbid_verbs")  # "called off", "lifted the curfew", "abolished restrictions"
# A protest lodged or delivered is a diplomatic protest, PLOVER ACCUSE (manual: "PROTEST presumes
# significant physical activity, not just an expression of opinion").
DIPLOMATIC_DELIVERY = word_set("diplomatic_delivery")
# "Russia said that Sudan must return the helicopter": a demand by the speaker on the doer.
SAYING_VERBS = word_set("saying_verbs")


class Recoded(NamedTuple):
    """An event after the rules of this module, with the rules that changed it, in order."""

    type: str
    mode: str | None
    status: str
    actors: list
    recipients: list
    rules: tuple[str, ...] = ()


def recode(mention: Mention, event_type: str, mode, status: str, actors: list, recipients: list,
           index: ActorIndex, published, date_end) -> Recoded:
    """The type, mode, status, actors and recipients after the rules of this module."""
    token = mention.token
    fired: list[str] = []
    if event_type == "PROTEST" and token.pos_ != "VERB" and mention.anchor.i != token.i and any(
            f in DIPLOMATIC_DELIVERY for f in base_forms(mention.anchor)):
        event_type, mode = "ACCUSE", None
        fired.append("a protest lodged or delivered is a diplomatic protest: ACCUSE")
    halted_by = _halted_by(mention, event_type)
    if halted_by is not None and event_type == "PROTEST" and any(
            f in FORBID_VERBS for f in base_forms(halted_by)):
        # "police banned all rallies": forbidding protest restricts freedoms (CAMEO 1722), COERCE
        halting, halted = verb_roles(halted_by, index)[:2]
        fired.append(f"forbidding protest ('{halted_by.text}') restricts freedoms: COERCE")
        return Recoded("COERCE", None, facts.status_of(halted_by, "COERCE", published, date_end),
                       halting or actors, recipients or halted or list(mention.actors), tuple(fired))
    if halted_by is not None:
        eased = EASED.get(event_type, "SANCTION")
        fired.append(f"halting a {event_type} act ('{halted_by.text}') is {eased}")
        mode = EASED_MODE.get((event_type, eased))
        event_type, status = eased, facts.status_of(halted_by, eased, published, date_end)
        halting, halted = verb_roles(halted_by, index)[:2]
        actors, recipients = halting or actors, recipients or halted
    demanded_by = _demanded_by(mention, index)
    if demanded_by is not None:
        event_type, mode, status = "REQUEST", None, "reported"
        actors, recipients = demanded_by, list(mention.actors) or recipients
        fired.append("an act someone says another must do is their REQUEST")
    refused = any(c.dep_ == "neg" for c in mention.anchor.children) or (
        mention.anchor.dep_ == "xcomp" and any(f in REFUSING_VERBS for f in base_forms(mention.anchor.head)))
    if event_type in REFUSABLE and refused:  # "will not accept", "declined to resign"
        fired.append(f"a {event_type} act refused is REJECT")
        event_type, mode, status = "REJECT", None, "reported"
    if _conditional(mention.anchor, event_type) or _own_threat(mention, event_type, index):
        content = THREAT_CONTENT.get((event_type, mode)) or THREAT_CONTENT.get((event_type, None))
        fired.append(f"a {event_type} act an actor says it will or may do is THREATEN")
        event_type, mode, status = "THREATEN", content or "relations", "threatened"
    elif event_type in INTENDED_COOPERATION and _intended(mention.anchor, status):
        fired.append(f"a {event_type} act stated as intent is AGREE")
        event_type, mode = "AGREE", None
        status = "announced" if status == "announced" else "planned"
    return Recoded(event_type, mode, status, actors, recipients, tuple(fired))


def halts(verb, event_type: str) -> bool:
    """ "cancelled" halts a visit, "lifted" or "called off" a curfew or a strike."""
    if event_type not in HALTABLE | set(EASED):
        return False
    stops = HALT_VERBS | (HALT_VERBS_EXTRA if event_type in EASED else set())
    forms = base_forms(verb)
    forms += [f"{forms[0]} {p.lower_}" for p in verb.children if p.dep_ == "prt"]  # "call off", not "call"
    return any(f in stops for f in forms)


def _halted_by(mention: Mention, event_type: str):
    """The verb that stops this act ("cancelled a visit", "called off a strike"), if any."""
    token = mention.token
    if token.pos_ == "VERB" or token.dep_ not in ("dobj", "nsubjpass"):
        return None
    return token.head if halts(token.head, event_type) else None


def _prospective(anchor) -> bool:
    """Said of the future: "will impose", "would blockade", "prepared to impose"."""
    if {c.lower_ for c in anchor.children if c.dep_ == "aux"} & PROSPECTIVE_AUX:
        return True
    return anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in (
        facts.PLAN_VERBS | facts.INTENT_WORDS | facts.THREAT_VERBS | {"swear"})


def _conditional(anchor, event_type: str) -> bool:
    """ "withdraw its force unless ...": any act made conditional on the other side's conduct;
    "may halt mediation if ...": a hostile act the actor may take if the other side fails."""
    marks = EXCEPTIVE_MARKS | (IF_MARKS if (event_type, None) in THREAT_CONTENT
                               and {c.lower_ for c in anchor.children if c.dep_ == "aux"}
                               & (PROSPECTIVE_AUX | {"may", "might"}) else set())
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
               for c in anchor.children)


def _intended(anchor, status: str) -> bool:
    """Stated as something the actor will do: "will visit", "would allow", "is ready to lift";
    not "announced that it has called off" (done) nor "if it would" (a condition)."""
    return _prospective(anchor) and status in ("planned", "announced", "hypothetical") and not any(
        c.dep_ == "mark" and c.lower_ != "that" for c in anchor.children)


def _demanded_by(mention: Mention, index: ActorIndex) -> list[str] | None:
    """The speakers who say the actor "must" act, or None when nobody demands it. The "must" may
    sit on the act or on a verb above it ("must ensure security to allow aid")."""
    clause = next((v for v in (mention.anchor, *facts.governors(mention.anchor))
                   if {c.lower_ for c in v.children if c.dep_ == "aux"} & DEONTIC_AUX), None)
    if clause is None:
        return None
    for gov in facts.governors(clause):
        if gov.lemma_.lower() in SAYING_VERBS | facts.ANNOUNCE_VERBS | {"conclude", "reiterate"}:
            doers = verb_roles(clause, index)[0] or list(mention.actors)
            return [a for a in verb_roles(gov, index)[0] if a not in doers]
    return None


def _own_threat(mention: Mention, event_type: str, index: ActorIndex) -> bool:
    """ "farmers said they would blockade Paris", "threatened to impose sanctions": the actor
    itself says it will act against someone. "Israel could strike ..., analysts said" is no
    threat (others speak), nor is "declared a state of siege" (done, not to come)."""
    if (event_type, None) not in THREAT_CONTENT or not _prospective(mention.anchor):
        return False
    for gov in facts.governors(mention.anchor):
        lemma = gov.lemma_.lower()
        if lemma in facts.THREAT_VERBS:
            return True
        if lemma in SAYING_VERBS:
            speakers = verb_roles(gov, index)[0]
            subject = next((c for c in mention.anchor.children if c.dep_ == "nsubj"), None)
            return bool(set(speakers) & set(mention.actors)) or (
                subject is not None and subject.pos_ == "PRON")
    return False
