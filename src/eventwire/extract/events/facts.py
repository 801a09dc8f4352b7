"""What one event mention says beyond its roles: status, ACLED and CAMEO views (its casualties
are casualties.py's).

Plain functions over one clause of the parse and the records found by earlier stages; the
events stage calls them and merges the answers. Grammar (auxiliaries, marks, dependency
labels) is grammar.py's; the words of saying, planning and denying live in data/.
"""
from __future__ import annotations

from functools import lru_cache

from ...data import read_table, word_set
from ...records import AcledView
from ..grammar import CONDITIONAL_MARKS, FUTURE_AUX, GOVERNING_DEPS, MODAL_AUX

DENY_VERBS = word_set("deny_verbs")
THREAT_VERBS = word_set("threat_verbs")
CLAIM_VERBS = word_set("claim_verbs")
PLAN_VERBS = word_set("plan_verbs")
# "is willing to withdraw", "is ready to contribute": adjectives of intent before an act.
INTENT_WORDS = word_set("intent_words")
ANNOUNCE_VERBS = word_set("announce_verbs")
# How far up the clause chain a governing verb ("denied carrying out", "plans to send") is looked for.
GOVERNOR_DEPTH = 2
# Verbs of saying: "would not say if it would add troops" leaves the event open, not denied.
SPEECH_VERBS = word_set("speech_verbs")
# An event dated this many years or more before publication is historical ("since 2004").
HISTORICAL_YEARS = 1
# What a crowd or a force is counted in; a count of these is an event's size.
SIZE_NOUNS = word_set("size_nouns")
COMPATIBLE_STATUS = ({"reported", "claimed"}, {"planned", "announced"})


def governors(anchor):
    """The verbs above a clause: "denied [carrying out]", "plans [to send]", "announced $5m in [aid]"."""
    token, steps = anchor, 0
    while steps < GOVERNOR_DEPTH and token.head.i != token.i:
        if token.dep_ not in GOVERNING_DEPS and token.dep_ != "prep":
            return
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            steps += 1
            yield token


def status_of(anchor, event_type: str, published: str | None, date_end: str | None) -> str:
    children = list(anchor.children)
    if anchor.dep_ == "conj" and anchor.pos_ == "VERB" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg") for c in children):
        # "will make a visit ... and hold talks", "did not meet or talk": the first verb's
        # auxiliaries and negation are the second's too
        children += [c for c in anchor.head.children if c.dep_ in ("aux", "auxpass", "neg")]
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children):
        return "hypothetical"
    if any(c.dep_ == "neg" for c in children):
        return "negated"
    aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    ruling = [(g, g.lemma_.lower()) for g in governors(anchor)]
    if anchor.pos_ != "VERB" and ruling:  # "will increase its troop deployment"
        aux |= {c.lower_ for c in ruling[0][0].children if c.dep_ in ("aux", "auxpass")}
    for gov, lemma in ruling:
        if lemma in DENY_VERBS:
            return "denied"
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in gov.children):
            return "hypothetical"
        if any(c.dep_ == "neg" for c in gov.children):
            return "negated"
    if aux & MODAL_AUX:
        return "hypothetical"
    if event_type == "THREATEN" or any(lemma in THREAT_VERBS for _, lemma in ruling):
        return "threatened"
    if any(lemma in CLAIM_VERBS for _, lemma in ruling):
        return "claimed"
    announced = anchor.lemma_.lower() in ANNOUNCE_VERBS or any(
        lemma in ANNOUNCE_VERBS for _, lemma in ruling)
    headline_infinitive = anchor.dep_ == "ROOT" and "to" in aux  # "NATO to expand mission"
    future = bool(aux & FUTURE_AUX) or headline_infinitive or any(
        lemma in PLAN_VERBS for _, lemma in ruling) or (
        anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in INTENT_WORDS)
    if announced:
        return "announced"
    if future:
        return "planned"
    if published and date_end and _years_between(date_end, published) >= HISTORICAL_YEARS:
        return "historical"
    return "reported"


def _years_between(earlier: str, later: str) -> float:
    import datetime as dt

    try:
        a, b = dt.date.fromisoformat(earlier[:10]), dt.date.fromisoformat(later[:10])
    except ValueError:
        return 0.0
    return (b - a).days / 365.25


def statuses_compatible(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in COMPATIBLE_STATUS)


@lru_cache(maxsize=1)
def _acled_rows() -> tuple[dict[str, str], ...]:
    rows = [{k: (v or "").strip() for k, v in row.items()} for row in read_table("acled_map.tsv")]
    # The most specific row first: one with a mode and a cue before one with either, then neither.
    return tuple(sorted(rows, key=lambda r: (not r.get("mode"), not r.get("cue"))))


def acled_view(event_type: str, mode: str | None, lemmas: set[str]) -> AcledView | None:
    row = acled_row(event_type, mode, lemmas)
    return AcledView(row["event_type"], row["sub_event_type"]) if row else None


def acled_row(event_type: str, mode: str | None, lemmas: set[str]) -> dict | None:
    """The first row of data/acled_map.tsv that fits: its type, and its mode and cue if it has them."""
    for row in _acled_rows():
        if row["type"] != event_type:
            continue
        if row.get("mode") and row["mode"] != mode:
            continue
        if row.get("cue") and row["cue"].lower() not in lemmas:
            continue
        return row
    return None


@lru_cache(maxsize=1)
def _cameo_codes() -> dict[tuple[str, str], str]:
    return {(row["type"].strip(), (row.get("mode") or "").strip()): row["cameo"].strip()
            for row in read_table("cameo_map.tsv")}


def cameo_code(event_type: str, mode: str | None) -> str | None:
    codes = _cameo_codes()
    return codes.get((event_type, mode or "")) or codes.get((event_type, ""))
