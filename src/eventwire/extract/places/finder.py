"""The places stage: toponyms -> GeoNames ids, coordinates, country, divisions and precision.

The cascade is described in the package's docstring (extract/places/__init__.py). The gazetteer
itself lives in `gazetteer.py` and `index.py`; no downloads.
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
# "the village of X", "X district": the words that make a capitalised name a place's.
FRAME_NOUNS = word_set("place_frame_nouns")
NAME_CONNECTORS = word_set("place_name_connectors")
FRAME_PREPOSITIONS = word_set("place_frame_prepositions")
OF_NOUNS = word_set("place_of_nouns") | FRAME_NOUNS  # "residents of X", "the village of X"
DATELINE_ENDS = {",", "(", "—", "–", "-"}  # "MONGO, Chad (AP) —", "ACCRA (Reuters) —"
ENTITY_CUTS = {"in", "and", ","}  # words that join two names in one misread entity
MISREAD_FOR_FRAMES = ("PERSON", "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART")
DIVISIONS = ("admin1", "admin2", "country", "region")
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
RECORD_FIELDS = ("name", "geonameid", "lat", "lon", "country", "admin1", "admin2", "admin1_name",
                 "admin2_name", "precision")
# Why a place has no GeoNames id, by its precision (places of every other kind have one).
NO_GEONAMEID = {
    "admin1": "a GeoNames first-level division, known by its code: the shipped division tables carry no ids",
    "admin2": "a GeoNames second-level division, known by its code: the shipped division tables carry no ids",
    "region": "a region of eventwire's own table (data/places_regions.tsv), not a GeoNames feature",
    "site": "an airport of the airportsdata package, not a GeoNames feature",
}
# Towns below this size are what a name means only where the article's country has one, or where
# all of its namesakes lie in one country (resolve, step 6); bigger ones anywhere (step 5). The
# size of the cities the gazetteer held before it held every place of 500 people or more.
TOWN_POPULATION = 15_000
# A second-level division this populous is named in news as a state is (the Philippines'
# provinces: "Bulacan", three million), also where the model took its name for an organisation.
KNOWN_DIVISION_POPULATION = 1_000_000


class PlaceFinder:
    """Holds the gazetteer (loaded once per process); resolves the doc's place names."""

    def __init__(self, options):
        self.gazetteer = load_gazetteer()

    def __call__(self, draft):
        found = [(span, bare_name(span.text), broad) for span, broad in self.mentions(draft.doc)]
        # a frame also speaks for a name only named so far as a state might be ("KATHMANDU, Nepal")
        framed = dict(self.framed(draft.doc, [span for span, _, broad in found if broad]))
        in_frames = {i for span in framed for i in range(span.start, span.end)}
        found = [f for f in found if not in_frames.intersection(range(f[0].start, f[0].end))]
        found += [(span, bare_name(span.text), True) for span in framed]
        country = self.home_country(name for _, name, _ in found)
        home = (country, self.home_admin1((name for _, name, _ in found), country))
        after = {ent.start: ent for ent in draft.doc.ents}
        # "Santa Ana, California" once: every "Santa Ana" of the article is that one
        qualified = {}
        for span, name, _ in found:
            head, _, tail = name.partition(",")  # "Pandi, Bulacan" as one entity
            prefer = self._qualified(tail.strip() or _next_name(span, after), home)
            if prefer:
                qualified.setdefault(fold(head.strip()), prefer)
        resolved = {}
        for span, name, broad in found:
            head = name.partition(",")[0].strip()
            how = framed.get(span)  # the frame says a place; only its own country's towns
            place = self.resolve(head, qualified.get(fold(head), home), broad, towns_abroad=how is None)
            if how == "division" and place and place["precision"] not in DIVISIONS:
                place = None  # "in Texas, Philmont said": a person, not a division of Texas
            if place:
                resolved[span] = place
        return draft.add(places=_merge(self._divisions_holding_others(resolved)))

    def _divisions_holding_others(self, resolved: dict) -> dict:
        """A city read for a name that also names a first-level division holding the article's
        other places becomes that division: "Ontario" beside Toronto is the province, not the
        Californian city. Not where the city lies in that division itself ("New York" beside
        Buffalo stays the city)."""
        held: dict[tuple, set[str]] = defaultdict(set)  # (country, admin1) -> the names placed there
        for span, place in resolved.items():
            if place["precision"] != "country" and place.get("admin1"):
                held[place["country"], place["admin1"]].add(fold(span.text))
        out = {}
        for span, place in resolved.items():
            if place["precision"] == "city":
                own = (place["country"], place.get("admin1"))
                holding = [a for a in _admins(self.gazetteer, fold(bare_name(span.text)))
                           if a["primary"] and a["own_name"] and (a["country"], a["admin1"]) != own
                           and held.get((a["country"], a["admin1"]), set()) - {fold(span.text)}]
                if holding:
                    place = _record(holding[0], self.gazetteer)
            out[span] = place
        return out

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

    def framed(self, doc, found: list):
        """Names the model tagged as no place, or not at all, that stand where a place's name
        stands and that the gazetteer knows: "in the village of Cellardyke", "Karo district",
        "near Bumbacari", "Bumbacari and Dudescu" beside a place, "Pandi, Bulacan"."""
        places = {i for span in found for i in range(span.start, span.end)}
        for span in _name_runs(doc):
            if places.intersection(range(span.start, span.end)):
                continue
            if _dateline(span):
                how = "frame"
            elif _not_a_name_here(span):
                continue
            else:
                how = "frame" if _in_frame(span) or _in_list(span, places) else (
                    "division" if _after_a_place(span, places) else None)
            if how and self._knows(bare_name(span.text)):
                places.update(range(span.start, span.end))  # a list goes on: "A, B and C"
                yield span, how

    def _knows(self, name: str) -> bool:
        key, gaz = fold(name), self.gazetteer
        return key in gaz.countries or key in gaz.regions or gaz.knows(key) or gaz.knows(
            fold(KIND_SUFFIX.sub("", name)))

    def is_named(self, name: str, label: str = "") -> bool:
        """Whether a name is a country or region, or (unless the model saw a person or a people
        in it: "Victoria", "Somali") a state or a populous second-level division ("Bulacan")."""
        key, gaz = fold(name), self.gazetteer
        if key in gaz.countries or key in gaz.regions:
            return True
        return label not in ("PERSON", "NORP") and any(
            a["own_name"] and (a["primary"] or a["population"] >= KNOWN_DIVISION_POPULATION)
            for a in _admins(gaz, key))

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
        named = Counter()  # countries named, also those a state shares a name with ("Georgia")
        for name in names:
            key = fold(name)
            admins = [a for a in _admins(gaz, key) if a["primary"]]
            countries = {a["country"] for a in admins} | {c["country"] for c in _cities(gaz, key)}
            if key in gaz.countries:
                named[gaz.countries[key]["country"]] += 1
            if key in gaz.countries and not admins:
                votes[gaz.countries[key]["country"]] += 1
            elif admins and len(countries) == 1 and key not in gaz.countries:
                votes[admins[0]["country"]] += 1
        # no clear vote: the country named most, even one a state shares its name with (a story
        # from Georgia names Georgia and its towns, and no American state votes against it)
        dominant = votes.most_common(1) or named.most_common(1)
        return dominant[0][0] if dominant else None

    def home_admin1(self, names, country: str | None) -> str | None:
        """The first-level division of the home country most named ("Texas", "Borno State"), by
        names no city bears, which chooses between the country's same-named counties and towns."""
        votes, gaz = Counter(), self.gazetteer
        for name in names:
            key = fold(name)
            if _cities(gaz, key):  # "Washington": the city, or the state?
                continue
            codes = {a["admin1"] for a in _admins(gaz, key) if a["primary"] and a["country"] == country}
            if len(codes) == 1:
                votes[codes.pop()] += 1
        dominant = votes.most_common(1)
        return dominant[0][0] if country and dominant else None

    def _qualified(self, qualifier: str | None, home: tuple) -> tuple | None:
        """(country, admin1) of the state or country in "Santa Ana, California" ("Blakely,
        Georgia" in an American story: the state)."""
        place = self.resolve(qualifier, (home[0], None), broad=False) if qualifier else None
        return (place["country"], place["admin1"]) if place and place["country"] else None

    def resolve(self, name: str, prefer: tuple, broad: bool = True, towns_abroad: bool = True) -> dict | None:
        """The place a bare name means, tried in order from the most specific kind of name.
        prefer: (country, admin1) to choose between namesakes; broad: towns may match;
        towns_abroad: a small town may match outside the preferred country (where all its
        namesakes lie in one country)."""
        key, gaz = fold(name), self.gazetteer
        # 1. an airport or air base named in full
        if SITE_WORDS.search(name) and airport_key(name) in gaz.airports:
            return _record(gaz.airports[airport_key(name)], gaz)
        # 2. a state of the preferred country that shares a foreign country's name ("Georgia")
        at_home = [a for a in _admins(gaz, key) if a["country"] == prefer[0] and a["primary"]]
        if at_home and key in gaz.countries and gaz.countries[key]["country"] != prefer[0]:
            return _record(at_home[0], gaz)
        # 3. a country, 4. a continent or region
        if key in gaz.countries:
            return _record(gaz.countries[key], gaz)
        if key in gaz.regions:
            return _record(gaz.regions[key], gaz)
        # 5. the best of the same-named divisions, cities and towns
        candidates = [a for a in _admins(gaz, key) if broad or a["primary"]]
        if broad:
            candidates += _cities(gaz, key)
            if not any(_major(c, prefer[0]) for c in candidates):  # "Innisfail": the home country's town
                candidates += _towns(gaz, key, prefer[0], towns_abroad)
            elif prefer[1] is not None and not any(_notable(c) for c in candidates):
                # "Palmer" in a story from Alaska: the home division's town, not Massachusetts'
                candidates += [t for t in _towns(gaz, key, prefer[0], False) if t["admin1"] == prefer[1]]
        if candidates:
            return _record(_city_over_its_state(max(candidates, key=lambda c: _rank(c, prefer)),
                                                candidates), gaz)
        # 6. the name without its kind: "Hebei province" -> "Hebei"
        bare = KIND_SUFFIX.sub("", name)
        return self.resolve(bare, prefer, broad, towns_abroad) if bare != name else None


