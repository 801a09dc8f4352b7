"""Checks: numbers stated twice in one article (headline and body) compared, with a verdict.

Reads `draft.quantities` and the parse around them for what is counted ("troops", "killed"), and
for a force's size whose force it is and where; compares only like with like and says "unclear"
rather than guess. It never changes a quantity.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

import pycountry

from ..data import word_set
from ..draft import Draft
from ..records import Check, Span
from .grammar import COMPLEMENT_DEPS, LOWER_BOUND_HEDGES, MODIFIER_DEPS, UPPER_BOUND_HEDGES
from .tree import ancestors, sentence

# Words on the parse path from a number that say it counts casualties, by what they count. The
# killing and injuring verbs are the event coder's (word_sets.tsv), so that a toll the events
# stage reads ("gunmen murdered five") is one the checks compare.
CASUALTY_ROLES = {
    **{lemma: "killed" for lemma in word_set("kill_lemmas") | word_set("die_lemmas")},
    **{lemma: "injured" for lemma in word_set("injure_lemmas")},
    "killed": "killed", "dead": "killed", "death": "killed", "toll": "killed",
    "wounded": "injured", "injured": "injured", "arrest": "arrested", "detain": "arrested",
    "missing": "missing", "displace": "displaced", "kidnap": "abducted", "abduct": "abducted",
}
# Nouns that count people without saying which: compatible with any more specific noun.
GENERIC_NOUNS = {None, "people", "person", "other", "individual", "personnel"}
# Heads walked up from a number to find its casualty verb: "12 soldiers were killed" is two.
ROLE_MAX_STEPS = 3
# Tokens looked at right after the counted noun: "nine people injured", "15 dead".
ROLE_AFTER_TOKENS = 2
# A hedged figure ("about 4,000") matches one within this share of it; 10% is the usual
# rounding of "about" in wire copy (500 -> "about 4,000" for 3,950..4,050 falls well inside).
APPROX_TOLERANCE = 0.10
# Nouns that count the members of an armed force: one kind of thing, so a headline's "600
# soldiers" and the body's "600 troops" state the same figure. Lemmas, as spaCy gives them.
FORCE_NOUNS = word_set("force_nouns")
FORCE = "force"
# Modifiers of a counted noun that make its figure an addition to a force ("an additional
# 3,500 troops", "3,500 more troops"): read as a change ("expand by 3,500"), not as a size.
ADDITION_WORDS = word_set("addition_words")
# Modifiers that make a figure a part of a force ("the first 400 troops"), not its size.
PART_WORDS = word_set("part_words")
# PLOVER codes of bodies that are no state: such an owner is told apart by its actor, not code.
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
# Words that say a later figure updates an earlier one: a change of toll, not a contradiction.
UPDATE_WORDS = word_set("update_verbs")
# Verbs that resize a force: a size stated with one of them ("will raise its force to 1,400")
# is a plan or a change, so a different size elsewhere is "unclear", not a contradiction.
RESIZE_WORDS = UPDATE_WORDS | word_set("resize_verbs")
# Longest phrase (tokens) used to name a figure in a check's claim.
PHRASE_MAX_TOKENS = 8
# A figure in a sentence with these is background ("1,400 pupils kidnapped since 2014"),
# not a restatement of the story's own count.
BACKGROUND = re.compile(r"\bsince\b|\b(?:19|20)\d\d\b|\blast year\b|\bso far\b|\bin total\b", re.I)
RELATIONS = {"by": "change", "to": "after", "from": "before"}


@dataclass(frozen=True)
class _Figure:
    """A quantity read for comparison: value, what it counts, how it relates, where it stands."""

    quantity: object
    number: object  # the spaCy token of the figure's number
    value: float
    role: str | None  # killed, injured, ... or None for plain counts
    noun: str | None
    relation: str  # change | after | before | count
    phrase: str
    sent_start: int
    update: bool
    part: bool = False  # "the first 400 troops": a part of a force, not its size


def find_checks(draft: Draft) -> Draft:
    """Adds `checks`: the headline's figures against the body's, repeated body tolls, and a
    force's size stated again in the body."""
    article, doc = draft.article, draft.doc
    title = article.title or ""
    head_end = len(title) if title and article.text.startswith(title) else 0
    headline = [f for q in draft.quantities if q.end <= head_end for f in _figures(doc, q)]
    body = [f for q in draft.quantities if q.start >= head_end for f in _figures(doc, q)]
    checks = [c for f in headline if (c := _check_headline(f, body))]
    checks += _check_body(body)
    checks += _check_force_sizes(body, draft.actors, draft.places)
    return draft.add(checks=tuple(checks))


