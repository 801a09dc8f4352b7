"""Event triggers: lexicon words on the dependency parse, and who can act.

The lexicons are data (data/event_triggers.tsv, event_modes.tsv); this module only matches them
on the parse. Who did what to whom is roles.py; dating and placing a mention is context.py;
merging mentions into events is merge.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...data import plover_types, read_table, word_set
from ..grammar import AGENT_PRONOUNS, NOUN_POS, OBJECTS, VERB_POS

# Verbs that carry a nominal event: "launched an attack", "held talks", "made a request".
LIGHT_VERBS = word_set("light_verbs")
# The two sides of PLOVER's scale, for rules that weigh one event word against another: a
# cooperative event named as the object of a hostile act ("violated the ceasefire") is not taking place.
COOPERATIVE = plover_types("quad", "verbal cooperation") | plover_types("quad", "material cooperation")
HOSTILE = plover_types("hostile")


@dataclass(frozen=True)
class LexiconEntry:
    """One lexicon row: a head lemma plus any words that must hang off it."""

    type: str
    mode: str | None
    pos: str
    words: tuple[str, ...]
    context: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    """One trigger in one clause, with the tokens of its roles (not yet merged into events)."""

    entry: LexiconEntry
    token: object  # the trigger token (spaCy Token)
    anchor: object  # the token whose clause carries tense and negation (light verb or trigger)
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    mode: str | None
    actor_rule: str = ""  # the rule that chose the actors (roles.Roles)
    recipient_rule: str = ""
    type_rule: str = ""  # a rule that changed the lexicon's type here, if any


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, str], tuple[LexiconEntry, ...]]:
    """(pos, head lemma) -> entries, the most specific (most words) first."""
    table: dict[tuple[str, str], list[LexiconEntry]] = {}
    for row in read_table("event_triggers.tsv"):
        words = tuple(row["trigger"].lower().split())
        if not words or not row.get("type"):
            continue
        entry = LexiconEntry(row["type"].strip(), (row.get("mode") or "").strip() or None,
                      row["pos"].strip().upper(), words,
                      tuple(c.strip() for c in (row.get("context") or "").split(",") if c.strip()))
        table.setdefault((entry.pos, words[0]), []).append(entry)
    return {k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in table.items()}


@lru_cache(maxsize=1)
def agent_nouns() -> frozenset[str]:
    """Who can act: data/event_agents.tsv plus every one-word role of data/actor_roles.tsv."""
    roles = {row["role"].strip() for row in read_table("actor_roles.tsv") if " " not in row["role"].strip()}
    return frozenset({row["noun"].strip() for row in read_table("event_agents.tsv")} | roles)


# Heads of "X of Y" phrases in which Y is who acts: "thousands of protesters", "members of Hamas"
# (but not "shares of the firm").
GROUP_WORDS = word_set("group_words")


def is_agent_noun(token) -> bool:
    return token.lemma_.lower() in agent_nouns() or token.lower_ in agent_nouns()


def agent_like(head) -> bool:
    heads = [head, *head.conjuncts]
    heads += [g for h in heads if h.like_num or h.lemma_.lower() in GROUP_WORDS
              for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
              for g in c.children if g.dep_ == "pobj"]  # "thousands of protesters", not "shares of"
    return any(h.lower_ in AGENT_PRONOUNS or h.lemma_.lower() in agent_nouns()
               or h.lower_ in agent_nouns() or h.ent_type_ in ("PERSON", "NORP", "ORG", "GPE")
               for h in heads)


def moves_forces(verb) -> bool:
    """MOBILIZE verbs move people or arms: "deployed troops", not "deployed new software"."""
    objects = [c for c in verb.children if c.dep_ in OBJECTS]
    return not objects or any(agent_like(o) or _of_a_nation(o) for o in objects)


def _of_a_nation(noun) -> bool:
    """ "three Chinese road engineers": people named by a nationality are people."""
    return any(c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP" for c in noun.children)


@lru_cache(maxsize=1)
def mode_cues() -> dict[str, dict[str, str]]:
    """type -> {cue lemma -> mode}."""
    cues: dict[str, dict[str, str]] = {}
    for row in read_table("event_modes.tsv"):
        cues.setdefault(row["type"].strip(), {})[row["cue"].strip().lower()] = row["mode"].strip()
    return cues


def _near_lemmas(token) -> set[str]:
    """Lemmas of the children and grandchildren: particles, objects and prepositional objects."""
    near = set()
    for child in token.children:
        if child.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in child.children):
            continue  # "called Netanyahu on Sunday": a day, not "call on"
        near.add(child.lemma_.lower())
        near.update(g.lemma_.lower() for g in child.children)
    return near


# Inflections undone when the lemmatizer slips ("staged" -> "stag"): (suffix, replacement).
INFLECTIONS = (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
               ("ing", "e"), ("es", ""), ("s", ""))


def base_forms(token) -> list[str]:
    """The lemma first, then the word itself and its guessed bases."""
    forms = [token.lemma_.lower(), token.lower_]
    forms += [token.lower_[:-len(end)] + new for end, new in INFLECTIONS
              if token.lower_.endswith(end) and len(token.lower_) > len(end) + 2]
    forms += [f[:-3] + "ize" for f in forms if f.endswith("ise")]  # British "criticise"
    return list(dict.fromkeys(forms))


def is_light_verb(token) -> bool:
    return any(form in LIGHT_VERBS for form in base_forms(token))


def match(token) -> LexiconEntry | None:
    pos = "VERB" if token.pos_ in VERB_POS else "NOUN" if token.pos_ in NOUN_POS else None
    if pos is None:
        return None
    entries = None
    for form in base_forms(token):
        entries = lexicon().get((pos, form))
        if entries:
            break
    if not entries:
        return None
    near = _near_lemmas(token) if any(len(e.words) > 1 for e in entries) else set()
    for entry in entries:
        if all(w in near for w in entry.words[1:]):
            return entry
    return None


def mode_of(entry: LexiconEntry, token) -> str | None:
    """A cue word in the trigger's phrase ("rocket attack"), else the lexicon's mode; where the
    lexicon gives one ("blew up": explosives), a cue only replaces it with a sharper mode, one
    its table lists before it ("a suicide bomber blew himself up": suicide-attack)."""
    cues = mode_cues().get(entry.type, {})
    near = [token, *token.children, *(g for c in token.children for g in c.children)]
    found = [mode for t in near for mode in [cues.get(t.lemma_.lower()) or cues.get(t.lower_)] if mode]
    if entry.mode:
        if entry.mode not in SHARPENED_MODES:
            return entry.mode  # "abducted" stays an abduction whoever did it with what
        rank = mode_ranks().get(entry.type, {})
        sharper = [m for m in found if m in SHARP_MODES and rank.get(m, len(rank)) < rank.get(entry.mode, len(rank))]
        return sharper[0] if sharper else entry.mode
    return found[0] if found else None


# A lexicon mode a cue may sharpen ("blew up": explosives), and the sharper modes that may replace
# it ("a suicide bomber blew himself up": suicide-attack; "drone strike": drone; "gas attack").
SHARPENED_MODES = word_set("sharpened_modes")
SHARP_MODES = word_set("sharp_modes")


@lru_cache(maxsize=1)
def mode_ranks() -> dict[str, dict[str, int]]:
    """type -> {mode -> its place in data/event_modes.tsv}: the table lists sharper modes first."""
    ranks: dict[str, dict[str, int]] = {}
    for row in read_table("event_modes.tsv"):
        modes = ranks.setdefault(row["type"].strip(), {})
        modes.setdefault(row["mode"].strip(), len(modes))
    return ranks
