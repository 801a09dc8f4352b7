"""The actors stage: entity mentions -> canonical actors with country, PLOVER sector and title.

Knowledge lives in data/actors.tsv and data/demonyms.tsv; countries come from pycountry.
In-document coreference joins "Stoltenberg" and a subject "He" to the full name before them.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..data import country_aliases, read_table
from ..records import Actor, Span
from .places import bare_name, is_misread_place

# Names matched exactly by the entity ruler; ambiguous short forms stay out of it.
RULER_SKIP = {"IS", "the alliance", "AU", "WHO", "Amnesty", "Wagner"}
# A subject pronoun refers back to the last person named at most this many sentences before.
PRONOUN_WINDOW_SENTENCES = 3
# Title words walked back over before a person's name: "NATO Secretary-General Jens Stoltenberg".
TITLE_MAX_TOKENS = 5
ARMED_GROUP_CUE = re.compile(r"\b(militant|armed|rebel|insurgent|jihadist|militia|extremist)\b[\w\s-]{0,30}\b(group|movement|militia|faction)\s*$", re.I)
GOVERNMENT_NOUNS = ("government", "authorities", "forces", "military", "army", "security forces")


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def load_dictionary() -> dict[str, Entry]:
    """Every name and alias -> its dictionary entry."""
    import pycountry

    names: dict[str, Entry] = {}
    for c in pycountry.countries:
        common = getattr(c, "common_name", None) or c.name
        entry = Entry(common, "country", c.alpha_3, None, ())
        for n in {c.name, common}:
            names.setdefault(n, entry)
    for alias, iso3 in country_aliases().items():
        country = pycountry.countries.get(alpha_3=iso3)
        name = getattr(country, "common_name", None) or country.name
        names[alias] = names.get(name) or Entry(name, "country", iso3, None, ())
    for row in read_table("actors.tsv"):
        aliases = tuple(a for a in (row["aliases"] or "").split("|") if a)
        entry = Entry(row["name"], row["kind"], row["country"] or None, row["sector"] or None, aliases)
        for n in (entry.name, *aliases):
            names[n] = entry
    return names


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    return {row["demonym"]: row["country"] for row in read_table("demonyms.tsv")}


def ruler_patterns() -> list[dict]:
    """Entity-ruler patterns for the non-country actors of the dictionary."""
    return [{"label": "ORG", "pattern": name, "id": entry.name}
            for name, entry in load_dictionary().items()
            if entry.kind != "country" and name not in RULER_SKIP]


@dataclass
class _Found:
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    mentions: list[Span] = field(default_factory=list)


class ActorFinder:
    """Holds the dictionary; turns the doc's entities into actors with their mentions."""

    def __init__(self, options):
        self.names = load_dictionary()
        self.demonyms = demonyms()

    def __call__(self, draft):
        doc = draft.doc
        found: dict[str, _Found] = {}
        home = self._dominant_country(doc)
        for ent in doc.ents:
            actor = self._resolve(ent, found, home)
            if actor is None:
                continue
            key = actor.name
            known = found.setdefault(key, actor)
            known.title = known.title or actor.title
            known.mentions.append(Span(ent.text, ent.start_char, ent.end_char))
        self._governments(doc, found)
        self._surnames(doc, found)
        self._pronouns(doc, found)
        actors = sorted(found.values(), key=lambda a: min(m.start for m in a.mentions))
        return draft.add(actors=tuple(
            Actor(id=f"a{i}", name=a.name, kind=a.kind, country=a.country, sector=a.sector,
                  title=a.title, mentions=tuple(sorted(set(a.mentions), key=lambda m: m.start)))
            for i, a in enumerate(actors, 1)))

    def _dominant_country(self, doc) -> str | None:
        counts = Counter(self.names[bare_name(e.text)].country for e in doc.ents
                         if bare_name(e.text) in self.names
                         and self.names[bare_name(e.text)].kind == "country")
        return counts.most_common(1)[0][0] if counts else None

    def _resolve(self, ent, found: dict[str, _Found], home: str | None) -> _Found | None:
        text = bare_name(ent.text)
        for known in found.values():  # "Stoltenberg" after "Jens Stoltenberg", whatever its label
            if known.kind == "person" and " " not in text and known.name.split()[-1] == text:
                return _Found(known.name, "person")
        entry = self.names.get(ent.ent_id_) or self.names.get(text)
        if entry and (ent.label_ in ("GPE", "ORG", "NORP", "PERSON") or ent.ent_id_):
            return _Found(entry.name, entry.kind, entry.country, entry.sector)
        if is_misread_place(ent):  # "from Sevare": a town the model took for a person
            return None
        if ent.label_ == "PERSON":
            return _Found(text, "person", title=_title(ent))
        if ent.label_ == "ORG":
            before = ent.doc.text[max(0, ent.start_char - 60):ent.start_char]
            if ARMED_GROUP_CUE.search(before):
                return _Found(text, "armed group", home, "REB")
            return _Found(text, "organization")
        return None

    def _governments(self, doc, found: dict[str, _Found]) -> None:
        """ "Iraqi government", "U.S. forces": a demonym before a state noun is that state's actor."""
        for token in doc[:-1]:
            nxt = token.nbor()
            if token.text in self.demonyms and nxt.lower_ in GOVERNMENT_NOUNS:
                iso3 = self.demonyms[token.text]
                military = nxt.lower_ != "government"
                name = f"{token.text} {nxt.text}"
                actor = found.setdefault(name, _Found(name, "military" if military else "government",
                                                      iso3, "MIL" if military else "GOV"))
                actor.mentions.append(Span(name, token.idx, nxt.idx + len(nxt.text)))

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


def _title(ent) -> str | None:
    """Capitalised words right before a name: its title ("NATO Secretary-General")."""
    start = ent.start
    while start > ent.sent.start and ent.start - start < TITLE_MAX_TOKENS:
        token = ent.doc[start - 1]
        if not (token.text[:1].isupper() or token.text == "-") or token.ent_type_ in ("DATE", "PERSON"):
            break
        start -= 1
    if start == ent.start:
        return None
    title = ent.doc[start:ent.start].text.strip(" -")
    return title or None
