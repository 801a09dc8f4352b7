"""Who did what to whom in one clause: the actors and recipients of an event word on the parse.

ActorIndex lays the actors stage's mentions over the tokens; verb_roles and noun_roles read the
subject, object, passive agent, prepositions and clauses around a trigger (see triggers.py).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple

from ...data import word_set
from ..grammar import (DASHES, INHERIT_SUBJECT, OBJECT_PRONOUNS, OBJECTS, PASSIVE_SUBJECTS,
                       PERSON_SUBJECT_PRONOUNS, POSSESSIVE_PRONOUNS, SUBJECTS)
from ..tree import sentence, subtree
from .triggers import (
    GROUP_WORDS,
    agent_like,
    base_forms,
    is_agent_noun,
    is_light_verb,
    match,
)

# Prepositions that introduce the recipient of a verb or a nominal event.
RECIPIENT_PREPS = {"on", "against", "with", "to", "at", "for", "toward", "towards", "into", "upon", "between"}
# "rebels in the Ivory Coast", "inhabitants of the Golan Heights": people named by where they are.
LOCATING_PREPS = {"in", "of", "throughout", "across"}
NON_PERSON_KINDS = {"country", "organization", "government", "military", "armed group", "IGO", "group"}
# A phrase whose only actor is a country, or a country's group ("Kenya's main opposition"), yields
# to a body or person its apposition names ("..., the ODM,").
GENERIC_KINDS = {"country", "group"}
NAMED_KINDS = (NON_PERSON_KINDS - GENERIC_KINDS) | {"person"}


def has_agent(verb, actors) -> bool:
    """Someone acts: a named actor, a person pronoun, or a noun of agents ("gunmen", "a bomb");
    in the passive, a named or agent-like doer or sufferer ("a civilian was killed")."""
    if actors:
        return True
    subject, passive = _subject(verb)
    if passive or any(c.dep_ == "auxpass" for c in verb.children):
        agent = _agent(verb)
        return any(agent_like(h) for h in (agent, subject) if h is not None)
    return subject is not None and agent_like(subject)


class Found(NamedTuple):
    """The actors a phrase names and the rule that found them (empty when none did)."""

    ids: list[str]
    rule: str = ""


class Roles(NamedTuple):
    """Who acts and who receives in one clause, each with the rule that chose them."""

    actors: list[str]
    recipients: list[str]
    actor_rule: str = ""
    recipient_rule: str = ""


class ActorIndex:
    """Actor mentions by character offset, for "which actor is this token's noun phrase?".

    `article` is the article context (overlay.Overlay), passed in: it gives the state behind a
    phrase that names no actor (`fallback_actor`: a capital, a nationality), the state of a
    nationality word (`modifier_actor`) and the state of a place named (`located_actor`). With
    none, only named actors, pronouns and anaphora are read.
    """

    def __init__(self, actors, anaphora: dict[str, set[str]], article=None):
        spans = sorted((m.start, m.end, a.id) for a in actors for m in a.mentions)
        self.starts = [s for s, _, _ in spans]
        self.spans = spans
        # No mention is longer: those starting further back than this cannot reach a token.
        self.longest = max((e - s for s, e, _ in spans), default=0)
        self.kinds = {a.id: {a.kind, a.sector or ""} for a in actors}
        self.anaphora = anaphora
        self.article = article

    def within(self, start: int, end: int) -> list[str]:
        out = []
        for k in range(bisect_left(self.starts, start - self.longest), bisect_right(self.starts, end)):
            s, e, actor = self.spans[k]
            if s < end and start < e and actor not in out:
                out.append(actor)
        return out

    def last_before(self, offset: int, kinds: set[str], since: int = 0) -> str | None:
        for k in range(bisect_right(self.starts, offset) - 1, -1, -1):
            s, _, actor = self.spans[k]
            if s < since:
                break  # sorted by start: none before this one starts at `since` or later
            if s < offset and self.kinds[actor] & kinds:
                return actor
        return None

    def modifier_actor(self, token) -> str | None:
        """The state of a nationality word on the token, through the article context."""
        return self.article.modifier_actor(token) if self.article is not None else None

    def of_phrase(self, head) -> list[str]:
        """Actors named by the noun phrase headed by `head` and its conjuncts."""
        return self.phrase(head).ids

    def phrase(self, head) -> Found:
        """Actors named by the noun phrase headed by `head` and its conjuncts, tried in this
        order for each: a named actor in the phrase; one in its apposition or "of" phrase; the
        state a capital or nationality stands for; the state where people named by a place are;
        "he"/"she" (the person named last); "it"/"they" and "its"/"their" (the state or body
        named before in the sentence); an anaphoric noun ("the alliance"). The rule is the
        first that found someone."""
        found: list[str] = []
        rule = ""
        for token in (head, *head.conjuncts):
            ids, how = self._token_actors(token)
            if ids and not rule:
                rule = how
            found += [i for i in ids if i not in found]
        return Found(found, rule)

    def _token_actors(self, token) -> tuple[list[str], str]:
        left = _phrase_start(token)
        ids = self.within(left, token.idx + len(token.text))
        if ids:
            named = self._appositive_or_of(token, appositive_only=True)
            if named and all(self.kinds[i] & GENERIC_KINDS for i in ids) \
                    and all(self.kinds.get(i, set()) & NAMED_KINDS for i in named):
                # "Kenya's main opposition party, the ODM, rejected": the body its apposition
                # names first, then the phrase's own (which carries the country)
                return named + [i for i in ids if i not in named], "named in its apposition, before the country word in the phrase"
            return ids, "named in the phrase"
        ids = self._appositive_or_of(token)
        if ids:
            return ids, "named in its apposition or 'of' phrase"
        article = self.article
        if article is not None:
            # "Washington demanded ...", "thousands of Iraqi Kurds demonstrated"
            counted = token.like_num or token.lemma_.lower() in GROUP_WORDS
            heads = [token] + ([g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                                for g in c.children if g.dep_ == "pobj"] if counted else [])
            ids = [a for h in heads for a in [article.fallback_actor(h)] if a][:1]
            if ids:
                return ids, "the state a capital or nationality stands for"
            if is_agent_noun(token) or token.lemma_.lower() in GROUP_WORDS:
                # "opposition groups in Zimbabwe", "students throughout Indonesia": where they are
                ids = [a for c in token.children if c.dep_ == "prep" and c.lower_ in LOCATING_PREPS
                       for g in c.children if g.dep_ == "pobj" for a in [article.located_actor(g)] if a][:1]
                if ids:
                    return ids, "the state where the people named are"
        if token.lower_ in PERSON_SUBJECT_PRONOUNS:  # "Annan said he will withdraw ..."
            earlier = self.last_before(left, {"person"})
            if earlier:
                return [earlier], f"'{token.lower_}': the person named last before it"
        if token.lower_ in OBJECT_PRONOUNS:
            # "Syria says it will not accept ...": "it" is the state or body named just before.
            earlier = self.last_before(left, NON_PERSON_KINDS, sentence(token).start_char)
            if earlier:
                return [earlier], f"'{token.lower_}': the state or body named before it in the sentence"
        possessor = next((c for c in token.children
                          if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS), None)
        if possessor is not None and (agent_like(token) or token.lemma_.lower() in GROUP_WORDS):
            # "Ethiopia said its troops would pull out": the state or body named before
            earlier = self.last_before(possessor.idx, NON_PERSON_KINDS, sentence(token).start_char)
            if earlier:
                return [earlier], f"'{possessor.lower_} {token.text}': the state or body named before"
        if token.lemma_.lower() in self.anaphora:
            # "The 30-member alliance" -> the alliance named last before it.
            earlier = self.last_before(left, self.anaphora[token.lemma_.lower()])
            if earlier:
                return [earlier], f"'{token.lemma_.lower()}': the last {'/'.join(sorted(self.anaphora[token.lemma_.lower()]))} named before it"
        return [], ""

    def _appositive_or_of(self, token, appositive_only: bool = False) -> list[str]:
        counted = token.like_num or token.lemma_.lower() in GROUP_WORDS or is_agent_noun(token)
        for child in token.children:
            if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ == "of" and counted
                                         and not appositive_only):
                target = child if child.dep_ == "appos" else next(
                    (g for g in child.children if g.dep_ == "pobj"), None)
                if target is not None:
                    ids = self.within(target.left_edge.idx, target.idx + len(target.text))
                    if ids:
                        return ids
        return []


def _phrase_start(token) -> int:
    """Where a noun phrase starts: its left edge, but after a dateline's dash ("KADUNA, Nigeria
    (Ledger) - Gunmen abducted ..." parses the dateline into the subject)."""
    doc, start = token.doc, token.left_edge.i
    dashes = [t for t in doc[start:token.i] if t.text in DASHES and t.whitespace_]
    return doc[dashes[-1].i + 1].idx if dashes else token.left_edge.idx