def _figures(doc, q) -> list[_Figure]:
    """The comparable readings of one quantity: a change gives its change and its end value."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    number = next((t for t in reversed(span) if t.like_num), span[-1])
    role, noun = _role(number), _noun(number, q)
    sent = sentence(number)
    if BACKGROUND.search(sent.text):
        return []
    update = any(t.lemma_.lower() in UPDATE_WORDS for t in sent if t.i < number.i)
    base = dict(quantity=q, number=number, role=role, noun=noun, sent_start=sent.start_char,
                update=update)
    if q.change is not None:
        return [_Figure(value=q.change, relation="change", phrase=_text(q), **base),
                _Figure(value=q.after, relation="after", phrase=_text(q), **base)]
    if q.value is None:
        return []
    before = doc[span.start - 1].lower_ if span.start else ""
    modifiers = _modifiers(number, q)
    relation = "change" if modifiers & ADDITION_WORDS else RELATIONS.get(before, "count")
    return [_Figure(value=q.value, relation=relation, phrase=_phrase(span, number, role, before),
                    part=bool(modifiers & PART_WORDS), **base)]


def _modifiers(number, q) -> set[str]:
    """Words modifying the number or its counted noun outside the quantity's own text ("an
    additional", "another", "the first"); "more" of "more than 3,500" is a hedge, not one."""
    doc = number.doc
    words = [*number.children, *(number.head.children if number.dep_ == "nummod" else ())]
    return {c.lower_ for c in words if c.dep_ in MODIFIER_DEPS and not q.start <= c.idx < q.end
            and not (c.i + 1 < len(doc) and doc[c.i + 1].lower_ == "than")}


def _role(number) -> str | None:
    node = number
    for _ in range(ROLE_MAX_STEPS):
        node = node.head
        role = CASUALTY_ROLES.get(node.lemma_.lower()) or CASUALTY_ROLES.get(node.lower_)
        if role:
            return role
        if any(CASUALTY_ROLES.get(c.lower_) == "killed" and c.lower_ in ("toll", "death")
               for c in node.children if c.dep_ in ("nsubj", "compound")):
            return "killed"  # "the death toll rose to 16"
    noun = number.head if number.dep_ == "nummod" else number
    for token in noun.doc[noun.i + 1:noun.i + 1 + ROLE_AFTER_TOKENS]:
        role = CASUALTY_ROLES.get(token.lower_)
        if role:
            return role
    return None


def _noun(number, q) -> str | None:
    if number.dep_ == "nummod" and number.head.pos_ in ("NOUN", "PROPN"):
        return number.head.lemma_.lower()
    if q.counts and " " in q.counts:  # "contractor killed" from a single victim
        return q.counts.split()[0]
    return q.counts if q.counts in GENERIC_NOUNS else None


def _phrase(span, number, role_word, before: str) -> str:
    """ "expand by 3,500 troops", "killed 12 soldiers": the figure as the text puts it."""
    doc = span.doc
    start = span.start - 1 if before in RELATIONS else span.start
    end = number.head.i + 1 if number.dep_ == "nummod" and number.head.i > number.i else span.end
    verb = next((t for t in ancestors(number) if t.pos_ in ("VERB", "AUX")), None)
    words = " ".join(doc[start:end].text.split())
    if verb is not None and end - min(start, verb.i) <= PHRASE_MAX_TOKENS:
        if verb.i < start:
            return f"{verb.lemma_} {words}"
        return " ".join(doc[start:verb.i + 1].text.split())
    return words


