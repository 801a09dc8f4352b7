"""Checks: numbers stated twice in one article (headline and body) compared, with a verdict.

Reads `draft.quantities` and the parse around them for what is counted ("troops", "killed");
compares only like with like and says "unclear" rather than guess. It never changes a quantity.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..pipeline import Draft
from ..records import Check, Span

# Words on the parse path from a number that say it counts casualties, by what they count.
CASUALTY_ROLES = {
    "kill": "killed", "killed": "killed", "dead": "killed", "die": "killed", "death": "killed",
    "toll": "killed", "wound": "injured", "wounded": "injured", "injure": "injured",
    "injured": "injured", "hurt": "injured", "arrest": "arrested", "detain": "arrested",
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
# Hedges that make a figure a lower bound: "at least 12" agrees with any 12 or more.
LOWER_BOUND = ("at least", "more than", "over")
# Words that say a later figure updates an earlier one: a change of toll, not a contradiction.
UPDATE_WORDS = {"rise", "climb", "increase", "reach", "mount", "jump", "grow"}
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
    value: float
    role: str | None  # killed, injured, ... or None for plain counts
    noun: str | None
    relation: str  # change | after | before | count
    phrase: str
    sent_start: int
    update: bool


def find_checks(draft: Draft) -> Draft:
    """Adds `checks`: the headline's figures against the body's, and repeated body tolls."""
    article, doc = draft.article, draft.doc
    title = article.title or ""
    head_end = len(title) if title and article.text.startswith(title) else 0
    headline = [f for q in draft.quantities if q.end <= head_end for f in _figures(doc, q)]
    body = [f for q in draft.quantities if q.start >= head_end for f in _figures(doc, q)]
    checks = [c for f in headline if (c := _check_headline(f, body))]
    checks += _check_body(body)
    return draft.add(checks=tuple(checks))


def _figures(doc, q) -> list[_Figure]:
    """The comparable readings of one quantity: a change gives its change and its end value."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    number = next((t for t in reversed(span) if t.like_num), span[-1])
    role, noun = _role(number), _noun(number, q)
    sent = number.sent
    if BACKGROUND.search(sent.text):
        return []
    update = any(t.lemma_.lower() in UPDATE_WORDS for t in sent if t.i < number.i)
    base = dict(quantity=q, role=role, noun=noun, sent_start=sent.start_char, update=update)
    if q.change is not None:
        return [_Figure(value=q.change, relation="change", phrase=_text(q), **base),
                _Figure(value=q.after, relation="after", phrase=_text(q), **base)]
    if q.value is None:
        return []
    before = doc[span.start - 1].lower_ if span.start else ""
    relation = RELATIONS.get(before, "count")
    return [_Figure(value=q.value, relation=relation, phrase=_phrase(span, number, role, before), **base)]


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
    verb = next((t for t in number.ancestors if t.pos_ in ("VERB", "AUX")), None)
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
    candidates.sort(key=lambda f: (f.noun != claim.noun, f.quantity.start))
    # In order: the same number; one sentence's figures adding up to it ("12 soldiers and
    # 3 civilians"); a hedged or bounded figure that allows it; else the likeliest mismatch.
    exact = next((f for f in candidates if f.value == claim.value), None)
    best = ("consistent", exact) if exact else (_by_sum(claim, candidates) if claim.role else None)
    best = best or next((("consistent", f) for f in candidates if _verdict(claim, f) == "consistent"), None)
    verdict, match = best or ("inconsistent", candidates[0])
    toll_update = claim.role and match.update  # "the toll rose to 16": a later count
    if verdict == "inconsistent" and (toll_update or claim.noun != match.noun and not _generic(claim, match)):
        verdict = "unclear"
    return _record(f"headline: {claim.phrase}", claim, match, verdict)


def _same_thing(a: _Figure, b: _Figure) -> bool:
    if a.role:  # casualties: the nouns may differ ("soldiers" / "people")
        return True
    return a.noun == b.noun or (a.noun in GENERIC_NOUNS or b.noun in GENERIC_NOUNS) and a.relation != "count"


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


def _verdict(a: _Figure, b: _Figure) -> str:
    if a.value == b.value:
        return "consistent"
    if _lower_bound(a) and b.value >= a.value or _lower_bound(b) and a.value >= b.value:
        return "consistent"
    hedged = a.quantity.approximate or b.quantity.approximate
    if hedged and abs(a.value - b.value) <= APPROX_TOLERANCE * max(abs(a.value), abs(b.value)):
        return "consistent"
    return "inconsistent"


def _lower_bound(f: _Figure) -> bool:
    return f.quantity.text.lower().startswith(LOWER_BOUND)


def _record(claim: str, a: _Figure, b: _Figure, verdict: str) -> Check:
    qa, qb = a.quantity, b.quantity
    return Check(claim=claim, against=b.phrase, verdict=verdict,
                 evidence=(Span(qa.text, qa.start, qa.end), Span(qb.text, qb.start, qb.end)))
