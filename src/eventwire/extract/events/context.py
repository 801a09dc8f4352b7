"""One event mention in its context: the date, place and magnitude of its clause (else its
sentence's), its status, its type re-coded by rules.py, and recipients by convention where the
clause names none, as one EventDraft. Finding the mentions is mentions.py's; merging them, merge.py's.
`overlay`: the article context (overlay.Overlay).
"""
from __future__ import annotations

from itertools import islice

from ...data import word_set
from ...records import RuleStep, Span
from ..grammar import DASHES, DEFINITE
from ..tree import sentence, subtree_ids
from . import conventions, facts
from .casualties import casualties
from .merge import PRECISION_RANK, SENTENCE_RANK, EventDraft, precision_rank
from .rules import recode
from .triggers import Mention

REPORTING_VERBS = word_set("reporting_verbs")


def describe(overlay, mention: Mention, scope: set[int], foreign: set[int],
             embedded: bool) -> EventDraft | None:
    token, sent = mention.token, sentence(mention.token)
    own = _own_clause(overlay.doc, scope, token)
    dates = [(PRECISION_RANK.get(t.precision, 9), t) for toks, t in overlay.times.touching(own)]
    if not dates:  # else the sentence's, outside the clauses of other words
        dates = [(PRECISION_RANK.get(t.precision, 9) + SENTENCE_RANK, t)
                 for toks, t in overlay.times.starting_in(sent.start, sent.end)
                 if not toks & ((scope - own) | foreign) and not _elsewhere(overlay, toks, sent, foreign)]
    dateline = _dateline(sent)  # "NIAMEY, March 3 (Wire) -": where it was filed, not where it happened
    places = [p for toks, p in overlay.places.touching(own) if not toks & dateline]
    counts = casualties([overlay.doc[i] for i in sorted(scope)])
    magnitude = {**counts, **_size(overlay, own, mention)}
    anchored = (mention.actors or mention.recipients or places or dates[:1] and dates[0][0] < SENTENCE_RANK
                or mention.mode or any(v is not None for v in counts.values())
                or token.pos_ == "VERB" or mention.anchor.i != token.i)
    if not anchored and not _is_definite(token):
        overlay.drop(token, mention.entry.type, "context.describe",
                     "a noun tied to no actor, place, date or number")
        return None  # "an attack on his reputation": a noun tied to nothing
    date_end = min((t.date_end or t.date_start or "" for _, t in dates), default=None)
    status = facts.status_of(mention.anchor, mention.entry.type, overlay.draft.article.published,
                             date_end)
    root = mention.anchor.dep_ == "ROOT" or (
        mention.anchor.dep_ in ("ccomp", "xcomp") and mention.anchor.head.dep_ == "ROOT"
        and mention.anchor.head.lemma_.lower() in REPORTING_VERBS)
    mode, event_type = mention.mode, mention.entry.type
    actors, recipients = list(mention.actors), list(mention.recipients)
    recoded = recode(mention, event_type, mode, status, actors, recipients, overlay.index,
                     overlay.draft.article.published, date_end)
    trail = _trigger_steps(mention, recoded.rules)
    actor_rule = mention.actor_rule if recoded.actors == actors else "rules.recode: the roles of the act it recodes"
    recipient_rule = (mention.recipient_rule if recoded.recipients == recipients
                      else "rules.recode: the roles of the act it recodes")
    event_type, mode, status, actors, recipients = recoded[:5]
    if mention.entry.type == "CONSULT" and any(
            "IGO" in overlay.index.kinds.get(a, ()) for a in mention.actors):
        mode = "multilateral"  # a meeting of an alliance or a union has many parties
    local = event_type == "PROTEST" and not actors and bool(places)
    if local:  # protesters no text names are the people of the place: "demonstrators in Baghdad"
        actors = [a for a in [overlay.country_of(min(places, key=precision_rank))] if a]
        actor_rule = "context.describe: protesters no one names are the people of its place"
    subject = _subject_tokens(mention.anchor)
    outside = [p for toks, p in overlay.places.touching(own) if not toks & (subject | dateline)]
    place_recipient = not recipients and bool(outside)
    if place_recipient:  # "arrived in Amman", "lifted the curfew in West Darfur", not
        # "Kenya President X rejected"; a local protest is against the state of its place
        recipients = [a for a in [overlay.country_of(min(outside, key=precision_rank))]
                      if a and (local or a not in actors)]
        recipient_rule = "context.describe: the state of a place in its clause"
    if not recipients and actors and conventions.domestic_target(event_type, mention.anchor):
        # "students staged demonstrations", "police dispersed demonstrators", "declared martial
        # law": in one country and naming no other, a protest is against its own state, a
        # restriction falls on its own people
        recipients = [a for a in [overlay.home_of(actors, sent)] if a]
        recipient_rule = "conventions.domestic_target: the actor's own state"
    trail += [RuleStep("actor", actor_rule or "none found", overlay.names(actors)),
              RuleStep("recipient", recipient_rule if recipients else "none found", overlay.names(recipients)),
              RuleStep("status", "facts.status_of / rules.recode", status)]
    return EventDraft(event_type, mode, list(mention.entry.context), actors, recipients, status,
                  tokens=[token], evidence=[Span(sent.text, sent.start_char, sent.end_char)],
                  dates=dates, places=places, magnitude=magnitude,
                  main_clause=root, verbal=token.pos_ == "VERB",
                  lemmas={overlay.doc[i].lemma_.lower() for i in own}, embedded=embedded,
                  reference_only=not anchored, place_recipient=place_recipient, trail=trail,
                  type_rules=recoded.rules + _reading_rule(mention))