def _text(q) -> str:
    return " ".join(q.text.split())


def _check_headline(claim: _Figure, body: list[_Figure]) -> Check | None:
    """The body figure that states the headline's, best match first; None if none does."""
    candidates = [f for f in body if f.relation == claim.relation or
                  (claim.relation == "count" and f.relation == "after" and f.quantity.change is None)]
    candidates = [f for f in candidates if f.role == claim.role and _same_thing(claim, f)]
    if not candidates:
        return None
    candidates.sort(key=lambda f: (_kind(f.noun) != _kind(claim.noun), f.quantity.start))
    # In order: the same number; one sentence's figures adding up to it ("12 soldiers and
    # 3 civilians"); a hedged or bounded figure that allows it; else the likeliest mismatch.
    exact = next((f for f in candidates if f.value == claim.value), None)
    best = ("consistent", exact) if exact else (_by_sum(claim, candidates) if claim.role else None)
    best = best or next((("consistent", f) for f in candidates if _verdict(claim, f) == "consistent"), None)
    verdict, match = best or ("inconsistent", candidates[0])
    toll_update = claim.role and match.update  # "the toll rose to 16": a later count
    other_kind = _kind(claim.noun) != _kind(match.noun) and not _generic(claim, match)
    if verdict == "inconsistent" and (toll_update or other_kind):
        verdict = "unclear"
    return _record(f"headline: {claim.phrase}", claim, match, verdict)


def _same_thing(a: _Figure, b: _Figure) -> bool:
    if a.role:  # casualties: the nouns may differ ("soldiers" / "people")
        return True
    return _kind(a.noun) == _kind(b.noun) or \
        (a.noun in GENERIC_NOUNS or b.noun in GENERIC_NOUNS) and a.relation != "count"


def _kind(noun: str | None) -> str | None:
    """What a noun counts, with all of a force's members ("troops", "soldiers") as one."""
    return FORCE if noun in FORCE_NOUNS else noun


def _generic(a: _Figure, b: _Figure) -> bool:
    return a.noun in GENERIC_NOUNS or b.noun in GENERIC_NOUNS


def _by_sum(claim: _Figure, candidates: list[_Figure]):
    """ "kills 15" against "killed 12 soldiers and 3 civilians": one sentence's figures summed."""
    by_sentence: dict[int, list[_Figure]] = {}
    for f in candidates:
        by_sentence.setdefault(f.sent_start, []).append(f)
    for figures in by_sentence.values():
        if len(figures) > 1 and sum(f.value for f in figures) == claim.value:
            return "consistent", dataclasses.replace(figures[0], phrase=" + ".join(f.phrase for f in figures))
    return None


def _check_body(body: list[_Figure]) -> list[Check]:
    """The same casualty count stated again later in the body, against its first statement."""
    first: dict[tuple[str, str | None], _Figure] = {}
    checks = []
    for f in body:
        if not f.role or f.relation == "change":
            continue
        key = (f.role, None if f.noun in GENERIC_NOUNS else f.noun)
        earlier = first.setdefault(key, f)
        if earlier is f or earlier.sent_start == f.sent_start:
            continue
        verdict = "unclear" if f.update else _verdict(earlier, f)
        checks.append(_record(f"body: {earlier.phrase}", earlier, f, verdict))
    return checks


def _check_force_sizes(body: list[_Figure], actors, places) -> list[Check]:
    """A force's size stated again later in the body, against its first statement. The same
    force: counted by force nouns, owned by the same named actor, in places that agree; an
    addition, a part or a past size ("from 500") is no restatement of it."""
    first: dict[str, list[tuple[_Figure, frozenset[str]]]] = {}
    checks = []
    for f in body:
        if f.role or f.part or f.relation not in ("count", "after") or _kind(f.noun) != FORCE:
            continue
        owner = _owner(f.number, actors)
        if owner is None:
            continue
        where = _countries(sentence(f.number), owner, actors, places)
        earlier = next((e for e, w in first.get(owner, ()) if not w or not where or w & where), None)
        if earlier is None:
            first.setdefault(owner, []).append((f, where))
        elif earlier.sent_start != f.sent_start and f.value != earlier.quantity.before:
            verdict = _verdict(earlier, f)
            if verdict == "inconsistent" and (_resized(earlier) or _resized(f)):
                verdict = "unclear"
            checks.append(_record(f"body: {earlier.phrase}", earlier, f, verdict))
    return checks


