"""The actors stage: entity mentions -> canonical actors with country, PLOVER sector and title.

Knowledge lives in data files loaded by actor_dictionary.py. A country's adjective or name before
a role noun ("Hungarian officials", "Iran's foreign ministry") is that country's actor; it must not
turn an adjective in a fixed phrase ("French fries", "a Dutch auction") into an actor.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..records import Actor, Span
from .actor_dictionary import (Role, countries_by_iso3, country_words, demonyms, event_nouns,
                               load_dictionary, max_role_tokens, person_named, roles,
                               ruler_patterns)
from .nationality import infer_countries, name_pattern
from .places import bare_name, is_misread_place

__all__ = ["ActorFinder", "load_dictionary", "demonyms", "ruler_patterns"]

# A subject pronoun refers back to the last person named at most this many sentences before.
PRONOUN_WINDOW_SENTENCES = 3
# Title words walked back over before a person's name: "NATO Secretary-General Jens Stoltenberg".
TITLE_MAX_TOKENS = 5
ARMED_GROUP_CUE = re.compile(r"\b(militant|armed|rebel|insurgent|jihadist|militia|extremist)\b[\w\s-]{0,30}\b(group|movement|militia|faction)\s*$", re.I)
# Words allowed between a country and its role noun: "Iran's [foreign] ministry",
# "Egyptian [state - run] media". Three covers every case in the unit tests; more lets a
# country word reach a role noun in another phrase.
ROLE_MAX_MODIFIERS = 3
MODIFIER_POS = ("ADJ", "NOUN", "PROPN")
# Tokens that join coordinated countries: "Hungarian and Romanian officials", "British, French ...".
COORDINATORS = {",", "and", "or", "&", "/"}
POSSESSIVES = {"'s", "’s", "'", "’"}
# Institutions that "the" alone ties to the state a text is about: "the government said",
# "the army shelled"; keyed by their last word.
HOME_INSTITUTIONS = {"government": ("government",), "authorities": ("authorities",),
                     "regime": ("regime",), "junta": ("junta",), "army": ("army",),
                     "military": ("military",), "police": ("police",), "forces": ("security", "forces")}
# Those news names without "the": "police arrested 41 protesters", "authorities said".
BARE_INSTITUTIONS = {"police", "authorities"}
# Entities inside which a country word is part of another name ("Jordan" in "Michael Jordan").
NAME_LABELS = {"PERSON", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "LAW", "LANGUAGE"}


@dataclass(frozen=True)
class _Designator:
    """A country word: tokens [start, end) with any possessive; `stop` is where the name ends."""

    start: int
    stop: int
    end: int
    iso3: str
    adjective: bool


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
        home = self._dominant_country(doc)
        designators = _designators(doc)
        claimed: set[int] = set()  # tokens of role phrases and person titles
        titles = self._roles(doc, designators, found, claimed)
        self._home_institutions(doc, found, claimed, self._clear_home(doc))
        ends = {d.end: d for d in designators if d.end > d.stop}  # "Iran's" Foreign Minister
        for ent in doc.ents:
            if self._overridden(ent, claimed):
                continue
            actor = self._resolve(ent, found, home, titles.get(ent.start) or ends.get(_title_start(ent)))
            if actor is None:
                continue
            known = found.setdefault(actor.name, actor)
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

    def _dominant_country(self, doc) -> str | None:
        """The country the text names most, by name or nationality ("Ugandan opposition")."""
        counts = Counter(self.names[bare_name(e.text)].country for e in doc.ents
                         if bare_name(e.text) in self.names
                         and self.names[bare_name(e.text)].kind == "country")
        counts.update(iso3 for e in doc.ents if e.label_ == "NORP"
                      for iso3 in [demonyms().get(e.text) or demonyms().get(e.text[:-1])] if iso3)
        return counts.most_common(1)[0][0] if counts else None

    def _clear_home(self, doc) -> str | None:
        """The country a text names more often than any other, by name or nationality."""
        counts = Counter(self.names[bare_name(e.text)].country for e in doc.ents
                         if bare_name(e.text) in self.names and self.names[bare_name(e.text)].kind == "country")
        counts.update(iso3 for e in doc.ents if e.label_ == "NORP"
                      for iso3 in [demonyms().get(e.text) or demonyms().get(e.text[:-1])] if iso3)
        ranked = counts.most_common(2)
        return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None

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
            before = doc[start - 1] if start > 0 else None
            the = before is not None and before.lower_ == "the"
            bare = token.lower_ in BARE_INSTITUTIONS and not any(c.i < start for c in token.children)
            if tuple(t.lower_ for t in span) != words or not (the or bare):
                continue  # "the US-backed government", "a government": not the text's own state
            role = self.roles[words]
            key = f"{home}/{role.sector}"
            actor = found.setdefault(key, _Found(f"{entry.name} {' '.join(words)}", role.kind, home, role.sector))
            mention = doc[start - 1 if the else start:token.i + 1]  # with its "the"
            actor.mentions.append(Span(mention.text, mention.start_char, mention.end_char))
            claimed.update(range(start, token.i + 1))

    def _described(self, doc, found: dict[str, _Found], designators: list[_Designator]) -> None:
        """A person's country from what the sentence says of them: an apposition ("X, Algeria's
        leading activist", "Kofi Annan, UN secretary-general") or a body in the title before the
        name ("U.N. Secretary-General Kofi Annan")."""
        for actor in found.values():
            if actor.kind != "person" or actor.country or not actor.mentions:
                continue
            first = actor.mentions[0]
            span = doc.char_span(first.start, first.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            described = [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
            described += [t for t in doc[root.left_edge.i:span.start] if t.dep_ == "compound"]
            actor.country = self._country_in(doc, described, designators)

    def _country_in(self, doc, tokens, designators: list[_Designator]) -> str | None:
        where = {t.i for t in tokens}
        for d in designators:
            if d.start in where:
                return d.iso3
        for ent in doc.ents:
            entry = self.names.get(ent.ent_id_) or self.names.get(bare_name(ent.text))
            if ent.start in where and entry is not None and entry.country:
                return entry.country
        return None

    def _overridden(self, ent, claimed: set[int]) -> bool:
        """An entity inside a role phrase or title gives way to it, unless it is a specific
        dictionary name: "Iran" in "Iran's foreign ministry" is not a separate actor."""
        if not any(i in claimed for i in range(ent.start, ent.end)):
            return False
        return not ent.ent_id_ or _is_generic(ent, self.roles)

    def _resolve(self, ent, found: dict[str, _Found], home: str | None,
                 before: _Designator | None) -> _Found | None:
        text = bare_name(ent.text)
        for known in found.values():  # "Stoltenberg" after "Jens Stoltenberg", whatever its label
            if known.kind == "person" and " " not in text and known.name.split()[-1] == text:
                return _Found(known.name, "person")
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
            before = ent.doc.text[max(0, ent.start_char - 60):ent.start_char]
            if ARMED_GROUP_CUE.search(before):
                return _Found(text, "armed group", home, "REB")
            return _Found(text, "organization")
        return None

    def _person(self, ent, text: str, before: _Designator | None) -> _Found:
        """A person, with the country and sector of a title: "Egyptian President", "Iran's Foreign
        Minister", or one the NER took into the name ("Saudi King Salman").

        `before` is a country word that ends the title or starts it ("Bosnian Serb leader").
        """
        doc, name_start, title_start = ent.doc, ent.start, _title_start(ent)
        if before is not None and before.start < title_start:
            title_start = before.start
        inner = _country_word_at(doc, ent.start)
        if inner is not None and title_start == ent.start:
            role_end = _role_end_within(doc, inner.stop, ent.end - 1, self.roles)
            if role_end is not None:
                title_start, name_start = ent.start, role_end
        d = _country_word_at(doc, title_start) if title_start < name_start else None
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

    def _roles(self, doc, designators: list[_Designator], found: dict[str, _Found],
               claimed: set[int]) -> dict[int, _Designator]:
        """Country + role noun -> that country's actor, its tokens claimed from the entities.

        Returns the titles met instead: a person's first token -> the country word of its title.
        """
        titles: dict[int, _Designator] = {}
        ranks: dict[str, int] = {}  # actor key -> rank of the role that names it
        for group in _coordinated(doc, designators):
            last = group[-1]
            hit = _role_after(doc, last, self.roles)
            if hit is None:
                if _owns_next_entity(doc, last, self.names):  # "Iran's IRGC": the IRGC alone
                    claimed.update(range(last.start, last.end))
                self._country_modifier(doc, group, found)
                continue
            role_start, role_end, role = hit
            person = doc[role_end] if role_end < len(doc) else None
            if person is not None and person.ent_type_ == "PERSON" and person.ent_iob_ == "B":
                claimed.update(range(last.start, role_end))  # a title: _person reads it
                titles[role_end] = last
                continue
            role_end = _extend_to_entity(doc, last, role_end)
            for d in group:
                mention = doc[d.start:role_end]
                name = mention.text if d is last else f"{doc[d.start:d.stop].text} {doc[last.end:role_end].text}"
                self._add_role_actor(found, ranks, name, d.iso3, role, mention)
                claimed.update(range(d.start, role_end))
            more = _coordinated_role(doc, role_end, self.roles)
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
    def _country_modifier(doc, group: list[_Designator], found: dict[str, _Found]) -> None:
        """ "an Israeli airstrike", "Russian and Ukrainian shelling": the adjective is the country."""
        last = group[-1]
        head = _head_after(doc, last)
        if head is None or not {head.lemma_.lower(), head.lower_} & event_nouns():
            return
        for d in group:
            if not d.adjective or _inside_other_name(doc, d):
                continue  # a country's name is already an entity of its own
            entry = countries_by_iso3().get(d.iso3)
            if entry is None:
                continue
            words = doc[d.start:d.stop]
            actor = found.setdefault(entry.name, _Found(entry.name, "country", d.iso3))
            actor.mentions.append(Span(words.text, words.start_char, words.end_char))

    def _surnames(self, doc, found: dict[str, _Found]) -> None:
        """A bare surname the NER missed ("Guterres met ...") after the full name was given."""
        for actor in [a for a in found.values() if a.kind == "person" and " " in a.name]:
            surname, first = actor.name.split()[-1], min(m.start for m in actor.mentions)
            taken = {m.start for m in actor.mentions}
            for token in doc:
                if token.text == surname and token.idx > first and not token.ent_type_ and token.idx not in taken:
                    actor.mentions.append(Span(token.text, token.idx, token.idx + len(token.text)))

    def _pronouns(self, doc, found: dict[str, _Found]) -> None:
        """A subject "He"/"She" opening a sentence is the last person named shortly before."""
        people = sorted(((m.start, a) for a in found.values() if a.kind == "person" for m in a.mentions),
                        key=lambda x: x[0])
        sentences = list(doc.sents)
        for i, sent in enumerate(sentences):
            first = next((t for t in sent if not t.is_space), sent[0])
            if first.lower_ not in ("he", "she") or first.dep_ != "nsubj":
                continue
            window_start = sentences[max(0, i - PRONOUN_WINDOW_SENTENCES)].start_char
            before = [a for start, a in people if window_start <= start < first.idx]
            if before:
                before[-1].mentions.append(Span(first.text, first.idx, first.idx + len(first.text)))


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


def _designators(doc) -> list[_Designator]:
    """Every country adjective or name in the doc, left to right, the longest form winning."""
    found: list[_Designator] = []
    i = 0
    while i < len(doc):
        d = _country_word_at(doc, i)
        if d is None:
            i += 1
            continue
        if not _inside_name(doc, d):
            found.append(d)
        i = d.stop
    return found


def _country_word_at(doc, i: int) -> _Designator | None:
    """The longest country adjective or name starting at token i, with a possessive after it."""
    options = country_words().get(doc[i].text, ())
    match = next((o for o in options if tuple(t.text for t in doc[i:i + len(o[0])]) == o[0]), None)
    if match is None:
        return None
    tokens, iso3, adjective = match
    stop = end = i + len(tokens)
    if end < len(doc) and doc[end].text in POSSESSIVES:
        end += 1
    return _Designator(i, stop, end, iso3, adjective)


def _role_end_within(doc, start: int, stop: int, table: dict) -> int | None:
    """End of the last role word in doc[start:stop], read as plain words: "King" in "Saudi King X"."""
    end = None
    for i in range(start, stop):
        for n in range(min(max_role_tokens(), stop - i), 0, -1):
            if tuple(t.lower_ for t in doc[i:i + n]) in table:
                end = max(end or 0, i + n)
    return end


def _owns_next_entity(doc, d: _Designator, names: dict) -> bool:
    """A possessive country before one of its own dictionary entities: "Iran's IRGC"."""
    if d.end == d.stop or d.end >= len(doc) or doc[d.end].ent_iob_ != "B":
        return False
    ent = next((e for e in doc.ents if e.start == d.end), None)
    entry = names.get(ent.ent_id_) if ent is not None and ent.ent_id_ else None
    return bool(entry and entry.country == d.iso3)


def _coordinated(doc, designators: list[_Designator]) -> list[list[_Designator]]:
    """Designators joined only by "and", "or" or commas form one group: "Hungarian and Romanian"."""
    groups: list[list[_Designator]] = []
    for d in designators:
        if groups:
            prev = groups[-1][-1]
            between = doc[prev.end:d.start]
            if len(between) and all(t.text in COORDINATORS for t in between) and prev.end == prev.stop:
                groups[-1].append(d)
                continue
        groups.append([d])
    return groups


def _role_after(doc, d: _Designator, table: dict) -> tuple[int, int, Role] | None:
    """The role noun after a country word, over a few modifiers: (start, end, role)."""
    i = d.end
    while i < len(doc) and i - d.end <= ROLE_MAX_MODIFIERS:
        hit = _role_at(doc, i, table)
        if hit is not None:
            return i, hit[0], hit[1]
        token = doc[i]
        first = i == d.end
        if first and token.text == "-":  # "Iranian-backed militias", "Saudi-led coalition"
            return None
        if not (token.pos_ in MODIFIER_POS or token.text == "-") or _blocked(doc[i:i + 1], d, table):
            return None
        i += 1
    return None


def _role_at(doc, i: int, table: dict) -> tuple[int, Role] | None:
    for n in range(min(max_role_tokens(), len(doc) - i), 0, -1):
        span = doc[i:i + n]
        role = table.get(tuple(t.lower_ for t in span))
        if role is not None and not _blocked(span, None, table):
            return i + n, role
    return None


def _blocked(span, d: _Designator | None, table: dict) -> bool:
    """A span belonging to another name: a person, or a specific dictionary entity."""
    for token in span:
        if token.ent_type_ in NAME_LABELS:
            return True
        if token.ent_type_ and token.ent_iob_ == "B" and d is not None:
            return True  # a new entity starts: the country word's phrase has ended
    ents = {t.i: e for e in span.doc.ents if e.start < span.end and span.start < e.end for t in e}
    return any(e.ent_id_ and not _is_generic(e, table) for e in ents.values())


def _is_generic(ent, table: dict) -> bool:
    """A dictionary name that is also a role noun ("Congress", "Senate") and so yields to a country."""
    return tuple(t.lower_ for t in ent if t.lower_ not in ("the",)) in table


def _extend_to_entity(doc, d: _Designator, role_end: int) -> int:
    """A role phrase inside an organisation's name covers the whole name: "Kenya Police Service"."""
    token = doc[d.start]
    if token.ent_type_ == "ORG":
        ent = next(e for e in doc.ents if e.start <= d.start < e.end)
        return max(role_end, ent.end)
    return role_end