def _reading_rule(mention: Mention) -> tuple[str, ...]:
    """A reading the rules made on purpose outranks the model (decide.py step 2), as a grammar
    rule does: a word-sense check that retyped the trigger ("the union struck the plants": a
    labour strike, PROTEST) or a lexicon phrase ("pull out peacekeepers", "withdraw from a deal")."""
    if mention.type_rule:
        return (mention.type_rule,)
    words = mention.entry.words
    return (f"the lexicon's phrase '{' '.join(words)}'",) if len(words) > 1 else ()


def _trigger_steps(mention: Mention, recoded: tuple[str, ...]) -> list[RuleStep]:
    """The trail's first steps: the lexicon row that matched, and each rule that changed the type."""
    entry = mention.entry
    lexicon = mention.token.lemma_.lower() if len(entry.words) == 1 else " ".join(entry.words)
    steps = [RuleStep("trigger", f"triggers.match: data/event_triggers.tsv '{lexicon}' ({entry.pos})",
                      f"'{mention.token.text}' -> {entry.type}" + (f" {entry.mode}" if entry.mode else ""))]
    if mention.type_rule:
        steps.append(RuleStep("type", mention.type_rule, mention.entry.type))
    steps += [RuleStep("type", "rules.recode", rule) for rule in recoded]
    return steps


def _elsewhere(overlay, toks: set[int], sent, foreign: set[int]) -> bool:
    """Whether a token of `toks` outside `sent` lies in another trigger's clause: with
    `foreign` (the clauses of the sentence's other triggers) that is the full "foreign"."""
    return any(i in overlay.covered for i in toks if not sent.start <= i < sent.end)


def _size(overlay, own: set[int], mention: Mention) -> dict:
    if mention.entry.type == "ASSAULT" or not own:
        return {}
    subject = {i for c in mention.anchor.children if c.dep_ in ("nsubj", "nsubjpass")
               for i in subtree_ids(c)}
    counted = []
    for toks, q in overlay.quantity_tokens.touching(own):
        number = next((overlay.doc[i] for i in sorted(toks) if overlay.doc[i].like_num), None)
        if not toks or not toks <= own or number is None:
            continue
        if number.i in subject and number.head.dep_ not in ("nsubj", "nsubjpass", "pobj"):
            continue  # "the 30-member alliance": a number about the subject, not its size
        counted.append((toks, q))
    for toks, q in counted:
        if q.after is not None:
            return {"size": int(q.after), "size_before": _int(q.before),
                    "size_change": _int(q.change), "approximate": q.approximate}
    for toks, q in counted:
        if q.value is not None and (q.counts or "").split(" ")[0] in facts.SIZE_NOUNS:
            if _after_by(overlay.doc[min(toks)]):  # "expand ... by 3,500 troops"
                return {"size_change": int(q.value), "approximate": q.approximate}
            return {"size": int(q.value), "approximate": q.approximate}
    return {}


# A dateline opens a wire story: a place in capitals, maybe a date and the agency, then a dash.
DATELINE_MAX_TOKENS = 12


def dateline_chars(doc) -> set[int]:
    """The character offsets of every dateline token in the document."""
    return {doc[i].idx for sent in doc.sents for i in _dateline(sent)}


def _dateline(sent) -> set[int]:
    """The tokens of a dateline that opens the sentence ("KADUNA, Nigeria (Ledger) -"), or none."""
    words = list(islice((t for t in sent if not t.is_space), DATELINE_MAX_TOKENS))
    if not words or not (words[0].is_upper and words[0].is_alpha and len(words[0]) > 1):
        return set()
    dash = next((t for t in words[:DATELINE_MAX_TOKENS] if t.text in DASHES and t.whitespace_), None)
    return set(range(sent.start, dash.i + 1)) if dash is not None else set()


def _is_definite(token) -> bool:
    return token.pos_ != "VERB" and any(c.dep_ == "det" and c.lower_ in DEFINITE
                                        for c in token.children)


def _subject_tokens(anchor) -> set[int]:
    """The tokens of the anchor's own subject phrase."""
    return {i for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass") for i in subtree_ids(c)}


def _own_clause(doc, scope: set[int], trigger) -> set[int]:
    """The scope less the relative clauses of its nouns: "the mission, which began in 2018"."""
    own = set(scope)
    for i in scope:
        token = doc[i]
        if token.dep_ in ("relcl", "acl") and token.head.i in scope and token.i != trigger.i:
            own -= set(subtree_ids(token))
    return own | {trigger.i}


def _after_by(number) -> bool:
    noun = number.head if number.dep_ == "nummod" else number
    return noun.dep_ == "pobj" and noun.head.lower_ == "by"


def _int(value):
    return int(value) if value is not None else None
