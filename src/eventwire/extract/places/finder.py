"""The places stage: toponyms -> GeoNames ids, coordinates, country, admin1 and precision.

Countries are resolved first; the article's dominant country then chooses between same-named
states, provinces and cities. The gazetteer itself lives in `gazetteer.py`; no downloads.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from ...data import word_pattern, word_set
from ...records import Place, Span
from ..grammar import MISREAD_PLACE_LABELS, PLACE_LABELS
from .gazetteer import airport_key, fold, load_gazetteer

# The small model often tags a lesser-known town as PERSON or ORG; after one of these
# prepositions ("to Garissa", "near Mopti") such an entity is tried as a place too.
LOCATIVE_PREPOSITIONS = {"in", "to", "near", "from", "at", "outside", "into", "around"}
SITE_WORDS = re.compile(r"\b(airport|air ?base|airfield)\b", re.I)
# "Hebei province", "the Artibonite region": the name without its kind, when it alone is known.
KIND_SUFFIX = re.compile(r"\s+(" + word_pattern("place_kind_suffixes") + r")$", re.I)
# Division names that are only words of direction or kind ("Central", "Western", "North
# Eastern"): several countries have such a division, and in news the words are nearly always
# adjectives. Chosen from the countrystatecity-countries names that GeoVirus matched wrongly.
GENERIC_WORDS = word_set("generic_place_words")
# The longest name looked up in text the model left untagged: "Democratic Republic of the Congo".
MAX_NAME_TOKENS = 6
# A city this big is what a bare name means even where a state or province shares it
# ("New York", "Moscow", "Beijing"); below it, the state wins ("Washington", "Ontario").
# One million: on GeoVirus it keeps New York City and Moscow while Indiana, Victoria and
# Ontario resolve to their states.
MAJOR_CITY_POPULATION = 1_000_000
# A city at least this big is what its name means even in the country that has a state or
# region of that name ("Mopti", "Ségou", "Washington", "Quebec"). 100,000: Mopti (186,000) and
# Ségou (206,000) in tests/articles are cities; a state's small namesakes (Indiana, PA: 13,000)
# stay below.
SAME_NAME_CITY_POPULATION = 100_000
# Tiers for choosing between same-named states and cities, after the home-country preference.
MAJOR_CITY, PRIMARY_ADMIN, CITY, MINOR_ADMIN, CITY_BY_ALTERNATE_NAME = 4, 3, 2, 1, 0
RECORD_FIELDS = ("name", "geonameid", "lat", "lon", "country", "admin1", "precision")


class PlaceFinder:
    """Holds the gazetteer (loaded once per process); resolves the doc's place names."""

    def __init__(self, options):
        self.gazetteer = load_gazetteer()

    def __call__(self, draft):
        found = [(span, bare_name(span.text), broad) for span, broad in self.mentions(draft.doc)]
        home = (self.home_country(name for _, name, _ in found), None)
        after = {ent.start: ent for ent in draft.doc.ents}
        # "Santa Ana, California" once: every "Santa Ana" of the article is that one
        qualified = {}
        for span, name, _ in found:
            head, _, tail = name.partition(",")  # "Pandi, Bulacan" as one entity
            prefer = self._qualified(tail.strip() or _next_name(span, after))
            if prefer:
                qualified.setdefault(fold(head.strip()), prefer)
        resolved = {}
        for span, name, broad in found:
            head = name.partition(",")[0].strip()
            place = self.resolve(head, qualified.get(fold(head), home), broad)
            if place:
                resolved[span] = place
        return draft.add(places=_merge(resolved))

    def mentions(self, doc):
        """Spans that may name a place, each with whether a town may match (else a
        country, region or state only)."""
        covered = set()
        for ent in doc.ents:
            covered.update(range(ent.start, ent.end))
            if not bare_name(ent.text)[:1].isupper():
                continue  # "swan", "cheddar": a common noun the model took for a place
            if ent.label_ in PLACE_LABELS or _after_locative(ent):
                yield ent, True
            elif ent.label_ in MISREAD_PLACE_LABELS and self.is_named(bare_name(ent.text), ent.label_):
                yield ent, False
        for span in self._untagged_names(doc, covered):
            yield span, False

    def is_named(self, name: str, label: str = "") -> bool:
        """Whether a name is a country or region, or (unless the model saw a person or a people
        in it: "Victoria", "Somali") a state."""
        key, gaz = fold(name), self.gazetteer
        if key in gaz.countries or key in gaz.regions:
            return True
        return label not in ("PERSON", "NORP") and any(a["primary"] for a in _admins(gaz, key))

    def _untagged_names(self, doc, covered: set):
        """Runs of capitalised tokens outside any entity that name a country, region or state."""
        named: dict[str, bool] = {}  # is_named by text: a long text repeats its capitalised runs

        def known(text: str) -> bool:
            if text not in named:
                named[text] = self.is_named(text)
            return named[text]

        i = 0
        while i < len(doc):
            for end in range(min(len(doc), i + MAX_NAME_TOKENS), i, -1):
                span = doc[i:end]
                if (not covered.intersection(range(i, end)) and _capitalised(span[0])
                        and _capitalised(span[-1]) and known(span.text)):
                    yield span
                    i = end - 1
                    break
            i += 1

    def home_country(self, names) -> str | None:
        """The country most named, directly or through a state whose name no other country
        uses for a state or a city ("Texas" votes, "Santa Ana" does not)."""
        votes, gaz = Counter(), self.gazetteer
        for name in names:
            key = fold(name)
            admins = [a for a in _admins(gaz, key) if a["primary"]]
            countries = {a["country"] for a in admins} | {c["country"] for c in gaz.cities.get(key, ())}
            if key in gaz.countries and not admins:
                votes[gaz.countries[key]["country"]] += 1
            elif admins and len(countries) == 1 and key not in gaz.countries:
                votes[admins[0]["country"]] += 1
        dominant = votes.most_common(1)
        return dominant[0][0] if dominant else None

    def _qualified(self, qualifier: str | None) -> tuple | None:
        """(country, admin1) of the state or country in "Santa Ana, California"."""
        place = self.resolve(qualifier, (None, None), broad=False) if qualifier else None
        return (place["country"], place["admin1"]) if place and place["country"] else None

    def resolve(self, name: str, prefer: tuple, broad: bool = True) -> dict | None:
        """The place a bare name means, tried in order from the most specific kind of name.
        prefer: (country, admin1) to choose between namesakes; broad: towns may match."""
        key, gaz = fold(name), self.gazetteer
        # 1. an airport or air base named in full
        if SITE_WORDS.search(name) and airport_key(name) in gaz.airports:
            return gaz.airports[airport_key(name)]
        # 2. a state of the preferred country that shares a foreign country's name ("Georgia")
        at_home = [a for a in _admins(gaz, key) if a["country"] == prefer[0] and a["primary"]]
        if at_home and key in gaz.countries and gaz.countries[key]["country"] != prefer[0]:
            return _record(at_home[0])
        # 3. a country, 4. a continent or region
        if key in gaz.countries:
            return gaz.countries[key]
        if key in gaz.regions:
            return gaz.regions[key]
        # 5. the best of the same-named states, provinces, counties and cities
        candidates = [a for a in _admins(gaz, key) if broad or a["primary"]]
        if broad:
            candidates += [*gaz.cities.get(key, ()), *gaz.counties.get(key, ())]
        if candidates:
            return _record(_city_over_its_state(max(candidates, key=lambda c: _rank(c, prefer)),
                                                candidates))
        # 6. a town, where the preferred country has one or all namesakes lie in one country
        towns = gaz.towns.get(key, ()) if broad else ()
        if len({t["country"] for t in towns}) == 1 or any(t["country"] == prefer[0] for t in towns):
            return _record(max(towns, key=lambda t: _rank(t, prefer)))
        # 7. the name without its kind: "Hebei province" -> "Hebei"
        bare = KIND_SUFFIX.sub("", name)
        return self.resolve(bare, prefer, broad) if bare != name else None