def _city_over_its_state(best: dict, candidates: list[dict]) -> dict:
    """A sizeable city wins over the state of its own country that bears its name."""
    if best["precision"] != "admin1":
        return best
    cities = [c for c in candidates if c["precision"] == "city" and c["own_name"]
              and c["country"] == best["country"] and c["population"] >= SAME_NAME_CITY_POPULATION]
    return max(cities, key=lambda c: c["population"]) if cities else best


def _admins(gaz, key: str) -> tuple[dict, ...]:
    """Divisions of that name, less those named only by words of direction or kind."""
    if all(word in GENERIC_WORDS for word in key.split()):
        return ()
    return gaz.admins(key)


def _cities(gaz, key: str) -> list[dict]:
    """Populated places of that name of at least TOWN_POPULATION: what a bare name may mean
    anywhere."""
    return [c for c in gaz.cities(key) if c["population"] >= TOWN_POPULATION]


def _major(candidate: dict, home: str | None) -> bool:
    """What a name means before any small town of the article's country: a first-level division
    or a city of a million known by this very name ("Cairo" is Egypt's, not Illinois'), or a
    city of the article's own country. Not a city known by it only as an alternate name ("Yao"
    in Chad is no "Yaoundé"), nor a foreign city of a few hundred thousand (nor Japan's Yao)."""
    if not candidate["own_name"]:
        return False
    if candidate["precision"] != "city":
        return candidate["precision"] == "admin1"
    return candidate["population"] >= (TOWN_POPULATION if candidate["country"] == home
                                       else MAJOR_CITY_POPULATION)