def _subject(verb):
    """The subject token of a verb, inherited through xcomp/conj/advcl; and whether passive."""
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
        if subjects:
            # a dateline parsed as a second subject ("KADUNA, Nigeria (Ledger) - Gunmen abducted")
            # is cut off by its dash: the subject after the last dash is the one
            dash = max((t.i for t in token.doc[subjects[0].i:token.i] if t.text in DASHES), default=-1)
            subject = next((c for c in subjects if c.i > dash), subjects[0])
            return subject, subject.dep_ in PASSIVE_SUBJECTS
        if token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ != "VBN"):
            head = token.head
            if token.dep_ == "acl" and not agent_like(head) and head.dep_ in OBJECTS \
                    and is_light_verb(head.head):
                token = head.head  # "issued a declaration demanding ...": who issued it demands
                continue
            return head, False
        if token.dep_ not in INHERIT_SUBJECT or token.head.i == token.i:
            return None, False
        token = token.head
    return None, False


def doer_words(verb) -> set[str]:
    """The forms (lemma, lower case) of the word for who did it: the "by" phrase, else, unless
    the verb is passive, its subject; empty when the text has none ("three soldiers were killed").
    "the worst hit by the flu" has a "by" phrase and no passive auxiliary."""
    word = doer(verb)
    return {word.lemma_.lower(), word.lower_, word.lower_.removesuffix("s")} if word is not None else set()


