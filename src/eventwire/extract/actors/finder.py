"""The actors stage: entity mentions -> canonical actors with country, PLOVER sector and title.

Knowledge lives in data files loaded by dictionary.py. A country's adjective or name before
a role noun ("Hungarian officials", "Iran's foreign ministry") is that country's actor; it must not
turn an adjective in a fixed phrase ("French fries", "a Dutch auction") into an actor.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from ...data import word_pattern, word_set
from ...records import Actor, Span
from ..places.finder import bare_name, is_misread_place
from ..tree import children, entities, entity_at, subtree_ids
from .designators import (Designator, coordinated, coordinated_role, country_word_at, find_designators,
                          extend_to_entity, head_after, inside_other_name, is_generic, owns_next_entity,
                          role_after, role_end_within, title_start_of)
from .dictionary import (Role, countries_by_iso3, demonyms, event_nouns, load_dictionary,
                         max_role_tokens, person_named, roles, ruler_patterns)
from .nationality import infer_countries, name_pattern

__all__ = ["ActorFinder", "load_dictionary", "demonyms", "ruler_patterns"]

# A subject pronoun refers back to the last person named at most this many sentences before.
PRONOUN_WINDOW_SENTENCES = 3
# "an armed rebel group", "the jihadist movement": a name after these words is an armed group.
ARMED_GROUP_CUE = re.compile(r"\b(" + word_pattern("armed_group_cues") + r")\b[\w\s-]{0,30}"
                             r"\b(" + word_pattern("armed_group_nouns") + r")\s*$", re.I)
# Institutions that "the" alone ties to the state a text is about: "the government said",
# "the army shelled"; keyed by their last word.
HOME_INSTITUTIONS = {name.split()[-1]: tuple(name.split()) for name in word_set("home_institutions")}
# Those news names without "the": "police arrested 41 protesters", "authorities said".
BARE_INSTITUTIONS = word_set("bare_institutions")
# Words between "the" and such an institution that keep it the state's: "the federal government".
GOVERNMENT_KINDS = word_set("government_kinds")
# News agencies in bylines, datelines and photo credits ("image copyright AFP", "told Reuters"):
# they report the story and are no actor in it (issue 12).
NEWS_AGENCIES = word_set("news_agencies")


@dataclass
class _Found:
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    mentions: list[Span] = field(default_factory=list)


class ActorFinder:
    """Holds the dictionary; turns the doc's entities and role phrases into actors with mentions."""

    def __init__(self, options):
        self.names = load_dictionary()
        self.roles = roles()
        self.country_names = {n: e.country for n, e in self.names.items() if e.kind == "country"}
        self.name_pattern = name_pattern({**self.country_names, **demonyms()})

    def __call__(self, draft):
        doc = draft.doc
        found: dict[str, _Found] = {}
        counts = self._country_counts(doc)
        ranked = counts.most_common(2)
        home = ranked[0][0] if ranked else None  # the country the text names most
        # ... and only if no other is named as often: the state "the government" is
        clear_home = home if len(ranked) == 1 or (ranked and ranked[0][1] > ranked[1][1]) else None
        designators = find_designators(doc)
        claimed: set[int] = set()  # tokens of role phrases and person titles
        titles = self._roles(doc, designators, found, claimed)
        self._home_institutions(doc, found, claimed, clear_home)
        ends = {d.end: d for d in designators if d.end > d.stop}  # "Iran's" Foreign Minister
        surnames = _Surnames(found)
        text = doc.text  # once: spaCy rebuilds it from the tokens on each read
        for ent in entities(doc):
            if self._overridden(ent, claimed):
                continue
            actor = self._resolve(ent, surnames, home, titles.get(ent.start) or ends.get(title_start_of(ent)),
                                  text)
            if actor is None:
                continue
            known = found.setdefault(actor.name, actor)
            if known is actor:
                surnames.add(actor)
            known.title = known.title or actor.title
            known.country = known.country or actor.country
            known.sector = known.sector or actor.sector
            known.mentions.append(Span(ent.text, ent.start_char, ent.end_char))
        self._surnames(doc, found)
        self._pronouns(doc, found)
        self._described(doc, found, designators)
        published = draft.article.published if draft.article else None
        _known_people(found, int(published[:4]) if published else None)
        infer_countries(found, home, self.country_names, demonyms(), self.name_pattern)
        actors = sorted(found.values(), key=lambda a: min(m.start for m in a.mentions))
        return draft.add(actors=tuple(
            Actor(id=f"a{i}", name=a.name, kind=a.kind, country=a.country, sector=a.sector,
                  title=a.title, mentions=tuple(sorted(set(a.mentions), key=lambda m: m.start)))
            for i, a in enumerate(actors, 1)))

    def _country_counts(self, doc) -> Counter:
        """How often the text names each country, by name or nationality ("Ugandan opposition")."""
        counts = Counter(self.names[bare_name(e.text)].country for e in entities(doc)
                         if bare_name(e.text) in self.names
                         and self.names[bare_name(e.text)].kind == "country")
        counts.update(iso3 for e in entities(doc) if e.label_ == "NORP"
                      for iso3 in [demonyms().get(e.text) or demonyms().get(e.text[:-1])] if iso3)
        return counts

    def _home_institutions(self, doc, found: dict[str, _Found], claimed: set[int], home: str | None) -> None:
        """ "the government", "the army", "the authorities" with no country word: the state the
        text is about (named more than any other), merged with its own "Kenyan government"."""
        entry = countries_by_iso3().get(home) if home else None
        if entry is None:
            return
        for token in doc:
            words = HOME_INSTITUTIONS.get(token.lower_)
            if words is None or token.i in claimed or token.ent_type_:
                continue
            start = token.i - len(words) + 1
            span = doc[start:token.i + 1]
            if start > 1 and doc[start - 1].lower_ in GOVERNMENT_KINDS and doc[start - 2].lower_ == "the":
                start -= 1  # "the federal government", "the interim government": the state's own
            before = doc[start - 1] if start > 0 else None
            the = before is not None and before.lower_ == "the"
            bare = token.lower_ in BARE_INSTITUTIONS and not any(c.i < start for c in children(token))
            if tuple(t.lower_ for t in span) != words or not (the or bare):
                continue  # "the US-backed government", "a government": not the text's own state
            role = self.roles[words]
            key = f"{home}/{role.sector}"
            actor = found.setdefault(key, _Found(f"{entry.name} {' '.join(words)}", role.kind, home, role.sector))
            mention = doc[start - 1 if the else start:token.i + 1]  # with its "the"
            actor.mentions.append(Span(mention.text, mention.start_char, mention.end_char))
            claimed.update(range(start, token.i + 1))

    def _described(self, doc, found: dict[str, _Found], designators: list[Designator]) -> None:
        """A person's country from what the sentence says of them: an apposition ("X, Algeria's
        leading activist", "Kofi Annan, UN secretary-general") or a body in the title before the
        name ("U.N. Secretary-General Kofi Annan")."""
        first_designator: dict[int, Designator] = {}
        for d in designators:
            first_designator.setdefault(d.start, d)
        for actor in found.values():
            if actor.kind != "person" or actor.country or not actor.mentions:
                continue
            first = actor.mentions[0]
            span = doc.char_span(first.start, first.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            described = [i for c in children(root) if c.dep_ == "appos" for i in subtree_ids(c)]
            described += [t.i for t in doc[root.left_edge.i:span.start] if t.dep_ == "compound"]
            actor.country = self._country_in(doc, set(described), first_designator)

    def _country_in(self, doc, where: set[int], first_designator: dict[int, Designator]) -> str | None:
        """The country of the first designator among the tokens `where`, else of the first
        dictionary entity starting there (looked up by position, not by a scan of the doc)."""
        # find_designators gives them left to right, one per start: the first is the leftmost.
        for i in sorted(where):
            if i in first_designator:
                return first_designator[i].iso3
        for i in sorted(where):
            ent = entity_at(doc, i)
            if ent is None or ent.start != i:
                continue
            entry = self.names.get(ent.ent_id_) or self.names.get(bare_name(ent.text))
            if entry is not None and entry.country:
                return entry.country
        return None

    def _overridden(self, ent, claimed: set[int]) -> bool:
        """An entity inside a role phrase or title gives way to it, unless it is a specific
        dictionary name: "Iran" in "Iran's foreign ministry" is not a separate actor."""
        if not any(i in claimed for i in range(ent.start, ent.end)):
            return False
        return not ent.ent_id_ or is_generic(ent, self.roles)

    def _resolve(self, ent, surnames: "_Surnames", home: str | None,
                 before: Designator | None, text_of_doc: str) -> _Found | None:
        text = bare_name(ent.text)
        if text in NEWS_AGENCIES:
            return None
        known = surnames.person(text) if " " not in text else None
        if known is not None:  # "Stoltenberg" after "Jens Stoltenberg", whatever its label
            return _Found(known, "person")
        entry = self.names.get(ent.ent_id_) or self.names.get(text)
        if entry and (ent.label_ in ("GPE", "ORG", "NORP", "PERSON") or ent.ent_id_):
            return _Found(entry.name, entry.kind, entry.country, entry.sector)
        plural = demonyms().get(text[:-1]) if ent.label_ == "NORP" and text.endswith("s") else None
        if plural:  # "The Palestinians reject ...": a people acting as one
            return _Found(text, "group", plural)
        if is_misread_place(ent) or text in demonyms():  # "from Sevare"; "Nigerien" as a PERSON
            return None
        if ent.label_ == "PERSON":
            return self._person(ent, text, before)
        if ent.label_ == "ORG":
            before = text_of_doc[max(0, ent.start_char - 60):ent.start_char]
            if ARMED_GROUP_CUE.search(before):
                return _Found(text, "armed group", home, "REB")
            return _Found(text, "organization")
        return None

    def _person(self, ent, text: str, before: Designator | None) -> _Found:
        """A person, with the country and sector of a title: "Egyptian President", "Iran's Foreign
        Minister", or one the NER took into the name ("Saudi King Salman").

        `before` is a country word that ends the title or starts it ("Bosnian Serb leader").
        """
        doc, name_start, title_start = ent.doc, ent.start, title_start_of(ent)
        if before is not None and before.start < title_start:
            title_start = before.start
        inner = country_word_at(doc, ent.start)
        if inner is not None and title_start == ent.start:
            role_end = role_end_within(doc, inner.stop, ent.end - 1, self.roles)
            if role_end is not None:
                title_start, name_start = ent.start, role_end
        d = country_word_at(doc, title_start) if title_start < name_start else None
        d = d or before  # "Iran's" before "Foreign Minister"
        title_from = d.end if d is not None and d.start == title_start else title_start
        title = doc[title_from:name_start].text.strip(" -") or None
        name = doc[name_start:ent.end].text if name_start > ent.start else text
        return _Found(name, "person", d.iso3 if d else None, self._title_sector(title), title)

    def _title_sector(self, title: str | None) -> str | None:
        """The sector of the first role word of a title: "Opposition leader" -> OPP."""
        words = tuple(w.lower() for w in (title or "").split())
        for i in range(len(words)):
            for n in range(min(max_role_tokens(), len(words) - i), 0, -1):
                if words[i:i + n] in self.roles:
                    return self.roles[words[i:i + n]].sector
        return None

    def _roles(self, doc, designators: list[Designator], found: dict[str, _Found],
               claimed: set[int]) -> dict[int, Designator]:
        """Country + role noun -> that country's actor, its tokens claimed from the entities.

        Returns the titles met instead: a person's first token -> the country word of its title.
        """
        titles: dict[int, Designator] = {}
        ranks: dict[str, int] = {}  # actor key -> rank of the role that names it
        for group in coordinated(doc, designators):
            last = group[-1]
            hit = role_after(doc, last, self.roles)
            if hit is None:
                if owns_next_entity(doc, last, self.names):  # "Iran's IRGC": the IRGC alone
                    claimed.update(range(last.start, last.end))
                self._country_modifier(doc, group, found)
                continue
            role_start, role_end, role = hit
            person = doc[role_end] if role_end < len(doc) else None
            if person is not None and person.ent_type_ == "PERSON" and person.ent_iob_ == "B":
                claimed.update(range(last.start, role_end))  # a title: _person reads it
                titles[role_end] = last
                continue
            role_end = extend_to_entity(doc, last, role_end)
            for d in group:
                mention = doc[d.start:role_end]
                name = mention.text if d is last else f"{doc[d.start:d.stop].text} {doc[last.end:role_end].text}"
                self._add_role_actor(found, ranks, name, d.iso3, role, mention)
                claimed.update(range(d.start, role_end))
            more = coordinated_role(doc, role_end, self.roles)
            if more is not None:  # "Israeli troops and police"
                span, extra = more
                self._add_role_actor(found, ranks, f"{doc[last.start:last.stop].text} {span.text}", last.iso3,
                                     extra, span)
                claimed.update(range(span.start, span.end))
        return titles

    @staticmethod
    def _add_role_actor(found: dict[str, _Found], ranks: dict[str, int], name: str, iso3: str,
                        role: Role, mention) -> None:
        """One actor per country and sector: "Iraqi officials" and "the Iraqi government" are one,
        named after the better role (see actor_roles.tsv)."""
        key = f"{iso3}/{role.sector}"
        actor = found.setdefault(key, _Found(name, role.kind, iso3, role.sector))
        if role.rank < ranks.get(key, role.rank + 1):
            actor.name, ranks[key] = name, role.rank
        actor.mentions.append(Span(mention.text, mention.start_char, mention.end_char))

    @staticmethod
    def _country_modifier(doc, group: list[Designator], found: dict[str, _Found]) -> None:
        """ "an Israeli airstrike", "Russian and Ukrainian shelling": the adjective is the country."""
        last = group[-1]
        head = head_after(doc, last)
        if head is None or not {head.lemma_.lower(), head.lower_} & event_nouns():
            return
        for d in group:
            if not d.adjective or inside_other_name(doc, d):
                continue  # a country's name is already an entity of its own
            entry = countries_by_iso3().get(d.iso3)
            if entry is None:
                continue
            words = doc[d.start:d.stop]
            actor = found.setdefault(entry.name, _Found(entry.name, "country", d.iso3))
            actor.mentions.append(Span(words.text, words.start_char, words.end_char))

    def _surnames(self, doc, found: dict[str, _Found]) -> None:
        """A bare surname the NER missed ("Guterres met ...") after the full name was given."""
        people = [a for a in found.values() if a.kind == "person" and " " in a.name]
        wanted = {a.name.split()[-1] for a in people}
        bare: dict[str, list] = {}  # each surname's untagged tokens, in order: one pass over the doc
        for token in doc:
            if token.text in wanted and not token.ent_type_:
                bare.setdefault(token.text, []).append(token)
        for actor in people:
            surname, first = actor.name.split()[-1], min(m.start for m in actor.mentions)
            taken = {m.start for m in actor.mentions}
            for token in bare.get(surname, ()):
                if token.idx > first and token.idx not in taken:
                    actor.mentions.append(Span(token.text, token.idx, token.idx + len(token.text)))

    def _pronouns(self, doc, found: dict[str, _Found]) -> None:
        """A subject "He"/"She" opening a sentence is the last person named shortly before."""
        people = sorted(((m.start, a) for a in found.values() if a.kind == "person" for m in a.mentions),
                        key=lambda x: x[0])
        starts = [start for start, _ in people]  # for bisection: the last person before a pronoun
        sentences = list(doc.sents)
        for i, sent in enumerate(sentences):
            first = next((t for t in sent if not t.is_space), sent[0])
            if first.lower_ not in ("he", "she") or first.dep_ != "nsubj":
                continue
            window_start = sentences[max(0, i - PRONOUN_WINDOW_SENTENCES)].start_char
            last = bisect_left(starts, first.idx) - 1
            if last >= 0 and starts[last] >= window_start:
                people[last][1].mentions.append(Span(first.text, first.idx, first.idx + len(first.text)))


class _Surnames:
    """The last word of each person's name -> the first such person found: the lookup of
    `_resolve`, kept up to date as actors are added (a scan of all actors per entity was
    quadratic in a long text's names)."""

    def __init__(self, found: dict[str, _Found]):
        self.first: dict[str, str] = {}
        for actor in found.values():
            self.add(actor)

    def add(self, actor: _Found) -> None:
        if actor.kind == "person":
            self.first.setdefault(actor.name.split()[-1], actor.name)

    def person(self, surname: str) -> str | None:
        return self.first.get(surname)


def _known_people(found: dict[str, "_Found"], year: int | None) -> None:
    """The country and sector of an office holder the text gives none for ("Putin offered ..."),
    as of the article's year ("Guterres": Portugal's in 2005, the UN's in 2020)."""
    for actor in found.values():
        if actor.kind != "person" or actor.country:
            continue
        person = person_named(actor.name, year)
        if person is not None:
            actor.country = person.country
            actor.sector = actor.sector or person.sector