def _notable(candidate: dict) -> bool:
    """A division, or a city of SAME_NAME_CITY_POPULATION or more: what a name means before a town
    of the article's home division that bears it ("Washington" in a story from Georgia)."""
    return candidate["precision"] != "city" or candidate["population"] >= SAME_NAME_CITY_POPULATION


def _towns(gaz, key: str, country: str | None, abroad: bool = True) -> list[dict]:
    """Smaller places known by that very name: those of the article's country, else (abroad)
    all of them where they lie in one country; none for a name of words of direction or kind."""
    if all(word in GENERIC_WORDS for word in key.split()):
        return []
    towns = [c for c in gaz.cities(key) if c["population"] < TOWN_POPULATION and c["own_name"]]
    at_home = [t for t in towns if t["country"] == country]
    return at_home or (towns if abroad and len({t["country"] for t in towns}) == 1 else [])


def _name_runs(doc):
    """Capitalised proper-noun runs outside the model's place entities, with the hyphens and
    small words inside names ("Al-Minya", "Ceamurlia de Jos"): each the longest run, and the
    model's person and organisation names as they are."""
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.ent_type_ in MISREAD_FOR_FRAMES and token.ent_iob_ == "B":
            ent = next(e for e in doc.ents if e.start == i)
            # the small model's "Berry in New South Wales", "Damasak and Gajiram": names apart
            cuts = [t.i for t in ent[1:-1] if t.lower_ in ENTITY_CUTS]
            starts, ends = [ent.start] + [c + 1 for c in cuts], cuts + [ent.end]
            yield from (doc[a:b] for a, b in zip(starts, ends) if b > a)
            i = ent.end
            continue
        # a dateline in capitals is a name whatever the tagger made of it ("TELA, Honduras": a NOUN)
        capitals = token.is_sent_start and token.is_upper and token.is_alpha and len(token) > 1
        if not ((_capitalised(token) and token.pos_ == "PROPN" or capitals) and not token.ent_type_):
            i += 1
            continue
        end = i + 1
        while end < len(doc):
            nxt = doc[end]
            if (capitals and nxt.is_upper and nxt.is_alpha and not nxt.ent_type_) or (
                    _capitalised(nxt) and nxt.pos_ == "PROPN" and not nxt.ent_type_):
                end += 1
            elif ((nxt.text == "-" or nxt.lower_ in NAME_CONNECTORS) and end + 1 < len(doc)
                  and _capitalised(doc[end + 1]) and not doc[end + 1].ent_type_):
                end += 2
            else:
                break
        yield doc[i:end]
        i = end