def doer(verb):
    """The word for who did it (doer_words), or None."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    word = _agent(verb)
    if word is None and not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        word = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return word


def _agent(verb):
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _prep_objects(token, preps=RECIPIENT_PREPS):
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            yield from (g for g in child.children if g.dep_ == "pobj")


def verb_roles(verb, index: ActorIndex) -> Roles:
    """The actors and recipients of an event verb, each found by the first rule that names
    someone: in the active, the subject acts and the objects (their possessors, their "by"/"from"
    phrases) receive; in the passive, the "by" phrase acts and the subject receives. Where that
    names no recipient, in turn: the prepositions of the verb and its objects, the subject of its
    clause or of its purpose, the nearest actor deeper in the phrases it governs, a country where
    the act falls."""
    subject, passive = _subject(verb)
    is_passive = passive or any(c.dep_ == "auxpass" for c in verb.children)
    actors: list[str] = []
    recipients: list[str] = []
    actor_rule = recipient_rule = ""
    if is_passive:
        agent = _agent(verb)
        if agent is not None:
            actors, how = index.phrase(agent)
            actor_rule = f"the passive's 'by' phrase: {how}" if actors else ""
        if subject is not None:
            recipients, how = index.phrase(subject)
            recipient_rule = f"the passive subject: {how}" if recipients else ""
        if agent is None:  # "was extradited from Colombia to the United States": who sends, who gets
            senders = [a for p in _prep_objects(verb, {"from"}) for a in index.of_phrase(p)]
            getters = [a for p in _prep_objects(verb, {"to"}) for a in index.of_phrase(p) if a not in senders]
            if senders and getters:
                actors, recipients = senders, getters
                actor_rule, recipient_rule = ("the passive's 'from' phrase, sent 'to' another",
                                              "the passive's 'to' phrase, sent 'from' another")
        if not recipients and subject is not None:  # "a camp for Congolese refugees was attacked"
            recipients = deep_recipients(subject, index, exclude=actors)
            recipient_rule = "the nearest actor inside the passive subject" if recipients else ""
    else:
        if subject is not None:
            actors, how = index.phrase(subject)
            actor_rule = f"the subject: {how}" if actors else ""
        for child in verb.children:
            if child.dep_ in OBJECTS:
                recipients += index.of_phrase(child)
                recipients += _possessor_actors(child, index)
                for pobj in _prep_objects(child, {"by", "from"}):  # "rejected calls by Kofi Annan"
                    recipients += index.of_phrase(pobj)
        recipient_rule = "the object" if recipients else ""
    # each way of finding the recipient in turn, the first that names someone besides the actor
    fallbacks = ((_object_recipients, "a preposition of the verb or its object"),
                 (_clause_recipients, "the subject of its clause or purpose"),
                 (lambda v, i: deep_recipients(v, i, exclude=actors), "the nearest actor in the phrases it governs"),
                 (_place_countries, "the country where the act falls"))
    recipients = [r for r in dict.fromkeys(recipients) if r not in actors]
    for fallback, rule in fallbacks:
        if recipients:
            break
        recipients = [r for r in dict.fromkeys(fallback(verb, index)) if r not in actors]
        recipient_rule = rule
    return Roles(actors, recipients, actor_rule, recipient_rule if recipients else "")


# How deep below an event word its recipient may sit in the object's phrase: "mobilized reservists
# for a possible war against Iraq", "announced a suspension of air links with Serbia".
DEEP_LEVELS = 4
DEEP_PREPS = RECIPIENT_PREPS | {"of", "from"}  # "confiscated weapons from armed groups"


def deep_recipients(head, index: ActorIndex, nationality: bool = True, exclude=()) -> list[str]:
    """The nearest actor in the phrases the event word governs, level by level through objects and
    prepositions (never a clause of its own, never the subject): a named actor, or, when
    `nationality`, the state of a nationality word ("rejected proposed Israeli changes",
    "restrictions against German goods"; not for a bare noun: "demand for Russian oil")."""
    level = [c for c in head.children if c.dep_ in OBJECTS or (c.dep_ == "prep" and c.lower_ in DEEP_PREPS)]
    for _ in range(DEEP_LEVELS):
        found: list[str] = []
        following = []
        for token in level:
            if token.dep_ == "prep":
                following += [g for g in token.children if g.dep_ == "pobj"]
                continue
            own = [token] + [c for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
            found += [a for t in own for a in index.within(t.left_edge.idx, t.idx + len(t.text))]
            if not found and nationality:
                found += [a for a in [index.modifier_actor(token)] if a]
            following += [c for c in token.children
                          if c.dep_ in ("conj", "appos") or (c.dep_ == "prep" and c.lower_ in DEEP_PREPS)]
        found = [a for a in dict.fromkeys(found) if a not in exclude]  # "a call for its forces": not the caller
        if found:
            return found
        level = following
    return []


def unnamed_heads(verb) -> tuple[list, list]:
    """The heads of the phrases that name who acts and who receives in a verb's clause, for the
    people they name without a name (overlay.unnamed_actor): the subject acts and the direct
    object receives; in the passive, the "by" phrase acts and the subject receives."""
    subject, passive = _subject(verb)
    if passive or any(c.dep_ == "auxpass" for c in verb.children):
        doers, sufferers = [_agent(verb)], [subject]
    else:
        doers, sufferers = [subject], [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    spread = lambda heads: [t for h in heads if h is not None for t in (h, *h.conjuncts)]  # noqa: E731
    return spread(doers), spread(sufferers)


def _object_recipients(verb, index: ActorIndex) -> list[str]:
    """ "shared intelligence with Israel", "sent $300 million in aid to Ukraine"."""
    holders = [verb] + [c for c in verb.children if c.dep_ in OBJECTS]
    holders += [g for h in holders[1:] for c in h.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                for g in c.children if g.dep_ == "pobj"]
    found: list[str] = []
    for holder in holders:
        for pobj in _prep_objects(holder):
            if pobj.lemma_.lower() in BORDER_NOUNS and pobj.head.lower_ in ("on", "at", "along", "near", "across"):
                continue  # "captured a stronghold on the Thai border": where, not against whom
            found += index.of_phrase(pobj)
    if not found:  # "demand the resignation of President Ruto", "the withdrawal of Serbian forces"
        for obj in holders[1:]:
            for pobj in _prep_objects(obj, {"of"}):
                found += index.of_phrase(pobj)
    return found


def _clause_recipients(verb, index: ActorIndex) -> list[str]:
    """ "demanded that the United States match ...": the one asked is the clause's subject;
    "agreed to provide aid for Romania": the agreement's recipient is the act's; "threatened to
    shell ... unless Baghdad accepted": the one the condition is put to."""
    for child in verb.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if")
                                         for m in child.children):
            subject = next((c for c in child.children if c.dep_ in SUBJECTS), None)
            if subject is not None and subject.pos_ != "PRON":
                found = index.of_phrase(subject)
                if found:
                    return found
    for child in verb.children:
        if child.dep_ == "ccomp":
            subject = next((c for c in child.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS), None)
            if subject is not None and subject.pos_ != "PRON":
                return index.of_phrase(subject)
        purpose = child.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)
        if (child.dep_ == "xcomp" or purpose) and child.pos_ == "VERB":  # "... to demand X's removal"
            found = [a for g in child.children if g.dep_ in OBJECTS for a in index.of_phrase(g)]
            found = found or _object_recipients(child, index)
            if found:
                return found
    return []