def _city_over_its_state(best: dict, candidates: list[dict]) -> dict:
    """A sizeable city wins over the state of its own country that bears its name."""
    if best["precision"] != "admin1":
        return best
    cities = [c for c in candidates if c.get("own_name") and c["country"] == best["country"]
              and c["population"] >= SAME_NAME_CITY_POPULATION]
    return max(cities, key=lambda c: c["population"]) if cities else best


def _admins(gaz, key: str) -> list[dict]:
    """Divisions of that name, less those named only by words of direction or kind."""
    if all(word in GENERIC_WORDS for word in key.split()):
        return []
    return gaz.admins.get(key, [])


def _capitalised(token) -> bool:
    return token.is_title or (token.is_upper and len(token) > 1)


def _next_name(span, ents_by_start: dict) -> str | None:
    """The entity right after ", " that follows a span: "California" in "Santa Ana, California"."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        ent = ents_by_start.get(span.end + 1)
        return bare_name(ent.text) if ent is not None else None
    return None


def _rank(candidate: dict, prefer: tuple) -> tuple:
    population = candidate.get("population", 0)
    if "primary" in candidate:
        tier = PRIMARY_ADMIN if candidate["primary"] else MINOR_ADMIN
    elif "own_name" not in candidate:  # a town or a county: no population known
        tier = MINOR_ADMIN
    elif population >= MAJOR_CITY_POPULATION:
        tier = MAJOR_CITY
    else:
        tier = CITY if candidate["own_name"] else CITY_BY_ALTERNATE_NAME
    in_admin1 = prefer[1] is not None and candidate["admin1"] == prefer[1]
    return (candidate["country"] == prefer[0], in_admin1, tier, population)


def _record(candidate: dict) -> dict:
    return {field: candidate[field] for field in RECORD_FIELDS}


def is_misread_place(ent) -> bool:
    """A PERSON/ORG entity whose name the gazetteer knows, after a locative preposition ("from
    Sevare") or as the one-word modifier of a common noun ("his Wilmington home", "the Manchester
    bombing", "Aurora police")."""
    key, gaz = fold(bare_name(ent.text)), load_gazetteer()
    return (_after_locative(ent) or _place_modifier(ent)) and (key in gaz.cities or key in gaz.admins)


def _place_modifier(ent) -> bool:
    return (ent.label_ in ("PERSON", "ORG") and len(ent) == 1 and ent.root.dep_ == "compound"
            and ent.root.head.pos_ == "NOUN" and ent.root.head.i > ent.root.i)


def _after_locative(ent) -> bool:
    return (ent.label_ in ("PERSON", "ORG") and ent.start > 0
            and ent.doc[ent.start - 1].lower_ in LOCATIVE_PREPOSITIONS)


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
