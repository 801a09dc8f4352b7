"""The actors stage's knowledge, loaded once: names and aliases, country adjectives, role nouns.

Everything here is read from data files (actors.tsv, demonyms.tsv, country_aliases.tsv,
actor_roles.tsv) or pycountry; lookups are keyed by token text so that matching a document
costs one dictionary probe per token, never a walk over the dictionary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...data import country_aliases, read_table, word_set

# Names matched exactly by the entity ruler; ambiguous short forms stay out of it.
RULER_SKIP = word_set("ruler_skip_names")
# Country names that are also common first names or words; the statistical NER decides these.
COUNTRY_RULER_SKIP = word_set("country_ruler_skip_names")
# Countries that ISO 3166 (pycountry) lacks but news names: user-assigned codes.
EXTRA_COUNTRIES = {"XKX": "Kosovo"}
# How a multi-word name splits into tokens the way spaCy's English tokenizer splits it:
# at spaces and around hyphens ("Bissau-Guinean" -> Bissau - Guinean); "U.S." stays whole.
_TOKEN = re.compile(r"[^\s-]+|-")


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    """What a role noun after a country names: "officials" -> government, GOV."""

    kind: str
    sector: str
    rank: int  # its row in actor_roles.tsv: the lower, the better it names a merged actor


def tokens_of(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(text))


@lru_cache(maxsize=1)
def load_dictionary() -> dict[str, Entry]:
    """Every name and alias -> its dictionary entry."""
    names: dict[str, Entry] = {}
    for entry in countries_by_iso3().values():
        names.setdefault(entry.name, entry)
        for alias in entry.aliases:
            names.setdefault(alias, entry)
    for alias, iso3 in country_aliases().items():
        names[alias] = countries_by_iso3().get(iso3) or Entry(alias, "country", iso3, None, ())
    for row in read_table("actors.tsv"):
        aliases = tuple(a for a in (row["aliases"] or "").split("|") if a)
        entry = Entry(row["name"], row["kind"], row["country"] or None, row["sector"] or None, aliases)
        for n in (entry.name, *aliases):
            names[n] = entry
    return names


@lru_cache(maxsize=1)
def countries_by_iso3() -> dict[str, Entry]:
    """ISO3 -> the country's entry, named by its common name ("Iran", not "Iran, Islamic Republic of")."""
    import pycountry

    out: dict[str, Entry] = {}
    for c in pycountry.countries:
        common = getattr(c, "common_name", None) or c.name
        out[c.alpha_3] = Entry(common, "country", c.alpha_3, None, tuple({c.name} - {common}))
    for iso3, name in EXTRA_COUNTRIES.items():
        out.setdefault(iso3, Entry(name, "country", iso3, None, ()))
    return out


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Adjective of nationality as written -> ISO3 (demonyms.tsv)."""
    return {row["demonym"]: row["country"] for row in read_table("demonyms.tsv")}


@lru_cache(maxsize=1)
def country_words() -> dict[str, list[tuple[tuple[str, ...], str, bool]]]:
    """First token -> (tokens, ISO3, is_adjective) of every demonym and country name, longest first.

    Names starting with "the" are left out: the article is not part of the name in running text.
    """
    by_first: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
    seen: set[tuple[str, ...]] = set()
    names = [(n, e.country, False) for n, e in load_dictionary().items() if e.kind == "country"]
    for text, iso3, adjective in [(d, c, True) for d, c in demonyms().items()] + names:
        words = tokens_of(text)
        if not words or words[0].lower() == "the" or words in seen or iso3 is None:
            continue
        seen.add(words)
        by_first.setdefault(words[0], []).append((words, iso3, adjective))
    for options in by_first.values():
        options.sort(key=lambda o: -len(o[0]))
    return by_first


@lru_cache(maxsize=1)
def roles() -> dict[tuple[str, ...], Role]:
    """Lower-cased role tokens -> the kind and sector they give (actor_roles.tsv)."""
    rows = read_table("actor_roles.tsv")
    return {tokens_of(row["role"]): Role(row["kind"], row["sector"], i) for i, row in enumerate(rows)}


@lru_cache(maxsize=1)
def max_role_tokens() -> int:
    return max(len(k) for k in roles())


@lru_cache(maxsize=1)
def event_nouns() -> frozenset[str]:
    """Lemmas of the event coder's noun triggers ("airstrike", "shelling"), from its own lexicon.

    A bare demonym modifying one of these ("an Israeli airstrike") names the country as a party
    to the event; the events stage owns the list, so it is read, never copied here.
    """
    try:
        rows = read_table("event_triggers.tsv")
    except FileNotFoundError:
        return frozenset()
    return frozenset(row["trigger"].split()[0] for row in rows
                     if row.get("pos") == "NOUN" and row.get("trigger"))


def ruler_patterns() -> list[dict]:
    """Entity-ruler patterns for the non-country actors of the dictionary."""
    return [{"label": "ORG", "pattern": name, "id": entry.name}
            for name, entry in load_dictionary().items()
            if entry.kind != "country" and name not in RULER_SKIP]


def country_patterns() -> list[dict]:
    """Country names as GPE, for a ruler after the NER that only fills what it left out (the small
    model misses some: "Uruguay said ..."); ambiguous names stay with the model."""
    return [{"label": "GPE", "pattern": name}
            for name, entry in load_dictionary().items()
            if entry.kind == "country" and name not in COUNTRY_RULER_SKIP and " " not in name
            and name[:1].isupper() and len(name) > 3]


@dataclass(frozen=True)
class Person:
    name: str
    country: str
    sector: str | None
    since: int | None = None  # people_recent.tsv: the year this affiliation begins


def person_key(name: str) -> str:
    """One spelling key per name: case, dots and hyphens ignored ("Ban Ki-moon" = "BAN KI MOON")."""
    return " ".join(re.sub(r"[.\-’']", " ", name).upper().split())


@lru_cache(maxsize=1)
def people() -> dict[str, Person]:
    """Office holders by person_key of their name and spellings (people.tsv, built from the
    Phoenix dictionaries by tools/build_people.py)."""
    table: dict[str, Person] = {}
    for row in read_table("people.tsv"):
        person = Person(row["name"], row["country"], row["sector"] or None)
        for spelling in (row["name"], *(row["aliases"] or "").split("|")):
            if spelling:
                table.setdefault(person_key(spelling), person)
    return table


@lru_cache(maxsize=1)
def recent_people() -> dict[str, Person]:
    """Office holders since 2015 by person_key (people_recent.tsv, hand-written from public
    facts); from `since` on they win over people.tsv."""
    table: dict[str, Person] = {}
    for row in read_table("people_recent.tsv"):
        person = Person(row["name"], row["country"], row["sector"] or None, int(row["since"]))
        for spelling in (row["name"], *(row["aliases"] or "").split("|")):
            if spelling:
                table.setdefault(person_key(spelling), person)
    return table


def person_named(name: str, year: int | None) -> Person | None:
    """The office holder a name stands for in a text of that year (None: the latest)."""
    key = person_key(name)
    recent = recent_people().get(key)
    if recent is not None and (year is None or year >= (recent.since or 0)):
        return recent
    return people().get(key) or recent