def _place_countries(verb, index: ActorIndex) -> list[str]:
    """ "imposed a curfew in ... Turkey": a country where the act falls is what it falls on."""
    found = []
    for token in subtree(verb):
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "into") and token.pos_ == "PROPN":
            found += [a for a in index.of_phrase(token) if "country" in index.kinds.get(a, ())]
    return found


def _possessor_actors(noun, index: ActorIndex) -> list[str]:
    """ "welcomes NATO's increased focus": the possessor of the object is the recipient."""
    return [a for c in noun.children if c.dep_ == "poss" for a in index.of_phrase(c)]


def _named_act(noun):
    """The verb whose act `noun` names in "..., in what X called a N": "called" with "what" for
    its object, inside a phrase of that verb's clause; else None."""
    call = noun.head
    if noun.dep_ != "oprd" or call.lemma_.lower() != "call" or call.dep_ != "pcomp":
        return None
    if not any(c.dep_ == "dobj" and c.lower_ == "what" for c in call.children):
        return None
    verb = call.head.head
    return verb if verb.pos_ in ("VERB", "AUX") and verb.i != call.i else None


def noun_roles(noun, index: ActorIndex) -> tuple[Roles, object]:
    """The roles of a nominal event, and the token whose clause carries it (the light verb, the
    governing verb, or the noun). Actors: the noun's possessor, compound or modifier, its "by"
    or "from" phrase, else a light verb's subject ("launched an attack"), the giver of a
    receiving verb ("received aid from Egypt"), or the subject of the verb that governs it.
    Recipients: the noun's prepositions, else the light or governing verb's, else the nearest
    actor in the phrases it governs."""
    actors: list[str] = []
    actor_rule = recipient_rule = ""
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in CARRIER_NOUNS:
        trigger, noun = noun, noun.head  # "undertook a mediation mission between Syria and ...": the mission's roles
    else:
        trigger = noun
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < noun.i and child.i != trigger.i:
            actors += index.within(child.left_edge.idx, child.idx + len(child.text))
    actor_rule = "the noun's possessor or modifier" if actors else ""
    for pobj in _prep_objects(noun, {"by", "from"}):
        actors += index.of_phrase(pobj)
    actor_rule = actor_rule or ("the noun's 'by' or 'from' phrase" if actors else "")
    anchor = noun
    head = noun.head
    if noun.dep_ == "nsubjpass" and is_light_verb(head):
        # "a curfew was imposed on Bujumbura by Burundian authorities": the verb's roles
        verb = verb_roles(head, index)
        chosen = actors or verb.actors
        return Roles(chosen, [r for r in verb.recipients if r not in chosen],
                     actor_rule or verb.actor_rule and f"the light verb's {verb.actor_rule}",
                     verb.recipient_rule and f"the light verb's {verb.recipient_rule}"), head
    if noun.dep_ in OBJECTS and _receives(head):
        return _received(head, actors, actor_rule, index), head
    if noun.dep_ in OBJECTS and is_light_verb(head):
        anchor = head
        if not actors:
            verb = verb_roles(head, index)
            actors, actor_rule = verb.actors, verb.actor_rule and f"the light verb's {verb.actor_rule}"
    recipients: list[str] = []
    for pobj in _prep_objects(noun):
        recipients += index.of_phrase(pobj)
    recipient_rule = "a preposition of the noun" if recipients else ""
    named = _named_act(noun)
    if not actors and named is not None:
        # "carriers sailed east of Taiwan, in what Taipei called a show of force": the noun names
        # the sentence's own act, whose subject acts; the one who names it does not
        said = verb_roles(named, index)
        actors, actor_rule = said.actors, said.actor_rule and f"the act named: {said.actor_rule}"
        if not recipients:
            recipients = [r for r in said.recipients if r not in actors]
            recipient_rule = said.recipient_rule and f"the act named: {said.recipient_rule}"
    if not actors and anchor.i == noun.i:
        # "gave the Ivory Coast $5 million of aid": the verb that governs the noun phrase acts.
        verb = _governing_verb(noun)
        if verb is not None and _receives(verb):
            return _received(verb, actors, actor_rule, index), verb
        if verb is not None and match(verb) is None and not any(f in STANCE_VERBS for f in base_forms(verb)):
            governing = verb_roles(verb, index)
            actors = governing.actors
            actor_rule = governing.actor_rule and f"the governing verb's {governing.actor_rule}"
            if not recipients:
                recipients = governing.recipients
                recipient_rule = governing.recipient_rule and f"the governing verb's {governing.recipient_rule}"
            anchor = verb  # its tense, negation, time and place are the event's: "arrived in Amman on a visit"
    if not recipients and anchor.i != noun.i:
        # "gave Tanzania a grant", "launch an offensive ... unless Iraq accepted"
        verb = verb_roles(anchor, index)
        recipients = [r for r in verb.recipients if r not in actors]
        recipient_rule = verb.recipient_rule and f"the verb's {verb.recipient_rule}"
    if not recipients and anchor.i == noun.i:  # "a suspension of air links with Serbia"
        recipients = deep_recipients(noun, index, nationality=False, exclude=actors)
        recipient_rule = "the nearest actor in the phrases the noun governs"
    actors = list(dict.fromkeys(actors))
    anchor = trigger if anchor.i == noun.i else anchor
    recipients = [r for r in dict.fromkeys(recipients) if r not in actors]
    return Roles(actors, recipients, actor_rule if actors else "",
                 recipient_rule if recipients else ""), anchor