def _resized(f: _Figure) -> bool:
    """A size after a change ("from 500 to 4,000") or in a sentence that resizes the force."""
    return f.relation == "after" or any(t.lemma_.lower() in RESIZE_WORDS for t in sentence(f.number))


def _owner(number, actors) -> str | None:
    """Whose force a figure counts: the one actor named in its noun phrase ("Kenyan troops",
    "troops from Chad"), else in the subject of the verb that takes it ("Kenya will send ...")."""
    noun = number.head if number.dep_ == "nummod" else number
    ranges = [(noun.left_edge.idx, _end(noun))]
    ranges += [(c.idx, _end(c.right_edge)) for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"]
    owners = _owners_in(ranges, actors) or _subject_owners(noun, actors)
    return next(iter(owners)) if len(owners) == 1 else None


def _subject_owners(noun, actors) -> set[str]:
    """Owners named in the subject of the verb that takes the counted noun as its object, or
    through "to"/"by" ("Chad will raise its force to 1,400 soldiers")."""
    if noun.dep_ == "pobj" and noun.head.lower_ in RELATIONS:
        noun = noun.head
    elif noun.dep_ not in COMPLEMENT_DEPS:
        return set()
    subject = next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return set()
    return _owners_in([(subject.left_edge.idx, _end(subject.right_edge))], actors)


def _owners_in(ranges, actors) -> set[str]:
    return {_owner_key(a) for a in actors for m in a.mentions
            if any(m.start < e and s < m.end for s, e in ranges)}


def _owner_key(actor) -> str:
    """A state by its country code, so "Kenya" and "Kenyan troops" are one owner."""
    code = actor.country
    return code if code and code not in NON_STATE_CODES else actor.id


def _countries(sent, owner: str, actors, places) -> frozenset[str]:
    """ISO3 codes of the places named in the sentence, the owner's own name and country left out."""
    own = [(m.start, m.end) for a in actors if _owner_key(a) == owner for m in a.mentions]
    found = set()
    for place in places:
        for m in place.mentions:
            inside = sent.start_char <= m.start and m.end <= sent.end_char
            if inside and place.country and not any(s < m.end and m.start < e for s, e in own):
                country = pycountry.countries.get(alpha_2=place.country)
                found.add(country.alpha_3 if country else place.country)
    return frozenset(found - {owner})


def _end(token) -> int:
    return token.idx + len(token)


def _verdict(a: _Figure, b: _Figure) -> str:
    if a.value == b.value:
        return "consistent"
    if _lower_bound(a) and b.value >= a.value or _lower_bound(b) and a.value >= b.value:
        return "consistent"
    if _upper_bound(a) and b.value <= a.value or _upper_bound(b) and a.value <= b.value:
        return "consistent"
    hedged = a.quantity.approximate or b.quantity.approximate
    if hedged and abs(a.value - b.value) <= APPROX_TOLERANCE * max(abs(a.value), abs(b.value)):
        return "consistent"
    return "inconsistent"


def _lower_bound(f: _Figure) -> bool:
    return f.quantity.text.lower().startswith(LOWER_BOUND_HEDGES)


def _upper_bound(f: _Figure) -> bool:
    return f.quantity.text.lower().startswith(UPPER_BOUND_HEDGES)


def _record(claim: str, a: _Figure, b: _Figure, verdict: str) -> Check:
    qa, qb = a.quantity, b.quantity
    return Check(claim=claim, against=b.phrase, verdict=verdict,
                 evidence=(Span(qa.text, qa.start, qa.end), Span(qb.text, qb.start, qb.end)))