def _coordinated_role(doc, role_end: int, table: dict):
    """A second role after "and" or a comma: "Israeli troops and police" -> (span, role)."""
    if role_end + 1 < len(doc) and doc[role_end].text in COORDINATORS:
        hit = _role_at(doc, role_end + 1, table)
        if hit is not None:
            return doc[role_end + 1:hit[0]], hit[1]
    return None


def _head_after(doc, d: _Designator):
    """The noun a country adjective modifies, over a few modifiers: "Israeli [air] strikes"."""
    i = d.end
    if i < len(doc) and doc[i].text == "-":
        return None
    while i < len(doc) and i - d.end <= ROLE_MAX_MODIFIERS:
        token = doc[i]
        if token.tag_ == "VBG" and i == d.end:
            return token  # "Russian shelling", parsed as a verb
        if token.pos_ not in MODIFIER_POS or token.ent_type_ in NAME_LABELS:
            return None
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is None or nxt.pos_ not in ("NOUN", "PROPN"):
            return token if token.pos_ in ("NOUN", "PROPN") else None
        i += 1
    return None


def _inside_name(doc, d: _Designator) -> bool:
    """A country word inside a person's or a dictionary entity's name is not a country."""
    token = doc[d.start]
    ent = next((e for e in doc.ents if e.start <= d.start < e.end), None) if token.ent_type_ else None
    if ent is None or (ent.start == d.start and ent.end == d.stop):
        return False  # alone in its entity: "Nigerien" taken for a PERSON is still an adjective
    if token.ent_type_ in NAME_LABELS:
        return True
    return bool(ent.ent_id_ and not _is_generic(ent, roles()))


def _inside_other_name(doc, d: _Designator) -> bool:
    """An adjective inside an organisation's name ("American Airlines") is not a country."""
    return doc[d.start].ent_type_ not in ("", "NORP", "GPE")


def _title_start(ent) -> int:
    """Where the capitalised words right before a name begin: its title ("NATO Secretary-General",
    "U.S. Secretary of State"); `ent.start` when it has none."""
    doc, start = ent.doc, ent.start
    while start > ent.sent.start and ent.start - start < TITLE_MAX_TOKENS:
        token = doc[start - 1]
        inner_of = token.lower_ == "of" and start - 2 >= ent.sent.start and doc[start - 2].text[:1].isupper()
        if not (token.text[:1].isupper() or token.text == "-" or inner_of) or token.ent_type_ in ("DATE", "PERSON"):
            break
        start -= 1
    while start < ent.start and doc[start].lower_ in ("the", "of", "-"):
        start += 1
    return start