# "on the Thai border": a border locates an act; it is not what the act falls on.
BORDER_NOUNS = word_set("border_nouns")
# Nouns that carry a nominal event named by their modifier: "a mediation mission", "a peace effort".
CARRIER_NOUNS = word_set("carrier_nouns")
# Verbs whose subject speaks of an event without doing it: "claimed the attack", "followed the
# attack", "confirmed the arrests".
STANCE_VERBS = word_set("stance_verbs")
# Light verbs whose subject is given the event: "received aid from Egypt", "obtained a loan".
RECEIVING_VERBS = word_set("receiving_verbs")
# "gave $5m of aid", "$300 million in aid", "arrived on a visit", "left for talks".
GOVERNED_BY_VERB_PREPS = {"of", "in", "on", "for"}


def _receives(verb) -> bool:
    return verb.pos_ == "VERB" and any(f in RECEIVING_VERBS for f in base_forms(verb))


def _received(verb, givers: list[str], giver_rule: str, index: ActorIndex) -> Roles:
    """ "Sudan received food aid from Egypt": the giver acts, the receiver receives."""
    if not givers:
        givers = [a for p in _prep_objects(verb, {"from", "by"}) for a in index.of_phrase(p)]
        giver_rule = "the giver: the receiving verb's 'from' or 'by' phrase" if givers else ""
    receivers = [r for r in verb_roles(verb, index).actors if r not in givers]
    return Roles(givers, receivers, giver_rule, "the receiving verb's subject" if receivers else "")


def _governing_verb(noun):
    """The verb above a noun through objects and prepositional phrases, if the path is only those."""
    token = noun
    for _ in range(4):
        if token.dep_ in OBJECTS and token.head.pos_ == "VERB":
            return token.head
        if token.dep_ == "pobj" and token.head.lower_ in GOVERNED_BY_VERB_PREPS:
            token = token.head.head
            if token.pos_ == "VERB":
                return token
            continue
        return None
    return None