def _in_frame(span) -> bool:
    """ "in X", "between the X", "in upper X", "the village of X", "residents of X", "X district"
    (but not "X District Council")."""
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - 3):span.start]]
    if before[-1:] and before[-1] in FRAME_PREPOSITIONS:
        return True
    if before[-2:-1] and before[-2] in FRAME_PREPOSITIONS and (
            before[-1] == "the" or doc[span.start - 1].pos_ == "ADJ"):  # "in upper Adjara"
        return True
    if len(before) >= 2 and before[-1] == "of" and doc[span.start - 2].lemma_.lower() in OF_NOUNS:
        return True
    if span.end < len(doc) and doc[span.end].lemma_.lower() in FRAME_NOUNS:
        return not (span.end + 1 < len(doc) and _capitalised(doc[span.end + 1]))
    return False


def _dateline(span) -> bool:
    """The place of a dateline, in capitals at the head of a sentence: "MONGO, Chad (AP) —"."""
    doc = span.doc
    return (span[0].is_sent_start and all(t.is_upper or not t.is_alpha for t in span)
            and any(t.is_alpha and len(t) > 2 for t in span)
            and span.end < len(doc) and doc[span.end].text in DATELINE_ENDS)


def _in_list(span, places: set) -> bool:
    """In a list with a place: "Nandurbar and Dhule", "Cairo, Giza, and Al-Minya"."""
    return any(c.i in places for t in span for c in t.conjuncts)


def _after_a_place(span, places: set) -> bool:
    """After a place and a comma, where the division it lies in is named: "Pandi, Bulacan"."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].i in places


def _not_a_name_here(span) -> bool:
    """An acronym ("the CDC", "the UN"), or a name that qualifies the noun after it ("the Marburg
    virus", "the SOS release"): whatever it names, not a place here."""
    if all(t.is_upper or not t.is_alpha for t in span):
        return True
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    return (after is not None and after.pos_ == "NOUN" and after.is_lower
            and after.lemma_.lower() not in FRAME_NOUNS)


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
    if "primary" in candidate:  # "Kisumu": the town before "Kisumu County"
        tier = PRIMARY_ADMIN if candidate["primary"] and candidate.get("own_name", True) else MINOR_ADMIN
    elif candidate["population"] < TOWN_POPULATION:  # a town
        tier = MINOR_ADMIN
    elif population >= MAJOR_CITY_POPULATION:
        tier = MAJOR_CITY
    else:
        tier = CITY if candidate["own_name"] else CITY_BY_ALTERNATE_NAME
    in_admin1 = prefer[1] is not None and candidate["admin1"] == prefer[1]
    # a town before the district it names ("Konduga", "Konduga" LGA): the same size, the text's town
    return (candidate["country"] == prefer[0], in_admin1, tier, population, candidate["precision"] == "city")


def _record(candidate: dict, gaz) -> dict:
    """The Place record's fields of a candidate, with its divisions' names."""
    record = {field: candidate.get(field) for field in RECORD_FIELDS}
    if record["admin1"] is None and record["admin1_name"] and record["country"]:  # an airport
        record["admin1"] = gaz.admin1_code(record["country"], record["admin1_name"])
    if record["precision"] != "country" and record["precision"] != "region":
        record["admin1_name"], record["admin2_name"] = gaz.division_names(
            record["country"], record["admin1"], record["admin2"])
    if record["geonameid"] is None:
        record["geonameid_note"] = NO_GEONAMEID.get(record["precision"], "none in the gazetteer")
    return record


def is_misread_place(ent) -> bool:
    """A PERSON/ORG entity whose name the gazetteer knows, after a locative preposition ("from
    Sevare") or as the one-word modifier of a common noun ("his Wilmington home", "the Manchester
    bombing", "Aurora police")."""
    key, gaz = fold(bare_name(ent.text)), load_gazetteer()
    return (_after_locative(ent) or _place_modifier(ent)) and bool(_cities(gaz, key) or gaz.admins(key))


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
